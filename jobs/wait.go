package jobs

import (
	"context"
	"fmt"
	"slices"

	"golang.org/x/sys/unix"
)

// waitLocked blocks until ready() holds, re-checking after every state
// change the reaper (or a builtin goroutine) broadcasts. It returns false
// if ctx was cancelled first. Call with t.mu held; it is held on return.
//
// If ctx carries a wait hook (WithWaitHook), it runs after each change,
// without t.mu; a hook that returns false ends the wait as a cancel does.
func (t *Table) waitLocked(ctx context.Context, ready func() bool) bool {
	hook, _ := ctx.Value(waitHookKey{}).(func() bool)
	for !ready() {
		ch := t.changed
		t.mu.Unlock()
		select {
		case <-ch:
			if hook != nil && !hook() {
				t.mu.Lock()
				return ready()
			}
			t.mu.Lock()
		case <-ctx.Done():
			t.mu.Lock()
			return ready()
		}
	}
	return true
}

type waitHookKey struct{}

// WithWaitHook returns ctx carrying hook, which a wait on ctx runs each
// time a process changes state while it waits (see waitLocked): the wait
// builtin's way to run the trap on CHLD as each child ends, on the
// goroutine that waits, as bash does. hook returns false to end the wait.
// WithWaitHook(ctx, nil) hides the hook of ctx.
func WithWaitHook(ctx context.Context, hook func() bool) context.Context {
	return context.WithValue(ctx, waitHookKey{}, hook)
}

// interrupted is the status a wait returns when Ctrl+C cancels it.
const interrupted = 128 + int(unix.SIGINT)

// WaitForeground blocks until the job is done or stopped, as dash's
// waitforjob does. With job control the shell then takes the terminal back
// and settles the terminal modes. A stopped job stays in the table, becomes
// the current job and is reported ("[1]+  Stopped  sleep 30"); a job killed
// by a signal other than SIGINT and SIGPIPE is reported as bash does
// ("Terminated"); a finished job leaves the table. The result is the shell
// status: the last stage's exit code, or 128+signal.
func (t *Table) WaitForeground(j *Job) int {
	t.waitForChildren(j)
	t.mu.Lock()
	// Without job control (a script, a child gosh) a stopped job is not
	// the shell's business: Ctrl+Z stopped the whole group, this shell
	// with it, and fg continues them all. The wait goes on until the job
	// is done, whatever stops and continues it sees meanwhile.
	jc := t.jobControl
	t.waitLocked(context.Background(), func() bool {
		st := j.state()
		return st == Done || (st == Stopped && jc)
	})
	state, status := j.state(), j.status()
	last := j.procs[len(j.procs)-1]
	signaled := state == Done && last.killed()
	notice := t.killedNotice
	t.mu.Unlock()

	if jc && j.pgid > 0 {
		t.takeTerminalBack(j, state, signaled)
	}
	// A script reports a job killed by most signals with its pid and
	// where it was (notice.go), unless the shell traps the signal.
	asNotice := false
	if notice != nil && signaled {
		switch sig := last.ws.Signal(); sig {
		case unix.SIGINT, unix.SIGTERM, unix.SIGPIPE:
		default:
			_, asNotice = notice(sig)
		}
	}

	t.mu.Lock()
	var msg string
	if state == Stopped {
		// A stopped job may go on in the background (bg, or SIGCONT
		// from elsewhere): from now on SIGCHLD must be watched.
		defer t.startReaper()
		j.foreground = false
		j.reported = Stopped
		msg = "\n" + t.reportLine(j)
	} else {
		owed := asNotice && t.noticeSignal(j) != 0
		if owed {
			j.foreground = false // left for printKilledNotices, with the others
		}
		if signaled && !owed {
			switch sig := last.ws.Signal(); sig {
			case unix.SIGINT:
				if t.interact {
					msg = "\n"
				}
			case unix.SIGPIPE:
			default:
				msg = signalText(sig)
				if last.ws.CoreDump() {
					msg += " (core dumped)"
				}
				msg += "\n"
			}
		}
		if !owed {
			j.reported = Done
			t.remove(j)
		}
	}
	t.mu.Unlock()
	if msg != "" {
		fmt.Fprint(t.cfg.Stderr, msg)
	}
	t.notifyAfterWait()
	return status
}

