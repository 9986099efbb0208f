package parser

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// Different spellings of one program must give the same tree.
func TestSpellingsGiveSameTree(t *testing.T) {
	groups := []struct {
		name      string
		spellings []string
		want      string // String() of the tree
	}{
		{"blanks", []string{"echo hi", "  echo   hi  ", "\techo\thi\t", "echo hi # comment", "echo \\\nhi", "\n\necho hi\n\n"}, "echo hi"},
		{"continuation inside a word", []string{"echo abc", "echo a\\\nbc", "ec\\\nho abc", "echo ab\\\n\\\nc"}, "echo abc"},
		{"separators", []string{"a; b", "a\nb", "a;b", "a ;\n\n b", "a\n\n\nb\n"}, "a; b"},
		{"background", []string{"a & b", "a&b", "a &\nb", "a & b\n"}, "a & b"},
		{"pipeline", []string{"a | b | c", "a|b|c", "a |\nb |\n\n c", "a | # comment\n b | c"}, "a | b | c"},
		{"and-or", []string{"a && b || c", "a&&b||c", "a &&\n b ||\n\n c", "a && # why\n b || c"}, "a && b || c"},
		{"bang", []string{"! a | b", "!  a|b"}, "! a | b"},
		{"redirections anywhere", []string{">out echo hi", "echo >out hi", "echo hi >out", "echo hi> out"}, "echo hi >out"},
		{"io numbers", []string{"cmd 2>&1", "cmd 2>& 1", "cmd 2>&\\\n1"}, "cmd 2>&1"},
		{"assignments", []string{"a=1 b= cmd", "a=1  b=  cmd"}, "a=1 b= cmd"},
		{"quotes", []string{`echo 'a b'`, `echo 'a b'`}, `echo 'a b'`},
		{"same escapes", []string{`echo \$x \"`, `echo \$x \"`}, `echo \$x \"`},
		{"empty", []string{"", "\n", "# only a comment", "  \n\t\n# c1\n  # c2\n"}, ""},
		{"cmd subst", []string{"echo $(a | b)", "echo $( a|b )", "echo $(\na |\n b\n)"}, "echo $(a | b)"},
		{"old arithmetic", []string{"echo $[1+x]", "echo $\\\n[1+x]", "echo $[1+\\\nx]"}, "echo $[1+x]"},
		{"old arithmetic nested brackets", []string{"echo $[a[1]+$[2]]", "echo $[a[1]+$[2]]"}, "echo $[a[1]+$[2]]"},
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

// The parts of one word: the second word of "echo WORD".
func TestWordParts(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{`echo abc`, `Word{Parts: [Lit{Value: "abc"}]}`},
		{`echo a'b c'd`, `Word{Parts: [Lit{Value: "a"} SglQuoted{Value: "b c"} Lit{Value: "d"}]}`},
		{`echo ''`, `Word{Parts: [SglQuoted{}]}`},
		{`echo $[1+2]`, `Word{Parts: [ArithExp{Expr: Word{Parts: [Lit{Value: "1+2"}]}, Old: true}]}`},
		{`echo a$[ $x * (2) ]b`, `Word{Parts: [Lit{Value: "a"} ArithExp{Expr: Word{Parts: [Lit{Value: " "} ParamExp{Name: "x"} Lit{Value: " * (2) "}]}, Old: true} Lit{Value: "b"}]}`},
		{`echo "$[x[1]]"`, `Word{Parts: [DblQuoted{Parts: [ArithExp{Expr: Word{Parts: [Lit{Value: "x[1]"}]}, Old: true}]}]}`},
		{`echo $[]`, `Word{Parts: [ArithExp{Expr: Word{}, Old: true}]}`},
		{`echo \$[1]`, `Word{Parts: [Escaped{Value: "$"} Lit{Value: "[1]"}]}`},
		{`echo '$[1]'`, `Word{Parts: [SglQuoted{Value: "$[1]"}]}`},
		{`echo ""`, `Word{Parts: [DblQuoted{}]}`},
		{`echo \*`, `Word{Parts: [Escaped{Value: "*"}]}`},
		{`echo \é`, `Word{Parts: [Escaped{Value: "é"}]}`},
		{`echo "a\$b\q\\"`, `Word{Parts: [DblQuoted{Parts: [Lit{Value: "a"} Escaped{Value: "$"} Lit{Value: "b\\q"} Escaped{Value: "\\"}]}]}`},
		{`echo "it's"`, `Word{Parts: [DblQuoted{Parts: [Lit{Value: "it's"}]}]}`},
		{`echo '$x "y"'`, `Word{Parts: [SglQuoted{Value: "$x \"y\""}]}`},
		{`echo a#b`, `Word{Parts: [Lit{Value: "a#b"}]}`},
		{`echo $x`, `Word{Parts: [ParamExp{Name: "x"}]}`},
		{`echo $x_1.y`, `Word{Parts: [ParamExp{Name: "x_1"} Lit{Value: ".y"}]}`},
		{`echo ${x}y`, `Word{Parts: [ParamExp{Name: "x", Braced: true} Lit{Value: "y"}]}`},
		{`echo $12`, `Word{Parts: [ParamExp{Name: "1"} Lit{Value: "2"}]}`},
		{`echo ${12}`, `Word{Parts: [ParamExp{Name: "12", Braced: true}]}`},
		{`echo $?$$$!$#$@$*$-$0`, `Word{Parts: [ParamExp{Name: "?"} ParamExp{Name: "$"} ParamExp{Name: "!"} ParamExp{Name: "#"} ParamExp{Name: "@"} ParamExp{Name: "*"} ParamExp{Name: "-"} ParamExp{Name: "0"}]}`},
		{`echo ${#x}`, `Word{Parts: [ParamExp{Name: "x", Length: true, Braced: true}]}`},
		{`echo ${#}`, `Word{Parts: [ParamExp{Name: "#", Braced: true}]}`},
		{`echo ${x-d}`, `Word{Parts: [ParamExp{Name: "x", Op: -, Arg: Word{Parts: [Lit{Value: "d"}]}, Braced: true}]}`},
		{`echo ${x:-d}`, `Word{Parts: [ParamExp{Name: "x", Op: -, Colon: true, Arg: Word{Parts: [Lit{Value: "d"}]}, Braced: true}]}`},
		{`echo ${x=d}`, `Word{Parts: [ParamExp{Name: "x", Op: =, Arg: Word{Parts: [Lit{Value: "d"}]}, Braced: true}]}`},
		{`echo ${x:=d}`, `Word{Parts: [ParamExp{Name: "x", Op: =, Colon: true, Arg: Word{Parts: [Lit{Value: "d"}]}, Braced: true}]}`},
		{`echo ${x?d}`, `Word{Parts: [ParamExp{Name: "x", Op: ?, Arg: Word{Parts: [Lit{Value: "d"}]}, Braced: true}]}`},
		{`echo ${x:?d}`, `Word{Parts: [ParamExp{Name: "x", Op: ?, Colon: true, Arg: Word{Parts: [Lit{Value: "d"}]}, Braced: true}]}`},
		{`echo ${x+d}`, `Word{Parts: [ParamExp{Name: "x", Op: +, Arg: Word{Parts: [Lit{Value: "d"}]}, Braced: true}]}`},
		{`echo ${x:+d}`, `Word{Parts: [ParamExp{Name: "x", Op: +, Colon: true, Arg: Word{Parts: [Lit{Value: "d"}]}, Braced: true}]}`},
		{`echo ${x:-}`, `Word{Parts: [ParamExp{Name: "x", Op: -, Colon: true, Arg: Word{}, Braced: true}]}`},
		{`echo ${x:-a b|c;}`, `Word{Parts: [ParamExp{Name: "x", Op: -, Colon: true, Arg: Word{Parts: [Lit{Value: "a b|c;"}]}, Braced: true}]}`},
		{`echo ${x:-'a}'"$y"\}}`, `Word{Parts: [ParamExp{Name: "x", Op: -, Colon: true, Arg: Word{Parts: [SglQuoted{Value: "a}"} DblQuoted{Parts: [ParamExp{Name: "y"}]} Escaped{Value: "}"}]}, Braced: true}]}`},
		{`echo "${x:-'a' \}}"`, `Word{Parts: [DblQuoted{Parts: [ParamExp{Name: "x", Op: -, Colon: true, Arg: Word{Parts: [Lit{Value: "'a' "} Escaped{Value: "}"}]}, Braced: true}]}]}`},
		{`echo ${x:-${y:-$(z)}}`, `Word{Parts: [ParamExp{Name: "x", Op: -, Colon: true, Arg: Word{Parts: [ParamExp{Name: "y", Op: -, Colon: true, Arg: Word{Parts: [CmdSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "z"}]}]}]}}}]}}]}, Braced: true}]}, Braced: true}]}`},
		{`echo a$`, `Word{Parts: [Lit{Value: "a$"}]}`},
		{`echo $ x`, `Word{Parts: [Lit{Value: "$"}]}`},
		{`echo "$"`, `Word{Parts: [DblQuoted{Parts: [Lit{Value: "$"}]}]}`},
		{`echo $%`, `Word{Parts: [Lit{Value: "$%"}]}`},
		{`echo $(a)`, `Word{Parts: [CmdSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}}}]}}]}`},
		{`echo $()`, `Word{Parts: [CmdSubst{List: List{Items: []}}]}`},
		{"echo `a`", `Word{Parts: [CmdSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}}}]}, Backquote: true}]}`},
		{"echo `echo \\$x \\\\a \\`b\\``", `Word{Parts: [CmdSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "echo"}]} Word{Parts: [ParamExp{Name: "x"}]} Word{Parts: [Escaped{Value: "a"}]} Word{Parts: [CmdSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "b"}]}]}]}}}]}, Backquote: true}]}]}]}}}]}, Backquote: true}]}`},
		{`echo $(echo ")" ')' \))`, `Word{Parts: [CmdSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "echo"}]} Word{Parts: [DblQuoted{Parts: [Lit{Value: ")"}]}]} Word{Parts: [SglQuoted{Value: ")"}]} Word{Parts: [Escaped{Value: ")"}]}]}]}}}]}}]}`},
		{`echo $((1 + (2*$x) - $(y)))`, `Word{Parts: [ArithExp{Expr: Word{Parts: [Lit{Value: "1 + (2*"} ParamExp{Name: "x"} Lit{Value: ") - "} CmdSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "y"}]}]}]}}}]}}]}}]}`},
		{`echo "${x+\'}"`, `Word{Parts: [DblQuoted{Parts: [ParamExp{Name: "x", Op: +, Arg: Word{Parts: [Lit{Value: "\\'"}]}, Braced: true}]}]}`},
		{`echo $((a) )`, `Word{Parts: [CmdSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [Subshell{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}}}]}}]}}}]}}]}`},
		{`echo $((x))`, `Word{Parts: [ArithExp{Expr: Word{Parts: [Lit{Value: "x"}]}}]}`},
		{`echo "$((1+1))"`, `Word{Parts: [DblQuoted{Parts: [ArithExp{Expr: Word{Parts: [Lit{Value: "1+1"}]}}]}]}`},
		{"echo \"a\\\nb\"", `Word{Parts: [DblQuoted{Parts: [Lit{Value: "ab"}]}]}`},
		{"echo 'a\\\nb'", `Word{Parts: [SglQuoted{Value: "a\\\nb"}]}`},
		{"echo \"a\nb\"", `Word{Parts: [DblQuoted{Parts: [Lit{Value: "a\nb"}]}]}`},
		{`echo =x`, `Word{Parts: [Lit{Value: "=x"}]}`},
		{`echo a=b`, `Word{Parts: [Lit{Value: "a=b"}]}`},
		{`echo {}`, `Word{Parts: [Lit{Value: "{}"}]}`},
		{`echo a\`, `Word{Parts: [Lit{Value: "a\\"}]}`},
		// Process substitution: a word part where a word starts or goes on.
		{`echo <(a)`, `Word{Parts: [ProcSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}}}]}}]}`},
		{`echo >(a)`, `Word{Parts: [ProcSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}}}]}, Out: true}]}`},
		{`echo x<(a)y`, `Word{Parts: [Lit{Value: "x"} ProcSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}}}]}} Lit{Value: "y"}]}`},
		{`echo 2<(a)`, `Word{Parts: [Lit{Value: "2"} ProcSubst{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}}}]}}]}`},
		{`echo <()`, `Word{Parts: [ProcSubst{List: List{Items: []}}]}`},
		{`echo "<(a)"`, `Word{Parts: [DblQuoted{Parts: [Lit{Value: "<(a)"}]}]}`},
	}
	for _, tt := range tests {
		if got := argDump(t, tt.src, 1); got != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.src, got, tt.want)
		}
	}
}

func TestAssignments(t *testing.T) {
	tests := []struct {
		src     string
		assigns string // name=String(value) joined by spaces
		args    int
	}{
		{"a=1", "a=1", 0},
		{"a=", "a=", 0},
		{"a=b=c cmd", "a=b=c", 1},
		{"A_1=x B='y z' cmd arg", "A_1=x B='y z'", 2},
		{"a=$(date) b=\"$x\"", "a=$(date) b=\"$x\"", 0},
		{">f a=1 cmd", "a=1", 1},
		{"cmd a=1", "", 2},
		{"=x", "", 1},
		{"1a=x", "", 1},
		{"a-b=x", "", 1},
		{"\"a\"=x", "", 1},
		{"a\\=x", "", 1},
		{"a\\\n=x", "a=x", 0},
		{"x=<(a) cmd", "x=<(a)", 1},
	}
	for _, tt := range tests {
		c := firstCmd(t, mustParse(t, tt.src))
		var got []string
		for _, a := range c.Assigns {
			got = append(got, a.Name+"="+String(a.Value))
			if a.Value == nil {
				t.Errorf("%q: nil Value", tt.src)
			}
		}
		if strings.Join(got, " ") != tt.assigns || len(c.Args) != tt.args {
			t.Errorf("%q: assigns %q args %d, want %q and %d", tt.src, got, len(c.Args), tt.assigns, tt.args)
		}
	}
}

func TestRedirects(t *testing.T) {
	tests := []struct {
		src    string
		fd     int
		op     RedirOp
		target string
	}{
		{"cmd <in", -1, RedirIn, "in"},
		{"cmd < in", -1, RedirIn, "in"},
		{"cmd >out", -1, RedirOut, "out"},
		{"cmd >>out", -1, RedirAppend, "out"},
		{"cmd >|out", -1, RedirClobber, "out"},
		{"cmd <>rw", -1, RedirReadWrite, "rw"},
		{"cmd 0<in", 0, RedirIn, "in"},
		{"cmd 2>err", 2, RedirOut, "err"},
		{"cmd 2>>err", 2, RedirAppend, "err"},
		{"cmd 2>&1", 2, RedirDupOut, "1"},
		{"cmd 0<&3", 0, RedirDupIn, "3"},
		{"cmd 3>&-", 3, RedirDupOut, "-"},
		{"cmd <&-", -1, RedirDupIn, "-"},
		{"cmd &>all", -1, RedirAll, "all"},
		{"cmd &>>all", -1, RedirAllAppend, "all"},
		{"cmd 10>x", 10, RedirOut, "x"},
		{"cmd >\"$f\"", -1, RedirOut, `"$f"`},
	}
	for _, tt := range tests {
		c := firstCmd(t, mustParse(t, tt.src))
		if len(c.Redirs) != 1 || len(c.Args) != 1 {
			t.Errorf("%q: %s", tt.src, dump(c))
			continue
		}
		r := c.Redirs[0]
		if r.Fd != tt.fd || r.Op != tt.op || String(r.Target) != tt.target {
			t.Errorf("%q: fd %d op %v target %q, want %d %v %q", tt.src, r.Fd, r.Op, String(r.Target), tt.fd, tt.op, tt.target)
		}
	}
	// A number with a blank before the operator is an argument.
	c := firstCmd(t, mustParse(t, "echo 2 >x"))
	if len(c.Args) != 2 || c.Redirs[0].Fd != -1 {
		t.Errorf("echo 2 >x: %s", dump(c))
	}
	// "a2>x": the digits are part of a word, not an IO_NUMBER... bash agrees.
	c = firstCmd(t, mustParse(t, "echo a2>x"))
	if len(c.Args) != 2 || String(c.Args[1]) != "a2" || c.Redirs[0].Fd != -1 {
		t.Errorf("echo a2>x: %s", dump(c))
	}
	// bash's corners: a number too big for a C int is a word, not an
	// IO_NUMBER; after >& or <& a '-' is a word of its own (a close),
	// blanks or not, and what follows it another word.
	for _, tt := range []struct {
		src    string
		args   []string
		fd     int
		target string
	}{
		{"echo 99999999999>&1", []string{"echo", "99999999999"}, -1, "1"},
		{"echo 2147483648>x", []string{"echo", "2147483648"}, -1, "x"},
		{"echo 2147483647>x", []string{"echo"}, 2147483647, "x"},
		{"echo >&-foo", []string{"echo", "foo"}, -1, "-"},
		{"echo 2>&-1", []string{"echo", "1"}, 2, "-"},
		{"echo <&- x", []string{"echo", "x"}, -1, "-"},
		{"echo >& -foo", []string{"echo", "foo"}, -1, "-"},
		{"echo >&--", []string{"echo", "-"}, -1, "-"},
		{"echo >&\"-\"foo", []string{"echo"}, -1, "\"-\"foo"},
		{"echo >&2-", []string{"echo"}, -1, "2-"},
	} {
		c := firstCmd(t, mustParse(t, tt.src))
		var args []string
		for _, a := range c.Args {
			args = append(args, String(a))
		}
		if !slices.Equal(args, tt.args) || len(c.Redirs) != 1 || c.Redirs[0].Fd != tt.fd || String(c.Redirs[0].Target) != tt.target {
			t.Errorf("%q: %s", tt.src, dump(c))
		}
	}
}

func TestListStructure(t *testing.T) {
	f := mustParse(t, "a && b || ! c | d & e; f &")
	items := f.List.Items
	if len(items) != 3 || !items[0].Background || items[1].Background || !items[2].Background {
		t.Fatalf("items: %s", dump(f))
	}
	ao := items[0].AndOr
	if len(ao.Rest) != 2 || ao.Rest[0].Op != AndIf || ao.Rest[1].Op != OrIf {
		t.Fatalf("and-or: %s", dump(ao))
	}
	pl := ao.Rest[1].Pipeline
	if !pl.Bang || len(pl.Cmds) != 2 || ao.First.Bang {
		t.Fatalf("pipeline: %s", dump(pl))
	}
	// "! ! a" inverts twice.
	if mustParse(t, "! ! a").List.Items[0].AndOr.First.Bang {
		t.Errorf("! ! a: Bang set")
	}
	// "!" quoted is an ordinary word.
	c := mustParse(t, "a | \\!").List.Items[0].AndOr.First.Cmds[1].(*SimpleCommand)
	if String(c.Args[0]) != "\\!" {
		t.Errorf("a | \\!: %s", dump(c))
	}
	if f := mustParse(t, ""); f.List == nil || len(f.List.Items) != 0 {
		t.Errorf("empty program: %s", dump(f))
	}
}

// The shell shows src[Pos.Offset:End] as a job's command text.
func TestPositions(t *testing.T) {
	src := "sleep 30 &\n  echo a |\n   wc -l # count\nx=1 ls >out;y"
	f := mustParse(t, src)
	var texts []string
	for _, it := range f.List.Items {
		texts = append(texts, src[it.Pos.Offset:it.End])
	}
	want := []string{"sleep 30", "echo a |\n   wc -l", "x=1 ls >out", "y"}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("item texts %q, want %q", texts, want)
	}
	it := f.List.Items[1]
	if it.Pos != (Pos{Offset: 13, Line: 2, Col: 3}) {
		t.Errorf("item 1 at %+v", it.Pos)
	}
	pl := it.AndOr.First
	if src[pl.Pos.Offset:pl.End] != "echo a |\n   wc -l" {
		t.Errorf("pipeline text %q", src[pl.Pos.Offset:pl.End])
	}
	wc := pl.Cmds[1].(*SimpleCommand)
	if wc.Position() != (Pos{Offset: 25, Line: 3, Col: 4}) || wc.Args[1].Pos.Col != 7 {
		t.Errorf("wc at %+v, -l at %+v", wc.Pos, wc.Args[1].Pos)
	}
	c := f.List.Items[2].AndOr.First.Cmds[0].(*SimpleCommand)
	if c.Assigns[0].Pos.Col != 1 || c.Assigns[0].Value.Pos.Col != 3 || c.Redirs[0].Pos.Col != 8 || c.Args[0].Pos.Line != 4 {
		t.Errorf("x=1 ls >out: %+v %+v %+v", c.Assigns[0].Pos, c.Assigns[0].Value.Pos, c.Redirs[0].Pos)
	}
	// Nodes inside $(...) are placed in the outer source.
	src = "echo $(ls |\n  wc)"
	c = firstCmd(t, mustParse(t, src))
	inner := c.Args[1].Parts[0].(*CmdSubst).List.Items[0].AndOr.First.Cmds[1]
	if inner.Position() != (Pos{Offset: 14, Line: 2, Col: 3}) {
		t.Errorf("wc inside $() at %+v", inner.Position())
	}
}

func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		src        string
		pos        string // line:col
		msg        string
		incomplete bool
	}{
		// Unexpected tokens.
		{"| a", "1:1", "syntax error near unexpected token `|'", false},
		{"a | | b", "1:5", "syntax error near unexpected token `|'", false},
		{"a ;;", "1:3", "syntax error near unexpected token `;;'", false},
		{"a && ;", "1:6", "syntax error near unexpected token `;'", false},
		{"a || &", "1:6", "syntax error near unexpected token `&'", false},
		{"&", "1:1", "syntax error near unexpected token `&'", false},
		{";", "1:1", "syntax error near unexpected token `;'", false},
		{"a; ;", "1:4", "syntax error near unexpected token `;'", false},
		{"a &&\n&& b", "2:1", "syntax error near unexpected token `&&'", false},
		{"a\n\n  ) b", "3:3", "syntax error near unexpected token `)'", false},
		{"cat <(a", "1:5", "unexpected EOF while looking for matching `)'", true},
		{"echo $[1+2", "1:6", "unexpected EOF while looking for matching `]'", true},
		{"echo $[a[1]+2", "1:6", "unexpected EOF while looking for matching `]'", true},
		{"echo \"$[1", "1:7", "unexpected EOF while looking for matching `]'", true},
		{"echo \\<(a)", "1:8", "syntax error near unexpected token `('", false},
		{"cat >(a;;)", "1:8", "syntax error near unexpected token `;;'", false},
		{"a (b)", "1:4", "syntax error near unexpected token `b'", false},
		{"a ( )", "1:6", "syntax error: unexpected end of file", true},
		{"a >", "1:4", "syntax error near unexpected token `newline'", false},
		{"a > ", "1:5", "syntax error near unexpected token `newline'", false},
		{"a >\nb", "1:4", "syntax error near unexpected token `newline'", false},
		{"a > | b", "1:5", "syntax error near unexpected token `|'", false},
		{"a 2>&", "1:6", "syntax error near unexpected token `newline'", false},
		{"a < > b", "1:5", "syntax error near unexpected token `>'", false},
		{"cat <<", "1:7", "syntax error near unexpected token `newline'", false},
		{"! &", "1:3", "syntax error near unexpected token `&'", false},
		{"time &", "1:6", "syntax error near unexpected token `&'", false},
		{"(time)", "1:6", "syntax error near unexpected token `)'", false},
		{"time && x", "1:6", "syntax error near unexpected token `&&'", false},
		{"time | a", "1:6", "syntax error near unexpected token `|'", false},
		{"time() { :; }", "1:6", "syntax error near unexpected token `)'", false},
		{"case x in x) time;; esac", "1:18", "syntax error near unexpected token `;;'", false},
		{"echo $(time)", "1:12", "syntax error near unexpected token `)'", false},
		{"time -p |", "1:9", "syntax error near unexpected token `|'", false},
		{"! | a", "1:3", "syntax error near unexpected token `|'", false},
		{"a | ! b", "1:5", "syntax error near unexpected token `!'", false},
		{"echo $(a ;; b)", "1:10", "syntax error near unexpected token `;;'", false},
		{"echo $((1) + )", "1:12", "syntax error near unexpected token `+'", false},
		{"echo (", "1:7", "syntax error near unexpected token `newline'", false},
		{"echo `a |;`", "1:10", "syntax error near unexpected token `;'", false},
		{"echo `echo 'x`", "1:12", "unexpected EOF while looking for matching `''", false},
		{"cat <<EOF\n$(ls\nEOF\n", "2:1", "unexpected EOF while looking for matching `)'", false},
		{"cat <<EOF\n${x:-\nEOF\n", "2:1", "unexpected EOF while looking for matching `}'", false},
		// Incomplete input: the shell asks for more with PS2.
		{"echo 'abc", "1:6", "unexpected EOF while looking for matching `''", true},
		{"echo \"abc", "1:6", "unexpected EOF while looking for matching `\"'", true},
		{"echo \"a\nb", "1:6", "unexpected EOF while looking for matching `\"'", true},
		{"echo a'b\n", "1:7", "unexpected EOF while looking for matching `''", true},
		{"echo `ls", "1:6", "unexpected EOF while looking for matching ``'", true},
		{"echo $(ls", "1:6", "unexpected EOF while looking for matching `)'", true},
		{"echo $(ls |", "1:12", "syntax error: unexpected end of file", true},
		{"echo $(ls >", "1:12", "unexpected EOF while looking for matching `)'", true},
		{"echo \"$(ls\"", "1:11", "unexpected EOF while looking for matching `\"'", true},
		{"echo ${x", "1:6", "unexpected EOF while looking for matching `}'", true},
		{"echo ${x:-abc", "1:6", "unexpected EOF while looking for matching `}'", true},
		{"echo ${", "1:6", "unexpected EOF while looking for matching `}'", true},
		{"echo $((1+2", "1:6", "unexpected EOF while looking for matching `)'", true},
		{"echo $((1+2)", "1:6", "unexpected EOF while looking for matching `)'", true},
		{"cat <<EOF", "1:7", "unexpected end of file (unterminated here-document 'EOF')", true},
		{"cat <<EOF\nabc\n", "1:7", "unexpected end of file (unterminated here-document 'EOF')", true},
		{"cat <<EOF\nabc\n EOF\n", "1:7", "unexpected end of file (unterminated here-document 'EOF')", true},
		{"a |", "1:4", "syntax error: unexpected end of file", true},
		{"a | ", "1:5", "syntax error: unexpected end of file", true},
		{"a &&", "1:5", "syntax error: unexpected end of file", true},
		{"a ||\n", "2:1", "syntax error: unexpected end of file", true},
		{"a |\n\n# comment\n  ", "4:3", "syntax error: unexpected end of file", true},
		{"echo a \\\n", "2:1", "syntax error: unexpected end of file", true},
		{"echo a\\\n", "2:1", "syntax error: unexpected end of file", true},
		{"echo a |\\\n", "2:1", "syntax error: unexpected end of file", true},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) = %v, want a *SyntaxError", tt.src, err)
			continue
		}
		want := tt.pos + ": " + tt.msg
		if se.Error() != want || se.Incomplete != tt.incomplete || IsIncomplete(err) != tt.incomplete {
			t.Errorf("Parse(%q):\n got  %q incomplete=%v\n want %q incomplete=%v", tt.src, se.Error(), se.Incomplete, want, tt.incomplete)
		}
		if se.Msg != tt.msg {
			t.Errorf("Parse(%q): Msg %q", tt.src, se.Msg)
		}
	}
}

