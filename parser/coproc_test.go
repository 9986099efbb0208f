package parser

import "testing"

// The trees of bash's coproc: the word after "coproc" is a NAME only when
// a compound command follows it.
func TestCoprocTrees(t *testing.T) {
	cat := `SimpleCommand{Args: [Word{Parts: [Lit{Value: "cat"}]}]}`
	tests := []struct{ src, want string }{
		{"coproc cat", `Coproc{Body: ` + cat + `}`},
		{"coproc X { cat; }", `Coproc{Name: Word{Parts: [Lit{Value: "X"}]}, Body: Group{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [` + cat + `]}}}]}}}`},
		{"coproc { cat; }", `Coproc{Body: Group{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [` + cat + `]}}}]}}}`},
		{"coproc X (cat)", `Coproc{Name: Word{Parts: [Lit{Value: "X"}]}, Body: Subshell{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [` + cat + `]}}}]}}}`},
		{"coproc W ((1))", `Coproc{Name: Word{Parts: [Lit{Value: "W"}]}, Body: ArithCmd{Expr: Word{Parts: [Lit{Value: "1"}]}}}`},
		{`coproc "a" [[ x ]]`, `Coproc{Name: Word{Parts: [DblQuoted{Parts: [Lit{Value: "a"}]}]}, Body: TestCmd{Expr: TestWord{Word: Word{Parts: [Lit{Value: "x"}]}}}}`},
		// Redirections after the command are the body's.
		{"coproc cat >f", `Coproc{Body: SimpleCommand{Args: [Word{Parts: [Lit{Value: "cat"}]}], Redirs: [Redirect{Fd: -1, Op: >, Target: Word{Parts: [Lit{Value: "f"}]}}]}}`},
		{"coproc X { cat; } 2>f", `Coproc{Name: Word{Parts: [Lit{Value: "X"}]}, Body: Group{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [` + cat + `]}}}]}, Redirs: [Redirect{Fd: 2, Op: >, Target: Word{Parts: [Lit{Value: "f"}]}}]}}`},
		// A word not followed by a compound command is the command's.
		{"coproc a b", `Coproc{Body: SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]} Word{Parts: [Lit{Value: "b"}]}]}}`},
		{"coproc a time", `Coproc{Body: SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]} Word{Parts: [Lit{Value: "time"}]}]}}`},
		{"coproc a '{'", `Coproc{Body: SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]} Word{Parts: [SglQuoted{Value: "{"}]}]}}`},
		{"coproc a=1 cat", `Coproc{Body: SimpleCommand{Assigns: [Assign{Name: "a", Value: Word{Parts: [Lit{Value: "1"}]}}], Args: [` + `Word{Parts: [Lit{Value: "cat"}]}]}}`},
		{"coproc >f cat", `Coproc{Body: SimpleCommand{Args: [Word{Parts: [Lit{Value: "cat"}]}], Redirs: [Redirect{Fd: -1, Op: >, Target: Word{Parts: [Lit{Value: "f"}]}}]}}`},
		{"coproc time sleep 1", `Coproc{Body: SimpleCommand{Args: [Word{Parts: [Lit{Value: "time"}]} Word{Parts: [Lit{Value: "sleep"}]} Word{Parts: [Lit{Value: "1"}]}]}}`},
		// "coproc" quoted is a command name; elsewhere a plain word.
		{"'coproc' cat", `SimpleCommand{Args: [Word{Parts: [SglQuoted{Value: "coproc"}]} Word{Parts: [Lit{Value: "cat"}]}]}`},
		{"echo coproc", `SimpleCommand{Args: [Word{Parts: [Lit{Value: "echo"}]} Word{Parts: [Lit{Value: "coproc"}]}]}`},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		if got := dump(f.List.Items[0].AndOr.First.Cmds[0]); got != tt.want {
			t.Errorf("Parse(%q)\n got  %s\n want %s", tt.src, got, tt.want)
		}
	}
}

// declare -f and type print a coproc as bash 5.2 does, with its name.
func TestCoprocLayout(t *testing.T) {
	src := "f() { coproc cat; coproc X { cat; echo; } >/dev/null 2>&1; coproc Y (ls); coproc W if true; then :; fi; coproc cat </dev/null >x; }"
	want := "f () \n{ \n    coproc COPROC cat;\n    coproc X { \n        cat;\n        echo\n    } > /dev/null 2>&1;\n" +
		"    coproc Y ( ls );\n    coproc W if true; then\n        :;\n    fi;\n    coproc COPROC cat < /dev/null > x\n}"
	fd := mustParse(t, src).List.Items[0].AndOr.First.Cmds[0].(*FuncDecl)
	if got := FuncLayout(fd); got != want {
		t.Errorf("FuncLayout:\n got  %q\n want %q", got, want)
	}
}

// LoneCoproc finds a coproc that is a whole and-or list, with or without '&'.
func TestLoneCoproc(t *testing.T) {
	for src, want := range map[string]bool{
		"coproc cat": true, "coproc X { cat; } &": true, "coproc cat | cat": false,
		"! coproc cat": false, "coproc cat && x": false, "time coproc cat": false, "cat": false,
	} {
		ao := mustParse(t, src).List.Items[0].AndOr
		if got := ao.LoneCoproc() != nil; got != want {
			t.Errorf("LoneCoproc(%q) = %v, want %v", src, got, want)
		}
	}
}

// An alias after "coproc" is expanded, as bash does.
func TestCoprocAlias(t *testing.T) {
	cfg := Config{Alias: func(n string) (string, bool) { return "cat -u", n == "c" }}
	f, err := ParseConfig("coproc c", cfg)
	if err != nil || String(f) != "coproc cat -u" {
		t.Errorf("ParseConfig(coproc c) = %q, %v; want coproc cat -u", String(f), err)
	}
}
