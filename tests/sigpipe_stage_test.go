package tests

import "testing"

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
			out: "0 0\n", err: "gosh: echo: write error: Broken pipe\nafter 0\n"},
		{name: "ignored-group", script: `trap "" PIPE; { while echo y; do :; done; echo after $? >&2; } | true; echo ${PIPESTATUS[*]}`,
			out: "0 0\n", err: "gosh: echo: write error: Broken pipe\nafter 0\n"},
	})
}
