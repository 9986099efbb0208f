package parser

import (
	"errors"
	"fmt"
	"sort"
)

// SyntaxError is a positioned parse error.
//
// Incomplete reports that the input ended in the middle of something that
// more input could finish: an open quote, a trailing '|', '&&' or '||', an
// unterminated here-document, an if without its fi, and so on. From Parse
// it tells a caller holding a partial text that more lines could complete
// it; a Reader asks its LineSource for those lines itself (with PS2), so
// from a Reader it means that the input ended inside a command.
type SyntaxError struct {
	Pos        Pos
	Msg        string
	Incomplete bool
	// AtEOF marks an error found where the input ended ("syntax error:
	// unexpected end of file", an unclosed $( ) or <( )): bash names the
	// line after the input's last, not Pos's.
	AtEOF bool
	// InArray marks an error in the list of an array assignment (a=(...),
	// unclosed or with an operator in it), which bash reads apart from
	// the command: its status is 1, not 2 (Status).
	InArray bool
}

// Status is the exit status bash gives the error: 2, or 1 in an array
// assignment's list.
func (e *SyntaxError) Status() int {
	if e.InArray {
		return 1
	}
	return 2
}

// Error formats the error as "line:col: message".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
}

// IsIncomplete reports whether err is a *SyntaxError that more input could
// fix.
func IsIncomplete(err error) bool {
	var se *SyntaxError
	return errors.As(err, &se) && se.Incomplete
}

// Messages shared by the lexer and the parser.
const (
	msgEOF = "syntax error: unexpected end of file"
)

// unexpectedMsg is bash's wording for a token that the grammar does not
// allow where it appears: "syntax error near unexpected token `fi'".
func unexpectedMsg(text string) string {
	return "syntax error near unexpected token `" + text + "'"
}

// unmatchedMsg is bash's wording for input that ends inside something
// that close would end: a quote, ${, $( or $((, backquotes, an array's
// list.
func unmatchedMsg(close string) string {
	return "unexpected EOF while looking for matching `" + close + "'"
}

// unterminatedMsg is the message for input that ends inside a
// here-document, at a prompt (a script's end ends the here-document, with
// bash's warning: Config.HeredocEOF).
func unterminatedMsg(what string) string {
	return "unexpected end of file (unterminated " + what + ")"
}

// lineTable turns byte offsets of the original source into line and column
// numbers. All lexers working on one program share it, so positions inside
// command substitutions, here-documents and backquotes are reported in terms
// of the text the user typed. A Reader that drops the text it has parsed
// keeps only the line starts still needed; first counts the lines before.
type lineTable struct {
	starts []int // byte offset where each line starts
	first  int   // the number of lines before starts[0]
}

func newLineTable(src string) *lineTable {
	t := &lineTable{starts: []int{0}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			t.starts = append(t.starts, i+1)
		}
	}
	return t
}

// pos returns the position of byte offset off.
func (t *lineTable) pos(off int) Pos {
	// The line is the last one starting at or before off.
	line := sort.SearchInts(t.starts, off+1) - 1
	if line < 0 {
		line = 0
	}
	return Pos{Offset: off, Line: t.first + line + 1, Col: off - t.starts[line] + 1}
}

// trim forgets the lines that end before offset off.
func (t *lineTable) trim(off int) {
	k := sort.SearchInts(t.starts, off+1) - 1
	if k <= 0 {
		return
	}
	t.first += k
	t.starts = append([]int(nil), t.starts[k:]...)
}
