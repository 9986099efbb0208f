package parser

import "strings"

// Config lets the caller expand aliases at the start of commands, as bash
// does.
type Config struct {
	// Alias returns the replacement text for an alias name, if any.
	Alias func(name string) (string, bool)
	// FirstLine is the line number of the text's first line (1 when 0):
	// the ERR trap's text counts from the line of the failed command.
	FirstLine int
	// HeredocEOF, when not nil, lets the end of the input end a
	// here-document whose delimiter line never came, as bash does in a
	// script or -c text: the body is what was read, and HeredocEOF is
	// called with the delimiter and the line of the operator (the shell
	// warns). When nil, that is an Incomplete syntax error, which a
	// prompt answers by reading more.
	HeredocEOF func(delim string, line int)
	// Echo, when not nil, is called by a Reader with each line it reads,
	// except the lines read inside the list of a $( ) or <( ), which
	// bash's set -v does not echo either.
	Echo func(line string)
	// Extglob, when not nil, tells the lexer whether shopt extglob is on
	// as it reads each word: with it, ?(...) *(...) +(...) @(...) and
	// !(...) are part of a word (ast.go, Lit). The shell runs each
	// complete command before it reads the next, so a shopt -s extglob
	// on one line counts from the next line on, as in bash.
	Extglob func() bool
	// NoComments, when not nil, tells the lexer whether '#' is an
	// ordinary character rather than the start of a comment (bash's shopt
	// -u interactive_comments at a prompt).
	NoComments func() bool
}

// Parse parses a whole program. On error it returns a *SyntaxError.
func Parse(src string) (*File, error) {
	return ParseConfig(src, Config{})
}

// ParseConfig is Parse with aliases expanded by cfg.
func ParseConfig(src string, cfg Config) (*File, error) {
	l := newLexer(src, &cfg)
	if cfg.FirstLine > 1 {
		l.lines.first = cfg.FirstLine - 1
	}
	p, err := newParser(l)
	if err != nil {
		return nil, err
	}
	list, err := p.wholeList()
	if err != nil {
		return nil, err
	}
	if len(l.pending) > 0 {
		if l.heredocsAtEOF() {
			return &File{List: list}, nil
		}
		h := l.pending[0]
		return nil, &SyntaxError{Pos: h.pos, Msg: unterminatedMsg("here-document '" + h.doc.Delim + "'"), Incomplete: true}
	}
	return &File{List: list}, nil
}

// wholeList parses a list that must reach the end of the input: a whole
// program, or the inside of backquotes.
func (p *parser) wholeList() (*List, error) {
	list, err := p.list(tEOF)
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tEOF {
		return nil, p.unexpected()
	}
	return list, nil
}

// aliasScope lists the aliases being expanded, innermost first, so that an
// alias is never expanded inside its own value.
type aliasScope struct {
	name   string
	parent *aliasScope
}

func (s *aliasScope) active(name string) bool {
	for ; s != nil; s = s.parent {
		if s.name == name {
			return true
		}
	}
	return false
}

// parser is a recursive-descent parser with one token of lookahead: tok is
// the current, not yet consumed, token.
type parser struct {
	l       *lexer
	tok     token
	queue   []token // tokens of an alias value, read before the lexer's
	lastEnd int     // offset just past the last consumed token
	inSubst bool    // parsing the list of a $(...)

	// aliasNext is set when an alias value ended in a blank: the next word
	// is checked for an alias too.
	aliasNext bool
}

func newParser(l *lexer) (*parser, error) {
	p := &parser{l: l}
	return p, p.next()
}

// next consumes the current token and reads the following one.
func (p *parser) next() error {
	p.lastEnd = p.tok.end
	if len(p.queue) > 0 {
		p.tok = p.queue[0]
		p.queue = p.queue[1:]
		return nil
	}
	tok, err := p.l.next()
	if err != nil {
		return err
	}
	p.tok = tok
	return nil
}

// unexpected reports the current token as a syntax error.
func (p *parser) unexpected() error {
	if p.tok.kind == tEOF && p.inSubst {
		return &SyntaxError{Pos: p.tok.pos, Msg: unmatchedMsg(")"), Incomplete: !p.l.bounded, AtEOF: true}
	}
	return &SyntaxError{Pos: p.tok.pos, Msg: unexpectedMsg(p.tok.text())}
}

