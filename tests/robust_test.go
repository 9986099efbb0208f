package tests

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Hostile input at an interactive prompt: what a user may type must never
// end the shell. Each case here once did (helper "robust").

// keyRow is keys typed at a prompt, and what the output up to the next
// prompt must hold.
type keyRow struct{ name, keys, want string }

// typeKeys types each row's keys and checks the output they give.
func typeKeys(t *testing.T, s *session, rows []keyRow) {
	t.Helper()
	for _, tt := range rows {
		s.Send(tt.keys)
		if out := s.WaitPrompt(); !strings.Contains(out, tt.want) {
			t.Errorf("%s: keys %q: output %q, want %q", tt.name, tt.keys, out, tt.want)
		}
	}
}

// TestViKeysPastTheEnd: vi command-mode keys that act on the character
// under the cursor, where there is none (an empty line, after $ or e on
// the last word), do what bash's vi mode does instead of ending gosh with
// an index out of range in the line editor: e on the last character stays
// there, $ goes to the last character (r then replaces it), r on an empty
// line does nothing. The test runs against bash too
// (GOSH_TEST_REFERENCE=bash).
func TestViKeysPastTheEnd(t *testing.T) {
	s := newSession(t)
	s.Run("set -o vi")
	typeKeys(t, s, []keyRow{
		{"e on the last character", "echo ab\x1be\r", "\nab\n"},
		{"e then p", "echo a\x1bep\r", "\na\n"},
		{"e to the last word's end", "echo abc def\x1b0eerX\r", "\nabX def\n"},
		{"$ then r", "echo ab\x1b$rX\r", "\naX\n"},
		{"r on an empty line", "\x1brXiecho r-done\r", "\nr-done\n"},
		{"x to the empty line, then r", "ab\x1bxxxxrZiecho x-done\r", "\nx-done\n"},
	})
	if out := s.Run("echo still-here"); !strings.Contains(out, "still-here") {
		t.Errorf("after the vi keys: %q", out)
	}
}

// TestDeleteKeyOnEmptyLine: the Delete key (ESC [ 3 ~, as a terminal sends
// it) on an empty line rings the bell and the shell stays, as in bash; it
// used to end gosh as Ctrl+D does. On a line it deletes the character under
// the cursor. The test runs against bash too (GOSH_TEST_REFERENCE=bash).
func TestDeleteKeyOnEmptyLine(t *testing.T) {
	s := newSession(t)
	s.Send("\x1b[3~")
	s.Send("echo still-here\r")
	if out := s.WaitPrompt(); !strings.Contains(out, "\nstill-here\n") {
		t.Errorf("after Delete on an empty line: output %q", out)
	}
	s.Send("echo abXc\x1b[D\x1b[D\x1b[3~\r")
	if out := s.WaitPrompt(); !strings.Contains(out, "\nabc\n") {
		t.Errorf("Delete under the cursor: output %q, want abc", out)
	}
	if s.Exited(0) {
		t.Errorf("the shell exited")
	}
}

// TestOpenPasteCtrlC: the start of a bracketed paste whose end never comes
// (typed by hand, or a terminal that died in the middle of a paste) held
// every key after it for ever; Ctrl+C now abandons it and the line, as in
// bash. The test runs against bash too (GOSH_TEST_REFERENCE=bash).
func TestOpenPasteCtrlC(t *testing.T) {
	s := newSession(t)
	s.Send("\x1b[200~echo pasted")
	s.Send("\x03")
	s.WaitPrompt()
	s.Send("echo after-paste\r")
	if out := s.WaitPrompt(); !strings.Contains(out, "\nafter-paste\n") || strings.Contains(out, "pasted") {
		t.Errorf("after Ctrl+C in an open paste: output %q", out)
	}
}

// TestHangupMidLine: a terminal that goes away while a line is being typed
// (the window closed, the connection lost) ends the shell without running
// the half-typed line, as bash does. The editor hands a line over at the
// end of its input as if Enter had been typed, and gosh ran it: here it
// would have made the file. The history is kept, and the job gets
// SIGHUP.
func TestHangupMidLine(t *testing.T) {
	home := t.TempDir()
	s := startSession(t, sessionConfig{Home: home})
	s.WaitPrompt()
	s.run("echo before-hangup")
	s.run("sleep 102 &")
	sleep := s.ProcByArgs("sleep 102")
	t.Cleanup(func() { syscall.Kill(sleep.Pid, syscall.SIGKILL) })
	s.Send("echo ran > half-typed")
	s.Expect("half-typed")
	s.HangUp()
	s.ExitStatus(s.Timeout)
	if _, err := os.Stat(filepath.Join(s.Dir, "half-typed")); err == nil {
		t.Errorf("the half-typed line ran after the hangup")
	}
	if got := historyLines(t, home); strings.Join(got, "|") != "echo before-hangup|sleep 102 &" {
		t.Errorf("history file after hangup: %q", got)
	}
	if !poll(s.Timeout, func() bool { return isZombie(sleep.Pid) || syscall.Kill(sleep.Pid, 0) != nil }) {
		t.Errorf("the background job outlived the hangup (bash sends it SIGHUP)")
	}
}

// TestViArgumentKeys: Enter or Ctrl+C typed as the argument of a vi
// command (f, r, d, c wait for one), or Ctrl+J (Enter to bash) and Ctrl+D
// as commands, froze the line editor for good: the terminal reader waits
// after those keys until the editor is done with them, and the command that read one never said so. Now they cancel the
// command, and Ctrl+C abandons the line, as in bash, whose output each
// row gives. The test runs against bash too (GOSH_TEST_REFERENCE=bash),
// but for the Ctrl+C.
func TestViArgumentKeys(t *testing.T) {
	s := newSession(t)
	s.Run("set -o vi")
	typeKeys(t, s, []keyRow{
		{"f then Enter", "echo abc\x1bf\recho X3\r", "\nao X3c\n"},
		{"r then Enter", "echo abc\x1br\recho X4\r", "\nao X4"},
		{"Ctrl+J in command mode", "echo ab\x1b\n", "\nab\n"},
	})
	if s.Name == "gosh" {
		// Ctrl+D in command mode deletes a character (bash runs the line).
		s.Send("echo abc\x1b\x04\x03")
		s.WaitPrompt()
		if out := s.Run("echo after-ctrl-d"); !strings.Contains(out, "after-ctrl-d") {
			t.Errorf("Ctrl+D in command mode: output %q", out)
		}
	}
	if s.Name == "bash" {
		return // bash's SIGINT comes in the middle of reading ESC d, and no prompt follows at once
	}
	s.Send("echo abc\x1bd")
	s.Expect("echo abc")
	s.Send("\x03")
	s.WaitPrompt()
	if out := s.Run("echo after-ctrl-c"); !strings.Contains(out, "after-ctrl-c") || strings.Contains(out, "abc") {
		t.Errorf("d then Ctrl+C: output %q, want the line abandoned", out)
	}
}
