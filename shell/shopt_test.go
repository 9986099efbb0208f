package shell

import (
	"strings"
	"testing"
)

// TestShoptPromptvars: with promptvars off a prompt's escapes are decoded
// but its $x and $(...) are shown as they are, as in bash.
func TestShoptPromptvars(t *testing.T) {
	sh, _ := promptShell(t)
	sh.Vars.Set("x", "VALUE")
	if got := sh.expandPrompt(`\W $x $(echo sub)`, promptInfo{}); got != "lab1 VALUE sub" {
		t.Errorf("promptvars on: %q", got)
	}
	if err := sh.SetOption("promptvars", false); err != nil {
		t.Fatal(err)
	}
	if got := sh.expandPrompt(`\W $x $(echo sub)`, promptInfo{}); got != "lab1 $x $(echo sub)" {
		t.Errorf("promptvars off: %q", got)
	}
}

// TestShoptFixed is the error table of the options gosh cannot change:
// setting one to the state it has is fine, the other state is refused
// with the reason, and the state stays.
func TestShoptFixed(t *testing.T) {
	sh := New(Config{Arg0: "gosh"})
	cases := []struct {
		name string
		on   bool
		err  string
	}{
		{"lastpipe", true, "lastpipe: cannot be turned on: in gosh's process model the last stage"},
		{"lastpipe", false, ""},
		{"globasciiranges", false, "globasciiranges: cannot be turned off"},
		{"globasciiranges", true, ""},
		{"dirspell", true, "dirspell: cannot be turned on"},
		{"compat44", true, "compat44: cannot be turned on: gosh has no compatibility levels"},
		{"huponexit", false, "huponexit: cannot be turned off"},
		{"login_shell", true, "login_shell: cannot set option"},
		{"extglob", true, ""},
		{"nosuch", true, "nosuch: invalid option name"},
	}
	for _, c := range cases {
		before, _ := sh.Option(c.name)
		err := sh.SetOption(c.name, c.on)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("SetOption(%s, %v): %v", c.name, c.on, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("SetOption(%s, %v) = %v, want %q", c.name, c.on, err, c.err)
		case c.err != "":
			if after, _ := sh.Option(c.name); after != before {
				t.Errorf("SetOption(%s, %v) failed but changed the option", c.name, c.on)
			}
		}
	}
}
