package builtins

import (
	"slices"
	"sort"
	"strings"

	"gosh/jobs/lazy"
)

// CompSpec is a completion specification: what complete stores for a
// command and what compgen generates from. Tab completion of the command's
// arguments uses it (shell/progcomp.go).
type CompSpec struct {
	Actions  []string // -A names (file, directory, command, ...), in the order given
	Options  []string // -o names (default, dirnames, filenames, nospace, ...)
	Wordlist string   // -W: split and expanded when completing
	Function string   // -F: run with COMP_WORDS, COMP_CWORD; fills COMPREPLY
	Command  string   // -C: run; its output lines are the matches
	Glob     string   // -G: a pathname pattern whose matches are added
	Filter   string   // -X: matches of this pattern are removed ('!' keeps only them)
	Prefix   string   // -P: added in front of each match
	Suffix   string   // -S: added after each match
}

// CompleteShell is what complete and compgen need of the shell: the table
// of specifications, and generating the matches of one for a word.
type CompleteShell interface {
	CompSpec(name string) (*CompSpec, bool)
	SetCompSpec(name string, spec *CompSpec)
	RemoveCompSpec(name string) bool
	CompSpecNames() []string
	// CompGen lists the matches of spec for word, in order, prefix and
	// suffix added; an error names what could not be done.
	CompGen(spec *CompSpec, word string, io IO) ([]string, error)
}

// compActions are the -A names, with their one-letter options. (Made at first use.)
func compActions() map[string]byte { return compActionsValue.Get() }

var compActionsValue = lazy.Value[map[string]byte]{Build: func() map[string]byte {
	return map[string]byte{
		"alias": 'a', "arrayvar": 0, "builtin": 'b', "command": 'c', "directory": 'd',
		"disabled": 0, "enabled": 0, "export": 'e', "file": 'f', "function": 0,
		"group": 'g', "helptopic": 0, "hostname": 0, "job": 'j', "keyword": 'k',
		"running": 0, "service": 's', "setopt": 0, "shopt": 0, "signal": 0,
		"stopped": 0, "user": 'u', "variable": 'v',
	}
}}

// compOptions are the -o names bash has.
var compOptions = []string{"bashdefault", "default", "dirnames", "filenames", "noquote", "nosort", "nospace", "plusdirs"}

func actionOfLetter(c byte) string {
	for name, l := range compActions() {
		if l == c && c != 0 {
			return name
		}
	}
	return ""
}

var completeBuiltins = []*Builtin{
	{
		Name:     "complete",
		Synopsis: "complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]",
		Summary:  "Specify how arguments are to be completed.",
		Help: `Tell Tab how to complete the arguments of each command NAME.
-W WORDLIST  the words of WORDLIST (expanded when Tab is pressed)
-F FUNCTION  run FUNCTION with COMP_WORDS, COMP_CWORD, COMP_LINE and
             COMP_POINT set and $1 $2 $3 the command, the word and the
             word before it; the words it puts in COMPREPLY are the matches
-A ACTION    names of a kind: alias arrayvar builtin command directory
             disabled enabled export file function group helptopic
             hostname job keyword running service setopt shopt signal
             stopped user variable (-a -b -c -d -e -f -g -j -k -s -u -v
             are short for some of them)
-G PATTERN, -C COMMAND, -X FILTER, -P PREFIX, -S SUFFIX, -o OPTION:
             as compgen (help compgen)
-p  print the specifications (of each NAME, or all) as complete commands
-r  remove the specifications of each NAME (all without NAME)
-D, -E, -I  the specification for commands without one, for an empty
            line, for the command word itself (stored and printed;
            Tab uses only -D)
The status is 1 when a NAME has no specification to print or remove.`,
		Run: runComplete,
	},
	{
		Name:     "compgen",
		Synopsis: "compgen [-abcdefgjksuv] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [word]",
		Summary:  "Display possible completions depending on the options.",
		Help: `Print the completions of WORD (every one without WORD), one a line.
-W WORDLIST  the words of WORDLIST that start with WORD
-A ACTION    names of a kind that start with WORD (see help complete);
             -a alias, -b builtin, -c command, -d directory, -e export,
             -f file, -g group, -j job, -k keyword, -s service, -u user,
             -v variable
-G PATTERN   the file names PATTERN matches
-F FUNCTION  run FUNCTION; the words it leaves in COMPREPLY
-C COMMAND   run COMMAND; each line it prints
-X FILTER    remove the matches FILTER matches (with a leading '!',
             keep only those)
-P PREFIX, -S SUFFIX  added before and after each match
-o OPTION    dirnames and default add directory and file names when
             nothing else matched, plusdirs adds directory names always
The status is 1 when nothing matched.`,
		Run: runCompgen,
	},
}

