//go:build linux

package jobs

import (
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestPollFd: PollFd says whether a descriptor is ready, with and without
// few threads; a closed one (-1, a builtin's >&-) is ready at once, so
// that the read or write after it fails with EBADF instead of waiting for
// ever (poll(2) skips negative fds).
func TestPollFd(t *testing.T) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		t.Fatal(err)
	}
	defer unix.Close(p[0])
	defer unix.Close(p[1])
	defer fewThreads.Store(fewThreads.Load())
	for _, few := range []bool{false, true} {
		fewThreads.Store(few)
		for _, tt := range []struct {
			name   string
			fd     int
			events int16
			d      time.Duration
			ready  bool
		}{
			{"closed, no end", -1, unix.POLLOUT, -1, true},
			{"closed, read", -1, unix.POLLIN, -1, true},
			{"empty pipe", p[0], unix.POLLIN, 10 * time.Millisecond, false},
			{"pipe with room", p[1], unix.POLLOUT, -1, true},
		} {
			ready, err := PollFd(tt.fd, tt.events, tt.d)
			if err != nil || ready != tt.ready {
				t.Errorf("few threads %v, %s: PollFd = %v, %v; want %v", few, tt.name, ready, err, tt.ready)
			}
		}
	}
	if _, err := writeFd(-1, []byte("x")); err != unix.EBADF {
		t.Errorf("writeFd(-1) = %v, want EBADF", err)
	}
}
