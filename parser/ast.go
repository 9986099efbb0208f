package parser

import "strings"

// This file holds gosh's abstract syntax tree. It is deliberately small, in
// the spirit of xv6's sh.c: a handful of node types, each documented with
// the grammar rule that produces it. The grammar is the POSIX shell grammar
// (XCU 2.10) with bash's additions: [[ ]], (( )), for (( )), ;& and ;;&,
// and the "function" keyword.

// Pos is a position in the source text. Line and Col are 1-based; Col counts
// bytes. Offset is the 0-based byte offset.
type Pos struct {
	Offset int
	Line   int
	Col    int
}

// File is a whole program: what one read of the input produced.
//
//	program : linebreak list? linebreak EOF
type File struct {
	List *List
}

// List is a sequence of and-or lists run one after another, or in the
// background when terminated by '&'.
//
//	list      : and_or (separator and_or)* separator?
//	separator : ';' | '&' | NEWLINE+
type List struct {
	Items []*ListItem
}

// ListItem is one and-or list of a List together with how it is terminated.
//
//	list_item : and_or (';' | '&' | NEWLINE)?
type ListItem struct {
	AndOr      *AndOr
	Background bool // terminated by '&'
	Pos        Pos
	End        int // byte offset just past the item, terminator excluded
}

// AndOr is a chain of pipelines joined by && and ||. Both operators have the
// same precedence and associate to the left.
//
//	and_or : pipeline (('&&' | '||') linebreak pipeline)*
type AndOr struct {
	First *Pipeline
	Rest  []AndOrPart
}

// AndOrPart is one "&& pipeline" or "|| pipeline" link of an AndOr.
//
//	and_or_part : ('&&' | '||') linebreak pipeline
type AndOrPart struct {
	Op       AndOrOp
	Pipeline *Pipeline
}

// AndOrOp is && or ||.
type AndOrOp int

const (
	AndIf AndOrOp = iota // &&
	OrIf                 // ||
)

func (op AndOrOp) String() string {
	if op == AndIf {
		return "&&"
	}
	return "||"
}

// Pipeline is one or more commands whose standard output and input are
// joined by pipes. Bang ('!') inverts the pipeline's exit status; Time
// (bash's "time" reserved word) reports how long the pipeline took.
//
//	pipeline : (time_opt | '!')* command ('|' linebreak command)*
//	         | (time_opt | '!')+                  (followed by ';', NEWLINE or EOF)
//
// As in bash, "time" and '!' may be mixed and repeated before the
// commands: each '!' inverts the status again, and the pipeline is timed
// once however many "time"s there are. "time" and '!' alone, with no
// command after them, time or invert an empty command (status 0): then
// Cmds holds one SimpleCommand with nothing in it.
type Pipeline struct {
	Time *TimeClause // nil when the pipeline is not timed
	Bang bool
	Cmds []Command
	Pos  Pos
	End  int // byte offset just past the last command
}

// TimeClause is bash's "time" reserved word in front of a pipeline: once
// the pipeline has finished, the shell prints its real, user and system
// times on standard error, in the format of $TIMEFORMAT or, with -p, in
// POSIX's. "time" is a reserved word only at the start of a pipeline;
// after '|' it names a command, as in bash.
//
//	time_opt : 'time' '-p'? '--'?
type TimeClause struct {
	Posix bool // -p (or "--", as in bash): "real %2R\nuser %2U\nsys %2S"
	Pos   Pos
}

// Command is one stage of a pipeline: a *SimpleCommand, one of the
// compound commands (*Subshell, *Group, *If, *While, *For, *ArithFor,
// *Select, *Case, *ArithCmd, *TestCmd), a function definition (*FuncDecl)
// or bash's coprocess (*Coproc).
//
//	command : simple_command | compound_command redirect* | function_def | coproc
type Command interface {
	Position() Pos
	// Redirects are the redirections that apply to the whole command.
	Redirects() []*Redirect
	commandNode()
}

