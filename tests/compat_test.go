package tests

import (
	"fmt"
	"strings"
	"testing"
)

// Bash habits that other shells' test suites check, where gosh's answer
// is its own (the differential corpus, testdata/oneliners/compat.txt,
// holds those that agree with bash).

// gosh is not bash: it sets GOSH_VERSION and the read-only array
// GOSH_VERSINFO, never BASH_VERSION or BASH_VERSINFO.
func TestVersionVariables(t *testing.T) {
	runRows(t, []row{
		{name: "gosh version", goshOnly: true,
			script: `echo "$GOSH_VERSION"; declare -p GOSH_VERSINFO; echo ${GOSH_VERSINFO[0]}.${GOSH_VERSINFO[1]}.${GOSH_VERSINFO[2]}`,
			out:    "0.1.0\ndeclare -ar GOSH_VERSINFO=([0]=\"0\" [1]=\"1\" [2]=\"0\")\n0.1.0\n"},
		{name: "no bash version", goshOnly: true,
			script: `echo "${BASH_VERSION-unset} ${BASH_VERSINFO-unset}"`, out: "unset unset\n"},
		{name: "versinfo read-only", goshOnly: true,
			script: `unset GOSH_VERSINFO; echo $?; GOSH_VERSINFO[0]=9; echo not reached`,
			out:    "1\n", status: 1,
			err: "gosh: line 1: unset: GOSH_VERSINFO: cannot unset: readonly variable\ngosh: line 1: GOSH_VERSINFO: readonly variable\n"},
		{name: "version flag", goshOnly: true, argv: []string{"--version"}, out: "gosh 0.1.0\n"},
	})
}

// -o NAME, +o NAME, -O NAME and +O NAME on the command line, as bash takes
// them (also after -c and in a cluster), and their errors.
func TestStartOptions(t *testing.T) {
	runRows(t, []row{
		{name: "O extglob", argv: []string{"-O", "extglob", "-c", "shopt extglob; echo @(a|b); x=abc; echo ${x/+(b)/X}"},
			out: "extglob        \ton\n@(a|b)\naXc\n"},
		{name: "plus O", argv: []string{"-O", "extglob", "+O", "extglob", "-c", "shopt -p extglob"}, out: "shopt -u extglob\n", status: 1},
		{name: "O after c", argv: []string{"-c", "-O", "dotglob", "-O", "extglob", "shopt -p dotglob extglob"},
			out: "shopt -s dotglob\nshopt -s extglob\n"},
		{name: "o in a cluster", argv: []string{"-eo", "pipefail", "-c", "echo $-; set -o | grep pipefail"},
			out: "ehBc\npipefail       \ton\n"},
		{name: "plus o", argv: []string{"+o", "braceexpand", "-c", "echo {a,b} $-"}, out: "{a,b} hc\n"},
		{name: "set letters", argv: []string{"+h", "-aB", "-c", "x=1; env | grep ^x=; echo $-"}, out: "x=1\naBc\n"},
		{name: "O bad name", argv: []string{"-O", "nosuch", "-c", "echo hi"}, status: 2,
			err: "gosh: nosuch: invalid shell option name\n"},
		{name: "O takes a set name", argv: []string{"-O", "errexit", "-c", "echo hi"}, status: 2,
			err: "gosh: errexit: invalid shell option name\n"},
		{name: "o bad name", argv: []string{"-o", "extglob", "-c", "echo hi"}, status: 2,
			err: "gosh: extglob: invalid option name\n"},
		{name: "O takes the next word", argv: []string{"-O", "-c", "echo hi"}, status: 2,
			err: "gosh: -c: invalid shell option name\n"},
		{name: "O empty name", argv: []string{"-O", "", "-c", "echo hi"}, status: 2,
			err: "gosh: : invalid shell option name\n"},
		{name: "o empty name", argv: []string{"+o", "", "-c", "echo hi"}, status: 2,
			err: "gosh: : invalid option name\n"},
		{name: "o alone lists", argv: []string{"-o"}, stdin: "echo after\n", outHas: "xtrace         \toff\nafter\n"},
		{name: "O alone lists", argv: []string{"+O"}, stdin: "echo after\n", outHas: "shopt -u xpg_echo\nafter\n"},
	})
}

