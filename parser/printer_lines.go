package parser

import "strings"

// StringAt is String for text that is parsed again with its first line
// numbered line (Config.FirstLine): a body sent to a child gosh, a
// function definition in a snapshot. Each command starts on the line it
// had in the source, as far as the grammar lets a line break stand before
// it (before a list item, after &&, ||, | and after the words that open a
// compound command), so that the parsed copy's line numbers, and $LINENO
// in it, are those of the source. A command whose line is not after the
// printer's line stays where it is. line < 1 is String.
func StringAt(node any, line int) string {
	if line < 1 {
		return String(node)
	}
	switch node.(type) {
	case *File, *List, *ListItem, *AndOr, *Pipeline, Command:
		var p printer
		p.lines = &lineMode{at: line}
		p.node(node)
		return p.b.String()
	}
	return String(node)
}

// lineMode is the state of StringAt's printer: the line the text written
// so far ends on, and how much of it has been counted.
type lineMode struct {
	at      int
	counted int
}

// toLine breaks the line until the text is on line (StringAt), writing
// the here-document bodies due first: run where a line break may stand
// before the next command. Outside StringAt it does nothing.
func (p *printer) toLine(line int) {
	m := p.lines
	if m == nil {
		return
	}
	m.count(p)
	if line <= m.at {
		return
	}
	if len(p.heredocs) > 0 {
		p.flushHeredocs()
		m.count(p)
	}
	for m.at < line {
		p.str("\n")
		m.at++
	}
	m.counted = p.b.Len()
}

// count moves m.at past the line breaks written since the last count.
func (m *lineMode) count(p *printer) {
	s := p.b.String()[m.counted:]
	m.at += strings.Count(s, "\n")
	m.counted = p.b.Len()
}

// sameLine reports whether StringAt's text is still on line: the next
// list item then follows on it, before the here-document bodies due
// (toLine writes them when a later line starts). Always false for String.
func (p *printer) sameLine(line int) bool {
	m := p.lines
	if m == nil {
		return false
	}
	m.count(p)
	return line <= m.at
}
