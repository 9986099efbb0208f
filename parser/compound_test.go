package parser

import (
	"errors"
	"testing"
)

// Several spellings of each compound command give one tree, which prints
// as the canonical one-line text.
func TestCompoundSpellings(t *testing.T) {
	groups := []struct {
		name      string
		spellings []string
		want      string
	}{
		{"group", []string{"{ a; b; }", "{ a\nb\n}", "{\n\ta;b;}", "{ a; b\n}"}, "{ a; b; }"},
		{"group background", []string{"{ a & }", "{ a &\n}"}, "{ a & }"},
		{"nested groups", []string{"{ { a; } }", "{ { a; }; }", "{\n{ a\n}\n}"}, "{ { a; }; }"},
		{"subshell", []string{"(a; b)", "( a; b )", "(\na\nb\n)", "(a;b;)"}, "( a; b )"},
		{"nested subshells", []string{"( (a) )", "((a) )", "( ( a ) )"}, "( ( a ) )"},
		{"if", []string{"if a; then b; fi", "if a\nthen b\nfi", "if a; then\n  b\nfi", "if a;then b;fi"}, "if a; then b; fi"},
		{"if elif else", []string{"if a; then b; elif c; then d; else e; fi", "if a\nthen\nb\nelif c\nthen\nd\nelse\ne\nfi"}, "if a; then b; elif c; then d; else e; fi"},
		{"if with group", []string{"if a; then { b; } fi", "if a; then { b; }; fi"}, "if a; then { b; }; fi"},
		{"while", []string{"while a; do b; done", "while a\ndo\nb\ndone", "while a; do\n b\ndone"}, "while a; do b; done"},
		{"until", []string{"until a; do b; done", "until a\ndo b; done"}, "until a; do b; done"},
		{"for in", []string{"for i in 1 2 3; do sleep 60; done", "for i in 1 2 3\ndo\nsleep 60\ndone", "for i\nin 1 2 3; do sleep 60; done"}, "for i in 1 2 3; do sleep 60; done"},
		{"for without in", []string{"for x; do a; done", "for x do a; done", "for x\ndo a; done", "for x\n\ndo a\ndone"}, "for x; do a; done"},
		{"for in nothing", []string{"for x in; do a; done", "for x in\ndo a; done"}, "for x in; do a; done"},
		{"select in", []string{"select x in a b; do c; done", "select x in a b\ndo\nc\ndone", "select x\nin a b; do c; done", "select x in a b; { c; }", "select x in a b\n{ c\n}"}, "select x in a b; do c; done"},
		{"select without in", []string{"select x; do a; done", "select x do a; done", "select x\ndo a; done", "select x { a; }"}, "select x; do a; done"},
		{"select in nothing", []string{"select x in; do a; done", "select x in\ndo a; done"}, "select x in; do a; done"},
		{"select redirected in a pipeline", []string{"select x in a; do b; done 2>&1 <in | c", "select x in a\ndo b\ndone 2>&1 < in|c"}, "select x in a; do b; done 2>&1 <in | c"},
		{"for with brace body", []string{"for x in a; { b; }", "for x in a; do b; done", "for x in a\n{\nb\n}"}, "for x in a; do b; done"},
		{"case", []string{"case $x in a) b;; c|d) e;; esac", "case $x in (a) b;; (c|d) e;; esac", "case $x\nin\na)\nb\n;;\nc | d) e;;\nesac", "case $x in a) b;; c|d) e; esac"}, "case $x in a) b;; c|d) e;; esac"},
		{"case terminators", []string{"case x in a) b;& c) d;;& e) ;; esac", "case x in\na) b\n;&\nc) d ;;&\ne)\n;;\nesac"}, "case x in a) b;& c) d;;& e) ;; esac"},
		{"empty case", []string{"case x in esac", "case x in\nesac", "case x\nin esac"}, "case x in esac"},
		{"case pattern esac", []string{"case x in (esac) a;; esac", "case x in (esac)\na;;\nesac"}, "case x in (esac) a;; esac"},
		{"function", []string{"f() { a; }", "f () { a; }", "f ( ) { a; }", "f()\n{\na\n}"}, "f() { a; }"},
		{"function keyword", []string{"function f { a; }", "function f() { a; }", "function f\n{ a; }"}, "function f() { a; }"},
		{"function with subshell body and redirection", []string{"f() ( a ) >out", "f()(a)>out"}, "f() ( a ) >out"},
		{"arith command", []string{"((x=1+2))", "((x=1+2))"}, "((x=1+2))"},
		{"arith for", []string{"for ((i=0;i<3;i++)); do a; done", "for ((i=0;i<3;i++))\ndo a; done", "for ((i=0;i<3;i++)) do a; done"}, "for ((i=0;i<3;i++)); do a; done"},
		{"arith for empty", []string{"for ((;;)); do a; done", "for (( ; ; )); do a; done"}, "for ((;;)); do a; done"},
		{"test", []string{"[[ -f x && a == b* ]]", "[[ -f x &&\n a == b* ]]", "[[ -f x\n&& a == b*\n]]"}, "[[ -f x && a == b* ]]"},
		{"test newline before ||", []string{"[[ a == b || -n c ]]", "[[ a == b\n|| -n c ]]", "[[ a == b\n\n||\n-n c\n]]"}, "[[ a == b || -n c ]]"},
		{"test regex", []string{"[[ $x =~ ^(a|b c)$ ]]", "[[ $x =~ ^(a|b c)$ ]]"}, "[[ $x =~ ^(a|b c)$ ]]"},
		{"test not paren", []string{"[[ ! ( a < b || c -eq 1 ) ]]", "[[ !(a<b||c -eq 1) ]]"}, "[[ ! ( a < b || c -eq 1 ) ]]"},
		{"redirections on compound commands", []string{"while read l; do a; done <f", "while read l\ndo a\ndone < f"}, "while read l; do a; done <f"},
		{"compound in pipeline and list", []string{"if a; then b; fi | wc -l && { c; } || ! ( d ) &", "if a\nthen b\nfi|wc -l&&{ c;}||!(d)&"}, "if a; then b; fi | wc -l && { c; } || ! ( d ) &"},
		{"case in command substitution", []string{"echo $(case x in a) b;; esac)", "echo $(case x in a) b;;\nesac)"}, "echo $(case x in a) b;; esac)"},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			first := mustParse(t, g.spellings[0])
			want := dump(first)
			for _, s := range g.spellings[1:] {
				if got := dump(mustParse(t, s)); got != want {
					t.Errorf("Parse(%q)\n got  %s\n want %s (from %q)", s, got, want, g.spellings[0])
				}
			}
			if got := String(first); got != g.want {
				t.Errorf("String(Parse(%q)) = %q, want %q", g.spellings[0], got, g.want)
			}
		})
	}
}

