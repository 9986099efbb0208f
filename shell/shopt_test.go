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
		{"hostcomplete", true, "hostcomplete: cannot be turned on: gosh does not complete host names"},
		{"mailwarn", true, ""},
		{"dirspell", true, ""},
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

// TestCompatLevel: $BASH_COMPAT as bash reads it, and the compatNN
// options that follow it.
func TestCompatLevel(t *testing.T) {
	cases := []struct {
		value string
		level int
		ok    bool
	}{
		{"44", 44, true}, {"4.4", 44, true}, {"3.1", 31, true}, {"52", 52, true}, {"45", 45, true},
		// errors: bash's own level instead
		{"", 0, false}, {"30", 0, false}, {"53", 0, false}, {"x", 0, false}, {"4.", 0, false},
		{"4.41", 0, false}, {"044", 0, false}, {"-44", 0, false},
	}
	for _, c := range cases {
		if l, ok := parseCompat(c.value); l != c.level || ok != c.ok {
			t.Errorf("parseCompat(%q) = %d, %v; want %d, %v", c.value, l, ok, c.level, c.ok)
		}
	}
	sh := New(Config{Arg0: "gosh"})
	steps := []struct {
		name   string
		on     bool
		compat string
	}{
		{"compat31", false, "52"}, {"compat44", true, "44"}, {"compat31", false, "44"},
		{"compat32", true, "32"}, {"compat32", false, "52"},
	}
	for _, s := range steps {
		if err := sh.SetOption(s.name, s.on); err != nil {
			t.Fatal(err)
		}
		if v, _ := sh.Vars.Get("BASH_COMPAT"); v != s.compat {
			t.Errorf("after %s %v: BASH_COMPAT=%q, want %q", s.name, s.on, v, s.compat)
		}
		if on, _ := sh.Option(s.name); on != s.on {
			t.Errorf("after %s %v: the option reads %v", s.name, s.on, on)
		}
	}
}
