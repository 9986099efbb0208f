package shell

import (
	"fmt"
	"strconv"
	"strings"

	"gosh/jobs"
	"gosh/parser"
)

// ShoptOptions are the shopt options beyond the globbing ones, each with
// the behaviour bash gives it (the names say which way the default is:
// a field named No... is on by default).
type ShoptOptions struct {
	Extglob             bool // extended patterns ?(a|b) *(a|b) +(a|b) @(a|b) !(a|b) (extglob.go)
	Nocasematch         bool // case, [[ == ]] and [[ =~ ]] ignore case
	XpgEcho             bool // echo reads backslash escapes without -e
	Autocd              bool // at a prompt, a command that is a directory's name runs cd
	Checkjobs           bool // exit with running jobs warns first, as with stopped ones
	Lithist             bool // a command of several lines is saved with its newlines
	InheritErrexit      bool // command substitution keeps set -e
	ShiftVerbose        bool // shift past the last parameter is an error with a message
	Cdspell             bool // at a prompt, cd mends small spelling mistakes in a directory's name
	Histverify          bool // a line that history expansion changed comes back to the editor
	Histreedit          bool // a line whose history expansion failed comes back to the editor
	Execfail            bool // a script goes on when exec cannot run its program
	LocalvarInherit     bool // local NAME starts with the value of the NAME it hides
	CdableVars          bool // cd NAME, no directory, goes to the directory $NAME names
	NoPatsubReplacement bool // shopt -u patsub_replacement: '&' in ${x/p/r} is itself
	LocalvarUnset       bool // unset of a caller's local leaves it unset there (api.go callerLocal)
	VarredirClose       bool // an fd a {NAME} redirection opens is closed after the command (redirect_fdvar.go)
	Checkhash           bool // a remembered program that has gone is searched for again (path.go)
	Extdebug            bool // declare -F names the file and line; the DEBUG trap's status may skip a command (trap_unix.go)
	Lastpipe            bool // without job control, a pipeline's last stage runs in the shell itself (lastpipe.go)
	// NoexpandTranslation is kept and shown: in bash 5.2 it makes a
	// translated $"..." single-quoted; gosh has no message catalogs, so no
	// string is ever translated, and $"..." is "..." either way, as in
	// bash when a string has no translation.
	NoexpandTranslation bool
	Mailwarn            bool // the prompt's mail check says when a mail file has been read (mail.go)
	// Completion at a prompt (complete.go): Dirspell mends the spelling
	// of a directory that does not exist, Direxpand writes the directory
	// part of a file name expanded (~, $VAR), NoEmptyCmdCompletion offers
	// nothing for an empty command word, ProgcompAlias completes an alias
	// without a specification of its own as the command it stands for.
	Dirspell, Direxpand, NoEmptyCmdCompletion, ProgcompAlias bool
	// NoHostcomplete: a word with '@' is not completed as user@host
	// (hostcomplete, on by default). NoForceFignore: when $FIGNORE would
	// leave no file name, all of them are offered (force_fignore, on by
	// default: then none is).
	NoHostcomplete, NoForceFignore bool
	// GnuErrfmt gives the shell's own messages the GNU form "s.sh:3: "
	// (errprefix.go). AssocExpandOnce is kept and shown: gosh reads a
	// subscript of an associative array once in every case, as bash 5.2
	// with it on and, in the cases differences.txt tries, with it off.
	GnuErrfmt, AssocExpandOnce bool
	// On by default: cmdhist (a command of several lines is one history
	// entry), interactive_comments ('#' starts a comment at a prompt),
	// sourcepath (source searches PATH), promptvars (prompts are expanded),
	// progcomp (complete's specifications are used).
	NoCmdhist, NoInteractiveComments, NoSourcepath, NoPromptvars, NoProgcomp bool
}

// extglobOn tells the parser whether extended patterns are part of words.
func (sh *Shell) extglobOn() bool { return sh.Opts.Shopt.Extglob }

