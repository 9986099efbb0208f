package parser

import (
	"io"
	"strings"
	"testing"
)

func extglobOn() bool { return true }

// TestExtglobWords: with Config.Extglob, ?( *( +( @( !( and the list up
// to the balancing ')' are part of the word, blanks and '|' included;
// quotes and expansions inside stay parts of their own.
func TestExtglobWords(t *testing.T) {
	cases := []struct{ src, want string }{
		{"echo @(a|b)", `Lit{Value: "@(a|b)", Ext: true}`},
		{"echo x+(a b)y", `Lit{Value: "x+(a b)y", Ext: true}`},
		{"echo !(*.c|@(x|y))", `Lit{Value: "!(*.c|@(x|y))", Ext: true}`},
		{`echo @("a|b"|$x)`, `Lit{Value: "@(", Ext: true} DblQuoted{Parts: [Lit{Value: "a|b"}]} Lit{Value: "|", Ext: true} ParamExp{Name: "x"} Lit{Value: ")", Ext: true}`},
		{`echo ?(\))`, `Lit{Value: "?(", Ext: true} Escaped{Value: ")"} Lit{Value: ")", Ext: true}`},
		{"echo *(a;b&c<d>e)", `Lit{Value: "*(a;b&c<d>e)", Ext: true}`},
	}
	for _, c := range cases {
		f, err := ParseConfig(c.src, Config{Extglob: extglobOn})
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		got := dump(f.List.Items[0].AndOr.First.Cmds[0].(*SimpleCommand).Args[1].Parts)
		if !strings.Contains(got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.src, got, c.want)
		}
		// The printer writes the pattern back as it was written.
		if s := String(f); s != c.src {
			t.Errorf("String(%s) = %s", c.src, s)
		}
	}
}

// TestExtglobErrors is the error table: without extglob an extended
// pattern is a syntax error, as in bash; with it, an unbalanced one is
// an unterminated construct (more input may finish it).
func TestExtglobErrors(t *testing.T) {
	cases := []struct {
		src        string
		extglob    bool
		msg        string
		incomplete bool
	}{
		{"echo @(a|b)", false, "syntax error near unexpected token `('", false},
		{"case x in @(a|b)) ;; esac", false, "syntax error near unexpected token `('", false},
		{"[[ @(a) == x ]]", false, "unexpected token `(', conditional binary operator expected", false},
		{"echo @(a|b", true, "unexpected EOF while looking for matching `)'", true},
		{"[[ x == @(a ]]", false, "unexpected EOF while looking for matching `)'", true},
	}
	for _, c := range cases {
		cfg := Config{}
		if c.extglob {
			cfg.Extglob = extglobOn
		}
		_, err := ParseConfig(c.src, cfg)
		se, ok := err.(*SyntaxError)
		if !ok || !strings.Contains(se.Msg, c.msg) || se.Incomplete != c.incomplete {
			t.Errorf("%s (extglob %v): %v, want %q (incomplete %v)", c.src, c.extglob, err, c.msg, c.incomplete)
		}
	}
}

// TestExtglobCond: the pattern after == != = in [[ ]] is read with
// extended patterns whatever shopt says; the left side and other
// operands are not.
func TestExtglobCond(t *testing.T) {
	for _, src := range []string{"[[ $x == @(-e|--event) ]]", "[[ $x != -b?(atch) ]]", "[[ $x = +(a) && $y == !(b) ]]"} {
		f, err := Parse(src)
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		if s := String(f); s != src {
			t.Errorf("String(%s) = %s", src, s)
		}
	}
	// The reader asks at each word: a shopt on one line counts on the next.
	on := false
	lines := []string{"a @(x)\n", "b @(x)\n"}
	r := NewReader(func(bool) (string, error) {
		if len(lines) == 0 {
			return "", io.EOF
		}
		l := lines[0]
		lines = lines[1:]
		return l, nil
	}, Config{Extglob: func() bool { return on }})
	if _, err := r.Next(); err == nil {
		t.Error("a @(x) parsed with extglob off")
	}
	on = true
	if f, err := r.Next(); err != nil || String(f) != "b @(x)" {
		t.Errorf("b @(x) with extglob on: %v %v", f, err)
	}
}
