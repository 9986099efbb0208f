//go:build linux

package jobs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// eventLog records the kinds of events a table publishes.
type eventLog struct {
	mu  sync.Mutex
	evs []Event
}

func (l *eventLog) add(ev Event) {
	l.mu.Lock()
	l.evs = append(l.evs, ev)
	l.mu.Unlock()
}

func (l *eventLog) has(kind EventKind, sig unix.Signal) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, ev := range l.evs {
		if ev.Kind == kind && (sig == 0 || ev.Signal == sig) {
			return true
		}
	}
	return false
}

func waitState(t *testing.T, j *Job, want State) {
	t.Helper()
	waitFor(t, 5*time.Second, fmt.Sprintf("job %d to be %v", j.ID(), want), func() bool { return j.State() == want })
}

// Stop and continue with SIGSTOP/SIGCONT sent from outside the shell: the
// reaper sees WIFSTOPPED and WIFCONTINUED and the job's state follows.
func TestStopContinueFromOutside(t *testing.T) {
	tb, errs := newTable(t, true)
	var log eventLog
	tb.Subscribe(log.add)
	j, err := tb.Launch([]Stage{stage("/bin/sleep", "30")}, "sleep 30", false)
	if err != nil {
		t.Fatal(err)
	}
	pid := j.Pids()[0]

	unix.Kill(pid, unix.SIGSTOP)
	waitState(t, j, Stopped)
	if got, want := tb.Format(j, false), "[1]+  Stopped (SIGSTOP)       sleep 30\n"; got != want {
		t.Errorf("Format %q, want %q", got, want)
	}
	if st, _ := procStat(t, pid); st != "T" {
		t.Errorf("/proc state %q, want T", st)
	}
	if !tb.StoppedJobs() {
		t.Error("StoppedJobs() = false with a stopped job")
	}
	tb.Report()
	if got, want := errs.String(), "[1]+  Stopped (SIGSTOP)       sleep 30\n"; got != want {
		t.Errorf("Report %q, want %q", got, want)
	}

	unix.Kill(pid, unix.SIGCONT)
	waitState(t, j, Running)
	if err := tb.Background(j); err == nil || err.Error() != "job 1 already in background" {
		t.Errorf("bg of a running job: %v", err)
	}

	unix.Kill(pid, unix.SIGSTOP)
	waitState(t, j, Stopped)
	if st := tb.WaitJob(ctxTimeout(t), j); st != 128+int(unix.SIGSTOP) {
		t.Errorf("wait on a stopped job: %d, want %d", st, 128+int(unix.SIGSTOP))
	}
	before := len(errs.String())
	if err := tb.Background(j); err != nil {
		t.Fatal(err)
	}
	if got := errs.String()[before:]; got != "[1]+ sleep 30 &\n" {
		t.Errorf("bg printed %q", got)
	}
	if j.State() != Running {
		t.Error("bg did not mark the job running")
	}
	waitFor(t, 5*time.Second, "sleep to run", func() bool { st, _ := procStat(t, pid); return st == "S" || st == "R" })

	tb.Signal(j, unix.SIGTERM)
	before = len(errs.String())
	if st := tb.WaitJob(ctxTimeout(t), j); st != 143 {
		t.Errorf("status %d, want 143", st)
	}
	// Under job control the end of the wait announces the job, as bash
	// does (set -m in a script too); the next Report has nothing to add.
	tb.Report()
	if got, want := errs.String()[before:], "[1]+  Terminated              sleep 30\n"; got != want {
		t.Errorf("wait and Report %q, want %q", got, want)
	}
	if len(tb.Jobs()) != 0 {
		t.Error("Report left a finished job in the table")
	}
	for _, k := range []struct {
		kind EventKind
		sig  unix.Signal
	}{{EvStarted, 0}, {EvStopped, unix.SIGSTOP}, {EvContinued, 0}, {EvSIGCONT, 0}, {EvBackground, 0},
		{EvKill, unix.SIGTERM}, {EvSignaled, unix.SIGTERM}} {
		// Events are published after the table is updated (and a wait
		// has returned): the last ones may still be on their way.
		waitFor(t, 5*time.Second, fmt.Sprintf("a %v event (signal %v)", k.kind, k.sig),
			func() bool { return log.has(k.kind, k.sig) })
	}
}

