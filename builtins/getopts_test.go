package builtins

import (
	"strings"
	"testing"
)

// getoptsRun calls getopts on sh and returns the status, NAME, OPTARG
// (or "<unset>") and OPTIND.
func getoptsRun(t *testing.T, sh *fakeShell, argv ...string) (result, string, string, string) {
	t.Helper()
	r := run(t, sh, "", append([]string{"getopts"}, argv...)...)
	name, _ := sh.Var(argv[1])
	optarg, ok := sh.Var("OPTARG")
	if !ok {
		optarg = "<unset>"
	}
	optind, _ := sh.Var("OPTIND")
	return r, name, optarg, optind
}

func TestGetopts(t *testing.T) {
	tests := []struct {
		argv   string // the arguments after "getopts", split on spaces
		calls  int    // how many times to call; the last call is checked
		status int
		name   string
		optarg string
		optind string
		errOut string
	}{
		{"a: x -a", 1, 0, "?", "<unset>", "2", "gosh: option requires an argument -- a\n"},
		{":a: x -a", 1, 0, ":", "a", "2", ""},
		{"ab x -c", 1, 0, "?", "<unset>", "2", "gosh: illegal option -- c\n"},
		{":ab x -c", 1, 0, "?", "c", "2", ""},
		{"ab x foo", 1, 1, "?", "<unset>", "1", ""},
		{"ab x -- -a", 1, 1, "?", "<unset>", "2", ""},
		{"ab x -", 1, 1, "?", "<unset>", "1", ""},
		{"ab x", 1, 1, "?", "<unset>", "1", ""},
		{"a: x -afoo", 1, 0, "a", "foo", "2", ""},
		{"a: x -a foo bar", 1, 0, "a", "foo", "3", ""},
		{"abc x -ab -c", 1, 0, "a", "<unset>", "1", ""},
		{"abc x -ab -c", 2, 0, "b", "<unset>", "2", ""},
		{"abc x -ab -c", 3, 0, "c", "<unset>", "3", ""},
		{"abc x -ab -c", 4, 1, "?", "<unset>", "3", ""},
		{"ab: x -ab", 2, 0, "?", "<unset>", "2", "gosh: option requires an argument -- b\n"},
		{"ab: x -ba 1", 1, 0, "b", "a", "2", ""},
		{"ab: x -ba 1", 2, 1, "?", "<unset>", "2", ""},
		{": x -:", 1, 0, "?", ":", "2", ""},
	}
	for _, tc := range tests {
		sh := newFake(t)
		sh.SetVar("OPTIND", "1")
		getoptsState.optind, getoptsState.charIndex = "", 0 // a new shell
		var r result
		var name, optarg, optind string
		for i := 0; i < tc.calls; i++ {
			r, name, optarg, optind = getoptsRun(t, sh, strings.Fields(tc.argv)...)
		}
		if r.status != tc.status || name != tc.name || optarg != tc.optarg || optind != tc.optind || r.errOut != tc.errOut {
			t.Errorf("getopts %s (call %d): status %d name %q OPTARG %q OPTIND %q err %q; want %d %q %q %q %q",
				tc.argv, tc.calls, r.status, name, optarg, optind, r.errOut, tc.status, tc.name, tc.optarg, tc.optind, tc.errOut)
		}
	}
}

func TestGetoptsState(t *testing.T) {
	sh := newFake(t)
	sh.params = []string{"-ab", "-c"}
	sh.SetVar("OPTIND", "1")
	getoptsRun(t, sh, "abc", "x")
	getoptsRun(t, sh, "abc", "x")
	// OPTIND=1 starts again, even in the middle of a cluster (here
	// OPTIND was 2, in -c).
	sh.SetVar("OPTIND", "1")
	if _, name, _, optind := getoptsRun(t, sh, "abc", "x"); name != "a" || optind != "1" {
		t.Errorf("after OPTIND=1: %q %q", name, optind)
	}
	sh.SetVar("OPTERR", "0")
	sh.SetVar("OPTIND", "1")
	sh.params = []string{"-z"}
	if r, name, _, _ := getoptsRun(t, sh, "a", "x"); r.errOut != "" || name != "?" {
		t.Errorf("OPTERR=0: %q %q", r.errOut, name)
	}
}

func TestGetoptsErrors(t *testing.T) {
	usage := "getopts: usage: getopts optstring name [arg ...]\n"
	check(t, "none", run(t, newFake(t), "", "getopts"), 2, "", usage)
	check(t, "one", run(t, newFake(t), "", "getopts", "ab"), 2, "", usage)
	check(t, "bad name", run(t, newFake(t), "", "getopts", "a", "1x", "-a"), 1, "", "gosh: getopts: `1x': not a valid identifier\n")
}

