package shell

import (
	"strings"
	"testing"
)

// TestPosixFollowsVariable checks that set -o posix and $POSIXLY_CORRECT
// keep each other, and the shopt options bash changes with the mode.
func TestPosixFollowsVariable(t *testing.T) {
	steps := []struct {
		do       func(sh *Shell)
		posix    bool
		variable string // "" when unset
		aliases  bool   // expand_aliases
		shift    bool   // shift_verbose
	}{
		{do: func(sh *Shell) { sh.SetOption("posix", true) }, posix: true, variable: "y", aliases: true, shift: true},
		{do: func(sh *Shell) { sh.SetOption("posix", false) }},
		{do: func(sh *Shell) { sh.Vars.Set("POSIXLY_CORRECT", "1"); sh.settlePosix() }, posix: true, variable: "1", aliases: true, shift: true},
		{do: func(sh *Shell) { sh.SetOption("posix", true) }, posix: true, variable: "1", aliases: true, shift: true},
		{do: func(sh *Shell) { sh.Vars.Unset("POSIXLY_CORRECT"); sh.settlePosix() }},
		// Put back as a function's return does: noted, then settled.
		{do: func(sh *Shell) {
			sh.Vars.put("POSIXLY_CORRECT", &Var{Value: "2"})
			if sh.Vars.posixTouched {
				sh.settlePosix()
			}
		}, posix: true, variable: "2", aliases: true, shift: true},
	}
	sh := testShell(t)
	sh.Vars.Unset("POSIXLY_CORRECT")
	sh.settlePosix()
	for i, s := range steps {
		s.do(sh)
		v, _ := sh.Vars.Get("POSIXLY_CORRECT")
		on, _ := sh.Option("posix")
		aliases, _ := sh.Option("expand_aliases")
		shift, _ := sh.Option("shift_verbose")
		if on != s.posix || sh.Opts.Posix != s.posix || v != s.variable || aliases != s.aliases || shift != s.shift {
			t.Errorf("step %d: posix %v, POSIXLY_CORRECT %q, expand_aliases %v, shift_verbose %v; want %v, %q, %v, %v",
				i, on, v, aliases, shift, s.posix, s.variable, s.aliases, s.shift)
		}
	}
}

// TestPosixRules runs what POSIX mode changes in a shell's own code, and
// the same text outside it.
func TestPosixRules(t *testing.T) {
	tests := []struct {
		src    string
		out    string
		status int
	}{
		{"x=1 :; echo \"[$x]\"", "[1]\n", 0},
		{"f() { :; }; x=1 f; echo \"[$x]\"", "[]\n", 0},
		{"set -- a b c; echo \"[${!#}]\"", "[]\n", 0},
		{"set -- 'a b'; echo hi > $1; read x < 'a b'; echo $x", "hi\n", 0},
		{"f() { echo f; }; echo $?", "0\n", 0},
	}
	for _, tc := range tests {
		out, _, status := runCaptured(t, "set -o posix; "+tc.src)
		if out != tc.out || status != tc.status {
			t.Errorf("%q: out %q, status %d; want %q, %d", tc.src, out, status, tc.out, tc.status)
		}
	}
}

// TestPosixFatalErrors is the error table: what ends a non-interactive
// shell in POSIX mode (with bash's status under -c) and only fails
// outside it.
func TestPosixFatalErrors(t *testing.T) {
	tests := []struct {
		src         string
		status      int    // in POSIX mode, where "after" is never reached
		msg         string // part of the message
		plainOut    string // without the mode
		plainStatus int
	}{
		{"eval() { :; }", 2, "`eval': is a special builtin", "after\n", 0},
		{"a-b() { :; }", 2, "`a-b': not a valid identifier", "after\n", 0},
		{"export -Q", 2, "-Q: invalid option", "after\n", 0},
		{": > /nonexistent/f", 1, "No such file or directory", "after\n", 0},
		{"readonly r=1; r=2 :", 127, "r: readonly variable", "after\n", 0},
		{"readonly r=1; export r=2", 1, "r: readonly variable", "after\n", 0},
		{"readonly r=1; for r in a; do :; done", 127, "r: readonly variable", "after\n", 0},
		{"echo $((1+))", 127, "operand expected", "", 1},
		{". ./nosuch", 1, "No such file or directory", "after\n", 0},
		{"eval 'if'", 2, "syntax error", "after\n", 0},
	}
	for _, tc := range tests {
		out, errOut, status := runCaptured(t, "set -o posix; "+tc.src+"; echo after")
		if out != "" || status != tc.status || !strings.Contains(errOut, tc.msg) {
			t.Errorf("posix %q: out %q, status %d, stderr %q; want no output, %d, %q", tc.src, out, status, errOut, tc.status, tc.msg)
		}
		out, _, status = runCaptured(t, tc.src+"; echo after")
		if out != tc.plainOut || status != tc.plainStatus {
			t.Errorf("plain %q: out %q, status %d; want %q, %d", tc.src, out, status, tc.plainOut, tc.plainStatus)
		}
	}
}

// TestPosixPrompt checks POSIX's prompt: ! is the history number, !! a
// '!', and $VAR expands whatever promptvars says.
func TestPosixPrompt(t *testing.T) {
	sh := testShell(t)
	sh.Vars.Set("V", "v")
	info := promptInfo{histNumber: 42}
	tests := []struct {
		ps          string
		posix, vars bool
		want        string
	}{
		{"a!b!!c ", true, true, "a42b!c "},
		{`\! ! $V`, true, false, "42 42 v"},
		{"a!b!!c $V", false, true, "a!b!!c v"},
		{`! $V`, false, false, "! $V"},
	}
	for _, tc := range tests {
		sh.Opts.Posix, sh.Opts.Shopt.NoPromptvars = tc.posix, !tc.vars
		if got := sh.expandPrompt(tc.ps, info); got != tc.want {
			t.Errorf("posix %v, promptvars %v: %q gives %q, want %q", tc.posix, tc.vars, tc.ps, got, tc.want)
		}
	}
}

// TestPosixHistoryExpansion: in POSIX mode '!' does not start a history
// reference inside double quotes; outside them it does.
func TestPosixHistoryExpansion(t *testing.T) {
	hist := []string{"echo hi there"}
	tests := []struct {
		line  string
		posix bool
		want  string
	}{
		{`echo "!!"`, true, `echo "!!"`},
		{`echo "!!"`, false, `echo "echo hi there"`},
		{`echo "a" !$`, true, `echo "a" there`},
		{`echo "x!$y" '!!' !!`, true, `echo "x!$y" '!!' echo hi there`},
	}
	for _, tc := range tests {
		hx := histExpansion{posix: tc.posix}
		if got, _, _, err := hx.expand(tc.line, hist); err != nil || got != tc.want {
			t.Errorf("posix %v: %s gives %q, %v; want %q", tc.posix, tc.line, got, err, tc.want)
		}
	}
}
