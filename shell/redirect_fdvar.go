package shell

import (
	"strconv"

	"gosh/parser"
)

// fdVarNumber gives the descriptor a {NAME} redirection (bash) works on.
// For {NAME}>&- and {NAME}<&- it is the number NAME holds, the one to
// close. Otherwise the shell takes the lowest descriptor of 10 or more
// that is not open in t, and assigns its number to NAME before the
// redirection is done: "exec {fd}>log; echo hi >&$fd". A descriptor so
// opened for a command other than exec is closed when the command ends
// (bash leaves it open).
func (sh *Shell) fdVarNumber(t *fdTable, r *parser.Redirect, target string) (int, error) {
	if (r.Op == parser.RedirDupIn || r.Op == parser.RedirDupOut) && target == "-" {
		v := sh.fdVarValue(r.FdVar)
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, &redirError{r.FdVar + ": ambiguous redirect"}
		}
		return n, nil
	}
	n := 10
	for t.get(n) >= 0 {
		n++
	}
	if err := sh.setFdVar(r.FdVar, strconv.Itoa(n)); err != nil {
		sh.errorf("%s", err) // "x: readonly variable", then bash's line
		return 0, &redirError{r.FdVar + ": cannot assign fd to variable"}
	}
	return n, nil
}

// fdVarValue is the value of a {NAME} redirection's variable, which may
// be an array element ({a[1]}>file), as in bash.
func (sh *Shell) fdVarValue(name string) string {
	base, sub, isElem := cutSubscript(name)
	if !isElem {
		v, _ := sh.getVar(name)
		return v
	}
	s, err := sh.subscriptText(base, sub)
	x := sh.Vars.Lookup(base)
	if err != nil || x == nil || x.NoValue {
		return ""
	}
	if !x.Array && !x.Assoc {
		if s.index == 0 && s.key == "" {
			return x.Value
		}
		return ""
	}
	v, _ := x.elem(s.key, s.index)
	return v
}

// setFdVar assigns the descriptor's number to a {NAME} redirection's
// variable or array element.
func (sh *Shell) setFdVar(name, value string) error {
	base, sub, isElem := cutSubscript(name)
	if !isElem {
		return sh.setVar(name, value)
	}
	s, err := sh.subscriptText(base, sub)
	if err != nil {
		return err
	}
	return sh.setElem(base, s, value, false)
}
