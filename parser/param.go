package parser

// This file lexes the parameter-expansion and quoting constructs of a word
// that go beyond a plain $NAME: ${...} with all its operators, ANSI-C
// quoting $'...', and the array list of NAME=(...).

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// quotesCount reports whether single and double quotes are quoting
// characters in ctx (and not literal text, as inside "..." or a
// here-document).
func quotesCount(ctx context) bool {
	switch ctx {
	case ctxWord, ctxArg, ctxPat, ctxPatSlash, ctxOffset, ctxIndex, ctxExtglob:
		return true
	}
	return false
}

// bracedParam reads ${...} at l.i.
func (l *lexer) bracedParam(ctx context) (*ParamExp, error) {
	start := l.i
	l.i += 2
	pe := &ParamExp{Braced: true}
	unterminated := func() error { return l.errAt(start, unmatchedMsg("}"), true) }
	// bad is a ${...} gosh cannot read: as bash, it is an error when it
	// is expanded ("${x!}: bad substitution", status 1), not a syntax
	// error, once its closing brace is found.
	bad := func() (*ParamExp, error) {
		end := l.closingBrace(start + 2)
		if end < 0 {
			return nil, unterminated()
		}
		l.i = end + 1
		return &ParamExp{Braced: true, Bad: l.src[start : end+1]}, nil
	}
	startsParam := func(c byte) bool { return isNameStart(c) || isDigit(c) || isSpecialParam(c) }
	// ${#NAME} is the length of NAME; ${#} alone is the special parameter #.
	// ${!NAME} is indirection; ${!} alone is the special parameter !.
	// As bash: after '#', a - ? # or @ is a parameter to take the length
	// of only when '}' follows (${#-} is the length of $-, ${#-x} is $#
	// or x); after '!', only a name, a digit, # ? @ or * is one to
	// refer through (${!-x} is $! or x).
	switch n := l.at(l.i + 1); l.at(l.i) {
	case '#':
		if startsParam(n) && (strings.IndexByte("-?#@", n) < 0 || l.at(l.i+2) == '}') {
			pe.Length = true
			l.i++
		}
		if !pe.Length && strings.IndexByte("%:=+/", n) >= 0 && n != 0 && l.at(l.i+2) == '}' {
			return bad() // ${#%} ${#:} ${#=} ${#+} ${#/}
		}
	case '!':
		if isNameStart(n) || isDigit(n) || strings.IndexByte("#?@*", n) >= 0 && n != 0 {
			pe.Indirect = true
			l.i++
		}
	}
	c := l.at(l.i)
	switch {
	case isNameStart(c):
		j := skipWhile(l.src, l.i, isNameChar)
		pe.Name, l.i = l.src[l.i:j], j
	case isDigit(c):
		j := skipWhile(l.src, l.i, isDigit)
		pe.Name, l.i = l.src[l.i:j], j
	case isSpecialParam(c):
		pe.Name = string(c)
		l.i++
	default:
		return bad()
	}
	if l.at(l.i) == '[' && IsName(pe.Name) {
		idx, err := l.subscript(start)
		if err != nil {
			// ${a[1} has no ']' before its '}': a bad substitution.
			if l.closingBrace(start+2) >= 0 {
				return bad()
			}
			return nil, err
		}
		pe.Index = idx
	}
	if pe.Indirect && pe.Index == nil && IsName(pe.Name) && (l.at(l.i) == '*' || l.at(l.i) == '@') && l.at(l.i+1) == '}' {
		// ${!prefix*} and ${!prefix@}: variable names.
		pe.Op = ParamNamesStar
		if l.at(l.i) == '@' {
			pe.Op = ParamNamesAt
		}
		pe.Indirect = false
		l.i += 2
		return pe, nil
	}
	if l.at(l.i) == '}' {
		l.i++
		return pe, nil
	}
	if pe.Length {
		return bad()
	}
	// word reads the word after the operator in context wctx.
	word := func(wctx context) (*Word, error) {
		argStart := l.i
		parts, err := l.parts(wctx, start)
		if err != nil {
			return nil, err
		}
		return &Word{Parts: parts, Pos: l.pos(argStart)}, nil
	}
	// two sets op1, or op2 when the operator character is doubled.
	two := func(op1, op2 ParamOp) {
		pe.Op = op1
		if l.at(l.i+1) == l.at(l.i) {
			pe.Op = op2
			l.i++
		}
		l.i++
	}
	var err error
	switch c := l.at(l.i); c {
	case ':':
		if n := l.at(l.i + 1); n == '-' || n == '=' || n == '?' || n == '+' {
			pe.Colon = true
			l.i++
			return l.defaultOp(pe, ctx, start, word)
		}
		pe.Op = ParamSubstr
		l.i++
		if pe.Arg, err = word(ctxOffset); err != nil {
			return nil, err
		}
		if len(pe.Arg.Parts) == 0 && l.at(l.i) == '}' {
			return bad() // ${x:} has no offset at all (${x::} has)
		}
		if l.at(l.i) == ':' {
			l.i++
			if pe.Repl, err = word(ctxPat); err != nil {
				return nil, err
			}
		}
	case '-', '=', '?', '+':
		return l.defaultOp(pe, ctx, start, word)
	case '#':
		two(ParamTrimPrefix, ParamTrimLongPrefix)
		pe.Arg, err = word(ctxPat)
	case '%':
		two(ParamTrimSuffix, ParamTrimLongSuffix)
		pe.Arg, err = word(ctxPat)
	case '^':
		two(ParamUpperFirst, ParamUpperAll)
		pe.Arg, err = word(ctxPat)
	case ',':
		two(ParamLowerFirst, ParamLowerAll)
		pe.Arg, err = word(ctxPat)
	case '~':
		two(ParamToggleFirst, ParamToggleAll)
		pe.Arg, err = word(ctxPat)
	case '/':
		pe.Op = ParamReplace
		l.i++
		switch l.at(l.i) {
		case '/':
			pe.Op = ParamReplaceAll
			l.i++
		case '#':
			pe.Op = ParamReplacePrefix
			l.i++
		case '%':
			pe.Op = ParamReplaceSuffix
			l.i++
		}
		if pe.Arg, err = word(ctxPatSlash); err != nil {
			return nil, err
		}
		if l.at(l.i) == '/' {
			l.i++
			pe.Repl, err = word(ctxPat)
		}
	case '@':
		pe.Op = ParamTransform
		l.i++
		if n := l.at(l.i); strings.IndexByte("QEPAKaUuLk", n) < 0 || n == 0 || l.at(l.i+1) != '}' {
			// An unknown transformation (${x@Z}, ${x@}): bash finds out
			// only when it expands a value, and then the error ends a
			// script as an unset ${x?} does; an unset x gives "".
			end := l.closingBrace(start + 2)
			if end < 0 {
				return nil, unterminated()
			}
			pe.Arg = &Word{Parts: []WordPart{&Lit{Value: l.src[l.i:end]}}, Pos: l.pos(l.i)}
			pe.Bad = l.src[start : end+1]
			l.i = end + 1
			return pe, nil
		}
		pe.Arg = &Word{Parts: []WordPart{&Lit{Value: string(l.at(l.i))}}, Pos: l.pos(l.i)}
		l.i++
	default:
		return bad()
	}
	if err != nil {
		return nil, err
	}
	if l.at(l.i) != '}' {
		return bad()
	}
	l.i++
	return pe, nil
}

