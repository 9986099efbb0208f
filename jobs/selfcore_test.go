//go:build linux

package jobs

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// selfCoreEnv makes the test binary send itself SIGTRAP (selfCore).
const selfCoreEnv = "GOSH_JOBS_SELFCORE"

// selfCore is the test binary as a shell that runs "kill -TRAP $$" and
// then a next command (it prints "ran on"). SIGTRAP is at SIG_DFL, as a
// script's shell sets it (KernelDefault), and the kill is sent from a
// thread other than the process's first, which sleeps: the kernel wakes
// that first thread to dump core, so without awaitCoreDeath the sender
// runs on.
func selfCore() int {
	tb := New(Config{TTY: -1, Stderr: os.Stderr, Self: os.Args[0]})
	tb.KernelDefault(syscall.SIGTRAP, false)
	unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{}) // no core file
	// The main goroutine holds the first thread (if it is on it), so the
	// sender's goroutine runs on another, while the first sleeps.
	runtime.LockOSThread()
	done := make(chan int)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread goes with the goroutine
		if unix.Gettid() == unix.Getpid() {
			done <- 3 // on the first thread after all
			return
		}
		err := tb.kill(os.Getpid(), syscall.SIGTRAP, 0)
		fmt.Printf("ran on (%v)\n", err)
		done <- 0
	}()
	return <-done
}

// TestSelfCoreSignalEndsAtOnce: a shell that sends itself a signal which
// dumps core (kill -TRAP $BASHPID, kill -QUIT 0) dies before its next
// command, as bash does. Before: now and then it ran the next command
// (compat.txt "(kill -TRAP $BASHPID; echo notreached)").
func TestSelfCoreSignalEndsAtOnce(t *testing.T) {
	tb, _ := newTable(t, false) // the reaper of this test process: it collects the helpers
	for run := 0; run < 20; run++ {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		j, err := tb.Launch([]Stage{{
			Path:  os.Args[0],
			Argv:  []string{os.Args[0], "-test.run=^$"},
			Env:   append(os.Environ(), selfCoreEnv+"=1"),
			Files: []int{0, int(w.Fd()), 2},
		}}, "kill -TRAP $$", true)
		w.Close()
		if err != nil {
			r.Close()
			t.Fatal(err)
		}
		out, _ := io.ReadAll(r)
		r.Close()
		st := tb.WaitForeground(j)
		if len(out) > 0 || st != 128+int(syscall.SIGTRAP) {
			t.Fatalf("run %d: output %q, status %d: want death by SIGTRAP (133) and no output", run, out, st)
		}
	}
}