// A stopped background job continued from outside while the shell waits
// for a foreground job is running at once: the waiting shell collects the
// continue report (WCONTINUED), not only the next exit or stop.
func TestContinuedDuringForegroundWait(t *testing.T) {
	tb, _ := newTable(t, true)
	bg, err := tb.Launch([]Stage{stage("/bin/sleep", "30")}, "sleep 30", false)
	if err != nil {
		t.Fatal(err)
	}
	unix.Kill(bg.Pids()[0], unix.SIGSTOP)
	waitState(t, bg, Stopped)

	fg, err := tb.Launch([]Stage{stage("/bin/sleep", "30")}, "sleep 30", true)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int)
	go func() { done <- tb.WaitForeground(fg) }()
	unix.Kill(bg.Pids()[0], unix.SIGCONT)
	waitState(t, bg, Running)
	select {
	case st := <-done:
		t.Fatalf("WaitForeground returned %d while its job runs", st)
	default:
	}
	unix.Kill(fg.Pids()[0], unix.SIGTERM)
	if st := <-done; st != 143 {
		t.Errorf("foreground status %d, want 143", st)
	}
}

// A foreground job stopped by SIGTSTP: WaitForeground returns 128+20,
// reports it, keeps it; fg continues it and waits again.
func TestForegroundStopAndFg(t *testing.T) {
	tb, errs := newTable(t, true)
	j, err := tb.Launch([]Stage{stage("/bin/sleep", "30")}, "sleep 30", true)
	if err != nil {
		t.Fatal(err)
	}
	pid := j.Pids()[0]
	go unix.Kill(pid, unix.SIGTSTP)
	if st := tb.WaitForeground(j); st != 128+int(unix.SIGTSTP) {
		t.Errorf("status %d, want 148", st)
	}
	if got, want := errs.String(), "\n[1]+  Stopped                 sleep 30\n"; got != want {
		t.Errorf("stop report %q, want %q", got, want)
	}
	if js := tb.Jobs(); len(js) != 1 || js[0] != j {
		t.Fatalf("stopped job not in the table: %v", js)
	}
	if f, err := tb.Find("%+"); err != nil || f != j {
		t.Errorf("stopped job is not current: %v %v", f, err)
	}
	tb.Report() // already reported by WaitForeground: nothing more
	if got := errs.String(); strings.Count(got, "Stopped") != 1 {
		t.Errorf("stop reported twice: %q", got)
	}

	before := len(errs.String())
	go func() {
		waitFor(t, 5*time.Second, "job to run again", func() bool { st, _ := procStat(t, pid); return st != "T" })
		unix.Kill(pid, unix.SIGTERM)
	}()
	if st := tb.Foreground(j); st != 143 {
		t.Errorf("fg status %d, want 143", st)
	}
	if got, want := errs.String()[before:], "sleep 30\nTerminated\n"; got != want {
		t.Errorf("fg output %q, want %q", got, want)
	}
	if len(tb.Jobs()) != 0 {
		t.Error("finished foreground job stayed in the table")
	}
}

// Foreground jobs killed by a signal print bash's message, except SIGINT
// and SIGPIPE.
func TestForegroundKillMessages(t *testing.T) {
	tests := []struct {
		script string
		status int
		msg    string
	}{
		{"kill -TERM $$", 143, "Terminated\n"},
		{"kill -KILL $$", 137, "Killed\n"},
		{"kill -HUP $$", 129, "Hangup\n"},
		{"kill -INT $$", 130, ""},
		{"kill -PIPE $$", 141, ""},
		{"ulimit -c 0; kill -SEGV $$", 139, "Segmentation fault\n"},
		{"exit 3", 3, ""},
	}
	tb, errs := newTable(t, true)
	for _, tc := range tests {
		before := len(errs.String())
		j, _ := tb.Launch([]Stage{stage("/bin/sh", "-c", tc.script)}, tc.script, true)
		if st := tb.WaitForeground(j); st != tc.status {
			t.Errorf("%s: status %d, want %d", tc.script, st, tc.status)
		}
		if got := errs.String()[before:]; got != tc.msg {
			t.Errorf("%s: message %q, want %q", tc.script, got, tc.msg)
		}
	}
}

