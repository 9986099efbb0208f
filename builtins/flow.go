package builtins

import (
	"strconv"
	"strings"
)

// The flow builtins: break, continue, return and local. They change where
// the interpreter goes next, which a builtin cannot do by itself: each one
// returns an error value (*LoopControl, *ReturnRequest) that unwinds the
// executor to the loop or function call that handles it, the way
// ExitRequest unwinds to the top for exit.

// LoopControl unwinds the executor out of N enclosing loops (break), or
// to the next iteration of the Nth enclosing loop (continue).
type LoopControl struct {
	N        int // how many loops, at least 1
	Continue bool
	Status   int // the status the loop leaves: 0, or 1 after a bad count
}

func (e *LoopControl) Error() string {
	if e.Continue {
		return "continue " + strconv.Itoa(e.N)
	}
	return "break " + strconv.Itoa(e.N)
}

// ReturnRequest unwinds the executor to the function call (or the . file)
// being run; Status is the call's status.
type ReturnRequest struct{ Status int }

func (e *ReturnRequest) Error() string { return "return " + strconv.Itoa(e.Status) }

// ErrDiscardLine is returned, after the builtin's message, where bash's
// builtin throws away the rest of the command line (its
// jump_to_top_level(DISCARD): "suspend extra"): status 1, and the shell
// reads its next command; a -c string or a subshell ends with 1.
var ErrDiscardLine = &DiscardLine{}

// DiscardLine is ErrDiscardLine's type.
type DiscardLine struct{}

func (*DiscardLine) Error() string { return "the rest of the command line is discarded" }

// FlowShell is what the flow builtins need of the shell beyond Shell: how
// deep in loops and functions the current command is, and local
// variables. The shell implements it; a Shell that does not behaves as a
// shell outside every loop and function.
type FlowShell interface {
	// LoopDepth is the number of loops around the current command in the
	// current function (a function call starts again from 0, as in bash).
	LoopDepth() int
	// CanReturn reports whether a function or a . file is running.
	CanReturn() bool
	// InFunction reports whether a function is running.
	InFunction() bool
	// DeclareLocal makes name local to the running function, saving the
	// caller's variable to be restored when the function returns. With
	// set false the local variable is declared but unset.
	DeclareLocal(name, value string, set bool) error
}

// FuncShell gives the builtins the shell's functions: type, declare -f,
// unset -f.
type FuncShell interface {
	// FuncText is the definition of a function as the shell prints it
	// ("f () \n{ \n ...\n}"), and whether name is a function.
	FuncText(name string) (string, bool)
	// FuncNames lists the defined functions, sorted.
	FuncNames() []string
	// UnsetFunc removes a function; it reports whether there was one.
	UnsetFunc(name string) bool
}

var flowBuiltins = []*Builtin{
	{
		Name:     "break",
		Synopsis: "break [n]",
		Summary:  "Exit for, while, or until loops.",
		Help: `Exit from the innermost for, while or until loop, or from the
N innermost loops when N is given (N >= 1). The shell itself runs
the loop, so break needs no process: the loop simply stops.`,
		Run:     runBreak,
		Special: true,
	},
	{
		Name:     "continue",
		Synopsis: "continue [n]",
		Summary:  "Resume the next iteration of a loop.",
		Help: `Go on with the next iteration of the innermost for, while or until
loop, or of the Nth enclosing loop when N is given (N >= 1).`,
		Run:     runContinue,
		Special: true,
	},
	{
		Name:     "return",
		Synopsis: "return [n]",
		Summary:  "Return from a shell function.",
		Help: `Return from the running function, or from a file run with '.'
(source), with status N, or the status of the last command when N
is not given. The function runs in the shell itself: returning is
a jump in the shell, not the end of a process.`,
		Run:     runReturn,
		Special: true,
	},
	{
		Name:     "local",
		Synopsis: "local [option] name[=value] ...",
		Summary:  "Define local variables.",
		Help: `Make each NAME a variable local to the running function, assigning
VALUE when given. The function and the functions it calls see the
local variable; when the function returns, the caller's variable of
that name comes back (bash's dynamic scoping). Only valid inside a
function. It takes declare's attribute options (-a -A -i -n -r -x):
local -n out=$1 makes out a reference to the variable the caller
named.`,
		Run: runLocal,
	},
}

// loopArg parses break's and continue's N: bash's messages and statuses.
// tooManyLoopArgs is loopArg's status for "break 1 2".
const tooManyLoopArgs = -1

func loopArg(io IO, name string, args []string) (n int, status int, ok bool) {
	if len(args) > 1 && args[1] == "--" {
		args = args[1:]
	}
	if len(args) < 2 {
		return 1, 0, true
	}
	n, good := parseInt(args[1])
	if !good {
		errorf(io, name, "%s: numeric argument required", args[1])
		return 0, 128, false
	}
	if len(args) > 2 {
		errorf(io, name, "too many arguments")
		return 0, tooManyLoopArgs, false
	}
	if n < 1 {
		errorf(io, name, "%s: loop count out of range", args[1])
		return 0, statusFailure, false
	}
	return n, 0, true
}

func loopDepth(sh Shell) int {
	if f, ok := sh.(FlowShell); ok {
		return f.LoopDepth()
	}
	return 0
}

