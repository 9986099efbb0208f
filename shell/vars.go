package shell

import (
	"sort"
	"strings"
)

// Var is one shell variable: a string, or with Array or Assoc set an
// indexed or associative array whose elements are in Elems (Value is then
// unused). The struct is plain data, exported fields only, so that it can
// be copied and serialised.
type Var struct {
	Value    string
	Exported bool
	ReadOnly bool
	// NoValue marks a name that was exported but never assigned ("export
	// N"): it is listed by export -p but is unset and not in the environment.
	NoValue bool
	Array   bool   // an indexed array: Elems sorted by Index
	Assoc   bool   // an associative array: Elems in the order keys were added (listed in bash's order: bashOrder)
	Elems   []Elem // the elements of an array
	// Integer is declare -i: a value assigned is evaluated as an
	// arithmetic expression first (declare.go).
	Integer bool
	// NameRef is declare -n: Value is the name of the variable this one
	// refers to (vars_nameref.go); with NoValue it refers to none yet.
	NameRef bool
	// Case is declare -l ('l') or -u ('u'): every value assigned from
	// then on is put in lower or upper case (conv); 0 for neither.
	Case byte
	// Trace is declare -t: an attribute that bash shows and keeps, and
	// gives no meaning to for a variable.
	Trace bool
}

// conv is value as the variable keeps it: in lower or upper case under
// declare -l or -u.
func (x *Var) conv(value string) string {
	switch x.Case {
	case 'l':
		return strings.ToLower(value)
	case 'u':
		return strings.ToUpper(value)
	}
	return value
}

// Elem is one element of an array: Index for an indexed array, Key for an
// associative one.
type Elem struct {
	Index int64
	Key   string
	Value string
}

// Vars is the shell's variable table. The environment a child receives is
// derived from it: every exported variable, as NAME=value.
type Vars struct {
	m map[string]*Var
	// AllExport is set -a: Set exports what it assigns.
	AllExport bool
	// gen counts the changes to which *Var a name maps (a name added,
	// removed or given another Var), but those of the call stack's
	// arrays; a value assigned in place does not count. A *Var found
	// under a name stays that name's while gen is the same, which the
	// executor's caches rely on (hotpath.go). FUNCNAME, BASH_SOURCE and
	// BASH_LINENO, which a function call replaces and puts back at every
	// call (bashvars.go), are never cached, so that calls keep the caches
	// valid.
	gen uint64
	// selfRefs counts the references to their own names made in this
	// table (setSelfRef): while it is 0, neither an assignment nor a
	// function's return need look for one.
	selfRefs int
	// badCompat are the values out of range assigned to BASH_COMPAT since
	// the shell last reported them (reportCompat), in order.
	badCompat []string
	// posixTouched: POSIXLY_CORRECT was set or unset since the shell
	// last matched set -o posix to it (Shell.settlePosix).
	posixTouched bool
}

// uncachedVar reports whether name is one of the variables whose changes
// gen does not count.
func uncachedVar(name string) bool {
	switch name {
	case "FUNCNAME", "BASH_SOURCE", "BASH_LINENO":
		return true
	}
	return false
}

// changed records a change of which Var name maps to.
func (v *Vars) changed(name string) {
	if !uncachedVar(name) {
		v.gen++
	}
	if name == "POSIXLY_CORRECT" {
		v.posixTouched = true
	}
}

// newVarsFromEnv imports the process environment: every variable is exported.
func newVarsFromEnv(env []string) *Vars {
	v := &Vars{m: make(map[string]*Var, len(env)+16)}
	for _, kv := range env {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || name == "" {
			continue
		}
		v.m[name] = &Var{Value: value, Exported: true}
	}
	// POSIXLY_CORRECT in the environment turns POSIX mode on, as in bash.
	_, v.posixTouched = v.m["POSIXLY_CORRECT"]
	return v
}

// clone copies the table, for a subshell whose changes must not leak.
func (v *Vars) clone() *Vars {
	c := &Vars{m: make(map[string]*Var, len(v.m))}
	for k, x := range v.m {
		c.m[k] = x.copy()
	}
	return c
}

// copy returns a deep copy of the variable.
func (x *Var) copy() *Var {
	cp := *x
	cp.Elems = append([]Elem(nil), x.Elems...)
	return &cp
}

// Get returns a variable's value and whether it is set. The value of an
// array is its element 0 (bash: $a is ${a[0]}).
func (v *Vars) Get(name string) (string, bool) {
	x := v.m[name]
	if x != nil && x.NameRef && !x.NoValue {
		if x.Value == name {
			return v.m[selfKey(name)].get() // setSelfRef
		}
		t, ok := v.resolve(name)
		if !ok {
			return "", false
		}
		if strings.IndexByte(t, '[') >= 0 {
			return v.getElemTarget(t)
		}
		x = v.m[t]
	}
	return x.get()
}

// get is Get of the variable x, nil when it does not exist.
func (x *Var) get() (string, bool) {
	if x == nil || x.NoValue {
		return "", false
	}
	if x.Array || x.Assoc {
		return x.elem("0", 0)
	}
	return x.Value, true
}

