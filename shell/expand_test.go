package shell

import (
	"errors"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"gosh/parser"
)

// Helpers that build words by hand, for tests independent of the parser.

func word(parts ...parser.WordPart) *parser.Word { return &parser.Word{Parts: parts} }
func lit(s string) *parser.Lit                   { return &parser.Lit{Value: s} }
func esc(s string) *parser.Escaped               { return &parser.Escaped{Value: s} }
func sq(s string) *parser.SglQuoted              { return &parser.SglQuoted{Value: s} }
func dq(parts ...parser.WordPart) *parser.DblQuoted {
	return &parser.DblQuoted{Parts: parts}
}
func param(name string) *parser.ParamExp { return &parser.ParamExp{Name: name} }
func paramOp(name string, colon bool, op parser.ParamOp, arg *parser.Word) *parser.ParamExp {
	return &parser.ParamExp{Name: name, Colon: colon, Op: op, Arg: arg, Braced: true}
}
func paramLen(name string) *parser.ParamExp {
	return &parser.ParamExp{Name: name, Length: true, Braced: true}
}
func arithExp(parts ...parser.WordPart) *parser.ArithExp {
	return &parser.ArithExp{Expr: word(parts...)}
}

// parseWords parses src as the arguments of one simple command.
func parseWords(t testing.TB, src string) []*parser.Word {
	t.Helper()
	f, err := parser.Parse(": " + src)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	sc, ok := f.List.Items[0].AndOr.First.Cmds[0].(*parser.SimpleCommand)
	if !ok {
		t.Fatalf("parse %q: not a simple command", src)
	}
	return sc.Args[1:]
}

// parseWord parses src as a single word.
func parseWord(t testing.TB, src string) *parser.Word {
	t.Helper()
	ws := parseWords(t, src)
	if len(ws) != 1 {
		t.Fatalf("parse %q: %d words, want 1", src, len(ws))
	}
	return ws[0]
}