// parseCompSpec reads the options that complete and compgen share. flags
// collects the letters that are not part of the specification (p r D E I).
func parseCompSpec(io IO, name string, args []string, extra string) (spec *CompSpec, flags map[byte]bool, rest []string, ok bool) {
	spec = &CompSpec{}
	flags = map[byte]bool{}
	sc := optionScanner{args: args}
	for {
		c, more := sc.next()
		if !more {
			break
		}
		if act := actionOfLetter(c); act != "" {
			spec.Actions = append(spec.Actions, act)
			continue
		}
		if strings.IndexByte(extra, c) >= 0 {
			flags[c] = true
			continue
		}
		if strings.IndexByte("oAGWFCXPS", c) < 0 {
			usageError(io, name, "-"+string(c)+": invalid option")
			return nil, nil, nil, false
		}
		val, has := sc.value()
		if !has {
			usageError(io, name, "-"+string(c)+": option requires an argument")
			return nil, nil, nil, false
		}
		switch c {
		case 'o':
			if !slices.Contains(compOptions, val) {
				errorf(io, name, "%s: invalid option name", val)
				return nil, nil, nil, false
			}
			spec.Options = append(spec.Options, val)
		case 'A':
			if _, ok := compActions()[val]; !ok {
				errorf(io, name, "%s: invalid action name", val)
				return nil, nil, nil, false
			}
			spec.Actions = append(spec.Actions, val)
		case 'G':
			spec.Glob = val
		case 'W':
			spec.Wordlist = val
		case 'F':
			spec.Function = val
		case 'C':
			spec.Command = val
		case 'X':
			spec.Filter = val
		case 'P':
			spec.Prefix = val
		case 'S':
			spec.Suffix = val
		}
	}
	return spec, flags, sc.rest(), true
}

func runCompgen(sh Shell, io IO, args []string) (int, error) {
	cs, ok := sh.(CompleteShell)
	if !ok {
		return statusFailure, nil
	}
	spec, _, rest, ok := parseCompSpec(io, "compgen", args[1:], "")
	if !ok {
		return statusUsage, nil
	}
	word := ""
	if len(rest) > 0 {
		word = rest[0]
	}
	if spec.Function != "" {
		errorf(io, "compgen", "warning: -F option may not work as you expect")
	}
	if spec.Command != "" {
		errorf(io, "compgen", "warning: -C option may not work as you expect")
	}
	matches, err := cs.CompGen(spec, word, io)
	if err != nil {
		errorf(io, "compgen", "%v", err)
		return statusFailure, nil
	}
	if len(matches) == 0 {
		return statusFailure, nil
	}
	return writeOut(io, "compgen", strings.Join(matches, "\n")+"\n"), nil
}

// specialCompNames is the name complete -D, -E or -I stores under.
func specialCompNames(c byte) string {
	return "-" + string(c)
}

func runComplete(sh Shell, io IO, args []string) (int, error) {
	cs, ok := sh.(CompleteShell)
	if !ok {
		return statusFailure, nil
	}
	spec, flags, names, ok := parseCompSpec(io, "complete", args[1:], "prDEI")
	if !ok {
		return statusUsage, nil
	}
	for _, c := range []byte("DEI") {
		if flags[c] {
			names = append(names, specialCompNames(c))
		}
	}
	// complete NAME alone stores an empty specification, as bash.
	empty := spec.Wordlist == "" && spec.Function == "" && spec.Command == "" && spec.Glob == "" &&
		spec.Filter == "" && spec.Prefix == "" && spec.Suffix == "" && len(spec.Actions) == 0 && len(spec.Options) == 0
	switch {
	case flags['r']:
		if len(names) == 0 {
			for _, n := range cs.CompSpecNames() {
				cs.RemoveCompSpec(n)
			}
			return statusOK, nil
		}
		for _, n := range names {
			cs.RemoveCompSpec(n) // as bash: a name without one is no error
		}
		return statusOK, nil
	case flags['p'] || empty && len(names) == 0:
		// -p, or no NAME: print.
		if len(names) == 0 {
			names = cs.CompSpecNames()
		}
		var b strings.Builder
		status := statusOK
		for _, n := range names {
			s, ok := cs.CompSpec(n)
			if !ok {
				errorf(io, "complete", "%s: no completion specification", n)
				status = statusFailure
				continue
			}
			b.WriteString(FormatCompSpec(n, s))
		}
		if st := writeOut(io, "complete", b.String()); st != statusOK {
			return st, nil
		}
		return status, nil
	}
	for _, n := range names {
		cp := *spec
		cs.SetCompSpec(n, &cp)
	}
	return statusOK, nil
}

// FormatCompSpec is spec as the complete command that makes it again
// (complete -p), in bash's order of options.
func FormatCompSpec(name string, s *CompSpec) string {
	var b strings.Builder
	b.WriteString("complete")
	for _, o := range compOptions { // bash's order, whatever the order given
		if slices.Contains(s.Options, o) {
			b.WriteString(" -o " + o)
		}
	}
	acts := append([]string(nil), s.Actions...)
	sort.SliceStable(acts, func(i, j int) bool { return compActions()[acts[i]] != 0 && compActions()[acts[j]] == 0 })
	for _, a := range acts {
		if l := compActions()[a]; l != 0 {
			b.WriteString(" -" + string(l))
		} else {
			b.WriteString(" -A " + a)
		}
	}
	for _, f := range []struct {
		flag, val string
	}{{"-G", s.Glob}, {"-W", s.Wordlist}, {"-X", s.Filter}, {"-P", s.Prefix}, {"-S", s.Suffix}, {"-F", s.Function}, {"-C", s.Command}} {
		if f.val != "" {
			val := f.val
			if f.flag != "-F" {
				val = singleQuote(val)
			}
			b.WriteString(" " + f.flag + " " + val)
		}
	}
	b.WriteString(" " + name + "\n")
	return b.String()
}
