// Package oneproc starts gosh's Go runtime with one P (GOMAXPROCS=1) and
// gives it back the runtime's own choice after the first garbage
// collection: it is imported by cmd/gosh for its initialisation, which
// imports nothing but the runtime, so it runs before the packages whose
// initialisation starts goroutines (os starts the runtime's finalizer
// goroutine).
//
// Why (issue 9, speed: every start of gosh pays it). With one P per CPU,
// a goroutine started while a P is idle wakes a second thread, or makes
// one, to run it; the goroutines of the runtime and of os move to that
// P, which then gets its own small-object spans for each size class the
// start allocates; and when the start-up goroutine has run for 10 ms
// (a loaded machine), the runtime's monitor preempts it with a signal
// and hands it to another thread. With one P none of that happens:
// "gosh -c true" made about 17 page faults and 8 context switches fewer
// here, and took 0.5 ms less CPU time.
//
// A run that lasts is another matter: the garbage collector's own work
// then runs beside the shell on another CPU, with more than one P. A
// short command never collects (its heap stays far below the 4 MB of
// the first collection), so a finalizer on an object nobody holds, which
// runs after the first collection, gives the runtime its P count back
// (Restore). An interactive shell gets it back at once (cmd/gosh): with
// one P, a signal's goroutine would wait for the runtime's monitor (up to
// 10 ms) while the prompt's reader holds the P in poll. Under a low
// ulimit -u one P stays (Keep), so that the runtime makes no thread the
// limit does not allow. A child gosh has its one P from its environment
// (jobs: GOMAXPROCS=1) and keeps it, as before.
package oneproc

import (
	"runtime"
	"sync/atomic"
)

// procs is the P count the runtime chose at start (its default, or the
// GOMAXPROCS of the environment); kept: Keep was called; collected: the
// sentinel's finalizer has run, after the first garbage collection.
var (
	procs     int
	kept      atomic.Bool
	collected atomic.Bool
)

// sentinel is the object whose finalizer runs after the first garbage
// collection. It holds a pointer so that it is not one of the runtime's
// tiny allocations, which may share a block and never be finalized.
type sentinel struct{ _ *int }

// init makes the P count 1, unless it is 1 already (a child gosh, whose
// runtime read GOMAXPROCS=1 from its environment, pays nothing).
func init() {
	procs = runtime.GOMAXPROCS(0)
	if procs > 1 {
		runtime.GOMAXPROCS(1)
		runtime.SetFinalizer(new(sentinel), func(*sentinel) {
			Restore()
			collected.Store(true)
		})
	}
}

// Restore gives the runtime the P count it chose at start, unless Keep
// was called: run after the first garbage collection, and by cmd/gosh
// at once for an interactive shell or when the user's environment set
// GOMAXPROCS.
func Restore() {
	if !kept.Load() && procs > 1 && runtime.GOMAXPROCS(0) != procs {
		runtime.GOMAXPROCS(procs)
	}
}

// Keep keeps one P for the whole run (a low ulimit -u).
func Keep() {
	kept.Store(true)
	runtime.GOMAXPROCS(1)
}
