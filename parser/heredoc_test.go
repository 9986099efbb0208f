package parser

import "testing"

// heredocs returns the here-document redirections of a program, in order.
func heredocs(f *File) []*Redirect {
	var out []*Redirect
	for _, it := range f.List.Items {
		pls := []*Pipeline{it.AndOr.First}
		for _, r := range it.AndOr.Rest {
			pls = append(pls, r.Pipeline)
		}
		for _, pl := range pls {
			for _, c := range pl.Cmds {
				for _, r := range c.(*SimpleCommand).Redirs {
					if r.Heredoc != nil {
						out = append(out, r)
					}
				}
			}
		}
	}
	return out
}

func TestHeredocs(t *testing.T) {
	type doc struct {
		delim  string
		quoted bool
		body   string // dump of the body's parts
	}
	tests := []struct {
		name  string
		src   string
		docs  []doc
		items int // list items, to check what follows the body is parsed
	}{
		{"plain", "cat <<EOF\nhello\nworld\nEOF\n", []doc{{"EOF", false, `[Lit{Value: "hello\nworld\n"}]`}}, 1},
		{"blank before delimiter", "cat << EOF\nhi\nEOF", []doc{{"EOF", false, `[Lit{Value: "hi\n"}]`}}, 1},
		{"delimiter at EOF", "cat <<EOF\nhi\nEOF", []doc{{"EOF", false, `[Lit{Value: "hi\n"}]`}}, 1},
		{"empty body", "cat <<EOF\nEOF\necho after", []doc{{"EOF", false, `[]`}}, 2},
		{"expansions", "cat <<EOF\n$x ${y:-\"d\"} $(id -u) `id` $((1+2))\nEOF\n",
			[]doc{{"EOF", false, `[ParamExp{Name: "x"} Lit{Value: " "} ParamExp{Name: "y", Op: -, Colon: true, Arg: Word{Parts: [DblQuoted{Parts: [Lit{Value: "d"}]}]}, Braced: true} Lit{Value: " "} CmdSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "id"}]} Word{Parts: [Lit{Value: "-u"}]}]}]}}}]}} Lit{Value: " "} CmdSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "id"}]}]}]}}}]}, Backquote: true} Lit{Value: " "} ArithExp{Expr: Word{Parts: [Lit{Value: "1+2"}]}} Lit{Value: "\n"}]`}}, 1},
		{"backslashes", "cat <<EOF\n\\$x \\\\ \\\" \\a 'q' \"d\"\nab\\\ncd\nEOF\n",
			[]doc{{"EOF", false, `[Escaped{Value: "$"} Lit{Value: "x "} Escaped{Value: "\\"} Lit{Value: " \\\" \\a 'q' \"d\"\nabcd\n"}]`}}, 1},
		{"lone dollar", "cat <<EOF\ncost: 5$\nEOF\n", []doc{{"EOF", false, `[Lit{Value: "cost: 5$\n"}]`}}, 1},
		{"single-quoted delimiter", "cat <<'EOF'\n$x `y` \\$z\nEOF\n", []doc{{"EOF", true, `[Lit{Value: "$x ` + "`y`" + ` \\$z\n"}]`}}, 1},
		{"double-quoted delimiter", "cat <<\"EOF\"\n$x\nEOF\n", []doc{{"EOF", true, `[Lit{Value: "$x\n"}]`}}, 1},
		{"backslash in delimiter", "cat <<\\EOF\n$x\nEOF\n", []doc{{"EOF", true, `[Lit{Value: "$x\n"}]`}}, 1},
		{"partly quoted delimiter", "cat <<E'O'F\n$x\nEOF\n", []doc{{"EOF", true, `[Lit{Value: "$x\n"}]`}}, 1},
		{"dollar in delimiter", "cat <<$x\nbody\n$x\n", []doc{{"$x", false, `[Lit{Value: "body\n"}]`}}, 1},
		{"strip tabs", "cat <<-EOF\n\t\tone\n\ttwo\n  three\n\tEOF\n", []doc{{"EOF", false, `[Lit{Value: "one\ntwo\n  three\n"}]`}}, 1},
		{"strip tabs from a later line", "cat <<-EOF\none\n\ttwo\nthree\\\n\tEOF\n\tEOF\n", []doc{{"EOF", false, `[Lit{Value: "one\ntwo\nthreeEOF\n"}]`}}, 1},
		{"delimiter after joined lines", "cat <<EOF\na\nE\\\nOF\nEOF\n", []doc{{"EOF", false, `[Lit{Value: "a\n"}]`}}, 2},
		{"strip tabs quoted", "cat <<-'EOF'\n\t$x\n\t\tEOF\n", []doc{{"EOF", true, `[Lit{Value: "$x\n"}]`}}, 1},
		{"no strip without dash", "cat <<EOF\n\tone\n\tEOF\nEOF\n", []doc{{"EOF", false, `[Lit{Value: "\tone\n\tEOF\n"}]`}}, 1},
		{"two on one line", "cat <<A; cat <<B\nfirst\nA\nsecond\nB\necho done\n",
			[]doc{{"A", false, `[Lit{Value: "first\n"}]`}, {"B", false, `[Lit{Value: "second\n"}]`}}, 3},
		{"two in one command", "cat <<A 3<<'B'\n1\nA\n2\nB\n",
			[]doc{{"A", false, `[Lit{Value: "1\n"}]`}, {"B", true, `[Lit{Value: "2\n"}]`}}, 1},
		{"pipeline", "cat <<A | tr a-z A-Z && cat <<B\nx\nA\ny\nB\n",
			[]doc{{"A", false, `[Lit{Value: "x\n"}]`}, {"B", false, `[Lit{Value: "y\n"}]`}}, 1},
		{"followed by background", "cat <<EOF &\nbody\nEOF\nwait\n", []doc{{"EOF", false, `[Lit{Value: "body\n"}]`}}, 2},
		{"continued line is not the delimiter", "cat <<A\n0\\\nA\nA\n", []doc{{"A", false, `[Lit{Value: "0A\n"}]`}}, 1},
		{"joined line is the delimiter", "cat <<A\nx\nA\\\n\necho after\n", []doc{{"A", false, `[Lit{Value: "x\n"}]`}}, 2},
		{"joined delimiter", "cat <<AB\nx\nA\\\nB\n", []doc{{"AB", false, `[Lit{Value: "x\n"}]`}}, 1},
		{"no joining when quoted", "cat <<'A'\n0\\\nA\n", []doc{{"A", true, `[Lit{Value: "0\\\n"}]`}}, 1},
		{"continuation in delimiter", "cat <<E\\\nOF\nx\nEOF\n", []doc{{"EOF", false, `[Lit{Value: "x\n"}]`}}, 1},
		{"delimiter-like text inside a line", "cat <<EOF\nEOF x\nxEOF\nEOF\n", []doc{{"EOF", false, `[Lit{Value: "EOF x\nxEOF\n"}]`}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, tt.src)
			got := heredocs(f)
			if len(got) != len(tt.docs) {
				t.Fatalf("%d here-documents, want %d: %s", len(got), len(tt.docs), dump(f))
			}
			for i, want := range tt.docs {
				h := got[i].Heredoc
				if h.Delim != want.delim || h.Quoted != want.quoted || dump(h.Body.Parts) != want.body {
					t.Errorf("doc %d: delim %q quoted %v body %s\nwant delim %q quoted %v body %s",
						i, h.Delim, h.Quoted, dump(h.Body.Parts), want.delim, want.quoted, want.body)
				}
				if got[i].Target == nil {
					t.Errorf("doc %d: no Target", i)
				}
			}
			if len(f.List.Items) != tt.items {
				t.Errorf("%d list items, want %d: %s", len(f.List.Items), tt.items, dump(f))
			}
		})
	}
}

