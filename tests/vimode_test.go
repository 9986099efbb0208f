package tests

import (
	"strings"
	"testing"
)

// TestViMode: set -o vi at a prompt switches the line editor to vi keys, as
// in bash: a line starts in insert mode, ESC goes to command mode (the
// cursor one to the left), where 0 $ h b w move, x deletes, r replaces,
// cw changes, a i I insert, k walks the history; an arrow key (one
// sequence, as a terminal sends it) still works in insert mode. set -o
// emacs switches back (Ctrl+A goes to the start of the line again). The
// test runs against bash too (GOSH_TEST_REFERENCE=bash).
func TestViMode(t *testing.T) {
	s := newSession(t)
	s.Run("set -o vi")
	if out := s.Run("set -o | grep -w vi"); !strings.Contains(out, "on") {
		t.Fatalf("set -o after set -o vi: %q", out)
	}
	// "xecho abc", ESC, 0 (start of line), x (delete the x), $ (end of
	// line), a (append) "d", Enter: the line run is "echo abcd".
	s.Send("xecho abc")
	s.Send("\x1b")
	s.Send("0x$ad\r")
	if out := s.WaitPrompt(); !strings.Contains(out, "\nabcd\n") || strings.Contains(out, "not found") {
		t.Errorf("vi edit of \"xecho abc\": output %q, want abcd", out)
	}
	// I inserts at the start of the line: "2", ESC, I "echo 1", Enter.
	s.Send("2\x1bIecho 1\r")
	if out := s.WaitPrompt(); !strings.Contains(out, "\n12\n") {
		t.Errorf("vi I: output %q, want 12", out)
	}
	// ESC leaves the cursor on the last character typed, as in bash: x
	// deletes it, i inserts before it, cw changes the word from there.
	for _, tt := range []struct{ keys, want string }{
		{"echo abcz\x1bx\r", "abc"},
		{"echo 2\x1bi1\r", "12"},
		{"echo xyz\x1bhhx\r", "yz"},
		{"echo one two\x1bbcwTWO\x1b\r", "one TWO"},
		{"echo ab\x1b0wrX\r", "Xb"},
	} {
		s.Send(tt.keys)
		if out := s.WaitPrompt(); !strings.Contains(out, "\n"+tt.want+"\n") {
			t.Errorf("vi keys %q: output %q, want %q", tt.keys, out, tt.want)
		}
	}
	// k in command mode brings back the previous line; Enter runs it.
	s.Send("\x1bk\r")
	if out := s.WaitPrompt(); !strings.Contains(out, "\nXb\n") {
		t.Errorf("vi k (history): output %q, want Xb again", out)
	}
	// Up arrow in insert mode, as the terminal sends it: the previous line.
	s.Send("\x1b[A")
	s.Send("\r")
	if out := s.WaitPrompt(); !strings.Contains(out, "\nXb\n") {
		t.Errorf("Up arrow in vi insert mode: output %q, want Xb again", out)
	}
	// Back to emacs keys: Ctrl+A goes to the start of the line.
	s.Run("set -o emacs")
	s.Send("cho e\x01e\r")
	if out := s.WaitPrompt(); !strings.Contains(out, "\ne\n") || strings.Contains(out, "not found") {
		t.Errorf("emacs Ctrl+A after set -o emacs: output %q, want e", out)
	}
	if out := s.Run("set -o | grep -w vi"); !strings.Contains(out, "off") {
		t.Errorf("set -o after set -o emacs: %q", out)
	}
}
