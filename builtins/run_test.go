package builtins

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"gosh/jobs"
)

// pathFixture makes two PATH directories: prog is executable in both,
// noexec is a plain file in the first, lib.sh a script to source.
func pathFixture(t *testing.T, sh *fakeShell) (dir1, dir2 string) {
	t.Helper()
	dir1 = filepath.Join(sh.wd, "bin1")
	dir2 = filepath.Join(sh.wd, "bin2")
	for _, d := range []string{dir1, dir2} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "prog"), []byte("#!/bin/sh\n"), 0o755)
	}
	os.WriteFile(filepath.Join(dir1, "noexec"), []byte("x\n"), 0o644)
	os.WriteFile(filepath.Join(dir2, "lib.sh"), []byte("x=1\n"), 0o644)
	sh.SetVar("PATH", dir1+":"+dir2)
	sh.aliases["ll"] = "ls -l"
	sh.opts["expand_aliases"] = true // aliases count only where they are expanded
	return dir1, dir2
}

// TestTypeAliasesOff checks that, as in bash, type and command -v do not
// see an alias where aliases are not expanded (shopt -u expand_aliases).
func TestTypeAliasesOff(t *testing.T) {
	sh := newFake(t)
	dir1, _ := pathFixture(t, sh)
	sh.opts["expand_aliases"] = false
	check(t, "type -t ll", run(t, sh, "", "type", "-t", "ll"), 1, "", "")
	check(t, "command -v ll", run(t, sh, "", "command", "-v", "ll"), 1, "", "")
	sh.aliases["prog"] = "echo alias"
	check(t, "type prog", run(t, sh, "", "type", "prog"), 0, "prog is "+filepath.Join(dir1, "prog")+"\n", "")
}

func TestType(t *testing.T) {
	sh := newFake(t)
	sh.opts["expand_aliases"] = true
	dir1, dir2 := pathFixture(t, sh)
	p1, p2 := filepath.Join(dir1, "prog"), filepath.Join(dir2, "prog")
	tests := []struct {
		argv   []string
		status int
		out    string
		errOut string
	}{
		{[]string{"type", "ll", "cd", "prog", "if"}, 0,
			"ll is aliased to `ls -l'\ncd is a shell builtin\nprog is " + p1 + "\nif is a shell keyword\n", ""},
		{[]string{"type", "prog", "foo"}, 1, "prog is " + p1 + "\n", "gosh: type: foo: not found\n"},
		{[]string{"type", "foo", "prog"}, 1, "prog is " + p1 + "\n", "gosh: type: foo: not found\n"},
		{[]string{"type", "noexec"}, 1, "", "gosh: type: noexec: not found\n"},
		{[]string{"type", "-t", "ll", "cd", "prog", "if", "foo"}, 1, "alias\nbuiltin\nfile\nkeyword\n", ""},
		{[]string{"type", "-p", "prog", "cd"}, 0, p1 + "\n", ""},
		{[]string{"type", "-p", "foo"}, 1, "", ""},
		{[]string{"type", "-P", "prog"}, 0, p1 + "\n", ""},
		{[]string{"type", "-P", "cd"}, 1, "", ""},
		{[]string{"type", "-a", "prog"}, 0, "prog is " + p1 + "\nprog is " + p2 + "\n", ""},
		{[]string{"type", "-a", "echo"}, 0, "echo is a shell builtin\n", ""},
		{[]string{"type", "-at", "prog"}, 0, "file\nfile\n", ""},
		{[]string{"type", "-f", "cd"}, 0, "cd is a shell builtin\n", ""},
		{[]string{"type", p1}, 0, p1 + " is " + p1 + "\n", ""},
		{[]string{"type"}, 0, "", ""},
		{[]string{"type", "-z", "x"}, 2, "",
			"gosh: type: -z: invalid option\ntype: usage: type [-afptP] name [name ...]\n"},
	}
	for _, tc := range tests {
		check(t, strings.Join(tc.argv, " "), run(t, sh, "", tc.argv...), tc.status, tc.out, tc.errOut)
	}
	// Without expand_aliases (a script's default) an alias is not what
	// the name means, as in bash.
	sh.opts["expand_aliases"] = false
	check(t, "type ll, aliases off", run(t, sh, "", "type", "ll"), 1, "", "gosh: type: ll: not found\n")
	check(t, "command -v ll, aliases off", run(t, sh, "", "command", "-v", "ll"), 1, "", "")
}

