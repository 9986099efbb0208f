package builtins

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gosh/jobs"

	"golang.org/x/sys/unix"
)

// lockedBuffer collects the job table's reports, written by the reaper.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// jobShell is a fake shell with a real job table. Every job launched
// through it is killed and reaped when the test ends.
type jobShell struct {
	*fakeShell
	tb      *jobs.Table
	reports *lockedBuffer
	t       *testing.T
}

func newJobShell(t *testing.T, jobControl bool) *jobShell {
	t.Helper()
	reports := &lockedBuffer{}
	tb := jobs.New(jobs.Config{JobControl: jobControl, TTY: -1, Stderr: reports})
	if err := tb.InitNonInteractive(); err != nil {
		t.Fatal(err)
	}
	sh := newFake(t)
	sh.table = tb
	return &jobShell{sh, tb, reports, t}
}

// program finds a utility in the usual places.
func program(t *testing.T, name string) string {
	t.Helper()
	for _, dir := range []string{"/bin", "/usr/bin"} {
		if p := dir + "/" + name; isExecutable(p) {
			return p
		}
	}
	t.Fatalf("no %s in /bin or /usr/bin", name)
	return ""
}

// launch starts argv as a background job, as "argv &" would.
func (js *jobShell) launch(argv ...string) *jobs.Job {
	t := js.t
	t.Helper()
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	st := jobs.Stage{
		Path:  program(t, argv[0]),
		Argv:  argv,
		Env:   os.Environ(),
		Files: []int{int(devnull.Fd()), 1, 2},
	}
	j, err := js.tb.Launch([]jobs.Stage{st}, strings.Join(argv, " "), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Pids()) != 1 {
		t.Fatalf("%v did not start", argv)
	}
	t.Cleanup(func() {
		for _, pid := range j.Pids() {
			unix.Kill(pid, unix.SIGKILL)
			unix.Kill(pid, unix.SIGCONT)
		}
		waitUntil(t, fmt.Sprintf("job %q reaped", j.Text()), func() bool { return j.State() == jobs.Done })
	})
	return j
}

// waitUntil polls cond with a deadline.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (js *jobShell) run(argv ...string) result {
	js.t.Helper()
	return run(js.t, js.fakeShell, "", argv...)
}

func TestJobsAndBg(t *testing.T) {
	js := newJobShell(t, true)
	j1 := js.launch("sleep", "30")
	pg := j1.Pgid()
	if pg != j1.Pids()[0] {
		t.Fatalf("job control on: pgid %d, want the leader's pid %d", pg, j1.Pids()[0])
	}

	check(t, "jobs", js.run("jobs"), 0, "[1]+  Running                 sleep 30 &\n", "")
	check(t, "jobs %1", js.run("jobs", "%1"), 0, "[1]+  Running                 sleep 30 &\n", "")
	check(t, "jobs %sl", js.run("jobs", "%sl"), 0, "[1]+  Running                 sleep 30 &\n", "")
	check(t, "jobs -p", js.run("jobs", "-p"), 0, strconv.Itoa(pg)+"\n", "")
	check(t, "jobs -l", js.run("jobs", "-l"), 0, js.tb.Format(j1, true), "")
	if !strings.Contains(js.tb.Format(j1, true), strconv.Itoa(pg)) {
		t.Errorf("jobs -l shows no pid: %q", js.tb.Format(j1, true))
	}
	check(t, "jobs %9", js.run("jobs", "%9"), 1, "", "gosh: jobs: %9: no such job\n")
	check(t, "jobs %1 %9", js.run("jobs", "%1", "%9"), 1,
		"[1]+  Running                 sleep 30 &\n", "gosh: jobs: %9: no such job\n")
	check(t, "jobs -z", js.run("jobs", "-z"), 2, "",
		"gosh: jobs: -z: invalid option\njobs: usage: jobs [-lprs] [jobspec ...] or jobs -x command [args]\n")

	j2 := js.launch("sleep", "31")
	check(t, "two jobs", js.run("jobs"), 0,
		"[1]-  Running                 sleep 30 &\n[2]+  Running                 sleep 31 &\n", "")

	check(t, "kill -STOP %1", js.run("kill", "-STOP", "%1"), 0, "", "")
	waitUntil(t, "job 1 stopped", func() bool { return j1.State() == jobs.Stopped })
	check(t, "jobs -s", js.run("jobs", "-s"), 0, js.tb.Format(j1, false), "")
	check(t, "jobs -r", js.run("jobs", "-r"), 0, js.tb.Format(j2, false), "")
	if !strings.HasPrefix(js.tb.Format(j1, false), "[1]+  Stopped") {
		t.Errorf("stopped job line %q", js.tb.Format(j1, false))
	}

	check(t, "bg", js.run("bg"), 0, "", "")
	waitUntil(t, "job 1 running", func() bool { return j1.State() == jobs.Running })
	if js.lastBg != pg {
		t.Errorf("bg set $! to %d, want %d", js.lastBg, pg)
	}
	check(t, "bg again", js.run("bg", "%1"), 0, "", "gosh: bg: job 1 already in background\n")
	check(t, "bg %9", js.run("bg", "%9"), 1, "", "gosh: bg: %9: no such job\n")

	check(t, "kill %1", js.run("kill", "%1"), 0, "", "")
	check(t, "wait %1", js.run("wait", "%1"), 128+15, "", "")
	pid2 := strconv.Itoa(j2.Pids()[0])
	check(t, "kill -9 pid", js.run("kill", "-9", pid2), 0, "", "")
	check(t, "wait pid", js.run("wait", pid2), 128+9, "", "")
}

