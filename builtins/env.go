package builtins

import (
	"fmt"
	"strings"

	"golang.org/x/sys/unix"
)

// The builtins that change what every later command starts with: the
// file creation mask children inherit (umask), variables nobody may change
// again (readonly), and the table of where PATH search found each program
// (hash).

var envBuiltins = []*Builtin{
	{
		Name:     "umask",
		Synopsis: "umask [-p] [-S] [mode]",
		Summary:  "Display or set the file mode creation mask.",
		Help: `Set the shell's file creation mask to MODE: the permission bits
that creat(2), open(2) and mkdir(2) clear from the mode a program asks
for. Without MODE, print the mask.
MODE is octal (027) or symbolic, as chmod writes the permissions to
keep: u=rwx,g=rx,o= is the same as 027.
-S  print the mask symbolically, as the permissions it leaves
-p  print it as a command that sets it again ("umask 0022")
The mask belongs to the process and every child inherits it, so umask
must be a builtin. In a pipeline stage or $(...), gosh may run the
builtin on a copy of the shell in the same process: there "umask MODE"
applies to what the copy creates and starts, and the shell's mask stays
as it was, as a forked subshell's change would vanish with it.`,
		Run: runUmask,
	},
	{
		Name:     "readonly",
		Synopsis: "readonly [-aAf] [name[=value] ...] or readonly -p",
		Summary:  "Mark shell variables as unchangeable.",
		Help: `Mark each NAME read-only, assigning VALUE first if given. A
read-only variable cannot be assigned again or unset, for the rest of
the shell's life. -p (or no NAME) lists the read-only variables as
"declare -r" commands. NAME=(...) makes a read-only array; -a and -A
make NAME an indexed or associative array. -f: each NAME is a function,
which can then be neither defined again nor unset; without NAME, list
the read-only functions.`,
		Run:     runReadonly,
		Special: true,
	},
	{
		Name:     "hash",
		Synopsis: "hash [-lr] [-p pathname] [-dt] [name ...]",
		Summary:  "Remember or display program locations.",
		Help: `The shell remembers where PATH search found each program it
ran, and how many times it ran it since (hits), so that the next run
skips the search. Without NAME, print that table.
NAME  search PATH for NAME now and remember where it is
-r    forget every location (say, after moving a program)
-d    forget the location of each NAME
-t    print the remembered location of each NAME
-p PATHNAME  remember PATHNAME as where each NAME is, without searching
-l    print the table as hash -p commands that would make it again
A new value of PATH makes the shell forget the table.`,
		Run: runHash,
	},
}

// ---- umask ----

func runUmask(sh Shell, io IO, args []string) (int, error) {
	o, rest, ok := parseOptions(io, "umask", args[1:], "Sp")
	if !ok {
		return statusUsage, nil
	}
	if len(rest) == 0 {
		mask := sh.Umask()
		var b strings.Builder
		if o.has('p') {
			b.WriteString("umask ")
			if o.has('S') {
				b.WriteString("-S ")
			}
		}
		if o.has('S') {
			b.WriteString(symbolicUmask(mask) + "\n")
		} else {
			fmt.Fprintf(&b, "%04o\n", mask)
		}
		return writeOut(io, "umask", b.String()), nil
	}
	// As bash: the first word is the mode, any others are ignored.
	mode := rest[0]
	var mask int
	if mode != "" && '0' <= mode[0] && mode[0] <= '9' {
		m, ok := parseOctalMode(mode)
		if !ok {
			errorf(io, "umask", "%s: octal number out of range", mode)
			return statusFailure, nil
		}
		mask = m & 0o777
	} else {
		// Symbolic modes name the permissions to keep: work on the
		// complement of the mask, and complement the result.
		perm, msg := parseSymbolicMode(mode, ^sh.Umask()&0o777)
		if msg != "" {
			errorf(io, "umask", "%s", msg)
			return statusFailure, nil
		}
		mask = ^perm & 0o777
	}
	sh.SetUmask(mask)
	if o.has('S') {
		return writeOut(io, "umask", symbolicUmask(mask)+"\n"), nil
	}
	return statusOK, nil
}

// parseOctalMode reads an octal mode as bash's read_octal does: octal
// digits only, at most 07777.
func parseOctalMode(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '7' {
			return 0, false
		}
		n = n*8 + int(s[i]-'0')
		if n > 0o7777 {
			return 0, false
		}
	}
	return n, true
}

