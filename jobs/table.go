package jobs

import (
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// Config says how the shell runs. It is fixed for the life of a Table except
// for JobControl, which set -m / set +m change.
type Config struct {
	JobControl bool      // interactive (or set -m): each job in its own process group, terminal handoff
	TTY        int       // fd of the controlling terminal, -1 if none
	Stderr     io.Writer // where job reports ("[1]+  Stopped ...", "[1] 4242") go
	Self       string    // path of the gosh executable (for nohup re-exec and ENOEXEC scripts)
	// Namer is the shell, which says what the messages of the table
	// that bash words without a line start with ("gosh: " at a prompt,
	// "s.sh: " in a script, as bash's sys_error: "s.sh: fork: retry:
	// ..."). nil: "gosh: ".
	Namer interface{ ErrorName() string }
}

// errName is what the table's own messages start with (Config.Namer).
func (t *Table) errName() string {
	if t.cfg.Namer == nil {
		return "gosh: "
	}
	return t.cfg.Namer.ErrorName()
}

// State is a job's state, derived from the states of its processes.
type State int

const (
	Running State = iota // at least one process runs
	Stopped              // no process runs and at least one is stopped
	Done                 // every process has finished
)

func (s State) String() string {
	switch s {
	case Running:
		return "Running"
	case Stopped:
		return "Stopped"
	case Done:
		return "Done"
	}
	return "State(" + strconv.Itoa(int(s)) + ")"
}

// EventKind names a state change that Subscribe reports.
type EventKind int

const (
	EvStarted    EventKind = iota // a process of a job started (Pid, Pgid)
	EvStopped                     // a process stopped (Signal = stop signal)
	EvContinued                   // a stopped process continued (WIFCONTINUED)
	EvExited                      // a process exited (Status = exit code)
	EvSignaled                    // a process was killed (Signal, Status = 128+signal)
	EvForeground                  // a job was given the terminal
	EvBackground                  // a stopped job was continued in the background (bg)
	EvSIGCONT                     // SIGCONT was sent to a job
	EvKill                        // a signal was sent (Signal, Pid: >0 a process, <0 a group)
	EvDisowned                    // a job left the table (disown)
	EvHangup                      // SIGHUP was sent to a job because the shell is exiting
)

var eventNames = [...]string{"started", "stopped", "continued", "exited", "signaled",
	"foreground", "background", "SIGCONT", "kill", "disowned", "hangup"}

func (k EventKind) String() string {
	if int(k) < len(eventNames) {
		return eventNames[k]
	}
	return "EventKind(" + strconv.Itoa(int(k)) + ")"
}

// Event is one real state change, for observers such as the teaching labs.
type Event struct {
	Kind   EventKind
	Job    int // job number, 0 if the process belongs to no job in the table
	Pid    int
	Pgid   int
	Signal unix.Signal
	Status int
	Text   string
	// Copy: the process was started by a copy of the shell (LaunchInGroup),
	// which stands for a forked subshell: in bash it would be a child of
	// that subshell, not of the shell (a trap on CHLD does not count it).
	Copy bool
	// Foreground: the job owned the terminal when this happened, so a
	// signal came from a key (Ctrl+C, Ctrl+Z, Ctrl+\) or the job itself,
	// not from kill at the prompt.
	Foreground bool
	// sent is when the shell sent the signal of an EvKill (taken before
	// kill(2)): the reaper may tell what the signal did (a stop, a death,
	// a continue) before kill returns, and the timeline puts the kill
	// before what it caused.
	sent time.Time
}

// process is one stage of a job: an external program (pid > 0) or an
// in-shell builtin run by a goroutine (builtin = true, pid 0). A stage whose
// ForkExec failed is a process that is born done (pid 0, status 126/127).
type process struct {
	pid     int
	text    string
	builtin bool
	state   State           // Running, Stopped or Done
	ws      unix.WaitStatus // last status from wait4 (or made up for builtins and failures)
	started time.Time       // when ForkExec returned (SignalLateChildren)
}

// status is the shell status of a process: exit code, or 128+signal.
func (p *process) status() int { return shellStatus(p.ws) }

// killed reports whether p finished because a signal killed it. Only an
// external process can be killed: a builtin stage or a stage that failed
// to start always has an exit status.
func (p *process) killed() bool { return p.state == Done && !p.builtin && p.ws.Signaled() }

// shellStatus turns a wait status into $?: the exit code, or 128+signal for
// a process killed or stopped by a signal.
func shellStatus(ws unix.WaitStatus) int {
	switch {
	case ws.Exited():
		return ws.ExitStatus()
	case ws.Stopped():
		return 128 + int(ws.StopSignal())
	case ws.Signaled():
		return 128 + int(ws.Signal())
	}
	return 0
}

// exitStatus builds the wait status of a process that exited with code.
func exitStatus(code int) unix.WaitStatus { return unix.WaitStatus((code & 0xff) << 8) }

// Job is one pipeline or simple command the shell started, with all its
// processes. Its fields are guarded by the Table's lock.
type Job struct {
	t     *Table
	id    int
	pgid  int // 0: no process group of its own (no job control, or only builtins)
	text  string
	procs []*process

	foreground bool          // the shell is (or was last) waiting for it in the foreground
	reported   State         // the state last reported to the user (Report, WaitForeground)
	seq        uint64        // recency, for the current (+) and previous (-) markers
	stoppedSeq uint64        // recency of its last stop; stopped jobs come first
	doneSeq    uint64        // when it ended, on the same clock (markers)
	tmodes     *unix.Termios // terminal modes saved when it stopped (GNU libc: per-job modes)
	nohup      bool          // disown -h: not sent SIGHUP when the shell exits
	disowned   bool
	waited     bool // a wait builtin has already collected its status (wait -n)
	byCopy     bool // started by a copy of the shell (LaunchInGroup)
	inTable    bool
}

// Table is the job table and everything about processes that goes with it:
// the reaper, the terminal, the caught signals, the trace.
//
// A copy of the shell (a subshell running on a goroutine) has a Table of
// its own (Sub): its own list of jobs, numbered from 1, its own remembered
// statuses for wait PID, and its own last process substitution, as a
// forked subshell has its own job table. Everything that belongs to the
// process (the lock, the reaper's maps of running children, the terminal,
// the signals, the trace) is the tableCore all of them share.
type Table struct {
	*tableCore

	jobs       []*Job      // in the table, by job number
	remembered map[int]int // pid → status of finished background processes (wait $!); nil until the first
	remOrder   []int       // order in which remembered pids arrived, oldest first
	lastAsync  *Job        // the last process substitution (LaunchAsync): wait without arguments waits for it too
	// copy is set on the Table of a copy of the shell (Sub): its jobs are
	// never reported by set -b, which only the shell itself does.
	copy bool
	// parent is the Table Sub made this one from (nil for the shell's).
	parent *Table
	// ownNumbers is set on a copy's table that lists none of its
	// shell's jobs (Sub without inherit): its job numbers start again at
	// 1, so its jobs stay out of the shell's timeline, which knows jobs
	// by number (a forked subshell's jobs are not the shell's either).
	ownNumbers bool
}

// tableCore is what every Table of one process shares: the shell's and
// those of its copies (Sub).
type tableCore struct {
	cfg Config
	// root is the shell's own Table, the one the collectors know
	// (register).
	root *Table

	mu         sync.Mutex
	byPid      map[int]*process // every external process not yet finished, even disowned
	jobOfPid   map[int]*Job
	seq        uint64
	changed    chan struct{} // closed and replaced whenever a process changes state
	jobControl bool
	// jobControlOn is jobControl for JobControl, which the shell asks
	// before every command it runs itself: read without the lock.
	jobControlOn atomic.Bool
	notifyNow    bool // set -b
	// posix is bash's POSIX mode (SetPosix): "Done(1)" for "Exit 1",
	// "Stopped(SIGTSTP)" for a stop, bg's line without the + or -.
	posix      bool
	interact   bool // InitInteractive ran
	shellPgid  int
	shellModes *unix.Termios // the shell's own sane terminal modes

	trace Tracer

	timeline timeline // the events of the last jobs, for timeline

	subMu sync.Mutex
	subs  []func(Event)

	sigs    chan os.Signal // caught signals for the REPL
	sigOnce sync.Once
	// onSelf, if set, runs after kill sent a signal to the shell itself
	// (SetSelfSignalled).
	onSelf func(unix.Signal)
	// selfFatal, if set, is asked before kill sends a signal to the
	// shell's own pid (SetSelfFatal).
	selfFatal func(unix.Signal) bool

	// gate says which launches may start children (dying_unix.go), and
	// gateSig is the signal the shell dies of while it is closed.
	gate    atomic.Int32
	gateSig atomic.Int32
	// killedNotice, set for a shell that is not interactive, words the
	// report of a job killed by a signal (notice.go).
	killedNotice func(sig unix.Signal) (prefix string, report bool)
	// keepFinished is set for a script's shell (SetKeepFinished): its
	// finished background jobs stay listed until jobs shows them or a
	// wait that began while they ran collects them.
	keepFinished bool
	// killedBy is when a child in the shell's own process group was last
	// reaped killed by each signal (SignalLateChildren).
	killedBy map[unix.Signal]time.Time
}

// rememberMax is how many finished background pids WaitPid remembers (bash
// keeps at least CHILD_MAX of them).
const rememberMax = 1000

// New makes an empty job table. Signals are not caught until
// InitInteractive or InitNonInteractive runs (Launch starts the reaper if
// neither did).
func New(cfg Config) *Table {
	if cfg.Stderr == nil {
		cfg.Stderr = io.Discard
	}
	t := &Table{tableCore: &tableCore{
		cfg:        cfg,
		byPid:      make(map[int]*process),
		jobOfPid:   make(map[int]*Job),
		killedBy:   make(map[unix.Signal]time.Time),
		changed:    make(chan struct{}),
		jobControl: cfg.JobControl,
		shellPgid:  unix.Getpgrp(),
		sigs:       make(chan os.Signal, 16),
	}}
	t.root = t
	t.jobControlOn.Store(cfg.JobControl)
	return t
}

// Sub makes the job table of a copy of the shell: empty, as a forked
// subshell's is (jobs started in the copy are its own: its wait waits for
// them, and the shell never lists nor waits for them). With inherit, it
// lists the jobs of t too, as bash's child for a command substitution or a
// simple command in a pipeline does ("x=$(jobs)", "jobs | cat"): they keep
// their numbers, and the copy's own jobs are numbered after them, but they
// are not the copy's children, so no wait of the copy waits for them.
func (t *Table) Sub(inherit bool) *Table {
	c := &Table{tableCore: t.tableCore, copy: true, parent: t, ownNumbers: !inherit || t.ownNumbers}
	if inherit {
		t.mu.Lock()
		if l := t.listed(); len(l) > 0 {
			c.jobs = l
		}
		t.mu.Unlock()
	}
	return c
}

// own reports whether j was started by the shell (or copy) whose table t
// is: a job t lists only because it inherited it (Sub) is not. Call with
// t.mu held.
func (t *Table) own(j *Job) bool { return j.t == t }

// Trace returns the table's tracer.
func (t *Table) Trace() *Tracer { return &t.trace }

// SetJobControl turns job control on or off (set -m / set +m). It affects
// jobs launched afterwards.
func (t *Table) SetJobControl(on bool) {
	t.mu.Lock()
	t.jobControl = on
	t.jobControlOn.Store(on)
	t.mu.Unlock()
}

// SetKeepFinished makes the table keep finished background jobs as bash
// keeps a script's: run by the shell when it reads a script (a file, or
// standard input), not -c text. bash 5.2 announces nothing and drops
// nothing of a script's background jobs between its commands, even under
// set -m: a finished job stays listed until the jobs builtin shows it
// (Shown) or a wait that began while it ran collects it (WaitAll), and
// only a job killed by a signal is reported, in the script's words,
// after a foreground job or a wait (printKilledNotices). -c text drops
// them after each command instead (the shell's Report).
func (t *Table) SetKeepFinished() {
	t.mu.Lock()
	t.keepFinished = true
	t.mu.Unlock()
}

// SetPosix turns bash's POSIX-mode wording of job states on or off (set
// -o posix): "Done(1)", "Stopped(SIGTSTP)", and bg's "[1] text &".
func (t *Table) SetPosix(on bool) {
	t.mu.Lock()
	t.posix = on
	t.mu.Unlock()
}

// JobControl reports whether job control is on.
func (t *Table) JobControl() bool { return t.jobControlOn.Load() }

// SetNotifyAtOnce turns on set -b: the reaper reports background jobs'
// state changes at once instead of before the next prompt.
func (t *Table) SetNotifyAtOnce(on bool) {
	t.mu.Lock()
	t.notifyNow = on
	t.mu.Unlock()
}

// Signals delivers the signals caught for the REPL (all but SIGCHLD, which
// the reaper consumes).
func (t *Table) Signals() <-chan os.Signal { return t.sigs }

// Subscribe registers fn to observe every Event. fn runs on the goroutine
// that saw the change (often the reaper), with no lock held, so it may call
// the Table, even Launch; it should return quickly.
func (t *Table) Subscribe(fn func(Event)) {
	t.subMu.Lock()
	t.subs = append(t.subs, fn)
	t.subMu.Unlock()
}

// publish hands events to subscribers. Never call it with t.mu held.
func (t *Table) publish(evs ...Event) {
	if len(evs) == 0 {
		return
	}
	t.subMu.Lock()
	subs := t.subs
	t.subMu.Unlock()
	for _, ev := range evs {
		if !t.ownNumbers {
			t.timeline.add(ev)
		}
		for _, fn := range subs {
			fn(ev)
		}
	}
}

// broadcast wakes every waiter. Call with t.mu held.
func (t *Table) broadcast() {
	close(t.changed)
	t.changed = make(chan struct{})
}

// touch makes j the most recent job for the +/- markers. Call with t.mu held.
func (t *Table) touch(j *Job) {
	t.seq++
	j.seq = t.seq
}

// ---- Job accessors ----

// ID is the job number ([1]).
func (j *Job) ID() int { return j.id }

// Pgid is the job's process group, 0 if it has none of its own.
func (j *Job) Pgid() int { return j.pgid }

// Text is the command text shown by jobs.
func (j *Job) Text() string { return j.text }

// Pids lists the pids of the job's external processes, in pipeline order.
func (j *Job) Pids() []int {
	var pids []int
	for _, p := range j.procs {
		if p.pid > 0 {
			pids = append(pids, p.pid)
		}
	}
	return pids
}

// LastPid is the pid of the last external process ($! for a background job),
// 0 if there is none.
func (j *Job) LastPid() int {
	for i := len(j.procs) - 1; i >= 0; i-- {
		if j.procs[i].pid > 0 {
			return j.procs[i].pid
		}
	}
	return 0
}

// State is the job's state, derived from its processes' states.
func (j *Job) State() State {
	j.t.mu.Lock()
	defer j.t.mu.Unlock()
	return j.state()
}

// Status is the job's shell status: the last stage's exit code, or
// 128+signal if it was killed or the job is stopped.
func (j *Job) Status() int {
	j.t.mu.Lock()
	defer j.t.mu.Unlock()
	return j.status()
}

// Interrupted reports whether a process of the job was killed by SIGINT:
// the user pressed Ctrl+C, and an interactive shell then abandons the rest
// of the command line, as bash does.
func (j *Job) Interrupted() bool {
	j.t.mu.Lock()
	defer j.t.mu.Unlock()
	for _, p := range j.procs {
		if p.killed() && p.ws.Signal() == unix.SIGINT {
			return true
		}
	}
	return false
}

// state derives the job state, as dash does: the job is Done when every
// process is done; Stopped when no external process runs and one is
// stopped (a builtin goroutine blocked on a pipe to a stopped process does
// not keep the job "running"); else Running. Call with t.mu held.
func (j *Job) state() State {
	running, stopped := false, false
	for _, p := range j.procs {
		switch p.state {
		case Running:
			if !p.builtin {
				running = true
			}
		case Stopped:
			stopped = true
		}
	}
	switch {
	case running:
		return Running
	case stopped:
		return Stopped
	}
	for _, p := range j.procs {
		if p.state != Done {
			return Running // only builtins are left running
		}
	}
	return Done
}

// status: the stop signal when stopped, else the last stage's status.
// Call with t.mu held.
func (j *Job) status() int {
	if j.state() == Stopped {
		if p := j.stoppedProcess(); p != nil {
			return p.status()
		}
	}
	if len(j.procs) == 0 {
		return 0
	}
	return j.procs[len(j.procs)-1].status()
}

// stoppedProcess is the last stopped process, whose stop signal names the
// job's stop. Call with t.mu held.
func (j *Job) stoppedProcess() *process {
	for i := len(j.procs) - 1; i >= 0; i-- {
		if j.procs[i].state == Stopped {
			return j.procs[i]
		}
	}
	return nil
}

// ProcessInfo is a snapshot of one process of a job, for jobs -l style
// displays and the labs.
type ProcessInfo struct {
	Pid     int // 0 for a builtin or a stage that failed to start
	Text    string
	Builtin bool
	State   State
	Status  int // exit code or 128+signal, once stopped or done
}

// Processes returns a snapshot of the job's processes in pipeline order.
func (j *Job) Processes() []ProcessInfo {
	j.t.mu.Lock()
	defer j.t.mu.Unlock()
	out := make([]ProcessInfo, len(j.procs))
	for i, p := range j.procs {
		out[i] = ProcessInfo{Pid: p.pid, Text: p.text, Builtin: p.builtin, State: p.state, Status: p.status()}
	}
	return out
}

// ---- the table ----

// Jobs lists the table in job-number order. A job the shell is waiting for
// in the foreground is not listed.
func (t *Table) Jobs() []*Job {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.listed()
}

// listed: jobs shown by jobs, in number order. Call with t.mu held.
func (t *Table) listed() []*Job {
	var out []*Job
	for _, j := range t.jobs {
		if j.waitedInForeground() {
			continue
		}
		out = append(out, j)
	}
	return out
}

// waitedInForeground reports whether j is the foreground job the shell is
// waiting for (not one that stopped and so left the foreground). Call with
// t.mu held.
func (j *Job) waitedInForeground() bool {
	return j.foreground && j.state() != Stopped
}

// StoppedJobs reports whether any job is stopped.
func (t *Table) StoppedJobs() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, j := range t.jobs {
		if j.state() == Stopped {
			return true
		}
	}
	return false
}

