package tests

import (
	"strings"
	"testing"
)

// TestTestAndPrintfDoNotFork: [, test and printf run inside the shell.
// The trace narrates every process the shell starts ("fork+exec", then
// the child's execve); for a script made of them there is none, while
// /bin/true gets one.
func TestTestAndPrintfDoNotFork(t *testing.T) {
	script := `set -o trace; i=0; while [ $i -lt 3 ]; do printf '%d,' $i; test $i -ge 0 && i=$((i+1)); done; printf -v x '%s' done; echo $x`
	out, errOut, status := runShell(t, shellRun{Args: []string{"-c", script}})
	if status != 0 || out != "0,1,2,done\n" {
		t.Fatalf("status %d, out %q, err %q", status, out, errOut)
	}
	if strings.Contains(errOut, "fork+exec") || strings.Contains(errOut, "execve(") {
		t.Errorf("the trace shows a process started:\n%s", errOut)
	}
	// The check can fail: an external command is narrated.
	// (Not the last command of the -c text, which gosh would exec in
	// its own place, as bash -c does: tailexec.go.)
	_, errOut, _ = runShell(t, shellRun{Args: []string{"-c", "set -o trace; /bin/true; :"}})
	if !strings.Contains(errOut, "fork+exec") || !strings.Contains(errOut, "execve(") {
		t.Errorf("the trace of /bin/true does not narrate fork and execve:\n%s", errOut)
	}
}
