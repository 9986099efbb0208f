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
// Ctrl+C and Ctrl+Z reach the loop's current command. After Ctrl+C the
// shell abandons the rest of the command line; after Ctrl+Z it leaves the
// loops running at that level and goes on with the rest of the line, as
// bash does.

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

// TestLoopCtrlZLeavesLoop: Ctrl+Z in a foreground loop stops the current
// command (a job in the table) and ends the loop, nested loops and all:
// no next sleep starts. The rest of the command line then runs, with $?
// 148, as in bash (jobs.c: "Suspending a job in a loop from the keyboard
// breaks out of all active loops").
func TestLoopCtrlZLeavesLoop(t *testing.T) {
	s := newSession(t)
	s.SendLine("for i in 1 2 3; do while :; do sleep 102; done; echo inner-$i; done; echo after-$?")
	ps := s.WaitProcs("sleep", 1)
	report := stopFg(s, ps)
	if !strings.Contains(report, "Stopped") || !strings.Contains(report, "after-148") || strings.Contains(report, "inner-") {
		t.Errorf("report after Ctrl+Z = %q, want Stopped, after-148 and no inner-", report)
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

// TestCtrlZInFunctionLoop: a function's loop is its own level: Ctrl+Z
// ends the loop in the function, and the function and the caller's loop
// go on, as in bash, whose functions start with no active loops.
func TestCtrlZInFunctionLoop(t *testing.T) {
	s := newSession(t)
	s.SendLine("f() { for i in 1 2; do sleep 103; echo i$i; done; echo in-f; }; for j in 1; do f; echo j$j; done; echo end")
	ps := s.WaitProcs("sleep", 1)
	report := stopFg(s, ps)
	for _, want := range []string{"Stopped", "in-f", "j1", "end"} {
		if !strings.Contains(report, want) {
			t.Errorf("report after Ctrl+Z = %q, want %q in it", report, want)
		}
	}
	if strings.Contains(report, "i1") {
		t.Errorf("the function's loop went on after Ctrl+Z: %q", report)
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

// TestTraceWhoRunsCompound: the trace says who runs each compound command,
// from the one rule: the shell itself for a loop, a child gosh (named by
// its pid) for ( ) under job control.
func TestTraceWhoRunsCompound(t *testing.T) {
	s := newSession(t)
	s.Run("set -o trace")
	if out := s.Run("for i in 1; do :; done"); !strings.Contains(out, "for: the shell runs this loop itself") {
		t.Errorf("the trace of a loop does not say the shell runs it:\n%s", out)
	}
	s.SendLine("( sleep 1 )")
	sl := s.WaitProcs("sleep", 1)[0]
	out := s.WaitPrompt()
	// The child gosh's one command is a program: the child execs it
	// itself, so sleep is the child gosh's process (tailexec.go).
	for _, want := range []string{
		"child " + strconv.Itoa(sl.Pid) + ": a child gosh, this process, runs this subshell: ( sleep 1 )",
		"child gosh " + strconv.Itoa(sl.Pid) + " (runs the subshell ( sleep 1 )): sleep 1 is the child gosh's last command",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the trace of ( sleep 1 ) does not contain %q:\n%s", want, out)
		}
	}
}

// TestChildStageInFunction: under job control a loop that is a pipeline
// stage is a child gosh; inside a function, return and local still work
// there, as in a forked subshell (the snapshot carries the function
// frame).
func TestChildStageInFunction(t *testing.T) {
	s := newSession(t)
	s.Run(`f() { echo hi | while read -r l; do local v=$l; echo "got $v"; return 4; done; echo "st $?"; }`)
	if out := s.Run("f"); !strings.Contains(out, "got hi") || !strings.Contains(out, "st 4") || strings.Contains(out, "can only") {
		t.Errorf("a loop stage in a function printed %q, want got hi and st 4", out)
	}
}

// TestScriptBackgroundLoopIgnoresINT: in a script (no job control) a
// background loop is one child gosh that ignores SIGINT and SIGQUIT, and
// so do the commands it starts (POSIX 2.11): kill -INT does not end it.
func TestScriptBackgroundLoopIgnoresINT(t *testing.T) {
	script := `for i in 1 2 3; do sleep 104; done &
loop=$!
until [ -n "$(pgrep -P $loop sleep)" ]; do sleep 0.05; done
sleep=$(pgrep -P $loop sleep)
grep SigIgn /proc/$loop/status
grep SigIgn /proc/$sleep/status
kill -INT $loop
kill -INT $sleep
kill -0 $loop && kill -0 $sleep && echo "both alive after SIGINT"
kill $loop $sleep
wait
`
	out, stderr, _ := runGosh(t, "", "-c", script)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || lines[2] != "both alive after SIGINT" {
		t.Fatalf("stdout %q, stderr %q", out, stderr)
	}
	for _, l := range lines[:2] {
		mask, err := strconv.ParseUint(strings.TrimSpace(strings.TrimPrefix(l, "SigIgn:")), 16, 64)
		if err != nil {
			t.Fatalf("bad SigIgn line %q", l)
		}
		if mask&(1<<1) == 0 || mask&(1<<2) == 0 { // SIGINT is 2, SIGQUIT 3: bits 1 and 2
			t.Errorf("%q: SIGINT and SIGQUIT not both ignored", l)
		}
	}
}
