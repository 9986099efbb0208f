package tests

import (
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"
)

// TestGroupKillLeavesNoChild: a script's shell that keeps starting
// children, killed with SIGTERM sent to its process group, leaves no child
// behind. In bash a fork that races a group signal is restarted by the
// kernel, so every child either got the signal or was never made. gosh
// forks on one thread while the signal may be handled on another; this
// test catches a child started after the kill that outlives the shell.
// It repeats the kill many times: the race is narrow.
func TestGroupKillLeavesNoChild(t *testing.T) {
	gosh := requireGosh(t)
	const runs = 200
	null := devNullFd(t)
	attr := &syscall.ProcAttr{
		Env:   cleanEnv(t.TempDir()),
		Files: []uintptr{null, null, 2},
		// Pdeathsig: if the test binary dies (go test's -timeout, CI's
		// timeout), the loop must not go on forking sleeps for ever.
		Sys: &syscall.SysProcAttr{Setsid: true, Pdeathsig: syscall.SIGKILL},
	}
	for run := range runs {
		if n, desc := groupKillRun(t, gosh, attr); n > 0 {
			t.Fatalf("run %d of %d: %d process(es) outlived the shell killed with its group:\n%s", run+1, runs, n, desc)
		}
	}
}

// groupKillRun starts gosh in a session of its own running a loop of
// background sleeps, sends SIGTERM to its group once it has started a few,
// reaps it, and kills and counts what is left in the session.
func groupKillRun(t *testing.T, gosh string, attr *syscall.ProcAttr) (survivors int, desc string) {
	t.Helper()
	pid, err := syscall.ForkExec(gosh, []string{"gosh", "-c", "while :; do sleep 60 & done"}, attr)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanupSession(t, pid, 0) // whatever happens, the session ends empty
	if !poll(20*time.Second, func() bool { return len(children(pid)) >= 3 }) {
		syscall.Kill(-pid, syscall.SIGKILL)
		var ws syscall.WaitStatus
		syscall.Wait4(pid, &ws, 0, nil)
		t.Fatalf("gosh started no children")
	}
	syscall.Kill(-pid, syscall.SIGTERM)
	var ws syscall.WaitStatus
	for {
		_, err := syscall.Wait4(pid, &ws, 0, nil)
		if err != syscall.EINTR {
			break
		}
	}
	if !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Errorf("gosh ended with %v, want killed by SIGTERM", ws)
	}
	// The sleeps that got the signal die and, reparented to the test (a
	// subreaper), are reaped here; those that did not get it live on.
	me := os.Getpid()
	var left []procStat
	poll(2*time.Second, func() bool {
		left = left[:0]
		for _, p := range findProcs(pid, "") {
			if p.State == 'Z' || p.State == 'X' {
				if p.Ppid == me {
					var ws syscall.WaitStatus
					syscall.Wait4(p.Pid, &ws, syscall.WNOHANG, nil)
				}
				continue
			}
			left = append(left, p)
		}
		return len(left) == 0
	})
	for _, p := range left {
		desc += fmt.Sprintf("  pid %d %s ppid %d pgrp %d\n", p.Pid, p.Comm, p.Ppid, p.Pgrp)
	}
	return len(left), desc
}

// devNullFd opens /dev/null for a child's standard fd, closed with the test.
func devNullFd(t *testing.T) uintptr {
	fd, err := syscall.Open("/dev/null", syscall.O_RDWR|syscall.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	return uintptr(fd)
}
