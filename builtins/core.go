package builtins

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"gosh/jobs"
)

// The builtins that change the shell's own state: its directory,
// variables, parameters and options, and its life (exit).

var coreBuiltins = []*Builtin{
	{
		Name:     "cd",
		Synopsis: "cd [-L|[-P [-e]] [-@]] [dir]",
		Summary:  "Change the shell's working directory.",
		Help: `Change the current directory to DIR; without DIR, to $HOME.
"cd -" goes back to $OLDPWD and prints the new directory.
A relative DIR is also looked up in each directory of $CDPATH.
-L follows symbolic links logically (default); -P resolves them first,
and with -e cd fails (status 1) when the new directory's name cannot be
found out afterwards. (-@, for extended attributes, is refused on Linux.)
cd must be a builtin: a child process changing its own directory
would leave the shell where it was. PWD and OLDPWD are updated.`,
		Run: runCd,
	},
	{
		Name:     "pwd",
		Synopsis: "pwd [-LP]",
		Summary:  "Print the name of the current working directory.",
		Help: `Print the shell's working directory.
-L prints $PWD, which may contain symbolic links (default);
-P prints the physical directory, with every link resolved.`,
		Run: runPwd,
	},
	{
		Name:     "exit",
		Synopsis: "exit [n]",
		Summary:  "Exit the shell.",
		Help: `Exit the shell with status N (taken modulo 256).
Without N the status is that of the last command run.
A parent process reads this number with wait(2) as the exit code.`,
		Run:     runExit,
		Special: true,
	},
	{
		Name:     "logout",
		Synopsis: "logout [n]",
		Summary:  "Exit a login shell.",
		Help: `Exit a login shell with status N, as exit does (and an
interactive one says "logout" on its way out). In a shell that is not a
login shell it is an error: use exit.`,
		Run: runLogout,
	},
	{
		Name:     "export",
		Synopsis: "export [-fn] [name[=value] ...] or export -p",
		Summary:  "Mark variables for the environment of child processes.",
		Help: `Mark each NAME to be passed to the programs the shell starts,
assigning VALUE first if given. Exported variables form the
environment (envp) handed to execve.
-n removes the export mark; -p (or no NAME) lists exported
variables as "declare -x" commands. NAME+=VALUE appends, and
NAME=(...) assigns an array.
-f: each NAME is a function, passed to programs as bash does, in the
variable BASH_FUNC_NAME%% (a bash started by gosh has it); without
NAME, list the exported functions. A subshell has every function
anyway.`,
		Run:     runExport,
		Special: true,
	},
	{
		Name:     "unset",
		Synopsis: "unset [-f] [-v] [-n] [name ...]",
		Summary:  "Remove shell variables.",
		Help: `Remove each variable NAME from the shell (and so from the
environment of later children). Read-only variables cannot be unset.
NAME[SUB] removes one element of an array.
-v  NAME is a variable (the default)
-f  NAME is a function
-n  if NAME is a name reference (declare -n), remove the reference
    itself, not the variable it refers to; any other NAME is left
    alone (bash 5.2)
Without -v or -f, a NAME that is no variable but a function removes
the function.`,
		Run:     runUnset,
		Special: true,
	},
	{
		Name:     "echo",
		Synopsis: "echo [-neE] [arg ...]",
		Summary:  "Write arguments to the standard output.",
		Help: `Write the ARGs separated by spaces, followed by a newline.
-n  do not write the trailing newline
-e  interpret backslash escapes: \a \b \c (stop output) \e \f \n \r
    \t \v \\ \0nnn (octal) \xHH (hex) \uHHHH \UHHHHHHHH
-E  do not interpret escapes (default)`,
		Run: runEcho,
	},
	{
		Name:     "true",
		Synopsis: "true",
		Summary:  "Return a successful result.",
		Help:     "Do nothing, with exit status 0.",
		Run:      func(Shell, IO, []string) (int, error) { return 0, nil },
	},
	{
		Name:     "false",
		Synopsis: "false",
		Summary:  "Return an unsuccessful result.",
		Help:     "Do nothing, with exit status 1.",
		Run:      func(Shell, IO, []string) (int, error) { return 1, nil },
	},
	{
		Name:     ":",
		Synopsis: ": [arguments]",
		Summary:  "Null command: do nothing, successfully.",
		Help: `Do nothing except expand the arguments and perform the
redirections; the exit status is 0. ": > file" truncates a file.`,
		Run:     func(Shell, IO, []string) (int, error) { return 0, nil },
		Special: true,
	},
	{
		Name:     "shift",
		Synopsis: "shift [n]",
		Summary:  "Shift positional parameters.",
		Help: `Drop the first N positional parameters (default 1):
$N+1 becomes $1. Fails if N is greater than $#.`,
		Run:     runShift,
		Special: true,
	},
	{
		Name:     "set",
		Synopsis: "set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]",
		Summary:  "Set shell options and positional parameters.",
		Help: `Without arguments, print every shell variable.
-a allexport  export every variable that is assigned
-e errexit    exit when a command fails
-u nounset    expanding an unset variable is an error
-x xtrace     print each command before running it
-b notify     report finished background jobs at once
-m monitor    job control: each job gets its own process group
-C noclobber  '>' does not overwrite existing files
-f noglob     no pathname expansion
-H histexpand ! history expansion (on at an interactive prompt)
-B braceexpand {a,b} and {1..5} brace expansion (on by default)
-p privileged  keep the ids of a setuid start; +p drops them for good
-v verbose    print input lines as they are read
-n noexec     read commands but run none (ignored at a prompt)
-o pipefail   a pipeline's status is its last failing stage's
-o vi, -o emacs  the key map of the line editor: vi keys or emacs keys
-o history    record commands in the history (on at a prompt)
-o ignoreeof  Ctrl+D does not leave the shell (sets IGNOREEOF=10)
-o posix      bash's POSIX mode (as $POSIXLY_CORRECT, gosh --posix, or
              gosh started as sh): special builtins' rules and the rest
-o lang=en|ko  the language of the teaching texts (help, labs, explain,
              the trace); +o lang leaves it to LC_ALL, LC_MESSAGES, LANG
-o NAME sets an option by name (e.g. -o trace, which narrates the
system calls the shell makes); +o and +LETTER turn options off.
"set -o" lists options, "set +o" prints commands that restore them.
Remaining ARGs become $1 $2 ...; "set --" clears them.`,
		Run:     runSet,
		Special: true,
	},
	{
		Name:       "eval",
		ReadsInput: true,
		Synopsis:   "eval [arg ...]",
		Summary:    "Run arguments as a shell command.",
		Help: `Join the ARGs with spaces and run the result as shell input,
in the current shell. The exit status is that of the command.`,
		Run:     runEval,
		Special: true,
	},
}

