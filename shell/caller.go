package shell

import "strconv"

// This file keeps what the caller builtin reports: where each running
// function was called from.

// Caller implements builtins.CallerShell, as bash's caller reads its call
// stack (bashvars.go): for the n-th call up the stack, the line it was
// made on (BASH_LINENO[n]), the function that made it (FUNCNAME[n+1],
// "main" or "source" for a script or a . file) and its file
// (BASH_SOURCE[n+1]);
// ok is false when one of them is missing. Without a number (numbered
// false) it is BASH_LINENO[0] and BASH_SOURCE[1], "NULL" when there is no
// such file (the script's own top level); ok is false only when there is
// no stack at all (-c text or the prompt, outside any function).
func (sh *Shell) Caller(n int, numbered bool) (line int, fn, file string, ok bool) {
	top := sh.stack.top
	if top == nil || len(top.files.Elems) == 0 {
		return 0, "", "", false
	}
	elem := func(v *Var, i int) (string, bool) {
		if i < 0 || i >= len(v.Elems) {
			return "", false
		}
		return v.Elems[i].Value, true
	}
	if !numbered {
		l, _ := elem(&top.lines, 0)
		file, ok := elem(&top.files, 1)
		if !ok {
			file = "NULL"
		}
		line, _ = strconv.Atoi(l)
		return line, "", file, true
	}
	if top.funcs == 0 {
		return 0, "", "", false // FUNCNAME is set only inside a function
	}
	fn, okName := elem(&top.names, n+1) // the function that made the call
	file, okFile := elem(&top.files, n+1)
	l, okLine := elem(&top.lines, n)
	if !okName || !okFile || !okLine {
		return 0, "", "", false
	}
	line, _ = strconv.Atoi(l)
	return line, fn, file, true
}
