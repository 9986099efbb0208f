package shell

import (
	"testing"

	"golang.org/x/sys/unix"
)

// The child of a process substitution is a child gosh (/proc/self/exe),
// which a unit test binary is not: the end-to-end rows are in
// tests/testdata/oneliners/procsubst.txt and tests/procsubst_test.go. These
// tests check the shell's side: which fd number, its lookup and closing.

func TestFreeProcSubstFd(t *testing.T) {
	tests := []struct {
		name string
		open []int // user fds open besides 0-2
		want int
	}{
		{"none open", nil, 63},
		{"63 taken", []int{63}, 62},
		{"63 and 62 taken", []int{63, 62}, 61},
		{"a gap", []int{63, 61}, 62},
		{"fds above 63 do not count", []int{64, 100}, 63},
		{"all taken", rangeInts(3, 63), -1},
	}
	for _, tt := range tests {
		sh := New(Config{Arg0: "gosh"})
		for _, n := range tt.open {
			sh.setUserFd(n, 0, fdBorrowed)
		}
		if got := sh.freeProcSubstFd(); got != tt.want {
			t.Errorf("%s: freeProcSubstFd() = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func rangeInts(lo, hi int) []int {
	var out []int
	for n := lo; n <= hi; n++ {
		out = append(out, n)
	}
	return out
}

// TestProcSubstEnds: ends installed as user fds are found by procSubstAt,
// a redirection made before them reopens them, and closeProcSubsts closes
// exactly those made since its mark.
func TestProcSubstEnds(t *testing.T) {
	sh := New(Config{Arg0: "gosh"})
	install := func() (n, w int) {
		var p [2]int
		if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
			t.Fatal(err)
		}
		n = sh.freeProcSubstFd()
		sh.setUserFd(n, p[0], fdBorrowed)
		sh.procSubsts = append(sh.procSubsts, procSubstFd{n, p[0]})
		return n, p[1]
	}
	t0 := sh.newFdTable() // made before the substitutions, as "cmd < <(x)"
	n1, w1 := install()
	mark := len(sh.procSubsts)
	n2, w2 := install()
	defer unix.Close(w1)
	defer unix.Close(w2)
	if n1 != 63 || n2 != 62 {
		t.Fatalf("fds %d and %d, want 63 and 62", n1, n2)
	}
	unix.Write(w2, []byte("x"))
	if err := sh.openInto(t0, []int{0}, "/dev/fd/62", unix.O_RDONLY, false); err != nil {
		t.Fatalf("< /dev/fd/62: %v", err)
	}
	buf := make([]byte, 1)
	if n, _ := unix.Read(t0.get(0), buf); n != 1 || buf[0] != 'x' {
		t.Errorf("< /dev/fd/62 read %q", buf[:n])
	}
	t0.close()
	for _, tc := range []struct {
		path string
		ok   bool
	}{{"/dev/fd/63", true}, {"/dev/fd/61", false}, {"/proc/self/fd/62", true}} {
		t1 := &fdTable{}
		err := sh.openInto(t1, []int{0}, tc.path, unix.O_RDONLY, false)
		if (err == nil) != tc.ok {
			t.Errorf("< %s: error %v, want ok=%v", tc.path, err, tc.ok)
		}
		t1.close()
	}
	sh.closeProcSubsts(mark)
	if sh.UserFd(62) != -1 || sh.procSubstAt(62) != -1 {
		t.Errorf("fd 62 still open after closeProcSubsts(%d)", mark)
	}
	if sh.UserFd(63) < 0 || sh.procSubstAt(63) != sh.UserFd(63) {
		t.Errorf("fd 63 closed by closeProcSubsts(%d)", mark)
	}
	sh.closeProcSubsts(0)
	if sh.UserFd(63) != -1 || len(sh.procSubsts) != 0 {
		t.Errorf("fd 63 still open after closeProcSubsts(0)")
	}
}
