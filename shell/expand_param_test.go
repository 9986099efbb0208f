package shell

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// Table tests for bash's parameter operators, arrays, $'...', brace
// expansion and the special variables. Each expectation is what bash 5.2
// prints for the same words.

func TestParamPatternOps(t *testing.T) {
	vars := map[string]string{
		"f": "src/main.c", "p": "/usr/lib/x.so.1", "s": "a*b", "bs": `\*`, "st": "*",
		"h": "hello", "ab": "abcabc", "path": "a/b/c", "q": "'a'b", "u": "ÄbÇ",
	}
	runFieldsCases(t, []fieldsCase{
		{name: "# shortest prefix", srcs: []string{`${f#*/}`, `"${f#*/}"`}, want: []string{"main.c"}, vars: vars},
		{name: "## longest prefix", srcs: []string{`${p##*/}`}, want: []string{"x.so.1"}, vars: vars},
		{name: "% shortest suffix", srcs: []string{`${f%.c}.o`, `"${f%.c}".o`}, want: []string{"src/main.o"}, vars: vars},
		{name: "%% longest suffix", srcs: []string{`${p%%.*}`}, want: []string{"/usr/lib/x"}, vars: vars},
		{name: "% no match", srcs: []string{`${f%.h}`}, want: []string{"src/main.c"}, vars: vars},
		{name: "# bracket", srcs: []string{`${f#[a-s]}`, `${f#[[:alpha:]]}`}, want: []string{"rc/main.c"}, vars: vars},
		{name: "# negated bracket", srcs: []string{`${f#[!s]}`}, want: []string{"src/main.c"}, vars: vars},
		{name: "# question", srcs: []string{`${f#???}`}, want: []string{"/main.c"}, vars: vars},
		{name: "quoted star literal", srcs: []string{`${s%"*b"}`, `${s%\*b}`, `"${s%\*b}"`, `${s%'*'b}`}, want: []string{"a"}, vars: vars},
		{name: "star from variable is a pattern", srcs: []string{`"${s%$st}"`}, want: []string{"a*b"}, vars: vars},
		{name: "quoted variable is literal", srcs: []string{`"${s#"$st"}"`}, want: []string{"a*b"}, vars: vars},
		{name: "backslash from variable escapes", srcs: []string{`"${s%$bs*}"`}, want: []string{"a"}, vars: vars},
		{name: "single quotes inside double quotes", srcs: []string{`"${q#'a'}"`}, want: []string{"'a'b"}, vars: vars},
		{name: "unicode", srcs: []string{`${u#?}`}, want: []string{"bÇ"}, vars: vars},
		{name: "per parameter", srcs: []string{`"${@#p}"`}, want: []string{"1", " 2", "3"}},
		{name: "/ first", srcs: []string{`${ab/b/X}`, `"${ab/b/X}"`}, want: []string{"aXcabc"}, vars: vars},
		{name: "// all", srcs: []string{`${ab//b/X}`}, want: []string{"aXcaXc"}, vars: vars},
		{name: "/# anchored start", srcs: []string{`${ab/#a/X}`}, want: []string{"Xbcabc"}, vars: vars},
		{name: "/% anchored end", srcs: []string{`${ab/%c/X}`}, want: []string{"abcabX"}, vars: vars},
		{name: "/# empty pattern", srcs: []string{`${ab/#/P}`}, want: []string{"Pabcabc"}, vars: vars},
		{name: "/ longest match", srcs: []string{`${ab/b*c/X}`}, want: []string{"aX"}, vars: vars},
		{name: "/ delete", srcs: []string{`${ab//b}`, `${ab//b/}`}, want: []string{"acac"}, vars: vars},
		{name: "/ slash pattern", srcs: []string{`${path//\//_}`, `"${path//'/'/_}"`}, want: []string{"a_b_c"}, vars: vars},
		{name: "/ ampersand is the match", srcs: []string{`${ab/b/[&]}`, `"${ab/b/[&]}"`}, want: []string{"a[b]cabc"}, vars: vars},
		{name: "/ quoted ampersand", srcs: []string{`${ab/b/\&}`, `"${ab/b/"&"}"`}, want: []string{"a&cabc"}, vars: vars},
		{name: "/ replacement split unquoted", srcs: []string{`${ab/b/ }`}, want: []string{"a", "cabc"}, vars: vars},
		{name: "/ per array element", srcs: []string{`"${@/p/P}"`}, want: []string{"P1", "P 2", "P3"}},
		{name: "^ first", srcs: []string{`${h^}`}, want: []string{"Hello"}, vars: vars},
		{name: "^^ all", srcs: []string{`${h^^}`}, want: []string{"HELLO"}, vars: vars},
		{name: "^^ pattern", srcs: []string{`${h^^[lo]}`}, want: []string{"heLLO"}, vars: vars},
		{name: ", and ,,", srcs: []string{`${h^^},${h,}`}, want: []string{"HELLO,hello"}, vars: vars},
		{name: "~~ toggle", srcs: []string{`${u~~}`}, want: []string{"äBç"}, vars: vars},
	})
}