func TestKillStoppedJobContinuesIt(t *testing.T) {
	js := newJobShell(t, true)
	j := js.launch("sleep", "30")
	check(t, "kill -s STOP", js.run("kill", "-s", "STOP", "%1"), 0, "", "")
	waitUntil(t, "stopped", func() bool { return j.State() == jobs.Stopped })
	// A stopped process would keep SIGTERM pending; kill adds SIGCONT.
	check(t, "kill %1", js.run("kill", "%1"), 0, "", "")
	waitUntil(t, "terminated", func() bool { return j.State() == jobs.Done })
	if st := j.Status(); st != 128+15 {
		t.Errorf("status %d, want 143", st)
	}
}

// TestWaitF: wait -f under job control waits through a stop until the
// job ends; plain wait returns at the stop.
func TestWaitF(t *testing.T) {
	js := newJobShell(t, true)
	j := js.launch("sleep", "30")
	pid := strconv.Itoa(j.Pids()[0])
	check(t, "kill -STOP", js.run("kill", "-STOP", pid), 0, "", "")
	check(t, "wait returns at the stop", js.run("wait", "%1"), 128+19, "", "")
	done := make(chan result, 1)
	go func() { done <- js.run("wait", "-f", "%1") }()
	select {
	case r := <-done:
		t.Fatalf("wait -f returned while the job was stopped: %+v", r)
	case <-time.After(100 * time.Millisecond):
	}
	check(t, "kill -CONT", js.run("kill", "-CONT", pid), 0, "", "")
	check(t, "kill", js.run("kill", pid), 0, "", "")
	select {
	case r := <-done:
		check(t, "wait -f", r, 128+15, "", "")
	case <-time.After(10 * time.Second):
		t.Fatal("wait -f did not return after the job ended")
	}
}

func TestWait(t *testing.T) {
	js := newJobShell(t, false)
	f := js.launch("false")
	check(t, "false & wait $!", js.run("wait", strconv.Itoa(f.Pids()[0])), 1, "", "")

	js.launch("sleep", "0.05")
	js.launch("true")
	check(t, "wait all", js.run("wait"), 0, "", "")
	for _, j := range js.tb.Jobs() {
		if j.State() != jobs.Done {
			t.Errorf("after wait: %q is %v", j.Text(), j.State())
		}
	}

	js.launch("sh", "-c", "exit 3")
	check(t, "wait -n", js.run("wait", "-n"), 3, "", "")

	missing := strconv.Itoa(unusedPid(t))
	check(t, "not a child", js.run("wait", missing), 127, "",
		"gosh: wait: pid "+missing+" is not a child of this shell\n")
	check(t, "no such job", js.run("wait", "%9"), 127, "", "gosh: wait: %9: no such job\n")
	check(t, "not a pid", js.run("wait", "abc"), 1, "", "gosh: wait: `abc': not a pid or valid job spec\n")
	check(t, "bad option", js.run("wait", "-z"), 2, "",
		"gosh: wait: -z: invalid option\nwait: usage: wait [-fn] [-p var] [id ...]\n")

	w := js.launch("sh", "-c", "exit 5")
	check(t, "wait -f without job control", js.run("wait", "-f", strconv.Itoa(w.Pids()[0])), 5, "", "")

	a := js.launch("sleep", "30")
	b := js.launch("sh", "-c", "exit 4")
	check(t, "wait -n among", js.run("wait", "-n", "%"+strconv.Itoa(a.ID()), strconv.Itoa(b.Pids()[0])), 4, "", "")
}