// ---- cd and pwd ----

func runCd(sh Shell, io IO, args []string) (int, error) {
	o, rest, ok := parseOptions(io, "cd", args[1:], "LPe")
	if !ok {
		return statusUsage, nil
	}
	physical := lastOf(o, 'L', 'P') == 'P'
	if p, _ := sh.Option("physical"); p && lastOf(o, 'L', 'P') != 'L' {
		physical = true // set -P: as cd -P unless -L is given
	}
	if len(rest) > 1 {
		errorf(io, "cd", "too many arguments")
		return statusFailure, nil
	}
	return changeDir(sh, io, "cd", rest, physical, o.has('e')), nil
}

// changeDir is cd's work for cd and pushd (name, in its messages): to
// rest[0], or $HOME without it; "-" is $OLDPWD, printed; a relative name
// is looked up in $CDPATH. physical: -P; checkWd: -e.
func changeDir(sh Shell, io IO, name string, rest []string, physical, checkWd bool) int {
	var dir string
	printDir := false
	switch {
	case len(rest) == 0:
		home, ok := sh.Var("HOME")
		if !ok {
			errorf(io, name, "HOME not set")
			return statusFailure
		}
		dir = home
	case rest[0] == "-":
		old, ok := sh.Var("OLDPWD")
		if !ok || old == "" {
			errorf(io, name, "OLDPWD not set")
			return statusFailure
		}
		dir = old
		printDir = true
	default:
		dir = rest[0]
	}
	if dir == "" {
		// bash: an empty directory name changes nothing.
		return statusOK
	}

	target := dir
	if found, fromCDPATH := searchCDPATH(sh, dir); found != "" {
		target = found
		printDir = printDir || fromCDPATH
	}
	wd := sh.Getwd()
	if posix, _ := sh.Option("posix"); posix {
		wd = "" // no fall back to chdir(2) on the name: every ".." is checked
	}
	var err error
	if physical {
		// The path as written, not cleaned first: the system follows
		// each link before the ".." after it (cd -P link/..), and
		// "file/.." is not a directory, as for bash's chdir.
		raw := rawAbsolute(sh, target)
		if _, err = os.Stat(raw); err == nil {
			if resolved, rerr := filepath.EvalSymlinks(raw); rerr == nil {
				target = resolved
			}
		} else if _, werr := os.Stat(sh.Getwd()); werr != nil && !filepath.IsAbs(target) {
			// The working directory has lost its name (removed): the
			// path cannot be looked at through it, and the change
			// goes by the name as given (Chdir), as before.
			err = nil
			if resolved, rerr := filepath.EvalSymlinks(absolute(sh, target)); rerr == nil {
				target = resolved
			}
		}
	} else if err := checkDotDot(rawAbsolute(sh, target), wd); err != nil {
		errorf(io, name, "%s: %s", jobs.QuoteWord(dir), strerror(err))
		return statusFailure
	}
	if err == nil {
		err = chdirNamed(sh, io, target)
	}
	if err != nil {
		if v, ok := cdableVar(sh, dir); ok && sh.Chdir(v) == nil {
			// shopt cdable_vars: the variable's directory, shown as bash.
			return writeOut(io, name, sh.Getwd()+"\n")
		}
		if fixed, ok := cdspell(sh, dir); ok && sh.Chdir(fixed) == nil {
			// shopt cdspell (cdspell.go): the mended name is shown.
			return writeOut(io, name, fixed+"\n")
		}
		// bash's printable_filename: a name with a control character is
		// shown in $'...' form (cd only; source and the redirections
		// print the name as it is).
		errorf(io, name, "%s: %s", jobs.QuoteWord(dir), strerror(err))
		return statusFailure
	}
	if physical && checkWd {
		// cd -P -e: fail when the new directory cannot be named.
		if _, err := os.Getwd(); err != nil {
			return statusFailure
		}
	}
	if printDir {
		return writeOut(io, name, sh.Getwd()+"\n")
	}
	return statusOK
}

