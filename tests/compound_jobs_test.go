package tests

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Issue 10, item 4: job control over compound commands, in a pty with real
// keystrokes, checked in /proc. The shell runs a foreground loop itself;
// Ctrl+C and Ctrl+Z reach the loop's current command, and the shell then
// abandons the rest of the loop, as bash does for Ctrl+C.

// TestLoopCtrlCEndsLoop: Ctrl+C on "for ...; do sleep; done; echo after"
// kills the sleep and ends the loop: no second sleep starts, "after" is
// not printed, $? is 130.
func TestLoopCtrlCEndsLoop(t *testing.T) {
	s := newSession(t)
	s.SendLine("for i in 1 2 3; do sleep 101; done; echo after-$i")
	ps := s.WaitProcs("sleep", 1)
	s.WaitForeground(ps[0].Pgrp)
	s.Send("\x03")
	out := s.WaitPrompt()
	if strings.Contains(out, "after-") {
		t.Errorf("the command line went on after Ctrl+C: %q", out)
	}
	if n := len(s.Procs("sleep")); n != 0 {
		t.Errorf("%d sleep processes after Ctrl+C: the loop went on\n%s", n, s.describe())
	}
	if st := s.Status(); st != 130 {
		t.Errorf("$? after Ctrl+C = %d, want 130", st)
	}
}

// TestBuiltinLoopCtrlC: a loop of builtins has no process for Ctrl+C to
// kill; the SIGINT reaches the shell, which ends the loop.
func TestBuiltinLoopCtrlC(t *testing.T) {
	s := newSession(t)
	mark := filepath.Join(t.TempDir(), "running")
	s.SendLine("n=0; while true; do n=$((n+1)); (( n == 1000 )) && : >" + mark + "; done; echo after")
	// The loop has gone round a thousand times once the mark exists.
	waitFor(t, expectTimeout, "the loop to run", func() bool {
		_, err := os.Stat(mark)
		return err == nil
	})
	s.Send("\x03")
	out := s.WaitPrompt()
	if strings.Contains(out, "after") {
		t.Errorf("the command line went on after Ctrl+C: %q", out)
	}
	if st := s.Status(); st != 130 {
		t.Errorf("$? after Ctrl+C = %d, want 130", st)
	}
	if out := s.Run("echo alive"); !strings.Contains(out, "alive") {
		t.Errorf("the shell does not run commands after Ctrl+C: %q", out)
	}
}

// TestLoopCtrlZAbandonsLoop: Ctrl+Z in a foreground loop stops the
// current command (a job in the table) and abandons the rest of the loop:
// no next sleep starts.
func TestLoopCtrlZAbandonsLoop(t *testing.T) {
	s := newSession(t)
	s.SendLine("for i in 1 2 3; do sleep 102; done; echo after")
	ps := s.WaitProcs("sleep", 1)
	report := stopFg(s, ps)
	if !strings.Contains(report, "Stopped") || strings.Contains(report, "after") {
		t.Errorf("report after Ctrl+Z = %q, want Stopped and no \"after\"", report)
	}
	if n := len(s.Procs("sleep")); n != 1 {
		t.Errorf("%d sleep processes after Ctrl+Z, want the one stopped\n%s", n, s.describe())
	}
	if st, _ := readStat(ps[0].Pid); st.State != 'T' {
		t.Errorf("the sleep is in state %c, want T", st.State)
	}
	s.Run("kill -9 %1")
	waitGone(t, ps[0].Pid, "the stopped sleep")
}

// TestSubshellStopAndFg: ( sleep; echo done ) is one job, a child gosh and
// its sleep in one process group; Ctrl+Z stops both, and fg runs the
// subshell to its end.
func TestSubshellStopAndFg(t *testing.T) {
	s := newSession(t)
	s.SendLine("( sleep 3; echo sub-done )")
	sl := s.WaitProcs("sleep", 1)[0]
	if sl.Pgrp == s.Stat().Pgrp {
		t.Fatalf("the subshell runs in the shell's group %d", sl.Pgrp)
	}
	parent, err := readStat(sl.Ppid)
	if err != nil {
		t.Fatal(err)
	}
	if parent.Pid == s.Pid {
		t.Fatalf("the sleep is the shell's own child: the subshell is no process\n%s", s.describe())
	}
	if parent.Pgrp != sl.Pgrp {
		t.Errorf("the subshell (pid %d, group %d) and its sleep (group %d) are in different groups", parent.Pid, parent.Pgrp, sl.Pgrp)
	}
	report := stopFg(s, []procStat{sl, parent})
	if !strings.Contains(report, "Stopped") {
		t.Errorf("report after Ctrl+Z = %q", report)
	}
	if out := s.Run("jobs"); strings.Count(out, "\n") != 1 || !strings.Contains(out, "sleep 3; echo sub-done") {
		t.Errorf("jobs printed %q, want one job with the subshell's text", out)
	}
	s.SendLine("fg")
	s.ExpectWithin("sub-done", expectTimeout)
	s.WaitPrompt()
	waitGone(t, parent.Pid, "the subshell")
}

// TestBackgroundLoopIsOneJob: "for ...; done &" is one job listed with its
// text; kill %1 ends the whole loop, not just its current sleep.
func TestBackgroundLoopIsOneJob(t *testing.T) {
	s := newSession(t)
	s.Run("for i in 1 2 3; do sleep 103; done &")
	sl := s.WaitProcs("sleep", 1)[0]
	out := s.Run("jobs")
	if want := "[1]+  Running                 for i in 1 2 3; do sleep 103; done &\n"; out != want {
		t.Errorf("jobs printed %q, want %q", out, want)
	}
	parent, err := readStat(sl.Ppid)
	if err != nil || parent.Pid == s.Pid || parent.Pgrp != sl.Pgrp {
		t.Fatalf("the loop is not one process group with its sleep (sleep %+v, parent %+v)\n%s", sl, parent, s.describe())
	}
	s.Run("kill %1")
	waitGone(t, sl.Pid, "the sleep")
	waitGone(t, parent.Pid, "the loop's process")
	// No next iteration: no new sleep appears.
	if out := s.RunUntil("jobs", "Terminated"); !strings.Contains(out, "Terminated") && out != "" {
		t.Errorf("jobs after kill printed %q", out)
	}
	if n := len(s.Procs("sleep")); n != 0 {
		t.Errorf("%d sleep processes after kill %%1: the loop went on\n%s", n, s.describe())
	}
}

// TestFunctionCdMovesShell: a function runs in the shell itself, so cd in
// it moves the shell (its /proc/PID/cwd); ( cd ) does not.
func TestFunctionCdMovesShell(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	s.Run("go_there() { cd " + dir + "; }")
	s.Run("( cd / )")
	if cwd := procCwd(t, s.Pid); cwd == "/" {
		t.Errorf("( cd / ) moved the shell to /")
	}
	s.Run("go_there")
	if cwd := procCwd(t, s.Pid); cwd != dir {
		t.Errorf("after calling a function that runs cd, the shell's cwd is %q, want %q", cwd, dir)
	}
}

// procCwd reads a process's working directory from /proc.
func procCwd(t *testing.T, pid int) string {
	t.Helper()
	cwd, err := os.Readlink("/proc/" + strconv.Itoa(pid) + "/cwd")
	if err != nil {
		t.Fatal(err)
	}
	return cwd
}
