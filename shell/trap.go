package shell

import (
	"maps"
	"slices"
	"strconv"

	"gosh/builtins"
)

// This file is the trap table: which command runs when a signal arrives,
// when the shell exits (EXIT), or after a command fails (ERR). It is plain
// state, copied into every subshell; trap_unix.go is what makes the
// process act on it (signal dispositions, pending signals, running the
// handlers).

// Trap conditions that are not signals. Signals are 1 to 64 and EXIT is 0;
// these follow, in the order trap -p prints them, as bash does.
const (
	TrapExit   = 0
	TrapDebug  = 65
	TrapErr    = 66
	TrapReturn = 67
)

// Traps is the shell's trap table. Its fields are exported and plain, so
// that it travels in a Snapshot as it is (snapshot_codec.go, or gob).
// Conditions are named as trap -l and kill -l name them, without SIG:
// "EXIT", "INT", "RTMIN+2", "ERR" (see conditionName).
type Traps struct {
	// Actions maps a condition to the command that runs for it. The
	// empty command means the signal is ignored (trap "" SIG); a
	// condition that is not in the map has its default action.
	Actions map[string]string
	// Inherited is the table of the parent shell, which a subshell lists
	// (trap, trap -p) until it sets or resets a trap itself, as bash
	// does: so that saved=$(trap -p) works although a subshell resets
	// caught signals. nil once the subshell changed its own table.
	Inherited map[string]string
	// Traced holds the parent's ERR, DEBUG and RETURN actions in a
	// subshell, which runs them under set -E (ERR) and set -T (DEBUG,
	// RETURN), as bash's subshells inherit them then (tracedAction). A
	// condition leaves it when the subshell sets or resets its own.
	Traced map[string]string
	// errSets counts the times the ERR trap was set or reset: a function
	// call notes it (funcFrame.errSets), and an ERR trap that changed
	// during the call runs in the function, as in bash, where only the
	// one the function inherited does not (without set -E).
	// errWasOn: an ERR trap with an action was set before the last
	// change (errFiresAfter).
	errSets  int
	errWasOn bool
}

// errChanging notes a change of the ERR trap (set or reset).
func (t *Traps) errChanging() {
	a, ok := t.Actions[conditionName(TrapErr)]
	t.errWasOn = ok && a != ""
	t.errSets++
}

// errFiresAfter reports whether the ERR trap runs for a command that
// failed, the trap having been changed sets times before it began and
// t.errSets times now: as bash decides before the command runs, a trap
// that the command itself set ("f" whose body sets it) runs only for
// commands inside, not for the command's own failure, unless one was on
// before it (a second change leaves that unknown: it runs).
func (t *Traps) errFiresAfter(sets int) bool {
	return t.errSets != sets+1 || t.errWasOn
}

// conditionName names condition n in a Traps map.
func conditionName(n int) string {
	switch {
	case n == TrapExit:
		return "EXIT"
	case n == TrapDebug:
		return "DEBUG"
	case n == TrapErr:
		return "ERR"
	case n == TrapReturn:
		return "RETURN"
	}
	if name := builtins.BashSignalName(n); name != "" {
		return name
	}
	return strconv.Itoa(n)
}

// conditionNumber is the condition conditionName names; -1 if none.
func conditionNumber(name string) int {
	for n := 0; n <= TrapReturn; n++ {
		if conditionName(n) == name {
			return n
		}
	}
	if n, err := strconv.Atoi(name); err == nil {
		return n
	}
	return -1
}

// action returns the command for condition n, and whether one is set.
func (t *Traps) action(n int) (string, bool) {
	a, ok := t.Actions[conditionName(n)]
	return a, ok
}

// set records action for condition n ("" ignores it). The map is copied
// first: a subshell's table may share it with its parent.
func (t *Traps) set(n int, action string) {
	if n == TrapErr {
		t.errChanging()
	}
	m := maps.Clone(t.Actions)
	if m == nil {
		m = map[string]string{}
	}
	m[conditionName(n)] = action
	t.Actions = m
	t.Inherited = nil
	t.untrace(n)
}

// untrace drops condition n from Traced: the subshell has its own now.
func (t *Traps) untrace(n int) {
	if _, ok := t.Traced[conditionName(n)]; ok {
		m := maps.Clone(t.Traced)
		delete(m, conditionName(n))
		t.Traced = m
	}
}

// reset gives condition n its default action again (trap - SIG).
func (t *Traps) reset(n int) {
	if n == TrapErr {
		t.errChanging()
	}
	if _, ok := t.Actions[conditionName(n)]; ok {
		m := maps.Clone(t.Actions)
		delete(m, conditionName(n))
		t.Actions = m
	}
	t.Inherited = nil
	t.untrace(n)
}

// listed is the table trap and trap -p print, by condition number: the
// shell's own, or in a subshell that has changed nothing, its parent's.
func (t *Traps) listed() map[int]string {
	src := t.Actions
	if t.Inherited != nil {
		src = t.Inherited
	}
	out := make(map[int]string, len(src))
	for name, a := range src {
		if n := conditionNumber(name); n >= 0 {
			out[n] = a
		}
	}
	return out
}

// conditions lists the conditions of the printed table in bash's order:
// EXIT, the signals by number, DEBUG, ERR, RETURN.
func (t *Traps) conditions() []int {
	return slices.Sorted(maps.Keys(t.listed()))
}

// forSubshell is the table a subshell starts with (POSIX 2.12): ignored
// signals stay ignored, every other trap (EXIT and ERR included) is reset.
// The parent's table is kept for listing only.
func (t Traps) forSubshell() Traps {
	sub := Traps{errSets: t.errSets} // a function's frame compares with it
	for _, n := range t.ignored() {
		if sub.Actions == nil {
			sub.Actions = map[string]string{}
		}
		sub.Actions[conditionName(n)] = ""
	}
	switch {
	case t.Inherited != nil:
		sub.Inherited = t.Inherited
	case len(t.Actions) > 0:
		sub.Inherited = t.Actions
	}
	for _, n := range []int{TrapErr, TrapDebug, TrapReturn} {
		a, ok := t.action(n)
		if !ok {
			a, ok = t.Traced[conditionName(n)]
		}
		if ok {
			if sub.Traced == nil {
				sub.Traced = map[string]string{}
			}
			sub.Traced[conditionName(n)] = a
		}
	}
	return sub
}

// tracedAction is the action for ERR (with on: set -E), DEBUG or RETURN
// (set -T): the table's own, or in a subshell under that option the
// parent's (Traced).
func (t *Traps) tracedAction(n int, on bool) (string, bool) {
	if a, ok := t.action(n); ok || !on {
		return a, ok
	}
	a, ok := t.Traced[conditionName(n)]
	return a, ok
}

// anyAction reports whether the table runs anything: a trap with an
// action on EXIT, a signal, DEBUG, ERR or RETURN, its own, or the
// parent's ERR under set -E (errtrace) or DEBUG and RETURN under set -T
// (functrace). Ignored signals do not count.
func (t *Traps) anyAction(errtrace, functrace bool) bool {
	for _, a := range t.Actions {
		if a != "" {
			return true
		}
	}
	_, err := t.Traced[conditionName(TrapErr)]
	_, debug := t.Traced[conditionName(TrapDebug)]
	_, ret := t.Traced[conditionName(TrapReturn)]
	return err && errtrace || (debug || ret) && functrace
}

// ignored lists the signals the table ignores, by number.
func (t *Traps) ignored() []int {
	var out []int
	for name, a := range t.Actions {
		if n := conditionNumber(name); a == "" && n > 0 && n < 65 {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}