// cdableVar is, under shopt cdable_vars, the value of the variable dir
// names when dir is a name that is no directory.
func cdableVar(sh Shell, dir string) (string, bool) {
	if on, _ := sh.Option("cdable_vars"); !on || !isName(dir) {
		return "", false
	}
	v, ok := sh.Var(dir)
	return v, ok && v != ""
}

// WdUnnamed is what Shell.Chdir returns when it did change the directory
// but the new one has no name getcwd(3) can find (it, or a parent, was
// removed): the shell keeps the path as it was asked for, and the caller
// says so in bash's words, without the shell's name or line:
// "cd: error retrieving current directory: getcwd: cannot access parent
// directories: No such file or directory". Who is "cd", or "chdir" when
// the shell did not know its directory even before (after a failed
// pwd -P), as bash's get_working_directory names its callers.
type WdUnnamed struct {
	Who string
	Err error
}

func (e *WdUnnamed) Error() string {
	return e.Who + ": error retrieving current directory: " + getcwdError(e.Err)
}

// WdForgetter is a shell that can drop its idea of the working
// directory, to ask getcwd(3) again next time (bash's resetpwd).
type WdForgetter interface {
	ForgetWd()
}

// chdirNamed is sh.Chdir for cd, pushd and popd: a directory left
// without a name is a change made, reported on stderr (WdUnnamed).
func chdirNamed(sh Shell, io IO, dir string) error {
	err := sh.Chdir(dir)
	var lost *WdUnnamed
	if errors.As(err, &lost) {
		fmt.Fprintln(io.Err, lost.Error())
		return nil
	}
	return err
}

// checkDotDot is bash's check before a logical cd: "a/.." is taken away
// from the path by the letter, but only when a is a directory, so that
// "cd nosuch/.." fails as it would without the shortcut. p is absolute
// and not yet cleaned. The working directory wd itself is not checked:
// "cd .." leaves a directory that was removed, as in bash.
func checkDotDot(p, wd string) error {
	cur := "/"
	for _, comp := range strings.Split(p, "/") {
		switch comp {
		case "", ".":
		case "..":
			if strings.HasPrefix(wd+"/", cur+"/") {
				// The working directory and the path it was entered by
				// ("d/e/f/.." once e is removed) are not checked: bash's
				// check fails there, and it falls back to chdir(2) on the
				// name as given, which the kernel can still follow.
				cur = filepath.Dir(cur)
				continue
			}
			if st, err := os.Stat(cur); err != nil {
				return err
			} else if !st.IsDir() {
				return syscall.ENOTDIR
			}
			cur = filepath.Dir(cur)
		default:
			cur = filepath.Join(cur, comp)
		}
	}
	return nil
}

