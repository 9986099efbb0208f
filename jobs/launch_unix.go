//go:build linux

package jobs

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Stage is one process of a job to start.
type Stage struct {
	Path      string   // resolved executable path
	Argv      []string // argv, Argv[0] is the command name
	Env       []string
	Dir       string // "" = shell's cwd
	Files     []int  // the child's fd table: Files[i] becomes fd i in the child (a parent fd number), -1 = closed
	IgnoreHUP bool   // nohup: the child starts with SIGHUP ignored (via a re-exec of Self, see NohupExec)
	// IgnoreSignals start the child with these signals ignored although the
	// shell process does not ignore them (trap "" in a copy of the shell, a
	// signal the interactive shell must keep catching, SIGINT and SIGQUIT
	// for a background job of a script): via a re-exec of Self, see
	// IgnoreExec.
	IgnoreSignals []syscall.Signal
	// IgnoreAtFork start the child with these signals ignored by ignoring
	// them in the shell process for the moment of the fork: cheaper than
	// a re-exec, for signals the shell has no trap on (a script's
	// background job's SIGINT and SIGQUIT, POSIX 2.11).
	IgnoreAtFork []syscall.Signal
	Builtin      func() int // non-nil: an in-shell stage run by a goroutine; it owns and closes its own fds; returns its exit status
	Trace        []string   // extra lines to narrate for this stage, after its fd steps; Launch narrates the Files wiring itself (ChildFdSteps)
	Text         string     // this stage's command as jobs -l shows it (control characters in caret form); "" = Argv, each word through QuoteWord
	// Connect, when set, makes the stage one of a pipeline whose pipes
	// Launch creates one at a time, each just before the stage that
	// writes into it starts, so that a pipeline of any length needs only
	// a few free descriptors. Launch calls it under the launch lock with
	// in, the read end of the pipe from the previous stage (-1 for the
	// first), and out, the write end of a new pipe to the next stage (-1
	// for the last); it puts them in the stage's Files, and may open the
	// stage's redirection files (adding them to CloseAfterStart). An
	// external stage's ends are closed by Launch once it has started; a
	// builtin stage's become its own (it closes them when done). An error
	// (a redirection that failed, already reported on the stage's fd 2)
	// makes the stage a failed one with status 1.
	Connect func(st *Stage, in, out int) error
	// CloseAfterStart are the shell's copies of descriptors only this
	// external stage uses (its redirections): Launch closes them once the
	// stage has started, or would have.
	CloseAfterStart []int
	// Abandon, when set, releases a builtin stage's descriptors if
	// Launch never runs it (a pipe for an earlier stage failed).
	Abandon func()
}

// PipeError is Launch's error when a pipe between two stages could not be
// made (EMFILE, ENFILE): the stages before it were started and are sent
// SIGTERM, as bash does; the rest never start and count as failed with
// status 1. The job is returned all the same, for the caller to wait for.
type PipeError struct{ Err error }

func (e *PipeError) Error() string { return "pipe: " + errText(e.Err) }
func (e *PipeError) Unwrap() error { return e.Err }

func (s *Stage) text() string {
	if s.Text != "" {
		return ShowText(s.Text)
	}
	return QuoteWords(s.Argv)
}

// Pipe creates a pipe: run by the shell just before it starts the stage of
// a pipeline that writes into it (Stage.Connect), so the writer stage and
// the reader stage can both inherit an end; and for a here-document's
// body. Both ends are close-on-exec (pipe2 with O_CLOEXEC): a child sees an end only
// where its Files table puts it, so no stray writer keeps a reader from EOF.
func (t *Table) Pipe() (r, w int, err error) {
	var p [2]int
	err = unix.Pipe2(p[:], unix.O_CLOEXEC)
	if err != nil {
		t.trace.Shell("pipe2(O_CLOEXEC) failed: %v", err)
		return -1, -1, err
	}
	t.trace.Shell("pipe() = [%d %d]  (pipe2 with O_CLOEXEC: read end %d, write end %d)", p[0], p[1], p[0], p[1])
	return p[0], p[1], nil
}

