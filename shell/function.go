package shell

import (
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gosh/builtins"
	"gosh/jobs"
	"gosh/parser"
)

// This file runs shell functions. A function is its definition's AST,
// kept in the shell's function table; calling it runs the body in the
// shell itself, as bash does, so "cd" or an assignment in a function
// changes the shell. Each call has its own positional parameters and its
// own frame of local variables. Locals use bash's dynamic scoping by
// shallow binding: "local x" saves the caller's x in the frame and puts a
// new x in the one variable table, where the function and everything it
// calls see it; the return puts the saved x back.

// defaultFuncNest bounds the depth of function calls when FUNCNEST is not
// set. bash has no default bound and dies of a segmentation fault on
// runaway recursion; gosh stops with bash's FUNCNEST message instead.
// Each call takes a few kilobytes of Go stack, well below Go's limit.
const defaultFuncNest = 10000

// flowState is the executor's view of where it is: in how many loops, in
// which function call, in how many . files, and whether set -e is
// suspended. It lives in the Shell; a copy of the shell takes its own.
type flowState struct {
	// loopDepth counts the loops around the running command, in the
	// current function call (a call starts again from 0, as in bash).
	loopDepth int
	// frame is the innermost function call, nil outside functions.
	frame *funcFrame
	// funcDepth counts nested function calls; sourceDepth nested . files.
	funcDepth   int
	sourceDepth int
	// noErrexit counts the constructs around the running command in which
	// set -e is ignored: if/while/until conditions, the left of && and ||,
	// and '!' pipelines (POSIX 2.8.1).
	noErrexit int
	// topSource is where the top-level shell reads its commands (-c text,
	// standard input, a file), which a subshell shows in $- and by how
	// set -u's failure ends it (unsetExitStatus).
	topSource commandSource
}

// funcFrame is one running function call.
type funcFrame struct {
	name   string
	parent *funcFrame // the caller's frame, nil at the top
	// callLine and callFile are where the call is (the caller builtin).
	callLine int
	callFile string
	// savedBuf saves an allocation for the usual few locals.
	savedBuf [4]savedVar
	// saved holds the variables that "local" hid, in order, to be put back
	// when the call returns; a nil Var means the name did not exist.
	saved []savedVar
	// opts are the options "local -" saved, to be put back when the call
	// returns (localopts.go); nil without "local -".
	opts *Options
	// traced: the function has the trace attribute (functrace).
	traced bool
	// errSets is Traps.errSets when the call began (errTrapSetInCall).
	errSets int
}

type savedVar struct {
	name string
	v    *Var
}

// FlowSnapshot is the part of flowState that a subshell inherits, as a
// fork would: inside a function, return and local work in a subshell too
// ("f() { ( return 3 ); }"), and set -e stays suspended where it was. A
// subshell starts outside every loop (bash: break in ( ) is refused).
type FlowSnapshot struct {
	Func        string // the running function's name, "" outside functions
	FuncDepth   int
	SourceDepth int
	NoErrexit   int
	TopSource   int // where the top-level shell reads its commands
	// Saved are the variables that "local" hid in each running call,
	// outermost call first: a child gosh's unset of a caller's local
	// (api.go callerLocal) shows the variable that local hid, as in
	// bash's forked subshell, which has its caller's frames.
	Saved [][]SavedVar
}

// SavedVar is a savedVar in a snapshot: Var nil when the name did not
// exist.
type SavedVar struct {
	Name string
	Var  *Var
}

// snapshot is what a subshell inherits of the flow state.
func (f *flowState) snapshot() FlowSnapshot {
	s := FlowSnapshot{FuncDepth: f.funcDepth, SourceDepth: f.sourceDepth, NoErrexit: f.noErrexit, TopSource: int(f.topSource)}
	if f.frame != nil {
		s.Func = f.frame.name
	}
	for fr := f.frame; fr != nil; fr = fr.parent {
		var saved []SavedVar
		for _, v := range fr.saved {
			saved = append(saved, SavedVar{Name: v.name, Var: v.v})
		}
		s.Saved = append(s.Saved, saved)
	}
	slices.Reverse(s.Saved)
	return s
}

// restore starts a subshell's flow state from s: its own frames (a
// subshell never returns into its parent's caller), each with the
// variables its locals hid (FlowSnapshot.Saved), no loops.
func (f *flowState) restore(s FlowSnapshot) {
	*f = flowState{funcDepth: s.FuncDepth, sourceDepth: s.SourceDepth, noErrexit: s.NoErrexit, topSource: commandSource(s.TopSource)}
	for _, saved := range s.Saved {
		fr := &funcFrame{parent: f.frame}
		for _, v := range saved {
			fr.saved = append(fr.saved, savedVar{name: v.Name, v: v.Var})
		}
		f.frame = fr
	}
	if f.frame == nil && (s.Func != "" || s.FuncDepth > 0) {
		f.frame = &funcFrame{}
	}
	if f.frame != nil {
		f.frame.name = s.Func
	}
}

