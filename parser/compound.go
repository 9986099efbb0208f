package parser

import "strings"

// This file parses the compound commands, function definitions, [[ ]] and
// (( )): one function per grammar rule of ast.go.

// closers reports whether s is a reserved word that ends a compound_list
// (a switch: no map is built at start-up). At the start of a command they never begin one: "fi" alone is a syntax error that names
// the word. "in" and "]]" are such words too, as in bash.
func closers(s string) bool {
	switch s {
	case "then", "elif", "else", "fi", "do", "done", "esac", "}", "in",
		"]]":
		return true
	}
	return false
}

// reservedWords reports whether s is reserved at the start of a command.
// The printer quotes a simple command's first word that would read back as
// one of them.
func reservedWords(s string) bool {
	switch s {
	case "if", "then", "elif", "else", "fi", "while", "until", "for",
		"do", "done", "case", "esac", "in", "{", "}", "!", "[[", "]]",
		"function", "time", "select", "coproc":
		return true
	}
	return false
}

// isWord reports whether tok is the unquoted word s: a reserved word is
// recognised only when nothing of it was quoted or expanded.
func isWord(tok token, s string) bool {
	if tok.kind != tWord || tok.raw != s || len(tok.word.Parts) != 1 {
		return false
	}
	lit, ok := tok.word.Parts[0].(*Lit)
	return ok && lit.Value == s
}

// reserved returns the reserved word the current token spells, or "".
func (p *parser) reserved() string {
	if p.tok.kind == tWord && reservedWords(p.tok.raw) && isWord(p.tok, p.tok.raw) {
		return p.tok.raw
	}
	return ""
}

// atCloser reports whether the current token ends a compound_list.
func (p *parser) atCloser() bool {
	r := p.reserved()
	return r != "" && closers(r)
}

// eofError is the error for input that ends where the grammar wants more:
// Incomplete unless the text's end is known (an alias value, backquotes).
func (p *parser) eofError() error {
	if p.inSubst {
		return &SyntaxError{Pos: p.tok.pos, Msg: unmatchedMsg(")"), Incomplete: !p.l.bounded, AtEOF: true}
	}
	return &SyntaxError{Pos: p.tok.pos, Msg: msgEOF, Incomplete: !p.l.bounded, AtEOF: true}
}

// expect consumes the reserved word w, or reports what stands in its place.
func (p *parser) expect(w string) error {
	if isWord(p.tok, w) {
		return p.next()
	}
	if p.tok.kind == tEOF {
		return p.eofError()
	}
	return p.unexpected()
}

// expectTok consumes a token of kind k, or reports what stands there.
func (p *parser) expectTok(k tokKind) error {
	if p.tok.kind == k {
		return p.next()
	}
	if p.tok.kind == tEOF {
		return p.eofError()
	}
	return p.unexpected()
}

// compoundList parses
//
//	compound_list : linebreak and_or (separator and_or)* separator?
//
// up to a closing reserved word, ')' or a case terminator, which is left
// for the caller. At least one command must come before it, as in bash.
func (p *parser) compoundList() (*List, error) {
	list, err := p.list(tRParen)
	if err != nil {
		return nil, err
	}
	if len(list.Items) == 0 {
		if p.tok.kind == tEOF {
			return nil, p.eofError()
		}
		return nil, p.unexpected()
	}
	return list, nil
}

