package parser

import (
	"errors"
	"io"
	"strings"
)

// This file lets the lexer pull its text a line at a time, so that a
// program is parsed in one pass however it arrives: a script supplies its
// lines, the interactive prompt reads one (PS1 or PS2) only when the lexer
// needs it. A 100,000-line here-document is read once, not once per line.

// LineSource returns the next line of a program, with its newline. more is
// true when the line continues a command already begun (an interactive
// shell shows PS2 for it, PS1 otherwise). At the end it returns io.EOF,
// possibly together with a last line that has no newline; any other error
// stops the reading and is returned by Reader.Next.
type LineSource func(more bool) (string, error)

// input is the text a lexer has pulled from a LineSource so far. The text
// only grows (strings.Builder hands out each longer text without copying
// what came before), so every lexer reading it sees the same bytes at the
// same indexes; base is the program offset of index 0, which grows when the
// Reader drops what it has parsed.
type input struct {
	buf  strings.Builder
	text string
	base int
	read LineSource
	more bool // the lexer is inside a command: ask for a PS2 line
	// echo is Config.Echo; substDepth counts the $( ) and <( ) lists
	// being read, whose lines it is not given.
	echo       func(string)
	substDepth int
	done       bool  // the source reported its end or an error
	err        error // that error, unless io.EOF
}

// more makes sure that index i of l.src exists, reading lines as needed,
// and reports whether it does.
func (l *lexer) more(i int) bool {
	for i >= len(l.src) {
		if l.in == nil || l.bounded {
			return false
		}
		if len(l.in.text) > len(l.src) {
			// Another lexer on the same input (a $(...) inside) read on.
			l.src = l.in.text
			continue
		}
		if !l.in.fill(l.lines) {
			return false
		}
		l.src = l.in.text
	}
	return true
}

// fill reads one more line and records where its lines start.
func (in *input) fill(lines *lineTable) bool {
	if in.done {
		return false
	}
	line, err := in.read(in.more)
	if err != nil {
		in.done = true
		if !errors.Is(err, io.EOF) {
			in.err = err
			return false
		}
	}
	if line == "" {
		return false
	}
	if in.echo != nil && in.substDepth == 0 {
		in.echo(line)
	}
	start := in.base + len(in.text)
	in.buf.WriteString(line)
	in.text = in.buf.String()
	for k := 0; k < len(line); k++ {
		if line[k] == '\n' {
			lines.starts = append(lines.starts, start+k+1)
		}
	}
	return true
}

// indexFrom is strings.IndexByte(l.src[from:], c), reading more lines
// until c turns up or the input ends.
func (l *lexer) indexFrom(from int, c byte) int {
	for k := from; ; k++ {
		if !l.more(k) {
			return -1
		}
		if j := strings.IndexByte(l.src[k:], c); j >= 0 {
			return k + j - from
		}
		k = len(l.src) - 1
	}
}

// Reader parses a program read from a LineSource one complete command at a
// time: the caller runs each command before the next is parsed, so an
// alias defined on one line applies on the next, and a command that reads
// the shell's own input (read, cat) gets the lines after its own.
type Reader struct {
	in    *input
	l     *lexer
	p     *parser
	first int // the line where the command Next read last begins
}

// FirstLine is the line number, in the whole program, where the command
// that Next read last (or failed to read) begins: an interactive shell
// numbers an error's lines from it.
func (r *Reader) FirstLine() int { return r.first }

// NewReader returns a Reader of the lines src supplies, expanding aliases
// as cfg says.
func NewReader(src LineSource, cfg Config) *Reader {
	in := &input{read: src, echo: cfg.Echo}
	l := &lexer{lines: &lineTable{starts: []int{0}}, cfg: &cfg, lastNewline: -1, in: in}
	if cfg.FirstLine > 1 {
		l.lines.first = cfg.FirstLine - 1
	}
	return &Reader{in: in, l: l, p: &parser{l: l, tok: token{kind: tNewline}}}
}

