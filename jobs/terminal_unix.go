//go:build linux

package jobs

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// replSignals are the signals an interactive shell catches for its REPL.
// They are caught (signal.Notify), never ignored: an ignored signal stays
// ignored in every child the shell starts, a caught one is reset to default
// by execve.
var replSignals = []os.Signal{
	syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU,
	syscall.SIGTERM, syscall.SIGHUP, syscall.SIGWINCH,
}

// Terminal is the descriptor the table takes for job control (Config.TTY),
// -1 if none.
func (t *Table) Terminal() int { return t.cfg.TTY }

// InitInteractive prepares an interactive shell, as the GNU libc manual's
// init_shell does: wait until the shell is in the foreground, put it in its
// own process group, take the terminal, save its terminal modes, and catch
// the job-control signals.
//
// When job control is impossible (the terminal is not the shell's
// controlling terminal, or there is none, or the shell cannot have the
// terminal), the error wraps ErrNoJobControl: the shell can still run,
// interactively, without job control, as bash does.
func (t *Table) InitInteractive() error {
	tty := t.cfg.TTY
	if tty < 0 {
		return errors.New("jobs: interactive shell without a terminal")
	}
	// Under a low ulimit -u, the threads os/signal and the terminal code
	// take are made first (SignalThreads); without room for them,
	// catching signals could end the shell in the Go runtime.
	signalsInUse.Store(true)
	if !SignalThreads() || !ReserveThreads(InteractiveThreads) {
		return fmt.Errorf("%w: ulimit -u leaves no room for the threads that catching signals takes", ErrNoJobControl)
	}
	// Until the shell is in the foreground, stop it (SIGTTIN to its own
	// group, at the default disposition), as bash does; the user's fg from
	// the parent shell resumes it here.
	for {
		fg, err := t.tcgetpgrp()
		if err != nil {
			// Not the controlling terminal (setsid, or a terminal
			// passed in from elsewhere): ENOTTY.
			return fmt.Errorf("%w: cannot read the terminal's foreground group: %w", ErrNoJobControl, err)
		}
		if fg == unix.Getpgrp() {
			break
		}
		if signal.Ignored(syscall.SIGTTIN) {
			return fmt.Errorf("%w: the shell is in the background and SIGTTIN is ignored", ErrNoJobControl)
		}
		t.killSelfTTIN()
	}

	if pid := os.Getpid(); unix.Getpgrp() != pid {
		if err := t.setpgidSelf(); err != nil {
			return err
		}
	}
	t.mu.Lock()
	t.shellPgid = unix.Getpgrp()
	t.interact = true
	t.mu.Unlock()

	if err := t.tcsetpgrp(t.shellPgid); err != nil {
		t.mu.Lock()
		t.interact = false
		t.mu.Unlock()
		return fmt.Errorf("%w: cannot take the terminal: %w", ErrNoJobControl, err)
	}
	t.SaveShellModes()

	t.sigOnce.Do(func() { signal.Notify(t.sigs, replSignals...) })
	t.startReaper()
	return nil
}

// InitNonInteractive prepares a script or -c shell: at most SIGCHLD is
// caught (for the reaper, once needed); every other signal keeps the
// disposition gosh inherited.
func (t *Table) InitNonInteractive() error {
	t.mu.Lock()
	t.shellPgid = unix.Getpgrp()
	t.mu.Unlock()
	t.register() // the reaper starts when needed (startReaper)
	return nil
}

// ErrNoJobControl is wrapped by InitInteractive's errors when the shell can
// run interactively but without job control.
var ErrNoJobControl = errors.New("jobs: no job control")

// killSelfTTIN stops the shell's own group: run by the shell at start-up
// while it is in the background, so it waits, stopped, until made foreground.
func (t *Table) killSelfTTIN() {
	t.trace.Shell(Msg{
		En: "kill(0, SIGTTIN)  (not in the foreground yet: stop until the parent shell's fg)",
		Ko: "kill(0, SIGTTIN)  (아직 포그라운드가 아니다: 부모 셸이 fg할 때까지 정지한다)",
	})
	unix.Kill(0, unix.SIGTTIN)
}

