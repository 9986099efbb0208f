package parser

import (
	"fmt"
	"strconv"
	"strings"
)

// String returns canonical source text for a node: *File, *List,
// *ListItem, *AndOr, *Pipeline, Command, *Word, *Redirect or *Assign.
// Parsing the text again gives a tree that prints the same way.
//
// The canonical form puts one list item after another separated by "; "
// or " & ", writes assignments, then words, then redirections, and prints
// here-document bodies after the line that needs them (so the text of a
// *Pipeline with a here-document spans several lines; for a job's command
// line use the source text between the node's Pos and End instead). A nil
// node prints as "".
func String(node any) string {
	var p printer
	p.node(node)
	return p.b.String()
}

// ArgString prints w as the word after an operator inside ${...}, as in
// bash's message "-1: substring expression < 0" for ${x:0:-1}.
func ArgString(w *Word) string {
	var p printer
	p.word(w, ctxPat)
	return p.b.String()
}

// KeyNeedsQuotes reports whether bash quotes the key k of an associative
// array where it prints one (declare -p, ${h[@]@K}): k is @ or *, or
// holds a character that means something to the shell (bash's
// sh_contains_shell_metas: '~' only where a tilde expansion may start,
// '#' only at the start).
func KeyNeedsQuotes(k string) bool {
	if k == "@" || k == "*" {
		return true
	}
	for i := 0; i < len(k); i++ {
		switch c := k[i]; {
		case strings.IndexByte(" \t\n'\"\\|&;()<>!{}*[?]^$`", c) >= 0:
			return true
		case c == '~' && (i == 0 || k[i-1] == '=' || k[i-1] == ':'), c == '#' && i == 0:
			return true
		}
	}
	return false
}

// node prints any node String takes, with any pending here-document
// bodies after it (String and StringAt).
func (p *printer) node(node any) {
	switch n := node.(type) {
	case *File:
		if n != nil {
			p.list(n.List)
		}
	case *List:
		p.list(n)
	case *ListItem:
		p.item(n)
		p.flushHeredocs()
	case *AndOr:
		p.andOr(n)
		p.flushHeredocs()
	case *Pipeline:
		p.pipeline(n)
		p.flushHeredocs()
	case Command:
		p.command(n)
		p.flushHeredocs()
	case *Word:
		p.word(n, ctxWord)
	case *Redirect:
		p.redirect(n)
		p.flushHeredocs()
	case *Assign:
		p.assign(n)
	}
}

// printer accumulates text. Here-documents are queued when their operator
// is printed and their bodies written at the next line break.
type printer struct {
	b        strings.Builder
	heredocs []*Heredoc

	// bashQuotes prints $'...' as bash's type does, as '...' with the
	// escapes decoded (printer_layout.go).
	bashQuotes bool
	// lines, set by StringAt, puts commands on their source lines
	// (printer_lines.go).
	lines *lineMode
	// offsetQ counts the '?' of a ${x:offset} printed so far that no ':'
	// has answered yet: such a ':' is printed bare (${s:j?1:0}).
	offsetQ int
	// argSq is set between the quotes of '...' in the word of "${x-word}",
	// where a '}' is printed bare ("${x-'}'}", see lexer.parts).
	argSq bool
}

func (p *printer) str(s string) { p.b.WriteString(s) }

// flushHeredocs ends the line and writes the queued here-document bodies.
func (p *printer) flushHeredocs() {
	if len(p.heredocs) == 0 {
		return
	}
	docs := p.heredocs
	p.heredocs = nil
	p.str("\n")
	for _, h := range docs {
		if h.Body != nil {
			if h.Quoted {
				for _, part := range h.Body.Parts {
					if lit, ok := part.(*Lit); ok {
						p.str(lit.Value)
					}
				}
			} else {
				p.parts(h.Body.Parts, ctxHeredoc)
			}
		}
		if !strings.HasSuffix(p.b.String(), "\n") {
			p.str("\n") // the delimiter must start a line
		}
		p.str(h.Delim)
		p.str("\n")
	}
}

func (p *printer) list(l *List) {
	if l == nil {
		return
	}
	for i, it := range l.Items {
		p.toLine(it.Pos.Line)
		p.item(it)
		last := i == len(l.Items)-1
		if len(p.heredocs) > 0 && (last || !p.sameLine(l.Items[i+1].Pos.Line)) {
			// The bodies follow the line; the next item starts after them.
			p.flushHeredocs()
			continue
		}
		if !last {
			if it.Background {
				p.str(" ")
			} else {
				p.str("; ")
			}
		}
	}
}

