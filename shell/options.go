package shell

import (
	"fmt"
	"slices"
	"sort"

	"gosh/jobs"
)

// option ties an option's name to its $- letter and its state in Options.
// Most options are a plain field (field); the few whose default depends on
// whether the shell is interactive (histexpand, expand_aliases) read and
// write through get and set instead.
type option struct {
	name   string
	letter byte // 0 when there is no single-letter form
	field  func(*Options) *bool
	get    func(*Options) bool
	set    func(*Options, bool)
	// shopt marks the options of the shopt builtin, which set -o does not list.
	shopt bool
	// fixed, when not empty, says why gosh cannot change the option from
	// the one state it has (get): SetOption refuses with it.
	fixed string
}

func (o option) value(opts *Options) bool {
	if o.get != nil {
		return o.get(opts)
	}
	return *o.field(opts)
}

func (o option) assign(opts *Options, on bool) {
	if o.set != nil {
		o.set(opts, on)
		return
	}
	*o.field(opts) = on
}

// options yields the set -o options and the shopt ones (baseOptions),
// then bash's other shopt options (shoptOptions, shopt.go). Ranging over
// the two tables, which the compiler lays out as data, spares every start
// of gosh making one slice of both.
func options(yield func(option) bool) {
	for _, o := range baseOptions {
		if !yield(o) {
			return
		}
	}
	for _, o := range shoptOptions {
		if !yield(o) {
			return
		}
	}
}

var baseOptions = []option{
	{name: "allexport", letter: 'a', field: func(o *Options) *bool { return &o.Allexport }},
	{name: "errexit", letter: 'e', field: func(o *Options) *bool { return &o.Errexit }},
	{name: "nounset", letter: 'u', field: func(o *Options) *bool { return &o.Nounset }},
	{name: "xtrace", letter: 'x', field: func(o *Options) *bool { return &o.Xtrace }},
	{name: "notify", letter: 'b', field: func(o *Options) *bool { return &o.Notify }},
	{name: "monitor", letter: 'm', field: func(o *Options) *bool { return &o.Monitor }},
	{name: "noclobber", letter: 'C', field: func(o *Options) *bool { return &o.Noclobber }},
	{name: "noglob", letter: 'f', field: func(o *Options) *bool { return &o.Noglob }},
	{name: "histexpand", letter: 'H',
		// On by default in an interactive shell, off in a script.
		get: func(o *Options) bool { return o.Interactive && !o.HistexpandOff || o.HistexpandOn },
		set: func(o *Options, on bool) { o.HistexpandOn, o.HistexpandOff = on, !on }},
	{name: "hashall", letter: 'h',
		get: func(o *Options) bool { return !o.NoHashall },
		set: func(o *Options, on bool) { o.NoHashall = !on }},
	{name: "errtrace", letter: 'E', field: func(o *Options) *bool { return &o.Errtrace }},
	{name: "functrace", letter: 'T', field: func(o *Options) *bool { return &o.Functrace }},
	{name: "physical", letter: 'P', field: func(o *Options) *bool { return &o.Physical }},
	{name: "nolog", field: func(o *Options) *bool { return &o.Nolog }},
	{name: "keyword", letter: 'k', field: func(o *Options) *bool { return &o.Keyword }},
	{name: "onecmd", letter: 't', field: func(o *Options) *bool { return &o.Onecmd }},
	// interactive-comments is shopt's interactive_comments by its set -o name.
	{name: "interactive-comments",
		get: func(o *Options) bool { return !o.Shopt.NoInteractiveComments },
		set: func(o *Options, on bool) { o.Shopt.NoInteractiveComments = !on }},
	{name: "pipefail", field: func(o *Options) *bool { return &o.Pipefail }},
	{name: "braceexpand", letter: 'B',
		get: func(o *Options) bool { return !o.NoBraceexpand },
		set: func(o *Options, on bool) { o.NoBraceexpand = !on }},
	{name: "privileged", letter: 'p', get: func(o *Options) bool { return o.Privileged }, set: setPrivileged},
	{name: "trace", field: func(o *Options) *bool { return &o.Trace }},
	{name: "verbose", letter: 'v', field: func(o *Options) *bool { return &o.Verbose }},
	{name: "noexec", letter: 'n', field: func(o *Options) *bool { return &o.Noexec }},
	{name: "history",
		// On by default in an interactive shell, off in a script.
		get: func(o *Options) bool { return o.Interactive && !o.HistoryOff || o.HistoryOn },
		set: func(o *Options, on bool) { o.HistoryOn, o.HistoryOff = on, !on }},
	{name: "vi", get: func(o *Options) bool { return o.Vi },
		set: func(o *Options, on bool) {
			o.Vi = on
			if on {
				o.EmacsOn, o.EmacsOff = false, true
			}
		}},
	{name: "emacs",
		// emacs and vi are the two key maps of the line editor: emacs is on
		// by default at a prompt, both are off in a script. Turning one on
		// turns the other off; at a prompt SetOption refuses to turn the one
		// in use off (bash would stop editing lines).
		get: func(o *Options) bool { return !o.Vi && (o.Interactive && !o.EmacsOff || o.EmacsOn) },
		set: func(o *Options, on bool) {
			o.EmacsOn, o.EmacsOff = on, !on
			if on {
				o.Vi = false
			}
		}},
	// ignoreeof is whether $IGNOREEOF is set (SetOption sets it).
	{name: "ignoreeof", get: func(*Options) bool { return false }, set: func(*Options, bool) {}},
	// lang: set -o lang=en|ko chooses the language of the teaching texts;
	// set +o lang gives the choice back to the locale (lang.go). It is "on"
	// while a language is set.
	{name: "lang", get: func(o *Options) bool { return o.Lang != "" }, set: func(*Options, bool) {}},
	// posix: bash's POSIX mode (posix.go); SetOption keeps
	// $POSIXLY_CORRECT with it.
	{name: "posix", field: func(o *Options) *bool { return &o.Posix }},

	{name: "dotglob", shopt: true, field: func(o *Options) *bool { return &o.Dotglob }},
	{name: "globstar", shopt: true, field: func(o *Options) *bool { return &o.Globstar }},
	{name: "nocaseglob", shopt: true, field: func(o *Options) *bool { return &o.Nocaseglob }},
	{name: "expand_aliases", shopt: true,
		// On by default in an interactive shell, off in a script, as bash.
		get: func(o *Options) bool { return o.Interactive && !o.ExpandAliasesOff || o.ExpandAliasesOn },
		set: func(o *Options, on bool) { o.ExpandAliasesOn, o.ExpandAliasesOff = on, !on }},
	{name: "failglob", shopt: true, field: func(o *Options) *bool { return &o.Failglob }},
	{name: "nullglob", shopt: true, field: func(o *Options) *bool { return &o.Nullglob }},
	// On by default, unlike bash (where Debian's skeleton .bashrc turns
	// it on): off, exit rewrites the history file with this shell's
	// list, which loses what other shells appended meanwhile.
	{name: "histappend", shopt: true,
		get: func(o *Options) bool { return !o.NoHistappend },
		set: func(o *Options, on bool) { o.NoHistappend = !on }},
	{name: "checkwinsize", shopt: true,
		get: func(o *Options) bool { return !o.NoCheckwinsize },
		set: func(o *Options, on bool) { o.NoCheckwinsize = !on }},
}

