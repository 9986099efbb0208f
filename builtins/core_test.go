package builtins

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestCd(t *testing.T) {
	sh := newFake(t)
	home := sh.wd
	sub := filepath.Join(home, "sub")
	cdp := filepath.Join(home, "cdp")
	for _, d := range []string{sub, filepath.Join(cdp, "inner")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(home, "file")
	os.WriteFile(file, nil, 0o644)

	tests := []struct {
		name   string
		setup  func()
		argv   []string
		status int
		out    string
		errOut string
		wd     string // "" = unchanged
	}{
		{name: "to dir", argv: []string{"cd", sub}, wd: sub},
		{name: "relative", setup: func() { sh.wd = home }, argv: []string{"cd", "sub"}, wd: sub},
		{name: "dotdot", setup: func() { sh.wd = sub }, argv: []string{"cd", ".."}, wd: home},
		{name: "home", setup: func() { sh.wd = sub }, argv: []string{"cd"}, wd: home},
		{name: "dash", setup: func() { sh.wd = sub; sh.SetVar("OLDPWD", home) },
			argv: []string{"cd", "-"}, out: home + "\n", wd: home},
		{name: "-- then dir", argv: []string{"cd", "--", sub}, wd: sub},
		{name: "-L", argv: []string{"cd", "-L", home}, wd: home},
		{name: "missing", argv: []string{"cd", "/nope"}, status: 1,
			errOut: "gosh: cd: /nope: No such file or directory\n"},
		{name: "not a dir", argv: []string{"cd", file}, status: 1,
			errOut: "gosh: cd: " + file + ": Not a directory\n"},
		{name: "too many", argv: []string{"cd", "a", "b"}, status: 1,
			errOut: "gosh: cd: too many arguments\n"},
		{name: "bad option", argv: []string{"cd", "-z"}, status: 2,
			errOut: "gosh: cd: -z: invalid option\ncd: usage: cd [-L|[-P [-e]] [-@]] [dir]\n"},
		{name: "empty arg", argv: []string{"cd", ""}},
		{name: "no OLDPWD", setup: func() { sh.Unset("OLDPWD") }, argv: []string{"cd", "-"}, status: 1,
			errOut: "gosh: cd: OLDPWD not set\n"},
		{name: "no HOME", setup: func() { sh.Unset("HOME") }, argv: []string{"cd"}, status: 1,
			errOut: "gosh: cd: HOME not set\n"},
		{name: "empty HOME", setup: func() { sh.SetVar("HOME", "") }, argv: []string{"cd"}},
		{name: "CDPATH prints", setup: func() { sh.wd = sub; sh.SetVar("CDPATH", "/nowhere:"+cdp) },
			argv: []string{"cd", "inner"}, out: filepath.Join(cdp, "inner") + "\n", wd: filepath.Join(cdp, "inner")},
		{name: "CDPATH empty entry is . and silent", setup: func() { sh.wd = home; sh.SetVar("CDPATH", ":"+cdp) },
			argv: []string{"cd", "sub"}, wd: sub},
		{name: "CDPATH not for ./", setup: func() { sh.wd = home; sh.SetVar("CDPATH", cdp) },
			argv: []string{"cd", "./inner"}, status: 1, errOut: "gosh: cd: ./inner: No such file or directory\n"},
	}
	for _, tc := range tests {
		sh.wd = home
		sh.SetVar("HOME", home)
		sh.Unset("CDPATH")
		if tc.setup != nil {
			tc.setup()
		}
		before := sh.wd
		got := run(t, sh, "", tc.argv...)
		check(t, tc.name, got, tc.status, tc.out, tc.errOut)
		want := tc.wd
		if want == "" {
			want = before
		}
		if sh.wd != want {
			t.Errorf("%s: wd %q, want %q", tc.name, sh.wd, want)
		}
	}
}

func TestCdPhysicalAndPwd(t *testing.T) {
	sh := newFake(t)
	real := filepath.Join(sh.wd, "real")
	link := filepath.Join(sh.wd, "link")
	os.Mkdir(real, 0o755)
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	resolvedReal, _ := filepath.EvalSymlinks(real)

	check(t, "cd -L link", run(t, sh, "", "cd", link), 0, "", "")
	check(t, "pwd", run(t, sh, "", "pwd"), 0, link+"\n", "")
	check(t, "pwd -L", run(t, sh, "", "pwd", "-L"), 0, link+"\n", "")
	check(t, "pwd -P", run(t, sh, "", "pwd", "-P"), 0, resolvedReal+"\n", "")
	check(t, "pwd -PL", run(t, sh, "", "pwd", "-PL"), 0, link+"\n", "")
	check(t, "pwd ignores operands", run(t, sh, "", "pwd", "x"), 0, link+"\n", "")
	check(t, "pwd -z", run(t, sh, "", "pwd", "-z"), 2, "",
		"gosh: pwd: -z: invalid option\npwd: usage: pwd [-LP]\n")

	check(t, "cd -P link", run(t, sh, "", "cd", "-P", link), 0, "", "")
	if sh.wd != resolvedReal {
		t.Errorf("cd -P: wd %q, want %q", sh.wd, resolvedReal)
	}
}

func TestExit(t *testing.T) {
	tests := []struct {
		argv        []string
		last        int
		interactive bool
		status      int
		errOut      string
	}{
		{argv: []string{"exit"}, last: 7, status: 7},
		{argv: []string{"exit", "3"}, status: 3},
		{argv: []string{"exit", "--", "4"}, status: 4},
		{argv: []string{"exit", "256"}, status: 0},
		{argv: []string{"exit", "257"}, status: 1},
		{argv: []string{"exit", "-1"}, status: 255},
		{argv: []string{"exit", " 5 "}, status: 5},
		{argv: []string{"exit", "abc"}, status: 2, errOut: "gosh: exit: abc: numeric argument required\n"},
		{argv: []string{"exit", "1x"}, status: 2, errOut: "gosh: exit: 1x: numeric argument required\n"},
		{argv: []string{"exit", "1", "2"}, status: 1, errOut: "gosh: exit: too many arguments\n"},
		{argv: []string{"exit", "9"}, interactive: true, status: 9, errOut: "exit\n"},
		{argv: []string{"exit", "x"}, interactive: true, status: 2,
			errOut: "exit\ngosh: exit: x: numeric argument required\n"},
	}
	for _, tc := range tests {
		sh := newFake(t)
		sh.last = tc.last
		sh.interactive = tc.interactive
		got := run(t, sh, "", tc.argv...)
		name := strings.Join(tc.argv, " ")
		check(t, name, got, tc.status, "", tc.errOut)
		e, ok := got.err.(*exitRequest)
		if !ok || e.status != tc.status {
			t.Errorf("%s: error %v, want an exit request with status %d", name, got.err, tc.status)
		}
	}
}

func TestExport(t *testing.T) {
	sh := newFake(t)
	sh.vars = map[string]*fakeVar{
		"HOME":  {value: "/root", exported: true},
		"local": {value: "x"},
		"Q":     {value: `a"$` + "`" + `\b`, exported: true},
		"NL":    {value: "a\nb", exported: true},
		"RO":    {value: "1", readonly: true},
	}
	check(t, "export -p", run(t, sh, "", "export", "-p"), 0,
		"declare -x HOME=\"/root\"\ndeclare -x NL=$'a\\nb'\ndeclare -x Q=\"a\\\"\\$\\`\\\\b\"\n", "")
	check(t, "export alone lists", run(t, sh, "", "export"), 0,
		"declare -x HOME=\"/root\"\ndeclare -x NL=$'a\\nb'\ndeclare -x Q=\"a\\\"\\$\\`\\\\b\"\n", "")

	check(t, "export assign", run(t, sh, "", "export", "A=1", "local", "B"), 0, "", "")
	for _, n := range []string{"A", "local", "B"} {
		if !sh.IsExported(n) {
			t.Errorf("%s not exported", n)
		}
	}
	if v, _ := sh.Var("A"); v != "1" {
		t.Errorf("A = %q", v)
	}
	if v, _ := sh.Var("local"); v != "x" {
		t.Errorf("local = %q, export must keep the value", v)
	}
	check(t, "export value with =", run(t, sh, "", "export", "E=a=b"), 0, "", "")
	if v, _ := sh.Var("E"); v != "a=b" {
		t.Errorf("E = %q", v)
	}

	check(t, "export -n", run(t, sh, "", "export", "-n", "A"), 0, "", "")
	if sh.IsExported("A") {
		t.Error("A still exported after export -n")
	}
	if v, ok := sh.Var("A"); !ok || v != "1" {
		t.Errorf("export -n lost the value: %q %v", v, ok)
	}
	check(t, "export -n assign", run(t, sh, "", "export", "-n", "C=3"), 0, "", "")
	if v, _ := sh.Var("C"); v != "3" || sh.IsExported("C") {
		t.Errorf("export -n C=3: %q exported=%v", v, sh.IsExported("C"))
	}

	check(t, "bad name", run(t, sh, "", "export", "1a=b", "OK=1"), 1, "",
		"gosh: export: `1a=b': not a valid identifier\n")
	if !sh.IsExported("OK") {
		t.Error("export stopped at the bad name")
	}
	check(t, "empty name", run(t, sh, "", "export", "=x"), 1, "",
		"gosh: export: `=x': not a valid identifier\n")
	check(t, "readonly", run(t, sh, "", "export", "RO=2"), 1, "", "gosh: RO: readonly variable\n")
	check(t, "bad option", run(t, sh, "", "export", "-q", "x"), 2, "",
		"gosh: export: -q: invalid option\nexport: usage: export [-fn] [name[=value] ...] or export -p\n")
	check(t, "not a function", run(t, sh, "", "export", "-f", "OK"), 1, "",
		"gosh: export: OK: not a function\n")
}

func TestUnset(t *testing.T) {
	sh := newFake(t)
	sh.SetVar("A", "1")
	sh.SetVar("B", "2")
	sh.vars["RO"] = &fakeVar{value: "1", readonly: true}
	check(t, "unset", run(t, sh, "", "unset", "A", "B", "NEVER"), 0, "", "")
	if _, ok := sh.Var("A"); ok {
		t.Error("A still set")
	}
	if _, ok := sh.Var("B"); ok {
		t.Error("B still set")
	}
	sh.SetVar("C", "1")
	check(t, "unset -v", run(t, sh, "", "unset", "-v", "C"), 0, "", "")
	if _, ok := sh.Var("C"); ok {
		t.Error("C still set")
	}
	check(t, "readonly", run(t, sh, "", "unset", "RO"), 1, "",
		"gosh: unset: RO: cannot unset: readonly variable\n")
	check(t, "not a name", run(t, sh, "", "unset", "1a", "a-b"), 0, "", "")
	check(t, "not a name with -v", run(t, sh, "", "unset", "-v", "1a", "a b"), 1, "",
		"gosh: unset: `1a': not a valid identifier\ngosh: unset: `a b': not a valid identifier\n")
	check(t, "bad option", run(t, sh, "", "unset", "-z"), 2, "",
		"gosh: unset: -z: invalid option\nunset: usage: unset [-f] [-v] [-n] [name ...]\n")
}

func TestEcho(t *testing.T) {
	tests := []struct {
		argv []string
		out  string
	}{
		{[]string{"echo"}, "\n"},
		{[]string{"echo", "a", "b"}, "a b\n"},
		{[]string{"echo", "-n", "a"}, "a"},
		{[]string{"echo", "-n", "-n", "a"}, "a"},
		{[]string{"echo", "-e", `a\tb\\c`}, "a\tb\\c\n"},
		{[]string{"echo", `a\tb`}, "a\\tb\n"},
		{[]string{"echo", "-ne", `x\n`}, "x\n"},
		{[]string{"echo", "-en", `x\n`}, "x\n"},
		{[]string{"echo", "-e", "-E", `a\nb`}, "a\\nb\n"},
		{[]string{"echo", "-E", "-e", `a\nb`}, "a\nb\n"},
		{[]string{"echo", "-nx", "y"}, "-nx y\n"},
		{[]string{"echo", "-"}, "-\n"},
		{[]string{"echo", "--"}, "--\n"},
		{[]string{"echo", "a", "-n"}, "a -n\n"},
		{[]string{"echo", "-e", `\101 \0101 \x41 \x4g \e \q \x`}, "\\101 A A \x04g \x1b \\q \\x\n"},
		{[]string{"echo", "-e", `\01010 \08 \0`}, "A0 \x008 \x00\n"},
		{[]string{"echo", "-e", `\a\b\f\r\v`}, "\a\b\f\r\v\n"},
		{[]string{"echo", "-e", `\u263a \U0001F600 \u`}, "☺ 😀 \\u\n"},
		{[]string{"echo", "-e", `a\cb`, "c"}, "a"},
		{[]string{"echo", "-e", "a", `b\c`}, "a b"},
		{[]string{"echo", "-e", `trailing\`}, "trailing\\\n"},
	}
	for _, tc := range tests {
		sh := newFake(t)
		check(t, strings.Join(tc.argv, " "), run(t, sh, "", tc.argv...), 0, tc.out, "")
	}
}

// failWriter fails every write, as a closed pipe does.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errEPIPE }

func TestEchoWriteError(t *testing.T) {
	sh := newFake(t)
	var errOut strings.Builder
	b, _ := Lookup("echo")
	st, _ := b.Run(sh, IO{Out: failWriter{}, Err: &errOut, InFd: -1, OutFd: -1, ErrFd: -1}, []string{"echo", "x"})
	if st != 1 || errOut.String() != "gosh: echo: write error: Broken pipe\n" {
		t.Errorf("status %d, err %q", st, errOut.String())
	}
}

func TestTrueFalseColon(t *testing.T) {
	sh := newFake(t)
	check(t, "true", run(t, sh, "", "true", "x"), 0, "", "")
	check(t, "false", run(t, sh, "", "false", "x"), 1, "", "")
	check(t, ":", run(t, sh, "", ":", "a", "b"), 0, "", "")
}

func TestShift(t *testing.T) {
	tests := []struct {
		argv   []string
		params []string
		status int
		errOut string
		after  []string
	}{
		{[]string{"shift"}, []string{"a", "b", "c"}, 0, "", []string{"b", "c"}},
		{[]string{"shift", "2"}, []string{"a", "b", "c"}, 0, "", []string{"c"}},
		{[]string{"shift", "3"}, []string{"a", "b", "c"}, 0, "", []string{}},
		{[]string{"shift", "0"}, []string{"a"}, 0, "", []string{"a"}},
		{[]string{"shift", "5"}, []string{"a", "b"}, 1, "", []string{"a", "b"}},
		{[]string{"shift", "-1"}, []string{"a"}, 1, "gosh: shift: -1: shift count out of range\n", []string{"a"}},
		{[]string{"shift"}, nil, 1, "", nil},
		{[]string{"shift", "abc"}, []string{"a"}, 1, "gosh: shift: abc: numeric argument required\n", []string{"a"}},
		{[]string{"shift", "x", "2"}, []string{"a"}, 1, "gosh: shift: x: numeric argument required\n", []string{"a"}},
		{[]string{"shift", "--"}, []string{"a", "b"}, 0, "", []string{"b"}},
		{[]string{"shift", "--", "2"}, []string{"a", "b", "c"}, 0, "", []string{"c"}},
		{[]string{"shift", "--", "-1"}, []string{"a"}, 1, "gosh: shift: --: shift count out of range\n", []string{"a"}},
		{[]string{"shift", "--", "x"}, []string{"a"}, 1, "gosh: shift: x: numeric argument required\n", []string{"a"}},
	}
	for _, tc := range tests {
		sh := newFake(t)
		sh.params = tc.params
		check(t, strings.Join(tc.argv, " "), run(t, sh, "", tc.argv...), tc.status, "", tc.errOut)
		if len(sh.params) != len(tc.after) || (len(tc.after) > 0 && !reflect.DeepEqual(sh.params, tc.after)) {
			t.Errorf("%v: params %q, want %q", tc.argv, sh.params, tc.after)
		}
	}
	// Too many arguments: as bash, the rest of the command line goes.
	// (break, continue and return do the same: the corpus checks them.)
	for _, argv := range [][]string{{"shift", "1", "2"}} {
		sh := newFake(t)
		sh.params = []string{"a"}
		r := run(t, sh, "", argv...)
		if r.status != 1 || r.err != ErrDiscardLine || r.errOut != "gosh: "+argv[0]+": too many arguments\n" || len(sh.params) != 1 {
			t.Errorf("%v: status %d, err %v, stderr %q, params %q; want 1, the line discarded, too many arguments", argv, r.status, r.err, r.errOut, sh.params)
		}
	}
}

func TestSetParamsAndOptions(t *testing.T) {
	tests := []struct {
		argv   []string
		params []string // nil: unchanged from ["old"]
		on     []string
		off    []string
		status int
		errOut string
	}{
		{argv: []string{"set", "--", "a", "b"}, params: []string{"a", "b"}},
		{argv: []string{"set", "--"}, params: []string{}},
		{argv: []string{"set", "a", "-e"}, params: []string{"a", "-e"}},
		{argv: []string{"set", "-e"}, on: []string{"errexit"}},
		{argv: []string{"set", "-eux"}, on: []string{"errexit", "nounset", "xtrace"}},
		{argv: []string{"set", "-b", "-m", "-C", "-f"}, on: []string{"notify", "monitor", "noclobber", "noglob"}},
		{argv: []string{"set", "-e", "+e"}, off: []string{"errexit"}},
		{argv: []string{"set", "-e", "x", "y"}, on: []string{"errexit"}, params: []string{"x", "y"}},
		{argv: []string{"set", "-o", "errexit", "-o", "trace"}, on: []string{"errexit", "trace"}},
		{argv: []string{"set", "-eo", "nounset"}, on: []string{"errexit", "nounset"}},
		{argv: []string{"set", "-x", "-"}, off: []string{"xtrace"}},
		{argv: []string{"set", "-", "p", "q"}, params: []string{"p", "q"}},
		{argv: []string{"set", "-q"}, status: 2,
			errOut: "gosh: set: -q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n"},
		{argv: []string{"set", "+q"}, status: 2,
			errOut: "gosh: set: +q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n"},
		{argv: []string{"set", "-o", "foo"}, status: 2, errOut: "gosh: set: foo: invalid option name\n"},
		{argv: []string{"set", "-o", "interactive"}, status: 2, errOut: "gosh: set: interactive: invalid option name\n"},
	}
	for _, tc := range tests {
		sh := newFake(t)
		sh.params = []string{"old"}
		sh.opts["xtrace"] = true // for "set -"; tests that set it again do not mind
		sh.opts["errexit"] = false
		got := run(t, sh, "", tc.argv...)
		name := strings.Join(tc.argv, " ")
		check(t, name, got, tc.status, "", tc.errOut)
		want := tc.params
		if want == nil {
			want = []string{"old"}
		}
		if len(sh.params) != len(want) || (len(want) > 0 && !reflect.DeepEqual(sh.params, want)) {
			t.Errorf("%s: params %q, want %q", name, sh.params, want)
		}
		for _, o := range tc.on {
			if !sh.opts[o] {
				t.Errorf("%s: %s is off", name, o)
			}
		}
		for _, o := range tc.off {
			if sh.opts[o] {
				t.Errorf("%s: %s is on", name, o)
			}
		}
	}
}

func TestSetListings(t *testing.T) {
	sh := newFake(t)
	sh.opts = map[string]bool{"errexit": true, "noglob": false, "monitor": true, "interactive": true}
	check(t, "set -o", run(t, sh, "", "set", "-o"), 0,
		"errexit        \ton\nmonitor        \ton\nnoglob         \toff\n", "")
	check(t, "set +o", run(t, sh, "", "set", "+o"), 0,
		"set -o errexit\nset -o monitor\nset +o noglob\n", "")

	sh.vars = map[string]*fakeVar{
		"x": {value: ""}, "y": {value: "a b"}, "z": {value: "a\nb"}, "w": {value: "it's"},
		"v": {value: "a*"}, "u": {value: "a=b"}, "t": {value: "~x"}, "s": {value: "#x"},
		"r": {value: "x#"}, "q": {value: "p:~/bin"}, "p": {value: "plain/path-1.2"},
	}
	check(t, "set", run(t, sh, "", "set"), 0,
		"p=plain/path-1.2\nq='p:~/bin'\nr=x#\ns='#x'\nt='~x'\nu=a=b\nv='a*'\nw='it'\\''s'\nx=\ny='a b'\nz=$'a\\nb'\n", "")
}

func TestEval(t *testing.T) {
	sh := newFake(t)
	check(t, "eval", run(t, sh, "", "eval", "echo", "a;", "b"), 0, "", "")
	check(t, "eval empty", run(t, sh, "", "eval"), 0, "", "")
	check(t, "eval blank", run(t, sh, "", "eval", " ", ""), 0, "", "")
	check(t, "eval --", run(t, sh, "", "eval", "--", "x"), 0, "", "")
	if !reflect.DeepEqual(sh.evals, []string{"echo a; b", "x"}) {
		t.Errorf("evals %q", sh.evals)
	}
}
