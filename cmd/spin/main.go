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
// loop calls a function (time.Now) only about three times a second.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
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
	var deadline time.Time
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 0 {
			fmt.Fprintln(os.Stderr, "usage: spin [seconds]")
			os.Exit(2)
		}
		deadline = time.Now().Add(time.Duration(n) * time.Second)
	}
	x := uint64(1)
	for i := 0; ; i++ {
		x = x*6364136223846793005 + 1442695040888963407 // busy work the compiler cannot drop
		if i%(1<<28) == 0 && !deadline.IsZero() && time.Now().After(deadline) {
			break
		}
	}
	if x == 0 {
		fmt.Println(x)
	}
}
