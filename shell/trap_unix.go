//go:build linux

package shell

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"gosh/builtins"
	"gosh/jobs"
)

// This file makes the shell process act on its trap table. The rules, as
// bash follows them:
//
//   - A caught signal (trap 'cmds' SIG) is only noted when it arrives. Its
//     handler runs in the shell itself, between two commands: after the
//     foreground command that was running, at once if the shell is in the
//     wait builtin (which returns 128+N), at once at the prompt (which is
//     then drawn again). Each arrival is run once; arrivals that come
//     while the handler is pending count once, as in bash.
//   - An ignored signal (trap "" SIG) is ignored by the shell and by every
//     child it starts. The kernel passes SIG_IGN on across execve, so the
//     shell process sets it where it can; where it cannot (a copy of the
//     shell on a goroutine shares the process; an interactive shell keeps
//     catching SIGINT, SIGTSTP... for itself; SIGCHLD feeds the reaper),
//     the child is started through a gosh that ignores the signal and
//     execs the program (jobs.Stage.IgnoreSignals).
//   - A copy of the shell (a command substitution, a builtin stage) only
//     keeps its table: signals belong to the process, and it is the
//     top-level shell that runs the handlers, after the copy is done, as a
//     forked subshell's parent would.
//   - A trap on CHLD runs once for each child that changed state, told by
//     the job table as it reaps (childChanged), not by the signal itself;
//     during wait at once, and the wait goes on. A copy that stands for a
//     forked subshell counts as that child (copyEnded); what it starts
//     does not count.
//   - A shell that dies of a signal, or exits in its handler, first gives
//     the signal to the children it forked after the signal was sent to
//     its group, which missed it (jobs.SignalLateChildren).
//   - A script's shell (managed) keeps bash's defaults where Go's runtime
//     has others: it dies of SIGUSR1 and the like (Go ignores them) and
//     ignores SIGQUIT (Go prints a stack dump). With an EXIT trap it
//     watches the fatal signals, and runs the trap before dying of one,
//     as bash does.

const nsig = 65 // signals 1 to 64

// disposition is what the top-level shell's trap table says about a
// signal.
type disposition uint8

const (
	sigDefault disposition = iota
	sigCaught
	sigIgnored
)

// fatalSignals are the signals that end a process by default. A script's
// shell with an EXIT trap watches them, so that the trap runs before the
// shell dies of one, as in bash.
var fatalSignals = []syscall.Signal{
	syscall.SIGHUP, syscall.SIGINT, syscall.SIGTERM,
	syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGALRM, syscall.SIGVTALRM,
	syscall.SIGXCPU, syscall.SIGXFSZ, syscall.SIGIO, syscall.SIGPWR, syscall.SIGSTKFLT,
	// Go's runtime answers these with a goroutine dump and status 2
	// (SIGILL: not at all) when another process or kill $$ sends them;
	// it needs none of them, so they get the kernel's SIG_DFL too.
	syscall.SIGABRT, syscall.SIGSYS, syscall.SIGTRAP, syscall.SIGILL,
}

// interactiveSignals are caught by an interactive shell for itself
// (jobs.InitInteractive): a trap may add to what they do, never ignore
// them in the shell process.
var interactiveSignals = []syscall.Signal{
	syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU,
	syscall.SIGTERM, syscall.SIGHUP, syscall.SIGWINCH,
}

// signals is the signal state of one shell process, shared by the shell
// and its copies.
type signals struct {
	table *jobs.Table

	mu          sync.Mutex
	interactive bool
	state       [nsig]disposition
	stops       [nsig]func() // set while the signal is caught for traps
	ignoredProc [nsig]bool   // the process has SIG_IGN for it (set here)
	// hard marks signals ignored on entry: a non-interactive shell cannot
	// trap or reset them (POSIX 2.14 trap). asyncIgnored marks SIGINT and
	// SIGQUIT of a background job (Shell.asyncIgnored): ignored by default, but a
	// trap may catch them, as in a forked subshell.
	hard         [nsig]bool
	asyncIgnored [nsig]bool
	// managed: this is a script's shell process (not an interactive one,
	// not a test's shell in-process), whose dispositions the shell sets
	// from start-up (ignoreOnEntry). Its main goroutine holds main.
	managed bool
	fatalOn bool // a managed shell with an EXIT trap watches fatalSignals
	// runtimeOn: the shell process (a managed or an interactive one)
	// dies of a SIGPIPE or SIGPROF it sends itself (awaitSelf).
	runtimeOn bool
	// quitKills: SIGQUIT's default ends this shell (a child gosh), where a
	// script's shell ignores it, as bash does.
	quitKills bool
	// ictx is the context that a caught signal cancels: the wait builtin
	// waits on it (see waitContext).
	ictx    context.Context
	ibase   context.Context
	icancel context.CancelCauseFunc
	// lineRead is set when a builtin that reads or watches (read,
	// mapfile, watch) asks for the line's context, and cleared when the
	// next command line starts: Ctrl+C ends such a builtin and the line
	// even with a trap on INT, as in bash (handleSignals).
	lineRead atomic.Bool
	// wake, set by the interactive loop, makes the line editor give the
	// prompt back so that the handler runs at once.
	wake func()
	// die is cmd/gosh's last resort after the shell's own death by a
	// signal did not end the process (Config.DieOfSignal).
	die func(syscall.Signal)

	pending    [nsig]atomic.Bool
	anyPending atomic.Bool
	// arrived is closed and replaced whenever a signal has been noted.
	arrived chan struct{}
	// chld counts the children that changed state for a trap on CHLD,
	// whose handler runs once for each, as in bash.
	chld             atomic.Int32
	watchingChildren bool
	fatal            atomic.Int32 // a fatal signal the main goroutine must act on
	// exitErr is an exit in a CHLD handler run during wait, which ends the
	// shell once the wait builtin is done (main goroutine only).
	exitErr error
	// notedAt is when each caught signal was last noted (deliver).
	notedAt [nsig]time.Time
	// noted is when the first fatal signal was noted (fatalSignal).
	noted time.Time
	// main is held by a managed shell's main goroutine, except while it
	// waits for a foreground job: then a fatal signal may act at once.
	main sync.Mutex

	// inHandler is set while the shell runs a trap (main goroutine only).
	inHandler bool
	// top is the top-level shell, whose table the handlers come from.
	top *Shell
}