// noComments tells the parser that '#' starts no comment: at a prompt
// with shopt -u interactive_comments.
func (sh *Shell) noComments() bool {
	return sh.Opts.Interactive && sh.Opts.Shopt.NoInteractiveComments
}

// autocd is shopt autocd: at a prompt, a command that is neither a
// function nor a builtin and names a directory becomes "cd -- DIR", which
// is shown on stderr first, as bash does.
func (sh *Shell) autocd(cmd *command) {
	if !sh.Opts.Shopt.Autocd || !sh.Opts.Interactive || sh.subshell || !isDir(inDir(sh.globBase(), cmd.argv[0])) {
		return
	}
	cmd.argv = append([]string{"cd", "--"}, cmd.argv...)
	if fn := sh.lookupFuncCached("cd"); fn != nil {
		cmd.fn = fn
	} else {
		cmd.builtin, _ = sh.lookupBuiltin("cd")
	}
	fmt.Fprintln(sh.Stderr(), strings.Join(cmd.argv, " "))
}

// exitWarning is what an interactive shell says instead of exiting the
// first time: "There are stopped jobs." when a job is stopped; with shopt
// checkjobs also "There are running jobs.", followed by the list of jobs,
// as bash does. "" when it may exit at once.
func (sh *Shell) exitWarning() string {
	stopped, running := false, false
	list := sh.Jobs.Jobs()
	for _, j := range list {
		switch j.State() {
		case jobs.Stopped:
			stopped = true
		case jobs.Running:
			running = true
		}
	}
	var b strings.Builder
	switch {
	case stopped:
		b.WriteString("There are stopped jobs.\n")
	case running && sh.Opts.Shopt.Checkjobs:
		b.WriteString("There are running jobs.\n")
	default:
		return ""
	}
	if sh.Opts.Shopt.Checkjobs {
		for _, j := range list {
			if st := j.State(); st == jobs.Stopped || st == jobs.Running {
				b.WriteString(sh.Jobs.Format(j, false))
			}
		}
	}
	return b.String()
}

// addHistory saves the lines of a command typed at the prompt: one entry
// (cmdhist, on by default), in its one-line form unless lithist keeps its
// newlines; with shopt -u cmdhist one entry per line, as bash.
//
// later: the command only starts background jobs, and its entry may reach
// the file once the next prompt is shown (history.addLater).
func (sh *Shell) addHistory(h *history, text string, later bool) {
	if !sh.Opts.Shopt.NoCmdhist {
		if later {
			h.addLater(text, sh.Opts.Shopt.Lithist)
			return
		}
		h.addAs(text, sh.Opts.Shopt.Lithist)
		return
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		if line != "" {
			h.add(line)
		}
	}
}

// parsePrinted parses source text that gosh printed itself (a function
// passed to a child gosh or in the environment, a command of a child):
// an extended pattern in it was read with extglob on, and the printer
// wrote it back as it was, so it is read back with extglob on.
func parsePrinted(src string) (*parser.File, error) {
	return parser.ParseConfig(src, parser.Config{Extglob: func() bool { return true }})
}

// matchCase is the match of a case pattern or of the right of [[ == ]]:
// with nocasematch, letters match either case.
func (sh *Shell) matchCase(pattern, s string) bool {
	if sh.Opts.Shopt.Nocasematch {
		return matchPatternFold(pattern, s)
	}
	return matchPattern(pattern, s)
}

