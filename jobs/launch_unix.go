//go:build linux

package jobs

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
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
	Trace        []Msg      // extra lines to narrate for this stage, after its fd steps; Launch narrates the Files wiring itself (ChildFdSteps)
	Text         string     // this stage's command as jobs -l shows it (control characters in caret form); "" = Argv, each word through QuoteWord
	ChildGosh    bool       // a child gosh, whose Argv[0] is its label ("gosh: echo a"), not a command name
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
	// Prefix is the shell starting the stage, which decides what a
	// message about it starts with (nil: "gosh: "): "s.sh: line 3: " in
	// a script, as bash's forked child words its failed execve.
	Prefix interface{ ErrorPrefix() string }
}

// errName is what a message about the stage that bash words without a
// line starts with ("s.sh: fork: ..."): the stage's shell's name when it
// has one, else the table's.
func (s *Stage) errName(t *Table) string {
	if n, ok := s.Prefix.(interface{ ErrorName() string }); ok {
		return n.ErrorName()
	}
	return t.errName()
}

// errPrefix is what a message about the stage starts with.
func (s *Stage) errPrefix() string {
	if s.Prefix == nil {
		return "gosh: "
	}
	return s.Prefix.ErrorPrefix()
}

// PipeError is Launch's error when a pipe between two stages could not be
// made (EMFILE, ENFILE): the stages before it were started and are sent
// SIGTERM, as bash does; the rest never start and count as failed with
// status 1. The job is returned all the same, for the caller to wait for.
type PipeError struct{ Err error }

func (e *PipeError) Error() string { return "pipe error: " + errText(e.Err) } // bash's wording
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
		t.trace.Shell(Msg{En: "pipe2(O_CLOEXEC) failed: %v", Ko: "pipe2(O_CLOEXEC) 실패: %v"}, err)
		return -1, -1, err
	}
	t.trace.Shell(Msg{
		En: "pipe() = [%d %d]  (pipe2 with O_CLOEXEC: read end %d, write end %d)",
		Ko: "pipe() = [%d %d]  (O_CLOEXEC를 준 pipe2: 읽는 끝 %d, 쓰는 끝 %d)",
	}, p[0], p[1], p[0], p[1])
	return p[0], p[1], nil
}

