package tests

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Issue 9: the process model. Background jobs and pipeline stages that
// need a process run in a child gosh that receives a snapshot of the shell
// through an inherited memfd; these tests check, from outside, what the
// child inherits, what it never shows, and which process group it is in.

// procFile reads /proc/PID/NAME ("" when the process is gone).
func procFile(pid int, name string) string {
	data, _ := os.ReadFile(fmt.Sprintf("/proc/%d/%s", pid, name))
	return string(data)
}

// TestSecretNotInChildArgvOrEnviron: an unexported variable read from the
// keyboard (a password) reaches the child gosh of "sleep 60 && true &" and
// the programs it starts, but is never in /proc/PID/cmdline or environ of
// any process in the session; an exported one is in their environ.
func TestSecretNotInChildArgvOrEnviron(t *testing.T) {
	const secret = "hunter2-secret-value"
	s := newSession(t)
	// The password comes from a file rather than the keyboard: a key typed
	// before read owns the terminal could go to the line editor.
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.Run("read -r pw <" + pwFile)
	s.Run("export EXPORTED_MARK=visible-value")
	s.Run("sleep 60 && true &")
	sleep := s.ProcByArgs("sleep 60")
	child := mustStat(t, sleep.Ppid)
	if child.Pid == s.Pid {
		t.Fatalf("sleep 60 is a child of the shell itself, not of a child gosh\n%s", s.describe())
	}
	if got := cmdline(child.Pid); !strings.HasPrefix(got, "gosh: sleep 60 && true") {
		t.Errorf("the child gosh's argv is %q; want it to start with \"gosh: sleep 60 && true\"", got)
	}
	if env := procFile(child.Pid, "environ"); !strings.Contains(env, "EXPORTED_MARK=visible-value") {
		t.Errorf("the exported variable is not in the child gosh's environment: %q", env)
	}
	for _, p := range s.Procs("") {
		for _, f := range []string{"cmdline", "environ"} {
			if strings.Contains(procFile(p.Pid, f), secret) {
				t.Errorf("the unexported secret is readable in /proc/%d/%s (%s)", p.Pid, f, cmdline(p.Pid))
			}
		}
	}
	// The child did get it: through the snapshot.
	// (The job may print before or after the next prompt.)
	if out := s.Run(`echo "[$pw]" && true &`); !strings.Contains(out, "["+secret+"]") {
		s.Expect("[" + secret + "]")
	}
	if child.Comm != "gosh" {
		t.Errorf("the child gosh's command name is %q, want gosh", child.Comm)
	}
	s.Run("kill %1")
}

// TestBackgroundListInheritsState: what the old script preamble lost or
// doubled: $?, $! inside the list, aliases (expanded once), 200 KB of
// unexported variables, fds opened with exec, and nothing of the list is
// expanded in the shell.
func TestBackgroundListInheritsState(t *testing.T) {
	tests := []struct {
		name, script, want string
	}{
		{"status", "false; echo $? && true &\nwait\n", "1\n"},
		{"last bg pid", "sleep 0 & p=$!\necho \"$!\" >bang && true &\nwait\n[ \"$(cat bang)\" = \"$p\" ] && echo same\n", "same\n"},
		{"alias once", "shopt -s expand_aliases\nalias echo='echo pre'\necho a && true &\nwait\n", "pre a\n"},
		{"big unexported", "x=$(head -c 200000 /dev/zero | tr '\\0' a)\necho ${#x} && true &\nwait\n", "200000\n"},
		{"fd from exec", "exec 3>f\necho hi >&3 && true &\nwait\ncat f\n", "hi\n"},
		{"assignment stays in the child", ": ${x:=v} &\nwait\necho \"x=[$x]\"\n", "x=[]\n"},
		{"assignment in a program's word", "/bin/echo ${y:=w} >/dev/null &\nwait\necho \"y=[$y]\"\n", "y=[]\n"},
		{"pipeline stage words", ": ${z:=v} | cat\necho \"z=[$z]\"\n", "z=[]\n"},
		{"pipeline stage redirection", "echo hi | cat >${f:=out}\necho \"f=[$f]\"; cat out\n", "f=[]\nhi\n"},
		{"failed redirection has a pid", "cat </nonexistent & p=$!\nwait $p\necho \"st=$? ${p:+pid}\"\n", "st=1 pid\n"},
		{"array in a copy", "a=(1 2 3)\nx=$(a[0]=9; a[1]+=5)\necho \"${a[@]}\"\n", "1 2 3\n"},
		{"array in a child", "a=(1 2 3)\necho \"${a[1]}\" && true &\nwait\n", "2\n"},
		{"function in a child", "f() { echo \"f $1\"; }\nf x && true &\nwait\n", "f x\n"},
		{"dollar dollar", "echo $$ >pid1\necho $$ >pid2 && true &\nwait\ncmp pid1 pid2 && echo same\n", "same\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := runGosh(t, tt.script)
			if out != tt.want || status != 0 {
				t.Errorf("script:\n%s\nstdout %q, stderr %q, status %d; want stdout %q", tt.script, out, errOut, status, tt.want)
			}
		})
	}
}