func TestCommand(t *testing.T) {
	sh := newFake(t)
	sh.opts["expand_aliases"] = true
	dir1, _ := pathFixture(t, sh)
	p1 := filepath.Join(dir1, "prog")
	tests := []struct {
		argv   []string
		status int
		out    string
		errOut string
	}{
		{[]string{"command", "-v", "ll", "cd", "prog", "if", "foo"}, 0,
			"alias ll='ls -l'\ncd\n" + p1 + "\nif\n", ""},
		{[]string{"command", "-v", "foo"}, 1, "", ""},
		{[]string{"command", "-V", "ll", "foo"}, 0, "ll is aliased to `ls -l'\n", "gosh: command: foo: not found\n"},
		{[]string{"command", "-V", "foo"}, 1, "", "gosh: command: foo: not found\n"},
		{[]string{"command", "-V", "prog"}, 0, "prog is " + p1 + "\n", ""},
		{[]string{"command"}, 0, "", ""},
		{[]string{"command", "-z"}, 2, "",
			"gosh: command: -z: invalid option\ncommand: usage: command [-pVv] command [arg ...]\n"},
	}
	for _, tc := range tests {
		check(t, strings.Join(tc.argv, " "), run(t, sh, "", tc.argv...), tc.status, tc.out, tc.errOut)
	}
	if len(sh.ran) != 0 {
		t.Errorf("command -v ran %q", sh.ran)
	}

	sh.runState = 3
	check(t, "command ll -a", run(t, sh, "", "command", "ll", "-a"), 3, "", "")
	check(t, "command -- ls", run(t, sh, "", "command", "--", "ls"), 3, "", "")
	if want := [][]string{{"ll", "-a"}, {"ls"}}; !reflect.DeepEqual(sh.ran, want) {
		t.Errorf("ran %q, want %q", sh.ran, want)
	}
}

