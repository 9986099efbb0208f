package shell

import (
	"fmt"
	"sort"
)

// option ties a set -o name to its $- letter and its field in Options.
type option struct {
	name   string
	letter byte // 0 when there is no single-letter form
	field  func(*Options) *bool
}

var options = []option{
	{"errexit", 'e', func(o *Options) *bool { return &o.Errexit }},
	{"nounset", 'u', func(o *Options) *bool { return &o.Nounset }},
	{"xtrace", 'x', func(o *Options) *bool { return &o.Xtrace }},
	{"notify", 'b', func(o *Options) *bool { return &o.Notify }},
	{"monitor", 'm', func(o *Options) *bool { return &o.Monitor }},
	{"noclobber", 'C', func(o *Options) *bool { return &o.Noclobber }},
	{"noglob", 'f', func(o *Options) *bool { return &o.Noglob }},
	{"trace", 0, func(o *Options) *bool { return &o.Trace }},
}

func findOption(name string) (option, bool) {
	for _, o := range options {
		if o.name == name || (len(name) == 1 && o.letter == name[0]) {
			return o, true
		}
	}
	return option{}, false
}

// Option reports an option by its set -o name or its letter.
func (sh *Shell) Option(name string) (bool, bool) {
	if name == "interactive" || name == "i" {
		return sh.Opts.Interactive, true
	}
	o, ok := findOption(name)
	if !ok {
		return false, false
	}
	return *o.field(&sh.Opts), true
}

// SetOption turns an option on or off, and tells the parts of the shell
// that act on it.
func (sh *Shell) SetOption(name string, on bool) error {
	o, ok := findOption(name)
	if !ok {
		return fmt.Errorf("%s: invalid option name", name)
	}
	*o.field(&sh.Opts) = on
	switch o.name {
	case "monitor":
		if !sh.subshell {
			sh.Jobs.SetJobControl(on)
		}
	case "notify":
		sh.Jobs.SetNotifyAtOnce(on)
	case "trace":
		sh.applyTrace()
	}
	return nil
}

// applyTrace points the job table's tracer at stderr, or turns it off.
func (sh *Shell) applyTrace() {
	if sh.Opts.Trace {
		sh.Jobs.Trace().SetOutput(fdWriter(2), colorAllowed(sh))
	} else {
		sh.Jobs.Trace().SetOutput(nil, false)
	}
}

// colorAllowed follows the NO_COLOR convention and TERM=dumb.
func colorAllowed(sh *Shell) bool {
	if _, ok := sh.Vars.Get("NO_COLOR"); ok {
		return false
	}
	if term, _ := sh.Vars.Get("TERM"); term == "dumb" || term == "" {
		return false
	}
	return isTerminal(2)
}

// FlagString is $-: the letters of the options that are on.
func (sh *Shell) FlagString() string {
	var b []byte
	for _, o := range options {
		if o.letter != 0 && *o.field(&sh.Opts) {
			b = append(b, o.letter)
		}
	}
	// h: commands are hashed (path.go) as in bash; i, c and s say how the
	// shell reads its commands.
	b = append(b, 'h')
	if sh.Opts.Interactive {
		b = append(b, 'i')
	}
	switch sh.source {
	case sourceCommand:
		b = append(b, 'c')
	case sourceStdin:
		b = append(b, 's')
	}
	return string(b)
}

// OptionNames lists the set -o names, sorted.
func (sh *Shell) OptionNames() []string {
	names := make([]string, 0, len(options))
	for _, o := range options {
		names = append(names, o.name)
	}
	sort.Strings(names)
	return names
}
