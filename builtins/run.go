package builtins

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

// The builtins that run other code: exec, . and source, command, and
// type, which says how a name would be run.

// sourceHelp is the help of both . and source, which are one builtin
// under two names.
const sourceHelp = `Read and run the commands in FILENAME in this shell, not in a child,
so its cd, variable assignments and aliases stay in effect. A name
without a slash is looked up in $PATH, then in the current directory.
ARGUMENTS, if any, become the positional parameters while it runs.`

var runBuiltins = []*Builtin{
	{
		Name:       "exec",
		ReadsInput: true,
		Synopsis:   "exec [-cl] [-a name] [command [argument ...]] [redirection ...]",
		Summary:    "Replace the shell with a program.",
		Help: `Replace the shell process with COMMAND, through execve(2) and
without fork: the program keeps the shell's pid, its open files and
its place in the process tree, and the shell is gone. When COMMAND
cannot be run, a non-interactive shell exits (127 if not found,
126 if not executable); an interactive one stays.
Without COMMAND, the redirections apply to the shell itself:
"exec 3>log" opens fd 3 for every later command.
-a NAME  pass NAME to the program as its argv[0] (what ps shows)
-c       run the program with an empty environment
-l       put a dash before argv[0], as login does (a login shell)`,
		Run:     runExec,
		Special: true,
	},
	{
		Name:       ".",
		ReadsInput: true,
		Synopsis:   ". filename [arguments]",
		Summary:    "Run commands from a file in the current shell.",
		Help:       sourceHelp,
		Run:        runSource,
		Special:    true,
	},
	{
		Name:       "source",
		ReadsInput: true,
		Synopsis:   "source filename [arguments]",
		Summary:    "Run commands from a file in the current shell (same as .).",
		Help:       sourceHelp,
		Run:        runSource,
		Special:    true, // as in bash, with .
	},
	{
		Name:       "command",
		ReadsInput: true,
		Synopsis:   "command [-pVv] command [arg ...]",
		Summary:    "Run a command, bypassing aliases.",
		Help: `Run COMMAND with ARGs, ignoring any alias of that name: builtins and
programs in $PATH only. "command ls" runs the real ls even when ls is
an alias.
-v  print how COMMAND would be found: its path, or its name for a
    builtin or keyword, or the alias definition
-V  describe COMMAND in words, like type
-p  search the default PATH (/bin:/usr/bin), which finds the standard
    utilities whatever $PATH holds; a program found so runs by its path`,
		Run: runCommand,
	},
	{
		Name:       "builtin",
		ReadsInput: true,
		Synopsis:   "builtin [shell-builtin [arg ...]]",
		Summary:    "Execute shell builtins.",
		Help: `Run the builtin SHELL-BUILTIN with ARGs, even when a function of the
same name hides it: a function called cd can end with
"builtin cd "$@"" to do the real work.`,
		Run: runBuiltin,
	},
	{
		Name:     "type",
		Synopsis: "type [-afptP] name [name ...]",
		Summary:  "Tell how each name would be interpreted as a command.",
		Help: `For each NAME, say whether it is an alias, a shell keyword, a
builtin or a program file (and which one, found through $PATH).
-t  print one word: alias, keyword, builtin or file
-p  print the path of the file that would run, if it is a file
-P  search $PATH even if NAME is an alias or builtin
-a  print every interpretation, including all files in $PATH
-f  do not look NAME up among the shell's functions`,
		Run: runType,
	},
}

// ---- exec ----

func runExec(sh Shell, io IO, args []string) (int, error) {
	o, argv, ok := parseOptions(io, "exec", args[1:], "cla:")
	if !ok {
		return statusUsage, nil
	}
	if len(argv) == 0 {
		return statusOK, nil
	}
	argv0 := ""
	if o.has('a') {
		argv0 = o.value('a')
	}
	if o.has('l') {
		if argv0 == "" {
			argv0 = argv[0]
		}
		argv0 = "-" + argv0
	}
	exec := func() error { return sh.Exec(argv, io) }
	if argv0 != "" || o.has('c') {
		exec = func() error { return sh.ExecAs(argv, io, argv0, o.has('c')) }
	}
	status, err := execStatus(sh, io, argv, exec)
	if err != nil {
		// In a copy of the shell the program ran as its last command,
		// and the copy ends with its status.
		return status, err
	}
	if failOK, _ := sh.Option("execfail"); status != statusOK && !sh.Interactive() && !failOK {
		// A script cannot go on as if the program had replaced it
		// (unless shopt execfail says it may, as in bash).
		return status, sh.ExitRequest(status)
	}
	return status, nil
}