// waitForChildren collects children itself while a process of the
// foreground job j still runs, as dash's waitforjob does: it sleeps in
// waitid until some child (of any job) has news, then collects everything
// there is with reapAll. Meanwhile a SIGCHLD only leaves a note for the
// reaper (reapMissed), which endTurn serves. So a child's exit wakes the
// shell directly, with no signal and no goroutine in between, and the
// shell's next command starts sooner.
//
// If the turn is taken (the reaper is collecting now, or a builtin stage
// of a pipeline is waiting for its own child), it returns at once, and
// WaitForeground sleeps until the reaper reports, as for in-shell stages.
func (t *Table) waitForChildren(j *Job) {
	if !reapTurn.TryLock() {
		t.startReaper() // the fallback needs it
		return
	}
	defer endTurn(byForeground)
	first := true
	for t.childRunning(j) {
		if t.trace.On() && first && fewThreads.Load() {
			t.trace.Shell(Msg{
				En: "wait: waitid(P_ALL, WEXITED|WSTOPPED|WCONTINUED|WNOWAIT|WNOHANG) every few milliseconds until a child exits, stops or continues (under a low ulimit -u no thread sleeps in the kernel; WNOWAIT: it is collected next, by wait4)",
				Ko: "대기: 자식이 종료하거나 정지하거나 계속될 때까지 몇 밀리초마다 waitid(P_ALL, WEXITED|WSTOPPED|WCONTINUED|WNOWAIT|WNOHANG)로 살핀다 (ulimit -u가 낮으면 커널 안에서 잠드는 스레드를 두지 않는다. WNOWAIT: 수거는 그다음 wait4가 한다)",
			})
		} else if t.trace.On() && first {
			t.trace.Shell(Msg{
				En: "wait: waitid(P_ALL, WEXITED|WSTOPPED|WCONTINUED|WNOWAIT) sleeps until a child exits, stops or continues (WNOWAIT: it is collected next, by wait4)",
				Ko: "대기: waitid(P_ALL, WEXITED|WSTOPPED|WCONTINUED|WNOWAIT)로 자식이 종료하거나 정지하거나 계속될 때까지 슬립 상태로 기다린다 (WNOWAIT: 수거는 그다음 wait4가 한다)",
			})
		}
		first = false
		if waitForNews() != nil {
			return
		}
		reapAll(byForeground)
	}
}

// childRunning reports whether some process of j, other than an in-shell
// stage, is still running; without job control, a stopped one counts too
// (see WaitForeground).
func (t *Table) childRunning(j *Job) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, p := range j.procs {
		if p.pid > 0 && (p.state == Running || (p.state == Stopped && !t.jobControl)) {
			return true
		}
	}
	return false
}

// WaitJob waits, for the wait builtin, until the job finishes or stops (as
// bash's wait returns on a stop too), and returns its status. If ctx is
// cancelled first it returns 128+SIGINT.
func (t *Table) WaitJob(ctx context.Context, j *Job) int {
	defer t.notifyAfterWait() // after the unlock below
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.own(j) {
		return 127 // a job a copy only lists (Sub): not its child
	}
	if !t.waitLocked(ctx, func() bool { return j.state() != Running }) {
		return interrupted
	}
	if j.state() == Done {
		t.collected(j)
	}
	return j.status()
}

// Forget drops the remembered status of pid, which wait has taken: bash's
// POSIX mode, where a second "wait PID" finds no such child.
func (t *Table) Forget(pid int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.remembered[pid]; ok {
		delete(t.remembered, pid)
		t.remOrder = slices.DeleteFunc(t.remOrder, func(p int) bool { return p == pid })
	}
}

// WaitPid waits for one process, for wait PID. ok is false when pid is not
// a child the shell knows: not in a job, and not among the remembered
// statuses of recently finished background processes. As in bash 5.2, a
// remembered status stays after wait has taken it: a second "wait PID"
// gives it again, until wait without arguments forgets them all (WaitAll).
func (t *Table) WaitPid(ctx context.Context, pid int) (status int, ok bool) {
	defer t.notifyAfterWait() // after the unlock below
	t.mu.Lock()
	defer t.mu.Unlock()
	p, j := t.findProcess(pid)
	if p == nil {
		st, ok := t.remembered[pid]
		return st, ok
	}
	done := func() bool { return p.state == Done || j.state() == Stopped }
	if !t.waitLocked(ctx, done) {
		return interrupted, true
	}
	if p.state != Done {
		return j.status(), true
	}
	if j.state() == Done {
		t.collected(j)
	}
	return p.status(), true
}

