package tests

import (
	"context"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Clients start shells with bash's command line. pexpect's
// replwrap.bash(SHELL) (the base of Jupyter's bash kernel and of many
// autograders) runs "SHELL --rcfile bashrc.sh" in a pty with ECHO off;
// the rc file sources the system's and the user's bashrc and sets PS1="$".
// replwrap then waits for "$", sets its own prompts (with \[\] in them,
// so that the text of PS1 is not the prompt), and sends each line of a
// command once a prompt is seen.

// replwrapRC is pexpect 4.8's bashrc.sh, word for word in what it does.
const replwrapRC = `# Different platforms have different names for the systemwide bashrc
if [[ -f /etc/bashrc ]]; then
  source /etc/bashrc
fi
if [[ -f /etc/bash.bashrc ]]; then
  source /etc/bash.bashrc
fi
if [[ -f ~/.bashrc ]]; then
  source ~/.bashrc
fi

# Reset PS1 so pexpect can find it
PS1="$"

# Unset PROMPT_COMMAND, so that it can't change PS1 to something unexpected.
unset PROMPT_COMMAND
`

// The prompts replwrap sets (PEXPECT_PROMPT, PEXPECT_CONTINUATION_PROMPT).
const (
	replPS1 = "[PEXPECT_PROMPT>"
	replPS2 = "[PEXPECT_PROMPT+"
)

// replwrapPrompt waits from off on for replwrap's first or continuation
// prompt, whichever comes first (pexpect's expect_exact of the two), and
// returns which (1 or 2), the text before it, and the offset after it.
func replwrapPrompt(s *session, off int) (which int, before string, end int) {
	s.t.Helper()
	if !poll(s.Timeout, func() bool {
		out := s.rawSince(off)
		i1, i2 := strings.Index(out, replPS1), strings.Index(out, replPS2)
		switch {
		case i1 < 0 && i2 < 0:
			return false
		case i2 < 0 || (i1 >= 0 && i1 < i2):
			which, before, end = 1, out[:i1], off+i1+len(replPS1)
		default:
			which, before, end = 2, out[:i2], off+i2+len(replPS2)
		}
		return true
	}) {
		s.t.Fatalf("timed out waiting for replwrap's prompt; output:\n%q", s.rawSince(off))
	}
	return which, before, end
}

// replwrapRun is replwrap's run_command: the first line is sent at once,
// each further line after the next prompt of either kind, and the
// output is all the text before the prompts. It returns the kind of the
// last prompt (2: the command was incomplete) and the offset after it.
func replwrapRun(s *session, off int, command string) (string, int, int) {
	s.t.Helper()
	lines := strings.Split(command, "\n")
	var res strings.Builder
	s.Send(lines[0] + "\n")
	for _, line := range lines[1:] {
		_, before, end := replwrapPrompt(s, off)
		res.WriteString(before)
		off = end
		s.Send(line + "\n")
	}
	which, before, end := replwrapPrompt(s, off)
	res.WriteString(before)
	return res.String(), which, end
}

// startReplwrap starts gosh as replwrap.bash does and sets its prompts. The
// home has a ~/.bashrc (which the rc file sources) and a ~/.goshrc (which
// --rcfile replaces). It returns the session and the offset after the
// first prompt of replwrap's own.
func startReplwrap(t *testing.T) (*session, int) {
	home := t.TempDir()
	writeFiles(t, home, map[string]string{
		"bashrc.sh": replwrapRC,
		".bashrc":   "BASHRC_READ=yes\nalias ll='echo ll-alias'\n",
		".goshrc":   "echo GOSHRC-READ\n",
	})
	// pexpect.spawn(echo=False) turns the terminal's ECHO off before the
	// shell starts.
	s := startSession(t, sessionConfig{Bin: "/bin/sh", Home: home,
		Args: []string{"-c", "stty -echo; exec " + requireGosh(t) + " --rcfile " + filepath.Join(home, "bashrc.sh")}})
	// replwrap waits for the regular expression \$ ...
	first := s.waitCount(0, "$", 1)
	if strings.Contains(first, "gosh:") || strings.Contains(first, "GOSHRC") || strings.Contains(first, "usage") {
		t.Fatalf("start-up with --rcfile: %q", first)
	}
	// ... and sets its prompts (\[\] keeps "env" output from matching).
	off := strings.Index(s.rawSince(0), "$") + 1
	change := `PS1='[PEXP\[\]ECT_PROMPT>' PS2='[PEXP\[\]ECT_PROMPT+' PROMPT_COMMAND=''`
	s.Send(change + "\n")
	which, before, off := replwrapPrompt(s, off)
	if which != 1 {
		t.Fatalf("replwrap's set-up line found the continuation prompt: %q", before)
	}
	out, which, end := replwrapRun(s, off, "export PAGER=cat")
	if which != 1 || strings.TrimSpace(stripCSI(out)) != "" {
		t.Fatalf("export PAGER=cat: %q (prompt %d)", out, which)
	}
	return s, end
}

// stripCSI removes the escape sequences a prompt may carry (bracketed
// paste on and off), as a client that shows the output does.
func stripCSI(s string) string {
	return regexp.MustCompile(`\x1b\[[0-9;?]*[a-zA-Z]`).ReplaceAllString(s, "")
}

// TestReplwrapRCFile drives gosh exactly as pexpect's replwrap.bash does:
// gosh --rcfile FILE (before the fix, gosh refused --rcfile and exited
// with its usage text), then one-line and multi-line commands, a
// function, background jobs, an incomplete command stopped by SIGINT.
func TestReplwrapRCFile(t *testing.T) {
	s, off := startReplwrap(t)
	for _, c := range []struct{ cmd, want string }{
		{"echo hello; echo $((6*7))", "hello\r\n42\r\n"},
		{"echo rc=${BASHRC_READ-unread} goshrc=${GOSHRC_READ-unread}; ll", "rc=yes goshrc=unread\r\nll-alias\r\n"},
		{"for i in 1 2 3\ndo\n echo $i\ndone", "1\r\n2\r\n3\r\n"},
		{"f() {\n echo in f $1\n}\nf x", "in f x\r\n"},
		{"cd / && pwd; false; echo $?", "/\r\n1\r\n"},
		{"sleep 0.2 &", "[1] "},
		{"jobs; wait; echo waited $?", "waited 0\r\n"},
		{"(sleep 0.1; echo from-bg) & wait $!", "from-bg\r\n"},
	} {
		out, which, end := replwrapRun(s, off, c.cmd)
		off = end
		out = stripCSI(out)
		if which != 1 || !strings.Contains(out, c.want) {
			t.Errorf("%q: output %q (prompt %d), want %q", c.cmd, out, which, c.want)
		}
		if strings.Contains(out, "gosh:") {
			t.Errorf("%q: an error: %q", c.cmd, out)
		}
	}
	// An incomplete command: replwrap finds the continuation prompt,
	// sends SIGINT to the shell, and waits one second for the prompt.
	_, which, end := replwrapRun(s, off, "echo 'unterminated")
	if which != 2 {
		t.Fatalf("incomplete command: no continuation prompt")
	}
	syscall.Kill(s.Pid, syscall.SIGINT)
	if which, before, end2 := replwrapPrompt(s, end); which != 1 {
		t.Fatalf("after SIGINT at the continuation prompt: %q", before)
	} else {
		off = end2
	}
	if out, _, _ := replwrapRun(s, off, "echo after $?"); !strings.Contains(out, "after 130\r\n") {
		t.Errorf("after the interrupted command: %q", out)
	}
	s.Send("exit\n")
	if st := s.ExitStatus(s.Timeout); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
}

// TestReplwrapPexpect runs pexpect's own replwrap.bash on gosh, where
// python3 and pexpect are installed (TestReplwrapRCFile is the same
// protocol without them).
func TestReplwrapPexpect(t *testing.T) {
	if exec.Command("python3", "-c", "import pexpect.replwrap").Run() != nil {
		t.Skip("python3 with pexpect is not installed")
	}
	gosh := requireGosh(t)
	dir := t.TempDir()
	script := `import sys, pexpect
from pexpect import replwrap
r = replwrap.bash(sys.argv[1])
print(repr(r.run_command("echo hello; echo $((6*7))", timeout=20)))
print(repr(r.run_command("for i in 1 2\ndo\n echo n$i\ndone", timeout=20)))
print(repr(r.run_command("sleep 0.2 &", timeout=20)))
print(repr(r.run_command("wait; echo waited", timeout=20)))
r.child.sendline("exit")
r.child.expect(pexpect.EOF)
r.child.close()
print("exit", r.child.exitstatus)
`
	writeFiles(t, dir, map[string]string{"r.py": script})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "python3", filepath.Join(dir, "r.py"), gosh)
	cmd.Env = append(cleanEnv(dir), "TERM=xterm")
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	out, err := cmd.CombinedOutput()
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	got := stripCSI(strings.ReplaceAll(string(out), `\x1b`, "\x1b"))
	for _, want := range []string{`hello\r\n42\r\n`, `n1\r\nn2\r\n`, `[1] `, `waited\r\n`, "exit 0"} {
		if !strings.Contains(got, want) {
			t.Errorf("pexpect output lacks %q: %v\n%s", want, err, out)
		}
	}
}