// compoundCommand parses the compound command that starts at the current
// token, with the redirections after it, or returns nil when the token does
// not start one.
//
//	command : compound_command redirect*
func (p *parser) compoundCommand() (Command, error) {
	var cmd Command
	var err error
	switch {
	case p.tok.kind == tLParen:
		if p.atDoubleParen() {
			cmd, err = p.arithCommand()
		} else {
			cmd, err = p.subshell()
		}
	case p.tok.kind != tWord:
		return nil, nil
	default:
		switch p.reserved() {
		case "{":
			cmd, err = p.braceGroup()
		case "if":
			cmd, err = p.ifClause()
		case "while", "until":
			cmd, err = p.whileClause()
		case "for":
			cmd, err = p.forClause()
		case "select":
			cmd, err = p.selectClause()
		case "case":
			cmd, err = p.caseClause()
		case "[[":
			cmd, err = p.condCommand()
		case "function":
			return p.functionKeyword()
		case "coproc":
			return p.coproc()
		default:
			return nil, nil
		}
	}
	if err != nil {
		return nil, err
	}
	redirs, err := p.redirects()
	if err != nil {
		return nil, err
	}
	switch c := cmd.(type) {
	case *Subshell:
		c.Redirs = redirs
	case *Group:
		c.Redirs = redirs
	case *If:
		c.Redirs = redirs
	case *While:
		c.Redirs = redirs
	case *For:
		c.Redirs = redirs
	case *ArithFor:
		c.Redirs = redirs
	case *Select:
		c.Redirs = redirs
	case *Case:
		c.Redirs = redirs
	case *ArithCmd:
		c.Redirs = redirs
	case *TestCmd:
		c.Redirs = redirs
	}
	return cmd, nil
}

// redirects parses redirect*.
func (p *parser) redirects() ([]*Redirect, error) {
	var redirs []*Redirect
	for p.tok.kind == tRedir {
		r, err := p.redirect()
		if err != nil {
			return nil, err
		}
		redirs = append(redirs, r)
	}
	return redirs, nil
}

// subshell parses
//
//	subshell : '(' compound_list ')'
func (p *parser) subshell() (*Subshell, error) {
	c := &Subshell{Pos: p.tok.pos}
	if err := p.next(); err != nil {
		return nil, err
	}
	list, err := p.compoundList()
	if err != nil {
		return nil, err
	}
	c.List = list
	return c, p.expectTok(tRParen)
}

// braceGroup parses
//
//	brace_group : '{' compound_list '}'
func (p *parser) braceGroup() (*Group, error) {
	c := &Group{Pos: p.tok.pos}
	if err := p.next(); err != nil {
		return nil, err
	}
	list, err := p.compoundList()
	if err != nil {
		return nil, err
	}
	c.List = list
	return c, p.expect("}")
}

// ifClause parses
//
//	if_clause : 'if' compound_list 'then' compound_list
//	            ('elif' compound_list 'then' compound_list)*
//	            ('else' compound_list)? 'fi'
func (p *parser) ifClause() (*If, error) {
	c := &If{Pos: p.tok.pos}
	for {
		cl := &IfClause{Pos: p.tok.pos}
		if err := p.next(); err != nil { // 'if' or 'elif'
			return nil, err
		}
		var err error
		if cl.Cond, err = p.compoundList(); err != nil {
			return nil, err
		}
		if err := p.expect("then"); err != nil {
			return nil, err
		}
		if cl.Then, err = p.compoundList(); err != nil {
			return nil, err
		}
		c.Clauses = append(c.Clauses, cl)
		if !isWord(p.tok, "elif") {
			break
		}
	}
	if isWord(p.tok, "else") {
		if err := p.next(); err != nil {
			return nil, err
		}
		var err error
		if c.Else, err = p.compoundList(); err != nil {
			return nil, err
		}
	}
	return c, p.expect("fi")
}

// whileClause parses
//
//	while_clause : 'while' compound_list do_group
//	until_clause : 'until' compound_list do_group
func (p *parser) whileClause() (*While, error) {
	c := &While{Pos: p.tok.pos, Until: p.tok.raw == "until"}
	if err := p.next(); err != nil {
		return nil, err
	}
	var err error
	if c.Cond, err = p.compoundList(); err != nil {
		return nil, err
	}
	c.Body, err = p.doGroup()
	return c, err
}

// doGroup parses
//
//	do_group : 'do' compound_list 'done'
func (p *parser) doGroup() (*List, error) {
	if err := p.expect("do"); err != nil {
		return nil, err
	}
	body, err := p.compoundList()
	if err != nil {
		return nil, err
	}
	return body, p.expect("done")
}

