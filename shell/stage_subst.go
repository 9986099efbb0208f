package shell

import "gosh/parser"

// substInWords reports whether expanding sc's words, assignments or
// redirection targets runs a command substitution. In a pipeline, such a
// stage after the first expands in the stage itself, with its stdin on the
// pipe, as a forked bash stage does: in "echo x | echo $(cat)" the cat
// reads x, not the shell's own stdin.
func substInWords(sc *parser.SimpleCommand) bool {
	for _, a := range sc.Assigns {
		if a.Index != nil && substInParts(a.Index.Parts) || a.Value != nil && substInParts(a.Value.Parts) {
			return true
		}
		if a.Array != nil {
			for _, w := range a.Array.Elems {
				if substInParts(w.Parts) {
					return true
				}
			}
		}
	}
	for _, w := range sc.Args {
		if substInParts(w.Parts) {
			return true
		}
	}
	for _, r := range sc.Redirs {
		if r.Target != nil && substInParts(r.Target.Parts) {
			return true
		}
		if r.Heredoc != nil && !r.Heredoc.Quoted && r.Heredoc.Body != nil && substInParts(r.Heredoc.Body.Parts) {
			return true
		}
	}
	return false
}

// substInParts is substInWords for the parts of one word.
func substInParts(parts []parser.WordPart) bool {
	for _, part := range parts {
		switch p := part.(type) {
		case *parser.CmdSubst:
			return true
		case *parser.DblQuoted:
			if substInParts(p.Parts) {
				return true
			}
		case *parser.ArithExp:
			if p.Expr != nil && substInParts(p.Expr.Parts) {
				return true
			}
		case *parser.ParamExp:
			for _, w := range []*parser.Word{p.Index, p.Arg, p.Repl} {
				if w != nil && substInParts(w.Parts) {
					return true
				}
			}
		}
	}
	return false
}