// SimpleCommand is a command name with arguments, optionally preceded by
// variable assignments, with redirections anywhere among its words.
//
//	simple_command : (assignment | redirect)* (WORD | redirect)*
//
// An assignment is only recognised before the first word. With no Args the
// assignments set shell variables; otherwise they apply to this command only.
type SimpleCommand struct {
	Assigns []*Assign
	Args    []*Word
	Redirs  []*Redirect
	Pos     Pos
	// Line is the line bash numbers the command with ($LINENO, its
	// messages), when it is not Pos.Line (0): bash's parser reads the
	// token after a first word (to see whether "(" makes it a function)
	// before it makes the command, so the command takes the line where
	// that token ends: 4 for `cd "/a<newline>b"` written on lines 3-4.
	// After a first assignment it is the line where the assignment ends.
	Line int
}

// LineNo is the command's line as bash numbers it (Line, else Pos.Line).
func (c *SimpleCommand) LineNo() int {
	if c.Line > 0 {
		return c.Line
	}
	return c.Pos.Line
}

func (c *SimpleCommand) Position() Pos { return c.Pos }
func (*SimpleCommand) commandNode()    {}

// Redirects returns the command's redirections, in the order written.
func (c *SimpleCommand) Redirects() []*Redirect { return c.Redirs }

// The compound commands below follow XCU 2.9.4 and bash. Each may be
// followed by redirections, which apply to the whole command:
//
//	command : compound_command redirect*
//
// Reserved words ({ } ! if then elif else fi while until for in do done
// case esac function [[ ]]) are recognised only where the grammar expects
// them: as the first word of a command, and "in", "do", "then", ... at
// their places inside these rules.

// Subshell is a list run in a subshell: nothing it changes reaches the
// shell.
//
//	subshell : '(' compound_list ')'
type Subshell struct {
	List   *List
	Redirs []*Redirect
	Pos    Pos
}

// Group is a list run in the current shell, grouped so that it can be
// redirected, piped or put in the background as one command.
//
//	brace_group : '{' compound_list '}'
type Group struct {
	List   *List
	Redirs []*Redirect
	Pos    Pos
}

// If runs Then after the first Cond that succeeds, or Else when none does.
// "elif c; then t" is one more IfClause.
//
//	if_clause : 'if' compound_list 'then' compound_list
//	            ('elif' compound_list 'then' compound_list)*
//	            ('else' compound_list)? 'fi'
type If struct {
	Clauses []*IfClause // the if, then each elif
	Else    *List       // nil when there is no else
	Redirs  []*Redirect
	Pos     Pos
}

// IfClause is one "if/elif Cond; then Then" of an If.
//
//	if_part : ('if' | 'elif') compound_list 'then' compound_list
type IfClause struct {
	Cond *List
	Then *List
	Pos  Pos // of the 'if' or 'elif'
}

// While runs Body as long as Cond succeeds (or, with Until, fails).
//
//	while_clause : 'while' compound_list do_group
//	until_clause : 'until' compound_list do_group
//	do_group     : 'do' compound_list 'done'
type While struct {
	Until  bool
	Cond   *List
	Body   *List
	Redirs []*Redirect
	Pos    Pos
}

// For runs Body once for each field of Words, with Name set to it. Without
// "in" (In false) the fields are those of "$@".
//
//	for_clause : 'for' NAME (';')? linebreak (do_group | brace_group)
//	           | 'for' NAME linebreak 'in' WORD* sequential_sep (do_group | brace_group)
//
// A brace group may stand for the do_group (bash); Body is its list.
type For struct {
	Name   string  // as written: the loop reports a Name that is not a name
	In     bool    // "in" was written (even with no words after it)
	Words  []*Word // the words after "in"
	Body   *List
	Redirs []*Redirect
	Pos    Pos
}

// Select is bash's menu loop: it writes Words as a numbered menu to
// standard error, prompts with PS3, reads a line from standard input into
// REPLY, sets Name to the chosen word ("" for any other answer) and runs
// Body; again and again until break, return or the end of the input.
// Without "in" (In false) the words are those of "$@". As for "for", a
// brace group may stand for the do_group; Body is its list, as in bash.
//
//	select_clause : 'select' NAME linebreak (do_group | brace_group)
//	              | 'select' NAME linebreak 'in' WORD* sequential_sep (do_group | brace_group)
type Select struct {
	Name   string  // as written: the loop reports a Name that is not a name
	In     bool    // "in" was written (even with no words after it)
	Words  []*Word // the words after "in"
	Body   *List
	Redirs []*Redirect
	Pos    Pos
}

