package tests

import (
	"strings"
	"testing"
)

// TestUnfinishedCompoundAtPrompt: each unfinished compound command makes
// the prompt show PS2 for the next line, and the whole command is one
// history entry in its one-line form.
func TestUnfinishedCompoundAtPrompt(t *testing.T) {
	home := t.TempDir()
	s := startSession(t, sessionConfig{Home: home})
	s.WaitPrompt()
	commands := [][]string{
		{"if false", "then :", "fi"},
		{"while false", "do :", "done"},
		{"until :", "do :; done"},
		{"for i in 1 2", "do :", "done"},
		{"case x in", "y) :;;", "esac"},
		{"{ :", "}"},
		{"( :", ")"},
		{"f()", "{ :; }"},
		{"function g", "{ :; }"},
		{"for ((i=0; i<1; i++))", "do :; done"},
		{"[[ -n x &&", "-n y ]]"},
		{": <<EOF", "body", "EOF"},
	}
	for _, lines := range commands {
		for i, line := range lines {
			s.Send(line + "\r")
			if i < len(lines)-1 {
				s.WaitPS2()
			}
		}
		s.WaitPrompt()
	}
	want := []string{
		"if false; then :; fi",
		"while false; do :; done",
		"until :; do :; done",
		"for i in 1 2; do :; done",
		"case x in y) :;; esac",
		"{ :; }",
		"( : )",
		"f() { :; }",
		"function g() { :; }",
		"for ((i=0; i<1; i++)); do :; done",
		"[[ -n x && -n y ]]",
		"", // the here-document: checked below
	}
	got := historyLines(t, home)
	if len(got) != len(want) {
		t.Fatalf("history file has %d entries, want %d: %q", len(got), len(want), got)
	}
	for i := range len(want) - 1 {
		if got[i] != want[i] {
			t.Errorf("history entry %d = %q, want %q", i+1, got[i], want[i])
		}
	}
	// A here-document has no one-line form: the entry keeps its lines.
	if last := got[len(got)-1]; !strings.Contains(last, "<<EOF") || !strings.Contains(last, "body") {
		t.Errorf("here-document entry %q", last)
	}
}

// TestMisplacedReservedWord: a closing word where no construct is open is
// a syntax error naming it, with status 2, and the shell goes on.
func TestMisplacedReservedWord(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"echo a\nfi\necho b\n", "gosh: -c: line 2: syntax error near unexpected token `fi'\ngosh: -c: line 2: `fi'\n"},
		{"done", "gosh: -c: line 1: syntax error near unexpected token `done'\ngosh: -c: line 1: `done'\n"},
		{"echo a; }", "gosh: -c: line 1: syntax error near unexpected token `}'\ngosh: -c: line 1: `echo a; }'\n"},
		{"esac", "gosh: -c: line 1: syntax error near unexpected token `esac'\ngosh: -c: line 1: `esac'\n"},
		{"\n\n  then", "gosh: -c: line 3: syntax error near unexpected token `then'\ngosh: -c: line 3: `  then'\n"},
		{"while :; do", "gosh: -c: line 2: syntax error: unexpected end of file\n"},
	} {
		stdout, stderr, status := runGosh(t, "", "-c", tt.src)
		if stderr = asGosh(stderr); stderr != tt.want || status != 2 {
			t.Errorf("gosh -c %q: stderr %q status %d, want %q status 2", tt.src, stderr, status, tt.want)
		}
		if strings.HasPrefix(tt.src, "echo a\n") && stdout != "a\n" {
			t.Errorf("gosh -c %q: stdout %q, want the command before the error run", tt.src, stdout)
		}
	}
	s := newSession(t)
	s.run("echo one")
	s.run("echo two")
	out := s.run("fi")
	if !strings.Contains(out, "syntax error near unexpected token") || !strings.Contains(out, "fi") {
		t.Errorf("fi at the prompt printed %q", out)
	}
	// At the prompt, as in bash, neither a line number nor the line.
	if s.Name == "gosh" && out != "gosh: syntax error near unexpected token `fi'\n" {
		t.Errorf("fi as the third command printed %q", out)
	}
	if out := s.run("echo $?"); out != "2\n" {
		t.Errorf("status after the syntax error: %q", out)
	}
	s.Send("if true\r")
	s.WaitPS2()
	s.Send("then echo a; done\r")
	if out := s.WaitPrompt(); s.Name == "gosh" && !strings.Contains(out, "gosh: syntax error near unexpected token `done'\n") {
		t.Errorf("done on the second line of an if printed %q", out)
	}
}

// TestLongHereDocumentScript: a script with a 20,000-line here-document
// runs (the parser reads each line once; the speed is measured by the
// parser's benchmarks).
func TestLongHereDocumentScript(t *testing.T) {
	var b strings.Builder
	b.WriteString("wc -l <<EOF\n")
	for range 20000 {
		b.WriteString("a line of the here-document\n")
	}
	b.WriteString("EOF\necho after\n")
	stdout, stderr, status := runGosh(t, b.String())
	if stdout != "20000\nafter\n" || stderr != "" || status != 0 {
		t.Errorf("stdout %q stderr %q status %d", stdout, stderr, status)
	}
}

// TestCtrlCAndCtrlDAtPS2: Ctrl+C at a PS2 prompt inside an unfinished if
// discards the whole command ($? 130); Ctrl+D there is "unexpected end of
// file", and then the end of the input: the shell exits with status 2, as
// bash does.
func TestCtrlCAndCtrlDAtPS2(t *testing.T) {
	s := newSession(t)
	s.Send("if true\r")
	s.WaitPS2()
	s.Send("then echo should-not-run\r")
	s.WaitPS2()
	s.Send("\x03")
	if out := s.WaitPrompt(); strings.Contains(out, "should-not-run\n") {
		t.Errorf("the discarded command ran: %q", out)
	}
	if out := s.run("echo $?"); out != "130\n" {
		t.Errorf("$? after Ctrl+C at PS2 = %q, want 130", out)
	}
	s.Send("while false\r")
	s.WaitPS2()
	s.Send("\x04")
	s.Expect("syntax error: unexpected end of file")
	if st := s.ExitStatus(s.Timeout); st != 2 {
		t.Errorf("exit status after Ctrl+D at PS2: %d, want 2", st)
	}
}
