package tests

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Programs that start $SHELL: script(1), make, su, and a login with an
// empty environment. Each test skips when its tool is missing; the
// behaviour they rely on is tested without them elsewhere (a pty session,
// gosh -ec in clients.txt, argv[0] "-gosh" in TestLoginShell).

// runTool runs a program in its own session with a deadline, and returns
// its combined output and exit status.
func runTool(t *testing.T, dir string, env []string, stdin string, name string, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	cmd.Stdin = strings.NewReader(stdin)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	out, err := cmd.CombinedOutput()
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // whatever it left behind
	}
	status := 0
	if ee, ok := err.(*exec.ExitError); ok {
		status = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out), status
}

// TestScriptClient: script -qec 'gosh -i' gives gosh a pty and feeds it
// the lines of its own standard input; the exit status of gosh is
// script's.
func TestScriptClient(t *testing.T) {
	if _, err := exec.LookPath("script"); err != nil {
		t.Skip("script is not installed")
	}
	dir := t.TempDir()
	env := append(cleanEnv(dir), "TERM=xterm", "PS1=S$ ")
	out, status := runTool(t, dir, env, "echo in-script $((2+3)) $-\nexit 7\n",
		"script", "-qec", requireGosh(t)+" --norc -i", "/dev/null")
	if !strings.Contains(out, "in-script 5 himBHs") || status != 7 {
		t.Errorf("gosh under script: status %d, output %q", status, out)
	}
}

// TestMakeShell: make SHELL=gosh runs each recipe line with gosh -c, or
// the whole recipe of a .ONESHELL target as one text with .SHELLFLAGS.
func TestMakeShell(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"Makefile": "all:\n\t@echo \"[$$0] $$-\"\n\t@x=1; if [ $$x = 1 ]; then echo one; fi\n",
		"one.mk":   ".ONESHELL:\n.SHELLFLAGS = -ec\nall:\n\t@x=5\n\techo \"x is $$x\"\n\tfor i in a b; do\n\t  echo $$i\n\tdone\n\tfalse\n\techo never\n",
	})
	gosh := requireGosh(t)
	env := cleanEnv(dir)
	out, status := runTool(t, dir, env, "", "make", "-s", "SHELL="+gosh)
	if out != "["+gosh+"] hBc\none\n" || status != 0 {
		t.Errorf("make SHELL=gosh: status %d, output %q", status, out)
	}
	out, status = runTool(t, dir, env, "", "make", "-s", "-f", "one.mk", "SHELL="+gosh)
	if !strings.HasPrefix(out, "x is 5\na\nb\n") || strings.Contains(out, "never") || status != 2 {
		t.Errorf(".ONESHELL with -ec: status %d, output %q", status, out)
	}
}

// TestSuShell: su -s gosh USER -c CMD runs gosh -c as USER; su - makes it
// a login shell ("-gosh"). Needs root and su.
func TestSuShell(t *testing.T) {
	if _, err := exec.LookPath("su"); err != nil || os.Geteuid() != 0 {
		t.Skip("needs su and root")
	}
	// The test's own directories are for root only: nobody needs a gosh
	// it may run, in a directory it may enter.
	dir, err := os.MkdirTemp("", "gosh-su-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	gosh := filepath.Join(dir, "gosh")
	data, err := os.ReadFile(requireGosh(t))
	if err == nil {
		err = os.WriteFile(gosh, data, 0o755)
	}
	if err == nil {
		err = os.Chmod(dir, 0o755)
	}
	if err != nil {
		t.Fatal(err)
	}
	env := cleanEnv(dir)
	out, status := runTool(t, dir, env, "", "su", "-s", gosh, "nobody", "-c", `echo "[$0] $(id -un)"; shopt -q login_shell || echo not-login`)
	if out != "["+filepath.Base(gosh)+"] nobody\nnot-login\n" || status != 0 {
		t.Errorf("su -s gosh nobody -c: status %d, output %q", status, out)
	}
	out, _ = runTool(t, dir, env, "", "su", "-", "-s", gosh, "nobody", "-c", `echo "[$0] $USER $SHELL"; shopt login_shell`)
	if !strings.Contains(out, "[-"+filepath.Base(gosh)+"] nobody "+gosh+"\nlogin_shell    \ton\n") {
		t.Errorf("su - -s gosh nobody -c: %q", out)
	}
}

// TestEmptyEnvironmentLogin: env -i gosh -l (as a minimal login, or cron)
// fills in HOME, USER, LOGNAME and SHELL from /etc/passwd and a PATH, and
// is a login shell.
func TestEmptyEnvironmentLogin(t *testing.T) {
	if _, err := os.Stat("/etc/gosh/profile"); err == nil {
		t.Skip("/etc/gosh/profile may change the variables")
	}
	gosh := requireGosh(t)
	dir := t.TempDir()
	out, status := runTool(t, dir, []string{}, "", gosh, "-l", "-c",
		`for v in HOME USER LOGNAME SHELL PATH; do [ -n "${!v}" ] || echo "$v empty"; done; echo "$PATH"; shopt login_shell`)
	if status != 0 || strings.Contains(out, "empty") ||
		!strings.HasSuffix(out, "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin\nlogin_shell    \ton\n") {
		t.Errorf("env -i gosh -l: status %d, output %q", status, out)
	}
}
