package parser

import (
	"strings"
	"testing"
)

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

// String prints a coproc so that it parses back the same: without the
// default name before a simple command (where it would read back as the
// command's name).
func TestCoprocString(t *testing.T) {
	tests := []struct{ src, want string }{
		{"coproc cat", "coproc cat"},
		{"coproc  X   {  cat ; }  >/dev/null  2>&1", "coproc X { cat; } >/dev/null 2>&1"},
		{"coproc Y (ls)", "coproc Y ( ls )"},
		{"coproc Z while true; do :; done", "coproc Z while true; do :; done"},
		{"coproc a | b", "coproc a | b"},
		{"! coproc c && time coproc d &", "! coproc c && time coproc d &"},
		{"coproc \\if x", "coproc \\if x"},
		{"coproc a\n{ :; }", "coproc a; { :; }"},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		got := String(f)
		if got != tt.want {
			t.Errorf("String(Parse(%q)) = %q, want %q", tt.src, got, tt.want)
		}
		if again := String(mustParse(t, got)); again != got || dump(mustParse(t, got)) != dump(f) {
			t.Errorf("%q does not parse back to the same tree (%q)", got, again)
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

// Misplaced words after "coproc", as bash reports them.
func TestCoprocErrors(t *testing.T) {
	tests := []struct {
		src, pos, msg string
		incomplete    bool
	}{
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
		// Unfinished: the prompt shows PS2.
		{"coproc {", "1:9", "syntax error: unexpected end of file", true},
		{"coproc X (", "1:11", "syntax error: unexpected end of file", true},
		{"coproc X while a; do", "1:21", "syntax error: unexpected end of file", true},
		{"coproc cat |", "1:13", "syntax error: unexpected end of file", true},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		se, ok := err.(*SyntaxError)
		if !ok {
			t.Errorf("Parse(%q) = %v, want a syntax error", tt.src, err)
			continue
		}
		if want := tt.pos + ": " + tt.msg; se.Error() != want || se.Incomplete != tt.incomplete {
			t.Errorf("Parse(%q) = %s (incomplete %v), want %s (incomplete %v)",
				tt.src, se.Error(), se.Incomplete, want, tt.incomplete)
		}
	}
}

// Telling a NAME from a command's first word reads one token further, but
// never the line after the command.
func TestCoprocReader(t *testing.T) {
	tests := []struct {
		src  string
		want []string
		asks string
	}{
		{"coproc cat\necho\n", []string{"coproc cat", "echo"}, "PPP"},
		{"coproc a\n{ :; }\n", []string{"coproc a", "{ :; }"}, "PPP"},
		{"coproc X {\ncat\n}\n", []string{"coproc X { cat; }"}, "PmmP"},
		{"coproc cat <<E\nx\nE\n", []string{"coproc cat <<E\nx\nE\n"}, "PmmP"},
	}
	for _, tt := range tests {
		got, ls := readAll(t, tt.src, Config{})
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q:\n got  %q\n want %q", tt.src, got, tt.want)
		}
		var asks strings.Builder
		for _, m := range ls.asks {
			if m {
				asks.WriteByte('m')
			} else {
				asks.WriteByte('P')
			}
		}
		if asks.String() != tt.asks {
			t.Errorf("%q: line requests %s, want %s", tt.src, asks.String(), tt.asks)
		}
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
