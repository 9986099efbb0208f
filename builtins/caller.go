package builtins

import "fmt"

// CallerShell is what the caller builtin needs of the shell: where each
// running function was called from (shell.Shell.Caller).
type CallerShell interface {
	Caller(n int, numbered bool) (line int, fn, file string, ok bool)
}

var callerBuiltins = []*Builtin{
	{
		Name:     "caller",
		Synopsis: "caller [expr]",
		Summary:  "Show where the running function was called from.",
		Help: `Without EXPR, print "LINE FILE": the line and file of the call of the
running function. With EXPR, a number N, print "LINE FUNCTION FILE" for
the N-th call up the stack (0 is the running function's call; FUNCTION
is the function that made the call, "main" at the top). Debuggers and
error handlers walk the stack with caller 0, caller 1, ... until the
status is 1.
The status is 1 outside a function or when N is beyond the stack.`,
		Run: runCaller,
	},
}

func runCaller(sh Shell, io IO, args []string) (int, error) {
	cs, ok := sh.(CallerShell)
	if !ok {
		return statusFailure, nil
	}
	if _, _, _, ok := cs.Caller(0, false); !ok {
		return statusFailure, nil // as bash: nothing to say outside a function
	}
	if len(args) == 1 {
		line, _, file, _ := cs.Caller(0, false)
		return writeOut(io, "caller", fmt.Sprintf("%d %s\n", line, file)), nil
	}
	// As bash, arguments after EXPR are ignored.
	if len(args[1]) > 1 && args[1][0] == '-' {
		return usageError(io, "caller", args[1]+": invalid option"), nil
	}
	n, ok := parseInt(args[1])
	if !ok || n < 0 {
		return usageError(io, "caller", args[1]+": invalid number"), nil
	}
	line, fn, file, ok := cs.Caller(n, true)
	if !ok {
		return statusFailure, nil
	}
	return writeOut(io, "caller", fmt.Sprintf("%d %s %s\n", line, fn, file)), nil
}