// execStatus tries to replace the shell with argv by calling exec; when
// it returns, that failed, and it reports why with the status a shell
// uses for it: 127 for a program that does not exist, 126 for one that
// cannot be executed.
func execStatus(sh Shell, io IO, argv []string, exec func() error) (int, error) {
	name := argv[0]
	if strings.Contains(name, "/") {
		// bash's exec names the file by its full path, as it tried it.
		full := execFullPath(sh, name)
		st, err := os.Stat(full)
		switch {
		case err != nil:
			fmt.Fprintf(io.Err, "%s%s: %s\n", io.ErrPrefix(), full, strerror(err))
			return 127, nil
		case st.IsDir():
			fmt.Fprintf(io.Err, "%s%s: %s\n", io.ErrPrefix(), full, strerror(syscall.EISDIR))
			errorf(io, "exec", "%s: cannot execute: %s", full, strerror(syscall.EISDIR))
			return 126, nil
		case !isExecutable(full):
			fmt.Fprintf(io.Err, "%s%s: %s\n", io.ErrPrefix(), full, strerror(syscall.EACCES))
			errorf(io, "exec", "%s: cannot execute: %s", full, strerror(syscall.EACCES))
			return 126, nil
		}
	} else if len(searchPath(sh, name)) == 0 {
		if kind, p := sh.LookPath(name); kind == KindFile {
			// A file on PATH that cannot run: bash's two messages.
			fmt.Fprintf(io.Err, "%s%s: %s\n", io.ErrPrefix(), p, strerror(syscall.EACCES))
			errorf(io, "exec", "%s: cannot execute: %s", p, strerror(syscall.EACCES))
			return 126, nil
		}
		// exec runs only programs: not aliases, not builtins, so a
		// builtin's name (exec echo) is looked up in $PATH too.
		errorf(io, "exec", "%s: not found", name)
		return 127, nil
	}
	err := exec()
	var errno syscall.Errno
	var exit interface{ ExitStatus() int }
	switch {
	case errors.As(err, &exit):
		return exit.ExitStatus(), err
	case err == nil:
		return statusOK, nil
	case errors.Is(err, jobs.ErrBinaryFile):
		fmt.Fprintf(io.Err, "%s%s: %v\n", io.ErrPrefix(), name, err)
		return 126, nil
	case !errors.As(err, &errno):
		errorf(io, "exec", "%v", err)
		return 126, nil
	case errno == syscall.ENOENT:
		// The file exists, so its interpreter (#!) does not (bash 5.2's
		// words); bash names the file by the path it ran.
		path := execFullPath(sh, name)
		if !strings.Contains(name, "/") {
			path = searchPath(sh, name)[0]
		}
		fmt.Fprintf(io.Err, "%s%s: cannot execute: required file not found\n", io.ErrPrefix(), path)
		return 127, nil
	}
	errorf(io, "exec", "%s: cannot execute: %s", name, strerror(err))
	return 126, nil
}

// execFullPath is the path bash's exec gives a relative name with a slash
// (its full_pathname): the working directory, then the name without one
// leading "./", not cleaned further ("exec d/../x" says /dir/d/../x).
func execFullPath(sh Shell, name string) string {
	if strings.HasPrefix(name, "/") {
		return name
	}
	dir := sh.Getwd()
	name = strings.TrimPrefix(name, "./")
	if strings.HasSuffix(dir, "/") {
		return dir + name
	}
	return dir + "/" + name
}

// ---- . and source ----

