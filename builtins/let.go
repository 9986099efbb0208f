package builtins

import (
	"fmt"
	"strings"

	"golang.org/x/sys/unix"
)

var letBuiltins = []*Builtin{
	{
		Name:     "let",
		Synopsis: "let arg [arg ...]",
		Summary:  "Evaluate arithmetic expressions.",
		Help: `Evaluate each ARG as an arithmetic expression, as $((ARG)) would:
let "x = y * 2" "n++". Variables need no $, and assignments change
them in the shell. The status is 0 if the last ARG's value is not 0,
1 if it is 0 or an expression is wrong.`,
		Run: runLet,
	},
	{
		Name:     "times",
		Synopsis: "times",
		Summary:  "Display process times.",
		Help: `Print the CPU time used so far: on the first line by the shell
itself, on the second by the children it has waited for; in each,
the user time (running the program's code) then the system time (the
kernel working for it), from getrusage(2).`,
		Run:     runTimes,
		Special: true, // POSIX 2.14 lists times among the special builtins
	},
}

func runLet(sh Shell, io IO, args []string) (int, error) {
	args = args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		errorf(io, "let", "expression expected")
		return statusFailure, nil
	}
	var last int64
	for _, a := range args {
		v, err := sh.Arith(a)
		if noAssign(err) {
			return statusFailure, nil // let GROUPS=3: silently, as bash
		}
		if err != nil {
			errorf(io, "let", "%s", strings.TrimPrefix(err.Error(), "gosh: "))
			return statusFailure, nil
		}
		last = v
	}
	if last == 0 {
		return statusFailure, nil
	}
	return statusOK, nil
}

func runTimes(sh Shell, io IO, args []string) (int, error) {
	if _, _, ok := parseOptions(io, "times", args[1:], ""); !ok {
		return statusUsage, nil
	}
	var self, children unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &self); err != nil {
		errorf(io, "times", "%s", strerror(err))
		return statusFailure, nil
	}
	if err := unix.Getrusage(unix.RUSAGE_CHILDREN, &children); err != nil {
		errorf(io, "times", "%s", strerror(err))
		return statusFailure, nil
	}
	line := func(r *unix.Rusage) string {
		return cpuTime(r.Utime) + " " + cpuTime(r.Stime) + "\n"
	}
	return writeOut(io, "times", line(&self)+line(&children)), nil
}

// cpuTime writes a CPU time as bash's times does: 0m1.250s.
func cpuTime(t unix.Timeval) string {
	ms := int64(t.Sec)*1000 + int64(t.Usec)/1000
	return fmt.Sprintf("%dm%d.%03ds", ms/60000, ms/1000%60, ms%1000)
}