// testShell makes a shell with known variables and parameters p1, "p 2",
// p3, running in an empty directory (so that stray patterns match nothing).
func testShell(t testing.TB) *Shell {
	t.Helper()
	t.Chdir(t.TempDir())
	sh := New(Config{Arg0: "gosh", Params: []string{"p1", "p 2", "p3"}})
	for _, name := range []string{"nosuch", "nv", "nv2", "nv3", "CDPATH"} {
		sh.Vars.Unset(name)
	}
	set := map[string]string{
		"HOME": "/home/test",
		"IFS":  " \t\n",
		"a":    "1 2",
		"e":    "",
		"sp":   " x  y ",
		"n":    "4",
		"star": "*",
		"PWD":  "/the/pwd",
	}
	for k, v := range set {
		if err := sh.Vars.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	return sh
}

type fieldsCase struct {
	name   string
	srcs   []string       // source spellings of the words
	ast    []*parser.Word // a hand-built spelling, optional
	want   []string
	params []string          // replaces $1... when not nil
	vars   map[string]string // extra variables
	unset  []string
}

func (c fieldsCase) shell(t *testing.T) *Shell {
	sh := testShell(t)
	if c.params != nil {
		sh.Params = c.params
	}
	for k, v := range c.vars {
		sh.Vars.Set(k, v)
	}
	for _, k := range c.unset {
		sh.Vars.Unset(k)
	}
	return sh
}

func runFieldsCases(t *testing.T, cases []fieldsCase) {
	t.Helper()
	for _, c := range cases {
		check := func(t *testing.T, spelling string, words []*parser.Word) {
			t.Helper()
			sh := c.shell(t)
			got, err := sh.expandFields(words)
			if err != nil {
				t.Fatalf("%s: %v", spelling, err)
			}
			if len(got) == 0 && len(c.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s: got %q, want %q", spelling, got, c.want)
			}
		}
		t.Run(c.name, func(t *testing.T) {
			for _, src := range c.srcs {
				check(t, src, parseWords(t, src))
			}
			if c.ast != nil {
				check(t, "(ast)", c.ast)
			}
		})
	}
}

func TestExpandFields(t *testing.T) {
	pid := strconv.Itoa(os.Getpid())
	runFieldsCases(t, []fieldsCase{
		{name: "literal", srcs: []string{"plain", "pl''ain", `p"la"in`}, ast: []*parser.Word{word(lit("plain"))}, want: []string{"plain"}},
		{name: "several words", srcs: []string{"a b  c"}, want: []string{"a", "b", "c"}},
		{name: "quoted blank", srcs: []string{`"a b"`, `'a b'`, `a\ b`, `a" "b`}, ast: []*parser.Word{word(lit("a"), esc(" "), lit("b"))}, want: []string{"a b"}},
		{name: "empty quotes", srcs: []string{`""`, `''`, `"$e"`, `$e""`, `"$nosuch"`, `"${e}"`}, ast: []*parser.Word{word(dq())}, want: []string{""}},
		{name: "empty expansion vanishes", srcs: []string{`$e`, `$nosuch`, `${e}`, `$e $nosuch`, "$(:)"}, ast: []*parser.Word{word(param("e"))}, want: nil},
		{name: "unquoted split", srcs: []string{`$a`, `${a}`}, ast: []*parser.Word{word(param("a"))}, want: []string{"1", "2"}},
		{name: "quoted not split", srcs: []string{`"$a"`, `"${a}"`}, ast: []*parser.Word{word(dq(param("a")))}, want: []string{"1 2"}},
		{name: "split joins neighbours", srcs: []string{`x$a"y"`, `x${a}y`}, want: []string{"x1", "2y"}},
		{name: "outer blanks dropped", srcs: []string{`$sp`}, want: []string{"x", "y"}},
		{name: "outer blanks kept quoted", srcs: []string{`"$sp"`}, want: []string{" x  y "}},
		{name: "literal text never split", srcs: []string{`a\ b$e`}, want: []string{"a b"}, vars: map[string]string{"IFS": "a"}},
		{name: "dollar escaped", srcs: []string{`\$a`, `'$a'`, `"\$a"`}, ast: []*parser.Word{word(esc("$"), lit("a"))}, want: []string{"$a"}},
		{name: "lone dollar", srcs: []string{`$`, `"$"`}, want: []string{"$"}},

		// ${NAME op word}
		{name: "default unset", srcs: []string{`${nosuch-def}`, `${nosuch:-def}`, `${e:-def}`}, ast: []*parser.Word{word(paramOp("nosuch", false, parser.ParamDefault, word(lit("def"))))}, want: []string{"def"}},
		{name: "default set", srcs: []string{`${n-def}`, `${n:-def}`}, want: []string{"4"}},
		{name: "default empty no colon", srcs: []string{`${e-def}`}, want: nil},
		{name: "default split", srcs: []string{`${nosuch:-x y}`, `${nosuch:-$a}`}, want: []string{"x", "y"}, vars: map[string]string{"a": "x y"}},
		{name: "default quoted", srcs: []string{`"${nosuch:-x y}"`, `${nosuch:-"x y"}`, `${nosuch:-'x y'}`, `${nosuch:-x\ y}`}, want: []string{"x y"}},
		{name: "alternative set", srcs: []string{`${n+alt}`, `${n:+alt}`, `${e+alt}`}, ast: []*parser.Word{word(paramOp("n", true, parser.ParamAlt, word(lit("alt"))))}, want: []string{"alt"}},
		{name: "alternative unset", srcs: []string{`${nosuch+alt}`, `${e:+alt}`, `${nosuch:+alt}`}, want: nil},
		{name: "error set", srcs: []string{`${n?msg}`, `${n:?msg}`}, want: []string{"4"}},
		{name: "error empty no colon", srcs: []string{`${e?msg}`}, want: nil},
		{name: "default tilde", srcs: []string{`${nosuch:-~/x}`}, want: []string{"/home/test/x"}},
		{name: "default IFS split", srcs: []string{`${nosuch:-a:b}`}, vars: map[string]string{"IFS": ":"}, want: []string{"a", "b"}},
		{name: "default partly quoted", srcs: []string{`${nosuch:-"a b"c d}`}, want: []string{"a bc", "d"}},
		{name: "alternative split", srcs: []string{`${sp:+a b}`}, want: []string{"a", "b"}},

		// ${#NAME}
		{name: "length", srcs: []string{`${#a}`, `"${#a}"`}, ast: []*parser.Word{word(paramLen("a"))}, want: []string{"3"}},
		{name: "length unset", srcs: []string{`${#nosuch}`, `${#e}`}, want: []string{"0"}},
		{name: "length characters", srcs: []string{`${#u}`}, want: []string{"5"}, vars: map[string]string{"u": "héllo"}},
		{name: "param count", srcs: []string{`$#`, `${#}`, `${#@}`, `${#*}`}, want: []string{"3"}},
		{name: "length positional", srcs: []string{`${#2}`}, want: []string{"3"}},

		// special and positional parameters
		{name: "positional", srcs: []string{`$1`, `${1}`, `"$1"`}, ast: []*parser.Word{word(param("1"))}, want: []string{"p1"}},
		{name: "positional split", srcs: []string{`$2`}, want: []string{"p", "2"}},
		{name: "positional beyond", srcs: []string{`${10}`, `$9`}, want: nil},
		{name: "dollar one zero", srcs: []string{`$10`}, want: []string{"p10"}},
		{name: "two digits", srcs: []string{`${10}`}, want: []string{"ten"}, params: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "ten"}},
		{name: "arg0", srcs: []string{`$0`, `${0}`}, want: []string{"gosh"}},
		{name: "status", srcs: []string{`$?`, `${?}`}, want: []string{"0"}},
		{name: "pid", srcs: []string{`$$`, `"${$}"`}, want: []string{pid}},
		{name: "no background job", srcs: []string{`$!`}, want: nil},

		// arithmetic
		{name: "arith", srcs: []string{`$((1 + 2))`, `$(( 1+2 ))`, `"$((1+2))"`, `$((n-1))`, `$(($n - 1))`}, ast: []*parser.Word{word(arithExp(lit("1+2")))}, want: []string{"3"}},
		{name: "arith nested", srcs: []string{`$(( $((2*3)) + 1 ))`, `$((2*3+1))`}, want: []string{"7"}},
		{name: "arith adjacent", srcs: []string{`x$((n*2))y`}, want: []string{"x8y"}},

		// tilde
		{name: "tilde", srcs: []string{`~`, `${nosuch:-~}`}, ast: []*parser.Word{word(lit("~"))}, want: []string{"/home/test"}},
		{name: "tilde slash", srcs: []string{`~/x`, `~/"x"`}, want: []string{"/home/test/x"}},
		{name: "tilde quoted", srcs: []string{`"~"`, `\~`, `'~'`}, want: []string{"~"}},
		{name: "tilde not first", srcs: []string{`x~`, `"x"~`}, want: []string{"x~"}},
		{name: "tilde prefix quoted", srcs: []string{`~"/x"`}, want: []string{"~/x"}},
		{name: "tilde pwd", srcs: []string{`~+`}, want: []string{"/the/pwd"}},
		{name: "tilde unknown user", srcs: []string{`~nosuchuser1234/x`}, want: []string{"~nosuchuser1234/x"}},
		{name: "tilde result not split", srcs: []string{`~`}, vars: map[string]string{"HOME": "/a b/*"}, want: []string{"/a b/*"}},
		{name: "tilde in assignment-like word", srcs: []string{`PATH=~/bin:~/go/bin`}, want: []string{"PATH=/home/test/bin:/home/test/go/bin"}},
		{name: "tilde after second equals", srcs: []string{`x=a=~/b:~/c`}, want: []string{"x=a=~/b:/home/test/c"}},
		{name: "no tilde after colon in plain word", srcs: []string{`a:~/b`}, want: []string{"a:~/b"}},
	})
}