// closingBrace returns the index of the '}' that closes a ${ whose text
// starts at i, skipping nested braces, quotes and backslash escapes, or -1
// when the input ends first.
func (l *lexer) closingBrace(i int) int {
	depth := 0
	for ; l.more(i); i++ {
		switch l.src[i] {
		case '\\':
			i++
		case '\'':
			j := l.indexFrom(i+1, '\'')
			if j < 0 {
				return -1
			}
			i += j + 1
		case '"':
			for i++; l.more(i) && l.src[i] != '"'; i++ {
				if l.src[i] == '\\' {
					i++
				}
			}
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// defaultOp reads the rest of ${NAME-word} and the other POSIX operators
// whose word is expanded like the surrounding text: - = ? +.
func (l *lexer) defaultOp(pe *ParamExp, ctx context, start int, word func(context) (*Word, error)) (*ParamExp, error) {
	switch l.at(l.i) {
	case '-':
		pe.Op = ParamDefault
	case '=':
		pe.Op = ParamAssign
	case '?':
		pe.Op = ParamError
	case '+':
		pe.Op = ParamAlt
	}
	l.i++
	w, err := word(argContext(ctx))
	if err != nil {
		return nil, err
	}
	pe.Arg = w
	l.i++ // the closing brace
	return pe, nil
}

// subscript reads [subscript] at l.i, after a name. [@] and [*] are kept as
// a single literal; anything else is a word read up to the balancing ']'.
func (l *lexer) subscript(open int) (*Word, error) {
	l.i++
	if c := l.at(l.i); (c == '@' || c == '*') && l.at(l.i+1) == ']' {
		w := &Word{Parts: []WordPart{&Lit{Value: string(c)}}, Pos: l.pos(l.i)}
		l.i += 2
		return w, nil
	}
	idxStart := l.i
	parts, err := l.parts(ctxIndex, open)
	if err != nil {
		return nil, err
	}
	if l.at(l.i) != ']' {
		return nil, l.errAt(open, "bad substitution", false)
	}
	l.i++ // the ']'
	return &Word{Parts: parts, Pos: l.pos(idxStart)}, nil
}

// arrayStart reports whether the word collected so far in b is NAME= or
// NAME+=, so that a '(' right after it opens an array list.
func (l *lexer) arrayStart(b *partsBuilder) bool {
	if len(b.parts) > 0 {
		return false
	}
	s := b.lit.String()
	s, ok := strings.CutSuffix(s, "=")
	if !ok {
		return false
	}
	s = strings.TrimSuffix(s, "+")
	return IsName(s)
}

// subscriptStart reports whether a '[' read now may open the subscript of
// an assignment: right after a NAME at the start of a word, or at the
// start of an element of an array list.
func (l *lexer) subscriptStart(b *partsBuilder) bool {
	if len(b.parts) > 0 {
		return false
	}
	s := b.lit.String()
	return IsName(s) && !l.argWords || s == "" && l.inArray
}

// commandWords reports whether s is a reserved word after which a command
// starts.
func commandWords(s string) bool {
	switch s {
	case "do", "then", "else", "elif", "if", "while", "until", "{", "!",
		"time":
		return true
	}
	return false
}

// noteArgs follows where words are assignments: at the start of a simple
// command (after an operator, a newline or a reserved word that starts a
// command) until a word that is not NAME=... or a redirection target.
func (l *lexer) noteArgs(tok token) {
	switch tok.kind {
	case tWord:
		afterTime := false
		switch {
		case l.afterRedir:
		case l.afterTime && (tok.raw == "-p" || tok.raw == "--"):
			afterTime = tok.raw == "-p"
		case commandWords(tok.raw) && !l.argWords:
			afterTime = tok.raw == "time"
		case assignWord(tok.word, false) == nil:
			l.argWords = true
		}
		l.afterRedir, l.afterTime = false, afterTime
	case tRedir:
		l.afterRedir, l.afterTime = true, false
	default:
		l.argWords, l.afterRedir, l.afterTime = false, false, false
	}
}

// assignSubscript reads [sub] at l.i when a '=' or '+=' follows the ']'
// (an assignment's subscript, which may hold blanks and quotes, as in
// bash), adding it to b, and reports whether it did. Otherwise nothing is
// read: the '[' is ordinary text (a pattern like a[bc]).
func (l *lexer) assignSubscript(b *partsBuilder) bool {
	save, pending := l.i, len(l.pending)
	l.i++
	parts, err := l.parts(ctxIndex, save)
	if err == nil && l.at(l.i) == ']' && (l.at(l.i+1) == '=' || l.at(l.i+1) == '+' && l.at(l.i+2) == '=') {
		b.addLit("[")
		for _, p := range parts {
			if lit, ok := p.(*Lit); ok {
				b.addLit(lit.Value)
			} else {
				b.add(p)
			}
		}
		b.addLit("]")
		l.i++
		return true
	}
	l.i, l.pending = save, l.pending[:pending]
	return false
}

// arrayLit reads the list (word...) of an array assignment at l.i: words
// separated by blanks, newlines and comments, up to ')'.
func (l *lexer) arrayLit() (_ *ArrayLit, err error) {
	defer func() {
		if se, ok := err.(*SyntaxError); ok {
			se.InArray = true
		}
	}()
	open := l.i
	l.i++
	arr := &ArrayLit{}
	defer func(was bool) { l.inArray = was }(l.inArray)
	l.inArray = true
	for {
		l.skipBlanks()
		if l.eof() {
			return nil, l.errAt(open, unmatchedMsg(")"), true)
		}
		switch c := l.src[l.i]; {
		case c == '\n':
			l.i++
			continue
		case c == ')':
			l.i++
			arr.Raw = l.src[open:l.i]
			return arr, nil
		case (c == '<' || c == '>') && l.at(l.i+1) == '(':
			// An element that is a process substitution: a=(<(ls)).
		case isMeta(c):
			return nil, l.errAt(l.i, unexpectedMsg(string(c)), false)
		}
		w, err := l.word(l.i)
		if err != nil {
			return nil, err
		}
		arr.Elems = append(arr.Elems, w)
	}
}

// ansiQuote reads $'...' at l.i (ANSI-C quoting, bash): the text with its
// backslash escapes decoded. A NUL (\0, \x00) ends the string, as in bash:
// everything after it up to the closing quote is dropped.
func (l *lexer) ansiQuote() (*SglQuoted, error) {
	open := l.i
	i := l.i + 2
	var b strings.Builder
	cut := false
	for {
		if !l.more(i) {
			return nil, l.errAt(open, unmatchedMsg("'"), true)
		}
		c := l.src[i]
		if c == '\'' {
			break
		}
		if c != '\\' || !l.more(i+1) {
			if c == 0 {
				cut = true // a raw NUL ends the text too, as in C strings
			}
			if !cut {
				b.WriteByte(c)
			}
			i++
			continue
		}
		s, n := ansiEscape(l.src[i+1:])
		i += 1 + n
		if strings.IndexByte(s, 0) >= 0 {
			s = s[:strings.IndexByte(s, 0)]
			if !cut {
				b.WriteString(s)
			}
			cut = true
		}
		if !cut {
			b.WriteString(s)
		}
	}
	l.i = i + 1
	return &SglQuoted{Value: b.String(), Dollar: true}, nil
}

// ansiEscape decodes the escape sequence at the start of s (just after a
// backslash) and returns its text and how many bytes of s it used.
func ansiEscape(s string) (string, int) {
	if s == "" {
		return `\`, 0
	}
	simple := map[byte]string{
		'a': "\a", 'b': "\b", 'e': "\x1b", 'E': "\x1b", 'f': "\f", 'n': "\n",
		'r': "\r", 't': "\t", 'v': "\v", '\\': `\`, '\'': "'", '"': `"`, '?': "?",
	}
	c := s[0]
	if r, ok := simple[c]; ok {
		return r, 1
	}
	digits := func(from, max int, isDig func(byte) bool) int {
		n := 0
		for n < max && from+n < len(s) && isDig(s[from+n]) {
			n++
		}
		return n
	}
	switch {
	case c >= '0' && c <= '7':
		n := digits(0, 3, func(b byte) bool { return b >= '0' && b <= '7' })
		v, _ := strconv.ParseUint(s[:n], 8, 16)
		return string([]byte{byte(v)}), n
	case c == 'x':
		n := digits(1, 2, isHex)
		if n == 0 {
			return `\x`, 1
		}
		v, _ := strconv.ParseUint(s[1:1+n], 16, 8)
		return string([]byte{byte(v)}), 1 + n
	case c == 'u' || c == 'U':
		max := 4
		if c == 'U' {
			max = 8
		}
		n := digits(1, max, isHex)
		if n == 0 {
			return `\` + string(c), 1
		}
		v, _ := strconv.ParseUint(s[1:1+n], 16, 32)
		if v > utf8.MaxRune {
			return `\` + s[:1+n], 1 + n
		}
		return string(rune(v)), 1 + n
	case c == 'c' && len(s) > 1:
		x := s[1]
		if x == '?' {
			return "\x7f", 2
		}
		if x == '\\' && len(s) > 2 && s[2] == '\\' {
			return "\x1c", 3 // \c\\: control-backslash, the backslash escaped (bash)
		}
		if x >= 'a' && x <= 'z' {
			x -= 'a' - 'A'
		}
		return string([]byte{x & 0x1f}), 2
	}
	return `\` + string(c), 1
}

func isHex(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// assignWord returns the assignment a word spells, or nil: NAME=value,
// NAME+=value, NAME[subscript]=value (the subscript may span several
// parts: a[$i]=x), NAME=(...) and NAME+=(...). exact says that positions
// in the word are those of the source (not of an alias value), so the
// value's position can be computed.
func assignWord(w *Word, exact bool) *Assign {
	if len(w.Parts) == 0 {
		return nil
	}
	lit, ok := w.Parts[0].(*Lit)
	if !ok {
		return nil
	}
	j := skipWhile(lit.Value, 0, isNameChar)
	if j == 0 || !isNameStart(lit.Value[0]) || j == len(lit.Value) {
		return nil
	}
	as := &Assign{Name: lit.Value[:j], Pos: w.Pos}
	part, rest := 0, lit.Value[j:] // where the text after the name (and subscript) is
	if rest[0] == '[' {
		// Collect the subscript's parts up to the balancing ']'.
		idx := &Word{Pos: w.Pos}
		depth := 0
		text := rest[1:]
		for {
			end := -1
			for k := 0; k < len(text); k++ {
				if text[k] == '[' {
					depth++
				} else if text[k] == ']' {
					if depth == 0 {
						end = k
						break
					}
					depth--
				}
			}
			if end >= 0 {
				if end > 0 {
					idx.Parts = append(idx.Parts, &Lit{Value: text[:end]})
				}
				rest = text[end+1:]
				break
			}
			if text != "" {
				idx.Parts = append(idx.Parts, &Lit{Value: text})
			}
			// The subscript goes on in the next parts, up to a literal
			// holding the ']'.
			for {
				part++
				if part >= len(w.Parts) {
					return nil
				}
				if l, ok := w.Parts[part].(*Lit); ok {
					text = l.Value
					break
				}
				if _, ok := w.Parts[part].(*ArrayLit); ok {
					return nil
				}
				idx.Parts = append(idx.Parts, w.Parts[part])
			}
		}
		as.Index = idx
	}
	switch {
	case strings.HasPrefix(rest, "="):
		rest = rest[1:]
	case strings.HasPrefix(rest, "+="):
		as.Append = true
		rest = rest[2:]
	default:
		return nil
	}
	valPos := w.Pos
	if exact && part == 0 {
		n := len(lit.Value) - len(rest)
		valPos.Offset += n
		valPos.Col += n
	}
	as.Value = &Word{Pos: valPos}
	if rest != "" {
		as.Value.Parts = append(as.Value.Parts, &Lit{Value: rest})
	}
	as.Value.Parts = append(as.Value.Parts, w.Parts[part+1:]...)
	if len(as.Value.Parts) == 1 && as.Index == nil {
		if arr, ok := as.Value.Parts[0].(*ArrayLit); ok {
			as.Array = arr
			as.Value.Parts = nil
		}
	}
	return as
}

// addStderrToPipe gives cmd the redirection 2>&1 that "cmd |& next"
// implies (bash): after the pipe is set up, stderr joins stdout in it.
func addStderrToPipe(cmd Command, pos Pos) {
	r := &Redirect{Fd: 2, Op: RedirDupOut, Target: &Word{Parts: []WordPart{&Lit{Value: "1"}}, Pos: pos}, Pos: pos}
	switch c := cmd.(type) {
	case *SimpleCommand:
		c.Redirs = append(c.Redirs, r)
	case *Subshell:
		c.Redirs = append(c.Redirs, r)
	case *Group:
		c.Redirs = append(c.Redirs, r)
	case *If:
		c.Redirs = append(c.Redirs, r)
	case *While:
		c.Redirs = append(c.Redirs, r)
	case *For:
		c.Redirs = append(c.Redirs, r)
	case *ArithFor:
		c.Redirs = append(c.Redirs, r)
	case *Select:
		c.Redirs = append(c.Redirs, r)
	case *Case:
		c.Redirs = append(c.Redirs, r)
	case *ArithCmd:
		c.Redirs = append(c.Redirs, r)
	case *TestCmd:
		c.Redirs = append(c.Redirs, r)
	case *FuncDecl:
		// A function definition is no pipeline stage bash accepts |& after.
	}
}

// argContext is the context of the word in ${NAME op word} written in
// context ctx: the word is double-quoted when the expansion is.
func argContext(ctx context) context {
	if ctx == ctxDquote || ctx == ctxArgDq || ctx == ctxHeredoc {
		return ctxArgDq
	}
	return ctxArg
}

// DecodeEscapes decodes the backslash escapes of s as $'...' does (used
// by ${x@E}). A NUL ends the text.
func DecodeEscapes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			i++
			continue
		}
		t, n := ansiEscape(s[i+1:])
		i += 1 + n
		if k := strings.IndexByte(t, 0); k >= 0 {
			b.WriteString(t[:k])
			break
		}
		b.WriteString(t)
	}
	return b.String()
}

// declarationBuiltins reports whether s names a builtin that takes
// NAME=(...) arguments (bash): they assign arrays.
func declarationBuiltins(s string) bool {
	switch s {
	case "declare", "typeset", "local", "export", "readonly":
		return true
	}
	return false
}

// arrayArgAllowed rejects a NAME=(...) word as an argument of anything but
// a declaration builtin or let, as bash does ("echo a=(1)" is a syntax
// error at the '(').
func arrayArgAllowed(args []*Word, tok token) error {
	n := len(tok.word.Parts)
	if n == 0 {
		return nil
	}
	if _, ok := tok.word.Parts[n-1].(*ArrayLit); !ok {
		return nil
	}
	if len(args) > 0 && len(args[0].Parts) == 1 {
		// let i=(3+4) reads as bash reads it too: let gets the text.
		if l, ok := args[0].Parts[0].(*Lit); ok && (declarationBuiltins(l.Value) || l.Value == "let") {
			tok.word.Parts[n-1].(*ArrayLit).Text = l.Value == "let"
			return nil
		}
	}
	return &SyntaxError{Pos: tok.pos, Msg: unexpectedMsg("(")}
}

// keyedElem returns the element [sub]=value of an array list as an
// assignment with a subscript (its Name is "x"), or nil for a plain
// element.
func keyedElem(w *Word) *Assign {
	if len(w.Parts) == 0 {
		return nil
	}
	lit, ok := w.Parts[0].(*Lit)
	if !ok || !strings.HasPrefix(lit.Value, "[") {
		return nil
	}
	parts := append([]WordPart{&Lit{Value: "x" + lit.Value}}, w.Parts[1:]...)
	as := assignWord(&Word{Parts: parts, Pos: w.Pos}, false)
	if as == nil || as.Index == nil {
		return nil
	}
	return as
}

// KeyedElem returns the element [sub]=value of an array list as an
// assignment with a subscript, or nil for a plain element.
func KeyedElem(w *Word) *Assign { return keyedElem(w) }