// parseSymbolicMode applies a chmod-style mode to the permission bits
// perm: clauses separated by commas, each WHO (letters of ugoa, none
// meaning all) then one operator (+ adds, - removes, = sets) then
// permissions (letters of rwx). On a malformed mode it returns bash's
// message for the offending character.
func parseSymbolicMode(mode string, perm int) (int, string) {
	s := mode
	for {
		who := 0
		for s != "" && strings.IndexByte("ugoa", s[0]) >= 0 {
			switch s[0] {
			case 'u':
				who |= 0o700
			case 'g':
				who |= 0o070
			case 'o':
				who |= 0o007
			case 'a':
				who |= 0o777
			}
			s = s[1:]
		}
		if s == "" {
			return 0, "`\x00': invalid symbolic mode operator" // bash prints the NUL that ends the mode
		}
		op := s[0]
		if op != '+' && op != '-' && op != '=' {
			return 0, fmt.Sprintf("`%c': invalid symbolic mode operator", op)
		}
		s = s[1:]
		bits := 0
		for s != "" && strings.IndexByte("rwx", s[0]) >= 0 {
			switch s[0] {
			case 'r':
				bits |= 0o444
			case 'w':
				bits |= 0o222
			case 'x':
				bits |= 0o111
			}
			s = s[1:]
		}
		if s != "" && s[0] != ',' {
			return 0, fmt.Sprintf("`%c': invalid symbolic mode character", s[0])
		}
		if who != 0 {
			bits &= who
		}
		switch op {
		case '+':
			perm |= bits
		case '-':
			perm &^= bits
		case '=':
			if who == 0 {
				who = 0o777
			}
			perm = perm&^who | bits
		}
		if s == "" {
			return perm, ""
		}
		s = s[1:] // the comma
	}
}

// symbolicUmask shows a mask as the permissions it leaves: 022 is
// u=rwx,g=rx,o=rx.
func symbolicUmask(mask int) string {
	perm := ^mask & 0o777
	class := func(shift int) string {
		var b strings.Builder
		for i, c := range "rwx" {
			if perm>>(shift+2-i)&1 != 0 {
				b.WriteRune(c)
			}
		}
		return b.String()
	}
	return "u=" + class(6) + ",g=" + class(3) + ",o=" + class(0)
}

// ---- readonly ----

func runReadonly(sh Shell, io IO, args []string) (int, error) {
	o, rest, ok := parseOptions(io, "readonly", args[1:], "aAfp")
	if !ok {
		return statusUsage, nil
	}
	if o.has('f') {
		if len(rest) == 0 {
			return listFunctions(sh, io, "readonly", func(_, readonly bool) bool { return readonly }), nil
		}
		return markFunctions(sh, io, "readonly", rest, func(fa FuncAttrShell, name string) bool {
			return fa.SetFuncReadonly(name)
		}), nil
	}
	if len(rest) == 0 {
		return printReadonly(sh, io, o.has('a'), o.has('A')), nil
	}
	if o.has('a') || o.has('A') {
		// readonly -a NAME=(...) / -A: the value is an array of that kind.
		// (Without a value bash makes no array, and neither does gosh.)
		for _, arg := range rest {
			name, _, assign := strings.Cut(arg, "=")
			if assign && isName(name) && !sh.IsReadOnly(name) {
				sh.DeclareArray(name, o.has('A'))
			}
		}
	}
	return assignEach(sh, io, "readonly", rest, func(name string) error {
		sh.SetReadOnly(name)
		return nil
	})
}

// printReadonly lists read-only variables as bash does, as commands that
// would recreate them: declare -r x="1", declare -rx for an exported one.
// With indexed or assoc (readonly -a, -A) only the arrays of that kind.
func printReadonly(sh Shell, io IO, indexed, assoc bool) int {
	var b strings.Builder
	posix, _ := sh.Option("posix")
	for _, name := range sortedNames(sh) {
		isIndexed, isAssoc := sh.ArrayKind(name)
		if indexed && !isIndexed || assoc && !isAssoc {
			continue
		}
		if sh.IsReadOnly(name) {
			line, _ := declareLine(sh, name)
			b.WriteString(posixDeclLine(line, "readonly", posix))
		}
	}
	return writeOut(io, "readonly", b.String())
}

// ---- hash ----