func newSignals(sh *Shell, die func(syscall.Signal)) *signals {
	s := &signals{table: sh.Jobs, top: sh, die: die, arrived: make(chan struct{})}
	sh.Jobs.SetSelfSignalled(s.awaitSelf)
	sh.Jobs.SetSelfFatal(s.selfFatal)
	return s
}

// announce wakes awaitSelf.
func (s *signals) announce() {
	s.mu.Lock()
	close(s.arrived)
	s.arrived = make(chan struct{})
	s.mu.Unlock()
}

// awaitSelf runs after the shell sent sig to itself (kill -USR1 $$): if
// the shell acts on sig, it waits, a second at most, until the signal has
// been noted, so that the handler runs right after the kill command.
func (s *signals) awaitSelf(sig syscall.Signal) {
	n := int(sig)
	if n <= 0 || n >= nsig {
		return
	}
	s.mu.Lock()
	d := s.state[n]
	watched := d == sigCaught ||
		(d == sigDefault && s.fatalOn && slices.Contains(fatalSignals, sig)) ||
		(d == sigDefault && s.runtimeOn && !s.ignoredProc[n] && slices.Contains(faultSignals, sig)) // kill -SEGV 0 (faultSent)
	unwatched := (sig == syscall.SIGPIPE || sig == syscall.SIGPROF) && d == sigDefault && s.runtimeOn && !s.ignoredProc[n]
	s.mu.Unlock()
	if unwatched {
		// Go's runtime drops a SIGPIPE or SIGPROF that is sent, and
		// neither can be given SIG_DFL (a write into a closed pipe would
		// kill the shell; Go keeps SIGPROF for its profiler): kill -PIPE
		// $$ ends the shell here, as it ends bash.
		s.fatalSignal(n)
		return
	}
	if !watched {
		return
	}
	timeout := time.After(time.Second)
	for !s.pending[n].Load() && s.fatal.Load() == 0 {
		s.mu.Lock()
		ch := s.arrived
		s.mu.Unlock()
		if s.pending[n].Load() || s.fatal.Load() != 0 {
			return
		}
		select {
		case <-ch:
		case <-timeout:
			return
		}
	}
}

// selfFatal runs before the shell sends sig to its own pid (kill -SEGV
// $$): a SIGSEGV, SIGBUS or SIGFPE whose disposition is the default ends
// the shell here, as it ends bash (EXIT trap, then death by the signal),
// instead of being sent: Go's runtime would print a stack dump for it.
// It reports whether it took the signal.
func (s *signals) selfFatal(sig syscall.Signal) bool {
	n := int(sig)
	if sig != syscall.SIGSEGV && sig != syscall.SIGBUS && sig != syscall.SIGFPE {
		return false
	}
	s.mu.Lock()
	take := s.state[n] == sigDefault && s.runtimeOn && !s.ignoredProc[n]
	s.mu.Unlock()
	if take {
		s.fatalSignal(n)
	}
	return take
}

