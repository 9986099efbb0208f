package parser

import "testing"

// TestWordLiteral: a word's text when nothing in it expands.
func TestWordLiteral(t *testing.T) {
	tests := []struct {
		src  string
		want string
		ok   bool
	}{
		{"ls", "ls", true},
		{`"ls"`, "ls", true},
		{`l\s`, "ls", true},
		{"'a b'", "a b", true},
		{`"a\$b"`, "a$b", true},
		{"$x", "", false},
		{`"$x"`, "", false},
		{"$(ls)", "", false},
		{"*.c", "", false},
		{"~/bin", "", false},
		{`\~`, "~", true},
	}
	for _, tc := range tests {
		f, err := Parse(tc.src)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		w := f.List.Items[0].AndOr.First.Cmds[0].(*SimpleCommand).Args[0]
		got, ok := w.Literal()
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: Literal() = %q, %v; want %q, %v", tc.src, got, ok, tc.want, tc.ok)
		}
	}
}
