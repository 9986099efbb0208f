package parser

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokKind is the kind of a token.
type tokKind int

const (
	tEOF      tokKind = iota
	tNewline          // \n
	tWord             // a word, parsed into parts
	tSemi             // ;
	tDSemi            // ;;
	tSemiAnd          // ;&
	tDSemiAnd         // ;;&
	tAmp              // &
	tAndIf            // &&
	tOrIf             // ||
	tPipe             // |
	tLParen           // (
	tRParen           // )
	tRedir            // a redirection operator, with its IO_NUMBER if any
)

var tokText = [...]string{
	tEOF: "newline", tNewline: "newline", tSemi: ";", tDSemi: ";;", tSemiAnd: ";&", tDSemiAnd: ";;&",
	tAmp: "&", tAndIf: "&&", tOrIf: "||", tPipe: "|", tLParen: "(", tRParen: ")",
}

// token is one lexical unit. Words are fully parsed by the lexer, because
// quotes and expansions decide where a word ends.
type token struct {
	kind tokKind
	pos  Pos
	end  int // offset just past the token in the original source

	word *Word  // tWord
	raw  string // tWord: the word's text exactly as written

	op      RedirOp  // tRedir
	fd      int      // tRedir: the IO_NUMBER, or -1
	fdVar   string   // tRedir: the NAME of {NAME}>, or ""
	heredoc *Heredoc // tWord right after '<<' or '<<-': the here-document it names

	pipeStderr bool // tPipe written |&

	alias      *aliasScope // aliases being expanded when this token was made
	aliasBlank bool        // last token of an alias value that ended in a blank
}

// text is how a token is named in "unexpected token" messages.
func (t token) text() string {
	switch t.kind {
	case tWord:
		return t.raw
	case tRedir:
		return t.op.String()
	}
	return tokText[t.kind]
}

// pendingHeredoc is a here-document whose operator and delimiter have been
// read but whose body starts after the next newline.
type pendingHeredoc struct {
	doc   *Heredoc
	strip bool // <<-: strip leading tabs
	pos   Pos  // of the delimiter word, for error messages
}

// lexer turns source text into tokens. One lexer reads the program; nested
// lexers read command substitutions, backquotes, here-document bodies and
// alias values. They share the line table so every position refers to the
// original source.
type lexer struct {
	src   string
	i     int // next byte to read
	lines *lineTable
	cfg   *Config

	// How an index into src maps to an offset in the original source:
	// mapping (when non-nil, one entry per byte plus one for the end), or
	// fixed (all tokens of an alias value sit at the alias word).
	mapping  []int
	fixed    bool
	fixedPos Pos
	fixedEnd int

	pending   []*pendingHeredoc
	wantDelim bool // the previous token was << or <<-
	stripTabs bool // ... and it was <<-

	// scope lists the aliases being expanded when this lexer reads an alias
	// value (or a command substitution inside one). Its tokens carry it.
	scope *aliasScope

	// bounded is set for text whose end is known: backquote contents, a
	// here-document body, an alias value. Running out of such text is an
	// error that more input cannot fix, so it is never Incomplete.
	bounded bool

	lastNewline int // index of the last newline token, to spot a final line continuation

	inArray bool // reading the words of NAME=(...): [sub]=value elements may hold blanks
	// extPat: the next word is the pattern after == != = in [[ ]], where
	// extended patterns are read whatever shopt extglob says (as in bash).
	extPat bool
	// argWords: a word that is not an assignment has been read in this
	// simple command, so NAME[sub]= is no assignment any more; afterRedir:
	// the last token was a redirection operator (param.go, noteArgs);
	// afterTime: the last word was "time" or its "-p", whose -p and --
	// come before the command.
	argWords, afterRedir, afterTime bool
	// afterDup: the last token was >& or <&, after which a '-' is a word
	// of its own, as in bash: ">&-foo" closes fd 1 and "foo" is an
	// argument.
	afterDup bool

	// shift is the original offset of index 0 of a here-document body
	// that is a slice of the source as it is (no mapping needed).
	shift int

	// in, when not nil, is where more lines come from once src is used
	// up: src is then the text read so far (see reader.go). Lexers of
	// $(...) share it with the lexer they were made from.
	in *input
}

func newLexer(src string, cfg *Config) *lexer {
	return &lexer{src: src, lines: newLineTable(src), cfg: cfg, lastNewline: -1}
}

// sub returns a lexer reading the same text from index i: used for the
// list inside $(...), which continues in the same source.
func (l *lexer) sub(i int) *lexer {
	return &lexer{src: l.src, i: i, lines: l.lines, cfg: l.cfg, mapping: l.mapping,
		fixed: l.fixed, fixedPos: l.fixedPos, fixedEnd: l.fixedEnd, bounded: l.bounded, scope: l.scope, lastNewline: -1, in: l.in, shift: l.shift}
}

// derived returns a lexer reading text that was produced from this lexer's
// source (unescaped backquote contents, a here-document body, an alias
// value). mapping gives the original offset of each byte of text.
func (l *lexer) derived(text string, mapping []int) *lexer {
	return &lexer{src: text, lines: l.lines, cfg: l.cfg, mapping: mapping,
		fixed: l.fixed, fixedPos: l.fixedPos, fixedEnd: l.fixedEnd, bounded: true, scope: l.scope, lastNewline: -1}
}

