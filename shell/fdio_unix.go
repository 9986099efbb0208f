package shell

import (
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// fdWriter writes straight to a file descriptor with write(2). Builtins
// write through it so that their output goes wherever their fd 1 or 2 was
// redirected, without wrapping the fd in an *os.File (which would own it
// and could switch it to non-blocking mode).
type fdWriter int

func (fd fdWriter) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := unix.Write(int(fd), p[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		n += m
	}
	return n, nil
}

// fdReader reads straight from a file descriptor with read(2).
type fdReader int

func (fd fdReader) Read(p []byte) (int, error) {
	for {
		n, err := unix.Read(int(fd), p)
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

// closeInheritedFds marks every descriptor above 2 that gosh inherited from
// its parent close-on-exec, so children see only 0, 1, 2 and what their
// redirections add. Go's own fds are already close-on-exec.
func closeInheritedFds() {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return
	}
	for _, e := range entries {
		fd, err := strconv.Atoi(e.Name())
		if err != nil || fd <= 2 {
			continue
		}
		unix.FcntlInt(uintptr(fd), unix.F_SETFD, unix.FD_CLOEXEC)
	}
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

// dupFd duplicates fd to a new close-on-exec descriptor above 9, so it does
// not collide with the fds a user names in redirections.
func dupFd(fd int) (int, error) {
	return unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 10)
}

// closeFdAny closes any descriptor of the shell, 0-2 included (exec 2>&-).
func closeFdAny(fd int) { unix.Close(fd) }
