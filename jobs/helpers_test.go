//go:build linux

package jobs

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// syncBuffer is a bytes.Buffer safe for the reaper and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newTable makes a table for a test and, when the test ends, kills and
// reaps whatever its jobs left running.
func newTable(t testing.TB, jobControl bool) (*Table, *syncBuffer) {
	t.Helper()
	errs := &syncBuffer{}
	tb := New(Config{JobControl: jobControl, TTY: -1, Stderr: errs, Self: ""})
	if err := tb.InitNonInteractive(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { killAll(t, tb) })
	return tb, errs
}

// killAll kills every unfinished process of tb and waits until the reaper
// has collected them all.
func killAll(t testing.TB, tb *Table) {
	tb.mu.Lock()
	var pids []int
	for pid := range tb.byPid {
		pids = append(pids, pid)
	}
	tb.mu.Unlock()
	for _, pid := range pids {
		unix.Kill(pid, unix.SIGKILL)
		unix.Kill(pid, unix.SIGCONT)
	}
	waitFor(t, 5*time.Second, "all processes reaped", func() bool {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		return len(tb.byPid) == 0
	})
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// stdFiles is a child fd table that shares the test's 0, 1, 2.
func stdFiles() []int { return []int{0, 1, 2} }

func stage(argv ...string) Stage {
	return Stage{Path: argv[0], Argv: argv, Env: os.Environ(), Files: stdFiles()}
}

// procStat reads the process group (field 5) and state (field 3) of pid.
func procStat(t testing.TB, pid int) (state string, pgid int) {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatalf("read /proc/%d/stat: %v", pid, err)
	}
	s := string(data)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	pgid, err = strconv.Atoi(fields[2])
	if err != nil {
		t.Fatal(err)
	}
	return fields[0], pgid
}

// procStatus reads a field of /proc/PID/status ("SigIgn").
func procStatus(t testing.TB, pid int, field string) string {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return ""
}

// ctxTimeout is a context for wait calls that must not hang a test.
func ctxTimeout(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// readAll reads fd until EOF, with a deadline enforced by the caller's
// pipeline finishing.
func readAll(t testing.TB, fd int) string {
	t.Helper()
	f := os.NewFile(uintptr(fd), "pipe")
	defer f.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(f); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var _ = syscall.SIGKILL

func itoa(n int) string { return strconv.Itoa(n) }
