// The Go runtime's own GOMAXPROCS updater (Go 1.25) is a goroutine that
// every start creates and wakes a thread for, to follow a container's CPU
// limit changing while a program runs; a shell does not need it (issue 9:
// every gosh start, each child gosh too, pays it).
//
// Nor does it need the runtime's cgroup-aware default (containermaxprocs),
// which opens the cgroup's CPU limit files before any of gosh's code runs
// and keeps them open for the whole run, at the lowest free numbers: fds 3
// and 4 of every gosh, where a user looking at /proc/$$/fd expects nothing
// and the shell's own descriptors must not be (they sit at 10 or above:
// shell/fdio_unix.go). Off, the runtime reads them once and closes them; P
// counts follow the CPUs the process may run on (sched_getaffinity, which
// a container's cpuset limits), not a CPU quota: gosh runs with one P
// until its first garbage collection anyway (cmd/gosh/oneproc).

//go:debug updatemaxprocs=0
//go:debug containermaxprocs=0

package main

import (
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"gosh/cmd/gosh/oneproc"
	"gosh/jobs"
	"gosh/shell"
)

// init runs before anything else of gosh: it keeps the process small in
// threads, and keeps Go's crash reports away from users.
func init() {
	// The runtime starts with one P (cmd/gosh/oneproc). Under a low
	// ulimit -u it keeps one: with more, the runtime may start a thread
	// for each (a garbage collection needs them), and under the limit a
	// thread it cannot start ends the process. A GOMAXPROCS the user set
	// (a positive number, as the runtime reads it) counts at once.
	switch {
	case jobs.LowProcessLimitSet() && os.Getenv("GOMAXPROCS") == "":
		oneproc.Keep()
	case validProcs(os.Getenv("GOMAXPROCS")):
		oneproc.Restore()
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

// validProcs tells whether the runtime took s as its P count (GOMAXPROCS):
// a positive decimal number.
func validProcs(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n > 0
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
