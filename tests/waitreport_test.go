package tests

import (
	"regexp"
	"strings"
	"testing"
)

// TestWaitReports: an interactive shell announces the jobs a wait ends
// with, as bash does: the wait builtin (without arguments, with %N, with a
// pid, with -n) collects the job and its "[1]+  Done" line comes at once,
// before the next command of the line runs, never again at the prompt;
// the same after a foreground job, for the background jobs that ended
// meanwhile. (bash 5.2 prints these lines at these places.) A job that a
// plain wait waits for lasts a second: one that had ended before the wait
// began is discarded without a word (below).
func TestWaitReports(t *testing.T) {
	s := newSession(t)
	pids := regexp.MustCompile(`(?m)^\[(\d)\] \d+\n`)
	done := func(n, mark, text string) string {
		return "[" + n + "]" + mark + "  Done                    " + text + "\n"
	}
	for _, tt := range []struct{ line, want string }{
		{"sleep 1 & wait; echo after", done("1", "+", "sleep 1") + "after\n"},
		{"sleep 0.2 & wait %1; echo after", done("1", "+", "sleep 0.2") + "after\n"},
		{"sleep 0.2 & wait $!; echo after", done("1", "+", "sleep 0.2") + "after\n"},
		{"sleep 0.2 & wait -n; echo after", done("1", "+", "sleep 0.2") + "after\n"},
		{"sleep 0.1 & sleep 1 & wait; echo after", done("1", "-", "sleep 0.1") + done("2", "+", "sleep 1") + "after\n"},
		{"sh -c 'sleep 1; exit 3' & wait; echo st=$?", "[1]+  Exit 3                  sh -c 'sleep 1; exit 3'\nst=0\n"},
		{"sleep 100 & kill -9 %1; wait %1; echo st=$?", "[1]+  Killed                  sleep 100\nst=137\n"},
		// A foreground job that ends after a background one: the
		// background job's report comes when the foreground job ends.
		{"sleep 0.1 & sh -c 'while kill -0 $0 2>/dev/null; do sleep 0.05; done' $!; echo after", done("1", "+", "sleep 0.1") + "after\n"},
		{"set -b; sleep 1 & wait; echo after", done("1", "+", "sleep 1") + "after\n"},
	} {
		out := pids.ReplaceAllString(s.Run(tt.line), "")
		if out != tt.want {
			t.Errorf("%s: printed %q, want %q", tt.line, out, tt.want)
		}
		// Announced once: the prompt after it has nothing to say, and
		// the job has left the table.
		if out := s.Run("jobs"); out != "" {
			t.Errorf("%s: jobs then printed %q, want nothing", tt.line, out)
		}
		if out := s.Run("wait %1; echo $?"); !strings.HasSuffix(out, "127\n") {
			t.Errorf("%s: wait %%1 then printed %q, want no such job", tt.line, out)
		}
	}

	// wait without arguments when every job had ended before it began:
	// bash discards them without a word (it marks them notified); wait %1
	// still announces its job. The loop of builtins runs until the shell
	// has collected the job, with no foreground job (whose end would
	// report it) in between.
	s.Run("set +b")
	for _, tt := range []struct{ line, want string }{
		{"sh -c 'exit 0' & while kill -0 $! 2>/dev/null; do :; done; wait; echo after", "after\n"},
		{"sh -c 'exit 0' & while kill -0 $! 2>/dev/null; do :; done; wait %1; echo after", done("1", "+", "sh -c 'exit 0'") + "after\n"},
	} {
		out := pids.ReplaceAllString(s.Run(tt.line), "")
		if out != tt.want {
			t.Errorf("%s: printed %q, want %q", tt.line, out, tt.want)
		}
		if out := s.Run("jobs"); out != "" {
			t.Errorf("%s: jobs then printed %q, want nothing", tt.line, out)
		}
	}
}
