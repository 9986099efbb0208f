package builtins

import "strings"

// This file gives functions their attributes, as bash does: export -f
// marks a function for the environment of the programs the shell starts
// (bash passes it as BASH_FUNC_name%%), readonly -f forbids redefining or
// unsetting it. declare -f and -F show them as "declare -fx f",
// "declare -fr f" (shell/funcattr.go keeps them).

// FuncAttrShell is the part of the shell that keeps functions' attributes.
type FuncAttrShell interface {
	// FuncAttrs reports the attributes of the function name; ok is false
	// when there is no such function.
	FuncAttrs(name string) (exported, readonly, ok bool)
	// SetFuncExported marks the function for export (on) or takes the
	// mark away; false when there is no such function.
	SetFuncExported(name string, on bool) bool
	// SetFuncReadonly makes the function read-only for the rest of the
	// shell's life; false when there is no such function.
	SetFuncReadonly(name string) bool
}

// funcAttrLetters are the attribute letters of declare's line for a
// function, in bash's order ("frx"), without the f; "" for none.
func funcAttrLetters(sh Shell, name string) string {
	fa, ok := sh.(FuncAttrShell)
	if !ok {
		return ""
	}
	exported, readonly, _ := fa.FuncAttrs(name)
	s := ""
	if readonly {
		s += "r"
	}
	if ts, ok := sh.(TraceShell); ok && ts.FuncTraced(name) {
		s += "t"
	}
	if exported {
		s += "x"
	}
	return s
}

// funcDeclareLine is "declare -fx f\n" for a function with attributes, or
// "" for one without.
func funcDeclareLine(sh Shell, name string) string {
	if a := funcAttrLetters(sh, name); a != "" {
		return "declare -f" + a + " " + name + "\n"
	}
	return ""
}

// markFunctions is export -f and readonly -f: mark each named function,
// with "NAME: not a function" for any other word.
func markFunctions(sh Shell, io IO, builtin string, names []string, mark func(FuncAttrShell, string) bool) int {
	fa, _ := sh.(FuncAttrShell)
	status := statusOK
	for _, name := range names {
		if fa == nil || !mark(fa, name) {
			errorf(io, builtin, "%s: not a function", name)
			status = statusFailure
		}
	}
	return status
}

// listFunctions is export -f and readonly -f without names: the
// definition of each function that has the attribute, followed by its
// declare line.
func listFunctions(sh Shell, io IO, builtin string, has func(exported, readonly bool) bool) int {
	fs, ok1 := sh.(FuncShell)
	fa, ok2 := sh.(FuncAttrShell)
	if !ok1 || !ok2 {
		return statusOK
	}
	var b strings.Builder
	for _, f := range fs.FuncNames() {
		exported, readonly, _ := fa.FuncAttrs(f)
		if !has(exported, readonly) {
			continue
		}
		text, _ := fs.FuncText(f)
		b.WriteString(strings.TrimSuffix(text, "\n") + "\n")
		b.WriteString(funcDeclareLine(sh, f))
	}
	return writeOut(io, builtin, b.String())
}

// funcIsReadonly reports whether name is a read-only function.
func funcIsReadonly(sh Shell, name string) bool {
	fa, ok := sh.(FuncAttrShell)
	if !ok {
		return false
	}
	_, readonly, _ := fa.FuncAttrs(name)
	return readonly
}
