package shell

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/sys/unix"

	"gosh/builtins"
	"gosh/parser"
)

// This file runs bash's select loop:
//
//	select name in words; do list; done
//
// It runs in the shell itself, like every loop. Each pass writes the
// words as a numbered menu to standard error (only before the first pass,
// and again after an empty answer), writes $PS3 ("#? " when unset), and
// reads one line from standard input as the read builtin without
// arguments does: the line, backslashes removed, goes into REPLY. A number
// of the menu sets name to its word, any other answer sets name to ""; the
// body runs either way. The loop ends with break (or return, exit), or at
// the end of the input: then bash writes a newline to standard output and
// the status is 1.

// runSelect runs a select loop.
func (sh *Shell) runSelect(c *parser.Select) (int, error) {
	sh.noteLine(c.Pos.Line) // a message about the loop names its line, as bash
	if !parser.IsName(c.Name) {
		return sh.notIdentifier(c.Name)
	}
	if sh.Opts.Xtrace {
		sh.xtraceLine(loopHeader("select", c.Name, c.In, c.Words))
	}
	items, err := sh.loopItems(c.In, c.Words)
	if err != nil {
		return sh.expansionFailed(err)
	}
	if len(items) == 0 {
		sh.Status = 0
		return 0, nil
	}
	sh.flow.loopDepth++
	defer func() { sh.flow.loopDepth-- }()
	status := 0
	showMenu := true
	for {
		if sh.interrupted() {
			return 130, sh.errInterrupted()
		}
		choice, ok, err := sh.selectQuery(items, showMenu)
		if err != nil {
			return sh.Status, err
		}
		if !ok {
			// The end of the input, or a read that failed.
			fdWriter(sh.stdio[1]).Write([]byte{'\n'})
			sh.Status = 1
			return 1, nil
		}
		if sh.groupsFixed(c.Name) {
			return sh.loopVarFailed(&noAssignError{c.Name}) // as bash: silently, status 1
		}
		if err := sh.Vars.Set(c.Name, choice); err != nil {
			return sh.loopVarFailed(err)
		}
		next, err := sh.loopBody(c.Body)
		status = sh.Status
		if err != nil || next == loopStop {
			return status, err
		}
		showMenu = false
	}
}

// selectQuery shows the menu (when showMenu) and the PS3 prompt until an
// answer that is not empty is read; an empty line shows the menu again.
// It returns the chosen word ("" for an answer that is no number of the
// menu), or ok false at the end of the input.
func (sh *Shell) selectQuery(items []string, showMenu bool) (choice string, ok bool, err error) {
	read, _ := builtins.Lookup("read")
	errw := fdWriter(sh.stdio[2])
	for {
		if showMenu {
			errw.Write([]byte(selectMenu(items, sh.selectColumns())))
		}
		ps3, set := sh.getVar("PS3")
		if !set {
			ps3 = "#? "
		}
		errw.Write([]byte(ps3))
		t := sh.newFdTable()
		st, err := sh.callBuiltin(read, t, []string{"read"})
		if err != nil {
			return "", false, err
		}
		if st != 0 {
			return "", false, nil
		}
		reply, set := sh.Vars.Get("REPLY")
		if !set {
			return "", false, nil
		}
		if reply == "" {
			showMenu = true
			continue
		}
		n, isNum := legalNumber(reply)
		if !isNum || n < 1 || n > int64(len(items)) {
			return "", true, nil
		}
		return items[n-1], true, nil
	}
}

