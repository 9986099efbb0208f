package shell

import (
	"sort"
	"strings"
)

// Var is one shell variable.
type Var struct {
	Value    string
	Exported bool
	ReadOnly bool
	// NoValue marks a name that was exported but never assigned ("export
	// N"): it is listed by export -p but is unset and not in the environment.
	NoValue bool
}

// Vars is the shell's variable table. The environment a child receives is
// derived from it: every exported variable, as NAME=value.
type Vars struct {
	m map[string]*Var
	// AllExport is set -a: Set exports what it assigns.
	AllExport bool
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
	return v
}

// clone copies the table, for a subshell whose changes must not leak.
func (v *Vars) clone() *Vars {
	c := &Vars{m: make(map[string]*Var, len(v.m))}
	for k, x := range v.m {
		cp := *x
		c.m[k] = &cp
	}
	return c
}

// Get returns a variable's value and whether it is set.
func (v *Vars) Get(name string) (string, bool) {
	x, ok := v.m[name]
	if !ok || x.NoValue {
		return "", false
	}
	return x.Value, true
}

// Lookup returns the variable itself, or nil.
func (v *Vars) Lookup(name string) *Var { return v.m[name] }

// Set assigns a value, keeping the export flag. It fails for a read-only variable.
func (v *Vars) Set(name, value string) error {
	if x, ok := v.m[name]; ok {
		if x.ReadOnly {
			return &readOnlyError{name}
		}
		x.Value = value
		x.NoValue = false
		x.Exported = x.Exported || v.AllExport
		return nil
	}
	v.m[name] = &Var{Value: value, Exported: v.AllExport}
	return nil
}

// Export marks a variable for the environment of children, creating it
// (unset-but-exported is modelled as empty) when it does not exist.
func (v *Vars) Export(name string) {
	if x, ok := v.m[name]; ok {
		x.Exported = true
		return
	}
	v.m[name] = &Var{Exported: true, NoValue: true}
}

// SetReadOnly marks a variable read-only, creating it unset ("readonly N")
// when it does not exist. The mark cannot be taken back.
func (v *Vars) SetReadOnly(name string) {
	if x, ok := v.m[name]; ok {
		x.ReadOnly = true
		return
	}
	v.m[name] = &Var{ReadOnly: true, NoValue: true}
}

// put puts back a variable saved with Lookup (a copy), or removes it when
// v is nil: it undoes a temporary assignment, read-only or not.
func (v *Vars) put(name string, x *Var) {
	if x == nil {
		delete(v.m, name)
		return
	}
	v.m[name] = x
}

// Unset removes a variable.
func (v *Vars) Unset(name string) error {
	if x, ok := v.m[name]; ok && x.ReadOnly {
		return &readOnlyError{name}
	}
	delete(v.m, name)
	return nil
}

// Names lists the variable names in sorted order.
func (v *Vars) Names() []string {
	names := make([]string, 0, len(v.m))
	for k := range v.m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// Environ builds the environment for a child: exported variables, plus the
// per-command assignments in extra (NAME=value), which win.
func (v *Vars) Environ(extra []string) []string {
	env := make([]string, 0, len(v.m)+len(extra))
	for k, x := range v.m {
		if x.Exported && !x.NoValue && !overridden(extra, k) {
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