// forClause parses
//
//	for_clause : 'for' NAME linebreak (do_group | brace_group)
//	           | 'for' NAME linebreak 'in' WORD* sequential_sep (do_group | brace_group)
//	sequential_sep : ';' linebreak | NEWLINE linebreak
//
// and, after "for (", bash's arith_for. As in bash, "for x; do" is the
// first form too.
func (p *parser) forClause() (Command, error) {
	pos := p.tok.pos
	if err := p.next(); err != nil {
		return nil, err
	}
	if p.tok.kind == tLParen && p.atDoubleParen() {
		return p.arithFor(pos)
	}
	c := &For{Pos: pos}
	var err error
	c.Name, c.In, c.Words, c.Body, err = p.loopOverWords()
	return c, err
}

// selectClause parses
//
//	select_clause : 'select' NAME linebreak (do_group | brace_group)
//	              | 'select' NAME linebreak 'in' WORD* sequential_sep (do_group | brace_group)
func (p *parser) selectClause() (*Select, error) {
	c := &Select{Pos: p.tok.pos}
	if err := p.next(); err != nil {
		return nil, err
	}
	var err error
	c.Name, c.In, c.Words, c.Body, err = p.loopOverWords()
	return c, err
}

// loopOverWords parses what for_clause and select_clause share, after the
// reserved word:
//
//	NAME linebreak (do_group | brace_group)
//	NAME linebreak 'in' WORD* sequential_sep (do_group | brace_group)
//
// in is true when "in" was written.
func (p *parser) loopOverWords() (name string, in bool, words []*Word, body *List, err error) {
	if p.tok.kind != tWord {
		if p.tok.kind == tEOF {
			return "", false, nil, nil, p.eofError()
		}
		return "", false, nil, nil, p.unexpected()
	}
	// A NAME that is no name ("for 1 in", "for 'x' in") is an error when
	// the loop runs, as in bash: the word is kept as written.
	name = p.tok.raw
	if err := p.next(); err != nil {
		return "", false, nil, nil, err
	}
	if p.tok.kind == tSemi {
		// "for x; do": no "in", the fields of "$@".
		if err := p.next(); err != nil {
			return "", false, nil, nil, err
		}
	}
	if err := p.linebreak(); err != nil {
		return "", false, nil, nil, err
	}
	if isWord(p.tok, "in") {
		in = true
		if err := p.next(); err != nil {
			return "", false, nil, nil, err
		}
		for p.tok.kind == tWord {
			// NAME=(...) is no word of a list, as in bash.
			if err := arrayArgAllowed(nil, p.tok); err != nil {
				return "", false, nil, nil, err
			}
			words = append(words, p.tok.word)
			if err := p.next(); err != nil {
				return "", false, nil, nil, err
			}
		}
		if p.tok.kind != tSemi && p.tok.kind != tNewline {
			if p.tok.kind == tEOF {
				return "", false, nil, nil, p.eofError()
			}
			return "", false, nil, nil, p.unexpected()
		}
		if err := p.next(); err != nil {
			return "", false, nil, nil, err
		}
		if err := p.linebreak(); err != nil {
			return "", false, nil, nil, err
		}
	}
	body, err = p.loopBody()
	return name, in, words, body, err
}

// loopBody parses the body of for, select and for (( )):
//
//	do_group | brace_group
//
// bash takes a brace group in place of "do ... done" and keeps only its
// list, as "declare -f" shows (do ... done).
func (p *parser) loopBody() (*List, error) {
	if !isWord(p.tok, "{") {
		return p.doGroup()
	}
	g, err := p.braceGroup()
	if err != nil {
		return nil, err
	}
	return g.List, nil
}