// ignoredForPrograms reports whether a program the shell process execs
// in its own place starts with sig ignored (jobs.ResetSignalsForExec):
// a trap "" on it, or ignored when the shell started, or for a
// background job without job control. SIGQUIT, which a script's shell
// ignores for itself only, is not.
func (s *signals) ignoredForPrograms(sig syscall.Signal) bool {
	n := int(sig)
	if n <= 0 || n >= nsig {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ignoredProc[n]
}

// mustCatch reports whether the shell process must keep catching sig
// whatever the traps say.
func (s *signals) mustCatch(sig int) bool {
	if sig == int(syscall.SIGCHLD) {
		return true // the reaper
	}
	return s.interactive && slices.Contains(interactiveSignals, syscall.Signal(sig))
}

// setDisposition applies the top-level shell's trap for sig to the
// process. Called on the main goroutine by the trap builtin.
func (s *signals) setDisposition(sig int, d disposition) {
	if sig <= 0 || sig >= nsig || sig == int(syscall.SIGKILL) || sig == int(syscall.SIGSTOP) {
		return
	}
	s.mu.Lock()
	if s.hard[sig] {
		s.mu.Unlock()
		return
	}
	s.state[sig] = d
	s.mu.Unlock()
	s.update(sig)
}

// update makes the process's disposition of sig match s.state.
func (s *signals) update(sig int) {
	s.mu.Lock()
	d := s.state[sig]
	// A trap on CHLD is run from the reaping itself (childChanged), once
	// per child, not from the signal, which coalesces and comes late.
	listen := d == sigCaught && sig != int(syscall.SIGCHLD) ||
		(d == sigDefault && s.fatalOn && slices.Contains(fatalSignals, syscall.Signal(sig)))
	if sig == int(syscall.SIGCHLD) && d == sigCaught && !s.watchingChildren {
		s.watchingChildren = true
		s.table.Subscribe(s.childChanged)
	}
	ignore := (d == sigIgnored || d == sigDefault && s.asyncIgnored[sig]) && !s.mustCatch(sig)
	if s.hard[sig] {
		ignore, listen = true, false
	}
	wasIgnored := s.ignoredProc[sig]
	stop := s.stops[sig]
	managed := s.managed
	s.mu.Unlock()

	if (!listen || ignore) && stop != nil {
		stop()
		s.mu.Lock()
		s.stops[sig] = nil
		s.mu.Unlock()
	}
	switch {
	case ignore:
		if !wasIgnored {
			s.table.IgnoreSignal(syscall.Signal(sig))
			s.mu.Lock()
			s.ignoredProc[sig] = true
			s.mu.Unlock()
		}
		return
	case wasIgnored:
		if !listen {
			s.table.UnignoreSignal(syscall.Signal(sig))
		}
		s.mu.Lock()
		s.ignoredProc[sig] = false
		s.mu.Unlock()
	}
	if listen && stop == nil {
		ch, stop := s.table.CatchSignal(syscall.Signal(sig))
		s.mu.Lock()
		s.stops[sig] = stop
		s.mu.Unlock()
		go func() {
			for range ch {
				s.deliver(sig)
			}
		}()
	}
	if !listen && managed {
		s.baseDisposition(syscall.Signal(sig))
	}
}

// baseDisposition gives a managed shell's signal its default: as bash's,
// where Go's runtime would do otherwise. SIGQUIT is ignored by the shell
// (bash ignores it; Go would print a stack dump), and those Go ignores
// kill it. Children start with all of them at their defaults.
//
// The fatal signals Go's runtime would also end the shell with (SIGHUP,
// SIGINT, SIGTERM) get the kernel's SIG_DFL too, for a race Go's handler
// cannot close: with a handler, a signal sent to the shell's process group
// is taken by one thread while another is already forking the next child
// (with every signal blocked, so the kernel does not restart that fork);
// the child joins the group after the signal was sent, misses it, and
// outlives the shell (kill %1 on "while :; do sleep 60; done &"). With
// SIG_DFL the kernel marks the whole process as dying when the signal is
// sent, before any thread runs again, and a fork in flight fails: every
// child either got the signal or was never made, as with bash.
func (s *signals) baseDisposition(sig syscall.Signal) {
	switch {
	case sig == syscall.SIGQUIT:
		s.mu.Lock()
		kills := s.quitKills
		s.mu.Unlock()
		s.table.KernelDefault(sig, !kills)
	case slices.Contains(fatalSignals, sig):
		s.table.KernelDefault(sig, false)
	}
}

// watchRuntimeFatal makes the shell process die of a SIGPIPE or SIGPROF
// it sends itself (awaitSelf): a script's shell, a child gosh, the
// interactive shell.
//
// It also makes a SIGSEGV, SIGBUS or SIGFPE that another process sends
// end the shell as it ends bash (faultSent), where Go's runtime would
// print a stack dump.
func (s *signals) watchRuntimeFatal() {
	s.mu.Lock()
	was := s.runtimeOn
	s.runtimeOn = true
	s.mu.Unlock()
	if !was {
		s.table.WatchFaultSignals(s.faultSent)
	}
}

// faultSignals are the signals Go's runtime keeps for its own faults,
// which the shell watches for when another process (or kill -SEGV 0)
// sends them (faultSent).
var faultSignals = []syscall.Signal{syscall.SIGSEGV, syscall.SIGBUS, syscall.SIGFPE}

// faultSent is a SIGSEGV, SIGBUS or SIGFPE sent to the shell by another
// process (jobs.WatchFaultSignals). At its default disposition it ends
// the shell: EXIT trap, then death by the signal, as in bash. A trap on
// it has a channel of its own (update), and an ignored one is dropped.
func (s *signals) faultSent(sig syscall.Signal) {
	n := int(sig)
	s.mu.Lock()
	take := s.state[n] == sigDefault && !s.ignoredProc[n]
	s.mu.Unlock()
	if take {
		s.fatalSignal(n)
	}
}

// watchFatal turns the watching of the fatal signals on or off: on while
// a managed shell has an EXIT trap.
func (s *signals) watchFatal(on bool) {
	s.mu.Lock()
	if !s.managed || s.fatalOn == on {
		s.mu.Unlock()
		return
	}
	s.fatalOn = on
	s.mu.Unlock()
	for _, sig := range fatalSignals {
		s.update(int(sig))
	}
}

// deliver is what happens when sig arrives (on the signal's goroutine).
func (s *signals) deliver(sig int) {
	s.mu.Lock()
	d := s.state[sig]
	wake := s.wake
	s.mu.Unlock()
	switch d {
	case sigCaught:
		s.mu.Lock()
		s.notedAt[sig] = time.Now()
		s.mu.Unlock()
		s.pending[sig].Store(true)
		s.anyPending.Store(true)
		s.announce()
		s.interrupt(sig)
		if wake != nil {
			wake()
		}
	case sigDefault:
		s.fatalSignal(sig)
	}
}

// childChanged is told of every child that exited, was killed, stopped
// or continued (jobs.Table.Subscribe), by whoever reaped it: for a trap on
// CHLD. A foreground job's children are reaped before its wait returns,
// so the handler runs right after the command, as in bash. Unlike other
// trapped signals it does not end a wait.
//
// A process started by a copy of the shell does not count: in bash it is a
// child of the forked subshell the copy stands for, and that subshell's
// end counts instead (copyEnded).
func (s *signals) childChanged(ev jobs.Event) {
	if ev.Copy {
		return
	}
	switch ev.Kind {
	case jobs.EvExited, jobs.EvSignaled, jobs.EvStopped, jobs.EvContinued:
	default:
		return
	}
	s.mu.Lock()
	caught := s.state[syscall.SIGCHLD] == sigCaught
	wake := s.wake
	s.mu.Unlock()
	if !caught {
		return
	}
	s.chld.Add(1)
	s.pending[syscall.SIGCHLD].Store(true)
	s.anyPending.Store(true)
	if wake != nil {
		wake()
	}
}

// copyEnded runs as a copy of the shell ends (a ( ) or $( ) run in this
// process, a builtin or function stage of a pipeline): where bash forks a
// child for it, its end counts as one child that changed state for a trap
// on CHLD. Only a copy of the top-level shell counts; a copy of a copy
// stands for a grandchild.
func (sh *Shell) copyEnded() {
	if !sh.forkedChild {
		return
	}
	sh.forkedChild = false // once
	sh.sigs.childChanged(jobs.Event{Kind: jobs.EvExited})
}

// isOwnSubshell reports, once, whether the "( list )" about to run is the
// one this child gosh was started to be ("( list ) &", a subshell stage):
// then the child runs it itself, not on a copy, so that a trap set in it
// is the process's. A copy only keeps its table, and an EXIT trap in
// "( trap 'echo bye' EXIT; sleep 100 ) &" did not run when kill %1
// ended the child, as it does in bash.
func (sh *Shell) isOwnSubshell() bool {
	if sh.subshell || sh.source != sourceChild || !sh.specials.ownSubshell {
		return false
	}
	sh.specials.ownSubshell = false
	return true
}

// trapped reports whether the top-level shell has a trap on sig (caught
// or ignored).
func (s *signals) trapped(sig syscall.Signal) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state[sig] != sigDefault
}