// linebreak skips newlines, where the grammar allows them.
func (p *parser) linebreak() error {
	for p.tok.kind == tNewline {
		if err := p.next(); err != nil {
			return err
		}
	}
	return nil
}

// moreAfter is called after '|', '&&' or '||': a command must follow,
// possibly on a later line. End of input here means more input is needed.
func (p *parser) moreAfter() error {
	if err := p.linebreak(); err != nil {
		return err
	}
	if p.tok.kind == tEOF {
		return &SyntaxError{Pos: p.tok.pos, Msg: msgEOF, Incomplete: !p.l.bounded, AtEOF: true}
	}
	return nil
}

// list parses
//
//	list : linebreak (and_or (separator and_or)* separator?)?
//
// up to the token stop (EOF, or ')' inside $(...)), a reserved word that
// closes a compound command (then, fi, done, ...) or a case item's
// terminator (;; ;& ;;&), none of which is consumed.
func (p *parser) list(stop tokKind) (*List, error) {
	list := &List{Items: []*ListItem{}}
	if err := p.linebreak(); err != nil {
		return nil, err
	}
	for {
		// An alias may stand for a word that ends the list (alias
		// end='}'), or for nothing at all, before a newline: an empty
		// line, as in bash.
		if err := p.commandAliases(); err != nil {
			return nil, err
		}
		if p.tok.kind == stop || p.tok.kind == tEOF || p.atListEnd() {
			break
		}
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
		case tSemi, tNewline:
			if err := p.next(); err != nil {
				return nil, err
			}
			if err := p.linebreak(); err != nil {
				return nil, err
			}
		case stop, tEOF:
		default:
			if !p.atListEnd() {
				return nil, p.unexpected()
			}
		}
	}
	return list, nil
}

// andOr parses
//
//	and_or : pipeline (('&&' | '||') linebreak pipeline)*
func (p *parser) andOr() (*AndOr, error) {
	first, err := p.pipeline()
	if err != nil {
		return nil, err
	}
	ao := &AndOr{First: first}
	for p.tok.kind == tAndIf || p.tok.kind == tOrIf {
		op := AndIf
		if p.tok.kind == tOrIf {
			op = OrIf
		}
		if err := p.next(); err != nil {
			return nil, err
		}
		if err := p.moreAfter(); err != nil {
			return nil, err
		}
		pl, err := p.pipeline()
		if err != nil {
			return nil, err
		}
		ao.Rest = append(ao.Rest, AndOrPart{Op: op, Pipeline: pl})
	}
	return ao, nil
}

// isBang reports whether tok is the reserved word '!'.
func isBang(tok token) bool {
	return tok.kind == tWord && tok.raw == "!"
}

// pipeline parses
//
//	pipeline : (time_opt | '!')* command ('|' linebreak command)*
//	         | (time_opt | '!')+              (followed by ';', NEWLINE or EOF)
func (p *parser) pipeline() (*Pipeline, error) {
	pl := &Pipeline{Pos: p.tok.pos}
	prefixed := false
	for {
		// An alias may stand for "time" or '!' (bash expands aliases
		// before it looks for reserved words).
		if err := p.expandCommandAliases(); err != nil {
			return nil, err
		}
		if isBang(p.tok) { // bash accepts "! ! cmd": each '!' inverts again
			pl.Bang = !pl.Bang
		} else if isWord(p.tok, "time") {
			if err := p.timeOpt(pl); err != nil {
				return nil, err
			}
			prefixed = true
			continue
		} else {
			break
		}
		prefixed = true
		if err := p.next(); err != nil {
			return nil, err
		}
	}
	if prefixed && (p.tok.kind == tSemi || p.tok.kind == tNewline || p.tok.kind == tEOF) {
		// bash's "time" or '!' alone: an empty command.
		pl.Cmds = append(pl.Cmds, &SimpleCommand{Pos: p.tok.pos})
		pl.End = p.lastEnd
		return pl, nil
	}
	for {
		cmd, err := p.command()
		if err != nil {
			return nil, err
		}
		pl.Cmds = append(pl.Cmds, cmd)
		if p.tok.kind != tPipe {
			break
		}
		if p.tok.pipeStderr {
			addStderrToPipe(cmd, p.tok.pos)
		}
		if err := p.next(); err != nil {
			return nil, err
		}
		if err := p.moreAfter(); err != nil {
			return nil, err
		}
		if isBang(p.tok) { // bash: "a | ! b" is an error
			return nil, p.unexpected()
		}
	}
	pl.End = p.lastEnd
	return pl, nil
}

