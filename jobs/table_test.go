//go:build linux

package jobs

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// fake process states for table-only tests (no real processes).
func running(pid int, text string) *process {
	return &process{pid: pid, text: text, state: Running}
}

func exited(pid int, text string, code int) *process {
	return &process{pid: pid, text: text, state: Done, ws: exitStatus(code)}
}

func killedBy(pid int, text string, sig unix.Signal, core bool) *process {
	ws := unix.WaitStatus(sig)
	if core {
		ws |= 0x80
	}
	return &process{pid: pid, text: text, state: Done, ws: ws}
}

func stoppedBy(pid int, text string, sig unix.Signal) *process {
	return &process{pid: pid, text: text, state: Stopped, ws: unix.WaitStatus(int(sig)<<8 | 0x7f)}
}

// addFake puts a job with the given processes in the table, as Launch would
// for a background job, without starting anything.
func addFake(tb *Table, text string, procs ...*process) *Job {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	j := &Job{t: tb, text: text, procs: procs, reported: Running}
	if procs[0].pid > 0 {
		j.pgid = procs[0].pid
	}
	tb.add(j)
	tb.touch(j)
	if j.state() == Stopped {
		tb.seq++
		j.stoppedSeq = tb.seq
	}
	return j
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name  string
		procs []*process
		text  string
		short string
		long  string
	}{
		{"running", []*process{running(4242, "sleep 30")}, "sleep 30",
			"[1]+  Running                 sleep 30 &\n",
			"[1]+  4242 Running                 sleep 30 &\n"},
		{"done", []*process{exited(4242, "sleep 3", 0)}, "sleep 3",
			"[1]+  Done                    sleep 3\n",
			"[1]+  4242 Done                    sleep 3\n"},
		{"exit 3", []*process{exited(4242, "make", 3)}, "make",
			"[1]+  Exit 3                  make\n",
			"[1]+  4242 Exit 3                  make\n"},
		{"stopped by Ctrl+Z", []*process{stoppedBy(4242, "vim", unix.SIGTSTP)}, "vim",
			"[1]+  Stopped                 vim\n",
			"[1]+  4242 Stopped                 vim\n"},
		{"stopped by tty input", []*process{stoppedBy(4242, "cat", unix.SIGTTIN)}, "cat",
			"[1]+  Stopped (tty input)     cat\n",
			"[1]+  4242 Stopped (tty input)     cat\n"},
		{"stopped by tty output", []*process{stoppedBy(4242, "ls", unix.SIGTTOU)}, "ls",
			"[1]+  Stopped (tty output)    ls\n",
			"[1]+  4242 Stopped (tty output)    ls\n"},
		{"stopped by SIGSTOP", []*process{stoppedBy(4242, "sleep 30", unix.SIGSTOP)}, "sleep 30",
			"[1]+  Stopped (SIGSTOP)       sleep 30\n",
			"[1]+  4242 Stopped (SIGSTOP)       sleep 30\n"},
		{"terminated", []*process{killedBy(4242, "sleep 30", unix.SIGTERM, false)}, "sleep 30",
			"[1]+  Terminated              sleep 30\n",
			"[1]+  4242 Terminated              sleep 30\n"},
		{"killed", []*process{killedBy(4242, "sleep 30", unix.SIGKILL, false)}, "sleep 30",
			"[1]+  Killed                  sleep 30\n",
			"[1]+  4242 Killed                  sleep 30\n"},
		{"interrupt", []*process{killedBy(4242, "sleep 30", unix.SIGINT, false)}, "sleep 30",
			"[1]+  Interrupt               sleep 30\n",
			"[1]+  4242 Interrupt               sleep 30\n"},
		{"hangup", []*process{killedBy(4242, "sleep 30", unix.SIGHUP, false)}, "sleep 30",
			"[1]+  Hangup                  sleep 30\n",
			"[1]+  4242 Hangup                  sleep 30\n"},
		{"segfault with core", []*process{killedBy(4242, "./crash", unix.SIGSEGV, true)}, "./crash",
			"[1]+  Segmentation fault      (core dumped) ./crash\n",
			"[1]+  4242 Segmentation fault      (core dumped) ./crash\n"},
		{"pipeline running", []*process{running(4242, "sleep 30"), running(4243, "cat")}, "sleep 30 | cat",
			"[1]+  Running                 sleep 30 | cat &\n",
			"[1]+  4242 Running                 sleep 30\n      4243                       | cat &\n"},
		{"pipeline, stages differ", []*process{exited(4242, "false", 1), running(4243, "sleep 9")}, "false | sleep 9",
			"[1]+  Running                 false | sleep 9 &\n",
			"[1]+  4242 Exit 1                  false\n      4243 Running                 | sleep 9 &\n"},
		{"pipeline done, last decides", []*process{exited(4242, "false", 1), exited(4243, "true", 0)}, "false | true",
			"[1]+  Done                    false | true\n",
			"[1]+  4242 Exit 1                  false\n      4243 Done                    | true\n"},
	}
	for _, tc := range tests {
		tb := New(Config{TTY: -1, JobControl: true})
		j := addFake(tb, tc.text, tc.procs...)
		if got := tb.Format(j, false); got != tc.short {
			t.Errorf("%s: Format short\n got %q\nwant %q", tc.name, got, tc.short)
		}
		if got := tb.Format(j, true); got != tc.long {
			t.Errorf("%s: Format long\n got %q\nwant %q", tc.name, got, tc.long)
		}
	}
}