// HashPathShell lets hash -p put a path of the user's in the table.
// *shell.Shell implements it.
type HashPathShell interface {
	// HashPath remembers path as the program name runs, with no hits.
	HashPath(name, path string)
}

func runHash(sh Shell, io IO, args []string) (int, error) {
	o, rest, ok := parseOptions(io, "hash", args[1:], "dlp:rt")
	if !ok {
		return statusUsage, nil
	}
	if on, known := sh.Option("hashall"); known && !on {
		// set +h: there is no table to show or change, as bash.
		errorf(io, "hash", "hashing disabled")
		return statusFailure, nil
	}
	if o.has('r') {
		sh.ClearHash()
	}
	if len(rest) == 0 {
		switch {
		case o.has('d'):
			errorf(io, "hash", "-d: option requires an argument")
			return statusFailure, nil
		case o.has('t'):
			errorf(io, "hash", "-t: option requires an argument")
			return statusFailure, nil
		case o.has('r'):
			return statusOK, nil
		}
		return printHash(sh, io, o.has('l')), nil
	}
	if o.has('p') {
		hp, ok := sh.(HashPathShell)
		if !ok {
			errorf(io, "hash", "-p: this shell cannot take a path")
			return statusFailure, nil
		}
		status := statusOK
		for _, name := range rest {
			switch path := o.value('p'); {
			case strings.Contains(name, "/"):
				// Never looked up in PATH: nothing to remember (bash).
			case isDirectoryAt(sh, path):
				errorf(io, "hash", "%s: Is a directory", path)
				status = statusFailure
			default:
				hp.HashPath(name, path)
			}
		}
		return status, nil
	}
	status := statusOK
	var b strings.Builder
	if o.has('d') && !o.has('t') && len(sh.Hashed()) == 0 {
		return statusOK, nil // bash: nothing to forget is no error
	}
	for _, name := range rest {
		// A name with a slash is never looked up in PATH: nothing to remember.
		if strings.Contains(name, "/") {
			continue
		}
		switch {
		case o.has('d'):
			if !sh.Unhash(name) {
				errorf(io, "hash", "%s: not found", name)
				status = statusFailure
			}
		case o.has('t'):
			path, ok := hashedPath(sh, name)
			switch {
			case !ok:
				errorf(io, "hash", "%s: not found", name)
				status = statusFailure
			case len(rest) > 1:
				fmt.Fprintf(&b, "%s\t%s\n", name, path)
			default:
				b.WriteString(path + "\n")
			}
		default:
			// Builtins are never searched for, so never hashed (as bash).
			if _, isBuiltin := LookupEnabled(sh, name); isBuiltin {
				continue
			}
			if _, ok := sh.Hash(name); !ok {
				errorf(io, "hash", "%s: not found", name)
				status = statusFailure
			}
		}
	}
	if st := writeOut(io, "hash", b.String()); st != statusOK {
		return st, nil
	}
	return status, nil
}

// isDirectoryAt reports whether path, relative to the shell's directory,
// is a directory (hash -p refuses one, as bash).
func isDirectoryAt(sh Shell, path string) bool {
	st, ok := statAt(sh, path, true)
	return ok && st.Mode&unix.S_IFMT == unix.S_IFDIR
}

// hashedPath finds name in the hash table.
func hashedPath(sh Shell, name string) (string, bool) {
	for _, e := range sh.Hashed() {
		if e.Name == name {
			return e.Path, true
		}
	}
	return "", false
}

// printHash shows the table as bash does: how many times each program
// ran since it was remembered, and the program; with asCommands (hash -l)
// the hash -p commands that would fill it again.
func printHash(sh Shell, io IO, asCommands bool) int {
	entries := sh.Hashed()
	if len(entries) == 0 {
		if posix, _ := sh.Option("posix"); asCommands || posix {
			return statusOK // bash's POSIX mode says nothing either
		}
		return writeOut(io, "hash", "hash: hash table empty\n")
	}
	var b strings.Builder
	if !asCommands {
		b.WriteString("hits\tcommand\n")
	}
	for _, e := range entries {
		if asCommands {
			fmt.Fprintf(&b, "builtin hash -p %s %s\n", e.Path, e.Name)
			continue
		}
		fmt.Fprintf(&b, "%4d\t%s\n", e.Hits, e.Path)
	}
	return writeOut(io, "hash", b.String())
}