func TestWaitInterrupted(t *testing.T) {
	js := newJobShell(t, true)
	js.launch("sleep", "30")
	for _, argv := range [][]string{{"wait"}, {"wait", "%1"}, {"wait", "-n"}} {
		ctx, cancel := context.WithCancel(context.Background())
		js.ctx = ctx
		time.AfterFunc(20*time.Millisecond, cancel)
		start := time.Now()
		check(t, strings.Join(argv, " ")+" + Ctrl+C", js.run(argv...), 130, "", "")
		if time.Since(start) > 3*time.Second {
			t.Errorf("%v: Ctrl+C took %v", argv, time.Since(start))
		}
	}
}

func TestFg(t *testing.T) {
	noJC := newJobShell(t, false)
	check(t, "fg without job control", noJC.run("fg"), 1, "", "gosh: fg: no job control\n")
	check(t, "bg without job control", noJC.run("bg"), 1, "", "gosh: bg: no job control\n")

	js := newJobShell(t, true)
	check(t, "fg, no jobs", js.run("fg"), 1, "", "gosh: fg: current: no such job\n")
	check(t, "bg, no jobs", js.run("bg"), 1, "", "gosh: bg: current: no such job\n")
	check(t, "fg %3", js.run("fg", "%3"), 1, "", "gosh: fg: %3: no such job\n")

	j := js.launch("sh", "-c", "exit 5")
	waitUntil(t, "job done", func() bool { return j.State() == jobs.Done })
	check(t, "fg on a finished job", js.run("fg"), 1, "", "gosh: fg: job has terminated\n")

	s := js.launch("sleep", "0.1")
	check(t, "stop", js.run("kill", "-TSTP", "%sleep"), 0, "", "")
	waitUntil(t, "stopped", func() bool { return s.State() == jobs.Stopped })
	check(t, "fg %sleep", js.run("fg", "%sleep"), 0, "", "")
	if s.State() != jobs.Done {
		t.Errorf("after fg the job is %v", s.State())
	}
	if !strings.Contains(js.reports.String(), "sleep 0.1\n") {
		t.Errorf("fg did not show the command: %q", js.reports.String())
	}
}

func TestDisown(t *testing.T) {
	js := newJobShell(t, true)
	check(t, "disown, no jobs", js.run("disown"), 1, "", "gosh: disown: current: no such job\n")
	j1 := js.launch("sleep", "30")
	j2 := js.launch("sleep", "31")
	j3 := js.launch("sleep", "32")

	check(t, "disown %9", js.run("disown", "%9"), 1, "", "gosh: disown: %9: no such job\n")
	check(t, "disown %1", js.run("disown", "%1"), 0, "", "")
	check(t, "disown -h %2", js.run("disown", "-h", "%2"), 0, "", "")
	check(t, "after", js.run("jobs", "-p"), 0,
		fmt.Sprintf("%d\n%d\n", j2.Pgid(), j3.Pgid()), "")

	check(t, "stop 3", js.run("kill", "-STOP", "%3"), 0, "", "")
	waitUntil(t, "stopped", func() bool { return j3.State() == jobs.Stopped })
	check(t, "disown -r", js.run("disown", "-r"), 0, "", "")
	check(t, "after -r", js.run("jobs", "-p"), 0, fmt.Sprintf("%d\n", j3.Pgid()), "")
	check(t, "disown -a", js.run("disown", "-a"), 0, "", "")
	check(t, "after -a", js.run("jobs"), 0, "", "")
	if j1.State() != jobs.Running {
		t.Errorf("a disowned job must keep running, it is %v", j1.State())
	}
	check(t, "bad option", js.run("disown", "-z"), 2, "",
		"gosh: disown: -z: invalid option\ndisown: usage: disown [-h] [-ar] [jobspec ...]\n")
}

