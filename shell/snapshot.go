package shell

import (
	"maps"

	"golang.org/x/sys/unix"

	"gosh/builtins"
	"gosh/parser"
	"gosh/shell/inputrc"
)

// Snapshot is everything a fork would copy from the shell into a subshell:
// the state a C shell's child inherits for free. Go cannot fork a running
// program, so gosh builds a subshell in one of two ways, and both start
// from a Snapshot (see needsProcess in subshell.go for which one is used):
//
//   - a copy: clone takes a Snapshot of the shell and restores it into a
//     new *Shell that runs on a goroutine of the same process (command
//     substitution, builtin stages of a pipeline in a script);
//   - a child gosh: childStage encodes a Snapshot (snapshot_codec.go) into
//     a memfd that a new gosh process inherits, reads and restores before
//     it runs its commands (background jobs, stages under job control).
//
// Every field is exported, so that the binary encoding carries it, and a
// unit test (snapshot_test.go) fills every field by reflection and checks
// that it survives both ways: a field added here but forgotten by
// snapshot, restore or the encoding fails that test. A field of Shell that
// is neither in the Snapshot nor listed there as per-process fails it too.
type Snapshot struct {
	// Vars are the variables with every attribute of Var (exported,
	// read-only, declared but unset, and whatever Var gains). Vars[0] is
	// the global scope; local scopes of running functions follow it,
	// innermost last.
	Vars []map[string]Var
	// Functions are the defined functions by name.
	Functions map[string]Function
	// Aliases map an alias name to its replacement text.
	Aliases map[string]string
	// Opts are the set -o options.
	Opts Options
	// Arg0 is $0; Params are $1, $2, ...
	Arg0   string
	Params []string
	// Status is $?; LastBg is $!.
	Status int
	LastBg int
	// Pid is $$, the pid of the top-level shell, the same in every
	// subshell; PPid is $PPID, its parent's pid.
	Pid  int
	PPid int
	// Dir is the logical working directory ($PWD as the shell keeps it).
	Dir string
	// Umask is the file mode creation mask.
	Umask int
	// Traps is the trap table (trap.go): conditions (a signal name, EXIT,
	// ERR) mapped to their actions, as the parent has it. The subshell
	// then resets the caught ones (Traps.forSubshell).
	Traps Traps
	// Fds is the fd table of the context: Fds[i] is the descriptor behind
	// the subshell's fd i, -1 when closed. It includes the fds above 2 the
	// shell inherited or opened with exec N>file. In a copy these are the
	// shell's own descriptors; a child gosh receives fd i at number i
	// (ProcAttr.Files) and its table is the identity.
	Fds []int
	// Line is the current line number ($LINENO).
	Line int
	// Flow is where the executor is: the running function and how set -e
	// is suspended (function.go). A subshell starts outside every loop.
	Flow FlowSnapshot
	// Shown are the interactive modes a child gosh reports (Shell.shown).
	Shown ShownModes
	// AsyncIgnored are the signals the subshell ignores without their
	// being traps: SIGINT and SIGQUIT of an asynchronous list in a shell
	// without job control (POSIX 2.11), kept by its subshells. A child
	// gosh makes them SIG_IGN at start-up (ignoreOnEntry): the Go runtime
	// of a new process would catch SIGQUIT again.
	AsyncIgnored []int
	// PlainDynamic are the computed variables ($SECONDS, $RANDOM, ...)
	// that unset made ordinary, one bit each (specialvars.go).
	PlainDynamic uint32
	// CompSpecs are the complete builtin's specifications (progcomp.go),
	// which complete -p lists in a subshell as in bash. A specification
	// is never changed in place (SetCompSpec copies the table): sharing
	// them is safe.
	CompSpecs map[string]*builtins.CompSpec
	// EditorKeys are bind's key bindings and readline variables
	// (bindkeys.go), which bind -p and bind -v list in a subshell as in
	// bash; nil when none was changed.
	EditorKeys *inputrc.State

	// vars is the copied variable table itself, for a copy in this
	// process: restore takes it as it is, and Vars is filled from it only
	// when the snapshot is encoded for a child (encodable). A command
	// substitution copies the shell every time, so this halves its cost.
	vars *Vars
	// live is the shell's own variable table, for a snapshot that is
	// encoded for a child gosh at once (childSnapshot): the encoding reads
	// the variables from it, in the form of Vars, and nothing is copied.
	// liveSet holds the values the child gets instead of the shell's
	// (BASH_SUBSHELL, setVar).
	live    *Vars
	liveSet map[string]Var
}

