package shell

import (
	"strconv"
	"strings"

	"gosh/parser"
)

// This file is the executor's shortcut through word expansion for the
// words a loop body is made of: "[", "$i", "-lt", "100000", "$((i + 1))".
// Each of them expands to exactly one field that the general machinery
// (expand.go: chunks, field splitting, pathname expansion, quote removal)
// would give unchanged, so quickWord computes that field directly, with no
// allocation beyond the value itself. Any word it is not sure about goes
// through the general path, which stays the definition.

// quickWord expands w to its one field when that needs none of the
// general steps, and reports whether it could. With split, the word is an
// argument (field splitting and pathname expansion would apply); without,
// it is an assignment value or an operand that is never split. An
// arithmetic error is returned as it is: the expression has run (it may
// have assigned), so it must not run again on the general path.
func (sh *Shell) quickWord(w *parser.Word, split bool) (string, bool, error) {
	if w == nil || len(w.Parts) != 1 {
		return "", false, nil
	}
	s, ok, err := sh.quickPart(w.Parts[0], split)
	if err != nil {
		return "", true, err
	}
	return s, ok, nil
}

func (sh *Shell) quickPart(part parser.WordPart, split bool) (string, bool, error) {
	switch p := part.(type) {
	case *parser.Lit:
		// No pattern characters, no tilde, no backslash, no brace or
		// parenthesis (brace expansion, extglob): the text itself.
		if !plainLiteral(p.Value) {
			return "", false, nil
		}
		return p.Value, true, nil
	case *parser.SglQuoted:
		return p.Value, true, nil
	case *parser.ParamExp:
		v, ok := sh.quickParam(p)
		if !ok || (split && !sh.singleField(v)) {
			return "", false, nil
		}
		return v, true, nil
	case *parser.ArithExp:
		if split && !sh.ifsSparesNumbers() {
			// A number could be split: leave it to the general path,
			// before evaluating anything.
			return "", false, nil
		}
		return sh.quickArith(p)
	case *parser.DblQuoted:
		if len(p.Parts) != 1 {
			return "", false, nil
		}
		switch q := p.Parts[0].(type) {
		case *parser.Lit:
			return q.Value, true, nil
		case *parser.ParamExp:
			v, ok := sh.quickParam(q)
			return v, ok, nil
		case *parser.ArithExp:
			return sh.quickArith(q)
		}
	}
	return "", false, nil
}

// plainLiteral reports whether unquoted literal text stays as it is: no
// pattern character, no tilde, no backslash, no brace or parenthesis
// (brace expansion, extglob), and no bracket expression (a lone "[" is
// one character). One pass over the bytes: every word of a loop body
// comes here at every pass.
func plainLiteral(s string) bool {
	open := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '?', '~', '\\', '{', '(':
			return false
		case '[':
			open = true
		case ']':
			if open {
				return false
			}
		}
	}
	return true
}

// quickParam is the value of a plain $NAME, ${NAME} or $N that is set (an
// unset one may be an error under set -u: the general path decides).
func (sh *Shell) quickParam(p *parser.ParamExp) (string, bool) {
	if p.Op != parser.ParamNone || p.Length || p.Arg != nil || !plainParamExp(p) {
		return "", false
	}
	name := p.Name
	if name == "" {
		return "", false
	}
	if c := name[0]; c >= '1' && c <= '9' && len(name) == 1 {
		n := int(c - '0')
		if n > len(sh.Params) {
			return "", false
		}
		return sh.Params[n-1], true
	}
	if !parser.IsName(name) {
		return "", false
	}
	return sh.getVar(name) // $RANDOM, $LINENO ... are computed
}

// plainParamExp reports whether p is a plain parameter expansion with no
// operator the general path knows and this one does not: the expansion
// helper may add fields to ParamExp; any of them set sends the word there.
func plainParamExp(p *parser.ParamExp) bool {
	q := *p
	q.Name, q.Braced = "", false
	return q == parser.ParamExp{}
}

// singleField reports whether an unquoted value stays one field, unchanged:
// not empty, no IFS character to split on, no pattern character.
func (sh *Shell) singleField(v string) bool {
	if v == "" {
		return false
	}
	ifs, set := sh.ifsVar()
	if !set {
		ifs = " \t\n"
	}
	if ifs == " \t\n" {
		// The usual IFS: one pass, no set of characters to build.
		for i := 0; i < len(v); i++ {
			switch v[i] {
			case '*', '?', '[', ' ', '\t', '\n':
				return false
			}
		}
		return true
	}
	return !strings.ContainsAny(v, "*?[") && !strings.ContainsAny(v, ifs)
}

// ifsSparesNumbers reports whether IFS has no digit and no '-', so that
// an arithmetic result, unquoted, is one field.
func (sh *Shell) ifsSparesNumbers() bool {
	x, ok := sh.ifsVar()
	return !ok || !strings.ContainsAny(x, "-0123456789")
}

// quickArith evaluates $((expr)) whose expression is literal text.
func (sh *Shell) quickArith(p *parser.ArithExp) (string, bool, error) {
	if p.Expr == nil || len(p.Expr.Parts) != 1 {
		return "", false, nil
	}
	lit, ok := p.Expr.Parts[0].(*parser.Lit)
	if !ok {
		return "", false, nil
	}
	n, err := sh.evalArith(lit.Value)
	if err != nil {
		return "", true, err
	}
	return strconv.FormatInt(n, 10), true, nil
}

// expandWords expands a command's words into argv, appended to dst (a
// new slice when dst is nil): each word through quickWord when it can,
// else through the general path.
func (sh *Shell) expandWords(dst []string, words []*parser.Word) ([]string, error) {
	argv := dst
	if argv == nil {
		argv = make([]string, 0, len(words))
	}
	for i, w := range words {
		if s, ok, err := sh.quickWord(w, true); err != nil {
			return nil, err
		} else if ok {
			argv = append(argv, s)
			continue
		}
		fields, err := sh.expandFields(words[i : i+1])
		if err != nil {
			return nil, err
		}
		argv = append(argv, fields...)
	}
	return argv, nil
}

// expandAssignmentQuick expands a plain NAME=value through quickWord when
// it can, else through expandAssignment (arrays, +=, the general path).
func (sh *Shell) expandAssignmentQuick(a *parser.Assign) (assignment, error) {
	if a.Array == nil && a.Index == nil && !a.Append {
		if s, ok, err := sh.quickWord(a.Value, false); ok || err != nil {
			return assignment{name: a.Name, value: s}, err
		}
	}
	return sh.expandAssignment(a)
}
