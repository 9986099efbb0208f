package shell

import "testing"

// TestPosixIntervals checks the '{' rules of regcomp(3) that posixIntervals
// applies before Go compiles an extended regular expression.
func TestPosixIntervals(t *testing.T) {
	good := []struct{ in, want string }{
		{"abc", "abc"}, {"a{1}", "a{1}"}, {"a{1,}", "a{1,}"}, {"a{1,2}", "a{1,2}"},
		{"a{,2}", "a{0,2}"}, {"a{,}", "a{0,}"}, {"a{1}{2}", "a{1}{2}"}, {"(a){2}", "(a){2}"},
		{"[{]", "[{]"}, {`\{`, `\{`}, {"[]{]x{2}", "[]{]x{2}"}, {"[[:alpha:]{]", "[[:alpha:]{]"},
	}
	for _, c := range good {
		if got, ok := posixIntervals(c.in); !ok || got != c.want {
			t.Errorf("posixIntervals(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	for _, bad := range []string{"{", "a{", "a{1", "a{1,", "a{x}", "{1}", "^{", "a|{", "(){", "a{1x}"} {
		if got, ok := posixIntervals(bad); ok {
			t.Errorf("posixIntervals(%q) = %q, ok; want an error", bad, got)
		}
	}
}
