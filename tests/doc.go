// Package tests holds the end-to-end tests of gosh: they build the real
// binary once and drive it from outside, the way a user or a script does.
//
// Non-interactive behaviour (gosh -c, gosh FILE, commands on stdin) is
// checked by running the binary with os/exec and comparing stdout, stderr
// and the exit status with what bash does. Interactive behaviour and job
// control are checked in a pseudo-terminal with real keystrokes (Ctrl+Z is
// byte 0x1a, Ctrl+C is 0x03), and the state of every process is read from
// /proc/PID/stat: its state letter, its process group, its session and the
// terminal's foreground group.
//
// The differential corpus (diff_test.go) runs every line of
// tests/testdata/oneliners/*.txt as `bash -c LINE` and `gosh -c LINE` and
// compares stdout, stderr (after the shell's name) and status; the known
// differences, each with its reason, are in oneliners/differences.txt.
//
// Real clients drive gosh too (clients_*_test.go): pexpect's replwrap
// (gosh --rcfile, ECHO off), expect scripts, tmux (gosh as default-shell,
// send-keys and capture-pane, window resizes). Each protocol is emulated
// in Go over a pty, so the tests run with Go alone; where the tool itself
// is installed (python3 with pexpect, tmux) a test also runs it, and skips
// without it.
//
// The harness lives in harness_test.go:
//
//	runGosh(t, stdin, args...)      run gosh without a terminal
//	runShell(t, shellRun{...})      the same, with a directory, binary or env
//	newSession(t) / startSession()  gosh (or bash) in a pty
//	s.Send, s.Expect, s.WaitPrompt  keystrokes in, output out, with deadlines
//	readStat, children, findProcs   what /proc says about a process
//	waitFor(t, d, what, cond)       poll a condition with a deadline
//
// Every test cleans up the processes it started: a session is closed by
// killing every process whose session id is gosh's pid, and the test binary
// is a child subreaper, so orphans are reaped here instead of becoming
// zombies that nobody waits for.
package tests