func TestExpandPositional(t *testing.T) {
	three := []string{"p1", "p 2", "p3"}
	runFieldsCases(t, []fieldsCase{
		{name: `"$@" none`, srcs: []string{`"$@"`, `$@`, `$*`, `"${@}"`}, ast: []*parser.Word{word(dq(param("@")))}, params: []string{}, want: nil},
		{name: `"$@" none joined`, srcs: []string{`"x$@y"`, `x"$@"y`}, params: []string{}, want: []string{"xy"}},
		{name: `"$*" none`, srcs: []string{`"$*"`, `"$@"""`, `"$@"''`}, params: []string{}, want: []string{""}},
		{name: `"$@" one`, srcs: []string{`"$@"`, `"$*"`, `"${@}"`}, params: []string{"a b"}, want: []string{"a b"}},
		{name: `$@ one`, srcs: []string{`$@`, `$*`}, params: []string{"a b"}, want: []string{"a", "b"}},
		{name: `"$@" one empty`, srcs: []string{`"$@"`, `"$*"`}, params: []string{""}, want: []string{""}},
		{name: `$@ one empty`, srcs: []string{`$@`, `$*`}, params: []string{""}, want: nil},
		{name: `"$@" three`, srcs: []string{`"$@"`, `"${@}"`}, ast: []*parser.Word{word(dq(param("@")))}, params: three, want: three},
		{name: `"x$@y" three`, srcs: []string{`"x$@y"`, `x"$@"y`, `"x${@}"y`}, params: three, want: []string{"xp1", "p 2", "p3y"}},
		{name: `$@ three`, srcs: []string{`$@`, `$*`}, params: three, want: []string{"p1", "p", "2", "p3"}},
		{name: `"$*" three`, srcs: []string{`"$*"`, `"${*}"`}, params: three, want: []string{"p1 p 2 p3"}},
		{name: `"$*" IFS colon`, srcs: []string{`"$*"`}, params: three, vars: map[string]string{"IFS": ":-"}, want: []string{"p1:p 2:p3"}},
		{name: `"$*" IFS empty`, srcs: []string{`"$*"`}, params: three, vars: map[string]string{"IFS": ""}, want: []string{"p1p 2p3"}},
		{name: `"$*" IFS unset`, srcs: []string{`"$*"`}, params: three, unset: []string{"IFS"}, want: []string{"p1 p 2 p3"}},
		{name: `$@ IFS empty keeps params apart`, srcs: []string{`$@`, `$*`}, params: three, vars: map[string]string{"IFS": ""}, want: three},
		{name: `$@ empties vanish`, srcs: []string{`$@`, `$*`}, params: []string{"a", "", "b"}, want: []string{"a", "b"}},
		{name: `$@ empties vanish IFS space first`, srcs: []string{`$@`, `$*`}, params: []string{"a", "", "b"}, vars: map[string]string{"IFS": " :"}, want: []string{"a", "b"}},
		{name: `$@ empties kept IFS colon`, srcs: []string{`$@`, `$*`}, params: []string{"a", "", "b"}, vars: map[string]string{"IFS": ":"}, want: []string{"a", "", "b"}},
		{name: `$@ empties IFS empty`, srcs: []string{`$@`, `$*`}, params: []string{"a", "", "b"}, vars: map[string]string{"IFS": ""}, want: []string{"a", "b"}},
		{name: `"$@" empties kept`, srcs: []string{`"$@"`}, params: []string{"a", "", "b"}, want: []string{"a", "", "b"}},
		{name: `"${@:-x}" null`, srcs: []string{`"${@:-x}"`, `"${*:-x}"`}, params: []string{""}, want: []string{"x"}},
		{name: `"${@-z}" set`, srcs: []string{`"${@-z}"`}, params: []string{""}, want: []string{""}},
		{name: `${@:+alt}`, srcs: []string{`${@:+alt}`}, params: three, want: []string{"alt"}},
		{name: `$@ in default word`, srcs: []string{`"${nosuch-"$@"}"`, `${nosuch-"$@"}`}, params: three, want: three},
	})
}

