package builtins

import (
	"fmt"
	"strings"
)

func init() {
	register(&Builtin{
		Name:     "history",
		Synopsis: "history [-c] [n]",
		Summary:  "Show or clear the command history.",
		Help: `List the command lines typed in this interactive shell, numbered;
with N, only the last N. -c clears the list.
At the prompt, the Up and Down keys move through it.`,
		Run: runHistory,
	})
}

func runHistory(sh Shell, io IO, args []string) (int, error) {
	o, rest, ok := parseOptions(io, "history", args[1:], "c")
	if !ok {
		return statusUsage, nil
	}
	if o.has('c') {
		sh.ClearHistory()
		return statusOK, nil
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