// off is the original-source offset of index i of l.src.
func (l *lexer) off(i int) int {
	switch {
	case l.fixed:
		return l.fixedPos.Offset
	case l.mapping != nil:
		return l.mapping[i]
	case l.in != nil:
		return l.in.base + i
	}
	return l.shift + i
}

// endOff is the original-source offset for an end index.
func (l *lexer) endOff(i int) int {
	if l.fixed {
		return l.fixedEnd
	}
	return l.off(i)
}

// pos is the position of index i of l.src.
func (l *lexer) pos(i int) Pos {
	if l.fixed {
		return l.fixedPos
	}
	return l.lines.pos(l.off(i))
}

// errAt builds a syntax error at index i.
func (l *lexer) errAt(i int, msg string, incomplete bool) *SyntaxError {
	if l.bounded {
		incomplete = false
	}
	return &SyntaxError{Pos: l.pos(i), Msg: msg, Incomplete: incomplete}
}

// eofAt is errAt for an error found where the input ended (AtEOF).
func (l *lexer) eofAt(i int, msg string) *SyntaxError {
	e := l.errAt(i, msg, true)
	e.AtEOF = true
	return e
}

// at returns the byte at index i, or 0 past the end. Reading past the
// text read so far pulls more lines from the input.
func (l *lexer) at(i int) byte {
	if i < len(l.src) || l.more(i) {
		return l.src[i]
	}
	return 0
}

func (l *lexer) eof() bool { return l.i >= len(l.src) && !l.more(l.i) }

// skipBlanks skips blanks, backslash-newline pairs and a comment.
func (l *lexer) skipBlanks() {
	for !l.eof() {
		c := l.src[l.i]
		switch {
		case c == ' ' || c == '\t':
			l.i++
		case c == '\\' && l.at(l.i+1) == '\n':
			l.i += 2
			if l.in != nil {
				l.in.more = true // the line goes on: PS2
			}
		case c == '#' && !(l.cfg != nil && l.cfg.NoComments != nil && l.cfg.NoComments()):
			for !l.eof() && l.src[l.i] != '\n' {
				l.i++
			}
		default:
			return
		}
	}
}

// next reads the next token.
func (l *lexer) next() (token, error) {
	afterDup := l.afterDup
	l.afterDup = false
	tok, err := l.lexToken(afterDup)
	if err != nil {
		return tok, err
	}
	if tok.kind == tRedir && (tok.op == RedirDupIn || tok.op == RedirDupOut) {
		l.afterDup = true
	}
	// The word after << or <<- is a here-document delimiter: note that its
	// body must be read after the next newline.
	if l.wantDelim {
		l.wantDelim = false
		if tok.kind == tWord {
			tok.heredoc = l.addHeredoc(tok.raw, l.stripTabs, tok.pos)
		}
	}
	if tok.kind == tRedir && (tok.op == RedirHeredoc || tok.op == RedirHeredocTab) {
		l.wantDelim = true
		l.stripTabs = tok.op == RedirHeredocTab
	}
	l.noteArgs(tok)
	return tok, nil
}

// addHeredoc records a here-document whose delimiter is written raw.
func (l *lexer) addHeredoc(raw string, strip bool, pos Pos) *Heredoc {
	delim, quoted := unquoteDelim(raw)
	doc := &Heredoc{Delim: delim, Quoted: quoted}
	l.pending = append(l.pending, &pendingHeredoc{doc: doc, strip: strip, pos: pos})
	return doc
}