// Launch starts every stage of one job (a pipeline or a single command) and
// registers the job in the table.
//
// With job control every stage joins one new process group whose pgid is the
// pid of the first external stage; a foreground job is given the terminal by
// that first child itself (SysProcAttr.Foreground), before it runs one
// instruction of the new program. Without job control the children stay in
// the shell's group. A stage that fails to start does not stop the others: it
// becomes a finished process with status 127 (not found) or 126.
func (t *Table) Launch(stages []Stage, text string, fg bool) (*Job, error) {
	t.mu.Lock()
	jobControl := t.jobControl
	t.mu.Unlock()
	return t.launch(stages, text, fg, jobControl, false)
}

// LaunchInGroup starts a job for a copy of the shell that runs on a
// goroutine (a builtin stage of a pipeline, a command substitution):
// without job control, so its processes stay in the shell's own process
// group and never take the terminal. The caller waits with WaitForeground,
// unless fg is false (cmd & inside a command substitution): then nobody
// waits, and the reaper collects the job's children.
func (t *Table) LaunchInGroup(stages []Stage, text string, fg bool) (*Job, error) {
	if !fg {
		t.startReaper()
	}
	return t.launch(stages, text, true, false, true)
}

// launch starts the stages; byCopy: for a copy of the shell (LaunchInGroup).
func (t *Table) launch(stages []Stage, text string, fg, jobControl, byCopy bool) (*Job, error) {
	if len(stages) == 0 {
		return nil, errors.New("jobs: Launch: no stages")
	}
	t.register()
	if !fg {
		// Nobody waits for a background job's children. (An in-shell
		// stage that starts children waits for them itself; if the
		// shell holds the collecting turn meanwhile, that wait starts
		// the reaper: see waitForChildren.)
		t.startReaper()
	}

	j := &Job{t: t, text: ShowText(text), foreground: fg, byCopy: byCopy}

	// The launch lock keeps the reaper's wait4 away until every stage has
	// joined the group: a later stage can join only while some member of the
	// group (even a zombie) still exists.
	launchLock.Lock()
	var started []Event
	var launchErr error
	prevRead := -1 // the read end of the pipe the last stage writes into
	abandoned := make([]bool, len(stages))
	for i := range stages {
		st := &stages[i]
		p := &process{text: st.text(), state: Running}
		j.procs = append(j.procs, p)
		if launchErr != nil {
			t.abandonStage(st, p)
			abandoned[i] = true
			continue
		}
		in, out := -1, -1
		if st.Connect != nil {
			in, prevRead = prevRead, -1
			if i < len(stages)-1 {
				r, w, err := t.Pipe()
				if err != nil {
					launchErr = &PipeError{err}
					t.closeShellCopy(in)
					t.abandonStage(st, p)
					abandoned[i] = true
					t.stopStarted(j, jobControl)
					continue
				}
				out, prevRead = w, r
			}
			if err := st.Connect(st, in, out); err != nil {
				t.closeShellCopy(in)
				t.closeShellCopy(out)
				t.abandonStage(st, p)
				abandoned[i] = true
				continue
			}
		}
		if st.Builtin != nil {
			p.builtin = true
			continue // started below, once the job is in the table
		}
		// Until a stage has started, nothing of this job is waiting to
		// join its group: a fork retry may let the reaper run meanwhile.
		var pid int
		var err error
		if t.launchRefused(byCopy) {
			err = errShellDying // the shell is dying of a signal: silently
		} else {
			pid, err = t.startStage(st, j.pgid, jobControl, fg, len(started) == 0)
		}
		// The child has its copies now (or failed): the shell closes
		// its own at once, or a reader never sees end-of-file while the
		// shell holds a write end; and a long pipeline never holds more
		// than a pipe or two.
		t.closeShellCopy(in)
		t.closeShellCopy(out)
		for _, fd := range st.CloseAfterStart {
			t.closeShellCopy(fd)
		}
		if err == errShellDying {
			p.state, p.ws = Done, exitStatus(128+int(t.gateSig.Load()))
			continue
		}
		if err != nil {
			p.state = Done
			p.ws = exitStatus(failureStatus(err))
			continue
		}
		p.pid, p.started = pid, time.Now()
		if jobControl && j.pgid == 0 {
			j.pgid = pid
		}
		if betweenStages != nil {
			betweenStages(pid)
		}
		started = append(started, Event{Kind: EvStarted, Pid: pid, Pgid: j.pgid, Text: p.text})
	}

	t.mu.Lock()
	for _, p := range j.procs {
		if p.pid > 0 {
			t.byPid[p.pid] = p
			t.jobOfPid[p.pid] = j
		}
	}
	t.add(j)
	t.touch(j)
	for i := range started {
		started[i].Job = j.id
	}
	t.mu.Unlock()
	launchLock.Unlock()

	// In-shell stages run now, each on its own goroutine. Their fds are
	// theirs to close; their result is their exit status.
	for i := range stages {
		if fn := stages[i].Builtin; fn != nil && !abandoned[i] {
			go t.runBuiltin(j, j.procs[i], fn)
		}
	}
	if fg && j.pgid > 0 && t.cfg.TTY >= 0 {
		started = append(started, Event{Kind: EvForeground, Job: j.id, Pgid: j.pgid, Text: text})
	}
	t.publish(started...)
	return j, launchErr
}

