package shell

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gosh/builtins"
	"gosh/jobs"
	"gosh/parser"

	"golang.org/x/sys/unix"
)

// This file implements builtins.Shell: everything a builtin may see or
// change of the shell that runs it.

var _ builtins.Shell = (*Shell)(nil)

func (sh *Shell) Var(name string) (string, bool) { return sh.getVar(name) }

// SetVar assigns a variable, or with a subscript (read 'a[1]', printf -v
// 'a[k]') one element of an array.
func (sh *Shell) SetVar(name, value string) error {
	if base, sub, ok := cutSubscript(name); ok && parser.IsName(base) {
		s, err := sh.subscriptText(base, sub)
		if err != nil {
			return err
		}
		return sh.setElem(base, s, value, false)
	}
	return sh.setScalar(name, value)
}
func (sh *Shell) Export(name string) { sh.Vars.Export(name) }
func (sh *Shell) VarNames() []string { return sh.Vars.Names() }
func (sh *Shell) IsExported(name string) bool {
	v := sh.Vars.Lookup(name)
	return v != nil && v.Exported
}

// callerLocal is bash's unset of a variable local to a calling function
// (shopt localvar_unset off, the default): the local goes away and the
// variable it hid is seen again, here and in the caller. ok is false when
// name is no such local (not local at all, or local to the running
// function, which unset leaves local and unset).
// WithGlobal implements builtins.GlobalShell: while fn runs, the global
// variable name, which the locals of running functions keep in their
// frames (function.go), is in the table in place of the local that hides
// it; then the global goes back to the outermost frame and the local to
// the table.
func (sh *Shell) WithGlobal(name string, fn func()) {
	var outer *savedVar
	for f := sh.flow.frame; f != nil; f = f.parent {
		for i := range f.saved {
			if f.saved[i].name == name {
				outer = &f.saved[i]
			}
		}
	}
	if outer == nil {
		fn() // no local hides it
		return
	}
	local := sh.Vars.Lookup(name)
	sh.Vars.put(name, outer.v)
	defer func() {
		outer.v = sh.Vars.Lookup(name)
		sh.Vars.put(name, local)
	}()
	fn()
}

func (sh *Shell) callerLocal(name string) (err error, ok bool) {
	if sh.Opts.Shopt.LocalvarUnset {
		return nil, false
	}
	for f := sh.flow.frame; f != nil; f = f.parent {
		for i, s := range f.saved {
			if s.name != name {
				continue
			}
			if f == sh.flow.frame {
				return nil, false
			}
			if x := sh.Vars.LookupRef(name); x != nil && x.ReadOnly {
				return &readOnlyError{name}, true
			}
			sh.Vars.put(name, s.v)
			// The caller's local is gone: its return puts nothing back,
			// and the next unset unsets what is seen now. (A copy of the
			// shell has frames of its own: copyFrames.)
			f.saved = slices.Delete(f.saved, i, i+1)
			return nil, true
		}
	}
	return nil, false
}

// Unset removes a variable, or with a subscript (unset 'a[1]') one
// element of an array.
func (sh *Shell) Unset(name string) error {
	if sh.isNameRef(name) {
		// unset ref: the variable or element it refers to.
		t, ok := sh.refTarget(name)
		if !ok {
			return sh.Vars.UnsetRef(name)
		}
		if _, _, isElem := refElem(t); !isElem {
			return sh.Vars.Unset(t)
		}
		name = t
	}
	base, sub, ok := cutSubscript(name)
	if !ok {
		if hidden, ok := sh.callerLocal(name); ok {
			return hidden
		}
		err := sh.Vars.Unset(name)
		if err == nil {
			sh.plainDynamic |= dynamicBit(name) // $SECONDS and the like: ordinary from now on
		}
		return err
	}
	if (sub == "@" || sub == "*") && !sh.isAssoc(base) {
		// All the elements; the array stays, empty (bash). An
		// associative array has a key @ (bash 5.2).
		return sh.Vars.clearElems(base)
	}
	s, err := sh.subscriptText(base, sub)
	if _, ok := err.(*badSubscriptError); ok {
		return expansionError("[" + sub + "]: bad array subscript")
	}
	if err != nil {
		return err
	}
	return sh.Vars.UnsetElem(base, s.key, s.index)
}