func TestFieldSplitting(t *testing.T) {
	ifs := func(v string) map[string]string { return map[string]string{"IFS": v, "v": ""} }
	with := func(ifsValue, v string) map[string]string { return map[string]string{"IFS": ifsValue, "v": v} }
	runFieldsCases(t, []fieldsCase{
		{name: "colon empty field", srcs: []string{`$v`, `${v}`}, vars: with(":", "a::b"), want: []string{"a", "", "b"}},
		{name: "colon leading trailing", srcs: []string{`$v`}, vars: with(":", ":a:"), want: []string{"", "a"}},
		{name: "colon doubled trailing", srcs: []string{`$v`}, vars: with(":", "y::"), want: []string{"y", ""}},
		{name: "white and colon", srcs: []string{`$v`}, vars: with(" :", " : a "), want: []string{"", "a"}},
		{name: "white around colons", srcs: []string{`$v`}, vars: with(" :", "a : : b"), want: []string{"a", "", "b"}},
		{name: "white before colon", srcs: []string{`$v`}, vars: with(": ", "a :b"), want: []string{"a", "b"}},
		{name: "IFS empty no split", srcs: []string{`$v`}, vars: with("", "a b"), want: []string{"a b"}},
		{name: "IFS unset", srcs: []string{`$v`}, vars: map[string]string{"v": "a\tb\nc  d"}, unset: []string{"IFS"}, want: []string{"a", "b", "c", "d"}},
		{name: "space not in IFS", srcs: []string{`$v`}, vars: with(":", "a b:c"), want: []string{"a b", "c"}},
		{name: "tab only", srcs: []string{`$v`}, vars: with(" ", "a\tb"), want: []string{"a\tb"}},
		{name: "delimiter at join", srcs: []string{`x$v`}, vars: with(":", ":y"), want: []string{"x", "y"}},
		{name: "trailing delimiter then quote", srcs: []string{`$v""`}, vars: with(":", "a:"), want: []string{"a", ""}},
		{name: "trailing delimiter then text", srcs: []string{`$v"x"`}, vars: with(":", "a:"), want: []string{"a", "x"}},
		{name: "quoted empties stay", srcs: []string{`$v"" ""$v`}, vars: with(":", "a"), want: []string{"a", "a"}},
		{name: "empty vanishes", srcs: []string{`$v`, `$v$v`}, vars: ifs(":"), want: nil},
		{name: "only white", srcs: []string{`$v`}, vars: with(" \t\n", " \t "), want: nil},
		{name: "arith split", srcs: []string{`$((11+100))`}, vars: ifs("1"), want: []string{"", "", ""}},
		{name: "multibyte IFS", srcs: []string{`$v`}, vars: with("é", "aébéc"), want: []string{"a", "b", "c"}},
		{name: "literal colon not split", srcs: []string{`a:b$v`}, vars: with(":", ":c"), want: []string{"a:b", "c"}},
	})
}