// Lookup returns the variable name leads to (following name references),
// or nil.
func (v *Vars) Lookup(name string) *Var { return v.find(name) }

// Set assigns a value, keeping the export flag. It fails for a read-only variable.
func (v *Vars) Set(name, value string) error {
	name, err := v.target(name)
	if err != nil {
		return err
	}
	if strings.IndexByte(name, '[') >= 0 {
		return v.setElemTarget(name, value)
	}
	if x, ok := v.m[name]; ok {
		return v.setIn(name, x, value)
	}
	v.m[name] = &Var{Value: value, Exported: v.AllExport}
	v.changed(name)
	v.checkCompat(name, value)
	return nil
}

// setIn is Set of the existing variable x, the one named name.
func (v *Vars) setIn(name string, x *Var, value string) error {
	if x.ReadOnly {
		name, _ = v.resolve(name) // a reference's message names its target
		return &readOnlyError{name}
	}
	if x.Array || x.Assoc {
		// a=v on an array sets its element 0.
		x.setElem("0", 0, value)
		return nil
	}
	if !x.NameRef {
		value = x.conv(value)
	}
	if x.NameRef {
		// declare -n r; r=name: the reference gets its target.
		if err := checkRefTarget(name, value); err != nil {
			return &invalidNameError{value}
		}
	}
	x.Value = value
	x.NoValue = false
	x.Exported = x.Exported || v.AllExport
	v.checkCompat(name, value)
	return nil
}

// checkCompat notes a value of BASH_COMPAT that is no level bash knows,
// which bash reports at every assignment, however it is made (the
// shell reports it after the command: reportCompat).
func (v *Vars) checkCompat(name, value string) {
	if name != "BASH_COMPAT" || value == "" {
		return
	}
	if n := len(v.badCompat); n > 0 && v.badCompat[n-1] == value {
		return // "BASH_COMPAT=30 x=1" assigns it as it expands, then again
	}
	if _, ok := parseCompat(value); !ok {
		v.badCompat = append(v.badCompat, value)
	}
}

// Export marks a variable for the environment of children, creating it
// (unset-but-exported is modelled as empty) when it does not exist.
func (v *Vars) Export(name string) {
	name, err := v.target(name)
	if err != nil || strings.IndexByte(name, '[') >= 0 {
		return
	}
	if x, ok := v.m[name]; ok {
		x.Exported = true
		return
	}
	v.m[name] = &Var{Exported: true, NoValue: true}
	v.changed(name)
}

// SetReadOnly marks a variable read-only, creating it unset ("readonly N")
// when it does not exist. The mark cannot be taken back.
func (v *Vars) SetReadOnly(name string) {
	name, err := v.target(name)
	if err != nil || strings.IndexByte(name, '[') >= 0 {
		return
	}
	if x, ok := v.m[name]; ok {
		x.ReadOnly = true
		return
	}
	v.m[name] = &Var{ReadOnly: true, NoValue: true, Exported: v.AllExport} // set -a: as bash
	v.changed(name)
}

// put puts back a variable saved with Lookup (a copy), or removes it when
// v is nil: it undoes a temporary assignment, read-only or not.
func (v *Vars) put(name string, x *Var) {
	v.changed(name)
	if x == nil {
		delete(v.m, name)
		return
	}
	v.m[name] = x
}

// Unset removes a variable; for a name reference, the variable it refers
// to (a circular reference itself, as bash).
func (v *Vars) Unset(name string) error {
	if v.isSelfRef(name) {
		return v.UnsetRef(name) // as a circular one: the reference itself
	}
	if t, err := v.target(name); err == nil {
		if strings.IndexByte(t, '[') >= 0 {
			base, key, index, ok := v.elemTarget(t)
			if !ok {
				return nil
			}
			return v.UnsetElem(base, key, index)
		}
		name = t
	}
	if x, ok := v.m[name]; ok && x.ReadOnly {
		return &readOnlyError{name}
	}
	delete(v.m, name)
	v.changed(name)
	return nil
}

// Names lists the variable names in sorted order.
func (v *Vars) Names() []string {
	names := make([]string, 0, len(v.m))
	for k := range v.m {
		if k == "" || k[0] != selfKeyMark {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	return names
}

// Environ builds the environment for a child: exported variables (arrays
// are never exported, as in bash), plus the
// per-command assignments in extra (NAME=value), which win.
func (v *Vars) Environ(extra []string) []string {
	env := make([]string, 0, len(v.m)+len(extra))
	for k, x := range v.m {
		if k != "" && k[0] == selfKeyMark {
			k = k[1:] // what a reference to its own name hides (setSelfRef)
		} else if x.NameRef && x.Value == k {
			continue
		}
		if x.Exported && !x.NoValue && !x.Array && !x.Assoc && !overridden(extra, k) {
			env = append(env, k+"="+x.Value)
		}
	}
	return append(env, extra...)
}

func overridden(extra []string, name string) bool {
	for _, kv := range extra {
		if len(kv) > len(name) && kv[len(name)] == '=' && kv[:len(name)] == name {
			return true
		}
	}
	return false
}

type readOnlyError struct{ name string }

func (e *readOnlyError) Error() string { return e.name + ": readonly variable" }
