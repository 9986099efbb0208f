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
// fd is the descriptor a write found full, and the function releases the
// pipe of $( ) it is a write end of, if any; fd -1 means a child is about
// to start, and it releases every such pipe. It reports whether it released
// one.
var releaseInline func(fd int) bool

// SetInlinePipeRelease installs the release function: run once, by the
// shell package's init, before any goroutine starts.
func SetInlinePipeRelease(f func(fd int) bool) { releaseInline = f }

// releaseInlinePipes runs the release function, if there is one.
func releaseInlinePipes(fd int) bool {
	return releaseInline != nil && releaseInline(fd)
}
