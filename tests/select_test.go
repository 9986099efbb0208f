package tests

import (
	"strings"
	"testing"
)

// select at the terminal, typed as a user types it: the menu and the PS3
// prompt appear, a number runs the body with the chosen word and REPLY, an
// empty line shows the menu again, and Ctrl+D (the end of the input) ends
// the loop with status 1. In a 40-column terminal the menu is laid out in
// columns as bash lays it out. The test runs against bash too
// (GOSH_TEST_REFERENCE=bash).
func TestSelectAtTerminal(t *testing.T) {
	s := newSession(t)
	s.Send(`COLUMNS=40; select x in alpha beta gamma delta epsilon zeta eta theta iota; do echo "got [$x] [$REPLY]"; done` + "\r")
	s.Expect("1) alpha    4) delta\t7) eta\n2) beta\t    5) epsilon\t8) theta\n3) gamma    6) zeta\t9) iota\n")
	s.Expect("#? ")
	s.Send("2\r")
	s.Expect("got [beta] [2]")
	s.Expect("#? ")
	if strings.Contains(s.Pending(), "alpha") {
		t.Errorf("the menu was shown again after an answer: %q", s.Pending())
	}
	s.Send("\r")
	s.Expect("1) alpha")
	s.Expect("#? ")
	s.Send("nine\r")
	s.Expect("got [] [nine]")
	s.Expect("#? ")
	s.Send("\x04") // Ctrl+D: the end of the input
	s.WaitPrompt()
	if out := s.run(`echo "st=$?"`); !strings.Contains(out, "st=1") {
		t.Errorf("after Ctrl+D at the select prompt: %q, want status 1", out)
	}
	// (PS3 is written $'which\x3f ' so that the echo of the command line
	// does not show "which? " before select has started.)
	s.Send(`PS3=$'which\x3f '; select y in one two; do echo "chose $y"; break; done; echo "after $?"` + "\r")
	s.Expect("which? ")
	s.Send("1\r")
	s.Expect("chose one")
	s.Expect("after 0")
	s.WaitPrompt()
}

// Ctrl+C at the select prompt ends the loop and the rest of the command
// line, with status 130, as in bash. The test runs against bash too
// (GOSH_TEST_REFERENCE=bash).
func TestSelectInterrupted(t *testing.T) {
	s := newSession(t)
	s.Send(`select x in a b; do echo "[$x]"; done; echo "after $?"` + "\r")
	s.Expect("2) b")
	s.Expect("#? ")
	s.Send("\x03")
	if before := s.WaitPrompt(); strings.Contains(before, "after") {
		t.Errorf("the rest of the command line ran after Ctrl+C: %q", before)
	}
	out := s.run(`echo "st=$?"`)
	if !strings.Contains(out, "st=130") {
		t.Errorf("after Ctrl+C at the select prompt: %q, want status 130", out)
	}
}