// lexToken reads one token; afterDup says the last one was >& or <&.
func (l *lexer) lexToken(afterDup bool) (token, error) {
	l.skipBlanks()
	start := l.i
	if l.in != nil && start < len(l.src) && l.src[start] != '\n' {
		// A token begins: a line read from now on continues a command.
		l.in.more = true
	}
	tok := token{pos: l.pos(start), fd: -1, alias: l.scope}
	if l.eof() {
		// A backslash-newline that ends the input continues the line on
		// input not typed yet.
		if !l.bounded && l.in == nil && strings.HasSuffix(l.src, "\\\n") && l.lastNewline != len(l.src)-1 {
			return tok, l.eofAt(start, msgEOF)
		}
		tok.kind = tEOF
		tok.end = l.endOff(start)
		return tok, nil
	}
	c := l.src[l.i]
	// An operator may be split by line continuations ("&\<newline>&" is
	// &&): bash removes them before it reads anything. width[n] is the
	// source length of the first n characters of text.
	text, width := l.opPeek(3)
	two := text[:min(2, len(text))]
	three := text
	op := func(k tokKind, n int) (token, error) {
		l.i += width[n]
		tok.kind = k
		tok.end = l.endOff(l.i)
		return tok, nil
	}
	if afterDup && c == '-' {
		// ">&-" closes, whatever follows the '-' (afterDup).
		l.i++
		tok.kind = tWord
		tok.word = &Word{Parts: []WordPart{&Lit{Value: "-"}}, Pos: tok.pos}
		tok.raw = "-"
		tok.end = l.endOff(l.i)
		return tok, nil
	}
	switch {
	case c == '\n':
		l.lastNewline = l.i
		l.i++
		tok.kind = tNewline
		tok.end = l.endOff(l.i)
		if err := l.readHeredocs(); err != nil {
			return tok, err
		}
		return tok, nil
	case two == "&&":
		return op(tAndIf, 2)
	case two == "||":
		return op(tOrIf, 2)
	case three == ";;&":
		return op(tDSemiAnd, 3)
	case two == ";;":
		return op(tDSemi, 2)
	case two == ";&":
		return op(tSemiAnd, 2)
	case three == "&>>":
		return l.redir(tok, RedirAllAppend, width[3])
	case two == "&>":
		return l.redir(tok, RedirAll, width[2])
	case c == '&':
		return op(tAmp, 1)
	case two == "|&":
		// cmd |& cmd is cmd 2>&1 | cmd (bash): the parser adds the 2>&1.
		tok.pipeStderr = true
		return op(tPipe, 2)
	case c == '|':
		return op(tPipe, 1)
	case c == ';':
		return op(tSemi, 1)
	case c == '(':
		return op(tLParen, 1)
	case c == ')':
		return op(tRParen, 1)
	case (c == '<' || c == '>') && l.at(l.i+1) == '(':
		// <(list) and >(list) start a word (process substitution).
	case c == '<' || c == '>':
		return l.redirOp(tok)
	}
	// {NAME} written right before < or > (bash): the shell picks a free
	// descriptor of 10 or more and assigns its number to NAME, which may
	// be an array element, {a[1]}.
	if c == '{' && l.i+1 < len(l.src) && isNameStart(l.src[l.i+1]) {
		k := skipWhile(l.src, l.i+1, isNameChar)
		if l.at(k) == '[' {
			if e := strings.IndexByte(l.src[k:], ']'); e > 1 && !strings.ContainsAny(l.src[k:k+e], " \t\n") {
				k += e + 1
			}
		}
		if l.at(k) == '}' && (l.at(k+1) == '<' || l.at(k+1) == '>') && l.at(k+2) != '(' {
			name := l.src[l.i+1 : k]
			l.i = k + 1
			tok, err := l.redirOp(tok)
			tok.fdVar = name
			return tok, err
		}
	}
	// An IO_NUMBER is digits written right before < or >. As in bash,
	// a number too big for a C int is a word: "echo 99999999999>&1"
	// prints it.
	j := skipWhile(l.src, l.i, isDigit)
	k := l.skipContinuations(j) // "2\<newline>>f" is 2>f
	if fd, err := strconv.ParseInt(l.src[l.i:j], 10, 32); j > l.i && err == nil && (l.at(k) == '<' || l.at(k) == '>') && l.at(k+1) != '(' {
		l.i = k
		tok, err := l.redirOp(tok)
		tok.fd = int(fd)
		return tok, err
	}
	w, err := l.word(start)
	if err != nil {
		return tok, err
	}
	tok.kind = tWord
	tok.word = w
	// Without its line continuations: "f\<newline>i" is the reserved
	// word fi, an alias name, or the delimiter of a here-document.
	tok.raw = dropContinuations(l.src[start:l.i])
	tok.end = l.endOff(l.i)
	return tok, nil
}

// redirOps are the redirection operators of two or more characters,
// longest first so that "<<-" is not read as "<<" and "-".
var redirOps = []struct {
	text string
	op   RedirOp
}{
	{"<<<", RedirHereString}, {"<<-", RedirHeredocTab}, {"<<", RedirHeredoc}, {"<&", RedirDupIn}, {"<>", RedirReadWrite},
	{">>", RedirAppend}, {">&", RedirDupOut}, {">|", RedirClobber},
}

// redirOp reads a redirection operator starting with < or >.
func (l *lexer) redirOp(tok token) (token, error) {
	text, width := l.opPeek(3)
	for _, o := range redirOps {
		if strings.HasPrefix(text, o.text) {
			return l.redir(tok, o.op, width[len(o.text)])
		}
	}
	if l.src[l.i] == '<' {
		return l.redir(tok, RedirIn, 1)
	}
	return l.redir(tok, RedirOut, 1)
}

// opPeek returns up to n characters from l.i with line continuations
// after the first one skipped, and for each k <= len(text) the length of
// source the first k of them take.
func (l *lexer) opPeek(n int) (text string, width [4]int) {
	end := min(l.i+n, len(l.src))
	if strings.IndexByte(l.src[l.i:end], '\\') < 0 || l.src[l.i] == '\n' {
		// No continuation: the source as it is (the usual case).
		for k := range width {
			width[k] = k
		}
		return l.src[l.i:end], width
	}
	var b [4]byte
	i, m := l.i, 0
	for k := 0; k < n; k++ {
		if k > 0 {
			i = l.skipContinuations(i)
		}
		c := l.at(i)
		if c == 0 && !(i < len(l.src)) {
			break
		}
		b[k] = c
		i++
		m++
		width[m] = i - l.i
		if c == '\n' {
			break // no operator goes on past a newline: read no line more
		}
	}
	return string(b[:m]), width
}

