package builtins

import (
	"fmt"
	"strconv"
	"strings"

	"gosh/jobs"
)

// The directory stack: pushd, popd and dirs. It is the array variable
// DIRSTACK, as in bash: element 0 is the current directory (refreshed by
// each of these builtins), the others the directories saved by pushd, the
// most recent first. Being a variable, it goes to subshells with the rest
// of the shell's state.

var dirsBuiltins = []*Builtin{
	{
		Name:     "pushd",
		Synopsis: "pushd [-n] [+N | -N | dir]",
		Summary:  "Add directories to stack.",
		Help: `Change to DIR and save the directory you were in on the stack, so
that popd brings you back; then show the stack as dirs does.
Without DIR, swap the two top directories.
+N  rotate the stack so that its Nth entry (from the left of dirs'
    list, from 0) is on top, and change to it;  -N  counted from the right
-n  only put DIR on the stack (second, after the current directory),
    without changing directory`,
		Run: runPushd,
	},
	{
		Name:     "popd",
		Synopsis: "popd [-n] [+N | -N]",
		Summary:  "Remove directories from stack.",
		Help: `Remove the top directory from the stack and change to the new top
one: back to where the last pushd was made. Then show the stack.
+N  remove the Nth entry (from 0, as dirs lists them) instead;
-N  counted from the right
-n  only change the stack, not the directory`,
		Run: runPopd,
	},
	{
		Name:     "dirs",
		Synopsis: "dirs [-clpv] [+N] [-N]",
		Summary:  "Display directory stack.",
		Help: `Show the directory stack: the current directory first, then those
pushd saved. Your home directory is written ~.
-c  clear the stack      -l  write home in full, not as ~
-p  one directory per line
-v  one per line, numbered (the N of pushd +N and popd +N)
+N  show only the Nth entry;  -N  the Nth counted from the right`,
		Run: runDirs,
	},
}

// dirStack returns the stack: the current directory, then the saved ones.
func dirStack(sh Shell) []string {
	saved, _ := sh.GetArray("DIRSTACK")
	if len(saved) > 0 {
		saved = saved[1:]
	}
	return append([]string{sh.Getwd()}, saved...)
}

func setDirStack(sh Shell, stack []string) error {
	return sh.SetArray("DIRSTACK", stack)
}

// tildeDir writes a directory under $HOME with a ~.
func tildeDir(sh Shell, dir string) string {
	home, ok := sh.Var("HOME")
	if !ok || home == "" || home == "/" {
		return dir
	}
	if dir == home {
		return "~"
	}
	if rest, ok := strings.CutPrefix(dir, home+"/"); ok {
		return "~/" + rest
	}
	return dir
}

// stackIndex reads +N or -N for a stack of n entries, giving the index
// from the left. ok is false when spec is not of that form; inRange when
// it is, whether the index exists.
func stackIndex(spec string, n int) (idx int, ok, inRange bool) {
	if len(spec) < 2 || spec[0] != '+' && spec[0] != '-' {
		return 0, false, false
	}
	v, err := strconv.Atoi(spec[1:])
	if err != nil || v < 0 {
		return 0, false, false
	}
	if spec[0] == '-' {
		v = n - 1 - v
	}
	return v, true, v >= 0 && v < n
}

func showStack(sh Shell, stack []string, long bool) string {
	parts := make([]string, len(stack))
	for i, d := range stack {
		if long {
			parts[i] = d
		} else {
			parts[i] = tildeDir(sh, d)
		}
	}
	return strings.Join(parts, " ") + "\n"
}

func runDirs(sh Shell, io IO, args []string) (int, error) {
	var clear, long, perLine, numbered bool
	index := ""
	// Each option is a word of its own ("-lv" is not -l -v), as in bash.
options:
	for _, a := range args[1:] {
		switch a {
		case "-c":
			clear = true
		case "-l":
			long = true
		case "-p":
			perLine = true
		case "-v":
			perLine, numbered = true, true
		case "--":
			break options
		default:
			if _, ok, _ := stackIndex(a, 1); ok {
				index = a
				continue
			}
			if a == "" || a[0] != '-' && a[0] != '+' {
				return usageError(io, "dirs", a+": invalid option"), nil
			}
			// bash reads any other -X or +X as a malformed -N.
			return usageError(io, "dirs", a+": invalid number"), nil
		}
	}
	stack := dirStack(sh)
	if clear {
		if err := setDirStack(sh, stack[:1]); err != nil {
			errorf(io, "dirs", "%v", err)
			return statusFailure, nil
		}
		return statusOK, nil
	}
	setDirStack(sh, stack)
	show := func(d string) string {
		if long {
			return d
		}
		return tildeDir(sh, d)
	}
	if index != "" {
		i, _, inRange := stackIndex(index, len(stack))
		if !inRange {
			if len(stack) == 1 {
				// Only the current directory: bash says so.
				errorf(io, "dirs", "directory stack empty")
				return statusFailure, nil
			}
			errorf(io, "dirs", "%s: directory stack index out of range", strings.TrimPrefix(index, "+"))
			return statusFailure, nil
		}
		if numbered {
			return writeOut(io, "dirs", fmt.Sprintf("%2d  %s\n", i, show(stack[i]))), nil
		}
		return writeOut(io, "dirs", show(stack[i])+"\n"), nil
	}
	var b strings.Builder
	switch {
	case numbered:
		for i, d := range stack {
			fmt.Fprintf(&b, "%2d  %s\n", i, show(d))
		}
	case perLine:
		for _, d := range stack {
			b.WriteString(show(d) + "\n")
		}
	default:
		b.WriteString(showStack(sh, stack, long))
	}
	return writeOut(io, "dirs", b.String()), nil
}