func TestParamSubstringAndIndirect(t *testing.T) {
	vars := map[string]string{"x": "abcdef", "ref": "x", "pref": "1", "u": "ÄbÇd"}
	runFieldsCases(t, []fieldsCase{
		{name: "offset", srcs: []string{`${x:2}`}, want: []string{"cdef"}, vars: vars},
		{name: "offset length", srcs: []string{`${x:1:3}`}, want: []string{"bcd"}, vars: vars},
		{name: "negative offset", srcs: []string{`${x: -2}`, `${x:(-2)}`, `${x:${#x}-2}`}, want: []string{"ef"}, vars: vars},
		{name: "negative length", srcs: []string{`${x:1:-1}`}, want: []string{"bcde"}, vars: vars},
		{name: "arithmetic", srcs: []string{`${x:n-3:n/2}`}, want: []string{"bc"}, vars: vars},
		{name: "past the end", srcs: []string{`"${x:10}"`}, want: []string{""}, vars: vars},
		{name: "characters", srcs: []string{`${u:1:2}`}, want: []string{"bÇ"}, vars: vars},
		{name: "positional", srcs: []string{`"${@:2}"`}, want: []string{"p 2", "p3"}},
		{name: "positional from 0", srcs: []string{`"${@:0:2}"`}, want: []string{"gosh", "p1"}},
		{name: "positional negative", srcs: []string{`"${@: -1}"`}, want: []string{"p3"}},
		{name: "indirect", srcs: []string{`${!ref}`}, want: []string{"abcdef"}, vars: vars},
		{name: "indirect positional", srcs: []string{`${!pref}`}, want: []string{"p1"}, vars: vars},
		{name: "indirect with op", srcs: []string{`${!ref:1:2}`}, want: []string{"bc"}, vars: vars},
		{name: "indirect last parameter", srcs: []string{`${!#}`}, want: []string{"p3"}},
		{name: "names by prefix", srcs: []string{`${!pre*}`}, want: []string{"pref"}, vars: vars},
		{name: "transform Q", srcs: []string{`${x@Q}`}, want: []string{"'abcdef'"}, vars: vars},
		{name: "transform U u L", srcs: []string{`${x@U}${x@u}${x@L}`}, want: []string{"ABCDEFAbcdefabcdef"}, vars: vars},
		{name: "transform E", srcs: []string{`"${esc@E}"`}, want: []string{"a\tb"}, vars: map[string]string{"esc": `a\tb`}},
	})
}