// zombies lists this process's children that are zombies.
func zombies(t *testing.T) []int {
	t.Helper()
	me := os.Getpid()
	dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
	var zs []int
	for _, path := range dirs {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		s := string(data)
		fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		var pid int
		fmt.Sscanf(s, "%d", &pid)
		if fields[0] == "Z" && fields[1] == itoa(me) {
			zs = append(zs, pid)
		}
	}
	return zs
}

// 300 short background jobs, some disowned, leave no zombie.
func TestNoZombies(t *testing.T) {
	tb, _ := newTable(t, true)
	for i := range 300 {
		j, err := tb.Launch([]Stage{stage("/bin/true")}, "true", false)
		if err != nil {
			t.Fatal(err)
		}
		if i%10 == 0 {
			tb.Disown(j, false)
		}
		if i%50 == 0 {
			tb.Report()
		}
	}
	if st := tb.WaitAll(ctxTimeout(t)); st != 0 {
		t.Errorf("WaitAll = %d", st)
	}
	waitFor(t, 10*time.Second, "every child reaped", func() bool {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		return len(tb.byPid) == 0
	})
	if zs := zombies(t); len(zs) != 0 {
		t.Errorf("zombies left: %v", zs)
	}
	tb.Report()
	if n := len(tb.Jobs()); n != 0 {
		t.Errorf("%d jobs left after Report", n)
	}
}