// setpgidSelf puts the shell in a process group of its own: run by the shell
// at start-up, so that the groups of its jobs are never the group of the
// program that started it.
func (t *Table) setpgidSelf() error {
	pid := os.Getpid()
	err := unix.Setpgid(0, 0)
	t.trace.Shell(Msg{
		En: "setpgid(0, 0) = %v  (the shell leads its own group %d)",
		Ko: "setpgid(0, 0) = %v  (셸이 자기 프로세스 그룹 %d의 리더가 된다)",
	}, errOrZero(err), pid)
	if err != nil {
		return fmt.Errorf("%w: cannot put the shell in its own process group: %w", ErrNoJobControl, err)
	}
	return nil
}

// tcgetpgrp reads the terminal's foreground process group: run by the shell
// (ioctl TIOCGPGRP). Not traced: it changes nothing.
func (t *Table) tcgetpgrp() (int, error) {
	return unix.IoctlGetInt(t.cfg.TTY, unix.TIOCGPGRP)
}

// tcsetpgrp makes pgid the terminal's foreground group: run by the shell to
// take the terminal back after a job (or to give it to a job on fg). The
// shell may be in the background when it calls it, so SIGTTOU is blocked
// in the calling thread for the call (see withTTYSignalsBlocked).
func (t *Table) tcsetpgrp(pgid int) error {
	var err error
	withTTYSignalsBlocked(func() {
		err = unix.IoctlSetPointerInt(t.cfg.TTY, unix.TIOCSPGRP, pgid)
	})
	t.trace.Shell(Msg{
		En: "tcsetpgrp(%d, %d) = %v  (ioctl TIOCSPGRP: group %d %s the terminal)",
		Ko: "tcsetpgrp(%d, %d) = %v  (ioctl TIOCSPGRP: 프로세스 그룹 %d%s 제어 터미널을 갖는다)",
	},
		t.cfg.TTY, pgid, errOrZero(err), pgid, ownsWord(pgid, t.shellPgidNow()))
	return err
}

func ownsWord(pgid, shell int) Msg {
	if pgid == shell {
		return Msg{En: "(the shell) owns", Ko: "(셸)이"}
	}
	return Msg{En: "owns", Ko: "이"}
}

func (t *Table) shellPgidNow() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.shellPgid
}

// tcgetattr reads the terminal's modes: run by the shell to save its own
// modes at start-up and a job's modes when the job stops.
func (t *Table) tcgetattr(why Msg) (*unix.Termios, error) {
	tm, err := unix.IoctlGetTermios(t.cfg.TTY, unix.TCGETS)
	t.trace.Shell(Same("tcgetattr(%d) = %v  (%s)"), t.cfg.TTY, errOrZero(err), why)
	return tm, err
}

// tcsetattr sets the terminal's modes: run by the shell to restore its own
// modes after a job, and a stopped job's modes before fg continues it.
// TCSETSW waits until queued output is written. SIGTTOU is blocked for the
// call as for tcsetpgrp.
func (t *Table) tcsetattr(tm *unix.Termios, why Msg) error {
	var err error
	withTTYSignalsBlocked(func() {
		err = unix.IoctlSetTermios(t.cfg.TTY, unix.TCSETSW, tm)
	})
	t.trace.Shell(Same("tcsetattr(%d, TCSADRAIN) = %v  (%s)"), t.cfg.TTY, errOrZero(err), why)
	return err
}

// withTTYSignalsBlocked runs fn on a locked OS thread with SIGTTOU and
// SIGTTIN blocked in that thread only. The kernel lets a process that is
// not in the terminal's foreground group change the terminal only if
// SIGTTOU is ignored or blocked; ignoring it would be inherited by every
// child, and catching it (Notify) makes the ioctl restart forever. A blocked
// mask on one thread is never inherited: the thread is unblocked before it
// is unlocked, so no ForkExec ever runs with it.
func withTTYSignalsBlocked(fn func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var set, old unix.Sigset_t
	sigaddset(&set, unix.SIGTTOU)
	sigaddset(&set, unix.SIGTTIN)
	if err := unix.PthreadSigmask(unix.SIG_BLOCK, &set, &old); err != nil {
		fn()
		return
	}
	defer unix.PthreadSigmask(unix.SIG_SETMASK, &old, nil)
	fn()
}

