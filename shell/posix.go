package shell

// This file is bash's POSIX mode (set -o posix, bash --posix, $POSIXLY_CORRECT,
// a shell started as sh): the mode's own state. What it changes is gated where
// each behaviour lives, on sh.Opts.Posix; the list, item by item as in bash's
// manual (6.11 Bash POSIX Mode), is in docs/user-guide.md.

// setPosix is set -o posix and set +o posix. As bash, turning the mode on
// sets $POSIXLY_CORRECT to "y" unless it is set (not exported), and turning
// it off unsets it.
func (sh *Shell) setPosix(on bool) {
	if _, set := sh.Vars.Get("POSIXLY_CORRECT"); on && !set {
		sh.Vars.Set("POSIXLY_CORRECT", "y")
	} else if !on && set {
		sh.Vars.Unset("POSIXLY_CORRECT") // read-only: it stays, the mode goes, as bash
	}
	sh.Vars.posixTouched = false
	sh.posixMode(on)
}

// settlePosix matches the mode to $POSIXLY_CORRECT after the variable was
// set or unset (Vars.posixTouched): assigning it turns the mode on,
// unsetting it turns it off, as in bash. It runs before the next pipeline,
// so a function called as "POSIXLY_CORRECT=1 f" runs in POSIX mode and the
// command after it does not.
func (sh *Shell) settlePosix() {
	sh.Vars.posixTouched = false
	if _, on := sh.Vars.Get("POSIXLY_CORRECT"); on != sh.Opts.Posix {
		sh.posixMode(on)
	}
}

// posixMode turns the mode on or off with the shopt options bash changes
// with it (posix_initialize in bash's general.c): on, it turns on
// expand_aliases, inherit_errexit, shift_verbose, sourcepath and
// interactive_comments; off, expand_aliases goes back to its default
// (on only when interactive) and shift_verbose off.
func (sh *Shell) posixMode(on bool) {
	o := &sh.Opts
	o.Posix = on
	if on {
		o.ExpandAliasesOn, o.ExpandAliasesOff = true, false
		o.Shopt.InheritErrexit, o.Shopt.ShiftVerbose = true, true
		o.Shopt.NoSourcepath, o.Shopt.NoInteractiveComments = false, false
		return
	}
	o.ExpandAliasesOn, o.ExpandAliasesOff = false, false
	o.Shopt.ShiftVerbose = false
}
