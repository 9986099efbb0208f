package shell

// This file is bash's name references (declare -n, local -n): a variable
// whose value is the name of another variable, so that reading, assigning
// or unsetting the reference reads, assigns or unsets the variable it
// names. The table follows references in every look-up by name
// (Vars.resolve); the few operations on the reference itself (declare -n,
// declare +n, unset -n, declare -p, for r in ...) use the table's map
// directly. A reference may name an array element ("a[2]"): the table
// reads and assigns such a target when its subscript is a key or a plain
// number, the expansion and assignment paths with any subscript
// (refTarget).

import (
	"strconv"
	"strings"

	"gosh/parser"
)

// maxNameRefs is how many references a chain may follow before it counts
// as circular, as bash's NAMEREF_MAX.
const maxNameRefs = 8

// resolve follows the references from name to the variable they lead to:
// name itself when it is no reference or a reference with no value yet
// (declare -n r), else the last name of the chain, which may be an array
// element ("a[2]"). ok is false when the chain is circular.
func (v *Vars) resolve(name string) (target string, ok bool) {
	for i := 0; ; i++ {
		x := v.m[name]
		if x == nil || !x.NameRef || x.NoValue {
			return name, true
		}
		if i == maxNameRefs || x.Value == name {
			return name, false
		}
		name = x.Value
		if strings.IndexByte(name, '[') >= 0 {
			return name, true
		}
	}
}

// find is the variable name leads to, following references; nil when
// there is none, when the chain is circular, or when it ends at an array
// element.
func (v *Vars) find(name string) *Var {
	x := v.m[name]
	if x == nil || !x.NameRef || x.NoValue {
		return x
	}
	if x.Value == name {
		return v.m[selfKey(name)] // setSelfRef
	}
	t, ok := v.resolve(name)
	if !ok || strings.IndexByte(t, '[') >= 0 {
		return nil
	}
	return v.m[t]
}

// target is resolve for an operation that changes the variable: the name
// to change, or an error for a circular chain.
func (v *Vars) target(name string) (string, error) {
	x := v.m[name]
	if x == nil || !x.NameRef || x.NoValue {
		return name, nil
	}
	if x.Value == name {
		return selfKey(name), nil // setSelfRef
	}
	t, ok := v.resolve(name)
	if !ok {
		return name, &circularRefError{name}
	}
	return t, nil
}

// elemTarget splits a reference's target "a[sub]" into the array and a
// subscript the table can take without evaluating anything: a key of an
// associative array, or a plain decimal index.
func (v *Vars) elemTarget(t string) (base string, key string, index int64, ok bool) {
	base, sub, isElem := cutSubscript(t)
	if !isElem || !parser.IsName(base) {
		return "", "", 0, false
	}
	if x := v.m[base]; x != nil && x.Assoc {
		return base, sub, 0, true
	}
	n, err := strconv.ParseInt(strings.TrimSpace(sub), 10, 64)
	if err != nil || n < 0 {
		return "", "", 0, false
	}
	return base, "", n, true
}

// getElemTarget is Get of a reference to an array element.
func (v *Vars) getElemTarget(t string) (string, bool) {
	base, key, index, ok := v.elemTarget(t)
	if !ok {
		return "", false
	}
	x := v.m[base]
	if x == nil || x.NoValue {
		return "", false
	}
	if x.Assoc || x.Array {
		return x.elem(key, index)
	}
	if index == 0 {
		return x.Value, true
	}
	return "", false
}

// setElemTarget is Set of a reference to an array element.
func (v *Vars) setElemTarget(t, value string) error {
	base, key, index, ok := v.elemTarget(t)
	if !ok {
		return &badRefError{t}
	}
	if key != "" || v.m[base] != nil && v.m[base].Assoc {
		return v.SetKey(base, key, value)
	}
	return v.SetIndex(base, index, value)
}

// LookupRef returns the variable name itself, a reference or not, or nil.
func (v *Vars) LookupRef(name string) *Var { return v.m[name] }

// SetNameRef makes name a reference to target, or with target "" a
// reference with no value yet (declare -n r). A variable name already
// was keeps its other attributes but loses its value, as in bash.
func (v *Vars) SetNameRef(name, target string, hasTarget bool) error {
	x := v.m[name]
	if x == nil {
		x = &Var{NoValue: true}
		v.m[name] = x
	} else if x.ReadOnly && (hasTarget || !x.NameRef) {
		return &readOnlyError{name}
	}
	if x.Array || x.Assoc {
		return &refArrayError{name}
	}
	x.NameRef = true
	if hasTarget {
		x.Value, x.NoValue = target, false
	}
	v.changed(name)
	return nil
}