// A child the table did not start is reaped and forgotten.
func TestUnknownPidTolerated(t *testing.T) {
	tb, _ := newTable(t, false)
	var trace syncBuffer
	tb.Trace().SetOutput(&trace, false)
	pid, err := syscall.ForkExec("/bin/true", []string{"true"}, &syscall.ProcAttr{Files: []uintptr{0, 1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, 5*time.Second, "the stranger to be reaped", func() bool {
		return strings.Contains(trace.String(), fmt.Sprintf("= %d, exited 0", pid))
	})
	if !strings.Contains(trace.String(), "not a job's process: reaped and forgotten") {
		t.Errorf("trace %q", trace.String())
	}
	tb.update(999999, exitStatus(0), bySIGCHLD) // never started: ignored
	if len(tb.Jobs()) != 0 {
		t.Error("unknown pid made a job")
	}
	// The table still works.
	j, _ := tb.Launch([]Stage{stage("/bin/sh", "-c", "exit 2")}, "exit 2", true)
	if st := tb.WaitForeground(j); st != 2 {
		t.Errorf("status %d", st)
	}
}

// wait PID finds the status of a background process that already finished
// and left the table, as often as it is asked (bash 5.2 keeps it after wait
// collects it), until wait without arguments forgets it.
func TestWaitPidRemembered(t *testing.T) {
	tb, _ := newTable(t, false)
	ctx := ctxTimeout(t)
	j, _ := tb.Launch([]Stage{stage("/bin/false")}, "false", false)
	pid := j.LastPid()
	waitState(t, j, Done)
	tb.Report()
	if len(tb.Jobs()) != 0 {
		t.Fatal("job not removed")
	}
	if st, ok := tb.WaitPid(ctx, pid); !ok || st != 1 {
		t.Errorf("first WaitPid(%d) = %d, %v; want 1, true", pid, st, ok)
	}
	if st, ok := tb.WaitPid(ctx, pid); !ok || st != 1 {
		t.Errorf("second WaitPid(%d) = %d, %v; want 1, true", pid, st, ok)
	}
	tb.WaitAll(ctx)
	if st, ok := tb.WaitPid(ctx, pid); ok {
		t.Errorf("WaitPid(%d) after WaitAll = %d, true; want ok=false", pid, st)
	}
	if _, ok := tb.WaitPid(ctx, 1); ok {
		t.Error("WaitPid(1) ok")
	}
	// A process still running: WaitPid blocks until it exits.
	j2, _ := tb.Launch([]Stage{stage("/bin/sh", "-c", "exit 6")}, "exit 6", false)
	if st, ok := tb.WaitPid(ctx, j2.LastPid()); !ok || st != 6 {
		t.Errorf("WaitPid running = %d %v", st, ok)
	}
	// A signal-killed one gives 128+N.
	j3, _ := tb.Launch([]Stage{stage("/bin/sleep", "30")}, "sleep 30", false)
	tb.Kill(j3.LastPid(), unix.SIGKILL)
	if st, ok := tb.WaitPid(ctx, j3.LastPid()); !ok || st != 137 {
		t.Errorf("WaitPid killed = %d %v", st, ok)
	}
}

func TestWaitAnyAndCancel(t *testing.T) {
	tb, _ := newTable(t, true)
	ctx := ctxTimeout(t)
	if _, ok := tb.WaitAny(ctx); ok {
		t.Error("WaitAny with no jobs: ok")
	}
	long, _ := tb.Launch([]Stage{stage("/bin/sleep", "30")}, "sleep 30", false)
	tb.Launch([]Stage{stage("/bin/sh", "-c", "exit 2")}, "exit 2", false)
	if st, ok := tb.WaitAny(ctx); !ok || st != 2 {
		t.Errorf("WaitAny = %d %v, want 2 true", st, ok)
	}

	// Interruptible: a cancelled context ends every wait with 128+SIGINT.
	short, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if st := tb.WaitAll(short); st != 130 {
		t.Errorf("cancelled WaitAll = %d", st)
	}
	if st := tb.WaitJob(short, long); st != 130 {
		t.Errorf("cancelled WaitJob = %d", st)
	}
	if st, ok := tb.WaitAny(short); st != 130 || !ok {
		t.Errorf("cancelled WaitAny = %d %v", st, ok)
	}
	if st, ok := tb.WaitPid(short, long.LastPid()); st != 130 || !ok {
		t.Errorf("cancelled WaitPid = %d %v", st, ok)
	}

	tb.Signal(long, unix.SIGTERM)
	if st, ok := tb.WaitAny(ctx); !ok || st != 143 {
		t.Errorf("WaitAny = %d %v, want 143 true", st, ok)
	}
	if _, ok := tb.WaitAny(ctx); ok {
		t.Error("WaitAny after all were waited: ok")
	}
}

// Disowned jobs leave the table but are still reaped; disown -h jobs stay
// and are spared by HangUp; the others get SIGHUP (and SIGCONT if stopped).
func TestDisownAndHangUp(t *testing.T) {
	tb, _ := newTable(t, true)
	var log eventLog
	tb.Subscribe(log.add)
	running, _ := tb.Launch([]Stage{stage("/bin/sleep", "30")}, "sleep 30", false)
	stopped, _ := tb.Launch([]Stage{stage("/bin/sleep", "31")}, "sleep 31", false)
	kept, _ := tb.Launch([]Stage{stage("/bin/sleep", "32")}, "sleep 32", false)
	gone, _ := tb.Launch([]Stage{stage("/bin/sleep", "33")}, "sleep 33", false)

	tb.Signal(stopped, unix.SIGSTOP)
	waitState(t, stopped, Stopped)
	tb.Disown(kept, true)
	tb.Disown(gone, false)
	if _, err := tb.Find("%4"); err == nil {
		t.Error("disowned job still found")
	}
	if len(tb.Jobs()) != 3 {
		t.Errorf("jobs after disown: %d", len(tb.Jobs()))
	}

	tb.HangUp()
	ctx := ctxTimeout(t)
	if st := tb.WaitJob(ctx, running); st != 129 {
		t.Errorf("running job after HangUp: %d, want 129", st)
	}
	if st := tb.WaitJob(ctx, stopped); st != 129 {
		t.Errorf("stopped job after HangUp: %d, want 129", st)
	}
	if kept.State() != Running {
		t.Error("disown -h job did not survive HangUp")
	}
	if !log.has(EvHangup, 0) || !log.has(EvDisowned, 0) {
		t.Error("missing hangup/disowned events")
	}

	goneP := gone.LastPid()
	unix.Kill(goneP, unix.SIGKILL)
	waitFor(t, 5*time.Second, "the disowned job to be reaped", func() bool {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		_, alive := tb.byPid[goneP]
		return !alive
	})
	if _, err := os.Stat(fmt.Sprintf("/proc/%d", goneP)); err == nil {
		if st, _ := procStat(t, goneP); st == "Z" {
			t.Error("disowned job left a zombie")
		}
	}
}

// set -b: the reaper reports a background job's end at once.
func TestNotifyAtOnce(t *testing.T) {
	tb, errs := newTable(t, true)
	tb.SetNotifyAtOnce(true)
	tb.Launch([]Stage{stage("/bin/sh", "-c", "exit 3")}, "exit 3", false)
	waitFor(t, 5*time.Second, "the notification", func() bool {
		return errs.String() == "[1]+  Exit 3                  exit 3\n"
	})
	tb.Report()
	if got := errs.String(); got != "[1]+  Exit 3                  exit 3\n" {
		t.Errorf("reported twice: %q", got)
	}
}

// The trace narrates every step with real numbers.
func TestTraceOfAPipeline(t *testing.T) {
	tb, _ := newTable(t, true)
	var trace syncBuffer
	tb.Trace().SetOutput(&trace, false)
	r, w, err := tb.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	echo := stage("/bin/echo", "hi")
	echo.Files = []int{0, w, 2}
	cat := stage("/bin/cat")
	cat.Files = []int{r, -1, -1}
	cat.Trace = []Msg{Same("(extra line from the shell)")}
	j, err := tb.Launch([]Stage{echo, cat}, "echo hi | cat", false)
	unix.Close(r)
	unix.Close(w)
	if err != nil {
		t.Fatal(err)
	}
	tb.WaitJob(ctxTimeout(t), j)
	tb.Signal(j, unix.SIGCONT) // the group is gone: kill fails with ESRCH
	p1, p2 := j.Pids()[0], j.Pids()[1]
	got := trace.String()
	sh := fmt.Sprintf("trace· shell %d: ", os.Getpid())
	wants := []string{
		fmt.Sprintf(sh+"pipe() = [%d %d]", r, w),
		sh + "(Go starts children with clone(CLONE_VFORK|CLONE_VM)",
		fmt.Sprintf(sh+"fork+exec: pid %d /bin/echo [\"/bin/echo\" \"hi\"]", p1),
		fmt.Sprintf("trace· child %d: setpgid(0, 0)", p1),
		fmt.Sprintf("trace· child %d: fcntl(0, F_SETFD, 0)", p1),
		fmt.Sprintf("trace· child %d: dup3(%d, 1, 0)", p1, w),
		fmt.Sprintf("trace· child %d: fcntl(2, F_SETFD, 0)", p1),
		fmt.Sprintf("trace· child %d: execve(\"/bin/echo\", [\"/bin/echo\" \"hi\"])", p1),
		fmt.Sprintf(sh+"fork+exec: pid %d /bin/cat [\"/bin/cat\"]", p2),
		fmt.Sprintf("trace· child %d: setpgid(0, %d)", p2, p1),
		fmt.Sprintf("trace· child %d: dup3(%d, 0, 0)", p2, r),
		fmt.Sprintf("trace· child %d: close(1..2)", p2),
		fmt.Sprintf("trace· child %d: (extra line from the shell)", p2),
		fmt.Sprintf(sh+"SIGCHLD: wait4(-1, WNOHANG|WUNTRACED|WCONTINUED) = %d, ", p1), // exited 0, or SIGPIPE if cat went first
		fmt.Sprintf(sh+"kill(-%d, SIGCONT) = -1 ESRCH", p1),
	}
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("trace lacks %q\ntrace:\n%s", w, got)
		}
	}
	if n := strings.Count(got, fmt.Sprintf("dup3(%d, 0, 0)", r)); n != 1 {
		t.Errorf("dup3(%d, 0, 0) said %d times", r, n)
	}
	if n := strings.Count(got, "CLONE_VFORK"); n != 1 {
		t.Errorf("clone note said %d times", n)
	}
	// cat's stdout is closed: it fails, and its wait status is traced.
	if !regexp.MustCompile(fmt.Sprintf(`wait4\(-1, WNOHANG\|WUNTRACED\|WCONTINUED\) = %d, exited 1 \(WIFEXITED, WEXITSTATUS=1\)`, p2)).MatchString(got) {
		t.Errorf("no wait4 line for %d", p2)
	}
}

