package shell

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestSubstPipeInline: the pipe of $( ) is read by the shell after the
// list when only builtins wrote to it, and released (made blocking, read by
// a goroutine while the list runs) when the list fills it, through any
// descriptor of the pipe, or starts a child. Either way the whole output
// arrives, no inline pipe is left listed and no descriptor is left open.
func TestSubstPipeInline(t *testing.T) {
	tests := []struct {
		name, src, out string
		released       string // the reason the trace gives, "" for none
	}{
		{"builtin", `x=$(echo hi); echo "$x"`, "hi\n", ""},
		{"nested", `x=$(echo $(echo a) $(echo b)); echo "$x"`, "a b\n", ""},
		{"stderr elsewhere", `x=$(printf '%0100000d' 0 >&2 2>/dev/null); echo "[$x]"`, "[]\n", ""},
		{"builtin fills it", `x=$(printf '%0100000d' 0); echo ${#x}`, "100000\n", "the list filled it"},
		{"a loop fills it", `x=$(i=0; while [ $i -lt 20000 ]; do echo 1234567; i=$((i+1)); done); echo ${#x}`, "159999\n", "the list filled it"},
		{"through a dup", `x=$(exec 3>&1; printf '%0100000d' 0 >&3; echo); echo ${#x}`, "100000\n", "the list filled it"},
		{"inner fills outer", `x=$(echo $(printf '%0100000d' 0)); echo ${#x}`, "100000\n", "the list filled it"},
		{"exit trap fills it", `x=$(trap 'printf "%0100000d" 0' EXIT; echo hi); echo ${#x}`, "100003\n", "the list filled it"},
		{"a child", `x=$(echo a; /bin/echo b; echo c); echo $x`, "a b c\n", "a child is about to start"},
		{"a child after a full pipe", `x=$(printf '%0100000d' 0; /bin/echo b); echo ${#x}`, "100001\n", "the list filled it"},
	}
	runCaptured(t, `x=$(echo warm-up)`) // the runtime's own fds, made at first use
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var trace strings.Builder
			out, errOut, status, fds, after := runCapturedTraced(t, tt.src, &trace)
			if out != tt.out || status != 0 {
				t.Errorf("%s\n got %q status %d (stderr %q), want %q", tt.src, out, status, errOut, tt.out)
			}
			got := trace.String()
			if released := strings.Contains(got, "F_SETFL"); released != (tt.released != "") {
				t.Errorf("%s: released %v, want %v; trace:\n%s", tt.src, released, tt.released != "", got)
			} else if !strings.Contains(got, tt.released) {
				t.Errorf("%s: the trace does not say %q:\n%s", tt.src, tt.released, got)
			}
			if !strings.Contains(got, "O_NONBLOCK") {
				t.Errorf("%s: the trace does not narrate the pipe:\n%s", tt.src, got)
			}
			inlineSubsts.mu.Lock()
			left := len(inlineSubsts.pipes)
			inlineSubsts.mu.Unlock()
			if left != 0 {
				t.Errorf("%s: %d inline pipes still listed", tt.src, left)
			}
			if after != fds {
				t.Errorf("%s: %d descriptors open before, %d after", tt.src, fds, after)
			}
		})
	}
}

// runCapturedTraced is runCaptured (compound_test.go) with the shell's
// trace written to trace.
// It counts the process's descriptors before and after the run.
func runCapturedTraced(t *testing.T, src string, trace *strings.Builder) (stdout, stderr string, status, fdsBefore, fdsAfter int) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	sh := New(Config{Arg0: "gosh"})
	sh.Jobs.Trace().SetOutput(trace, false)
	outPath, errPath := filepath.Join(dir, ".out"), filepath.Join(dir, ".err")
	outFd, err := unix.Open(outPath, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	errFd, err := unix.Open(errPath, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	sh.stdio = []int{sh.stdio[0], outFd, errFd}
	sh.fdHold = nil
	fdsBefore = openFds(t)
	status, runErr := sh.RunCommandString(src)
	fdsAfter = openFds(t)
	unix.Close(outFd)
	unix.Close(errFd)
	if runErr != nil {
		t.Fatalf("%q: %v", src, runErr)
	}
	o, _ := os.ReadFile(outPath)
	e, _ := os.ReadFile(errPath)
	return string(o), string(e), status, fdsBefore, fdsAfter
}

// openFds counts the descriptors of the test process.
func openFds(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(ents)
}
