package oneproc

import (
	"runtime"
	"testing"
	"time"
)

// The tests run in this order: the first needs the start's state, before
// any collection the others cause.

// TestOnePAtStart: the package's initialisation left one P, where the
// runtime chose more.
func TestOnePAtStart(t *testing.T) {
	if procs <= 1 {
		t.Skipf("the runtime chose %d P (one CPU, or GOMAXPROCS=1)", procs)
	}
	if collected.Load() {
		t.Skip("a garbage collection already ran (go test -count)")
	}
	if got := runtime.GOMAXPROCS(0); got != 1 {
		t.Errorf("GOMAXPROCS = %d after the initialisation, want 1", got)
	}
}

// TestRestoreAfterCollection: after the first garbage collection the
// runtime has its own P count again; after Keep, Restore leaves one P.
func TestRestoreAfterCollection(t *testing.T) {
	if procs <= 1 {
		t.Skipf("the runtime chose %d P", procs)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !collected.Load() && time.Now().Before(deadline) {
		runtime.GC() // the finalizer runs after a collection
		time.Sleep(time.Millisecond)
	}
	if !collected.Load() {
		t.Fatal("the sentinel's finalizer did not run after collections")
	}
	if got := runtime.GOMAXPROCS(0); got != procs {
		t.Errorf("GOMAXPROCS = %d after the first collection, want %d", got, procs)
	}
	Keep()
	Restore()
	if got := runtime.GOMAXPROCS(0); got != 1 {
		t.Errorf("GOMAXPROCS = %d after Keep and Restore, want 1", got)
	}
	kept.Store(false)
	Restore()
}
