package builtins

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// The trap builtin: the options, the condition names and the printing.
// What a trap does (dispositions, running the handlers) is the shell's
// (package shell, trap.go and trap_unix.go).

// Trap conditions that are not signals, numbered as package shell numbers
// them: EXIT is 0, signals 1 to 64, then these, in trap -p's order.
const (
	trapExit   = 0
	trapDebug  = 65
	trapErr    = 66
	trapReturn = 67
)

// SignalCause is the cause of a cancelled Context when a signal that has a
// trap arrived while a builtin waited: wait then returns 128+N.
type SignalCause struct{ Signal syscall.Signal }

func (c SignalCause) Error() string { return "signal " + strconv.Itoa(int(c.Signal)) }

// interruptedStatus is the status of a wait that ctx ended: 128+N for a
// trapped signal N, 130 for Ctrl+C. ok is false if ctx is not done.
func interruptedStatus(ctx context.Context) (status int, ok bool) {
	if ctx.Err() == nil {
		return 0, false
	}
	var sc SignalCause
	if errors.As(context.Cause(ctx), &sc) {
		return 128 + int(sc.Signal), true
	}
	return 128 + int(syscall.SIGINT), true
}

// waitContext is the context the wait builtin waits on: the shell's
// Context, which a trapped signal also cancels where the shell offers it.
func waitContext(sh Shell) context.Context {
	if w, ok := sh.(interface{ WaitContext() context.Context }); ok {
		return w.WaitContext()
	}
	return sh.Context()
}

var trapBuiltins = []*Builtin{
	{
		Name:     "trap",
		Synopsis: "trap [-lp] [[arg] signal_spec ...]",
		Summary:  "Run commands when the shell receives a signal or exits.",
		Help: `trap 'COMMANDS' SIG...   run COMMANDS when signal SIG arrives
trap '' SIG...           ignore SIG, in the shell and in every command
                         it starts from now on (they inherit SIG_IGN)
trap - SIG...            give SIG its default action again
trap -p [SIG...]         print traps as commands that set them again
trap                     the same as trap -p
trap -l                  list the signals with their numbers
SIG is a signal name (INT, SIGINT, int) or number (2), or:
  EXIT (0)  when the shell exits: exit, end of the script, an error, a
            fatal signal;   ERR  after a command fails (where set -e
            would exit);   DEBUG  before each command;   RETURN  after a
            . file, or a function that set it.
A trap on CHLD runs once for each child that exits or stops.
A trapped signal's COMMANDS run in the shell itself, after the command
that is running when it arrives; the wait builtin is interrupted at once
and returns 128+N. $? is kept around them. A subshell starts with caught
signals reset to their defaults, and ignored ones still ignored.
An interactive shell keeps what it needs: Ctrl+Z never stops it, and
Ctrl+C at the prompt still discards the line.`,
		Run:     runTrap,
		Special: true,
	},
}

// trapShell is what the trap builtin needs of the shell.
type trapShell interface {
	SetTrap(n int, action string)
	ResetTrap(n int)
	Traps() map[int]string
}

func runTrap(sh Shell, io IO, args []string) (int, error) {
	ts, ok := sh.(trapShell)
	if !ok {
		errorf(io, "trap", "traps are not available here")
		return statusFailure, nil
	}
	o, rest, ok := parseOptions(io, "trap", args[1:], "lp")
	if !ok {
		return statusUsage, nil
	}
	posix, _ := sh.Option("posix")
	if o.has('l') {
		return writeOut(io, "trap", signalTable()), nil
	}
	if o.has('p') || len(rest) == 0 {
		// In POSIX mode, trap -p shows the conditions left as they
		// were too ("trap -- - TERM"), and no listing says SIG.
		return printTraps(ts, io, rest, posix && o.has('p'), posix), nil
	}
	// The first operand is the action unless it is a number (POSIX: then
	// every operand is a condition to reset) or "-". With one operand,
	// bash resets it if it names a signal (not in POSIX mode: "trap INT"
	// is a usage error there).
	action, specs := rest[0], rest[1:]
	reset := action == "-"
	if isUnsigned(action) {
		reset, specs = true, rest
	} else if len(rest) == 1 && posix {
		return usageError(io, "trap", ""), nil
	} else if len(rest) == 1 {
		if _, ok := parseCondition(action); !ok || reset {
			return usageError(io, "trap", ""), nil
		}
		reset, specs = true, rest
	}
	status := statusOK
	for _, spec := range specs {
		n, ok := parseCondition(spec)
		if !ok {
			errorf(io, "trap", "%s: invalid signal specification", spec)
			status = statusFailure
			continue
		}
		if reset {
			ts.ResetTrap(n)
		} else {
			ts.SetTrap(n, action)
		}
	}
	return status, nil
}

// printTraps is trap -p [SIG...]: each trap as the command that sets it,
// "trap -- 'echo bye' EXIT". With all (trap -p in POSIX mode) the
// conditions without a trap are shown too, "trap -- - TERM", every one
// when none is named; noSIG names signals without their SIG (POSIX mode).
func printTraps(ts trapShell, io IO, specs []string, all, noSIG bool) int {
	table := ts.Traps()
	var conds []int
	status := statusOK
	if len(specs) == 0 && all {
		conds = append(conds, trapExit)
		for n := 1; n <= 64; n++ {
			conds = append(conds, n)
		}
		conds = append(conds, trapDebug, trapErr, trapReturn)
	} else if len(specs) == 0 {
		for n := range table {
			conds = append(conds, n)
		}
		slices.Sort(conds)
	} else {
		for _, spec := range specs {
			n, ok := parseCondition(spec)
			if !ok {
				errorf(io, "trap", "%s: invalid signal specification", spec)
				status = statusFailure
				continue
			}
			conds = append(conds, n)
		}
	}
	var b strings.Builder
	for _, n := range conds {
		name := conditionName(n)
		if noSIG {
			name = strings.TrimPrefix(name, "SIG")
		}
		if name == "SIG" || name == "" {
			name = strconv.Itoa(n) // 32 and 33, which have no name
		}
		action, ok := table[n]
		switch {
		case ok:
			fmt.Fprintf(&b, "trap -- %s %s\n", singleQuote(action), name)
		case all:
			fmt.Fprintf(&b, "trap -- - %s\n", name)
		}
	}
	if st := writeOut(io, "trap", b.String()); st != statusOK {
		return st
	}
	return status
}

// parseCondition reads a trap condition: EXIT, ERR, DEBUG, RETURN, or a
// signal as kill reads it (a number 0 to 64, or a name with or without
// SIG, in any case; 0 is EXIT).
func parseCondition(spec string) (int, bool) {
	switch strings.ToUpper(spec) {
	case "EXIT", "SIGEXIT":
		return trapExit, true
	case "ERR":
		return trapErr, true
	case "DEBUG":
		return trapDebug, true
	case "RETURN":
		return trapReturn, true
	}
	sig, ok := parseSignal(spec)
	if !ok || (int(sig) != 0 && BashSignalName(int(sig)) == "") {
		return 0, false
	}
	return int(sig), true
}

// conditionName is how trap -p names a condition: EXIT, SIGINT, DEBUG.
func conditionName(n int) string {
	switch n {
	case trapExit:
		return "EXIT"
	case trapErr:
		return "ERR"
	case trapDebug:
		return "DEBUG"
	case trapReturn:
		return "RETURN"
	}
	return "SIG" + BashSignalName(n)
}

// isUnsigned reports whether s is a non-empty string of digits.
func isUnsigned(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
