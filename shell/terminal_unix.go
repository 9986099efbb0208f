package shell

import "golang.org/x/sys/unix"

// shellTerminal picks the descriptor an interactive shell takes for job
// control (tcsetpgrp, the terminal modes), or -1 when it has none: run by
// New for an interactive shell, before anything else opens files.
//
// Its standard input when that is a terminal, as always. Otherwise the
// terminal as bash's initialize_job_control finds it: its standard error
// ("gosh -i <script" typed at a terminal has job control, as "bash -i
// <script" has), or, when that is no terminal either, /dev/tty, the
// process's controlling terminal, opened as bash opens it (read-write,
// non-blocking). Both are held at 10 or above, close-on-exec, so that
// "exec 2>file" leaves the shell its terminal and no program inherits it.
func shellTerminal() int {
	if isTerminal(0) {
		return 0
	}
	if isTerminal(2) {
		if fd, err := dupFd(2); err == nil {
			return fd
		}
		return 2
	}
	fd, err := unix.Open("/dev/tty", unix.O_RDWR|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1 // no controlling terminal (setsid): no job control
	}
	if held, err := dupFd(fd); err == nil {
		unix.Close(fd)
		fd = held
	}
	return fd
}