func TestArrays(t *testing.T) {
	cases := []struct {
		name   string
		script string
		word   string
		want   []string
	}{
		{"list", `a=(x "y z" w)`, `"${a[@]}"`, []string{"x", "y z", "w"}},
		{"element", `a=(x y z)`, `${a[1]}`, []string{"y"}},
		{"star joins", `a=(x y z)`, `"${a[*]}"`, []string{"x y z"}},
		{"star joins with IFS", `a=(x y z); IFS=:`, `"${a[*]}"`, []string{"x:y:z"}},
		{"name is element 0", `a=(x y z)`, `$a`, []string{"x"}},
		{"count", `a=(x y z)`, `${#a[@]}`, []string{"3"}},
		{"length of element", `a=(x yy z)`, `${#a[1]}`, []string{"2"}},
		{"keys", `a=(x y); a[5]=z`, `${!a[@]}`, []string{"0", "1", "5"}},
		{"sparse", `a=(x y z); unset 'a[1]'`, `"${a[@]}" ${!a[*]}`, []string{"x", "z", "0", "2"}},
		{"append", `a=(x); a+=(y z)`, `"${a[@]}"`, []string{"x", "y", "z"}},
		{"append after gap", `a=([3]=x); a+=(y)`, `${!a[@]}`, []string{"3", "4"}},
		{"keyed elements", `a=([2]=b [0]=a c)`, `"${a[@]}"`, []string{"a", "c", "b"}},
		{"arithmetic subscript", `a=(x y z); i=1`, `${a[i+1]} ${a[$i]}`, []string{"z", "y"}},
		{"negative subscript", `a=(x y z)`, `${a[-1]}`, []string{"z"}},
		{"element assignment", `a[2]=z; a[0]=x`, `"${a[@]}" ${#a[@]}`, []string{"x", "z", "2"}},
		{"string append", `s=ab; s+=cd`, `$s`, []string{"abcd"}},
		{"append to element", `a=(x y); a[1]+=z`, `${a[1]}`, []string{"yz"}},
		{"string becomes array", `s=x; s[1]=y`, `"${s[@]}"`, []string{"x", "y"}},
		{"elements split and glob", `v="1 2"; a=($v 3)`, `${#a[@]}`, []string{"3"}},
		{"empty array gives no field", `a=()`, `"${a[@]}"`, nil},
		{"array slice by index", `a=(x y z w)`, `"${a[@]:1:2}"`, []string{"y", "z"}},
		{"array pattern per element", `a=(x.c y.c)`, `"${a[@]%.c}"`, []string{"x", "y"}},
		{"arithmetic element", `a=(1 2 3)`, `$((a[0]+a[2]))`, []string{"4"}},
		{"arithmetic assigns element", `a=(1 2 3); : $((a[1]=7))`, `${a[1]}`, []string{"7"}},
		{"declare -A style", `declare_assoc h; h[k]=v; h[j]=w`, `${h[k]}${h[j]} ${!h[@]}`, []string{"vw", "k", "j"}},
		{"assoc list", `declare_assoc h; h=([one]=1 [two]=2)`, `${h[two]} ${#h[@]}`, []string{"2", "2"}},
		{"default on element", `a=(x)`, `${a[3]:-d} ${a[0]:-d}`, []string{"d", "x"}},
		{"assign default on element", `a=(x)`, `${a[2]:=n} ${a[2]}`, []string{"n", "n"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sh := testShell(t)
			script := strings.ReplaceAll(c.script, "declare_assoc h", ":")
			if strings.Contains(c.script, "declare_assoc h") {
				sh.Vars.DeclareArray("h", true)
			}
			if _, err := sh.RunString(script); err != nil {
				t.Fatalf("%s: %v", c.script, err)
			}
			got, err := sh.expandFields(parseWords(t, c.word))
			if err != nil {
				t.Fatalf("%s: %v", c.word, err)
			}
			if len(got) == 0 && len(c.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s; %s: got %q, want %q", c.script, c.word, got, c.want)
			}
		})
	}
}