// redir makes tok the redirection operator op, n bytes of source long.
func (l *lexer) redir(tok token, op RedirOp, n int) (token, error) {
	l.i += n
	tok.kind = tRedir
	tok.op = op
	tok.end = l.endOff(l.i)
	return tok, nil
}

// Word parsing. The same loop reads words in several contexts, which differ
// in what ends the word and which characters are special.
type context int

const (
	ctxWord     context = iota // an unquoted word
	ctxDquote                  // inside "..."
	ctxArg                     // the word in an unquoted ${NAME op word}
	ctxArgDq                   // the word in ${NAME op word} inside "..." or a here-document
	ctxHeredoc                 // an unquoted here-document body
	ctxArith                   // inside $((...))
	ctxArithOld                // inside bash's old $[...]: ends at the ']' that balances the '$['
	ctxPat                     // a pattern or replacement in ${x#pat} ${x/pat/rep}: quotes count even inside "..."
	ctxPatSlash                // the pattern of ${x/pat/rep}: ends at '/' too
	ctxOffset                  // the offset of ${x:offset:length}: ends at ':' too
	ctxIndex                   // a subscript: ends at the ']' that balances the '['
	ctxExtglob                 // inside an extended pattern @(...): ends at the ')' that balances the '('
)

// escapable is what a backslash quotes in a context, if only some
// characters (limited). In an unquoted word or ${...} word it quotes any
// character.
func escapable(ctx context) (set string, limited bool) {
	switch ctx {
	case ctxDquote:
		return "$`\"\\", true
	case ctxArgDq:
		return "$`\"\\}", true
	case ctxHeredoc, ctxArith, ctxArithOld:
		return "$`\\", true
	}
	return "", false
}

// partsBuilder collects word parts, merging adjacent literal text.
type partsBuilder struct {
	parts []WordPart
	lit   strings.Builder
	ext   bool // lit holds text of an extended pattern (Lit.Ext)
}

func (b *partsBuilder) addLit(s string) { b.lit.WriteString(s) }

// addExtLit adds literal text of an extended pattern.
func (b *partsBuilder) addExtLit(s string) {
	b.lit.WriteString(s)
	b.ext = true
}

// endsInExtOp reports whether the literal text so far ends in one of
// ? * + @ !, which a '(' turns into an extended pattern.
func (b *partsBuilder) endsInExtOp() bool {
	s := b.lit.String()
	return s != "" && strings.IndexByte("?*+@!", s[len(s)-1]) >= 0
}

func (b *partsBuilder) flush() {
	if b.lit.Len() > 0 {
		b.parts = append(b.parts, &Lit{Value: b.lit.String(), Ext: b.ext})
		b.lit.Reset()
		b.ext = false
	}
}

func (b *partsBuilder) add(p WordPart) {
	b.flush()
	b.parts = append(b.parts, p)
}

func (b *partsBuilder) done() []WordPart {
	b.flush()
	return b.parts
}

// word reads an unquoted word starting at index start.
func (l *lexer) word(start int) (*Word, error) {
	parts, err := l.parts(ctxWord, start)
	if err != nil {
		return nil, err
	}
	return &Word{Parts: parts, Pos: l.pos(start)}, nil
}

// isMeta reports whether c ends an unquoted word.
func isMeta(c byte) bool {
	return strings.IndexByte(" \t\n|&;<>()", c) >= 0
}