// The trees of the compound commands.
func TestCompoundTrees(t *testing.T) {
	tests := []struct{ src, want string }{
		{"for x in a; do b; done", `For{Name: "x", In: true, Words: [Word{Parts: [Lit{Value: "a"}]}], Body: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "b"}]}]}]}}}]}}`},
		{"for x do b; done", `For{Name: "x", Body: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "b"}]}]}]}}}]}}`},
		{"for 1 in a; do b; done", `For{Name: "1", In: true, Words: [Word{Parts: [Lit{Value: "a"}]}], Body: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "b"}]}]}]}}}]}}`},
		{"select 'x' do b; done", `Select{Name: "'x'", Body: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "b"}]}]}]}}}]}}`},
		{"select x in a; do b; done", `Select{Name: "x", In: true, Words: [Word{Parts: [Lit{Value: "a"}]}], Body: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "b"}]}]}]}}}]}}`},
		{"select x do b; done >f", `Select{Name: "x", Body: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "b"}]}]}]}}}]}, Redirs: [Redirect{Fd: -1, Op: >, Target: Word{Parts: [Lit{Value: "f"}]}}]}`},
		{"echo select", `SimpleCommand{Args: [Word{Parts: [Lit{Value: "echo"}]} Word{Parts: [Lit{Value: "select"}]}]}`},
		{"'select' x", `SimpleCommand{Args: [Word{Parts: [SglQuoted{Value: "select"}]} Word{Parts: [Lit{Value: "x"}]}]}`},
		{"((x++))", `ArithCmd{Expr: Word{Parts: [Lit{Value: "x++"}]}}`},
		{"for ((i=0; ; i++)) do :; done", `ArithFor{Init: Word{Parts: [Lit{Value: "i=0"}]}, Post: Word{Parts: [Lit{Value: " i++"}]}, Body: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: ":"}]}]}]}}}]}}`},
		{"[[ a == b ]]", `TestCmd{Expr: TestBinary{Op: "==", X: TestWord{Word: Word{Parts: [Lit{Value: "a"}]}}, Y: TestWord{Word: Word{Parts: [Lit{Value: "b"}]}}}}`},
		{"[[ a || b && c ]]", `TestCmd{Expr: TestBinary{Op: "||", X: TestWord{Word: Word{Parts: [Lit{Value: "a"}]}}, Y: TestBinary{Op: "&&", X: TestWord{Word: Word{Parts: [Lit{Value: "b"}]}}, Y: TestWord{Word: Word{Parts: [Lit{Value: "c"}]}}}}}`},
		{"[[ ! -z $x ]]", `TestCmd{Expr: TestUnary{Op: "!", X: TestUnary{Op: "-z", X: TestWord{Word: Word{Parts: [ParamExp{Name: "x"}]}}}}}`},
		{"[[ x =~ a(b|c)\"d\" ]]", `TestCmd{Expr: TestBinary{Op: "=~", X: TestWord{Word: Word{Parts: [Lit{Value: "x"}]}}, Y: TestWord{Word: Word{Parts: [Lit{Value: "a(b|c)"} DblQuoted{Parts: [Lit{Value: "d"}]}]}}}}`},
		{"[[ ( a ) ]]", `TestCmd{Expr: TestParen{X: TestWord{Word: Word{Parts: [Lit{Value: "a"}]}}}}`},
		{"case x in a|b) ;; esac", `Case{Word: Word{Parts: [Lit{Value: "x"}]}, Items: [CaseItem{Patterns: [Word{Parts: [Lit{Value: "a"}]} Word{Parts: [Lit{Value: "b"}]}], Body: List{Items: []}}]}`},
		{"f() { a; } 2>/dev/null", `FuncDecl{Name: "f", Body: Group{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}}}]}, Redirs: [Redirect{Fd: 2, Op: >, Target: Word{Parts: [Lit{Value: "/dev/null"}]}}]}}`},
		{"{ a; } >x", `Group{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}}}]}, Redirs: [Redirect{Fd: -1, Op: >, Target: Word{Parts: [Lit{Value: "x"}]}}]}`},
		// Reserved words are words elsewhere, or quoted.
		{"echo if then fi", `SimpleCommand{Args: [Word{Parts: [Lit{Value: "echo"}]} Word{Parts: [Lit{Value: "if"}]} Word{Parts: [Lit{Value: "then"}]} Word{Parts: [Lit{Value: "fi"}]}]}`},
		{"'if' a", `SimpleCommand{Args: [Word{Parts: [SglQuoted{Value: "if"}]} Word{Parts: [Lit{Value: "a"}]}]}`},
		{"x=1 if", `SimpleCommand{Assigns: [Assign{Name: "x", Value: Word{Parts: [Lit{Value: "1"}]}}], Args: [Word{Parts: [Lit{Value: "if"}]}]}`},
		{"{a}", `SimpleCommand{Args: [Word{Parts: [Lit{Value: "{a}"}]}]}`},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		if got := dump(f.List.Items[0].AndOr.First.Cmds[0]); got != tt.want {
			t.Errorf("Parse(%q)\n got  %s\n want %s", tt.src, got, tt.want)
		}
	}
}

