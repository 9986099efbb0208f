//go:build linux

package jobs

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"gosh/jobs/earlysig"
)

// The system-call steps behind the trap builtin. The shell decides what
// each signal should do (package shell, trap_unix.go); these functions are
// the only places that change a disposition for it. Go's runtime owns the
// real signal handlers, so "catch" and "default" go through os/signal, and
// only "ignore" reaches the kernel as SIG_IGN, which is what children
// inherit across execve.

// CatchSignal makes sig arrive on a channel of its own: run by the shell
// for trap 'cmds' SIG. stop undoes it (trap - SIG) without touching any
// other channel the signal goes to (the REPL's, the reaper's). A caught
// signal is reset to its default in every child (execve resets handlers).
//
// Under a low ulimit -u, os/signal's threads are reserved first
// (SignalThreads); when there is no room for them, the signal is not
// caught, and a message says so: the runtime would end the shell.
func (t *Table) CatchSignal(sig syscall.Signal) (ch <-chan os.Signal, stop func()) {
	if !SignalThreads() {
		signalThreadsRefused()
		fmt.Fprintf(t.cfg.Stderr, "%strap: %s: cannot catch the signal: %s (ulimit -u)\n", t.errName(), SignalName(sig), errText(unix.EAGAIN))
		c := make(chan os.Signal)
		return c, func() { close(c) }
	}
	restoreRuntimeHandler(sig)
	c := make(chan os.Signal, 4)
	signal.Notify(c, sig)
	catchMu.Lock()
	if caught == nil {
		caught = map[syscall.Signal][]chan os.Signal{}
	}
	caught[sig] = append(caught[sig], c)
	catchMu.Unlock()
	unzero(sig)
	t.trace.Shell(Msg{
		En: "rt_sigaction(%s, handler): the shell catches it; children start with it at its default",
		Ko: "rt_sigaction(%s, handler): 셸이 이 시그널을 잡는다. 자식은 기본 동작으로 시작한다",
	}, SignalName(sig))
	return c, func() {
		catchMu.Lock()
		caught[sig] = slices.DeleteFunc(caught[sig], func(x chan os.Signal) bool { return x == c })
		catchMu.Unlock()
		signal.Stop(c)
		close(c)
	}
}

// caught are the channels CatchSignal made, by signal, for ignoreForFork
// (made at the first catch, not at every start of gosh).
var (
	catchMu sync.Mutex
	caught  map[syscall.Signal][]chan os.Signal
)

// ignoreForFork sets sigs to SIG_IGN in the shell process for the moment
// a child is forked, so that the child starts with them ignored (its
// runtime resets only the signals the shell catches): run by Launch, under
// the launch lock, for a stage with IgnoreAtFork. The returned function
// catches them again as they were caught before. One of them arriving in
// between is ignored by the shell: only signals without a trap are passed
// this way (the shell's choice), the others go through IgnoreExec.
//
// Under few threads (a low ulimit -u) it is ignoreForForkFew instead,
// which needs no os/signal thread.
func (t *Table) ignoreForFork(sigs []syscall.Signal) (restore func()) {
	if fewThreads.Load() {
		return t.ignoreForForkFew(sigs)
	}
	if len(sigs) == 0 {
		return func() {}
	}
	for _, sig := range sigs {
		signal.Ignore(sig)
	}
	t.trace.Shell(Msg{
		En: "rt_sigaction(%s, SIG_IGN) around the fork: the child inherits SIG_IGN; the shell catches them again right after",
		Ko: "fork하는 동안만 rt_sigaction(%s, SIG_IGN): 자식은 SIG_IGN을 물려받고, 셸은 fork 직후 다시 잡는다",
	}, signalNames(sigs))
	return func() {
		catchMu.Lock()
		defer catchMu.Unlock()
		for _, sig := range sigs {
			if len(caught[sig]) > 0 {
				for _, c := range caught[sig] {
					signal.Notify(c, sig)
				}
				continue
			}
			c := make(chan os.Signal, 1)
			signal.Notify(c, sig)
			signal.Stop(c) // the runtime's handler stays: the default of a Go program
			rawMu.Lock()
			if h := rawSet.Of(sig); h != nil && h.OK { // and what KernelDefault set, again
				act := h.Act
				unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&act)), 0, 8, 0, 0)
			}
			rawMu.Unlock()
		}
	}
}