// TestRCFileOption: --rcfile FILE and --init-file FILE replace ~/.goshrc
// for an interactive shell that is not a login shell, as in bash: --norc
// still reads nothing, a login shell reads its profile instead, a missing
// FILE is skipped quietly, and gosh -ic runs after FILE.
func TestRCFileOption(t *testing.T) {
	home := t.TempDir()
	writeFiles(t, home, map[string]string{
		"my.rc":         "RCFILE_READ=yes\n",
		".goshrc":       "GOSHRC_READ=yes\n",
		".gosh_profile": "PROFILE_READ=yes\n",
	})
	rc := filepath.Join(home, "my.rc")
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"rcfile", []string{"--rcfile", rc}, "f=yes r= p="},
		{"init-file", []string{"--init-file", rc, "--noprofile"}, "f=yes r= p="},
		{"norc-wins", []string{"--norc", "--rcfile", rc}, "f= r= p="},
		{"login-reads-profile", []string{"--rcfile", rc, "-l"}, "f= r= p=yes"},
		{"missing-file", []string{"--rcfile", filepath.Join(home, "nosuch")}, "f= r= p="},
		{"default", []string{}, "f= r=yes p="},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := startSession(t, sessionConfig{Home: home, Args: c.args})
			if before := s.WaitPrompt(); strings.Contains(before, "gosh:") {
				t.Errorf("start-up: %q", before)
			}
			if out := s.Run("echo f=$RCFILE_READ r=$GOSHRC_READ p=$PROFILE_READ"); out != c.want+"\n" {
				t.Errorf("start-up files read: %q, want %q", out, c.want)
			}
		})
	}
	out, errOut, status := runShell(t, shellRun{Home: home, Args: []string{"--rcfile", rc, "-ic", "echo f=$RCFILE_READ r=$GOSHRC_READ"}})
	if out != "f=yes r=\n" || status != 0 {
		t.Errorf("gosh --rcfile FILE -ic: %q %q %d", out, errOut, status)
	}
	// A FILE that cannot be read is reported as bash reports it, and the
	// shell goes on.
	out, errOut, status = runShell(t, shellRun{Home: home, Args: []string{"--rcfile", home, "-ic", "echo on"}})
	if out != "on\n" || status != 0 || !strings.Contains(errOut, "gosh: "+home+": is a directory\n") {
		t.Errorf("gosh --rcfile DIR -ic: %q %q %d", out, errOut, status)
	}
}

// TestNoEditing: gosh --noediting reads the prompt's lines without the
// line editor, as bash --noediting: the terminal echoes what is typed,
// no escape sequence is drawn (not even bracketed paste with
// TERM=xterm), set -o shows emacs and vi off, and set -o vi, which would
// need the editor, is refused.
func TestNoEditing(t *testing.T) {
	s := startSession(t, sessionConfig{Args: []string{"--norc", "--noediting"}})
	s.waitCount(0, promptPS1, 1)
	plainExchange(s, "echo typed", "typed", "a line read without the editor (the terminal echoes it)")
	off := s.rawLen()
	s.Send("set -o | grep -E '^(emacs|vi) '; set -o vi; echo status=$?\r")
	out := s.waitCount(off, promptPS1, 1)
	for _, want := range []string{"emacs          \toff", "vi             \toff", "--noediting", "status=1"} {
		if !strings.Contains(out, want) {
			t.Errorf("set -o under --noediting: %q lacks %q", out, want)
		}
	}
}