func TestCommandSubstitution(t *testing.T) {
	runFieldsCases(t, []fieldsCase{
		{name: "split", srcs: []string{`$(printf 'a b\n\n')`, "`printf 'a b\\n'`"}, want: []string{"a", "b"}},
		{name: "quoted", srcs: []string{`"$(printf 'a b\n\n')"`, "\"`printf 'a b'`\""}, want: []string{"a b"}},
		{name: "inner newlines kept", srcs: []string{`"$(printf 'a\n\nb\n')"`}, want: []string{"a\n\nb"}},
		{name: "empty", srcs: []string{`$(printf '')`, `$(printf '\n\n')`}, want: nil},
		{name: "empty quoted", srcs: []string{`"$(printf '\n')"`}, want: []string{""}},
		{name: "nested", srcs: []string{`$(printf %s $(printf x))y`}, want: []string{"xy"}},
	})
}

// TestParamAssign checks that ${x=w} and ${x:=w} assign, and that the
// assignment is visible afterwards and to later words.
func TestParamAssign(t *testing.T) {
	cases := []struct {
		src     string
		want    []string
		name    string
		value   string
		preset  *string
		colonOK bool
	}{
		{src: `${nv:=hello}`, want: []string{"hello"}, name: "nv", value: "hello"},
		{src: `${nv=hello}`, want: []string{"hello"}, name: "nv", value: "hello"},
		{src: `${nv:=a b}`, want: []string{"a", "b"}, name: "nv", value: "a b"},
		{src: `"${nv:=a b}"`, want: []string{"a b"}, name: "nv", value: "a b"},
		{src: `${nv:=~/x}`, want: []string{"/home/test/x"}, name: "nv", value: "/home/test/x"},
		{src: `"${nv:=~}"`, want: []string{"~"}, name: "nv", value: "~"},
		{src: `${nv:=$a}`, want: []string{"1", "2"}, name: "nv", value: "1 2"},
		{src: `${e:=full}`, want: []string{"full"}, name: "e", value: "full"},
		{src: `${e=full}`, want: nil, name: "e", value: ""},
		{src: `${n:=5}`, want: []string{"4"}, name: "n", value: "4"},
		{src: `${nv:=x} $nv`, want: []string{"x", "x"}, name: "nv", value: "x"},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			sh := testShell(t)
			got, err := sh.expandFields(parseWords(t, c.src))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Errorf("fields %q, want %q", got, c.want)
			}
			if v, ok := sh.Vars.Get(c.name); !ok || v != c.value {
				t.Errorf("%s = %q (set %v), want %q", c.name, v, ok, c.value)
			}
		})
	}
}

