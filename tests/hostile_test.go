package tests

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/creack/pty"
)

// TestNoclobberSafeOpen checks that set -C opens new files with
// O_CREAT|O_EXCL, as bash does: no symlink is followed into creating or
// truncating its target, and non-regular files are still written.
func TestNoclobberSafeOpen(t *testing.T) {
	runRows(t, []row{
		{name: "dangling-symlink-refused", script: "ln -s target d; set -C; echo y > d; echo $?; [ -e target ] && echo created || echo none",
			out: "1\nnone\n", errHas: "d: cannot overwrite existing file"},
		{name: "symlink-to-file-refused", script: "echo a > f; ln -s f d; set -C; echo y > d; echo $?; cat f",
			out: "1\na\n", errHas: "d: cannot overwrite existing file"},
		{name: "symlink-to-dev-null-ok", script: "ln -s /dev/null n; set -C; echo y > n; echo $?", out: "0\n"},
		{name: "and-great-dangling-refused", script: "ln -s target d; set -C; echo y &> d; echo $?; [ -e target ] && echo created || echo none",
			out: "1\nnone\n", errHas: "d: cannot overwrite existing file"},
		{name: "new-file-created", script: "set -C; echo y > new; cat new", out: "y\n"},
		{name: "force-follows-symlink", script: "ln -s target d; set -C; echo y >| d; cat target", out: "y\n"},
	})
}

// TestHistoryHugeFileMemory: a huge history file is read as it streams
// past, keeping HISTSIZE entries, so the shell's peak memory (VmHWM) stays
// close to that of a shell with an empty history file. The old reader held
// the whole file and its lines (about 4 times its size).
func TestHistoryHugeFileMemory(t *testing.T) {
	peak := func(content []byte) int {
		t.Helper()
		home := t.TempDir()
		hist := filepath.Join(home, "hist")
		if err := os.WriteFile(hist, content, 0o600); err != nil {
			t.Fatal(err)
		}
		out, errs, status := runShell(t, shellRun{Args: []string{"-i"}, Home: home,
			Env:   []string{"HISTFILE=" + hist, "HISTSIZE=1000"},
			Stdin: "grep VmHWM /proc/$$/status\n"})
		var kb int
		if _, err := fmt.Sscanf(out, "VmHWM: %d kB", &kb); err != nil || status != 0 {
			t.Fatalf("status %d, stdout %q, stderr %q", status, out, errs)
		}
		if data, _ := os.ReadFile(hist); bytes.Count(data, []byte("\n")) > 1001 {
			t.Errorf("history file not trimmed to HISTSIZE: %d lines", bytes.Count(data, []byte("\n")))
		}
		return kb
	}
	var big bytes.Buffer
	for i := 0; big.Len() < 40<<20; i++ {
		fmt.Fprintf(&big, "echo history line %d with some padding text to make it a little longer\n", i)
	}
	idle, huge := peak(nil), peak(big.Bytes())
	t.Logf("VmHWM: %d kB with an empty history, %d kB with %d MB of history", idle, huge, big.Len()>>20)
	if huge-idle > 8<<10 {
		t.Errorf("a %d MB history file raised peak memory by %d kB (idle %d kB)", big.Len()>>20, huge-idle, idle)
	}
}

// TestOutsideTextNeverRaw: a command word with a newline and an ESC in it
// (as a file name can have) is shown quoted by procs and ptree, and in
// caret form by jobs -l (which shows the job's text as written, as bash
// does, here with a raw ESC in it), explain and the trace: no line can be
// forged and no escape sequence reaches the terminal.
func TestOutsideTextNeverRaw(t *testing.T) {
	script := `f=$(printf 'a\nb\033c')
sh -c 'sleep 100; :' x "$f" 'e` + "\x1b" + `f' &
jobs -l; procs | grep 'sleep 100;'; ptree | grep 'sleep 100;'; explain "echo '$f'"
set -o trace; /bin/true "$f"; set +o trace
kill %1
`
	out, errs, status := runShell(t, shellRun{Args: []string{"-c", script}})
	if status != 0 {
		t.Fatalf("status %d\nstdout: %q\nstderr: %q", status, out, errs)
	}
	if strings.Contains(out+errs, "\x1b") {
		t.Errorf("a raw ESC reached the output:\nstdout: %q\nstderr: %q", out, errs)
	}
	for _, want := range []string{
		"Running                 sh -c 'sleep 100; :' x \"$f\" 'e^[f' &\n", // jobs -l
		"[1] sh -c sleep 100; : x $'a\\nb\\Ec' $'e\\Ef'\n",                 // procs
		"sh -c sleep 100; : x $'a\\nb\\Ec' $'e\\Ef'  [1]",                  // ptree
		"one simple command: echo 'a^Jb^[c'\n",                             // explain
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, `["/bin/true" "a\nb\x1bc"]`) {
		t.Errorf("trace lacks the quoted argv:\n%s", errs)
	}
}

// TestCtrlCInBuiltinAbandonsLine: Ctrl+C while the shell waits in a builtin
// (wait) abandons the rest of the command line, with status 130, as bash.
func TestCtrlCInBuiltinAbandonsLine(t *testing.T) {
	s := newSession(t)
	s.SendLine("sleep 10 & wait; echo status=$?")
	p := s.ProcByArgs("sleep 10")
	s.Send("\x03")
	if out := s.WaitPrompt(); strings.Contains(out, "status=") {
		t.Errorf("the rest of the line ran after Ctrl+C: %q", out)
	}
	if st := s.Status(); st != 130 {
		t.Errorf("$? = %d after Ctrl+C in wait, want 130", st)
	}
	syscall.Kill(p.Pid, syscall.SIGKILL)
}

