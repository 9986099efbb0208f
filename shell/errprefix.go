package shell

import "strconv"

// What the shell's messages about a command start with, decided here
// alone, as bash's error.c decides it (get_name_for_error, error_prolog,
// builtin_error_prolog):
//
//   - In an interactive shell, and in its subshells: "gosh: ".
//   - Otherwise the name of the file whose command is running, then the
//     line: "s.sh: line 3: ". The name is BASH_SOURCE[0] (the script as
//     it was given, a . file, the file a function was defined in; bash
//     5.2's "environment" for a function defined in -c text), else $0
//     (-c's: the shell's name as started, or the name after the text).
//     The line is $LINENO: the line of the command being run, counted in
//     the file, the function's file, the eval'd text or the trap action.
//   - With shopt -s gnu_errfmt, the GNU form, "s.sh:3: ", for the shell's
//     own messages (command not found, expansion errors), not a builtin's
//     (builtinPrefix: bash's builtin_error keeps "line 3: ").
//
// Syntax errors are placed by syntaxPrefix and syntaxError (syntaxmsg.go),
// which start with the same name (messageName; a line always follows) and
// add the input's name as bash's parser_error does ("nm: -c: line 2: ",
// "s.sh: eval: line 4: ").

// ErrorPrefix is the start of a message about the command being run:
// "gosh: " at a prompt, "s.sh: line 3: " in a script (builtins get it
// through builtins.IO, jobs through jobs.Stage).
func (sh *Shell) ErrorPrefix() string { return sh.errorPrefixAt(sh.line) }

// ErrorName is the start of a message that bash writes without a line
// (its sys_error: a failed fork): "gosh: ", or "s.sh: " in a script.
func (sh *Shell) ErrorName() string {
	name, _ := sh.errorName()
	return name + ": "
}

// builtinPrefix is the Prefixer of builtins: ErrorPrefix in bash's
// words for a builtin, which gnu_errfmt does not change.
type builtinPrefix struct{ sh *Shell }

func (b builtinPrefix) ErrorPrefix() string { return b.sh.prefixAt(b.sh.line, false) }

// errorPrefixAt is ErrorPrefix naming line (none if line <= 0).
func (sh *Shell) errorPrefixAt(line int) string { return sh.prefixAt(line, sh.Opts.Shopt.GnuErrfmt) }

// prefixAt is the prefix naming line, in the GNU form if gnu.
func (sh *Shell) prefixAt(line int, gnu bool) string {
	name, lined := sh.errorName()
	if !lined || line <= 0 {
		return name + ": "
	}
	if gnu {
		return name + ":" + strconv.Itoa(line) + ": "
	}
	return name + ": line " + strconv.Itoa(line) + ": "
}

// errorName is the name a message starts with, and whether a line
// follows it.
func (sh *Shell) errorName() (string, bool) {
	if sh.Opts.Interactive || sh.shown.Interactive {
		return "gosh", false
	}
	return sh.messageName(), true
}

// messageName is the name a non-interactive shell's messages start with:
// BASH_SOURCE[0], else $0, else "gosh".
func (sh *Shell) messageName() string {
	name := ""
	if v := sh.Vars.Lookup("BASH_SOURCE"); v != nil && v.Array && len(v.Elems) > 0 && v.Elems[0].Index == 0 {
		name = v.Elems[0].Value
	}
	if name == "" {
		name = sh.arg0()
	}
	if name == "" {
		name = "gosh"
	}
	return name
}
