package tests

import (
	"testing"
	"time"
)

// TestPromptCommand: an interactive shell runs $PROMPT_COMMAND before each
// primary prompt, as bash: the value, or each element of an array, with $?
// as the user's last command left it (for each element, and for PS1 after
// them), $_ kept, nothing of it in history; exit in it ends the shell.
// Runs against bash with GOSH_TEST_REFERENCE=bash.
func TestPromptCommand(t *testing.T) {
	s := newSession(t)
	if out := s.run(`PROMPT_COMMAND=(false 'echo "pc $?"')`); out != "pc 0\n" {
		t.Errorf("the first prompt after setting it: %q", out)
	}
	if out := s.run("(exit 3)"); out != "pc 3\n" {
		t.Errorf("after (exit 3): %q", out)
	}
	if out := s.run("echo $?"); out != "3\npc 0\n" {
		t.Errorf("$? after PROMPT_COMMAND ran: %q", out)
	}
	if out := s.run(": last"); out != "pc 0\n" {
		t.Errorf("after : last: %q", out)
	}
	if out := s.run(`echo "$_"`); out != "last\npc 0\n" {
		t.Errorf("$_ after PROMPT_COMMAND ran: %q", out)
	}
	if out := s.run("unset PROMPT_COMMAND; PROMPT_COMMAND='echo one'"); out != "one\n" {
		t.Errorf("a plain value: %q", out)
	}
	if out := s.run("history 2 | grep -c 'echo one$'"); out != "0\none\n" {
		t.Errorf("PROMPT_COMMAND in history: %q", out)
	}
	s.SendLine("PROMPT_COMMAND='exit 7'")
	if st := s.ExitStatus(10 * time.Second); st != 7 {
		t.Errorf("exit in PROMPT_COMMAND: status %d, want 7", st)
	}
}