// copyFrames is the call stack a copy of the shell (( ), $( ), a builtin
// stage) starts with: its own copy of every frame, so that unset of a
// caller's local (api.go callerLocal) finds the variable that local hid,
// and takes it out of the copy's frames only.
func copyFrames(f *funcFrame) *funcFrame {
	if f == nil {
		return nil
	}
	c := &funcFrame{name: f.name, callLine: f.callLine, callFile: f.callFile, parent: copyFrames(f.parent)}
	c.saved = append(c.savedBuf[:0], f.saved...)
	return c
}

// subshellStatus is the status a subshell ends with when its list ended
// with err: exit, return (in a function) and break or continue end the
// subshell, as they would end a forked one, with their status. Any other
// error is passed on.
func subshellStatus(status int, err error) (int, error) {
	switch e := err.(type) {
	case nil:
		return status, nil
	case *ExitError:
		return e.Status, nil
	case *builtins.ReturnRequest:
		return e.Status, nil
	case *builtins.LoopControl:
		return e.Status, nil
	}
	if err == errFuncNest {
		return 1, nil
	}
	return status, err
}

// defineFunc runs a function definition: "f() { ...; }". As in bash
// (outside POSIX mode) any name may be defined, a builtin's too: the
// function is found first when the name is run. In POSIX mode the name
// must be a name and not a special builtin's (posixFuncName).
func (sh *Shell) defineFunc(fd *parser.FuncDecl) (int, error) {
	if sh.Opts.Posix {
		if st, err := sh.posixFuncName(fd.Name); st != 0 {
			return st, err
		}
	}
	if sh.funcIsReadonly(fd.Name) {
		sh.errorf("%s: readonly function", fd.Name) // readonly -f (funcattr.go)
		return 1, nil
	}
	if sh.funcs == nil {
		sh.funcs = make(map[string]*parser.FuncDecl)
	}
	sh.funcs[fd.Name] = sh.typedFunc(fd) // funclines.go
	sh.funcsChanged()
	sh.noteFuncFile(fd.Name) // for BASH_SOURCE (bashvars.go)
	return 0, nil
}

// lookupFunc finds a function by name.
func (sh *Shell) lookupFunc(name string) *parser.FuncDecl {
	return sh.funcs[name]
}

// funcNest is the deepest allowed nesting of function calls: FUNCNEST
// when it is set to a positive number, else defaultFuncNest.
func (sh *Shell) funcNest() int {
	if v, ok := sh.specialVars().funcnest.get(); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
			return min(n, defaultFuncNest)
		}
	}
	return defaultFuncNest
}

// errFuncNest unwinds every function call after "maximum function nesting
// level exceeded"; the outermost call ends the command line with status
// 1, as in bash (discardLine).
var errFuncNest = errors.New("maximum function nesting level exceeded")

// callFunction runs a function with argv[1:] as its positional
// parameters. The body's redirections (written after the definition)
// apply around the body at every call.
func (sh *Shell) callFunction(fd *parser.FuncDecl, argv []string) (int, error) {
	if sh.flow.funcDepth >= sh.funcNest() {
		sh.errorf("%s: maximum function nesting level exceeded (%d)", argv[0], sh.funcNest())
		sh.Status = 1
		return 1, errFuncNest
	}
	if tr := sh.Jobs.Trace(); tr.On() {
		tr.Shell(jobs.Msg{
			En: "function %s: the shell runs its body itself, no fork (a function is not a process)",
			Ko: "함수 %s: 셸이 본문을 직접 실행한다. fork 없음 (함수는 프로세스가 아니다)",
		}, argv[0])
	}
	savedParams := sh.Params
	savedLoop := sh.flow.loopDepth
	savedFrame := sh.flow.frame
	h := sh.hot()
	frame := h.takeFrame() // given back below, once the call is over
	frame.name, frame.parent, frame.callLine, frame.callFile = argv[0], savedFrame, sh.line, sh.srcFile
	frame.saved = frame.savedBuf[:0]
	frame.traced = sh.funcAttrs[argv[0]]&funcTraced != 0
	frame.errSets = sh.traps.errSets
	// FUNCNAME, BASH_SOURCE and BASH_LINENO get this call's frame, and
	// the caller's again after (bashvars.go).
	sh.pushCall(argv[0])
	args := sh.pushArgs(argv[1:]) // BASH_ARGV, BASH_ARGC (extdebug)
	sh.Params = argv[1:]
	sh.flow.loopDepth = 0
	sh.flow.frame = frame
	sh.flow.funcDepth++

	retBefore, retSet := sh.traps.action(TrapReturn)
	var status int
	var err error
	if sh.functrace() {
		// set -T (or declare -ft): the DEBUG trap runs again as the
		// function starts, $BASH_COMMAND still its call, as in bash.
		err = sh.debugTrap(fd.Pos.Line) // $LINENO: the line of the definition, as bash
	}
	if err == nil {
		status, err = sh.runCommandAt(fd.Body, fd.Pos.Line)
	}
	if r, ok := err.(*builtins.ReturnRequest); ok {
		status = r.Status
	}
	if err == nil || isReturn(err) {
		sh.Status = status
		if terr := sh.returnTrap(retBefore, retSet, true); terr != nil {
			err = terr
		}
	}

	sh.flow.funcDepth--
	sh.flow.frame = savedFrame
	sh.flow.loopDepth = savedLoop
	sh.Params = savedParams
	if sh.Vars.selfRefs != 0 {
		sh.Vars.restoreSelfRefs(frame.saved) // local -n out=$1 run as "f out"
	}
	for i := len(frame.saved) - 1; i >= 0; i-- {
		sh.Vars.put(frame.saved[i].name, frame.saved[i].v)
	}
	if frame.opts != nil {
		sh.restoreSetOptions(*frame.opts) // localopts.go
	}
	sh.popArgs(args)
	sh.popFrame()
	h.giveFrame(frame)
	switch e := err.(type) {
	case nil:
	case *builtins.ReturnRequest:
		return e.Status, nil
	case *builtins.LoopControl:
		// A loop outside the function is not the function's to end
		// (bash 5); break in a function without its own loop is refused
		// by the builtin, so this is only a stray count.
		return status, nil
	default:
		if err == errFuncNest && sh.flow.funcDepth == 0 {
			// As bash, the rest of the command line goes too.
			return sh.discardLine()
		}
		return status, err
	}
	return status, nil
}

