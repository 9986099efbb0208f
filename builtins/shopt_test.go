package builtins

import (
	"strings"
	"testing"
)

func TestShopt(t *testing.T) {
	sh := newFake(t)
	all := "dotglob        \toff\nexpand_aliases \toff\nfailglob       \toff\nnullglob       \toff\n"
	check(t, "list", run(t, sh, "", "shopt"), 0, all, "")
	check(t, "-s", run(t, sh, "", "shopt", "-s", "nullglob", "dotglob"), 0, "", "")
	if !sh.opts["nullglob"] || !sh.opts["dotglob"] {
		t.Errorf("shopt -s did not set: %v", sh.opts)
	}
	check(t, "show one on", run(t, sh, "", "shopt", "nullglob"), 0, "nullglob       \ton\n", "")
	check(t, "show one off", run(t, sh, "", "shopt", "nullglob", "failglob"), 1, "nullglob       \ton\nfailglob       \toff\n", "")
	check(t, "-q on", run(t, sh, "", "shopt", "-q", "nullglob"), 0, "", "")
	check(t, "-q off", run(t, sh, "", "shopt", "-q", "failglob"), 1, "", "")
	check(t, "-p", run(t, sh, "", "shopt", "-p", "nullglob", "failglob"), 1, "shopt -s nullglob\nshopt -u failglob\n", "")
	check(t, "-s lists on", run(t, sh, "", "shopt", "-s"), 0, "dotglob        \ton\nnullglob       \ton\n", "")
	check(t, "-u -p lists off", run(t, sh, "", "shopt", "-u", "-p"), 0, "shopt -u expand_aliases\nshopt -u failglob\n", "")
	check(t, "-u", run(t, sh, "", "shopt", "-u", "dotglob"), 0, "", "")
	if sh.opts["dotglob"] {
		t.Error("shopt -u did not unset")
	}
	check(t, "-o", run(t, sh, "", "shopt", "-o", "errexit"), 1, "errexit        \toff\n", "")
	check(t, "-so", run(t, sh, "", "shopt", "-so", "errexit"), 0, "", "")
	check(t, "-po", run(t, sh, "", "shopt", "-po", "errexit"), 0, "set -o errexit\n", "")
	errs := []struct {
		argv   []string
		status int
		errOut string
	}{
		{[]string{"-s", "-u", "nullglob"}, 1, "gosh: shopt: cannot set and unset shell options simultaneously\n"},
		{[]string{"-s", "nosuch"}, 1, "gosh: shopt: nosuch: invalid shell option name\n"},
		{[]string{"nosuch"}, 1, "gosh: shopt: nosuch: invalid shell option name\n"},
		{[]string{"-q", "nosuch"}, 1, "gosh: shopt: nosuch: invalid shell option name\n"},
		{[]string{"-o", "nullglob"}, 1, "gosh: shopt: nullglob: invalid option name\n"},
		{[]string{"-s", "errexit"}, 1, "gosh: shopt: errexit: invalid shell option name\n"},
		{[]string{"-x"}, 2, "gosh: shopt: -x: invalid option\nshopt: usage: shopt [-pqsu] [-o] [optname ...]\n"},
	}
	for _, tc := range errs {
		check(t, "shopt "+tc.argv[0], run(t, newFake(t), "", append([]string{"shopt"}, tc.argv...)...), tc.status, "", tc.errOut)
	}
}

func TestSetNewOptions(t *testing.T) {
	sh := newFake(t)
	check(t, "-a", run(t, sh, "", "set", "-a", "-o", "pipefail", "+H"), 0, "", "")
	if !sh.opts["allexport"] || !sh.opts["pipefail"] || sh.opts["histexpand"] {
		t.Errorf("options %v", sh.opts)
	}
	out := run(t, sh, "", "set", "+o").out
	for _, want := range []string{"set -o allexport\n", "set -o pipefail\n", "set +o histexpand\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("set +o lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "nullglob") {
		t.Errorf("set +o lists a shopt option:\n%s", out)
	}
	check(t, "shopt name in set", run(t, sh, "", "set", "-o", "nullglob"), 2, "", "gosh: set: nullglob: invalid option name\n")
}
