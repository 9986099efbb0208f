package tests

import (
	"fmt"
	"strings"
	"testing"
)

// Programs drive shells through a pty: pexpect's replwrap (the base of
// Jupyter's bash kernel), expect scripts, autograders. They wait for the
// prompt, send a line, and take everything up to the next prompt as the
// line's output. These tests drive gosh the same ways and check what such
// a client relies on: the prompt appears exactly once per command, typed
// text is echoed as typed (or not at all with ECHO off), and nothing else
// is drawn.

// rawSince returns the raw pty output from offset on.
func (s *session) rawSince(off int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.raw[min(off, len(s.raw)):])
}

// rawLen is the length of the raw output so far.
func (s *session) rawLen() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.raw)
}

// waitCount waits until the raw output from off on holds n copies of
// marker, and returns it.
func (s *session) waitCount(off int, marker string, n int) string {
	s.t.Helper()
	var out string
	if !poll(s.Timeout, func() bool {
		out = s.rawSince(off)
		return strings.Count(out, marker) >= n
	}) {
		s.t.Fatalf("timed out waiting for %d× %q; output:\n%q", n, marker, out)
	}
	return out
}

// clientCommands are the commands a client sends: short and long lines
// (a line of 32 bytes or more arrives as one write and once made gosh draw
// the prompt again), quotes, a failing command.
func clientCommands() (cmds, outs []string) {
	for i := 0; i < 19; i++ {
		switch i % 4 {
		case 0:
			cmds = append(cmds, fmt.Sprintf("echo hello %d", i))
			outs = append(outs, fmt.Sprintf("hello %d\r\n", i))
		case 1:
			long := strings.Repeat("x", 40+i)
			cmds = append(cmds, fmt.Sprintf("echo %d %s", i, long))
			outs = append(outs, fmt.Sprintf("%d %s\r\n", i, long))
		case 2:
			cmds = append(cmds, fmt.Sprintf("printf '%%s-%%s\\n' 'a b' %d", i))
			outs = append(outs, fmt.Sprintf("a b-%d\r\n", i))
		case 3:
			cmds = append(cmds, "false; echo status=$?")
			outs = append(outs, "status=1\r\n")
		}
	}
	return cmds, outs
}

// TestReplwrapClient drives gosh as pexpect's replwrap does: the terminal's
// ECHO flag is off (pexpect.spawn(echo=False)); the first line sets new
// prompts; then 20 commands, one of which continues on a PS2 line, each
// sent as one write once the prompt is seen. The prompt must appear exactly
// once per command, the continuation prompt once, and no typed text may be
// echoed (replwrap stops with "Continuation prompt found" when the set-up
// line comes back echoed, since it holds both prompts).
func TestReplwrapClient(t *testing.T) {
	for _, termName := range []string{"xterm", "dumb"} {
		t.Run(termName, func(t *testing.T) {
			s := startSession(t, sessionConfig{Bin: "/bin/sh", Term: termName,
				Args: []string{"-c", "stty -echo; exec " + requireGosh(t) + " --norc"}})
			s.waitCount(0, promptPS1, 1)
			const ps1, ps2 = "[PEXPECT]# ", "[PEXPECT]+ "
			off := s.rawLen()
			s.Send("PS1='" + ps1 + "' PS2='" + ps2 + "' PROMPT_COMMAND=''\n")
			out := s.waitCount(off, ps1, 1)
			if strings.Contains(out, "PEXPECT]+") || strings.Contains(out, "PS1=") {
				t.Fatalf("the set-up line was echoed: %q", out)
			}
			cmds, outs := clientCommands()
			for i, cmd := range cmds {
				off := s.rawLen()
				s.Send(cmd + "\n")
				out := s.waitCount(off, ps1, 1)
				if strings.Contains(out, cmd) {
					t.Errorf("command %d echoed with ECHO off: %q", i, out)
				}
				if !strings.Contains(out, outs[i]) {
					t.Errorf("command %d %q: output %q lacks %q", i, cmd, out, outs[i])
				}
				if n := strings.Count(out, "[PEXPECT]"); n != 1 {
					t.Errorf("command %d: %d prompts in %q", i, n, out)
				}
			}
			// The 20th command continues on a PS2 line.
			off = s.rawLen()
			s.Send("echo one |\n")
			out = s.waitCount(off, ps2, 1)
			s.Send("tr a-z A-Z\n")
			out = s.waitCount(off, ps1, 1)
			if strings.Count(out, ps2) != 1 || strings.Count(out, ps1) != 1 || !strings.Contains(out, "ONE\r\n") ||
				strings.Contains(out, "tr a-z") {
				t.Errorf("continued command: %q", out)
			}
		})
	}
}