// ignores reports whether the top-level shell's trap ignores sig.
func (s *signals) ignores(sig syscall.Signal) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state[sig] == sigIgnored
}

// keyInterrupt notes Ctrl+C typed at the prompt, which the line editor
// reads as a key, as a SIGINT for its trap: the handler runs before the
// next prompt, as in bash.
func (s *signals) keyInterrupt() {
	s.mu.Lock()
	caught := s.state[syscall.SIGINT] == sigCaught
	s.mu.Unlock()
	if caught {
		s.pending[syscall.SIGINT].Store(true)
		s.anyPending.Store(true)
	}
}

// fatalSignal: an untrapped fatal signal arrived at a non-interactive
// shell. If the main goroutine is waiting for a child, the shell runs its
// EXIT trap and dies now, as bash does; otherwise the main goroutine does
// so after the command it is running (runPendingTraps).
//
// Either way no child starts from now on (but those of the EXIT trap): a
// child forked now would miss a signal sent to the shell's group.
func (s *signals) fatalSignal(sig int) {
	s.mu.Lock()
	if s.noted.IsZero() {
		s.noted = time.Now()
	}
	s.mu.Unlock()
	s.table.CloseLaunches(syscall.Signal(sig))
	if s.main.TryLock() {
		s.top.dieOf(sig)
		s.main.Unlock()
		return
	}
	s.fatal.Store(int32(sig))
	s.anyPending.Store(true)
	s.announce()
	s.interrupt(sig)
}

// interrupt cancels the context a waiting builtin waits on, with the
// signal as its cause.
func (s *signals) interrupt(sig int) {
	s.mu.Lock()
	cancel := s.icancel
	s.ictx, s.icancel = nil, nil
	s.mu.Unlock()
	if cancel != nil {
		cancel(builtins.SignalCause{Signal: syscall.Signal(sig)})
	}
}

// waitContext is base, also cancelled when a caught signal arrives: the
// context of the builtins that wait (wait, read).
func (s *signals) waitContext(base context.Context) context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ictx == nil || s.ibase != base {
		if s.icancel != nil {
			s.icancel(nil)
		}
		s.ictx, s.icancel = context.WithCancelCause(base)
		s.ibase = base
	}
	ctx := s.ictx
	if s.anyPending.Load() {
		// A signal came before the wait began: it ends the wait too.
		for sig := 1; sig < nsig; sig++ {
			if s.pending[sig].Load() {
				s.icancel(builtins.SignalCause{Signal: syscall.Signal(sig)})
				s.ictx, s.icancel = nil, nil
				break
			}
		}
	}
	return ctx
}