// LoopDepth implements builtins.FlowShell.
func (sh *Shell) LoopDepth() int { return sh.flow.loopDepth }

// CanReturn implements builtins.FlowShell: in a function or a . file.
func (sh *Shell) CanReturn() bool { return sh.flow.frame != nil || sh.flow.sourceDepth > 0 }

// InFunction implements builtins.FlowShell.
func (sh *Shell) InFunction() bool { return sh.flow.frame != nil }

// DeclareLocal implements builtins.FlowShell: "local name[=value]".
func (sh *Shell) DeclareLocal(name, value string, set bool) error {
	return sh.declareLocal(name, value, set, sh.Opts.Shopt.LocalvarInherit)
}

// DeclareLocalInherit is declare -I and local -I NAME (bash): the local
// starts with the value and attributes of the NAME it hides, as under
// shopt localvar_inherit.
func (sh *Shell) DeclareLocalInherit(name string) error {
	return sh.declareLocal(name, "", false, true)
}

func (sh *Shell) declareLocal(name, value string, set, inherit bool) error {
	f := sh.flow.frame
	if f == nil {
		return errors.New("can only be used in a function")
	}
	old := sh.Vars.LookupRef(name) // the name itself, even a reference
	if old != nil && old.ReadOnly {
		return &readOnlyError{name}
	}
	if sh.groupsFixed(name) {
		return &noAssignError{name} // local GROUPS: bash's message, status 1
	}
	for _, s := range f.saved {
		if s.name == name {
			// Already local to this call: just assign.
			if set && isArrayList(value) {
				return sh.AssignWord(name + "=" + value)
			}
			if set {
				return sh.Vars.Set(name, value)
			}
			return nil
		}
	}
	f.saved = append(f.saved, savedVar{name, old})
	// The new variable has no value until assigned, as in bash; it keeps
	// the export mark of the variable it hides, as bash's does.
	nv := &Var{Value: value, NoValue: !set}
	if old != nil && old.Exported || set && sh.Vars.AllExport && !isArrayList(value) {
		nv.Exported = true // set -a exports a local assigned a string, as bash
	}
	if !set && old != nil && !old.NameRef && inherit {
		// shopt localvar_inherit: the value and attributes of the
		// variable hidden, but read-only, as bash.
		nv = old.copy()
		nv.ReadOnly = false
	}
	sh.Vars.put(name, nv)
	if set && isArrayList(value) {
		// local a=(x y): the list is expanded and assigned (assign.go).
		nv.Value, nv.NoValue = "", true
		return sh.AssignWord(name + "=" + value)
	}
	if set {
		sh.Vars.checkCompat(name, value) // local BASH_COMPAT=30: reported
	}
	return nil
}

// FuncText implements builtins.FuncShell: the definition as bash's
// "type" and "declare -f" print it.
func (sh *Shell) FuncText(name string) (string, bool) {
	fd := sh.lookupFunc(name)
	if fd == nil {
		return "", false
	}
	return parser.FuncLayout(fd), true
}

// FuncNames implements builtins.FuncShell.
func (sh *Shell) FuncNames() []string {
	names := make([]string, 0, len(sh.funcs))
	for k := range sh.funcs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// UnsetFunc implements builtins.FuncShell: "unset -f name".
func (sh *Shell) UnsetFunc(name string) bool {
	if sh.lookupFunc(name) == nil {
		return false
	}
	delete(sh.funcs, name)
	sh.funcsChanged()
	sh.forgetFuncAttrs(name)
	return true
}

// isReturn reports whether err is a return request.
func isReturn(err error) bool {
	_, ok := err.(*builtins.ReturnRequest)
	return ok
}