func TestExpandErrors(t *testing.T) {
	cases := []struct {
		src     string
		nounset bool
		params  []string
		want    string
	}{
		{src: `${nosuch?}`, want: "nosuch: parameter not set"},
		{src: `${nosuch:?}`, want: "nosuch: parameter null or not set"},
		{src: `"${nosuch:?}"`, want: "nosuch: parameter null or not set"},
		{src: `${e:?}`, want: "e: parameter null or not set"},
		{src: `${nosuch:?custom $a}`, want: "nosuch: custom 1 2"},
		{src: `${nosuch?'quoted  msg'}`, want: "nosuch: quoted  msg"},
		{src: `${1:?}`, params: []string{}, want: "1: parameter null or not set"},
		{src: `${1:=x}`, params: []string{}, want: "$1: cannot assign in this way"},
		{src: `${@:=x}`, params: []string{}, want: "$@: cannot assign in this way"},
		{src: `${ro:=5}`, want: "ro: readonly variable"},
		{src: `$nosuch`, nounset: true, want: "nosuch: unbound variable"},
		{src: `"${nosuch}"`, nounset: true, want: "nosuch: unbound variable"},
		{src: `${#nosuch}`, nounset: true, want: "nosuch: unbound variable"},
		{src: `$9`, nounset: true, want: "$9: unbound variable"},
		{src: `$!`, nounset: true, want: "$!: unbound variable"},
		{src: `$((nosuch + 1))`, nounset: true, want: "nosuch: unbound variable"},
		{src: `$((1/0))`, want: `1/0: division by 0 (error token is "0")`},
		{src: `$(( 1 + ))`, want: `1 + : syntax error: operand expected (error token is "+ ")`},
		{src: `x$((2 2))`, want: `2 2: syntax error in expression (error token is "2")`},
		{src: `${a:-$((1/0))}`, want: ""}, // the default word is not expanded when a is set
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			sh := testShell(t)
			sh.Opts.Nounset = c.nounset
			if c.params != nil {
				sh.Params = c.params
			}
			sh.Vars.Set("ro", "")
			sh.Vars.Lookup("ro").ReadOnly = true
			_, err := sh.expandFields(parseWords(t, c.src))
			if c.want == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var ee *ExpansionError
			if !errors.As(err, &ee) {
				t.Fatalf("error %v (%T), want ExpansionError %q", err, err, c.want)
			}
			if ee.Error() != c.want {
				t.Errorf("error %q, want %q", ee.Error(), c.want)
			}
		})
	}
}

// TestNounsetAllowed lists what set -u does not reject.
func TestNounsetAllowed(t *testing.T) {
	for _, src := range []string{`"$@"`, `$*`, `${nosuch-x}`, `${nosuch:+x}`, `${nosuch=x}`, `$e`, `$1`, `$#`, `$?`, `$-`} {
		t.Run(src, func(t *testing.T) {
			sh := testShell(t)
			sh.Opts.Nounset = true
			sh.Params = []string{"one"}
			if _, err := sh.expandFields(parseWords(t, src)); err != nil {
				t.Fatalf("%s under set -u: %v", src, err)
			}
			sh.Params = nil
			if src == `$1` {
				if _, err := sh.expandFields(parseWords(t, src)); err == nil {
					t.Fatalf("$1 without parameters under set -u: no error")
				}
			}
		})
	}
}

