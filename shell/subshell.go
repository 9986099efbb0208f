package shell

import (
	"strconv"
	"strings"

	"gosh/jobs"
	"gosh/parser"
)

// A background command that runs inside the shell (a builtin, or a list
// such as "make && ./a.out &") still needs a process of its own: $! must be
// a real pid that kill and wait understand, and the job must be stoppable.
// A C shell would fork; Go cannot fork a running program. So gosh starts a
// fresh copy of itself (execve of /proc/self/exe's path) and hands it the
// state that fork would have copied: unexported variables, options and
// aliases travel as a script preamble, exported ones in the environment,
// positional parameters as arguments.

// subshellPidVar carries $$ into the new process: in a subshell, $$ is
// still the pid of the shell the user started, as in bash.
const subshellPidVar = "GOSH_SUBSHELL_OF"

// subshellStage builds the stage that runs text in a new gosh process.
func (sh *Shell) subshellStage(text string, t *fdTable) jobs.Stage {
	script := sh.statePreamble() + text + "\n"
	argv := append([]string{"gosh", "--norc", "--noprofile", "-c", script, sh.Arg0}, sh.Params...)
	st := jobs.Stage{
		Path:  sh.self,
		Argv:  argv,
		Env:   sh.Vars.Environ([]string{subshellPidVar + "=" + strconv.Itoa(sh.pid)}),
		Files: t.files(),
		Text:  text,
	}
	return st
}

// statePreamble is shell code that recreates what a forked subshell would
// inherit and a new process does not: unexported variables, the
// read-only mark, set options and aliases.
func (sh *Shell) statePreamble() string {
	var b strings.Builder
	for _, name := range sh.Vars.Names() {
		v := sh.Vars.Lookup(name)
		switch {
		case name == "PPID" || !parser.IsName(name):
		case v.ReadOnly && (v.Exported || v.NoValue):
			// The value, if any, travels in the environment.
			b.WriteString("readonly " + name + "\n")
		case v.ReadOnly:
			b.WriteString("readonly " + name + "=" + shellQuote(v.Value) + "\n")
		case !v.Exported:
			b.WriteString(name + "=" + shellQuote(v.Value) + "\n")
		}
	}
	for _, o := range options {
		if o.name != "monitor" && *o.field(&sh.Opts) {
			b.WriteString("set -o " + o.name + "\n")
		}
	}
	for _, name := range sh.AliasNames() {
		b.WriteString("alias " + name + "=" + shellQuote(sh.Aliases[name]) + "\n")
	}
	b.WriteString(sh.funcPreamble())
	return b.String()
}

// commandText quotes an expanded command so that a new shell runs exactly
// these words.
func commandText(cmd *command) string {
	words := make([]string, 0, len(cmd.assigns)+len(cmd.argv))
	for _, a := range cmd.assigns {
		words = append(words, a.name+"="+shellQuote(a.value))
	}
	for _, w := range cmd.argv {
		words = append(words, shellQuote(w))
	}
	return strings.Join(words, " ")
}

// shellQuote quotes s for the shell's own parser, leaving plain words bare
// (also how set -x shows words, as bash does).
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`|&;<>()*?[]#~=!{}%") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
