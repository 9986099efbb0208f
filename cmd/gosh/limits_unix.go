// The Go runtime's own GOMAXPROCS updater (Go 1.25) is a goroutine that
// every start creates and wakes a thread for, to follow a container's CPU
// limit changing while a program runs; a shell does not need it (issue 9:
// every gosh start, each child gosh too, pays it).

//go:debug updatemaxprocs=0

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
	// Under a low ulimit -u, one P at once: with more, the runtime may
	// start a thread for each (a garbage collection needs them), and
	// under the limit a thread it cannot start ends the process. A
	// shell has little to run in parallel. (Under a normal limit the
	// default stays: setting it costs start-up time.)
	if jobs.LowProcessLimitSet() && os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
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

// shellThreads is the number of OS threads gosh keeps ready under a low
// ulimit -u. Measured with GOMAXPROCS=1 and waits on descriptors that hold
// no thread (jobs.SetFewThreads): the thread that runs Go code, sysmon, the
// runtime's template thread (cgo, LockOSThread), os/signal's receiver
// (always blocked), the foreground wait (waitid), the prompt's poll of the
// terminal, one goroutine in a short system call (the reaper's wait4, a
// fork), and one to spare.
const shellThreads = 8

// reserveThreads makes the threads gosh will need exist now, when ulimit -u
// is low. The Go runtime creates a thread whenever a goroutine blocks in a
// system call and no idle one is left; under RLIMIT_NPROC that creation
// can fail at any moment (children count against the same limit), and
// the runtime then ends the process. Threads created now stay, idle, for
// the life of the process, so later the runtime does not need a new one,
// and a fork that hits the limit is an error gosh reports (jobs: fork
// retry). Waits on pipes and the terminal hold no thread (jobs.PollFd), so
// the number needed does not grow with the stages of a pipeline.
//
// When the limit leaves less room than that, gosh reserves what fits and
// runs anyway, as far as its threads allow: builtins and scripts work, a
// fork fails with bash's retry and message. (If the runtime then needs a
// thread it cannot have, it ends the process with "runtime: failed to
// create new OS thread" and its own stack trace, which no setting turns
// off; so does a Go program started under a limit below the three or four
// threads the runtime makes before any of gosh's code runs.)
func reserveThreads() {
	if !jobs.LowProcessLimitSet() {
		return
	}
	// With one P (init), the Go runtime needs few OS threads (each one
	// counts against ulimit -u): one that runs Go code, sysmon, and one
	// for each goroutine blocked in a system call.
	jobs.SetFewThreads()
	if room, _ := jobs.ProcessRoom(); ownThreads() >= shellThreads || room < 2 {
		return
	}
	// The first LockOSThread (os/signal's, the terminal code's) makes the
	// runtime start its template thread: let it happen now.
	runtime.LockOSThread()
	runtime.UnlockOSThread()
	// Goroutines blocked in read(2) each hold a thread: the runtime starts
	// a new one to go on running Go code. Released, the threads stay idle.
	// As many are started as threads are missing, and only as many as
	// the limit still has room for, keeping one place for the first
	// command (another process of the user may take room meanwhile).
	var p [2]int
	if unix.Pipe2(p[:], unix.O_CLOEXEC) != nil {
		return
	}
	defer unix.Close(p[0])
	defer unix.Close(p[1])
	blocked := 0
	deadline := time.Now().Add(3 * time.Second)
	for have := ownThreads(); have < shellThreads && time.Now().Before(deadline); have = ownThreads() {
		// Goroutines started and not yet in read(2) will each take a
		// thread when they get there.
		coming := blocked - readersOf(p[0])
		room, _ := jobs.ProcessRoom()
		add := min(shellThreads-have-coming, room-coming-1)
		if add <= 0 && coming <= 0 {
			break // no more room, and nothing on the way
		}
		for range add {
			blocked++
			go func() {
				var b [1]byte
				unix.Read(p[0], b[:])
			}()
		}
		time.Sleep(2 * time.Millisecond)
	}
	unix.Write(p[1], make([]byte, blocked))
}

// readersOf counts this process's threads asleep in read(2) on fd, from
// /proc/self/task/*/syscall (the number of the system call, then its
// arguments in hex).
func readersOf(fd int) int {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return 0
	}
	prefix := fmt.Sprintf("%d 0x%x ", unix.SYS_READ, fd)
	n := 0
	for _, task := range tasks {
		data, err := os.ReadFile("/proc/self/task/" + task.Name() + "/syscall")
		if err == nil && strings.HasPrefix(string(data), prefix) {
			n++
		}
	}
	return n
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
