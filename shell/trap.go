package shell

import (
	"maps"
	"slices"
	"strconv"
	"strings"
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
// that it travels in a subshell's snapshot as it is (encoding/gob).
type Traps struct {
	// Actions maps a condition (a signal number, or TrapExit, TrapDebug,
	// TrapErr, TrapReturn) to the command that runs for it. The empty
	// command means the signal is ignored (trap "" SIG); a condition
	// that is not in the map has its default action.
	Actions map[int]string
	// Inherited is the table of the parent shell, which a subshell lists
	// (trap, trap -p) until it sets or resets a trap itself, as bash
	// does: so that saved=$(trap -p) works although a subshell resets
	// caught signals. nil once the subshell changed its own table.
	Inherited map[int]string
}

// action returns the command for condition n, and whether one is set.
func (t *Traps) action(n int) (string, bool) {
	a, ok := t.Actions[n]
	return a, ok
}

// set records action for condition n ("" ignores it). The map is copied
// first: a subshell's table may share it with its parent.
func (t *Traps) set(n int, action string) {
	m := maps.Clone(t.Actions)
	if m == nil {
		m = map[int]string{}
	}
	m[n] = action
	t.Actions = m
	t.Inherited = nil
}

// reset gives condition n its default action again (trap - SIG).
func (t *Traps) reset(n int) {
	if _, ok := t.Actions[n]; ok {
		m := maps.Clone(t.Actions)
		delete(m, n)
		t.Actions = m
	}
	t.Inherited = nil
}

// listed is the table trap and trap -p print: the shell's own, or in a
// subshell that has set nothing, its parent's.
func (t *Traps) listed() map[int]string {
	if t.Inherited != nil {
		return t.Inherited
	}
	return t.Actions
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
	var sub Traps
	for n, a := range t.Actions {
		if a == "" && n > 0 && n < 65 {
			if sub.Actions == nil {
				sub.Actions = map[int]string{}
			}
			sub.Actions[n] = ""
		}
	}
	if l := t.listed(); len(l) > 0 {
		sub.Inherited = l
	}
	return sub
}

// ignored lists the signals the table ignores.
func (t *Traps) ignored() []int {
	var out []int
	for n, a := range t.Actions {
		if a == "" && n > 0 && n < 65 {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// preamble is shell code that sets the table's ignored signals again, for
// a subshell that is a new gosh process (subshell.go).
func (t Traps) preamble() string {
	var b strings.Builder
	for _, n := range t.ignored() {
		b.WriteString("trap '' " + strconv.Itoa(n) + "\n")
	}
	return b.String()
}
