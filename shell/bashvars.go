package shell

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"gosh/jobs"
	"gosh/parser"
)

// This file holds bash's variables about processes and subshells:
//
//   - BASHPID is the pid of the process that reads it, where $$ stays the
//     top-level shell's in every subshell. A copy of the shell (shell/doc.go)
//     has no process of its own, so a copy that could read BASHPID would
//     print the shell's pid where bash prints a new one. The one rule
//     therefore runs a subshell, a command substitution or a compound stage
//     that mentions BASHPID (itself, or through a function it may call) in a
//     child gosh: its BASHPID is a real process, the parent of the programs
//     it starts, alive while it runs, as in bash (mentionsPid).
//   - BASH_SUBSHELL counts the subshells around the running command: ( ),
//     $( ), <( ), a compound command or function that is a stage of a
//     pipeline, and a background job each add one, as in bash. It is an
//     ordinary variable of the table that each subshell sets one higher
//     (enterSubshell), so it travels to a child gosh in its snapshot.
//   - FUNCNAME, BASH_SOURCE and BASH_LINENO are bash's call stack: a frame
//     for each function call and . file, and "main" for a script
//     (pushFrame, popFrame, below).

// bashPid is $BASHPID: the pid of this process.
func bashPid() string { return strconv.Itoa(unix.Getpid()) }

// enterSubshell is run on a fresh copy of the shell that is a subshell in
// bash's sense: BASH_SUBSHELL goes one up.
func (sh *Shell) enterSubshell() {
	if v := sh.Vars.Lookup("BASH_SUBSHELL"); v != nil && !v.ReadOnly && !v.Array && !v.Assoc {
		n, _ := strconv.Atoi(v.Value)
		v.Value = strconv.Itoa(n + 1)
	}
}

// childSubshellLevel sets BASH_SUBSHELL in the snapshot a child gosh
// starts from: one up, unless the body is a lone ( ), which the child
// runs as a subshell of its own (bash counts "( list ) &" once), or a
// pipeline stage that is a simple command other than a function call
// (bash's forked stage expands "echo $BASH_SUBSHELL | cat" at level 0).
// A coproc's child always counts: bash's "coproc ( list )" is a subshell
// in the coprocess's subshell.
func (sh *Shell) childSubshellLevel(snap *Snapshot, body any, coproc bool) {
	if loneSubshell(body) && !coproc {
		return
	}
	if sc, ok := body.(*parser.SimpleCommand); ok {
		name, literal := "", false
		if len(sc.Args) > 0 {
			name, literal = sc.Args[0].Literal()
		}
		if !literal || sh.funcs[name] == nil {
			return
		}
	}
	v, ok := snap.getVar("BASH_SUBSHELL")
	if !ok || v.ReadOnly || v.Array || v.Assoc {
		return
	}
	n, _ := strconv.Atoi(v.Value)
	v.Value = strconv.Itoa(n + 1)
	snap.setVar("BASH_SUBSHELL", v)
}

// loneSubshell reports whether body is one "( list )" and nothing else.
func loneSubshell(body any) bool {
	switch n := body.(type) {
	case *parser.AndOr:
		return len(n.Rest) == 0 && loneSubshell(n.First)
	case *parser.Pipeline:
		return !n.Bang && n.Time == nil && len(n.Cmds) == 1 && loneSubshell(n.Cmds[0])
	case *parser.Subshell:
		return true
	}
	return false
}

// copyHidesPid reports whether a copy of the shell running c (a ( ), or
// a stage of a pipeline) would show a wrong $BASHPID: c may read it, and
// c is not the "( list )" that this child gosh was started to be.
func (sh *Shell) copyHidesPid(c parser.Command, isSubshell bool) bool {
	if isSubshell && sh.specials.ownSubshell {
		sh.specials.ownSubshell = false
		return false
	}
	return sh.mentionsPid(c)
}

