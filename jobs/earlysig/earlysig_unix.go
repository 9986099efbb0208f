package earlysig

import (
	"syscall"
	"unsafe"
)

// Handler is one struct sigaction (handler, flags, restorer, mask), if OK.
type Handler struct {
	Act [4]uint64
	OK  bool
}

// Handlers are the handlers of signals 1 to 64, by number.
type Handlers [65]Handler

// Of is sig's entry, nil for a number that is no signal.
func (hs *Handlers) Of(sig syscall.Signal) *Handler {
	if sig <= 0 || int(sig) >= len(hs) {
		return nil
	}
	return &hs[sig]
}

// Saved holds the runtime's handlers replaced by the kernel's
// disposition, Set what replaced them. Package jobs reads and writes them
// under its lock once the shell runs; init writes them alone.
var Saved, Set Handlers

// Handler words of struct sigaction.
const (
	sigDFL = 0
	sigIGN = 1
)

// early are the signals given SIG_DFL at start, which ends the process as
// it ends a C shell. SIGHUP, SIGINT and SIGTERM are not here: Go's handler
// ends the process on them too, and the shell's set-up decides what they
// do. Nor is SIGQUIT, which a shell ignores: SIG_IGN would pass to the
// programs that gosh's short-lived helpers (nohup's, a limit's) exec.
var early = [...]syscall.Signal{
	syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGALRM, syscall.SIGVTALRM,
	syscall.SIGXCPU, syscall.SIGXFSZ, syscall.SIGIO, syscall.SIGPWR,
	syscall.SIGSTKFLT, syscall.SIGABRT, syscall.SIGSYS, syscall.SIGTRAP,
	syscall.SIGILL,
}

// init sets each early signal to SIG_DFL with one rt_sigaction, which
// also returns the runtime's handler; a signal found ignored (SIG_IGN
// inherited from the parent: nohup, trap "") gets it back at once.
func init() {
	for _, sig := range early {
		act := [4]uint64{sigDFL}
		var old [4]uint64
		if _, _, errno := syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&act)), uintptr(unsafe.Pointer(&old)), 8, 0, 0); errno != 0 {
			continue
		}
		if old[0] == sigIGN {
			syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&old)), 0, 8, 0, 0)
			continue
		}
		Saved[sig] = Handler{Act: old, OK: true}
		Set[sig] = Handler{Act: act, OK: true}
	}
}
