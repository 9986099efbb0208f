package tests

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Issue 9, the process-wide state: a copy of the shell (a builtin pipeline
// stage, $( )) runs in gosh's own process, so it must leave the process's
// directory, umask and descriptors alone; the user's fd table is virtual,
// and "exec N>file" works for every N without touching the descriptors of
// the Go runtime. Every row runs under bash too (GOSH_TEST_REFERENCE=bash).

// TestCopyWorkingDirectory: cd in a copy moves only the copy. The rows
// check the real directory (/proc/PID/cwd, where a relative file lands),
// not only pwd.
func TestCopyWorkingDirectory(t *testing.T) {
	d := map[string]string{"d/": ""}
	runRows(t, []row{
		{name: "subst-cd-leaves-shell", files: d,
			script: "x=$(cd d; pwd); echo \"$x\"; echo hi >here; ls here; readlink /proc/$$/cwd; pwd",
			out:    "{DIR}/d\nhere\n{DIR}\n{DIR}\n"},
		{name: "pipeline-cd-leaves-shell", files: d,
			script: "cd d | true; echo hi >here; ls here; readlink /proc/$$/cwd; sh -c 'pwd -P'",
			out:    "here\n{DIR}\n{DIR}\n"},
		{name: "subst-child-starts-in-copy-dir", files: d,
			script: "x=$(cd d; readlink /proc/self/cwd; sh -c 'readlink /proc/$$/cwd'); echo \"$x\"",
			out:    "{DIR}/d\n{DIR}/d\n"},
		{name: "subst-redirect-in-copy-dir", files: d,
			script: "x=$(cd d; echo in >f; cat f); echo \"$x\"; cat d/f; ls f 2>/dev/null || echo not-here",
			out:    "in\nin\nnot-here\n"},
		{name: "subst-glob-in-copy-dir", files: map[string]string{"d/a1": "", "d/a2": "", "a3": ""},
			script: "echo $(cd d; echo a*); echo a*",
			out:    "a1 a2\na3\n"},
		{name: "subst-relative-command-in-copy-dir", files: map[string]string{"d/s*": "#!/bin/sh\necho ran\n"},
			script: "echo $(cd d; ./s)",
			out:    "ran\n"},
		{name: "subst-relative-path-entry", files: map[string]string{"d/bin/prog*": "#!/bin/sh\necho found\n"},
			script: "echo $(cd d; PATH=bin; prog)",
			out:    "found\n"},
		{name: "subst-source-in-copy-dir", files: map[string]string{"d/lib": "echo sourced\n"},
			script: "echo $(cd d; . ./lib)",
			out:    "sourced\n"},
		{name: "subst-test-f-in-copy-dir", files: map[string]string{"d/x": ""},
			script: "echo $(cd d; test -f x && echo yes); test -f x || echo no",
			out:    "yes\nno\n"},
		{name: "subst-cd-dash", files: d,
			script: "x=$(cd d; cd -); echo \"$x\"",
			out:    "{DIR}\n"},
		{name: "subst-cd-dotdot", files: map[string]string{"d/e/": ""},
			script: "echo $(cd d/e; cd ..; pwd; cd ..; pwd)",
			out:    "{DIR}/d {DIR}\n"},
		{name: "subst-cd-missing", script: "x=$(cd nosuch && echo no); echo \"$?[$x]\"",
			out: "1[]\n", errHas: "cd: nosuch: No such file or directory"},
		{name: "subst-nested-cd", files: map[string]string{"d/e/": ""},
			script: "echo $(cd d; echo $(cd e; pwd); pwd); pwd",
			out:    "{DIR}/d/e {DIR}/d\n{DIR}\n"},
	})
}

// TestCopyExecAndExit: exec in a copy runs the program as the copy's last
// command and ends the copy, never the shell; exit ends only the copy.
func TestCopyExecAndExit(t *testing.T) {
	runRows(t, []row{
		{name: "exec-in-pipeline-stage", script: "exec /bin/echo hi | cat; echo after", out: "hi\nafter\n"},
		{name: "exec-in-subst", script: "x=$(exec /bin/echo hi); echo \"x=$x\"", out: "x=hi\n"},
		{name: "exec-in-subst-ends-copy", script: "x=$(exec /bin/echo a; echo b); echo \"$x\"", out: "a\n"},
		{name: "exec-in-subst-status", script: "x=$(exec sh -c 'exit 7'; echo no); echo \"$?[$x]\"", out: "7[]\n"},
		{name: "exec-in-subst-redirect", script: "x=$(exec sh -c 'echo err >&2' 2>&1); echo \"[$x]\"", out: "[err]\n"},
		{name: "exec-in-subst-copy-dir", files: map[string]string{"d/": ""},
			script: "x=$(cd d; exec pwd -P); echo \"$x\"", out: "{DIR}/d\n"},
		{name: "exec-in-subst-shell-lives", script: "x=$(exec true); echo alive $?", out: "alive 0\n"},
		{name: "exit-in-subst", script: "x=$(exit 3; echo no); echo \"$?[$x]\"", out: "3[]\n"},
		{name: "exit-in-pipeline-stage", script: "exit 4 | cat; echo after $?", out: "after 0\n"},
		{name: "exec-fd-in-subst-closed-after", script: "x=$(exec 3>f; echo in >&3); cat f; echo out >&3",
			out: "in\n", errHas: "3: Bad file descriptor", status: 1},
	})
}

// TestCopyUmask: a umask or resource limit set in a copy applies to what
// the copy creates and starts, and the shell's stays (a lowered hard limit
// could never be raised again).
func TestCopyUmask(t *testing.T) {
	runRows(t, []row{
		{name: "umask-in-subst", script: "umask 022; x=$(umask 077; umask; echo s >secret; sh -c umask); echo $x; umask; stat -c %a secret",
			out: "0077 0077\n0022\n600\n"},
		{name: "umask-in-subst-child-creates", script: "umask 022; x=$(umask 027; touch made); umask; stat -c %a made",
			out: "0022\n640\n"},
		{name: "ulimit-in-subst", script: "ulimit -n 200; x=$(ulimit -n 64; ulimit -n; sh -c 'ulimit -n'); echo $x; ulimit -n; sh -c 'ulimit -n'",
			out: "64 64\n200\n200\n"},
		{name: "ulimit-hard-in-subst", script: "ulimit -Sn 50; ulimit -Hn 300; x=$(ulimit -Hn 100; sh -c 'ulimit -Hn'); echo $x; ulimit -Hn",
			out: "100\n300\n"},
		{name: "ulimit-in-pipeline-stage", script: "ulimit -n 200; ulimit -n 64 | cat; ulimit -n", out: "200\n"},
		{name: "umask-in-pipeline-stage", script: "umask 022; umask 077 | cat; umask; echo x >f; stat -c %a f",
			out: "0022\n644\n"},
	})
}

// TestExecFds: exec N>file, N<&M and N>&- for fds 0 to 255; every later
// builtin, child and exec'd program sees the fd at N.
func TestExecFds(t *testing.T) {
	rows := []row{
		{name: "exec-fd-3", script: "exec 3>f; echo hi >&3; cat f", out: "hi\n"},
		{name: "exec-fd-child-sees-it", script: "exec 7>f; sh -c 'echo child >&7'; cat f", out: "child\n"},
		{name: "exec-fd-high", script: "exec 100>a 200>b 255>c; echo A >&100; echo B >&200; echo C >&255; cat a b c",
			out: "A\nB\nC\n"},
		{name: "exec-fd-high-child-sees-it", script: "exec 12>a 254>b; sh -c 'readlink /proc/$$/fd/12 /proc/$$/fd/254'",
			out: "{DIR}/a\n{DIR}/b\n"},
		{name: "exec-fd-close", script: "exec 3>f; exec 3>&-; echo x >&3; echo $?", out: "1\n", errHas: "3: Bad file descriptor"},
		{name: "exec-fd-dup-then-close", script: "exec 3>f; exec 4>&3; exec 3>&-; echo via4 >&4; cat f; echo x >&3",
			out: "via4\n", errHas: "3: Bad file descriptor", status: 1},
		{name: "exec-fd-save-stdout", script: "exec 3>&1 1>f; echo tofile; exec 1>&3 3>&-; echo back; cat f",
			out: "back\ntofile\n"},
		{name: "exec-fd-input", files: map[string]string{"in": "one\ntwo\n"},
			script: "exec 5<in; read x <&5; read -u 5 y; echo $x $y", out: "one two\n"},
		{name: "exec-fd-in-eval-stays", script: "eval 'exec 3>f'; echo kept >&3; cat f", out: "kept\n"},
		{name: "exec-fd-replaced", script: "exec 6>a; exec 6>b; echo x >&6; cat a b", out: "x\n"},
		{name: "exec-fd-many-children", script: "exec 12>a 3>b 13>c 14>d; sh -c 'echo 3 >&3'; cat b; readlink /proc/$$/fd/12 >/dev/null; sh -c 'readlink /proc/$$/fd/12 /proc/$$/fd/13 /proc/$$/fd/14'",
			out: "3\n{DIR}/a\n{DIR}/c\n{DIR}/d\n"},
		{name: "exec-cmd-sees-fds", script: "exec 3>f 12>g 200>h; exec readlink /proc/self/fd/3 /proc/self/fd/12 /proc/self/fd/200",
			out: "{DIR}/f\n{DIR}/g\n{DIR}/h\n"},
		{name: "exec-cmd-sees-fds-10-11", script: "exec 10>a 11>b 12>c 13>d; exec readlink /proc/self/fd/10 /proc/self/fd/11 /proc/self/fd/12 /proc/self/fd/13",
			out: "{DIR}/a\n{DIR}/b\n{DIR}/c\n{DIR}/d\n"},
		{name: "exec-cmd-script-without-shebang", files: map[string]string{"s*": "echo script $1 >&3\n"},
			script: "exec 3>&1; exec ./s arg", out: "script arg\n"},
		{name: "exec-cmd-closed-fd", script: "exec 3>f; exec 3>&-; exec sh -c 'echo x >&3' 2>/dev/null; echo unreachable", status: 2},
	}
	// Many user fds, each a descriptor of gosh's at another number: every
	// one must reach the child at its own.
	var opens, want []string
	for n := 3; n <= 29; n++ {
		opens = append(opens, fmt.Sprintf("%d>f%d", n, n))
		want = append(want, fmt.Sprintf("%d {DIR}/f%d", n, n))
	}
	want = append(want, "30 {DIR}/f30")
	rows = append(rows, row{name: "exec-fd-many-reach-child",
		script: "exec 30>f30; exec " + strings.Join(opens, " ") + "; sh -c 'for n in $(seq 3 30); do echo $n $(readlink /proc/$$/fd/$n); done'",
		out:    strings.Join(want, "\n") + "\n"})
	if _, err := exec.LookPath("flock"); err == nil {
		rows = append(rows, row{name: "exec-fd-9-flock", script: "exec 9>lock; flock 9 && echo locked; flock -n 9 && echo again", out: "locked\nagain\n"})
	}
	runRows(t, rows)
}

// TestInheritedFds: a script can use the fds above 2 it was given, as in
// bash and dash.
func TestInheritedFds(t *testing.T) {
	gosh := requireGosh(t)
	dir := t.TempDir()
	script := "exec 3>f 5<in; " + gosh + " -c 'echo hi >&3; read x <&5; echo $x >&3; sh -c \"echo child >&3\"'; cat f"
	if err := os.WriteFile(filepath.Join(dir, "in"), []byte("line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, status := runShell(t, shellRun{Bin: "/bin/bash", Args: []string{"-c", script}, Dir: dir})
	if stdout != "hi\nline\nchild\n" || status != 0 {
		t.Errorf("bash -c %q: stdout %q, stderr %q, status %d; want hi, line, child", script, stdout, stderr, status)
	}
}

// TestOwnFdsHigh: gosh's own descriptors sit at 10 or above and are
// close-on-exec: a child sees only 0-2 and what the user opened.
func TestOwnFdsHigh(t *testing.T) {
	stdout, stderr, _ := runGosh(t, "", "-c", "exec 3>f; x=$(echo sub); ls /proc/self/fd")
	if got := strings.Fields(stdout); len(got) != 5 || got[3] != "3" {
		t.Errorf("a child sees fds %v, want 0 1 2 3 and the one ls reads with (stderr %q)", got, stderr)
	}
}

// TestExecFdInteractive: in an interactive gosh, "exec 9>file" (and 7, and
// closing 6) used to close the Go runtime's epoll descriptor and end the
// session with "fatal error: runtime: netpoll failed". Now every fd of
// gosh but 0-2 is close-on-exec, and below 10 it holds only the user's.
func TestExecFdInteractive(t *testing.T) {
	s := newSession(t)
	s.Run("exec 9>" + filepath.Join(s.Dir, "x"))
	s.Run("exec 6>&-")
	s.Run("exec 7>f")
	out := s.Run("sleep 0.1; echo alive")
	if !strings.Contains(out, "alive") {
		t.Fatalf("after exec 9>x, exec 6>&-, exec 7>f: %q", out)
	}
	if out := s.Run("exec 8<&0; [ -t 8 ] && echo tty8; exec 8<&-"); !strings.Contains(out, "tty8") {
		t.Errorf("exec 8<&0; [ -t 8 ]: %q", out)
	}
	if out := s.Run("exec 200>f200 255>&1; echo high >&200; cat f200; echo top >&255"); !strings.Contains(out, "high\ntop") {
		t.Errorf("exec 200>f200 255>&1: %q", out)
	}
	s.Run("echo seven >&7; exec 3>&1")
	if out := s.Run("cat f; echo three >&3"); !strings.Contains(out, "seven") || !strings.Contains(out, "three") {
		t.Errorf("cat f; echo three >&3: %q", out)
	}
	if s.Name != "gosh" {
		return
	}
	fdDir := "/proc/" + strconv.Itoa(s.Pid) + "/fd"
	entries, err := os.ReadDir(fdDir)
	if err != nil {
		t.Fatal(err)
	}
	user := map[int]bool{3: true, 7: true, 9: true}
	for _, e := range entries {
		n, _ := strconv.Atoi(e.Name())
		link, _ := os.Readlink(fdDir + "/" + e.Name())
		if n > 2 && n < 10 && !user[n] {
			// Nothing of gosh's, nor of its Go runtime (which kept its
			// cgroup files at 3 and 4 until cmd/gosh turned its
			// containermaxprocs off), is below 10.
			t.Errorf("gosh holds fd %d (%s) below 10", n, link)
		}
		info, err := os.ReadFile("/proc/" + strconv.Itoa(s.Pid) + "/fdinfo/" + e.Name())
		if err != nil || n < 3 {
			continue
		}
		for _, line := range strings.Split(string(info), "\n") {
			if v, ok := strings.CutPrefix(line, "flags:"); ok {
				flags, _ := strconv.ParseInt(strings.TrimSpace(v), 8, 64)
				if flags&0o2000000 == 0 {
					t.Errorf("gosh's fd %d (%s) is not close-on-exec", n, link)
				}
			}
		}
	}
	{
		// The user's fd 9 is the file, whatever real fd holds it.
		if out := s.Run("readlink /proc/self/fd/9"); !strings.Contains(out, filepath.Join(s.Dir, "x")) {
			t.Errorf("a child's fd 9: %q", out)
		}
	}
}

// TestCopyStateInteractive: the same in an interactive shell, where
// pipeline stages that are not programs run in a child gosh: cd and exec
// in them leave the shell's directory and the shell itself alone.
func TestCopyStateInteractive(t *testing.T) {
	s := newSession(t)
	if err := os.Mkdir(filepath.Join(s.Dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	s.Run("x=$(cd d; pwd)")
	s.Run("cd d | true")
	s.Run("echo hi >here")
	if _, err := os.Stat(filepath.Join(s.Dir, "here")); err != nil {
		t.Errorf("echo hi >here after x=$(cd d; pwd) and cd d | true: %v", err)
	}
	if cwd, _ := os.Readlink("/proc/" + strconv.Itoa(s.Pid) + "/cwd"); cwd != s.Dir {
		t.Errorf("the shell's directory is %s, want %s", cwd, s.Dir)
	}
	if out := s.Run("exec /bin/echo hi | cat; echo after"); !strings.Contains(out, "hi") || !strings.Contains(out, "after") {
		t.Errorf("exec /bin/echo hi | cat; echo after: %q", out)
	}
	if out := s.Run("x=$(exec /bin/echo sub); echo \"x=$x\""); !strings.Contains(out, "x=sub") {
		t.Errorf("x=$(exec /bin/echo sub): %q", out)
	}
	if out := s.Run("echo still here"); !strings.Contains(out, "still here") {
		t.Errorf("the shell after exec in copies: %q", out)
	}
}

// TestExecFailureInteractive: when exec cannot run the program (here a #!
// interpreter that does not exist), an interactive shell goes on with its
// fds as they were: its own stderr (where the prompt goes) is back after
// "exec ./bad 2>/dev/null", and the user's fds 3, 10 and 11 still work.
//
// Accepted difference: bash keeps the redirections of the failed exec (its
// prompt then goes to /dev/null); gosh puts them back.
func TestExecFailureInteractive(t *testing.T) {
	s := newSession(t)
	if s.Name != "gosh" {
		t.Skip("bash keeps a failed exec's redirections")
	}
	if err := os.WriteFile(filepath.Join(s.Dir, "bad"), []byte("#!/nonexistent/interpreter\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	s.Run("exec 3>f 10>g 11>h")
	s.SendLine("exec ./bad 2>/dev/null; echo status $?")
	s.Expect("status 127")
	s.WaitPrompt()
	if out := s.Run("echo three >&3; echo ten >&10; echo eleven >&11; cat f g h"); !strings.Contains(out, "three\nten\neleven") {
		t.Errorf("the user's fds after a failed exec: %q", out)
	}
}

// TestSubshellState: "( ... )" in a script runs in a copy of the shell; cd,
// exec, exit, umask, ulimit and exec N>file in it stay in it.
func TestSubshellState(t *testing.T) {
	runRows(t, []row{
		{name: "subshell-cd", files: map[string]string{"d/": ""},
			script: "(cd d; echo hi >f; readlink /proc/self/cwd); ls d/f; readlink /proc/$$/cwd; pwd",
			out:    "{DIR}/d\nd/f\n{DIR}\n{DIR}\n"},
		{name: "subshell-exec", script: "(exec /bin/echo sub; echo no); echo after $?", out: "sub\nafter 0\n"},
		{name: "subshell-exec-status", script: "(exec sh -c 'exit 5'); echo $?", out: "5\n"},
		{name: "subshell-exit", script: "(exit 3; echo no); echo $?", out: "3\n"},
		{name: "subshell-umask", script: "umask 022; (umask 077; touch p); stat -c %a p; umask", out: "600\n0022\n"},
		{name: "subshell-ulimit", script: "ulimit -n 200; (ulimit -n 64; sh -c 'ulimit -n'); ulimit -n", out: "64\n200\n"},
		{name: "subshell-exec-fd", script: "(exec 3>f; echo in >&3); cat f; echo out >&3",
			out: "in\n", errHas: "3: Bad file descriptor", status: 1},
		{name: "group-exec-fd-stays", script: "{ exec 4>g; }; echo four >&4; cat g", out: "four\n"},
		{name: "group-redirected-fd-restored", script: "exec 5>a; { exec 5>b; echo inner >&5; } 5>c; echo outer >&5; cat a b c",
			out: "outer\ninner\n"},
	})
}
