//go:build linux

package jobs

import (
	"testing"

	"golang.org/x/sys/unix"
)

// The error pipe's numbers are those pipe2 then gives (the two lowest
// free), and confirm notices a descriptor taken or freed in between.
func TestErrPipeView(t *testing.T) {
	v := foreseeErrPipe()
	if v.r < 0 || v.w <= v.r {
		t.Fatalf("foreseen %d %d", v.r, v.w)
	}
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		t.Fatal(err)
	}
	unix.Close(p[0])
	unix.Close(p[1])
	if p[0] != v.r || p[1] != v.w {
		t.Errorf("foreseen [%d %d], pipe2 gave [%d %d]", v.r, v.w, p[0], p[1])
	}
	if r, w, sure := v.confirm(); !sure || r != v.r || w != v.w {
		t.Errorf("nothing changed, but confirm = %d %d %v", r, w, sure)
	}

	v = foreseeErrPipe()
	fd, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	if _, _, sure := v.confirm(); sure {
		t.Errorf("fd %d was opened in the window (foreseen [%d %d]), but confirm is sure", fd, v.r, v.w)
	}
}
