package shell

import "strings"

// BuiltinDisabled reports whether enable -n turned the builtin name off:
// a command of that name then runs a function or a program on PATH, as in
// bash. The list is Options.Disabled, so copies and child gosh share it.
func (sh *Shell) BuiltinDisabled(name string) bool {
	d := sh.Opts.Disabled
	return d != "" && strings.Contains(" "+d, " "+name+" ")
}

// SetBuiltinEnabled turns the builtin name on or off (the enable builtin).
// The list is replaced, never changed in place.
func (sh *Shell) SetBuiltinEnabled(name string, on bool) {
	if sh.BuiltinDisabled(name) == !on {
		return
	}
	if on {
		sh.Opts.Disabled = strings.TrimPrefix(strings.Replace(" "+sh.Opts.Disabled, " "+name+" ", " ", 1), " ")
		return
	}
	sh.Opts.Disabled += name + " "
}