// waitForeground waits for a foreground job. While it waits, a fatal
// signal may end the shell at once (see fatalSignal). Then, as bash's
// wait_for, a script's finished background jobs leave the table
// (afterCommand): "false & sleep 1; jobs" lists nothing.
func (sh *Shell) waitForeground(j *jobs.Job) int {
	s := sh.sigs
	s.mu.Lock()
	managed := s.managed && !sh.subshell
	s.mu.Unlock()
	if !managed {
		st := sh.Jobs.WaitForeground(j)
		s.settle()
		sh.afterCommand()
		return st
	}
	s.main.Unlock()
	st := sh.Jobs.WaitForeground(j)
	s.settle()
	s.main.Lock()
	sh.afterCommand()
	return st
}

// ---- the shell's side: the trap builtin's calls, and running handlers ----

// SetTrap sets the trap for condition n: action runs for it, or "" ignores
// it. In the top-level shell a signal's disposition changes at once; in a
// copy only the table does.
func (sh *Shell) SetTrap(n int, action string) {
	sh.traps.set(n, action)
	if sh.subshell {
		return
	}
	if n == TrapExit {
		sh.sigs.watchFatal(action != "")
	}
	if n <= 0 || n >= nsig {
		return
	}
	d := sigCaught
	if action == "" {
		d = sigIgnored
	}
	if tr := sh.Jobs.Trace(); tr.On() {
		what := jobs.Msg{
			En: "the shell notes each arrival and runs the handler itself, between two commands",
			Ko: "셸이 도착할 때마다 적어 두었다가 두 명령 사이에서 핸들러를 직접 실행한다",
		}
		if d == sigIgnored {
			what = jobs.Msg{En: "ignored by the shell and by the commands it starts", Ko: "셸과 셸이 시작하는 명령들이 무시한다"}
		}
		tr.Shell(jobs.Same("trap: %s: %s"), jobs.SignalName(syscall.Signal(n)), what)
	}
	sh.sigs.setDisposition(n, d)
}

// ResetTrap gives condition n its default action (trap - SIG).
func (sh *Shell) ResetTrap(n int) {
	sh.traps.reset(n)
	if sh.subshell {
		return
	}
	if n == TrapExit {
		sh.sigs.watchFatal(false)
	}
	if n <= 0 || n >= nsig {
		return
	}
	sh.Jobs.Trace().Shell(jobs.Msg{En: "trap: %s: back to its default action", Ko: "trap: %s: 기본 동작으로 돌아간다"}, jobs.SignalName(syscall.Signal(n)))
	if n == int(syscall.SIGINT) && slices.Contains(sh.asyncIgnored, n) {
		// A background job's SIGINT, ignored without a trap: "trap -
		// INT" gives it its default action, as in bash's forked
		// subshell, for this child gosh and what it starts. Not
		// SIGQUIT, which a shell ignores by default anyway (bash's
		// subshell stays alive after "trap - QUIT").
		sh.asyncIgnored = slices.DeleteFunc(slices.Clone(sh.asyncIgnored), func(s int) bool { return s == n })
		sh.sigs.mu.Lock()
		sh.sigs.asyncIgnored[n] = false
		sh.sigs.mu.Unlock()
	}
	sh.sigs.setDisposition(n, sigDefault)
}

// Traps is the table that trap and trap -p print, by condition.
func (sh *Shell) Traps() map[int]string {
	return sh.traps.listed()
}

// trapCheckpoint runs between commands: the handlers of signals that
// arrived meanwhile.
func (sh *Shell) trapCheckpoint() error {
	if sh.subshell || !sh.sigs.anyPending.Load() {
		return nil
	}
	return sh.runPendingTraps()
}

// runChildTrapsInWait runs the handler of a trap on CHLD while the wait
// builtin waits, once for each child that changed state meanwhile, as
// bash does; the wait then goes on. An exit in the handler ends the wait
// (false) and is acted on as the wait builtin ends (runPendingTraps).
func (sh *Shell) runChildTrapsInWait() bool {
	s := sh.sigs
	if sh.subshell || s.inHandler || !s.pending[syscall.SIGCHLD].Swap(false) {
		return true
	}
	s.inHandler = true
	defer func() { s.inHandler = false }()
	for range max(1, int(s.chld.Swap(0))) {
		action, ok := sh.traps.action(int(syscall.SIGCHLD))
		if !ok || action == "" {
			break
		}
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "trap: SIGCHLD: a child changed state during wait: the shell runs its handler now, and waits on",
			Ko: "trap: SIGCHLD: wait 중에 자식의 상태가 바뀌었다: 셸이 지금 핸들러를 실행하고 계속 기다린다",
		})
		if err := sh.runHandler(action); err != nil {
			s.exitErr = err
			s.anyPending.Store(true)
			return false
		}
	}
	return true
}

