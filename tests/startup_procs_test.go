package tests

import (
	"os"
	"regexp"
	"runtime"
	"strconv"
	"testing"
)

// schedtraceProcs is the P count in a line of GODEBUG=schedtrace=N.
var schedtraceProcs = regexp.MustCompile(`gomaxprocs=(\d+)`)

// TestStartupProcs: gosh runs a command string or a script with one P
// (cmd/gosh/oneproc: no goroutine of the start wakes a second thread),
// an interactive shell with the runtime's default, and a GOMAXPROCS the
// user set wins. The runtime's own report (GODEBUG=schedtrace, every 10 ms
// while the shell waits for sleep) gives the P count; the last one counts.
func TestStartupProcs(t *testing.T) {
	// The shell's environment is clean: its runtime's default is this
	// test process's, unless GOMAXPROCS set it here.
	if os.Getenv("GOMAXPROCS") != "" {
		t.Skip("GOMAXPROCS is set: the runtime's default is not known")
	}
	def := runtime.GOMAXPROCS(0)
	if def < 2 {
		t.Skip("the runtime's default is one P here")
	}
	tests := []struct {
		name string
		args []string
		env  []string
		want int
	}{
		{"command string", []string{"-c", "sleep 0.1; :"}, nil, 1}, // ; : keeps the shell (tailexec.go)
		{"script on stdin", []string{"-s"}, nil, 1},
		{"interactive", []string{"-i", "-c", "sleep 0.1"}, nil, def},
		{"the user's GOMAXPROCS", []string{"-c", "sleep 0.1; :"}, []string{"GOMAXPROCS=2"}, 2},
		{"the user's GOMAXPROCS=1, interactive", []string{"-i", "-c", "sleep 0.1"}, []string{"GOMAXPROCS=1"}, 1},
	}
	for _, tt := range tests {
		_, stderr, status := runShell(t, shellRun{
			Args:  tt.args,
			Stdin: "sleep 0.1\n",
			Env:   append([]string{"GODEBUG=schedtrace=10"}, tt.env...),
		})
		if status != 0 {
			t.Errorf("%s: status %d, stderr:\n%s", tt.name, status, stderr)
			continue
		}
		m := schedtraceProcs.FindAllStringSubmatch(stderr, -1)
		if len(m) < 2 {
			t.Errorf("%s: no P count reported after the start, stderr:\n%s", tt.name, stderr)
			continue
		}
		if got, _ := strconv.Atoi(m[len(m)-1][1]); got != tt.want {
			t.Errorf("%s: %d P while the shell waits, want %d", tt.name, got, tt.want)
		}
	}
}
