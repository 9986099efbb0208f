package shell

import (
	"slices"
	"testing"
)

func TestSplitWordList(t *testing.T) {
	tests := []struct {
		list, ifs string
		want      []string
	}{
		{"a b  c", " \t\n", []string{"a", "b", "c"}},
		{"", " \t\n", nil},
		{"   ", " \t\n", nil},
		{`"a b" 'c d' e\ f`, " \t\n", []string{`"a b"`, `'c d'`, `e\ f`}},
		{`$(echo a b) ${x:-a b} c`, " \t\n", []string{`$(echo a b)`, `${x:-a b}`, "c"}},
		{"$(echo $(echo a b)) c", " \t\n", []string{"$(echo $(echo a b))", "c"}},
		{"`echo a b` c", " \t\n", []string{"`echo a b`", "c"}},
		{"a:b c:d", ":", []string{"a", "b c", "d"}},
		{"(b x);y", " \t\n", []string{"(b", "x);y"}},
		{`"unclosed a b`, " \t\n", []string{`"unclosed a b`}},
		{`trailing\`, " \t\n", []string{`trailing\`}},
	}
	for _, tc := range tests {
		if got := splitWordList(tc.list, tc.ifs); !slices.Equal(got, tc.want) {
			t.Errorf("splitWordList(%q, %q) = %q, want %q", tc.list, tc.ifs, got, tc.want)
		}
	}
}

// TestParseOneWord: a word of a -W list parses as one word with the
// characters that would end it taken literally, or is refused.
func TestParseOneWord(t *testing.T) {
	tests := []struct {
		text string
		ok   bool
	}{
		{"plain", true},
		{"(b", true},
		{"x);rm y;(", true},
		{"a|b&c<d>e", true},
		{`"quoted ; text"`, true},
		{`"unclosed`, true},
		{"$(echo a; echo b)", true},
		{"${x:-(}", true},
		{"$(unclosed", false},
	}
	for _, tc := range tests {
		w, ok := parseOneWord(tc.text)
		if ok != tc.ok || ok && w == nil {
			t.Errorf("parseOneWord(%q) ok = %v, want %v", tc.text, ok, tc.ok)
		}
	}
}
