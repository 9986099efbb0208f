package shell

import (
	"strconv"
	"strings"

	"gosh/parser"
)

// This file prints a function definition the way bash's type and
// declare -f do, one command per line, indented by four spaces:
//
//	f ()
//	{
//	    for i in 1 2;
//	    do
//	        echo $i;
//	    done
//	}
//
// (bash also leaves a space after "f ()" and after "{".) A definition
// whose body holds a here-document is printed by gosh's own printer
// instead, on as few lines as it can.

// funcText is the definition of fd as type and declare -f print it.
func funcText(fd *parser.FuncDecl) string {
	if hasHeredoc(fd) {
		return parser.String(fd)
	}
	p := &funcPrinter{}
	p.funcDecl(fd, 0, false)
	return p.b.String()
}

// hasHeredoc reports whether the printed text of n has a here-document.
func hasHeredoc(n any) bool {
	return strings.Contains(parser.String(n), "\n")
}

type funcPrinter struct{ b strings.Builder }

func (p *funcPrinter) str(s string) { p.b.WriteString(s) }

func (p *funcPrinter) indent(level int) {
	for range level {
		p.str("    ")
	}
}

// funcDecl prints "name () \n{ \n ... \n}" at indentation level; nested
// definitions get bash's "function" keyword.
func (p *funcPrinter) funcDecl(fd *parser.FuncDecl, level int, nested bool) {
	if nested {
		p.str("function ")
	}
	p.str(fd.Name + " () \n")
	p.indent(level)
	body := fd.Body
	var list *parser.List
	var redirs []*parser.Redirect
	if g, ok := body.(*parser.Group); ok {
		list, redirs = g.List, g.Redirs
	} else {
		// bash wraps any other body in braces: f() ( ... ) prints as
		// { ( ... ) }.
		list = &parser.List{Items: []*parser.ListItem{{AndOr: &parser.AndOr{First: &parser.Pipeline{Cmds: []parser.Command{body}}}}}}
	}
	p.str("{ \n")
	p.list(list, level+1)
	p.str("\n")
	p.indent(level)
	p.str("}")
	p.redirs(redirs)
}

// list prints the items of l, each on a line of its own at level, ended
// by ";" (none after the last), or by " &" with the next item on the same
// line for a background item, as bash does.
func (p *funcPrinter) list(l *parser.List, level int) {
	if l == nil {
		return
	}
	p.indent(level)
	for i, item := range l.Items {
		p.andOr(item.AndOr, level)
		last := i == len(l.Items)-1
		switch {
		case item.Background && last:
			p.str(" &")
		case item.Background:
			p.str(" & ")
		case !last:
			p.str(";\n")
			p.indent(level)
		}
	}
}

func (p *funcPrinter) andOr(ao *parser.AndOr, level int) {
	p.pipeline(ao.First, level)
	for _, part := range ao.Rest {
		p.str(" " + part.Op.String() + " ")
		p.pipeline(part.Pipeline, level)
	}
}

func (p *funcPrinter) pipeline(pl *parser.Pipeline, level int) {
	if pl.Bang {
		p.str("! ")
	}
	for i, c := range pl.Cmds {
		if i > 0 {
			p.str(" | ")
		}
		p.command(c, level)
	}
}

// command prints one command; level is the indentation of the line it
// starts on.
func (p *funcPrinter) command(c parser.Command, level int) {
	switch c := c.(type) {
	case *parser.SimpleCommand:
		p.simple(c)
		return
	case *parser.FuncDecl:
		p.funcDecl(c, level, true)
		return
	case *parser.Group:
		p.str("{ \n")
		p.list(c.List, level+1)
		p.str("\n")
		p.indent(level)
		p.str("}")
	case *parser.Subshell:
		p.str("( ")
		p.inlineList(c.List, level)
		p.str(" )")
	case *parser.If:
		p.ifClauses(c.Clauses, c.Else, level)
	case *parser.While:
		if c.Until {
			p.str("until ")
		} else {
			p.str("while ")
		}
		p.inlineList(c.Cond, level)
		p.str("; do\n")
		p.body(c.Body, level)
		p.str("done")
	case *parser.For:
		p.str("for " + c.Name)
		if c.In {
			p.str(" in")
			for _, w := range c.Words {
				p.str(" " + parser.String(w))
			}
		} else {
			p.str(` in "$@"`)
		}
		p.str(";\n")
		p.indent(level)
		p.str("do\n")
		p.body(c.Body, level)
		p.str("done")
	case *parser.ArithFor:
		p.str("for ((" + arithText(c.Init) + "; " + arithText(c.Cond) + "; " + arithText(c.Post) + "))\n")
		p.indent(level)
		p.str("do\n")
		p.body(c.Body, level)
		p.str("done")
	case *parser.Case:
		p.caseClause(c, level)
	case *parser.ArithCmd:
		p.str("((" + arithRaw(c.Expr) + "))")
	case *parser.TestCmd:
		p.str(parser.String(&parser.TestCmd{Expr: c.Expr}))
	default:
		p.str(parser.String(c))
		return
	}
	p.redirs(c.Redirects())
}

