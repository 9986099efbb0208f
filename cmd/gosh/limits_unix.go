package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"gosh/jobs"
	"gosh/shell"
)

// init runs before anything else of gosh: it keeps the process small in
// threads, and keeps Go's crash reports away from users.
func init() {
	// Variables the parent gosh set for this process's Go runtime only
	// (jobs.RuntimeEnvMark): gone before the shell reads its environment.
	if names := os.Getenv(jobs.RuntimeEnvMark); names != "" {
		for _, name := range strings.Split(names, ",") {
			os.Unsetenv(name)
		}
		os.Unsetenv(jobs.RuntimeEnvMark)
	}
	// A Go crash never shows users a goroutine dump; GOTRACEBACK=all (or
	// any value) in the environment brings it back for debugging.
	if os.Getenv("GOTRACEBACK") == "" {
		debug.SetTraceback("none")
	}
	dropForHelpers()
	if msg := reserveThreads(); msg != "" {
		fmt.Fprintf(os.Stderr, "gosh: %s\n", msg)
		os.Exit(1)
	}
}

// shellThreads is the number of OS threads gosh keeps ready under a low
// ulimit -u. Measured: the thread that runs Go code, sysmon, os/signal's
// receiver and its signal-mask thread (both always blocked), the runtime's
// template thread, and three goroutines blocked in system calls at once
// (the foreground wait, the prompt's poll, a builtin writing to a full pipe).
const shellThreads = 8

// reserveThreads makes the threads gosh will need exist now, when ulimit -u
// is low. The Go runtime creates a thread whenever a goroutine blocks in a
// system call and no idle one is left; under RLIMIT_NPROC that creation
// can fail at any moment (children count against the same limit), and
// the runtime then dies. Threads created now stay, idle, for the life of
// the process, so later the runtime never needs a new one, and a fork that
// hits the limit is an error gosh reports (jobs: fork retry). If the limit
// leaves too little room even for that, gosh says so and does not start:
// the message returned is why.
func reserveThreads() string {
	room, low := jobs.ProcessRoom()
	if !low {
		return ""
	}
	// A shell has little to run in parallel; one P means the Go runtime
	// needs few OS threads (each one counts against ulimit -u): one that
	// runs Go code, sysmon, and one for each goroutine blocked in a system
	// call (the foreground wait, a builtin writing to a pipe). (Under a
	// normal limit the default stays: setting it costs start-up time.)
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	need := shellThreads - ownThreads()
	if need <= 0 {
		return ""
	}
	if room < need {
		var lim unix.Rlimit
		unix.Getrlimit(unix.RLIMIT_NPROC, &lim)
		return fmt.Sprintf("cannot start: ulimit -u %d leaves too little room (%d more processes and threads; the shell needs %d more threads)",
			lim.Cur, room, need)
	}
	// The first LockOSThread (os/signal's, the terminal code's) makes the
	// runtime start its template thread: let it happen now.
	runtime.LockOSThread()
	runtime.UnlockOSThread()
	// Goroutines blocked in read(2) each hold a thread: the runtime starts
	// a new one to go on running Go code. Released, the threads stay idle.
	var p [2]int
	if unix.Pipe2(p[:], unix.O_CLOEXEC) != nil {
		return ""
	}
	defer unix.Close(p[0])
	defer unix.Close(p[1])
	blocked := 0
	deadline := time.Now().Add(2 * time.Second)
	for ownThreads() < shellThreads && time.Now().Before(deadline) {
		if blocked < shellThreads {
			blocked++
			go func() {
				var b [1]byte
				unix.Read(p[0], b[:])
			}()
		}
		time.Sleep(time.Millisecond)
	}
	unix.Write(p[1], make([]byte, blocked))
	return ""
}

// ownThreads is the number of threads of this process.
func ownThreads() int {
	n, _ := jobs.StatusField("/proc/self/status", "Threads:")
	return n
}

// dropForHelpers: the hidden helper modes (nohup's re-execution, exec's
// fd setup) run again from the gosh binary, and a setuid gosh would gain
// its owner's ids anew; they only execve a user's program, which must run
// as the user. (The child gosh keeps -p from its snapshot: shell.RunChild.)
func dropForHelpers() {
	if len(os.Args) > 1 && (os.Args[1] == jobs.NohupFlag || os.Args[1] == shell.ExecFdsFlag || os.Args[1] == jobs.SigIgnFlag) {
		if unix.Geteuid() != unix.Getuid() || unix.Getegid() != unix.Getgid() {
			unix.Setresgid(unix.Getgid(), unix.Getgid(), unix.Getgid())
			unix.Setresuid(unix.Getuid(), unix.Getuid(), unix.Getuid())
		}
	}
}
