package tests

import (
	"strings"
	"testing"
)

// TestLowFdLimitStart: gosh starts under a ulimit -n too low for the Go
// runtime's own descriptors to sit at 10 or above (its epoll fd and
// eventfd), runs builtins, and a pipeline that finds too few free
// descriptors fails with a message; the shell goes on, and its fds are as
// before. (gosh held a placeholder at every free number below 10, so
// under ulimit -n 10 or less the runtime could not start its netpoll and
// the process ended with a fatal error and a goroutine dump.)
//
// How far the pipeline gets depends on the limit: under 8 the pipe itself
// cannot be made (bash's message and status 1); under 10 it can, but the
// builtin stage, a child gosh where copies would not fit (fdroom_unix.go),
// cannot start (its memfd and the fork's error pipe do not fit either) and
// says so; the last stage, cat, reads nothing and its status is 0. bash
// needs two descriptors for the pipe and prints a. Under 12 gosh does too.
func TestLowFdLimitStart(t *testing.T) {
	rlimit := buildHelper(t, "rlimit")
	script := `echo hi $((6*7))
set -- /proc/$$/fd/*; before=$*
echo a | cat; echo status=$?
set -- /proc/$$/fd/*
if [ "$*" = "$before" ]; then echo fds unchanged; else echo "fds before: $before, after: $*"; fi`
	for _, c := range []struct{ n, out, err string }{
		{"8", "hi 42\nstatus=1\nfds unchanged\n", "gosh: pipe error: Too many open files"},
		{"10", "hi 42\nstatus=0\nfds unchanged\n", "\ngosh: cannot start a child gosh: Too many open files\n"},
		{"12", "hi 42\na\nstatus=0\nfds unchanged\n", ""},
	} {
		out, errs, status := runShell(t, shellRun{Bin: rlimit, Dir: t.TempDir(),
			Args: []string{"-nofile", c.n, "--", requireGosh(t), "-c", script}})
		noCrash(t, errs)
		if out != c.out || status != 0 || !strings.Contains("\n"+errs, c.err) || (c.err == "" && errs != "") {
			t.Errorf("ulimit -n %s: status %d, stdout %q, stderr %q; want stdout %q, status 0, stderr with %q", c.n, status, out, errs, c.out, c.err)
		}
	}
}