// shoptOptions are bash's shopt options that options.go does not list
// with the globbing ones. Those gosh gives bash's behaviour are fields of
// ShoptOptions; the others keep the one state that is true of gosh, and
// changing them is an error that says why (fixed).
var shoptOptions = []option{
	{name: "extglob", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Extglob }},
	{name: "nocasematch", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Nocasematch }},
	{name: "xpg_echo", shopt: true, field: func(o *Options) *bool { return &o.Shopt.XpgEcho }},
	{name: "autocd", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Autocd }},
	{name: "checkjobs", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Checkjobs }},
	{name: "lithist", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Lithist }},
	{name: "inherit_errexit", shopt: true, field: func(o *Options) *bool { return &o.Shopt.InheritErrexit }},
	{name: "shift_verbose", shopt: true, field: func(o *Options) *bool { return &o.Shopt.ShiftVerbose }},
	{name: "cdspell", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Cdspell }},
	{name: "histverify", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Histverify }},
	{name: "histreedit", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Histreedit }},
	{name: "localvar_unset", shopt: true, field: func(o *Options) *bool { return &o.Shopt.LocalvarUnset }},
	{name: "execfail", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Execfail }},
	{name: "localvar_inherit", shopt: true, field: func(o *Options) *bool { return &o.Shopt.LocalvarInherit }},
	{name: "cdable_vars", shopt: true, field: func(o *Options) *bool { return &o.Shopt.CdableVars }},
	{name: "varredir_close", shopt: true, field: func(o *Options) *bool { return &o.Shopt.VarredirClose }},
	{name: "checkhash", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Checkhash }},
	{name: "gnu_errfmt", shopt: true, field: func(o *Options) *bool { return &o.Shopt.GnuErrfmt }},
	{name: "assoc_expand_once", shopt: true, field: func(o *Options) *bool { return &o.Shopt.AssocExpandOnce }},
	{name: "lastpipe", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Lastpipe }},
	{name: "noexpand_translation", shopt: true, field: func(o *Options) *bool { return &o.Shopt.NoexpandTranslation }},
	{name: "mailwarn", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Mailwarn }},
	{name: "dirspell", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Dirspell }},
	{name: "direxpand", shopt: true, field: func(o *Options) *bool { return &o.Shopt.Direxpand }},
	{name: "no_empty_cmd_completion", shopt: true, field: func(o *Options) *bool { return &o.Shopt.NoEmptyCmdCompletion }},
	{name: "progcomp_alias", shopt: true, field: func(o *Options) *bool { return &o.Shopt.ProgcompAlias }},
	// extdebug turns errtrace and functrace on or off with it, as bash.
	{name: "extdebug", shopt: true, get: func(o *Options) bool { return o.Shopt.Extdebug },
		set: func(o *Options, on bool) { o.Shopt.Extdebug, o.Errtrace, o.Functrace = on, on, on }},
	// compat31 .. compat44 are $BASH_COMPAT (Shell.Option, Shell.SetOption).
	compatOption("compat31"), compatOption("compat32"), compatOption("compat40"), compatOption("compat41"),
	compatOption("compat42"), compatOption("compat43"), compatOption("compat44"),
	{name: "patsub_replacement", shopt: true, get: func(o *Options) bool { return !o.Shopt.NoPatsubReplacement },
		set: func(o *Options, on bool) { o.Shopt.NoPatsubReplacement = !on }},
	{name: "cmdhist", shopt: true, get: func(o *Options) bool { return !o.Shopt.NoCmdhist },
		set: func(o *Options, on bool) { o.Shopt.NoCmdhist = !on }},
	{name: "interactive_comments", shopt: true, get: func(o *Options) bool { return !o.Shopt.NoInteractiveComments },
		set: func(o *Options, on bool) { o.Shopt.NoInteractiveComments = !on }},
	{name: "sourcepath", shopt: true, get: func(o *Options) bool { return !o.Shopt.NoSourcepath },
		set: func(o *Options, on bool) { o.Shopt.NoSourcepath = !on }},
	{name: "promptvars", shopt: true, get: func(o *Options) bool { return !o.Shopt.NoPromptvars },
		set: func(o *Options, on bool) { o.Shopt.NoPromptvars = !on }},
	{name: "progcomp", shopt: true, get: func(o *Options) bool { return !o.Shopt.NoProgcomp },
		set: func(o *Options, on bool) { o.Shopt.NoProgcomp = !on }},
	{name: "hostcomplete", shopt: true, get: func(o *Options) bool { return !o.Shopt.NoHostcomplete },
		set: func(o *Options, on bool) { o.Shopt.NoHostcomplete = !on }},
	{name: "force_fignore", shopt: true, get: func(o *Options) bool { return !o.Shopt.NoForceFignore },
		set: func(o *Options, on bool) { o.Shopt.NoForceFignore = !on }},
	{name: "login_shell", shopt: true, get: func(o *Options) bool { return o.Login }, set: func(*Options, bool) {},
		fixed: "cannot set option"},

	fixedOn("complete_fullquote", "gosh always quotes the metacharacters of completed names"),
	fixedOn("extquote", `gosh always reads $'...' and $"..." inside "${...}"`),
	fixedOn("globasciiranges", "gosh's ranges [a-z] always compare character codes"),
	fixedOn("globskipdots", `patterns never match "." and ".." in gosh`),
	fixedOn("huponexit", "an interactive gosh always sends SIGHUP to its jobs when it exits (disown or nohup keeps a job)"),
	fixedOff("restricted_shell", "cannot set option"),
}

