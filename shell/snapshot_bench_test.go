package shell

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// BenchmarkCommandSubst is x=$(echo hi): a copy of the shell (clone, built
// from a Snapshot) per substitution, and its pipe, read by the shell itself
// once the list has ended (subst_pipe_unix.go). Issue 9 keeps 1,000 of them
// under 0.1 of bash's wall time, on a busy machine too
// (tests/bench/compare.sh). Beside the wall time (ns/op) it reports the
// CPU time of the whole process (cpu-ns/op: the collector's threads too)
// and the threads' sleeps (sleeps/op: voluntary context switches, each a
// hand-off between threads that, on a busy machine, waits for a CPU to
// come back; about 0.5 while a goroutine read each pipe).
func BenchmarkCommandSubst(b *testing.B) { benchCommandSubst(b, "") }

// BenchmarkCommandSubstFuncs is BenchmarkCommandSubst in a shell that has
// 30 functions, as scripts do: the copy gets the function table too.
func BenchmarkCommandSubstFuncs(b *testing.B) {
	var defs strings.Builder
	for i := range 30 {
		fmt.Fprintf(&defs, "f%d() { echo %d | while read l; do echo $l; done; }\n", i, i)
	}
	benchCommandSubst(b, defs.String())
}

func benchCommandSubst(b *testing.B, setup string) {
	sh := New(Config{})
	if _, err := sh.RunString(setup); err != nil {
		b.Fatal(err)
	}
	f, err := sh.parse("x=$(echo hi)")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	before := processUsage()
	for b.Loop() {
		if _, err := sh.Run(f); err != nil {
			b.Fatal(err)
		}
	}
	after := processUsage()
	b.ReportMetric(float64(after.Utime.Nano()+after.Stime.Nano()-before.Utime.Nano()-before.Stime.Nano())/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(after.Nvcsw-before.Nvcsw)/float64(b.N), "sleeps/op")
}

// processUsage is getrusage(RUSAGE_SELF): all the threads of the process.
func processUsage() unix.Rusage {
	var ru unix.Rusage
	unix.Getrusage(unix.RUSAGE_SELF, &ru)
	return ru
}

// BenchmarkClone is the copy alone.
func BenchmarkClone(b *testing.B) {
	sh := New(Config{})
	b.ReportAllocs()
	for b.Loop() {
		sh.clone()
	}
}

// BenchmarkChildSnapshot is what the shell does for every child gosh before
// it starts it (a background list, a stage under job control): take the
// snapshot and encode it, with the variables of a login environment.
func BenchmarkChildSnapshot(b *testing.B) {
	sh := benchShell(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := encodeSnapshot(&childStart{Snap: *sh.childSnapshot(), Body: "true && true"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChildSnapshotDecode is what a child gosh does with it first.
func BenchmarkChildSnapshotDecode(b *testing.B) {
	sh := benchShell(b)
	data, err := encodeSnapshot(&childStart{Snap: *sh.snapshot().encodable(), Body: "true && true"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var m childStart
		if err := decodeSnapshot(data, &m); err != nil {
			b.Fatal(err)
		}
	}
}

// benchShell is a shell with 40 exported variables, as a login session has.
func benchShell(b *testing.B) *Shell {
	sh := New(Config{})
	for i := 0; i < 40; i++ {
		name := fmt.Sprintf("ENV_VARIABLE_%d", i)
		sh.Vars.Set(name, strings.Repeat("v", 30))
		sh.Vars.Export(name)
	}
	return sh
}