// ArithFor is bash's C-style loop. Init, Cond and Post are arithmetic
// expressions, each possibly empty (nil); an empty Cond is true.
//
//	arith_for : 'for' '((' expr? ';' expr? ';' expr? '))' sequential_sep? (do_group | brace_group)
//
// Body of a brace group is its list, as in bash.
type ArithFor struct {
	Init, Cond, Post *Word
	Body             *List
	Redirs           []*Redirect
	Pos              Pos
}

// Case runs the list of the first item one of whose patterns matches Word.
//
//	case_clause : 'case' WORD linebreak 'in' linebreak case_item* 'esac'
type Case struct {
	Word   *Word
	Items  []*CaseItem
	Redirs []*Redirect
	Pos    Pos
}

// CaseItem is one "pattern | pattern) list ;;" of a Case.
//
//	case_item : '('? WORD ('|' WORD)* ')' compound_list? (';;' | ';&' | ';;&')? linebreak
type CaseItem struct {
	Patterns []*Word
	Body     *List // may hold no items
	Term     CaseTerm
	Pos      Pos
}

// CaseTerm is how a case item ends.
type CaseTerm int

const (
	CaseBreak       CaseTerm = iota // ;;  stop after this item
	CaseFallthrough                 // ;&  run the next item's list too (bash)
	CaseContinue                    // ;;& go on testing the next patterns (bash)
)

var caseTermText = [...]string{";;", ";&", ";;&"}

func (t CaseTerm) String() string { return caseTermText[t] }

// FuncDecl defines a function. The redirections written after the body
// are the body's (Body.Redirects()); they apply at every call.
//
//	function_def : NAME '(' ')' linebreak compound_command redirect*
//	             | 'function' NAME ('(' ')')? linebreak compound_command redirect*
type FuncDecl struct {
	Name    string
	Keyword bool    // written with bash's "function" keyword
	Body    Command // a compound command
	Pos     Pos
}

// ArithCmd is bash's arithmetic command: status 0 when Expr is not zero.
//
//	arith_command : '((' expr '))'
type ArithCmd struct {
	Expr   *Word // parsed as inside double quotes, like ArithExp.Expr
	Redirs []*Redirect
	Pos    Pos
}

// TestCmd is bash's conditional command [[ expr ]]. Words inside are not
// field split or globbed.
//
//	cond_command : '[[' cond_or ']]'
//	cond_or      : cond_and ('||' cond_and)*
//	cond_and     : cond_not ('&&' cond_not)*
//	cond_not     : '!' cond_not | cond_primary
//	cond_primary : '(' cond_or ')' | UNARY_OP WORD | WORD BINARY_OP WORD | WORD
type TestCmd struct {
	Expr   TestExpr
	Redirs []*Redirect
	Pos    Pos
}

// TestExpr is a node of a [[ ]] expression: *TestBinary, *TestUnary,
// *TestParen or *TestWord.
//
//	cond_or (see TestCmd)
type TestExpr interface{ testExpr() }

// TestBinary is "X op Y": && and ||, string comparisons (== = != < > =~)
// and the arithmetic ones (-eq -ne -lt -le -gt -ge), and the file
// comparisons (-nt -ot -ef). On the right of == and != the word is a
// pattern; on the right of =~ an extended regular expression.
//
//	cond_or  : cond_or '||' cond_and
//	cond_and : cond_and '&&' cond_not
//	cond_primary : WORD BINARY_OP WORD
type TestBinary struct {
	Op   string
	X, Y TestExpr
}

// TestUnary is "op X": '!' or a file or string test (-f -d -z -n ...).
//
//	cond_not     : '!' cond_not
//	cond_primary : UNARY_OP WORD
type TestUnary struct {
	Op string
	X  TestExpr
}

// TestParen is "( X )".
//
//	cond_primary : '(' cond_or ')'
type TestParen struct{ X TestExpr }

// TestWord is one word: as a whole expression it is true when not empty.
//
//	cond_primary : WORD
type TestWord struct{ Word *Word }

func (*TestBinary) testExpr() {}
func (*TestUnary) testExpr()  {}
func (*TestParen) testExpr()  {}
func (*TestWord) testExpr()   {}