// caseClause parses
//
//	case_clause : 'case' WORD linebreak 'in' linebreak case_item* 'esac'
func (p *parser) caseClause() (*Case, error) {
	c := &Case{Pos: p.tok.pos}
	if err := p.next(); err != nil {
		return nil, err
	}
	if p.tok.kind != tWord {
		if p.tok.kind == tEOF {
			return nil, p.eofError()
		}
		return nil, p.unexpected()
	}
	if err := arrayArgAllowed(nil, p.tok); err != nil {
		return nil, err // case a=() in: as bash
	}
	c.Word = p.tok.word
	if err := p.next(); err != nil {
		return nil, err
	}
	if err := p.linebreak(); err != nil {
		return nil, err
	}
	if err := p.expect("in"); err != nil {
		return nil, err
	}
	if err := p.linebreak(); err != nil {
		return nil, err
	}
	for !isWord(p.tok, "esac") {
		item, err := p.caseItem()
		if err != nil {
			return nil, err
		}
		c.Items = append(c.Items, item)
	}
	return c, p.next()
}

// caseItem parses
//
//	case_item : '('? WORD ('|' WORD)* ')' compound_list? (';;' | ';&' | ';;&')? linebreak
//
// An item without a terminator must be the last, right before 'esac'.
func (p *parser) caseItem() (*CaseItem, error) {
	item := &CaseItem{Pos: p.tok.pos}
	if p.tok.kind == tLParen {
		if err := p.next(); err != nil {
			return nil, err
		}
	}
	for {
		if p.tok.kind != tWord {
			if p.tok.kind == tEOF {
				return nil, p.eofError()
			}
			return nil, p.unexpected()
		}
		item.Patterns = append(item.Patterns, p.tok.word)
		if err := p.next(); err != nil {
			return nil, err
		}
		if p.tok.kind != tPipe {
			break
		}
		if err := p.next(); err != nil {
			return nil, err
		}
	}
	if err := p.expectTok(tRParen); err != nil {
		return nil, err
	}
	body, err := p.list(tRParen)
	if err != nil {
		return nil, err
	}
	item.Body = body
	switch p.tok.kind {
	case tDSemi:
		item.Term = CaseBreak
	case tSemiAnd:
		item.Term = CaseFallthrough
	case tDSemiAnd:
		item.Term = CaseContinue
	case tEOF:
		return nil, p.eofError()
	default:
		if isWord(p.tok, "esac") {
			return item, nil
		}
		return nil, p.unexpected()
	}
	if err := p.next(); err != nil {
		return nil, err
	}
	return item, p.linebreak()
}

// functionDef parses, once the current word has been seen to be followed
// by '(',
//
//	function_def : NAME '(' ')' linebreak compound_command redirect*
func (p *parser) functionDef() (*FuncDecl, error) {
	if !validFuncName(p.tok.raw) {
		return nil, &SyntaxError{Pos: p.tok.pos, Msg: "`" + p.tok.raw + "': not a valid identifier"}
	}
	fd := &FuncDecl{Name: p.tok.raw, Pos: p.tok.pos}
	if err := p.next(); err != nil {
		return nil, err
	}
	if err := p.next(); err != nil { // the '('
		return nil, err
	}
	if p.tok.kind == tEOF && !p.inSubst {
		// "echo (" at the end of the input: bash reads the newline it
		// ends with, where the ')' should be.
		return nil, &SyntaxError{Pos: p.tok.pos, Msg: unexpectedMsg("newline")}
	}
	if err := p.expectTok(tRParen); err != nil {
		return nil, err
	}
	return fd, p.functionBody(fd)
}

// functionKeyword parses bash's
//
//	function_def : 'function' NAME ('(' ')')? linebreak compound_command redirect*
func (p *parser) functionKeyword() (*FuncDecl, error) {
	fd := &FuncDecl{Keyword: true, Pos: p.tok.pos}
	if err := p.next(); err != nil {
		return nil, err
	}
	if p.tok.kind != tWord {
		if p.tok.kind == tEOF {
			return nil, p.eofError()
		}
		return nil, p.unexpected()
	}
	if !isFuncName(p.tok) || !validFuncName(p.tok.raw) {
		return nil, &SyntaxError{Pos: p.tok.pos, Msg: "`" + p.tok.raw + "': not a valid identifier"}
	}
	fd.Name = p.tok.raw
	if err := p.next(); err != nil {
		return nil, err
	}
	if p.tok.kind == tLParen {
		if err := p.emptyParens(); err != nil {
			return nil, err
		}
	}
	return fd, p.functionBody(fd)
}

