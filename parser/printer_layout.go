package parser

import (
	"strconv"
	"strings"
)

// This file is the printer's second mode: a function definition laid out
// the way bash's type and declare -f print it (bash's print_cmd.c), one
// command per line, indented by four spaces:
//
//	f ()
//	{
//	    for i in 1 2;
//	    do
//	        echo $i;
//	    done
//	}
//
// (bash also leaves a space after "f ()" and after "{".) String's
// one-line mode stays the form of job texts and of the round trip.
//
// bash's rules, which this printer follows:
//   - a list item ends in ";" and a newline; a background item in " &"
//     with the next item on the same line; the last item of a body ends
//     in ";" before a closing done, fi or else (none after '&');
//   - if, while and case put their conditions on the line of the keyword,
//     for puts "do" on a line of its own; elif prints as an if nested in
//     the else branch; "for x" prints as for x in "$@";
//   - a here-document's body follows at the next separator (";", "&",
//     "|", "&&", "||") or at the end of the body it is in, and the ";"
//     it would have had is left out, also (as in bash) the next one;
//   - $'...' prints as '...' with its escapes decoded; a duplication
//     writes its descriptor (">&2" is "1>&2"), other redirections are
//     followed by a space ("> file").

// FuncLayout returns the definition fd as bash's type and declare -f print
// it.
func FuncLayout(fd *FuncDecl) string {
	if fd == nil {
		return ""
	}
	p := &layout{}
	p.bashQuotes = true
	p.funcDecl(fd, 0, false)
	return p.b.String()
}

// FuncEnvValue returns the definition fd as bash passes an exported
// function to its children, as the value of BASH_FUNC_name%%: "() {  "
// and the body laid out as FuncLayout does, but indented by one space at
// every depth.
func FuncEnvValue(fd *FuncDecl) string {
	if fd == nil {
		return ""
	}
	p := &layout{flat: true}
	p.bashQuotes = true
	p.str("() ")
	p.funcBody(fd, 0)
	return p.b.String()
}

// layout is the multi-line printer. wasHeredoc is bash's flag of the same
// name: here-document bodies were just printed, so the next ";" is left
// out. flat indents every level by one space (FuncEnvValue).
type layout struct {
	printer
	wasHeredoc bool
	flat       bool
	top        bool // the next group is a function's outermost one
}

func (p *layout) indent(level int) {
	if p.flat {
		if level > 0 {
			p.str(" ")
		}
		return
	}
	for range level {
		p.str("    ")
	}
}

// lastByte is the last byte printed, or 0.
func (p *layout) lastByte() byte {
	s := p.b.String()
	if s == "" {
		return 0
	}
	return s[len(s)-1]
}

// semicolon writes ";" unless the text so far ends in '&' or a newline.
func (p *layout) semicolon() {
	if c := p.lastByte(); c != '&' && c != '\n' {
		p.str(";")
	}
}

// deferred writes sep, then the bodies of the here-documents waiting to be
// printed, if any, followed by a space when sep is not empty.
func (p *layout) deferred(sep string) {
	p.str(sep)
	if len(p.heredocs) == 0 {
		return
	}
	p.flushHeredocs()
	if sep != "" {
		p.str(" ")
	}
	p.wasHeredoc = true
}

// funcDecl prints "name () \n{ \n ... \n}" at indentation level; nested
// definitions get bash's "function" keyword.
func (p *layout) funcDecl(fd *FuncDecl, level int, nested bool) {
	if nested {
		p.str("function ")
	}
	p.str(fd.Name + " () \n")
	p.indent(level)
	p.funcBody(fd, level)
}

// funcBody prints the body of fd in braces, with its redirections.
func (p *layout) funcBody(fd *FuncDecl, level int) {
	var list *List
	var redirs []*Redirect
	if g, ok := fd.Body.(*Group); ok {
		list, redirs = g.List, g.Redirs
	} else {
		// bash wraps any other body in braces: f() ( ... ) prints as
		// { ( ... ) }.
		list = &List{Items: []*ListItem{{AndOr: &AndOr{First: &Pipeline{Cmds: []Command{fd.Body}}}}}}
	}
	p.top = level == 0
	p.group(list, level)
	p.redirs(redirs)
}

// group prints "{ \n", the list one level deeper, and "}" at level.
func (p *layout) group(l *List, level int) {
	if p.flat && p.top {
		p.str("{ ") // bash takes the newline out after the first brace
	} else {
		p.str("{ \n")
	}
	p.top = false
	p.indent(level + 1)
	p.list(l, level+1)
	p.deferred("")
	p.str("\n")
	p.indent(level)
	p.str("}")
}

