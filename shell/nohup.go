package shell

import (
	"golang.org/x/sys/unix"
)

// prepareNohup checks a nohup command and returns the program's argv. What
// nohup(1) does with the fds (stdin from /dev/null, stdout to nohup.out,
// stderr to stdout, each only if it is a terminal) happens in the process
// that runs the stage, after the stage's redirections (jobs.NohupExec):
// the stage is started with SIGHUP ignored (jobs.Stage.IgnoreHUP) through
// gosh's nohup helper, so the hangup that kills the other jobs when the
// terminal closes does not kill it.
func (sh *Shell) prepareNohup(argv []string) ([]string, error) {
	if len(argv) < 2 {
		return nil, &programError{"nohup: missing operand"}
	}
	return argv[1:], nil
}

// programError is the message of a program gosh stands in for (nohup),
// written as that program writes it: without "gosh: " in front.
type programError struct{ msg string }

func (e *programError) Error() string { return e.msg }

// isTerminal reports whether fd refers to a terminal.
func isTerminal(fd int) bool {
	if fd < 0 {
		return false
	}
	_, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	return err == nil
}