// emptyParens consumes the "( )" of a function definition.
func (p *parser) emptyParens() error {
	if err := p.expectTok(tLParen); err != nil {
		return err
	}
	return p.expectTok(tRParen)
}

// functionBody parses "linebreak compound_command redirect*" into fd.
func (p *parser) functionBody(fd *FuncDecl) error {
	if err := p.linebreak(); err != nil {
		return err
	}
	if p.tok.kind == tEOF {
		return p.eofError()
	}
	if p.tok.kind == tWord && p.reserved() == "" {
		// An alias may expand to the body's first word.
		if _, err := p.expandAlias(); err != nil {
			return err
		}
	}
	body, err := p.compoundCommand()
	if err != nil {
		return err
	}
	if body == nil || isFunc(body) {
		return p.unexpected()
	}
	fd.Body = body
	return nil
}

func isFunc(c Command) bool {
	_, ok := c.(*FuncDecl)
	return ok
}

// isFuncName reports whether tok can name a function: as in bash, any
// unquoted word without expansions that is not a reserved word and does
// not look like an assignment.
func isFuncName(tok token) bool {
	if !isWord(tok, tok.raw) || reservedWords(tok.raw) {
		return false
	}
	return assignment(tok) == nil
}

// lParenNext reports whether the token after the current one is '('.
func (p *parser) lParenNext() bool {
	if len(p.queue) > 0 {
		return p.queue[0].kind == tLParen
	}
	return p.l.peekNonBlank() == '('
}

// validFuncName reports whether a word that may name a function does:
// bash refuses a '$' in it (which could not be called anyway).
func validFuncName(name string) bool {
	return !strings.ContainsAny(name, "$`")
}

// atDoubleParen reports whether the current '(' is followed at once by a
// second '(': the start of "((".
func (p *parser) atDoubleParen() bool {
	return len(p.queue) == 0 && p.l.peekByte() == '('
}

// arithCommand parses
//
//	arith_command : '((' expr '))'
//
// When the text after "((" is not an arithmetic expression closed by "))",
// it is read again as a subshell inside a subshell, as bash does.
func (p *parser) arithCommand() (Command, error) {
	pos := p.tok.pos
	save := p.l.i
	expr, ok, err := p.l.arithText()
	if err != nil {
		return nil, err
	}
	if !ok {
		p.l.i = save
		return p.subshell()
	}
	p.tok.end = p.l.endOff(p.l.i) // the token now spans "((expr))"
	if err := p.next(); err != nil {
		return nil, err
	}
	return &ArithCmd{Expr: expr, Pos: pos}, nil
}

// arithFor parses, after 'for',
//
//	arith_for : 'for' '((' expr? ';' expr? ';' expr? '))' sequential_sep? (do_group | brace_group)
func (p *parser) arithFor(pos Pos) (*ArithFor, error) {
	tokPos := p.tok.pos
	expr, ok, err := p.l.arithText()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, p.unexpected()
	}
	parts := splitArith(expr)
	if len(parts) != 3 {
		return nil, &SyntaxError{Pos: tokPos, Msg: "syntax error: arithmetic expression required"}
	}
	c := &ArithFor{Init: parts[0], Cond: parts[1], Post: parts[2], Pos: pos}
	p.tok.end = p.l.endOff(p.l.i)
	if err := p.next(); err != nil {
		return nil, err
	}
	if p.tok.kind == tSemi {
		if err := p.next(); err != nil {
			return nil, err
		}
	}
	if err := p.linebreak(); err != nil {
		return nil, err
	}
	c.Body, err = p.loopBody()
	return c, err
}