// ClearNameRef takes the reference attribute off name (declare +n): its
// value, the name it referred to, stays as a string.
func (v *Vars) ClearNameRef(name string) {
	if x := v.m[name]; x != nil && x.NameRef {
		x.NameRef = false
		v.changed(name)
	}
}

// UnsetRef removes the variable name itself, a reference or not (unset -n).
func (v *Vars) UnsetRef(name string) error {
	if x, ok := v.m[name]; ok && x.ReadOnly {
		return &readOnlyError{name}
	}
	delete(v.m, name)
	v.changed(name)
	return nil
}

// checkRefTarget reports whether target may be what name refers to:
// a variable name or an array element, and not name itself.
func checkRefTarget(name, target string) error {
	base, _, isElem := cutSubscript(target)
	if !parser.IsName(base) || !isElem && strings.IndexByte(target, '[') >= 0 {
		return &badRefError{target}
	}
	if base == name {
		return &selfRefError{name}
	}
	return nil
}

// A function's local reference to its own name ("local -n out=$1" run
// as "f out") is what bash warns about ("circular name reference") and
// then follows to the variable of that name at the global scope. gosh
// follows it to the variable the local hides, which is the same unless
// the caller's variable is itself a local: the table keeps that variable
// under selfKey(name), a name no command can write, while the reference
// lives. Every copy and child gosh carries it with the other variables.
const selfKeyMark = 0

// selfKey is the name under which a reference to its own name keeps
// the variable it hides.
func selfKey(name string) string { return string(rune(selfKeyMark)) + name }

// setSelfRef makes name, a local of the running function that hides
// hidden (nil: no variable), a reference to its own name. With kept, the
// variable held under selfKey(name) before is before, which the
// function's return puts back. A reference to its own name that hides
// another (a function's "local -n out=$1" called as "g out" from one that
// has the same) goes on with the variable that one hides: nothing is kept.
func (v *Vars) setSelfRef(name string, hidden *Var) (before *Var, kept bool) {
	key := selfKey(name)
	if !isSelfVar(name, hidden) {
		before, kept = v.m[key], true
		v.put(key, hidden)
	}
	x := &Var{NameRef: true, Value: name}
	if old := v.m[name]; old != nil {
		x.Exported = old.Exported
	}
	v.put(name, x)
	v.selfRefs++
	return before, kept
}

// isSelfVar reports whether x, the variable name, is a reference to its
// own name.
func isSelfVar(name string, x *Var) bool {
	return x != nil && x.NameRef && !x.NoValue && x.Value == name
}

// isSelfRef reports whether name is a reference to its own name.
func (v *Vars) isSelfRef(name string) bool { return isSelfVar(name, v.m[name]) }

// restoreSelfRefs is the first step of a function's return when it made
// references to their own names (setSelfRef): the variables they hid,
// which may have been assigned through them since, are what the return
// puts back under their names.
func (v *Vars) restoreSelfRefs(saved []savedVar) {
	for _, s := range saved {
		if s.name == "" || s.name[0] != selfKeyMark {
			continue
		}
		name := s.name[1:]
		for i := range saved {
			if saved[i].name == name {
				saved[i].v = v.m[s.name]
				break
			}
		}
	}
}

// selfRefWarning is bash's warning when a function's local reference to
// its own name is declared (setSelfRef): the declaration still succeeds.
type selfRefWarning struct{ name string }

func (e *selfRefWarning) Error() string { return "warning: " + e.name + ": circular name reference" }

// Warning tells the declaration builtins that the name was declared.
func (e *selfRefWarning) Warning() bool { return true }

type circularRefError struct{ name string }

func (e *circularRefError) Error() string { return "warning: " + e.name + ": circular name reference" }

type badRefError struct{ target string }

func (e *badRefError) Error() string {
	if e.target == "" {
		return "`': not a valid identifier" // bash's words for no name at all
	}
	return "`" + e.target + "': invalid variable name for name reference"
}

type selfRefError struct{ name string }

func (e *selfRefError) Error() string {
	return e.name + ": nameref variable self references not allowed"
}

type refArrayError struct{ name string }

func (e *refArrayError) Error() string { return e.name + ": reference variable cannot be an array" }
