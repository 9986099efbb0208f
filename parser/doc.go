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
// $((...)) arithmetic, and the (...) list of an array assignment NAME=(...). For $(...) it starts a nested parser on the same
// text, which stops at the closing ')'. The lexer also reads here-document
// bodies: after the newline that ends a line containing '<<', it reads one
// body per pending here-document, in order.
//
// The parser (parser.go) is a recursive-descent parser in the style of
// xv6's sh.c: one function per grammar rule (list, andOr, pipeline,
// command, simpleCommand, redirect), each documented with its rule. It
// looks one token ahead. ast.go documents every node with the rule that
// produces it.
//
// # Errors
//
// Every error is a *SyntaxError carrying the line and column of the
// offending token and a bash-like message ("syntax error near unexpected
// token '|'"). When the input merely stopped too early - an open quote, a
// trailing '|' or '&&', an unterminated here-document - the error is marked
// Incomplete. An interactive shell checks IsIncomplete to print its PS2
// prompt ("> "), read another line, and parse the longer text again.
//
// # Other services
//
// ParseConfig expands aliases while parsing, as bash does: aliases are
// replaced before the grammar sees the words. String prints any node back
// as canonical source text (printer.go), and CompletionAt tells the line
// editor what kind of word the cursor is in (complete.go).
package parser