func runSource(sh Shell, io IO, args []string) (int, error) {
	name := args[0]
	rest := args[1:]
	if len(rest) > 0 && rest[0] == "--" {
		rest = rest[1:]
	}
	if len(rest) == 0 {
		st := usageError(io, name, "filename argument required")
		return st, posixFatal(sh, st)
	}
	file := rest[0]
	path, err := findSourceFile(sh, file)
	if err == errSourceNotFound {
		errorf(io, name, "%s: file not found", file)
		return statusFailure, posixFatal(sh, statusFailure)
	}
	if err != nil {
		messagef(io, "%s: %s", file, strerror(err))
		return statusFailure, posixFatal(sh, statusFailure)
	}
	probe := path // what the checks look at: /dev/stdin is the builtin's own fd
	if strings.Contains(file, "/") {
		probe = testPath(sh, file)
	}
	if st, err := os.Stat(probe); err == nil && st.IsDir() {
		errorf(io, name, "%s: is a directory", file)
		return statusFailure, posixFatal(sh, statusFailure)
	}
	f, err := os.Open(probe)
	if err != nil {
		messagef(io, "%s: %s", file, strerror(err))
		return statusFailure, posixFatal(sh, statusFailure)
	}
	f.Close()
	var params []string // nil: keep the current positional parameters
	if len(rest) > 1 {
		params = rest[1:]
	}
	return sh.Source(path, file, params, io)
}

// findSourceFile locates the file for "." and "source": a name with a
// slash is used as it is; otherwise $PATH is searched for a regular file
// (it need not be executable), then the current directory. With shopt
// -u sourcepath, only the current directory. In POSIX mode only $PATH
// is searched, whatever sourcepath says, and a name not found there is
// errSourceNotFound (bash).
func findSourceFile(sh Shell, file string) (string, error) {
	if strings.Contains(file, "/") {
		_, err := os.Stat(testPath(sh, file)) // /dev/stdin: the builtin's own fd
		return absolute(sh, file), err
	}
	posix, _ := sh.Option("posix")
	var dirs []string
	if on, known := sh.Option("sourcepath"); on || !known || posix {
		dirs = pathDirs(sh)
	}
	for _, dir := range dirs {
		cand := absolute(sh, filepath.Join(dir, file))
		if st, err := os.Stat(cand); err == nil && st.Mode().IsRegular() {
			return cand, nil
		}
	}
	if posix {
		return "", errSourceNotFound
	}
	cand := absolute(sh, file)
	_, err := os.Stat(cand)
	return cand, err
}

// errSourceNotFound is findSourceFile's answer, in POSIX mode, for a name
// that no directory of $PATH has: ". name: file not found", as bash.
var errSourceNotFound = errors.New("file not found")

// pathDirs splits $PATH; an empty entry means the current directory.
func pathDirs(sh Shell) []string {
	path, _ := sh.Var("PATH")
	if path == "" {
		return nil
	}
	dirs := strings.Split(path, ":")
	for i, d := range dirs {
		if d == "" {
			dirs[i] = "."
		}
	}
	return dirs
}

// searchPath lists every executable file called name in $PATH, in order
// (type -a, type -P). A name with a slash is not searched: it is itself
// the answer if it is executable.
func searchPath(sh Shell, name string) []string {
	if strings.Contains(name, "/") {
		if isExecutable(absolute(sh, name)) {
			return []string{name}
		}
		return nil
	}
	var found []string
	for _, dir := range pathDirs(sh) {
		cand := filepath.Join(dir, name)
		if isExecutable(absolute(sh, cand)) {
			found = append(found, cand)
		}
	}
	return found
}

// unrunnablePosix reports whether, in POSIX mode, path is a file that
// cannot run, which type and command do not report as found there (bash;
// running the name still tries it).
func unrunnablePosix(sh Shell, path string) bool {
	posix, _ := sh.Option("posix")
	return posix && !isExecutable(absolute(sh, path))
}

func isExecutable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular() && unix.Access(path, unix.X_OK) == nil
}

// ---- type and command ----

