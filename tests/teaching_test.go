package tests

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// Issue 5: the teaching layer, end to end in a pty: the trace with the
// real pids, procs and ptree against the real /proc, and every lab
// completed by a scripted student, including a wrong move that must not
// tick a step.

// --- helpers ----------------------------------------------------------------

var (
	labHelpersOnce sync.Once
	labHelpersDir  string
	labHelpersErr  error
)

// labHelpers builds the lab helper programs (cmd/zombie, cmd/orphan, ...)
// once per test run, as a student would with `go build -o DIR ./cmd/...`.
func labHelpers(t testing.TB) string {
	t.Helper()
	labHelpersOnce.Do(func() {
		labHelpersDir = filepath.Join(binDir, "labbin")
		cmd := exec.Command("go", "build", "-o", labHelpersDir+"/",
			"./cmd/zombie", "./cmd/orphan", "./cmd/intignore", "./cmd/spin", "./cmd/waitstatus", "./cmd/daemon")
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			labHelpersErr = err
			t.Logf("%s", out)
		}
	})
	if labHelpersErr != nil {
		t.Fatalf("building the lab helpers: %v", labHelpersErr)
	}
	return labHelpersDir
}

// labSession is a gosh session whose PATH has the lab helpers and gosh.
func labSession(t *testing.T) *session {
	t.Helper()
	requireGosh(t)
	dir := labHelpers(t)
	s := startSession(t, sessionConfig{Env: []string{"PATH=" + dir + ":" + binDir + ":/usr/bin:/bin"}})
	s.WaitPrompt()
	return s
}

// seen reports whether substr is anywhere in the session's output so far,
// read or not: the lab's lines are written by the reaper's goroutine and
// may come before or after a prompt.
func (s *session) seen(substr string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Contains(string(s.text), substr)
}

// all is the whole output so far, read or not.
func (s *session) all() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.text)
}

// waitSeen waits until substr has appeared anywhere in the output.
func (s *session) waitSeen(substr string) {
	s.t.Helper()
	if !poll(s.Timeout, func() bool { return s.seen(substr) }) {
		s.t.Fatalf("never saw %q\n%s", substr, s.describe())
	}
}

// stepDone is the line a lab prints when step n ticks.
func stepDone(n int) string { return "✔ lab: step " + strconv.Itoa(n) + " done" }

// notTicked checks that step n has not ticked, and that lab status agrees.
func notTicked(s *session, n, total int) {
	s.t.Helper()
	// Let any late event or /proc sample arrive first.
	time.Sleep(600 * time.Millisecond)
	if s.seen(stepDone(n)) {
		s.t.Fatalf("step %d ticked on the wrong move\n%s", n, s.describe())
	}
	out := s.Run("lab status")
	if want := strconv.Itoa(n-1) + " of " + strconv.Itoa(total) + " steps done"; !strings.Contains(out, want) {
		s.t.Fatalf("lab status does not say %q:\n%s", want, out)
	}
}

// fgProcs waits for n foreground processes named comm and returns them once
// their group owns the terminal.
func fgProcs(s *session, comm string, n int) []procStat {
	s.t.Helper()
	ps := s.WaitProcs(comm, n)
	s.WaitForeground(ps[0].Pgrp)
	return ps
}

// traceLines returns the trace lines of out, without the prefix.
func traceLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if i := strings.Index(l, "trace· "); i >= 0 {
			lines = append(lines, l[i+len("trace· "):])
		}
	}
	return lines
}

// inOrder checks that each pattern (a regular expression) matches a trace
// line after the line the previous pattern matched.
func inOrder(t *testing.T, lines []string, patterns ...string) {
	t.Helper()
	at := 0
	for _, p := range patterns {
		re := regexp.MustCompile(p)
		found := false
		for ; at < len(lines); at++ {
			if re.MatchString(lines[at]) {
				found = true
				at++
				break
			}
		}
		if !found {
			t.Fatalf("no trace line matching %q in order in:\n%s", p, strings.Join(lines, "\n"))
		}
	}
}

func q(n int) string { return strconv.Itoa(n) }

// labSamplePeriod is how often an active lab samples /proc
// (builtins.sampleEvery).
const labSamplePeriod = 200 * time.Millisecond

// --- trace ------------------------------------------------------------------