// parts reads word parts in context ctx, stopping (without consuming) at
// whatever ends that context: a metacharacter for a word, '"' for double
// quotes, '}' for a ${...} word, an unbalanced ')' for arithmetic, the end
// of the text for a here-document. open is the index of the opening '"',
// '${' or '$((', where an unterminated construct is reported.
func (l *lexer) parts(ctx context, open int) ([]WordPart, error) {
	var b partsBuilder
	depth := 0 // open parentheses in $((...)), brackets in a subscript
	// sq is set inside '...' in the word of "${x-word}": the quotes stay
	// literal and what they hold is expanded, but a '}' there does not
	// end the word (bash: "${x-'}'}" is '}').
	sq := false
	for {
		if l.eof() {
			if sq {
				return nil, l.errAt(open, unmatchedMsg("'"), true)
			}
			switch ctx {
			case ctxDquote:
				return nil, l.errAt(open, unmatchedMsg(`"`), true)
			case ctxArg, ctxArgDq, ctxPat, ctxPatSlash, ctxOffset, ctxIndex:
				return nil, l.errAt(open, unmatchedMsg("}"), true)
			case ctxArith:
				return nil, l.errAt(open, unmatchedMsg(")"), true)
			case ctxArithOld:
				return nil, l.errAt(open, unmatchedMsg("]"), true)
			case ctxExtglob:
				return nil, l.errAt(open, unmatchedMsg(")"), true)
			}
			return b.done(), nil
		}
		c := l.src[l.i]
		switch {
		case ctx == ctxWord && c == '[' && l.subscriptStart(&b) && l.assignSubscript(&b):
			// NAME[sub]= with blanks in sub (a[i + 1]=x, h[a b]=1).
		case ctx == ctxWord && c == '(' && l.arrayStart(&b):
			arr, err := l.arrayLit()
			if err != nil {
				return nil, err
			}
			b.add(arr)
		case ctx == ctxWord && (c == '<' || c == '>') && l.at(l.i+1) == '(':
			ps, err := l.procSubst()
			if err != nil {
				return nil, err
			}
			b.add(ps)
		case ctx == ctxWord && c == '(' && b.endsInExtOp() && l.extglob():
			if err := l.extPattern(&b); err != nil {
				return nil, err
			}
		case ctx == ctxWord && isMeta(c):
			return b.done(), nil
		case ctx == ctxDquote && c == '"':
			return b.done(), nil
		case ctx == ctxArgDq && !sq && c == '\\' && l.at(l.i+1) == '\'':
			// "${x+\'}": the quote is no quote, and the backslash stays
			// (bash prints \').
			b.addLit(`\'`)
			l.i += 2
		case ctx == ctxArgDq && c == '\'':
			sq = !sq
			b.addLit("'")
			l.i++
		case (ctx == ctxArg || ctx == ctxArgDq && !sq || ctx == ctxPat || ctx == ctxPatSlash || ctx == ctxOffset) && c == '}':
			return b.done(), nil
		case ctx == ctxOffset && (c == '?' || c == ':' && depth > 0):
			// The offset is arithmetic: a ':' that answers a '?' is
			// part of a conditional expression, ${s:j?1:0:2} (bash).
			if c == '?' {
				depth++
			} else {
				depth--
			}
			b.addLit(string(c))
			l.i++
		case ctx == ctxPatSlash && c == '/', ctx == ctxOffset && c == ':':
			return b.done(), nil
		case ctx == ctxIndex && c == '[':
			depth++
			b.addLit("[")
			l.i++
		case ctx == ctxIndex && (c == ']' || c == '}'):
			// A '}' ends a subscript too: ${a[1} is a bad substitution,
			// and must not wait for a ']' on the next line.
			if depth == 0 || c == '}' {
				return b.done(), nil
			}
			depth--
			b.addLit("]")
			l.i++
		case ctx == ctxExtglob && c == '(':
			depth++
			b.addLit("(")
			l.i++
		case ctx == ctxExtglob && c == ')':
			if depth == 0 {
				return b.done(), nil
			}
			depth--
			b.addLit(")")
			l.i++
		case ctx == ctxArith && c == '(' || ctx == ctxArithOld && c == '[':
			// Brackets nest inside $(( )) and $[ ]; the one that closes
			// the outermost ends the expression.
			depth++
			b.addLit(l.src[l.i : l.i+1])
			l.i++
		case ctx == ctxArith && c == ')' || ctx == ctxArithOld && c == ']':
			if depth == 0 {
				return b.done(), nil
			}
			depth--
			b.addLit(l.src[l.i : l.i+1])
			l.i++
		case c == '\'' && quotesCount(ctx):
			q := l.i
			end := l.indexFrom(q+1, '\'')
			if end < 0 {
				return nil, l.errAt(q, unmatchedMsg("'"), true)
			}
			b.add(&SglQuoted{Value: l.src[q+1 : q+1+end]})
			l.i = q + 1 + end + 1
		case c == '"' && (quotesCount(ctx) || ctx == ctxArgDq || ctx == ctxArith || ctx == ctxArithOld):
			l.i++
			inner, err := l.parts(ctxDquote, l.i-1)
			if err != nil {
				return nil, err
			}
			l.i++ // the closing quote
			b.add(&DblQuoted{Parts: inner})
		case c == '\\':
			if err := l.backslash(ctx, &b); err != nil {
				return nil, err
			}
		case c == '$':
			if err := l.dollar(ctx, &b); err != nil {
				return nil, err
			}
		case c == '`':
			cs, err := l.backquote(ctx == ctxDquote || ctx == ctxArgDq)
			if err != nil {
				return nil, err
			}
			b.add(cs)
		default:
			// Copy a run of ordinary characters at once.
			j := l.i + 1
			for j < len(l.src) && !l.special(ctx, l.src[j]) {
				j++
			}
			b.addLit(l.src[l.i:j])
			l.i = j
		}
	}
}

// extglob reports whether extended patterns are part of words here:
// shopt extglob is on, or this is the pattern after == != = in [[ ]].
func (l *lexer) extglob() bool {
	return l.extPat || l.cfg != nil && l.cfg.Extglob != nil && l.cfg.Extglob()
}

// extPattern reads the parenthesised list of an extended pattern at l.i
// (its operator is the last literal character read), up to the ')' that
// balances the '('. Blanks, '|', ';', '&', '<' and '>' in it are literal;
// quotes, backslashes and expansions work as in a word.
func (l *lexer) extPattern(b *partsBuilder) error {
	open := l.i
	l.i++
	inner, err := l.parts(ctxExtglob, open)
	if err != nil {
		return err
	}
	l.i++ // the closing ')'
	b.addExtLit("(")
	for _, p := range inner {
		if lit, ok := p.(*Lit); ok {
			b.addExtLit(lit.Value)
			continue
		}
		b.add(p)
	}
	b.addExtLit(")")
	return nil
}