// pipeWhenFree makes a pipe (Pipe). When the process is out of fds (EMFILE)
// while in-shell stages of the job being started still run (running counts
// them), it waits for one of them to end (ended), since a stage closes its
// fds when it ends, and tries again; at most a second in all, as a stage
// may wait for a reader that cannot start without this pipe.
func (t *Table) pipeWhenFree(ended <-chan struct{}, running *int) (r, w int, err error) {
	deadline := time.NewTimer(time.Second)
	defer deadline.Stop()
	for {
		r, w, err = t.Pipe()
		if !errors.Is(err, unix.EMFILE) || *running == 0 {
			return r, w, err
		}
		select {
		case <-ended:
			*running--
			t.trace.Shell(Msg{
				En: "an in-shell stage has ended and closed its fds: try pipe2 again",
				Ko: "셸 안에서 돌던 단계가 끝나 fd를 닫았다: pipe2를 다시 시도한다",
			})
		case <-deadline.C:
			return r, w, err
		}
	}
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
// goroutine (a builtin stage of a pipeline, a command substitution, a
// subshell in a script), in the copy's own table (Sub): without job
// control, so its processes stay in the shell's own process group and
// never take the terminal. The caller waits with WaitForeground, unless fg
// is false (cmd & inside the copy): then it is a background job of the
// copy, which its jobs lists and its wait waits for, and the reaper
// collects its children.
func (t *Table) LaunchInGroup(stages []Stage, text string, fg bool) (*Job, error) {
	return t.launch(stages, text, fg, false, true)
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
	launching, launchingJC = j, jobControl
	var started []Event
	var launchErr error
	prevRead := -1 // the read end of the pipe the last stage writes into
	// registered is closed once the job is in the table: an in-shell
	// stage that started before then reports its end only after it.
	registered := make(chan struct{})
	// ended hears of each in-shell stage that has returned (and so closed
	// its fds): a pipe that fails for lack of fds is tried again then.
	ended := make(chan struct{}, len(stages))
	running := 0
	var later []func() // in-shell stages started after the others (trace)
	for i := range stages {
		st := &stages[i]
		p := &process{text: st.text(), state: Running}
		j.procs = append(j.procs, p)
		if launchErr != nil {
			t.abandonStage(st, p)
			continue
		}
		in, out := -1, -1
		if st.Connect != nil {
			in, prevRead = prevRead, -1
			if i < len(stages)-1 {
				r, w, err := t.pipeWhenFree(ended, &running)
				if err != nil {
					launchErr = &PipeError{err}
					t.closeShellCopy(in)
					t.abandonStage(st, p)
					t.stopStarted(j, jobControl)
					continue
				}
				out, prevRead = w, r
			}
			if err := st.Connect(st, in, out); err != nil {
				t.closeShellCopy(in)
				t.closeShellCopy(out)
				t.abandonStage(st, p)
				continue
			}
		}
		if st.Builtin != nil {
			// An in-shell stage runs at once, on its own goroutine, with
			// its pipe ends, which are its own to close: one that ends
			// at once ("| true") has closed them before the next pipe is
			// made, so a pipeline of builtins needs a few free fds too.
			// Under the trace it starts once every stage is started, as
			// before: the fds it closes meanwhile would change the
			// numbers the trace foresees for the next fork (ForkExec's
			// error pipe).
			p.builtin = true
			fn := st.Builtin
			run := func() {
				t.runBuiltin(j, p, func() int {
					code := fn()
					ended <- struct{}{}
					return code
				}, registered)
			}
			if t.trace.On() {
				later = append(later, run)
				continue
			}
			running++
			go run()
			continue
		}
		// Until a stage has started, nothing of this job is waiting to
		// join its group: a fork retry may let the reaper run meanwhile.
		var pid int
		var err error
		// A signal the shell will die of may be in the runtime's hands,
		// on its way to the goroutine that closes the launches
		// (CloseLaunches): with one P (a child gosh, a one-CPU machine),
		// that goroutine runs only when this one lets it, and a loop of
		// "sleep &" would fork on meanwhile. With more, it takes an idle
		// one at once, and a turn here would only hand this goroutine to
		// another thread (the turn wakes one for it), which every
		// background list typed at a prompt paid (issue 9, speed).
		if runtime.GOMAXPROCS(0) == 1 {
			runtime.Gosched()
		}
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
	launching = nil
	t.add(j)
	t.touch(j)
	for i := range started {
		started[i].Job = j.id
	}
	t.mu.Unlock()
	// Stages of this job that a fork retry collected (reapRegistered)
	// are told now that the job is in the table.
	for _, r := range ownReaped {
		lateNews.add(t, t.update(r.pid, r.ws, byRetry))
	}
	ownReaped = nil
	launchLock.Unlock()
	kickReaper()

	close(registered)
	for _, run := range later {
		go run()
	}
	if fg && j.pgid > 0 && t.cfg.TTY >= 0 {
		started = append(started, Event{Kind: EvForeground, Job: j.id, Pgid: j.pgid, Text: text})
	}
	t.publish(started...)
	runLateNews()
	return j, launchErr
}

// closeShellCopy closes the shell's copy of a descriptor an external stage
// has inherited: run by the shell right after the stage started.
func (t *Table) closeShellCopy(fd int) {
	if fd < 0 {
		return
	}
	unix.Close(fd)
	t.trace.Shell(Msg{
		En: "close(%d)  (the shell's copy; the child has its own)",
		Ko: "close(%d)  (셸의 사본을 닫는다. 자식은 자기 사본을 갖고 있다)",
	}, fd)
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
		t.trace.Shell(Msg{
			En: "kill(-%d, SIGTERM)  (the pipeline cannot be completed: its started stages end)",
			Ko: "kill(-%d, SIGTERM)  (파이프라인을 끝까지 만들 수 없다: 이미 시작한 단계들을 끝낸다)",
		}, j.pgid)
		unix.Kill(-j.pgid, unix.SIGTERM)
		unix.Kill(-j.pgid, unix.SIGCONT)
		return
	}
	for _, p := range j.procs {
		if p.pid > 0 {
			t.trace.Shell(Msg{
				En: "kill(%d, SIGTERM)  (the pipeline cannot be completed: its started stages end)",
				Ko: "kill(%d, SIGTERM)  (파이프라인을 끝까지 만들 수 없다: 이미 시작한 단계들을 끝낸다)",
			}, p.pid)
			unix.Kill(p.pid, unix.SIGTERM)
		}
	}
}

// betweenStages, when set by a test, runs after each stage has started: the
// launch-lock test uses it to let the first stage die before the next
// stage joins its group.
var betweenStages func(pid int)

// runBuiltin runs one in-shell stage and records its result as the process's
// exit status, as if it had been a child, once its job is in the table
// (registered).
func (t *Table) runBuiltin(j *Job, p *process, fn func() int, registered <-chan struct{}) {
	code := fn()
	<-registered
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
// writes "gosh: NAME: reason" (after the stage's Prefix) to the stage's
// own stderr.
func (t *Table) startStage(st *Stage, pgid int, jobControl, fg, first bool) (int, error) {
	path, argv := st.Path, st.Argv
	if len(argv) == 0 {
		argv = []string{path}
	}
	if st.IgnoreHUP {
		if t.cfg.Self == "" {
			err := errors.New("cannot ignore SIGHUP: the gosh executable is unknown")
			t.stageError(st, err)
			return 0, err
		}
		helper := []string{t.cfg.Self, NohupFlag}
		if len(st.IgnoreSignals) > 0 {
			helper = append(helper, nohupIgnore+signalList(st.IgnoreSignals))
		}
		t.trace.Shell(Msg{
			En: "nohup: start %s %s %s ... so that it does what nohup(1) does with fds 0-2, sets SIGHUP%s to SIG_IGN and execs %s (an ignored signal stays ignored across execve)",
			Ko: "nohup: %[1]s %[2]s %[3]s ...를 시작한다: 이 gosh가 nohup(1)처럼 fd 0-2를 정리하고, SIGHUP%[4]s를 SIG_IGN으로 정한 뒤 %[5]s를 execve한다 (무시된 시그널은 execve 뒤에도 무시된다)",
		},
			strings.Join(helper, " "), path, path, alsoIgnored(st.IgnoreSignals), path)
		argv = append(append(helper, path), argv...)
		path = t.cfg.Self
	} else if len(st.IgnoreSignals) > 0 {
		sigs := st.IgnoreSignals
		if t.cfg.Self == "" {
			err := errors.New("cannot ignore " + signalNames(sigs) + ": the gosh executable is unknown")
			t.stageError(st, err)
			return 0, err
		}
		t.trace.Shell(Msg{
			En: "start %s %s %s %s ... so that it sets %s to SIG_IGN and execs %s (an ignored signal stays ignored across execve)",
			Ko: "%[1]s %[2]s %[3]s %[4]s ...를 시작한다: 이 gosh가 %[5]s를 SIG_IGN으로 정하고 %[6]s를 execve한다 (무시된 시그널은 execve 뒤에도 무시된다)",
		},
			t.cfg.Self, SigIgnFlag, signalList(sigs), path, signalNames(sigs), path)
		argv = append([]string{t.cfg.Self, SigIgnFlag, signalList(sigs), path}, argv...)
		path = t.cfg.Self
	}

	files, keep, low, err := fitFiles(st.Files)
	if err != nil {
		t.stageMessage(st, st.errPrefix()+err.Error()+"\n") // as bash: no command name
		return 0, err
	}
	defer closeAll(low)
	attr := t.procAttr(st, files, pgid, jobControl, fg)
	inherited := t.inheritForFork(keep)
	defer inherited()
	restore := t.ignoreForFork(st.IgnoreAtFork)
	pid, err := t.forkExecRetry(st.errName(t), path, argv, attr, first)
	if errors.Is(err, unix.ENOEXEC) && IsBinaryFile(path) {
		err = ErrBinaryFile // as bash: not run as a script
	}
	if errors.Is(err, unix.ENOEXEC) && t.cfg.Self != "" && !st.IgnoreHUP && len(st.IgnoreSignals) == 0 {
		// Not a binary and no #! line: run it as a gosh script, as sh does.
		t.trace.Shell(Msg{
			En: "execve(%s) failed with ENOEXEC: no #! line, so run it as a gosh script",
			Ko: "execve(%s)가 ENOEXEC로 실패했다: #! 줄이 없으므로 gosh 스크립트로 실행한다",
		}, path)
		argv = append([]string{"gosh", path}, argv[1:]...)
		pid, err = t.forkExecRetry(st.errName(t), t.cfg.Self, argv, attr, first)
	}
	restore()
	if errors.Is(err, unix.EAGAIN) {
		// As bash: "gosh: fork: Resource temporarily unavailable" ("s.sh:
		// fork: ..." in a script).
		fmt.Fprintf(t.cfg.Stderr, "%sfork: %s\n", st.errName(t), errText(err))
		return 0, err
	}
	if err != nil && !fg && t.cfg.Self != "" {
		// In the background the failure needs a process, as bash's
		// forked child that failed to exec: $! is its pid and wait $!
		// gives its status (execFailedStandIn).
		if pid, ferr := t.execFailedStandIn(st, err, attr, first); ferr == nil {
			return pid, nil
		}
	}
	if err != nil {
		t.stageError(st, err)
		return 0, err
	}
	t.narrateChild(pid, st, files, attr, path, argv)
	if st.IgnoreHUP {
		waitNohupHelper(pid)
	}
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
	gosh := path == "/proc/self/exe" || path == t.cfg.Self && path != ""
	if room, low := roomForFork(); low {
		if gosh && room < goshStartThreads {
			// It would die in the Go runtime's start, before it can
			// say why: fail as fork does, so the retry and the
			// message apply.
			t.trace.Shell(Msg{
				En: "not starting gosh: ulimit -u leaves room for %d threads, it needs %d",
				Ko: "gosh를 시작하지 않는다: ulimit -u로는 스레드 %d개만 더 만들 수 있는데, %d개가 필요하다",
			}, room, goshStartThreads)
			return 0, syscall.EAGAIN
		} else if room < 1 {
			// The child would take the room of a thread that a gosh
			// of this user (this one, or one it started) may still
			// need, and without which the Go runtime ends it: fail
			// as fork does.
			t.trace.Shell(Msg{
				En: "not forking: ulimit -u leaves no room for a process beside the threads gosh keeps for itself",
				Ko: "fork하지 않는다: ulimit -u로는 gosh가 자기 몫으로 남겨 둔 스레드 말고는 프로세스를 하나도 더 만들 수 없다",
			})
			return 0, syscall.EAGAIN
		}
	}
	if gosh {
		attr = goshChildAttr(attr)
	}
	releaseInlinePipes(-1, false) // no child inherits a pipe of $( ) that nobody reads (inlinepipe_unix.go)
	tracedErrPipe = -1
	traced := t.trace.On()
	var before errPipeView
	if traced {
		if t.trace.firstFork() {
			t.trace.Shell(Msg{
				En: "(Go starts children with clone(CLONE_VFORK|CLONE_VM), not fork(): the child runs the steps " +
					"narrated as \"child\" below, then execve; the shell waits until execve has succeeded or failed)",
				Ko: "(Go는 fork()가 아니라 clone(CLONE_VFORK|CLONE_VM)으로 자식을 만든다: 자식은 아래 \"자식\" 줄의 " +
					"단계를 실행한 뒤 execve하고, 셸은 execve가 성공하거나 실패할 때까지 기다린다)",
			})
		}
		// After the note: the note's line may close a child gosh's
		// trace gate, which frees a number.
		before = foreseeErrPipe()
	}
	pid, err := syscall.ForkExec(path, argv, attr)
	if traced {
		r, w, sure := before.confirm()
		tracedErrPipe = w
		switch {
		case sure:
			t.trace.Shell(Msg{
				En: "pipe2(O_CLOEXEC) = [%d %d]  (ForkExec's error pipe: a child whose execve fails writes its errno to %d; " +
					"the shell reads %d until execve closes the write end)",
				Ko: "pipe2(O_CLOEXEC) = [%d %d]  (ForkExec의 오류 파이프: execve에 실패한 자식은 errno를 %d에 쓴다. " +
					"셸은 execve가 쓰기 끝을 닫을 때까지 %d를 읽는다)",
			}, r, w, w, r)
		case w >= 0:
			t.trace.Shell(Msg{
				En: "pipe2(O_CLOEXEC) = [%d %d]?  (ForkExec's error pipe, numbers as foreseen: another thread of the shell " +
					"opened or closed a descriptor while the child was started, so they may differ)",
				Ko: "pipe2(O_CLOEXEC) = [%d %d]?  (ForkExec의 오류 파이프. 번호는 미리 본 것이다: 자식을 시작하는 동안 " +
					"셸의 다른 스레드가 디스크립터를 열거나 닫았으므로 실제와 다를 수 있다)",
			}, r, w)
		default:
			t.trace.Shell(Msg{
				En: "pipe2(O_CLOEXEC)  (ForkExec's error pipe; /proc/self/fd could not be read, so its numbers are not known)",
				Ko: "pipe2(O_CLOEXEC)  (ForkExec의 오류 파이프. /proc/self/fd를 읽을 수 없어 번호를 알 수 없다)",
			})
		}
		if err != nil {
			t.trace.Shell(Msg{En: "fork+exec %s %s failed: %s (%s)", Ko: "fork+exec %s %s 실패: %s (%s)"},
				path, quoteArgv(argv), errnoName(err), errText(err))
		} else {
			t.trace.Shell(Same("fork+exec: pid %d %s %s"), pid, path, quoteArgv(argv))
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
// unavailable", after name: "s.sh: " in a script). With unlock, the launch lock is released during the waits,
// so that the reaper can collect finished children, which count against
// the same limit until they are reaped.
func (t *Table) forkExecRetry(name, path string, argv []string, attr *syscall.ProcAttr, unlock bool) (int, error) {
	for i := 0; ; i++ {
		pid, err := t.forkExec(path, argv, attr)
		if !errors.Is(err, unix.EAGAIN) || i == len(forkRetryDelays) {
			return pid, err
		}
		fmt.Fprintf(t.cfg.Stderr, "%sfork: retry: %s\n", name, errText(err))
		t.trace.Shell(Msg{
			En: "fork failed with EAGAIN: wait %v and try again",
			Ko: "fork가 EAGAIN으로 실패했다: %v 기다렸다가 다시 시도한다",
		}, forkRetryDelays[i])
		if unlock {
			launchLock.Unlock()
		}
		time.Sleep(forkRetryDelays[i])
		if unlock {
			launchLock.Lock()
		} else {
			// The reaper cannot collect meanwhile: finished
			// children of other jobs still take room.
			reapRegistered()
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
	if sys.Setpgid {
		pg := sys.Pgid
		if pg == 0 {
			pg = pid
		}
		t.trace.Child(pid, Msg{
			En: "setpgid(0, %d)  (SysProcAttr.Setpgid: joins process group %d)",
			Ko: "setpgid(0, %d)  (SysProcAttr.Setpgid: 프로세스 그룹 %d에 들어간다)",
		}, sys.Pgid, pg)
	}
	if sys.Foreground {
		t.trace.Child(pid, Msg{
			En: "tcsetpgrp(%d, %d)  (SysProcAttr.Foreground: ioctl TIOCSPGRP, the job owns the terminal before it runs)",
			Ko: "tcsetpgrp(%d, %d)  (SysProcAttr.Foreground: ioctl TIOCSPGRP, 작업이 실행 전에 제어 터미널을 갖는다)",
		}, sys.Ctty, pid)
	}
	if attr.Dir != "" {
		t.trace.Child(pid, Same("chdir(%q)"), attr.Dir)
	}
	for _, line := range ChildFdStepsMsg(files, tracedErrPipe) {
		t.trace.Child(pid, line)
	}
	for _, line := range st.Trace {
		t.trace.Child(pid, line)
	}
	t.trace.Child(pid, Same("execve(%q, %s)"), path, quoteArgv(argv))
}

// tracedErrPipe is the write end of the error pipe of the last ForkExec,
// as the shell saw it (errPipeView), for narrateChild; -1 when not known.
// Both run under launchLock.
var tracedErrPipe = -1

// errPipeView is how the shell knows the numbers of the error pipe that
// syscall.ForkExec makes for the child's errno: Go's forkExec calls
// pipe2(p, O_CLOEXEC) (forkExecPipe in syscall/forkpipe2.go), and the
// kernel gives pipe2 the two lowest free descriptor numbers (POSIX's
// lowest-numbered rule), so they are a function of the descriptors this
// process holds at that moment, which the shell can read in
// /proc/self/fd. The view is taken just before ForkExec and checked right
// after it (confirm). Nothing the shell does in between creates or closes
// a descriptor, so the numbers are the real ones unless another thread of
// the shell (a copy of the shell running a builtin stage on a goroutine)
// opened or closed one numbered up to the pipe's in that window; confirm
// sees every such change that is still there after ForkExec, and then the
// trace marks the numbers as foreseen ("= [5 6]?"). The one change it cannot see is a descriptor
// both created and closed (or closed and reopened at the same number)
// inside the window. TestTraceMatchesStrace (tests/) compares the numbers
// with what strace -f shows the child doing.
type errPipeView struct {
	r, w int
	open map[int]bool // the descriptors open before ForkExec
}

// foreseeErrPipe takes the view: run by the shell just before ForkExec,
// only when tracing.
func foreseeErrPipe() errPipeView {
	v := errPipeView{r: -1, w: -1, open: openDescriptors()}
	if v.open == nil {
		return v
	}
	for n := 0; v.w < 0; n++ {
		if v.open[n] {
			continue
		}
		if v.r < 0 {
			v.r = n
		} else {
			v.w = n
		}
	}
	return v
}

// confirm returns the pipe's numbers as foreseen (-1 when /proc/self/fd
// could not be read), and sure when the descriptors numbered up to the
// pipe's are the same after ForkExec as before it (ForkExec has closed
// both ends again by then).
func (v errPipeView) confirm() (r, w int, sure bool) {
	if v.w < 0 {
		return -1, -1, false
	}
	now := openDescriptors()
	if now == nil {
		return v.r, v.w, false
	}
	for n := 0; n <= v.w; n++ {
		if now[n] != v.open[n] {
			return v.r, v.w, false
		}
	}
	return v.r, v.w, true
}

// openDescriptors is the set of descriptors this process holds, from
// /proc/self/fd (without the directory's own descriptor); nil when it
// cannot be read.
func openDescriptors() map[int]bool {
	dir, err := unix.Open("/proc/self/fd", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	defer unix.Close(dir)
	open := map[int]bool{}
	buf := make([]byte, 4096)
	for {
		n, err := unix.Getdents(dir, buf)
		if err != nil {
			return nil
		}
		if n <= 0 {
			break
		}
		var names []string
		_, _, names = unix.ParseDirent(buf[:n], -1, names)
		for _, name := range names {
			if fd, err := strconv.Atoi(name); err == nil && fd != dir {
				open[fd] = true
			}
		}
	}
	return open
}

// stageError writes "gosh: NAME: reason" (after the stage's Prefix) to
// the failed stage's own fd 2.
func (t *Table) stageError(st *Stage, err error) {
	t.stageMessage(st, stageErrorText(st, err))
}

// stageErrorText is bash's message for a stage whose program could not
// start.
func stageErrorText(st *Stage, err error) string {
	name := st.Path
	if len(st.Argv) > 0 {
		name = st.Argv[0]
	}
	if st.ChildGosh {
		// Its argv[0] is a label, and the program gosh itself: the
		// memfd's message (shell/subshell.go) words the failure.
		name = "cannot start a child gosh"
	}
	text := errText(err)
	if errors.Is(err, unix.ENOENT) && st.Path != "" {
		if _, serr := os.Stat(st.Path); serr == nil {
			// The file is there: its #! interpreter is not (bash 5.2,
			// which names the path it ran).
			name, text = st.Path, "cannot execute: required file not found"
		}
	}
	return st.errPrefix() + name + ": " + text + "\n"
}

// ExecFailedFlag is the hidden first argument of the gosh that stands in
// for a background stage whose program could not start:
// gosh --exec-failed STATUS MESSAGE (ExecFailed).
const ExecFailedFlag = "--exec-failed"

// execFailedStandIn starts, in place of a background stage whose execve
// failed, a gosh that writes the stage's message on the stage's stderr and
// exits with bash's status (127 for a missing file or interpreter, else
// 126): run by the shell. bash's forked child fails the same way, after
// the fork, so the job has a pid ($!) and wait $! gives the status; here
// the failed child was gone before ForkExec returned.
func (t *Table) execFailedStandIn(st *Stage, err error, attr *syscall.ProcAttr, first bool) (int, error) {
	status := 126
	if errors.Is(err, unix.ENOENT) {
		status = 127
	}
	argv := []string{"gosh: " + st.text(), ExecFailedFlag, strconv.Itoa(status), stageErrorText(st, err)}
	pid, ferr := t.forkExecRetry(st.errName(t), t.cfg.Self, argv, attr, first)
	if ferr != nil {
		return 0, ferr
	}
	t.trace.Shell(Msg{
		En: "execve(%s) failed (%v): a gosh stands in for the background stage, pid %d, and exits %d with the message, as a forked child that failed to exec would",
		Ko: "execve(%s) 실패(%v): 백그라운드 단계 대신 gosh(pid %d)가 메시지를 쓰고 %d로 끝난다. exec에 실패한 fork된 자식처럼",
	}, st.Path, err, pid, status)
	return pid, nil
}

// ExecFailed is what gosh runs when started with ExecFailedFlag: args
// are STATUS and MESSAGE. It writes MESSAGE on fd 2 and returns STATUS.
func ExecFailed(args []string) int {
	if len(args) != 2 {
		return 2
	}
	os.Stderr.WriteString(args[1])
	status, err := strconv.Atoi(args[0])
	if err != nil {
		return 2
	}
	return status
}

// ErrBinaryFile is a program that execve(2) refuses (ENOEXEC) and that
// is no script either: bash's words for it, status 126.
var ErrBinaryFile = errors.New("cannot execute binary file: Exec format error")

// IsBinaryFile reports whether a file that execve(2) refused is binary,
// as bash decides before it would read it as a script: an ELF header, or
// a NUL byte in its first line (of the first 80 bytes).
func IsBinaryFile(path string) bool {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	var b [80]byte
	n, err := unix.Read(fd, b[:])
	if err != nil || n <= 0 {
		return false
	}
	sample := b[:n]
	if n >= 4 && string(sample[:4]) == "\x7fELF" {
		return true
	}
	for _, c := range sample {
		switch c {
		case '\n':
			return false
		case 0:
			return true
		}
	}
	return false
}

// stageMessage writes msg to a stage's own fd 2 (the shell's stderr when
// the stage has no table of its own).
func (t *Table) stageMessage(st *Stage, msg string) {
	if len(st.Files) > 2 && st.Files[2] >= 0 {
		FdWriter(st.Files[2]).Write([]byte(msg)) // all of it; a full pipe of $( ) is released (inlinepipe_unix.go)
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
