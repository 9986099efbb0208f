package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"gosh/builtins"
	"gosh/shell"
)

// applyStartOption applies one option of the command line, as parseArgs
// wrote it: "-x" or "+x" (a set letter), "-o=NAME"/"+o=NAME" (set -o NAME),
// "-O=NAME"/"+O=NAME" (shopt -s/-u NAME), or "-o", "+o", "-O", "+O" alone,
// which list the options as set -o, set +o, shopt and shopt -p do, as
// bash does before it goes on. A wrong name is bash's error, without the
// usage text: "nosuch: invalid option name" for -o, "nosuch: invalid
// shell option name" for -O.
func applyStartOption(sh *shell.Shell, o string) error {
	on := o[0] == '-'
	switch {
	case len(o) == 2 && (o[1] == 'o' || o[1] == 'O'):
		return listStartOptions(sh, o)
	case o[1] == 'o':
		// A valued option is NAME=VALUE (-o lang=ko).
		if base, _, _ := strings.Cut(o[3:], "="); !slices.Contains(sh.OptionNames(), base) {
			return fmt.Errorf("%s: invalid option name", o[3:])
		}
		return sh.SetOption(o[3:], on)
	case o[1] == 'O':
		if !slices.Contains(sh.ShoptNames(), o[3:]) {
			return fmt.Errorf("%s: invalid shell option name", o[3:])
		}
		return sh.SetOption(o[3:], on)
	}
	return sh.SetOption(o[1:], on) // a set letter
}

// listStartOptions runs the set or shopt listing that -o, +o, -O or +O
// alone asks for, on the shell's standard output.
func listStartOptions(sh *shell.Shell, o string) error {
	argv := map[string][]string{
		"-o": {"set", "-o"}, "+o": {"set", "+o"},
		"-O": {"shopt"}, "+O": {"shopt", "-p"},
	}[o]
	io := builtins.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, InFd: 0, OutFd: 1, ErrFd: 2}
	_, err := sh.RunCommand(argv, io, false)
	return err
}

// errNoUsage marks a command-line error that bash reports without its
// usage text: a long option without its argument, and the modes gosh
// does not have.
type errNoUsage struct{ msg string }

func (e errNoUsage) Error() string { return e.msg }

// nextArg takes the argument after args[*i], the value of an option
// (-o NAME, --rcfile FILE); false when there is none.
func nextArg(args []string, i *int) (string, bool) {
	if *i+1 < len(args) {
		*i++
		return args[*i], true
	}
	return "", false
}

// longOption applies bash's long option --NAME (bash --help lists them)
// or gosh's own --trace, args[*i]; one that takes an argument (--rcfile
// FILE) takes the next one. ok is false when NAME is not a long option.
func longOption(inv *invocation, name string, args []string, i *int) (ok bool, err error) {
	switch name {
	case "help", "version":
		inv.opts = append(inv.opts, "--"+name)
	case "login":
		inv.login = true
	case "norc":
		inv.norc = true
	case "noprofile":
		inv.noprofile = true
	case "rcfile", "init-file":
		// An interactive shell that is not a login shell reads FILE
		// instead of ~/.goshrc (pexpect's replwrap starts bash so).
		file, ok := nextArg(args, i)
		if !ok {
			return true, errNoUsage{name + ": option requires an argument"}
		}
		inv.rcfile, inv.hasRCFile = file, true
	case "noediting":
		inv.noEditing = true
	case "verbose":
		inv.opts = append(inv.opts, "-v")
	case "trace":
		inv.opts = append(inv.opts, "-o=trace")
	case "debug":
		// bash's --debug changes nothing a user can see.
	case "debugger":
		// bash without its debugger (bashdb) warns and goes on; gosh has
		// none.
		inv.debugger = true
	case "dump-strings", "dump-po-strings":
		return true, errDumpStrings("--" + name)
	case "pretty-print":
		return true, errNoUsage{"--pretty-print: gosh has no pretty-printing mode (declare -f prints a function so)"}
	case "posix":
		inv.opts = append(inv.opts, "-o=posix") // bash's POSIX mode
	case "restricted":
		return true, errRestricted("--restricted")
	default:
		return false, nil
	}
	return true, nil
}

// errRestricted is the refusal of -r and --restricted: gosh has no
// restricted mode, and a shell that only seemed restricted would be worse
// than none (tests/testdata/oneliners/differences.txt).
func errRestricted(opt string) error {
	return errNoUsage{opt + ": gosh has no restricted mode"}
}

// errDumpStrings is the refusal of -D, --dump-strings and
// --dump-po-strings: gosh has no message catalogs, and does not list the
// $"..." strings a catalog would translate.
func errDumpStrings(opt string) error {
	return errNoUsage{opt + `: gosh has no message catalogs to list $"..." strings for`}
}