func TestLet(t *testing.T) {
	sh := newFake(t)
	check(t, "assign", run(t, sh, "", "let", "x=5", "y=x"), 0, "", "")
	if v, _ := sh.Var("y"); v != "5" {
		t.Errorf("y = %q", v)
	}
	check(t, "zero last", run(t, sh, "", "let", "1", "0"), 1, "", "")
	check(t, "nonzero last", run(t, sh, "", "let", "0", "1"), 0, "", "")
	check(t, "no args", run(t, sh, "", "let"), 1, "", "gosh: let: expression expected\n")
	check(t, "error", run(t, sh, "", "let", "1+"), 1, "", "gosh: let: 1+: syntax error in expression\n")
}

func TestTimes(t *testing.T) {
	r := run(t, newFake(t), "", "times")
	lines := strings.Split(r.out, "\n")
	if r.status != 0 || len(lines) != 3 || !strings.HasSuffix(lines[0], "s") || !strings.Contains(lines[1], "m0.") && !strings.Contains(lines[1], "m") {
		t.Errorf("times: %d %q", r.status, r.out)
	}
	check(t, "bad option", run(t, newFake(t), "", "times", "-x"), 2, "", "gosh: times: -x: invalid option\ntimes: usage: times\n")
}

func TestUlimit(t *testing.T) {
	sh := newFake(t)
	sh.limits = map[int][2]uint64{}
	for _, r := range rlimits {
		if r.resource >= 0 {
			sh.limits[r.resource] = [2]uint64{RlimInfinity, RlimInfinity}
		}
	}
	nofile, _ := findRlimit('n', false)
	core, _ := findRlimit('c', false)
	sh.limits[nofile.resource] = [2]uint64{1024, 4096}
	sh.limits[core.resource] = [2]uint64{0, RlimInfinity}
	check(t, "default -f", run(t, sh, "", "ulimit"), 0, "unlimited\n", "")
	check(t, "-n", run(t, sh, "", "ulimit", "-n"), 0, "1024\n", "")
	check(t, "-Hn", run(t, sh, "", "ulimit", "-Hn"), 0, "4096\n", "")
	check(t, "two", run(t, sh, "", "ulimit", "-n", "-c"), 0,
		"open files                          (-n) 1024\ncore file size              (blocks, -c) 0\n", "")
	check(t, "set both", run(t, sh, "", "ulimit", "-n", "100"), 0, "", "")
	if l := sh.limits[nofile.resource]; l != [2]uint64{100, 100} {
		t.Errorf("after -n 100: %v", l)
	}
	check(t, "soft only", run(t, sh, "", "ulimit", "-Sc", "10"), 0, "", "")
	if l := sh.limits[core.resource]; l != [2]uint64{10240, RlimInfinity} {
		t.Errorf("after -Sc 10: %v", l)
	}
	check(t, "hard value", run(t, sh, "", "ulimit", "-Sc", "hard"), 0, "", "")
	check(t, "unlimited", run(t, sh, "", "ulimit", "-c"), 0, "unlimited\n", "")
	check(t, "plain value is -f", run(t, sh, "", "ulimit", "1000"), 0, "", "")
	check(t, "-f", run(t, sh, "", "ulimit", "-f"), 0, "1000\n", "")
	a := run(t, sh, "", "ulimit", "-a")
	if !strings.HasPrefix(a.out, "real-time non-blocking time  (microseconds, -R) unlimited\n") ||
		!strings.Contains(a.out, "\npipe size                (512 bytes, -p) 8\n") || strings.Count(a.out, "\n") != len(rlimits) {
		t.Errorf("ulimit -a:\n%s", a.out)
	}
	usage := "ulimit: usage: ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]\n"
	errs := []struct {
		argv   []string
		status int
		errOut string
	}{
		{[]string{"-n", "abc"}, 1, "gosh: ulimit: abc: invalid number\n"},
		{[]string{"-f", "0x10"}, 1, "gosh: ulimit: 0x10: invalid hex number\n"},
		{[]string{"-n", "1.5"}, 1, "gosh: ulimit: 1.5: invalid number\n"},
		{[]string{"-nc"}, 1, "gosh: ulimit: c: invalid number\n"},
		{[]string{"-n", "99999"}, 1, "gosh: ulimit: open files: cannot modify limit: Operation not permitted\n"},
		{[]string{"-p", "10"}, 1, "gosh: ulimit: pipe size: cannot modify limit: Invalid argument\n"},
		{[]string{"-z"}, 2, "gosh: ulimit: -z: invalid option\n" + usage},
		{[]string{"-n", "-1"}, 2, "gosh: ulimit: -1: invalid option\n" + usage},
	}
	for _, tc := range errs {
		check(t, strings.Join(tc.argv, " "), run(t, sh, "", append([]string{"ulimit"}, tc.argv...)...), tc.status, "", tc.errOut)
	}
}
