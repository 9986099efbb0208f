// Command spin keeps a CPU busy, for the gosh labs: a process that is
// always runnable, shown with state R by ps, procs and ptree.
//
//	spin [seconds]
//
// Without an argument it spins until it is killed. Stop it with Ctrl+Z
// (state T) and continue it with fg or bg (state R again).
//
// ps shows the state of a process's main thread (the thread group leader).
// A Go program's main goroutine may run on any thread while the main
// thread sleeps in the scheduler, and ps then says S. So the busy loop is
// pinned to the main thread (runtime.LockOSThread in init, before main
// starts), GOMAXPROCS is 1, and no other goroutine is ever runnable: the
// loop polls the clock itself instead of using a timer. A preempted
// goroutine that is locked to its thread parks that thread for a moment
// (state S), so spin also turns the runtime's preemption off: it starts
// itself again (execve, same pid) with GODEBUG=asyncpreemptoff=1, and its
// loop reads the clock through a nosplit function (monotonic), which never
// checks whether the runtime asked it to yield.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

func init() {
	// init runs on the main thread; the main goroutine stays there.
	runtime.LockOSThread()
}

func main() {
	if !strings.Contains(os.Getenv("GODEBUG"), "asyncpreemptoff=1") {
		if self, err := os.Executable(); err == nil {
			env := append(os.Environ(), "GODEBUG=asyncpreemptoff=1")
			syscall.Exec(self, os.Args, env) // returns only on failure: spin on anyway
		}
	}
	runtime.GOMAXPROCS(1)
	var deadline int64 // monotonic nanoseconds; 0: spin until killed
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 0 {
			fmt.Fprintln(os.Stderr, "usage: spin [seconds]")
			os.Exit(2)
		}
		deadline = monotonic() + int64(n)*int64(time.Second)
	}
	x := uint64(1)
	for i := 0; ; i++ {
		x = x*6364136223846793005 + 1442695040888963407 // busy work the compiler cannot drop
		if i%(1<<28) == 0 && deadline != 0 && monotonic() > deadline {
			break
		}
	}
	if x == 0 {
		fmt.Println(x)
	}
}

// monotonic reads CLOCK_MONOTONIC with a raw clock_gettime(2). Every
// function it calls is nosplit, so the loop never reaches a preemption
// check: a goroutine the runtime asks to yield while it holds its locked
// thread parks that thread (state S), which time.Now's check allowed
// about three times a second, long enough to be seen on a loaded machine.
//
//go:nosplit
func monotonic() int64 {
	var ts syscall.Timespec
	syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, 1 /* CLOCK_MONOTONIC */, uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Sec*int64(time.Second) + ts.Nsec
}