// keywords reports whether s is one of the shell's reserved words, which
// type reports before builtins: they are recognised by the parser, not run.
func keywords(s string) bool {
	switch s {
	case "!", "{", "}", "case", "do", "done", "elif", "else", "esac",
		"fi", "for", "if", "in", "then", "until", "while", "[[", "]]",
		"function", "time", "select", "coproc":
		return true
	}
	return false
}

// meaning is one way a name can be interpreted as a command.
type meaning struct {
	kind   string // "alias", "keyword", "function", "builtin" or "file"
	value  string // the alias text, the function's definition, or the file's path
	hashed bool   // a file the hash table holds: "ls is hashed (/usr/bin/ls)"
	// special: a special builtin in POSIX mode, "eval is a special shell
	// builtin"
	special bool
}

// aliasesOn reports whether shopt expand_aliases is on.
func aliasesOn(sh Shell) bool {
	on, _ := sh.Option("expand_aliases")
	return on
}

// describe lists how name would be interpreted, in the order the shell
// tries them: alias, keyword, function, builtin, file. With all, every
// interpretation is listed (every matching file in $PATH too); otherwise
// only the one that wins. With pathOnly only files are considered; with
// noFuncs (type -f) functions are not.
func describe(sh Shell, name string, all, pathOnly, noFuncs bool) []meaning {
	var out []meaning
	if !pathOnly {
		// As bash, an alias counts only while aliases are expanded.
		if v, ok := sh.Alias(name); ok && aliasesOn(sh) {
			out = append(out, meaning{kind: "alias", value: v})
		}
		if keywords(name) {
			out = append(out, meaning{kind: "keyword"})
		}
		if f, ok := sh.(FuncShell); ok && !noFuncs {
			if text, ok := f.FuncText(name); ok {
				out = append(out, meaning{kind: "function", value: text})
			}
		}
		if b, ok := LookupEnabled(sh, name); ok {
			posix, _ := sh.Option("posix")
			out = append(out, meaning{kind: "builtin", special: posix && b.Special})
		}
		if len(out) > 0 && !all {
			return out[:1]
		}
	}
	if all || pathOnly {
		for _, p := range searchPath(sh, name) {
			out = append(out, meaning{kind: "file", value: p})
		}
		if len(out) == 0 && !all {
			// type -P of a file that is not executable names it, as
			// bash (LookPath's last resort).
			if kind, path := sh.LookPath(name); kind == KindFile && !unrunnablePosix(sh, path) {
				out = append(out, meaning{kind: "file", value: path})
			}
		}
	} else if kind, path := sh.LookPath(name); kind == KindFile && !unrunnablePosix(sh, path) {
		p, hashed := hashedPath(sh, name)
		if on, known := sh.Option("hashall"); known && !on {
			hashed = false // set +h: the table is not used
		}
		out = append(out, meaning{kind: "file", value: path, hashed: hashed && p == path})
	}
	if len(out) > 0 && !all {
		return out[:1]
	}
	return out
}

// sentence is type's and command -V's wording for a meaning.
func (m meaning) sentence(name string) string {
	switch m.kind {
	case "alias":
		return fmt.Sprintf("%s is aliased to `%s'", name, m.value)
	case "keyword":
		return name + " is a shell keyword"
	case "builtin":
		if m.special {
			return name + " is a special shell builtin"
		}
		return name + " is a shell builtin"
	case "function":
		return name + " is a function\n" + m.value
	}
	if m.hashed {
		return name + " is hashed (" + m.value + ")"
	}
	return name + " is " + m.value
}

func runType(sh Shell, io IO, args []string) (int, error) {
	o, names, ok := parseOptions(io, "type", args[1:], "afptP")
	if !ok {
		return statusUsage, nil
	}
	var b strings.Builder
	status := statusOK
	for _, name := range names {
		ms := describe(sh, name, o.has('a'), o.has('P'), o.has('f'))
		if len(ms) == 0 {
			if !o.has('t') && !o.has('p') && !o.has('P') {
				errorf(io, "type", "%s: not found", name)
			}
			status = statusFailure
			continue
		}
		for _, m := range ms {
			switch {
			case o.has('t'):
				b.WriteString(m.kind + "\n")
			case o.has('p') || o.has('P'):
				if m.kind == "file" {
					b.WriteString(m.value + "\n")
				}
			default:
				b.WriteString(m.sentence(name) + "\n")
			}
		}
	}
	if st := writeOut(io, "type", b.String()); st != statusOK {
		return st, nil
	}
	return status, nil
}