// fileIsSubshell reports whether a child gosh's program is one "( list )".
func fileIsSubshell(f *parser.File) bool {
	return f != nil && f.List != nil && len(f.List.Items) == 1 && loneSubshell(f.List.Items[0].AndOr)
}

// fileIsSimple reports whether a child gosh's program is one simple
// command.
func fileIsSimple(f *parser.File) bool {
	if f == nil || f.List == nil || len(f.List.Items) != 1 {
		return false
	}
	ao := f.List.Items[0].AndOr
	if len(ao.Rest) > 0 || ao.First.Bang || ao.First.Time != nil || len(ao.First.Cmds) != 1 {
		return false
	}
	_, ok := ao.First.Cmds[0].(*parser.SimpleCommand)
	return ok
}

// pidMentions caches mentionsText's answers by AST node: a loop runs the
// same $( ) again and again. It is cleared when it grows large (the nodes
// of commands typed at the prompt come and go).
var pidMentions struct {
	sync.Mutex
	m map[any]bool
}

// mentionsPid reports whether running node could read $BASHPID: its text
// names BASHPID, or names a function whose body does (directly or through
// the functions it names). node is a *parser.List or a parser.Command.
func (sh *Shell) mentionsPid(node any) bool {
	if !mentionsText(node) {
		if len(sh.funcs) == 0 {
			return false
		}
		fns := sh.pidFuncs()
		if len(fns) == 0 {
			return false
		}
		text := parser.String(node)
		for _, name := range fns {
			if strings.Contains(text, name) {
				return true
			}
		}
		return false
	}
	return true
}

// mentionsText reports whether the printed node names BASHPID.
func mentionsText(node any) bool {
	pidMentions.Lock()
	v, ok := pidMentions.m[node]
	pidMentions.Unlock()
	if ok {
		return v
	}
	v = strings.Contains(parser.String(node), "BASHPID")
	pidMentions.Lock()
	if pidMentions.m == nil || len(pidMentions.m) > 4096 {
		pidMentions.m = make(map[any]bool)
	}
	pidMentions.m[node] = v
	pidMentions.Unlock()
	return v
}

// pidFuncs lists the functions whose body could read $BASHPID: those that
// name it, and those that name such a function.
func (sh *Shell) pidFuncs() []string {
	at := [2]int{sh.stack.defined, len(sh.funcs)}
	if sh.stack.pidFuncsAt == at {
		return sh.stack.pidFuncsWas
	}
	sh.stack.pidFuncsAt, sh.stack.pidFuncsWas = at, sh.findPidFuncs()
	return sh.stack.pidFuncsWas
}

// findPidFuncs is pidFuncs without its cache.
func (sh *Shell) findPidFuncs() []string {
	in := map[string]bool{}
	for name, fd := range sh.funcs {
		if mentionsText(fd) {
			in[name] = true
		}
	}
	if len(in) == 0 {
		return nil // the usual case: no function reads BASHPID
	}
	texts := make(map[string]string, len(sh.funcs))
	for name, fd := range sh.funcs {
		if !in[name] {
			texts[name] = parser.String(fd)
		}
	}
	for changed := true; changed; {
		changed = false
		for name, text := range texts {
			for f := range in {
				if strings.Contains(text, f) {
					in[name] = true
					delete(texts, name)
					changed = true
					break
				}
			}
		}
	}
	out := make([]string, 0, len(in))
	for name := range in {
		out = append(out, name)
	}
	return out
}