// ByPid returns the job in the table that contains pid, or nil.
func (t *Table) ByPid(pid int) *Job {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, j := range t.jobs {
		for _, p := range j.procs {
			if p.pid == pid && pid > 0 {
				return j
			}
		}
	}
	return nil
}

// add puts j in the table with the next job number: one more than the
// highest in use, as bash numbers them. Call with t.mu held.
func (t *Table) add(j *Job) {
	id := 1
	for _, o := range t.jobs {
		if o.id >= id {
			id = o.id + 1
		}
	}
	j.id = id
	j.inTable = true
	t.jobs = append(t.jobs, j)
	sort.Slice(t.jobs, func(a, b int) bool { return t.jobs[a].id < t.jobs[b].id })
}

// NeverStarted reports whether no stage of j ever ran: every fork failed
// (bash's "fork: Resource temporarily unavailable") and no stage ran in
// the shell.
func (j *Job) NeverStarted() bool {
	j.t.mu.Lock()
	defer j.t.mu.Unlock()
	for _, p := range j.procs {
		if p.pid > 0 || p.builtin {
			return false
		}
	}
	return true
}

// Discard takes a job that never started (NeverStarted) out of the table
// without a word: bash makes no job when the fork of a background command
// fails, so there is nothing to list, number or report.
func (t *Table) Discard(j *Job) {
	t.mu.Lock()
	t.remove(j)
	t.broadcast()
	t.mu.Unlock()
}