// IgnoreSignal sets sig to SIG_IGN in the shell process: run by the shell
// for trap "" SIG. Every child started afterwards inherits SIG_IGN (POSIX:
// "signals that were ignored on entry ... shall be ignored in the child").
func (t *Table) IgnoreSignal(sig syscall.Signal) {
	forgetRuntimeHandler(sig) // the runtime's own bookkeeping takes over
	signal.Ignore(sig)
	unzero(sig) // ignored on purpose, for children too
	t.trace.Shell(Msg{
		En: "rt_sigaction(%s, SIG_IGN): ignored by the shell and by every child it starts from now on",
		Ko: "rt_sigaction(%s, SIG_IGN): 셸과, 셸이 앞으로 시작할 모든 자식이 이 시그널을 무시한다",
	}, SignalName(sig))
}

// UnignoreSignal takes sig out of SIG_IGN again (trap - SIG after
// trap "" SIG): run by the shell. os/signal cannot reset an ignored signal
// (golang/go#46321), but catching it installs the runtime's handler, and
// that handler stays when the catching stops: the signal then does what a
// Go program does with it by default, and children get SIG_DFL.
func (t *Table) UnignoreSignal(sig syscall.Signal) {
	if !SignalThreads() {
		signalThreadsRefused()
		fmt.Fprintf(t.cfg.Stderr, "%strap: %s: cannot reset the signal: %s (ulimit -u)\n", t.errName(), SignalName(sig), errText(unix.EAGAIN))
		return
	}
	restoreRuntimeHandler(sig)
	c := make(chan os.Signal, 1)
	signal.Notify(c, sig)
	signal.Stop(c)
	unzero(sig)
	t.trace.Shell(Msg{
		En: "rt_sigaction(%s, handler): no longer ignored; children start with it at its default",
		Ko: "rt_sigaction(%s, handler): 더는 무시하지 않는다. 자식은 기본 동작으로 시작한다",
	}, SignalName(sig))
}

// KernelDefault gives sig the kernel's own disposition in the shell
// process: SIG_DFL (ignore false) or SIG_IGN (ignore true), with a raw
// rt_sigaction that the Go runtime does not see: run by a script's shell
// at start-up for the signals whose Go default differs from the C one
// (SIGUSR1 kills a C program and is ignored by a Go one; SIGQUIT, which
// bash ignores, makes Go print a stack dump). The runtime still counts the
// signal as handled, so its children start with SIG_DFL, as a C shell's
// do. The runtime's handler is saved: CatchSignal, IgnoreSignal and
// UnignoreSignal put it back first.
func (t *Table) KernelDefault(sig syscall.Signal, ignore bool) {
	var act, old [4]uint64 // struct sigaction: handler, flags, (restorer,) mask
	what := Msg{
		En: "SIG_DFL: it acts as in a C program, and children start with it at its default",
		Ko: "SIG_DFL: C 프로그램에서처럼 동작하고, 자식도 기본 동작으로 시작한다",
	}
	if ignore {
		act[0] = 1 // SIG_IGN
		what = Msg{
			En: "SIG_IGN for the shell only: children start with it at its default",
			Ko: "셸에만 SIG_IGN: 자식은 기본 동작으로 시작한다",
		}
	}
	rawMu.Lock()
	defer rawMu.Unlock()
	if h := rawSet.Of(sig); h != nil && h.OK && h.Act == act {
		return // so it is already (earlysig, at the start): no system call
	}
	_, _, errno := unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&act)), uintptr(unsafe.Pointer(&old)), 8, 0, 0)
	if errno != 0 {
		return
	}
	if h := rawSaved.Of(sig); h != nil && !h.OK {
		*h = rawHandler{Act: old, OK: true}
	}
	if h := rawSet.Of(sig); h != nil {
		*h = rawHandler{Act: act, OK: true}
	}
	t.trace.Shell(Same("rt_sigaction(%s, %s"), SignalName(sig), what)
}

