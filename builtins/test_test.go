package builtins

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTestExpressions(t *testing.T) {
	tests := []struct {
		argv   string // split on spaces; _ stands for an empty argument
		status int
	}{
		{"test", 1},
		{"test a", 0},
		{"test _", 1},
		{"test !", 0},
		{"test ! a", 1},
		{"test ! _", 0},
		{"test -n", 0},
		{"test -z _", 0},
		{"test -n _", 1},
		{"test a = a", 0},
		{"test a == b", 1},
		{"test a != b", 0},
		{"test a < b", 0},
		{"test b > a", 0},
		{"test 1 -eq 1", 0},
		{"test -1 -lt 0", 0},
		{"test +1 -gt 0", 0},
		{"test 2 -ge 2", 0},
		{"test 2 -le 1", 1},
		{"test 2 -ne 1", 0},
		{"test a -a _", 1},
		{"test a -o _", 0},
		{"test _ -a _ -o a", 0},
		{"test a -o _ -a _", 0}, // -a binds tighter
		{"test ! a = b", 0},
		{"test ( a )", 0},
		{"test ( _ )", 1},
		{"test ( a = b ) -o a", 0},
		{"test ! ( a )", 1},
		{"test ! ! a", 0},
		{"test ! ! ! a", 1},
		{"test = = =", 0},
		{"test -a = -a", 0},
		{"test ! =", 1},
		{"test ! -z a", 0},
		{"test ( -n a )", 0},
		{"test -t a", 1},
		{"test -t 99", 1},
		{"test -o nosuch", 1},
		{"test -v PATH", 0},
		{"test -v nosuch", 1},
		{"[ a ]", 0},
		{"[ ]", 1},
		{"[ a = a -a b ]", 0},
	}
	for _, tc := range tests {
		argv := strings.Fields(tc.argv)
		for i, a := range argv {
			if a == "_" {
				argv[i] = ""
			}
		}
		check(t, tc.argv, run(t, newFake(t), "", argv...), tc.status, "", "")
	}
}

func TestTestErrors(t *testing.T) {
	tests := []struct {
		argv   string
		errOut string
	}{
		{"[ a", "gosh: [: missing `]'\n"},
		{"[", "gosh: [: missing `]'\n"},
		{"test a ]", "gosh: test: a: unary operator expected\n"},
		{"test a b", "gosh: test: a: unary operator expected\n"},
		{"test a b c", "gosh: test: b: binary operator expected\n"},
		{"test 1 -eq a", "gosh: test: a: integer expression expected\n"},
		{"test a -eq 1", "gosh: test: a: integer expression expected\n"},
		{"test 99999999999999999999 -gt 0", "gosh: test: 99999999999999999999: integer expression expected\n"},
		{"test 0x10 -eq 16", "gosh: test: 0x10: integer expression expected\n"},
		{"test ( a", "gosh: test: (: unary operator expected\n"},
		{"test ( a = a", "gosh: test: `)' expected\n"},
		{"[ ( a = a ]", "gosh: [: `)' expected, found ]\n"},
		{"test ( a = a x", "gosh: test: `)' expected, found x\n"},
		{"test 1 -eq 2 -o", "gosh: test: argument expected\n"},
		{"test 1 2 3 4 5", "gosh: test: too many arguments\n"},
		{"test a = a -a", "gosh: test: argument expected\n"},
		{"test -x a b", "gosh: test: a: binary operator expected\n"},
		{"test -gt 1", "gosh: test: -gt: unary operator expected\n"},
		{"test a -foo b", "gosh: test: -foo: binary operator expected\n"},
		{"test ( a ) b", "gosh: test: too many arguments\n"},
		{"test a b c d e -x", "gosh: test: too many arguments\n"},
		{"test a = b -z", "gosh: test: syntax error: `-z' unexpected\n"},
	}
	for _, tc := range tests {
		check(t, tc.argv, run(t, newFake(t), "", strings.Fields(tc.argv)...), 2, "", tc.errOut)
	}
}

func TestTestFiles(t *testing.T) {
	sh := newFake(t)
	dir := sh.wd
	write := func(name string, mode os.FileMode, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), mode); err != nil {
			t.Fatal(err)
		}
	}
	write("empty", 0o644, "")
	write("full", 0o600, "x")
	write("prog", 0o755, "#!/bin/sh\n")
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.Symlink("full", filepath.Join(dir, "link"))
	os.Symlink("nowhere", filepath.Join(dir, "dangling"))
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "empty"), old, old)
	sticky := filepath.Join(dir, "sticky")
	os.Mkdir(sticky, 0o755)
	os.Chmod(sticky, 0o755|os.ModeSticky)

	tests := []struct {
		argv   string
		status int
	}{
		// Relative names are taken from the shell's directory, not the process's.
		{"-e full", 0}, {"-e nosuch", 1}, {"-a full", 0},
		{"-f full", 0}, {"-f sub", 1}, {"-d sub", 0}, {"-d full", 1},
		{"-s full", 0}, {"-s empty", 1},
		{"-L link", 0}, {"-h link", 0}, {"-L full", 1}, {"-f link", 0},
		{"-L dangling", 0}, {"-e dangling", 1},
		{"-x prog", 0}, {"-x full", 1}, {"-r full", 0}, {"-w full", 0},
		{"-c /dev/null", 0}, {"-b /dev/null", 1}, {"-p /dev/null", 1}, {"-S /dev/null", 1},
		{"-k sticky", 0}, {"-k sub", 1}, {"-u full", 1}, {"-g full", 1},
		{"-O full", 0}, {"-G full", 0},
		{"full -ef link", 0}, {"full -ef empty", 1}, {"full -ef nosuch", 1},
		{"full -nt empty", 0}, {"empty -nt full", 1}, {"empty -ot full", 0},
		{"full -nt nosuch", 0}, {"nosuch -nt full", 1},
		{"nosuch -ot full", 0}, {"full -ot nosuch", 1}, {"nosuch -nt nosuch", 1},
	}
	for _, tc := range tests {
		argv := append([]string{"test"}, strings.Fields(tc.argv)...)
		check(t, tc.argv, run(t, sh, "", argv...), tc.status, "", "")
	}
	check(t, "empty name", run(t, sh, "", "test", "-e", ""), 1, "", "")
}

// BenchmarkTestBuiltin: one [ "$i" -lt 100 ] as a loop runs it, in the
// shell: no fork, no exec.
func BenchmarkTestBuiltin(b *testing.B) {
	sh := &fakeShell{vars: map[string]*fakeVar{}, opts: map[string]bool{}}
	io := IO{In: strings.NewReader(""), Out: &strings.Builder{}, Err: &strings.Builder{}, InFd: -1, OutFd: -1, ErrFd: -1}
	argv := []string{"[", "42", "-lt", "100", "]"}
	for b.Loop() {
		if st, _ := runTest(sh, io, argv); st != 0 {
			b.Fatal(st)
		}
	}
}

// BenchmarkPrintf: printf '%s=%5.2f\n' x 3.14159, in the shell.
func BenchmarkPrintf(b *testing.B) {
	sh := &fakeShell{vars: map[string]*fakeVar{}, opts: map[string]bool{}}
	argv := []string{"printf", "%s=%5.2f\n", "x", "3.14159"}
	for b.Loop() {
		var out strings.Builder
		io := IO{Out: &out, Err: &out, InFd: -1, OutFd: -1, ErrFd: -1}
		if st, _ := runPrintf(sh, io, argv); st != 0 {
			b.Fatal(st)
		}
	}
}
