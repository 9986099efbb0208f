package shell

import (
	"strings"

	"gosh/builtins"
)

// The shell's side of name references (vars_nameref.go): the paths that
// name a variable in a command (an expansion, an assignment, unset, a
// for loop) follow a reference here, where a circular one is reported and
// a target that is an array element gets its subscript evaluated, and the
// declaration builtins' operations on the references themselves.

var _ builtins.NameRefShell = (*Shell)(nil)

// isNameRef reports whether name is itself a reference with a target.
func (sh *Shell) isNameRef(name string) bool {
	x := sh.Vars.m[name]
	return x != nil && x.NameRef && !x.NoValue
}

// refTarget follows the references from name: the name of the variable,
// or the array element ("a[2]"), that a command naming name works on.
// A circular chain is reported, as bash's warning, and ok is false.
func (sh *Shell) refTarget(name string) (target string, ok bool) {
	if !sh.isNameRef(name) {
		return name, true
	}
	t, ok := sh.Vars.resolve(name)
	if !ok {
		sh.errorf("warning: %s: circular name reference", name)
		return name, false
	}
	return t, true
}

// setLoopVar is the assignment of a for loop's variable: a reference as
// the control variable is given each word as its target (bash), any other
// variable the word as its value.
func (sh *Shell) setLoopVar(name, value string) error {
	if sh.groupsFixed(name) {
		return &noAssignError{name} // for GROUPS in ...: the loop does not run (bash)
	}
	if x := sh.Vars.m[name]; x != nil && x.NameRef {
		if err := checkRefTarget(name, value); err != nil {
			if _, bad := err.(*badRefError); bad {
				return &invalidNameError{value}
			}
			return err
		}
		return sh.Vars.SetNameRef(name, value, true)
	}
	return sh.Vars.Set(name, value)
}

// DeclareNameRef implements builtins.NameRefShell: declare -n NAME, or
// NAME=TARGET.
func (sh *Shell) DeclareNameRef(name, target string, hasTarget bool) error {
	if f := sh.flow.frame; hasTarget && target == name && f != nil {
		// local -n out=$1 run as "f out": bash warns and goes on
		// (vars_nameref.go, setSelfRef).
		for i := range f.saved {
			if f.saved[i].name == name {
				if before, kept := sh.Vars.setSelfRef(name, f.saved[i].v); kept {
					f.saved = append(f.saved, savedVar{selfKey(name), before})
				}
				return &selfRefWarning{name}
			}
		}
	}
	if hasTarget {
		if err := checkRefTarget(name, target); err != nil {
			return err
		}
	} else if x := sh.Vars.m[name]; x != nil && !x.NameRef && !x.NoValue && !x.Array && !x.Assoc {
		// declare -n x on a set string variable: its value becomes the
		// target, which must be a name.
		if err := checkRefTarget(name, x.Value); err != nil {
			return err
		}
	}
	return sh.Vars.SetNameRef(name, target, hasTarget)
}

// ClearNameRef implements builtins.NameRefShell: declare +n NAME.
func (sh *Shell) ClearNameRef(name string) { sh.Vars.ClearNameRef(name) }

// NameRef implements builtins.NameRefShell: whether name is itself a
// reference, the name it refers to ("" when none yet) and its other
// attributes.
func (sh *Shell) NameRef(name string) (target, attrs string, ok bool) {
	x := sh.Vars.m[name]
	if x == nil || !x.NameRef {
		return "", "", false
	}
	if x.ReadOnly {
		attrs += "r"
	}
	if x.Exported {
		attrs += "x"
	}
	return x.Value, attrs, true
}

// SetNameRefAttr implements builtins.NameRefShell: declare -rn, -xn.
func (sh *Shell) SetNameRefAttr(name string, attr byte) {
	x := sh.Vars.m[name]
	if x == nil || !x.NameRef {
		return
	}
	switch attr {
	case 'r':
		x.ReadOnly = true
	case 'x':
		x.Exported = true
	}
}

// UnsetNameRef implements builtins.NameRefShell: unset -n NAME removes
// the reference itself.
func (sh *Shell) UnsetNameRef(name string) error { return sh.Vars.UnsetRef(name) }

// refElem splits a reference's target that is an array element into the
// array's name and the subscript's text.
func refElem(t string) (base, sub string, ok bool) {
	if strings.IndexByte(t, '[') < 0 {
		return t, "", false
	}
	return cutSubscript(t)
}

// tempRefName is the variable a temporary assignment to the reference
// name ("ref=v cmd") sets, exports for cmd and puts back afterwards: the
// variable it refers to, or the reference itself when that is circular
// or an array element.
func (sh *Shell) tempRefName(name string) string {
	t, err := sh.Vars.target(name)
	if err != nil || strings.IndexByte(t, '[') >= 0 {
		return name
	}
	return t
}
