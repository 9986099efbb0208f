package inputrc

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gosh/jobs/lazy"
)

// functionNames are the readline functions gosh's editor can perform,
// sorted, as bind -l lists them.
const functionNames = `abort accept-line backward-char backward-delete-char
backward-kill-line backward-kill-word backward-word beginning-of-history
beginning-of-line capitalize-word clear-screen complete delete-char
downcase-word end-of-history end-of-line forward-char forward-search-history
forward-word history-search-backward history-search-forward insert-comment
kill-line kill-whole-line kill-word menu-complete next-history
possible-completions previous-history quoted-insert reverse-search-history
self-insert transpose-chars unix-line-discard unix-word-rubout upcase-word
yank`

// Functions are the names of the functions gosh can bind, sorted.
func Functions() []string { return strings.Fields(functionNames) }

// IsFunction reports whether name is a function gosh can bind.
func IsFunction(name string) bool {
	_, found := slices.BinarySearch(Functions(), name)
	return found
}

// defaultKeys are the keys of gosh's editor in the emacs key map, as
// lines of an init file: what a key does when no binding changed it.
const defaultKeys = `"\C-a": beginning-of-line
"\C-b": backward-char
"\C-d": delete-char
"\C-e": end-of-line
"\C-f": forward-char
"\C-g": abort
"\C-h": backward-delete-char
"\C-i": complete
"\C-j": accept-line
"\C-k": kill-line
"\C-l": clear-screen
"\C-m": accept-line
"\C-n": next-history
"\C-p": previous-history
"\C-r": reverse-search-history
"\C-s": forward-search-history
"\C-t": transpose-chars
"\C-u": unix-line-discard
"\C-w": unix-word-rubout
"\C-y": yank
"\C-?": backward-delete-char
"\eb": backward-word
"\ed": kill-word
"\ef": forward-word
"\e\C-?": backward-kill-word
"\e[A": previous-history
"\e[B": next-history
"\e[C": forward-char
"\e[D": backward-char
"\e[H": beginning-of-line
"\e[F": end-of-line
"\e[3~": delete-char
"\eOA": previous-history
"\eOB": next-history
"\eOC": forward-char
"\eOD": backward-char
"\eOH": beginning-of-line
"\eOF": end-of-line`

// defaults maps a key sequence to the function gosh's editor gives it:
// the lines above, and self-insert for the printable ASCII characters.
var defaults = lazy.Value[map[string]string]{Build: func() map[string]string {
	m := map[string]string{}
	for _, s := range strings.Split(defaultKeys, "\n") {
		l, err := ParseLine(s)
		if err != nil {
			panic("inputrc: bad default key: " + s)
		}
		m[l.Keys] = l.Func
	}
	for c := byte(' '); c < del; c++ {
		m[string([]byte{c})] = "self-insert"
	}
	return m
}}

// Default is the function gosh's editor gives keys, "" if none.
func Default(keys string) string { return defaults.Get()[keys] }

// Binding is what a key sequence does.
type Binding struct {
	Keys    string
	Func    string // a function; "" with no Macro and no Command: the key does nothing
	Macro   string // the text the key types
	Command string // the shell command the key runs (bind -x)
	IsMacro bool
	IsCmd   bool
}

// Keymap is the state bind changes: the bindings that differ from the
// editor's own keys, and the readline variables that were set. It is safe
// for use by several goroutines.
type Keymap struct {
	mu    sync.Mutex
	binds map[string]Binding
	vars  map[string]string
	gen   int
	state *State // the last State made, while gen has not changed
	stgen int
}

// State is what a Keymap holds, in exported fields, for a subshell: a
// child gosh receives it encoded (bind -p | grep lists the bindings).
// A State is never changed once made.
type State struct {
	Binds map[string]Binding
	Vars  map[string]string
}

// State is the keymap's state; nil for one that nothing changed.
func (k *Keymap) State() *State {
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.binds) == 0 && len(k.vars) == 0 {
		return nil
	}
	if k.state == nil || k.stgen != k.gen {
		st := &State{Binds: make(map[string]Binding, len(k.binds)), Vars: make(map[string]string, len(k.vars))}
		for key, b := range k.binds {
			st.Binds[key] = b
		}
		for name, v := range k.vars {
			st.Vars[name] = v
		}
		k.state, k.stgen = st, k.gen
	}
	return k.state
}

// FromState is a Keymap with the bindings and variables of st.
func FromState(st *State) *Keymap {
	k := &Keymap{binds: map[string]Binding{}, vars: map[string]string{}}
	if st != nil {
		for key, b := range st.Binds {
			k.binds[key] = b
		}
		for name, v := range st.Vars {
			k.vars[name] = v
		}
	}
	return k
}