func TestExec(t *testing.T) {
	tests := []struct {
		name        string
		argv        []string
		interactive bool
		execErr     error
		status      int
		errOut      string
		execed      bool
		setup       func(sh *fakeShell, bin1 string)
	}{
		{name: "no command", argv: []string{"exec"}},
		{name: "program", argv: []string{"exec", "prog", "a"}, execed: true},
		{name: "-- program", argv: []string{"exec", "--", "prog"}, execed: true},
		{name: "not found", argv: []string{"exec", "nosuch"}, status: 127, errOut: "gosh: exec: nosuch: not found\n"},
		{name: "not found, interactive", argv: []string{"exec", "nosuch"}, interactive: true,
			status: 127, errOut: "gosh: exec: nosuch: not found\n"},
		{name: "builtin", argv: []string{"exec", "cd"}, status: 127, errOut: "gosh: exec: cd: not found\n"},
		{name: "builtin and program", argv: []string{"exec", "echo"}, execed: true, setup: func(sh *fakeShell, dir string) {
			os.WriteFile(filepath.Join(dir, "echo"), []byte("#!/bin/sh\n"), 0o755)
		}},
		{name: "alias", argv: []string{"exec", "ll"}, status: 127, errOut: "gosh: exec: ll: not found\n"},
		{name: "missing path", argv: []string{"exec", "/nope"}, status: 127,
			errOut: "gosh: /nope: No such file or directory\n"},
		{name: "relative missing path", argv: []string{"exec", "./nope"}, status: 127,
			errOut: "gosh: {dir}/nope: No such file or directory\n"},
		{name: "directory", argv: []string{"exec", "./bin1"}, status: 126,
			errOut: "gosh: {bin1}: Is a directory\ngosh: exec: {bin1}: cannot execute: Is a directory\n"},
		{name: "not executable", argv: []string{"exec", "bin1/noexec"}, status: 126,
			errOut: "gosh: {bin1}/noexec: Permission denied\ngosh: exec: {bin1}/noexec: cannot execute: Permission denied\n"},
		{name: "not executable, uncleaned", argv: []string{"exec", "bin1/../bin1/noexec"}, status: 126,
			errOut: "gosh: {bin1}/../bin1/noexec: Permission denied\ngosh: exec: {bin1}/../bin1/noexec: cannot execute: Permission denied\n"},
		{name: "execve fails", argv: []string{"exec", "prog"}, execErr: syscall.ENOEXEC, status: 126, execed: true,
			errOut: "gosh: exec: prog: cannot execute: Exec format error\n"},
		{name: "bad interpreter", argv: []string{"exec", "prog"}, execErr: syscall.ENOENT, status: 127, execed: true,
			errOut: "gosh: {bin1}/prog: cannot execute: required file not found\n"},
		{name: "binary file", argv: []string{"exec", "prog"}, execErr: jobs.ErrBinaryFile, status: 126, execed: true,
			errOut: "gosh: prog: cannot execute binary file: Exec format error\n"},
		{name: "bad option", argv: []string{"exec", "-z", "prog"}, status: 2,
			errOut: "gosh: exec: -z: invalid option\nexec: usage: exec [-cl] [-a name] [command [argument ...]] [redirection ...]\n"},
		{name: "-a without name", argv: []string{"exec", "-a"}, status: 2,
			errOut: "gosh: exec: -a: option requires an argument\nexec: usage: exec [-cl] [-a name] [command [argument ...]] [redirection ...]\n"},
	}
	for _, tc := range tests {
		sh := newFake(t)
		bin1, _ := pathFixture(t, sh)
		if tc.setup != nil {
			tc.setup(sh, bin1)
		}
		sh.interactive = tc.interactive
		sh.execErr = tc.execErr
		got := run(t, sh, "", tc.argv...)
		tc.errOut = strings.ReplaceAll(tc.errOut, "{bin1}", bin1)
		tc.errOut = strings.ReplaceAll(tc.errOut, "{dir}", filepath.Dir(bin1))
		if got.status != tc.status || got.errOut != tc.errOut || got.out != "" {
			t.Errorf("%s: status %d err %q, want %d %q", tc.name, got.status, got.errOut, tc.status, tc.errOut)
		}
		if (len(sh.execed) > 0) != tc.execed {
			t.Errorf("%s: execed %q", tc.name, sh.execed)
		}
		// A failed exec ends a script, never an interactive shell; exec
		// with a usage error does not end anything.
		_, exits := got.err.(*exitRequest)
		wantExit := tc.status != 0 && tc.status != 2 && !tc.interactive
		if exits != wantExit {
			t.Errorf("%s: exit request %v, want %v", tc.name, got.err, wantExit)
		}
	}
}

func TestExecOptions(t *testing.T) {
	tests := []struct {
		argv []string
		want []string // as the fake records ExecAs; nil: plain Exec
	}{
		{[]string{"exec", "prog", "x"}, nil},
		{[]string{"exec", "-a", "nm", "prog", "x"}, []string{"nm", "prog", "x"}},
		{[]string{"exec", "-anm", "prog"}, []string{"nm", "prog"}},
		{[]string{"exec", "-c", "prog"}, []string{"-c", "", "prog"}},
		{[]string{"exec", "-l", "prog"}, []string{"-prog", "prog"}},
		{[]string{"exec", "-cla", "nm", "prog"}, []string{"-c", "-nm", "prog"}},
		{[]string{"exec", "-c"}, nil},
	}
	for _, tc := range tests {
		sh := newFake(t)
		pathFixture(t, sh)
		check(t, strings.Join(tc.argv, " "), run(t, sh, "", tc.argv...), 0, "", "")
		var got []string
		if len(sh.execedAs) > 0 {
			got = sh.execedAs[0]
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") || tc.want == nil && len(sh.execedAs) > 0 {
			t.Errorf("%v: ExecAs %q, want %q", tc.argv, got, tc.want)
		}
	}
}