// splitArith splits the text of "for ((a; b; c))" at its top-level
// semicolons. An empty expression is nil.
func splitArith(w *Word) []*Word {
	var out []*Word
	cur := &Word{Pos: w.Pos}
	for _, part := range w.Parts {
		lit, ok := part.(*Lit)
		if !ok {
			cur.Parts = append(cur.Parts, part)
			continue
		}
		s := lit.Value
		for {
			i := strings.IndexByte(s, ';')
			if i < 0 {
				break
			}
			if i > 0 {
				cur.Parts = append(cur.Parts, &Lit{Value: s[:i]})
			}
			out = append(out, cur)
			cur = &Word{Pos: w.Pos}
			s = s[i+1:]
		}
		if s != "" {
			cur.Parts = append(cur.Parts, &Lit{Value: s})
		}
	}
	out = append(out, cur)
	for i, x := range out {
		if isBlankWord(x) {
			out[i] = nil
		}
	}
	return out
}

// isBlankWord reports whether w is nothing but blanks.
func isBlankWord(w *Word) bool {
	for _, part := range w.Parts {
		lit, ok := part.(*Lit)
		if !ok {
			return false
		}
		for i := 0; i < len(lit.Value); i++ {
			if c := lit.Value[i]; c != ' ' && c != '\t' && c != '\n' {
				return false
			}
		}
	}
	return true
}

// condCommand parses
//
//	cond_command : '[[' cond_or ']]'
func (p *parser) condCommand() (*TestCmd, error) {
	c := &TestCmd{Pos: p.tok.pos}
	if err := p.next(); err != nil {
		return nil, err
	}
	x, err := p.condOr()
	if err != nil {
		return nil, err
	}
	c.Expr = x
	if p.tok.kind == tNewline {
		if err := p.linebreak(); err != nil {
			return nil, err
		}
	}
	switch {
	case p.tok.kind == tRParen:
		// bash's words for what follows a whole expression.
		return nil, &SyntaxError{Pos: p.tok.pos, Msg: "syntax error in conditional expression: unexpected token `)'"}
	case p.tok.kind == tWord && !isWord(p.tok, "]]"):
		return nil, &SyntaxError{Pos: p.tok.pos, Msg: "syntax error in conditional expression"}
	}
	return c, p.expect("]]")
}

// condOr parses
//
//	cond_or : cond_and linebreak ('||' linebreak cond_and linebreak)*
//
// (bash lets a newline come before || and && too.)
func (p *parser) condOr() (TestExpr, error) {
	x, err := p.condAnd()
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tOrIf {
		if err := p.next(); err != nil {
			return nil, err
		}
		y, err := p.condAnd()
		if err != nil {
			return nil, err
		}
		x = &TestBinary{Op: "||", X: x, Y: y}
	}
	return x, nil
}

// condAnd parses
//
//	cond_and : cond_not linebreak ('&&' linebreak cond_not linebreak)*
func (p *parser) condAnd() (TestExpr, error) {
	x, err := p.condNot()
	if err != nil {
		return nil, err
	}
	if err := p.linebreak(); err != nil {
		return nil, err
	}
	for p.tok.kind == tAndIf {
		if err := p.next(); err != nil {
			return nil, err
		}
		y, err := p.condNot()
		if err != nil {
			return nil, err
		}
		if err := p.linebreak(); err != nil {
			return nil, err
		}
		x = &TestBinary{Op: "&&", X: x, Y: y}
	}
	return x, nil
}

// condNot parses
//
//	cond_not : '!' cond_not | cond_primary
func (p *parser) condNot() (TestExpr, error) {
	if err := p.linebreak(); err != nil {
		return nil, err
	}
	if isWord(p.tok, "!") {
		if err := p.next(); err != nil {
			return nil, err
		}
		x, err := p.condNot()
		if err != nil {
			return nil, err
		}
		return &TestUnary{Op: "!", X: x}, nil
	}
	return p.condPrimary()
}

