package tests

import (
	"os/exec"
	"strings"
	"testing"
)

// The harness is checked on its own, and against bash, so that a failing
// gosh test can be trusted to be about gosh.

func TestParseStat(t *testing.T) {
	tests := []struct {
		line string
		want procStat
	}{
		{"42 (sleep) S 1 42 7 34816 42 4194304 0", procStat{Pid: 42, Comm: "sleep", State: 'S', Ppid: 1, Pgrp: 42, Session: 7, TtyNr: 34816, Tpgid: 42}},
		{"9 (a b) T 2 3 4 0 -1 0", procStat{Pid: 9, Comm: "a b", State: 'T', Ppid: 2, Pgrp: 3, Session: 4, TtyNr: 0, Tpgid: -1}},
		{"9 (x) (y)) Z 2 3 4 5 6 0\n", procStat{Pid: 9, Comm: "x) (y)", State: 'Z', Ppid: 2, Pgrp: 3, Session: 4, TtyNr: 5, Tpgid: 6}},
	}
	for _, tc := range tests {
		got, err := parseStat(tc.line)
		if err != nil || got != tc.want {
			t.Errorf("parseStat(%q) = %+v, %v; want %+v", tc.line, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "42 sleep S 1 2 3 4 5", "x (a) S 1 2 3 4 5", "1 (a) S 1 2", "1 (a) S 1 2 x 4 5"} {
		if _, err := parseStat(bad); err == nil {
			t.Errorf("parseStat(%q) succeeded", bad)
		}
	}
}

func TestEscapeCleaning(t *testing.T) {
	in := "PROMPT$ \x1b[?2004hec\x1b[Kho\r\nhi\x1b]0;title\a\x07\x1b(B!\n"
	// Split at every position: the cleaner must keep state across reads.
	for i := 0; i <= len(in); i++ {
		var e escState
		got := string(e.clean(e.clean(nil, []byte(in[:i])), []byte(in[i:])))
		if want := "PROMPT$ echo\nhi!\n"; got != want {
			t.Fatalf("split at %d: got %q, want %q", i, got, want)
		}
	}
}

// TestHarnessWithBash runs the pty machinery against bash: prompts, Run,
// Ctrl+Z with /proc checks, and Close leaving nothing behind.
func TestHarnessWithBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	s := startSession(t, sessionConfig{Bin: bash, Args: []string{"--norc", "--noprofile", "-i"}})
	s.WaitPrompt()
	if out := s.Run("echo hello"); out != "hello\n" {
		t.Errorf("echo hello printed %q", out)
	}
	s.SendLine("sleep 100 | sleep 100")
	ps := s.WaitProcs("sleep", 2)
	s.WaitForeground(ps[0].Pgrp)
	s.Send("\x1a")
	s.Expect("Stopped")
	s.WaitPrompt()
	waitFor(t, s.Timeout, "both sleeps stopped", func() bool {
		for _, p := range s.Procs("sleep") {
			if p.State != 'T' {
				return false
			}
		}
		return true
	})
	if got := s.Status(); got != 148 {
		t.Errorf("$? after Ctrl+Z = %d, want 148", got)
	}
	if fg := s.Foreground(); fg != s.Stat().Pgrp {
		t.Errorf("foreground group %d is not the shell's %d", fg, s.Stat().Pgrp)
	}
	s.Close()
	if left := findProcs(s.Pid, ""); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestRunShellWithBash checks runShell's status and output plumbing.
func TestRunShellWithBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	out, errOut, st := runShell(t, shellRun{Bin: bash, Args: []string{"-c", `echo out; echo err >&2; sleep 100 & exit 3`}})
	if out != "out\n" || errOut != "err\n" || st != 3 {
		t.Errorf("got %q %q %d", out, errOut, st)
	}
	_, _, st = runShell(t, shellRun{Bin: bash, Args: []string{"-c", `kill -9 $$`}})
	if st != 137 {
		t.Errorf("status of a killed shell = %d, want 137", st)
	}
	out, _, _ = runShell(t, shellRun{Bin: bash, Stdin: "read x; echo \"<$x>\"\nline two\n"})
	if !strings.Contains(out, "<line two>") {
		t.Errorf("stdin not passed: %q", out)
	}
}