func runLoopControl(sh Shell, io IO, args []string, cont bool) (int, error) {
	if loopDepth(sh) == 0 {
		if posix, _ := sh.Option("posix"); !posix { // bash's POSIX mode says nothing
			errorf(io, args[0], "only meaningful in a `for', `while', or `until' loop")
		}
		return statusOK, nil
	}
	n, status, ok := loopArg(io, args[0], args)
	if status == tooManyLoopArgs {
		return statusFailure, ErrDiscardLine // as bash
	}
	if !ok {
		if status == 128 && !sh.Interactive() {
			// bash: a bad count is a fatal error for a script.
			return status, sh.ExitRequest(status)
		}
		return status, &LoopControl{N: 1, Status: status}
	}
	return statusOK, &LoopControl{N: n, Continue: cont}
}

func runBreak(sh Shell, io IO, args []string) (int, error) {
	return runLoopControl(sh, io, args, false)
}

func runContinue(sh Shell, io IO, args []string) (int, error) {
	return runLoopControl(sh, io, args, true)
}

// TrapStatusShell tells return, given no number, the $? that the running
// trap's action started with, as bash's return takes it in a trap (and in
// a function the trap calls); false when no trap runs, or only DEBUG's
// (shell/trap_unix.go).
type TrapStatusShell interface {
	TrapStatus() (status int, inTrap bool)
}

func runReturn(sh Shell, io IO, args []string) (int, error) {
	f, ok := sh.(FlowShell)
	if !ok || !f.CanReturn() {
		errorf(io, "return", "can only `return' from a function or sourced script")
		return statusUsage, nil
	}
	status := sh.LastStatus()
	if ts, ok := sh.(TrapStatusShell); ok {
		if st, in := ts.TrapStatus(); in {
			status = st // bash: a bare return in a trap's action keeps the trap's $?
		}
	}
	rest := args[1:]
	if len(rest) > 0 && rest[0] == "--" {
		rest = rest[1:]
	}
	if len(rest) > 0 {
		n, good := parseInt(rest[0])
		if !good {
			errorf(io, "return", "%s: numeric argument required", rest[0])
			n = statusUsage
		} else if len(rest) > 1 {
			// bash drops the rest of the command line, the function
			// call and all.
			errorf(io, "return", "too many arguments")
			return statusFailure, ErrDiscardLine
		}
		status = n & 0xff
	}
	return status, &ReturnRequest{Status: status}
}

func runLocal(sh Shell, io IO, args []string) (int, error) {
	f, ok := sh.(FlowShell)
	if !ok || !f.InFunction() {
		errorf(io, "local", "can only be used in a function")
		return statusFailure, nil
	}
	status := statusOK
	rest := args[1:]
	// local takes declare's attributes (local -i n=5, local -a, -A): in a
	// function, declare makes local variables, so it does the work.
	for _, a := range rest {
		if a == "--" || len(a) < 2 || a[0] != '-' && a[0] != '+' {
			break
		}
		if strings.Trim(a[1:], "xrp") != "" {
			return runDeclare(sh, io, args)
		}
	}
	export, readonly := false, false
	for len(rest) > 0 && len(rest[0]) > 1 && strings.HasPrefix(rest[0], "-") {
		if rest[0] == "--" {
			rest = rest[1:]
			break
		}
		for _, c := range rest[0][1:] {
			switch c {
			case 'x':
				export = true
			case 'r':
				readonly = true
			}
		}
		rest = rest[1:]
	}
	for _, a := range rest {
		if a == "-" {
			// "local -": set's options come back when the function
			// returns (bash 4.4).
			if ls, ok := sh.(interface{ LocalOptions() error }); ok {
				if err := ls.LocalOptions(); err != nil {
					errorf(io, "local", "%s", err)
					status = statusFailure
				}
				continue
			}
		}
		name, value, set := strings.Cut(a, "=")
		appendTo := set && strings.HasSuffix(name, "+")
		if appendTo {
			// local x+=v: a new local starts empty, then v is
			// appended; an existing local of this call grows.
			name = strings.TrimSuffix(name, "+")
		}
		if base, _, isElem := strings.Cut(name, "["); isElem && isName(base) && strings.HasSuffix(name, "]") {
			// local a[1]=x (bash): a local a, then the element;
			// local a[1] alone: a local array a.
			if name == base+"[]" && !set {
				errorf(io, "local", "`%s': not a valid identifier", a)
				status = statusFailure
				continue
			}
			err := f.DeclareLocal(base, "", false)
			switch {
			case err != nil:
			case name == base+"[]":
				status = emptySubscriptValue(sh, io, "local", base, false) // declare.go
				continue
			case set:
				err = sh.AssignWord(a)
			default:
				err = sh.DeclareArray(base, false)
			}
			if err != nil {
				assignError(io, "local", err)
				status = statusFailure
			}
			continue
		}
		if !isName(name) {
			errorf(io, "local", "`%s': not a valid identifier", a)
			status = statusFailure
			continue
		}
		var err error
		if appendTo {
			if err = f.DeclareLocal(name, "", false); err == nil {
				err = sh.AssignWord(a)
			}
		} else {
			err = f.DeclareLocal(name, value, set)
		}
		if err != nil {
			assignError(io, "local", err)
			status = statusFailure
			continue
		}
		if export {
			sh.Export(name)
		}
		if readonly {
			sh.SetReadOnly(name)
		}
	}
	return status, nil
}
