package jobs

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// The OS threads of a gosh under a low ulimit -u.
//
// RLIMIT_NPROC counts every thread of every process of the user, and the
// Go runtime ends the process, with a stack dump that no setting turns
// off, when it cannot create a thread it needs. It needs one whenever a
// goroutine has been in a system call for a while (sysmon then hands the
// processor to another thread: handoffp) and no thread is idle, and when
// it starts one of its own (the template thread, at the first
// LockOSThread). Threads, once made, stay for the life of the process,
// idle when not needed. So under a low limit gosh makes, at start-up, the
// threads it will ever need (ReserveThreads), keeps the number it needs
// small, and leaves room under the limit for the ones it could not make
// yet: a fork is refused (as if the kernel had said EAGAIN) when it would
// take that room (roomForFork).
//
// Under few threads (SetFewThreads) a script's gosh needs: the thread
// that runs Go code (one P: GOMAXPROCS=1), sysmon, and one for each
// goroutine that may be in a system call at once and lose its processor:
// the shell's own goroutine, the reaper's wait4, a builtin stage's I/O
// slot (ioSlots). Waits never sleep in the kernel (PollFd, waitForNews,
// the polling reaper), and os/signal is not used unless a trap or an
// interactive shell needs it: it costs three more threads (the template
// thread, os/signal's thread locked to update signal masks, and its
// receiver, always blocked), which SignalThreads reserves first.

// ScriptThreads is the number of OS threads a gosh keeps under a low
// ulimit -u without os/signal: the thread running Go code, sysmon, and
// three for goroutines in system calls (see above).
const ScriptThreads = 5

// signalThreads is what os/signal adds: the runtime's template thread
// (made at the first LockOSThread), the thread of os/signal's goroutine
// that updates the signal mask (locked to it, blocked), and the one
// blocked in its receiver (signal_recv).
const signalThreads = 3

// InteractiveThreads is what an interactive shell keeps: a script's, the
// threads of os/signal, and one for the terminal code, which runs on a
// locked thread (withTTYSignalsBlocked).
const InteractiveThreads = ScriptThreads + signalThreads + 1

// threadTarget is the number of threads this gosh wants under a low
// limit (ReserveThreads): forks leave room for those it does not have yet.
var threadTarget atomic.Int32

// reserveMu serialises ReserveThreads.
var reserveMu sync.Mutex

// ReserveThreads makes this process have target OS threads, as far as
// ulimit -u leaves room (beside what other gosh processes of the user
// may still need: see roomForFork), when the limit is low: run by
// cmd/gosh at start-up (ScriptThreads), and before os/signal is first
// used (SignalThreads). Threads are made by
// goroutines that block in read(2) on a pipe: the runtime starts a new
// thread to go on running Go code each time; once released they stay,
// idle. It reports whether the process has target threads now.
func ReserveThreads(target int) bool {
	if !fewThreads.Load() {
		return true
	}
	reserveMu.Lock()
	defer reserveMu.Unlock()
	if int32(target) > threadTarget.Load() {
		threadTarget.Store(int32(target))
	}
	if OwnThreads() >= target {
		return true
	}
	var p [2]int
	if unix.Pipe2(p[:], unix.O_CLOEXEC) != nil {
		return false
	}
	defer unix.Close(p[0])
	defer unix.Close(p[1])
	blocked := 0
	var readers sync.WaitGroup
	deadline := time.Now().Add(3 * time.Second)
	for have := OwnThreads(); have < target && time.Now().Before(deadline); have = OwnThreads() {
		// Goroutines started and not yet in read(2) will each take a
		// thread when they get there.
		coming := blocked - readersOf(p[0])
		// One place stays free: while the goroutine that reserves is
		// locked to its thread (gosh's init), or once every reader
		// is blocked, the runtime starts one more thread to run the
		// rest (handoffp), which counts against the limit too.
		room := reserveRoom()
		add := min(target-have-coming, room-coming-1)
		if add <= 0 && coming <= 0 {
			break // no more room, and nothing on the way
		}
		for range add {
			blocked++
			readers.Go(func() {
				var b [1]byte
				unix.Read(p[0], b[:])
			})
		}
		time.Sleep(2 * time.Millisecond)
	}
	unix.Write(p[1], make([]byte, blocked))
	// One byte for each reader: every one returns. Only then is the pipe
	// closed, or a late reader could read a descriptor that has another
	// use by then.
	readers.Wait()
	return OwnThreads() >= target
}

// templateMade is set once the runtime's template thread exists.
var templateMade atomic.Bool

// SignalThreads makes the threads os/signal will need exist, under a
// low ulimit -u, before its first use (a trap, an interactive shell's
// signals): the runtime's template thread, made by a LockOSThread now
// (the runtime would make it at os/signal's own LockOSThread, and die if
// it could not), and the idle threads that os/signal's two blocked
// goroutines will take. It reports false when there was no room for
// them (then it makes none): the caller must not use os/signal then, or
// the runtime may die.
func SignalThreads() bool {
	if !fewThreads.Load() {
		return true
	}
	if !templateMade.Load() {
		reserveMu.Lock()
		// All of them, and the script's own reserve, must fit, with
		// the one place ReserveThreads keeps free: else nothing is
		// made. (A template thread made into the last place would
		// take the one the runtime has while the reserve is short.)
		if need := ScriptThreads + signalThreads - OwnThreads(); reserveRoom() < need+1 {
			reserveMu.Unlock()
			return false
		}
		// The first LockOSThread starts the template thread.
		runtime.LockOSThread()
		runtime.UnlockOSThread()
		templateMade.Store(true)
		reserveMu.Unlock()
	}
	return ReserveThreads(ScriptThreads + signalThreads)
}

// reserveRoom is the room under the limit for this gosh's own threads:
// roomForFork without this gosh's missing reserve.
func reserveRoom() int {
	limit, _ := processLimit()
	used, pending := userThreads(unix.Getuid())
	return limit - used - pending
}

// signalsInUse is set when os/signal is used whether or not its threads
// could be reserved (an interactive shell: its line editor catches
// SIGWINCH): its threads stay in threadTarget then.
var signalsInUse atomic.Bool

// signalThreadsRefused undoes what SignalThreads added to the target when
// a trap does without os/signal, so that forks need no room for them.
func signalThreadsRefused() {
	if !signalsInUse.Load() {
		threadTarget.Store(ScriptThreads)
	}
}

// missingThreads is how many threads this gosh still wants to make
// (ReserveThreads): room that forks must leave free.
func missingThreads() int {
	return max(0, int(threadTarget.Load())-OwnThreads())
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

// OwnThreads is the number of threads of this process.
func OwnThreads() int {
	n, _ := StatusField("/proc/self/status", "Threads:")
	return n
}
