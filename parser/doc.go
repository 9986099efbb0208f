// Package parser turns shell source text into a syntax tree. It owns the
// shell's grammar and nothing else: it never prints, never reads files and
// never runs anything.
//
// # Pipeline of the package
//
//	source text --lexer--> tokens --parser--> AST (File, List, AndOr, Pipeline, ...)
//
// The lexer (lexer.go) cuts the text into tokens: operators such as '|',
// '&&', ';' and the redirection operators, newlines, and words. Quoting
// decides where a word ends, so the lexer also parses each word into its
// parts: literal text, '...', $'...' and "..." quotes, backslash escapes,
// $NAME and ${NAME...} parameter expansions with all of bash's operators
// and array subscripts (param.go), $(...) and `...` command substitutions,
// $((...)) arithmetic (and bash's old form $[...], ArithExp.Old), <(...)
// and >(...) process substitutions, the (...) list of an array
// assignment NAME=(...), and with extglob (Config.Extglob, and always after
// == != = in [[ ]]) extended patterns such as @(a|b c), whose parentheses,
// '|'s and blanks belong to the word. For $(...) it starts a nested parser on the same
// text, which stops at the closing ')'. The lexer also reads here-document
// bodies: after the newline that ends a line containing '<<', it reads one
// body per pending here-document, in order.
//
// The parser (parser.go) is a recursive-descent parser in the style of
// xv6's sh.c: one function per grammar rule (list, andOr, pipeline,
// command, simpleCommand, redirect; in compound.go subshell, braceGroup,
// ifClause, whileClause, forClause, selectClause, arithFor, caseClause,
// caseItem, functionDef, arithCommand, condCommand, coproc and the cond_*
// rules of [[ ]]), each documented with its rule. It looks one token ahead,
// except after "coproc", where the token after the next word says whether
// that word is the coprocess's NAME (before a compound command) or a
// command's first word, as in bash. Reserved words
// (if, then, fi, {, }, ...) are words that the parser recognises only at
// the start of a command, unquoted, after aliases have been expanded;
// "echo if" is a plain word. bash's "time" is one too, at the start of a
// pipeline only (timeOpt; Pipeline.Time). ast.go documents every node
// with the rule that produces it.
//
// # Reading a line at a time
//
// Parse takes a whole text. A Reader (reader.go) instead pulls lines from a
// LineSource when the lexer runs out of text, and Next returns one
// complete command at a time without reading the line after it, so the
// shell runs each command before the next is parsed. The source is told
// whether the line continues a command (the prompt then shows PS2). Each
// line is lexed once: a 100,000-line here-document costs what its length
// costs.
//
// # Errors
//
// Every error is a *SyntaxError carrying the line and column of the
// offending token and bash's message ("syntax error near unexpected token
// `|'", "unexpected EOF while looking for matching `\"'"). When the input merely stopped too early - an open quote, a
// trailing '|' or '&&', an unterminated here-document, an if without its
// fi - the error is marked Incomplete. A Reader's lexer asks its
// LineSource for more first, so from a Reader an Incomplete error means
// that the input ended inside a command.
//
// # Other services
//
// ParseConfig expands aliases while parsing, as bash does: aliases are
// replaced before the grammar sees the words. String prints any node back
// as canonical source text on one line (printer.go), and StringAt with each
// command on its source line, for text parsed again with its line numbers
// (printer_lines.go: a child gosh's body, a snapshot's functions);
// FuncLayout prints a
// function definition over several lines as bash's type and declare -f
// do, and FuncEnvValue as bash passes an exported function to programs
// (printer_layout.go). CompletionAt tells the line editor what kind of
// word the cursor is in (complete.go). List.FileSubstRedirect finds bash's
// $(< file) among command substitutions (filesubst.go), for the shell and
// explain.
package parser
