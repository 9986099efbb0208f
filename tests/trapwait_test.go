package tests

import (
	"strings"
	"testing"
	"time"
)

// Issue 10, item 3: at the prompt of an interactive shell with a trap on
// INT, Ctrl+C during wait runs the handler once, wait returns 130 and the
// rest of the line runs, as in bash. The shell sees this SIGINT twice (the
// trap's path, and the interactive loop's, which abandons a line on a
// Ctrl+C without a trap); the line was abandoned, or the handler ran a
// second time at the next prompt, depending on which came first.
//
// Nothing shows when wait has begun: a Ctrl+C just before it runs the
// handler between the commands, and wait goes on waiting (as in bash).
// So the test sends Ctrl+C once a second until wait reports, and wants the
// handler run once for every Ctrl+C sent.
func TestCtrlCDuringWaitWithTrap(t *testing.T) {
	s := newSession(t)
	s.Run("trap 'echo got-int' INT")
	for i := 0; i < 3; i++ {
		s.Run("sleep 30 &")
		sl := s.WaitProcs("sleep", 1)[0]
		// "ready" comes once the line is read and the terminal is back
		// in line mode, where Ctrl+C is SIGINT.
		s.SendLine("echo ready; wait %1; echo wait=$?")
		s.Expect("ready")
		sent := 0
		var last time.Time
		waitFor(t, s.Timeout, "wait to report", func() bool {
			if strings.Contains(s.Pending(), "wait=") {
				return true
			}
			if time.Since(last) > time.Second {
				s.Send("\x03")
				sent++
				last = time.Now()
			}
			return false
		})
		out := s.WaitPrompt()
		if !strings.Contains(out, "wait=130") || strings.Count(out, "got-int") != sent {
			t.Fatalf("Ctrl+C (%d) during wait with a trap on INT: %q, want got-int %d times and wait=130", sent, out, sent)
		}
		// The next line shows no second run of the handler.
		if out := s.Run("echo next"); strings.Contains(out, "got-int") {
			t.Fatalf("the handler ran again at the next prompt: %q", out)
		}
		s.Run("kill -9 %1; wait")
		waitGone(t, sl.Pid, "the sleep")
	}
}