// ResetSignalsForExec gives every signal of the shell process the
// disposition a program should start with, right before the process
// execs one in place of the shell (exec cmd, a child gosh's last
// command): SIG_IGN where keep says so (trap "" SIG, a signal ignored at
// start-up), SIG_DFL for the rest. execve resets a caught signal by
// itself but keeps SIG_IGN, and the shell ignores some signals for
// itself only (SIGQUIT in a script's shell, KernelDefault), which a
// forked child gets back at their defaults (Go's ForkExec child resets
// them); so "exec prog" in a script gave prog SIGQUIT ignored. Each change
// is a raw rt_sigaction; undo puts the shell's dispositions back, for
// when execve fails and the shell goes on.
func (t *Table) ResetSignalsForExec(keep func(syscall.Signal) bool) (undo func()) {
	var saved [65][4]uint64
	var changed []int
	rawMu.Lock()
	for n := 1; n < len(saved); n++ {
		sig := syscall.Signal(n)
		if sig == syscall.SIGKILL || sig == syscall.SIGSTOP {
			continue
		}
		var old [4]uint64 // struct sigaction: handler, flags, restorer, mask
		if _, _, errno := unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(n), 0, uintptr(unsafe.Pointer(&old)), 8, 0, 0); errno != 0 {
			continue
		}
		var act [4]uint64 // SIG_DFL, no flags, empty mask
		if keep(sig) {
			act[0] = 1 // SIG_IGN
		}
		if old[0] == act[0] {
			continue
		}
		unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(n), uintptr(unsafe.Pointer(&act)), 0, 8, 0, 0)
		saved[n] = old
		changed = append(changed, n)
	}
	rawMu.Unlock()
	t.trace.Shell(Msg{
		En: "rt_sigaction(SIG_DFL) for the %d signals the shell catches or ignores only for itself: the program starts with them at their defaults, and with the ignored ones (trap '', or ignored at start) still ignored",
		Ko: "셸이 잡거나 자기만 무시하는 시그널 %d개에 rt_sigaction(SIG_DFL): 프로그램은 이것들을 기본 동작으로, 무시된 것(trap ''이나 시작할 때 무시된 것)은 그대로 무시한 채 시작한다",
	}, len(changed))
	return func() {
		rawMu.Lock()
		defer rawMu.Unlock()
		for _, n := range changed {
			act := saved[n]
			unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(n), uintptr(unsafe.Pointer(&act)), 0, 8, 0, 0)
		}
	}
}

// rawSaved holds the runtime's handlers that KernelDefault (or, at the
// process's start, package earlysig) replaced, and rawSet what took their
// place, by signal number; rawMu guards both once the shell runs.
// (Arrays: maps of them cost every script's start 3 KB and a dozen map
// insertions.)
var (
	rawMu    sync.Mutex
	rawSaved = &earlysig.Saved
	rawSet   = &earlysig.Set
)

// rawHandler is one struct sigaction, if OK.
type rawHandler = earlysig.Handler

// restoreRuntimeHandler puts back the runtime's handler for sig if
// KernelDefault replaced it.
func restoreRuntimeHandler(sig syscall.Signal) {
	rawMu.Lock()
	defer rawMu.Unlock()
	h := rawSaved.Of(sig)
	if h == nil || !h.OK {
		return
	}
	if isZeroed(sig) {
		// The runtime does not count it as handled (ignoreForForkFew):
		// its handler back now would forward the signal to itself.
		// Notify, next, installs it and counts it again.
		*h = rawHandler{}
		*rawSet.Of(sig) = rawHandler{}
		return
	}
	act := h.Act
	unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&act)), 0, 8, 0, 0)
	*h = rawHandler{}
	*rawSet.Of(sig) = rawHandler{}
}

