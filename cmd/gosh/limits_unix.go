// The Go runtime's own GOMAXPROCS updater (Go 1.25) is a goroutine that
// every start creates and wakes a thread for, to follow a container's CPU
// limit changing while a program runs; a shell does not need it (issue 9:
// every gosh start, each child gosh too, pays it).

//go:debug updatemaxprocs=0

package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"gosh/jobs"
	"gosh/shell"
)

// init runs before anything else of gosh: it keeps the process small in
// threads, and keeps Go's crash reports away from users.
func init() {
	// The runtime runs with one P (cmd/gosh/oneproc), which also keeps
	// the threads few under a low ulimit -u; a GOMAXPROCS the user set
	// counts, as the runtime would have read it (a positive number).
	if n, err := strconv.Atoi(os.Getenv("GOMAXPROCS")); err == nil && n > 1 {
		runtime.GOMAXPROCS(n)
	}
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
	reserveThreads()
}

// reserveThreads makes the threads gosh will need exist now, when ulimit -u
// is low (jobs.ReserveThreads; jobs/threads_unix.go says which they are).
// With one P (init), and waits on descriptors and children that hold no
// thread (jobs.SetFewThreads), a script needs jobs.ScriptThreads; an
// interactive shell or a trap reserves the threads os/signal takes when it
// first needs them (jobs.SignalThreads).
//
// When the limit leaves less room than that, gosh reserves what fits and
// runs anyway, as far as its threads allow: builtins and scripts work, a
// fork that would take the room of a thread still missing fails as the
// kernel's EAGAIN does, with bash's retry and message. (A Go program
// started under a limit below the three or four threads the runtime makes
// before any of gosh's code runs dies in the runtime, with its own stack
// trace, which no setting turns off.)
func reserveThreads() {
	if !jobs.LowProcessLimitSet() {
		return
	}
	jobs.SetFewThreads()
	jobs.ReserveThreads(jobs.ScriptThreads)
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