// runPendingTraps runs the handler of every caught signal that arrived
// since the last time, once each, in signal order; then acts on a fatal
// signal. $? is kept around each handler, as bash does. An exit in a
// handler exits the shell; a return in one, run in a function, returns
// from the function.
func (sh *Shell) runPendingTraps() error {
	s := sh.sigs
	if sh.subshell || s.inHandler {
		return nil
	}
	s.inHandler = true
	defer func() { s.inHandler = false }()
	if err := s.exitErr; err != nil {
		s.exitErr = nil
		return err // an exit in a handler run during wait
	}
	for s.anyPending.Swap(false) {
		for sig := 1; sig < nsig; sig++ {
			if !s.pending[sig].Swap(false) {
				continue
			}
			runs := 1
			if sig == int(syscall.SIGCHLD) {
				runs = max(1, int(s.chld.Swap(0)))
			}
			for range runs {
				action, ok := sh.traps.action(sig)
				if !ok || action == "" {
					break
				}
				sh.Jobs.Trace().Shell(jobs.Msg{
					En: "trap: %s arrived: the shell runs its handler now, between commands",
					Ko: "trap: %s 도착: 셸이 명령 사이인 지금 핸들러를 실행한다",
				}, jobs.SignalName(syscall.Signal(sig)))
				start := time.Now()
				// A return in the action returns from the function that
				// was running when the signal came, as in bash.
				if _, err := sh.runHandlerStatus(action, 1); err != nil {
					if _, isExit := IsExit(err); isExit && sig != int(syscall.SIGCHLD) {
						// bash would have run this handler, and exited,
						// before starting any child after the signal
						// came: those gosh started meanwhile get it.
						s.mu.Lock()
						noted := s.notedAt[sig]
						s.mu.Unlock()
						sh.Jobs.SignalLateChildren(syscall.Signal(sig), noted, start)
					}
					return err
				}
			}
		}
		if sig := s.fatal.Swap(0); sig != 0 {
			sh.dieOf(int(sig))
			return &ExitError{Status: 128 + int(sig)}
		}
	}
	return nil
}

// runHandler runs the text of a trap in the shell itself and restores $?.
// Its $LINENO counts from 1, as bash's for a signal or EXIT.
func (sh *Shell) runHandler(action string) error {
	return sh.runHandlerAt(action, 1)
}

// runHandlerAt is runHandler with the text's lines counted from line: the
// ERR, DEBUG and RETURN traps count from the line of the command they
// follow or precede, as in bash ("trap 'echo $LINENO' ERR" names the line
// of the failed command). $LINENO is the shell's again afterwards.
func (sh *Shell) runHandlerAt(action string, line int) error {
	_, err := sh.runHandlerStatus(action, line)
	if isReturn(err) {
		return nil
	}
	return err
}

// runHandlerStatus is runHandlerAt that also gives the action's status,
// and the return the action ran in a function (for the DEBUG trap).
func (sh *Shell) runHandlerStatus(action string, line int) (int, error) {
	saved := sh.Status
	sh.specials.inTrap++ // $BASH_COMMAND stays the trapped command (bashcommand.go)
	sh.xtraceDepth++     // set -x: "++ " for the action, as bash (not for EXIT)
	defer func() { sh.specials.inTrap--; sh.xtraceDepth-- }()
	defer sh.enterTrapAction(saved, false)()
	defer func(l int, m *substLines) { sh.line, sh.substLines = l, m }(sh.line, sh.substLines)
	sh.substLines = nil    // the action's lines are its own
	sh.verboseEcho(action) // set -v shows a trap's text as it runs, as bash
	f, err := sh.parseAt(action, line)
	if err != nil {
		sh.syntaxError(err, "trap", action, line, 1)
		status := sh.Status
		sh.Status = saved
		return status, nil
	}
	_, err = sh.Run(f)
	if _, isExit := IsExit(err); isExit || isReturn(err) && sh.flow.funcDepth > 0 {
		status := sh.Status
		if !isExit {
			sh.Status = saved
		}
		return status, err
	}
	status := sh.Status
	sh.Status = saved
	return status, nil
}

// errTrapSetInCall reports whether the running function set (or reset)
// the ERR trap itself, which then runs in it, as in bash: a function does
// not inherit the ERR trap without set -E, but "f() { trap 'return' ERR;
// false; }" returns from f at the false.
func (sh *Shell) errTrapSetInCall() bool {
	f := sh.flow.frame
	return f != nil && f.errSets != sh.traps.errSets
}

// commandFailed runs where a failed command counts for set -e: the ERR
// trap runs ($? is the failure), then set -e exits.
func (sh *Shell) commandFailed() error {
	if err := sh.errTrap(); err != nil {
		return err
	}
	return sh.errexitOnly()
}

// errTrap runs the ERR trap for a command that failed. As in bash without
// set -E, a function does not inherit the ERR trap (unless the call set it
// itself: errTrapSetInCall): its call fails as a whole, in the caller.
// With set -E it runs in functions and subshells too.
func (sh *Shell) errTrap() error {
	if action, ok := sh.traps.tracedAction(TrapErr, sh.Opts.Errtrace); ok && action != "" && !sh.sigs.inErrTrap(sh) && (sh.flow.funcDepth == 0 || sh.Opts.Errtrace || sh.errTrapSetInCall()) {
		sh.errTrapDepth++
		// A return in the action returns from the function it runs in
		// ("trap 'return 1' ERR" in a function), as in bash.
		_, err := sh.runHandlerStatus(action, sh.line)
		sh.errTrapDepth--
		return err
	}
	return nil
}

// errexitOnly is what set -e does for a failed command: exit with its
// status.
func (sh *Shell) errexitOnly() error {
	if sh.Opts.Errexit {
		return &ExitError{Status: sh.Status}
	}
	return nil
}

// inErrTrap: commands failing inside the ERR trap do not run it again.
func (s *signals) inErrTrap(sh *Shell) bool { return sh.errTrapDepth > 0 }

// debugTrap runs the DEBUG trap before each pipeline, as bash does before
// each simple command; not inside the DEBUG trap itself, and not inside
// functions, which do not inherit it (bash without set -T).
func (sh *Shell) debugTrap(line int) error {
	_, err := sh.debugTrapSkips(line)
	return err
}

