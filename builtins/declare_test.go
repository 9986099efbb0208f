package builtins

import "testing"

func TestDeclare(t *testing.T) {
	sh := newFake(t)
	check(t, "assign", run(t, sh, "", "declare", "x=1", "y"), 0, "", "")
	check(t, "-p", run(t, sh, "", "declare", "-p", "x", "y"), 0, "declare -- x=\"1\"\ndeclare -- y\n", "")
	check(t, "-x -r", run(t, sh, "", "typeset", "-rx", "z=a\"b"), 0, "", "")
	check(t, "-p attrs", run(t, sh, "", "declare", "-p", "z"), 0, "declare -rx z=\"a\\\"b\"\n", "")
	check(t, "-i", run(t, sh, "", "declare", "-i", "n=4"), 0, "", "")
	check(t, "-p -i", run(t, sh, "", "declare", "-p", "n"), 0, "declare -i n=\"4\"\n", "")
	check(t, "+i", run(t, sh, "", "declare", "+i", "n"), 0, "", "")
	check(t, "-p after +i", run(t, sh, "", "declare", "-p", "n"), 0, "declare -- n=\"4\"\n", "")
	check(t, "-x then +x", run(t, sh, "", "declare", "-x", "+x", "q=1"), 0, "", "")
	if sh.IsExported("q") {
		t.Error("+x did not win over -x")
	}
	sh.SetVar("c", "a\nb")
	check(t, "control chars", run(t, sh, "", "declare", "-p", "c"), 0, "declare -- c=$'a\\nb'\n", "")
	check(t, "-pr lists read-only", run(t, sh, "", "declare", "-pr"), 0, "declare -rx z=\"a\\\"b\"\n", "")
	check(t, "-F without functions", run(t, sh, "", "declare", "-F"), 0, "", "")
	check(t, "-f missing", run(t, sh, "", "declare", "-f", "nosuch"), 1, "", "")
	errs := []struct {
		argv   []string
		status int
		errOut string
	}{
		{[]string{"declare", "-p", "nosuch"}, 1, "gosh: declare: nosuch: not found\n"},
		{[]string{"declare", "1a=2"}, 1, "gosh: declare: `1a=2': not a valid identifier\n"},
		{[]string{"declare", "z=2"}, 1, "gosh: declare: z: readonly variable\n"},
		{[]string{"declare", "-aA", "w"}, 1, "gosh: declare: cannot use `-a' and `-A' together\n"},
		{[]string{"declare", "-a", "+a", "w"}, 1, "gosh: declare: w: cannot destroy array variables in this way\n"},
		{[]string{"declare", "+a", "w"}, 1, "gosh: declare: w: cannot destroy array variables in this way\n"},
		{[]string{"declare", "-Z"}, 2, "gosh: declare: -Z: invalid option\ndeclare: usage: declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]\n"},
		{[]string{"typeset", "+Z"}, 2, "gosh: typeset: +Z: invalid option\ntypeset: usage: typeset [-aAfFgiIlnrtux] [name[=value] ...] or typeset -p [-aAfFilnrtux] [name ...]\n"},
	}
	for _, tc := range errs {
		check(t, tc.argv[1], run(t, sh, "", tc.argv...), tc.status, "", tc.errOut)
	}
}

func TestBuiltinBuiltin(t *testing.T) {
	sh := newFake(t)
	check(t, "runs echo", run(t, sh, "", "builtin", "echo", "hi"), 0, "hi\n", "")
	check(t, "nothing", run(t, sh, "", "builtin"), 0, "", "")
	check(t, "not a builtin", run(t, sh, "", "builtin", "ls"), 1, "", "gosh: builtin: ls: not a shell builtin\n")
	check(t, "bad option", run(t, sh, "", "builtin", "-x"), 2, "", "gosh: builtin: -x: invalid option\nbuiltin: usage: builtin [shell-builtin [arg ...]]\n")
	sh.SetVar("r", "1")
	sh.SetReadOnly("r")
	check(t, "+r", run(t, sh, "", "declare", "+r", "r"), 1, "", "gosh: declare: r: readonly variable\n")
}