func TestHeredocDetails(t *testing.T) {
	// The operator keeps its IO_NUMBER and its kind.
	r := heredocs(mustParse(t, "cat 3<<-EOF\nEOF\n"))[0]
	if r.Fd != 3 || r.Op != RedirHeredocTab || String(r.Target) != "EOF" {
		t.Errorf("3<<-EOF: %s", dump(r))
	}
	// A here-document inside $(...) is read inside the parentheses.
	f := mustParse(t, "x=$(cat <<EOF\ninner\nEOF\n); echo $x")
	if len(f.List.Items) != 2 {
		t.Fatalf("here-document in $(): %s", dump(f))
	}
	cs := firstCmd(t, f).Assigns[0].Value.Parts[0].(*CmdSubst)
	h := heredocs(&File{List: cs.List})
	if len(h) != 1 || dump(h[0].Heredoc.Body.Parts) != `[Lit{Value: "inner\n"}]` {
		t.Errorf("here-document in $(): %s", dump(cs))
	}
	// The job text of a command with a here-document stops at the line.
	src := "cat <<EOF &\nbody\nEOF\n"
	it := mustParse(t, src).List.Items[0]
	if src[it.Pos.Offset:it.End] != "cat <<EOF" {
		t.Errorf("item text %q", src[it.Pos.Offset:it.End])
	}
	// The body's position is the line after the operator.
	body := heredocs(mustParse(t, "cat <<EOF\n  $x\nEOF\n"))[0].Heredoc.Body
	if body.Pos.Line != 2 || body.Pos.Col != 1 {
		t.Errorf("body at %+v", body.Pos)
	}
}