func (c *Subshell) Position() Pos { return c.Pos }
func (c *Group) Position() Pos    { return c.Pos }
func (c *If) Position() Pos       { return c.Pos }
func (c *While) Position() Pos    { return c.Pos }
func (c *For) Position() Pos      { return c.Pos }
func (c *ArithFor) Position() Pos { return c.Pos }
func (c *Select) Position() Pos   { return c.Pos }
func (c *Case) Position() Pos     { return c.Pos }
func (c *FuncDecl) Position() Pos { return c.Pos }
func (c *ArithCmd) Position() Pos { return c.Pos }
func (c *TestCmd) Position() Pos  { return c.Pos }

func (c *Subshell) Redirects() []*Redirect { return c.Redirs }
func (c *Group) Redirects() []*Redirect    { return c.Redirs }
func (c *If) Redirects() []*Redirect       { return c.Redirs }
func (c *While) Redirects() []*Redirect    { return c.Redirs }
func (c *For) Redirects() []*Redirect      { return c.Redirs }
func (c *ArithFor) Redirects() []*Redirect { return c.Redirs }
func (c *Select) Redirects() []*Redirect   { return c.Redirs }
func (c *Case) Redirects() []*Redirect     { return c.Redirs }
func (c *ArithCmd) Redirects() []*Redirect { return c.Redirs }
func (c *TestCmd) Redirects() []*Redirect  { return c.Redirs }

// Redirects of a function definition are none: its redirections belong to
// its body and apply when the function is called.
func (c *FuncDecl) Redirects() []*Redirect { return nil }

func (*Subshell) commandNode() {}
func (*Group) commandNode()    {}
func (*If) commandNode()       {}
func (*While) commandNode()    {}
func (*For) commandNode()      {}
func (*ArithFor) commandNode() {}
func (*Select) commandNode()   {}
func (*Case) commandNode()     {}
func (*FuncDecl) commandNode() {}
func (*ArithCmd) commandNode() {}
func (*TestCmd) commandNode()  {}

// Coproc is bash's coprocess: Body runs asynchronously, as "Body &" does,
// with its standard output going into one pipe and its standard input
// coming from another. The shell keeps the other ends, as the indexed
// array NAME: NAME[0] reads what Body writes, NAME[1] writes what it
// reads; NAME_PID is its pid. NAME is COPROC unless given, which bash
// allows only before a compound command: in "coproc a b" a is the
// command's name. The word after "coproc" is the NAME when a compound
// command follows it ("coproc X { cat; }", "coproc X (ls)", "coproc X
// while ...").
//
//	coproc : 'coproc' compound_command redirect*
//	       | 'coproc' WORD compound_command redirect*
//	       | 'coproc' simple_command
//
// The redirections written after the coproc are the body's: they apply
// inside the coprocess, after its pipes ("coproc cat >log" writes to log,
// not into the pipe).
type Coproc struct {
	Name *Word   // nil: the default name, COPROC
	Body Command // a simple or compound command; never a function definition
	Pos  Pos
}

// DefaultCoprocName is the name of a coproc written without one.
const DefaultCoprocName = "COPROC"

// NameText is the coproc's NAME as written, or COPROC.
func (c *Coproc) NameText() string {
	if c.Name == nil {
		return DefaultCoprocName
	}
	return String(c.Name)
}

// LoneCoproc is the coproc that ao is by itself ("coproc cat", and
// "coproc cat &", which bash starts the same way), or nil.
func (ao *AndOr) LoneCoproc() *Coproc {
	if len(ao.Rest) > 0 || ao.First.Bang || ao.First.Time != nil || len(ao.First.Cmds) != 1 {
		return nil
	}
	c, _ := ao.First.Cmds[0].(*Coproc)
	return c
}

func (c *Coproc) Position() Pos { return c.Pos }

// Redirects of a coproc are none: its redirections belong to its body.
func (c *Coproc) Redirects() []*Redirect { return nil }
func (*Coproc) commandNode()             {}

// Assign is NAME=value, with bash's additions: NAME+=value appends,
// NAME[subscript]=value sets one element of an array, and NAME=(word...)
// assigns a whole array.
//
//	assignment : NAME ('[' subscript ']')? '+'? '=' word?
//	           | NAME '+'? '=' array_lit
type Assign struct {
	Name   string
	Index  *Word     // NAME[Index]=value; nil without a subscript
	Append bool      // written +=
	Value  *Word     // never nil; an empty Word for NAME= (and for an array)
	Array  *ArrayLit // NAME=(...); nil for a plain value
	Pos    Pos
}

