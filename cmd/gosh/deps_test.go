package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestNoCgoDependencies checks that gosh imports nothing that makes the
// default go build link it dynamically against the C library: runtime/cgo,
// or net and os/user, which pull runtime/cgo in whenever cgo is on (the
// default where a C compiler is installed). A dynamically linked gosh pays
// the dynamic loader on every start, each child gosh included (README, "Why
// static"). It asks the go command with CGO_ENABLED=1, as on a machine with
// gcc, whatever the machine running the test has.
func TestNoCgoDependencies(t *testing.T) {
	goCmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goCmd); err != nil {
		if goCmd, err = exec.LookPath("go"); err != nil {
			t.Skip("no go command:", err)
		}
	}
	cmd := exec.Command(goCmd, "list", "-deps", "-f", "{{.ImportPath}}", ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("go list -deps: %v\n%s", err, msg)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps listed only %q", deps)
	}
	for _, dep := range deps {
		switch dep {
		case "runtime/cgo", "net", "os/user":
			t.Errorf("gosh depends on %s: the default build would be dynamically linked (see README, \"Why static\")", dep)
		}
	}
}