// findProcess finds pid among the jobs in the table, then among the
// unfinished processes of disowned jobs. Call with t.mu held.
func (t *Table) findProcess(pid int) (*process, *Job) {
	if pid <= 0 {
		return nil, nil
	}
	for _, j := range t.jobs {
		if !t.own(j) {
			continue
		}
		for _, p := range j.procs {
			if p.pid == pid {
				return p, j
			}
		}
	}
	if p, j := t.byPid[pid], t.jobOfPid[pid]; p != nil && j != nil && t.own(j) {
		return p, j
	}
	return nil, nil
}

// AwaitReaps returns once a reap in progress has reached the table: run
// by the shell before the jobs and wait builtins look at it. The
// collectors hold the launch lock from wait4 until the table has the news
// (reapLocked), so a child that kill -0 no longer finds is shown as
// ended, as in bash, whose SIGCHLD handler reaps and marks the job in one
// step.
func AwaitReaps() {
	launchLock.Lock()
	launchLock.Unlock()
}

// WaitAll waits, for wait without arguments, until no background job is
// running (stopped jobs are not waited for, as in bash), nor the last
// process substitution. Its status is 0, or 128+SIGINT if ctx is cancelled
// first. As bash's, it forgets the remembered statuses of the background
// processes that finished: a later "wait PID" for one of them is an error.
func (t *Table) WaitAll(ctx context.Context) int {
	defer t.notifyAfterWait() // after the unlock below
	// A child that wait4 took before this wait began counts as ended
	// before it.
	AwaitReaps()
	t.mu.Lock()
	defer t.mu.Unlock()
	noneRunning := func() bool {
		if t.lastAsync != nil && t.lastAsync.state() == Running {
			return false
		}
		for _, j := range t.listed() {
			if j.state() == Running && t.own(j) {
				return false
			}
		}
		return true
	}
	// A shell under job control that had nothing to wait for discards
	// what had already finished without a word, as bash's wait does (it
	// marks them notified); what ended while it waited is announced.
	silent := t.reportsWaited() && noneRunning()
	// A script's shell collects only the jobs that run as the wait
	// begins: one that finished before stays listed, as in bash.
	var running map[*Job]bool
	if t.keepFinished {
		running = map[*Job]bool{}
		for _, j := range t.listed() {
			if j.state() == Running {
				running[j] = true
			}
		}
	}
	if !t.waitLocked(ctx, noneRunning) {
		return interrupted
	}
	for _, j := range t.listed() {
		if j.state() == Done && t.own(j) && (running == nil || running[j]) {
			t.collected(j)
			if silent {
				j.reported = Done
				t.remove(j)
			}
		}
	}
	clear(t.remembered)
	t.remOrder = t.remOrder[:0]
	return 0
}

// WaitAny waits, for wait -n, until some background job finishes, and
// returns its status. A job that finished before and was not yet waited for
// counts. ok is false when there is no job to wait for.
func (t *Table) WaitAny(ctx context.Context) (status int, ok bool) {
	status, _, ok = t.WaitAnyJob(ctx)
	return status, ok
}

// WaitAnyJob is WaitAny that also gives the job that finished (nil when
// none did), for wait -n -p VAR.
func (t *Table) WaitAnyJob(ctx context.Context) (status int, job *Job, ok bool) {
	defer t.notifyAfterWait() // after the unlock below
	t.mu.Lock()
	defer t.mu.Unlock()
	var found *Job
	ready := func() bool {
		running := false
		for _, j := range t.listed() {
			if !t.own(j) {
				continue
			}
			switch j.state() {
			case Done:
				if !j.waited {
					found = j
					return true
				}
			case Running:
				running = true
			}
		}
		return !running // nothing left to wait for
	}
	if !t.waitLocked(ctx, ready) {
		return interrupted, nil, true
	}
	if found == nil {
		return 127, nil, false
	}
	t.collected(found)
	return found.status(), found, true
}

// collected records that the wait builtin has taken a finished job's
// status: like bash, the job leaves the table without a "Done" report, and
// its number is free again. Call with t.mu held.
//
// Under job control (an interactive shell, or a script after set -m) the
// job stays until the report that ends the wait (notifyAfterWait) has
// announced it ("[1]+  Done"), as bash's does. A
// job killed by a signal is still reported ("Terminated"), as bash does,
// by the next Report, which then removes it; in a shell without job
// control only if it is owed a killed notice (notice.go): there Report
// prints nothing, and bash forgets the job at once.
func (t *Table) collected(j *Job) {
	j.waited = true
	if t.reportsWaited() {
		return
	}
	if j.procs[len(j.procs)-1].killed() && (t.jobControl || t.noticeSignal(j) != 0) {
		return
	}
	j.reported = Done
	t.remove(j)
}
