package builtins

import (
	"fmt"
	"strconv"
	"strings"
)

var historyBuiltins = []*Builtin{
	{
		Name:     "history",
		Synopsis: "history [-c] [-d offset] [n] or history -arw [filename] or history -ps arg [arg ...]",
		Summary:  "Display or manipulate the history list.",
		Help: `List the command lines typed in this interactive shell, numbered;
with N, only the last N. At the prompt, Up and Down walk the list, and
!-references (!!, !$, !n, ^old^new) reuse its entries. A script keeps
the commands it reads once set -o history is on (in no file).
-c          clear the list (the file keeps what it has)
-d OFFSET   delete entry OFFSET (negative: counted from the end);
            -d START-END deletes a range
-s ARG...   store ARGs as one entry (it replaces this history command)
-w [FILE]   write the list to FILE (default $HISTFILE), replacing it
-r [FILE]   read FILE and append its entries to the list
-p ARG...   show each ARG history-expanded (!!, !n, ...), without
            running it or storing it
-a [FILE]   append this session's entries to FILE (gosh writes each
            command to $HISTFILE as it is entered, so there nothing is
            left to add)`,
		Run: runHistory,
	},
}

func runHistory(sh Shell, io IO, args []string) (int, error) {
	o, rest, ok := parseOptions(io, "history", args[1:], "cd:swrap")
	if !ok {
		return statusUsage, nil
	}
	if o.has('p') {
		return historyPrint(sh, io, rest), nil
	}
	ed := sh.HistoryEditor()
	fileOps := 0
	for _, c := range "wra" {
		if o.has(byte(c)) {
			fileOps++
		}
	}
	if fileOps > 1 {
		errorf(io, "history", "cannot use more than one of -anrw")
		return statusFailure, nil
	}
	if o.has('c') {
		sh.ClearHistory()
		if !o.has('d') && !o.has('s') && fileOps == 0 {
			return statusOK, nil
		}
	}
	if o.has('d') {
		return historyDelete(sh, io, ed, o.value('d')), nil
	}
	if o.has('s') {
		if ed != nil && len(rest) > 0 {
			// The entry replaces the history -s command itself.
			ed.ReplaceLast(strings.Join(rest, " "))
		}
		return statusOK, nil
	}
	if fileOps > 0 {
		if ed == nil {
			return statusOK, nil
		}
		path := ed.File()
		if len(rest) > 0 {
			path = rest[0]
		}
		if path == "" {
			return statusOK, nil
		}
		var err error
		switch {
		case o.has('w'):
			err = ed.Write(path)
		case o.has('r'):
			err = ed.Read(path)
		default:
			err = ed.Append(path)
		}
		switch {
		case err == nil:
			return statusOK, nil
		case o.has('a'):
			errorf(io, "history", "%s: cannot create: %s", path, strerror(err))
		}
		return statusFailure, nil // -r and -w fail quietly, as bash
	}
	if len(rest) > 1 {
		errorf(io, "history", "too many arguments")
		return statusFailure, nil
	}
	lines := sh.History()
	first := 0
	if len(rest) == 1 {
		n, ok := parseInt(rest[0])
		if !ok || n < 0 {
			errorf(io, "history", "%s: numeric argument required", rest[0])
			return statusFailure, nil
		}
		first = max(len(lines)-n, 0)
	}
	var b strings.Builder
	for i := first; i < len(lines); i++ {
		fmt.Fprintf(&b, "%5d  %s\n", i+1, lines[i])
	}
	return writeOut(io, "history", b.String()), nil
}

// HistoryExpander is a shell that does history expansion on a text.
type HistoryExpander interface {
	// HistoryExpand expands the !-references of arg against the list,
	// after taking the history -p command itself out of it (as bash).
	HistoryExpand(arg string) (string, error)
}

// historyPrint is history -p: each ARG history-expanded on its own line;
// an ARG that fails is reported and the others are still printed.
func historyPrint(sh Shell, io IO, args []string) int {
	hx, ok := sh.(HistoryExpander)
	status := statusOK
	var b strings.Builder
	for _, a := range args {
		out := a
		if ok {
			var err error
			if out, err = hx.HistoryExpand(a); err != nil {
				errorf(io, "history", "%s: history expansion failed", a)
				status = statusFailure
				continue
			}
		}
		b.WriteString(out + "\n")
	}
	if st := writeOut(io, "history", b.String()); st != statusOK {
		return st
	}
	return status
}

// historyDelete is history -d OFFSET or -d START-END. A negative offset
// counts back from the end (-1 is this history command itself).
func historyDelete(sh Shell, io IO, ed HistoryEditor, spec string) int {
	n := len(sh.History())
	pos := func(s string) (int, bool) {
		v, ok := parseInt(s)
		if !ok {
			return 0, false
		}
		if v < 0 {
			v = n + v + 1
		}
		return v, v >= 1 && v <= n
	}
	from, to := 0, 0
	okFrom, okTo := false, false
	if i := strings.IndexByte(spec[min(1, len(spec)):], '-'); i >= 0 && spec != "" {
		i++ // the '-' after a leading sign
		from, okFrom = pos(spec[:i])
		to, okTo = pos(spec[i+1:])
	} else {
		from, okFrom = pos(spec)
		to, okTo = from, okFrom
	}
	if !okFrom || !okTo || ed == nil || !ed.Delete(from, to) {
		errorf(io, "history", "%s: history position out of range", spec)
		return statusFailure
	}
	return statusOK
}

// historyNumber reads a history position for fc: a number (negative:
// counted back from the current command, which is the newest entry) or
// the prefix of a command, the newest that starts with it. It returns a
// 1-based index into lines, or 0.
func historyNumber(lines []string, spec string) int {
	if n, err := strconv.Atoi(spec); err == nil {
		if n < 0 {
			n = len(lines) + 1 + n // the current command is len(lines)+1
		}
		return max(min(n, len(lines)), 1)
	}
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(lines[i], spec) {
			return i + 1
		}
	}
	return 0
}
