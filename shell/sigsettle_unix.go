//go:build linux

package shell

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gosh/jobs"
)

// settle waits until the signals the shell catches that were sent to it
// before its foreground job ended have reached the shell's own code
// (deliver): run by the shell right after waiting for a foreground job.
//
// A process of the job may signal the shell just before it ends
// (sh -c 'kill -USR1 $PPID'). bash has one thread: by the time its waitpid
// returns, the handler has run, and the trap runs before the next command.
// gosh's runtime has several threads, and the signal goes three steps
// after kill(2): it waits in the kernel for the thread chosen to take it
// (shown in /proc as ShdPnd, or SigPnd of that thread), the runtime's
// handler on that thread passes it to os/signal's goroutine, and that
// goroutine passes it to the shell's. On a loaded machine each step can
// wait for a CPU. So settle waits, at most settleMax, until no caught
// signal is pending in the kernel and no other thread of the shell is
// running or waiting to run, then lets the goroutines that carry signals
// take their turn. It costs nothing without a trap on a signal, and some
// 0.3 ms per foreground job with one (it reads /proc).
func (s *signals) settle() {
	mask := s.caughtMask()
	if mask == 0 {
		return
	}
	deadline := time.Now().Add(settleMax)
	for time.Now().Before(deadline) {
		busy, ok := signalsInFlight(mask)
		if !ok || !busy {
			break
		}
		yield()
	}
	for range 3 {
		runtime.Gosched()
	}
}

// yield lets the goroutines and threads that carry a signal run: the
// scheduler's turn for the goroutines (the shell holds the one P), then
// sched_yield(2) for the threads. It is cheaper than a sleep, which costs
// a timer and a wake-up per foreground job of a script with a trap.
func yield() {
	runtime.Gosched()
	syscall.RawSyscall(syscall.SYS_SCHED_YIELD, 0, 0, 0)
}

// settleMax bounds settle: a thread that stays busy for another reason
// (the garbage collector) must not hold up the shell.
const settleMax = 100 * time.Millisecond

// caughtMask is the set of signals with a trap that catches them, as a
// kernel signal mask (bit n-1 for signal n). CHLD is left out: its trap
// runs from the reaping, not from the signal.
func (s *signals) caughtMask() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var m uint64
	for sig := 1; sig < nsig && sig <= 64; sig++ {
		if s.state[sig] == sigCaught && sig != int(syscall.SIGCHLD) {
			m |= 1 << (sig - 1)
		}
	}
	return m
}

// signalsInFlight reports whether one of the signals in mask is pending in
// the kernel for the shell's process or one of its threads, or whether a
// thread other than the caller's is running or runnable (it may be
// carrying one). ok is false when /proc cannot tell.
func signalsInFlight(mask uint64) (busy, ok bool) {
	if pendingIn("/proc/self/status", "ShdPnd:")&mask != 0 {
		return true, true
	}
	dir, err := os.Open("/proc/self/task")
	if err != nil {
		return false, false
	}
	names, err := dir.Readdirnames(-1)
	dir.Close()
	if err != nil {
		return false, false
	}
	self := strconv.Itoa(syscall.Gettid())
	for _, tid := range names {
		status := "/proc/self/task/" + tid + "/status"
		if pendingIn(status, "SigPnd:")&mask != 0 {
			return true, true
		}
		if tid != self && threadRunning(status) {
			return true, true
		}
	}
	return false, true
}

// pendingIn reads the hexadecimal signal mask on the line starting with
// key of a /proc status file; 0 if it cannot.
func pendingIn(path, key string) uint64 {
	text, _ := jobs.StatusText(path, key)
	v, err := strconv.ParseUint(text, 16, 64)
	if err != nil {
		return 0
	}
	return v
}

// threadRunning reports whether the thread whose status file is path is
// running or waiting for a CPU (State: R).
func threadRunning(path string) bool {
	text, _ := jobs.StatusText(path, "State:")
	return strings.HasPrefix(text, "R")
}
