package jobs

import (
	"fmt"
	"regexp"
	"strings"

	"gosh/jobs/lazy"
)

// Msg is one teaching text (a trace line, a sentence of explain, a
// heading) in every language gosh speaks, side by side where it is
// written:
//
//	tr.Shell(jobs.Msg{
//		En: "close(%d)  (the shell's copy; the child has its own)",
//		Ko: "close(%d)  (셸의 사본을 닫는다. 자식은 자기 것을 갖고 있다)",
//	}, fd)
//
// Both are fmt formats over the same arguments; the Korean one may take
// them in another order with explicit indexes (%[2]d). An argument that is
// itself a Msg is put in the same language. The terms of the Korean texts
// follow the course material: 수거 (reaping), 좀비, 고아, 슬립 상태,
// 프로세스 그룹, 세션, 제어 터미널, 포그라운드/백그라운드.
//
// TestMessagesHaveKorean (jobs/trace_msg_test.go) reads every Msg literal
// in the module's source and fails when one lacks its Korean, or when the
// two formats do not take the same arguments.
type Msg struct {
	En string // English
	Ko string // Korean
	// args are With's arguments: the text is formatted only when it is
	// asked for (In), so that a reason nobody prints costs no formatting.
	args *[]any
}

// Same is a text that reads the same in every language: a system call as
// strace writes it ("chdir(%q)"), or a message that is only words of the
// user or of the kernel ("%v"). TestMessagesHaveKorean allows it only for
// texts without English prose.
func Same(s string) Msg { return Msg{En: s, Ko: s} }

// In is m in lang ("ko" Korean, anything else English), with the
// arguments of With filled in.
func (m Msg) In(lang string) string {
	f := m.En
	if lang == "ko" && m.Ko != "" {
		f = m.Ko
	}
	if m.args == nil {
		return f
	}
	s := fmt.Sprintf(f, ArgsIn(lang, *m.args)...)
	if lang == "ko" {
		s = koParticles(s)
	}
	return s
}

// String is m in English.
func (m Msg) String() string { return m.In("en") }

// Format is fmt.Sprintf of m in lang, with every Msg argument in lang too;
// with no arguments, m in lang as it is (a text made by With is final: a
// % in it is a character, not a verb).
// In Korean, a particle written after a number is made to fit the number
// ("fd 1는" becomes "fd 1은"; see koParticles).
func (m Msg) Format(lang string, args ...any) string {
	if len(args) == 0 {
		return m.In(lang)
	}
	m = m.frozen()
	s := fmt.Sprintf(m.In(lang), ArgsIn(lang, args)...)
	if lang == "ko" {
		s = koParticles(s)
	}
	return s
}

// With is m with its arguments filled in, in both languages: a Msg that
// can be passed on (as the reason of a decision) and printed later in
// either. The formatting is done when the text is asked for.
func (m Msg) With(args ...any) Msg {
	m = m.frozen()
	m.args = &args
	return m
}

// frozen is m with With's arguments already in its texts, every % of
// them escaped, so that m can take arguments of its own.
func (m Msg) frozen() Msg {
	if m.args == nil {
		return m
	}
	return Msg{
		En: strings.ReplaceAll(m.In("en"), "%", "%%"),
		Ko: strings.ReplaceAll(m.In("ko"), "%", "%%"),
	}
}

// Join is the texts of parts in both languages, joined by sep.
func Join(parts []Msg, sep Msg) Msg {
	en := make([]string, len(parts))
	ko := make([]string, len(parts))
	for i, p := range parts {
		en[i], ko[i] = p.In("en"), p.In("ko")
	}
	return Msg{En: strings.Join(en, sep.En), Ko: strings.Join(ko, sep.In("ko"))}
}

// ArgsIn is args with every Msg (and every []Msg, joined by "; ") turned
// into its text in lang; other arguments are left as they are.
func ArgsIn(lang string, args []any) []any {
	var out []any
	for i, a := range args {
		var s string
		switch v := a.(type) {
		case Msg:
			s = v.In(lang)
		case []Msg:
			s = Join(v, Same("; ")).In(lang)
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = s
	}
	if out == nil {
		return args
	}
	return out
}

// particleAfterNumber finds a Korean particle written right after a
// number: the Korean texts write one form ("fd %d는", "%d가", "%d를",
// "%d와", "%d로", and the copula "%d다") and koParticles picks the form the number's reading
// takes, as a Korean reader says it (0 영, 1 일, 2 이, 3 삼, ...).
func particleAfterNumber() *regexp.Regexp { return particleAfterNumberValue.Get() }

var particleAfterNumberValue = lazy.Value[*regexp.Regexp]{Build: func() *regexp.Regexp {
	return regexp.MustCompile(`([0-9]+)(은|는|이|가|을|를|과|와|으로|로|다)([^가-힣]|$)`)
}}

// koParticles fixes the particles after numbers in a Korean text.
func koParticles(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	re := particleAfterNumber()
	return re.ReplaceAllStringFunc(s, func(m string) string {
		sub := re.FindStringSubmatch(m)
		num, particle, after := sub[1], sub[2], sub[3]
		final, rieul := numberBatchim(num)
		var pick string
		switch particle {
		case "은", "는":
			pick = choose(final, "은", "는")
		case "이", "가":
			pick = choose(final, "이", "가")
		case "을", "를":
			pick = choose(final, "을", "를")
		case "과", "와":
			pick = choose(final, "과", "와")
		case "다":
			pick = choose(final, "이다", "다")
		default: // 으로, 로: ㄹ takes 로 like a vowel
			pick = choose(final && !rieul, "으로", "로")
		}
		return num + pick + after
	})
}

func choose(final bool, withFinal, without string) string {
	if final {
		return withFinal
	}
	return without
}

// numberBatchim reports whether the Korean reading of the decimal number
// num ends in a final consonant (batchim), and whether that consonant is
// ㄹ: its last non-zero digit read as 영 일 이 삼 사 오 육 칠 팔 구, or
// the unit its trailing zeros make (십 백 천 만).
func numberBatchim(num string) (final, rieul bool) {
	zeros := 0
	for i := len(num) - 1; i >= 0 && num[i] == '0'; i-- {
		zeros++
	}
	if zeros == len(num) {
		return true, false // 영
	}
	if zeros > 0 {
		return true, false // 십, 백, 천, 만 ...: ㅂ, ㄱ, ㄴ
	}
	switch num[len(num)-1] {
	case '1', '7', '8':
		return true, true // 일, 칠, 팔
	case '3', '6':
		return true, false // 삼, 육
	}
	return false, false // 이, 사, 오, 구
}
