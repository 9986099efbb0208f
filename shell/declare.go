package shell

import (
	"strconv"
	"strings"
)

// Variable attributes for the declare builtin: declare -i (integer),
// declare NAME (declared, with no value), declare +x (no longer
// exported).

// setScalar assigns a string value. A variable declared -i gets the value
// of the value as an arithmetic expression: declare -i n; n=2*3 sets 6.
func (sh *Shell) setScalar(name, value string) error {
	if name == "PATH" {
		// As bash: any assignment to PATH, even of the value it has
		// (PATH=$PATH), empties the table of remembered programs.
		sh.ClearHash()
	}
	if sh.groupsFixed(name) {
		return &noAssignError{name} // read GROUPS, declare GROUPS=v (bash)
	}
	x := sh.lookupVar(name)
	if x == nil {
		if sh.isNameRef(name) {
			return sh.setThroughRef(name, value)
		}
		return sh.Vars.Set(name, value)
	}
	if x.Integer {
		n, err := sh.evalArith(value)
		if err != nil {
			return err
		}
		value = strconv.FormatInt(n, 10)
		x = sh.lookupVar(name) // the expression may have unset it
		if x == nil {
			return sh.Vars.Set(name, value)
		}
	}
	return sh.Vars.setIn(name, x, value)
}

// appendValue is the value NAME+=V gives: the old value with V after it,
// or for a -i variable the sum.
func (sh *Shell) appendValue(name, old, v string) string {
	if x := sh.Vars.Lookup(name); x != nil && x.Integer {
		if old == "" {
			old = "0"
		}
		return "(" + old + ")+(" + v + ")"
	}
	return old + v
}

// SetInteger gives a variable the integer attribute (declare -i), or
// takes it away (declare +i), creating the variable unset if need be.
func (sh *Shell) SetInteger(name string, on bool) {
	sh.DeclareVar(name)
	if x := sh.Vars.Lookup(name); x != nil {
		x.Integer = on
	}
}

// SetCase gives a variable declare -l ('l') or -u ('u'), or with 0 takes
// both away, creating the variable unset if need be. The value it has
// stays as it is, as in bash: the values assigned after are converted.
func (sh *Shell) SetCase(name string, c byte) {
	sh.DeclareVar(name)
	if x := sh.Vars.Lookup(name); x != nil {
		x.Case = c
	}
}

// VarCase is a variable's case attribute: 'l', 'u' or 0.
func (sh *Shell) VarCase(name string) byte {
	if x := sh.Vars.Lookup(name); x != nil {
		return x.Case
	}
	return 0
}

// SetTrace gives a variable declare -t, or takes it away, creating the
// variable unset if need be.
func (sh *Shell) SetTrace(name string, on bool) {
	sh.DeclareVar(name)
	if x := sh.Vars.Lookup(name); x != nil {
		x.Trace = on
	}
}

// IsTraced reports whether a variable has declare -t.
func (sh *Shell) IsTraced(name string) bool {
	x := sh.Vars.Lookup(name)
	return x != nil && x.Trace
}

// IsInteger reports whether a variable has the integer attribute.
func (sh *Shell) IsInteger(name string) bool {
	x := sh.Vars.Lookup(name)
	return x != nil && x.Integer
}

// DeclareVar makes name a variable that is declared but has no value
// (declare x), unless it exists.
func (sh *Shell) DeclareVar(name string) {
	t, err := sh.Vars.target(name) // declare ref: the variable it refers to
	if err != nil || strings.IndexByte(t, '[') >= 0 {
		return
	}
	if sh.Vars.m[t] == nil {
		// set -a exports the new variable, as bash (not an array).
		sh.Vars.put(t, &Var{NoValue: true, Exported: sh.Vars.AllExport})
	}
}

// DeclaredOnly reports whether name is declared but was never assigned a
// value ("declare -a a", "local -A m"), which declare -p shows without
// "=()", as bash does.
func (sh *Shell) DeclaredOnly(name string) bool {
	x := sh.Vars.Lookup(name)
	return x != nil && x.NoValue
}

// Unexport takes the export mark off a variable, keeping its value.
func (sh *Shell) Unexport(name string) {
	if x := sh.Vars.Lookup(name); x != nil {
		x.Exported = false
	}
}

// setThroughRef assigns the variable or array element that the reference
// name refers to, when it is not a variable that exists.
func (sh *Shell) setThroughRef(name, value string) error {
	t, err := sh.Vars.target(name)
	if err != nil {
		return err
	}
	if base, sub, isElem := refElem(t); isElem {
		s, err := sh.subscriptText(base, sub)
		if err != nil {
			return err
		}
		return sh.setElem(base, s, value, false)
	}
	return sh.Vars.Set(t, value)
}
