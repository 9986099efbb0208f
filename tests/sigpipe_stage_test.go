package tests

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

// TestStageSIGPIPE: a builtin or function running as a pipeline stage
// whose reader has gone stops at that write, as a forked stage of bash
// dies of SIGPIPE in it: nothing after the write runs (no "failed", no
// "after"), and PIPESTATUS says 141. With SIGPIPE ignored (trap "" PIPE)
// the write fails with bash's message instead, and the stage goes on. (A
// copy of gosh went on to the end of the and-or list after the failed
// write, and under trap "" PIPE ended silently with 141.) Each writer
// writes until a write fails, so the rows do not depend on when the
// reader ends.
func TestStageSIGPIPE(t *testing.T) {
	runRows(t, []row{
		{name: "function-stops", script: `f() { while :; do echo y || { echo failed >&2; return 3; }; done; }; f | true; echo ${PIPESTATUS[*]}`,
			out: "141 0\n"},
		{name: "group-stops", script: `{ while :; do echo a || echo failed >&2; done; echo after >&2; } | true; echo ${PIPESTATUS[*]}`,
			out: "141 0\n"},
		{name: "head", script: `g() { while :; do echo y; done; }; g | head -1; echo ${PIPESTATUS[*]}`, out: "y\n141 0\n"},
		{name: "ignored-goes-on", script: `trap "" PIPE; f() { while echo y; do :; done; echo after $? >&2; }; f | true; echo ${PIPESTATUS[*]}`,
			out: "0 0\n", err: "environment: line 1: echo: write error: Broken pipe\nafter 0\n"}, // f was defined in -c text
		{name: "ignored-group", script: `trap "" PIPE; { while echo y; do :; done; echo after $? >&2; } | true; echo ${PIPESTATUS[*]}`,
			out: "0 0\n", err: "gosh: line 1: echo: write error: Broken pipe\nafter 0\n"},
	})
}

// TestScriptSIGPIPETrapped: a script that catches or ignores SIGPIPE goes
// on after a builtin's write into a pipe whose reader has gone, and the
// builtin says "write error: Broken pipe" as bash's does (gosh's guard
// once dropped the message along with the death it stands for). The
// reader is gone before gosh starts: its stdout is a pipe whose read end
// is closed.
func TestScriptSIGPIPETrapped(t *testing.T) {
	for _, tt := range []struct {
		name, script, errs string
		status             int
	}{
		{"ignored", `trap "" PIPE; echo a; echo st=$? >&2; f() { echo in-f; }; f; echo fst=$? >&2`,
			"gosh: line 1: echo: write error: Broken pipe\nst=1\nenvironment: line 1: echo: write error: Broken pipe\nfst=1\n", 0},
		{"default", `echo a; echo never >&2`, "", 141},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			r.Close()
			defer w.Close()
			cmd := exec.Command(requireGosh(t), "-c", tt.script)
			cmd.Env = cleanEnv(t.TempDir())
			cmd.Stdout = w
			var errs bytes.Buffer
			cmd.Stderr = &errs
			cmd.Run()
			status := cmd.ProcessState.ExitCode()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				status = 128 + int(ws.Signal())
			}
			if status != tt.status || asGosh(errs.String()) != tt.errs {
				t.Errorf("status %d, stderr %q; want %d, %q", status, errs.String(), tt.status, tt.errs)
			}
		})
	}
}

// TestStageSIGPIPEIgnoredInteractive: at an interactive prompt, where a
// builtin stage runs in a child gosh, trap "" PIPE makes the stage's echo
// fail with bash's message and go on, as in bash.
func TestStageSIGPIPEIgnoredInteractive(t *testing.T) {
	s := newSession(t)
	s.Run(`trap "" PIPE`)
	s.SendLine(`{ while echo y; do :; done; echo after $? >&2; } | true; echo status ${PIPESTATUS[*]}`)
	out := s.Expect("status 0 0")
	if !strings.Contains(out, "gosh: echo: write error: Broken pipe") || !strings.Contains(out, "after 0") {
		t.Errorf("output %q: want the write error, then after 0", out)
	}
}
