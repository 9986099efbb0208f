//go:build linux

package jobs

import (
	"errors"
	"os"
	"os/signal"
	"syscall"
)

// NohupFlag is the hidden first argument with which Launch re-executes gosh
// for a Stage with IgnoreHUP: gosh --nohup-exec PATH ARGV...
const NohupFlag = "--nohup-exec"

// NohupExec is what gosh runs when started with NohupFlag: args are PATH
// and ARGV... (the arguments after the flag). It sets SIGHUP to SIG_IGN and
// replaces itself with the program. Go's syscall.ForkExec cannot start a
// child with a signal ignored, but an ignored signal stays ignored across
// execve, so this short-lived gosh does it. It returns only on failure.
func NohupExec(args []string) error {
	if len(args) < 2 {
		return errors.New("gosh: " + NohupFlag + ": usage: PATH ARGV0 [ARG...]")
	}
	signal.Ignore(syscall.SIGHUP)
	err := syscall.Exec(args[0], args[1:], os.Environ())
	return &os.PathError{Op: "exec", Path: args[0], Err: err}
}
