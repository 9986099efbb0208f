package shell

import (
	"strings"
	"testing"

	"gosh/parser"
)

// TestMatchExtglob checks the extended patterns against bash 5.2's own
// answers ([[ $name == $pattern ]] in bash, where a pattern from a
// variable is always extended). The malformed ones are the error table:
// a group without its ')' is literal text, an empty group or alternative
// matches the empty string, and nothing panics.
func TestMatchExtglob(t *testing.T) {
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{`@(a`, "@(a", true},
		{`@(a`, "a", false},
		{`@()`, "", true},
		{`@()x`, "x", true},
		{`@(|a)`, "a", true},
		{`@(|a)`, "", true},
		{`@([)]|x)`, ")", true},
		{`@([)]|x)`, "x", true},
		{`@(\)|x)`, ")", true},
		{`@(a|b))`, "a)", true},
		{`+(a|b)`, "ab", true},
		{`+(a|b)`, "", false},
		{`*(a|b)`, "", true},
		{`*(a|b)`, "abba", true},
		{`*(a|b)`, "abc", false},
		{`!(abc)`, "abc", false},
		{`!(abc)`, "abd", true},
		{`!(abc)`, "", true},
		{`!()`, "x", true},
		{`!()`, "", false},
		{`!(*.h)`, "foo.c", true},
		{`!(*.h)`, "foo.h", false},
		{`*!(.h)`, "foo.h", true},
		{`@(a@(b|c))`, "ab", true},
		{`@(a@(b|c))`, "ac", true},
		{`@(a@(b|c))`, "ad", false},
		{`?(a)a?(a)`, "aaa", true},
		{`?(a)a?(a)`, "aaaa", false},
		{`@(a\|b)`, "a|b", true},
		{`a|b`, "a|b", true},
		{`x(y)`, "x(y)", true},
		{`@(a|`, "a", false},
		{`@(a|`, "@(a|", true},
		{`(a)`, "(a)", true},
		{`@(a)`, "A", false},
		{`@(\*)`, "*", true},
		{`@(\*)`, "a", false},
		{`@(a*(b)c)`, "abc", true},
		{`@(a*(b)c)`, "abbbc", true},
		{`a+(b)c`, "ac", false},
		{`a!(b)c`, "aXc", true},
		{`a!(b)c`, "abc", false},
		{`a!(b)c`, "ac", true},
		{`a!(b)c`, "abbc", true},
		{`@(a]|b)`, "a]", true},
		{`@([a|b])`, "a", true},
		{`@([a|b])`, "|", true},
		{`@(?)`, "é", true},
		{`+(é)`, "éé", true},
		{`@(a|ab)b`, "ab", true},
		{`!(a|b)`, "ab", true},
		{`*.@(a|b)`, "a.b", true},
		{`*.@(a|b)`, "a.c", false},
		{`+(ab)`, "abab", true},
		{`+(ab)`, "aba", false},
		{`*(|x)`, "x", true},
		{`*(x|y|)`, "xyx", true},
		{`-b?(atch)`, "-b", true},
		{`-b?(atch)`, "-batch", true},
		{`-b?(atch)`, "-bat", false},
		{`@(-e|--event)`, "--event", true},
		{`@(-e|--event)`, "-x", false},
		{`!(*c*)`, "abcd", false},
		{`!(*c*)`, "abd", true},
		{`!(*.@(c|h))`, "a.txt", true},
		{`!(*.@(c|h))`, "a.c", false},
		{`+([0-9])`, "12", true},
		{`+([0-9])`, "12a", false},
		{`+([[:digit:]]).+([0-9])`, "1.5", true},
		{`!(a)*`, "aab", true},
		{`!(!(b))`, "b", true},
		{`!(!(b))`, "a", false},
		{`@(x)@(y)`, "xy", true},
		{`@(a\(b)`, "a(b", true},
		{`@(a""b)`, "ab", false},
	}
	for _, c := range cases {
		if got := matchPattern(c.pattern, c.name); got != c.want {
			t.Errorf("matchPattern(%q, %q) = %v, want %v (bash)", c.pattern, c.name, got, c.want)
		}
	}
}