func TestSpecialParams(t *testing.T) {
	sh := testShell(t)
	sh.Status = 127
	sh.LastBg = 4321
	sh.Opts.Nounset = true
	got, err := sh.expandFields(parseWords(t, `$? $! "$-"`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"127", "4321", sh.FlagString()}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if !strings.Contains(sh.FlagString(), "u") {
		t.Errorf("$- = %q, want it to contain u under set -u", sh.FlagString())
	}
}

func TestExpandString(t *testing.T) {
	cases := []struct {
		srcs []string
		ast  *parser.Word
		want string
		ifs  string
	}{
		{srcs: []string{`$a`, `"$a"`, `${a}`}, ast: word(param("a")), want: "1 2"},
		{srcs: []string{`$sp`}, want: " x  y "},
		{srcs: []string{`$@`, `"$@"`, `${@}`}, ast: word(param("@")), want: "p1 p 2 p3"},
		{srcs: []string{`$*`, `"$*"`}, want: "p1:p 2:p3", ifs: ":"},
		{srcs: []string{`$@`, `"$@"`}, want: "p1 p 2 p3", ifs: ":"},
		{srcs: []string{`*`, `"*"`, `$star`}, ast: word(lit("*")), want: "*"},
		{srcs: []string{`~/x`}, want: "/home/test/x"},
		{srcs: []string{`a:~/x`}, want: "a:~/x"},
		{srcs: []string{`"$e"`, `$e`, `''`}, ast: word(), want: ""},
		{srcs: []string{`x$((n*n))y`}, want: "x16y"},
	}
	for _, c := range cases {
		sh := testShell(t)
		if c.ifs != "" {
			sh.Vars.Set("IFS", c.ifs)
		}
		check := func(spelling string, w *parser.Word) {
			got, err := sh.expandString(w)
			if err != nil {
				t.Errorf("%s: %v", spelling, err)
			} else if got != c.want {
				t.Errorf("expandString(%s) = %q, want %q", spelling, got, c.want)
			}
		}
		for _, src := range c.srcs {
			check(src, parseWord(t, src))
		}
		if c.ast != nil {
			check("(ast)", c.ast)
		}
	}
}

func TestExpandAssign(t *testing.T) {
	cases := []struct {
		srcs []string
		want string
	}{
		{srcs: []string{`~/bin:~/go/bin`, `~/bin:~/"go/bin"`}, want: "/home/test/bin:/home/test/go/bin"},
		{srcs: []string{`~/bin:~"/go/bin"`}, want: "/home/test/bin:~/go/bin"},
		{srcs: []string{`~`}, want: "/home/test"},
		{srcs: []string{`a=~/b:~/c`}, want: "a=~/b:/home/test/c"},
		{srcs: []string{`$nosuch:~`, `"":~`}, want: ":/home/test"},
		{srcs: []string{`"~":x`, `\~:x`}, want: "~:x"},
		{srcs: []string{`$a`, `"$a"`}, want: "1 2"},
		{srcs: []string{`*`}, want: "*"},
		{srcs: []string{`$@`}, want: "p1 p 2 p3"},
		{srcs: []string{`x:~nosuchuser1234`}, want: "x:~nosuchuser1234"},
	}
	for _, c := range cases {
		for _, src := range c.srcs {
			sh := testShell(t)
			got, err := sh.expandAssign(parseWord(t, src))
			if err != nil {
				t.Errorf("%s: %v", src, err)
			} else if got != c.want {
				t.Errorf("expandAssign(%s) = %q, want %q", src, got, c.want)
			}
		}
	}
	// A hand-built value: PATH=~/bin:$PATH with the ':' in its own literal.
	sh := testShell(t)
	sh.Vars.Set("P", "/bin")
	got, err := sh.expandAssign(word(lit("x:"), lit("~/bin:"), param("P")))
	if err != nil || got != "x:/home/test/bin:/bin" {
		t.Errorf("expandAssign(ast) = %q, %v", got, err)
	}
}

func TestExpandRedirTarget(t *testing.T) {
	cases := []struct {
		src     string
		want    string
		wantErr string
	}{
		{src: `out.txt`, want: "out.txt"},
		{src: `"$a"`, want: "1 2"},
		{src: `~/x`, want: "/home/test/x"},
		{src: `$n.log`, want: "4.log"},
		{src: `"$e"`, want: ""},
		{src: `$a`, wantErr: "$a: ambiguous redirect"},
		{src: `$nosuch`, wantErr: "$nosuch: ambiguous redirect"},
		{src: `${nosuch}`, wantErr: "${nosuch}: ambiguous redirect"},
		{src: `"$@"`, wantErr: `"$@": ambiguous redirect`},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			sh := testShell(t)
			got, err := sh.expandRedirTarget(parseWord(t, c.src))
			if c.wantErr != "" {
				var ee *ExpansionError
				if !errors.As(err, &ee) || ee.Msg != c.wantErr {
					t.Fatalf("got %q, %v; want error %q", got, err, c.wantErr)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestExpandRedirTargetGlob(t *testing.T) {
	sh := testShell(t)
	writeFiles(t, ".", "only.txt", "a.log", "b.log")
	got, err := sh.expandRedirTarget(parseWord(t, `*.txt`))
	if err != nil || got != "only.txt" {
		t.Errorf("*.txt: got %q, %v", got, err)
	}
	if _, err := sh.expandRedirTarget(parseWord(t, `*.log`)); err == nil || err.Error() != "*.log: ambiguous redirect" {
		t.Errorf("*.log: error %v, want ambiguous redirect", err)
	}
}

func TestExpandHeredoc(t *testing.T) {
	heredoc := func(t *testing.T, src string) *parser.Heredoc {
		t.Helper()
		f, err := parser.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		sc := f.List.Items[0].AndOr.First.Cmds[0].(*parser.SimpleCommand)
		return sc.Redirs[0].Heredoc
	}
	cases := []struct {
		src  string
		want string
	}{
		{"cat <<EOF\nx $a \"q\" 'r' \\$b ~ $(printf y)\nEOF\n", "x 1 2 \"q\" 'r' $b ~ y\n"},
		{"cat <<'EOF'\nx $a \\$b `z`\nEOF\n", "x $a \\$b `z`\n"},
		{"cat <<\"EOF\"\n$a\nEOF\n", "$a\n"},
		{"cat <<-EOF\n\t$n \\\n\tz\n\tEOF\n", "4 z\n"},
		{"cat <<EOF\n$((n+1)) ${nosuch:-d e} \"$@\"\nEOF\n", "5 d e \"p1 p 2 p3\"\n"},
		{"cat <<EOF\nEOF\n", ""},
	}
	for _, c := range cases {
		sh := testShell(t)
		got, err := sh.expandHeredoc(heredoc(t, c.src))
		if err != nil || got != c.want {
			t.Errorf("%q: got %q, %v; want %q", c.src, got, err, c.want)
		}
	}
	// Hand-built bodies.
	sh := testShell(t)
	got, err := sh.expandHeredoc(&parser.Heredoc{Delim: "E", Quoted: true, Body: word(lit("$a\n"))})
	if err != nil || got != "$a\n" {
		t.Errorf("quoted ast: got %q, %v", got, err)
	}
	got, err = sh.expandHeredoc(&parser.Heredoc{Delim: "E", Body: word(lit("<"), param("a"), lit(">\n"))})
	if err != nil || got != "<1 2>\n" {
		t.Errorf("unquoted ast: got %q, %v", got, err)
	}
	got, err = sh.expandHeredoc(&parser.Heredoc{Delim: "E"})
	if err != nil || got != "" {
		t.Errorf("nil body: got %q, %v", got, err)
	}
}

// TestTildeUser checks ~user against the password file and ~ with
// HOME unset.
func TestTildeUser(t *testing.T) {
	pw, err := lookupUserID(os.Getuid())
	if err != nil {
		t.Skip("the user is not in /etc/passwd:", err)
	}
	u := struct{ Username, HomeDir string }{pw.name, pw.home}
	sh := testShell(t)
	got, err := sh.expandFields(parseWords(t, "~"+u.Username+"/x ~"+u.Username))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{u.HomeDir + "/x", u.HomeDir}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("~%s: got %q, want %q", u.Username, got, want)
	}
	sh.Vars.Unset("HOME")
	got, err = sh.expandFields(parseWords(t, "~"))
	if err != nil || len(got) != 1 || got[0] != u.HomeDir {
		t.Errorf("~ with HOME unset: got %q, %v; want %q", got, err, u.HomeDir)
	}
	sh.Vars.Set("OLDPWD", "/old")
	got, _ = sh.expandFields(parseWords(t, "~-"))
	if len(got) != 1 || got[0] != "/old" {
		t.Errorf("~-: got %q", got)
	}
}

func BenchmarkExpandFields(b *testing.B) {
	sh := testShell(b)
	words := parseWords(b, `ls -l "$HOME/dir" ${a:-x} "$@" $((n*2+1)) x$a"y" 'lit' ~/bin`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sh.expandFields(words); err != nil {
			b.Fatal(err)
		}
	}
}