// commandSubstChild is commandSubst for a list that reads $BASHPID: a
// child gosh runs it, with its stdout on the pipe the shell reads, and
// the shell waits for it. Its status is $?, as for a copy.
func (sh *Shell) commandSubstChild(list *parser.List) (string, error) {
	w, collect, err := sh.substPipe() // subst.go
	if err != nil {
		return sh.noSubstPipe(err)
	}
	t := sh.newFdTable()
	t.set(1, t.own(w))
	if tr := sh.Jobs.Trace(); tr.On() {
		tr.Shell(jobs.Msg{
			En: "$(%s): a child gosh, because the list reads $BASHPID, which a copy of the shell (no process of its own) " +
				"could not give as bash does",
			Ko: "$(%s): 자식 gosh. 목록이 $BASHPID를 읽는데, 셸의 사본(자기 프로세스가 없다)은 " +
				"bash처럼 그 값을 줄 수 없기 때문이다",
		}, parser.String(list))
	}
	// bash (outside POSIX mode) clears -e in a command substitution.
	saved := sh.Opts.Errexit
	sh.Opts.Errexit = saved && sh.Opts.Shopt.InheritErrexit // shopt inherit_errexit keeps it
	// The child runs the list as "( list )": it is that subshell's
	// process (fileIsSubshell), and BASH_SUBSHELL counts it once.
	st := sh.childStage(&parser.Subshell{List: list}, "", t)
	sh.Opts.Errexit = saved
	pid, err := sh.launchNoJob(st, t, "command substitution")
	status := 1
	if pid > 0 {
		status, _ = sh.Jobs.WaitPid(context.Background(), pid)
	}
	data := collect()
	if err != nil {
		return "", &ExpansionError{Msg: "command substitution: " + err.Error()}
	}
	sh.lastSubst = status
	sh.Status = status
	return data, nil
}

// bash's call stack, as three arrays that list the innermost frame first:
// FUNCNAME (the function's name, "source" for a . file, "main" for the
// script), BASH_SOURCE (the file the function was defined in, the . file,
// the script) and BASH_LINENO (the line the frame was called from; 0 for
// "main"). A script's bottom frame is "main"; -c text and standard input
// have none. FUNCNAME is set only while a function runs. The innermost
// maxCallFrames frames are listed: each frame copies its caller's arrays,
// so a deeper list would cost a runaway recursion its depth squared.
const maxCallFrames = 64

// callStack is the shell's call stack. A copy of the shell shares it (the
// frames never change once pushed; funcFiles is replaced, never written).
type callStack struct {
	top *callFrame
	// funcFiles is where each function was defined, for BASH_SOURCE:
	// the file running at its definition, "main" at the prompt or on
	// standard input, "environment" in -c text (bash's words).
	funcFiles map[string]string
	// defined counts function definitions; pidFuncs' answer is kept
	// for the definitions (and number of functions) it was made for.
	defined     int
	pidFuncsAt  [2]int
	pidFuncsWas []string
}

// callFrame is one frame of the stack, with the three arrays as they are
// while it is the innermost.
type callFrame struct {
	parent *callFrame
	funcs  int // function calls in this frame and below it
	line   int // the line of the call: $LINENO again once it returns
	// substLines are the caller's (substlines.go): a function's or a
	// . file's lines are its own.
	substLines *substLines
	// saved are the caller's three variables, put back by popCall.
	saved                   [3]*Var
	names, files, lines     Var
	nameBuf, fileBuf, lnBuf [4]Elem
	// clonesAt is the count of copies of the shell when it was pushed
	// (hotState.takeCallFrame).
	clonesAt uint64
}