func sigaddset(set *unix.Sigset_t, sig syscall.Signal) {
	n := uint(sig) - 1
	set.Val[n/64] |= 1 << (n % 64)
}

func errOrZero(err error) string {
	if err == nil {
		return "0"
	}
	return "-1 " + errnoName(err)
}

// SaveShellModes records the terminal's current modes as the shell's own.
func (t *Table) SaveShellModes() {
	if t.cfg.TTY < 0 {
		return
	}
	tm, err := t.tcgetattr(Msg{En: "save the shell's terminal modes", Ko: "셸의 터미널 모드를 저장한다"})
	if err != nil {
		return
	}
	t.mu.Lock()
	t.shellModes = tm
	t.mu.Unlock()
}

// PreparePrompt runs before each prompt: it makes sure the shell's group
// owns the terminal, and re-applies the shell's saved modes if a program
// left the terminal in other modes (a crashed full-screen program leaves
// it raw).
func (t *Table) PreparePrompt() {
	if t.cfg.TTY < 0 {
		return
	}
	t.mu.Lock()
	jc, shellPgid, modes := t.jobControl, t.shellPgid, t.shellModes
	t.mu.Unlock()
	if jc {
		if fg, err := t.tcgetpgrp(); err == nil && fg != shellPgid {
			t.tcsetpgrp(shellPgid)
		}
	}
	if modes == nil {
		return
	}
	if cur, err := unix.IoctlGetTermios(t.cfg.TTY, unix.TCGETS); err == nil && *cur == *modes {
		return
	}
	t.tcsetattr(modes, Msg{En: "repair: re-apply the shell's saved terminal modes", Ko: "복구: 저장해 둔 셸의 터미널 모드를 다시 적용한다"})
}

// takeTerminalBack gives the terminal to the shell after a foreground job
// stopped or finished, and settles the terminal modes as bash does: a job
// that stopped keeps its modes (restored on fg); a job that was killed or
// stopped leaves the shell's saved modes restored; a job that exited
// normally in line mode (stty) leaves its modes as the shell's new modes.
func (t *Table) takeTerminalBack(j *Job, state State, signaled bool) {
	if t.cfg.TTY < 0 {
		return
	}
	t.mu.Lock()
	shellPgid, modes := t.shellPgid, t.shellModes
	t.mu.Unlock()

	if state == Stopped {
		if tm, err := t.tcgetattr(Msg{En: "save job %d's terminal modes, for fg", Ko: "fg를 위해 작업 %d의 터미널 모드를 저장한다"}.With(j.id)); err == nil {
			t.mu.Lock()
			j.tmodes = tm
			t.mu.Unlock()
		}
	}
	t.tcsetpgrp(shellPgid)
	why := Msg{En: "the job stopped", Ko: "작업이 정지했다"}
	if state == Done {
		why = Msg{En: "the job ended", Ko: "작업이 끝났다"}
	}
	t.timeline.terminalBack(j.id, shellPgid, why)

	if state == Done && !signaled {
		// Adopt the modes a finished job left (stty -echo must persist) unless
		// it left the terminal out of line mode.
		if tm, err := unix.IoctlGetTermios(t.cfg.TTY, unix.TCGETS); err == nil && tm.Lflag&unix.ICANON != 0 {
			t.mu.Lock()
			t.shellModes = tm
			t.mu.Unlock()
			return
		}
	}
	if modes != nil {
		t.tcsetattr(modes, Msg{En: "restore the shell's terminal modes", Ko: "셸의 터미널 모드를 되돌린다"})
	}
}

// ForTerminal is a message of the shell (msg, ending in a newline) as it
// may be written on fd. bash prints names from outside raw in most of its
// messages ("type: a<ESC>]0;x: not found"); the same bytes go to a file or
// a pipe, but a terminal would obey them, so there the control characters
// of the message, all but its final newline, are shown in caret notation
// (ShowText). Only messages go through it, never a program's output.
func ForTerminal(fd int, msg string) string {
	body, nl := strings.CutSuffix(msg, "\n")
	if !hasControl(body) || !isTerminalFd(fd) {
		return msg
	}
	body = ShowText(body)
	if nl {
		body += "\n"
	}
	return body
}
