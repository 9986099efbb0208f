package tests

import (
	"os"
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
