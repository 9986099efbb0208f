package tests

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// bash's "time" reserved word measures what the corpus cannot compare
// with bash (times differ from run to run): real time is the wall clock,
// user time counts a busy child's CPU time (collected by the reaper's
// wait4, through RUSAGE_CHILDREN) and the shell's own for a loop it runs
// itself (RUSAGE_SELF). Each case prints "%3R %3U %3S" and checks bounds.
func TestTimeMeasures(t *testing.T) {
	const busy = `i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done`
	tests := []struct {
		name   string
		script string
		check  func(real, user, sys float64) bool
		want   string
	}{
		{"real time of a sleep", "time sleep 0.3", func(r, u, s float64) bool { return r >= 0.3 && r < 30 }, "real >= 0.3"},
		{"user time of a busy child", "time /bin/sh -c '" + busy + "'", func(r, u, s float64) bool { return u+s > 0.01 && u+s <= r+0.05 }, "user+sys > 0.01 and <= real"},
		{"user time of a busy child in a pipeline", "time /bin/sh -c '" + busy + "' | cat", func(r, u, s float64) bool { return u+s > 0.01 }, "user+sys > 0.01"},
		{"the shell's own time for its loop", "time { " + busy + "; }", func(r, u, s float64) bool { return u+s > 0.01 }, "user+sys > 0.01"},
		{"a sleeping child uses no CPU", "time sleep 0.2", func(r, u, s float64) bool { return u+s < 0.15 }, "user+sys < 0.15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script := "TIMEFORMAT='%3R %3U %3S'; " + tt.script
			_, stderr, status := runGosh(t, "", "-c", script)
			if status != 0 {
				t.Fatalf("gosh -c %q: status %d, stderr %q", script, status, stderr)
			}
			f := strings.Fields(stderr)
			if len(f) != 3 {
				t.Fatalf("gosh -c %q: stderr %q, want three times", script, stderr)
			}
			var v [3]float64
			for i, s := range f {
				x, err := strconv.ParseFloat(s, 64)
				if err != nil {
					t.Fatalf("gosh -c %q: stderr %q: %v", script, stderr, err)
				}
				v[i] = x
			}
			if !tt.check(v[0], v[1], v[2]) {
				t.Errorf("gosh -c %q: real %v user %v sys %v, want %s", script, v[0], v[1], v[2], tt.want)
			}
		})
	}
}

// read -e in an interactive shell reads its line with the prompt's line
// editor: -i's text is already there, and the editing keys work on it
// (Backspace erases three of its letters, Ctrl+A goes to the start of the
// line), as with bash's readline. Ctrl+C ends the command line, with
// status 130. The test runs against bash too (GOSH_TEST_REFERENCE=bash).
func TestReadEditLine(t *testing.T) {
	s := newSession(t)
	s.Send(`read -e -i hello -p 'P> ' x; echo "[$x] $?"` + "\r")
	s.Expect("P> hello")
	s.Send("\x7f\x7f\x7fp world\x01<\r")
	s.Expect("[<hep world] 0")
	s.WaitPrompt()
	s.Send(`read -e -i gone -p 'Q> ' x; echo "[$x] $?"` + "\r")
	s.Expect("Q> gone")
	s.Send("\x03") // ends the command line: echo does not run
	s.WaitPrompt()
	if out := s.run(`echo "[$x] $?"`); !strings.Contains(out, "[<hep world] 130") {
		t.Errorf("after Ctrl+C in read -e: %q, want x unchanged and status 130", out)
	}
	// Without -e the terminal's own line mode reads: -i has no effect.
	// (The prompt is written $'R\x3e ' so that the echo of the command
	// line does not show "R> " before read has started.)
	s.Send(`read -i ignored -p $'R\x3e ' x; echo "[$x] $?"` + "\r")
	s.Expect("R> ")
	s.Send("typed\r")
	s.Expect("[typed] 0")
	s.WaitPrompt()
}

// Ctrl+Z on a timed pipeline stops the job and "time" reports at once, as
// in bash; fg and its end report nothing more of the time. The test runs
// against bash too (GOSH_TEST_REFERENCE=bash).
func TestTimeStoppedJob(t *testing.T) {
	s := newSession(t)
	s.Send("TIMEFORMAT=TIMED; time sleep 30\r")
	waitFor(t, 10*time.Second, "sleep to start", func() bool { return len(findProcs(s.Pid, "sleep")) > 0 })
	s.Send("\x1a")
	if out := s.WaitPrompt(); !strings.Contains(out, "Stopped") || !strings.Contains(out, "TIMED") {
		t.Errorf("after Ctrl+Z: %q, want the stop report and the times", out)
	}
	sleeps := findProcs(s.Pid, "sleep")
	if len(sleeps) != 1 || sleeps[0].State != 'T' {
		t.Fatalf("sleep processes after Ctrl+Z: %s", formatProcs(sleeps))
	}
	s.Send("fg\r")
	waitFor(t, 10*time.Second, "sleep to run again", func() bool {
		p := findProcs(s.Pid, "sleep")
		return len(p) == 1 && p[0].State != 'T'
	})
	s.Send("\x03")
	if out := s.WaitPrompt(); strings.Contains(out, "TIMED") {
		t.Errorf("fg reported the times again: %q", out)
	}
}
