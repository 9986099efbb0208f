package shell

import (
	"bytes"
	"errors"
	"io"
	"os"

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
		return sh.noSubstPipe(err)
	}
	sub, spare := sh.substClone() // subst_scratch.go
	sub.enterSubshell()
	sub.substLines = newSubstLines(list, sh.line) // $LINENO as bash numbers it (substlines.go)
	// bash (outside POSIX mode) clears -e in a command substitution:
	// set -e; x=$(false; echo still) sets x to "still".
	sub.Opts.Errexit = sh.Opts.Errexit && sh.Opts.Shopt.InheritErrexit // shopt inherit_errexit keeps it
	sub.xtraceDepth = sh.xtraceDepth + 1                               // set -x: "++ " inside $( )
	sub.flow.loopDepth = sh.flow.loopDepth                             // bash: break in $( ) ends it quietly
	sub.stdio[1] = pipe.w
	// Ctrl+C ends the list and the command line. A line's context that
	// Ctrl+C ended already is the one the prompt after that line is
	// expanded in (the next line gets a new one): its $( ) runs in full.
	sub.lineCopy = sh.abandonsLine()
	if sh.ctx != nil && sh.ctx.Err() != nil {
		sub.ctx, sub.lineCopy = nil, false
	}
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
	var interrupt <-chan struct{}
	if sub.lineCopy {
		interrupt = sh.lineContext().Done()
	}
	data, abandoned := pipe.finish(sh, interrupt) // closes the write end, reads to the end
	sh.giveBack(sub, spare)
	if abandoned {
		// Ctrl+C while the shell waited for the end of the output.
		if err == nil {
			os.Stderr.WriteString("\n") // after the terminal's ^C, as for a job
		}
		sh.lastSubst, sh.Status = 130, 130
		return "", errAbandon
	}
	sh.lastSubst = sub.Status
	// bash sets $? at once: "echo $(exit 4) $?" prints 4.
	sh.Status = sub.Status
	if err != nil && !errors.Is(err, io.EOF) {
		return data, err
	}
	return data, nil
}

// noSubstPipe is what a command substitution gives when its pipe cannot
// be made (ulimit -n): as in bash, a message, an empty result, and $? as
// it was; the command goes on.
func (sh *Shell) noSubstPipe(err error) (string, error) {
	sh.namedErrorf("cannot make pipe for command substitution: %s", errnoText(err))
	return "", nil
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
		return -1, nil, err
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