// ArrayLit is the parenthesised list of an array assignment. An element
// may start with "[subscript]=" to give its index or key. Raw is the text
// from '(' to ')' as written: a declaration builtin (declare -a a=(...))
// receives it as part of its argument.
//
//	array_lit  : '(' linebreak (array_elem linebreak)* ')'
//	array_elem : ('[' subscript ']=')? word
type ArrayLit struct {
	Elems []*Word
	Raw   string
	// Text is set for let i=(3+4): the list is text to expand, the
	// elements one space apart between the parentheses, as bash reads
	// such a word.
	Text bool
}

// Redirect changes a file descriptor of the command it belongs to.
//
//	redirect : fd? ('<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<<') word
//	         | ('&>' | '&>>') word
//	         | fd? ('<<' | '<<-') here_end
//	fd       : IO_NUMBER | '{' NAME '}'
//
// Fd is the descriptor being redirected, or -1 when it was not written
// (then 0 for input operators and 1 for output operators). FdVar is the
// NAME of bash's {NAME}> form, or "": the shell then redirects a free
// descriptor of 10 or more and assigns its number to NAME (with >&- or
// <&-, it closes the descriptor NAME holds). For '<<' and '<<-', Target
// holds the delimiter word and Heredoc the body.
type Redirect struct {
	Fd      int
	FdVar   string
	Op      RedirOp
	Target  *Word
	Heredoc *Heredoc
	Pos     Pos
}

// RedirOp is a redirection operator.
type RedirOp int

const (
	RedirIn         RedirOp = iota // <
	RedirOut                       // >
	RedirAppend                    // >>
	RedirClobber                   // >|
	RedirReadWrite                 // <>
	RedirDupIn                     // <&
	RedirDupOut                    // >&
	RedirAll                       // &>
	RedirAllAppend                 // &>>
	RedirHeredoc                   // <<
	RedirHeredocTab                // <<-
	RedirHereString                // <<< (bash): the expanded word and a newline as input
)

var redirOpText = [...]string{"<", ">", ">>", ">|", "<>", "<&", ">&", "&>", "&>>", "<<", "<<-", "<<<"}

func (op RedirOp) String() string { return redirOpText[op] }

// DefaultFd is the descriptor an operator applies to when none is written.
func (op RedirOp) DefaultFd() int {
	switch op {
	case RedirIn, RedirReadWrite, RedirDupIn, RedirHeredoc, RedirHeredocTab, RedirHereString:
		return 0
	}
	return 1
}

// Heredoc is the body of a here-document.
//
//	here_doc : (line NEWLINE)* delimiter NEWLINE
//
// When any part of the delimiter was quoted, Quoted is set and Body is a
// single literal: no expansion happens. Otherwise Body's parts are parsed as
// inside double quotes (parameters, command substitution and arithmetic are
// expanded; '\' escapes only $ ` \ and newline). With '<<-' leading tabs
// have already been stripped from every line.
type Heredoc struct {
	Delim  string
	Quoted bool
	Body   *Word
}

// Word is a shell word: a sequence of literal, quoted and expansion parts
// written without blanks between them.
//
//	word : (Lit | Escaped | SglQuoted | DblQuoted | ParamExp | CmdSubst | ArithExp | ProcSubst)+
//
// An assignment word NAME=(...) ends in an *ArrayLit part.
type Word struct {
	Parts []WordPart
	Pos   Pos
}

// Literal returns the word's text when nothing in it expands: quotes and
// backslashes are fine ("ls", l\s and 'ls' are all ls), but a parameter,
// a substitution, a glob character or a leading ~ is not. The shell's
// copy-or-child rule and explain use it to know a command's name before
// expansion.
func (w *Word) Literal() (string, bool) {
	var b strings.Builder
	for _, part := range w.Parts {
		switch p := part.(type) {
		case *Lit:
			if strings.ContainsAny(p.Value, "*?[") || strings.HasPrefix(p.Value, "~") {
				return "", false
			}
			b.WriteString(p.Value)
		case *Escaped:
			b.WriteString(p.Value)
		case *SglQuoted:
			b.WriteString(p.Value)
		case *DblQuoted:
			for _, ip := range p.Parts {
				switch q := ip.(type) {
				case *Lit:
					b.WriteString(q.Value)
				case *Escaped:
					b.WriteString(q.Value)
				default:
					return "", false
				}
			}
		default:
			return "", false
		}
	}
	return b.String(), true
}

