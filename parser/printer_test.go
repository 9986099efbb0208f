package parser

import "testing"

func TestStringCanonical(t *testing.T) {
	tests := []struct{ src, want string }{
		{"echo   hi", "echo hi"},
		{"a;b&c", "a; b & c"},
		{"a &", "a &"},
		{"a\n\nb &\nc", "a; b & c"},
		{"! a|b&&c||d", "! a | b && c || d"},
		{">out 2>>err cmd <in a", "cmd a >out 2>>err <in"},
		{"x=1  y=  cmd", "x=1 y= cmd"},
		{"cmd 2>&1 >&- &>f &>>g 3<>h >|i", "cmd 2>&1 >&- &>f &>>g 3<>h >|i"},
		{`echo 'a b' "c $d ${e} ${#f} ${g:-h i}" \j`, `echo 'a b' "c $d ${e} ${#f} ${g:-h i}" \j`},
		{"echo $(a;b) `c` $((1+$x))", "echo $(a; b) `c` $((1+$x))"},
		{"echo \"$(a\nb)\"", "echo \"$(a; b)\""},
		{"echo a\\\nb", "echo ab"},
		{"diff <(sort a)  <(sort b) >(tee c;cat) x<(y)z", "diff <(sort a) <(sort b) >(tee c; cat) x<(y)z"},
		{"cat < <(a)", "cat < <(a)"},
		{"echo ${x:-a b}", "echo ${x:-a b}"},
		{"echo $ a$ \"$\"", "echo $ a$ \"$\""},
		{"cat <<EOF\n$x\nEOF\necho", "cat <<EOF\n$x\nEOF\necho"},
		{"cat <<'E'\n$x\nE", "cat <<'E'\n$x\nE\n"},
		{"cat <<-EOF\n\tx\n\tEOF\n", "cat <<-EOF\nx\nEOF\n"},
		{"cat <<A | cat <<B; echo\na\nA\nb\nB\n", "cat <<A | cat <<B\na\nA\nb\nB\necho"},
		{"cat << -x\nbody\n-x\n", "cat << -x\nbody\n-x\n"},
		// Literal text that would read back differently is escaped.
		{"echo \"${x:-\\}}\"", "echo \"${x:-\\}}\""},
		{"echo ${a}b", "echo ${a}b"},
		{"echo $\\$x", "echo $\\$x"},
		{"echo $\\\nHO\\\nME", "echo $HOME"}, // continuations go first, as in bash
		{"echo $\\\n$x", "echo $$x"},
		{"echo ${x:-'\n'}", "echo ${x:-'\n'}"},
		{"echo ${x:-a\nb}", "echo ${x:-a\nb}"},
		{"echo `echo \\`a\\``", "echo `echo \\`a\\``"},
		{"echo `echo \\\\a`", "echo `echo \\\\a`"},
		{"> f \\!", "\\! >f"},
		{"echo '' \"\"", "echo '' \"\""},
		// A coproc without the default name before a simple command, where
		// it would read back as the command's name.
		{"coproc cat", "coproc cat"},
		{"coproc  X   {  cat ; }  >/dev/null  2>&1", "coproc X { cat; } >/dev/null 2>&1"},
		{"coproc Y (ls)", "coproc Y ( ls )"},
		{"coproc Z while true; do :; done", "coproc Z while true; do :; done"},
		{"! coproc c && time coproc d &", "! coproc c && time coproc d &"},
		{"coproc \\if x", "coproc \\if x"},
		{"coproc a\n{ :; }", "coproc a; { :; }"},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		got := String(f)
		if got != tt.want {
			t.Errorf("String(Parse(%q)) = %q, want %q", tt.src, got, tt.want)
			continue
		}
		f2, err := Parse(got)
		if err != nil {
			t.Errorf("Parse(String(Parse(%q))) = %v", tt.src, err)
			continue
		}
		if again := String(f2); again != got {
			t.Errorf("%q: printed %q, then %q", tt.src, got, again)
		}
	}
}

// Printing then parsing gives back the same tree, not just the same text.
func TestStringRoundTripTree(t *testing.T) {
	for _, src := range []string{
		"a=1 b=$(c) cmd -x 'y z' \"$w\" >o 2>&1 | d && ! e || f &",
		"echo ${x:-'a'\"b\"\\}} ${#y} ${10} $1 $@ \"$*\" $? $$ $!",
		"echo $((1 + (2 * $(n))))",
		"cat <<EOF; cat <<'Q'\n$x \\$y `z`\nEOF\n$raw\nQ\n",
		"echo `a | b` \"`c \\\"d\\\"`\"",
		"x=",
		"coproc cat >f; coproc X { cat; }; coproc a | b; coproc \\if x; coproc a '{'",
		"",
	} {
		f := mustParse(t, src)
		f2 := mustParse(t, String(f))
		if dump(f) != dump(f2) {
			t.Errorf("%q: tree changed after printing as %q:\n %s\n %s", src, String(f), dump(f), dump(f2))
		}
	}
}

