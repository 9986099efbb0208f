package shell

import (
	"slices"
	"testing"
)

// TestSetUserFd: the user's fd table after a sequence of setUserFd, from an
// empty table as adoptInheritedFds starts: each entry set, the ones between
// closed and borrowed, closed entries at the end trimmed (beyond 0-2), and
// the table's two slices allocated once each however far the first fd is
// (an inherited fd 251 made 16 allocations of as many sizes).
func TestSetUserFd(t *testing.T) {
	type set struct {
		n, real int
		hold    fdHold
	}
	tests := []struct {
		name      string
		sets      []set
		wantStdio []int
		wantHold  []fdHold
		maxAllocs float64
	}{
		{"0, 1 and 2", []set{{0, 0, fdProcess}, {1, 1, fdProcess}, {2, 2, fdProcess}},
			[]int{0, 1, 2}, []fdHold{fdProcess, fdProcess, fdProcess}, 2},
		{"an inherited fd far up", []set{{0, 0, fdProcess}, {1, 1, fdProcess}, {2, 2, fdProcess}, {251, 251, fdOwned}},
			append(append([]int{0, 1, 2}, slices.Repeat([]int{-1}, 248)...), 251),
			append(append([]fdHold{fdProcess, fdProcess, fdProcess}, make([]fdHold, 248)...), fdOwned), 4},
		{"fd 9 then 4", []set{{9, 20, fdOwned}, {4, 21, fdBorrowed}},
			[]int{-1, -1, -1, -1, 21, -1, -1, -1, -1, 20},
			[]fdHold{0, 0, 0, 0, fdBorrowed, 0, 0, 0, 0, fdOwned}, 2},
		{"closing the last trims the table", []set{{0, 0, fdProcess}, {5, 20, fdOwned}, {7, 21, fdOwned}, {7, -1, fdBorrowed}},
			[]int{0, -1, -1, -1, -1, 20}, []fdHold{fdProcess, 0, 0, 0, 0, fdOwned}, 2},
		{"closing below 3 keeps 0-2", []set{{2, 2, fdProcess}, {2, -1, fdProcess}},
			[]int{-1, -1, -1}, []fdHold{0, 0, fdProcess}, 2},
	}
	for _, tt := range tests {
		var sh Shell
		run := func() {
			sh.stdio, sh.fdHold = nil, nil
			for _, s := range tt.sets {
				sh.setUserFd(s.n, s.real, s.hold)
			}
		}
		allocs := testing.AllocsPerRun(10, run)
		if !slices.Equal(sh.stdio, tt.wantStdio) {
			t.Errorf("%s: stdio = %v, want %v", tt.name, sh.stdio, tt.wantStdio)
		}
		if !slices.Equal(sh.fdHold, tt.wantHold) {
			t.Errorf("%s: fdHold = %v, want %v", tt.name, sh.fdHold, tt.wantHold)
		}
		if allocs > tt.maxAllocs {
			t.Errorf("%s: %v allocations, want at most %v", tt.name, allocs, tt.maxAllocs)
		}
	}
}