// rawAbsolute is absolute without cleaning: "a/.." stays in the path.
func rawAbsolute(sh Shell, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return sh.Getwd() + "/" + p
}

// searchCDPATH looks a relative directory up in $CDPATH. It returns the
// directory found, and whether it came from a non-empty CDPATH entry (then
// cd prints where it went, since the user could not have known). Names
// starting with / . or .. are never searched.
func searchCDPATH(sh Shell, dir string) (string, bool) {
	cdpath, ok := sh.Var("CDPATH")
	if !ok || cdpath == "" || strings.HasPrefix(dir, "/") ||
		dir == "." || dir == ".." || strings.HasPrefix(dir, "./") || strings.HasPrefix(dir, "../") {
		return "", false
	}
	for _, entry := range strings.Split(cdpath, ":") {
		base := entry
		if base == "" {
			base = "."
		}
		cand := filepath.Join(base, dir)
		if st, err := os.Stat(absolute(sh, cand)); err == nil && st.IsDir() {
			if entry == "" {
				return dir, false
			}
			return cand, true
		}
	}
	return "", false
}

// absolute makes a path absolute against the shell's working directory
// (which is the process's, but the shell's view, $PWD, may name it through
// symbolic links).
func absolute(sh Shell, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(sh.Getwd(), p)
}

// lastOf returns whichever of the option letters a and b was given last,
// or 0 if neither was: "-LP" means -P.
func lastOf(o *options, a, b byte) byte {
	var last byte
	for _, c := range o.seq {
		if c == a || c == b {
			last = c
		}
	}
	return last
}

func runPwd(sh Shell, io IO, args []string) (int, error) {
	o, _, ok := parseOptions(io, "pwd", args[1:], "LP")
	if !ok {
		return statusUsage, nil
	}
	wd := sh.Getwd()
	if wd == "" {
		// No name for the directory (after a failed pwd -P in one that
		// was removed): asked again, getcwd(3) still fails.
		w, err := os.Getwd()
		if err != nil {
			fmt.Fprintf(io.Err, "pwd: error retrieving current directory: %s\n", getcwdError(err))
			if posix, _ := sh.Option("posix"); posix {
				// bash's POSIX mode asks twice (get_working_directory,
				// then its check of the name), and says so twice.
				fmt.Fprintf(io.Err, "pwd: error retrieving current directory: %s\n", getcwdError(err))
			}
			return statusFailure, nil
		}
		wd = w
	}
	physical, _ := sh.Option("physical") // set -P: as pwd -P unless -L is given
	// In POSIX mode pwd checks that the name it would print is still the
	// working directory; when it is not, it prints the physical one.
	posix, _ := sh.Option("posix")
	stale := posix && !sameDir(wd, ".")
	if lastOf(o, 'L', 'P') == 'P' || physical && lastOf(o, 'L', 'P') != 'L' || stale {
		var resolved string
		var err error
		if stale {
			resolved, err = os.Getwd()
		} else if filepath.IsAbs(wd) {
			resolved, err = filepath.EvalSymlinks(wd)
		} else {
			resolved, err = os.Getwd() // "..", as bash names it after a lost directory
		}
		if err != nil {
			// bash's words, without the shell's name or line (bash
			// writes this one plainly, in a script too).
			fmt.Fprintf(io.Err, "pwd: error retrieving current directory: %s\n", getcwdError(err))
			if f, ok := sh.(WdForgetter); ok {
				f.ForgetWd() // bash's resetpwd: the next cd says "chdir: ..."
			}
			return statusFailure, nil
		}
		wd = resolved
	}
	return writeOut(io, "pwd", wd+"\n"), nil
}

// sameDir reports whether the paths a and b name one directory.
func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// getcwdError words a failure to name the working directory as bash does
// (its getcwd walks up through the parents).
func getcwdError(err error) string {
	if os.IsNotExist(err) {
		return "getcwd: cannot access parent directories: " + strerror(err)
	}
	return strerror(err)
}

// ---- exit ----

// runExit always ends the shell (or the subshell it runs in), as bash's
// does: even a bad argument exits, with status 2. An interactive shell says
// "exit" on its way out.
func runExit(sh Shell, io IO, args []string) (int, error) {
	return exitShell(sh, io, args, "exit")
}

