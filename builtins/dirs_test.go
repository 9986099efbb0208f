package builtins

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDirStack(t *testing.T) {
	sh := newFake(t)
	home := sh.wd
	for _, d := range []string{"d1", "d2"} {
		if err := os.Mkdir(filepath.Join(home, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	d1, d2 := filepath.Join(home, "d1"), filepath.Join(home, "d2")
	steps := []struct {
		argv   []string
		status int
		out    string
		errOut string
		wd     string
	}{
		{[]string{"dirs"}, 0, "~\n", "", home},
		{[]string{"pushd", "d1"}, 0, "~/d1 ~\n", "", d1},
		{[]string{"pushd", d2}, 0, "~/d2 ~/d1 ~\n", "", d2},
		{[]string{"dirs", "-v"}, 0, " 0  ~/d2\n 1  ~/d1\n 2  ~\n", "", d2},
		{[]string{"dirs", "-l", "+1"}, 0, d1 + "\n", "", d2},
		{[]string{"dirs", "-0"}, 0, "~\n", "", d2},
		{[]string{"dirs", "+9"}, 1, "", "gosh: dirs: 9: directory stack index out of range\n", d2},
		{[]string{"pushd"}, 0, "~/d1 ~/d2 ~\n", "", d1},
		{[]string{"pushd", "+2"}, 0, "~ ~/d1 ~/d2\n", "", home},
		{[]string{"pushd", "-n", "x"}, 0, "~ x ~/d1 ~/d2\n", "", home},
		{[]string{"popd", "+1"}, 0, "~ ~/d1 ~/d2\n", "", home},
		{[]string{"popd"}, 0, "~/d1 ~/d2\n", "", d1},
		{[]string{"popd", "-n"}, 0, "~/d1\n", "", d1},
		{[]string{"popd"}, 1, "", "gosh: popd: directory stack empty\n", d1},
		{[]string{"pushd"}, 1, "", "gosh: pushd: no other directory\n", d1},
		{[]string{"pushd", "nosuch"}, 1, "", "gosh: pushd: nosuch: No such file or directory\n", d1},
		{[]string{"pushd", "a", "b"}, 1, "", "gosh: pushd: too many arguments\n", d1},
		{[]string{"pushd", "+3"}, 1, "", "gosh: pushd: directory stack empty\n", d1}, // only the working directory, as bash
		{[]string{"pushd", "-z"}, 2, "", "gosh: pushd: -z: invalid number\npushd: usage: pushd [-n] [+N | -N | dir]\n", d1},
		{[]string{"popd", "x"}, 2, "", "gosh: popd: x: invalid argument\npopd: usage: popd [-n] [+N | -N]\n", d1},
		{[]string{"dirs", "-z"}, 2, "", "gosh: dirs: -z: invalid number\ndirs: usage: dirs [-clpv] [+N] [-N]\n", d1},
		{[]string{"dirs", "a"}, 2, "", "gosh: dirs: a: invalid option\ndirs: usage: dirs [-clpv] [+N] [-N]\n", d1},
		{[]string{"pushd", d2}, 0, "~/d2 ~/d1\n", "", d2},
		{[]string{"dirs", "-c"}, 0, "", "", d2},
		{[]string{"dirs", "-p"}, 0, "~/d2\n", "", d2},
	}
	for _, s := range steps {
		check(t, strings.Join(s.argv, " "), run(t, sh, "", s.argv...), s.status, s.out, s.errOut)
		if sh.wd != s.wd {
			t.Errorf("%v: in %s, want %s", s.argv, sh.wd, s.wd)
		}
	}
	if st, _ := sh.GetArray("DIRSTACK"); len(st) != 1 || st[0] != d2 {
		t.Errorf("DIRSTACK = %q", st)
	}
}