// A final backslash-newline asks for more input, except where the
// backslash does not start a line continuation.
func TestFinalBackslashNewline(t *testing.T) {
	for _, src := range []string{"echo \\\\\n", "echo a # comment \\\n", "echo 'a\\'\n", "echo \"a\\\\\"\n", "cat <<'E'\nx\\\nE\n"} {
		if _, err := Parse(src); err != nil {
			t.Errorf("Parse(%q): %v", src, err)
		}
	}
}

func TestIsName(t *testing.T) {
	for _, s := range []string{"a", "_", "A1", "_x_9", "PATH"} {
		if !IsName(s) {
			t.Errorf("IsName(%q) = false", s)
		}
	}
	for _, s := range []string{"", "1", "1a", "a-b", "a b", "é", "a.b", "$a"} {
		if IsName(s) {
			t.Errorf("IsName(%q) = true", s)
		}
	}
}

func TestIsIncompleteOtherErrors(t *testing.T) {
	if IsIncomplete(nil) || IsIncomplete(errors.New("x")) {
		t.Error("IsIncomplete is true for a non-syntax error")
	}
	_, err := Parse("a |")
	if !IsIncomplete(errors.Join(errors.New("wrapped"), err)) {
		t.Error("IsIncomplete does not look through wrapping")
	}
}