// TestTracePipeline: every step of a two-stage pipeline is narrated, in
// order, with the pids the kernel really gave the stages.
func TestTracePipeline(t *testing.T) {
	s := newSession(t)
	s.Run("set -o trace")
	shell := s.Stat()
	s.SendLine("sleep 1 | cat")
	sleep := s.WaitProcs("sleep", 1)[0]
	cat := s.WaitProcs("cat", 1)[0]
	out := s.WaitPrompt()
	lines := traceLines(out)
	p1, p2 := q(sleep.Pid), q(cat.Pid)
	sh := "^shell " + q(shell.Pid) + ": "
	inOrder(t, lines,
		sh+`pipe\(\) = \[(\d+) (\d+)\]`,
		sh+`\(Go starts children with clone\(CLONE_VFORK\|CLONE_VM\)`,
		sh+`fork\+exec: pid `+p1+` /\S*/sleep \["sleep" "1"\]`,
		`^child `+p1+`: setpgid\(0, 0\)`,
		`^child `+p1+`: tcsetpgrp\(\d+, `+p1+`\)`,
		`^child `+p1+`: dup3\(\d+, 1, 0\)`,
		`^child `+p1+`: execve\("/\S*/sleep"`,
		sh+`fork\+exec: pid `+p2+` /\S*/cat \["cat"\]`,
		`^child `+p2+`: setpgid\(0, `+p1+`\)`,
		`^child `+p2+`: dup3\(\d+, 0, 0\)`,
		`^child `+p2+`: execve\("/\S*/cat"`,
		sh+`(?:SIGCHLD|wait): wait4\(.*\) = `+p1+`, exited 0 \(WIFEXITED, WEXITSTATUS=0\)`,
		sh+`tcsetpgrp\(\d+, `+q(shell.Pgrp)+`\)`,
	)
	// Both are reaped, in whichever order wait4 returns them.
	inOrder(t, lines, `^child `+p2+`: execve`, sh+`(?:SIGCHLD|wait): wait4\(.*\) = `+p2+`, exited 0 \(WIFEXITED, WEXITSTATUS=0\)`)
	// The pipe's ends are the ones each stage was given.
	m := regexp.MustCompile("(?m)" + sh + `pipe\(\) = \[(\d+) (\d+)\]`).FindStringSubmatch(strings.Join(lines, "\n"))
	inOrder(t, lines, `^child `+p1+`: dup3\(`+m[2]+`, 1, 0\)`, `^child `+p2+`: dup3\(`+m[1]+`, 0, 0\)`)
	if sleep.Pgrp != sleep.Pid || cat.Pgrp != sleep.Pid {
		t.Errorf("the traced group %s is not the real one: sleep pgrp %d, cat pgrp %d", p1, sleep.Pgrp, cat.Pgrp)
	}
	// Builtins say they run without a fork.
	if out := s.Run("cd /"); !strings.Contains(out, "builtin cd: runs inside the shell, no fork") {
		t.Errorf("cd under trace:\n%s", out)
	}
	// set +o trace turns it off.
	s.Run("set +o trace")
	if out := s.Run("ls / > /dev/null"); strings.Contains(out, "trace·") {
		t.Errorf("trace still on after set +o trace:\n%s", out)
	}
}

// TestTraceStopAndFg: Ctrl+Z and fg narrate the stop (WIFSTOPPED), the
// terminal going back and forth, the saved and restored modes, SIGCONT to
// the group and WIFCONTINUED, with the job's real pid.
func TestTraceStopAndFg(t *testing.T) {
	s := newSession(t)
	s.Run("set -o trace")
	shell := s.Stat()
	s.SendLine("sleep 100")
	p := fgProcs(s, "sleep", 1)[0]
	pid := q(p.Pid)
	// Ctrl+Z makes the terminal flush output not yet read (NOFLSH is
	// off), so wait until the shell's narration of the start has arrived:
	// the job may run before the shell has written it.
	s.waitSeen("child " + pid + ": execve(")
	stopFg(s, []procStat{p})
	inOrder(t, traceLines(s.all()),
		`^shell \d+: fork\+exec: pid `+pid+` `,
		`^child `+pid+`: setpgid\(0, 0\)`,
		`^child `+pid+`: tcsetpgrp\(\d+, `+pid+`\)`,
		`^shell \d+: (?:SIGCHLD|wait): wait4\(.*\) = `+pid+`, stopped by SIGTSTP \(WIFSTOPPED, WSTOPSIG=20\)`,
		`^shell \d+: tcgetattr\(\d+\) = 0  \(save job 1's terminal modes`,
		`^shell \d+: tcsetpgrp\(\d+, `+q(shell.Pgrp)+`\)`,
		`^shell \d+: tcsetattr\(\d+, TCSADRAIN\) = 0  \(restore the shell's terminal modes\)`,
	)
	s.SendLine("fg")
	s.WaitForeground(p.Pgrp)
	waitStates(s, []procStat{p}, 'S')
	s.Send("\x03")
	s.WaitPrompt()
	inOrder(t, traceLines(s.all()),
		`^shell \d+: builtin fg: runs inside the shell, no fork`,
		`^shell \d+: tcsetattr\(\d+, TCSADRAIN\) = 0  \(restore job 1's terminal modes\)`,
		`^shell \d+: tcsetpgrp\(\d+, `+pid+`\)`,
		`^shell \d+: kill\(-`+pid+`, SIGCONT\) = 0`,
		`^shell \d+: (?:SIGCHLD|wait): wait4\(.*\) = `+pid+`, killed by SIGINT \(WIFSIGNALED, WTERMSIG=2\)`,
		`^shell \d+: tcsetpgrp\(\d+, `+q(shell.Pgrp)+`\)`,
	)
}