// pushFrame makes a frame the innermost: fn tells a function call from a
// . file or the script; name, file and line are its entries.
func (sh *Shell) pushFrame(fn bool, name, file string, line int) {
	// The caller's three variables, looked up once: put back by popFrame,
	// and read by inheritedFrame.
	saved := [3]*Var{sh.Vars.Lookup("FUNCNAME"), sh.Vars.Lookup("BASH_SOURCE"), sh.Vars.Lookup("BASH_LINENO")}
	parent := sh.stack.top
	if parent == nil {
		parent = inheritedFrame(saved[0], saved[1], saved[2])
	}
	f := sh.hot().takeCallFrame() // given back by popFrame if no copy saw it
	f.parent, f.line = parent, line
	f.substLines, sh.substLines = sh.substLines, nil
	if fn {
		f.funcs = 1
	}
	lineText := strconv.Itoa(line)
	f.names = Var{Array: true, Elems: prepend(f.nameBuf[:0], name, parent, func(p *callFrame) []Elem { return p.names.Elems })}
	f.files = Var{Array: true, Elems: prepend(f.fileBuf[:0], file, parent, func(p *callFrame) []Elem { return p.files.Elems })}
	f.lines = Var{Array: true, Elems: prepend(f.lnBuf[:0], lineText, parent, func(p *callFrame) []Elem { return p.lines.Elems })}
	if parent != nil {
		f.funcs += parent.funcs
	}
	f.saved = saved
	sh.stack.top = f
	if f.funcs > 0 {
		sh.Vars.put("FUNCNAME", &f.names)
	}
	sh.Vars.put("BASH_SOURCE", &f.files)
	sh.Vars.put("BASH_LINENO", &f.lines)
}

// argsSaved are BASH_ARGV and BASH_ARGC as a call found them (pushArgs).
type argsSaved struct {
	argv, argc *Var
	pushed     bool
}

// pushArgs, with shopt extdebug on, puts a call's arguments in front of
// BASH_ARGV (the last first) and their count in front of BASH_ARGC, as
// bash's stacks for its debugger; popArgs puts the caller's back.
func (sh *Shell) pushArgs(args []string) argsSaved {
	if !sh.Opts.Shopt.Extdebug {
		return argsSaved{}
	}
	s := argsSaved{argv: sh.Vars.Lookup("BASH_ARGV"), argc: sh.Vars.Lookup("BASH_ARGC"), pushed: true}
	sh.Vars.put("BASH_ARGV", stackArray(reversed(args), s.argv))
	sh.Vars.put("BASH_ARGC", stackArray([]string{strconv.Itoa(len(args))}, s.argc))
	return s
}

func (sh *Shell) popArgs(s argsSaved) {
	if s.pushed {
		sh.Vars.put("BASH_ARGV", s.argv)
		sh.Vars.put("BASH_ARGC", s.argc)
	}
}

// startArgs starts BASH_ARGV and BASH_ARGC as shopt -s extdebug finds
// them unset: the positional parameters of the moment, as bash.
func (sh *Shell) startArgs() {
	if sh.Vars.Lookup("BASH_ARGV") == nil && sh.Vars.Lookup("BASH_ARGC") == nil {
		sh.Vars.put("BASH_ARGV", stackArray(reversed(sh.Params), nil))
		sh.Vars.put("BASH_ARGC", stackArray([]string{strconv.Itoa(len(sh.Params))}, nil))
	}
}

// stackArray is an array of top, then the elements of below (an array).
func stackArray(top []string, below *Var) *Var {
	x := &Var{Array: true}
	for _, v := range top {
		x.Elems = append(x.Elems, Elem{Index: int64(len(x.Elems)), Value: v})
	}
	if below != nil && below.Array {
		for _, e := range below.Elems {
			x.Elems = append(x.Elems, Elem{Index: int64(len(x.Elems)), Value: e.Value})
		}
	}
	return x
}

func reversed(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[len(args)-1-i] = a
	}
	return out
}

// inheritedFrame is the frame a child gosh was started in, rebuilt from
// the arrays its snapshot carried, or nil when there is none (-c text at
// its top level, or the top of a script). names, files and lines are the
// variables FUNCNAME, BASH_SOURCE and BASH_LINENO (nil: not set).
func inheritedFrame(names, files, lines *Var) *callFrame {
	if files == nil || lines == nil || !files.Array || !lines.Array || len(files.Elems) == 0 {
		return nil
	}
	f := &callFrame{files: *files.copy(), lines: *lines.copy()}
	if names != nil && names.Array && len(names.Elems) > 0 {
		f.names = *names.copy()
		f.funcs = len(names.Elems)
	} else {
		// Not in a function: the frames are . files and the script.
		f.names = Var{Array: true}
		for i := range files.Elems {
			v := "source"
			if i == len(files.Elems)-1 && len(lines.Elems) > i && lines.Elems[i].Value == "0" {
				v = "main"
			}
			f.names.Elems = append(f.names.Elems, Elem{Index: int64(i), Value: v})
		}
	}
	return f
}