// Without job control (a script) a stopped job shows as running, as in
// bash, which does not watch for stops then.
func TestFormatStoppedWithoutJobControl(t *testing.T) {
	tb := New(Config{TTY: -1})
	j := addFake(tb, "sleep 30", stoppedBy(4242, "sleep 30", unix.SIGSTOP))
	if got, want := tb.Format(j, false), "[1]+  Running                 sleep 30 &\n"; got != want {
		t.Errorf("Format short\n got %q\nwant %q", got, want)
	}
	if got, want := tb.Format(j, true), "[1]+  4242 Running                 sleep 30 &\n"; got != want {
		t.Errorf("Format long\n got %q\nwant %q", got, want)
	}
}

// The + and - markers: the most recently stopped job, else the most
// recently started; the previous one is the one before.
func TestMarkers(t *testing.T) {
	tb := New(Config{TTY: -1, JobControl: true})
	j1 := addFake(tb, "sleep 100", running(101, "sleep 100"))
	j2 := addFake(tb, "sleep 200", running(102, "sleep 200"))
	want := "[1]-  Running                 sleep 100 &\n[2]+  Running                 sleep 200 &\n"
	if got := tb.Format(j1, false) + tb.Format(j2, false); got != want {
		t.Errorf("two running:\n got %q\nwant %q", got, want)
	}
	j3 := addFake(tb, "vim", stoppedBy(103, "vim", unix.SIGTSTP))
	j4 := addFake(tb, "sleep 400", running(104, "sleep 400"))
	var b strings.Builder
	for _, j := range tb.Jobs() {
		b.WriteString(tb.Format(j, false))
	}
	want = "[1]   Running                 sleep 100 &\n" +
		"[2]   Running                 sleep 200 &\n" +
		"[3]+  Stopped                 vim\n" +
		"[4]-  Running                 sleep 400 &\n"
	if got := b.String(); got != want {
		t.Errorf("with a stopped job:\n got %q\nwant %q", got, want)
	}
	_ = j3
	_ = j4
}

// Job numbers are reused as bash does: one more than the highest in use.
func TestJobNumbers(t *testing.T) {
	tb := New(Config{TTY: -1})
	j1 := addFake(tb, "a", running(1001, "a"))
	j2 := addFake(tb, "b", running(1002, "b"))
	j3 := addFake(tb, "c", running(1003, "c"))
	if j1.ID() != 1 || j2.ID() != 2 || j3.ID() != 3 {
		t.Fatalf("ids %d %d %d", j1.ID(), j2.ID(), j3.ID())
	}
	tb.mu.Lock()
	tb.remove(j2)
	tb.mu.Unlock()
	if j := addFake(tb, "d", running(1004, "d")); j.ID() != 4 {
		t.Errorf("with 1 and 3 in use: id %d, want 4", j.ID())
	}
	tb.mu.Lock()
	tb.remove(j3)
	tb.mu.Unlock()
	tb.mu.Lock()
	for _, j := range append([]*Job(nil), tb.jobs...) {
		if j.id == 4 {
			tb.remove(j)
		}
	}
	tb.mu.Unlock()
	if j := addFake(tb, "e", running(1005, "e")); j.ID() != 2 {
		t.Errorf("with only 1 in use: id %d, want 2", j.ID())
	}
}

