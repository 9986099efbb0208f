package tests

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 13, checked end to end where the first round left a gap.

// A tick for an event that happens while the prompt is showing (a
// background job dies on its own, after the prompt came back) comes after
// that job's report, as the tick of a command's event does: the report
// ("Terminated") first, then the tick, both above the prompt (the line
// editor writes them there and draws the prompt again).
func TestLabTickAfterJobReportAtPrompt(t *testing.T) {
	requireGosh(t)
	s := newSession(t)
	lab := filepath.Join(t.TempDir(), "order.lab")
	err := os.WriteFile(lab, []byte("lab: tick-order\ntitle: Tick order\n"+
		"step: term\ntext: Let a background job die of SIGTERM.\n"+
		"check: event signaled signal=SIGTERM\n"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	s.Run("lab load " + lab)
	s.Run("lab start tick-order")
	// The job kills itself a second after the prompt is back.
	s.Run("sh -c 'sleep 1; kill -TERM $$' &")
	s.waitSeen(stepDone(1))
	s.Run("")
	all := s.all()
	tick := strings.Index(all, stepDone(1))
	report := strings.Index(all, "Terminated")
	if report < 0 || report > tick {
		t.Errorf("the job report (at %d) does not come before the tick (at %d):\n%s", report, tick, all)
	}
}

// The live views speak the shell's language: with a Korean locale the
// header line of procs --watch and ptree --watch is Korean, and it fits
// the terminal's width like the rest of the view.
func TestWatchHeaderKorean(t *testing.T) {
	requireGosh(t)
	s := startSession(t, sessionConfig{Env: []string{"LANG=ko_KR.UTF-8"}, Cols: 40, Rows: 30})
	s.WaitPrompt()
	for _, view := range []string{"procs", "ptree"} {
		s.SendLine(view + " --watch --interval 0.2")
		out := s.Expect("200ms마다")
		s.Send("q")
		out += s.WaitPrompt()
		if strings.Contains(out, "every") {
			t.Errorf("%s --watch: an English header:\n%s", view, out)
		}
		// The whole header is about 55 columns: in 40 it is cut with "…".
		if strings.Contains(out, "Ctrl+C)") || !strings.Contains(out, "…") {
			t.Errorf("%s --watch: the header is not cut to 40 columns:\n%s", view, out)
		}
	}
}

// The lab helpers speak the locale's language, as gosh's teaching texts
// do: Korean under LANG=ko_KR.UTF-8 (with the course's terms: 좀비,
// 수거), English under LANG=C or when LC_ALL=C overrides LANG.
func TestLabHelpersSpeakTheLocale(t *testing.T) {
	dir := labHelpers(t)
	run := func(env []string, name string, args ...string) string {
		cmd := exec.Command(filepath.Join(dir, name), args...)
		cmd.Env = append([]string{"PATH=/usr/bin:/bin"}, env...)
		out, _ := cmd.CombinedOutput()
		return string(out)
	}
	ko := []string{"LANG=ko_KR.UTF-8"}
	for _, env := range [][]string{{"LANG=C"}, {"LANG=ko_KR.UTF-8", "LC_ALL=C"}} {
		if out := run(env, "zombie", "0"); !strings.Contains(out, "is a zombie") || !strings.Contains(out, "the zombie is reaped") {
			t.Errorf("zombie 0 with %v:\n%s", env, out)
		}
	}
	if out := run(ko, "zombie", "0"); !strings.Contains(out, "좀비다") || !strings.Contains(out, "좀비를 수거했다") {
		t.Errorf("zombie 0 in Korean:\n%s", out)
	}
	if out := run(ko, "waitstatus", "sh", "-c", "exit 3"); !strings.Contains(out, "WIFEXITED true, WEXITSTATUS 3  (셸의 $? = 3)") {
		t.Errorf("waitstatus in Korean:\n%s", out)
	}
	if out := run(ko, "orphan", "0"); !strings.Contains(out, "입양된 고아다") {
		t.Errorf("orphan 0 in Korean:\n%s", out)
	}
	// intignore runs until it is killed: read its first line.
	cmd := exec.Command(filepath.Join(dir, "intignore"))
	cmd.Env = ko
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if !strings.Contains(line, "SIGINT를 무시한다") {
		t.Errorf("intignore in Korean: %q", line)
	}
}

// TestTimelineInPipeline: timeline as a pipeline stage (timeline | less)
// shows the shell's jobs, not "no job yet", and not the pipeline it is a
// stage of, even when that pipeline took the job number asked for.
func TestTimelineInPipeline(t *testing.T) {
	script := `set -m
sleep 0.1
timeline | head -1
timeline %1 | head -1
sleep 5 &
timeline %1 | head -1
kill %1`
	out, errs, status := runShell(t, shellRun{Args: []string{"-c", script}})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if status != 0 || len(lines) != 3 ||
		!strings.HasPrefix(lines[0], "job [1] sleep 0.1 ") || // the last job, not this pipeline (%1 too)
		!strings.HasPrefix(lines[1], "job [1] head -1 ") || // the pipeline before (its processes)
		!strings.HasPrefix(lines[2], "job [1] sleep 5 ") {
		t.Errorf("status %d\nstdout:\n%s\nstderr: %s", status, out, errs)
	}
}

// TestLangReachesPrograms: set -o lang=L puts GOSH_LANG=L in the
// environment of the programs gosh starts (the lab helpers read it before
// the locale); set +o lang takes it out again.
func TestLangReachesPrograms(t *testing.T) {
	script := `set -o lang=ko; env | grep '^GOSH_LANG='; set -o lang=en; env | grep '^GOSH_LANG='; set +o lang; env | grep -c '^GOSH_LANG='`
	out, errs, _ := runShell(t, shellRun{Args: []string{"-c", script}, Env: []string{"LANG=C"}})
	if out != "GOSH_LANG=ko\nGOSH_LANG=en\n0\n" {
		t.Errorf("stdout %q, stderr %q; want GOSH_LANG=ko, GOSH_LANG=en, then none", out, errs)
	}
}

// TestTraceSubshellDecisionOnce: the trace tells once why ( … ) runs in a
// child gosh under job control (the job's stage tells it; runSubshell
// told it too).
func TestTraceSubshellDecisionOnce(t *testing.T) {
	_, errs, _ := runShell(t, shellRun{Args: []string{"-c", "set -m; set -o trace; ( sleep 0.1 )"}, Env: []string{"LANG=C"}})
	if n := strings.Count(errs, "( sleep 0.1 ): in a child gosh, because"); n != 1 {
		t.Errorf("the decision is told %d times, want once:\n%s", n, errs)
	}
}
