package shell

import (
	"errors"
	"strings"
	"time"

	"gosh/builtins"
	"gosh/parser"
)

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
	sh.Jobs.SetPosix(on) // how jobs words job states (jobs/report.go)
	if on && !o.Interactive {
		// As a script's, finished jobs stay listed until jobs shows
		// them or wait collects them, also under -c.
		sh.Jobs.SetKeepFinished()
	}
	if on {
		o.ExpandAliasesOn, o.ExpandAliasesOff = true, false
		o.Shopt.InheritErrexit, o.Shopt.ShiftVerbose = true, true
		o.Shopt.NoSourcepath, o.Shopt.NoInteractiveComments = false, false
		return
	}
	o.ExpandAliasesOn, o.ExpandAliasesOff = false, false
	o.Shopt.ShiftVerbose = false
}

// posixFuncName refuses, in POSIX mode, a function whose name is a
// special builtin's ("`eval': is a special builtin") or is not a name
// ("`a-b': not a valid identifier"): status 2, and a non-interactive
// shell ends there, as bash.
func (sh *Shell) posixFuncName(name string) (int, error) {
	msg := "not a valid identifier"
	if b, ok := builtins.Lookup(name); ok && b.Special {
		msg = "is a special builtin"
	} else if parser.IsName(name) {
		return 0, nil
	}
	sh.errorf("`%s': %s", name, msg)
	return 2, sh.posixFatal(2)
}

// posixFatal is what an error that POSIX mode makes fatal returns: in a
// non-interactive shell, the exit with status; at a prompt, nothing (the
// command fails with its status).
func (sh *Shell) posixFatal(status int) error {
	if sh.Opts.Interactive {
		return nil
	}
	return &ExitError{Status: status}
}

// posixSpecial reports whether, in POSIX mode, name is a special builtin,
// which is found before a function of that name (one defined before the
// mode was turned on).
func (sh *Shell) posixSpecial(name string) bool {
	if !sh.Opts.Posix {
		return false
	}
	b, ok := sh.lookupBuiltin(name)
	return ok && b.Special
}

// posixExpansionExit is the status with which, in POSIX mode, an
// expansion or assignment error ends a non-interactive shell (bash's
// items 25, 29, 30: a read-only variable assigned alone, bad arithmetic,
// a bad substitution), or 0: not in POSIX mode, at a prompt, and for the
// errors that abandon the command there too (failglob's "no match", an
// ambiguous redirect).
func (sh *Shell) posixExpansionExit(err error) int {
	if !sh.Opts.Posix || sh.Opts.Interactive {
		return 0
	}
	if ee, ok := errors.AsType[*ExpansionError](err); ok && (ee.Errexit || strings.HasSuffix(ee.Msg, "ambiguous redirect")) {
		return 0
	}
	return sh.forceEOFStatus()
}

// posixSpecialCmd reports whether cmd runs a special builtin in POSIX
// mode: its assignments stay, and its errors end a non-interactive shell.
// (command export ... runs command, which is not special.)
func (sh *Shell) posixSpecialCmd(cmd *command) bool {
	return sh.Opts.Posix && cmd.fn == nil && cmd.builtin != nil && cmd.builtin.Special && !cmd.notSpecial
}

// errPosixAssign is applyTempAssigns' error, in POSIX mode, for a
// read-only variable assigned before a command ("r=2 cmd").
var errPosixAssign = errors.New("read-only variable assigned before a command")

// posixAssignFailed ends what "r=2 cmd" runs when r is read-only, in POSIX
// mode: before a special builtin, the shell (127 under -c, 1 in a
// script); before another command, that command, and the -c text (bash's
// items 26).
func (sh *Shell) posixAssignFailed(cmd *command) (int, error) {
	if sh.posixSpecialCmd(cmd) {
		sh.Status = 1
		return 1, &ExitError{Status: sh.forceEOFStatus()}
	}
	return sh.discardLine()
}

// posixBangParam is ${!#} or ${!?} in POSIX mode, where bash applies no
// indirection to # and ?: they are $! with the operator # (an empty
// prefix removed) or ? (an error when $! is unset).
func posixBangParam(p *parser.ParamExp) *parser.ParamExp {
	q := *p
	q.Indirect, q.Name, q.Op = false, "!", parser.ParamTrimPrefix
	if p.Name == "?" {
		q.Op = parser.ParamError
	}
	return &q
}

// nullCommand reports whether p is "time" alone: one empty command.
func nullCommand(p *parser.Pipeline) bool {
	if len(p.Cmds) != 1 {
		return false
	}
	sc, ok := p.Cmds[0].(*parser.SimpleCommand)
	return ok && len(sc.Args) == 0 && len(sc.Assigns) == 0 && len(sc.Redirs) == 0
}

// reportShellTimes is "time" alone in POSIX mode: the times of the shell
// and its finished children since the shell started (real: since $SECONDS
// began), in $TIMEFORMAT, else bash's "user\t%2lU\nsys\t%2lS".
func (sh *Shell) reportShellTimes() {
	t := shellAndChildTimes()
	sh.startSpecials() // a subshell's clock goes on from its parent's $SECONDS
	span := timeSpan{real: time.Since(sh.specials.secondsBase), user: t.user, sys: t.sys}
	format := "user\t%2lU\nsys\t%2lS"
	if v, ok := sh.getVar("TIMEFORMAT"); ok {
		format = v
	}
	sh.writeTimes(format, span)
}