// getVar is a global variable of the snapshot, whichever form it has.
func (s *Snapshot) getVar(name string) (Var, bool) {
	switch {
	case s.live != nil:
		if v, ok := s.liveSet[name]; ok {
			return v, true
		}
		if x := s.live.m[name]; x != nil {
			return *x, true
		}
		return Var{}, false
	case len(s.Vars) > 0:
		v, ok := s.Vars[0][name]
		return v, ok
	}
	return Var{}, false
}

// setVar gives the subshell a global variable's value other than the
// shell's (the shell's own table is never changed).
func (s *Snapshot) setVar(name string, v Var) {
	switch {
	case s.live != nil:
		if s.liveSet == nil {
			s.liveSet = make(map[string]Var, 1)
		}
		s.liveSet[name] = v
	case len(s.Vars) > 0:
		s.Vars[0][name] = v
	}
}

// encodable fills the exported fields that a copy in this process does
// without: run before the snapshot is encoded for a child gosh.
func (s *Snapshot) encodable() *Snapshot {
	if s.vars != nil {
		s.Vars = s.vars.scopes()
		s.vars = nil
	}
	return s
}

// Function is one defined function. Source is its definition as printed
// source ("f() { ...; }"), which a child gosh parses with aliases off, so
// that an alias in the body is not expanded a second time; its commands
// are on the lines they had where it was defined (parser.StringAt), Line
// being its first, so that $LINENO in it is the same in a child. decl is
// the parsed definition, kept by a copy in the same process.
type Function struct {
	Source string
	Line   int
	Attrs  uint8  // export -f, readonly -f (funcattr.go)
	File   string // where it was defined, for BASH_SOURCE and its messages; "": not known
	decl   *parser.FuncDecl
}

// snapshot takes what a fork would copy. The result shares nothing that
// the shell may change later: restore may keep it as it is.
func (sh *Shell) snapshot() *Snapshot {
	s := sh.snapshotFields()
	s.vars = copyVars(sh.Vars)
	return s
}

// childSnapshot is snapshot for a child gosh, to be encoded before the
// shell changes anything (childStage): the encoding reads the variables
// from the shell's own table instead of two copies of it.
func (sh *Shell) childSnapshot() *Snapshot {
	s := sh.snapshotFields()
	s.live = sh.Vars
	return s
}

// snapshotFields is snapshot without the variables.
func (sh *Shell) snapshotFields() *Snapshot {
	s := &Snapshot{
		Aliases: make(map[string]string, len(sh.Aliases)),
		Opts:    sh.Opts,
		Arg0:    sh.Arg0,
		Params:  append([]string(nil), sh.Params...),
		Status:  sh.Status,
		LastBg:  sh.LastBg,
		Pid:     sh.pid,
		PPid:    sh.ppid,
		Dir:     sh.Getwd(),
		Umask:   sh.Umask(),
		Fds:     append([]int(nil), sh.stdio...),
		Line:    sh.line,
		Flow:    sh.flow.snapshot(),
		Shown:   sh.shown,

		AsyncIgnored: sh.asyncIgnored, // never changed in place
		CompSpecs:    sh.compSpecs,
		EditorKeys:   sh.keysState(),
		PlainDynamic: sh.plainDynamic,
	}
	for k, v := range sh.Aliases {
		s.Aliases[k] = v
	}
	if sh.funcs != nil {
		s.Functions = make(map[string]Function, len(sh.funcs))
		for name, d := range sh.funcs {
			s.Functions[name] = Function{Source: parser.StringAt(d, d.Pos.Line), Line: d.Pos.Line, Attrs: uint8(sh.funcAttrs[name]), File: sh.stack.funcFiles[name], decl: d}
		}
	}
	// The table's maps are never changed in place (Traps.set copies):
	// sharing them is safe.
	s.Traps = sh.traps
	return s
}

