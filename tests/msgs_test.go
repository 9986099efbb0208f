package tests

import (
	"strings"
	"testing"
)

// TestMessageNamesOnTerminal: a name from outside that holds control
// characters never reaches the terminal raw in a message. cd and "command
// not found" quote it as bash does ($'...'); the messages that bash
// writes raw (type, a redirection, source) show the characters in caret
// notation on a terminal (in a file they stay as bash writes them: the
// rows of testdata/oneliners/msgs.txt).
func TestMessageNamesOnTerminal(t *testing.T) {
	s := newSession(t)
	off := s.rawLen()
	s.run(`type $'t\e]0;T1\a'; cat < $'r\e[2J'; . $'s\e[31m'; cd $'c\e]0;T2\a'; $'n\e]0;T3\a'; echo end-$((6*7))`)
	if !poll(s.Timeout, func() bool { return strings.Contains(s.rawSince(off), "end-42") }) {
		t.Fatalf("no end-42 in:\n%q", s.rawSince(off))
	}
	raw := s.rawSince(off)
	for _, bad := range []string{"\x1b]0;T1", "\x1b[2J", "\x1b[31m", "\x1b]0;T2", "\x1b]0;T3"} {
		if strings.Contains(raw, bad) {
			t.Errorf("a message sent %q raw to the terminal:\n%q", bad, raw)
		}
	}
	for _, want := range []string{
		"type: t^[]0;T1^G: not found",
		"r^[[2J: No such file or directory",
		"s^[[31m: No such file or directory",
		`cd: $'c\E]0;T2\a': No such file or directory`,
		`$'n\E]0;T3\a': command not found`,
	} {
		if !strings.Contains(raw, want) {
			t.Errorf("no %q in the output:\n%q", want, raw)
		}
	}
}
