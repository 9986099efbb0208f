//go:build linux

package builtins

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

func TestParseStat(t *testing.T) {
	tests := []struct {
		name, data string
		want       procInfo
	}{
		{"plain", "4242 (sleep) S 4200 4242 4200 34816 4242 4194304 0 0",
			procInfo{Pid: 4242, Comm: "sleep", State: 'S', PPid: 4200, Pgid: 4242, Sid: 4200, TtyNr: 34816, Tpgid: 4242}},
		{"space in comm", "7 (tmux: server) R 1 7 7 0 -1 0",
			procInfo{Pid: 7, Comm: "tmux: server", State: 'R', PPid: 1, Pgid: 7, Sid: 7, Tpgid: -1}},
		{"parens in comm", "9 (a) b) (c) Z 8 8 8 0 -1 0",
			procInfo{Pid: 9, Comm: "a) b) (c", State: 'Z', PPid: 8, Pgid: 8, Sid: 8, Tpgid: -1}},
		{"stopped by debugger", "10 (x) t 1 10 10 0 -1",
			procInfo{Pid: 10, Comm: "x", State: 't', PPid: 1, Pgid: 10, Sid: 10, Tpgid: -1}},
		{"empty comm", "11 () S 1 11 11 0 -1 0",
			procInfo{Pid: 11, Comm: "", State: 'S', PPid: 1, Pgid: 11, Sid: 11, Tpgid: -1}},
	}
	for _, tc := range tests {
		got, err := parseStat(tc.data)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got.Pid != tc.want.Pid || got.Comm != tc.want.Comm || got.State != tc.want.State ||
			got.PPid != tc.want.PPid || got.Pgid != tc.want.Pgid || got.Sid != tc.want.Sid ||
			got.TtyNr != tc.want.TtyNr || got.Tpgid != tc.want.Tpgid {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestParseStatErrors(t *testing.T) {
	for _, data := range []string{
		"",
		"4242 sleep S 1 2 3 4 5",    // no parentheses
		"4242 (sleep S 1 2 3 4 5",   // unclosed
		"x (sleep) S 1 2 3 4 5",     // pid not a number
		"4242 (sleep) S 1 2",        // too short
		"4242 (sleep) SS 1 2 3 4 5", // state not one letter
		"4242 (sleep) S 1 two 3 4 5",
	} {
		if p, err := parseStat(data); err == nil {
			t.Errorf("parseStat(%q) = %+v, want an error", data, p)
		}
	}
}

func TestParseCmdline(t *testing.T) {
	tests := []struct {
		data string
		want []string
	}{
		{"sleep\x0030\x00", []string{"sleep", "30"}},
		{"a b\x00c\x00", []string{"a b", "c"}},
		{"", nil},
		{"\x00", []string{""}[:0]},
		{"single", []string{"single"}},
	}
	for _, tc := range tests {
		got := parseCmdline([]byte(tc.data))
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("parseCmdline(%q) = %q, want %q", tc.data, got, tc.want)
		}
	}
}

func TestTTYName(t *testing.T) {
	tests := []struct {
		nr   int
		want string
	}{
		{0, "?"},
		{136<<8 | 0, "pts/0"},
		{136<<8 | 3, "pts/3"},
		{137<<8 | 1, "pts/257"},
		{136<<8 | 0x100000, "pts/256"}, // minor high bits (bits 20-31)
		{4<<8 | 1, "tty1"},
		{4<<8 | 64, "ttyS0"},
		{5<<8 | 1, "console"},
		{7<<8 | 2, "7,2"},
	}
	for _, tc := range tests {
		if got := ttyName(tc.nr); got != tc.want {
			t.Errorf("ttyName(%#x) = %q, want %q", tc.nr, got, tc.want)
		}
	}
}

func TestStatFlags(t *testing.T) {
	tests := []struct {
		p    procInfo
		want string
	}{
		{procInfo{Pid: 5, Sid: 5, Pgid: 5, TtyNr: 34816, Tpgid: 5, State: 'S'}, "Ss+"},
		{procInfo{Pid: 5, Sid: 5, Pgid: 5, TtyNr: 34816, Tpgid: 9, State: 'S'}, "Ss"},
		{procInfo{Pid: 9, Sid: 5, Pgid: 9, TtyNr: 34816, Tpgid: 9, State: 'R'}, "R+"},
		{procInfo{Pid: 9, Sid: 5, Pgid: 9, TtyNr: 34816, Tpgid: 5, State: 'T'}, "T"},
		{procInfo{Pid: 9, Sid: 5, Pgid: 9, TtyNr: 0, Tpgid: -1, State: 'Z'}, "Z"},
		{procInfo{Pid: 9, Sid: 9, Pgid: 9, TtyNr: 0, Tpgid: -1, State: 'S'}, "Ss"}, // no tty: never +
	}
	for _, tc := range tests {
		if got := statFlags(&tc.p); got != tc.want {
			t.Errorf("statFlags(%+v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestProcCommand(t *testing.T) {
	tests := []struct {
		p    procInfo
		want string
	}{
		{procInfo{Comm: "sleep", Argv: []string{"sleep", "30"}, State: 'S'}, "sleep 30"},
		{procInfo{Comm: "kworker/0:1", State: 'I'}, "[kworker/0:1]"},
		{procInfo{Comm: "true", State: 'Z'}, "[true] <defunct>"},
	}
	for _, tc := range tests {
		if got := tc.p.Command(); got != tc.want {
			t.Errorf("Command() = %q, want %q", got, tc.want)
		}
	}
}

// startProcess starts argv with syscall.ForkExec, in a new process group
// when pgid >= 0 (0: its own), and kills it at the end of the test. The
// process is reaped by whoever owns SIGCHLD in the test binary: the job
// table's reaper if another test started it, or this cleanup.
func startProcess(t *testing.T, pgid int, argv ...string) int {
	t.Helper()
	sys := &syscall.SysProcAttr{}
	if pgid >= 0 {
		sys.Setpgid, sys.Pgid = true, pgid
	}
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	pid, err := syscall.ForkExec(program(t, argv[0]), argv, &syscall.ProcAttr{
		Env: os.Environ(), Files: []uintptr{devnull.Fd(), devnull.Fd(), 2}, Sys: sys,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { killAndReap(t, pid) })
	return pid
}

// The test binary is a subreaper: a process whose parent a test kills
// (the zombie a test made on purpose) comes to it, not to init, so that
// killAndReap can collect it and nothing is left behind.
func init() { unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) }

// killAndReap ends pid and its children, and waits until pid is gone from
// /proc. The children (a zombie made on purpose) come to the test binary,
// the subreaper, once pid is dead: they are collected here.
func killAndReap(t *testing.T, pid int) {
	kids, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
	unix.Kill(pid, unix.SIGKILL)
	unix.Kill(pid, unix.SIGCONT)
	var ws unix.WaitStatus
	unix.Wait4(pid, &ws, 0, nil) // ECHILD when the job table's reaper got it first
	for _, f := range strings.Fields(string(kids)) {
		if kid, err := strconv.Atoi(f); err == nil {
			unix.Kill(kid, unix.SIGKILL)
			unix.Wait4(kid, &ws, 0, nil) // ECHILD when a reaper got it first
		}
	}
	waitUntil(t, "process "+strconv.Itoa(pid)+" gone", func() bool {
		p, err := readProc(pid)
		return err != nil || p.PPid != os.Getpid()
	})
}

// waitState polls /proc until pid is in state.
func waitState(t *testing.T, pid int, state byte) *procInfo {
	t.Helper()
	var p *procInfo
	waitUntil(t, "process "+strconv.Itoa(pid)+" in state "+string(state), func() bool {
		var err error
		p, err = readProc(pid)
		return err == nil && p.State == state
	})
	return p
}

func TestReadProcRealChild(t *testing.T) {
	pid := startProcess(t, 0, "sleep", "30")
	p := waitState(t, pid, 'S')
	if p.PPid != os.Getpid() || p.Pgid != pid || p.Comm != "sleep" {
		t.Errorf("child: ppid %d pgid %d comm %q; want ppid %d pgid %d comm sleep", p.PPid, p.Pgid, p.Comm, os.Getpid(), pid)
	}
	if got := strings.Join(p.Argv, " "); got != "sleep 30" {
		t.Errorf("argv = %q", got)
	}
	sid, _ := unix.Getsid(0)
	if p.Sid != sid {
		t.Errorf("sid = %d, want the test's session %d", p.Sid, sid)
	}
	if p.Uid != os.Getuid() {
		t.Errorf("uid = %d, want %d", p.Uid, os.Getuid())
	}

	unix.Kill(pid, unix.SIGSTOP)
	waitState(t, pid, 'T')
	for _, args := range [][]string{{"procs"}, {"procs", "-a"}} {
		r := run(t, newFake(t), "", args...)
		line := procsLine(r.out, pid)
		if line == nil {
			t.Fatalf("%v: pid %d missing:\n%s", args, pid, r.out)
		}
		if line[1] != strconv.Itoa(os.Getpid()) || line[2] != strconv.Itoa(pid) || line[6] != "T" || !strings.HasSuffix(strings.Join(line, " "), "sleep 30") {
			t.Errorf("%v: line for %d = %q", args, pid, line)
		}
	}
}

// procsLine finds pid's row in procs output, split into fields.
func procsLine(out string, pid int) []string {
	lines := strings.Split(out, "\n")
	if strings.Join(strings.Fields(lines[0]), " ") != "PID PPID PGID SID TPGID TTY STAT JOB COMMAND" {
		return nil
	}
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) > 0 && f[0] == strconv.Itoa(pid) {
			return f
		}
	}
	return nil
}

func TestProcsZombieIsDefunct(t *testing.T) {
	// sh forks a child for "true" and then becomes sleep, which never waits: true
	// stays a zombie. It is the sleep's child, not the test's, so no reaper
	// in this test binary can collect it.
	parent := startProcess(t, 0, "sh", "-c", "true & exec sleep 30")
	var zombie int
	waitUntil(t, "a zombie under sh", func() bool {
		kids, _ := childrenOf(parent)
		for _, k := range kids {
			if p, err := readProc(k); err == nil && p.State == 'Z' {
				zombie = k
				return true
			}
		}
		return false
	})
	r := run(t, newFake(t), "", "procs")
	line := procsLine(r.out, zombie)
	// dash runs "true" in the forked child without exec: its name stays sh.
	if line == nil || line[6] != "Z" || !strings.HasSuffix(strings.Join(line, " "), "[sh] <defunct>") {
		t.Errorf("zombie line = %q in:\n%s", line, r.out)
	}
}

func TestProcsJobColumn(t *testing.T) {
	js := newJobShell(t, true)
	j := launchPipeline(t, js.tb, 3)
	pids := j.Pids()
	r := js.run("procs")
	for _, pid := range pids {
		line := procsLine(r.out, pid)
		if line == nil {
			t.Fatalf("pid %d missing:\n%s", pid, r.out)
		}
		if line[2] != strconv.Itoa(j.Pgid()) || line[7] != "["+strconv.Itoa(j.ID())+"]" {
			t.Errorf("pid %d: pgid %s job %s, want %d [%d]", pid, line[2], line[7], j.Pgid(), j.ID())
		}
	}
}

// launchPipeline starts "sleep 30 | sleep 30 | ..." with n stages as a
// background job (the stages need no pipe between them to share a group).
func launchPipeline(t *testing.T, tb *jobs.Table, n int) *jobs.Job {
	t.Helper()
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	var stages []jobs.Stage
	for i := 0; i < n; i++ {
		stages = append(stages, jobs.Stage{Path: program(t, "sleep"), Argv: []string{"sleep", "30"},
			Env: os.Environ(), Files: []int{int(devnull.Fd()), int(devnull.Fd()), 2}})
	}
	j, err := tb.Launch(stages, strings.TrimSuffix(strings.Repeat("sleep 30 | ", n), " | "), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Pids()) != n {
		t.Fatalf("started %d of %d stages", len(j.Pids()), n)
	}
	t.Cleanup(func() {
		tb.Signal(j, unix.SIGKILL)
		waitUntil(t, "pipeline reaped", func() bool { return j.State() == jobs.Done })
	})
	return j
}

func TestProcsOptions(t *testing.T) {
	sh := newFake(t)
	tests := []struct {
		args   []string
		status int
		errHas string
	}{
		{[]string{"procs", "-z"}, 2, "-z: invalid option"},
		{[]string{"procs", "extra"}, 2, "unexpected argument"},
		{[]string{"procs", "--lang"}, 2, "requires an argument"},
		{[]string{"procs", "--lang", "fr"}, 2, "unknown language"},
	}
	for _, tc := range tests {
		r := run(t, sh, "", tc.args...)
		if r.status != tc.status || !strings.Contains(r.errOut, tc.errHas) {
			t.Errorf("%v: status %d err %q, want %d and %q", tc.args, r.status, r.errOut, tc.status, tc.errHas)
		}
	}
}

func TestProcsExplain(t *testing.T) {
	sh := newFake(t)
	for _, tc := range []struct {
		args []string
		has  string
	}{
		{[]string{"procs", "-e"}, "State letters"},
		{[]string{"procs", "-e", "--lang", "ko"}, "상태 문자"},
		{[]string{"procs", "--lang=ko", "-e"}, "상태 문자"},
	} {
		r := run(t, sh, "", tc.args...)
		if r.status != 0 || !strings.Contains(r.out, tc.has) || !strings.HasPrefix(r.out, "  PID") && !strings.HasPrefix(strings.TrimSpace(r.out), "PID") {
			t.Errorf("%v: status %d, output lacks the table or %q:\n%s", tc.args, r.status, tc.has, r.out)
		}
	}
	sh.SetVar("LANG", "ko_KR.UTF-8")
	if r := run(t, sh, "", "procs", "-e"); !strings.Contains(r.out, "상태 문자") {
		t.Errorf("LANG=ko_KR.UTF-8: procs -e not in Korean:\n%s", r.out)
	}
	sh.SetVar("LC_ALL", "C")
	if r := run(t, sh, "", "procs", "-e"); !strings.Contains(r.out, "State letters") {
		t.Errorf("LC_ALL=C over LANG=ko: procs -e not in English:\n%s", r.out)
	}
}

// TestProcsLegendComplete: -e must explain every column and every state
// letter, in every language.
func TestProcsLegendComplete(t *testing.T) {
	for _, lang := range Languages {
		legend := procsLegend().In(lang)
		if lang != "en" && legend == procsLegend().En {
			t.Errorf("no procs -e legend in %s", lang)
			continue
		}
		for _, col := range procColumns {
			if !strings.Contains(legend, "  "+col+" ") {
				t.Errorf("%s legend does not explain column %s", lang, col)
			}
		}
		for _, letter := range []string{"R", "S", "D", "Z", "T", "t", "X", "s", "+"} {
			if !strings.Contains(legend, "\n  "+letter+"  ") {
				t.Errorf("%s legend does not explain %q", lang, letter)
			}
		}
	}
}

func TestChangeNotes(t *testing.T) {
	p := func(pid int, state byte, pgid, tpgid int) *procInfo {
		return &procInfo{Pid: pid, State: state, Pgid: pgid, Tpgid: tpgid, TtyNr: 1}
	}
	first := []*procInfo{p(10, 'S', 10, 10), p(11, 'R', 11, 10), p(12, 'S', 12, 10)}
	notes, prev := changeNotes(nil, first, true)
	if len(notes) != 0 {
		t.Errorf("first draw has notes: %v", notes)
	}
	second := []*procInfo{p(10, 'T', 10, 11), p(11, 'R', 11, 11), p(12, 'S', 13, 11), p(14, 'R', 14, 11)}
	notes, _ = changeNotes(prev, second, false)
	want := map[int]string{10: "S→T fg→bg", 11: "bg→fg", 12: "pgid 12→13", 14: "new"}
	for pid, w := range want {
		if notes[pid] != w {
			t.Errorf("pid %d: note %q, want %q", pid, notes[pid], w)
		}
	}
	if len(notes) != len(want) {
		t.Errorf("notes %v, want %v", notes, want)
	}
}

// A changed process's line is highlighted (reverse video) and ends with
// the change; the others are plain.
func TestProcTableNotes(t *testing.T) {
	procs := []*procInfo{
		{Pid: 10, PPid: 1, Pgid: 10, Sid: 10, Tpgid: 10, State: 'T', Argv: []string{"sleep", "60"}},
		{Pid: 11, PPid: 1, Pgid: 11, Sid: 10, Tpgid: 10, State: 'S', Argv: []string{"cat"}},
	}
	var b strings.Builder
	writeProcTable(&b, procs, jobOf{byPid: map[int]int{}, byPgid: map[int]int{}}, 0, map[int]string{10: "S→T"}, true)
	lines := strings.Split(b.String(), "\n")
	if !strings.HasPrefix(lines[1], "\x1b[7m") || !strings.HasSuffix(lines[1], "\x1b[0m  ◀ S→T") {
		t.Errorf("changed line: %q", lines[1])
	}
	if strings.Contains(lines[2], "\x1b[") || strings.Contains(lines[2], "◀") {
		t.Errorf("unchanged line: %q", lines[2])
	}
}