// closeShellCopy closes the shell's copy of a descriptor an external stage
// has inherited: run by the shell right after the stage started.
func (t *Table) closeShellCopy(fd int) {
	if fd < 0 {
		return
	}
	unix.Close(fd)
	t.trace.Shell("close(%d)  (the shell's copy; the child has its own)", fd)
}

// abandonStage records a stage that will not start, because a pipe for
// an earlier stage could not be made: it counts as failed with status 1,
// and what the shell opened for it is closed.
func (t *Table) abandonStage(st *Stage, p *process) {
	p.state = Done
	p.ws = exitStatus(1)
	for _, fd := range st.CloseAfterStart {
		unix.Close(fd)
	}
	if st.Abandon != nil {
		st.Abandon()
	}
}

// stopStarted sends SIGTERM to the stages of j already started, when the
// rest of the pipeline cannot be made: run by the shell, as bash's
// terminate_current_pipeline does, so that no half of a pipeline runs on.
func (t *Table) stopStarted(j *Job, jobControl bool) {
	if jobControl && j.pgid > 0 {
		t.trace.Shell("kill(-%d, SIGTERM)  (the pipeline cannot be completed: its started stages end)", j.pgid)
		unix.Kill(-j.pgid, unix.SIGTERM)
		unix.Kill(-j.pgid, unix.SIGCONT)
		return
	}
	for _, p := range j.procs {
		if p.pid > 0 {
			t.trace.Shell("kill(%d, SIGTERM)  (the pipeline cannot be completed: its started stages end)", p.pid)
			unix.Kill(p.pid, unix.SIGTERM)
		}
	}
}

// betweenStages, when set by a test, runs after each stage has started: the
// launch-lock test uses it to let the first stage die before the next
// stage joins its group.
var betweenStages func(pid int)

// runBuiltin runs one in-shell stage and records its result as the process's
// exit status, as if it had been a child.
func (t *Table) runBuiltin(j *Job, p *process, fn func() int) {
	code := fn()
	t.mu.Lock()
	p.state = Done
	p.ws = exitStatus(code)
	t.broadcast()
	t.mu.Unlock()
}

// failureStatus maps a ForkExec error to the shell status of the stage:
// 127 when the program does not exist, 126 when it exists but cannot run.
func failureStatus(err error) int {
	if errors.Is(err, unix.ENOENT) {
		return 127
	}

	return 126
}

