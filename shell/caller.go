package shell

// This file keeps what the caller builtin reports: where each running
// function was called from.

// Caller implements builtins.CallerShell: the n-th function call of the
// stack (0 the running function's) as the line it was called from, the
// function that called it ("main" at the top) and the file the call is in.
// ok is false when fewer than n+1 functions are running. numbered is
// false for caller without a number, which also reports a call from code
// that is in no file.
func (sh *Shell) Caller(n int, numbered bool) (line int, fn, file string, ok bool) {
	f := sh.flow.frame
	for ; f != nil && n > 0; n-- {
		f = f.parent
	}
	if f == nil {
		return 0, "", "", false
	}
	fn = "main"
	if f.parent != nil {
		fn = f.parent.name
	}
	file = f.callFile
	if file == "" {
		if numbered && fn == "main" {
			// As bash: code in no file (-c, the prompt) has no "main"
			// entry in FUNCNAME, so caller N stops below it.
			return 0, "", "", false
		}
		// bash's names for code that is in no file.
		file = "environment"
		if sh.Opts.Interactive {
			file = "NULL"
		}
	}
	return f.callLine, fn, file, true
}