// restore makes s the state of sh. It takes s over: s must not be used
// afterwards. Functions without a parsed tree (those a child gosh
// received) are parsed here with aliases off.
func (sh *Shell) restore(s *Snapshot) error {
	if s.vars != nil {
		sh.Vars = s.vars
	} else {
		sh.Vars = varsFromScopes(s.Vars)
	}
	sh.Aliases = s.Aliases
	if sh.Aliases == nil {
		sh.Aliases = map[string]string{}
	}
	sh.Opts = s.Opts
	sh.Vars.AllExport = s.Opts.Allexport
	sh.Arg0 = s.Arg0
	sh.Params = s.Params
	sh.Status = s.Status
	sh.LastBg = s.LastBg
	sh.pid = s.Pid
	sh.ppid = s.PPid
	sh.wd = s.Dir
	sh.umask = s.Umask
	sh.traps = s.Traps // entering the subshell resets caught signals (enterSubshell)
	sh.stdio = s.Fds
	sh.line = s.Line
	sh.flow.restore(s.Flow)
	sh.shown = s.Shown
	sh.asyncIgnored = s.AsyncIgnored
	sh.plainDynamic = s.PlainDynamic
	sh.compSpecs = s.CompSpecs
	sh.keys = nil
	if s.EditorKeys != nil {
		sh.keys = inputrc.FromState(s.EditorKeys)
	}
	sh.funcs, sh.funcAttrs = nil, nil
	if s.Functions != nil {
		sh.funcs = make(map[string]*parser.FuncDecl, len(s.Functions))
		filesFromSnapshot := false
		for name, fn := range s.Functions {
			d := fn.decl
			if d == nil {
				var err error
				if d, err = parseFunctionAt(fn.Source, fn.Line); err != nil {
					return err
				}
			}
			sh.funcs[name] = d
			if fn.File != "" && sh.stack.funcFiles[name] != fn.File {
				if !filesFromSnapshot {
					// A map of this shell's own: a copy shares its
					// shell's, which is never written (bashvars.go).
					sh.stack.funcFiles = maps.Clone(sh.stack.funcFiles)
					if sh.stack.funcFiles == nil {
						sh.stack.funcFiles = map[string]string{}
					}
					filesFromSnapshot = true
				}
				sh.stack.funcFiles[name] = fn.File
			}
			if fn.Attrs != 0 {
				if sh.funcAttrs == nil {
					sh.funcAttrs = make(map[string]funcAttr)
				}
				sh.funcAttrs[name] = funcAttr(fn.Attrs)
			}
		}
	}
	return nil
}

// parseFunctionAt parses a function definition printed by snapshot, whose
// first line is line (Function.Line).
func parseFunctionAt(src string, line int) (*parser.FuncDecl, error) {
	f, err := parser.ParseConfig(src, parser.Config{Extglob: func() bool { return true }, FirstLine: line})
	if err != nil {
		return nil, err
	}
	if f.List != nil && len(f.List.Items) == 1 {
		ao := f.List.Items[0].AndOr
		if len(ao.Rest) == 0 && len(ao.First.Cmds) == 1 {
			if d, ok := ao.First.Cmds[0].(*parser.FuncDecl); ok {
				return d, nil
			}
		}
	}
	return nil, &ExpansionError{Msg: "snapshot: not a function definition: " + src}
}

// scopes copies the variable table for a Snapshot: the global scope first.
func (v *Vars) scopes() []map[string]Var {
	g := make(map[string]Var, len(v.m))
	for k, x := range v.m {
		g[k] = *x.copy() // an array's Elems must not be shared
	}
	return []map[string]Var{g}
}

// copyVars copies a variable table: one map and one allocation for all
// the variables.
func copyVars(v *Vars) *Vars {
	c := &Vars{m: make(map[string]*Var, len(v.m))}
	slab := make([]Var, 0, len(v.m))
	for k, x := range v.m {
		slab = append(slab, *x)
		if x.Elems != nil {
			slab[len(slab)-1].Elems = append([]Elem(nil), x.Elems...) // an array's elements must not be shared
		}
		c.m[k] = &slab[len(slab)-1]
	}
	return c
}

// varsFromScopes builds a variable table from a Snapshot's scopes.
func varsFromScopes(scopes []map[string]Var) *Vars {
	if len(scopes) == 0 {
		return &Vars{m: map[string]*Var{}}
	}
	n := 0
	for _, scope := range scopes {
		n += len(scope)
	}
	v := &Vars{m: make(map[string]*Var, n)}
	slab := make([]Var, 0, n) // one allocation for all: a copy is made often ($( ))
	for _, scope := range scopes {
		for k, x := range scope {
			slab = append(slab, x)
			v.m[k] = &slab[len(slab)-1]
		}
	}
	return v
}

// processUmask reads the process's file mode creation mask: run by the
// shell once at start-up. umask(2) can only read it by setting it, so it
// is set and put back before any child exists.
func processUmask() int {
	old := unix.Umask(0o22)
	unix.Umask(old)
	return old
}