// remove takes j out of the table; its processes are still reaped.
// Call with t.mu held.
func (t *Table) remove(j *Job) {
	for i, o := range t.jobs {
		if o == j {
			t.jobs = append(t.jobs[:i], t.jobs[i+1:]...)
			break
		}
	}
	if t.own(j) {
		j.inTable = false
	}
}

// markers returns the current (+) and previous (-) jobs, as bash chooses
// them: stopped jobs first, most recently stopped first; then the others,
// most recently started or continued first. Call with t.mu held.
func (t *Table) markers() (cur, prev *Job) {
	cands := t.listed()
	sort.SliceStable(cands, func(a, b int) bool {
		ja, jb := cands[a], cands[b]
		sa, sb := ja.state() == Stopped, jb.state() == Stopped
		if sa != sb {
			return sa
		}
		if sa {
			return ja.stoppedSeq > jb.stoppedSeq
		}
		return ja.seq > jb.seq
	})
	if len(cands) == 0 {
		return nil, nil
	}
	cur = cands[0]
	// bash chooses the previous job when a job becomes current, among
	// the jobs still stopped or running then: one that had already ended
	// is never "-" (set -m; (exit 3) & ...; sleep 1 & jobs shows "[1]  ").
	since := max(cur.seq, cur.stoppedSeq)
	for _, j := range cands[1:] {
		if j.doneSeq == 0 || j.doneSeq > since {
			prev = j
			break
		}
	}
	return cur, prev
}