// startStage starts one external stage and narrates it. On failure it
// writes "gosh: NAME: reason" to the stage's own stderr.
func (t *Table) startStage(st *Stage, pgid int, jobControl, fg, first bool) (int, error) {
	path, argv := st.Path, st.Argv
	if len(argv) == 0 {
		argv = []string{path}
	}
	if len(st.IgnoreSignals) > 0 {
		sigs := st.IgnoreSignals
		if st.IgnoreHUP {
			sigs = append([]syscall.Signal{unix.SIGHUP}, sigs...)
		}
		if t.cfg.Self == "" {
			err := errors.New("cannot ignore " + signalNames(sigs) + ": the gosh executable is unknown")
			t.stageError(st, err)
			return 0, err
		}
		t.trace.Shell("start %s %s %s %s ... so that it sets %s to SIG_IGN and execs %s (an ignored signal stays ignored across execve)",
			t.cfg.Self, SigIgnFlag, signalList(sigs), path, signalNames(sigs), path)
		argv = append([]string{t.cfg.Self, SigIgnFlag, signalList(sigs), path}, argv...)
		path = t.cfg.Self
	} else if st.IgnoreHUP {
		if t.cfg.Self == "" {
			err := errors.New("cannot ignore SIGHUP: the gosh executable is unknown")
			t.stageError(st, err)
			return 0, err
		}
		t.trace.Shell("nohup: start %s %s %s ... so that it sets SIGHUP to SIG_IGN and execs %s (an ignored signal stays ignored across execve)",
			t.cfg.Self, NohupFlag, path, path)
		argv = append([]string{t.cfg.Self, NohupFlag, path}, argv...)
		path = t.cfg.Self
	}

	files, keep, low, err := fitFiles(st.Files)
	if err != nil {
		t.stageMessage(st, "gosh: "+err.Error()+"\n") // as bash: no command name
		return 0, err
	}
	defer closeAll(low)
	attr := t.procAttr(st, files, pgid, jobControl, fg)
	inherited := t.inheritForFork(keep)
	defer inherited()
	restore := t.ignoreForFork(st.IgnoreAtFork)
	pid, err := t.forkExecRetry(path, argv, attr, first)
	if errors.Is(err, unix.ENOEXEC) && t.cfg.Self != "" && !st.IgnoreHUP && len(st.IgnoreSignals) == 0 {
		// Not a binary and no #! line: run it as a gosh script, as sh does.
		t.trace.Shell("execve(%s) failed with ENOEXEC: no #! line, so run it as a gosh script", path)
		argv = append([]string{"gosh", path}, argv[1:]...)
		pid, err = t.forkExecRetry(t.cfg.Self, argv, attr, first)
	}
	restore()
	if errors.Is(err, unix.EAGAIN) {
		// As bash: "gosh: fork: Resource temporarily unavailable".
		fmt.Fprintf(t.cfg.Stderr, "gosh: fork: %s\n", errText(err))
		return 0, err
	}
	if err != nil {
		t.stageError(st, err)
		return 0, err
	}
	t.narrateChild(pid, st, files, attr, path, argv)
	return pid, nil
}

// procAttr builds what ForkExec needs to run in the child before execve:
// the process group, the terminal handoff, the fd table, the directory.
func (t *Table) procAttr(st *Stage, table []int, pgid int, jobControl, fg bool) *syscall.ProcAttr {
	files := make([]uintptr, len(table))
	for i, fd := range table {
		files[i] = uintptr(fd) // -1 becomes ^uintptr(0), which ForkExec reads as "closed"
	}
	sys := &syscall.SysProcAttr{}
	if jobControl {
		sys.Setpgid = true
		sys.Pgid = pgid // 0 for the first stage: a new group named after the child's pid
		if pgid == 0 && fg && t.cfg.TTY >= 0 {
			sys.Foreground = true // the child does tcsetpgrp(Ctty, its pgid) itself
			sys.Ctty = t.cfg.TTY  // an fd number in the shell (parent), not in the child
		}
	}
	return &syscall.ProcAttr{Dir: st.Dir, Env: st.Env, Files: files, Sys: sys}
}

