package shell

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"gosh/builtins"

	"golang.org/x/sys/unix"
)

// FuzzExec runs scripts in this process, as a non-interactive shell with
// PATH empty (builtins only), standard input /dev/null, FUNCNEST=50 and an
// output limit, and fails when one panics, is still running after a
// deadline, or writes a Go runtime message. Its seeds are the rows of the
// differential corpus (tests/testdata/oneliners/*.txt) and the scripts of
// tests/testdata/lang, without those that cannot end by themselves or need
// a process (loops, background jobs, waits) and without those that name a
// path (so that a seed never runs a program).
//
// "go test" runs the seeds and any crashers saved in
// testdata/fuzz/FuzzExec. To explore, build the test binary and run it as
// an unprivileged user, as it runs whatever it makes up:
//
//	go test -c -o /tmp/shell.test ./shell
//	setpriv --reuid=65534 --regid=65534 --clear-groups /tmp/shell.test \
//	    -test.run=^$ -test.fuzz=FuzzExec -test.parallel=1 -test.fuzztime=5m \
//	    -test.fuzzcachedir=/tmp/fuzzcache
//
// While it runs, the builtins that act on the whole process (kill,
// suspend, ulimit, and exec with a command) are refused: a script in the
// test process must not signal it, stop it, lower its limits or replace
// it.
func FuzzExec(f *testing.F) {
	for _, s := range execFuzzSeeds(f) {
		f.Add(s)
	}
	restore := fenceProcessBuiltins()
	f.Cleanup(restore)
	devNull, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { unix.Close(devNull) })
	f.Fuzz(func(t *testing.T, src string) {
		if fuzzSkip(src) {
			t.Skip("may run for ever, or needs a process")
		}
		runFuzzScript(t, src, devNull)
	})
}

// fuzzOutputLimit is how much of each of stdout and stderr a run keeps.
const fuzzOutputLimit = 64 << 10

// fuzzDeadline is how long a run may take. None of the scripts run loops,
// so any run that takes it is stuck.
const fuzzDeadline = 10 * time.Second

// runtimeMessage matches what the Go runtime writes when it fails.
var runtimeMessage = regexp.MustCompile(`(?m)^(panic: |fatal error: |goroutine \d+ \[)|runtime error: |\.go:\d+ \+0x`)

func runFuzzScript(t *testing.T, src string, stdin int) {
	dir := t.TempDir()
	t.Chdir(dir)
	defer setProcessMask(processMask()) // the top-level shell's umask is the process's
	sh := New(Config{Arg0: "gosh"})
	for _, kv := range [][2]string{{"PATH", ""}, {"FUNCNEST", "50"}, {"HOME", dir}, {"CDPATH", ""}, {"HISTFILE", filepath.Join(dir, ".hist")}} {
		if err := sh.Vars.Set(kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	var outText, errText bytes.Buffer
	var readers sync.WaitGroup
	pipeTo := func(buf *bytes.Buffer) int {
		var p [2]int
		if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
			t.Fatal(err)
		}
		r := os.NewFile(uintptr(p[0]), "out")
		readers.Add(1)
		go func() {
			defer readers.Done()
			// Kept up to the limit, the rest read and dropped: a
			// reader that went away would end the shell with
			// SIGPIPE, as bash's (sigpipe.go), and this process
			// with it.
			io.Copy(buf, io.LimitReader(r, fuzzOutputLimit))
			io.Copy(io.Discard, r)
			r.Close()
		}()
		return p[1]
	}
	outFd, errFd := pipeTo(&outText), pipeTo(&errText)
	sh.stdio = []int{stdin, outFd, errFd}
	sh.fdHold = nil
	done := make(chan error, 1)
	go func() {
		_, err := sh.RunCommandString(src)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			if _, exit := IsExit(err); !exit {
				t.Errorf("%q: error %v reached the caller", src, err)
			}
		}
	case <-time.After(fuzzDeadline):
		buf := make([]byte, 1<<20)
		t.Fatalf("%q: still running after %v:\n%s", src, fuzzDeadline, buf[:runtime.Stack(buf, true)])
	}
	unix.Close(outFd)
	unix.Close(errFd)
	readers.Wait()
	for _, text := range []string{outText.String(), errText.String()} {
		if loc := runtimeMessage.FindStringIndex(text); loc != nil {
			t.Errorf("%q: a Go runtime message: %s", src, text[max(0, loc[0]-200):min(len(text), loc[1]+800)])
		}
	}
}

// fuzzLoops finds what may run for ever or needs a process of its own:
// loops, waits, background jobs, coprocesses, the prompt's history.
var fuzzLoops = regexp.MustCompile(`\b(while|until|for|select|wait|fg|bg|coproc|fc|read|mapfile|readarray|suspend|history)\b|&[^&>]|&$|\|&`)

// fuzzSkip tells the inputs FuzzExec does not run: those that may run for
// ever (bash would too), and those too large for the deadline.
func fuzzSkip(src string) bool {
	return len(src) > 4096 || fuzzLoops.MatchString(src)
}

// execFuzzSeeds reads the differential corpus and the lang scripts, without
// the rows that fuzzSkip drops and those that name a path.
func execFuzzSeeds(f *testing.F) []string {
	var seeds []string
	keep := func(s string) {
		if !fuzzSkip(s) && !strings.Contains(s, "/") {
			seeds = append(seeds, s)
		}
	}
	files, _ := filepath.Glob("../tests/testdata/oneliners/*.txt")
	if len(files) == 0 {
		f.Fatal("no corpus files in ../tests/testdata/oneliners")
	}
	for _, name := range files {
		if filepath.Base(name) == "differences.txt" {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line != "" && !strings.HasPrefix(line, "#") {
				keep(line)
			}
		}
	}
	scripts, _ := filepath.Glob("../tests/testdata/lang/*.sh")
	for _, name := range scripts {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		keep(string(data))
	}
	return seeds
}

// fenceProcessBuiltins refuses, until restore, the builtins that act on
// the whole test process.
func fenceProcessBuiltins() (restore func()) {
	var undo []func()
	refuse := func(name string, allowed func(args []string) bool) {
		b, ok := builtins.Lookup(name)
		if !ok {
			return
		}
		run := b.Run
		b.Run = func(sh builtins.Shell, io builtins.IO, args []string) (int, error) {
			if allowed != nil && allowed(args) {
				return run(sh, io, args)
			}
			io.Err.Write([]byte(io.ErrPrefix() + name + ": refused while fuzzing\n"))
			return 1, nil
		}
		undo = append(undo, func() { b.Run = run })
	}
	refuse("kill", nil)
	refuse("suspend", nil)
	refuse("ulimit", nil)
	refuse("exec", func(args []string) bool {
		// exec with redirections only: no word after the options.
		for _, a := range args[1:] {
			if !strings.HasPrefix(a, "-") {
				return false
			}
		}
		return true
	})
	return func() {
		for _, u := range undo {
			u()
		}
	}
}
