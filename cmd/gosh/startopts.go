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
// wrote it: "-x" or "+x" (a set letter), "-oNAME"/"+oNAME" (set -o NAME),
// "-ONAME"/"+ONAME" (shopt -s/-u NAME), or "-o", "+o", "-O", "+O" alone,
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
		if base, _, _ := strings.Cut(o[2:], "="); !slices.Contains(sh.OptionNames(), base) {
			return fmt.Errorf("%s: invalid option name", o[2:])
		}
	case o[1] == 'O' && !slices.Contains(sh.ShoptNames(), o[2:]):
		return fmt.Errorf("%s: invalid shell option name", o[2:])
	}
	name := o[1:]
	if len(name) > 1 {
		name = name[1:] // -oNAME, -ONAME
	}
	return sh.SetOption(name, on)
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