func TestFind(t *testing.T) {
	tb := New(Config{TTY: -1})
	addFake(tb, "sleep 100", running(101, "sleep 100"))               // [1]
	addFake(tb, "slow-build --all", running(102, "slow-build"))       // [2]
	addFake(tb, "vim notes.txt", stoppedBy(103, "vim", unix.SIGTSTP)) // [3] current (stopped)
	addFake(tb, "grep -r needle .", running(104, "grep"))             // [4] previous
	tests := []struct {
		spec string
		want int    // job number, 0 for an error
		err  string // error text
	}{
		{"", 3, ""},
		{"%", 3, ""},
		{"%%", 3, ""},
		{"%+", 3, ""},
		{"%-", 4, ""},
		{"%1", 1, ""},
		{"1", 1, ""},
		{"%4", 4, ""},
		{"%9", 0, "%9: no such job"},
		{"9", 0, "9: no such job"},
		{"%0", 0, "%0: no such job"},
		{"%vim", 3, ""},
		{"vim", 3, ""},
		{"%sleep", 1, ""},
		{"%sl", 0, "sl: ambiguous job spec"},
		{"sl", 0, "sl: ambiguous job spec"},
		{"%?needle", 4, ""},
		{"%?notes", 3, ""},
		{"%?-", 0, "-: ambiguous job spec"},
		{"%?nothing", 0, "%?nothing: no such job"},
		{"%nothing", 0, "%nothing: no such job"},
		{"%notes", 0, "%notes: no such job"}, // a prefix, not a substring
	}
	for _, tc := range tests {
		j, err := tb.Find(tc.spec)
		switch {
		case tc.err != "":
			if err == nil || err.Error() != tc.err {
				t.Errorf("Find(%q): error %v, want %q", tc.spec, err, tc.err)
			}
		case err != nil:
			t.Errorf("Find(%q): %v", tc.spec, err)
		case j.ID() != tc.want:
			t.Errorf("Find(%q) = job %d, want %d", tc.spec, j.ID(), tc.want)
		}
	}
}

func TestFindEmptyTable(t *testing.T) {
	tb := New(Config{TTY: -1})
	for spec, want := range map[string]string{
		"":   "current: no such job",
		"%%": "%%: no such job",
		"%+": "%+: no such job",
		"%-": "%-: no such job",
		"%1": "%1: no such job",
	} {
		if _, err := tb.Find(spec); err == nil || err.Error() != want {
			t.Errorf("Find(%q) on an empty table: %v, want %q", spec, err, want)
		}
	}
	// With one job, %- is that job.
	addFake(tb, "sleep 1", running(101, "sleep 1"))
	if j, err := tb.Find("%-"); err != nil || j.ID() != 1 {
		t.Errorf("Find(%%-) with one job: %v %v", j, err)
	}
}

func TestTracerOff(t *testing.T) {
	var tr Tracer
	if tr.On() {
		t.Fatal("zero Tracer is on")
	}
	tr.Shell(Same("pipe() = [%d %d]"), 3, 4) // must not panic without output
	var b syncBuffer
	tr.SetOutput(&b, false)
	tr.Shell(Same("pipe() = [%d %d]"), 3, 4)
	tr.Child(4242, Same("dup2(%d, %d)"), 4, 1)
	tr.Child(0, Same("execve"))
	tr.SetOutput(&b, true)
	tr.Shell(Same("x"))
	tr.SetOutput(nil, false)
	tr.Shell(Same("not shown"))
	sh := fmt.Sprintf("trace· shell %d: ", os.Getpid())
	want := sh + "pipe() = [3 4]\n" +
		"trace· child 4242: dup2(4, 1)\n" +
		"trace· child: execve\n" +
		"\x1b[2m" + sh + "x\x1b[0m\n"
	if got := b.String(); got != want {
		t.Errorf("trace\n got %q\nwant %q", got, want)
	}
}