// bashSignalTable is `kill -l` in bash 5.2 on Linux.
const bashSignalTable = ` 1) SIGHUP	 2) SIGINT	 3) SIGQUIT	 4) SIGILL	 5) SIGTRAP
 6) SIGABRT	 7) SIGBUS	 8) SIGFPE	 9) SIGKILL	10) SIGUSR1
11) SIGSEGV	12) SIGUSR2	13) SIGPIPE	14) SIGALRM	15) SIGTERM
16) SIGSTKFLT	17) SIGCHLD	18) SIGCONT	19) SIGSTOP	20) SIGTSTP
21) SIGTTIN	22) SIGTTOU	23) SIGURG	24) SIGXCPU	25) SIGXFSZ
26) SIGVTALRM	27) SIGPROF	28) SIGWINCH	29) SIGIO	30) SIGPWR
31) SIGSYS	34) SIGRTMIN	35) SIGRTMIN+1	36) SIGRTMIN+2	37) SIGRTMIN+3
38) SIGRTMIN+4	39) SIGRTMIN+5	40) SIGRTMIN+6	41) SIGRTMIN+7	42) SIGRTMIN+8
43) SIGRTMIN+9	44) SIGRTMIN+10	45) SIGRTMIN+11	46) SIGRTMIN+12	47) SIGRTMIN+13
48) SIGRTMIN+14	49) SIGRTMIN+15	50) SIGRTMAX-14	51) SIGRTMAX-13	52) SIGRTMAX-12
53) SIGRTMAX-11	54) SIGRTMAX-10	55) SIGRTMAX-9	56) SIGRTMAX-8	57) SIGRTMAX-7
58) SIGRTMAX-6	59) SIGRTMAX-5	60) SIGRTMAX-4	61) SIGRTMAX-3	62) SIGRTMAX-2
63) SIGRTMAX-1	64) SIGRTMAX	
`

// unusedPid finds a pid no process has.
func unusedPid(t *testing.T) int {
	for pid := 4194000; pid > 1000; pid -= 997 {
		if _, err := os.Stat("/proc/" + strconv.Itoa(pid)); os.IsNotExist(err) {
			return pid
		}
	}
	t.Fatal("no unused pid")
	return 0
}

func TestKill(t *testing.T) {
	usage := "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n"
	missing := strconv.Itoa(unusedPid(t))
	self := strconv.Itoa(os.Getpid())
	tests := []struct {
		argv   []string
		status int
		out    string
		errOut string
	}{
		{[]string{"kill", "-l"}, 0, bashSignalTable, ""},
		{[]string{"kill", "-L"}, 0, bashSignalTable, ""},
		{[]string{"kill", "-l", "130"}, 0, "INT\n", ""},
		{[]string{"kill", "-l", "9", "15", "137"}, 0, "KILL\nTERM\nKILL\n", ""},
		{[]string{"kill", "-l", "64", "34", "50", "35"}, 0, "RTMAX\nRTMIN\nRTMAX-14\nRTMIN+1\n", ""},
		{[]string{"kill", "-l", "HUP", "sigint", "SIGTERM", "Kill", "rtmin+2", "SIGRTMAX-1"}, 0, "1\n2\n15\n9\n36\n63\n", ""},
		{[]string{"kill", "-l", "0"}, 0, "EXIT\n", ""},
		{[]string{"kill", "-l", "200"}, 1, "", "gosh: kill: 200: invalid signal specification\n"},
		{[]string{"kill", "-l", "32"}, 1, "", "gosh: kill: 32: invalid signal specification\n"},
		{[]string{"kill", "-l", "foo", "1"}, 1, "HUP\n", "gosh: kill: foo: invalid signal specification\n"},
		{[]string{"kill"}, 2, "", usage},
		{[]string{"kill", "-9"}, 2, "", usage},
		{[]string{"kill", "-s"}, 1, "", "gosh: kill: -s: option requires an argument\n"},
		{[]string{"kill", "-n"}, 1, "", "gosh: kill: -n: option requires an argument\n"},
		{[]string{"kill", "-n", "9"}, 2, "", usage},
		{[]string{"kill", "-foo", "1"}, 1, "", "gosh: kill: foo: invalid signal specification\n"},
		{[]string{"kill", "-s", "bar", "1"}, 1, "", "gosh: kill: bar: invalid signal specification\n"},
		{[]string{"kill", "abc"}, 1, "", "gosh: kill: abc: arguments must be process or job IDs\n"},
		{[]string{"kill", missing}, 1, "", "gosh: kill: (" + missing + ") - No such process\n"},
		{[]string{"kill", "-9", "-" + missing}, 1, "", "gosh: kill: (-" + missing + ") - No such process\n"},
		{[]string{"kill", "%1"}, 1, "", "gosh: kill: %1: no such job\n"},
		{[]string{"kill", "-0", self}, 0, "", ""},
		{[]string{"kill", "-s", "0", self}, 0, "", ""},
		{[]string{"kill", "-n", "0", "--", self}, 0, "", ""},
		{[]string{"kill", "-SIG0", self}, 1, "", "gosh: kill: SIG0: invalid signal specification\n"},
		// The clustered forms: -sNAME (a letter follows) and -nNUM (a digit).
		{[]string{"kill", "-s0", self}, 1, "", "gosh: kill: s0: invalid signal specification\n"},
		{[]string{"kill", "-sEXIT", self}, 0, "", ""},
		{[]string{"kill", "-n0", self}, 0, "", ""},
		{[]string{"kill", "-sigkill", self}, 1, "", "gosh: kill: igkill: invalid signal specification\n"},
		{[]string{"kill", "-s", "exit", self}, 0, "", ""},
		{[]string{"kill", "-l", "EXIT", "exit"}, 0, "0\n0\n", ""},
		// -l is an option like the others: what follows is read as options too.
		{[]string{"kill", "-l", "-s"}, 1, "", "gosh: kill: -s: option requires an argument\n"},
		{[]string{"kill", "-s", "HUP", "-l", "2"}, 0, "INT\n", ""},
	}
	js := newJobShell(t, true)
	for _, tc := range tests {
		check(t, strings.Join(tc.argv, " "), js.run(tc.argv...), tc.status, tc.out, tc.errOut)
	}
}