// TestTraceBackgroundJob: a background job is not given the terminal, and
// its reaping is narrated when it ends.
func TestTraceBackgroundJob(t *testing.T) {
	s := newSession(t)
	s.Run("set -o trace")
	out := s.Run("sleep 1 &")
	m := regexp.MustCompile(`\[1\] (\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no [1] PID report:\n%s", out)
	}
	pid := m[1]
	lines := traceLines(out)
	inOrder(t, lines,
		`^shell \d+: fork\+exec: pid `+pid+` /\S*/sleep \["sleep" "1"\]`,
		`^child `+pid+`: setpgid\(0, 0\)`,
		`^child `+pid+`: execve\(`,
	)
	for _, l := range lines {
		if strings.Contains(l, "tcsetpgrp") {
			t.Errorf("a background job was given the terminal: %s", l)
		}
	}
	s.waitSeen("= " + pid + ", exited 0 (WIFEXITED, WEXITSTATUS=0)")
	if out := s.Run("true"); !strings.Contains(out, "Done") {
		t.Errorf("no Done report:\n%s", out)
	}
}

// TestTraceFromEnvironmentAndFlag: GOSH_TRACE=1 and --trace turn it on.
func TestTraceFromEnvironmentAndFlag(t *testing.T) {
	for _, c := range []sessionConfig{
		{Env: []string{"GOSH_TRACE=1"}},
		{Args: []string{"--norc", "--trace"}},
	} {
		s := startSession(t, c)
		s.WaitPrompt()
		if out := s.Run("ls / > /dev/null"); !regexp.MustCompile(`trace· shell \d+: fork\+exec: pid `).MatchString(out) {
			t.Errorf("%v: no trace:\n%s", c, out)
		}
	}
}

// --- procs and ptree in a pty ---------------------------------------------------

func TestProcsAndPtreeInPty(t *testing.T) {
	s := newSession(t)
	s.SendLine("sleep 100 | sleep 100 | sleep 100")
	ps := fgProcs(s, "sleep", 3)
	stopFg(s, ps)
	shell := s.Stat()

	out := s.Run("procs")
	lines := strings.Split(out, "\n")
	if h := strings.Fields(lines[0]); strings.Join(h, " ") != "PID PPID PGID SID TPGID TTY STAT JOB COMMAND" {
		t.Fatalf("header %q", lines[0])
	}
	row := func(pid int) []string {
		for _, l := range lines[1:] {
			if f := strings.Fields(l); len(f) > 0 && f[0] == q(pid) {
				return f
			}
		}
		t.Fatalf("pid %d not in procs:\n%s", pid, out)
		return nil
	}
	sh := row(s.Pid)
	// The shell runs procs itself: the kernel shows its main thread as
	// R when the builtin runs on it, S when another of its threads does.
	if (sh[6] != "Ss+" && sh[6] != "Rs+") || sh[4] != q(shell.Pgrp) || !strings.HasPrefix(sh[5], "pts/") {
		t.Errorf("the shell's row %q: want STAT Ss+ or Rs+ (leader, foreground), TPGID %d, a pts", sh, shell.Pgrp)
	}
	for _, p := range ps {
		r := row(p.Pid)
		want := []string{q(p.Pid), q(s.Pid), q(ps[0].Pgrp), q(s.Pid), q(shell.Pgrp)}
		if strings.Join(r[:5], " ") != strings.Join(want, " ") || r[6] != "T" || r[7] != "[1]" || strings.Join(r[8:], " ") != "sleep 100" {
			t.Errorf("row %q, want %v T [1] sleep 100", r, want)
		}
	}
	if out := s.Run("procs -e"); !strings.Contains(out, "T  stopped by a signal") {
		t.Errorf("procs -e has no legend:\n%s", out)
	}
	if out := s.Run("procs -e --lang ko"); !strings.Contains(out, "시그널로 정지됨") {
		t.Errorf("procs -e --lang ko has no Korean legend:\n%s", out)
	}

	out = s.Run("ptree")
	if !strings.HasPrefix(out, q(s.Pid)+" Ss+") && !strings.HasPrefix(out, q(s.Pid)+" Rs+") { // as procs above
		t.Errorf("ptree root:\n%s", out)
	}
	for i, p := range ps {
		re := regexp.MustCompile(`[├└]─ ` + q(p.Pid) + ` T +pgid ` + q(ps[0].Pgrp) + `  sleep 100  \[1\]  +(┐ group ` + q(ps[0].Pgrp) + `|│|┘)`)
		if !re.MatchString(out) {
			t.Errorf("stage %d (pid %d) not drawn as a group member:\n%s", i+1, p.Pid, out)
		}
	}
	// In a pipeline under job control ptree is a child gosh: it still
	// draws the shell's tree, with the stopped job in it.
	out = s.Run("ptree | cat")
	if !strings.HasPrefix(out, q(s.Pid)+" ") || !strings.Contains(out, q(ps[0].Pid)+" T") {
		t.Errorf("ptree | cat does not draw the shell's tree:\n%s", out)
	}
	s.Run("kill %1")
}

// --- labs ---------------------------------------------------------------------

func TestLabFgBg(t *testing.T) {
	s := labSession(t)
	out := s.Run("lab start fg-bg")
	if !strings.Contains(out, "step 1 of 5") {
		t.Fatalf("lab start:\n%s", out)
	}
	// Wrong move: Ctrl+C instead of Ctrl+Z. The job ends; nothing ticks.
	s.SendLine("sleep 100")
	fgProcs(s, "sleep", 1)
	s.Send("\x03")
	s.WaitPrompt()
	notTicked(s, 1, 5)

	s.SendLine("sleep 100")
	p := fgProcs(s, "sleep", 1)
	stopFg(s, p)
	s.waitSeen(stepDone(1))
	s.Run("jobs")
	s.waitSeen(stepDone(2))
	s.Run("bg")
	s.waitSeen(stepDone(3))
	s.SendLine("fg")
	s.WaitForeground(p[0].Pgrp)
	// A tick waits for the command it observed (fg) to end, with its job
	// report: it is never written over a running job or the prompt line.
	s.Send("\x03")
	s.WaitPrompt()
	s.waitSeen(stepDone(4))
	s.waitSeen(stepDone(5))
	s.waitSeen("complete, all 5 steps done")
	if out := s.Run("lab status"); !strings.Contains(out, "5 of 5 steps done") {
		t.Errorf("lab status:\n%s", out)
	}
}

func TestLabPipesGroups(t *testing.T) {
	s := labSession(t)
	s.Run("lab start pipes-groups")
	// Wrong move: a pipeline of two is not three processes in one group.
	s.Run("sleep 0.1 | sleep 0.1")
	notTicked(s, 1, 5)
	s.Run("touch a.txt b.txt; ls | grep .txt | wc -l")
	s.waitSeen(stepDone(1))
	s.SendLine("sleep 30 | sleep 30 | sleep 30")
	ps := fgProcs(s, "sleep", 3)
	stopFg(s, ps)
	s.waitSeen(stepDone(2))
	out := s.Run("procs")
	if strings.Count(out, " T ") < 3 || !strings.Contains(out, "[1] sleep 30") {
		t.Errorf("procs during the lab:\n%s", out)
	}
	s.waitSeen(stepDone(3))
	s.Run("ptree")
	s.waitSeen(stepDone(4))
	s.Run("kill %1")
	s.waitSeen(stepDone(5))
	s.waitSeen("complete, all 5 steps done")
}

func TestLabSignalsStatus(t *testing.T) {
	s := labSession(t)
	s.Run("lab start signals-status")
	// Wrong move for step 1: Ctrl+Z stops (148), it does not interrupt (130).
	s.SendLine("sleep 30")
	stopFg(s, fgProcs(s, "sleep", 1))
	s.Run("kill %1")
	notTicked(s, 1, 8)

	s.SendLine("sleep 30")
	fgProcs(s, "sleep", 1)
	s.Send("\x03")
	s.WaitPrompt()
	if st := s.Status(); st != 130 {
		t.Errorf("$? after Ctrl+C = %d", st)
	}
	s.waitSeen(stepDone(1))

	s.Run("sleep 30 &")
	s.Run("kill -9 $!")
	s.Run("wait $!")
	if st := s.Status(); st != 137 {
		t.Errorf("$? after wait $! = %d", st)
	}
	s.waitSeen(stepDone(2))
	// sleep 31, not 30: the job's report ("[1]+ Terminated  sleep 31"),
	// printed above the prompt with the tick, is not taken for the echo
	// of the next command line, sleep 30.
	s.Run("sleep 31 &")
	s.Run("kill $!")
	s.waitSeen(stepDone(3))

	s.SendLine("sleep 30")
	stopFg(s, fgProcs(s, "sleep", 1))
	if st := s.Status(); st != 148 {
		t.Errorf("$? after Ctrl+Z = %d", st)
	}
	s.waitSeen(stepDone(4))
	// The tick comes after the job report, on a line of its own, never
	// on the prompt line.
	all := s.all()
	stopped := strings.LastIndex(all, "Stopped")
	tick := strings.Index(all, stepDone(4))
	if stopped < 0 || tick < stopped {
		t.Errorf("the tick of step 4 is not after the job report:\n%s", all)
	}
	if i := strings.LastIndex(all[:tick], "\n"); strings.TrimRight(all[i+1:tick], " \r") != "" && !strings.HasSuffix(all[:tick], "\r") {
		t.Errorf("the tick of step 4 shares a line with %q", all[i+1:tick])
	}
	s.Run("kill %%")

	s.SendLine("intignore")
	ig := fgProcs(s, "intignore", 1)
	s.Expect("ignores SIGINT")
	s.Send("\x03")
	time.Sleep(300 * time.Millisecond)
	if !alive(ig[0].Pid) {
		t.Fatal("intignore died of Ctrl+C")
	}
	stopFg(s, ig)
	s.waitSeen(stepDone(5))
	// The course's path: Ctrl+Z, bg, kill -TERM.
	s.Run("bg")
	waitFor(t, s.Timeout, "intignore running again", func() bool {
		st, err := readStat(ig[0].Pid)
		return err == nil && st.State != 'T'
	})
	s.waitSeen(stepDone(6))
	s.Run("kill -TERM %intignore")
	s.waitSeen(stepDone(7))

	s.SendLine("waitstatus sleep 30")
	fgProcs(s, "sleep", 1)
	s.Send("\x03")
	out := s.WaitPrompt()
	if !strings.Contains(out, "WIFSIGNALED true, WTERMSIG 2 (SIGINT)") {
		t.Errorf("waitstatus output:\n%s", out)
	}
	s.waitSeen(stepDone(8))
	s.waitSeen("complete, all 8 steps done")
}

func TestLabZombiesOrphans(t *testing.T) {
	s := labSession(t)
	s.Run("lab start zombies-orphans")
	zombieUnder := func(parent string) int {
		var z int
		waitFor(t, expectTimeout, "a zombie under "+parent, func() bool {
			for _, p := range s.Procs(parent) {
				for _, c := range children(p.Pid) {
					if st, err := readStat(c); err == nil && st.State == 'Z' {
						z = c
						return true
					}
				}
			}
			return false
		})
		return z
	}
	s.Run("zombie 2 &")
	z := zombieUnder("zombie")
	s.waitSeen(stepDone(1))
	// Wrong move for step 2: look only once the zombie is gone.
	waitFor(t, expectTimeout, "the zombie reaped", func() bool { _, err := readStat(z); return err != nil })
	s.Run("procs")
	notTicked(s, 2, 5)

	s.Run("zombie 3 &")
	z = zombieUnder("zombie")
	out := s.Run("procs")
	if !regexp.MustCompile(`(?m)^ *` + q(z) + ` .* Z +(\[1\] +)?\[zombie\] <defunct>$`).MatchString(out) {
		t.Errorf("procs does not show zombie %d as <defunct>:\n%s", z, out)
	}
	s.waitSeen(stepDone(2))
	s.waitSeen(stepDone(3)) // the zombie program waits after 3 s

	s.Run("orphan 5 &")
	s.Expect("my parent is now")
	s.waitSeen(stepDone(4))
	out = s.Run("procs -a")
	var child int
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 1 && strings.HasSuffix(l, "orphan --orphan-child 5") {
			child, _ = strconv.Atoi(f[0])
			if f[1] == q(s.Pid) {
				t.Errorf("the orphan's parent is still the shell: %s", l)
			}
			if f[1] != q(os.Getpid()) {
				t.Logf("note: the orphan was adopted by %s, not by the test (a subreaper)", f[1])
			}
		}
	}
	if child == 0 {
		t.Errorf("procs -a does not show the orphan:\n%s", out)
	}
	s.waitSeen(stepDone(5))
	s.waitSeen("complete, all 5 steps done")
}

func TestLabSessionsHangup(t *testing.T) {
	s := labSession(t)
	s.Run("lab start sessions-hangup")
	s.Run("sleep 300 &")
	s.Run("nohup sleep 301 &")
	s.waitSeen(stepDone(1))
	s.Run("sleep 302 &")
	s.Run("disown")
	s.waitSeen(stepDone(2))
	// Wrong move for step 3: SIGHUP to the nohup job only kills nothing.
	s.Run("kill -HUP %2")
	notTicked(s, 3, 5)
	s.Run("kill -HUP %1")
	s.waitSeen(stepDone(3))
	s.waitSeen(stepDone(4)) // the nohup job outlived its SIGHUP
	if len(s.Procs("sleep")) != 2 {
		t.Errorf("want the nohup and the disowned sleep alive:\n%s", s.describe())
	}

	s.SendLine("gosh --norc")
	waitFor(t, expectTimeout, "the inner gosh", func() bool { return len(s.Procs("gosh")) == 1 })
	s.WaitPrompt()
	s.Run("sleep 303 &")
	inner := s.ProcByArgs("sleep 303")
	// The outer gosh learns of the inner shell's job only from /proc, which
	// it samples every 200 ms: pause as a student would before typing exit.
	// (Nothing observable says that a sample has been taken.)
	time.Sleep(3 * labSamplePeriod)
	s.SendLine("exit")
	s.WaitPrompt()
	waitGone(t, inner.Pid, "the inner shell's job")
	s.waitSeen(stepDone(5))
	s.waitSeen("complete, all 5 steps done")
}

// TestLabLoad: an instructor's lab file, loaded at run time, works like an
// embedded one.
func TestLabLoad(t *testing.T) {
	s := labSession(t)
	lab := "lab: mine\ntitle: Mine\nstep: one\ntext: Stop a sleep.\ncheck: event stopped signal=SIGTSTP cmd=sleep\n"
	if err := os.WriteFile(filepath.Join(s.Dir, "mine.lab"), []byte(lab), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := s.Run("lab load mine.lab"); !strings.Contains(out, "loaded mine (1 steps)") {
		t.Fatalf("lab load:\n%s", out)
	}
	s.Run("lab start mine")
	s.SendLine("sleep 30")
	stopFg(s, fgProcs(s, "sleep", 1))
	s.waitSeen("complete, all 1 steps done")
	s.Run("kill %1")
}

// The redirection-order lab ticks from the trace's narration of the
// child's fd steps: the wrong order does not tick a step.
func TestLabRedirectionOrder(t *testing.T) {
	s := labSession(t)
	s.Run("cd " + t.TempDir())
	s.Run("lab start redirection-order")
	s.Run("set -o trace")
	s.Run("ls /nonexist >out 2>&1") // step 2's order, not step 1's
	notTicked(s, 1, 3)
	out := s.Run("ls /nonexist 2>&1 >out")
	if !strings.Contains(out, "No such file or directory") {
		t.Errorf("2>&1 >out: the error did not reach the terminal:\n%s", out)
	}
	s.waitSeen(stepDone(1))
	s.Run("ls /nonexist >out 2>&1")
	s.waitSeen(stepDone(2))
	s.Run("explain 'ls /nonexist 2>&1 >out'")
	s.waitSeen("complete, all 3 steps done")
}

// The subshells-groups lab: ( ) is a child gosh with sleep under it, seen
// in /proc; { } runs sleep as the shell's own child; cd stays only after
// the group.
func TestLabSubshellsGroups(t *testing.T) {
	s := labSession(t)
	dir := t.TempDir()
	s.Run("cd " + dir)
	s.Run("lab start subshells-groups")
	s.SendLine("( cd /tmp; sleep 30; pwd )")
	sl := s.WaitProcs("sleep", 1)[0]
	parent := mustStat(t, sl.Ppid)
	if parent.Comm != "gosh" || parent.Ppid != s.Stat().Pid {
		t.Errorf("sleep's parent %d is %q under %d, not a child gosh of the shell", sl.Ppid, parent.Comm, parent.Ppid)
	}
	s.WaitForeground(sl.Pgrp)
	s.Send("\x1a")
	s.WaitPrompt()
	s.Run("ptree")
	s.waitSeen(stepDone(1))
	s.Run("kill %1")
	if out := s.Run("pwd"); !strings.Contains(out, dir) {
		t.Errorf("pwd after the subshell's cd:\n%s", out)
	}
	s.waitSeen(stepDone(2))
	s.SendLine("{ cd /tmp; sleep 3; }")
	sl = s.WaitProcs("sleep", 1)[0]
	if sl.Ppid != s.Stat().Pid {
		t.Errorf("in a group, sleep's parent is %d, not the shell %d", sl.Ppid, s.Stat().Pid)
	}
	s.WaitPrompt()
	s.waitSeen(stepDone(3))
	if out := s.Run("pwd"); !strings.Contains(out, "/tmp") {
		t.Errorf("pwd after the group's cd:\n%s", out)
	}
	s.waitSeen("complete, all 4 steps done")
}

// The daemons lab: the daemon helper really ends up without a terminal, in
// a session of its own, adopted away from the shell; procs -a shows it
// with TTY ?; killing it ends the lab.
func TestLabDaemons(t *testing.T) {
	s := labSession(t)
	s.Run("lab start daemons")
	out := s.Run("daemon 60")
	m := regexp.MustCompile(`the daemon is pid (\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("daemon did not say its pid:\n%s", out)
	}
	pid, _ := strconv.Atoi(m[1])
	t.Cleanup(func() { killAdopted(t, pid) })
	st := mustStat(t, pid)
	shell := s.Stat()
	if st.Session == shell.Session || st.Session == pid {
		t.Errorf("daemon %d: session %d (shell's %d): want a session of another process (the first child's)", pid, st.Session, shell.Session)
	}
	waitFor(t, s.Timeout, "the daemon to be adopted", func() bool {
		st, err := readStat(pid)
		if err != nil {
			return false
		}
		parent, err := readStat(st.Ppid)
		return err == nil && parent.Comm != "daemon" && st.Ppid != shell.Pid
	})
	s.waitSeen(stepDone(1))
	out = s.Run("procs -a")
	line := ""
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 && f[0] == m[1] {
			line = l
		}
	}
	if line == "" || !strings.Contains(line, " ? ") {
		t.Errorf("procs -a does not show daemon %d with TTY ?:\n%s", pid, out)
	}
	s.waitSeen(stepDone(2))
	s.Run("kill " + m[1])
	s.waitSeen("complete, all 3 steps done")
}

// killAdopted kills pid and, if this test binary adopted it (a subreaper
// adopts the orphans of the shells it starts), reaps it: its zombie would
// otherwise outlive the test.
func killAdopted(t *testing.T, pid int) {
	syscall.Kill(pid, syscall.SIGKILL)
	me := os.Getpid()
	waitFor(t, 10*time.Second, fmt.Sprintf("process %d to be gone", pid), func() bool {
		st, err := readStat(pid)
		if err != nil || st.Ppid != me {
			return true
		}
		var ws syscall.WaitStatus
		syscall.Wait4(pid, &ws, syscall.WNOHANG, nil)
		return false
	})
}

// spin is always runnable: /proc/PID/stat (the main thread's state, which
// ps shows) says R, not S, sample after sample.
func TestSpinStaysRunnable(t *testing.T) {
	dir := labHelpers(t)
	cmd := exec.Command(filepath.Join(dir, "spin"), "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	pid := cmd.Process.Pid
	// Started: R in 50 samples in a row (it starts itself again once,
	// and a starting Go program sleeps now and then).
	inRow := 0
	waitFor(t, 10*time.Second, "spin to start spinning", func() bool {
		st, err := readStat(pid)
		if err == nil && st.Comm == "spin" && st.State == 'R' {
			inRow++
		} else {
			inRow = 0
		}
		return inRow >= 50
	})
	samples, notR := 0, map[byte]int{}
	for samples < 2000 {
		st, err := readStat(pid)
		if err != nil {
			t.Fatal(err)
		}
		samples++
		if st.State != 'R' {
			notR[st.State]++
		}
	}
	if n := notR['S'] + notR['D']; n > samples/100 {
		t.Errorf("spin was not runnable in %d of %d samples: %v", n, samples, notR)
	}
}

// procs -a and ptree 1 fit the terminal: long command lines are cut with
// "…" (a process with a 1,000-character command line is among them).
func TestViewsFitTheTerminal(t *testing.T) {
	requireGosh(t)
	s := startSession(t, sessionConfig{Cols: 80, Rows: 40})
	s.WaitPrompt()
	s.Run("sh -c 'sleep 60; :' " + strings.Repeat("x", 1000) + " &")
	for _, view := range []string{"procs -a", "ptree 1", "ptree"} {
		out := s.Run(view)
		cut := false
		for _, l := range strings.Split(out, "\n") {
			l = strings.TrimRight(l, "\r")
			if strings.HasPrefix(l, promptPS1) {
				continue
			}
			if n := utf8.RuneCountInString(l); n > 80 {
				t.Errorf("%s: a line of %d columns in an 80-column terminal: %q", view, n, l)
			}
			if strings.Contains(l, "sh -c sleep 60; : xxx") && strings.Contains(l, "x…") {
				cut = true
			}
		}
		if !cut && view != "ptree 1" {
			t.Errorf("%s: the long sleep command is not cut with …:\n%s", view, out)
		}
	}
	s.Run("kill %1")
}

// procs --watch in one gosh shows another gosh's session (--session), and
// redraws in place: a process stopped from outside is highlighted with
// S→T, one brought to the foreground with bg→fg; q ends the view and the
// prompt comes back. ptree --watch names the change too.
func TestWatchViews(t *testing.T) {
	requireGosh(t)
	a := newSession(t)
	a.Run("sleep 60 &")
	sl := a.WaitProcs("sleep", 1)[0]
	waitFor(t, a.Timeout, "sleep asleep", func() bool {
		st, err := readStat(sl.Pid)
		return err == nil && st.State == 'S'
	})
	b := newSession(t)
	b.SendLine("procs --watch --interval 0.2 --session " + strconv.Itoa(a.Pid))
	b.Expect("procs --watch: every 200ms")
	b.Expect(" sleep 60")
	if err := syscall.Kill(sl.Pid, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	out := b.Expect("◀ S→T")
	line := out[strings.LastIndex(out, "\n")+1:]
	if !strings.HasPrefix(strings.TrimSpace(line), strconv.Itoa(sl.Pid)+" ") {
		t.Errorf("the change is not named on the stopped sleep's line: %q", line)
	}
	a.SendLine("fg")
	a.WaitForeground(sl.Pgrp)
	b.Expect("bg→fg")
	b.Send("q")
	b.WaitPrompt()
	if st := mustStat(t, b.Pid); st.State == 'T' {
		t.Fatal("gosh stopped")
	}
	// The terminal modes are back: a command line echoes as usual.
	b.Run("echo back")

	b.SendLine("ptree --watch --interval 0.2 --session " + strconv.Itoa(a.Pid))
	b.Expect("ptree --watch")
	b.Expect("sleep 60")
	a.Send("\x1a")
	b.Expect("→T fg→bg")
	b.Send("\x03") // Ctrl+C ends the view, not the shell
	b.WaitPrompt()
	a.WaitPrompt()
	a.Run("kill %1")
}

// timeline draws the job's real pids as lanes and the events the shell saw
// in the order they happened: start and group, terminal handoff, stop,
// continue, death and reaping.
func TestTimeline(t *testing.T) {
	s := newSession(t)
	s.SendLine("sleep 30 | cat")
	sl := fgProcs(s, "sleep", 1)[0]
	cat := s.WaitProcs("cat", 1)[0]
	stopFg(s, []procStat{sl, cat})
	s.SendLine("fg")
	s.WaitForeground(sl.Pgrp)
	waitFor(t, s.Timeout, "sleep running again", func() bool {
		st, err := readStat(sl.Pid)
		return err == nil && st.State != 'T'
	})
	s.Send("\x03")
	s.WaitPrompt()
	out := s.Run("timeline %1")
	var rows [][]string
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.Contains(l, " │ ") {
			cells := strings.Split(l, " │ ")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			rows = append(rows, cells)
		}
	}
	if len(rows) < 2 {
		t.Fatalf("no lanes:\n%s", out)
	}
	p1, p2 := strconv.Itoa(sl.Pid), strconv.Itoa(cat.Pid)
	if got := strings.Join(rows[0], "|"); got != "time|shell|pid "+p1+"|pid "+p2 {
		t.Fatalf("lanes %q, want the job's real pids %s and %s:\n%s", got, p1, p2, out)
	}
	lane := map[string]int{"shell": 1, p1: 2, p2: 3}
	want := []struct{ lane, text string }{
		{p1, "fork+exec; setpgid(0, 0): new group " + p1},
		{p2, "fork+exec; setpgid(0, " + p1 + "): joins group " + p1},
		{"shell", "tcsetpgrp → job (group " + p1 + ")"},
		{p1, "stopped by SIGTSTP"},
		{"shell", "tcsetpgrp → shell"},
		{"shell", "kill(-" + p1 + ", SIGCONT) sent"},
		// "continued (SIGCONT)" comes here when wait4 reported the
		// continue before the death (a death can supersede it).
		{p1, "killed by SIGINT (130); reaped (wait4)"},
		{"shell", "tcsetpgrp → shell"},
	}
	at := 1
	for _, w := range want {
		found := false
		for ; at < len(rows); at++ {
			r := rows[at]
			if i := lane[w.lane]; i < len(r) && strings.HasPrefix(r[i], w.text) {
				found = true
				at++
				break
			}
		}
		if !found {
			t.Fatalf("no %q in lane %s in order:\n%s", w.text, w.lane, out)
		}
	}
	// A continue, when seen, is between the SIGCONT and the death.
	sent, cont, died := -1, -1, -1
	for i, r := range rows {
		switch {
		case strings.HasPrefix(r[1], "kill(-"+p1+", SIGCONT)"):
			sent = i
		case strings.HasPrefix(r[2], "continued (SIGCONT)"):
			cont = i
		case strings.HasPrefix(r[2], "killed by SIGINT"):
			died = i
		}
	}
	if cont >= 0 && (cont < sent || cont > died) {
		t.Errorf("continued at row %d, not between the SIGCONT (%d) and the death (%d):\n%s", cont, sent, died, out)
	}
	// Times flow down.
	last := -1.0
	for _, r := range rows[1:] {
		var f float64
		if _, err := fmt.Sscanf(r[0], "+%fs", &f); err == nil {
			if f < last {
				t.Errorf("time goes back: %v after %v\n%s", f, last, out)
			}
			last = f
		}
	}
}