// unaryTests reports whether s is one of [[ ]]'s unary operators.
func unaryTests(s string) bool {
	switch s {
	case "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-p", "-r",
		"-s", "-t", "-u", "-w", "-x", "-G", "-L", "-N", "-O", "-S", "-z",
		"-n", "-o", "-v", "-R":
		return true
	}
	return false
}

// binaryTests reports whether s is one of [[ ]]'s binary operators written
// as words; < and > are read as redirection tokens.
func binaryTests(s string) bool {
	switch s {
	case "==", "=", "!=", "=~", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
		"-nt", "-ot", "-ef":
		return true
	}
	return false
}

// condToken is how bash names the token where [[ ]] wanted another: the
// end of the text is a newline (bash's -c and eval text end with one).
func (p *parser) condToken() (string, Pos) {
	if p.tok.kind == tEOF {
		return "newline", p.tok.pos // (condError marks the error Incomplete)
	}
	return p.tok.text(), p.tok.pos
}

// condError is a syntax error of [[ ]] at the current token, named in
// format's %s as bash names it (condToken). At the end of the input it is
// Incomplete, as any unfinished command is: more lines could finish it.
func (p *parser) condError(format string) *SyntaxError {
	text, pos := p.condToken()
	return &SyntaxError{Pos: pos, Msg: strings.Replace(format, "%s", text, 1), Incomplete: p.tok.kind == tEOF && !p.l.bounded}
}

// condOperand reads one operand word of [[ ]].
func (p *parser) condOperand(after string) (*Word, error) {
	switch {
	case p.tok.kind != tWord || isWord(p.tok, "]]"):
		return nil, p.condError("unexpected argument `%s' to conditional " + after)
	}
	w := p.tok.word
	return w, p.next()
}

// condPrimary parses
//
//	cond_primary : '(' cond_or ')' | UNARY_OP WORD | WORD BINARY_OP WORD | WORD
func (p *parser) condPrimary() (TestExpr, error) {
	switch {
	case p.tok.kind == tLParen:
		if err := p.next(); err != nil {
			return nil, err
		}
		x, err := p.condOr()
		if err != nil {
			return nil, err
		}
		if err := p.linebreak(); err != nil {
			return nil, err
		}
		if p.tok.kind != tRParen {
			return nil, p.condError("unexpected token `%s', expected `)'")
		}
		return &TestParen{X: x}, p.expectTok(tRParen)
	case p.tok.kind == tEOF:
		return nil, p.eofError()
	case p.tok.kind != tWord || isWord(p.tok, "]]"):
		return nil, p.unexpected()
	}
	if unaryTests(p.tok.raw) && isWord(p.tok, p.tok.raw) {
		op := p.tok.raw
		if err := p.next(); err != nil {
			return nil, err
		}
		w, err := p.condOperand("unary operator")
		if err != nil {
			return nil, err
		}
		return &TestUnary{Op: op, X: &TestWord{Word: w}}, nil
	}
	x := &TestWord{Word: p.tok.word}
	if err := p.next(); err != nil {
		return nil, err
	}
	op := ""
	switch {
	case p.tok.kind == tWord && binaryTests(p.tok.raw) && isWord(p.tok, p.tok.raw):
		op = p.tok.raw
	case p.tok.kind == tRedir && p.tok.fd < 0 && p.tok.op == RedirIn:
		op = "<"
	case p.tok.kind == tRedir && p.tok.fd < 0 && p.tok.op == RedirOut:
		op = ">"
	case p.tok.kind == tWord && !isWord(p.tok, "]]"), p.tok.kind == tRedir && p.tok.fd >= 0:
		// A second word ("[[ a b ]]"; the 2 of "2>" is one): bash's words.
		return nil, &SyntaxError{Pos: p.tok.pos, Msg: "conditional binary operator expected"}
	case p.tok.kind == tWord, p.tok.kind == tAndIf, p.tok.kind == tOrIf, p.tok.kind == tRParen:
		return x, nil // ]], && || or ): the word alone is the test
	default:
		// A newline, ';', '|', '(' ...: bash names it.
		return nil, p.condError("unexpected token `%s', conditional binary operator expected")
	}
	if op == "=~" && len(p.queue) == 0 {
		// The regular expression is read by its own rule: ( ) and | are
		// part of it.
		w, err := p.l.regexWord()
		if err != nil {
			return nil, err
		}
		p.tok.end = p.l.endOff(p.l.i)
		if err := p.next(); err != nil {
			return nil, err
		}
		return &TestBinary{Op: op, X: x, Y: &TestWord{Word: w}}, nil
	}
	// The pattern after == != = may hold extended patterns (bash turns
	// extglob on for it while parsing).
	p.l.extPat = len(p.queue) == 0 && (op == "==" || op == "=" || op == "!=")
	err := p.next()
	p.l.extPat = false
	if err != nil {
		return nil, err
	}
	y, err := p.condOperand("binary operator")
	if err != nil {
		return nil, err
	}
	return &TestBinary{Op: op, X: x, Y: &TestWord{Word: y}}, nil
}