// runLogout is exit for a login shell; any other shell refuses, as bash.
func runLogout(sh Shell, io IO, args []string) (int, error) {
	if login, _ := sh.Option("login_shell"); !login {
		errorf(io, "logout", "not login shell: use `exit'")
		return statusFailure, nil
	}
	return exitShell(sh, io, args, "logout")
}

// exitShell ends the shell for exit and logout, named word.
func exitShell(sh Shell, io IO, args []string, word string) (int, error) {
	say := sh.Interactive()
	if a, ok := sh.(ExitAnnouncer); ok {
		say = a.AnnouncesExit()
	}
	if say {
		fmt.Fprintln(io.Err, word)
	}
	status := sh.LastStatus()
	if et, ok := sh.(ExitTrapShell); ok {
		if st, in := et.ExitTrapStatus(); in {
			status = st // bash: a bare exit in the EXIT trap keeps the status the shell was ending with
		}
	}
	args = args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	switch {
	case len(args) > 1:
		errorf(io, word, "too many arguments")
		status = statusFailure
	case len(args) == 1:
		n, ok := parseInt(args[0])
		if !ok {
			errorf(io, word, "%s: numeric argument required", args[0])
			n = statusUsage
		}
		status = n & 0xff
	}
	return status, sh.ExitRequest(status)
}

// ExitAnnouncer tells exit and logout whether to say so on their way
// out: an interactive shell does, but not one running a script (bash -i
// FILE), as bash.
type ExitAnnouncer interface {
	AnnouncesExit() bool
}

// ExitTrapShell tells exit, given no number, the status the shell was
// ending with when its EXIT trap started (shell/trap_unix.go).
type ExitTrapShell interface {
	ExitTrapStatus() (status int, inTrap bool)
}

// ---- export and unset ----

func runExport(sh Shell, io IO, args []string) (int, error) {
	o, rest, ok := parseOptions(io, "export", args[1:], "fnp")
	if !ok {
		return statusUsage, nil
	}
	if o.has('f') {
		if len(rest) == 0 {
			if o.has('n') {
				return statusOK, nil
			}
			return listFunctions(sh, io, "export", func(exported, _ bool) bool { return exported }), nil
		}
		return markFunctions(sh, io, "export", rest, func(fa FuncAttrShell, name string) bool {
			return fa.SetFuncExported(name, !o.has('n'))
		}), nil
	}
	if len(rest) == 0 {
		if o.has('n') {
			return statusOK, nil
		}
		return printExported(sh, io), nil
	}
	return assignEach(sh, io, "export", rest, func(name string) error {
		if o.has('n') {
			return unexport(sh, name)
		}
		sh.Export(name)
		return nil
	})
}

// assignEach handles the NAME[=value] arguments that export and readonly
// share: it checks each name, assigns the value when there is one, then
// calls mark (export it, make it read-only). In POSIX mode a value for a
// read-only variable ends a non-interactive shell (posixFatal): both are
// special builtins.
func assignEach(sh Shell, io IO, builtin string, args []string, mark func(name string) error) (int, error) {
	status := statusOK
	for _, arg := range args {
		name, _, assign := strings.Cut(arg, "=")
		if assign {
			name = strings.TrimSuffix(name, "+") // x+=more appends
		}
		if !isName(name) {
			shown := arg
			if strings.Contains(name, "[") {
				shown = name // bash shows a[1], not a[1]=v
			}
			errorf(io, builtin, "`%s': not a valid identifier", shown)
			status = statusFailure
			continue
		}
		if assign {
			// AssignWord takes x=v, x+=v and x=(a b) as an assignment would.
			if err := sh.AssignWord(arg); noAssign(err) {
				// export GROUPS=v: the value stays, the mark is given,
				// status 0, as in bash.
			} else if err != nil {
				// bash words it without the builtin's name: "x: readonly variable".
				fmt.Fprintf(io.Err, "%s%v\n", io.ErrPrefix(), err)
				status = statusFailure
				if fatal := posixFatal(sh, status); fatal != nil && sh.IsReadOnly(name) {
					return status, fatal
				}
				continue
			}
		}
		if err := mark(name); err != nil {
			fmt.Fprintf(io.Err, "%s%v\n", io.ErrPrefix(), err)
			status = statusFailure
		}
	}
	return status, nil
}

// unexport removes the export mark from a variable, keeping its value
// and its other attributes.
func unexport(sh Shell, name string) error {
	sh.Unexport(name)
	return nil
}