func BenchmarkLaunchWait(b *testing.B) {
	tb := New(Config{TTY: -1, Stderr: os.Stderr})
	tb.InitNonInteractive()
	st := []Stage{{Path: "/bin/true", Argv: []string{"true"}, Files: []int{0, 1, 2}}}
	for b.Loop() {
		j, err := tb.Launch(st, "true", true)
		if err != nil {
			b.Fatal(err)
		}
		if s := tb.WaitForeground(j); s != 0 {
			b.Fatal(s)
		}
	}
}

// BenchmarkForkExecFloor is the least any Go shell can spend on one
// command: syscall.ForkExec of /bin/true and a blocking wait4 for it, with
// no job table, reaper or signal handling. BenchmarkLaunchWait minus this
// is what the job table costs; this minus dash's time per command in a
// 1,000-line script is what Go's ForkExec costs over C's fork and exec.
func BenchmarkForkExecFloor(b *testing.B) {
	attr := &syscall.ProcAttr{Files: []uintptr{0, 1, 2}}
	for b.Loop() {
		pid, err := syscall.ForkExec("/bin/true", []string{"true"}, attr)
		if err != nil {
			b.Fatal(err)
		}
		var ws syscall.WaitStatus
		for {
			_, err := syscall.Wait4(pid, &ws, 0, nil)
			if err != syscall.EINTR {
				break
			}
		}
	}
}

