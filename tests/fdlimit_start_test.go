package tests

import (
	"strings"
	"testing"
)

// TestLowFdLimitStart: gosh starts under a ulimit -n too low for the Go
// runtime's own descriptors to sit at 10 or above (its epoll fd and
// eventfd), runs builtins, and a pipeline that finds no free descriptor
// fails with bash's message and status 1; the shell goes on, and its fds
// are as before. (gosh held a placeholder at every free number below 10,
// so under ulimit -n 10 or less the runtime could not start its netpoll
// and the process ended with a fatal error and a goroutine dump.)
func TestLowFdLimitStart(t *testing.T) {
	rlimit := buildHelper(t, "rlimit")
	script := `echo hi $((6*7))
set -- /proc/$$/fd/*; before=$*
echo a | cat; echo status=$?
set -- /proc/$$/fd/*
if [ "$*" = "$before" ]; then echo fds unchanged; else echo "fds before: $before, after: $*"; fi`
	for _, n := range []string{"8", "10"} {
		out, errs, status := runShell(t, shellRun{Bin: rlimit, Dir: t.TempDir(),
			Args: []string{"-nofile", n, "--", requireGosh(t), "-c", script}})
		noCrash(t, errs)
		if out != "hi 42\nstatus=1\nfds unchanged\n" || status != 0 || !strings.Contains(errs, "gosh: pipe error: Too many open files") {
			t.Errorf("ulimit -n %s: status %d, stdout %q, stderr %q; want hi 42, status=1, fds unchanged and the pipe error", n, status, out, errs)
		}
	}
}