// forgetRuntimeHandler drops the saved handler: signal.Ignore is about to
// set the disposition through the runtime, which then knows it.
func forgetRuntimeHandler(sig syscall.Signal) {
	rawMu.Lock()
	if h := rawSaved.Of(sig); h != nil {
		*h = rawHandler{}
		*rawSet.Of(sig) = rawHandler{}
	}
	rawMu.Unlock()
}

// DieOfSignal ends the shell process by sig, as a process that does not
// catch it would end, so that its parent sees WIFSIGNALED: run by the
// shell after its EXIT trap, when a fatal signal arrived (bash's
// termsig_handler does the same). The Go runtime's handler is replaced by
// SIG_DFL with a raw rt_sigaction, the signal is unblocked, and the shell
// sends it to itself. It returns only if sig did not end the process.
func (t *Table) DieOfSignal(sig syscall.Signal) {
	t.trace.Shell(Msg{
		En: "rt_sigaction(%s, SIG_DFL); kill(%d, %s): the shell dies of the signal",
		Ko: "rt_sigaction(%s, SIG_DFL); kill(%d, %s): 셸이 그 시그널로 죽는다",
	}, SignalName(sig), os.Getpid(), SignalName(sig))
	var act [4]uint64 // struct sigaction with sa_handler = SIG_DFL, no flags, empty mask
	unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(&act)), 0, 8, 0, 0)
	var set unix.Sigset_t
	sigaddset(&set, sig)
	unix.PthreadSigmask(unix.SIG_UNBLOCK, &set, nil)
	unix.Kill(os.Getpid(), sig)
	// Delivery is asynchronous: give the kernel a moment.
	for range 100 {
		time.Sleep(time.Millisecond)
	}
}

// IgnoredOnEntry reports whether sig was ignored when gosh started, as far
// as Go's runtime keeps it: for SIGHUP and SIGINT, which it leaves ignored
// (nohup, a background job of a script). Its own handler replaces every
// other inherited SIG_IGN.
func IgnoredOnEntry(sig syscall.Signal) bool { return signal.Ignored(sig) }

// SigIgnFlag is the hidden first argument with which Launch re-executes
// gosh for a Stage with IgnoreSignals: gosh --sigign-exec 2,3 PATH ARGV...
const SigIgnFlag = "--sigign-exec"

// IgnoreExec is what gosh runs when started with SigIgnFlag: args are the
// signal numbers (comma-separated), PATH and ARGV. It sets those signals
// to SIG_IGN and replaces itself with the program, which starts with them
// ignored. It returns only on failure.
func IgnoreExec(args []string) error {
	if len(args) < 3 {
		return errors.New(SigIgnFlag + ": usage: SIG,SIG... PATH ARGV0 [ARG...]")
	}
	for _, f := range strings.Split(args[0], ",") {
		if n, err := strconv.Atoi(f); err == nil && n > 0 && n < 65 {
			signal.Ignore(syscall.Signal(n))
		}
	}
	err := syscall.Exec(args[1], args[2:], os.Environ())
	if err == syscall.ENOEXEC {
		// Not a binary and no #! line: a gosh script, as Launch would
		// run it (startStage).
		if self, e := os.Executable(); e == nil {
			err = syscall.Exec(self, append([]string{self, args[1]}, args[3:]...), os.Environ())
		}
	}
	return &os.PathError{Op: "exec", Path: args[1], Err: err}
}

// signalList is the argument of SigIgnFlag: "2,3".
func signalList(sigs []syscall.Signal) string {
	parts := make([]string, len(sigs))
	for i, s := range sigs {
		parts[i] = strconv.Itoa(int(s))
	}
	return strings.Join(parts, ",")
}

// signalNames is "SIGINT SIGQUIT" for the trace.
func signalNames(sigs []syscall.Signal) string {
	parts := make([]string, len(sigs))
	for i, s := range sigs {
		parts[i] = SignalName(s)
	}
	return strings.Join(parts, " ")
}

