package tests

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// inittraceLine is one line of GODEBUG=inittrace=1: the package and how
// many allocations its initialisation made.
var inittraceLine = regexp.MustCompile(`^init (\S+) @\S+ ms, \S+ ms clock, \d+ bytes, (\d+) allocs$`)

// TestStartupPackageInit checks what runs before main in "gosh -c true"
// (issue 9, speed; the rule: nothing runs at package initialisation that a
// given run does not need), from the runtime's own report of each
// package's initialisation (GODEBUG=inittrace=1):
//   - cmd/gosh/startstack is initialised first of all the program's
//     packages (after the runtime's), so that it grows the start-up
//     goroutine's stack while it holds a few frames; an import added to it
//     would put that package's initialisation first;
//   - cmd/gosh/oneproc is initialised before os, whose initialisation
//     starts the runtime's finalizer goroutine: with one P by then, no
//     thread is woken for it;
//   - the packages listed below allocate nothing at initialisation, or
//     have none (tables and regexps only some commands use are built at
//     first use: jobs/lazy), since every start, each child gosh too,
//     would pay for it.
func TestStartupPackageInit(t *testing.T) {
	_, stderr, status := runShell(t, shellRun{Args: []string{"-c", "true"}, Env: []string{"GODEBUG=inittrace=1"}})
	if status != 0 {
		t.Fatalf("gosh -c true: status %d, stderr:\n%s", status, stderr)
	}
	allocs := map[string]string{}
	var order []string
	for _, line := range strings.Split(stderr, "\n") {
		m := inittraceLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		allocs[m[1]] = m[2]
		order = append(order, m[1])
	}
	first := ""
	for _, pkg := range order {
		if pkg != "runtime" && !strings.HasPrefix(pkg, "internal/bytealg") && !strings.HasPrefix(pkg, "internal/runtime/") {
			first = pkg
			break
		}
	}
	if first != "gosh/cmd/gosh/startstack" {
		t.Errorf("first package initialised after the runtime: %q, want gosh/cmd/gosh/startstack (order %q)", first, order)
	}
	if i, j := slices.Index(order, "gosh/cmd/gosh/oneproc"), slices.Index(order, "os"); i < 0 || j < 0 || i > j {
		t.Errorf("gosh/cmd/gosh/oneproc is initialised at %d, os at %d: want oneproc first, before os starts a goroutine (order %q)", i, j, order)
	}
	for _, tc := range []struct {
		pkg     string
		mayInit bool // the package may have an initialisation, without allocations
	}{
		{"gosh/builtins", true},
		{"gosh/shell", true},
		{"gosh/parser", false},
		{"github.com/chzyer/readline", false},
		{"github.com/chzyer/readline/runes", false},
	} {
		n, ok := allocs[tc.pkg]
		switch {
		case ok && !tc.mayInit:
			t.Errorf("%s has a package initialisation (%s allocations); it had none", tc.pkg, n)
		case ok && n != "0":
			t.Errorf("%s: its package initialisation made %s allocations, want 0", tc.pkg, n)
		}
	}
}
