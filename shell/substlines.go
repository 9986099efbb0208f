package shell

import (
	"sort"
	"strings"

	"gosh/parser"
)

// $LINENO inside $( ), as bash 5.2 counts it. bash keeps the text of a
// command substitution as it prints the parsed list again (blank lines,
// leading newlines and backslash-newlines gone; a newline between two
// commands kept, a ';' kept on the line), and runs that text counting its
// lines from the line of the command the substitution is in: in
//
//	x=$(
//	  echo $LINENO
//	  echo $LINENO)
//
// on lines 3-5, the command x=... is on line 5 (bash's line for a command
// whose first word spans lines is where the word ends), so the echos say
// 5 and 6, not 4 and 5. substLines is that numbering for one list: each
// top-level command takes the base line plus the count of lines printed
// before it; a line inside a compound command keeps its distance from the
// compound's first line.
type substLines struct {
	base  int
	items []substItem // by start line
}

// substItem is a top-level command of the list: the line it starts on as
// written, the line bash's text has it on (counted from 0), and whether
// it is made of simple commands only (all of it on one printed line).
type substItem struct {
	start, printed int
	simple         bool
}

// newSubstLines numbers list's lines from base, the line of the command
// the substitution is in; nil when the lines are the same as written
// (one line, on the command's own line) or there is nothing to number.
func newSubstLines(list *parser.List, base int) *substLines {
	if list == nil || len(list.Items) == 0 || base <= 0 {
		return nil
	}
	m := &substLines{base: base, items: make([]substItem, 0, len(list.Items))}
	if len(list.Items) == 1 && list.Items[0].Pos.Line == base {
		if simple, heredoc := itemShape(list.Items[0]); simple && !heredoc {
			return nil // one command, on the line of the command: as written
		}
	}
	printed, prevStart, prevSpan := 0, -1, 0
	for i, it := range list.Items {
		start := it.Pos.Line
		simple, heredoc := itemShape(it)
		if i > 0 {
			// After a compound command, the next command is on the line
			// of its end ("done; echo"), or on the next.
			printed += prevSpan
			if start != prevStart {
				printed++
			}
		}
		m.items = append(m.items, substItem{start: start, printed: printed, simple: simple})
		prevStart = start
		prevSpan = 0
		if !simple || heredoc {
			prevSpan = printedHeight(it) - 1
		}
	}
	return m
}

// itemShape says whether an item is made of simple commands only, and
// whether one has a here-document (whose body takes lines).
func itemShape(it *parser.ListItem) (simple, heredoc bool) {
	simple = true
	look := func(p *parser.Pipeline) {
		for _, c := range p.Cmds {
			sc, ok := c.(*parser.SimpleCommand)
			if !ok {
				simple = false
				continue
			}
			for _, r := range sc.Redirs {
				heredoc = heredoc || r.Heredoc != nil
			}
		}
	}
	if it.AndOr == nil || it.AndOr.First == nil {
		return simple, heredoc
	}
	look(it.AndOr.First)
	for _, part := range it.AndOr.Rest {
		look(part.Pipeline)
	}
	return simple, heredoc
}

// printedHeight is how many lines bash's text has for an item with a
// compound command: its layout as declare -f prints it (an if, a loop
// and a function take several lines), here the body of a function whose
// braces take three lines of their own.
func printedHeight(it *parser.ListItem) int {
	fd := &parser.FuncDecl{Name: "f", Body: &parser.Group{List: &parser.List{Items: []*parser.ListItem{it}}}}
	return max(1, strings.Count(parser.FuncLayout(fd), "\n")-2)
}

// at is bash's number for line, a line of the list as written.
func (m *substLines) at(line int) int {
	i := sort.Search(len(m.items), func(i int) bool { return m.items[i].start > line }) - 1
	if i < 0 {
		return m.base
	}
	it := m.items[i]
	if it.simple {
		return m.base + it.printed
	}
	return m.base + it.printed + line - it.start
}