// logout ends a login shell as exit does; any other shell refuses (the
// corpus has that case).
func TestLogout(t *testing.T) {
	runRows(t, []row{
		{name: "login", argv: []string{"--noprofile", "-l", "-c", "logout 3; echo no"}, status: 3},
		{name: "in a function", argv: []string{"--noprofile", "-l", "-c", "f() { logout 4; }; f; echo no"}, status: 4},
		{name: "bad number", argv: []string{"--noprofile", "-l", "-c", "logout x; echo no"}, status: 2,
			err: "gosh: line 1: logout: x: numeric argument required\n"},
		{name: "too many", argv: []string{"--noprofile", "-l", "-c", "logout 1 2; echo no"}, status: 1,
			err: "gosh: line 1: logout: too many arguments\n"},
	})
}

// TestCompoptInCompletionFunction: compopt -o nospace in a complete -F
// function leaves no space after this completion's word, and changes
// only this completion: the specification stays as it was.
func TestCompoptInCompletionFunction(t *testing.T) {
	s := newSession(t)
	s.run(`_pick() { compopt -o nospace; COMPREPLY=(two); }`)
	s.run(`complete -F _pick printf`)
	s.Send("printf '%s\\n' tw\t")
	s.Send("x")
	if out := s.enter("printf '%s\\n' twox"); out != "twox\n" {
		t.Errorf("after compopt -o nospace: %q", out)
	}
	if out := s.run("complete -p printf"); out != "complete -F _pick printf\n" {
		t.Errorf("complete -p after the completion: %q", out)
	}
	s.run(`_show() { compopt >/tmp/compopt.$$; COMPREPLY=(one); }`)
	s.run(`complete -o filenames -F _show echo`)
	s.Send("echo on\t")
	if out := s.enter("echo one "); out != "one\n" {
		t.Errorf("completion with a space: %q", out)
	}
	want := "compopt +o bashdefault +o default +o dirnames -o filenames +o noquote +o nosort +o nospace +o plusdirs\n"
	if out := s.run("cat /tmp/compopt.$$; rm /tmp/compopt.$$"); out != want {
		t.Errorf("compopt in the function printed %q, want %q", out, want)
	}
}

// TestSuspend: suspend stops an interactive shell started from another
// (its process is in state T), the outer shell reports the job stopped,
// and fg continues it: the inner shell reads commands again.
func TestSuspend(t *testing.T) {
	s := newSession(t)
	s.run(requireGosh(t) + " --norc")
	pidText := s.run("echo inner=$$")
	var pid int
	if _, err := fmt.Sscanf(strings.TrimSpace(pidText), "inner=%d", &pid); err != nil || pid <= 0 {
		t.Fatalf("inner shell's pid: %q", pidText)
	}
	s.Send("suspend\r")
	s.Expect("Stopped")
	waitStates(s, []procStat{{Pid: pid}}, 'T')
	s.WaitPrompt()
	s.Send("fg\r")
	s.Expect("--norc") // fg names the job
	waitStates(s, []procStat{{Pid: pid}}, 'S')
	// suspend returns, and the inner shell prompts again: a line typed
	// before that prompt was drawn came out in front of it (1 run in 7).
	s.WaitPrompt()
	if out := s.run("echo back in $$"); out != fmt.Sprintf("back in %d\n", pid) {
		t.Errorf("after fg: %q", out)
	}
	s.Send("exit\r")
	waitGone(t, pid, "the inner shell")
	s.WaitPrompt() // the outer shell's, once its job has ended
	if out := s.run("echo outer"); out != "outer\n" {
		t.Errorf("outer shell after the inner one exited: %q", out)
	}
}
