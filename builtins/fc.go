package builtins

import (
	"fmt"
	"os"
	"strings"

	"github.com/google/shlex"
)

var fcBuiltins = []*Builtin{
	{
		Name:       "fc",
		ReadsInput: true,
		Synopsis:   "fc [-e ename] [-lnr] [first] [last] or fc -s [pat=rep] [command]",
		Summary:    "Display or execute commands from the history list.",
		Help: `List, edit or run again commands from the history list. FIRST and
LAST are history numbers (negative: counted back from this command) or
the start of a command (the newest that starts with it).
-l  list the commands (the last 16 without FIRST) instead of running
    them;  -n  without numbers;  -r  newest first
-s [PAT=REP] [COMMAND]  run COMMAND again (default: the last one), with
    the first PAT replaced by REP; it is shown before it runs
-e ENAME  edit with ENAME instead of $FCEDIT, $EDITOR or vi (in POSIX
          mode $FCEDIT or ed); -e - is -s
Without -l or -s, the commands are written to a temporary file and the
editor is started on it; what the file holds when the editor ends is
shown and run. The editor is a command line split into words as the
shell would (google/shlex): EDITOR="code -w" works. The command that
runs takes the place of the fc command in the history.`,
		Run: runFc,
	},
}

func runFc(sh Shell, io IO, args []string) (int, error) {
	// A negative number (fc -l -5) is an operand, not an option: the
	// options end before it.
	argv := args[1:]
	for i := 0; i < len(argv); i++ {
		a := argv[i]
		if a == "-e" {
			i++ // its value
			continue
		}
		if len(a) > 1 && a[0] == '-' && strings.Trim(a[1:], "0123456789") == "" {
			argv = append(append(append([]string(nil), argv[:i]...), "--"), argv[i:]...)
			break
		}
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" {
			break
		}
	}
	o, rest, ok := parseOptions(io, "fc", argv, "e:lnrs")
	if !ok {
		return statusUsage, nil
	}
	// The newest entry is this fc command itself, typed at the prompt:
	// the commands fc works on come before it.
	lines := sh.History()
	ed := sh.HistoryEditor()
	if ed != nil && len(lines) > 0 {
		lines = lines[:len(lines)-1]
	}
	if o.has('s') || o.has('e') && o.value('e') == "-" {
		return fcRerun(sh, io, ed, lines, rest)
	}
	if len(lines) == 0 {
		// Nothing to list or edit: bash says nothing and succeeds (only
		// fc -s, above, complains).
		return statusOK, nil
	}
	if len(rest) > 2 {
		return usageError(io, "fc", ""), nil
	}
	first, last := len(lines), len(lines)
	if o.has('l') {
		first = max(len(lines)-15, 1)
	}
	if len(rest) > 0 {
		if first = historyNumber(lines, rest[0]); first == 0 {
			errorf(io, "fc", "history specification out of range")
			return statusFailure, nil
		}
		last = first
		if o.has('l') {
			last = len(lines)
		}
	}
	if len(rest) > 1 {
		if last = historyNumber(lines, rest[1]); last == 0 {
			errorf(io, "fc", "history specification out of range")
			return statusFailure, nil
		}
	}
	reverse := o.has('r')
	if first > last {
		first, last = last, first
		reverse = !reverse
	}
	picked := make([]int, 0, last-first+1)
	for n := first; n <= last; n++ {
		picked = append(picked, n)
	}
	if reverse {
		for i, j := 0, len(picked)-1; i < j; i, j = i+1, j-1 {
			picked[i], picked[j] = picked[j], picked[i]
		}
	}
	if o.has('l') {
		var b strings.Builder
		for _, n := range picked {
			if o.has('n') {
				fmt.Fprintf(&b, "\t %s\n", lines[n-1])
			} else {
				fmt.Fprintf(&b, "%d\t %s\n", n, lines[n-1])
			}
		}
		return writeOut(io, "fc", b.String()), nil
	}
	var text strings.Builder
	for _, n := range picked {
		text.WriteString(lines[n-1] + "\n")
	}
	return fcEdit(sh, io, ed, o, text.String())
}

// fcRerun is fc -s [pat=rep] [command]: the command (the newest one, or
// the newest starting with COMMAND), with the first PAT replaced by REP,
// shown and run again.
func fcRerun(sh Shell, io IO, ed HistoryEditor, lines []string, rest []string) (int, error) {
	var pat, rep string
	substitute := false
	if len(rest) > 0 && strings.Contains(rest[0], "=") {
		pat, rep, _ = strings.Cut(rest[0], "=")
		substitute = true
		rest = rest[1:]
	}
	n := len(lines)
	if len(rest) > 0 {
		n = historyNumber(lines, rest[0])
	}
	if n == 0 || len(lines) == 0 {
		errorf(io, "fc", "no command found")
		return statusFailure, nil
	}
	cmd := lines[n-1]
	if substitute && pat != "" {
		cmd = strings.Replace(cmd, pat, rep, 1)
	}
	return fcRun(sh, io, ed, cmd)
}

// fcRun shows a command on standard error, puts it in the history in place
// of the fc command, and runs it.
func fcRun(sh Shell, io IO, ed HistoryEditor, cmd string) (int, error) {
	cmd = strings.TrimRight(cmd, "\n")
	fmt.Fprintln(io.Err, cmd)
	if ed != nil {
		ed.ReplaceLast(cmd)
	}
	return sh.Eval(cmd, io)
}

// fcEdit writes the commands to a temporary file, runs the editor on it
// and runs what the file then holds.
func fcEdit(sh Shell, io IO, ed HistoryEditor, o *options, text string) (int, error) {
	editor := o.value('e')
	if !o.has('e') {
		editor = "vi"
		names := []string{"FCEDIT", "EDITOR"}
		if posix, _ := sh.Option("posix"); posix {
			editor, names = "ed", names[:1] // bash's POSIX mode: $FCEDIT, else ed
		}
		for _, name := range names {
			if v, ok := sh.Var(name); ok && v != "" {
				editor = v
				break
			}
		}
	}
	words, err := shlex.Split(editor)
	if err != nil || len(words) == 0 {
		errorf(io, "fc", "%s: cannot split the editor command: %v", editor, err)
		return statusFailure, nil
	}
	f, err := os.CreateTemp("", "gosh-fc-*.sh")
	if err != nil {
		errorf(io, "fc", "cannot create a temporary file: %s", strerror(err))
		return statusFailure, nil
	}
	path := f.Name()
	defer os.Remove(path)
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		errorf(io, "fc", "%s: %s", path, strerror(err))
		return statusFailure, nil
	}
	status, err := sh.RunCommand(append(words, path), io, false)
	if err != nil {
		return status, err
	}
	if status != 0 {
		// As bash: an editor that fails means the commands do not run.
		return status, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		errorf(io, "fc", "%s: %s", path, strerror(err))
		return statusFailure, nil
	}
	if strings.TrimSpace(string(data)) == "" {
		return statusOK, nil
	}
	return fcRun(sh, io, ed, string(data))
}
