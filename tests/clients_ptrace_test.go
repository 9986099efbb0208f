package tests

import (
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// Debuggers and strace attach to a shell's jobs with ptrace. A traced
// process stops for its tracer (ptrace-stops), which the kernel reports to
// the tracer only; a job stop (Ctrl+Z, SIGSTOP) is reported to the shell
// too. gosh must report only the second kind: a job a debugger holds is
// still Running, and Ctrl+C, Ctrl+Z and wait work while a job is traced.

// tracer is a ptrace tracer on one locked OS thread (ptrace requests must
// come from the thread that attached).
type tracer struct {
	reqs chan func()
}

func newTracer(t *testing.T) *tracer {
	tr := &tracer{reqs: make(chan func())}
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with the goroutine
		for f := range tr.reqs {
			f()
		}
	}()
	t.Cleanup(func() { close(tr.reqs) })
	return tr
}

// do runs f on the tracer's thread.
func (tr *tracer) do(f func() error) error {
	done := make(chan error)
	tr.reqs <- func() { done <- f() }
	return <-done
}

// attach attaches as gdb -p does (PTRACE_ATTACH sends SIGSTOP) and waits
// for the process to stop for its tracer.
func (tr *tracer) attach(pid int) error {
	return tr.do(func() error {
		if err := syscall.PtraceAttach(pid); err != nil {
			return err
		}
		var ws syscall.WaitStatus
		_, err := syscall.Wait4(pid, &ws, 0x40000000, nil) // __WALL
		return err
	})
}

// detach lets the process go on, the SIGSTOP of the attach suppressed.
func (tr *tracer) detach(pid int) error {
	return tr.do(func() error { return syscall.PtraceDetach(pid) })
}

// TestTracedJobNotStopped: a background job held by a tracer (attached as
// gdb -p attaches, by this test) is Running in jobs, no "Stopped" notice
// comes, and after the tracer lets go the job ends as usual; a foreground
// job attached and let go the same way is waited for to its end, and
// Ctrl+C still ends a foreground job that a tracer attached to and left.
func TestTracedJobNotStopped(t *testing.T) {
	s := newSession(t)
	tr := newTracer(t)

	s.Run("sleep 0.8 & p=$!")
	bg := s.ProcByArgs("sleep 0.8")
	if err := tr.attach(bg.Pid); err != nil {
		t.Fatalf("attach: %v", err)
	}
	if st, err := readStat(bg.Pid); err != nil || st.State != 't' {
		t.Fatalf("the traced job's state is %q (%v), want t (stopped for its tracer)", st.State, err)
	}
	if out := s.Run("jobs"); !strings.Contains(out, "Running") || strings.Contains(out, "Stopped") {
		t.Errorf("jobs while a tracer holds the job: %q", out)
	}
	if err := tr.detach(bg.Pid); err != nil {
		t.Fatalf("detach: %v", err)
	}
	if out := s.Run(`wait $p; echo "waited $?"`); !strings.Contains(out, "waited 0") || strings.Contains(out, "Stopped") {
		t.Errorf("wait for the job a tracer let go: %q", out)
	}

	// A foreground job, attached to and let go while the shell waits.
	s.SendLine(`sleep 0.8; echo "fg $?"`)
	fg := s.ProcByArgs("sleep 0.8")
	if err := tr.attach(fg.Pid); err != nil {
		t.Fatalf("attach: %v", err)
	}
	if err := tr.detach(fg.Pid); err != nil {
		t.Fatalf("detach: %v", err)
	}
	if out := s.WaitPrompt(); !strings.Contains(out, "fg 0") || strings.Contains(out, "Stopped") {
		t.Errorf("a foreground job attached and let go: %q", out)
	}

	// Ctrl+C after a tracer came and went.
	s.SendLine(`sleep 30`)
	fg = s.ProcByArgs("sleep 30")
	if err := tr.attach(fg.Pid); err != nil {
		t.Fatalf("attach: %v", err)
	}
	if err := tr.detach(fg.Pid); err != nil {
		t.Fatalf("detach: %v", err)
	}
	s.Send("\x03")
	s.WaitPrompt()
	if out := s.Run("echo $?"); out != "130\n" {
		t.Errorf("status after Ctrl+C on a job a tracer let go: %q", out)
	}
}

// TestStraceJob runs a job under strace -f, where strace is installed:
// Ctrl+Z stops it (strace passes the stop on), fg continues it, Ctrl+C
// ends it, as in bash.
func TestStraceJob(t *testing.T) {
	if _, err := exec.LookPath("strace"); err != nil {
		t.Skip("strace is not installed")
	}
	s := newSession(t)
	s.SendLine("strace -f -o /dev/null sleep 30")
	sleeper := s.ProcByArgs("sleep 30")
	s.Send("\x1a")
	if out := s.WaitPrompt(); !strings.Contains(out, "Stopped") || !strings.Contains(out, "strace -f -o /dev/null sleep 30") {
		t.Fatalf("Ctrl+Z on a job under strace: %q", out)
	}
	fgInterrupt(s, sleeper)
}

// fgInterrupt continues the stopped job of p with fg and ends it with
// Ctrl+C: $? must be 130.
func fgInterrupt(s *session, p procStat) {
	s.t.Helper()
	s.SendLine("fg")
	// Ctrl+C once the job has the terminal and runs again (typed before,
	// it would reach the shell's own group).
	s.WaitForeground(p.Pgrp)
	if !poll(s.Timeout, func() bool {
		st, err := readStat(p.Pid)
		return err == nil && st.State != 'T'
	}) {
		s.t.Fatalf("the job did not run again after fg\n%s", s.describe())
	}
	s.Send("\x03")
	s.WaitPrompt()
	if out := s.Run("echo $?"); out != "130\n" {
		s.t.Errorf("status after Ctrl+C: %q", out)
	}
}

// TestShellUnderStrace runs gosh itself under strace -f, as one debugs a
// shell, where strace is installed: every process is traced, and job
// control still works (Ctrl+Z, jobs, fg, Ctrl+C), as do wait and a job's
// status.
func TestShellUnderStrace(t *testing.T) {
	if _, err := exec.LookPath("strace"); err != nil {
		t.Skip("strace is not installed")
	}
	s := startSession(t, sessionConfig{Bin: "strace", Args: []string{"-f", "-o", "/dev/null", requireGosh(t), "--norc"}})
	s.WaitPrompt()
	if out := s.Run(`sh -c 'exit 3' & wait $!; echo "status $?"`); !strings.Contains(out, "status 3") {
		t.Errorf("wait under strace: %q", out)
	}
	s.SendLine("sleep 30")
	sleeper := s.ProcByArgs("sleep 30")
	s.WaitForeground(sleeper.Pgrp)
	s.Send("\x1a")
	if out := s.WaitPrompt(); !strings.Contains(out, "Stopped") {
		t.Fatalf("Ctrl+Z under strace: %q", out)
	}
	if out := s.Run("jobs"); !strings.Contains(out, "Stopped") || !strings.Contains(out, "sleep 30") {
		t.Errorf("jobs under strace: %q", out)
	}
	fgInterrupt(s, sleeper)
}