// printExported lists exported variables as bash does, as commands that
// would recreate them: declare -x HOME="/home/ann", declare -rx for a
// read-only one, declare -ax for an array.
func printExported(sh Shell, io IO) int {
	var b strings.Builder
	posix, _ := sh.Option("posix")
	for _, name := range sortedNames(sh) {
		if sh.IsExported(name) {
			line, _ := declareLine(sh, name)
			b.WriteString(posixDeclLine(line, "export", posix))
		}
	}
	return writeOut(io, "export", b.String())
}

// posixDeclLine is a declare -p line as export -p and readonly -p write
// it in POSIX mode (posix): "export x="1"", "readonly -a a=(...)": the
// builtin's name, and of the attributes only an array's -a or -A.
func posixDeclLine(line, builtin string, posix bool) string {
	rest, ok := strings.CutPrefix(line, "declare -")
	if !posix || !ok {
		return line
	}
	flags, rest, _ := strings.Cut(rest, " ")
	switch {
	case strings.Contains(flags, "a"):
		builtin += " -a"
	case strings.Contains(flags, "A"):
		builtin += " -A"
	}
	return builtin + " " + rest
}

func sortedNames(sh Shell) []string {
	names := append([]string(nil), sh.VarNames()...)
	sort.Strings(names)
	return names
}

// isArrayRef reports whether s is NAME[subscript] (unset 'a[1]').
func isArrayRef(s string) bool {
	i := strings.IndexByte(s, '[')
	return i > 0 && isName(s[:i]) && strings.HasSuffix(s, "]")
}

func runUnset(sh Shell, io IO, args []string) (int, error) {
	o, rest, ok := parseOptions(io, "unset", args[1:], "fnv")
	if !ok {
		return statusUsage, nil
	}
	status := statusOK
	for _, name := range rest {
		if o.has('f') {
			// unset -f: the function (functions.go's FuncShell).
			if funcIsReadonly(sh, name) {
				errorf(io, "unset", "%s: cannot unset: readonly function", name)
				status = statusFailure
				continue
			}
			if f, ok := sh.(FuncShell); ok {
				f.UnsetFunc(name)
			}
			continue
		}
		if o.has('n') && !o.has('v') {
			// unset -n: a reference itself; any other name is left
			// alone, as bash 5.2 does.
			if _, _, isRef := nameRef(sh, name); isRef {
				if err := sh.(NameRefShell).UnsetNameRef(name); err != nil {
					errorf(io, "unset", "%s: cannot unset: readonly variable", name)
					status = statusFailure
				}
			}
			continue
		}
		// As bash 5: a name that cannot be a variable ("1a") names
		// nothing to unset, which is not an error; with -v it is one.
		if !isName(name) && !isArrayRef(name) {
			if o.has('v') {
				errorf(io, "unset", "`%s': not a valid identifier", name)
				status = statusFailure
			}
			continue
		}
		// Without -v, a name that is no variable but a function names
		// the function, as in bash.
		if f, ok := sh.(FuncShell); ok && !o.has('v') && !declareExists(sh, name) {
			if _, isFunc := f.FuncText(name); isFunc {
				if funcIsReadonly(sh, name) {
					errorf(io, "unset", "%s: cannot unset: readonly function", name)
					status = statusFailure
					continue
				}
				f.UnsetFunc(name)
				continue
			}
		}
		if err := sh.Unset(name); err != nil {
			// The error names the variable: a reference's target.
			if ro, ok := strings.CutSuffix(err.Error(), ": readonly variable"); ok {
				errorf(io, "unset", "%s: cannot unset: readonly variable", ro)
			} else {
				errorf(io, "unset", "%s", err)
			}
			status = statusFailure
		}
	}
	return status, nil
}

// ---- echo ----

// runEcho parses options as bash does: an argument is an option only if
// it is '-' followed solely by the letters n, e and E; the first other
// argument starts the text.
func runEcho(sh Shell, io IO, args []string) (int, error) {
	newline := true
	escapes, _ := sh.Option("xpg_echo") // shopt -s xpg_echo: -e by default
	args = args[1:]
	options := true
	if escapes {
		// With xpg_echo in POSIX mode, echo takes no options at all.
		posix, _ := sh.Option("posix")
		options = !posix
	}
	for options && len(args) > 0 && isEchoOption(args[0]) {
		for _, c := range args[0][1:] {
			switch c {
			case 'n':
				newline = false
			case 'e':
				escapes = true
			case 'E':
				escapes = false
			}
		}
		args = args[1:]
	}
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		if escapes {
			text, stop := echoEscapes(a)
			b.WriteString(text)
			if stop {
				return writeOut(io, "echo", b.String()), nil
			}
		} else {
			b.WriteString(a)
		}
	}
	if newline {
		b.WriteByte('\n')
	}
	return writeOut(io, "echo", b.String()), nil
}