// Arrays (bash), for read -a, declare -a/-A/-p, local and the like.

// SetArray makes name an indexed array holding values (read -a).
func (sh *Shell) SetArray(name string, values []string) error {
	if sh.groupsFixed(name) {
		return &noAssignError{name} // read -a GROUPS, mapfile GROUPS (bash)
	}
	return sh.Vars.SetArray(name, values, false)
}

// GetArray returns the values of an array in index order; a string
// variable is an array of one.
func (sh *Shell) GetArray(name string) ([]string, bool) { return sh.Vars.GetArray(name) }

// ArrayKeys returns the indices (or keys) of an array, in order.
func (sh *Shell) ArrayKeys(name string) ([]string, bool) { return sh.Vars.ArrayKeys(name) }

// DeclareArray makes name an empty indexed (or associative) array unless
// it already is one (declare -a, declare -A).
func (sh *Shell) DeclareArray(name string, assoc bool) error {
	return sh.Vars.DeclareArray(name, assoc)
}

// ArrayKind reports whether name is an indexed or an associative array.
func (sh *Shell) ArrayKind(name string) (indexed, assoc bool) {
	v := sh.Vars.Lookup(name)
	if v == nil {
		return false, false
	}
	return v.Array, v.Assoc
}

func (sh *Shell) SetReadOnly(name string) { sh.Vars.SetReadOnly(name) }
func (sh *Shell) IsReadOnly(name string) bool {
	v := sh.Vars.Lookup(name)
	return v != nil && v.ReadOnly
}

func (sh *Shell) Positional() []string        { return sh.Params }
func (sh *Shell) SetPositional(args []string) { sh.Params = append([]string(nil), args...) }

// ArgsSet implements builtins.ArgsSetShell.
func (sh *Shell) ArgsSet()           { sh.specials.argsSet++ }
func (sh *Shell) ScriptName() string { return sh.Arg0 }

// Chdir changes the shell's directory and updates PWD and OLDPWD. Like
// bash, it works on the logical path: "cd .." from a symlinked directory
// goes back where you came from.
//
// The directory is a field of the shell (sh.wd). Only the top-level shell
// moves the process's own directory with chdir(2): a copy of the shell (a
// builtin pipeline stage, $( )) shares the process with the shell, so it
// only checks that it could enter the directory and changes its field; the
// copy's relative paths are resolved against the field (abs) and its
// children start there (ProcAttr.Dir).
//
// In a directory that was removed, chdir(2) may still work ("cd .", "cd
// .." by the name as given) while getcwd(3) cannot name the result: the
// change is made, PWD is the path as asked for, and the error is a
// *builtins.WdUnnamed, for cd to say so in bash's words.
func (sh *Shell) Chdir(dir string) error {
	var lost error // the directory was changed but has no name (builtins.WdUnnamed)
	base := sh.wd
	if base == "" && !sh.subshell {
		// No name known (after a failed pwd -P): ask the system; without
		// one, bash goes by the name as given ("cd .." makes PWD "..").
		wd, err := os.Getwd()
		if err != nil {
			lost = &builtins.WdUnnamed{Who: "chdir", Err: err}
		}
		base = wd
	} else if base == "" {
		base = sh.Getwd()
	}
	target := dir
	if !filepath.IsAbs(target) && base != "" {
		target = filepath.Join(base, target)
	}
	target = filepath.Clean(target)
	if sh.subshell {
		if err := canEnter(target); err != nil {
			// A logical path through a missing "..": the physical one
			// (not in POSIX mode, where cd fails, as bash's).
			physical, err2 := filepath.EvalSymlinks(sh.abs(dir))
			if err2 != nil || canEnter(physical) != nil || sh.Opts.Posix {
				return fmt.Errorf("%s", errnoText(err))
			}
			target = physical
		}
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "cd %s: no chdir(2), this copy of the shell shares the process's directory; its own is now %s",
			Ko: "cd %s: chdir(2)는 부르지 않는다. 이 셸 사본은 프로세스의 디렉터리를 함께 쓰므로, 사본 자신의 디렉터리만 %s로 바꾼다",
		}, dir, target)
	} else if err := os.Chdir(target); err != nil {
		// A logical path through a missing "..": fall back to the
		// physical one (not in POSIX mode, where cd fails, as bash's).
		if sh.Opts.Posix {
			return fmt.Errorf("%s", errnoText(err))
		}
		if err2 := os.Chdir(dir); err2 != nil {
			return fmt.Errorf("%s", errnoText(err))
		}
		wd, err := os.Getwd()
		if err != nil {
			// Entered, but it cannot be named (it or a parent was
			// removed): as bash, the shell's name for it is the path as
			// asked for, not cleaned ("/tmp/d/e/.").
			lost = &builtins.WdUnnamed{Who: "cd", Err: err}
			wd = dir
			if !filepath.IsAbs(dir) && base != "" {
				wd = strings.TrimSuffix(base, "/") + "/" + dir
			}
		}
		target = wd
	}
	// Neither is exported again: after "unset PWD" cd gives PWD a value
	// that its children do not see, as bash. OLDPWD is what $PWD was
	// (bash): with PWD unset, a variable without a value.
	if pwd, ok := sh.Vars.Get("PWD"); ok {
		sh.Vars.Set("OLDPWD", pwd)
	} else if x := sh.Vars.Lookup("OLDPWD"); x == nil || !x.ReadOnly {
		nv := &Var{NoValue: true}
		if x != nil {
			nv.Exported = x.Exported
		}
		sh.Vars.put("OLDPWD", nv)
	}
	sh.wd = target
	sh.Vars.Set("PWD", target)
	return lost
}