func TestParamErrors(t *testing.T) {
	cases := []struct{ script, word, want string }{
		{``, `${!nosuch}`, "nosuch: invalid indirect expansion"},
		{`r='a b'`, `${!r}`, "a b: invalid variable name"},
		{`x=abc`, `${x:1:-5}`, "-5: substring expression < 0"},
		{`a=(1)`, `${a[1/0]}`, `1/0: division by 0 (error token is "0")`},
		{``, `${x:1/0}`, `x: 1/0: division by 0 (error token is "0")`},
		{`x=abc n=-5`, `${x:0:n}`, "n: substring expression < 0"},
		{`set a`, `${@:1:$(($# - 2))}`, "$(($# - 2)): substring expression < 0"},
		{`a=(1)`, `${a[@]:1+}`, `a[@]: 1+: syntax error: operand expected (error token is "+")`},
		{``, `${x:}`, "${x:}: bad substitution"},
		{`a=()`, `${a[1]:?}`, "a[1]: parameter null or not set"},
	}
	for _, c := range cases {
		t.Run(c.word, func(t *testing.T) {
			sh := testShell(t)
			if _, err := sh.RunString(c.script); err != nil {
				t.Fatal(err)
			}
			_, err := sh.expandFields(parseWords(t, c.word))
			var ee *ExpansionError
			if !errors.As(err, &ee) {
				t.Fatalf("error %v (%T), want %q", err, err, c.want)
			}
			if ee.Error() != c.want {
				t.Errorf("error %q, want %q", ee.Error(), c.want)
			}
		})
	}
}

func TestBraceExpansion(t *testing.T) {
	runFieldsCases(t, []fieldsCase{
		{name: "list", srcs: []string{`{a,b,c}`}, want: []string{"a", "b", "c"}},
		{name: "preamble and postscript", srcs: []string{`x{a,b}y`}, want: []string{"xay", "xby"}},
		{name: "two", srcs: []string{`{a,b}{1,2}`}, want: []string{"a1", "a2", "b1", "b2"}},
		{name: "nested", srcs: []string{`{a,{b,c}d}`}, want: []string{"a", "bd", "cd"}},
		{name: "empty alternative", srcs: []string{`x{,y}`}, want: []string{"x", "xy"}},
		{name: "numbers", srcs: []string{`{1..4}`}, want: []string{"1", "2", "3", "4"}},
		{name: "down", srcs: []string{`{3..1}`}, want: []string{"3", "2", "1"}},
		{name: "step", srcs: []string{`{1..10..3}`}, want: []string{"1", "4", "7", "10"}},
		{name: "padded", srcs: []string{`{08..11}`}, want: []string{"08", "09", "10", "11"}},
		{name: "negative", srcs: []string{`{-1..1}`}, want: []string{"-1", "0", "1"}},
		{name: "letters", srcs: []string{`{a..e..2}`}, want: []string{"a", "c", "e"}},
		{name: "not a sequence", srcs: []string{`{a..1}`}, want: []string{"{a..1}"}},
		{name: "one element", srcs: []string{`{a}`}, want: []string{"{a}"}},
		{name: "empty", srcs: []string{`{}`}, want: []string{"{}"}},
		{name: "unclosed", srcs: []string{`{a,b`}, want: []string{"{a,b"}},
		{name: "quoted comma", srcs: []string{`{a",b"}`, `{a\,b}`}, want: []string{"{a,b}"}},
		{name: "quoted braces", srcs: []string{`"{a,b}"`, `\{a,b}`}, want: []string{"{a,b}"}},
		{name: "before parameters", srcs: []string{`{$n,x}`}, want: []string{"4", "x"}},
		{name: "quoted part inside", srcs: []string{`{"a b",c}`}, want: []string{"a b", "c"}},
		{name: "literal braces around", srcs: []string{`{{a,b}}`}, want: []string{"{a}", "{b}"}},
		{name: "later expression", srcs: []string{`{a}{b,c}`}, want: []string{"{a}b", "{a}c"}},
		{name: "tilde after", srcs: []string{`~/{a,b}`}, want: []string{"/home/test/a", "/home/test/b"}},
	})
}

