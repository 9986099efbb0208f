package shell

import (
	"bytes"
	"errors"
	"io"

	"gosh/parser"
)

// commandSubst runs $(list) in a subshell (a copy of the shell, so that its
// assignments do not leak) with its stdout on a pipe, and returns what was
// written. The shell reads the pipe itself once the list has ended, or,
// when the list starts a child or fills the pipe, a goroutine reads it
// while the list runs, so a large output never blocks the writer
// (subst_pipe_unix.go).
func (sh *Shell) commandSubst(list *parser.List) (string, error) {
	if out, ok, err := sh.fileSubst(list); ok { // subst_file.go: $(< file)
		return out, err
	}
	if sh.mentionsPid(list) {
		return sh.commandSubstChild(list) // bashvars.go
	}
	pipe, err := sh.inlineSubstPipe()
	if err != nil {
		return "", err
	}
	sub, spare := sh.substClone() // subst_scratch.go
	sub.enterSubshell()
	// bash (outside POSIX mode) clears -e in a command substitution:
	// set -e; x=$(false; echo still) sets x to "still".
	sub.Opts.Errexit = sh.Opts.Errexit && sh.Opts.Shopt.InheritErrexit // shopt inherit_errexit keeps it
	sub.xtraceDepth = sh.xtraceDepth + 1                               // set -x: "++ " inside $( )
	sub.flow.loopDepth = sh.flow.loopDepth                             // bash: break in $( ) ends it quietly
	sub.stdio[1] = pipe.w
	err = sub.runList(list)
	if err != nil && err != errAbandon && !errors.Is(err, io.EOF) {
		// exit, return or break end the subshell only (function.go).
		sub.Status, err = subshellStatus(sub.Status, err)
	}
	if err == nil {
		// An EXIT trap set inside $( ) runs as the substitution ends; its
		// output is part of the result.
		sub.Status = sub.RunExitTrap(sub.Status)
	}
	sub.releaseFds()
	data := pipe.finish(sh) // closes the write end, reads to the end
	sh.giveBack(sub, spare)
	sh.lastSubst = sub.Status
	// bash sets $? at once: "echo $(exit 4) $?" prints 4.
	sh.Status = sub.Status
	if err != nil && !errors.Is(err, io.EOF) {
		return data, err
	}
	return data, nil
}

// substPipe opens the pipe the child gosh of a command substitution
// (commandSubstChild) writes its output to (w) and starts reading it at
// once, so that a large output never fills the pipe and blocks the writer.
// collect waits for the end of the output (every copy of w closed) and
// returns it; a shell string cannot hold NUL, so NUL bytes are dropped
// with bash's warning.
func (sh *Shell) substPipe() (w int, collect func() string, err error) {
	r, w, err := sh.Jobs.Pipe()
	if err != nil {
		return -1, nil, &ExpansionError{Msg: "command substitution: " + errnoText(err)}
	}
	out := make(chan []byte, 1)
	go func() {
		data, _ := io.ReadAll(fdReader(r))
		closeFd(r)
		out <- data
	}()
	collect = func() string {
		data := <-out
		if bytes.IndexByte(data, 0) >= 0 {
			data = bytes.ReplaceAll(data, []byte{0}, nil)
			sh.errorf("warning: command substitution: ignored null byte in input")
		}
		return string(data)
	}
	return w, collect, nil
}
