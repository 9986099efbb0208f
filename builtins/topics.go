package builtins

import (
	"embed"
	"strings"

	"gosh/jobs/lazy"
)

// Concept topics for `help TOPIC`: short explanations of what happens
// underneath a shell, each with a two-minute exercise to try in gosh.
// The texts are Markdown files embedded in the binary, one per topic and
// language: topics/en/NAME.md and topics/ko/NAME.md. Adding a language is
// adding a directory; adding a topic is adding a file in every language and
// its name to topicNames (topics_test.go fails when a file is missing).

//go:embed topics
var topicFiles embed.FS

// topicNames lists the topics in the order a course meets them.
var topicNames = []string{
	"processes", "fork-exec", "pipes", "process-groups", "sessions", "job-control",
	"signals", "wait-status", "zombies", "orphans", "nohup-disown", "states", "subshells",
}

// Languages are the languages gosh's teaching texts are written in (help,
// its topics, the labs, explain, the trace's explanations, the legends of
// procs); the first is the default. Shell.Lang (shell/lang.go) picks one;
// nothing changes the list.
var Languages = []string{"en", "ko"}

// TopicNames lists the concept topics that `help TOPIC` knows.
func TopicNames() []string { return append([]string(nil), topicNames...) }

// TopicText returns a topic's text in lang ("en" or "ko"), falling back to
// English when the language has no text for it.
func TopicText(name, lang string) (string, bool) {
	if !isTopic(name) {
		return "", false
	}
	for _, l := range []string{lang, Languages[0]} {
		if data, err := topicFiles.ReadFile("topics/" + l + "/" + name + ".md"); err == nil {
			return string(data), true
		}
	}
	return "", false
}

func isTopic(name string) bool {
	for _, n := range topicNames {
		if n == name {
			return true
		}
	}
	return false
}

// resolveLang is the language of a teaching text: forced (a builtin's
// --lang) when it names a known language, else the shell's one decision,
// Shell.Lang (set -o lang, else the locale: shell/lang.go).
func resolveLang(sh Shell, forced string) string {
	if KnownLang(forced) {
		return forced
	}
	if sh == nil {
		return Languages[0]
	}
	return sh.Lang()
}

// KnownLang reports whether gosh has teaching texts in l.
func KnownLang(l string) bool {
	for _, k := range Languages {
		if k == l {
			return true
		}
	}
	return false
}

// takeLangOption removes a leading "--lang LANG" or "--lang=LANG" from
// args. It reports a usage error for a missing or unknown language.
func takeLangOption(io IO, name string, args []string) (lang string, rest []string, ok bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		var v string
		switch {
		case a == "--lang":
			if i+1 >= len(args) {
				usageError(io, name, "--lang: option requires an argument")
				return "", nil, false
			}
			v = args[i+1]
			args = append(args[:i:i], args[i+2:]...)
		case strings.HasPrefix(a, "--lang="):
			v = strings.TrimPrefix(a, "--lang=")
			args = append(args[:i:i], args[i+1:]...)
		case a == "--" || !strings.HasPrefix(a, "-"):
			return lang, args, true
		default:
			continue
		}
		if !KnownLang(v) {
			usageError(io, name, v+": unknown language (known: "+strings.Join(Languages, ", ")+")")
			return "", nil, false
		}
		lang = v
		i--
	}
	return lang, args, true
}

// topicSummaries are the one-line descriptions `help` lists the topics
// with, per language, built at first use: most runs never list them.
func topicSummaries() map[string]map[string]string { return topicSummariesValue.Get() }

var topicSummariesValue = lazy.Value[map[string]map[string]string]{Build: func() map[string]map[string]string {
	return map[string]map[string]string{
		"en": {
			"processes":      "what a process is, and where to see one",
			"fork-exec":      "how a shell starts a program: fork (clone) then execve",
			"pipes":          "pipe(), dup2 and how a | b is wired",
			"process-groups": "one group per job; signals from the keyboard reach a group",
			"sessions":       "sessions, the controlling terminal and the foreground group",
			"job-control":    "Ctrl+Z, jobs, fg, bg and what the shell does for each",
			"signals":        "signals, their default actions and how to send them",
			"wait-status":    "what wait4 reports, and how $? is made from it (130, 137, ...)",
			"zombies":        "why a dead process stays as <defunct> until it is waited for",
			"orphans":        "what happens to a child whose parent exits first",
			"nohup-disown":   "SIGHUP when the terminal goes away, and how jobs survive it",
			"states":         "the state letters R S D Z T t X and what moves a process between them",
			"subshells":      "( ) against { }: why cd in a subshell leaves the shell where it was",
		},
		"ko": {
			"processes":      "프로세스란 무엇이고 어디서 볼 수 있는가",
			"fork-exec":      "셸이 프로그램을 시작하는 방법: fork(clone) 후 execve",
			"pipes":          "pipe(), dup2, 그리고 a | b 가 연결되는 방식",
			"process-groups": "작업마다 그룹 하나; 키보드 시그널은 그룹 전체에 간다",
			"sessions":       "세션, 제어 터미널, 포그라운드 그룹",
			"job-control":    "Ctrl+Z, jobs, fg, bg 와 그때 셸이 하는 일",
			"signals":        "시그널, 기본 동작, 시그널을 보내는 방법",
			"wait-status":    "wait4가 알려 주는 것과 $?(130, 137, ...)가 만들어지는 방법",
			"zombies":        "죽은 프로세스가 wait 될 때까지 <defunct>로 남는 이유",
			"orphans":        "부모가 먼저 종료한 자식에게 일어나는 일",
			"nohup-disown":   "터미널이 사라질 때의 SIGHUP과 작업이 살아남는 방법",
			"states":         "상태 문자 R S D Z T t X 와 상태가 바뀌는 계기",
			"subshells":      "( )와 { }: 서브셸 안의 cd가 셸을 옮기지 않는 이유",
		},
	}
}}

// TopicSummary is a topic's one-line description in lang.
func TopicSummary(name, lang string) string {
	if s, ok := topicSummaries()[lang][name]; ok {
		return s
	}
	return topicSummaries()[Languages[0]][name]
}
