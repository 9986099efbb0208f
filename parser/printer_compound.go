package parser

import "strings"

// This file prints the compound commands, function definitions, [[ ]] and
// (( )) on one line where their grammar allows it: "for i in 1 2 3; do
// sleep 60; done". A here-document inside ends the line, and its body
// follows on the next ones.

// isReservedLit reports whether w is an unquoted reserved word, which a
// simple command's name must not print as.
func isReservedLit(w *Word) bool {
	if w == nil || len(w.Parts) != 1 {
		return false
	}
	lit, ok := w.Parts[0].(*Lit)
	return ok && reservedWords(lit.Value)
}

// atLineStart reports whether the text so far ends a line (after the body
// of a here-document).
func (p *printer) atLineStart() bool {
	return strings.HasSuffix(p.b.String(), "\n")
}

// close writes the reserved word (or operator) that follows the list l,
// with the separator the list needs before it.
func (p *printer) close(l *List, word string) {
	switch {
	case p.atLineStart():
		p.str(word)
	case l != nil && len(l.Items) > 0 && l.Items[len(l.Items)-1].Background:
		p.str(" " + word)
	default:
		p.str("; " + word)
	}
}

// compound prints a command other than a simple command, with its
// redirections.
func (p *printer) compound(c Command) {
	switch x := c.(type) {
	case *Subshell:
		if x == nil {
			return
		}
		p.str("( ")
		p.list(x.List)
		if p.atLineStart() {
			p.str(")")
		} else {
			p.str(" )")
		}
	case *Group:
		if x == nil {
			return
		}
		p.str("{ ")
		p.list(x.List)
		p.close(x.List, "}")
	case *If:
		if x == nil {
			return
		}
		for i, cl := range x.Clauses {
			if i == 0 {
				p.str("if ")
			} else {
				p.str("elif ")
			}
			p.list(cl.Cond)
			p.close(cl.Cond, "then ")
			p.list(cl.Then)
			p.close(cl.Then, "")
		}
		if x.Else != nil {
			p.str("else ")
			p.list(x.Else)
			p.close(x.Else, "")
		}
		p.str("fi")
	case *While:
		if x == nil {
			return
		}
		if x.Until {
			p.str("until ")
		} else {
			p.str("while ")
		}
		p.list(x.Cond)
		p.doGroup(x.Cond, x.Body)
	case *For:
		if x == nil {
			return
		}
		p.loopOverWords("for", x.Name, x.In, x.Words, x.Body)
	case *Select:
		if x == nil {
			return
		}
		p.loopOverWords("select", x.Name, x.In, x.Words, x.Body)
	case *ArithFor:
		if x == nil {
			return
		}
		p.str("for ((")
		for i, w := range []*Word{x.Init, x.Cond, x.Post} {
			if i > 0 {
				p.str(";")
			}
			if w != nil {
				p.parts(w.Parts, ctxArith)
			}
		}
		p.str(")); do ")
		p.list(x.Body)
		p.close(x.Body, "done")
	case *Case:
		if x == nil {
			return
		}
		p.caseClause(x)
	case *FuncDecl:
		if x == nil {
			return
		}
		if x.Keyword {
			p.str("function ")
		}
		p.str(x.Name + "() ")
		if x.Body != nil {
			p.command(x.Body)
		}
		return // the body printed its own redirections
	case *Coproc:
		if x == nil {
			return
		}
		// The default name is left out: "coproc COPROC cat" would read
		// back as the command COPROC.
		p.str("coproc ")
		if x.Name != nil {
			p.word(x.Name, ctxWord)
			p.str(" ")
		}
		if x.Body != nil {
			p.command(x.Body)
		}
		return // the body printed its own redirections
	case *ArithCmd:
		if x == nil {
			return
		}
		p.str("((")
		if x.Expr != nil {
			p.parts(x.Expr.Parts, ctxArith)
		}
		p.str("))")
	case *TestCmd:
		if x == nil {
			return
		}
		p.str("[[ ")
		p.testExpr(x.Expr)
		p.str(" ]]")
	default:
		return
	}
	for _, r := range c.Redirects() {
		p.str(" ")
		p.redirect(r)
	}
}

