package shell

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// prepareNohup applies what nohup(1) does to a stage before it starts:
// stdin from /dev/null if it is a terminal; stdout appended to nohup.out
// (or $HOME/nohup.out), created 0600, if it is a terminal; stderr to
// stdout if it is a terminal. The stage itself is then started with SIGHUP
// ignored (jobs.Stage.IgnoreHUP), so the hangup that kills the other jobs
// when the terminal closes does not kill it.
func (sh *Shell) prepareNohup(argv []string, t *fdTable) ([]string, error) {
	if len(argv) < 2 {
		return nil, &redirError{"nohup: missing operand"}
	}
	var notes []string
	errFd := t.get(2)
	if isTerminal(t.get(0)) {
		fd, err := openFile("/dev/null", unix.O_RDONLY, 0)
		if err != nil {
			return nil, &redirError{"nohup: /dev/null: " + errnoText(err)}
		}
		t.set(0, t.own(fd))
		notes = append(notes, "ignoring input")
	}
	if isTerminal(t.get(1)) {
		name := "nohup.out"
		fd, err := openFile(name, unix.O_WRONLY|unix.O_CREAT|unix.O_APPEND, 0o600)
		if err != nil {
			home, _ := sh.Vars.Get("HOME")
			name = home + "/nohup.out"
			fd, err = openFile(name, unix.O_WRONLY|unix.O_CREAT|unix.O_APPEND, 0o600)
			if err != nil {
				return nil, &redirError{"nohup: failed to open 'nohup.out': " + errnoText(err)}
			}
		}
		t.set(1, t.own(fd))
		notes = append(notes, fmt.Sprintf("appending output to '%s'", name))
	}
	if isTerminal(t.get(2)) {
		t.set(2, t.get(1))
	}
	if len(notes) > 0 {
		msg := "nohup: " + notes[0]
		if len(notes) == 2 {
			msg += " and " + notes[1]
		}
		fmt.Fprintln(fdWriter(errFd), msg)
	}
	return argv[1:], nil
}

// isTerminal reports whether fd refers to a terminal.
func isTerminal(fd int) bool {
	if fd < 0 {
		return false
	}
	_, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	return err == nil
}
