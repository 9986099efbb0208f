//go:build linux

package jobs

// A command substitution whose list runs only builtins reads its pipe
// itself, once the list has ended (shell/subst_pipe_unix.go): no goroutine
// reads it meanwhile, and the write end is non-blocking, so that a builtin
// that fills the pipe gets EAGAIN instead of sleeping for a reader that is
// not there. Two things must not meet such a pipe, and this package is
// where they happen: a child process, which would inherit a non-blocking
// stdout and which the shell waits for while nobody reads; and a write that
// waits for room (EAGAIN, or poll(2) under few threads). Before either, the
// shell's release function turns the pipe back into an ordinary one
// (blocking, with a goroutine reading it, as every other pipe of the
// shell's).

// releaseInline is the shell's release function (SetInlinePipeRelease).
// fd -1 means a child is about to start: it releases every such pipe.
// Otherwise fd is a descriptor a write is about to wait on (full false:
// poll(2) under few threads) or found full (full true: EAGAIN), and it
// releases the pipe of $( ) fd is a write end of, if any. It reports
// whether the write should be tried again: it released the pipe, or (full)
// fd's pipe was released meanwhile by another goroutine, so fd blocks now.
var releaseInline func(fd int, full bool) bool

// SetInlinePipeRelease installs the release function: run once, by the
// shell package's init, before any goroutine starts.
func SetInlinePipeRelease(f func(fd int, full bool) bool) { releaseInline = f }

// releaseInlinePipes runs the release function, if there is one.
func releaseInlinePipes(fd int, full bool) bool {
	return releaseInline != nil && releaseInline(fd, full)
}