// debugTrapSkips is debugTrap that also says, with shopt extdebug on,
// whether the command is to be skipped: as in bash, a DEBUG trap whose
// status is not 0 skips it, and a status of 2 in a function or a . file
// returns from it (a return with status 2).
func (sh *Shell) debugTrapSkips(line int) (bool, error) {
	action, ok := sh.traps.tracedAction(TrapDebug, sh.functrace())
	if !ok || action == "" || sh.inDebugTrap || sh.flow.funcDepth > 0 && !sh.functrace() {
		return false, nil
	}
	sh.inDebugTrap = true
	defer func() { sh.inDebugTrap = false }()
	sh.noteLine(line) // $LINENO is the line of the command about to run, as in bash
	status, err := sh.runHandlerStatus(action, sh.line)
	if err != nil || !sh.Opts.Shopt.Extdebug || status == 0 {
		return false, err
	}
	if status == 2 && (sh.flow.funcDepth > 0 || sh.flow.sourceDepth > 0) {
		return true, &builtins.ReturnRequest{Status: 2}
	}
	return true, nil
}

// ExitTrapStatus implements builtins.ExitTrapShell.
func (sh *Shell) ExitTrapStatus() (int, bool) { return sh.exitTrapFrom, sh.inExitTrap }

// TrapStatus implements builtins.TrapStatusShell.
func (sh *Shell) TrapStatus() (int, bool) { return sh.trapFrom, sh.inTrapAction }

// enterTrapAction notes that a trap's action starts with $? at status,
// for a bare return in it (TrapStatus) and, for the EXIT trap, a bare
// exit (ExitTrapStatus); an action of another trap that runs inside the
// EXIT trap has its own $?, as in bash ("trap exit INT" run from the EXIT
// trap exits with the status of the command the signal came after). The
// DEBUG trap's return and exit use $? as it is, as bash's. The result
// restores the state of the trap it ran in.
func (sh *Shell) enterTrapAction(status int, exitTrap bool) func() {
	in, from, inExit := sh.inTrapAction, sh.trapFrom, sh.inExitTrap
	sh.inTrapAction, sh.trapFrom = !sh.inDebugTrap, status
	if !exitTrap {
		sh.inExitTrap = false
	}
	return func() { sh.inTrapAction, sh.trapFrom, sh.inExitTrap = in, from, inExit }
}

// RunExitTrap runs the EXIT trap, once, as the shell (or a copy of it)
// ends with status; $? in the trap is that status. The result is the
// shell's exit status: status, or the argument of an exit in the trap.
func (sh *Shell) RunExitTrap(status int) int {
	action, ok := sh.traps.action(TrapExit)
	if !ok {
		return status
	}
	sh.traps.reset(TrapExit)
	if action == "" {
		return status
	}
	sh.Status = status
	sh.verboseEcho(action) // set -v shows a trap's text as it runs, as bash
	f, err := sh.parse(action)
	if err != nil {
		sh.syntaxError(err, "exit trap", action, 1, 1)
		return status
	}
	sh.specials.inTrap++ // $BASH_COMMAND stays the last command (bashcommand.go)
	leave := sh.enterTrapAction(status, true)
	sh.inExitTrap, sh.exitTrapFrom = true, status
	_, err = sh.Run(f)
	leave()
	sh.inExitTrap = false
	sh.specials.inTrap--
	if code, isExit := IsExit(err); isExit {
		return code
	}
	return status
}

// dieOf ends the shell because of an untrapped fatal signal: the EXIT
// trap runs, then the process dies of the signal.
//
// Children forked while the signal was on its way to the shell's code
// missed it, if it was sent to the shell's process group: they get it
// now (jobs.SignalLateChildren), so that none outlives the shell.
func (sh *Shell) dieOf(sig int) {
	s := sh.sigs
	s.inHandler = true
	s.mu.Lock()
	noted := s.noted
	s.mu.Unlock()
	if noted.IsZero() {
		noted = time.Now()
	}
	trapped := sh.Jobs.OpenLaunchesToShell()
	sh.RunExitTrap(128 + sig)
	sh.Jobs.SignalLateChildren(syscall.Signal(sig), noted, trapped)
	sh.Jobs.DieOfSignal(syscall.Signal(sig))
	if s.die != nil {
		s.die(syscall.Signal(sig))
	}
}

// childIgnores lists the signals a child must be started with ignored
// that the shell process does not ignore itself (see jobs.Stage): those
// for a re-exec that ignores them (reexec), and those the shell may
// ignore for the moment of the fork (atFork). background is true for a
// job started with '&'.
func (sh *Shell) childIgnores(background bool) (reexec, atFork []syscall.Signal) {
	s := sh.sigs
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range sh.traps.ignored() {
		if !s.ignoredProc[n] {
			reexec = append(reexec, syscall.Signal(n))
		}
	}
	if background && !sh.jobControlHere() {
		// POSIX 2.11: without job control, an asynchronous list ignores
		// SIGINT and SIGQUIT, so that Ctrl+C meant for the script's
		// foreground does not reach it. A signal with a trap must not be
		// missed even for the moment of a fork: those need the re-exec.
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGQUIT} {
			switch {
			case s.ignoredProc[sig] || slices.Contains(reexec, sig):
			case s.state[sig] == sigCaught || s.interactive:
				reexec = append(reexec, sig)
			default:
				atFork = append(atFork, sig)
			}
		}
	}
	if len(reexec) > 0 {
		// The re-executed gosh's runtime would catch what it inherited
		// ignored (all but SIGHUP and SIGINT): it ignores them all.
		reexec, atFork = append(reexec, atFork...), nil
	}
	return reexec, atFork
}