func isEchoOption(a string) bool {
	if len(a) < 2 || a[0] != '-' {
		return false
	}
	return strings.Trim(a[1:], "neE") == ""
}

// echoEscapes interprets echo -e's backslash escapes in s. stop is true
// after \c, which ends all output (no newline either).
func echoEscapes(s string) (out string, stop bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'c':
			return b.String(), true
		case 'e', 'E':
			b.WriteByte(0x1b)
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '\\':
			b.WriteByte('\\')
		case '0': // \0nnn: up to three octal digits after the 0
			n, used := digits(s[i+1:], 8, 3)
			b.WriteByte(byte(n))
			i += used
		case 'x': // \xHH: one or two hex digits
			n, used := digits(s[i+1:], 16, 2)
			if used == 0 {
				b.WriteString(`\x`)
				continue
			}
			b.WriteByte(byte(n))
			i += used
		case 'u', 'U': // \uHHHH, \UHHHHHHHH: a Unicode character, in UTF-8
			max := 4
			if s[i] == 'U' {
				max = 8
			}
			n, used := digits(s[i+1:], 16, max)
			if used == 0 {
				b.WriteByte('\\')
				b.WriteByte(s[i])
				continue
			}
			b.WriteRune(rune(n))
			i += used
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String(), false
}

// digits reads up to max digits in base from the start of s, returning
// their value and how many it read.
func digits(s string, base, max int) (value, used int) {
	for used < max && used < len(s) {
		d, err := strconv.ParseUint(s[used:used+1], base, 8)
		if err != nil {
			break
		}
		value = value*base + int(d)
		used++
	}
	return value, used
}

// ---- shift ----

func runShift(sh Shell, io IO, args []string) (int, error) {
	n := 1
	label := "" // what "shift count out of range" names
	if len(args) >= 2 && args[1] == "--" {
		// "shift -- 2": the end of the options, as bash; its message
		// then names the "--" (bash's quirk).
		label = "--"
		args = append(args[:1:1], args[2:]...)
	}
	if len(args) >= 2 {
		if label == "" {
			label = args[1]
		}
		v, ok := parseInt(args[1])
		if !ok {
			errorf(io, "shift", "%s: numeric argument required", args[1])
			return statusFailure, nil
		}
		if len(args) > 2 {
			// bash drops the rest of the command line too.
			errorf(io, "shift", "too many arguments")
			return statusFailure, ErrDiscardLine
		}
		n = v
	}
	params := sh.Positional()
	if n < 0 || n > len(params) {
		// Shifting past the end fails quietly, as in bash, unless shopt
		// shift_verbose is on; a negative count is always reported.
		verbose, _ := sh.Option("shift_verbose")
		switch {
		case len(args) == 2 && (n < 0 || verbose):
			errorf(io, "shift", "%s: shift count out of range", label)
		case verbose:
			errorf(io, "shift", "shift count out of range")
		}
		return statusFailure, nil
	}
	sh.SetPositional(append([]string(nil), params[n:]...))
	return statusOK, nil
}

// ---- set ----

// ArgsSetShell is told when the set builtin (not shift) gives new
// positional parameters: a . file with arguments that does so keeps
// them, as in bash.
type ArgsSetShell interface {
	ArgsSet()
}

// setLetters maps set's single-letter options to their -o names (an
// array the compiler lays out as data; "" for a letter that is none).
var setLetters = [128]string{
	'a': "allexport",
	'H': "histexpand",
	'B': "braceexpand",
	'p': "privileged",
	'b': "notify",
	'C': "noclobber",
	'e': "errexit",
	'f': "noglob",
	'h': "hashall",
	'E': "errtrace",
	'T': "functrace",
	'P': "physical",
	'm': "monitor",
	'u': "nounset",
	'x': "xtrace",
	'v': "verbose",
	'n': "noexec",
	'k': "keyword",
	't': "onecmd",
}

// setLetter is the -o name of set's option letter c.
func setLetter(c byte) (string, bool) {
	if int(c) >= len(setLetters) || setLetters[c] == "" {
		return "", false
	}
	return setLetters[c], true
}

