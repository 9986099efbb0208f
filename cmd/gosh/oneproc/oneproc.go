// Package oneproc runs gosh's Go runtime with one P (GOMAXPROCS=1) from
// the start: it is imported by cmd/gosh only for its initialisation,
// which imports nothing but the runtime, so it runs before the packages
// whose initialisation starts goroutines (os starts the runtime's
// finalizer goroutine).
//
// Why (issue 9, speed: every start of gosh pays it). With one P per CPU,
// a goroutine started while a P is idle wakes a second thread, or makes
// one, to run it; the goroutines of the runtime and of os move to that
// P, which then gets its own small-object spans for each size class the
// start allocates; and when the start-up goroutine has run for 10 ms
// (a loaded machine), the runtime's monitor preempts it with a signal
// and hands it to another thread. With one P none of that happens:
// "gosh -c true" made about 30 page faults and 20 context switches fewer
// here, and took 1 ms less CPU time. A shell has little to run in
// parallel: its jobs' processes run in parallel all the same, a
// goroutine blocked in a system call (a wait, a read) gets a thread of
// its own, and a child gosh has always run with one P (jobs: a child
// gosh's environment has GOMAXPROCS=1).
//
// A GOMAXPROCS the user put in gosh's environment still counts: cmd/gosh
// sets it back once it reads the environment (limits_unix.go).
package oneproc

import "runtime"

// init makes the P count 1, unless it is 1 already (a child gosh, whose
// runtime read GOMAXPROCS=1 from its environment, pays nothing).
func init() {
	if runtime.GOMAXPROCS(0) > 1 {
		runtime.GOMAXPROCS(1)
	}
}
