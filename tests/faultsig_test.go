package tests

import (
	"strings"
	"testing"
)

// TestFaultSignalFromOtherProcess: a SIGSEGV, SIGBUS or SIGFPE that
// another process sends to a gosh ends it as it ends bash (the EXIT trap
// runs, then the shell dies of the signal: status 128+N for its parent),
// and a trap on it catches it; Go's runtime answered each with a stack
// dump of every goroutine and status 2. The sender here is an outer gosh,
// another process; the inner one says it is ready with a file, which the
// outer polls for.
func TestFaultSignalFromOtherProcess(t *testing.T) {
	gosh := requireGosh(t)
	for _, c := range []struct {
		name, inner, sig, out string
	}{
		{"segv", `trap "echo bye" EXIT`, "SEGV", "bye\n139\n"},
		{"bus", `trap "echo bye" EXIT`, "BUS", "bye\n135\n"},
		{"fpe", `trap "echo bye" EXIT`, "FPE", "bye\n136\n"},
		{"no-trap", `:`, "SEGV", "139\n"},
		{"trapped", `trap "echo caught" SEGV`, "SEGV", "caught\nafter\n0\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			inner := c.inner + `; : > ready; read -t 5 x < fifo; echo after`
			outer := `mkfifo fifo; exec 3<>fifo; "$GOSH" -c '` + inner + `' & ` +
				`until [ -e ready ]; do sleep 0.01; done; kill -` + c.sig + ` $!; ` +
				`wait $!; echo $?`
			out, errOut, status := runShell(t, shellRun{
				Args: []string{"-c", outer},
				Env:  []string{"GOSH=" + gosh},
			})
			if out != c.out || status != 0 {
				t.Errorf("stdout %q, status %d; want %q, 0 (stderr %q)", out, status, c.out, errOut)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "PC=") {
				t.Errorf("a Go stack dump reached the user:\n%s", errOut)
			}
		})
	}
}
