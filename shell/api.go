package shell

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"gosh/builtins"
	"gosh/jobs"

	"golang.org/x/sys/unix"
)

// This file implements builtins.Shell: everything a builtin may see or
// change of the shell that runs it.

var _ builtins.Shell = (*Shell)(nil)

func (sh *Shell) Var(name string) (string, bool) { return sh.getVar(name) }

func (sh *Shell) SetVar(name, value string) error { return sh.Vars.Set(name, value) }
func (sh *Shell) Export(name string)              { sh.Vars.Export(name) }
func (sh *Shell) VarNames() []string              { return sh.Vars.Names() }
func (sh *Shell) IsExported(name string) bool {
	v := sh.Vars.Lookup(name)
	return v != nil && v.Exported
}

// Unset removes a variable, or with a subscript (unset 'a[1]') one
// element of an array.
func (sh *Shell) Unset(name string) error {
	base, sub, ok := cutSubscript(name)
	if !ok {
		return sh.Vars.Unset(name)
	}
	if sub == "@" || sub == "*" {
		return sh.Vars.Unset(base)
	}
	s, err := sh.subscriptText(base, sub)
	if err != nil {
		return err
	}
	return sh.Vars.UnsetElem(base, s.key, s.index)
}

// Arrays (bash), for read -a, declare -a/-A/-p, local and the like.

// SetArray makes name an indexed array holding values (read -a).
func (sh *Shell) SetArray(name string, values []string) error {
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
func (sh *Shell) ScriptName() string          { return sh.Arg0 }

// Chdir changes the shell's directory and updates PWD and OLDPWD. Like
// bash, it works on the logical path: "cd .." from a symlinked directory
// goes back where you came from.
func (sh *Shell) Chdir(dir string) error {
	target := dir
	if !filepath.IsAbs(target) {
		target = filepath.Join(sh.Getwd(), target)
	}
	target = filepath.Clean(target)
	if err := os.Chdir(target); err != nil {
		// A logical path through a missing "..": fall back to the physical one.
		if err2 := os.Chdir(dir); err2 != nil {
			return fmt.Errorf("%s", errnoText(err))
		}
		target, _ = os.Getwd()
	}
	sh.Vars.Set("OLDPWD", sh.Getwd())
	sh.Vars.Export("OLDPWD")
	sh.wd = target
	sh.Vars.Set("PWD", target)
	sh.Vars.Export("PWD")
	return nil
}

// Getwd is the logical working directory ($PWD as the shell keeps it).
func (sh *Shell) Getwd() string {
	if sh.wd == "" {
		sh.wd, _ = os.Getwd()
	}
	return sh.wd
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
	saved := sh.stdio
	sh.stdio = append([]int{io.InFd, io.OutFd, io.ErrFd}, sh.stdio[min(3, len(sh.stdio)):]...)
	defer func() { sh.stdio = saved }()
	return fn()
}

// Source runs a file in the current shell (the . and source builtins).
func (sh *Shell) Source(path string, args []string, io builtins.IO) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 1, fmt.Errorf("%s: %s", path, errnoText(err))
	}
	if args != nil {
		saved := sh.Params
		sh.Params = args
		defer func() { sh.Params = saved }()
	}
	return sh.withIO(io, func() (int, error) {
		return sh.runSource(string(data), path)
	})
}

// Eval runs a string as shell code in the current shell.
func (sh *Shell) Eval(src string, io builtins.IO) (int, error) {
	return sh.withIO(io, func() (int, error) { return sh.RunString(src) })
}

// RunCommand runs argv as a simple command, skipping alias lookup (and
// builtins when noBuiltins): the command builtin, and nohup.
func (sh *Shell) RunCommand(argv []string, io builtins.IO, noBuiltins bool) (int, error) {
	if len(argv) == 0 {
		return 0, nil
	}
	cmd := &command{argv: argv}
	if argv[0] == "nohup" {
		cmd.nohup = true
	} else if b, ok := builtins.Lookup(argv[0]); ok && !noBuiltins {
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
func (sh *Shell) Exec(argv []string, io builtins.IO) error {
	path, err := sh.lookPath(argv[0])
	if err != nil {
		return fmt.Errorf("%s: %s", argv[0], errText(err))
	}
	for i, fd := range []int{io.InFd, io.OutFd, io.ErrFd} {
		if fd != i && fd >= 0 {
			if err := dup2(fd, i); err != nil {
				return err
			}
		}
	}
	sh.Jobs.Trace().Shell("execve(%q): the shell process becomes %s", path, argv[0])
	sh.BeforeExit()
	return syscall.Exec(path, argv, sh.Vars.Environ(nil))
}

// ExitRequest returns the error that unwinds the interpreter to exit.
func (sh *Shell) ExitRequest(status int) error { return &ExitError{Status: status & 0xff} }

func (sh *Shell) Alias(name string) (string, bool) { return sh.alias(name) }
func (sh *Shell) SetAlias(name, value string)      { sh.Aliases[name] = value }
func (sh *Shell) Unalias(name string) bool {
	_, ok := sh.Aliases[name]
	delete(sh.Aliases, name)
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
func (sh *Shell) Interactive() bool     { return sh.Opts.Interactive }
func (sh *Shell) LastStatus() int       { return sh.Status }
func (sh *Shell) SetLastBg(pid int)     { sh.LastBg = pid }

// Context is cancelled by Ctrl+C while a command line runs.
func (sh *Shell) Context() context.Context {
	if sh.ctx == nil {
		return context.Background()
	}
	return sh.ctx
}

// Umask reads the process's file mode creation mask. umask(2) can only
// read it by setting it, which would leave a moment in which a child forked
// by another goroutine (a pipeline's other stages) inherits the wrong mask;
// Linux shows it in /proc/self/status, so the set-and-restore is only the
// fallback.
func (sh *Shell) Umask() int {
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "Umask:"); ok {
				if m, err := strconv.ParseInt(strings.TrimSpace(v), 8, 32); err == nil {
					return int(m)
				}
			}
		}
	}
	old := unix.Umask(0o22)
	unix.Umask(old)
	return old
}

// SetUmask is umask(2), run by the shell for the umask builtin: the mask
// is an attribute of the process, and every child inherits it across fork
// and execve, so it must be set in the shell itself. A copy of the shell (a
// builtin pipeline stage, a command substitution) runs in the same
// process: were it to set the mask, the change would leak into the shell,
// so there it does nothing, as a forked subshell's change would vanish
// with the subshell.
func (sh *Shell) SetUmask(mask int) {
	if sh.subshell {
		sh.Jobs.Trace().Shell("umask(%04o) not called: this copy of the shell shares the shell's process and its mask", mask)
		return
	}
	unix.Umask(mask & 0o777)
	sh.Jobs.Trace().Shell("umask(%04o): the shell's file creation mask, inherited by every child it starts", mask&0o777)
}
