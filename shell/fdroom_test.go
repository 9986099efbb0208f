package shell

import (
	"testing"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

// TestFreeFdsBelow: the count of free descriptor numbers below a limit
// follows the descriptors the process opens, and stops once it has need.
func TestFreeFdsBelow(t *testing.T) {
	const limit = 200
	before, err := freeFdsBelow(limit, limit)
	if err != nil {
		t.Fatal(err)
	}
	if before < 20 {
		t.Skipf("only %d descriptors free below %d", before, limit)
	}
	var opened []int
	defer func() {
		for _, fd := range opened {
			unix.Close(fd)
		}
	}()
	for range 10 {
		fd, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			t.Fatal(err)
		}
		opened = append(opened, fd)
	}
	// want is the exact count when it is below need; else the answer is
	// need or more (the count stops at the end of a poll's chunk).
	tests := []struct {
		limit, need, want int
	}{
		{limit, limit, before - 10},
		{limit, 5, -1},
		{limit, 0, -1},
		{0, limit, 0},
		{3, limit, 0}, // 0, 1 and 2 are open
		{limit + 1, 1, -1},
		{pollChunk, 1, -1},
		{pollChunk + 1, limit, before - 10 - (limit - pollChunk - 1)},
	}
	for _, tt := range tests {
		got, err := freeFdsBelow(tt.limit, tt.need)
		if err != nil || (tt.want >= 0 && got != tt.want) || (tt.want < 0 && got < tt.need) {
			t.Errorf("freeFdsBelow(%d, %d) = %d, %v; want %d (-1: need or more)", tt.limit, tt.need, got, err, tt.want)
		}
	}
}

// TestCopyFdNeed: five descriptors for each pipe, and the reserve.
func TestCopyFdNeed(t *testing.T) {
	for _, tt := range []struct{ stages, want int }{{2, 13}, {3, 18}, {21, 108}} {
		if got := copyFdNeed(tt.stages); got != tt.want {
			t.Errorf("copyFdNeed(%d) = %d, want %d", tt.stages, got, tt.want)
		}
	}
}

// TestSnapshotSlot: a child gosh's memfd goes at the lowest number from 3
// up that its table leaves closed (three in a row with the trace on).
func TestSnapshotSlot(t *testing.T) {
	const open = 7 // any descriptor of the shell
	tests := []struct {
		files []int
		trace bool
		want  int
	}{
		{[]int{0, 1, 2}, false, 3},
		{[]int{0, 1, 2}, true, 3},
		{[]int{0, 1, 2, open}, false, 4},
		{[]int{0, 1, 2, -1, open}, false, 3},
		{[]int{0, 1, 2, -1, open}, true, 5},
		{[]int{0, 1, 2, -1, -1, -1, open}, true, 3},
		{append(append([]int{0, 1, 2}, make([]int, 248)...), open), false, 3}, // fd 251 inherited: not 252
	}
	for _, tt := range tests {
		for i := 3; i < len(tt.files)-1; i++ {
			if tt.files[i] == 0 {
				tt.files[i] = -1
			}
		}
		if got := jobs.SnapshotSlot(tt.files, tt.trace); got != tt.want {
			t.Errorf("SnapshotSlot(%v, trace %v) = %d, want %d", tt.files, tt.trace, got, tt.want)
		}
	}
}

// BenchmarkFdRoom is what the rule's last question costs a builtin stage of
// a 3-stage pipeline when descriptors are plenty (the normal case): one
// poll(2) over the 18 numbers just below the limit, none of them open
// (topFree), the limit read from the cache.
func BenchmarkFdRoom(b *testing.B) {
	need := copyFdNeed(3)
	for b.Loop() {
		if free, _ := processFdRoom(need); free < need {
			b.Fatalf("only %d descriptors free", free)
		}
	}
}

// TestTopFree: the cheap first answer is yes only when every one of the
// need numbers just below the limit is free.
func TestTopFree(t *testing.T) {
	const limit = 300
	if !topFree(limit, 10) {
		t.Skipf("descriptors %d-%d are not all free", limit-10, limit-1)
	}
	if err := unix.Dup3(0, limit-3, unix.O_CLOEXEC); err != nil {
		t.Fatal(err)
	}
	defer unix.Close(limit - 3)
	tests := []struct {
		limit, need int
		want        bool
	}{
		{limit, 2, true},              // 298 and 299
		{limit, 3, false},             // 297 is open
		{limit, 10, false},            //
		{limit - 3, 10, true},         // 287-296
		{limit, pollChunk + 1, false}, // more than one poll: the count decides
		{5, 10, false},                // more than the limit
		{3, 3, false},                 // 0, 1 and 2 are open
	}
	for _, tt := range tests {
		if got := topFree(tt.limit, tt.need); got != tt.want {
			t.Errorf("topFree(%d, %d) = %v, want %v", tt.limit, tt.need, got, tt.want)
		}
	}
}