func findOption(name string) (option, bool) {
	for o := range options {
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
	if o.name == "ignoreeof" {
		_, set := sh.Vars.Get("IGNOREEOF")
		return set, true
	}
	if l := compatOptionLevel(o.name); l != 0 {
		return sh.compatLevel() == l, true
	}
	return o.value(sh.reportedOpts()), true
}

// ShownModes are the modes a child gosh reports of the interactive shell
// it was started from (Shell.shown).
type ShownModes struct {
	Interactive, Monitor bool
}

// reportedOpts are the options as $-, set -o and $SHELLOPTS show them:
// the shell's own, but in a child gosh of an interactive shell with i and
// m on, and so emacs, history and histexpand as they are at the prompt,
// as in bash's forked subshell. What the child does follows sh.Opts.
func (sh *Shell) reportedOpts() *Options {
	if sh.shown == (ShownModes{}) {
		return &sh.Opts
	}
	o := sh.Opts
	o.Interactive = o.Interactive || sh.shown.Interactive
	o.Monitor = o.Monitor || sh.shown.Monitor
	return &o
}

// SetOption turns an option on or off, and tells the parts of the shell
// that act on it.
func (sh *Shell) SetOption(name string, on bool) error {
	if l, ok := langOption(name); ok {
		if !on {
			return fmt.Errorf("%s: set +o lang takes no value", name)
		}
		return sh.setLang(l)
	}
	if name == "lang" {
		if on {
			return fmt.Errorf("lang: which language? set -o lang=en or set -o lang=ko")
		}
		return sh.setLang("")
	}
	o, ok := findOption(name)
	if !ok {
		return fmt.Errorf("%s: invalid option name", name)
	}
	switch {
	case o.name == "posix":
		sh.setPosix(on)
		return nil
	case o.fixed != "" && on != o.value(&sh.Opts):
		return fmt.Errorf("%s: %s", o.name, o.fixed)
	case (o.name == "emacs" || o.name == "vi") && on && sh.noEditing:
		// bash would start editing lines; gosh chose its reader at start.
		return fmt.Errorf("%s: line editing was turned off by --noediting", o.name)
	case (o.name == "emacs" || o.name == "vi") && !on && o.value(&sh.Opts) && sh.Opts.Interactive:
		// bash turns line editing off here; gosh always edits lines.
		// (set -o vi and set -o emacs switch the key map: the line
		// editor reads the option at each prompt, lineedit.go.)
		return fmt.Errorf("%s: line editing cannot be turned off", o.name)
	case o.name == "ignoreeof":
		// As bash: the option is $IGNOREEOF, 10 when set by set -o.
		if on {
			return sh.Vars.Set("IGNOREEOF", "10")
		}
		return sh.Vars.Unset("IGNOREEOF")
	case compatOptionLevel(o.name) != 0:
		return sh.setCompat(compatOptionLevel(o.name), on)
	}
	o.assign(&sh.Opts, on)
	switch o.name {
	case "monitor":
		if !sh.subshell {
			sh.Jobs.SetJobControl(on)
		}
		if !on {
			sh.shown.Monitor = false // set +m in a child: reported off too
		}
	case "notify":
		sh.Jobs.SetNotifyAtOnce(on)
	case "trace":
		sh.applyTrace()
	case "allexport":
		sh.Vars.AllExport = on
	case "history":
		if on {
			sh.startScriptHistory() // historycmd.go
		}
	case "extdebug":
		if on {
			sh.startArgs() // bashvars.go
		}
	case "hostcomplete":
		sh.setHostWordBreak(on) // compwords.go
	}
	return nil
}

// applyTrace points the job table's tracer at stderr, or turns it off.
func (sh *Shell) applyTrace() {
	if sh.Opts.Trace {
		sh.Jobs.Trace().SetOutputFd(2, colorAllowed(sh))
		sh.Jobs.Trace().SetLang(sh.traceLang())
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

// flagOrder is the order in which bash lists the letters of $-.
const flagOrder = "abefhikmnptuvxBCEHPT"

// FlagString is $-: the letters of the options that are on.
func (sh *Shell) FlagString() string {
	// i says the shell is interactive. The letters come in bash's order,
	// then c or s, which say where the commands come from.
	opts := sh.reportedOpts()
	on := map[byte]bool{'i': opts.Interactive}
	for o := range options {
		if o.letter != 0 && o.value(opts) {
			on[o.letter] = true
		}
	}
	var b []byte
	for _, c := range []byte(flagOrder) {
		if on[c] {
			b = append(b, c)
		}
	}
	src := sh.source
	if src == sourceChild {
		// A child gosh shows where its top-level shell reads, as bash's
		// forked subshell does.
		src = sh.flow.topSource
	}
	switch src {
	case sourceCommand:
		b = append(b, 'c')
	case sourceStdin, sourcePrompt:
		// The interactive loop reads its standard input too: bash
		// shows "himBHs".
		b = append(b, 's')
	}
	return string(b)
}

// OptionNames lists the set -o names, sorted.
func (sh *Shell) OptionNames() []string { return optionNames(false) }

// ShoptNames lists the shopt names in bash's order: sorted, but for
// autocd, which bash lists first.
func (sh *Shell) ShoptNames() []string {
	names := optionNames(true)
	if i := slices.Index(names, "autocd"); i > 0 {
		names = slices.Insert(slices.Delete(names, i, i+1), 0, "autocd")
	}
	return names
}

func optionNames(shopt bool) []string {
	var names []string
	for o := range options {
		if o.shopt == shopt {
			names = append(names, o.name)
		}
	}
	sort.Strings(names)
	return names
}

// aliasLookup is the parser's alias lookup: it finds nothing when alias
// expansion is off (shopt -u expand_aliases, and in scripts by default).
func (sh *Shell) aliasLookup(name string) (string, bool) {
	if on, _ := sh.Option("expand_aliases"); !on {
		return "", false
	}
	return sh.alias(name)
}

// pipefailStatus is a finished foreground job's status under set -o
// pipefail: the status of the last stage that failed, 0 if none did. A
// stopped job keeps its stop status.
func (sh *Shell) pipefailStatus(job *jobs.Job, status int) int {
	if !sh.Opts.Pipefail || job.State() == jobs.Stopped {
		return status
	}
	procs := job.Processes()
	for i := len(procs) - 1; i >= 0; i-- {
		if procs[i].Status != 0 {
			return procs[i].Status
		}
	}
	return 0
}

// globOptions are the shopt options that change pathname expansion.
type globOptions struct {
	null, fail, dot bool
	star, nocase    bool     // globstar, nocaseglob
	ext             bool     // extglob: extended patterns (extglob.go)
	ignore          []string // $GLOBIGNORE's patterns (glob.go)
}

func (sh *Shell) globOptions() globOptions {
	return globOptions{null: sh.Opts.Nullglob, fail: sh.Opts.Failglob, dot: sh.Opts.Dotglob,
		star: sh.Opts.Globstar, nocase: sh.Opts.Nocaseglob, ignore: sh.globIgnore(), ext: sh.Opts.Shopt.Extglob}
}
