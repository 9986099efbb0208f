package shell

import (
	"strings"

	"gosh/parser"
)

// keywordAssigns is set -k (keyword), as in bash: after the command name,
// a word that is written as an assignment (NAME=value or NAME+=value, the
// name unquoted) is one for the command, as if it stood before the name,
// and is no argument: "set -k; env a=1" runs env with a=1 in its
// environment. It returns the arguments left and the assignments, those
// before the name first.
func keywordAssigns(args []*parser.Word, assigns []*parser.Assign) ([]*parser.Word, []*parser.Assign) {
	var kept []*parser.Word
	var extra []*parser.Assign
	for i, w := range args {
		a := keywordAssign(w)
		if i == 0 || a == nil {
			if kept != nil || a != nil {
				kept = append(kept, w)
			}
			continue
		}
		if kept == nil {
			kept = append([]*parser.Word(nil), args[:i]...)
		}
		extra = append(extra, a)
	}
	if extra == nil {
		return args, assigns
	}
	return kept, append(append([]*parser.Assign(nil), assigns...), extra...)
}

// keywordAssign is the assignment a word is written as, or nil.
func keywordAssign(w *parser.Word) *parser.Assign {
	lit, name, rest, ok := leadingAssign(w) // exec.go
	if !ok {
		return nil
	}
	appendOp := strings.HasSuffix(name, "+")
	name = strings.TrimSuffix(name, "+")
	if !parser.IsName(name) {
		return nil
	}
	value := &parser.Word{Pos: w.Pos, Parts: w.Parts[1:]}
	if rest != "" {
		value.Parts = append([]parser.WordPart{&parser.Lit{Value: rest, Ext: lit.Ext}}, w.Parts[1:]...)
	}
	return &parser.Assign{Name: name, Append: appendOp, Value: value, Pos: w.Pos}
}
