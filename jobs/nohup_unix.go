//go:build linux

package jobs

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// NohupFlag is the hidden first argument with which Launch re-executes gosh
// for a Stage with IgnoreHUP: gosh --nohup-exec [--ignore=SIG,SIG...] PATH ARGV...
const NohupFlag = "--nohup-exec"

// NohupExec is what gosh runs when started with NohupFlag: args are PATH
// and ARGV... (the arguments after the flag). It is nohup(1) in the process
// that runs the stage, after the stage's redirections are in place (the
// shell opened them in order, just before the start, as for any program):
// nohupFiles moves the fds that are still the terminal, then SIGHUP is set
// to SIG_IGN and the helper replaces itself with the program. Go's
// syscall.ForkExec cannot start a child with a signal ignored, but an
// ignored signal stays ignored across execve, so this short-lived gosh
// does it. It returns only on failure, with nohup's status (125: a file
// could not be opened, 126: the program could not run).
func NohupExec(args []string) (int, error) {
	var also []string
	if len(args) > 0 && strings.HasPrefix(args[0], nohupIgnore) {
		also = strings.Split(strings.TrimPrefix(args[0], nohupIgnore), ",")
		args = args[1:]
	}
	if len(args) < 2 {
		return 125, errors.New(NohupFlag + ": usage: [" + nohupIgnore + "SIG,SIG...] PATH ARGV0 [ARG...]")
	}
	if err := nohupFiles(); err != nil {
		return 125, err
	}
	signal.Ignore(syscall.SIGHUP)
	for _, f := range also {
		if n, err := strconv.Atoi(f); err == nil && n > 0 && n < 65 {
			signal.Ignore(syscall.Signal(n))
		}
	}
	err := syscall.Exec(args[0], args[1:], os.Environ())
	return 126, &os.PathError{Op: "exec", Path: args[0], Err: err}
}

// nohupIgnore starts the optional first argument of NohupFlag: more
// signals to ignore (trap "" in a copy of the shell), as SigIgnFlag's list.
const nohupIgnore = "--ignore="

// alsoIgnored is ", SIGINT" for the trace: the signals ignored with SIGHUP.
func alsoIgnored(sigs []syscall.Signal) string {
	if len(sigs) == 0 {
		return ""
	}
	return ", " + signalNames(sigs)
}

// waitNohupHelper waits, at most ten seconds (a loaded machine), until nohup's helper (pid)
// has set up its fds and replaced itself with the program, or has ended:
// /proc/PID/cmdline no longer has NohupFlag as its second word. Run by the
// shell right after starting it, so that what nohup says ("nohup:
// ignoring input ...") is on the terminal before the shell's next prompt,
// and nohup.out exists when the command has been started.
func waitNohupHelper(pid int) {
	path := "/proc/" + strconv.Itoa(pid) + "/cmdline"
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(path)
		if err != nil {
			return
		}
		// Empty: the kernel lets the forking shell go on (vfork) before
		// the new program's arguments are in place, and cmdline reads as
		// nothing until they are; or the helper has ended (a zombie's
		// cmdline is empty too).
		if len(data) == 0 {
			if ended(pid) {
				return
			}
			time.Sleep(200 * time.Microsecond)
			continue
		}
		words := strings.Split(string(data), "\x00")
		if len(words) < 2 || words[1] != NohupFlag {
			return
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// nohupFiles does what nohup(1) does with fds 0-2, in the stage's process:
// stdin from /dev/null if it is a terminal; stdout appended to nohup.out
// (or $HOME/nohup.out), created 0600, if it is a terminal; stderr to
// stdout if it is a terminal. What it did is said on stderr as it was,
// in GNU nohup's words ("nohup: ignoring input and appending output to
// 'nohup.out'").
func nohupFiles() error {
	inTTY, outTTY, errTTY := isTerminalFd(0), isTerminalFd(1), isTerminalFd(2)
	var msg string
	if inTTY {
		fd, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			return fmt.Errorf("/dev/null: %s", errText(err))
		}
		moveFd(fd, 0)
		msg = "ignoring input"
	}
	and := func(what string) {
		if msg != "" {
			msg += " and "
		}
		msg += what
	}
	if outTTY {
		name := "nohup.out"
		fd, err := unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_APPEND|unix.O_CLOEXEC, 0o600)
		if err != nil && os.Getenv("HOME") != "" {
			name = os.Getenv("HOME") + "/nohup.out"
			fd, err = unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_APPEND|unix.O_CLOEXEC, 0o600)
		}
		if err != nil {
			return fmt.Errorf("failed to open 'nohup.out': %s", errText(err))
		}
		moveFd(fd, 1)
		and(fmt.Sprintf("appending output to '%s'", name))
	} else if errTTY {
		and("redirecting stderr to stdout")
	}
	if msg != "" {
		FdWriter(2).Write([]byte("nohup: " + msg + "\n"))
	}
	if errTTY {
		unix.Dup3(1, 2, 0)
	}
	return nil
}

// moveFd puts fd at number to (dup3, the copy without close-on-exec, so
// the program inherits it) and closes fd.
func moveFd(fd, to int) {
	unix.Dup3(fd, to, 0)
	unix.Close(fd)
}

// isTerminalFd reports whether fd is a terminal.
func isTerminalFd(fd int) bool {
	_, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	return err == nil
}

// ended reports whether process pid has exited (a zombie, or gone).
func ended(pid int) bool {
	f, ok := statFields(pid)
	return !ok || f[0] == "Z" || f[0] == "X"
}
