//go:build linux

package jobs

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// ForkExec's child places its error pipe, and each descriptor it must move
// out of the way, at numbers from len(Files) upwards; dup3 onto a number at
// or above the soft RLIMIT_NOFILE fails with EBADF. A gosh that inherited a
// high descriptor (fd 251) passes it to every child, so its Files table is
// 252 long, and under ulimit -n 30 no child could start. fitFiles shortens
// the table to what ForkExec must do itself; the rest is inherited by the
// child as exec inherits it, at the same number.

// fdLimitError says which descriptor cannot reach a child under ulimit -n.
type fdLimitError struct{ fd, limit int }

func (e *fdLimitError) Error() string { return FdLimitMessage(e.fd, e.limit) }

// FdLimitMessage is what gosh says when fd n is at or above the open-files
// limit and cannot be placed: bash's words, and why.
func FdLimitMessage(n, limit int) string {
	return fmt.Sprintf("%d: Bad file descriptor (at or above the open-files limit, ulimit -n %d)", n, limit)
}

// fitFiles returns the Files table for ForkExec: files itself while ForkExec
// has room for it under the soft open-files limit. Otherwise its tail is cut:
// a closed entry whose number the shell holds close-on-exec (or not at all)
// needs no step, and an entry that is its own number (an inherited fd the
// child gets where it is) is passed by inheritance: its number goes into
// keep, and the caller clears its close-on-exec flag for the fork
// (inheritForFork); and a high descriptor the table hands to a low number
// is replaced by a low copy of it, listed in low for the caller to close
// after the fork. Run by the shell under the launch lock.
func fitFiles(files []int) (fit, keep, low []int, err error) {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) != nil || lim.Cur >= uint64(forkRoom(files)) {
		return files, nil, nil, nil
	}
	limit := int(lim.Cur)
	fit = append([]int(nil), files...)
	for len(fit) > 3 {
		n := len(fit) - 1
		fd := fit[n]
		if fd == -1 && !inheritable(n) {
			fit = fit[:n]
			continue
		}
		if fd == n {
			keep = append(keep, n)
			fit = fit[:n]
			continue
		}
		break
	}
	// ForkExec also starts its free numbers above the highest descriptor
	// in the table: one that is high (fd 1 of the child is the shell's
	// 251) is handed over through a low copy, closed after the fork.
	if forkRoom(fit) > limit {
		for i, fd := range fit {
			if fd < len(fit) {
				continue
			}
			c, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 3)
			if err != nil || c >= fd {
				if err == nil {
					unix.Close(c)
				}
				continue
			}
			low = append(low, c)
			fit[i] = c
		}
	}
	if forkRoom(fit) > limit {
		closeAll(low)
		for i := len(fit) - 1; i >= 0; i-- {
			if fit[i] >= 0 && fit[i] != i && i >= limit {
				return nil, nil, nil, &fdLimitError{i, limit}
			}
		}
		return nil, nil, nil, &fdLimitError{len(fit) - 1, limit}
	}
	return fit, keep, low, nil
}

// closeAll closes the low copies fitFiles made, once the fork is done.
func closeAll(fds []int) {
	for _, fd := range fds {
		unix.Close(fd)
	}
}

// inheritable reports whether the shell holds fd open without
// close-on-exec, so that a child would inherit it.
func inheritable(fd int) bool {
	flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	return err == nil && flags&unix.FD_CLOEXEC == 0
}

// inheritForFork clears the close-on-exec flag of the shell's fds in keep
// for the moment of a fork, so that the child inherits them at their
// numbers: run by the shell under the launch lock (every ForkExec of the
// shell runs under it). The returned function sets the flags again.
func (t *Table) inheritForFork(keep []int) (restore func()) {
	var cleared []int
	for _, fd := range keep {
		flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
		if err != nil || flags&unix.FD_CLOEXEC == 0 {
			continue
		}
		unix.FcntlInt(uintptr(fd), unix.F_SETFD, flags&^unix.FD_CLOEXEC)
		cleared = append(cleared, fd)
		t.trace.Shell(Msg{
			En: "fcntl(%d, F_SETFD, 0)  (for this fork only: the child inherits fd %d where it is, so that ForkExec's table stops below it, as ulimit -n requires)",
			Ko: "fcntl(%d, F_SETFD, 0)  (이번 fork에만: 자식은 fd %d를 그 번호 그대로 물려받는다. 그래서 ForkExec의 표가 그 아래에서 끝나고, ulimit -n을 지킨다)",
		}, fd, fd)
	}
	return func() {
		for _, fd := range cleared {
			unix.FcntlInt(uintptr(fd), unix.F_SETFD, unix.FD_CLOEXEC)
		}
	}
}

// forkRoom is the number of descriptors ForkExec's child needs for files:
// the table, its error pipe above it, and one more number for each entry
// it moves out of the way first (a descriptor below its own slot).
func forkRoom(files []int) int {
	need := len(files)
	for _, fd := range files {
		need = max(need, fd+1)
	}
	need++
	for i, fd := range files {
		if fd >= 0 && fd < i {
			need++
		}
	}
	return need
}
