package shell

import (
	"os"
	"slices"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

// The user's fd table is virtual. Sh.stdio[n] is the real descriptor of
// the gosh process behind the fd n that the user's commands see (-1:
// closed), and sh.fdHold[n] says who holds that real descriptor. Only the
// top-level shell's fds 0, 1 and 2 are the process's own fds 0, 1, 2; the
// fd a user opens with "exec N>file" is a descriptor gosh holds at 10 or
// above, close-on-exec, whatever N is. A child gets the user's fd n as its
// real fd n through syscall.ProcAttr.Files (the dup2 happens in the child,
// between fork and exec); a builtin reads and writes the real descriptor.
// So "exec 9>lock" never closes, replaces or reuses a descriptor that the
// Go runtime (its epoll fd, the eventfd that wakes it) or gosh itself
// holds, whatever numbers they have. Only "exec cmd", which replaces gosh,
// puts the user's fds at their real numbers (execFds).

// fdHold says who holds the real descriptor behind one user fd, and so
// what "exec N>…" on it does.
type fdHold uint8

const (
	// fdBorrowed: someone else's descriptor (a command's redirection, the
	// context a copy of the shell was given). Replacing or closing the
	// user fd only forgets it.
	fdBorrowed fdHold = iota
	// fdOwned: this Shell opened it (exec N>file, an inherited fd); it
	// closes it when the user fd is replaced or closed, or the copy ends.
	fdOwned
	// fdProcess: the top-level shell's fd 0, 1 or 2, the process's own
	// fd n: exec dup2s onto it, so the shell's prompt and messages follow.
	fdProcess
)

// holdOf is who holds the real descriptor behind user fd n.
func (sh *Shell) holdOf(n int) fdHold {
	if n < len(sh.fdHold) {
		return sh.fdHold[n]
	}
	return fdBorrowed
}

// setUserFd makes user fd n refer to real (-1: closed), held as hold.
func (sh *Shell) setUserFd(n, real int, hold fdHold) {
	sh.growUserFds(n + 1)
	sh.stdio[n] = real
	sh.fdHold[n] = hold
	for len(sh.stdio) > 3 && sh.stdio[len(sh.stdio)-1] < 0 {
		sh.stdio = sh.stdio[:len(sh.stdio)-1]
		sh.fdHold = sh.fdHold[:len(sh.stdio)]
	}
}

// growUserFds makes the table at least n entries long, the new ones
// closed, as appends one entry at a time did, but with each of its two
// slices allocated at most once (growFilled). Appends allocated 16 slices
// of as many sizes up to an inherited fd 251, and 3 for fds 0-2, each
// size a span of the runtime's own at start-up (issue 9, speed).
func (sh *Shell) growUserFds(n int) {
	sh.stdio = growFilled(sh.stdio, n, -1)
	sh.fdHold = growFilled(sh.fdHold, n, fdBorrowed)
}

// growFilled is s made n long (if it is shorter), the new entries fill:
// within its capacity it only grows its length, else it is allocated
// once, with room for 10 entries at least.
func growFilled[T any](s []T, n int, fill T) []T {
	old := len(s)
	if n <= old {
		return s
	}
	if n > cap(s) {
		s = append(make([]T, 0, max(n, 10)), s...)
	}
	s = s[:n]
	for i := old; i < n; i++ {
		s[i] = fill
	}
	return s
}

// UserFd is the real descriptor behind the user's fd n, or -1 when it is
// closed (read -u n, and builtins that take an fd number).
func (sh *Shell) UserFd(n int) int {
	if n >= 0 && n < len(sh.stdio) {
		return sh.stdio[n]
	}
	return -1
}

// execFd is "exec n>…" for one user fd: from now on n refers to src, a
// fresh descriptor that becomes the shell's (-1: close n). It is run by
// the shell for the exec builtin without a command.
func (sh *Shell) execFd(n, src int) {
	tr := sh.Jobs.Trace()
	switch old := sh.UserFd(n); sh.holdOf(n) {
	case fdProcess:
		if src < 0 {
			// The number stays taken, so that nothing of Go's or gosh's
			// can land on it; the user's fd n is closed all the same.
			src = devNull()
			sh.setUserFd(n, -1, fdProcess)
		} else {
			sh.setUserFd(n, n, fdProcess)
		}
		if src >= 0 {
			dup2(src, n)
			closeFdAny(src)
			tr.Shell(jobs.Msg{
				En: "dup2(%d, %d)  (exec: the shell's own fd %d, for every later command)",
				Ko: "dup2(%d, %d)  (exec: 앞으로의 모든 명령을 위한 셸 자신의 fd %d)",
			}, src, n, n)
		}
	case fdOwned:
		if old >= 0 {
			closeFdAny(old)
			tr.Shell(jobs.Msg{En: "close(%d)  (the shell's descriptor behind its fd %d)", Ko: "close(%d)  (셸의 fd %d 뒤에 있던 디스크립터)"}, old, n)
		}
		fallthrough
	default:
		sh.setUserFd(n, src, fdOwned)
		if src >= 0 {
			tr.Shell(jobs.Msg{
				En: "fd %d is now the shell's descriptor %d (close-on-exec; a child gets it as its fd %d)",
				Ko: "이제 fd %d는 셸의 디스크립터 %d다 (close-on-exec. 자식은 이것을 자기 fd %d로 받는다)",
			}, n, src, n)
		}
	}
}

// devNull opens /dev/null, close-on-exec, at 10 or above.
func devNull() int {
	fd, err := openFile("/dev/null", unix.O_RDWR, 0)
	if err != nil {
		return -1
	}
	return moveHigh(fd)
}

// moveHigh moves a descriptor gosh holds to 10 or above (close-on-exec),
// out of the numbers users name in redirections.
func moveHigh(fd int) int {
	if fd >= 10 {
		return fd
	}
	nfd, err := dupFd(fd)
	if err != nil {
		return fd
	}
	closeFdAny(fd)
	return nfd
}

// enterView makes fds the fd table of the current context while a builtin
// runs (its redirections applied), and returns what ends the view. Fds the
// command redirected are borrowed from the command's table; the rest keep
// their holders, so that "exec 3>f" inside eval or a sourced file stays
// after it, as in bash.
func (sh *Shell) enterView(fds []int) func() {
	return sh.enterViewOf(fds, nil)
}

// enterViewOf is enterView for the fds of a command's table whose
// redirections closed the fds closed: those are restored at the end
// even where the view left them as they were ("{ exec 8<f; } 8<&-"
// leaves fd 8 closed, as in bash).
func (sh *Shell) enterViewOf(fds, closed []int) func() {
	base, baseHold := sh.stdio, sh.fdHold
	hold := make([]fdHold, len(fds))
	for n, fd := range fds {
		if n < len(base) && base[n] == fd && n < len(baseHold) {
			hold[n] = baseHold[n]
		}
	}
	sh.stdio = append([]int(nil), fds...)
	sh.fdHold = hold
	return func() { sh.leaveView(base, baseHold, fds, closed) }
}

// leaveView ends a view: an fd the command redirected gets back what it
// was before (closing what an exec inside put there, as bash restores a
// redirected fd); every other fd keeps what an exec inside did to it.
func (sh *Shell) leaveView(base []int, baseHold []fdHold, view, closed []int) {
	at := func(s []int, n int) int {
		if n < len(s) {
			return s[n]
		}
		return -1
	}
	cur, curHold := sh.stdio, sh.fdHold
	size := max(len(base), len(cur))
	sh.stdio = make([]int, 0, size)
	sh.fdHold = make([]fdHold, 0, size)
	for n := 0; n < size; n++ {
		fd, hold := at(cur, n), fdBorrowed
		if n < len(curHold) {
			hold = curHold[n]
		}
		if at(view, n) != at(base, n) || slices.Contains(closed, n) {
			if hold == fdOwned && fd >= 0 {
				closeFdAny(fd)
			}
			fd, hold = at(base, n), fdBorrowed
			if n < len(baseHold) {
				hold = baseHold[n]
			}
		}
		sh.stdio = append(sh.stdio, fd)
		sh.fdHold = append(sh.fdHold, hold)
	}
}

// releaseFds closes what a copy of the shell opened itself (exec N>file in
// "$(exec 3>f; …)"): run when the copy ends, as a forked subshell's fds
// close when it exits.
func (sh *Shell) releaseFds() {
	sh.copyEnded() // and it counts as the forked subshell's end (trap_unix.go)
	for n, hold := range sh.fdHold {
		if hold == fdOwned && n < len(sh.stdio) && sh.stdio[n] >= 0 {
			closeFdAny(sh.stdio[n])
			sh.stdio[n] = -1
		}
	}
}

// borrowAll marks every fd of a new copy of the shell borrowed: the copy
// sees the same descriptors and never closes or dup2s onto them.
func (sh *Shell) borrowAll() {
	sh.stdio = append([]int(nil), sh.stdio...)
	sh.fdHold = make([]fdHold, len(sh.stdio))
}

// openHigh opens a file that gosh keeps open (the history file) as an
// *os.File at 10 or above, close-on-exec, like every descriptor of gosh's
// own.
func openHigh(path string, flags int, perm uint32) (*os.File, error) {
	fd, err := openFile(path, flags, perm)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(moveHigh(fd)), path), nil
}
