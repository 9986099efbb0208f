package earlysig

import (
	"syscall"
	"testing"
	"unsafe"
)

// TestDispositions: after the package's initialisation (which ran in this
// test binary too) each early signal has the kernel's disposition, and
// the runtime's handler it replaced is saved; the other signals were left
// to the runtime.
func TestDispositions(t *testing.T) {
	cases := []struct {
		sig  syscall.Signal
		want uint64 // the handler word: sigDFL, sigIGN, or anything else (the runtime's)
		ours bool
	}{
		{syscall.SIGUSR1, sigDFL, true},
		{syscall.SIGUSR2, sigDFL, true},
		{syscall.SIGALRM, sigDFL, true},
		{syscall.SIGABRT, sigDFL, true},
		{syscall.SIGQUIT, 0, false}, // its SIG_IGN would reach programs the helpers exec
		{syscall.SIGTERM, 0, false},
		{syscall.SIGCHLD, 0, false},
	}
	for _, c := range cases {
		var old [4]uint64
		if _, _, errno := syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(c.sig), 0, uintptr(unsafe.Pointer(&old)), 8, 0, 0); errno != 0 {
			t.Fatalf("%v: %v", c.sig, errno)
		}
		switch {
		case c.ours && old[0] != c.want:
			t.Errorf("%v: handler %#x, want %#x", c.sig, old[0], c.want)
		case c.ours && (!Saved.Of(c.sig).OK || Saved.Of(c.sig).Act[0] <= sigIGN || Set.Of(c.sig).Act[0] != c.want):
			t.Errorf("%v: saved %+v, set %+v: want the runtime's handler saved", c.sig, *Saved.Of(c.sig), *Set.Of(c.sig))
		case !c.ours && (Saved.Of(c.sig).OK || old[0] <= sigIGN):
			t.Errorf("%v: changed at start (handler %#x, saved %v)", c.sig, old[0], Saved.Of(c.sig).OK)
		}
	}
	for _, n := range []syscall.Signal{0, 65, -1} {
		if Saved.Of(n) != nil {
			t.Errorf("Of(%d) is not nil", n)
		}
	}
}