// applyInheritedTraps makes a child gosh act on the ignored signals of the
// table it starts with: SIG_IGN in this process, so that its children
// inherit it.
func (sh *Shell) applyInheritedTraps() {
	for _, n := range sh.traps.ignored() {
		sh.sigs.setDisposition(n, sigIgnored)
	}
}

// ignoreOnEntry prepares a non-interactive shell's signals at start-up.
// Signals ignored on entry stay ignored, for the shell and its children,
// and cannot be trapped (POSIX 2.14 trap): SIGHUP and SIGINT as Go's
// runtime saw them, and those of asyncIgnored, which a child gosh
// received in its snapshot (the Go runtime of a new process would catch
// SIGQUIT again: they are ignored here anew). The other fatal signals
// end the shell by the kernel's SIG_DFL, including those that Go's runtime
// would ignore or answer with a stack dump (see baseDisposition); while the
// shell has an EXIT trap it watches them instead, so that the trap runs
// before the shell dies of one.
func (sh *Shell) ignoreOnEntry() {
	s := sh.sigs
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGINT} {
		// A child gosh of a background job finds SIGINT ignored because
		// it is one (asyncIgnored), not because its shell was started
		// so: a trap may still catch it, as in bash's forked subshell.
		if jobs.IgnoredOnEntry(sig) && !slices.Contains(sh.asyncIgnored, int(sig)) {
			s.mu.Lock()
			s.hard[sig], s.ignoredProc[sig] = true, true
			s.mu.Unlock()
		}
	}
	s.mu.Lock()
	s.managed = true
	s.mu.Unlock()
	sh.Jobs.SetKilledNotice(sh.killedNoticePrefix)
	s.main.Lock()
	defer func() {
		for _, sig := range append([]syscall.Signal{syscall.SIGQUIT}, fatalSignals...) {
			s.update(int(sig))
		}
		s.watchRuntimeFatal()
	}()
	for _, n := range sh.asyncIgnored {
		if n <= 0 || n >= nsig {
			continue
		}
		s.mu.Lock()
		s.asyncIgnored[n] = true // not a trap: trap -p does not show it
		s.mu.Unlock()
		s.update(n)
	}
}

// killedNoticePrefix starts a script's report of a job killed by sig, as
// bash's: "script.sh: line 3: " (ErrorPrefix at the line the shell is at
// when it notices, 1 before any); false if the shell traps sig, which
// then goes unreported.
func (sh *Shell) killedNoticePrefix(sig syscall.Signal) (string, bool) {
	if sh.sigs.trapped(sig) {
		return "", false
	}
	return sh.errorPrefixAt(max(sh.line, 1)), true
}

// jobControlHere reports whether this shell starts its background jobs in
// process groups of their own: the interactive shell or one with set -m,
// never a copy of it (a $( ) or a builtin stage, which bash runs in a
// forked subshell with job control off: its "sleep 10 &" is in the
// shell's group, and without SIG_IGN Ctrl+C would kill it).
func (sh *Shell) jobControlHere() bool {
	return !sh.subshell && (sh.Opts.Interactive || sh.Jobs.JobControl())
}

// isHard reports whether sig was ignored when the shell started, which a
// non-interactive shell can neither trap nor reset.
func (s *signals) isHard(sig int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return sig > 0 && sig < nsig && s.hard[sig]
}

// asyncIgnores is the AsyncIgnored of the snapshot of a child gosh that
// runs a stage of a job: the shell's own, and SIGINT and SIGQUIT when the
// job is in the background and the shell has no job control (POSIX 2.11;
// childIgnores does the same for an external command).
func (sh *Shell) asyncIgnores(background bool) []int {
	if !background || sh.jobControlHere() {
		return sh.asyncIgnored
	}
	out := sh.asyncIgnored
	for _, sig := range []int{int(syscall.SIGINT), int(syscall.SIGQUIT)} {
		// One the shell itself found ignored stays so for good (hard):
		// the child finds it ignored on entry too.
		if !slices.Contains(out, sig) && !sh.sigs.isHard(sig) {
			out = append(out[:len(out):len(out)], sig) // a new array: the shell's is shared
		}
	}
	return out
}

// returnTrap runs the RETURN trap as a function or a . file ends, as bash
// does: after a . file at top level, and after a function call if the
// function set the trap itself (functions do not inherit it). before is
// the trap's action when the call began. $? is kept.
func (sh *Shell) returnTrap(before string, hadBefore, function bool) error {
	action, ok := sh.traps.tracedAction(TrapReturn, sh.functrace())
	if !ok || action == "" {
		return nil
	}
	if function && hadBefore && action == before && !sh.functrace() {
		return nil // inherited, not set by the function (bash without set -T)
	}
	if !function && sh.flow.funcDepth > 0 || sh.inReturnTrap {
		return nil // not for what the RETURN trap itself calls, as bash
	}
	sh.inReturnTrap = true
	defer func() { sh.inReturnTrap = false }()
	return sh.runHandlerAt(action, sh.line)
}
