package parser

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

// TestParamRoundTrip checks that every parameter operator, array
// assignment, $'...', <<< and |& parse and print back as written (the
// printer's canonical spelling).
func TestParamRoundTrip(t *testing.T) {
	tests := []struct{ src, want string }{
		{`echo ${x#*/} ${x##*/} ${x%.c} ${x%%.*}`, ""},
		{`echo ${x/a/b} ${x//a/b} ${x/#a/b} ${x/%a/b} ${x/a} ${x//\//_}`, ""},
		{`echo ${x:1} ${x:1:2} ${x: -1} ${x:(-2):1} ${x:i+1:n}`, ""},
		{`echo ${x^} ${x^^} ${x,} ${x,,} ${x^^[ab]} ${x~} ${x~~}`, ""},
		{`echo ${x@Q} ${x@E} ${!x} ${!pre*} ${!pre@} ${!a[@]} ${!#}`, ""},
		{`echo ${a[1]} ${a[@]} ${a[*]} ${#a[@]} ${#a[i+1]} ${a[$i]:-d} ${a["k"]}`, ""},
		{`echo "${x#'a'}" "${x/"a"/'b'}"`, ""},
		{`a=(1 "2 3" [5]=x) b+=(y) c[1]=z d+=s e[$i]+=t`, ""},
		{"a=(\n1\n2 # c\n)", "a=(1 2)"},
		{`a=(<(x) y>(z))`, ""},
		{`echo $'a\tb\'c' $"x"`, `echo $'a\tb\'c' "x"`},
		{`cat <<< "$x" <<<word`, `cat <<<"$x" <<<word`},
		{`a |& b`, `a 2>&1 | b`},
		{`a[i + 1]=x h[a b]+=y`, ""},
		{`a=([x y]=1 [$i + 1]=2 [k]+=3)`, ""},
		{`x=1 a[1 * 2]=y cmd a[b c]=d`, ""},
		{`echo [a b] x[y z]`, `echo [a b] x[y z]`},
	}
	for _, tt := range tests {
		want := tt.want
		if want == "" {
			want = tt.src
		}
		f, err := Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if got := String(f); got != want {
			t.Errorf("String(Parse(%q)) = %q, want %q", tt.src, got, want)
			continue
		}
		// The printed text parses to the same tree.
		g, err := Parse(want)
		if err != nil {
			t.Errorf("reparse %q: %v", want, err)
			continue
		}
		if String(g) != want {
			t.Errorf("reparse %q prints %q", want, String(g))
		}
	}
}

func TestParamTree(t *testing.T) {
	w := firstArg(t, `${a[i]/#x/y}`)
	pe := w.Parts[0].(*ParamExp)
	if pe.Name != "a" || pe.Op != ParamReplacePrefix || String(pe.Index) != "i" || String(pe.Arg) != "x" || String(pe.Repl) != "y" {
		t.Errorf("got %+v", pe)
	}
	w = firstArg(t, `${!x:-d}`)
	pe = w.Parts[0].(*ParamExp)
	if !pe.Indirect || pe.Op != ParamDefault || !pe.Colon {
		t.Errorf("got %+v", pe)
	}
	f, err := Parse(`a[i+1]+=x`)
	if err != nil {
		t.Fatal(err)
	}
	as := f.List.Items[0].AndOr.First.Cmds[0].(*SimpleCommand).Assigns
	if len(as) != 1 || as[0].Array != nil || String(as[0].Index) != "i+1" || !as[0].Append || String(as[0].Value) != "x" {
		t.Errorf("a[i+1]+=x: %+v", as)
	}
	f, err = Parse(`a=(x [k]=v)`)
	if err != nil {
		t.Fatal(err)
	}
	a := f.List.Items[0].AndOr.First.Cmds[0].(*SimpleCommand).Assigns[0]
	if a.Array == nil || len(a.Array.Elems) != 2 || a.Array.Raw != "(x [k]=v)" {
		t.Errorf("a=(x [k]=v): %+v", a)
	}
}

func TestParamSyntaxErrors(t *testing.T) {
	for _, src := range []string{`a[1]=(x)`, "a=(1 2", "echo ${x/a", "echo ${x!y", "echo ${x@Z'}'"} {
		if _, err := Parse(src); err == nil {
			t.Errorf("Parse(%q) succeeded, want a syntax error", src)
		}
	}
	if _, err := Parse("a=(1 2"); !IsIncomplete(err) {
		t.Errorf("an unclosed array list is not Incomplete: %v", err)
	}
}