// legalNumber is bash's legal_number: a decimal integer with an optional
// sign, blanks allowed around it.
func legalNumber(s string) (int64, bool) {
	s = strings.Trim(s, " \t\n")
	if strings.HasPrefix(s, "+") {
		s = s[1:]
		if strings.HasPrefix(s, "-") {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// selectColumns is the width the menu is laid out in: $COLUMNS when it is
// a positive number, else the width of the terminal on standard error,
// else 80, as in bash.
func (sh *Shell) selectColumns() int {
	if v, ok := sh.getVar("COLUMNS"); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n > 0 {
			return n
		}
	}
	if !sh.Opts.NoCheckwinsize {
		if ws, err := unix.IoctlGetWinsize(sh.stdio[2], unix.TIOCGWINSZ); err == nil && ws.Col > 0 {
			return int(ws.Col)
		}
	}
	return 80
}

// selectMenu lays the items out as bash's print_select_list does: "N) word"
// in as many columns as fit in cols, filled down each column first, with
// tabs (every 8 columns) and blanks between them.
func selectMenu(items []string, cols int) string {
	maxLen := 0
	for _, it := range items {
		maxLen = max(maxLen, utf8.RuneCountInString(it))
	}
	indexLen := len(strconv.Itoa(len(items)))
	maxLen += indexLen + 2 + 2 // ") " and two blanks between columns
	n := len(items)
	ncols := max(cols/maxLen, 1)
	rows := n / ncols
	if n%ncols != 0 {
		rows++
	}
	ncols = n / rows
	if n%rows != 0 {
		ncols++
	}
	if rows == 1 {
		rows, ncols = ncols, 1
	}
	firstIndexLen := len(strconv.Itoa(rows))
	var b strings.Builder
	for row := 0; row < rows; row++ {
		pos := 0
		for ind := row; ; {
			width := indexLen
			if pos == 0 {
				width = firstIndexLen
			}
			num := strconv.Itoa(ind + 1)
			b.WriteString(strings.Repeat(" ", max(width-len(num), 0)) + num + ") " + items[ind])
			elemLen := utf8.RuneCountInString(items[ind]) + width + 2
			ind += rows
			if ind >= n {
				break
			}
			selectIndent(&b, pos+elemLen, pos+maxLen)
			pos += maxLen
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// selectIndent pads from column from to column to with tabs where a tab
// stop (every 8) is passed, blanks after the last one: bash's indent.
func selectIndent(b *strings.Builder, from, to int) {
	for from < to {
		if to/8 > from/8 {
			b.WriteByte('\t')
			from += 8 - from%8
		} else {
			b.WriteByte(' ')
			from++
		}
	}
}

// loopHeader is how set -x shows a for or select loop (keyword), as bash
// does: the words as written. A for loop shows it before each pass, a
// select loop once, before its menu.
func loopHeader(keyword, name string, in bool, words []*parser.Word) string {
	var b strings.Builder
	b.WriteString(keyword + " " + name)
	if !in {
		// As bash shows it: the words are the positional parameters.
		return b.String() + ` in "$@"`
	}
	b.WriteString(" in")
	for _, w := range words {
		b.WriteString(" " + parser.String(w))
	}
	return b.String()
}

// loopItems are the words a for or select loop goes over: words expanded
// once, before the first pass, or without "in" (in false) the positional
// parameters.
func (sh *Shell) loopItems(in bool, words []*parser.Word) ([]string, error) {
	if !in {
		return append([]string(nil), sh.Params...), nil
	}
	return sh.expandFields(words)
}

// loopVarFailed fails a for or select loop whose variable cannot be set
// (it is readonly): bash's message, status 1, and the shell goes on.
func (sh *Shell) loopVarFailed(err error) (int, error) {
	if _, groups := err.(*noAssignError); !groups {
		sh.errorf("%s", err)
	}
	sh.Status = 1
	if _, ro := err.(*readOnlyError); ro && sh.Opts.Posix && !sh.Opts.Interactive {
		// bash's POSIX mode: a read-only loop variable ends the shell
		// (127 under -c, 1 in a script).
		return 1, &ExitError{Status: sh.forceEOFStatus()}
	}
	return 1, nil
}

// notIdentifier fails a for or select loop whose NAME is not a name, as
// bash does when it runs it: a message and status 1, and the shell goes on.
func (sh *Shell) notIdentifier(name string) (int, error) {
	sh.errorf("`%s': not a valid identifier", name)
	sh.Status = 1
	return 1, nil
}