// special reports whether c needs the attention of the parts loop in ctx.
func (l *lexer) special(ctx context, c byte) bool {
	switch c {
	case '\\', '$', '`', '"', '\'', '}', '(', ')', '/', ':', '[', ']':
		return true
	case '?':
		return ctx == ctxOffset
	}
	return ctx == ctxWord && isMeta(c)
}

// backslash handles '\' at l.i.
func (l *lexer) backslash(ctx context, b *partsBuilder) error {
	if l.at(l.i+1) == '\n' { // line continuation: removed entirely
		l.i += 2
		return nil
	}
	if l.i+1 >= len(l.src) {
		switch ctx {
		case ctxWord, ctxHeredoc:
			// A backslash that ends the input (no newline after it, so
			// not a continuation) stands for itself, as in bash and dash:
			// gosh -c 'echo a \' prints "a \".
			b.addLit("\\")
			l.i++
			return nil
		}
		l.i++ // let the loop report the unterminated construct
		return nil
	}
	set, limited := escapable(ctx)
	n := l.src[l.i+1]
	if limited && strings.IndexByte(set, n) < 0 {
		// Not an escape here: the backslash is kept literally and the
		// next character is read normally.
		b.addLit("\\")
		l.i++
		return nil
	}
	_, size := utf8.DecodeRuneInString(l.src[l.i+1:])
	b.add(&Escaped{Value: l.src[l.i+1 : l.i+1+size]})
	l.i += 1 + size
	return nil
}

// isNameStart and isNameChar classify the characters of a NAME.
func isNameStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isNameChar(c byte) bool { return isNameStart(c) || (c >= '0' && c <= '9') }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// skipWhile returns the first index from i whose byte is not in class.
func skipWhile(s string, i int, class func(byte) bool) int {
	for i < len(s) && class(s[i]) {
		i++
	}
	return i
}

// isSpecialParam reports whether c names a special parameter.
func isSpecialParam(c byte) bool { return strings.IndexByte("?$!#@*-", c) >= 0 }

// IsName reports whether s is a valid shell variable name.
func IsName(s string) bool {
	if s == "" || !isNameStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return true
}

// dollar handles '$' at l.i: a parameter, command substitution or
// arithmetic expansion, or a literal dollar sign.
func (l *lexer) dollar(ctx context, b *partsBuilder) error {
	// Line continuations are removed before anything else in bash, so
	// "$\<newline>HOME" is $HOME.
	next := l.skipContinuations(l.i + 1)
	n := l.at(next)
	switch {
	case n == '\'' && (quotesCount(ctx) || ctx == ctxArgDq) && next == l.i+1:
		// $'...' is ANSI-C quoting, also in the word of "${x:-$'...'}"
		// (bash).
		sq, err := l.ansiQuote()
		if err != nil {
			return err
		}
		b.add(sq)
	case n == '"' && quotesCount(ctx) && next == l.i+1:
		// $"..." is a locale-translated string; gosh has no message
		// catalogs, so it is "..." (bash without a catalog does the same).
		l.i++
		return nil
	case n == '{':
		l.i = next - 1
		pe, err := l.bracedParam(ctx)
		if err != nil {
			return err
		}
		b.add(pe)
	case n == '(' && l.at(next+1) == '(':
		l.i = next - 1
		ae, err := l.arith()
		if err != nil {
			return err
		}
		b.add(ae)
	case n == '[':
		l.i = next - 1
		ae, err := l.arithOld()
		if err != nil {
			return err
		}
		b.add(ae)
	case n == '(':
		l.i = next - 1
		cs, err := l.cmdSubst()
		if err != nil {
			return err
		}
		b.add(cs)
	case isNameStart(n):
		var name []byte
		j := next
		for j < len(l.src) && isNameChar(l.src[j]) {
			name = append(name, l.src[j])
			j = l.skipContinuations(j + 1)
		}
		b.add(&ParamExp{Name: string(name)})
		l.i = j
	case isDigit(n) || isSpecialParam(n):
		b.add(&ParamExp{Name: string(n)})
		l.i = next + 1
	default:
		b.addLit("$") // a lone dollar sign is literal
		l.i++
	}
	return nil
}

// dropContinuations removes the backslash-newline pairs of a word's
// source text, except inside single quotes, where a backslash is itself.
func dropContinuations(s string) string {
	if !strings.Contains(s, "\\\n") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i++
		case c == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2])
			i++
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return s // unbalanced: leave it as written
			}
			b.WriteString(s[i : i+j+2])
			i += j + 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// skipContinuations returns the first index from i that does not start a
// backslash-newline pair.
func (l *lexer) skipContinuations(i int) int {
	for l.at(i) == '\\' && l.at(i+1) == '\n' {
		i += 2
	}
	return i
}

// arith reads $((...)) at l.i. When the ')' that balances the second '('
// is not followed at once by another, the text is a command substitution
// whose list starts with a subshell, as in bash: $((echo a); echo b).
func (l *lexer) arith() (WordPart, error) {
	start := l.i
	l.i += 3
	parts, err := l.parts(ctxArith, start)
	if err != nil {
		return nil, err
	}
	if l.at(l.i+1) != ')' {
		if l.i+1 >= len(l.src) {
			return nil, l.errAt(start, unmatchedMsg(")"), true)
		}
		l.i = start
		return l.cmdSubst()
	}
	l.i += 2
	return &ArithExp{Expr: &Word{Parts: parts, Pos: l.pos(start + 3)}}, nil
}