// settableOptions lists the options set -o knows, sorted: the shell's
// options except "interactive", which only the command line decides.
func settableOptions(sh Shell) []string {
	var names []string
	for _, n := range sh.OptionNames() {
		if n != "interactive" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

func isSettable(sh Shell, name string) bool {
	for _, n := range settableOptions(sh) {
		if n == name {
			return true
		}
	}
	return false
}

func runSet(sh Shell, io IO, args []string) (int, error) {
	if len(args) == 1 {
		return printVariables(sh, io), nil
	}
	i := 1
	setParams := false
	for i < len(args) {
		a := args[i]
		if a == "--" {
			i++
			setParams = true
			break
		}
		if a == "-" {
			// "set -" turns off -x and -v and ends the options.
			if err := sh.SetOption("xtrace", false); err != nil {
				errorf(io, "set", "%v", err)
				return statusFailure, nil
			}
			// A shell without -v (a test's fake) has nothing to turn off.
			_ = sh.SetOption("verbose", false)
			i++
			setParams = i < len(args)
			break
		}
		if a == "+" {
			i++ // a lone "+" is ignored, as in bash
			continue
		}
		if len(a) < 2 || (a[0] != '-' && a[0] != '+') {
			setParams = true
			break
		}
		on := a[0] == '-'
		for k := 1; k < len(a); k++ {
			c := a[k]
			if c == 'o' {
				if i+1 >= len(args) {
					// -o / +o alone: show the options.
					if on {
						return listOptions(sh, io), nil
					}
					return optionCommands(sh, io), nil
				}
				i++
				if st := setOption(sh, io, args[i], on); st != statusOK {
					return st, nil
				}
				continue
			}
			name, ok := setLetter(c)
			if !ok {
				return usageError(io, "set", string(a[0])+string(c)+": invalid option"), nil
			}
			if st := setOption(sh, io, name, on); st != statusOK {
				return st, nil
			}
		}
		i++
	}
	if setParams {
		sh.SetPositional(append([]string(nil), args[i:]...))
		if as, ok := sh.(ArgsSetShell); ok {
			as.ArgsSet()
		}
	}
	return statusOK, nil
}

func setOption(sh Shell, io IO, name string, on bool) int {
	// An option with a value is set as NAME=VALUE (set -o lang=ko).
	if base, _, ok := strings.Cut(name, "="); ok {
		if _, valued := sh.OptionValue(base); !valued {
			errorf(io, "set", "%s: invalid option name", name)
			return statusUsage
		}
	} else if !isSettable(sh, name) {
		errorf(io, "set", "%s: invalid option name", name)
		return statusUsage
	}
	if err := sh.SetOption(name, on); err != nil {
		errorf(io, "set", "%v", err)
		return statusFailure
	}
	return statusOK
}

// listOptions prints "set -o": each option and its state, as bash aligns it.
func listOptions(sh Shell, io IO) int {
	var b strings.Builder
	for _, name := range settableOptions(sh) {
		on, _ := sh.Option(name)
		state := "off"
		if v, ok := sh.OptionValue(name); ok && v != "" {
			state = v
		} else if on {
			state = "on"
		}
		fmt.Fprintf(&b, "%-15s\t%s\n", name, state)
	}
	return writeOut(io, "set", b.String())
}

// optionCommands prints "set +o": the set commands that would restore the
// current options.
func optionCommands(sh Shell, io IO) int {
	var b strings.Builder
	for _, name := range settableOptions(sh) {
		on, _ := sh.Option(name)
		if v, ok := sh.OptionValue(name); ok && v != "" {
			fmt.Fprintf(&b, "set -o %s=%s\n", name, v)
			continue
		}
		sign := "+"
		if on {
			sign = "-"
		}
		fmt.Fprintf(&b, "set %so %s\n", sign, name)
	}
	return writeOut(io, "set", b.String())
}

// printVariables is "set" without arguments: every shell variable as
// NAME=value, quoted so that the output can be read back (arrays as
// NAME=([0]="a" ...)), then the functions, as bash prints them.
func printVariables(sh Shell, io IO) int {
	return declareListAll(sh, io, "set")
}

// ---- eval ----

func runEval(sh Shell, io IO, args []string) (int, error) {
	_, rest, ok := parseOptions(io, "eval", args[1:], "")
	if !ok {
		return statusUsage, nil // "eval -x": an invalid option, as bash
	}
	src := strings.Join(rest, " ")
	if strings.TrimSpace(src) == "" {
		return statusOK, nil
	}
	return sh.Eval(src, io)
}