// ForgetWd drops the shell's name for its directory (bash's resetpwd
// after pwd -P found none): the next cd asks getcwd(3) again.
func (sh *Shell) ForgetWd() {
	if !sh.subshell {
		sh.wd = ""
	}
}

// canEnter reports why chdir(2) to dir would fail, without moving the
// process: it must be a directory we may search.
func canEnter(dir string) error {
	var st unix.Stat_t
	if err := unix.Stat(dir, &st); err != nil {
		return err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return unix.ENOTDIR
	}
	return unix.Access(dir, unix.X_OK)
}

// Getwd is the logical working directory ($PWD as the shell keeps it).
func (sh *Shell) Getwd() string {
	if sh.wd == "" {
		sh.wd, _ = os.Getwd()
	}
	return sh.wd
}

// abs resolves a relative path the way chdir(2) to the shell's directory
// would: the top-level shell's directory is the process's, so its paths
// stay as they are; a copy's are put under its own directory (without
// cleaning, so that ".." after a symbolic link still goes where the
// kernel would take it).
func (sh *Shell) abs(path string) string {
	if !sh.subshell || path == "" || path[0] == '/' {
		return path
	}
	return strings.TrimSuffix(sh.Getwd(), "/") + "/" + path
}

// globBase is the directory relative patterns are matched in: "" (the
// process's) for the top-level shell, a copy's own directory for a copy.
func (sh *Shell) globBase() string { return sh.stageDir() }

// stageDir is the directory a child starts in (ProcAttr.Dir): "" (the
// process's own) for the top-level shell, the copy's directory for a copy.
func (sh *Shell) stageDir() string {
	if !sh.subshell {
		return ""
	}
	return sh.Getwd()
}

