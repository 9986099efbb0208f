//go:build linux

package jobs

import (
	"fmt"
	"os"
	"os/signal"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// The reaper is one per process, like SIGCHLD: wait4(-1) collects any
// child, so two reapers would steal each other's children. Every Table
// registers with it, and each reaped pid goes to the Table that started it.
var (
	// launchLock is the launch lock: Launch holds it while it starts the
	// stages of one job, and the reaper holds it while it calls wait4. So no
	// stage is reaped before every stage has joined the job's process group.
	launchLock sync.Mutex

	// reapTurn is held by whoever collects children: the reaper goroutine
	// for one round after a SIGCHLD, or the shell while it sleeps until its
	// foreground job changes (waitForChildren). Only its holder calls wait4,
	// so neither can take a report the other is asleep waiting for.
	reapTurn sync.Mutex
	// reapMissed says a SIGCHLD came while the turn was taken. The reaper
	// does not wait for the turn: whoever gives it back collects once more
	// (endTurn). So a foreground job's exit wakes one goroutine, not two.
	reapMissed atomic.Bool

	reaperOnce sync.Once
	sigchld    = make(chan os.Signal, 1)

	tablesMu sync.Mutex
	tables   []*Table
)

// register makes t one of the Tables whose children the collectors
// (reapAll) know.
func (t *Table) register() {
	t = t.root // a copy's Table shares the shell's maps of children
	tablesMu.Lock()
	if !slices.Contains(tables, t) {
		tables = append(tables, t)
	}
	tablesMu.Unlock()
}

// startReaper registers t, and the first time catches SIGCHLD and starts
// the reaper goroutine.
//
// An interactive shell starts it at once. A script starts it only when it
// first needs it: a background job, a stopped job, or a wait that cannot
// collect by itself (an in-shell stage waiting for its own child while the
// shell holds the collecting turn). Until then every child belongs to a
// foreground job, and WaitForeground collects it directly, which spares
// each command the signal and two goroutine wake-ups.
func (t *Table) startReaper() {
	t.register()
	reaperOnce.Do(func() {
		if fewThreads.Load() {
			// Under a low ulimit -u, no os/signal for SIGCHLD (it
			// costs threads): the reaper looks now and then.
			go pollReaper()
			return
		}
		signal.Notify(sigchld, syscall.SIGCHLD)
		go reaper()
		// A child may have finished before SIGCHLD was caught: look once.
		select {
		case sigchld <- syscall.SIGCHLD:
		default:
		}
	})
}

// reaper is the one goroutine that collects children. SIGCHLD notifications
// coalesce (several children may end for one signal), so on each one it
// calls wait4 until nothing more is waiting.
func reaper() {
	for range sigchld {
		reapMissed.Store(true) // before trying: see endTurn
		if reapTurn.TryLock() {
			reapMissed.Store(false)
			reapAll(bySIGCHLD)
			endTurn(bySIGCHLD)
		}
	}
}

// reapKick wakes the polling reaper early: a job was just started.
var reapKick = make(chan struct{}, 1)

// kickReaper tells the polling reaper that children were started, so it
// looks again soon; without few threads it does nothing.
func kickReaper() {
	if fewThreads.Load() {
		select {
		case reapKick <- struct{}{}:
		default:
		}
	}
}

// reapNaps are the polling reaper's pauses: short after a job was started,
// then at most 20 ms, so that a background job's end is seen within that.
var reapNaps = []time.Duration{
	time.Millisecond, 2 * time.Millisecond, 5 * time.Millisecond,
	10 * time.Millisecond, 20 * time.Millisecond,
}

// pollReaper is the reaper under few threads (a low ulimit -u): instead
// of waiting for SIGCHLD, which would take os/signal's threads, it calls
// wait4 with WNOHANG (reapAll) after each pause on a Go timer, which
// holds no OS thread. A started job (kickReaper) shortens the pause. It
// never waits for the launch lock while it holds the collecting turn, so
// that a fork retried under the launch lock can take the turn and
// collect (reapRegistered).
func pollReaper() {
	nap := 0
	timer := time.NewTimer(reapNaps[0])
	for {
		select {
		case <-timer.C:
			nap = min(nap+1, len(reapNaps)-1)
		case <-reapKick:
			timer.Stop()
			nap = 0
		}
		// The turn taken: its holder collects (the shell waiting for
		// its foreground job polls too). The launch lock taken: a job
		// is being started, or a fork retried (which collects what
		// it can, reapRegistered): look again after the next pause,
		// without holding the turn meanwhile.
		if reapTurn.TryLock() {
			if launchLock.TryLock() {
				reapLocked(byPoll)
				endTurn(byPoll)
			} else {
				reapTurn.Unlock()
			}
		}
		timer.Reset(reapNaps[nap])
	}
}

// endTurn gives the collecting turn back. If a SIGCHLD came while it was
// held, it collects once more for it. The reaper sets reapMissed before it
// tries the turn, so either it gets the turn, or the holder sees the flag
// here after giving the turn back.
func endTurn(by string) {
	reapTurn.Unlock()
	for reapMissed.Load() && reapTurn.TryLock() {
		reapMissed.Store(false)
		reapAll(by)
		reapTurn.Unlock()
	}
}

// Who is collecting, for the trace: the reaper after a SIGCHLD, or the
// shell waiting for its foreground job.
const (
	bySIGCHLD    = "SIGCHLD"
	byForeground = "wait"
	byPoll       = "poll"  // the polling reaper, under few threads
	byRetry      = "retry" // a fork retry, between attempts (reapRegistered)
)

// reapAll calls wait4 until it returns 0 (children exist, none changed) or
// ECHILD (no children), under the launch lock so that no member of a
// half-built pipeline is reaped. Call with reapTurn held.
//
// What the changes tell the user (set -b notes) and subscribers is done
// after the launch lock is released, so a subscriber may launch a job.
// Waiters are woken only after every subscriber has been told of every
// change of the batch: a `wait` that returns has had its CHLD traps
// counted (bash runs one per child before `wait` returns).
func reapAll(by string) {
	launchLock.Lock()
	reapLocked(by)
}

// reapLocked is reapAll for a caller that holds the launch lock; it
// releases it.
func reapLocked(by string) {
	var batch reapNews
	for {
		pid, ws, err := wait4()
		if err == unix.EINTR {
			continue
		}
		if err != nil || pid <= 0 {
			break
		}
		owner := ownerOf(pid)
		if owner == nil {
			traceAll(Msg{
				En: "%s: wait4(-1, WNOHANG|WUNTRACED|WCONTINUED) = %d, %s; not a job's process: reaped and forgotten",
				Ko: "%s: wait4(-1, WNOHANG|WUNTRACED|WCONTINUED) = %d, %s. 어느 작업의 프로세스도 아니다: 수거하고 잊는다",
			}, reaperWord(by), pid, describeWait(ws))
			continue
		}
		batch.add(owner, owner.update(pid, ws, by))
	}
	launchLock.Unlock()
	batch.deliver()
}

// reapNews is what a batch of reaps changed: the news for the
// subscribers, and the tables whose waiters are woken once every
// subscriber has been told (reapAll says why in that order).
type reapNews struct {
	tells []func()
	woken []*Table
}

// add records tell, the news of a change in t's table (nil: none).
func (n *reapNews) add(t *Table, tell func()) {
	if tell == nil {
		return
	}
	n.tells = append(n.tells, tell)
	if !slices.Contains(n.woken, t) {
		n.woken = append(n.woken, t)
	}
}

// deliver tells every subscriber, then wakes the waiters: run without
// the launch lock.
func (n reapNews) deliver() {
	for _, tell := range n.tells {
		tell()
	}
	for _, t := range n.woken {
		t.mu.Lock()
		t.broadcast()
		t.mu.Unlock()
	}
}

// reapRegistered collects the children of jobs already in the tables,
// each by its pid (wait4(pid, WNOHANG)): run by the shell while a fork is
// retried with the launch lock held, in the middle of a job whose
// stages must not be collected yet (wait4(-1) could take one, which no
// table knows yet). A finished child is a zombie that counts against
// ulimit -u until it is collected: bash collects them too before it
// retries a fork. What the changes tell is kept for runLateNews, after
// the launch lock is released. Needs the collecting turn; without it,
// whoever holds it collects.
func reapRegistered() {
	if !reapTurn.TryLock() {
		return
	}
	var pids []int
	tablesMu.Lock()
	for _, t := range tables {
		t.mu.Lock()
		for pid := range t.byPid {
			pids = append(pids, pid)
		}
		t.mu.Unlock()
	}
	tablesMu.Unlock()
	// Without job control, the stages of the job being started too (a
	// pipeline's first stage may have ended already). With job control
	// they stay: a group whose last member is collected is gone, and the
	// next stage could not join it.
	if launching != nil && !launchingJC {
		for _, p := range launching.procs {
			if p.pid > 0 && p.state == Running {
				var ws unix.WaitStatus
				if got, err := unix.Wait4(p.pid, &ws, unix.WNOHANG, nil); err == nil && got == p.pid {
					ownReaped = append(ownReaped, reapedStage{p.pid, ws})
				}
			}
		}
	}
	for _, pid := range pids {
		var ws unix.WaitStatus
		got, err := unix.Wait4(pid, &ws, unix.WNOHANG|unix.WUNTRACED|unix.WCONTINUED, nil)
		if err != nil || got != pid {
			continue
		}
		if owner := ownerOf(pid); owner != nil {
			lateNews.add(owner, owner.update(pid, ws, byRetry))
		}
	}
	reapTurn.Unlock()
	if reapMissed.Load() && !fewThreads.Load() {
		// The SIGCHLD the reaper gave up on (the turn was taken) is
		// served once the launch lock is free again.
		select {
		case sigchld <- syscall.SIGCHLD:
		default:
		}
	}
}

// lateNews is what reapRegistered collected, delivered by runLateNews. launching is the job Launch is starting (and
// launchingJC whether with job control), ownReaped the stages of it that
// reapRegistered collected, which Launch records once the job is in the
// table. All are used under the launch lock.
var (
	lateNews    reapNews
	launching   *Job
	launchingJC bool
	ownReaped   []reapedStage
)

// reapedStage is a stage collected before its job was in the table.
type reapedStage struct {
	pid int
	ws  unix.WaitStatus
}

// runLateNews tells what reapRegistered collected and wakes the waiters:
// run by Launch right after it releases the launch lock.
func runLateNews() {
	launchLock.Lock()
	news := lateNews
	lateNews = reapNews{}
	launchLock.Unlock()
	news.deliver()
}

// ownerOf finds the Table that started pid.
func ownerOf(pid int) *Table {
	tablesMu.Lock()
	defer tablesMu.Unlock()
	for _, t := range tables {
		t.mu.Lock()
		_, ok := t.byPid[pid]
		t.mu.Unlock()
		if ok {
			return t
		}
	}
	return nil
}

// traceAll narrates a reaper step that belongs to no Table on every tracer.
func traceAll(m Msg, args ...any) {
	tablesMu.Lock()
	defer tablesMu.Unlock()
	for _, t := range tables {
		t.trace.Shell(m, args...)
	}
}

// wait4 asks the kernel for one child whose state changed: run by the
// shell's reaper. WNOHANG: never block. WUNTRACED: report stopped children
// (Ctrl+Z must be seen, or the shell waits forever for a stopped job).
// WCONTINUED: report children continued by SIGCONT from anyone.
func wait4() (int, unix.WaitStatus, error) {
	var ws unix.WaitStatus
	pid, err := unix.Wait4(-1, &ws, unix.WNOHANG|unix.WUNTRACED|unix.WCONTINUED, nil)
	return pid, ws, err
}

// waitForNews sleeps until some child has exited, stopped or continued,
// without collecting it: run by the shell while it waits for its
// foreground job. waitid(P_ALL, WEXITED|WSTOPPED|WCONTINUED|WNOWAIT) leaves
// the report where it is, so that reapAll collects it with wait4 under the
// launch lock like any other. (Continued counts: a stopped job continued
// from another terminal must show as running while the shell waits.)
// ECHILD: the shell has no children at all.
//
// Under few threads (a low ulimit -u) the thread must not sleep in the
// kernel: waitid gets WNOHANG too, and the shell naps on a Go timer
// between looks, as PollFd does.
func waitForNews() error {
	var info unix.Siginfo
	if fewThreads.Load() {
		for nap := 0; ; nap++ {
			info = unix.Siginfo{}
			err := unix.Waitid(unix.P_ALL, 0, &info, unix.WEXITED|unix.WSTOPPED|unix.WCONTINUED|unix.WNOWAIT|unix.WNOHANG, nil)
			if err == unix.EINTR {
				continue
			}
			if err != nil || info.Signo != 0 { // Signo: SIGCHLD when a child has news
				return err
			}
			time.Sleep(fewThreadsNaps[min(nap, len(fewThreadsNaps)-1)])
		}
	}
	for {
		err := unix.Waitid(unix.P_ALL, 0, &info, unix.WEXITED|unix.WSTOPPED|unix.WCONTINUED|unix.WNOWAIT, nil)
		if err != unix.EINTR {
			return err
		}
	}
}

// describeWait words a wait status with the macros a C program would use.
func describeWait(ws unix.WaitStatus) Msg {
	switch {
	case ws.Exited():
		return Msg{En: "exited %d (WIFEXITED, WEXITSTATUS=%d)", Ko: "종료 %d (WIFEXITED, WEXITSTATUS=%d)"}.With(ws.ExitStatus(), ws.ExitStatus())
	case ws.Stopped():
		return Msg{En: "stopped by %s (WIFSTOPPED, WSTOPSIG=%d)", Ko: "%s로 정지 (WIFSTOPPED, WSTOPSIG=%d)"}.With(SignalName(ws.StopSignal()), ws.StopSignal())
	case ws.Continued():
		return Msg{En: "continued (WIFCONTINUED)", Ko: "계속됨 (WIFCONTINUED)"}
	case ws.Signaled() && ws.CoreDump():
		return Msg{
			En: "killed by %s (WIFSIGNALED, WTERMSIG=%d), core dumped (WCOREDUMP)",
			Ko: "%s로 죽음 (WIFSIGNALED, WTERMSIG=%d), 코어 덤프 (WCOREDUMP)",
		}.With(SignalName(ws.Signal()), ws.Signal())
	case ws.Signaled():
		return Msg{En: "killed by %s (WIFSIGNALED, WTERMSIG=%d)", Ko: "%s로 죽음 (WIFSIGNALED, WTERMSIG=%d)"}.With(SignalName(ws.Signal()), ws.Signal())
	}
	return Msg{En: "status %#x", Ko: "상태 %#x"}.With(int(ws))
}

// reaperWord names, in a trace line, what made the shell call wait4:
// SIGCHLD (the reaper) or the shell waiting for its foreground job.
func reaperWord(by string) Msg {
	if by == byForeground {
		return Msg{En: "wait", Ko: "대기"}
	}
	if by == byPoll {
		return Msg{En: "reaper", Ko: "수거 담당"}
	}
	if by == byRetry {
		return Msg{En: "fork retry", Ko: "fork 재시도"}
	}
	return Same(by)
}

// update records a new state of child pid and derives its job's state.
// It returns what is left to do once the launch lock is released: the
// set -b report and telling subscribers; reapAll then wakes waiters. Unknown pids (a child
// that is no job's, or already forgotten) are tolerated.
func (t *Table) update(pid int, ws unix.WaitStatus, by string) (tell func()) {
	if t.trace.On() {
		if by == bySIGCHLD && t.trace.firstReap() {
			t.trace.Shell(Msg{
				En: "(SIGCHLD woke the reaper: it calls wait4 until it returns 0 or ECHILD, because SIGCHLDs coalesce)",
				Ko: "(SIGCHLD가 수거 담당(reaper)을 깨웠다: SIGCHLD는 여러 개가 하나로 합쳐질 수 있으므로 wait4가 0이나 ECHILD를 돌려줄 때까지 부른다)",
			})
		}
		if by == byPoll && t.trace.firstReap() {
			t.trace.Shell(Msg{
				En: "(the reaper looks for finished children every few milliseconds with wait4(WNOHANG) instead of waiting for SIGCHLD: under a low ulimit -u, catching signals would cost the shell threads)",
				Ko: "(ulimit -u가 낮아 시그널을 잡으면 셸의 스레드가 더 들므로, 수거 담당은 SIGCHLD를 기다리지 않고 몇 밀리초마다 wait4(WNOHANG)로 끝난 자식을 찾는다)",
			})
		}
		reaped := Msg{}
		if ws.Exited() || ws.Signaled() {
			reaped = Msg{En: "; reaped: its zombie is gone", Ko: ". 수거했다: 좀비가 사라졌다"}
		}
		t.trace.Shell(Same("%s: wait4(-1, WNOHANG|WUNTRACED|WCONTINUED) = %d, %s%s"), reaperWord(by), pid, describeWait(ws), reaped)
	}
	t.mu.Lock()
	p := t.byPid[pid]
	j := t.jobOfPid[pid]
	if p == nil || j == nil {
		t.mu.Unlock()
		return nil
	}
	before := j.state()
	ev := Event{Job: j.id, Pid: pid, Pgid: j.pgid, Text: p.text, Foreground: j.foreground, Copy: j.byCopy}
	if !j.inTable {
		ev.Job = 0
	}
	switch {
	case ws.Stopped():
		p.state, p.ws = Stopped, ws
		ev.Kind, ev.Signal, ev.Status = EvStopped, ws.StopSignal(), shellStatus(ws)
	case ws.Continued():
		p.state = Running
		ev.Kind, ev.Signal = EvContinued, unix.SIGCONT
	default: // exited or killed: the process is gone
		p.state, p.ws = Done, ws
		ev.Status = shellStatus(ws)
		ev.Kind = EvExited
		if ws.Signaled() {
			ev.Kind, ev.Signal = EvSignaled, ws.Signal()
			if j.pgid == 0 {
				t.killedBy[ws.Signal()] = time.Now()
			}
		}
		delete(t.byPid, pid)
		delete(t.jobOfPid, pid)
		if !j.foreground {
			j.t.remember(pid, shellStatus(ws)) // the table of the shell or copy that started it
		}
	}
	after := j.state()
	if after == Stopped && before != Stopped {
		t.seq++
		j.stoppedSeq = t.seq
	}
	if after == Done && before != Done {
		t.seq++
		j.doneSeq = t.seq
	}
	var note string
	if t.notifyNow && j.inTable && !j.foreground && !j.t.copy && after != before && after != Running {
		note = t.reportLine(j)
		j.reported = after
	}
	started := j.t // the shell's table or a copy's (Sub): timeline keeps the shell's
	t.mu.Unlock()
	return func() {
		if note != "" {
			fmt.Fprint(t.cfg.Stderr, note)
		}
		started.publish(ev)
	}
}

// remember keeps the status of a finished background process for WaitPid,
// forgetting the oldest beyond rememberMax. Call with t.mu held.
func (t *Table) remember(pid, status int) {
	if t.remembered == nil {
		t.remembered = make(map[int]int)
	}
	if _, ok := t.remembered[pid]; !ok {
		t.remOrder = append(t.remOrder, pid)
	}
	t.remembered[pid] = status
	for len(t.remOrder) > rememberMax {
		delete(t.remembered, t.remOrder[0])
		t.remOrder = t.remOrder[1:]
	}
}

// SignalName is the C name of a signal ("SIGTERM"), or "SIG<n>".
func SignalName(sig syscall.Signal) string {
	if name := unix.SignalName(sig); name != "" {
		return name
	}
	if sig >= 34 && sig <= 64 {
		return fmt.Sprintf("SIGRTMIN+%d", int(sig)-34)
	}
	return fmt.Sprintf("SIG%d", int(sig))
}

// signalText is bash's description of a signal (strsignal), with gosh's
// names for the stops: "Stopped (SIGSTOP)" instead of "Stopped (signal)".
func signalText(sig syscall.Signal) string {
	switch sig {
	case unix.SIGSTOP:
		return "Stopped (SIGSTOP)"
	case unix.SIGTSTP:
		return "Stopped"
	case unix.SIGTTIN:
		return "Stopped (tty input)"
	case unix.SIGTTOU:
		return "Stopped (tty output)"
	}
	if sig > 0 && int(sig) < len(signalDescriptions) && signalDescriptions[sig] != "" {
		return signalDescriptions[sig]
	}
	if sig >= 34 && sig <= 64 {
		return fmt.Sprintf("Real-time signal %d", int(sig)-34)
	}
	return fmt.Sprintf("Unknown signal %d", int(sig))
}

// signalDescriptions are glibc's strsignal texts, which bash prints, by
// signal number (an array the compiler lays out as data).
var signalDescriptions = [...]string{
	unix.SIGHUP:    "Hangup",
	unix.SIGINT:    "Interrupt",
	unix.SIGQUIT:   "Quit",
	unix.SIGILL:    "Illegal instruction",
	unix.SIGTRAP:   "Trace/breakpoint trap",
	unix.SIGABRT:   "Aborted",
	unix.SIGBUS:    "Bus error",
	unix.SIGFPE:    "Floating point exception",
	unix.SIGKILL:   "Killed",
	unix.SIGUSR1:   "User defined signal 1",
	unix.SIGSEGV:   "Segmentation fault",
	unix.SIGUSR2:   "User defined signal 2",
	unix.SIGPIPE:   "Broken pipe",
	unix.SIGALRM:   "Alarm clock",
	unix.SIGTERM:   "Terminated",
	unix.SIGSTKFLT: "Stack fault",
	unix.SIGCHLD:   "Child exited",
	unix.SIGCONT:   "Continued",
	unix.SIGURG:    "Urgent I/O condition",
	unix.SIGXCPU:   "CPU time limit exceeded",
	unix.SIGXFSZ:   "File size limit exceeded",
	unix.SIGVTALRM: "Virtual timer expired",
	unix.SIGPROF:   "Profiling timer expired",
	unix.SIGWINCH:  "Window changed",
	unix.SIGIO:     "I/O possible",
	unix.SIGPWR:    "Power failure",
	unix.SIGSYS:    "Bad system call",
}
