package shell

import (
	"errors"
	"strconv"
	"strings"

	"gosh/parser"
)

// Syntax errors are reported in bash's words and places:
//
//	gosh: -c: line 1: syntax error near unexpected token `fi'
//	gosh: -c: line 1: `if true; then echo; fi fi'
//
// A script's messages start with its name ("s.sh: line 3: ...", or
// "gosh: ~/.goshrc: line 3: " in an interactive shell), standard input's
// with "gosh: line 3: ", -c text's with "gosh: -c: line 3: " (the name is
// $0: "nm: -c: line 3: " for gosh -c TEXT nm), eval's with "s.sh: eval:
// line 3: " (the name a message about the eval would have), and at a
// prompt there is no line number. A token the grammar does not allow is
// followed by the line it is on, except at a prompt, where the user has
// just typed it. The error at the end of the input ("syntax error:
// unexpected end of file", an unclosed $( )) names the line after the
// last, as bash counts it.

// inputLines remembers the last lines read by runLines, for the line a
// syntax error shows, and counts them.
type inputLines struct {
	next  lineFunc
	count int
	ring  [8]string // line n is ring[n%8] while n > count-8
}

func (in *inputLines) read(more bool) (string, error) {
	line, err := in.next(more)
	if line != "" || err == nil {
		in.count++
		in.ring[in.count%len(in.ring)] = line
	}
	return line, err
}

// text is line n without its newline, "" when it is no longer kept.
func (in *inputLines) text(n int) string {
	if n < 1 || n > in.count || n <= in.count-len(in.ring) {
		return ""
	}
	return strings.TrimSuffix(in.ring[n%len(in.ring)], "\n")
}

// lineTag is the line part of a syntax error's prefix: ": line 3: ", or
// with shopt -s gnu_errfmt ":3: ", as bash's parser_error.
func (sh *Shell) lineTag(n string) string {
	if sh.Opts.Shopt.GnuErrfmt {
		return ":" + n + ": "
	}
	return ": line " + n + ": "
}

// syntaxPrefix is what a syntax error's lines start with for the input
// being read: name for a file (a script, a . file, a start-up file), -c
// text or standard input with the line number, nothing more than "gosh: "
// at a prompt.
func (sh *Shell) syntaxPrefix(name string, line int) string {
	n := strconv.Itoa(line)
	switch {
	case name != "" && sh.Opts.Interactive:
		return "gosh: " + name + sh.lineTag(n) // a start-up file, a . file
	case name != "":
		return name + sh.lineTag(n)
	case sh.Opts.Interactive:
		return "gosh: "
	case sh.source == sourceCommand:
		return sh.messageName() + ": -c" + sh.lineTag(n)
	}
	return sh.messageName() + sh.lineTag(n)
}

// reportSyntaxError prints a syntax error of the input runLines reads and
// sets the status: 2, or 1 in an array assignment's list.
func (sh *Shell) reportSyntaxError(se *parser.SyntaxError, name string, in *inputLines) {
	line := se.Pos.Line
	if se.AtEOF {
		line = in.count + 1
	}
	prefix := sh.syntaxPrefix(name, line)
	msg := prefix + se.Msg + "\n"
	if isUnexpectedToken(se) && !(sh.Opts.Interactive && name == "") {
		msg += sh.syntaxPrefix(name, se.Pos.Line) + "`" + in.text(se.Pos.Line) + "'\n"
	}
	sh.Stderr().Write([]byte(msg))
	sh.Status = se.Status() // 2, or 1 in an array's list (bash)
}

// isUnexpectedToken reports whether the error is a token out of place,
// which bash follows with the line it is on.
func isUnexpectedToken(se *parser.SyntaxError) bool {
	return strings.HasPrefix(se.Msg, "syntax error near unexpected token")
}

// syntaxError reports a syntax error in text the shell was given to run,
// as bash: "s.sh: eval: line 3: syntax error near unexpected token `fi'",
// then the line it is on. what says who gave it ("eval", "exit trap",
// "trap"); src's first line is line first of the error's positions, and
// line base of the messages. Status 2.
func (sh *Shell) syntaxError(err error, what, src string, first, base int) {
	var se *parser.SyntaxError
	if !errors.As(err, &se) {
		sh.errorf("%s", err)
		sh.Status = 2
		return
	}
	i := se.Pos.Line - max(first, 1) // the line's index in src
	if se.AtEOF {
		// The line after the last, as runLines counts it.
		i = strings.Count(src, "\n")
		if !strings.HasSuffix(src, "\n") {
			i++
		}
	}
	prefix := sh.ErrorName() + what + sh.lineTag(strconv.Itoa(max(base, 1)+i))
	msg := prefix + se.Msg + "\n"
	if isUnexpectedToken(se) {
		lines := strings.Split(src, "\n")
		text := ""
		if i >= 0 && i < len(lines) {
			text = lines[i]
		}
		msg += prefix + "`" + text + "'\n"
	}
	sh.Stderr().Write([]byte(msg))
	sh.Status = se.Status()
}
