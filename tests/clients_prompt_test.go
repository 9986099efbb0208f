package tests

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBracketedPasteOff: bind 'set enable-bracketed-paste off' (in
// pexpect 4.9's bashrc.sh, and the advice to expect users since bash 5.1
// turned bracketed paste on) stops the editor asking the terminal for
// it: no \e[?2004h before the prompt, no \e[?2004l after the line, so a
// client that matches the prompt and the output byte for byte sees
// exactly PS1 and what the command wrote. Pasted text with markers is
// still read as pasted.
// plainExchange types line and checks that exactly the line's echo, its
// output and the prompt came back, and no escape sequence since start.
func plainExchange(s *session, line, output, what string) {
	s.t.Helper()
	off := s.rawLen()
	s.Send(line + "\r")
	want := line + "\r\n" + output + "\r\n" + promptPS1
	if out := s.waitCount(off, promptPS1, 1); out != want {
		s.t.Errorf("%s: %q, want the echo, the output and the prompt: %q", what, out, want)
	}
	if raw := s.rawSince(0); strings.Contains(raw, "\x1b") {
		s.t.Errorf("%s: escape sequences: %q", what, raw)
	}
}

func TestBracketedPasteOff(t *testing.T) {
	home := t.TempDir()
	writeFiles(t, home, map[string]string{"rc": "bind 'set enable-bracketed-paste off'\n"})
	s := startSession(t, sessionConfig{Home: home, Args: []string{"--rcfile", filepath.Join(home, "rc")}})
	s.waitCount(0, promptPS1, 1)
	plainExchange(s, "echo hi", "hi", "a command with bracketed paste off")
	off := s.rawLen()
	s.Send("echo a\x1b[200~b\rc\x1b[201~\r")
	if out := s.waitCount(off, promptPS1, 1); !strings.Contains(out, "ab\r\nc\r\n") {
		t.Errorf("pasted text: %q", out)
	}
	// A subshell (a pipeline's stage) knows the setting, and that the
	// shell edits lines: no warning, as in bash.
	plainExchange(s, "bind -v | grep bracketed", "set enable-bracketed-paste off", "bind -v in a pipeline")
	// Turned on again, the prompt asks for it again.
	off = s.rawLen()
	s.Send("bind 'set enable-bracketed-paste on'\r")
	if out := s.waitCount(off, promptPS1, 1); !strings.Contains(out, "\x1b[?2004h"+promptPS1) {
		t.Errorf("bracketed paste on again: %q", out)
	}
}

// TestEmacsShellMode drives gosh as Emacs' M-x shell (comint) does: gosh
// -i on a pty with ECHO and ONLCR off, of no size (0 by 0), with TERM=dumb,
// INSIDE_EMACS and COLUMNS in the environment; lines are sent with "\n",
// C-c C-c interrupts the job. The shell must write its prompt and the
// output only (no escape sequence, no echo), and keep the COLUMNS Emacs
// gave (it was set to 0 from the pty's size), as bash does.
func TestEmacsShellMode(t *testing.T) {
	s := startSession(t, sessionConfig{Bin: "/bin/sh", Term: "dumb",
		Env:  []string{"INSIDE_EMACS=29.1,comint", "COLUMNS=100"},
		Args: []string{"-c", "stty -echo -onlcr rows 0 cols 0; exec " + requireGosh(t) + " --norc -i"}})
	s.waitCount(0, promptPS1, 1)
	for _, c := range []struct{ send, want string }{
		{"echo \"$COLUMNS ${LINES-unset} $TERM $INSIDE_EMACS\"\n", "100 unset dumb 29.1,comint\n" + promptPS1},
		{"for i in 1 2; do\n", promptPS2},
		{"echo $i; done\n", "1\n2\n" + promptPS1},
		{"sleep 30\n", ""},
		{"\x03", "\n" + promptPS1},
		{"echo $?\n", "130\n" + promptPS1},
	} {
		off := s.rawLen()
		s.Send(c.send)
		if c.want == "" {
			s.ProcByArgs("sleep 30")
			continue
		}
		if !poll(s.Timeout, func() bool { return strings.HasSuffix(s.rawSince(off), c.want) }) {
			t.Errorf("sent %q: got %q, want %q", c.send, s.rawSince(off), c.want)
		}
		if out := s.rawSince(off); out != c.want {
			t.Errorf("sent %q: got %q, want exactly %q", c.send, out, c.want)
		}
	}
	if raw := s.rawSince(0); strings.Contains(raw, "\x1b") {
		t.Errorf("escape sequences in Emacs' shell mode: %q", raw)
	}
}
