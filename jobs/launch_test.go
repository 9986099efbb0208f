//go:build linux

package jobs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// pipeline builds stages connected by pipes; the output of the last stage
// goes to a pipe whose read end is returned. Parent copies of pipe ends are
// closed by the returned function, to call right after Launch.
func pipeline(t *testing.T, tb *Table, cmds ...[]string) (stages []Stage, out int, closeParent func()) {
	t.Helper()
	var parentEnds []int
	in := 0
	for i, argv := range cmds {
		st := stage(argv...)
		st.Files = []int{in, 1, 2}
		if i == len(cmds)-1 {
			r, w, err := tb.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			st.Files[1] = w
			out = r
			parentEnds = append(parentEnds, w)
		} else {
			r, w, err := tb.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			st.Files[1] = w
			parentEnds = append(parentEnds, w, r)
			in = r
		}
		stages = append(stages, st)
	}
	return stages, out, func() {
		for _, fd := range parentEnds {
			unix.Close(fd)
		}
	}
}

func TestPipelineOutputAndStatus(t *testing.T) {
	for _, jc := range []bool{false, true} {
		tb, _ := newTable(t, jc)
		stages, out, closeParent := pipeline(t, tb,
			[]string{"/bin/echo", "hello", "world"},
			[]string{"/usr/bin/tr", "a-z", "A-Z"},
			[]string{"/bin/cat"})
		j, err := tb.Launch(stages, "echo hello world | tr a-z A-Z | cat", true)
		closeParent()
		if err != nil {
			t.Fatal(err)
		}
		if got := readAll(t, out); got != "HELLO WORLD\n" {
			t.Errorf("jc=%v: output %q", jc, got)
		}
		if st := tb.WaitForeground(j); st != 0 {
			t.Errorf("jc=%v: status %d, want 0", jc, st)
		}
		if n := len(tb.Jobs()); n != 0 {
			t.Errorf("jc=%v: finished foreground job left %d jobs in the table", jc, n)
		}
	}
}