// sameDir reports whether two paths name the same directory.
func sameDir(a, b string) bool {
	if !filepath.IsAbs(a) {
		return false
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// withIO runs fn with the shell's stdio pointed at a builtin's IO.
func (sh *Shell) withIO(io builtins.IO, fn func() (int, error)) (int, error) {
	defer sh.enterView(append([]int{io.InFd, io.OutFd, io.ErrFd}, sh.stdio[min(3, len(sh.stdio)):]...))()
	return fn()
}

// Source runs a file in the current shell (the . and source builtins).
// name is the file as written, for BASH_SOURCE.
func (sh *Shell) Source(path, name string, args []string, io builtins.IO) (int, error) {
	file := path
	if n, ok := fdDevice(path); ok {
		// ". /dev/stdin" reads the builtin's own (virtual) fd.
		fd := sh.UserFd(n)
		if n < 3 {
			fd = []int{io.InFd, io.OutFd, io.ErrFd}[n]
		}
		file = "/proc/self/fd/" + strconv.Itoa(fd)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return 1, fmt.Errorf("%s: %s", path, errnoText(err))
	}
	// NUL bytes in the file are dropped, as bash's source does: they
	// are no blank ("echo a<NUL>b" prints "ab").
	data = bytes.ReplaceAll(data, []byte{0}, nil)
	if args != nil {
		// The file's arguments are its positional parameters; the
		// caller's come back after, unless the file gave new ones with
		// set outside any function (bash's rule: not with shift).
		saved, setBefore := sh.Params, sh.specials.argsSet
		sh.Params = args
		defer func() {
			if sh.specials.argsSet == setBefore || sh.flow.funcDepth > 0 {
				sh.Params = saved
			}
		}()
	}
	sh.flow.sourceDepth++
	defer func() { sh.flow.sourceDepth-- }()
	sh.xtraceDepth++ // set -x: "++ " for the commands of a . file, as bash
	defer func() { sh.xtraceDepth-- }()
	sh.pushFrame(false, "source", name, sh.line) // FUNCNAME, BASH_SOURCE, BASH_LINENO (bashvars.go)
	defer sh.popFrame()
	// BASH_ARGV and BASH_ARGC (extdebug): the file's arguments, or, as
	// bash, its name when it has none.
	if args != nil {
		defer sh.popArgs(sh.pushArgs(args))
	} else {
		defer sh.popArgs(sh.pushArgs([]string{name}))
	}
	return sh.withIO(io, func() (int, error) {
		// Messages and caller name the file as written, as bash's.
		st, err := sh.runSource(string(data), name)
		if r, ok := err.(*builtins.ReturnRequest); ok {
			// "return" in a . file ends the file, with its status.
			st, err = r.Status, nil
		}
		if err == nil {
			sh.Status = st
			err = sh.returnTrap("", false, false) // the RETURN trap (trap_unix.go)
		}
		return st, err
	})
}

// Eval runs a string as shell code in the current shell.
func (sh *Shell) Eval(src string, io builtins.IO) (int, error) {
	return sh.withIO(io, func() (int, error) {
		sh.verboseEcho(src) // set -v shows the text eval reads, as bash
		sh.xtraceDepth++    // set -x: "++ " for what eval runs, as bash
		saved := sh.substLines
		sh.substLines = nil // the text is numbered from the eval's line
		defer func() { sh.xtraceDepth--; sh.substLines = saved }()
		return sh.RunString(src)
	})
}

// RunCommand runs argv as a simple command, skipping alias lookup (and
// builtins when noBuiltins): the command builtin, and nohup.
func (sh *Shell) RunCommand(argv []string, io builtins.IO, noBuiltins bool) (int, error) {
	if len(argv) == 0 {
		return 0, nil
	}
	cmd := &command{argv: argv, traced: io.Traced, notSpecial: true}
	if argv[0] == "nohup" {
		cmd.nohup = true
	} else if b, ok := builtins.LookupEnabled(sh, argv[0]); ok && !noBuiltins {
		cmd.builtin = b
	}
	return sh.withIO(io, func() (int, error) {
		if cmd.inShell() {
			return sh.runInShell(cmd)
		}
		return sh.startJob([]*command{cmd}, strings.Join(argv, " "), true)
	})
}

// Exec replaces the shell with argv: the exec builtin. execve(2) keeps the
// pid, so the program takes over the shell's place in its parent's job.
// The user's fds are put at their numbers first (execFds).
//
// A copy of the shell (a builtin pipeline stage, $( )) shares the process
// with the shell and must not replace it: there the program runs as the
// copy's last command, a child started in the copy's directory with the
// copy's fds, and the copy ends with its status, as a forked subshell that
// ran exec would (the returned error is an *ExitError).
func (sh *Shell) Exec(argv []string, io builtins.IO) error {
	return sh.ExecAs(argv, io, "", false)
}

// ExitRequest returns the error that unwinds the interpreter to exit.
func (sh *Shell) ExitRequest(status int) error { return &ExitError{Status: status & 0xff} }

func (sh *Shell) Alias(name string) (string, bool) { return sh.alias(name) }
func (sh *Shell) SetAlias(name, value string)      { sh.Aliases[name] = value }
func (sh *Shell) Unalias(name string) bool {
	_, ok := sh.Aliases[name]
	delete(sh.Aliases, name)
	sh.unaliased = sh.unaliased || ok // substList
	return ok
}
func (sh *Shell) AliasNames() []string {
	names := make([]string, 0, len(sh.Aliases))
	for k := range sh.Aliases {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

func (sh *Shell) History() []string {
	if sh.Hooks.History == nil {
		return nil
	}
	return sh.Hooks.History()
}

func (sh *Shell) ClearHistory() {
	if sh.Hooks.ClearHistory != nil {
		sh.Hooks.ClearHistory()
	}
}

func (sh *Shell) JobTable() *jobs.Table { return sh.Jobs }
func (sh *Shell) ShellPid() int         { return sh.pid }
func (sh *Shell) Extglob() bool         { return sh.extglobOn() }
func (sh *Shell) Interactive() bool     { return sh.Opts.Interactive }

// AnnouncesExit implements builtins.ExitAnnouncer: an interactive shell
// says "exit", unless it runs a script (gosh -i FILE).
func (sh *Shell) AnnouncesExit() bool {
	return sh.Opts.Interactive && sh.flow.topSource != sourceFile
}
func (sh *Shell) LastStatus() int   { return sh.Status }
func (sh *Shell) SetLastBg(pid int) { sh.LastBg = pid }

// EditorVar is a readline variable of the line editor (bind -v).
func (sh *Shell) EditorVar(name string) (string, bool) {
	if name != "enable-bracketed-paste" {
		return "", false
	}
	if sh.Opts.NoBracketedPaste {
		return "off", true
	}
	return "on", true
}

// SetEditorVar sets a readline variable of the line editor, as readline
// reads a boolean: "on" (in any case) or "1" is on, anything else off.
func (sh *Shell) SetEditorVar(name, value string) bool {
	if name != "enable-bracketed-paste" {
		return false
	}
	sh.Opts.NoBracketedPaste = !strings.EqualFold(value, "on") && value != "1"
	return true
}

// Context is cancelled by Ctrl+C while a command line runs. The builtins
// that ask for it (read, mapfile, watch) are ended by Ctrl+C even when INT
// has a trap, as in bash.
func (sh *Shell) Context() context.Context {
	if sh.sigs != nil {
		sh.sigs.lineRead.Store(true)
	}
	return sh.lineContext()
}

// lineContext is the context of the command line being run.
func (sh *Shell) lineContext() context.Context {
	if sh.ctx == nil {
		return context.Background()
	}
	return sh.ctx
}

// WaitContext is Context, also cancelled in the top-level shell by a
// signal that has a trap (its cause is then a builtins.SignalCause): the
// wait builtin returns at once with 128+N, as POSIX says. (read is not
// interrupted, as in bash.)
//
// A trap on CHLD does not end the wait: its handler runs as each child
// ends, and the wait goes on (trap_unix.go, runChildTrapsInWait).
func (sh *Shell) WaitContext() context.Context {
	if sh.subshell {
		return sh.lineContext()
	}
	return jobs.WithWaitHook(sh.sigs.waitContext(sh.lineContext()), sh.runChildTrapsInWait)
}

// Umask is the shell's file mode creation mask. The shell keeps it as a
// field (read from the process once at start-up): a copy of the shell has
// a mask of its own, and umask(2) can only read the process's by setting it.
func (sh *Shell) Umask() int { return sh.umask }

// SetUmask is the umask builtin. The top-level shell sets the process's
// mask with umask(2): every child inherits it across fork and execve. A
// copy of the shell (a builtin pipeline stage, a command substitution)
// shares the process, so it keeps its mask in its own field and applies it
// only to what it creates and starts (withUmask); the shell's mask stays,
// as a forked subshell's change would vanish with the subshell.
func (sh *Shell) SetUmask(mask int) {
	sh.umask = mask & 0o777
	if sh.subshell {
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "umask %04o: not umask(2), this copy of the shell shares the process; it applies to what the copy creates and starts",
			Ko: "umask %04o: umask(2)는 부르지 않는다. 이 셸 사본은 프로세스를 함께 쓰므로, 사본이 만들고 시작하는 것에만 적용된다",
		}, mask&0o777)
		return
	}
	setProcessMask(mask & 0o777)
	sh.Jobs.Trace().Shell(jobs.Msg{
		En: "umask(%04o): the shell's file creation mask, inherited by every child it starts",
		Ko: "umask(%04o): 셸의 파일 생성 마스크. 셸이 시작하는 모든 자식이 물려받는다",
	}, mask&0o777)
}
