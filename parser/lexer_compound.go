package parser

// Lexing that only the compound commands need: looking at the byte after
// a token, the expression of (( )) and the regular expression after =~.

// peekByte returns the byte right after the last token read, or 0.
func (l *lexer) peekByte() byte { return l.at(l.i) }

// peekNonBlank returns the first byte after the last token read that is not
// a blank or a line continuation, or 0.
func (l *lexer) peekNonBlank() byte {
	i := l.skipContinuations(l.i)
	for l.at(i) == ' ' || l.at(i) == '\t' {
		i = l.skipContinuations(i + 1)
	}
	return l.at(i)
}

// arithText reads the expression of "((expr))" when l.i is at the second
// '('. ok is false, and nothing is consumed, when the text after it is not
// closed by "))": the caller then reads it as nested subshells.
func (l *lexer) arithText() (expr *Word, ok bool, err error) {
	start := l.i
	l.i++
	parts, err := l.parts(ctxArith, start-1)
	if err != nil {
		l.i = start
		return nil, false, err
	}
	if l.at(l.i) != ')' || l.at(l.i+1) != ')' {
		l.i = start
		return nil, false, nil
	}
	l.i += 2
	return &Word{Parts: parts, Pos: l.pos(start + 1)}, true, nil
}

// regexWord reads the word after =~ in [[ ]]. Unlike other words it may
// hold ( ) and | unquoted, and blanks inside parentheses, as in bash:
// [[ $x =~ ^(a|b c)$ ]].
func (l *lexer) regexWord() (*Word, error) {
	l.skipBlanks()
	start := l.i
	var b partsBuilder
	depth := 0
	for !l.eof() {
		c := l.src[l.i]
		switch {
		case c == '(' || c == '|' || (c == ')' && depth > 0) || ((c == ' ' || c == '\t') && depth > 0):
			if c == '(' {
				depth++
			} else if c == ')' {
				depth--
			}
			b.addLit(string(c))
			l.i++
			continue
		case isMeta(c):
		default:
			parts, err := l.parts(ctxWord, l.i)
			if err != nil {
				return nil, err
			}
			for _, part := range parts {
				if lit, ok := part.(*Lit); ok {
					b.addLit(lit.Value)
				} else {
					b.add(part)
				}
			}
			continue
		}
		break
	}
	switch {
	case depth == 0 && l.src[start:l.i] == "]]":
		// [[ a =~ ]]: no regular expression (bash).
		return nil, l.errAt(start, "unexpected argument `]]' to conditional binary operator", false)
	case l.eof():
		return nil, l.eofAt(l.i, msgEOF)
	case depth > 0 || l.i == start:
		text := string(l.src[l.i])
		if text == "\n" {
			text = "newline"
		}
		return nil, l.errAt(l.i, "unexpected argument `"+text+"' to conditional binary operator", false)
	}
	return &Word{Parts: b.done(), Pos: l.pos(start)}, nil
}
