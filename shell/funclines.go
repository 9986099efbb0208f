package shell

import "gosh/parser"

// typedFunc is the definition fd as an interactive shell keeps it when it
// was typed at the prompt: bash counts $LINENO in such a function from 1 at
// the line of "f() {", where a function read from a file or from eval
// counts the lines of its text. The definition is printed with its
// commands on their lines (parser.StringAt) and parsed again from line 1.
// fd itself when it was not typed (a . file, a definition on line 1 of
// its text) or cannot be read back.
func (sh *Shell) typedFunc(fd *parser.FuncDecl) *parser.FuncDecl {
	if !sh.Opts.Interactive || sh.source != sourcePrompt || sh.flow.sourceDepth > 0 || fd.Pos.Line <= 1 {
		return fd
	}
	d, err := parseFunctionAt(parser.StringAt(fd, fd.Pos.Line), 1)
	if err != nil {
		return fd
	}
	return d
}
