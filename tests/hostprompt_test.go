package tests

import (
	"os"
	"strings"
	"testing"
)

// TestHostNamePromptNeverRaw: \h and \H in the prompt show control
// characters of the host name in caret form, as \w does for a directory
// name: a host name cannot retitle or clear the terminal. (bash writes the
// host name raw.) The host name is set in a UTS namespace of its own.
func TestHostNamePromptNeverRaw(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to name the host in a new UTS namespace")
	}
	helper := buildHelper(t, "hostname")
	out, errs, status := runShell(t, shellRun{Bin: helper,
		Args:  []string{"h\x1b]0;x\ast.example", requireGosh(t), "--norc", "-i"},
		Env:   []string{"PS1=<\\h|\\H>$ ", "HISTFILE=/dev/null"},
		Stdin: "echo hi\n"})
	if status != 0 || out != "hi\n" {
		t.Fatalf("status %d, stdout %q, stderr %q", status, out, errs)
	}
	if want := "<h^[]0;x^Gst|h^[]0;x^Gst.example>$ "; !strings.Contains(errs, want) || strings.ContainsAny(errs, "\x1b\a") {
		t.Errorf("stderr %q: want the prompt %q, no raw ESC or BEL", errs, want)
	}
}