// list prints the items of l from the current position; items after the
// first start a line of their own at level, unless the one before was in
// the background.
func (p *layout) list(l *List, level int) {
	if l == nil {
		return
	}
	for i, item := range l.Items {
		p.andOr(item.AndOr, level)
		last := i == len(l.Items)-1
		switch {
		case item.Background:
			p.deferred(" &")
			if !last {
				p.str(" ")
			}
		case !last:
			if len(p.heredocs) > 0 {
				p.deferred("")
				// bash's lists nest to the left: only the first item,
				// when it is one plain command, leaves its bodies to the
				// separator, and then the separator after the next item
				// is left out too; the bodies of any later item (or of an
				// and-or list) are printed at its end, and only this
				// separator is left out.
				p.wasHeredoc = i == 0 && len(item.AndOr.Rest) == 0 && len(item.AndOr.First.Cmds) == 1
			} else if p.wasHeredoc {
				p.wasHeredoc = false
			} else {
				p.str(";")
			}
			p.str("\n")
			p.indent(level)
		}
	}
}

// body prints a loop's or branch's list on the lines after the keyword,
// one level deeper, and ends it as bash does before the closing word.
func (p *layout) body(l *List, level int) {
	p.indent(level + 1)
	p.list(l, level+1)
	p.deferred("")
	p.semicolon()
	p.str("\n")
	p.indent(level)
}

func (p *layout) andOr(ao *AndOr, level int) {
	p.pipeline(ao.First, level)
	for _, part := range ao.Rest {
		p.deferred(" " + part.Op.String() + " ")
		p.pipeline(part.Pipeline, level)
	}
}

func (p *layout) pipeline(pl *Pipeline, level int) {
	if prefix := pipelinePrefix(pl); prefix != "" {
		p.str(prefix + " ")
	}
	for i, c := range pl.Cmds {
		if i > 0 {
			p.deferred(" |")
			p.str(" ")
		}
		p.command(c, level)
	}
}

// command prints one command; level is the indentation of the line it
// starts on.
func (p *layout) command(c Command, level int) {
	switch c := c.(type) {
	case *SimpleCommand:
		p.simple(c)
		return
	case *FuncDecl:
		p.funcDecl(c, level, true)
		return
	case *Coproc:
		// bash writes the name, COPROC too: "coproc COPROC cat".
		p.str("coproc " + c.NameText() + " ")
		p.command(c.Body, level)
		return
	case *Group:
		p.group(c.List, level)
	case *Subshell:
		p.str("( ")
		p.list(c.List, level)
		p.deferred("")
		p.str(" )")
	case *If:
		p.ifClauses(c.Clauses, c.Else, level)
	case *While:
		if c.Until {
			p.str("until ")
		} else {
			p.str("while ")
		}
		p.list(c.Cond, level)
		p.deferred("")
		p.semicolon()
		p.str(" do\n")
		p.body(c.Body, level)
		p.str("done")
	case *For:
		p.loopOverWords("for", c.Name, c.In, c.Words, c.Body, level)
	case *Select:
		p.loopOverWords("select", c.Name, c.In, c.Words, c.Body, level)
	case *ArithFor:
		// bash writes an empty expression as 1.
		p.str("for ((" + arithText(c.Init, "1") + "; " + arithText(c.Cond, "1") + "; " + arithText(c.Post, "1") + "))\n")
		p.indent(level)
		p.str("do\n")
		p.body(c.Body, level)
		p.str("done")
	case *Case:
		p.caseClause(c, level)
	case *ArithCmd:
		p.str("((" + arithRaw(c.Expr) + "))")
	case *TestCmd:
		p.str("[[ ")
		p.testExpr(c.Expr)
		p.str(" ]]")
	}
	p.redirs(c.Redirects())
}

// loopOverWords lays out a for or select loop over words as bash does:
// without "in", the words are written as in "$@".
func (p *layout) loopOverWords(keyword, name string, in bool, words []*Word, body *List, level int) {
	p.str(keyword + " " + name)
	if in {
		p.str(" in")
		for _, w := range words {
			p.str(" ")
			p.word(w, ctxWord)
		}
	} else {
		p.str(` in "$@"`)
	}
	p.str(";\n")
	p.indent(level)
	p.str("do\n")
	p.body(body, level)
	p.str("done")
}

// ifClauses prints if/elif/else; bash prints each elif as an if nested in
// the else branch.
func (p *layout) ifClauses(clauses []*IfClause, els *List, level int) {
	cl := clauses[0]
	p.str("if ")
	p.list(cl.Cond, level)
	p.deferred("")
	p.semicolon()
	p.str(" then\n")
	p.indent(level + 1)
	p.list(cl.Then, level+1)
	p.deferred("")
	switch {
	case len(clauses) > 1:
		p.semicolon()
		p.str("\n")
		p.indent(level)
		p.str("else\n")
		p.indent(level + 1)
		p.ifClauses(clauses[1:], els, level+1)
	case els != nil:
		p.semicolon()
		p.str("\n")
		p.indent(level)
		p.str("else\n")
		p.indent(level + 1)
		p.list(els, level+1)
		p.deferred("")
	}
	p.semicolon()
	p.str("\n")
	p.indent(level)
	p.str("fi")
}