func TestKillSpellings(t *testing.T) {
	// Every spelling of a signal reaches the process: it dies of it.
	spellings := [][]string{{"-9"}, {"-KILL"}, {"-SIGKILL"}, {"-kill"}, {"-s", "KILL"}, {"-s", "sigkill"}, {"-n", "9"}}
	js := newJobShell(t, false)
	for _, sp := range spellings {
		j := js.launch("sleep", "30")
		argv := append(append([]string{"kill"}, sp...), strconv.Itoa(j.Pids()[0]))
		check(t, strings.Join(argv, " "), js.run(argv...), 0, "", "")
		waitUntil(t, "killed", func() bool { return j.State() == jobs.Done })
		if st := j.Status(); st != 137 {
			t.Errorf("%v: status %d, want 137", argv, st)
		}
	}
	// A job without a process group of its own gets the signal process by process.
	j := js.launch("sleep", "30")
	check(t, "kill -HUP %1", js.run("kill", "-HUP", "%"+strconv.Itoa(j.ID())), 0, "", "")
	waitUntil(t, "hung up", func() bool { return j.State() == jobs.Done })
	if st := j.Status(); st != 128+1 {
		t.Errorf("kill -HUP: status %d, want 129", st)
	}
}

func TestNohupRunsThroughTheExecutor(t *testing.T) {
	sh := newFake(t)
	sh.runState = 7
	check(t, "nohup", run(t, sh, "", "nohup", "sleep", "1"), 7, "", "")
	if len(sh.ran) != 1 || strings.Join(sh.ran[0], " ") != "nohup sleep 1" {
		t.Errorf("ran %q, want the whole argv with nohup", sh.ran)
	}
}

// TestJobsReportsDoneOnce: a finished job is listed once by jobs, then
// forgotten, and the prompt's notification does not repeat it (bash).
func TestJobsReportsDoneOnce(t *testing.T) {
	js := newJobShell(t, true)
	j := js.launch("sh", "-c", "exit 2")
	waitUntil(t, "job done", func() bool { return j.State() == jobs.Done })
	check(t, "jobs shows Exit 2", js.run("jobs"), 0, "[1]+  Exit 2                  sh -c exit 2\n", "")
	check(t, "then it is gone", js.run("jobs"), 0, "", "")
	js.tb.Report()
	if got := js.reports.String(); got != "" {
		t.Errorf("the prompt announced the job again: %q", got)
	}

	// jobs -p does not count as telling the user about the state.
	k := js.launch("sh", "-c", "exit 3")
	waitUntil(t, "job done", func() bool { return k.State() == jobs.Done })
	check(t, "jobs -p", js.run("jobs", "-p"), 0, strconv.Itoa(k.Pgid())+"\n", "")
	js.tb.Report()
	if got := js.reports.String(); !strings.Contains(got, "Exit 3") {
		t.Errorf("after jobs -p the prompt should still announce the job: %q", got)
	}
}