// fixedOn and fixedOff are options that gosh cannot change: why says so.
func fixedOn(name, why string) option {
	return option{name: name, shopt: true, get: func(*Options) bool { return true }, set: func(*Options, bool) {},
		fixed: "cannot be turned off: " + why}
}

func fixedOff(name, why string) option {
	return option{name: name, shopt: true, get: func(*Options) bool { return false }, set: func(*Options, bool) {},
		fixed: "cannot be turned on: " + why}
}

// compatOption is one of bash's compatNN options: on while $BASH_COMPAT
// names level NN; the get and set here are never used (Shell.Option and
// Shell.SetOption read and write the variable).
func compatOption(name string) option {
	return option{name: name, shopt: true, get: func(*Options) bool { return false }, set: func(*Options, bool) {}}
}

// defaultCompat is bash 5.2's compatibility level, the one gosh follows.
const defaultCompat = 52

// compatOptionLevel is the level a compatNN option names, or 0.
func compatOptionLevel(name string) int {
	if n, ok := strings.CutPrefix(name, "compat"); ok && len(n) == 2 {
		if l, err := strconv.Atoi(n); err == nil {
			return l
		}
	}
	return 0
}

// compatLevel is the level $BASH_COMPAT sets, as bash reads it: "4.2" or
// "42", from 31 to 52; anything else (unset, empty, out of range) is
// bash 5.2's own level.
func (sh *Shell) compatLevel() int {
	v, _ := sh.Vars.Get("BASH_COMPAT")
	if l, ok := parseCompat(v); ok {
		return l
	}
	return defaultCompat
}

// reportCompat says, as bash does, that a value assigned to BASH_COMPAT
// is out of range (Vars.checkCompat): the variable keeps it, and gosh
// behaves as bash 5.2.
func (sh *Shell) reportCompat() {
	for _, v := range sh.Vars.badCompat {
		sh.errorf("BASH_COMPAT: %s: compatibility value out of range", v)
	}
	sh.Vars.badCompat = nil
}

func parseCompat(v string) (int, bool) {
	if a, b, ok := strings.Cut(v, "."); ok && len(a) == 1 && len(b) == 1 {
		v = a + b
	}
	l, err := strconv.Atoi(v)
	if err != nil || len(v) != 2 || l < 31 || l > defaultCompat {
		return 0, false
	}
	return l, true
}

// setCompat is shopt -s or -u of compatNN: -s sets $BASH_COMPAT to NN; -u
// gives bash 5.2's level back when NN was the level, and otherwise
// writes the level there is as a number, as bash does.
func (sh *Shell) setCompat(level int, on bool) error {
	cur := sh.compatLevel()
	switch {
	case on:
		cur = level
	case cur == level:
		cur = defaultCompat
	}
	return sh.Vars.Set("BASH_COMPAT", strconv.Itoa(cur))
}