// nohup: the child starts with SIGHUP ignored, through a re-exec of Self
// (here the test binary, whose TestMain calls NohupExec), and survives HangUp.
func TestNohup(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	errs := &syncBuffer{}
	tb := New(Config{JobControl: true, TTY: -1, Stderr: errs, Self: exe})
	tb.InitNonInteractive()
	t.Cleanup(func() { killAll(t, tb) })
	var trace syncBuffer
	tb.Trace().SetOutput(&trace, false)
	st := stage("/bin/sleep", "30")
	st.IgnoreHUP = true
	j, err := tb.Launch([]Stage{st}, "nohup sleep 30", false)
	if err != nil {
		t.Fatal(err)
	}
	pid := j.Pids()[0]
	waitFor(t, 5*time.Second, "the re-exec to become sleep", func() bool {
		data, _ := os.ReadFile("/proc/" + itoa(pid) + "/comm")
		return strings.TrimSpace(string(data)) == "sleep"
	})
	if got := procStatus(t, pid, "SigIgn"); got != "0000000000000001" {
		t.Errorf("SigIgn = %s, want only SIGHUP (bit 1)", got)
	}
	if !strings.Contains(trace.String(), "nohup: start "+exe+" "+NohupFlag+" /bin/sleep") {
		t.Errorf("trace: %s", trace.String())
	}
	tb.HangUp()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if st := tb.WaitJob(ctx, j); st != 130 || j.State() != Running {
		t.Errorf("nohup job ended after SIGHUP: status %d, state %v", st, j.State())
	}

	// Without a gosh executable, nohup cannot work: the stage fails with 126.
	tb2, errs2 := newTable(t, false)
	st.Files = []int{-1, -1, -1}
	j2, _ := tb2.Launch([]Stage{st}, "nohup sleep 30", true)
	if s := tb2.WaitForeground(j2); s != 126 {
		t.Errorf("nohup without Self: status %d", s)
	}
	_ = errs2
}

// The launch lock: a first stage that exits at once stays an unreaped
// zombie until every stage has joined its group, so the later stages'
// setpgid succeeds. Without the lock the reaper would reap it and the next
// stage's setpgid would fail with EPERM.
func TestLaunchLockKeepsGroupAlive(t *testing.T) {
	tb, _ := newTable(t, true)
	first := true
	betweenStages = func(pid int) {
		if !first {
			return
		}
		first = false
		waitFor(t, 5*time.Second, "the first stage to be a zombie or gone", func() bool {
			data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
			return err != nil || strings.Contains(string(data), ") Z ")
		})
		select { // give a reaper that ignored the lock every chance to reap it
		case sigchld <- unix.SIGCHLD:
		default:
		}
		time.Sleep(20 * time.Millisecond) // widens the race window on purpose; not a synchronisation
	}
	defer func() { betweenStages = nil }()
	quiet := stage("/bin/true")
	quiet.Files = []int{-1, -1, -1}
	sleeper := stage("/bin/sleep", "30")
	j, err := tb.Launch([]Stage{quiet, sleeper}, "true | sleep 30", false)
	if err != nil {
		t.Fatal(err)
	}
	pids := j.Pids()
	if len(pids) != 2 {
		t.Fatalf("second stage failed to start: pids %v, processes %+v", pids, j.Processes())
	}
	if _, pg := procStat(t, pids[1]); pg != pids[0] {
		t.Errorf("second stage in group %d, want %d", pg, pids[0])
	}
	tb.Signal(j, unix.SIGKILL)
	if st := tb.WaitJob(ctxTimeout(t), j); st != 137 {
		t.Errorf("status %d", st)
	}
}
