package shell

import (
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

// fdWriter writes straight to a file descriptor with write(2)
// (jobs.FdWriter): builtins write through it to their fd 1 or 2.
type fdWriter = jobs.FdWriter

// fdReader reads straight from a file descriptor with read(2).
type fdReader int

func (fd fdReader) Read(p []byte) (int, error) {
	for {
		n, err := jobs.ReadFd(int(fd), p)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n == 0 && len(p) > 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

// openFile opens a redirection target. The shell runs it, before starting
// the command, so that an error (no such file) is reported by the shell.
// The fd is close-on-exec: the child gets it only through its fd table.
func openFile(path string, flags int, perm uint32) (int, error) {
	for {
		fd, err := unix.Open(path, flags|unix.O_CLOEXEC, perm)
		if err == unix.EINTR {
			continue
		}
		return fd, err
	}
}

// closeFd closes one of the shell's descriptors.
func closeFd(fd int) {
	if fd > 2 {
		unix.Close(fd)
	}
}

// dup2 makes newfd a copy of oldfd in the shell itself. Only `exec` with
// redirections and no command runs it: it changes the shell's own fds,
// for every later command.
func dup2(oldfd, newfd int) error {
	for {
		err := unix.Dup3(oldfd, newfd, 0)
		if err != unix.EINTR {
			return err
		}
	}
}

// adoptInheritedFds runs once, as the shell starts (before it opens
// anything): every descriptor above 2 that gosh inherited from its parent
// becomes the user's fd of the same number, so that a script can use the
// fds 3-9 it was given, as in bash and dash ("exec 3>f; gosh -c 'echo hi
// >&3'"). It is marked close-on-exec: a child gets it through its fd table,
// as any other user fd. The descriptors of the Go runtime are already
// close-on-exec and are not the user's.
//
// open lists the descriptors above 2 the process has: inheritedFds finds
// them in a new shell; a child gosh passes those of its snapshot's table,
// which are all it was given (the memfd and the trace's fds are already
// dealt with), and so skips the search.
//
// Then it makes the Go runtime create its own descriptors (the epoll fd
// and the eventfd that wakes it, made lazily at the first timer or file)
// now, while every free number below 10 is taken by a placeholder: so they
// land at 10 or above, and "exec cmd" can put the user's fds 0-9 in place
// without overwriting them. Under a low ulimit -n the placeholders leave
// the runtime the numbers it needs (netpollFds).
//
// Fds 0, 1 and 2 are the process's own; one that is closed here is closed
// for the user too, but gets /dev/null (close-on-exec) so that no
// descriptor of gosh or Go can land on its number. In practice none is:
// the Go runtime (checkfds, since Go 1.22) opens /dev/null (O_RDWR) on a
// closed 0, 1 or 2 before any of gosh's code runs, which gosh cannot tell
// from a /dev/null its parent gave it. So "gosh -c 'echo hi' >&-" writes
// to /dev/null and returns 0, and its children get /dev/null there, where
// bash's echo fails with EBADF and its children find the fd closed.
func (sh *Shell) adoptInheritedFds(open []int) {
	sh.stdio, sh.fdHold = nil, nil
	top := 3
	if len(open) > 0 {
		top = max(top, slices.Max(open)+1)
	}
	sh.growUserFds(top) // the table's room, allocated once
	for n := 0; n < 3; n++ {
		if _, err := unix.FcntlInt(uintptr(n), unix.F_GETFD, 0); err == nil {
			sh.setUserFd(n, n, fdProcess)
			continue
		}
		if fd, err := unix.Open("/dev/null", unix.O_RDWR|unix.O_CLOEXEC, 0); err == nil && fd != n {
			unix.Dup3(fd, n, unix.O_CLOEXEC)
			unix.Close(fd)
		}
		sh.setUserFd(n, -1, fdProcess)
	}
	taken := [10]bool{true, true, true}
	for _, fd := range open {
		flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		if err != nil {
			continue
		}
		if fd < len(taken) {
			taken[fd] = true
		}
		if flags&unix.FD_CLOEXEC != 0 {
			continue // the runtime's
		}
		unix.FcntlInt(uintptr(fd), unix.F_SETFD, unix.FD_CLOEXEC)
		sh.setUserFd(fd, fd, fdOwned)
		sh.Jobs.Trace().Shell(jobs.Msg{En: "fd %d was inherited: it is the user's fd %d", Ko: "fd %d는 물려받은 것이다: 사용자의 fd %d다"}, fd, fd)
	}
	// The placeholders are the lowest free numbers, each found by the
	// kernel (open, then F_DUPFD_CLOEXEC from 3), never a number named by
	// the shell: a child gosh knows only the fds its snapshot gave it, and
	// the runtime may have made its netpoll already (under a low ulimit -u
	// ReserveThreads reads /proc first), at numbers below 10 that a dup3
	// onto them would close. A placeholder at 10 or above means every free
	// number below is held.
	want := 0
	for fd := 3; fd < len(taken); fd++ {
		if !taken[fd] {
			want++
		}
	}
	want = min(want, freeBelowLimit()-netpollFds)
	var held [10]int
	nheld := 0
	for nheld < want {
		var fd int
		var err error
		if nheld == 0 {
			fd, err = unix.Open("/dev/null", unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
		} else {
			fd, err = unix.FcntlInt(uintptr(held[0]), unix.F_DUPFD_CLOEXEC, 3)
		}
		if err != nil {
			break
		}
		held[nheld], nheld = fd, nheld+1
		if fd >= len(taken) {
			break
		}
	}
	startNetpoll(held[:nheld])
}

// startNetpoll makes the Go runtime create its netpoll descriptors now
// (adoptInheritedFds), and closes the placeholders held. The runtime
// starts its netpoll for the first file it is to poll: the first held
// placeholder, /dev/null opened with O_NONBLOCK, is handed to os.NewFile,
// which makes the netpoll (epoll_create1, eventfd2) and then offers it
// the placeholder, which epoll refuses (EPERM: /dev/null cannot be
// polled), and closed. With no placeholder held (no free number below 10,
// or a ulimit -n that leaves none to spare), a timer, made and stopped,
// starts it instead, which also wakes an idle thread of the runtime to
// wait for the timer: the file spares a start that wake-up (issue 9,
// speed).
func startNetpoll(held []int) {
	if len(held) == 0 {
		time.AfterFunc(time.Hour, func() {}).Stop()
		return
	}
	os.NewFile(uintptr(held[0]), "/dev/null").Close()
	for _, fd := range held[1:] {
		unix.Close(fd)
	}
}

// netpollFds is the number of descriptors the Go runtime makes for its
// netpoll (an epoll fd and an eventfd). Under a low ulimit -n (below 12)
// they cannot land at 10 or above: adoptInheritedFds then holds fewer
// placeholders, so that the runtime gets the highest free numbers; were
// every free number held, it could not start its netpoll and would end
// the process with a stack trace (as gosh did under ulimit -n 10).
const netpollFds = 2

// freeBelowLimit counts the descriptor numbers below the soft limit on
// open files that are free (0, 1 and 2 are open by now). Under a limit of
// pollFdLimit or more it says there are plenty, without counting. The open
// descriptors are read from /proc/self/fd: a child gosh is given fewer
// than it has (its snapshot's memfd, the trace's fds).
func freeBelowLimit() int {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) != nil || lim.Cur >= pollFdLimit {
		return pollFdLimit
	}
	free := int(lim.Cur) - 3
	for _, fd := range procFds() {
		if fd < int(lim.Cur) {
			free--
		}
	}
	return free
}

// pollFdLimit bounds the descriptors inheritedFds asks poll(2) about.
const pollFdLimit = 1024

// inheritedFds lists the open descriptors above 2: run by a new shell at
// start-up, for adoptInheritedFds. poll(2) with a zero timeout over 3-1023,
// 256 numbers at a time, answers POLLNVAL for each number that is not
// open: a few microseconds, where reading /proc/self/fd, whose entries the
// kernel builds on the first read, costs about 50 (issue 9: every gosh
// start pays it). The 2 KiB array is on the start-up goroutine's stack,
// which cmd/gosh/startstack made 32 KiB (one poll of 1021 numbers from an
// 8 KiB array would save under a microsecond). A descriptor at 1024 or
// above is not adopted; it stays open, not close-on-exec, so every child
// still gets it at its number, as in bash. Under ulimit -n below 1024 poll
// cannot name the numbers above the limit, where an inherited descriptor
// may still be: /proc/self/fd is read then.
func inheritedFds() []int {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) != nil || lim.Cur < pollFdLimit {
		return procFds()
	}
	var buf [256]unix.PollFd
	open := make([]int, 0, 8) // one allocation for the usual few
	for lo := 3; lo < pollFdLimit; lo += len(buf) {
		pfds := buf[:min(len(buf), pollFdLimit-lo)]
		for i := range pfds {
			pfds[i] = unix.PollFd{Fd: int32(lo + i)}
		}
		if pollNoWait(pfds) != nil {
			return procFds()
		}
		for _, p := range pfds {
			if p.Revents&unix.POLLNVAL == 0 {
				open = append(open, int(p.Fd))
			}
		}
	}
	return open
}

// pollNoWait is poll(2) with a zero timeout over pfds, made again when a
// signal interrupts it: run by the shell to learn which descriptor numbers
// are open without opening anything (POLLNVAL in Revents: not open), at
// start-up (inheritedFds) and for the copy-or-child rule (fdroom_unix.go).
func pollNoWait(pfds []unix.PollFd) error {
	for {
		_, err := unix.Poll(pfds, 0)
		if err != unix.EINTR {
			return err
		}
	}
}

// procFds lists the open descriptors above 2 from /proc/self/fd.
func procFds() []int {
	dir, err := unix.Open("/proc/self/fd", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	defer unix.Close(dir)
	// The entries are read into a buffer on the stack and their names
	// parsed in place.
	var open []int
	var buf [2048]byte
	for {
		n, err := unix.Getdents(dir, buf[:])
		if err != nil || n <= 0 {
			break
		}
		for off := 0; off+19 < n; {
			// struct linux_dirent64: ino (8), off (8), reclen (2),
			// type (1), name (NUL-terminated).
			reclen := int(buf[off+16]) | int(buf[off+17])<<8
			if reclen <= 0 || off+reclen > n {
				break
			}
			if fd, ok := direntNumber(buf[off+19 : off+reclen]); ok && fd > 2 && fd != dir {
				open = append(open, fd)
			}
			off += reclen
		}
	}
	return open
}

// direntNumber reads a directory entry's NUL-terminated name as a
// descriptor number ("." and ".." are not numbers).
func direntNumber(name []byte) (int, bool) {
	fd := 0
	for i, c := range name {
		switch {
		case c == 0:
			return fd, i > 0
		case c < '0' || c > '9' || fd > 1<<24:
			return 0, false
		}
		fd = fd*10 + int(c-'0')
	}
	return fd, len(name) > 0
}

// isExecutable reports whether path is a regular file we may execute.
func isExecutable(path string) (bool, error) {
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		return false, err
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		return false, unix.EISDIR
	}
	if unix.Access(path, unix.X_OK) != nil {
		return false, unix.EACCES
	}
	return true, nil
}

// errnoText is the C library's wording of an errno, as bash prints it.
func errnoText(err error) string {
	if e, ok := err.(unix.Errno); ok {
		s := e.Error()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	if pe, ok := err.(*os.PathError); ok {
		return errnoText(pe.Err)
	}
	return err.Error()
}

// dupFd duplicates fd to a new close-on-exec descriptor at 10 or above,
// out of the numbers users name in redirections. Under a limit on open
// files that leaves no number there free ("ulimit -n 10"), any free number
// will do: the user's fd table is virtual, so the number does not matter.
func dupFd(fd int) (int, error) { return dupFdFrom(fd, 10) }

// dupFdFrom is dupFd at from or above (at least 10). exec N>file puts the
// user's fd N at N or above: then ForkExec's child never has to move it
// out of the way before it dup2s it to N.
func dupFdFrom(fd, from int) (int, error) {
	nfd, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, max(from, 10))
	if err == unix.EINVAL || err == unix.EMFILE {
		nfd, err = unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 3)
	}
	return nfd, err
}

// closeFdAny closes any descriptor of the shell, 0-2 included (exec 2>&-).
func closeFdAny(fd int) { unix.Close(fd) }