// timeOpt parses
//
//	time_opt : 'time' '-p'? '--'?
//
// "time time cmd" times cmd once; "-p" or "--" anywhere among them asks
// for POSIX's format (bash takes "--" as "-p" too). A second "-p" is the
// command's name, as in bash.
func (p *parser) timeOpt(pl *Pipeline) error {
	if pl.Time == nil {
		pl.Time = &TimeClause{Pos: p.tok.pos}
	}
	if err := p.next(); err != nil {
		return err
	}
	if isWord(p.tok, "-p") {
		pl.Time.Posix = true
		if err := p.next(); err != nil {
			return err
		}
	}
	if isWord(p.tok, "--") {
		pl.Time.Posix = true
		return p.next()
	}
	return nil
}

// atListEnd reports whether the current token ends a list without being
// part of it: a closing reserved word or a case terminator.
func (p *parser) atListEnd() bool {
	switch p.tok.kind {
	case tDSemi, tSemiAnd, tDSemiAnd:
		return true
	}
	return p.atCloser()
}

// command parses
//
//	command : simple_command | compound_command redirect* | function_def
//
// Aliases are expanded first, so an alias may stand for a reserved word;
// then the first token tells which rule applies.
func (p *parser) command() (Command, error) {
	if err := p.commandAliases(); err != nil {
		return nil, err
	}
	if p.tok.kind == tWord && p.reserved() == "" && p.lParenNext() && isFuncName(p.tok) {
		return p.functionDef()
	}
	cmd, err := p.compoundCommand()
	if err != nil || cmd != nil {
		return cmd, err
	}
	if p.atCloser() {
		return nil, p.unexpected()
	}
	return p.simpleCommand()
}

// commandAliases expands the aliases at the start of a command, and skips
// the newlines after an alias that stands for nothing ("echo x | a" then
// "cat" on the next line is echo x | cat, as in bash).
func (p *parser) commandAliases() error {
	for p.tok.kind == tWord {
		if err := p.expandCommandAliases(); err != nil {
			return err
		}
		if p.tok.kind != tNewline {
			return nil
		}
		if err := p.linebreak(); err != nil {
			return err
		}
	}
	return nil
}

// expandCommandAliases expands aliases at the start of a command, until
// the current word is a reserved word or no alias.
func (p *parser) expandCommandAliases() error {
	p.aliasNext = false
	for p.tok.kind == tWord && p.reserved() == "" {
		expanded, err := p.expandAlias()
		if err != nil {
			return err
		}
		if !expanded {
			break
		}
	}
	return nil
}

// simpleCommand parses
//
//	simple_command : (assignment | redirect)* (WORD | redirect)*
func (p *parser) simpleCommand() (*SimpleCommand, error) {
	cmd := &SimpleCommand{Pos: p.tok.pos}
	for {
		switch p.tok.kind {
		case tRedir:
			r, err := p.redirect()
			if err != nil {
				return nil, err
			}
			cmd.Redirs = append(cmd.Redirs, r)
			continue
		case tWord:
		default:
			if len(cmd.Assigns) == 0 && len(cmd.Args) == 0 && len(cmd.Redirs) == 0 {
				return nil, p.unexpected()
			}
			return cmd, nil
		}
		if len(cmd.Args) == 0 {
			if as := assignment(p.tok); as != nil {
				if len(cmd.Assigns) == 0 && len(cmd.Redirs) == 0 {
					cmd.setLine(p.endLine(p.tok))
				}
				cmd.Assigns = append(cmd.Assigns, as)
				if err := p.next(); err != nil {
					return nil, err
				}
				continue
			}
		}
		if len(cmd.Args) == 0 || p.aliasNext {
			expanded, err := p.expandAlias()
			if err != nil {
				return nil, err
			}
			if expanded {
				continue
			}
		}
		p.aliasNext = p.tok.aliasBlank
		if err := arrayArgAllowed(cmd.Args, p.tok); err != nil {
			return nil, err
		}
		cmd.Args = append(cmd.Args, p.tok.word)
		if err := p.next(); err != nil {
			return nil, err
		}
		if len(cmd.Args) == 1 && len(cmd.Assigns) == 0 && len(cmd.Redirs) == 0 {
			cmd.setLine(p.endLine(p.tok)) // the token after the first word
		}
	}
}

