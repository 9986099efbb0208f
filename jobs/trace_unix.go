//go:build linux

package jobs

import (
	"time"

	"golang.org/x/sys/unix"
)

// FdWriter writes straight to a file descriptor with write(2), all of p
// (a short write goes on, EINTR is retried): a trace line is one write, so
// lines from the shell and from a child gosh sharing the descriptor never
// mix. The shell's builtins write through it too, so that their output goes
// wherever their fd 1 or 2 was redirected without wrapping the fd in an
// *os.File (which would own it and could make it non-blocking).
type FdWriter int

func (fd FdWriter) Write(p []byte) (int, error) {
	n := 0
	released := false
	for n < len(p) {
		m, err := writeFd(int(fd), p[n:])
		if err == unix.EINTR {
			continue
		}
		if err == unix.EAGAIN && !released && releaseInlinePipes(int(fd), true) {
			released = true
			continue // a pipe of $( ) was full: it blocks now, and is read (inlinepipe_unix.go)
		}
		if err != nil {
			return n, err
		}
		n += m
	}
	return n, nil
}

// waitGate waits until fd reads end-of-file, at most a second, and closes
// it (see Tracer.SetGate).
func waitGate(fd int) {
	deadline := time.Now().Add(time.Second)
	buf := make([]byte, 1)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			break
		}
		pfd := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(pfd, int(left/time.Millisecond)+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n == 0 {
			break
		}
		if m, err := unix.Read(fd, buf); err != unix.EINTR && m <= 0 {
			break
		}
	}
	unix.Close(fd)
}
