package parser

// This file holds gosh's abstract syntax tree. It is deliberately small, in
// the spirit of xv6's sh.c: a handful of node types, each documented with
// the grammar rule that produces it. The grammar is a subset of the POSIX
// shell grammar (XCU 2.10); compound commands (subshells, groups,
// if/while/for/case, functions) slot in as further Command types.

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
// joined by pipes. Bang ('!') inverts the pipeline's exit status.
//
//	pipeline : '!'? command ('|' linebreak command)*
type Pipeline struct {
	Bang bool
	Cmds []Command
	Pos  Pos
	End  int // byte offset just past the last command
}

// Command is one stage of a pipeline. Today it is always a *SimpleCommand;
// compound commands (Subshell, Group, If, While, For, Case, FuncDecl) will
// implement it too.
//
//	command : simple_command | compound_command redirect* | function_def
type Command interface {
	Position() Pos
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
}

func (c *SimpleCommand) Position() Pos { return c.Pos }
func (*SimpleCommand) commandNode()    {}

// Assign is NAME=value.
//
//	assignment : NAME '=' word?
type Assign struct {
	Name  string
	Value *Word // never nil; an empty Word for NAME=
	Pos   Pos
}

// Redirect changes a file descriptor of the command it belongs to.
//
//	redirect : IO_NUMBER? ('<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&') word
//	         | ('&>' | '&>>') word
//	         | IO_NUMBER? ('<<' | '<<-') here_end
//
// Fd is the descriptor being redirected, or -1 when it was not written
// (then 0 for input operators and 1 for output operators). For '<<' and
// '<<-', Target holds the delimiter word and Heredoc the body.
type Redirect struct {
	Fd      int
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
)

var redirOpText = [...]string{"<", ">", ">>", ">|", "<>", "<&", ">&", "&>", "&>>", "<<", "<<-"}

func (op RedirOp) String() string { return redirOpText[op] }

// DefaultFd is the descriptor an operator applies to when none is written.
func (op RedirOp) DefaultFd() int {
	switch op {
	case RedirIn, RedirReadWrite, RedirDupIn, RedirHeredoc, RedirHeredocTab:
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
//	word : (Lit | Escaped | SglQuoted | DblQuoted | ParamExp | CmdSubst | ArithExp)+
type Word struct {
	Parts []WordPart
	Pos   Pos
}

// WordPart is one piece of a Word.
type WordPart interface {
	wordPart()
}

// Lit is unquoted literal text. It is subject to tilde expansion (at the
// start of a word) and pathname expansion, but never to field splitting.
type Lit struct {
	Value string
}

// Escaped is a character quoted by a backslash, backslash removed: \* is
// Escaped{"*"}. It is literal text that no expansion touches.
type Escaped struct {
	Value string
}

// SglQuoted is '...': literal text, nothing expanded.
type SglQuoted struct {
	Value string
}

// DblQuoted is "...": its parts are expanded but not field split or globbed.
// Only Lit, Escaped, ParamExp, CmdSubst and ArithExp appear inside.
type DblQuoted struct {
	Parts []WordPart
}

// ParamExp is a parameter expansion: $NAME, ${NAME}, ${NAME op word},
// ${#NAME}, or a special parameter ($? $$ $! $# $0..$9 $@ $* $-).
//
//	param_exp : '$' (NAME | DIGIT | special)
//	          | '${' '#'? name '}'
//	          | '${' name ':'? ('-' | '=' | '?' | '+') word? '}'
type ParamExp struct {
	Name   string
	Length bool    // ${#NAME}
	Op     ParamOp // ParamNone for plain $NAME and ${NAME}
	Colon  bool    // ':' before Op: also treat an empty value as unset
	Arg    *Word   // the word after Op; nil when there is none
	Braced bool    // written with braces
}

// ParamOp is the operator inside ${NAME op word}.
type ParamOp int

const (
	ParamNone    ParamOp = iota
	ParamDefault         // -  use word if unset
	ParamAssign          // =  assign word if unset
	ParamError           // ?  fail with word if unset
	ParamAlt             // +  use word if set
)

var paramOpText = [...]string{"", "-", "=", "?", "+"}

func (op ParamOp) String() string { return paramOpText[op] }

// CmdSubst is command substitution: $(list) or `list`.
//
//	cmd_subst : '$(' list? ')' | '`' list? '`'
type CmdSubst struct {
	List      *List
	Backquote bool
}

// ArithExp is arithmetic expansion $((expr)). Expr holds the expression
// text's parts (parameters and command substitutions inside it are expanded
// first, as inside double quotes); the result is then evaluated.
//
//	arith_exp : '$((' expr '))'
type ArithExp struct {
	Expr *Word
}

func (*Lit) wordPart()       {}
func (*Escaped) wordPart()   {}
func (*SglQuoted) wordPart() {}
func (*DblQuoted) wordPart() {}
func (*ParamExp) wordPart()  {}
func (*CmdSubst) wordPart()  {}
func (*ArithExp) wordPart()  {}