// WordPart is one piece of a Word: *Lit, *Escaped, *SglQuoted,
// *DblQuoted, *ParamExp, *CmdSubst, *ArithExp, *ProcSubst, or the *ArrayLit
// that ends an assignment word.
//
//	word_part : Lit | Escaped | SglQuoted | DblQuoted | ParamExp | CmdSubst | ArithExp | ProcSubst | array_lit
type WordPart interface {
	wordPart()
}

// Lit is unquoted literal text. It is subject to tilde expansion (at the
// start of a word) and pathname expansion, but never to field splitting.
//
//	lit : CHAR+    (characters that are no blank, operator, quote, '\\' or start of an expansion)
//	    | lit? EXT_OP '(' ext_item* ')'   (with extglob: EXT_OP is one of ? * + @ !)
//
// With extglob (Config.Extglob, and always on the right of == != = in
// [[ ]]), an extended pattern such as @(a|b c) is part of the word: its
// parentheses, '|'s and blanks are literal text, and Ext is set so that
// the printer writes the text back as it is instead of escaping them.
// Quotes and expansions inside the parentheses are parts of their own.
type Lit struct {
	Value string
	Ext   bool
}

// Escaped is a character quoted by a backslash, backslash removed: \* is
// Escaped{"*"}. It is literal text that no expansion touches.
//
//	escaped : '\\' CHAR
type Escaped struct {
	Value string
}

// SglQuoted is '...': literal text, nothing expanded. With Dollar it was
// written $'...' (ANSI-C quoting) and Value holds the text with its
// backslash escapes already decoded.
//
//	sgl_quoted : "'" CHAR* "'" | "$'" (CHAR | '\\' ESCAPE)* "'"
type SglQuoted struct {
	Value  string
	Dollar bool
}

// DblQuoted is "...": its parts are expanded but not field split or globbed.
// Only Lit, Escaped, ParamExp, CmdSubst and ArithExp appear inside.
//
//	dbl_quoted : '"' (Lit | Escaped | ParamExp | CmdSubst | ArithExp)* '"'
type DblQuoted struct {
	Parts []WordPart
}

// ParamExp is a parameter expansion: $NAME, ${NAME}, ${NAME op word},
// ${#NAME}, or a special parameter ($? $$ $! $# $0..$9 $@ $* $-), with
// bash's additions: array subscripts, indirection and the operators that
// cut, replace, slice and change the case of a value.
//
//	param_exp : '$' (NAME | DIGIT | special)
//	          | '${' ('#' | '!')? param '}'
//	          | '${' '!'? param ':'? ('-' | '=' | '?' | '+') word? '}'
//	          | '${' '!'? param ('#' | '##' | '%' | '%%') pattern? '}'
//	          | '${' '!'? param '/' ('/' | '#' | '%')? pattern ('/' word?)? '}'
//	          | '${' '!'? param ':' offset (':' length)? '}'
//	          | '${' '!'? param ('^' | '^^' | ',' | ',,' | '~' | '~~') pattern? '}'
//	          | '${' '!'? param '@' LETTER '}'
//	          | '${!' NAME ('*' | '@') '}'
//	param     : (NAME ('[' subscript ']')?) | DIGIT+ | special
type ParamExp struct {
	Name     string
	Index    *Word   // ${NAME[Index]}; a Lit "@" or "*" for all elements; nil without a subscript
	Length   bool    // ${#NAME}
	Indirect bool    // ${!NAME}: the value names the parameter to expand; with Index @ or * and no Op, the keys
	Op       ParamOp // ParamNone for plain $NAME and ${NAME}
	Colon    bool    // ':' before Op: also treat an empty value as unset
	Arg      *Word   // the word after Op (default, pattern, offset, transform letter); nil when there is none
	Repl     *Word   // ${x/p/r}: r; ${x:o:l}: l; nil when not written
	Braced   bool    // written with braces
	// Bad holds the text of a ${...} that is no valid expansion (${x!},
	// ${}): expanding it is an error, "${x!}: bad substitution", as in
	// bash, which finds such errors only when it expands the word. With
	// Op ParamTransform it is an unknown ${x@Z}, Arg its letters: an
	// error only for a value that is set, and one that ends a script.
	Bad string
}