// arithOld reads bash's old form of arithmetic expansion, $[expr], at
// l.i: the same expansion as $((expr)), ended by the ']' that balances
// the '[' (so $[a[1]+1] is one expansion).
func (l *lexer) arithOld() (*ArithExp, error) {
	start := l.i
	l.i += 2
	parts, err := l.parts(ctxArithOld, start)
	if err != nil {
		return nil, err
	}
	l.i++ // the ']'
	return &ArithExp{Expr: &Word{Parts: parts, Pos: l.pos(start + 2)}, Old: true}, nil
}

// cmdSubst reads $(list) at l.i.
func (l *lexer) cmdSubst() (*CmdSubst, error) {
	start, held := l.i, len(l.pending)
	line := l.pos(start).Line
	list, text, err := l.substList("command substitution")
	if err != nil {
		return nil, err
	}
	c := &CmdSubst{List: list}
	if len(l.pending) == held {
		c.src, c.line = text, line
	}
	return c, nil
}

// procSubst reads <(list) or >(list) at l.i.
func (l *lexer) procSubst() (*ProcSubst, error) {
	out := l.src[l.i] == '>'
	list, _, err := l.substList("process substitution")
	if err != nil {
		return nil, err
	}
	return &ProcSubst{List: list, Out: out}, nil
}

// substList reads the list of a two-byte opener ("$(", "<(" or ">(") at
// l.i by running a nested parser on the same text; it stops at the ')'
// that closes the list. what names the construct in an error. text is
// the list as written.
func (l *lexer) substList(what string) (list *List, text string, err error) {
	start := l.i
	if l.in != nil {
		l.in.substDepth++ // its lines are not echoed (Config.Echo)
		defer func() { l.in.substDepth-- }()
	}
	inner := l.sub(l.i + 2)
	p, err := newParser(inner)
	if err != nil {
		return nil, "", err
	}
	p.inSubst = true
	list, err = p.list(tRParen)
	if err != nil {
		return nil, "", err
	}
	if p.tok.kind != tRParen {
		if p.tok.kind == tEOF {
			return nil, "", l.eofAt(start, unmatchedMsg(")"))
		}
		return nil, "", p.unexpected()
	}
	// The inner lexer may have read more lines: its src is the longer.
	if end := inner.i - 1; end > start+2 && end <= len(inner.src) && inner.src[end] == ')' {
		text = inner.src[start+2 : end]
	}
	l.i = inner.i
	l.pending = append(l.pending, inner.pending...)
	return list, text, nil
}

// backquote reads `list` at l.i. Inside backquotes a backslash quotes only
// $ ` \ (and " when the backquotes are inside double quotes); the text is
// unescaped first and then parsed as a program.
func (l *lexer) backquote(inDquote bool) (*CmdSubst, error) {
	start := l.i
	var text strings.Builder
	var mapping []int
	i := l.i + 1
	for {
		if !l.more(i) {
			return nil, l.errAt(start, unmatchedMsg("`"), true)
		}
		c := l.src[i]
		if c == '`' {
			break
		}
		if c == '\\' && i+1 < len(l.src) {
			n := l.src[i+1]
			if n == '$' || n == '`' || n == '\\' || (inDquote && n == '"') {
				text.WriteByte(n)
				mapping = append(mapping, l.off(i+1))
				i += 2
				continue
			}
			if n == '\n' {
				// A line continuation goes before the command is read,
				// even inside its quotes: `echo 'a\<newline>b'` is ab.
				i += 2
				continue
			}
		}
		text.WriteByte(c)
		mapping = append(mapping, l.off(i))
		i++
	}
	mapping = append(mapping, l.off(i))
	l.i = i + 1
	d := l.derived(text.String(), mapping)
	p, err := newParser(d)
	if err != nil {
		return nil, err
	}
	list, err := p.wholeList()
	if err != nil {
		return nil, err
	}
	l.pending = append(l.pending, d.pending...)
	c := &CmdSubst{List: list, Backquote: true}
	if len(d.pending) == 0 {
		c.src, c.line = text.String(), l.pos(start).Line
	}
	return c, nil
}