// startsCompound reports whether tok begins a compound command: '(' (a
// subshell or "(( ))"), or one of the reserved words {, if, while, until,
// for, select, case and [[, unquoted.
func startsCompound(tok token) bool {
	if tok.kind == tLParen {
		return true
	}
	switch tok.raw {
	case "{", "if", "while", "until", "for", "select", "case", "[[":
		return isWord(tok, tok.raw)
	}
	return false
}

// misplacedAfterCoproc reports whether tok is a reserved word that can
// neither start the command of a coproc nor be a word of it: bash reports
// "coproc !", "coproc function f", "coproc a fi" as syntax errors.
func misplacedAfterCoproc(tok token) bool {
	if tok.kind != tWord || !isWord(tok, tok.raw) {
		return false
	}
	return tok.raw == "!" || tok.raw == "function" || tok.raw == "coproc" || closers(tok.raw)
}

// coproc parses bash's
//
//	coproc : 'coproc' compound_command redirect*
//	       | 'coproc' WORD compound_command redirect*
//	       | 'coproc' simple_command
//
// The word after "coproc" is the coproc's NAME when the token after it
// starts a compound command; else it begins a simple command. Telling the
// two apart takes a second token of lookahead: the parser reads the token
// after the word, and puts it back in front of the queue when the word is
// a command's.
func (p *parser) coproc() (Command, error) {
	c := &Coproc{Pos: p.tok.pos}
	if err := p.next(); err != nil {
		return nil, err
	}
	if err := p.expandCommandAliases(); err != nil { // bash: "coproc ll" with an alias ll
		return nil, err
	}
	if p.tok.kind == tWord && !startsCompound(p.tok) && !misplacedAfterCoproc(p.tok) && assignment(p.tok) == nil {
		word, end := p.tok, p.lastEnd
		if err := p.next(); err != nil {
			return nil, err
		}
		switch {
		case startsCompound(p.tok):
			c.Name = word.word
		case misplacedAfterCoproc(p.tok):
			return nil, p.unexpected()
		default:
			// The word is the first of a simple command: put the token
			// after it back.
			p.queue = append([]token{p.tok}, p.queue...)
			p.tok, p.lastEnd = word, end
		}
	}
	switch {
	case p.tok.kind == tEOF && !p.inSubst:
		// As bash: nothing after "coproc" is an error at once, not an
		// unfinished command (bash -c coproc).
		return nil, &SyntaxError{Pos: p.tok.pos, Msg: unexpectedMsg("newline")}
	case misplacedAfterCoproc(p.tok):
		return nil, p.unexpected()
	case startsCompound(p.tok):
		body, err := p.compoundCommand()
		if err != nil {
			return nil, err
		}
		c.Body = body
	default:
		body, err := p.simpleCommand()
		if err != nil {
			return nil, err
		}
		c.Body = body
	}
	return c, nil
}