// ParamOp is the operator inside ${NAME op word}.
type ParamOp int

const (
	ParamNone           ParamOp = iota
	ParamDefault                // -  use word if unset
	ParamAssign                 // =  assign word if unset
	ParamError                  // ?  fail with word if unset
	ParamAlt                    // +  use word if set
	ParamTrimPrefix             // #  remove the shortest matching prefix
	ParamTrimLongPrefix         // ## remove the longest matching prefix
	ParamTrimSuffix             // %  remove the shortest matching suffix
	ParamTrimLongSuffix         // %% remove the longest matching suffix
	ParamReplace                // /  replace the first match
	ParamReplaceAll             // // replace every match
	ParamReplacePrefix          // /# replace a match at the start
	ParamReplaceSuffix          // /% replace a match at the end
	ParamSubstr                 // :  ${x:offset:length}
	ParamUpperFirst             // ^  upper-case the first character if it matches
	ParamUpperAll               // ^^ upper-case every matching character
	ParamLowerFirst             // ,  lower-case the first character if it matches
	ParamLowerAll               // ,, lower-case every matching character
	ParamToggleFirst            // ~  toggle the case of the first character if it matches (bash, undocumented)
	ParamToggleAll              // ~~ toggle the case of every matching character
	ParamTransform              // @  ${x@Q} and the other one-letter transformations
	ParamNamesStar              // ${!prefix*}: the names of the variables starting with prefix
	ParamNamesAt                // ${!prefix@}: the same, as separate fields when quoted
)

var paramOpText = [...]string{"", "-", "=", "?", "+", "#", "##", "%", "%%", "/", "//", "/#", "/%", ":", "^", "^^", ",", ",,", "~", "~~", "@", "*", "@"}

func (op ParamOp) String() string { return paramOpText[op] }

// IsPattern reports whether the word after the operator is a pattern
// (# ## % %% / // /# /% ^ ^^ , ,, ~ ~~): its quoted parts match literally.
func (op ParamOp) IsPattern() bool {
	return op >= ParamTrimPrefix && op <= ParamReplaceSuffix || op >= ParamUpperFirst && op <= ParamToggleAll
}

// CmdSubst is command substitution: $(list) or `list`.
//
//	cmd_subst : '$(' list? ')' | '`' list? '`'
type CmdSubst struct {
	List      *List
	Backquote bool
	// src is the text of the list as written ($( ) without its parens,
	// `...` with its backslashes taken), line the line it starts on:
	// the shell parses it again when it runs, with the aliases of that
	// moment, as bash (Source). "" when the text is not all there (a
	// here-document's body follows the line).
	src  string
	line int
}

// Source is the text of the substitution's list as written and the line
// it starts on; "" when the parser did not keep it.
func (c *CmdSubst) Source() (string, int) { return c.src, c.line }

// ArithExp is arithmetic expansion $((expr)). Expr holds the expression
// text's parts (parameters and command substitutions inside it are expanded
// first, as inside double quotes); the result is then evaluated.
//
//	arith_exp : '$((' expr '))' | '$[' expr ']'
type ArithExp struct {
	Expr *Word
	Old  bool // written in bash's old (deprecated) form $[expr]
}

// ProcSubst is bash's process substitution: <(list) or >(list). The list
// runs asynchronously with its stdout (<) or stdin (>) on a pipe, and the
// word expands to /dev/fd/N, the other end of the pipe, which the command
// receives as its fd N. It is read only in unquoted words, where a word
// starts or continues (a<(x) is a/dev/fd/63), and in assignments.
//
//	proc_subst : '<(' list? ')' | '>(' list? ')'
type ProcSubst struct {
	List *List
	Out  bool // >(list): the list reads what the command writes
}

func (*Lit) wordPart()       {}
func (*Escaped) wordPart()   {}
func (*SglQuoted) wordPart() {}
func (*DblQuoted) wordPart() {}
func (*ParamExp) wordPart()  {}
func (*CmdSubst) wordPart()  {}
func (*ArithExp) wordPart()  {}
func (*ArrayLit) wordPart()  {}
func (*ProcSubst) wordPart() {}