// Next parses the next complete command: the and-or lists up to the
// newline that ends them, with the bodies of their here-documents and
// every line of a compound command that spans several. Blank lines and
// comments before it are skipped. At the end of the input Next returns
// io.EOF; an error of the LineSource is returned as it is.
//
// On a syntax error (a *SyntaxError, positioned in the whole program) the
// rest of the line read so far is dropped, and the next call goes on with
// the line after it. A *SyntaxError that is Incomplete means that the input
// ended inside a command.
func (r *Reader) Next() (*File, error) {
	r.in.done = false // a terminal can be read again after Ctrl+D
	r.in.err = nil
	r.drop()
	r.in.more = false
	p := r.p
	for {
		for p.tok.kind == tNewline {
			if err := p.next(); err != nil {
				return nil, r.fail(err)
			}
		}
		if p.tok.kind != tWord {
			break
		}
		// An alias that stands for nothing, alone on its line, is an
		// empty line (bash).
		if err := p.expandCommandAliases(); err != nil {
			return nil, r.fail(err)
		}
		if p.tok.kind != tNewline {
			break
		}
		r.in.more = false
	}
	r.in.more = true
	r.first = p.tok.pos.Line
	if p.tok.kind == tEOF {
		if r.in.err != nil {
			return nil, r.in.err
		}
		return nil, io.EOF
	}
	list, err := r.completeCommand()
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) && se.AtEOF && r.in.done && len(r.l.pending) > 0 {
			// The input ended inside a command with a here-document
			// still unread: bash warns of it before the syntax error.
			r.l.heredocsAtEOF()
		}
		return nil, r.fail(err)
	}
	if len(r.l.pending) > 0 && !(r.in.done && r.l.heredocsAtEOF()) {
		h := r.l.pending[0]
		err := &SyntaxError{Pos: h.pos, Msg: unterminatedMsg("here-document '" + h.doc.Delim + "'"), Incomplete: true}
		return nil, r.fail(err)
	}
	return &File{List: list}, nil
}

// completeCommand parses
//
//	complete_command : and_or (separator_op and_or)* separator_op? (NEWLINE | EOF)
//
// leaving the final newline as the current token: the line after it is
// not read until the next command is wanted.
func (r *Reader) completeCommand() (*List, error) {
	p := r.p
	list := &List{Items: []*ListItem{}}
	for {
		pos := p.tok.pos
		ao, err := p.andOr()
		if err != nil {
			return nil, err
		}
		item := &ListItem{AndOr: ao, Pos: pos, End: p.lastEnd}
		list.Items = append(list.Items, item)
		switch p.tok.kind {
		case tAmp:
			item.Background = true
			fallthrough
		case tSemi:
			if err := p.next(); err != nil {
				return nil, err
			}
			if p.tok.kind == tWord {
				// "a; e" where e is an alias for nothing ends there.
				if err := p.expandCommandAliases(); err != nil {
					return nil, err
				}
			}
			if p.tok.kind == tNewline || p.tok.kind == tEOF {
				return list, nil
			}
		case tNewline, tEOF:
			return list, nil
		default:
			return nil, p.unexpected()
		}
	}
}

// fail drops what is left of the line after a syntax error, so that the
// next command starts on a fresh line, and prefers a read error (Ctrl+C at
// PS2) to the syntax error it caused.
func (r *Reader) fail(err error) error {
	if r.in.err != nil {
		err = r.in.err
	}
	l := r.l
	l.src = r.in.text
	l.i = len(l.src)
	l.pending, l.wantDelim = nil, false
	r.p.queue = nil
	r.p.tok = token{kind: tNewline}
	return err
}

// dropAt is how much parsed text a Reader keeps before it drops it: a
// new buffer for every command would cost an allocation per line.
const dropAt = 64 << 10

// drop forgets the text parsed so far when the lexer has used all of it
// and it has grown past dropAt, so that a long session or script keeps
// only about the command being read.
func (r *Reader) drop() {
	l, in := r.l, r.in
	if len(in.text) < dropAt || len(l.src) != len(in.text) || l.i != len(l.src) || len(l.pending) > 0 {
		return
	}
	in.base += len(in.text)
	in.buf.Reset()
	in.text, l.src, l.i = "", "", 0
	l.lastNewline = -1
	l.lines.trim(in.base)
}