// SetSelfSignalled installs fn, which runs after kill has sent a signal
// that reaches the shell itself (kill -USR1 $$): the shell waits there
// until the signal has arrived, so that its trap runs right after the kill
// command, as in a C shell where the kernel delivers it before kill(2)
// returns. Go's runtime delivers caught signals to a channel, later.
func (t *Table) SetSelfSignalled(fn func(unix.Signal)) { t.onSelf = fn }

// WatchFaultSignals makes a SIGSEGV, SIGBUS or SIGFPE that another
// process sends to the shell (kill -SEGV PID) arrive at fn, on a
// goroutine of its own: run once by a shell process (a script's shell, a
// child gosh, the interactive shell). Go's runtime keeps those three
// signals for its own faults (a nil pointer becomes a panic) and answers
// one that was sent with a stack dump of every goroutine and status 2;
// once os/signal watches them, it passes a sent one on instead, while a
// real fault still panics. No system call is made: the runtime's handler
// stays installed. Under a low ulimit -u with no room for os/signal's
// threads (SignalThreads), nothing is watched.
func (t *Table) WatchFaultSignals(fn func(syscall.Signal)) {
	if !SignalThreads() {
		return
	}
	c := make(chan os.Signal, 3)
	signal.Notify(c, syscall.SIGSEGV, syscall.SIGBUS, syscall.SIGFPE)
	go func() {
		for s := range c {
			fn(s.(syscall.Signal))
		}
	}()
}

// SetSelfFatal installs fn, which kill asks before it sends a signal to
// the shell's own pid (kill -SEGV $$): fn reports whether the shell acts
// on sig without it being sent, dying of it as bash would. Go's runtime
// answers a SIGSEGV, SIGBUS or SIGFPE that a program sends with a stack
// dump of every goroutine instead (it keeps those signals for its own
// faults and cannot give them SIG_DFL).
func (t *Table) SetSelfFatal(fn func(unix.Signal) bool) { t.selfFatal = fn }

// coreSignals are the signals whose default action dumps core.
var coreSignals = []syscall.Signal{
	syscall.SIGQUIT, syscall.SIGILL, syscall.SIGTRAP, syscall.SIGABRT, syscall.SIGBUS,
	syscall.SIGFPE, syscall.SIGSEGV, syscall.SIGXCPU, syscall.SIGXFSZ, syscall.SIGSYS,
}

// awaitCoreDeath is run by the shell right after it sent sig to itself
// (kill -TRAP $BASHPID, kill -QUIT 0): when sig is at SIG_DFL and dumps
// core, it waits for the death the signal brings. A signal that only
// terminates ends every thread of the process before kill(2) returns;
// one that dumps core does not: the kernel wakes one thread to take it
// and write the core, and in a process of several threads (the Go
// runtime's) that may be another than the sender, which runs on
// meanwhile. bash, one thread, never ran its next command; gosh ran it
// now and then ("(kill -TRAP $BASHPID; echo notreached)" printed it).
// It gives up after a second, in case the signal is blocked.
func (t *Table) awaitCoreDeath(sig syscall.Signal) {
	if !slices.Contains(coreSignals, sig) {
		return
	}
	var old [4]uint64 // struct sigaction: handler first
	if _, _, errno := unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), 0, uintptr(unsafe.Pointer(&old)), 8, 0, 0); errno != 0 || old[0] != 0 {
		return // caught or ignored: no death is coming
	}
	t.trace.Shell(Msg{
		En: "rt_sigaction(%s) = SIG_DFL: the signal dumps core, and the kernel gives it to one thread of the shell, maybe not this one: the shell runs nothing more until it dies",
		Ko: "rt_sigaction(%s) = SIG_DFL: 코어를 남기는 시그널이라 커널이 셸의 스레드 하나(이 스레드가 아닐 수도 있다)에 넘긴다: 셸은 죽을 때까지 아무것도 더 실행하지 않는다",
	}, SignalName(sig))
	time.Sleep(time.Second)
}

// targetsShell reports whether kill(pid, ...) reaches the shell process.
func targetsShell(pid int) bool {
	return pid == os.Getpid() || pid == 0 || pid == -1 || pid == -unix.Getpgrp()
}