// marker is '+', '-' or ' ' for j. Call with t.mu held.
func (t *Table) marker(j *Job) byte {
	cur, prev := t.markers()
	switch j {
	case cur:
		return '+'
	case prev:
		return '-'
	}
	return ' '
}

// JobError is a job-spec error, worded as bash words it ("%9: no such job").
type JobError struct {
	Spec   string
	Reason string // "no such job", "ambiguous job spec"
}

func (e *JobError) Error() string { return e.Spec + ": " + e.Reason }

// Find resolves a job spec: %N, %+, %%, %-, %name (a prefix of the command),
// %?text (a substring), and the same without % (N or name). "" is the current job.
func (t *Table) Find(spec string) (*Job, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	noSuch := &JobError{Spec: spec, Reason: "no such job"}
	cur, prev := t.markers()
	body, hasPercent := strings.CutPrefix(spec, "%")
	switch {
	case spec == "":
		if cur == nil {
			return nil, &JobError{Spec: "current", Reason: "no such job"}
		}
		return cur, nil
	case hasPercent && (body == "" || body == "%" || body == "+"):
		if cur == nil {
			return nil, noSuch
		}
		return cur, nil
	case hasPercent && body == "-":
		if prev == nil {
			prev = cur // with one job, %- is that job, as in bash
		}
		if prev == nil {
			return nil, noSuch
		}
		return prev, nil
	}
	if n, err := strconv.Atoi(body); err == nil {
		for _, j := range t.listed() {
			if j.id == n {
				return j, nil
			}
		}
		return nil, noSuch
	}
	match := func(j *Job) bool { return strings.HasPrefix(j.text, body) }
	// bash names an ambiguous spec by its text alone: "sl", not "%sl".
	ambiguous := &JobError{Spec: body, Reason: "ambiguous job spec"}
	if sub, ok := strings.CutPrefix(body, "?"); ok && hasPercent {
		match = func(j *Job) bool { return strings.Contains(j.text, sub) }
		ambiguous.Spec = sub
	}
	var found *Job
	for _, j := range t.listed() {
		if !match(j) {
			continue
		}
		if found != nil {
			return nil, ambiguous
		}
		found = j
	}
	if found == nil {
		return nil, noSuch
	}
	return found, nil
}
