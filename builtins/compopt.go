package builtins

import (
	"slices"
	"strings"
)

// compopt changes the -o options of completion specifications, as bash's:
// of each NAME's, of -D -E -I's, or without NAME of the completion whose
// -F function is running ("compopt -o nospace" in a function that
// completes a path piece by piece).

// CompOptShell gives compopt the completion being generated now.
// *shell.Shell implements it.
type CompOptShell interface {
	// CurrentCompSpec is the specification of the completion whose
	// function is running, which compopt may change for this
	// completion only; nil when no completion function runs.
	CurrentCompSpec() *CompSpec
}

var compoptBuiltins = []*Builtin{
	{
		Name:     "compopt",
		Synopsis: "compopt [-o|+o option] [-DEI] [name ...]",
		Summary:  "Modify or display completion options.",
		Help: `Turn each -o OPTION on, each +o OPTION off, in the completion
specification of each NAME, of -D (commands without one), -E (an empty
line) or -I (the command word); without NAME, in the completion whose
function (complete -F) is running, for this completion only. Without
-o or +o, print the options as a compopt command.
The options are complete's: bashdefault default dirnames filenames
noquote nosort nospace plusdirs.
The status is 1 when a NAME has no specification, or when there is no
NAME and no completion function runs.`,
		Run: runCompopt,
	},
}

// internalCompName is the name bash gives -D, -E or -I in compopt's
// messages (a switch, not a map: nothing is built at start-up).
func internalCompName(name string) (string, bool) {
	switch name {
	case "-D":
		return "_DefaultCmD_", true
	case "-E":
		return "_EmptycmD_", true
	case "-I":
		return "_InitialWorD_", true
	}
	return "", false
}

func runCompopt(sh Shell, io IO, args []string) (int, error) {
	var on, off, names []string
	args = args[1:]
	for len(args) > 0 {
		a := args[0]
		if a == "--" {
			args = args[1:]
			break
		}
		if len(a) < 2 || a[0] != '-' && a[0] != '+' {
			break
		}
		args = args[1:]
		for k := 1; k < len(a); k++ {
			switch c := a[k]; {
			case c == 'o':
				if len(args) == 0 {
					return usageError(io, "compopt", string(a[0])+"o: option requires an argument"), nil
				}
				opt := args[0]
				args = args[1:]
				if !slices.Contains(compOptions, opt) {
					errorf(io, "compopt", "%s: invalid option name", opt)
					return statusUsage, nil
				}
				if a[0] == '-' {
					on = append(on, opt)
				} else {
					off = append(off, opt)
				}
			case a[0] == '-' && strings.IndexByte("DEI", c) >= 0:
				names = append(names, specialCompNames(c))
			default:
				return usageError(io, "compopt", string(a[0])+string(c)+": invalid option"), nil
			}
		}
	}
	names = append(names, args...)
	change := func(spec *CompSpec) {
		for _, o := range on {
			if !slices.Contains(spec.Options, o) {
				spec.Options = append(spec.Options, o)
			}
		}
		spec.Options = slices.DeleteFunc(spec.Options, func(o string) bool { return slices.Contains(off, o) })
	}
	list := len(on) == 0 && len(off) == 0
	var b strings.Builder
	if len(names) == 0 {
		var spec *CompSpec
		if cs, ok := sh.(CompOptShell); ok {
			spec = cs.CurrentCompSpec()
		}
		if spec == nil {
			errorf(io, "compopt", "not currently executing completion function")
			return statusFailure, nil
		}
		if list {
			b.WriteString(compoptLine(spec, ""))
			return writeOut(io, "compopt", b.String()), nil
		}
		change(spec)
		return statusOK, nil
	}
	cs, ok := sh.(CompleteShell)
	if !ok {
		errorf(io, "compopt", "completion specifications are not supported")
		return statusFailure, nil
	}
	status := statusOK
	for _, name := range names {
		spec, found := cs.CompSpec(name)
		if !found {
			shown := name
			if n, special := internalCompName(name); special {
				shown = n
			}
			errorf(io, "compopt", "%s: no completion specification", shown)
			status = statusFailure
			continue
		}
		if list {
			b.WriteString(compoptLine(spec, name))
			continue
		}
		c := *spec // the table is shared with copies: change a copy
		c.Options = slices.Clone(spec.Options)
		change(&c)
		cs.SetCompSpec(name, &c)
	}
	if st := writeOut(io, "compopt", b.String()); st != statusOK {
		return st, nil
	}
	return status, nil
}

// compoptLine is compopt without -o or +o: every option, +o when off and
// -o when on, then the name (none for the running completion).
func compoptLine(spec *CompSpec, name string) string {
	var b strings.Builder
	b.WriteString("compopt")
	for _, o := range compOptions {
		if slices.Contains(spec.Options, o) {
			b.WriteString(" -o " + o)
		} else {
			b.WriteString(" +o " + o)
		}
	}
	if name != "" {
		b.WriteString(" " + name)
	}
	return b.String() + "\n"
}