// defaultPath is the PATH of command -p, which finds the standard
// utilities whatever $PATH says: getconf PATH on Linux.
const defaultPath = "/bin:/usr/bin"

// HashRanShell is a shell whose hash table command -p fills.
type HashRanShell interface {
	// HashRan remembers path as the program name runs, found and run
	// once, unless hashing is off (set +h).
	HashRan(name, path string)
}

// defaultPathShell is the shell as command -p sees it: $PATH is the
// default one, and PATH search uses it.
type defaultPathShell struct{ Shell }

func (d defaultPathShell) Var(name string) (string, bool) {
	if name == "PATH" {
		return defaultPath, true
	}
	return d.Shell.Var(name)
}

func (d defaultPathShell) LookPath(name string) (Kind, string) {
	kind, path := d.Shell.LookPath(name)
	if kind != KindFile && kind != NotFound {
		return kind, path
	}
	if found := searchPath(d, name); len(found) > 0 {
		return KindFile, found[0]
	}
	return NotFound, ""
}

func runBuiltin(sh Shell, io IO, args []string) (int, error) {
	_, rest, ok := parseOptions(io, "builtin", args[1:], "")
	if !ok {
		return statusUsage, nil
	}
	if len(rest) == 0 {
		return statusOK, nil
	}
	b, found := LookupEnabled(sh, rest[0])
	if !found {
		errorf(io, "builtin", "%s: not a shell builtin", rest[0])
		return statusFailure, nil
	}
	return b.Call(sh, io, rest)
}

func runCommand(sh Shell, io IO, args []string) (int, error) {
	o, rest, ok := parseOptions(io, "command", args[1:], "pvV")
	if !ok {
		return statusUsage, nil
	}
	own := sh
	if o.has('p') {
		sh = defaultPathShell{sh}
	}
	if !o.has('v') && !o.has('V') {
		if len(rest) == 0 {
			return statusOK, nil
		}
		if o.has('p') && !strings.Contains(rest[0], "/") {
			if _, isBuiltin := LookupEnabled(sh, rest[0]); !isBuiltin {
				found := searchPath(sh, rest[0])
				if len(found) == 0 {
					messagef(io, "%s: command not found", jobs.QuoteWord(rest[0]))
					return 127, nil
				}
				// The program found in the default PATH runs by its path,
				// and stays in the hash table, where the name finds it
				// again whatever $PATH says, as bash.
				if hr, ok := own.(HashRanShell); ok && strings.HasPrefix(found[0], "/") {
					hr.HashRan(rest[0], found[0])
				}
				rest = append([]string{found[0]}, rest[1:]...)
			}
		}
		io.Traced = true // "+ command ls" was the trace
		return sh.RunCommand(rest, io, false)
	}
	var b strings.Builder
	found := false
	for _, name := range rest {
		ms := describe(sh, name, false, false, false)
		if len(ms) == 0 {
			if o.has('V') {
				errorf(io, "command", "%s: not found", name)
			}
			continue
		}
		found = true
		m := ms[0]
		switch {
		case o.has('V'):
			b.WriteString(m.sentence(name) + "\n")
		case m.kind == "alias":
			b.WriteString("alias " + name + "=" + singleQuote(m.value) + "\n")
		case m.kind == "file":
			b.WriteString(m.value + "\n")
		default:
			b.WriteString(name + "\n")
		}
	}
	if st := writeOut(io, "command", b.String()); st != statusOK {
		return st, nil
	}
	// As in bash: success if any name was found, or none was asked for.
	if !found && len(rest) > 0 {
		return statusFailure, nil
	}
	return statusOK, nil
}
