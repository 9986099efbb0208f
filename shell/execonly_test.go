package shell

import (
	"strings"
	"testing"
)

// TestExecOnlyRedirects: which argvs are an exec without a command, whose
// redirections stay for the shell.
func TestExecOnlyRedirects(t *testing.T) {
	cases := []struct {
		argv string
		want bool
	}{
		{"exec", true},
		{"exec --", true},
		{"command exec", true},
		{"command -- exec", true},
		{"command -p exec", true},
		{"command -p -- exec --", true},
		{"command command exec", true},
		// errors: a command to run, or not exec at all
		{"exec ls", false},
		{"exec -- ls", false},
		{"command exec ls", false},
		{"command", false},
		{"command --", false},
		{"command -v exec", false},
		{"command -V exec", false},
		{"builtin exec", false},
		{"execx", false},
		{"-- exec", false},
	}
	for _, c := range cases {
		if got := execOnlyRedirects(strings.Fields(c.argv)); got != c.want {
			t.Errorf("execOnlyRedirects(%q) = %v, want %v", c.argv, got, c.want)
		}
	}
}