// chdirStack changes to dir for pushd and popd, reporting a failure.
func chdirStack(sh Shell, io IO, name, dir string) bool {
	if err := chdirNamed(sh, io, dir); err != nil {
		errorf(io, name, "%s: %s", jobs.QuoteWord(dir), strerror(err))
		return false
	}
	return true
}

func runPushd(sh Shell, io IO, args []string) (int, error) {
	noCd := false
	var operand []string
	for _, a := range args[1:] {
		switch {
		case a == "-n":
			noCd = true
		case a == "--":
		default:
			if _, ok, _ := stackIndex(a, 1); !ok && strings.HasPrefix(a, "-") && a != "-" {
				return usageError(io, "pushd", a+": invalid number"), nil
			}
			operand = append(operand, a)
		}
	}
	if len(operand) > 1 {
		errorf(io, "pushd", "too many arguments")
		return statusFailure, nil
	}
	stack := dirStack(sh)
	switch {
	case len(operand) == 0 && noCd:
		return statusOK, nil // bash: "pushd -n" alone changes nothing
	case len(operand) == 0:
		if len(stack) < 2 {
			errorf(io, "pushd", "no other directory")
			return statusFailure, nil
		}
		if !noCd {
			if !chdirStack(sh, io, "pushd", stack[1]) {
				return statusFailure, nil
			}
			stack[0], stack[1] = sh.Getwd(), stack[0]
		} else {
			stack[0], stack[1] = stack[1], stack[0]
		}
	default:
		arg := operand[0]
		if i, ok, inRange := stackIndex(arg, len(stack)); ok {
			if !inRange && len(stack) == 1 {
				errorf(io, "pushd", "directory stack empty")
				return statusFailure, nil
			}
			if !inRange {
				errorf(io, "pushd", "%s: directory stack index out of range", arg)
				return statusFailure, nil
			}
			rotated := append(append([]string(nil), stack[i:]...), stack[:i]...)
			if !noCd {
				if !chdirStack(sh, io, "pushd", rotated[0]) {
					return statusFailure, nil
				}
				rotated[0] = sh.Getwd()
			}
			stack = rotated
			break
		}
		if noCd {
			stack = append(stack[:1], append([]string{arg}, stack[1:]...)...)
			break
		}
		// As cd would: $CDPATH, "-" for $OLDPWD, set -P (bash's pushd
		// runs its cd).
		physical, _ := sh.Option("physical")
		if st := changeDir(sh, io, "pushd", operand, physical, false); st != statusOK {
			return st, nil
		}
		stack = append([]string{sh.Getwd()}, stack...)
	}
	if err := setDirStack(sh, stack); err != nil {
		errorf(io, "pushd", "%v", err)
		return statusFailure, nil
	}
	return writeOut(io, "pushd", showStack(sh, stack, false)), nil
}

func runPopd(sh Shell, io IO, args []string) (int, error) {
	noCd := false
	index := ""
	for _, a := range args[1:] {
		switch {
		case a == "-n":
			noCd = true
		case a == "--":
		default:
			if _, ok, _ := stackIndex(a, 1); !ok {
				if strings.HasPrefix(a, "-") {
					return usageError(io, "popd", a+": invalid number"), nil
				}
				return usageError(io, "popd", a+": invalid argument"), nil
			}
			index = a
		}
	}
	stack := dirStack(sh)
	if len(stack) < 2 {
		errorf(io, "popd", "directory stack empty")
		return statusFailure, nil
	}
	i := 0
	if noCd {
		i = 1
	}
	if index != "" {
		var inRange bool
		i, _, inRange = stackIndex(index, len(stack))
		if !inRange {
			errorf(io, "popd", "%s: directory stack index out of range", index)
			return statusFailure, nil
		}
	}
	if i == 0 {
		if !noCd && !chdirStack(sh, io, "popd", stack[1]) {
			return statusFailure, nil
		}
		stack = stack[1:]
		stack[0] = sh.Getwd()
	} else {
		stack = append(stack[:i], stack[i+1:]...)
	}
	if err := setDirStack(sh, stack); err != nil {
		errorf(io, "popd", "%v", err)
		return statusFailure, nil
	}
	return writeOut(io, "popd", showStack(sh, stack, false)), nil
}