func BenchmarkParse(b *testing.B) {
	src := strings.Repeat(`FOO=bar ls -l "$HOME/dir" ${x:-default} $(date +%s) | grep -v '^total' >>out 2>&1 && echo "done: $?" || exit 1
cat <<EOF
hello $USER, today is $(date)
EOF
sleep 30 &
`, 20)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSimpleCommandLineNo: a command written over several lines takes the
// line bash gives it (where the token after its first word ends, or its
// first assignment), for $LINENO and the line its messages name.
func TestSimpleCommandLineNo(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"cd /x", 1},
		{"\n\ncd /x\n", 3},
		{"cd \"/a\nb\"", 2},
		{"cd /x \"a\nb\"", 1},
		{"cd \"/x\ny\" z", 2},
		{"\"cd\" \\\n/q", 2},
		{"cd\\\n /v", 2},
		{"x=1 \\\ncd /w", 1},
		{"x=\"1\n2\" cd /w", 2},
		{"echo $LINENO \\\n$LINENO", 1},
		{"eval 'a\nb' 'c\nd'", 2},
		{"cat <<E\nbody\nE", 1},
		{"nosuch\n", 1},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		sc, ok := f.List.Items[0].AndOr.First.Cmds[0].(*SimpleCommand)
		if !ok {
			t.Fatalf("%q: not a simple command", tt.src)
		}
		if got := sc.LineNo(); got != tt.want {
			t.Errorf("%q: LineNo() = %d, want %d", tt.src, got, tt.want)
		}
	}
}
