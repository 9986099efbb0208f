package parser

import "testing"

// TestStringAtKeepsLines: text printed by StringAt and parsed again from
// the same first line gives every command its source line, and the same
// tree as String.
func TestStringAtKeepsLines(t *testing.T) {
	for _, src := range []string{
		"{ echo a\n  echo b\n} &",
		"( echo c\n\n  echo d ) &",
		"f() {\n  echo 1\n  echo 2\n}",
		"true &&\n  echo x ||\n  echo y",
		"echo a |\n  cat |\n\n  cat",
		"{ cat <<E\nbody\nE\necho after\n}",
		"{ cat <<E; echo same\nbody\nE\n\necho later; }",
		"if true\nthen\n  echo t\nelse\n  echo e\nfi",
		"for i in 1 2; do\n  echo $i\ndone",
		"case a in\n  a)\n    echo a\n    ;;\nesac",
		"while false; do :; done; { sleep 0; echo\necho bb; }",
		"echo $(echo a\necho b) x",
		"echo one",
	} {
		f, err := Parse("\n\n" + src) // the text starts on line 3
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		node := f.List
		text := StringAt(node, 3)
		g, err := ParseConfig(text, Config{FirstLine: 3})
		if err != nil {
			t.Errorf("%q printed as %q: %v", src, text, err)
			continue
		}
		if String(g.List) != String(node) {
			t.Errorf("%q: StringAt's text %q reads back as %q, want %q", src, text, String(g.List), String(node))
		}
		want, got := commandLines(node), commandLines(g.List)
		if len(want) != len(got) {
			t.Errorf("%q: %d commands, %d read back", src, len(want), len(got))
			continue
		}
		for i := range want {
			if want[i] != got[i] {
				t.Errorf("%q printed as %q: command %d on line %d, want %d", src, text, i, got[i], want[i])
			}
		}
	}
	for _, tt := range []struct {
		line int
		want string
	}{{0, "echo a; echo b"}, {-1, "echo a; echo b"}} {
		f, _ := Parse("echo a\necho b")
		if got := StringAt(f.List, tt.line); got != tt.want {
			t.Errorf("StringAt(line %d) = %q, want String's %q", tt.line, got, tt.want)
		}
	}
}

// commandLines lists the line of every pipeline stage in l, in order.
func commandLines(l *List) []int {
	var lines []int
	var walk func(n any)
	walk = func(n any) {
		switch x := n.(type) {
		case *List:
			if x == nil {
				return
			}
			for _, it := range x.Items {
				walk(it.AndOr.First)
				for _, r := range it.AndOr.Rest {
					walk(r.Pipeline)
				}
			}
		case *Pipeline:
			for _, c := range x.Cmds {
				lines = append(lines, c.Position().Line)
				walk(c)
			}
		case *Group:
			walk(x.List)
		case *Subshell:
			walk(x.List)
		case *FuncDecl:
			walk(x.Body)
		case *If:
			for _, c := range x.Clauses {
				walk(c.Cond)
				walk(c.Then)
			}
			walk(x.Else)
		case *For:
			walk(x.Body)
		case *While:
			walk(x.Cond)
			walk(x.Body)
		case *Case:
			for _, it := range x.Items {
				walk(it.Body)
			}
		}
	}
	walk(l)
	return lines
}