func TestStringNodes(t *testing.T) {
	f := mustParse(t, "A=1 cmd arg >out && b | c &")
	it := f.List.Items[0]
	sc := it.AndOr.First.Cmds[0].(*SimpleCommand)
	tests := []struct {
		node any
		want string
	}{
		{f, "A=1 cmd arg >out && b | c &"},
		{f.List, "A=1 cmd arg >out && b | c &"},
		{it, "A=1 cmd arg >out && b | c &"},
		{it.AndOr, "A=1 cmd arg >out && b | c"},
		{it.AndOr.Rest[0].Pipeline, "b | c"},
		{Command(sc), "A=1 cmd arg >out"},
		{sc.Args[1], "arg"},
		{sc.Redirs[0], ">out"},
		{sc.Assigns[0], "A=1"},
		{(*File)(nil), ""},
		{(*List)(nil), ""},
		{(*ListItem)(nil), ""},
		{(*AndOr)(nil), ""},
		{(*Pipeline)(nil), ""},
		{Command((*SimpleCommand)(nil)), ""},
		{(*Word)(nil), ""},
		{(*Redirect)(nil), ""},
		{(*Assign)(nil), ""},
		{nil, ""},
		{42, ""},
	}
	for _, tt := range tests {
		if got := String(tt.node); got != tt.want {
			t.Errorf("String(%T) = %q, want %q", tt.node, got, tt.want)
		}
	}
	// A here-document redirection prints its body after the line.
	r := heredocs(mustParse(t, "cat <<EOF\nhi\nEOF\n"))[0]
	if got := String(r); got != "<<EOF\nhi\nEOF\n" {
		t.Errorf("String(heredoc redirect) = %q", got)
	}
}

// literalText concatenates the literal text of parts, or reports false if
// there is an expansion among them.
func literalText(parts []WordPart) (string, bool) {
	s := ""
	for _, part := range parts {
		switch x := part.(type) {
		case *Lit:
			s += x.Value
		case *Escaped:
			s += x.Value
		case *SglQuoted:
			s += x.Value
		case *DblQuoted:
			inner, ok := literalText(x.Parts)
			if !ok {
				return "", false
			}
			s += inner
		default:
			return "", false
		}
	}
	return s, true
}

// A tree built by hand may hold any literal text: the printer quotes it so
// that it reads back as the same text, in every context.
func TestStringQuotesLiterals(t *testing.T) {
	texts := []string{
		"plain", "a b", "tab\there", "new\nline", "|&;<>()", "'single'", `"double"`, `back\slash`,
		"`tick`", "$x", "${x}", "$(x)", "a$", "$", "#hash", "a#b", "}", "{x}", "~user", "*?[a]", "!",
	}
	wrap := map[string]func(lit WordPart) *Word{
		"word":   func(l WordPart) *Word { return &Word{Parts: []WordPart{l}} },
		"dquote": func(l WordPart) *Word { return &Word{Parts: []WordPart{&DblQuoted{Parts: []WordPart{l}}}} },
		"param arg": func(l WordPart) *Word {
			return &Word{Parts: []WordPart{&ParamExp{Name: "x", Op: ParamDefault, Braced: true, Arg: &Word{Parts: []WordPart{l}}}}}
		},
		"param arg in dquote": func(l WordPart) *Word {
			pe := &ParamExp{Name: "x", Op: ParamDefault, Braced: true, Arg: &Word{Parts: []WordPart{l}}}
			return &Word{Parts: []WordPart{&DblQuoted{Parts: []WordPart{pe}}}}
		},
	}
	// unwrap returns the literal parts inside what wrap built.
	unwrap := func(ctx string, w *Word) []WordPart {
		switch ctx {
		case "param arg":
			return w.Parts[0].(*ParamExp).Arg.Parts
		case "param arg in dquote":
			return w.Parts[0].(*DblQuoted).Parts[0].(*ParamExp).Arg.Parts
		}
		return w.Parts
	}
	for ctx, build := range wrap {
		for _, text := range texts {
			w := build(&Lit{Value: text})
			cmd := &SimpleCommand{Args: []*Word{{Parts: []WordPart{&Lit{Value: "echo"}}}, w}}
			src := String(Command(cmd))
			f, err := Parse(src)
			if err != nil {
				t.Errorf("%s %q: printed as %q: %v", ctx, text, src, err)
				continue
			}
			c := firstCmd(t, f)
			if len(c.Args) != 2 {
				t.Errorf("%s %q: printed as %q, read back as %d words", ctx, text, src, len(c.Args))
				continue
			}
			got, ok := literalText(unwrap(ctx, c.Args[1]))
			if !ok || got != text {
				t.Errorf("%s %q: printed as %q, read back as %s", ctx, text, src, dump(c.Args[1]))
			}
		}
	}
}