// forkExec starts a child: run by the shell. Go's syscall.ForkExec makes the
// child with clone(CLONE_VFORK|CLONE_VM); the child, with all signals
// blocked, does setpgid, the tcsetpgrp handoff, resets caught signals to
// default, chdir, arranges its fds (dup2), and calls execve. ForkExec returns
// only after execve succeeded or with the child's errno, so when it returns
// the child is already in its group and owns the terminal.
func (t *Table) forkExec(path string, argv []string, attr *syscall.ProcAttr) (int, error) {
	if path == "/proc/self/exe" || path == t.cfg.Self && path != "" {
		if room, low := ProcessRoom(); low {
			if room < goshStartThreads {
				// It would die in the Go runtime's start, before it can
				// say why: fail as fork does, so the retry and the
				// message apply.
				t.trace.Shell("not starting gosh: ulimit -u leaves room for %d threads, it needs %d to start", room, goshStartThreads)
				return 0, syscall.EAGAIN
			}
		}
		attr = goshChildAttr(attr)
	}
	tracedErrPipe = -1
	traced := t.trace.On()
	if traced {
		var r int
		r, tracedErrPipe = foreseeErrPipe()
		if t.trace.firstFork() {
			t.trace.Shell("(Go starts children with clone(CLONE_VFORK|CLONE_VM), not fork(): the child runs the steps " +
				"narrated as \"child\" below, then execve; the shell waits until execve has succeeded or failed)")
		}
		if r >= 0 && t.trace.Lang() == "ko" {
			t.trace.Shell("pipe2(O_CLOEXEC) = [%d %d]  (ForkExec의 오류 파이프: execve에 실패한 자식은 errno를 %d에 쓴다. "+
				"셸은 execve가 쓰기 끝을 닫을 때까지 %d를 읽는다)", r, tracedErrPipe, tracedErrPipe, r)
		} else if r >= 0 {
			t.trace.Shell("pipe2(O_CLOEXEC) = [%d %d]  (ForkExec's error pipe: a child whose execve fails writes its errno to %d; "+
				"the shell reads %d until execve closes the write end)", r, tracedErrPipe, tracedErrPipe, r)
		}
	}
	pid, err := syscall.ForkExec(path, argv, attr)
	if traced {
		if err != nil {
			t.trace.Shell("fork+exec %s %s failed: %s (%s)", path, quoteArgv(argv), errnoName(err), errText(err))
		} else {
			t.trace.Shell("fork+exec: pid %d %s %s", pid, path, quoteArgv(argv))
		}
	}
	return pid, err
}

// forkRetryDelays are the waits between attempts when fork fails with
// EAGAIN (ulimit -u reached, or the system out of processes): bash's
// backoff (it waits 1, 2, 4, 8 seconds), scaled down for an interactive
// shell, about 0.8 s in all.
var forkRetryDelays = []time.Duration{
	25 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond,
	200 * time.Millisecond, 400 * time.Millisecond,
}

// forkExecRetry is forkExec, tried again with growing waits while the
// kernel says EAGAIN: some other process may end meanwhile. Each retry is
// announced as bash announces it ("gosh: fork: retry: Resource temporarily
// unavailable"). With unlock, the launch lock is released during the waits,
// so that the reaper can collect finished children, which count against
// the same limit until they are reaped.
func (t *Table) forkExecRetry(path string, argv []string, attr *syscall.ProcAttr, unlock bool) (int, error) {
	for i := 0; ; i++ {
		pid, err := t.forkExec(path, argv, attr)
		if !errors.Is(err, unix.EAGAIN) || i == len(forkRetryDelays) {
			return pid, err
		}
		fmt.Fprintf(t.cfg.Stderr, "gosh: fork: retry: %s\n", errText(err))
		t.trace.Shell("fork failed with EAGAIN: wait %v and try again", forkRetryDelays[i])
		if unlock {
			launchLock.Unlock()
		}
		time.Sleep(forkRetryDelays[i])
		if unlock {
			launchLock.Lock()
		}
	}
}

// RuntimeEnvMark names, in the environment of a gosh that gosh starts (a
// child gosh, the nohup and signal helpers), the variables added for the Go
// runtime alone: the new gosh removes them at start-up (cmd/gosh), so the
// user's programs never see them.
const RuntimeEnvMark = "GOSH_RUNTIME_ENV"

// goshChildAttr starts a gosh that gosh starts (a child gosh, a helper)
// with GOMAXPROCS=1, unless the user set GOMAXPROCS: its Go runtime then
// sets up one P, not one per CPU, and wakes fewer threads while it starts
// (a child gosh starts 0.15 ms sooner, issue 9); under a low ulimit -u,
// where every thread counts, it starts with two threads. A child gosh runs
// one command list at a time: its jobs' processes run in parallel all the
// same, and a goroutine blocked in a system call still gets a thread of
// its own.
func goshChildAttr(attr *syscall.ProcAttr) *syscall.ProcAttr {
	for _, kv := range attr.Env {
		if strings.HasPrefix(kv, "GOMAXPROCS=") || strings.HasPrefix(kv, RuntimeEnvMark+"=") {
			return attr
		}
	}
	c := *attr
	c.Env = append(append([]string(nil), attr.Env...), "GOMAXPROCS=1", RuntimeEnvMark+"=GOMAXPROCS")
	return &c
}

