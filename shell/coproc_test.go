package shell

import (
	"slices"
	"testing"

	"golang.org/x/sys/unix"
)

// A coproc's fds are numbered as bash numbers them, below 64 around the
// fds already taken; a read-only NAME is reported and left alone, the
// fds are kept all the same.
func TestCoprocFds(t *testing.T) {
	tests := []struct {
		taken    []int
		readonly bool
		want     []string // NAME's elements; nil: NAME not set
	}{
		{nil, false, []string{"63", "60"}},
		{[]int{63, 60}, false, []string{"62", "58"}},
		{[]int{62}, false, []string{"63", "59"}},
		{[]int{61, 60}, false, []string{"63", "58"}},
		{nil, true, nil},
	}
	for _, tt := range tests {
		sh := testShell(t)
		sh.Vars.Unset("C")
		if tt.readonly {
			sh.Vars.Set("C", "x")
			sh.Vars.SetReadOnly("C")
		}
		for _, n := range tt.taken {
			sh.setUserFd(n, devNull(), fdOwned)
		}
		var p [2]int
		if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
			t.Fatal(err)
		}
		sh.coproc = &coprocState{name: "C", pid: 1}
		sh.keepCoprocFds(p[0], p[1])
		got, _ := sh.Vars.GetArray("C")
		if tt.readonly {
			got = nil
			if v, _ := sh.Vars.Get("C"); v != "x" {
				t.Errorf("taken %v: a read-only C became %q", tt.taken, v)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("taken %v: C=%q, want %q", tt.taken, got, tt.want)
		}
		// The fds are close-on-exec: a new process gets them only where
		// a redirection puts them.
		r, w := sh.coproc.fds[0], sh.coproc.fds[1]
		tab := sh.newFdTable()
		tab.set(1, w.real)
		files := tab.files()
		if tab.get(r.n) != r.real || files[r.n] != -1 || files[w.n] != -1 || files[1] != w.real {
			t.Errorf("taken %v: fds %d and %d: table %v, files %v", tt.taken, r.n, w.n, tab.fds, files)
		}
		sh.releaseFds()
	}
}
