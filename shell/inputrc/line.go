package inputrc

import (
	"errors"
	"fmt"
	"strings"
)

// Kind says what a line of an init file is.
type Kind int

const (
	Blank     Kind = iota // empty, or a comment
	Function              // "KEY": function-name
	Macro                 // "KEY": "text"
	Set                   // set variable value
	Directive             // $if, $else, $endif, $include
)

// Line is one line of an init file, or one argument of bind.
type Line struct {
	Kind  Kind
	Keys  string // Function, Macro: the bytes of the key sequence
	Func  string // Function: the function's name
	Text  string // Macro: the text it types
	Name  string // Set: the variable; Directive: if, else, endif, include
	Value string // Set: the value; Directive: the rest of the line
}

// ParseLine reads one line in readline's init-file syntax. The error
// says what is wrong in readline's words ("no key sequence terminator").
func ParseLine(s string) (Line, error) {
	s = strings.TrimLeft(s, " \t")
	if s == "" || s[0] == '#' {
		return Line{Kind: Blank}, nil
	}
	if s[0] == '$' {
		name, arg, _ := strings.Cut(strings.TrimRight(s[1:], " \t\r"), " ")
		if name == "" {
			name, arg, _ = strings.Cut(strings.TrimRight(s[1:], " \t\r"), "\t")
		}
		return Line{Kind: Directive, Name: name, Value: strings.TrimSpace(arg)}, nil
	}
	if len(s) > 4 && strings.EqualFold(s[:3], "set") && (s[3] == ' ' || s[3] == '\t') {
		rest := strings.TrimSpace(s[4:])
		name, value, _ := strings.Cut(rest, " ")
		if i := strings.IndexByte(name, '\t'); i >= 0 {
			name, value = name[:i], name[i+1:]+" "+value
		}
		return Line{Kind: Set, Name: name, Value: strings.TrimSpace(value)}, nil
	}
	keys, rest, err := splitKey(s)
	if err != nil {
		return Line{}, err
	}
	rest = strings.TrimLeft(rest, " \t")
	if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
		end := closingQuote(rest)
		if end < 0 {
			return Line{}, fmt.Errorf("%s: no closing `%c' in macro", s, rest[0])
		}
		text, err := UnescapeMacro(rest[1:end])
		if err != nil {
			return Line{}, err
		}
		return Line{Kind: Macro, Keys: keys, Text: text}, nil
	}
	name, _, _ := strings.Cut(strings.TrimRight(rest, " \t\r"), " ")
	name, _, _ = strings.Cut(name, "\t")
	return Line{Kind: Function, Keys: keys, Func: name}, nil
}

// splitKey reads the key of a binding, quoted or named, and its colon; it
// returns the keys and what follows the colon.
func splitKey(s string) (keys, rest string, err error) {
	if s[0] == '"' {
		end := closingQuote(s)
		if end < 0 {
			return "", "", fmt.Errorf("%s: no closing `\"' in key binding", s)
		}
		after := strings.TrimLeft(s[end+1:], " \t")
		if !strings.HasPrefix(after, ":") {
			return "", "", fmt.Errorf("%s: no key sequence terminator", strings.TrimRight(s, " \t\r"))
		}
		keys, err := ParseKeyseq(s[:end+1])
		if err != nil {
			return "", "", fmt.Errorf("%s: %v", s[:end+1], err)
		}
		return keys, after[1:], nil
	}
	name, rest, found := strings.Cut(s, ":")
	if !found || strings.ContainsAny(strings.TrimSpace(name), " \t") {
		return "", "", fmt.Errorf("%s: no key sequence terminator", strings.TrimRight(s, " \t\r"))
	}
	keys, err = ParseKeyname(strings.TrimSpace(name))
	return keys, rest, err
}

// closingQuote is the index of the quote that closes the one s starts
// with (a backslash escapes a quote), or -1.
func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case s[0]:
			return i
		}
	}
	return -1
}

// ParseCommand reads bind -x's argument, "KEY": shell-command, as bash
// does: the key sequence in double quotes, a colon, and the command,
// which may be in single or double quotes.
func ParseCommand(s string) (keys, command string, err error) {
	s = strings.TrimLeft(s, " \t")
	if s == "" || s[0] != '"' {
		return "", "", fmt.Errorf("%s: first non-whitespace character is not `\"'", s)
	}
	end := closingQuote(s)
	if end < 0 {
		return "", "", fmt.Errorf("%s: no closing `\"' in key binding", s)
	}
	after := strings.TrimLeft(s[end+1:], " \t")
	if !strings.HasPrefix(after, ":") {
		return "", "", fmt.Errorf("%s: missing colon separator", s[:end+1])
	}
	if keys, err = ParseKeyseq(s[:end+1]); err != nil {
		return "", "", fmt.Errorf("%s: %v", s[:end+1], err)
	}
	command = strings.TrimLeft(after[1:], " \t")
	if n := len(command); n >= 2 && (command[0] == '"' || command[0] == '\'') && command[n-1] == command[0] {
		command = command[1 : n-1]
	}
	if command == "" {
		return "", "", errors.New("no command")
	}
	return keys, command, nil
}
