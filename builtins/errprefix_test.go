package builtins

import (
	"bytes"
	"testing"
)

// fixedPrefix is a Prefixer that always gives the same prefix.
type fixedPrefix string

func (p fixedPrefix) ErrorPrefix() string { return string(p) }

// TestMessagesTakeTheShellsPrefix: a builtin's messages start with what
// the shell gives through IO.Prefix, "gosh: " without one.
func TestMessagesTakeTheShellsPrefix(t *testing.T) {
	tests := []struct {
		prefix Prefixer
		want   string
	}{
		{nil, "gosh: cd: msg\n"},
		{fixedPrefix("gosh: "), "gosh: cd: msg\n"},
		{fixedPrefix("s.sh: line 3: "), "s.sh: line 3: cd: msg\n"},
		{fixedPrefix("environment: line 1: "), "environment: line 1: cd: msg\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		errorf(IO{Err: &b, Prefix: tt.prefix}, "cd", "%s", "msg")
		if b.String() != tt.want {
			t.Errorf("prefix %v: wrote %q, want %q", tt.prefix, b.String(), tt.want)
		}
	}
}