// prepend builds a frame's array: its own entry, then its caller's.
func prepend(buf []Elem, v string, parent *callFrame, of func(*callFrame) []Elem) []Elem {
	buf = append(buf, Elem{Index: 0, Value: v})
	if parent == nil {
		return buf
	}
	for _, e := range of(parent) {
		if len(buf) >= maxCallFrames {
			break
		}
		buf = append(buf, Elem{Index: int64(len(buf)), Value: e.Value})
	}
	return buf
}

// popFrame ends the innermost frame and puts its caller's arrays back,
// and its caller's line: after a function or . file, $LINENO is the line
// of the call again (an ERR trap for a failed call names that line).
func (sh *Shell) popFrame() {
	f := sh.stack.top
	if f == nil {
		return
	}
	sh.stack.top = f.parent
	if f.line > 0 {
		sh.line = f.line
	}
	sh.substLines = f.substLines
	for i, name := range [3]string{"FUNCNAME", "BASH_SOURCE", "BASH_LINENO"} {
		if f.funcs > 0 || i > 0 {
			sh.Vars.put(name, f.saved[i])
		}
	}
	sh.hot().giveCallFrame(f)
}

// pushCall starts a frame for a call of the function name, made at the
// current line.
func (sh *Shell) pushCall(name string) {
	file, ok := sh.stack.funcFiles[name]
	if !ok {
		// A function whose file is not known (Function.File empty):
		// name the outermost file inherited, the script, where most
		// functions are.
		file = sh.defaultFuncFile()
		if v := sh.Vars.Lookup("BASH_SOURCE"); v != nil && v.Array && len(v.Elems) > 0 {
			file = v.Elems[len(v.Elems)-1].Value
		}
	}
	sh.pushFrame(true, name, file, sh.line)
}

// noteFuncFile records where the function name is being defined.
func (sh *Shell) noteFuncFile(name string) {
	sh.stack.defined++
	file := sh.defaultFuncFile()
	if sh.stack.top != nil {
		file = sh.stack.top.files.Elems[0].Value
	}
	if old, ok := sh.stack.funcFiles[name]; ok && old == file {
		return
	}
	m := make(map[string]string, len(sh.stack.funcFiles)+1)
	for k, v := range sh.stack.funcFiles {
		m[k] = v
	}
	m[name] = file
	sh.stack.funcFiles = m
}

// FuncPlace implements builtins.FuncPlaceShell.
func (sh *Shell) FuncPlace(name string) (int, string, bool) {
	fd := sh.lookupFunc(name)
	if fd == nil {
		return 0, "", false
	}
	file, ok := sh.stack.funcFiles[name]
	if !ok {
		file = sh.defaultFuncFile()
	}
	return fd.Pos.Line, file, true
}

// defaultFuncFile is BASH_SOURCE for a function defined in no file.
func (sh *Shell) defaultFuncFile() string {
	if sh.source == sourceCommand || sh.source == sourceChild {
		return "environment"
	}
	return "main"
}

// startScriptFrames sets the call stack's variables at the start of a
// script (the "main" frame, named by its path as given) or of -c text and
// standard input (empty arrays).
func (sh *Shell) startScriptFrames(path string) {
	if path != "" {
		sh.pushFrame(false, "main", path, 0)
		return
	}
	sh.Vars.SetArray("BASH_SOURCE", nil, false)
	sh.Vars.SetArray("BASH_LINENO", nil, false)
}