// TestExpectClient drives gosh as an expect script does: the terminal
// echoes (ECHO on), and each command is typed right after the prompt, as
// one write (expect's send), key by key, or typed ahead while a job runs.
// Each time the prompt must appear exactly once, and the echo must be the
// line as typed: "PROMPT$ cmd\r\n", with no erase or redraw in between.
func TestExpectClient(t *testing.T) {
	for _, termName := range []string{"xterm", "dumb"} {
		t.Run(termName, func(t *testing.T) {
			s := startSession(t, sessionConfig{Term: termName})
			s.waitCount(0, promptPS1, 1)
			cmds, outs := clientCommands()
			cmds = append(cmds, "echo last one")
			outs = append(outs, "last one\r\n")
			for i, cmd := range cmds {
				off := s.rawLen()
				if i%5 == 4 {
					for _, k := range cmd + "\r" {
						s.Send(string(k))
					}
				} else {
					s.Send(cmd + "\r")
				}
				out := s.waitCount(off, promptPS1, 1)
				if !strings.HasPrefix(out, cmd+"\r\n") {
					t.Errorf("command %d: echo is not the line as typed: %q", i, out)
				}
				if !strings.Contains(out, outs[i]) {
					t.Errorf("command %d %q: output %q lacks %q", i, cmd, out, outs[i])
				}
				if n := strings.Count(out, promptPS1); n != 1 || strings.Contains(out, "\x1b[2K") {
					t.Errorf("command %d: %d prompts (or a redraw) in %q", i, n, out)
				}
			}
			// A command continued on a PS2 line: each prompt once.
			off0 := s.rawLen()
			s.Send("echo one |\r")
			s.waitCount(off0, promptPS2, 1)
			s.Send("tr a-z A-Z\r")
			out0 := s.waitCount(off0, promptPS1, 1)
			if !strings.HasPrefix(out0, "echo one |\r\n") || strings.Count(out0, promptPS2) != 1 ||
				!strings.Contains(out0, promptPS2+"tr a-z A-Z\r\n") || !strings.Contains(out0, "ONE\r\n") {
				t.Errorf("continued command: %q", out0)
			}
			// Typed ahead while a job runs: the terminal (in line mode
			// then) echoes it once, the prompt comes once for each line,
			// and the editor shows the typed-ahead line after its prompt.
			off := s.rawLen()
			s.Send("sleep 0.3\recho ahead\r")
			out := s.waitCount(off, promptPS1, 2)
			if n := strings.Count(out, promptPS1); n != 2 || !strings.Contains(out, "ahead\r\n") {
				t.Errorf("typed ahead: %d prompts in %q", n, out)
			}
		})
	}
}

// TestBracketedPaste: as in bash 5.1, the readline editor turns bracketed
// paste on while the prompt is shown; pasted text, newlines and all, goes
// into the line and runs only on Enter. With TERM=dumb, where the terminal
// is not asked for it, the markers are still understood.
func TestBracketedPaste(t *testing.T) {
	for _, termName := range []string{"xterm", "dumb"} {
		t.Run(termName, func(t *testing.T) {
			s := startSession(t, sessionConfig{Term: termName})
			s.waitCount(0, promptPS1, 1)
			if termName == "xterm" && !strings.Contains(s.rawSince(0), "\x1b[?2004h"+promptPS1) {
				t.Errorf("bracketed paste not turned on at the prompt: %q", s.rawSince(0))
			}
			off := s.rawLen()
			s.Send("echo a\x1b[200~$((1+1))\recho c\x1b[201~")
			// The pasted text is on the line (echoed) but has not run.
			s.waitCount(off, "echo c", 1)
			s.Send(" d")
			s.waitCount(off, " d", 1)
			if out := s.rawSince(off); strings.Contains(out, "a2") || strings.Count(out, promptPS1) > 0 {
				t.Fatalf("pasted text ran before Enter: %q", out)
			}
			s.Send("\r")
			out := s.waitCount(off, promptPS1, 1)
			if !strings.Contains(out, "a2\r\nc d\r\n") {
				t.Errorf("after Enter: %q, want the output a2, c d", out)
			}
			if termName == "xterm" && !strings.Contains(out, "\x1b[?2004l") {
				t.Errorf("bracketed paste not turned off for the command: %q", out)
			}
		})
	}
}

// TestKeyByKeyEcho types lines one key at a time, each key once the
// previous one is echoed, as a person or an expect script with a send
// delay does. Each key must be echoed as itself: no erase, no second
// prompt. (The editor's reader asks for the next key from its own
// goroutine; when that came between the erase and the drawing of a redraw,
// the erase went out alone and the drawing became a full redraw of the
// prompt, in about 2 of 5 such lines.)
func TestKeyByKeyEcho(t *testing.T) {
	s := startSession(t, sessionConfig{Term: "xterm"})
	s.waitCount(0, promptPS1, 1)
	for i := 0; i < 3; i++ {
		line := fmt.Sprintf("echo %d %s", i, strings.Repeat("y", 50))
		off := s.rawLen()
		for j, k := range line {
			s.Send(string(k))
			s.waitCount(off, line[:j+1], 1)
		}
		s.Send("\r")
		out := s.waitCount(off, promptPS1, 1)
		if !strings.HasPrefix(out, line+"\r\n") || strings.Count(out, promptPS1) != 1 || strings.Contains(out, "\x1b[2K") {
			t.Errorf("line %d typed key by key: %q, want the keys echoed as typed and one prompt", i, out)
		}
	}
}
