package jobs

import (
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// fewThreads is set under a low ulimit -u (SetFewThreads). The Go runtime
// gives every goroutine blocked in a system call an OS thread of its own,
// and each thread counts against RLIMIT_NPROC; a thread the runtime cannot
// create ends the process. The shell's goroutines that may wait long on a
// descriptor (builtin stages of a pipeline reading or writing a pipe, read)
// then wait without a system call that sleeps: see PollFd.
var fewThreads atomic.Bool

// SetFewThreads makes waits on descriptors hold no OS thread (PollFd). Run
// by cmd/gosh at start-up, under a low ulimit -u.
func SetFewThreads() { fewThreads.Store(true) }

// ioSlots lets, under few threads, one goroutine at a time be in a read,
// write or poll system call through this file. Each such call is short
// (the descriptor is known to be ready), but one that the runtime finds
// still in the kernel has its P handed to another thread, made anew if
// none is idle: with twelve builtin stages at once, two slots still made
// the shell's threads one more than the reserve now and then (measured
// from /proc/PID/status), one slot never. A goroutine waiting for the slot
// waits on a channel, holding no thread.
var ioSlots = make(chan struct{}, 1)

// inSlot runs fn (one system call) in an I/O slot under few threads.
func inSlot[T any](fn func() (T, error)) (T, error) {
	if !fewThreads.Load() {
		return fn()
	}
	ioSlots <- struct{}{}
	defer func() { <-ioSlots }()
	return fn()
}

// FewThreads reports whether SetFewThreads was called.
func FewThreads() bool { return fewThreads.Load() }

// fewThreadsNaps are the pauses between looks at a descriptor that is not
// ready, under few threads: short at first, for a pipe that is about to be
// read or written, then at most 10 ms.
var fewThreadsNaps = []time.Duration{
	100 * time.Microsecond, 500 * time.Microsecond, time.Millisecond,
	2 * time.Millisecond, 5 * time.Millisecond, 10 * time.Millisecond,
}

// PollFd waits up to d (d < 0: without end) until fd is ready for events
// (unix.POLLIN, unix.POLLOUT), as poll(2) does, and reports whether it is
// ready (ready includes hang-up and error: the read or write that follows
// reports them). Run by the goroutine about to read or write fd.
//
// Normally it is poll(2) with a timeout: the thread sleeps in the kernel.
// Under few threads it never sleeps in the kernel: it looks with a zero
// timeout and naps between looks on a Go timer, so the waiting goroutine
// holds no OS thread and the shell needs no more threads however many
// stages wait at once.
func PollFd(fd int, events int16, d time.Duration) (bool, error) {
	if fd < 0 {
		// A closed fd (a builtin's >&-): poll(2) skips a negative fd and
		// would never say it is ready; the read or write that follows
		// fails with EBADF, as it must.
		return true, nil
	}
	var deadline time.Time
	if d >= 0 {
		deadline = time.Now().Add(d)
	}
	for nap := 0; ; nap++ {
		timeout := 0
		if !fewThreads.Load() {
			timeout = -1
			if d >= 0 {
				timeout = int(time.Until(deadline)/time.Millisecond) + 1
				if timeout < 0 {
					timeout = 0
				}
			}
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: events}}
		n, err := inSlot(func() (int, error) { return unix.Poll(fds, timeout) })
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
		if d >= 0 && !time.Now().Before(deadline) {
			return false, nil
		}
		if timeout != 0 {
			continue
		}
		wait := fewThreadsNaps[min(nap, len(fewThreadsNaps)-1)]
		if d >= 0 {
			wait = min(wait, time.Until(deadline))
		}
		time.Sleep(wait)
	}
}

// pipeBuf is PIPE_BUF: when poll(2) says a pipe is writable, at least this
// many bytes fit without blocking.
const pipeBuf = 4096

// writeFd writes p to fd with write(2). Under few threads it first waits
// with PollFd until fd is writable and writes at most pipeBuf bytes at a
// time, so a write into a full pipe never sleeps in the kernel.
func writeFd(fd int, p []byte) (int, error) {
	if !fewThreads.Load() {
		return unix.Write(fd, p)
	}
	releaseInlinePipes(fd, false) // PollFd would wait for room in a pipe nobody reads (inlinepipe_unix.go)
	if _, err := PollFd(fd, unix.POLLOUT, -1); err != nil {
		return 0, err
	}
	return inSlot(func() (int, error) { return unix.Write(fd, p[:min(len(p), pipeBuf)]) })
}

// ReadFd reads from fd with read(2). Under few threads it first waits with
// PollFd until fd is readable, so a read of an empty pipe never sleeps in
// the kernel.
func ReadFd(fd int, p []byte) (int, error) {
	if !fewThreads.Load() {
		return unix.Read(fd, p)
	}
	if _, err := PollFd(fd, unix.POLLIN, -1); err != nil {
		return 0, err
	}
	return inSlot(func() (int, error) { return unix.Read(fd, p) })
}

// ReadReady reads from fd with read(2) once PollFd has said it is ready:
// under few threads, in an I/O slot.
func ReadReady(fd int, p []byte) (int, error) {
	return inSlot(func() (int, error) { return unix.Read(fd, p) })
}
