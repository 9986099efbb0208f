package tests

import "testing"

// TestExpandContinuation types the new multi-line constructs at the
// prompt: an array list, $'...' and ${...} left open go on at PS2, and the
// command runs once they are closed.
func TestExpandContinuation(t *testing.T) {
	s := newSession(t)
	s.Send("a=(one\r")
	s.Expect(promptPS2)
	s.Send("two)")
	if out := s.enter("two)"); out != "" {
		t.Errorf("array assignment printed %q", out)
	}
	if out := s.run(`echo "${a[1]}" ${#a[@]}`); out != "two 2\n" {
		t.Errorf("after a=(one<newline>two): %q", out)
	}
	s.Send("echo $'x\r")
	s.Expect(promptPS2)
	s.Send(`\ty'`)
	if out := s.enter(`\ty'`); out != "x\n\ty\n" {
		t.Errorf("$'...' across lines printed %q", out)
	}
	s.Send("echo {1..3} ${a[@]^^} <<< ignored |& cat\r")
	s.Expect("1 2 3 ONE TWO")
	s.WaitPrompt()
}