func (p *layout) caseClause(c *Case, level int) {
	p.str("case ")
	p.word(c.Word, ctxWord)
	p.str(" in ")
	for _, item := range c.Items {
		p.str("\n")
		p.indent(level + 1)
		for i, w := range item.Patterns {
			if i > 0 {
				p.str(" | ")
			}
			p.word(w, ctxWord)
		}
		p.str(")\n")
		if item.Body != nil && len(item.Body.Items) > 0 {
			p.indent(level + 2)
			p.list(item.Body, level+2)
		}
		p.deferred("")
		p.str("\n")
		p.indent(level + 1)
		p.str(item.Term.String())
	}
	p.str("\n")
	p.indent(level)
	p.str("esac")
}

// simple prints a simple command with bash's spacing: assignments, words,
// then redirections ("> file", "2>&1", "<<EOF").
func (p *layout) simple(sc *SimpleCommand) {
	sep := ""
	for _, a := range sc.Assigns {
		p.str(sep)
		p.assign(a)
		sep = " "
	}
	for i, w := range sc.Args {
		p.str(sep)
		if i == 0 && len(sc.Assigns) == 0 && isReservedLit(w) {
			p.str(`\`)
		}
		p.word(w, ctxWord)
		sep = " "
	}
	if len(sc.Redirs) > 0 {
		p.wasHeredoc = false // bash's print_redirection_list starts afresh
	}
	for _, r := range sc.Redirs {
		p.str(sep)
		p.layoutRedirect(r)
		sep = " "
	}
}

func (p *layout) redirs(rs []*Redirect) {
	if len(rs) > 0 {
		p.wasHeredoc = false // bash's print_redirection_list starts afresh
	}
	for _, r := range rs {
		p.str(" ")
		p.layoutRedirect(r)
	}
}

// layoutRedirect prints one redirection as bash does; a here-document's
// body waits for the next separator.
func (p *layout) layoutRedirect(r *Redirect) {
	if r.FdVar != "" {
		// bash's {NAME}: in place of the fd, even a default one.
		p.str("{" + r.FdVar + "}")
	} else if r.Fd >= 0 && r.Fd != r.Op.DefaultFd() {
		p.str(strconv.Itoa(r.Fd))
	}
	switch r.Op {
	case RedirDupIn, RedirDupOut:
		// bash writes the fd of a duplication even when it is the
		// default (not in place of a {NAME}): ">&2" prints as "1>&2";
		// it closes with ">&-" either way: "<&-" prints as "0>&-".
		if r.FdVar == "" && (r.Fd < 0 || r.Fd == r.Op.DefaultFd()) {
			p.str(strconv.Itoa(r.Op.DefaultFd()))
		}
		if isLit(r.Target, "-") {
			p.str(">&-")
			return
		}
		p.str(r.Op.String())
		p.word(r.Target, ctxWord)
		return
	case RedirHeredoc, RedirHeredocTab:
		p.str(r.Op.String())
		if r.Heredoc == nil {
			p.word(r.Target, ctxWord)
			return
		}
		if r.Heredoc.Quoted {
			// bash writes any quoted delimiter in single quotes.
			p.str(singleQuoted(r.Heredoc.Delim))
		} else {
			p.word(r.Target, ctxWord)
		}
		p.heredocs = append(p.heredocs, r.Heredoc)
		return
	}
	p.str(r.Op.String() + " ")
	p.word(r.Target, ctxWord)
}

// arithText is an arithmetic expression of for (( )) as written, trimmed,
// or empty when there is none.
func arithText(w *Word, empty string) string {
	if s := strings.TrimSpace(arithRaw(w)); s != "" {
		return s
	}
	return empty
}

// arithRaw is the text of an arithmetic expression as written.
func arithRaw(w *Word) string {
	if w == nil {
		return ""
	}
	var p printer
	for _, part := range w.Parts {
		if lit, ok := part.(*Lit); ok {
			p.str(lit.Value)
			continue
		}
		p.parts([]WordPart{part}, ctxArith)
	}
	return p.b.String()
}

// singleQuoted writes s in single quotes, a quote inside as the four
// characters quote, backslash, quote, quote (bash's sh_single_quote): how
// bash prints a $'...' word in a function body.
func singleQuoted(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// CommandLayout returns a simple command, (( )) or [[ ]] as bash prints it
// in $BASH_COMMAND: one line, laid out as FuncLayout lays it out
// ("ls 2> /dev/null", "[[ -n a ]]"). Any other command gives "".
func CommandLayout(c Command) string {
	switch c.(type) {
	case *SimpleCommand, *ArithCmd, *TestCmd:
	default:
		return ""
	}
	p := &layout{}
	p.bashQuotes = true
	p.command(c, 0)
	return p.b.String()
}