// All stages of a pipeline share one process group: the shell's without
// job control, a new one named after the first stage with it.
func TestPipelineProcessGroups(t *testing.T) {
	for _, jc := range []bool{false, true} {
		tb, _ := newTable(t, jc)
		sleep := []string{"/bin/sleep", "30"}
		stages, _, closeParent := pipeline(t, tb, sleep, sleep, sleep)
		j, err := tb.Launch(stages, "sleep 30 | sleep 30 | sleep 30", false)
		closeParent()
		if err != nil {
			t.Fatal(err)
		}
		pids := j.Pids()
		if len(pids) != 3 {
			t.Fatalf("pids %v", pids)
		}
		want := unix.Getpgrp()
		if jc {
			want = pids[0]
			if j.Pgid() != pids[0] {
				t.Errorf("Pgid() = %d, want first pid %d", j.Pgid(), pids[0])
			}
		} else if j.Pgid() != 0 {
			t.Errorf("without job control Pgid() = %d, want 0", j.Pgid())
		}
		for _, pid := range pids {
			if _, pg := procStat(t, pid); pg != want {
				t.Errorf("jc=%v: pid %d in group %d, want %d", jc, pid, pg, want)
			}
		}
		if j.LastPid() != pids[2] {
			t.Errorf("LastPid %d, want %d", j.LastPid(), pids[2])
		}
		if err := tb.Signal(j, unix.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if st := tb.WaitJob(ctxTimeout(t), j); st != 128+int(unix.SIGTERM) {
			t.Errorf("jc=%v: status after SIGTERM %d, want 143", jc, st)
		}
	}
}

func TestStatuses(t *testing.T) {
	dir := t.TempDir()
	notExec := filepath.Join(dir, "data.txt")
	os.WriteFile(notExec, []byte("x"), 0o644)
	tests := []struct {
		name  string
		cmds  [][]string
		want  int
		state State
	}{
		{"true", [][]string{{"/bin/true"}}, 0, Done},
		{"false", [][]string{{"/bin/false"}}, 1, Done},
		{"exit 3", [][]string{{"/bin/sh", "-c", "exit 3"}}, 3, Done},
		{"exit 255", [][]string{{"/bin/sh", "-c", "exit 255"}}, 255, Done},
		{"killed by TERM", [][]string{{"/bin/sh", "-c", "kill -TERM $$"}}, 143, Done},
		{"killed by KILL", [][]string{{"/bin/sh", "-c", "kill -KILL $$"}}, 137, Done},
		{"not found", [][]string{{"/nonexistent/cmd"}}, 127, Done},
		{"not executable", [][]string{{notExec}}, 126, Done},
		{"a directory", [][]string{{dir}}, 126, Done},
		{"pipeline: last stage counts", [][]string{{"/bin/false"}, {"/bin/true"}}, 0, Done},
		{"pipeline: last fails", [][]string{{"/bin/true"}, {"/bin/sh", "-c", "exit 5"}}, 5, Done},
		{"pipeline: first not found", [][]string{{"/nonexistent/cmd"}, {"/bin/true"}}, 0, Done},
		{"pipeline: last not found", [][]string{{"/bin/true"}, {"/nonexistent/cmd"}}, 127, Done},
	}
	for _, jc := range []bool{false, true} {
		tb, _ := newTable(t, jc)
		for _, tc := range tests {
			var stages []Stage
			for _, c := range tc.cmds {
				st := stage(c...)
				st.Files = []int{-1, -1, -1} // no output from failures
				stages = append(stages, st)
			}
			j, err := tb.Launch(stages, tc.name, true)
			if err != nil {
				t.Fatal(err)
			}
			if got := tb.WaitForeground(j); got != tc.want {
				t.Errorf("jc=%v %s: status %d, want %d", jc, tc.name, got, tc.want)
			}
			if got := j.State(); got != tc.state {
				t.Errorf("jc=%v %s: state %v, want %v", jc, tc.name, got, tc.state)
			}
		}
	}
}

// A stage that cannot start says why on its own stderr, bash-worded.
func TestStartErrorMessage(t *testing.T) {
	tb, _ := newTable(t, false)
	dir := t.TempDir()
	tests := []struct {
		path, want string
	}{
		{"/nonexistent/nosuch", "gosh: nosuch: No such file or directory\n"},
		{dir, "gosh: nosuch: Permission denied\n"},
	}
	for _, tc := range tests {
		r, w, err := tb.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		j, err := tb.Launch([]Stage{{Path: tc.path, Argv: []string{"nosuch"}, Files: []int{-1, -1, w}}}, "nosuch", true)
		unix.Close(w)
		if err != nil {
			t.Fatal(err)
		}
		tb.WaitForeground(j)
		if got := readAll(t, r); got != tc.want {
			t.Errorf("%s: message %q, want %q", tc.path, got, tc.want)
		}
	}
}

// A file with no #! line is run as a script by Self (here /bin/sh).
func TestENOEXECRunsAsScript(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "script")
	if err := os.WriteFile(script, []byte("echo \"script ran with $1\"\nexit 7\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	errs := &syncBuffer{}
	tb := New(Config{TTY: -1, Stderr: errs, Self: "/bin/sh"})
	tb.InitNonInteractive()
	r, w, _ := tb.Pipe()
	j, err := tb.Launch([]Stage{{Path: script, Argv: []string{"script", "arg1"}, Files: []int{-1, w, 2}}}, "script arg1", true)
	unix.Close(w)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, r); got != "script ran with arg1\n" {
		t.Errorf("output %q", got)
	}
	if st := tb.WaitForeground(j); st != 7 {
		t.Errorf("status %d, want 7", st)
	}
}

// Builtin stages run in goroutines; their result is their status.
func TestBuiltinStage(t *testing.T) {
	tb, _ := newTable(t, true)
	r, w, _ := tb.Pipe()
	out, outW, _ := tb.Pipe()
	echo := Stage{Builtin: func() int {
		unix.Write(w, []byte("from builtin\n"))
		unix.Close(w)
		return 0
	}, Text: "echo from builtin"}
	cat := stage("/bin/cat")
	cat.Files = []int{r, outW, 2}
	j, err := tb.Launch([]Stage{echo, cat}, "echo from builtin | cat", true)
	unix.Close(r)
	unix.Close(outW)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, out); got != "from builtin\n" {
		t.Errorf("output %q", got)
	}
	if st := tb.WaitForeground(j); st != 0 {
		t.Errorf("status %d", st)
	}
	// Last stage builtin: its result is the job's status.
	j, _ = tb.Launch([]Stage{stage("/bin/true"), {Builtin: func() int { return 4 }}}, "true | builtin", true)
	if st := tb.WaitForeground(j); st != 4 {
		t.Errorf("builtin last: status %d, want 4", st)
	}
}

