package builtins

import (
	"os"
	"strings"
)

// The enable builtin turns builtins off and on, as bash's: with echo
// turned off, "echo hi" runs the echo program found on PATH. bash can
// also load new builtins from C shared objects (enable -f); a Go program
// cannot load C code into itself, so gosh answers -f as bash does when
// loading fails.

// EnableShell is a Shell whose builtins can be turned off (enable -n).
// *shell.Shell implements it; a shell that does not has every builtin on.
type EnableShell interface {
	// BuiltinDisabled reports whether enable -n turned the builtin off.
	BuiltinDisabled(name string) bool
	// SetBuiltinEnabled turns the builtin name on or off.
	SetBuiltinEnabled(name string, on bool)
}

// LookupEnabled is Lookup for running or describing a command: it finds
// no builtin that enable -n turned off in sh.
func LookupEnabled(sh Shell, name string) (*Builtin, bool) {
	b, ok := Lookup(name)
	if ok && disabledIn(sh, name) {
		return nil, false
	}
	return b, ok
}

func disabledIn(sh Shell, name string) bool {
	e, ok := sh.(EnableShell)
	return ok && e.BuiltinDisabled(name)
}

var enableBuiltins = []*Builtin{
	{
		Name:     "enable",
		Synopsis: "enable [-a] [-dnps] [-f filename] [name ...]",
		Summary:  "Enable and disable shell builtins.",
		Help: `Turn each builtin NAME on, or off with -n. A builtin that is off is
not found when a command is run: "enable -n echo; echo hi" runs the
echo program on PATH, as if the shell had no echo of its own. "builtin
NAME" cannot run it either; "enable NAME" turns it on again.
Without NAME, list the builtins that are on, as enable commands:
-a  list every builtin, each with -n if it is off
-n  list only the builtins that are off
-s  list only the POSIX special builtins
-p  list (the default when there is no NAME)
-f FILE  bash loads new builtins from the C shared object FILE; gosh is
    a Go program and cannot load C code, so this always fails
-d  remove a builtin loaded with -f: gosh has none
The status is 1 when a NAME is not a builtin, 0 otherwise.`,
		Run: runEnable,
	},
}

func runEnable(sh Shell, io IO, args []string) (int, error) {
	o, names, ok := parseOptions(io, "enable", args[1:], "adf:nps")
	if !ok {
		return statusUsage, nil
	}
	if len(names) == 0 {
		return listEnabled(sh, io, o), nil
	}
	if o.has('f') {
		// bash's message when dlopen(3) fails, with its reason.
		file := o.vals['f']
		why := file + ": gosh cannot load shared objects (bash's loadable builtins are C code)"
		if _, err := os.Stat(file); err != nil {
			why = file + ": cannot open shared object file: " + strerror(err)
		}
		errorf(io, "enable", "cannot open shared object %s: %s", file, why)
		return statusFailure, nil
	}
	status := statusOK
	for _, name := range names {
		_, isBuiltin := Lookup(name)
		switch {
		case !isBuiltin:
			errorf(io, "enable", "%s: not a shell builtin", name)
			status = statusFailure
		case o.has('d'):
			errorf(io, "enable", "%s: not dynamically loaded", name)
			status = statusFailure
		default:
			e, ok := sh.(EnableShell)
			if !ok {
				errorf(io, "enable", "%s: this shell cannot turn builtins off", name)
				status = statusFailure
				continue
			}
			e.SetBuiltinEnabled(name, !o.has('n'))
		}
	}
	return status, nil
}

// listEnabled prints the builtins as enable commands: those that are on
// ("enable NAME"), with -n those that are off ("enable -n NAME"), with -a
// both, with -s only the special ones, in the order of their names.
func listEnabled(sh Shell, io IO, o *options) int {
	var b strings.Builder
	for _, bi := range All() {
		off := disabledIn(sh, bi.Name)
		switch {
		case o.has('s') && !listedSpecial(bi),
			!o.has('a') && off != o.has('n'):
			continue
		}
		if off {
			b.WriteString("enable -n " + bi.Name + "\n")
		} else {
			b.WriteString("enable " + bi.Name + "\n")
		}
	}
	return writeOut(io, "enable", b.String())
}

// listedSpecial reports whether enable -s lists b: the POSIX special
// builtins, and source, as bash lists them.
func listedSpecial(b *Builtin) bool { return b.Special }
