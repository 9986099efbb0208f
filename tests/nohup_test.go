package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNohupFiles: nohup does what nohup(1) does with fds 0-2 in the
// process that runs the program, after the command's own redirections,
// in order, and says so in GNU nohup's words, before the next prompt: at a
// terminal, output goes to nohup.out (0600); with 2>&1 >f, stdout is the
// file and stderr (still the terminal) follows it. A program that cannot
// be found is reported as nohup reports it, status 127.
func TestNohupFiles(t *testing.T) {
	s := newSession(t)
	if out := s.Run(`nohup sh -c 'echo out; echo err >&2'`); !strings.Contains(out, "nohup: ignoring input and appending output to 'nohup.out'") {
		t.Errorf("nohup at a terminal said %q", out)
	}
	if data, err := os.ReadFile(filepath.Join(s.Dir, "nohup.out")); err != nil || string(data) != "out\nerr\n" {
		t.Errorf("nohup.out: %q, %v; want out and err", data, err)
	}
	if fi, err := os.Stat(filepath.Join(s.Dir, "nohup.out")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("nohup.out: %v, %v; want mode 0600", fi, err)
	}
	if out := s.Run(`nohup sh -c 'echo o; echo e >&2' 2>&1 >f`); !strings.Contains(out, "nohup: ignoring input and redirecting stderr to stdout") {
		t.Errorf("nohup ... 2>&1 >f said %q", out)
	}
	if data, err := os.ReadFile(filepath.Join(s.Dir, "f")); err != nil || string(data) != "o\ne\n" {
		t.Errorf("f: %q, %v; want o and e", data, err)
	}
	// In the background too, nohup has spoken before the next prompt.
	if out := s.Run("nohup sleep 0.1 &"); !strings.Contains(out, "nohup: ignoring input and appending output to 'nohup.out'") {
		t.Errorf("nohup sleep 0.1 & said %q before the prompt", out)
	}
	if out := s.Run("nohup nosuch; echo status=$?"); !strings.Contains(out, "nohup: failed to run command 'nosuch': No such file or directory\nstatus=127") {
		t.Errorf("nohup nosuch: %q", out)
	}
}

// TestNohupPipelineLowFdLimit: the redirections of nohup stages are opened
// just before each stage starts, as for any program, so a long pipeline of
// them runs under a low ulimit -n, as in bash.
func TestNohupPipelineLowFdLimit(t *testing.T) {
	rlimit := buildHelper(t, "rlimit")
	long := "echo x" + strings.Repeat(" | nohup cat 3</dev/null", 40)
	out, errs, status := runShell(t, shellRun{Bin: rlimit, Dir: t.TempDir(), Args: []string{"-nofile", "30", "--", requireGosh(t), "-c", fdCheck(long + "\necho status=$?")}})
	noCrash(t, errs)
	if out != "x\nstatus=0\nfds unchanged\n" || status != 0 || errs != "" {
		t.Errorf("40 nohup stages with 3</dev/null under ulimit -n 30: status %d, stdout %q, stderr %q", status, out, errs)
	}
}