// TestParamBad checks that a ${...} that is no valid expansion parses,
// up to its closing brace, into a ParamExp holding its text (Bad): bash
// reports "bad substitution" only when it expands the word.
func TestParamBad(t *testing.T) {
	for _, src := range []string{`${x!y}`, `${}`, `${#x-y}`, `${x y}`, `${x@Z}`, `${#x:1}`, `${a[1}`, `${!x*y}`, `${x!'}'}`, `${x!{a}}`} {
		w := firstArg(t, src+"tail")
		pe, ok := w.Parts[0].(*ParamExp)
		if !ok || pe.Bad != src {
			t.Errorf("%s: parts %#v, want a ParamExp with Bad %q", src, w.Parts, src)
			continue
		}
		if got := String(w); got != src+"tail" {
			t.Errorf("%s prints as %q", src, got)
		}
	}
}

func TestDecodeEscapes(t *testing.T) {
	for in, want := range map[string]string{`a\tb`: "a\tb", `\x41\102`: "AB", `\0102`: "\b2", `\u263a`: "☺", `x\0y`: "x", `\z`: `\z`} {
		if got := DecodeEscapes(in); !reflect.DeepEqual(got, want) {
			t.Errorf("DecodeEscapes(%q) = %q, want %q", in, got, want)
		}
	}
}

func firstArg(t *testing.T, src string) *Word {
	t.Helper()
	f, err := Parse("echo " + src)
	if err != nil {
		t.Fatal(err)
	}
	return f.List.Items[0].AndOr.First.Cmds[0].(*SimpleCommand).Args[1]
}

// FuzzParam is FuzzParse's check (no panic; a tree prints as text that
// parses again and prints the same) started from the constructs of
// param.go: every ${...} operator, subscripts, $'...', array lists, <<<
// and |&. "go test -fuzz=FuzzParam ./parser/" explores.
func FuzzParam(f *testing.F) {
	for _, s := range []string{
		`echo ${x#*/} ${x##*/} ${x%.c} ${x%%.*} "${x#'a'}"`,
		`echo ${x/a/b} ${x//a/b} ${x/#a/b} ${x/%a/b} ${x/a} ${x//\//_} "${x/"a"/'b'}"`,
		`echo ${x:1} ${x:1:2} ${x: -1} ${x:(-2):1} ${x:i+1:n}`,
		`echo ${x^} ${x^^} ${x,} ${x,,} ${x^^[ab]} ${x~} ${x~~} ${x@Q}`,
		`echo ${!x} ${!pre*} ${!pre@} ${!a[@]} ${!#} ${a[1]} ${a[@]} ${#a[*]} ${a["k"]:-d}`,
		`a=(1 "2 3" [5]=x) b+=(y) c[1]=z d+=s e[$i]+=t`,
		"a=(\n1 # c\n2\n)",
		`echo $'a\tb\'c\x41\u263a\0' $"x $y"`,
		`cat <<< "$x" 3<<<word`,
		`a |& b |& c`,
		`echo {a,b}{1..3} ${x:-$'q'}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q): %v is not a *SyntaxError", src, err)
			}
			return
		}
		out := String(file)
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(%q) printed %q, which does not parse: %v", src, out, err)
		}
		if out2 := String(again); out2 != out {
			t.Fatalf("Parse(%q) printed %q, which prints as %q", src, out, out2)
		}
	})
}

// TestParamReaderPullsLines checks that the constructs of param.go read
// further lines from a Reader when they span lines, instead of stopping
// at the end of the first one.
func TestParamReaderPullsLines(t *testing.T) {
	for _, src := range []string{
		"echo $'x\ny'\n",
		"a=(1\n2\n)\n",
		"echo ${x/\n/y}\n",
		"echo ${a[\n1]}\n",
		"echo ${x:\n1:\n2}\n",
	} {
		lines := strings.SplitAfter(src, "\n")
		next := func(bool) (string, error) {
			if len(lines) == 0 || lines[0] == "" {
				return "", io.EOF
			}
			l := lines[0]
			lines = lines[1:]
			return l, nil
		}
		r := NewReader(LineSource(next), Config{})
		f, err := r.Next()
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		want, _ := Parse(src)
		if String(f) != String(want) {
			t.Errorf("%q: read as %q, want %q", src, String(f), String(want))
		}
	}
}

// TestParamBadTransform checks that an unknown ${x@Z} keeps its name and
// operator, so that the shell can give "" for an unset x and fail only
// for a set one, as bash.
func TestParamBadTransform(t *testing.T) {
	for _, c := range []struct{ src, name, letters string }{
		{`${x@Z}`, "x", "Z"}, {`${x@}`, "x", ""}, {`${a[@]@ZZ}`, "a", "ZZ"}, {`${x@Q-}`, "x", "Q-"},
	} {
		w := firstArg(t, c.src)
		pe, ok := w.Parts[0].(*ParamExp)
		if !ok || pe.Bad != c.src || pe.Op != ParamTransform || pe.Name != c.name || String(pe.Arg) != c.letters {
			t.Errorf("%s: parts %#v, want a bad transformation of %s with letters %q", c.src, w.Parts, c.name, c.letters)
		}
	}
}