// TestMatchExtglobFold: nocasematch and nocaseglob with extended patterns.
func TestMatchExtglobFold(t *testing.T) {
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{`@(abc|x)`, "ABC", true},
		{`+([a-c])`, "AbC", true},
		{`!(abc)`, "ABC", false},
		{`*.@(C|h)`, "x.c", true},
		{`@(abc)`, "abd", false},
	}
	for _, c := range cases {
		if got := matchPatternFold(c.pattern, c.name); got != c.want {
			t.Errorf("matchPatternFold(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}

// TestMatchExtglobLong: patterns that make a backtracking matcher take
// exponential time end at once on long names (the test would hang, not
// fail, without the automaton; BenchmarkMatchExtglob measures it).
func TestMatchExtglobLong(t *testing.T) {
	a := strings.Repeat("a", 3000)
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{`*(a|aa)`, a, true},
		{`*(a|aa)`, a + "b", false},
		{`*(a|aa)b`, a, false},
		{`+(*(a)|a)c`, a + "b", false},
		{`*(!(b)|a)`, a[:200], true},
		{`@(*a*a*a*a*a*a*a*a*a*a)b`, a, false},
	}
	for _, c := range cases {
		if got := matchPattern(c.pattern, c.name); got != c.want {
			t.Errorf("matchPattern(%q, %d bytes) = %v, want %v", c.pattern, len(c.name), got, c.want)
		}
	}
}

func BenchmarkMatchExtglob(b *testing.B) {
	a := strings.Repeat("a", 1000) + "b"
	for b.Loop() {
		matchPattern(`*(a|aa)`, a)
	}
}

// TestLeadingDot: which patterns may match a name starting with '.'
// without dotglob (bash's rules: a literal leading dot, also inside a
// group at the start; never a !( group).
func TestLeadingDot(t *testing.T) {
	cases := []struct {
		pattern string
		want    bool
	}{
		{".*", true}, {`\.x`, true}, {"*", false}, {"a", false},
		{"@(.hid|a)", true}, {"@(a|b)", false}, {"?(.)a", true}, {"*(.a|b)", true},
		{"!(.a)", false}, {"?(x).y", true}, {"@(x).y", false}, {"+(x).y", false},
		{"@(a|@(.b|c))", true}, {"@(.a", false},
	}
	for _, c := range cases {
		if got := leadingDot(c.pattern); got != c.want {
			t.Errorf("leadingDot(%q) = %v, want %v", c.pattern, got, c.want)
		}
	}
}

// TestPlainPattern: with extglob off no group forms.
func TestPlainPattern(t *testing.T) {
	cases := []struct{ pattern, plain string }{
		{"@(a|b)", `@\(a|b)`},
		{"*.c", "*.c"},
		{`\(x`, `\(x`},
		{"a(b(c", `a\(b\(c`},
	}
	for _, c := range cases {
		got := plainPattern(c.pattern)
		if got != c.plain {
			t.Errorf("plainPattern(%q) = %q, want %q", c.pattern, got, c.plain)
		}
		if hasExtGroup(got) {
			t.Errorf("plainPattern(%q) = %q still has a group", c.pattern, got)
		}
	}
	if !matchPattern(plainPattern("@(a|b)"), "@(a|b)") || matchPattern(plainPattern("@(a|b)"), "a") {
		t.Error(`the plain pattern @(a|b) matches otherwise than the text "@(a|b)"`)
	}
}

// BenchmarkReplaceExtglob is ${x//@(a)/X} on a long value: one run of the
// automaton per position, not one match per pair of positions.
func BenchmarkReplaceExtglob(b *testing.B) {
	s := strings.Repeat("ab", 2000)
	for b.Loop() {
		replacePattern(s, "@(a)", []replPiece{{text: "X"}}, parser.ParamReplaceAll, false)
	}
}

// TestReplaceExtglob: the automaton's way through ${x/p/r}, ${x#p} and
// ${x##p} gives what matching every substring gives.
func TestReplaceExtglob(t *testing.T) {
	cases := []struct{ s, pattern, all, first, short, long string }{
		{"aXbXXc", "+(X)", "a-b-c", "a-bXXc", "aXbXXc", "aXbXXc"},
		{"abcabc", "@(a|ab)", "-c-c", "-cabc", "bcabc", "cabc"},
		{"aaa", "*(a)", "-", "-", "aaa", ""},
		{"abab", "!(a)", "-", "-", "abab", ""},
	}
	for _, c := range cases {
		repl := []replPiece{{text: "-"}}
		if got := replacePattern(c.s, c.pattern, repl, parser.ParamReplaceAll, false); got != c.all {
			t.Errorf("${%s//%s/-} = %q, want %q", c.s, c.pattern, got, c.all)
		}
		if got := replacePattern(c.s, c.pattern, repl, parser.ParamReplace, false); got != c.first {
			t.Errorf("${%s/%s/-} = %q, want %q", c.s, c.pattern, got, c.first)
		}
		if got := trimPrefix(c.s, c.pattern, false); got != c.short {
			t.Errorf("${%s#%s} = %q, want %q", c.s, c.pattern, got, c.short)
		}
		if got := trimPrefix(c.s, c.pattern, true); got != c.long {
			t.Errorf("${%s##%s} = %q, want %q", c.s, c.pattern, got, c.long)
		}
	}
}