func TestAnsiCQuoting(t *testing.T) {
	runFieldsCases(t, []fieldsCase{
		{name: "escapes", srcs: []string{`$'a\tb\nc'`}, want: []string{"a\tb\nc"}},
		{name: "hex octal", srcs: []string{`$'\x41\101\0101'`}, want: []string{"AA\b1"}},
		{name: "unicode", srcs: []string{`$'\u00e9\U0001F600'`}, want: []string{"é😀"}},
		{name: "quotes", srcs: []string{`$'it\'s \"q\"'`}, want: []string{`it's "q"`}},
		{name: "escape and control", srcs: []string{`$'\e\E\cA\c?'`}, want: []string{"\x1b\x1b\x01\x7f"}},
		{name: "unknown kept", srcs: []string{`$'\q'`}, want: []string{`\q`}},
		{name: "NUL ends", srcs: []string{`$'ab\0cd'x`}, want: []string{"abx"}},
		{name: "not split", srcs: []string{`$'a b'`}, want: []string{"a b"}},
		{name: "locale string", srcs: []string{`$"a $n"`}, want: []string{"a 4"}},
		{name: "inside double quotes literal", srcs: []string{`"$'a'"`}, want: []string{"$'a'"}},
	})
}

func TestSpecialVariables(t *testing.T) {
	sh := testShell(t)
	// RANDOM with a seed gives bash's numbers.
	if _, err := sh.RunString("RANDOM=1"); err != nil {
		t.Fatal(err)
	}
	got, _ := sh.expandFields(parseWords(t, `$RANDOM $RANDOM $RANDOM`))
	if want := []string{"16807", "10791", "19566"}; !reflect.DeepEqual(got, want) {
		t.Errorf("RANDOM after RANDOM=1: got %q, want %q", got, want)
	}
	got, _ = sh.expandFields(parseWords(t, `$((RANDOM < 32768))`))
	if got[0] != "1" {
		t.Errorf("RANDOM in arithmetic: %q", got)
	}
	// SECONDS counts from what is assigned.
	sh.RunString("SECONDS=100")
	got, _ = sh.expandFields(parseWords(t, `$SECONDS`))
	if got[0] != "100" && got[0] != "101" {
		t.Errorf("SECONDS after SECONDS=100: %q", got)
	}
	// $_ is the last argument of the previous command.
	sh.RunString(": a b last")
	got, _ = sh.expandFields(parseWords(t, `$_`))
	if got[0] != "last" {
		t.Errorf("$_ = %q, want last", got)
	}
	// LINENO is the line of the command.
	sh.RunString("\n\nx=$LINENO")
	if v, _ := sh.Vars.Get("x"); v != "3" {
		t.Errorf("LINENO on line 3 = %q", v)
	}
	// PPID cannot be assigned; UID, EUID, OSTYPE, SHLVL are set.
	if err := sh.Vars.Set("PPID", "1"); err == nil {
		t.Error("PPID is not read-only")
	}
	for _, name := range []string{"UID", "EUID", "OSTYPE", "SHLVL", "HOSTNAME"} {
		if v, ok := sh.Vars.Get(name); !ok || v == "" {
			t.Errorf("%s is not set", name)
		}
	}
	// PIPESTATUS holds the one status of an in-shell command.
	sh.RunString("false")
	got, _ = sh.expandFields(parseWords(t, `${PIPESTATUS[@]}`))
	if !reflect.DeepEqual(got, []string{"1"}) {
		t.Errorf("PIPESTATUS after false = %q", got)
	}
}

// BenchmarkParamOps measures the pattern operators on a 100,000-byte
// value: a literal pattern is a string search, a fixed-width one a single
// match per position, so none of them is quadratic.
func BenchmarkParamOps(b *testing.B) {
	sh := testShell(b)
	sh.Vars.Set("big", strings.Repeat("ab/", 33334))
	for _, src := range []string{`${big//\//_}`, `${big//[ab]/x}`, `${big//?/y}`, `${big%%/}`, `${big#a?}`, `${big^^}`} {
		w := parseWord(b, src)
		b.Run(src, func(b *testing.B) {
			for range b.N {
				if _, err := sh.expandString(w); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
