package builtins

import (
	"strings"
)

var aliasBuiltins = []*Builtin{
	{
		Name:     "alias",
		Synopsis: "alias [-p] [name[=value] ... ]",
		Summary:  "Define or show aliases.",
		Help: `With NAME=VALUE, make NAME an alias: when NAME is the first word of
a command, the shell replaces it by VALUE before parsing the rest.
A VALUE ending in a blank makes the next word subject to aliases too.
With NAME alone, show that alias; with no arguments (or -p), show
them all, as alias commands that would define them again.
Aliases are expanded by the shell's parser, so they exist only in
this shell: a script or a child process never sees them.`,
		Run: runAlias,
	},
	{
		Name:     "unalias",
		Synopsis: "unalias [-a] name [name ...]",
		Summary:  "Remove aliases.",
		Help: `Remove each alias NAME; -a removes every alias.
"command NAME" or "\NAME" also bypasses an alias without removing it.`,
		Run: runUnalias,
	},
}

func runAlias(sh Shell, io IO, args []string) (int, error) {
	o, rest, ok := parseOptions(io, "alias", args[1:], "p")
	if !ok {
		return statusUsage, nil
	}
	var b strings.Builder
	// In POSIX mode an alias is shown without "alias " unless -p asks.
	posix, _ := sh.Option("posix")
	show := func(name, value string) {
		line := aliasCommand(name, value)
		if posix && !o.has('p') {
			line = strings.TrimPrefix(line, "alias ")
		}
		b.WriteString(line)
	}
	if len(rest) == 0 || o.has('p') {
		for _, name := range sh.AliasNames() {
			value, _ := sh.Alias(name)
			show(name, value)
		}
	}
	status := statusOK
	for _, arg := range rest {
		name, value, assign := strings.Cut(arg, "=")
		if name == "" {
			// "=x" names an alias, as in bash: an '=' first is no
			// assignment.
			name, assign = arg, false
		}
		if !assign {
			v, ok := sh.Alias(name)
			if !ok {
				errorf(io, "alias", "%s: not found", name)
				status = statusFailure
				continue
			}
			show(name, v)
			continue
		}
		if !validAliasName(name) {
			errorf(io, "alias", "`%s': invalid alias name", name)
			status = statusFailure
			continue
		}
		sh.SetAlias(name, value)
	}
	if st := writeOut(io, "alias", b.String()); st != statusOK {
		return st, nil
	}
	return status, nil
}

// aliasCommand shows an alias as the command that defines it:
// alias ll='ls -l'.
func aliasCommand(name, value string) string {
	if strings.HasPrefix(name, "-") {
		name = "-- " + name // read back as a name, not an option (bash)
	}
	return "alias " + name + "=" + singleQuote(value) + "\n"
}

// validAliasName rejects what bash rejects: an empty name, and names with
// a slash, a quote, an expansion character, a blank or an operator, none
// of which could be read back as a command's first word.
func validAliasName(name string) bool {
	return name != "" && !strings.ContainsAny(name, "/$`=\\'\" \t\n|&;()<>")
}

func runUnalias(sh Shell, io IO, args []string) (int, error) {
	o, names, ok := parseOptions(io, "unalias", args[1:], "a")
	if !ok {
		return statusUsage, nil
	}
	if o.has('a') {
		for _, name := range sh.AliasNames() {
			sh.Unalias(name)
		}
		return statusOK, nil
	}
	if len(names) == 0 {
		return usageError(io, "unalias", ""), nil
	}
	status := statusOK
	for _, name := range names {
		if !sh.Unalias(name) {
			errorf(io, "unalias", "%s: not found", name)
			status = statusFailure
		}
	}
	return status, nil
}