// An alias is expanded before reserved words are recognised.
func TestAliasToReservedWord(t *testing.T) {
	aliases := map[string]string{"iff": "if", "loop": "while true; do", "fn": "f() {"}
	cfg := Config{Alias: func(n string) (string, bool) { v, ok := aliases[n]; return v, ok }}
	for src, want := range map[string]string{
		"iff a; then b; fi":                "if a; then b; fi",
		"loop a; done":                     "while true; do a; done",
		"fn b; }":                          "f() { b; }",
		"if iff a; then b; fi; then c; fi": "if if a; then b; fi; then c; fi",
	} {
		f, err := ParseConfig(src, cfg)
		if err != nil {
			t.Errorf("ParseConfig(%q): %v", src, err)
			continue
		}
		if got := String(f); got != want {
			t.Errorf("ParseConfig(%q) = %q, want %q", src, got, want)
		}
	}
}

// Misplaced and missing words.
func TestCompoundErrors(t *testing.T) {
	tests := []struct {
		src, pos, msg string
		incomplete    bool
	}{
		{"fi", "1:1", "syntax error near unexpected token `fi'", false},
		{"echo a\n  fi", "2:3", "syntax error near unexpected token `fi'", false},
		{"then", "1:1", "syntax error near unexpected token `then'", false},
		{"done", "1:1", "syntax error near unexpected token `done'", false},
		{"while a; done", "1:10", "syntax error near unexpected token `done'", false},
		{"}", "1:1", "syntax error near unexpected token `}'", false},
		{"esac", "1:1", "syntax error near unexpected token `esac'", false},
		{"in", "1:1", "syntax error near unexpected token `in'", false},
		{"echo a; ]] b", "1:9", "syntax error near unexpected token `]]'", false},
		{"a | fi", "1:5", "syntax error near unexpected token `fi'", false},
		{"a && done", "1:6", "syntax error near unexpected token `done'", false},
		{"if a; fi", "1:7", "syntax error near unexpected token `fi'", false},
		{"if; then a; fi", "1:3", "syntax error near unexpected token `;'", false},
		{"if a; then fi", "1:12", "syntax error near unexpected token `fi'", false},
		{"{ }", "1:3", "syntax error near unexpected token `}'", false},
		{"( )", "1:3", "syntax error near unexpected token `)'", false},
		{"{ a; } b", "1:8", "syntax error near unexpected token `b'", false},
		{"{ a; ) ", "1:6", "syntax error near unexpected token `)'", false},
		{"for x in a b do :; done", "1:20", "syntax error near unexpected token `done'", false},
		{"select; do :; done", "1:7", "syntax error near unexpected token `;'", false},
		{"select x in a b do :; done", "1:23", "syntax error near unexpected token `done'", false},
		{"select x in a | b; do :; done", "1:15", "syntax error near unexpected token `|'", false},
		{"select ((i=0;;)); do :; done", "1:8", "syntax error near unexpected token `('", false},
		{"select x in a; done", "1:16", "syntax error near unexpected token `done'", false},
		{"for x in y a=(b c); do :; done", "1:12", "syntax error near unexpected token `('", false},
		{"select x in a=(); do :; done", "1:13", "syntax error near unexpected token `('", false},
		{"case a=(b) in *) ;; esac", "1:6", "syntax error near unexpected token `('", false},
		{"select x in a; { :; ", "1:21", "syntax error: unexpected end of file", true},
		{"select x in a; do :; }", "1:22", "syntax error near unexpected token `}'", false},
		{"case x in a) b;; c d) e;; esac", "1:20", "syntax error near unexpected token `d'", false},
		{"case x a) b;; esac", "1:8", "syntax error near unexpected token `a'", false},
		{"f() a", "1:5", "syntax error near unexpected token `a'", false},
		{"0$ () { a; }", "1:1", "`0$': not a valid identifier", false},
		{"function a$b { a; }", "1:10", "`a$b': not a valid identifier", false},
		{"function 'f' { a; }", "1:10", "`'f'': not a valid identifier", false},
		{"[[ -f ]]", "1:7", "unexpected argument `]]' to conditional unary operator", false},
		{"[[ a == ]]", "1:9", "unexpected argument `]]' to conditional binary operator", false},
		{"[[ a =~ ]]", "1:9", "unexpected argument `]]' to conditional binary operator", false},
		{"[[ a b ]]", "1:6", "conditional binary operator expected", false},
		{"[[ a ; ]]", "1:6", "unexpected token `;', conditional binary operator expected", false},
		{"[[ a\n]]", "1:5", "unexpected token `newline', conditional binary operator expected", false},
		{"[[ a )", "1:6", "syntax error in conditional expression: unexpected token `)'", false},
		{"[[ a == b c ]]", "1:11", "syntax error in conditional expression", false},
		{"[[ ]]", "1:4", "syntax error near unexpected token `]]'", false},
		{"[[ ( a ]]", "1:8", "unexpected token `]]', expected `)'", false},
		{"for ((a;b)); do :; done", "1:5", "syntax error: arithmetic expression required", false},
		{"`if a`", "1:6", "syntax error: unexpected end of file", false},
		// Unfinished constructs: the prompt shows PS2.
		{"if a; then", "1:11", "syntax error: unexpected end of file", true},
		{"if a\nthen b\n", "3:1", "syntax error: unexpected end of file", true},
		{"while a; do b", "1:14", "syntax error: unexpected end of file", true},
		{"until a", "1:8", "syntax error: unexpected end of file", true},
		{"for x in a b", "1:13", "syntax error: unexpected end of file", true},
		{"for x", "1:6", "syntax error: unexpected end of file", true},
		{"select x", "1:9", "syntax error: unexpected end of file", true},
		{"select x in a b", "1:16", "syntax error: unexpected end of file", true},
		{"select x in a; do b", "1:20", "syntax error: unexpected end of file", true},
		{"case x in", "1:10", "syntax error: unexpected end of file", true},
		{"case x in a) b;;", "1:17", "syntax error: unexpected end of file", true},
		{"{ a;", "1:5", "syntax error: unexpected end of file", true},
		{"( a", "1:4", "syntax error: unexpected end of file", true},
		{"f()", "1:4", "syntax error: unexpected end of file", true},
		{"function f", "1:11", "syntax error: unexpected end of file", true},
		{"[[ a", "1:5", "unexpected token `newline', conditional binary operator expected", true},
		{"((1 +", "1:1", "unexpected EOF while looking for matching `)'", true},
		{"echo $(if a; then", "1:18", "unexpected EOF while looking for matching `)'", true},
		// Misplaced words after "coproc", as bash reports them.
		{"coproc", "1:7", "syntax error near unexpected token `newline'", false},
		{"coproc\n", "1:7", "syntax error near unexpected token `newline'", false},
		{"coproc ; echo", "1:8", "syntax error near unexpected token `;'", false},
		{"coproc &", "1:8", "syntax error near unexpected token `&'", false},
		{"coproc ! cat", "1:8", "syntax error near unexpected token `!'", false},
		{"coproc a !", "1:10", "syntax error near unexpected token `!'", false},
		{"coproc a fi", "1:10", "syntax error near unexpected token `fi'", false},
		{"coproc a then", "1:10", "syntax error near unexpected token `then'", false},
		{"coproc }", "1:8", "syntax error near unexpected token `}'", false},
		{"coproc coproc cat", "1:8", "syntax error near unexpected token `coproc'", false},
		{"coproc a function g { :; }", "1:10", "syntax error near unexpected token `function'", false},
		{"coproc a ()", "1:11", "syntax error near unexpected token `)'", false},
		{"coproc f() { :; }", "1:10", "syntax error near unexpected token `)'", false},
		{"coproc a x=1 { :; }", "1:19", "syntax error near unexpected token `}'", false},
		{"coproc a >f { :; }", "1:18", "syntax error near unexpected token `}'", false},
		{"coproc a | ! b", "1:12", "syntax error near unexpected token `!'", false},
		// An unfinished coproc: the prompt shows PS2.
		{"coproc {", "1:9", "syntax error: unexpected end of file", true},
		{"coproc X (", "1:11", "syntax error: unexpected end of file", true},
		{"coproc X while a; do", "1:21", "syntax error: unexpected end of file", true},
		{"coproc cat |", "1:13", "syntax error: unexpected end of file", true},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) = %v, want a *SyntaxError", tt.src, err)
			continue
		}
		want := tt.pos + ": " + tt.msg
		if se.Error() != want || se.Incomplete != tt.incomplete {
			t.Errorf("Parse(%q):\n got  %q incomplete=%v\n want %q incomplete=%v", tt.src, se.Error(), se.Incomplete, want, tt.incomplete)
		}
	}
}
