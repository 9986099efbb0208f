package builtins

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// hasHangul reports whether s has a Hangul syllable: a text that is meant
// to be Korean and has none is an English one left behind.
func hasHangul(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
}

// optionFlag finds the single-letter options an English help text
// documents at the start of a line ("-n  ...", "  -e FILE ...").
var optionFlag = regexp.MustCompile(`(?m)^\s*([-+][a-zA-Z])\b`)

// Every builtin has its help in both languages: a Korean summary and a
// Korean description wherever there is an English one, in Hangul, naming
// every option the English documents. A new builtin without Korean help
// fails here.
func TestEveryBuiltinHasKoreanHelp(t *testing.T) {
	for _, b := range All() {
		if s, ok := summaryKo()[b.Name]; !ok || !hasHangul(s) {
			t.Errorf("builtin %s has no Korean summary (summaryKo, help_ko.go)", b.Name)
		}
		if b.Help == "" {
			continue
		}
		ko, ok := helpKo()[b.Name]
		if !ok || !hasHangul(ko) {
			t.Errorf("builtin %s has no Korean help (helpKo, help_ko_text.go)", b.Name)
			continue
		}
		for _, m := range optionFlag.FindAllStringSubmatch(b.Help, -1) {
			if !strings.Contains(ko, m[1]) {
				t.Errorf("help %s documents %s in English, not in Korean", b.Name, m[1])
			}
		}
		full := builtinHelpIn(b, "ko")
		if strings.Contains(full, b.Summary) || !strings.Contains(full, ko[:strings.IndexByte(ko+"\n", '\n')]) {
			t.Errorf("help --lang ko %s is not its Korean help:\n%s", b.Name, full)
		}
	}
	for name := range helpKo() {
		if _, ok := Lookup(name); !ok {
			t.Errorf("helpKo has %s, which is no builtin", name)
		}
	}
	for name := range summaryKo() {
		if _, ok := Lookup(name); !ok {
			t.Errorf("summaryKo has %s, which is no builtin", name)
		}
	}
}

// Every topic and every lab text exists in both languages, and the Korean
// one is Korean.
func TestTeachingTextsInBothLanguages(t *testing.T) {
	for _, name := range TopicNames() {
		for _, lang := range Languages {
			data, err := topicFiles.ReadFile("topics/" + lang + "/" + name + ".md")
			if err != nil {
				t.Errorf("topic %s has no %s text: %v", name, lang, err)
				continue
			}
			if lang == "ko" && !hasHangul(string(data)) {
				t.Errorf("topic %s: the Korean text has no Hangul", name)
			}
			if s, ok := topicSummaries()[lang][name]; !ok || (lang == "ko" && !hasHangul(s)) {
				t.Errorf("topic %s has no %s summary", name, lang)
			}
		}
	}
	labs, err := embeddedLabs()
	if err != nil {
		t.Fatal(err)
	}
	both := func(where string, m map[string]string) {
		t.Helper()
		if m["en"] == "" && m["ko"] == "" {
			return
		}
		if m["en"] == "" || !hasHangul(m["ko"]) {
			t.Errorf("%s: en %q, ko %q: want both languages", where, m["en"], m["ko"])
		}
	}
	for _, l := range labs {
		both("lab "+l.Name+" title", l.Title)
		both("lab "+l.Name+" summary", l.Summary)
		both("lab "+l.Name+" intro", l.Intro)
		for i, st := range l.Steps {
			where := "lab " + l.Name + " step " + string(rune('1'+i))
			both(where+" text", st.Text)
			both(where+" hint", st.Hint)
			both(where+" done", st.Done)
		}
	}
	for key, en := range labMessages()["en"] {
		if ko := labMessages()["ko"][key]; en != "" && !hasHangul(ko) {
			t.Errorf("lab message %s has no Korean", key)
		}
	}
}

// help --lang ko with no topic is the index in Korean: every builtin's
// Korean summary, every topic's Korean summary, and the columns line up
// by display width.
func TestHelpIndexKoreanComplete(t *testing.T) {
	idx := helpIndex("ko")
	for _, b := range All() {
		if !strings.Contains(idx, summaryKo()[b.Name]) {
			t.Errorf("help --lang ko does not list %s in Korean", b.Name)
		}
	}
	for _, name := range TopicNames() {
		if !strings.Contains(idx, TopicSummary(name, "ko")) {
			t.Errorf("help --lang ko does not list topic %s in Korean", name)
		}
	}
	for _, line := range strings.Split(idx, "\n") {
		if strings.HasPrefix(line, "  ") && !hasHangul(line) {
			t.Errorf("help --lang ko: an English line %q", line)
		}
	}
}

// optionLine is a line of an option table: the option (and its argument),
// two or more spaces, its description.
var optionLine = regexp.MustCompile(`^(\s*[-+][^ ].*?\S)  +\S`)

// hangingIndents lists the indents of a help text's continuation lines
// that do not start under the description of the option line above them,
// measured in display columns (a Hangul syllable takes two).
func hangingIndents(text string) map[int]bool {
	odd := map[int]bool{}
	col := -1
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		if m := optionLine.FindStringSubmatchIndex(line); m != nil {
			rest := line[m[3]:]
			col = displayWidth(line[:m[3]]) + len(rest) - len(strings.TrimLeft(rest, " "))
			continue
		}
		if indent > 4 && col >= 0 && indent != col {
			odd[indent] = true
		}
		if indent == 0 {
			col = -1
		}
	}
	return odd
}

// The option tables of the Korean help line up as the English ones do: a
// continuation line starts under its option's description (by display
// width), unless the English uses that hanging indent too.
func TestKoreanHelpColumnsLineUp(t *testing.T) {
	for _, b := range All() {
		en := hangingIndents(b.Help)
		for indent := range hangingIndents(helpKo()[b.Name]) {
			if !en[indent] {
				t.Errorf("help --lang ko %s: a continuation line indented %d does not line up with its option's description", b.Name, indent)
			}
		}
	}
}