// TestNosuchInBackground: "nosuch &" is a job with a real pid; its child
// reports "command not found" and exits 127, and wait $! returns 127
// without waiting for another job.
func TestNosuchInBackground(t *testing.T) {
	script := "sleep 30 & s=$!\nnosuch-cmd-xyz & p=$!\nwait $p\necho \"status $?\"\n[ -n \"$p\" ] && [ \"$p\" != \"$s\" ] && echo \"own pid\"\nkill $s\n"
	out, errOut, _ := runGosh(t, script)
	if out != "status 127\nown pid\n" {
		t.Errorf("stdout %q, stderr %q; want status 127 and a pid of its own", out, errOut)
	}
	if !strings.Contains(errOut, "gosh: line 2: nosuch-cmd-xyz: command not found") {
		t.Errorf("stderr %q lacks the not-found message", errOut)
	}
}

// TestBackgroundSubstitutionDoesNotBlock: "echo $(cat fifo) &" gives the
// prompt back at once: the substitution runs in the child. The fifo is
// written only after the prompt is back, so a shell that expanded the word
// itself would never show it.
func TestBackgroundSubstitutionDoesNotBlock(t *testing.T) {
	s := newSession(t)
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	s.SendLine(`echo "got $(cat ` + fifo + `)" &`)
	s.WaitPrompt()
	s.Run("echo prompt-is-back")
	if err := os.WriteFile(fifo, []byte("data"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.Expect("got data")
	s.Run("wait")
}

// TestEvalStageJoinsJobGroup: "eval 'sleep 70' </dev/null | cat": the eval
// stage is a child gosh in the job's process group, so the sleep it starts
// is in that group too. Ctrl+Z stops all of it, fg continues it, Ctrl+C
// ends it, and the shell has the terminal back.
func TestEvalStageJoinsJobGroup(t *testing.T) {
	s := newSession(t)
	shellPgrp := s.Stat().Pgrp
	s.SendLine("eval 'sleep 70' </dev/null | cat")
	sleep := s.ProcByArgs("sleep 70")
	cat := s.WaitProcs("cat", 1)[0]
	evalStage := mustStat(t, sleep.Ppid)
	if sleep.Pgrp == shellPgrp || sleep.Pgrp != cat.Pgrp || evalStage.Pgrp != cat.Pgrp {
		t.Fatalf("sleep (group %d), its parent %d (group %d) and cat (group %d) are not all in the job's group (the shell's is %d)\n%s",
			sleep.Pgrp, evalStage.Pid, evalStage.Pgrp, cat.Pgrp, shellPgrp, s.describe())
	}
	s.WaitForeground(cat.Pgrp)
	procs := []procStat{sleep, cat, evalStage}
	out := stopFg(s, procs)
	if !strings.Contains(out, "Stopped") {
		t.Errorf("Ctrl+Z: no Stopped report in %q", out)
	}
	s.SendLine("fg")
	s.WaitForeground(cat.Pgrp)
	waitFor(t, expectTimeout, "the job to run again", func() bool {
		for _, p := range procs {
			if st, err := readStat(p.Pid); err != nil || st.State == 'T' {
				return false
			}
		}
		return true
	})
	s.Send("\x03")
	s.WaitPrompt()
	for _, p := range procs {
		waitGone(t, p.Pid, fmt.Sprintf("%s (pid %d)", p.Comm, p.Pid))
	}
	if fg := s.Foreground(); fg != shellPgrp {
		t.Errorf("after Ctrl+C the foreground group is %d, not the shell's %d", fg, shellPgrp)
	}
}

// TestChildFlagBadInput: the hidden child flag with a bad or missing
// snapshot is an error message and status 2, never a Go panic.
func TestChildFlagBadInput(t *testing.T) {
	gosh := requireGosh(t)
	garbage := filepath.Join(t.TempDir(), "garbage")
	if err := os.WriteFile(garbage, []byte("\xff\xff\xff\xff\xff\x7fnot a snapshot at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, arg, stdin string
	}{
		{"not a number", "--snapshot-fd=abc", ""},
		{"closed fd", "--snapshot-fd=9", ""},
		{"empty", "--snapshot-fd=0", "/dev/null"},
		{"garbage", "--snapshot-fd=0", garbage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(gosh, tt.arg)
			cmd.Env = cleanEnv(t.TempDir())
			if tt.stdin != "" {
				f, err := os.Open(tt.stdin)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				cmd.Stdin = f
			}
			var stderr strings.Builder
			cmd.Stderr = &stderr
			err := cmd.Run()
			status := cmd.ProcessState.ExitCode()
			if err == nil || status != 2 || !strings.HasPrefix(stderr.String(), "gosh: ") ||
				strings.Contains(stderr.String(), "goroutine") || strings.Contains(stderr.String(), "panic") {
				t.Errorf("gosh %s: status %d, stderr %q; want status 2 and one gosh: message", tt.arg, status, stderr.String())
			}
		})
	}
}

// TestCtrlBackslashChildStage: Ctrl+\ on a job with a child gosh stage
// ends the child by SIGQUIT, as it ends any process: no Go goroutine dump
// reaches the terminal.
func TestCtrlBackslashChildStage(t *testing.T) {
	s := newSession(t)
	s.SendLine("eval 'sleep 70' </dev/null | cat")
	sleep := s.ProcByArgs("sleep 70")
	evalStage := mustStat(t, sleep.Ppid)
	// The last stage starts after the first: on a busy machine the sleep
	// may run before cat exists, and a Ctrl+\ then would leave cat to
	// start later and end at EOF (no "Quit", no new line).
	if cat := s.ProcByArgs("cat"); cat.Pgrp != sleep.Pgrp {
		t.Fatalf("cat is in group %d, sleep in %d", cat.Pgrp, sleep.Pgrp)
	}
	s.WaitForeground(sleep.Pgrp)
	s.Send("\x1c")
	out := s.WaitPrompt()
	waitGone(t, evalStage.Pid, "the child gosh")
	waitGone(t, sleep.Pid, "sleep 70")
	if strings.Contains(out, "goroutine") || strings.Contains(out, "SIGQUIT: quit") {
		t.Errorf("Ctrl+\\ printed a Go stack dump:\n%s", out)
	}
}

// TestBackgroundListJobControl: "sleep 70 && echo done &" is one job whose
// process group holds the child gosh and the sleep it starts: fg gives it
// the terminal, Ctrl+Z stops both, bg continues both, kill %1 ends both.
func TestBackgroundListJobControl(t *testing.T) {
	s := newSession(t)
	s.Run("sleep 70 && echo done &")
	sleep := s.ProcByArgs("sleep 70")
	child := mustStat(t, sleep.Ppid)
	if child.Pid == s.Pid || child.Pgrp != child.Pid || sleep.Pgrp != child.Pid {
		t.Fatalf("the child gosh (pid %d, group %d) does not lead the group of sleep (group %d)\n%s",
			child.Pid, child.Pgrp, sleep.Pgrp, s.describe())
	}
	procs := []procStat{child, sleep}
	if out := s.Run("jobs -l"); !strings.Contains(out, fmt.Sprint(child.Pid)) || !strings.Contains(out, "sleep 70 && echo done") {
		t.Errorf("jobs -l: %q, want the child's pid and the list's text", out)
	}
	s.SendLine("fg")
	s.WaitForeground(child.Pgrp)
	if out := stopFg(s, procs); !strings.Contains(out, "Stopped") {
		t.Errorf("Ctrl+Z after fg: %q, want a Stopped report", out)
	}
	s.Run("bg")
	waitFor(t, expectTimeout, "the job to run again", func() bool {
		for _, p := range procs {
			if st, err := readStat(p.Pid); err != nil || st.State == 'T' {
				return false
			}
		}
		return true
	})
	s.Run("kill %1")
	for _, p := range procs {
		waitGone(t, p.Pid, p.Comm)
	}
}