// Gen counts the changes to the bindings, so that the editor knows when
// to take them again.
func (k *Keymap) Gen() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.gen
}

func (k *Keymap) set(b Binding) {
	if k.binds == nil {
		k.binds = map[string]Binding{}
	}
	k.binds[b.Keys] = b
	k.gen++
}

// keymapName reports the key map that set keymap chose (emacs by default).
func (k *Keymap) keymapName() string {
	if v, ok := k.vars["keymap"]; ok {
		return v
	}
	return "emacs"
}

// checkMap refuses a binding when set keymap chose a vi key map.
func (k *Keymap) checkMap() error {
	if m := k.keymapName(); strings.HasPrefix(m, "vi") {
		return fmt.Errorf("keymap %s: gosh binds keys in the emacs key map only", m)
	}
	return nil
}

// Bind binds a key sequence to a function, a macro or a command.
func (k *Keymap) Bind(b Binding) error {
	if !b.IsMacro && !b.IsCmd && !IsFunction(b.Func) {
		return fmt.Errorf("%s: unknown function name, or one gosh's line editor cannot perform (bind -l lists those it can)", b.Func)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.checkMap(); err != nil {
		return err
	}
	if !b.IsMacro && !b.IsCmd && Default(b.Keys) == b.Func {
		if _, ok := k.binds[b.Keys]; ok {
			delete(k.binds, b.Keys)
			k.gen++
		}
		return nil
	}
	k.set(b)
	return nil
}

// Unbind makes keys do nothing (bind -r).
func (k *Keymap) Unbind(keys string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if Default(keys) == "" {
		if _, ok := k.binds[keys]; ok {
			delete(k.binds, keys)
			k.gen++
		}
		return
	}
	k.set(Binding{Keys: keys})
}

// UnbindFunc makes every key bound to the function name do nothing
// (bind -u).
func (k *Keymap) UnbindFunc(name string) {
	for _, b := range k.Bindings() {
		if !b.IsMacro && !b.IsCmd && b.Func == name {
			k.Unbind(b.Keys)
		}
	}
}

// Bindings are the bindings in effect, the editor's own keys with the
// changes, sorted by key sequence.
func (k *Keymap) Bindings() []Binding {
	k.mu.Lock()
	defer k.mu.Unlock()
	var out []Binding
	for keys, f := range defaults.Get() {
		if _, changed := k.binds[keys]; !changed {
			out = append(out, Binding{Keys: keys, Func: f})
		}
	}
	for _, b := range k.binds {
		if b.Func != "" || b.IsMacro || b.IsCmd {
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Keys < out[j].Keys })
	return out
}

// Changes are the bindings that differ from the editor's own keys (a key
// unbound has no Func, Macro or Command).
func (k *Keymap) Changes() map[string]Binding {
	k.mu.Lock()
	defer k.mu.Unlock()
	out := make(map[string]Binding, len(k.binds))
	for keys, b := range k.binds {
		out[keys] = b
	}
	return out
}

// Lookup is the binding in effect for keys.
func (k *Keymap) Lookup(keys string) (Binding, bool) {
	k.mu.Lock()
	b, ok := k.binds[keys]
	k.mu.Unlock()
	if ok {
		return b, b.Func != "" || b.IsMacro || b.IsCmd
	}
	if f := Default(keys); f != "" {
		return Binding{Keys: keys, Func: f}, true
	}
	return Binding{}, false
}

// ---- variables ----

// How gosh treats a readline variable.
const (
	honoured = 'h' // the editor follows it
	shown    = 's' // it only tunes the display: kept and shown, no effect
	fixed    = 'f' // the editor always behaves as its value says
)

// variable is one readline variable: its name, its value in gosh when
// not set (bash's default, or gosh's fixed behaviour), whether it is a
// boolean, and how gosh treats it.
type variable struct {
	name, value string
	boolean     bool
	treat       byte
}

// variableTable lists the readline variables bash 5.2 shows with bind -v,
// in its order (the booleans, then the others): name, value, treatment.
const variableTable = `bind-tty-special-chars on f
blink-matching-paren off f
byte-oriented off f
colored-completion-prefix off s
colored-stats off s
completion-ignore-case off h
completion-map-case off f
convert-meta off f
disable-completion off f
echo-control-characters on s
enable-active-region on s
enable-bracketed-paste on h
enable-keypad off s
enable-meta-key on s
expand-tilde off f
history-preserve-point off f
horizontal-scroll-mode off s
input-meta on f
mark-directories on h
mark-modified-lines off f
mark-symlinked-directories off h
match-hidden-files off f
menu-complete-display-prefix off s
meta-flag on f
output-meta on f
page-completions on s
prefer-visible-bell on s
print-completions-horizontally off s
revert-all-at-newline off f
show-all-if-ambiguous off h
show-all-if-unmodified off f
show-mode-in-prompt off f
skip-completed-text off f
visible-stats off s
bell-style audible h
comment-begin # h
completion-display-width -1 s
completion-prefix-display-length 0 s
completion-query-items 100 s
editing-mode emacs h
emacs-mode-string @ s
keymap emacs h
keyseq-timeout 500 s
vi-cmd-mode-string (cmd) s
vi-ins-mode-string (ins) s`

var variables = lazy.Value[[]variable]{Build: func() []variable {
	var out []variable
	for _, line := range strings.Split(variableTable, "\n") {
		f := strings.Fields(line)
		out = append(out, variable{name: f[0], value: f[1], treat: f[2][0],
			boolean: f[1] == "on" || f[1] == "off"})
	}
	return out
}}

func lookupVar(name string) (variable, bool) {
	for _, v := range variables.Get() {
		if v.name == name {
			return v, true
		}
	}
	return variable{}, false
}

// Variables are the readline variables gosh knows, in bind -v's order,
// each with its value (overrides gives the values the shell keeps
// elsewhere: editing-mode, enable-bracketed-paste).
func (k *Keymap) Variables(overrides map[string]string) [][2]string {
	k.mu.Lock()
	defer k.mu.Unlock()
	var out [][2]string
	for _, v := range variables.Get() {
		value := v.value
		if s, ok := k.vars[v.name]; ok {
			value = s
		}
		if s, ok := overrides[v.name]; ok {
			value = s
		}
		out = append(out, [2]string{v.name, value})
	}
	return out
}

// Var is the value of a readline variable.
func (k *Keymap) Var(name string) string {
	k.mu.Lock()
	defer k.mu.Unlock()
	if s, ok := k.vars[name]; ok {
		return s
	}
	v, _ := lookupVar(name)
	return v.value
}

// On reports whether a boolean variable is on.
func (k *Keymap) On(name string) bool { return k.Var(name) == "on" }

// ErrUnknownVar is the error of SetVar for a name readline does not have;
// bash only warns of it ("readline: NAME: unknown variable name").
type ErrUnknownVar struct{ Name string }

func (e ErrUnknownVar) Error() string { return e.Name + ": unknown variable name" }

// ErrBadValue is the error of SetVar for a value the variable cannot
// take; bash only warns of it too.
type ErrBadValue struct{ Name, Value string }

func (e ErrBadValue) Error() string {
	return fmt.Sprintf("%s: could not set value to `%s'", e.Name, e.Value)
}

// SetVar sets a variable as readline reads its value: a boolean is on for
// "on" (in any case), "1" or nothing, off for anything else. The
// variables the shell keeps elsewhere (editing-mode,
// enable-bracketed-paste) are the caller's.
func (k *Keymap) SetVar(name, value string) error {
	v, ok := lookupVar(name)
	if !ok {
		return ErrUnknownVar{name}
	}
	if v.boolean {
		value = boolValue(value)
	}
	switch {
	case v.treat == fixed && value != v.value:
		return fmt.Errorf("%s: gosh's line editor cannot set it to %s (it is always %s)", name, value, v.value)
	case name == "bell-style":
		switch strings.ToLower(value) {
		case "none", "off":
			value = "none"
		case "audible", "on":
			value = "audible"
		case "visible":
			value = "visible"
		default:
			return ErrBadValue{name, value}
		}
	case name == "keymap":
		switch value {
		case "emacs", "emacs-standard", "emacs-meta", "emacs-ctlx", "vi", "vi-move", "vi-command", "vi-insert":
		default:
			return ErrBadValue{name, value}
		}
	case v.value != "" && (v.value[0] == '-' || v.value[0] >= '0' && v.value[0] <= '9'):
		// A number: its leading digits, as atoi reads it.
		n, _ := strconv.Atoi(value[:len(value)-len(strings.TrimLeft(value, "-0123456789"))])
		value = strconv.Itoa(n)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.vars == nil {
		k.vars = map[string]string{}
	}
	k.vars[name] = value
	k.gen++
	return nil
}

// IsBoolean reports whether a variable is a boolean.
func IsBoolean(name string) bool {
	v, _ := lookupVar(name)
	return v.boolean
}

// boolValue reads a boolean value as readline does.
func boolValue(s string) string {
	if s == "" || strings.EqualFold(s, "on") || s == "1" {
		return "on"
	}
	return "off"
}

// BoolValue is exported for the variables the shell keeps itself.
func BoolValue(s string) string { return boolValue(s) }