func (p *printer) item(it *ListItem) {
	if it == nil {
		return
	}
	p.andOr(it.AndOr)
	if it.Background {
		p.str(" &")
	}
}

func (p *printer) andOr(ao *AndOr) {
	if ao == nil {
		return
	}
	p.pipeline(ao.First)
	for _, part := range ao.Rest {
		p.str(" " + part.Op.String() + " ")
		p.toLine(part.Pipeline.Pos.Line)
		p.pipeline(part.Pipeline)
	}
}

func (p *printer) pipeline(pl *Pipeline) {
	if pl == nil {
		return
	}
	p.str(pipelinePrefix(pl))
	if isEmptyCommand(pl) {
		if pl.Time == nil && !pl.Bang {
			p.str("! !") // "! !" alone: inverted twice
		}
		return
	}
	if pl.Time != nil || pl.Bang {
		p.str(" ")
	}
	if timeOptWord(pl) {
		p.str("-- ") // a command named -p or -- after "time"
	}
	for i, c := range pl.Cmds {
		if i > 0 {
			p.str(" | ")
			p.toLine(c.Position().Line)
		}
		p.command(c)
	}
}

// pipelinePrefix is the text of a pipeline's "time" and '!': "time -p !".
func pipelinePrefix(pl *Pipeline) string {
	var s string
	if pl.Time != nil {
		s = "time"
		if pl.Time.Posix {
			s += " -p"
		}
	}
	if pl.Bang {
		if s != "" {
			s += " "
		}
		s += "!"
	}
	return s
}

// timeOptWord reports whether the first word of a timed pipeline would
// read back as part of time_opt ("-p" or "--"), so that "--" must come
// before it. (bash's own printer writes "time -p --" for a command named
// "--", which does not read back.)
func timeOptWord(pl *Pipeline) bool {
	if pl.Time == nil || pl.Bang {
		return false
	}
	sc, ok := pl.Cmds[0].(*SimpleCommand)
	if !ok || sc == nil || len(sc.Assigns) > 0 || len(sc.Args) == 0 {
		return false
	}
	return isLit(sc.Args[0], "--") || isLit(sc.Args[0], "-p") && !pl.Time.Posix
}

// isEmptyCommand reports whether pl is "time" or '!' with no command.
func isEmptyCommand(pl *Pipeline) bool {
	if len(pl.Cmds) != 1 {
		return false
	}
	sc, ok := pl.Cmds[0].(*SimpleCommand)
	return ok && sc != nil && len(sc.Assigns) == 0 && len(sc.Args) == 0 && len(sc.Redirs) == 0
}

