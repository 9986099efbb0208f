package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSubstCtrlC: Ctrl+C while an interactive command line waits in a
// command substitution ends the substitution's list and abandons the whole
// command line, with $? 130 and no message, as in bash (whose $( ) is a
// forked subshell that the SIGINT kills too). gosh runs $( ) in a copy of
// the shell, in its own process: the copy must stop where the job it ran
// was interrupted, and the line must not go on with what it had read.
func TestSubstCtrlC(t *testing.T) {
	// Each line is interrupted once it runs (its sleep is in the terminal's
	// group, or its loop has marked a file): the line must not go on, no
	// message, $? 130.
	abandoned := []struct {
		name  string
		line  string // %s: the mark file a loop touches once it runs
		sleep string // the process to wait for, "" for a loop
		fg    bool   // the sleep is a foreground job: wait for the terminal
		after func(t *testing.T, s *session, sleepPid int)
	}{
		{name: "job", line: `x=$(echo a; sleep 103; echo after-sleep); echo "line-went-on $? [$x]"`, sleep: "sleep 103", fg: true},
		// The SIGINT reaches the shell while the builtin wait runs in the
		// copy: the copy's list ends there too.
		{name: "wait", line: `x=$(sleep 104 & wait; echo after-wait); echo "line-went-on $? [$x]"`, sleep: "sleep 104"},
		// The list has ended; the shell waits, as bash does, for the end
		// of file of the pipe, which a background sleep holds: Ctrl+C
		// ends that wait and the line (the sleep ignores SIGINT, as an
		// asynchronous list without job control does).
		{name: "eof", line: `x=$(sleep 105 &); echo "line-went-on $? [$x]"`, sleep: "sleep 105",
			after: func(t *testing.T, s *session, sleepPid int) {
				if !alive(sleepPid) {
					t.Errorf("the background sleep of $( ) was killed by Ctrl+C")
				}
			}},
		{name: "builtin-loop", line: `x=$(n=0; while :; do n=$((n+1)); (( n == 1000 )) && : >%s; done); echo "line-went-on $? [$x]"`,
			after: func(t *testing.T, s *session, _ int) {
				if out := s.Run("echo alive"); !strings.Contains(out, "alive") {
					t.Errorf("the shell does not run commands after Ctrl+C: %q", out)
				}
			}},
	}
	for _, c := range abandoned {
		t.Run(c.name, func(t *testing.T) {
			s := newSession(t)
			pid := 0
			if c.sleep != "" {
				s.SendLine(c.line)
				p := s.ProcByArgs(c.sleep)
				if c.fg {
					s.WaitForeground(p.Pgrp)
				}
				pid = p.Pid
			} else {
				mark := filepath.Join(t.TempDir(), "running")
				s.SendLine(fmt.Sprintf(c.line, mark))
				waitFor(t, expectTimeout, "the loop to run", func() bool {
					_, err := os.Stat(mark)
					return err == nil
				})
			}
			s.Send("\x03")
			out := s.WaitPrompt()
			if strings.Contains(out, "line-went-on") || strings.Contains(out, "abandoned") {
				t.Errorf("after Ctrl+C in $( ): %q", out)
			}
			if st := s.Status(); st != 130 {
				t.Errorf("$? after Ctrl+C = %d, want 130", st)
			}
			if c.after != nil {
				c.after(t, s, pid)
			}
		})
	}
	t.Run("int-trapped", func(t *testing.T) {
		// With INT trapped the line goes on, as in bash: a foreground job
		// of the shell killed by Ctrl+C (the shell, not in the job's
		// group, gets no SIGINT: no handler), and a $( ) whose list ends
		// there, as bash's forked $( ) dies, with what it wrote so far
		// (the shell, in the terminal's group, runs its handler).
		s := newSession(t)
		s.Run(`trap 'echo int-trap' INT`)
		s.SendLine(`sleep 108; echo "went-on-1 $?"`)
		p := s.ProcByArgs("sleep 108")
		s.WaitForeground(p.Pgrp)
		s.Send("\x03")
		if out := s.WaitPrompt(); !strings.Contains(out, "went-on-1 130") {
			t.Errorf("Ctrl+C on a job with INT trapped: %q", out)
		}
		s.SendLine(`x=$(echo a; sleep 107; echo b); echo "went-on-2 $? [$x]"`)
		p = s.ProcByArgs("sleep 107")
		s.Send("\x03")
		if out := s.WaitPrompt(); !strings.Contains(out, "went-on-2 130 [a]") || !strings.Contains(out, "int-trap") {
			t.Errorf("Ctrl+C in $( ) with INT trapped: %q", out)
		}
	})
	t.Run("prompt-after", func(t *testing.T) {
		// The prompt after a line Ctrl+C ended expands its $( ) in full:
		// a loop and a child in PS1 (the line's context is cancelled
		// until the next line starts).
		for _, ps1 := range []string{`$(for p in PROMPT; do printf %s "$p"; done)$ `, `$(/bin/printf PROMPT)$ `} {
			s := startSession(t, sessionConfig{Env: []string{"PS1=" + ps1}})
			s.SendLine(`x=$(sleep 106); echo line-went-on`)
			p := s.ProcByArgs("sleep 106")
			s.WaitForeground(p.Pgrp)
			s.Send("\x03")
			out := s.WaitPrompt()
			if strings.Contains(out, "line-went-on") || strings.Contains(out, "\n\n") {
				t.Errorf("PS1 %s: after Ctrl+C in $( ): %q", ps1, out)
			}
			mark := filepath.Join(t.TempDir(), "running")
			s.SendLine("while :; do : >" + mark + "; done")
			waitFor(t, expectTimeout, "the loop to run", func() bool {
				_, err := os.Stat(mark)
				return err == nil
			})
			s.Send("\x03")
			s.WaitPrompt()
			// (A prompt made by a child may come after the typed line's
			// echo: the output is awaited, not the prompt.)
			s.SendLine(`echo al""ive`)
			s.Expect("alive")
		}
	})
}