// Children start with no ignored and no blocked signals, even though the
// shell catches many (Notify) and blocks SIGTTOU around tcsetpgrp.
func TestChildSignalDispositions(t *testing.T) {
	tb, _ := newTable(t, true)
	j, err := tb.Launch([]Stage{stage("/bin/sleep", "30")}, "sleep 30", false)
	if err != nil {
		t.Fatal(err)
	}
	pid := j.Pids()[0]
	waitFor(t, 5*time.Second, "sleep to exec", func() bool {
		data, _ := os.ReadFile("/proc/" + itoa(pid) + "/comm")
		return strings.TrimSpace(string(data)) == "sleep"
	})
	for _, field := range []string{"SigIgn", "SigBlk"} {
		if got := procStatus(t, pid, field); strings.Trim(got, "0") != "" {
			t.Errorf("child %s = %s, want all zero", field, got)
		}
	}
	tb.Signal(j, unix.SIGKILL)
	if st := tb.WaitJob(ctxTimeout(t), j); st != 137 {
		t.Errorf("status %d, want 137", st)
	}
}

// LaunchInGroup (for subshells) keeps children in the shell's group even
// with job control on.
func TestLaunchInGroup(t *testing.T) {
	tb, _ := newTable(t, true)
	j, err := tb.LaunchInGroup([]Stage{stage("/bin/sleep", "30")}, "sleep 30", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, pg := procStat(t, j.Pids()[0]); pg != unix.Getpgrp() || j.Pgid() != 0 {
		t.Errorf("group %d (Pgid %d), want the shell's %d", pg, j.Pgid(), unix.Getpgrp())
	}
	go tb.Signal(j, unix.SIGTERM)
	if st := tb.WaitForeground(j); st != 143 {
		t.Errorf("status %d", st)
	}
}

// A background job none of whose stages started (its fork failed) is
// NeverStarted, and Discard takes it out of the table without a job to
// list or report; a job with a stage that started is not NeverStarted.
func TestNeverStartedDiscard(t *testing.T) {
	tb, _ := newTable(t, false)
	r, w, err := tb.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(r)
	failed, err := tb.Launch([]Stage{{Path: "/nonexistent/nosuch", Argv: []string{"nosuch"}, Files: []int{-1, -1, w}}}, "nosuch", false)
	unix.Close(w)
	if err != nil {
		t.Fatal(err)
	}
	if !failed.NeverStarted() {
		t.Fatalf("a job whose only stage failed to start: NeverStarted false")
	}
	if got := len(tb.Jobs()); got != 1 {
		t.Fatalf("before Discard: %d jobs, want 1", got)
	}
	tb.Discard(failed)
	if got := len(tb.Jobs()); got != 0 {
		t.Errorf("after Discard: %d jobs in the table, want 0", got)
	}
	ran, err := tb.Launch([]Stage{stage("/bin/true")}, "true", true)
	if err != nil {
		t.Fatal(err)
	}
	tb.WaitForeground(ran)
	if ran.NeverStarted() {
		t.Errorf("a job that ran true: NeverStarted true")
	}
	tb.Discard(ran)
}