// narrateChild reports the steps child pid ran between clone and execve,
// now that its pid is known: its group, the terminal, its directory, and
// its fd table exactly as ForkExec's child sets it (ChildFdSteps).
func (t *Table) narrateChild(pid int, st *Stage, files []int, attr *syscall.ProcAttr, path string, argv []string) {
	if !t.trace.On() {
		return
	}
	sys := attr.Sys
	ko := t.trace.Lang() == "ko"
	if sys.Setpgid {
		pg := sys.Pgid
		if pg == 0 {
			pg = pid
		}
		if ko {
			t.trace.Child(pid, "setpgid(0, %d)  (SysProcAttr.Setpgid: 프로세스 그룹 %d에 들어간다)", sys.Pgid, pg)
		} else {
			t.trace.Child(pid, "setpgid(0, %d)  (SysProcAttr.Setpgid: joins process group %d)", sys.Pgid, pg)
		}
	}
	if sys.Foreground {
		if ko {
			t.trace.Child(pid, "tcsetpgrp(%d, %d)  (SysProcAttr.Foreground: ioctl TIOCSPGRP, 작업이 실행 전에 제어 터미널을 갖는다)", sys.Ctty, pid)
		} else {
			t.trace.Child(pid, "tcsetpgrp(%d, %d)  (SysProcAttr.Foreground: ioctl TIOCSPGRP, the job owns the terminal before it runs)", sys.Ctty, pid)
		}
	}
	if attr.Dir != "" {
		t.trace.Child(pid, "chdir(%q)", attr.Dir)
	}
	for _, line := range ChildFdStepsIn(files, tracedErrPipe, t.trace.Lang()) {
		t.trace.Child(pid, "%s", line)
	}
	for _, line := range st.Trace {
		t.trace.Child(pid, "%s", line)
	}
	t.trace.Child(pid, "execve(%q, %s)", path, quoteArgv(argv))
}

// tracedErrPipe is the write end of the error pipe of the last ForkExec,
// as forkExec foresaw it, for narrateChild; -1 when not known. Both run
// under launchLock.
var tracedErrPipe = -1

// foreseeErrPipe is the pipe ForkExec is about to make for the child's
// errno (pipe2 takes the two lowest free numbers): run by the shell just
// before ForkExec, only when tracing, by opening and closing two
// descriptors.
func foreseeErrPipe() (r, w int) {
	r, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, -1
	}
	w, err = unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	unix.Close(r)
	if err != nil {
		return -1, -1
	}
	unix.Close(w)
	return r, w
}

// stageError writes "gosh: NAME: reason" to the failed stage's own fd 2.
func (t *Table) stageError(st *Stage, err error) {
	name := st.Path
	if len(st.Argv) > 0 {
		name = st.Argv[0]
	}
	t.stageMessage(st, fmt.Sprintf("gosh: %s: %s\n", name, errText(err)))
}

// stageMessage writes msg to a stage's own fd 2 (the shell's stderr when
// the stage has no table of its own).
func (t *Table) stageMessage(st *Stage, msg string) {
	if len(st.Files) > 2 && st.Files[2] >= 0 {
		unix.Write(st.Files[2], []byte(msg))
		return
	}
	if len(st.Files) <= 2 {
		fmt.Fprint(t.cfg.Stderr, msg)
	}
}

// errText words an error as strerror does ("No such file or directory").
func errText(err error) string {
	s := err.Error()
	var errno syscall.Errno
	if errors.As(err, &errno) && s != "" {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

// errnoName is the errno's C name (ENOENT) for the trace.
func errnoName(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if name := unix.ErrnoName(errno); name != "" {
			return name
		}
	}
	return "error"
}

func quoteArgv(argv []string) string {
	q := make([]string, len(argv))
	for i, a := range argv {
		q[i] = fmt.Sprintf("%q", a)
	}
	return "[" + strings.Join(q, " ") + "]"
}
