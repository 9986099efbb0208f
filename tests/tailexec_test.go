package tests

import (
	"strings"
	"testing"
)

// TestChildExecsLastCommand: a child gosh whose whole body is one simple
// command naming a program becomes that program, as a forked shell does
// with its last command: "$S" 7.3 & is one process, $! is the program's
// pid (its parent is the shell itself), and kill $! ends the program.
// Before, the child gosh ran the program as a child of its own, so kill
// $! ended the gosh and left the program running. With a trap set in the
// child, or a body of more than one command, the child gosh stays.
func TestChildExecsLastCommand(t *testing.T) {
	for _, c := range []struct {
		name, script, out string
	}{
		// $! names the program; its parent is the shell ($$).
		// The child gosh execs after it has read its snapshot: poll its
		// cmdline (3 s at most).
		{"background", `S=sleep; "$S" 7.3 & p=$!; ` + pollCmdline + `read -r _ _ _ pp _ < /proc/$p/stat; ` +
			`tr '\0' ' ' < /proc/$p/cmdline; echo; [ "$pp" = $$ ] && echo parent ok; kill $p; wait $p; echo $?`,
			"sleep 7.3 \nparent ok\n143\n"},
		{"subshell", `S=sleep; ( "$S" 7.4 ) & p=$!; ` + pollCmdline + `tr '\0' ' ' < /proc/$p/cmdline; echo; kill $p; wait $p; echo $?`,
			"sleep 7.4 \n143\n"},
		// The last command of a subshell's list, as bash.
		{"subshell-last", `S=sleep; ( x=1; "$S" 7.5 ) & p=$!; ` + pollCmdline + `tr '\0' ' ' < /proc/$p/cmdline; echo; kill $p; wait $p; echo $?`,
			"sleep 7.5 \n143\n"},
		// gosh -c: the last command of the text, as bash -c.
		{"command-string", `"$GOSH" -c 'echo a; sleep 7.6' & p=$!; ` + pollCmdline + `tr '\0' ' ' < /proc/$p/cmdline; echo; kill $p; wait $p; echo $?`,
			"a\nsleep 7.6 \n143\n"},
		{"command-string-lines", `"$GOSH" -c $'sleep 0.01\nsleep 7.7' & p=$!; ` + pollCmdline + `tr '\0' ' ' < /proc/$p/cmdline; echo; kill $p; wait $p; echo $?`,
			"sleep 7.7 \n143\n"},
		// Redirections of the command and of the subshell are in place.
		{"redirections", `E=echo; "$E" out >o 2>e & wait; ( "$E" err >&2 ) 2>e2 & wait; cat o e2`, "out\nerr\n"},
		{"assignments", `E=env; V=1 "$E" & wait`, "V=1\n"},
		// A program that cannot run is reported as before.
		{"not-found", `x=nosuch; "$x" & wait $!; echo $?`, "127\n"},
		{"not-executable", `: > f; x=./f; chmod -x f; "$x" & wait $!; echo $?`, "126\n"},
		// A trap keeps the child gosh alive to run it.
		{"trap", `S=sleep; ( trap 'echo bye' EXIT; "$S" 0.1 ) & wait $!; echo $?`, "bye\n0\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var left []leftProc
			out, errOut, _ := runShell(t, shellRun{Args: []string{"-c", c.script}, Left: &left, Env: []string{"GOSH=" + requireGosh(t)}})
			if c.name == "assignments" {
				out = grepLines(out, "V=")
			}
			if out != c.out {
				t.Errorf("stdout %q, want %q (stderr %q)", out, c.out, errOut)
			}
			for _, p := range left {
				if strings.Contains(p.Args, "sleep") {
					t.Errorf("left running after the shell: %d %s", p.Pid, p.Args)
				}
			}
		})
	}
}

// pollCmdline waits until process $p runs sleep, 3 s at most.
const pollCmdline = `for i in $(seq 300); do c=$(tr '\0' ' ' < /proc/$p/cmdline); case $c in sleep*) break;; esac; sleep 0.01; done; `

// grepLines keeps the lines of s that start with prefix.
func grepLines(s, prefix string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			b.WriteString(l)
		}
	}
	return b.String()
}
