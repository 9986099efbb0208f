package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRCSkelBashrc: the default Debian/Ubuntu ~/.bashrc (/etc/skel/.bashrc)
// and /etc/bash.bashrc run at the prompt without a single error line, as
// in bash: shopt -s histappend checkwinsize, shopt -oq posix, dircolors,
// aliases, the colour prompt. TERM is xterm-256color so that the colour
// prompt and the title branches run too.
func TestRCSkelBashrc(t *testing.T) {
	for _, rc := range []string{"/etc/skel/.bashrc", "/etc/bash.bashrc"} {
		t.Run(filepath.Base(rc), func(t *testing.T) {
			if _, err := os.Stat(rc); err != nil {
				t.Skipf("%s: %v", rc, err)
			}
			s := startSession(t, sessionConfig{Term: "xterm-256color"})
			s.WaitPrompt()
			// The rc file sets PS1: the test's prompt comes back after it.
			out := s.run(". " + rc + "; echo rc-status=$?; PS1='" + promptPS1 + "'")
			if out != "rc-status=0\n" {
				t.Errorf(". %s printed %q, want only rc-status=0", rc, out)
			}
			// histappend is on by default (bash: off until the skeleton
			// .bashrc turns it on; see options.go).
			want := "shopt -s histappend\nshopt -s checkwinsize\nposix=1\n"
			if out := s.run("shopt -p histappend checkwinsize; shopt -oq posix; echo posix=$?"); out != want {
				t.Errorf("after %s: %q", rc, out)
			}
		})
	}
}

// TestRCProgrammableCompletion: Tab completes a command's arguments from
// complete -W and from a complete -F function that reads COMP_WORDS and
// COMP_CWORD and fills COMPREPLY.
func TestRCProgrammableCompletion(t *testing.T) {
	s := newSession(t)
	s.run(`complete -W "alphabet beta" echo`)
	s.Send("echo alp\t")
	if out := s.enter("echo alphabet "); out != "alphabet\n" {
		t.Errorf("complete -W: %q", out)
	}
	s.run(`_pick() { COMPREPLY=($(compgen -W "one two three" -- "${COMP_WORDS[COMP_CWORD]}")); }`)
	s.run(`complete -F _pick printf`)
	s.Send("printf '%s\\n' tw\t")
	if out := s.enter("printf '%s\\n' two "); out != "two\n" {
		t.Errorf("complete -F: %q", out)
	}
	if out := s.run("complete -p echo printf"); out != "complete -W 'alphabet beta' echo\ncomplete -F _pick printf\n" {
		t.Errorf("complete -p: %q", out)
	}
}

// TestRCIgnoreEOF: under set -o ignoreeof Ctrl+D says how to leave and the
// shell stays; $IGNOREEOF=1 lets one Ctrl+D by and the second one exits.
func TestRCIgnoreEOF(t *testing.T) {
	s := newSession(t)
	s.run("set -o ignoreeof")
	s.Send("\x04")
	s.Expect(`Use "exit" to leave the shell.`)
	s.WaitPrompt()
	if out := s.run("echo still-here"); out != "still-here\n" {
		t.Errorf("after Ctrl+D under ignoreeof: %q", out)
	}
	s.run("IGNOREEOF=1")
	s.Send("\x04")
	s.Expect(`Use "exit" to leave the shell.`)
	s.WaitPrompt()
	s.Send("\x04")
	if !s.Exited(10 * time.Second) {
		t.Errorf("the second Ctrl+D with IGNOREEOF=1 did not end the shell")
	}
}

// TestRCInteractiveCommand: gosh -ic 'cmd' reads ~/.goshrc, runs cmd as
// an interactive shell ($- has i, aliases expand) and exits with its
// status, without a prompt.
func TestRCInteractiveCommand(t *testing.T) {
	home := t.TempDir()
	writeFiles(t, home, map[string]string{".goshrc": "alias hi='echo from-rc'\n"})
	s := startSession(t, sessionConfig{Home: home, Args: []string{"-ic", `hi; case $- in *i*) echo interactive;; esac; exit 7`}})
	if st := s.ExitStatus(10 * time.Second); st != 7 {
		t.Errorf("gosh -ic exit status %d, want 7", st)
	}
	out := s.OutputAtExit(10 * time.Second)
	if !strings.Contains(out, "from-rc") || !strings.Contains(out, "interactive") {
		t.Errorf("gosh -ic output %q, want from-rc and interactive", out)
	}
	if strings.Contains(out, promptPS1) {
		t.Errorf("gosh -ic showed a prompt: %q", out)
	}
}