// body prints a loop's or branch's list one level deeper, then the
// indentation of the closing word.
func (p *funcPrinter) body(l *parser.List, level int) {
	p.list(l, level+1)
	p.str(";\n")
	p.indent(level)
}

// inlineList prints a list on the current line, as bash prints an if or
// while condition and a subshell's list: items joined by "; ", each
// further line of a multi-command subshell at level.
func (p *funcPrinter) inlineList(l *parser.List, level int) {
	if l == nil {
		return
	}
	for i, item := range l.Items {
		if i > 0 {
			p.str(";\n")
			p.indent(level)
		}
		p.andOr(item.AndOr, level)
		if item.Background {
			p.str(" &")
		}
	}
}

// ifClauses prints if/elif/else; bash prints each elif as an if nested in
// the else branch.
func (p *funcPrinter) ifClauses(clauses []*parser.IfClause, els *parser.List, level int) {
	cl := clauses[0]
	p.str("if ")
	p.inlineList(cl.Cond, level)
	p.str("; then\n")
	p.body(cl.Then, level)
	switch {
	case len(clauses) > 1:
		p.str("else\n")
		p.indent(level + 1)
		p.ifClauses(clauses[1:], els, level+1)
		p.str(";\n")
		p.indent(level)
	case els != nil:
		p.str("else\n")
		p.body(els, level)
	}
	p.str("fi")
}

func (p *funcPrinter) caseClause(c *parser.Case, level int) {
	p.str("case " + parser.String(c.Word) + " in \n")
	for _, item := range c.Items {
		p.indent(level + 1)
		for i, w := range item.Patterns {
			if i > 0 {
				p.str(" | ")
			}
			p.str(parser.String(w))
		}
		p.str(")\n")
		if item.Body != nil && len(item.Body.Items) > 0 {
			p.list(item.Body, level+2)
		}
		p.str("\n")
		p.indent(level + 1)
		p.str(item.Term.String() + "\n")
	}
	p.indent(level)
	p.str("esac")
}

// simple prints a simple command with bash's spacing: "> file", "2>&1".
func (p *funcPrinter) simple(sc *parser.SimpleCommand) {
	var words []string
	for _, a := range sc.Assigns {
		words = append(words, parser.String(a))
	}
	for _, w := range sc.Args {
		words = append(words, parser.String(w))
	}
	p.str(strings.Join(words, " "))
	if len(words) == 0 && len(sc.Redirs) > 0 {
		p.redirsFirst(sc.Redirs)
		return
	}
	p.redirs(sc.Redirs)
}

func (p *funcPrinter) redirs(rs []*parser.Redirect) {
	for _, r := range rs {
		p.str(" " + redirText(r))
	}
}

func (p *funcPrinter) redirsFirst(rs []*parser.Redirect) {
	for i, r := range rs {
		if i > 0 {
			p.str(" ")
		}
		p.str(redirText(r))
	}
}

// redirText is one redirection as bash prints it.
func redirText(r *parser.Redirect) string {
	fd := ""
	if r.Fd >= 0 && r.Fd != r.Op.DefaultFd() {
		fd = strconv.Itoa(r.Fd)
	}
	target := ""
	if r.Target != nil {
		target = parser.String(r.Target)
	}
	switch r.Op {
	case parser.RedirDupIn, parser.RedirDupOut:
		// bash writes the fd of a duplication even when it is the
		// default: ">&2" prints as "1>&2".
		n := r.Fd
		if n < 0 {
			n = r.Op.DefaultFd()
		}
		return strconv.Itoa(n) + r.Op.String() + target
	}
	return fd + r.Op.String() + " " + target
}

// arithText is an arithmetic expression of for (( )) as written, trimmed.
func arithText(w *parser.Word) string {
	if w == nil {
		return ""
	}
	return strings.TrimSpace(arithRaw(w))
}

// arithRaw is the text of an arithmetic expression as written.
func arithRaw(w *parser.Word) string {
	if w == nil {
		return ""
	}
	var b strings.Builder
	for _, part := range w.Parts {
		if lit, ok := part.(*parser.Lit); ok {
			b.WriteString(lit.Value)
			continue
		}
		b.WriteString(parser.String(&parser.Word{Parts: []parser.WordPart{part}}))
	}
	return b.String()
}