// setLine records the line bash numbers the command with (Line).
func (c *SimpleCommand) setLine(line int) {
	if line > c.Pos.Line {
		c.Line = line
	}
}

// endLine is the line where token t ends.
func (p *parser) endLine(t token) int {
	if t.end <= t.pos.Offset {
		return t.pos.Line
	}
	return p.l.lines.pos(t.end - 1).Line
}

// assignment returns the assignment that tok spells, or nil: a word whose
// unquoted beginning is NAME=, NAME+= or NAME[subscript]= (param.go).
func assignment(tok token) *Assign {
	return assignWord(tok.word, tok.alias == nil)
}

// expandAlias replaces the current word by the tokens of its alias value,
// if it names an alias that is not already being expanded.
func (p *parser) expandAlias() (bool, error) {
	cfg := p.l.cfg
	if cfg == nil || cfg.Alias == nil || len(p.tok.word.Parts) != 1 {
		return false, nil
	}
	lit, ok := p.tok.word.Parts[0].(*Lit)
	if !ok || lit.Value != p.tok.raw || p.tok.alias.active(lit.Value) {
		return false, nil
	}
	value, ok := cfg.Alias(lit.Value)
	if !ok {
		return false, nil
	}
	word := p.tok
	scope := &aliasScope{name: lit.Value, parent: word.alias}

	// Lex the value on its own. Its tokens are all placed at the alias word.
	l := p.l.derived(value, nil)
	l.fixed, l.fixedPos, l.fixedEnd = true, word.pos, word.end
	l.scope = scope
	var toks []token
	for {
		tok, err := l.next()
		if err != nil {
			return false, err
		}
		if tok.kind == tEOF {
			break
		}
		toks = append(toks, tok)
	}
	p.l.pending = append(p.l.pending, l.pending...)
	if l.wantDelim {
		p.l.wantDelim, p.l.stripTabs = true, l.stripTabs
	}
	endsInBlank := strings.HasSuffix(value, " ") || strings.HasSuffix(value, "\t")
	if len(toks) == 0 {
		// An empty value: the word simply disappears.
		p.aliasNext = endsInBlank
		if err := p.next(); err != nil {
			return false, err
		}
		p.lastEnd = word.end
		return true, nil
	}
	toks[len(toks)-1].aliasBlank = endsInBlank
	p.tok = toks[0]
	p.queue = append(toks[1:], p.queue...)
	return true, nil
}

// redirect parses
//
//	redirect : (IO_NUMBER | '{' NAME '}')? op word
func (p *parser) redirect() (*Redirect, error) {
	r := &Redirect{Fd: p.tok.fd, FdVar: p.tok.fdVar, Op: p.tok.op, Pos: p.tok.pos}
	if err := p.next(); err != nil {
		return nil, err
	}
	if p.tok.kind != tWord {
		return nil, p.unexpected()
	}
	r.Target = p.tok.word
	if r.Op == RedirHeredoc || r.Op == RedirHeredocTab {
		r.Heredoc = p.tok.heredoc
		if r.Heredoc == nil {
			// The delimiter came from a different token source than the
			// operator (an alias value ending in <<): register it now.
			r.Heredoc = p.l.addHeredoc(p.tok.raw, r.Op == RedirHeredocTab, p.tok.pos)
		}
	}
	if err := p.next(); err != nil {
		return nil, err
	}
	return r, nil
}
