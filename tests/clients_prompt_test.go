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
func TestBracketedPasteOff(t *testing.T) {
	home := t.TempDir()
	writeFiles(t, home, map[string]string{"rc": "bind 'set enable-bracketed-paste off'\n"})
	s := startSession(t, sessionConfig{Home: home, Args: []string{"--rcfile", filepath.Join(home, "rc")}})
	s.waitCount(0, promptPS1, 1)
	off := s.rawLen()
	s.Send("echo hi\r")
	out := s.waitCount(off, promptPS1, 1)
	if out != "echo hi\r\nhi\r\n"+promptPS1 {
		t.Errorf("a command with bracketed paste off: %q, want the echo, the output and the prompt only", out)
	}
	if raw := s.rawSince(0); strings.Contains(raw, "2004") {
		t.Errorf("bracketed paste asked for: %q", raw)
	}
	off = s.rawLen()
	s.Send("echo a\x1b[200~b\rc\x1b[201~\r")
	if out := s.waitCount(off, promptPS1, 1); !strings.Contains(out, "ab\r\nc\r\n") {
		t.Errorf("pasted text: %q", out)
	}
	// Turned on again, the prompt asks for it again.
	off = s.rawLen()
	s.Send("bind 'set enable-bracketed-paste on'\r")
	if out := s.waitCount(off, promptPS1, 1); !strings.Contains(out, "\x1b[?2004h"+promptPS1) {
		t.Errorf("bracketed paste on again: %q", out)
	}
}