func TestCommandP(t *testing.T) {
	sh := newFake(t)
	sh.SetVar("PATH", "/nowhere")
	check(t, "-pv", run(t, sh, "", "command", "-pv", "sh"), 0, "/bin/sh\n", "")
	check(t, "-pV", run(t, sh, "", "command", "-pV", "sh"), 0, "sh is /bin/sh\n", "")
	check(t, "-pv builtin", run(t, sh, "", "command", "-pv", "echo"), 0, "echo\n", "")
	check(t, "-pv missing", run(t, sh, "", "command", "-pv", "nosuch"), 1, "", "")
	check(t, "-v ignores the default path", run(t, sh, "", "command", "-v", "sh"), 1, "", "")
	check(t, "-p runs", run(t, sh, "", "command", "-p", "sh", "-c", "true"), 0, "", "")
	if len(sh.ran) != 1 || strings.Join(sh.ran[0], " ") != "/bin/sh -c true" {
		t.Errorf("command -p ran %q", sh.ran)
	}
	check(t, "-p missing", run(t, sh, "", "command", "-p", "nosuch"), 127, "", "gosh: nosuch: command not found\n")
}

func TestSource(t *testing.T) {
	sh := newFake(t)
	_, dir2 := pathFixture(t, sh)
	local := filepath.Join(sh.wd, "local.sh")
	os.WriteFile(local, []byte("y=2\n"), 0o644)
	// lib.sh also in the current directory: $PATH wins, as in bash.
	os.WriteFile(filepath.Join(sh.wd, "lib.sh"), []byte("z=3\n"), 0o644)

	tests := []struct {
		argv   []string
		status int
		errOut string
		source []string // path then args; "<nil>" when the parameters are kept
	}{
		{[]string{".", "lib.sh"}, 0, "", []string{filepath.Join(dir2, "lib.sh"), "<nil>"}},
		{[]string{"source", "local.sh"}, 0, "", []string{local, "<nil>"}},
		{[]string{".", "./local.sh", "a", "b"}, 0, "", []string{local, "a", "b"}},
		{[]string{"source", "--", local, "x"}, 0, "", []string{local, "x"}},
		{[]string{"."}, 2, "gosh: .: filename argument required\n.: usage: . filename [arguments]\n", nil},
		{[]string{"source"}, 2, "gosh: source: filename argument required\nsource: usage: source filename [arguments]\n", nil},
		{[]string{".", "nosuch"}, 1, "gosh: nosuch: No such file or directory\n", nil},
		{[]string{"source", "/nope/x"}, 1, "gosh: /nope/x: No such file or directory\n", nil},
		{[]string{".", "bin1"}, 1, "gosh: .: bin1: is a directory\n", nil},
	}
	for _, tc := range tests {
		sh.sourced = nil
		name := strings.Join(tc.argv, " ")
		check(t, name, run(t, sh, "", tc.argv...), tc.status, "", tc.errOut)
		switch {
		case tc.source == nil && len(sh.sourced) != 0:
			t.Errorf("%s: sourced %q", name, sh.sourced)
		case tc.source != nil && (len(sh.sourced) != 1 || !reflect.DeepEqual(sh.sourced[0], tc.source)):
			t.Errorf("%s: sourced %q, want %q", name, sh.sourced, tc.source)
		}
	}
}