func (p *printer) command(c Command) {
	sc, ok := c.(*SimpleCommand)
	if !ok {
		p.compound(c)
		return
	}
	if sc == nil {
		return
	}
	sep := ""
	for _, a := range sc.Assigns {
		p.str(sep)
		p.assign(a)
		sep = " "
	}
	for i, w := range sc.Args {
		p.str(sep)
		if i == 0 && len(sc.Assigns) == 0 && isReservedLit(w) {
			// A command named "!", "if", "}" ... would read back as the
			// reserved word.
			p.str(`\`)
			p.word(w, ctxWord)
		} else {
			p.word(w, ctxWord)
		}
		sep = " "
	}
	for _, r := range sc.Redirs {
		p.str(sep)
		p.redirect(r)
		sep = " "
	}
}

// isLit reports whether w is exactly the unquoted literal s.
func isLit(w *Word, s string) bool {
	if w == nil || len(w.Parts) != 1 {
		return false
	}
	lit, ok := w.Parts[0].(*Lit)
	return ok && lit.Value == s
}

func (p *printer) assign(a *Assign) {
	if a == nil {
		return
	}
	p.str(a.Name)
	if a.Index != nil {
		p.str("[")
		p.parts(a.Index.Parts, ctxIndex)
		p.str("]")
	}
	if a.Append {
		p.str("+")
	}
	p.str("=")
	if a.Array != nil {
		p.arrayLit(a.Array)
		return
	}
	p.word(a.Value, ctxWord)
}

func (p *printer) redirect(r *Redirect) {
	if r == nil {
		return
	}
	if r.FdVar != "" {
		p.str("{" + r.FdVar + "}")
	} else if r.Fd >= 0 {
		p.str(strconv.Itoa(r.Fd))
	}
	p.str(r.Op.String())
	if r.Target == nil {
		return
	}
	target := String(r.Target)
	if r.Heredoc != nil {
		// "<< -x" must not read back as "<<-x".
		if r.Op == RedirHeredoc && strings.HasPrefix(target, "-") {
			p.str(" ")
		}
		p.heredocs = append(p.heredocs, r.Heredoc)
	}
	if strings.HasPrefix(target, "<(") || strings.HasPrefix(target, ">(") {
		// "< <(a)" must not read back as "<<(a)".
		p.str(" ")
	}
	p.str(target)
}

// word prints a word in an unquoted context (ctxWord or ctxArg).
func (p *printer) word(w *Word, ctx context) {
	if w == nil {
		return
	}
	p.parts(w.Parts, ctx)
}

// parts prints word parts in a context, quoting literal text as needed so
// that it reads back the same way.
func (p *printer) parts(parts []WordPart, ctx context) {
	for i, part := range parts {
		var next WordPart
		if i+1 < len(parts) {
			next = parts[i+1]
		}
		switch x := part.(type) {
		case *Lit:
			if x.Ext {
				// An extended pattern reads back only as it was written.
				p.str(x.Value)
				break
			}
			p.lit(x.Value, ctx, i == 0, next)
		case *Escaped:
			p.str(`\` + x.Value)
		case *SglQuoted:
			if x.Dollar && p.bashQuotes {
				p.str(singleQuoted(x.Value))
				break
			}
			if x.Dollar {
				p.str(ansiQuoted(x.Value))
				break
			}
			p.str("'" + x.Value + "'")
		case *ArrayLit:
			p.arrayLit(x)
		case *DblQuoted:
			p.str(`"`)
			p.parts(x.Parts, ctxDquote)
			p.str(`"`)
		case *ParamExp:
			p.param(x, ctx, next)
		case *CmdSubst:
			p.cmdSubst(x, ctx)
		case *ProcSubst:
			p.procSubst(x)
		case *ArithExp:
			open, close, ctx := "$((", "))", ctxArith
			if x.Old {
				open, close, ctx = "$[", "]", ctxArithOld
			}
			p.str(open)
			if x.Expr != nil {
				p.parts(x.Expr.Parts, ctx)
			}
			p.str(close)
		}
	}
}

// lit prints literal text. first tells whether it starts the word; next is
// the part that follows it, if any.
func (p *printer) lit(s string, ctx context, first bool, next WordPart) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '$' && dollarNeedsEscape(s[i+1:], next):
			p.str(`\$`)
		case ctx == ctxOffset && c == '?':
			p.offsetQ++
			p.b.WriteByte(c)
		case ctx == ctxOffset && c == ':' && p.offsetQ > 0:
			p.offsetQ--
			p.b.WriteByte(c)
		case ctx == ctxWord && c == '\n':
			p.str(`'` + "\n" + `'`)
		case ctx == ctxWord && (strings.IndexByte(" \t|&;<>()'\"\\`", c) >= 0 || (c == '#' && first && i == 0)):
			p.str(`\` + string(c))
		case (ctx == ctxArg || ctx == ctxPat) && strings.IndexByte("}'\"\\`", c) >= 0,
			ctx == ctxPatSlash && strings.IndexByte("}/'\"\\`", c) >= 0,
			ctx == ctxOffset && strings.IndexByte("}:'\"\\`", c) >= 0,
			ctx == ctxIndex && strings.IndexByte("]'\"\\`", c) >= 0:
			p.str(`\` + string(c))
		case ctx == ctxArgDq && c == '\'':
			p.argSq = !p.argSq
			p.b.WriteByte(c)
		case ctx == ctxArgDq && c == '}' && p.argSq:
			p.b.WriteByte(c)
		case ctx == ctxArgDq && strings.IndexByte("}\"`", c) >= 0:
			p.str(`\` + string(c))
		case ctx == ctxDquote && strings.IndexByte("\"`", c) >= 0:
			p.str(`\` + string(c))
		case (ctx == ctxHeredoc || ctx == ctxArith || ctx == ctxArithOld) && c == '`':
			p.str("\\`")
		default:
			p.b.WriteByte(c)
		}
	}
}

// dollarNeedsEscape reports whether a literal '$' followed by rest (and
// then by the part next) would read back as the start of an expansion.
func dollarNeedsEscape(rest string, next WordPart) bool {
	if rest != "" {
		c := rest[0]
		return isNameChar(c) || isSpecialParam(c) || c == '{' || c == '(' || c == '['
	}
	switch x := next.(type) {
	case *ParamExp, *ArithExp, *Lit:
		return true
	case *DblQuoted, *SglQuoted:
		return true // $"..." and $'...' are quotes of their own
	case *CmdSubst:
		return !x.Backquote
	}
	return false
}

func (p *printer) param(x *ParamExp, ctx context, next WordPart) {
	if x.Bad != "" {
		p.str(x.Bad)
		return
	}
	braced := x.Braced || x.Length || x.Indirect || x.Index != nil || x.Op != ParamNone || len(x.Name) > 1 && isDigit(x.Name[0])
	if !braced && IsName(x.Name) {
		// $a followed by literal "b" must be written ${a}b.
		if lit, ok := next.(*Lit); ok && lit.Value != "" && isNameChar(lit.Value[0]) {
			braced = true
		}
	}
	if !braced {
		p.str("$" + x.Name)
		return
	}
	p.str("${")
	if x.Length {
		p.str("#")
	}
	if x.Indirect {
		p.str("!")
	}
	if x.Op == ParamNamesStar || x.Op == ParamNamesAt {
		p.str("!" + x.Name + x.Op.String() + "}")
		return
	}
	p.str(x.Name)
	if x.Index != nil {
		p.str("[")
		p.parts(x.Index.Parts, ctxIndex)
		p.str("]")
	}
	switch x.Op {
	case ParamNone:
	case ParamDefault, ParamAssign, ParamError, ParamAlt:
		if x.Colon {
			p.str(":")
		}
		p.str(x.Op.String())
		if x.Arg != nil {
			saved := p.argSq
			p.argSq = false
			p.parts(x.Arg.Parts, argContext(ctx))
			p.argSq = saved
		}
	case ParamSubstr:
		p.str(":")
		if x.Arg != nil {
			// ${x: -1} must not read back as ${x:-1}.
			if lit, ok := firstLit(x.Arg); ok && strings.HasPrefix(lit, "-") {
				p.str(" ")
			}
			saved := p.offsetQ
			p.offsetQ = 0
			p.parts(x.Arg.Parts, ctxOffset)
			p.offsetQ = saved
		}
		if x.Repl != nil {
			p.str(":")
			p.parts(x.Repl.Parts, ctxPat)
		}
	default:
		p.str(x.Op.String())
		if x.Arg != nil {
			actx := ctxPat
			if x.Repl != nil || x.Op >= ParamReplace && x.Op <= ParamReplaceSuffix {
				actx = ctxPatSlash
			}
			p.parts(x.Arg.Parts, actx)
		}
		if x.Repl != nil {
			p.str("/")
			p.parts(x.Repl.Parts, ctxPat)
		}
	}
	p.str("}")
}

// firstLit returns the text of a word's first part if it is a Lit.
func firstLit(w *Word) (string, bool) {
	if len(w.Parts) == 0 {
		return "", false
	}
	l, ok := w.Parts[0].(*Lit)
	if !ok {
		return "", false
	}
	return l.Value, true
}

// arrayLit prints the list of an array assignment.
func (p *printer) arrayLit(a *ArrayLit) {
	p.str("(")
	for i, w := range a.Elems {
		if i > 0 {
			p.str(" ")
		}
		if as := keyedElem(w); as != nil {
			// [sub]=value: the subscript as written, blanks and all.
			p.str("[")
			p.parts(as.Index.Parts, ctxIndex)
			p.str("]")
			if as.Append {
				p.str("+")
			}
			p.str("=")
			p.word(as.Value, ctxWord)
			continue
		}
		p.word(w, ctxWord)
	}
	p.str(")")
}

// ansiQuoted writes s as $'...' with every byte that needs it escaped.
func ansiQuoted(s string) string {
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == '\'':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\%03o`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// procSubst prints <(list) or >(list).
func (p *printer) procSubst(x *ProcSubst) {
	var inner printer
	inner.list(x.List)
	op := "<("
	if x.Out {
		op = ">("
	}
	p.str(op + inner.b.String() + ")")
}

func (p *printer) cmdSubst(x *CmdSubst, ctx context) {
	var inner printer
	inner.list(x.List)
	text := inner.b.String()
	if !x.Backquote {
		if strings.HasPrefix(text, "(") {
			text = " " + text // "$((" would start an arithmetic expansion
		}
		p.str("$(" + text + ")")
		return
	}
	// A here-document's delimiter may end the text, as in `cat <<E
	// x
	// E`: written so, the delimiter line never reads as that of a
	// here-document around the backquotes.
	text = strings.TrimSuffix(text, "\n")
	// Inside backquotes, \ and ` must be escaped.
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\\' || c == '`' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	p.str("`" + b.String() + "`")
}
