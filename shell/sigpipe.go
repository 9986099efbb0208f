package shell

import (
	"syscall"

	"gosh/builtins"
)

// A process that writes to a pipe whose reader has gone gets SIGPIPE, and
// dies of it: that is how `yes | head -1` ends. bash's builtins write from
// the shell process itself, so a script whose echo writes into a closed
// pipe dies too (status 141) instead of going on. gosh's runtime turns
// the signal into an EPIPE error for the write; this file turns it back
// into the end of the shell. (A builtin stage of a pipeline, which runs
// on a copy of the shell, stops quietly with 141: pipeStageWriter.)

// guardBrokenPipe, for a builtin run by the shell itself in a script, makes
// its output writers notice EPIPE. It returns the guard whose flag they
// set, or nil when the shell is interactive or a copy (which has its own
// rule), or catches or ignores SIGPIPE (then the write fails with bash's
// "write error: Broken pipe" and the script goes on); the caller gives it
// back (hotState.giveGuard) after the builtin.
func (sh *Shell) guardBrokenPipe(io *builtins.IO, t *fdTable) *brokenPipeGuard {
	if sh.Opts.Interactive || sh.subshell || sh.pipeBroken != nil || sh.trapsSIGPIPE() {
		return nil
	}
	g := sh.hot().takeGuard() // given back by callBuiltin
	g.out = pipeStageWriter{fd: t.get(1), broken: &g.broken}
	g.err = pipeStageWriter{fd: t.get(2), broken: &g.broken, quiet: true}
	io.Out, io.Err = &g.out, &g.err
	return g
}

// brokenPipeGuard is the flag and the two writers of guardBrokenPipe in
// one piece of storage, reused from one builtin to the next (hotpath.go).
type brokenPipeGuard struct {
	broken   bool
	out, err pipeStageWriter
}

// brokenPipeExit ends the shell as SIGPIPE ends bash, once a builtin's
// write found the pipe closed: no "write error" message, the EXIT trap
// runs, and the process dies of SIGPIPE (status 141 to its parent). With a
// trap on PIPE (an empty one ignores it), the shell goes on, and the
// builtin's failure stands, as in bash.
func (sh *Shell) brokenPipeExit(broken *bool, status int, err error) (int, error) {
	if broken == nil || !*broken {
		return status, err
	}
	if sh.trapsSIGPIPE() {
		return status, err
	}
	sh.dieOf(int(syscall.SIGPIPE))
	code := 128 + int(syscall.SIGPIPE) // not reached: the process is gone
	return code, &ExitError{Status: code}
}

// ignoresSIGPIPE reports whether this shell or copy ignores SIGPIPE (trap
// "" PIPE, kept by every copy and subshell). A forked stage then gets
// EPIPE instead of dying: the builtin says "write error: Broken pipe" and
// goes on, as in bash. So a copy running a stage marks itself broken
// (pipeStageWriter) only while SIGPIPE is not ignored.
func (sh *Shell) ignoresSIGPIPE() bool {
	a, ok := sh.traps.action(int(syscall.SIGPIPE))
	return ok && a == ""
}

// stageBrokenPipe ends a copy running a pipeline stage as soon as one of
// its builtins wrote into the pipe whose reader has gone: a forked stage
// dies of SIGPIPE in that write, so nothing after it runs ("echo x ||
// echo failed >&2" says nothing). The exit unwinds the copy's loops and
// functions; the stage's status is 141.
func (sh *Shell) stageBrokenPipe() (int, error) {
	code := 128 + int(syscall.SIGPIPE)
	return code, &ExitError{Status: code}
}

// trapsSIGPIPE reports whether this shell has a trap on SIGPIPE that is in
// force: a handler, or "" that ignores it. (A child gosh lists its parent's
// traps, but only the ignored ones are in force in it, as in a subshell.)
func (sh *Shell) trapsSIGPIPE() bool {
	if len(sh.traps.Actions) == 0 {
		return false // no trap at all: the common case, on every builtin
	}
	_, ok := sh.traps.action(int(syscall.SIGPIPE))
	return ok
}
