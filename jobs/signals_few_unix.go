package jobs

import (
	"os/signal"
	"slices"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Signals at a fork under few threads (a low ulimit -u).
//
// A child starts with a signal ignored only if the shell process ignores
// it at the fork and the Go runtime does not count it as handled: Go's
// child resets every signal the runtime handles to SIG_DFL before execve.
// signal.Ignore makes the runtime stop counting it; only signal.Notify
// makes it count it again, and that starts os/signal's threads (and wakes
// them at each call), which a shell under a low limit cannot spare. So
// here the signal stays ignored in the runtime's books after the fork
// (zeroed), and the shell's own disposition, which is the kernel's SIG_DFL
// or SIG_IGN (KernelDefault), is put back with a raw rt_sigaction. Since
// the runtime no longer resets a zeroed signal in children, every later
// fork gives them SIG_DFL itself, unless the stage wants them ignored.

// zeroed holds, by number, the signals that ignoreForForkFew left out of
// the runtime's handled set. Used under rawMu.
var zeroed [65]bool

// isZeroed reports whether sig is zeroed. Call with rawMu held.
func isZeroed(sig syscall.Signal) bool {
	return sig > 0 && int(sig) < len(zeroed) && zeroed[sig]
}

// unzero forgets that sig is zeroed: os/signal has taken it over again
// (Notify counts it as handled; Ignore makes it ignored on purpose).
func unzero(sig syscall.Signal) {
	rawMu.Lock()
	if isZeroed(sig) {
		zeroed[sig] = false
	}
	rawMu.Unlock()
}

// sigDFL and sigIGN are the handler words of struct sigaction.
const (
	sigDFL = 0
	sigIGN = 1
)

// rawSigaction sets sig's disposition to act (nil: leaves it) and
// returns the one before, with rt_sigaction, which the Go runtime does
// not see. Call with rawMu held.
func rawSigaction(sig syscall.Signal, act *[4]uint64) (old [4]uint64, ok bool) {
	_, _, errno := unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(act)), uintptr(unsafe.Pointer(&old)), 8, 0, 0)
	return old, errno == 0
}

// ignoreForForkFew is ignoreForFork under few threads: run by Launch,
// under the launch lock, around every fork (sigs may be empty). It sets
// sigs to SIG_IGN (the first time through signal.Ignore, so that the
// runtime does not reset them in the child) and every other zeroed
// signal that the shell ignores to SIG_DFL; the returned function puts
// back the shell's own dispositions. A signal the runtime catches (a
// trap's) is not among sigs (the shell passes those through IgnoreExec).
func (t *Table) ignoreForForkFew(sigs []syscall.Signal) (restore func()) {
	type saved struct {
		sig syscall.Signal
		act [4]uint64
	}
	var undo []saved
	ignore, dfl := [4]uint64{sigIGN}, [4]uint64{sigDFL}
	rawMu.Lock()
	for _, sig := range sigs {
		cur, ok := rawSigaction(sig, nil)
		if !ok {
			continue
		}
		if sig <= 0 || int(sig) >= len(zeroed) {
			continue
		}
		if !zeroed[sig] {
			if cur[0] != sigDFL && cur[0] != sigIGN {
				// Caught by the runtime: putting its handler back
				// raw would leave it with a signal it does not
				// count as handled. (Not a case the shell makes.)
				continue
			}
			signal.Ignore(sig)
			zeroed[sig] = true
		} else if cur[0] != sigIGN {
			rawSigaction(sig, &ignore)
		}
		undo = append(undo, saved{sig, cur})
	}
	for n, z := range zeroed {
		sig := syscall.Signal(n)
		if !z || slices.Contains(sigs, sig) {
			continue
		}
		if cur, ok := rawSigaction(sig, nil); ok && cur[0] == sigIGN {
			rawSigaction(sig, &dfl)
			undo = append(undo, saved{sig, cur})
		}
	}
	rawMu.Unlock()
	if len(sigs) > 0 {
		t.trace.Shell(Msg{
			En: "rt_sigaction(%s, SIG_IGN) around the fork: the child inherits SIG_IGN; the shell's own disposition is put back right after",
			Ko: "fork하는 동안만 rt_sigaction(%s, SIG_IGN): 자식은 SIG_IGN을 물려받고, 셸의 원래 처리 방식은 fork 직후 되돌린다",
		}, signalNames(sigs))
	}
	return func() {
		rawMu.Lock()
		defer rawMu.Unlock()
		for _, u := range undo {
			rawSigaction(u.sig, &u.act)
		}
	}
}
