package shell

import (
	"errors"
	"strings"

	"gosh/parser"
)

// This file keeps the attributes of functions, as bash does: export -f
// marks a function for the environment of programs the shell starts, and
// readonly -f forbids redefining or unsetting it.
//
// A subshell (a copy, or a child gosh fed a Snapshot) gets every function
// with its attributes whatever they are. Programs get the exported ones
// the way bash passes them, as environment variables
// "BASH_FUNC_name%%=() {  body...}", so that a bash (or gosh) started by
// gosh has them; gosh takes such variables from its own environment back
// as exported functions when it starts.

// funcAttr is a set of function attributes.
type funcAttr uint8

const (
	funcExported funcAttr = 1 << iota // export -f
	funcReadonly                      // readonly -f
	funcTraced                        // declare -ft: runs the DEBUG and RETURN traps (functrace)
)

// Names of the environment variables that carry exported functions.
const (
	funcEnvPrefix = "BASH_FUNC_"
	funcEnvSuffix = "%%"
)

// FuncAttrs implements builtins.FuncAttrShell.
func (sh *Shell) FuncAttrs(name string) (exported, readonly, ok bool) {
	if sh.lookupFunc(name) == nil {
		return false, false, false
	}
	a := sh.funcAttrs[name]
	return a&funcExported != 0, a&funcReadonly != 0, true
}

// SetFuncExported implements builtins.FuncAttrShell.
func (sh *Shell) SetFuncExported(name string, on bool) bool {
	return sh.switchFuncAttr(name, funcExported, on)
}

// switchFuncAttr gives the function name the attribute a, or takes it
// away; false when there is no such function.
func (sh *Shell) switchFuncAttr(name string, a funcAttr, on bool) bool {
	if on {
		return sh.setFuncAttr(name, a)
	}
	if sh.lookupFunc(name) == nil {
		return false
	}
	if cur, ok := sh.funcAttrs[name]; ok {
		sh.funcAttrs[name] = cur &^ a
	}
	return true
}

// SetFuncTraced implements builtins.TraceShell: declare -ft and +ft.
func (sh *Shell) SetFuncTraced(name string, on bool) bool {
	return sh.switchFuncAttr(name, funcTraced, on)
}

// FuncTraced implements builtins.TraceShell.
func (sh *Shell) FuncTraced(name string) bool {
	return sh.lookupFunc(name) != nil && sh.funcAttrs[name]&funcTraced != 0
}

// functrace reports whether the DEBUG and RETURN traps reach the running
// function: set -T, or the function's trace attribute (declare -ft).
func (sh *Shell) functrace() bool {
	return sh.Opts.Functrace || sh.flow.frame != nil && sh.flow.frame.traced
}

// SetFuncReadonly implements builtins.FuncAttrShell.
func (sh *Shell) SetFuncReadonly(name string) bool {
	return sh.setFuncAttr(name, funcReadonly)
}

func (sh *Shell) setFuncAttr(name string, a funcAttr) bool {
	if sh.lookupFunc(name) == nil {
		return false
	}
	if sh.funcAttrs == nil {
		sh.funcAttrs = make(map[string]funcAttr)
	}
	sh.funcAttrs[name] |= a
	return true
}

// funcIsReadonly reports whether name is a read-only function, which a
// definition must not replace: "f: readonly function", as bash.
func (sh *Shell) funcIsReadonly(name string) bool {
	return sh.funcAttrs[name]&funcReadonly != 0
}

// forgetFuncAttrs drops the attributes of a function that is unset: one
// defined again later starts without them.
func (sh *Shell) forgetFuncAttrs(name string) {
	delete(sh.funcAttrs, name)
}

// childEnviron is the environment of a program the shell starts: the
// exported variables, the exported functions, and the per-command
// assignments in extra (last, as bash puts them). With `set -o lang=L`,
// GOSH_LANG=L too: the lab's helper programs (cmd/internal/helperlang)
// then speak the language the shell's teaching texts speak.
func (sh *Shell) childEnviron(extra []string) []string {
	if sh.Opts.Lang != "" {
		extra = append([]string{"GOSH_LANG=" + sh.Opts.Lang}, extra...)
	}
	env := sh.Vars.Environ(extra)
	if len(sh.funcAttrs) == 0 {
		return env
	}
	var funcs []string
	for name, a := range sh.funcAttrs {
		if a&funcExported == 0 {
			continue
		}
		if fd := sh.lookupFunc(name); fd != nil {
			funcs = append(funcs, funcEnvPrefix+name+funcEnvSuffix+"="+parser.FuncEnvValue(fd))
		}
	}
	n := len(env) - len(extra)
	return append(env[:n:n], append(funcs, env[n:]...)...)
}

// importFunctions defines the functions that a parent passed in the
// environment as BASH_FUNC_name%%="() { ...}", marked exported, and
// removes those variables. As bash does since 2014, a value must be one
// function definition and nothing else; one that is not stays an
// ordinary environment variable, and the messages bash gives for it are
// returned (without "gosh: ").
func (sh *Shell) importFunctions(env []string) (msgs []string) {
	for _, kv := range env {
		if !strings.HasPrefix(kv, funcEnvPrefix) {
			continue
		}
		key, value, _ := strings.Cut(kv, "=")
		name, ok := strings.CutSuffix(strings.TrimPrefix(key, funcEnvPrefix), funcEnvSuffix)
		if !ok || name == "" || !strings.HasPrefix(value, "() {") {
			continue
		}
		fd, why := importedFunction(name, value)
		if fd == nil {
			if why != "" {
				msgs = append(msgs, why)
			}
			msgs = append(msgs, "error importing function definition for `"+name+"'")
			continue
		}
		_ = sh.Vars.Unset(key) // never read-only: it came from the environment
		if sh.funcs == nil {
			sh.funcs = make(map[string]*parser.FuncDecl)
		}
		sh.funcs[name] = fd
		sh.funcsChanged()
		sh.setFuncAttr(name, funcExported)
	}
	return msgs
}

// importedFunction parses "name value" and returns the definition if the
// text is exactly one definition of name; else nil and what bash says
// first: the syntax error, or that the text attempts more (nothing for a
// name with a slash, which bash refuses before it reads the text).
func importedFunction(name, value string) (*parser.FuncDecl, string) {
	if strings.Contains(name, "/") {
		return nil, ""
	}
	attempt := "warning: " + name + ": ignoring function definition attempt"
	f, err := parsePrinted(name + " " + value)
	if err != nil {
		var se *parser.SyntaxError
		if errors.As(err, &se) {
			return nil, name + ": line 1: " + se.Msg
		}
		return nil, attempt
	}
	if f.List == nil || len(f.List.Items) != 1 {
		return nil, attempt
	}
	item := f.List.Items[0]
	pl := item.AndOr.First
	if item.Background || len(item.AndOr.Rest) > 0 || pl.Bang || pl.Time != nil || len(pl.Cmds) != 1 {
		return nil, attempt
	}
	fd, ok := pl.Cmds[0].(*parser.FuncDecl)
	if !ok || fd.Name != name {
		return nil, attempt
	}
	return fd, ""
}