// doGroup prints "; do BODY; done" after the list before it.
func (p *printer) doGroup(before, body *List) {
	p.close(before, "do ")
	p.list(body)
	p.close(body, "done")
}

func (p *printer) caseClause(x *Case) {
	p.str("case ")
	p.word(x.Word, ctxWord)
	p.str(" in")
	for _, it := range x.Items {
		if !p.atLineStart() {
			p.str(" ")
		}
		for i, w := range it.Patterns {
			if i > 0 {
				p.str("|")
			} else if isLit(w, "esac") {
				p.str("(") // a first pattern "esac" would end the case
			}
			p.word(w, ctxWord)
		}
		p.str(")")
		if it.Body == nil || len(it.Body.Items) == 0 {
			p.str(" " + it.Term.String())
			continue
		}
		p.str(" ")
		p.list(it.Body)
		if !p.atLineStart() && it.Body.Items[len(it.Body.Items)-1].Background {
			p.str(" ")
		}
		p.str(it.Term.String())
	}
	if !p.atLineStart() {
		p.str(" ")
	}
	p.str("esac")
}

// testOperators are the words that [[ ]] reads as operators; an operand
// spelled like one is printed with a backslash.
func isTestOperator(w *Word) bool {
	if w == nil || len(w.Parts) != 1 {
		return false
	}
	lit, ok := w.Parts[0].(*Lit)
	if !ok {
		return false
	}
	v := lit.Value
	return unaryTests(v) || binaryTests(v) || v == "!" || v == "]]"
}

// testExpr prints a [[ ]] expression. A word alone as an expression is
// the test -n WORD, which bash writes out ([[ a ]] prints as [[ -n a ]]).
func (p *printer) testExpr(e TestExpr) {
	if w, ok := e.(*TestWord); ok {
		p.str("-n ")
		p.testOperand(w)
		return
	}
	p.testOperand(e)
}

// testOperand prints a [[ ]] expression where a word is an operand.
func (p *printer) testOperand(e TestExpr) {
	switch x := e.(type) {
	case *TestBinary:
		if x.Op == "&&" || x.Op == "||" {
			p.testExpr(x.X)
			p.str(" " + x.Op + " ")
			p.testExpr(x.Y)
			return
		}
		p.testOperand(x.X)
		p.str(" " + x.Op + " ")
		if y, ok := x.Y.(*TestWord); ok && x.Op == "=~" {
			p.regex(y.Word)
			return
		}
		p.testOperand(x.Y)
	case *TestUnary:
		p.str(x.Op + " ")
		if x.Op == "!" {
			p.testExpr(x.X)
			return
		}
		p.testOperand(x.X)
	case *TestParen:
		p.str("( ")
		p.testExpr(x.X)
		p.str(" )")
	case *TestWord:
		if isTestOperator(x.Word) {
			p.str(`\`)
		}
		p.word(x.Word, ctxWord)
	}
}

// regex prints the word after =~, where ( ) | and blanks inside
// parentheses are written as they are.
func (p *printer) regex(w *Word) {
	if w == nil {
		return
	}
	for i, part := range w.Parts {
		lit, ok := part.(*Lit)
		if !ok {
			p.parts([]WordPart{part}, ctxWord)
			continue
		}
		var next WordPart
		if i+1 < len(w.Parts) {
			next = w.Parts[i+1]
		}
		s := lit.Value
		first := i == 0
		for s != "" {
			j := strings.IndexAny(s, "()| \t")
			if j < 0 {
				p.lit(s, ctxWord, first, next)
				break
			}
			if j > 0 {
				p.lit(s[:j], ctxWord, first, nil)
			}
			p.b.WriteByte(s[j])
			s = s[j+1:]
			first = false
		}
	}
}

// loopOverWords prints a for or select loop over words.
func (p *printer) loopOverWords(keyword, name string, in bool, words []*Word, body *List) {
	p.str(keyword + " " + name)
	if in {
		p.str(" in")
		for _, w := range words {
			p.str(" ")
			p.word(w, ctxWord)
		}
	}
	p.str("; do ")
	p.list(body)
	p.close(body, "done")
}