// TestExitAfterStoppedWarningStatus: the exit that follows "There are
// stopped jobs." returns 1, as in bash (the warned exit failed, so $? is
// 1), not the stopped job's 148. Ctrl+D does not change $?, in bash too.
func TestExitAfterStoppedWarningStatus(t *testing.T) {
	for _, key := range []struct {
		name, keys string
		want       int
	}{{"exit", "exit\r", 1}, {"ctrl-d", "\x04", 148}} {
		t.Run(key.name, func(t *testing.T) {
			s := newSession(t)
			s.SendLine("sleep 100")
			p := s.ProcByArgs("sleep 100")
			stopFg(s, []procStat{p})
			s.Send(key.keys)
			s.Expect("There are stopped jobs.\n")
			s.WaitPrompt()
			s.Send(key.keys)
			if st := s.ExitStatus(expectTimeout); st != key.want {
				t.Errorf("exit status %d after the warning, want %d", st, key.want)
			}
		})
	}
}

// TestBuiltinSIGPIPE: a script whose echo writes into a pipe whose reader
// has gone stops at once, as bash and dash do (they die of SIGPIPE):
// status 141, and no flood of "write error: Broken pipe".
func TestBuiltinSIGPIPE(t *testing.T) {
	dir := t.TempDir()
	var script strings.Builder
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&script, "echo line %d\n", i)
	}
	path := filepath.Join(dir, "echos")
	if err := os.WriteFile(path, []byte(script.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(requireGosh(t), path)
	cmd.Env = cleanEnv(dir)
	var errs bytes.Buffer
	cmd.Stderr = &errs
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	first, _ := bufio.NewReader(out).ReadString('\n')
	out.Close() // as head -1 does after its line
	err = cmd.Wait()
	status := cmd.ProcessState.ExitCode()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		status = 128 + int(ws.Signal())
	}
	if first != "line 0\n" || status != 141 {
		t.Errorf("first line %q, status %d (%v); want line 0, 141", first, status, err)
	}
	if errs.Len() > 0 {
		t.Errorf("stderr: %.200q (%d bytes)", errs.String(), errs.Len())
	}
}

// TestStartWithoutJobControl: gosh -i runs where it cannot have job control
// and says so once, as bash does: with stdin a file under setsid, on a
// terminal that is not its controlling terminal (none at all, or another
// one).
func TestStartWithoutJobControl(t *testing.T) {
	t.Run("stdin-file", func(t *testing.T) {
		out, errs, status := runShell(t, shellRun{Args: []string{"-i", "--norc"}, Stdin: "echo hi\nexit 3\n"})
		if out != "hi\n" || status != 3 || strings.Count(errs, "no job control in this shell") != 1 {
			t.Errorf("status %d, stdout %q, stderr %q", status, out, errs)
		}
	})
	for _, withCtty := range []bool{false, true} {
		name := "no-controlling-terminal"
		if withCtty {
			name = "other-controlling-terminal"
		}
		t.Run(name, func(t *testing.T) {
			master, slave, err := pty.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer master.Close()
			defer slave.Close()
			cmd := exec.Command(requireGosh(t), "--norc", "-i")
			cmd.Env = append(cleanEnv(t.TempDir()), "TERM=xterm", "PS1="+promptPS1)
			cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Pdeathsig: syscall.SIGKILL}
			if withCtty {
				otherMaster, otherSlave, err := pty.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer otherMaster.Close()
				defer otherSlave.Close()
				cmd.ExtraFiles = []*os.File{otherSlave} // fd 3 in the child
				cmd.SysProcAttr.Setctty, cmd.SysProcAttr.Ctty = true, 3
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() {
				cmd.Process.Kill()
				cmd.Wait()
			}()
			output := collectOutput(master)
			waitFor(t, expectTimeout, "the prompt", func() bool { return strings.Contains(output(), promptPS1) })
			master.Write([]byte("echo hi $((6*7))\r"))
			waitFor(t, expectTimeout, "the command's output", func() bool { return strings.Contains(output(), "hi 42\r\n") })
			if n := strings.Count(output(), "no job control in this shell"); n != 1 {
				t.Errorf("%d notices in %q", n, output())
			}
			master.Write([]byte("exit 4\r"))
			waitFor(t, expectTimeout, "the shell to exit", func() bool { return cmd.ProcessState != nil || !alive(cmd.Process.Pid) || isZombie(cmd.Process.Pid) })
		})
	}
}

// isZombie reports whether pid has exited and waits to be reaped.
func isZombie(pid int) bool {
	st, err := readStat(pid)
	return err == nil && st.State == 'Z'
}

// collectOutput reads r (a pty's master side) until it fails, in a
// goroutine of its own, and returns a function that gives everything read
// so far.
func collectOutput(r io.Reader) func() string {
	var mu sync.Mutex
	var buf bytes.Buffer
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := r.Read(b)
			mu.Lock()
			buf.Write(b[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return func() string { mu.Lock(); defer mu.Unlock(); return buf.String() }
}