// unquoteDelim removes quotes from a here-document delimiter and reports
// whether there were any.
func unquoteDelim(raw string) (string, bool) {
	var b strings.Builder
	quoted := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case '\'':
			quoted = true
			j := strings.IndexByte(raw[i+1:], '\'')
			if j < 0 {
				j = len(raw) - i - 1
			}
			b.WriteString(raw[i+1 : i+1+j])
			i += j + 1
		case '"':
			quoted = true
			i++
			for ; i < len(raw) && raw[i] != '"'; i++ {
				if raw[i] == '\\' && i+1 < len(raw) && raw[i+1] == '\n' {
					i++ // a line continuation
					continue
				}
				if raw[i] == '\\' && i+1 < len(raw) && strings.IndexByte("$`\"\\", raw[i+1]) >= 0 {
					i++
				}
				b.WriteByte(raw[i])
			}
		case '\\':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++ // a line continuation, not quoting
				continue
			}
			quoted = true
			if i+1 < len(raw) {
				i++
				b.WriteByte(raw[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), quoted
}

// EndsInBackslash reports whether s ends in a backslash that is not itself
// escaped (an odd number of backslashes at its end): such a backslash
// quotes whatever comes next. The lexer asks it of here-document lines, and
// the line editor of the word being completed.
func EndsInBackslash(s string) bool {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// heredocsAtEOF ends the pending here-documents, whose bodies never
// started (the input ended on the line of their operator), with empty
// bodies, when Config.HeredocEOF allows it; it reports whether it did.
func (l *lexer) heredocsAtEOF() bool {
	if l.cfg == nil || l.cfg.HeredocEOF == nil {
		return false
	}
	for _, h := range l.pending {
		l.cfg.HeredocEOF(h.doc.Delim, h.pos.Line)
	}
	l.pending = nil
	return true
}

// readHeredocs reads the bodies of the pending here-documents, in order,
// from the line after the newline just read.
func (l *lexer) readHeredocs() error {
	for len(l.pending) > 0 {
		h := l.pending[0]
		l.pending = l.pending[1:]
		if err := l.readHeredoc(h); err != nil {
			return err
		}
	}
	return nil
}

func (l *lexer) readHeredoc(h *pendingHeredoc) error {
	bodyStart := l.i
	// While no line has lost leading tabs, the body is the source text
	// l.src[bodyStart:end] itself (contiguous): nothing is copied. The
	// first changed line switches to building text, with the original
	// offset of each of its bytes in mapping.
	contiguous := l.mapping == nil && !l.fixed
	end := bodyStart
	var text []byte   // the body read so far, when not contiguous
	var mapping []int // original offset of each byte of text
	// In an unquoted here-document a backslash-newline joins two lines,
	// and the delimiter is compared with the joined, logical line.
	logical := ""    // the logical line so far, continuations removed
	logicalText := 0 // where it started in the body
	joining := false // the previous line ended in a backslash
	atEOF := false   // the input ended the body (Config.HeredocEOF)
	for {
		if l.eof() {
			if !l.bounded && l.cfg != nil && l.cfg.HeredocEOF != nil {
				// The input ends the body (bash, in a script). bash
				// names the line before the body's first.
				l.cfg.HeredocEOF(h.doc.Delim, l.pos(bodyStart).Line-1)
				atEOF = true
				break
			}
			msg := unterminatedMsg("here-document '" + h.doc.Delim + "'")
			return &SyntaxError{Pos: h.pos, Msg: msg, Incomplete: !l.bounded}
		}
		ls := l.i
		le := strings.IndexByte(l.src[ls:], '\n')
		next := len(l.src)
		if le < 0 {
			le = len(l.src)
		} else {
			le += ls
			next = le + 1
		}
		cs := ls
		if h.strip {
			for cs < le && l.src[cs] == '\t' {
				cs++
			}
		}
		l.i = next
		line := l.src[cs:le]
		if !joining {
			logical, logicalText = "", len(text)
			if contiguous {
				logicalText = ls - bodyStart
			}
		}
		joining = !h.doc.Quoted && next > le && EndsInBackslash(line)
		if joining {
			if len(logical) <= len(h.doc.Delim) { // longer can never match
				logical += line[:len(line)-1]
			}
		} else if logical+line == h.doc.Delim {
			if contiguous {
				end = bodyStart + logicalText
			} else {
				text, mapping = text[:logicalText], mapping[:logicalText]
				mapping = append(mapping, l.off(ls))
			}
			break
		}
		if contiguous && cs == ls {
			end = next
			continue
		}
		if contiguous {
			contiguous = false
			text = append(text, l.src[bodyStart:ls]...)
			for k := bodyStart; k < ls; k++ {
				mapping = append(mapping, l.off(k))
			}
		}
		text = append(text, l.src[cs:next]...)
		for k := cs; k < next; k++ {
			mapping = append(mapping, l.off(k))
		}
	}
	var body string
	if contiguous {
		body = l.src[bodyStart:end]
	} else {
		body = string(text)
	}
	if atEOF && body != "" && !strings.HasSuffix(body, "\n") {
		// The last line had no newline: the body gets one, as in bash.
		body += "\n"
		if !contiguous {
			mapping = append(mapping, mapping[len(mapping)-1]+1)
		}
	}
	if !contiguous && atEOF && len(mapping) > 0 {
		mapping = append(mapping, mapping[len(mapping)-1]+1)
	}
	if h.doc.Quoted {
		h.doc.Body = &Word{Parts: []WordPart{&Lit{Value: body}}, Pos: l.pos(bodyStart)}
		return nil
	}
	var d *lexer
	if contiguous {
		d = l.derived(body, nil)
		d.shift = l.off(bodyStart)
	} else {
		d = l.derived(body, mapping)
	}
	parts, err := d.parts(ctxHeredoc, 0)
	if err != nil {
		return err
	}
	l.pending = append(l.pending, d.pending...)
	h.doc.Body = &Word{Parts: parts, Pos: l.pos(bodyStart)}
	return nil
}
