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
		{"lastpipe", true, ""}, // gosh gives them bash's behaviour now
		{"noexpand_translation", true, ""},
		{"globasciiranges", false, "globasciiranges: cannot be turned off"},
		{"globasciiranges", true, ""},
		{"hostcomplete", false, ""}, // completion follows it now (complete.go)
		{"hostcomplete", true, ""},
		{"force_fignore", false, ""},
		{"force_fignore", true, ""},
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

// TestCompatOutOfRange: every assignment of a level bash does not know to
// BASH_COMPAT is noted (Vars.checkCompat), however it is made, and each is
// reported once; the variable keeps the value.
func TestCompatOutOfRange(t *testing.T) {
	cases := []struct {
		assign func(sh *Shell) error
		value  string
		bad    []string
	}{
		{func(sh *Shell) error { return sh.Vars.Set("BASH_COMPAT", "30") }, "30", []string{"30"}},
		{func(sh *Shell) error { return sh.SetVar("BASH_COMPAT", "5.3") }, "5.3", []string{"5.3"}},
		{func(sh *Shell) error { return sh.AssignWord("BASH_COMPAT=x1") }, "x1", []string{"x1"}},
		{func(sh *Shell) error { return sh.setLoopVar("BASH_COMPAT", "-1") }, "-1", []string{"-1"}},
		{func(sh *Shell) error { sh.Vars.Set("BASH_COMPAT", "29"); return sh.Vars.Set("BASH_COMPAT", "28") }, "28", []string{"29", "28"}},
		// In range, or empty: nothing to report.
		{func(sh *Shell) error { return sh.SetVar("BASH_COMPAT", "4.2") }, "4.2", nil},
		{func(sh *Shell) error { return sh.SetVar("BASH_COMPAT", "52") }, "52", nil},
		{func(sh *Shell) error { return sh.SetVar("BASH_COMPAT", "") }, "", nil},
		{func(sh *Shell) error { return sh.SetVar("OTHER", "30") }, "", nil},
	}
	for i, c := range cases {
		sh := New(Config{Arg0: "gosh"})
		if err := c.assign(sh); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if got := strings.Join(sh.Vars.badCompat, " "); got != strings.Join(c.bad, " ") {
			t.Errorf("case %d: noted %q, want %q", i, got, c.bad)
		}
		if v, _ := sh.Vars.Get("BASH_COMPAT"); v != c.value {
			t.Errorf("case %d: BASH_COMPAT=%q, want %q", i, v, c.value)
		}
		sh.reportCompat()
		if sh.Vars.badCompat != nil {
			t.Errorf("case %d: still noted after the report: %q", i, sh.Vars.badCompat)
		}
	}
}

// TestGroupsNoAssign: bash's GROUPS may not be assigned otherwise than by
// an assignment statement (which changes nothing): each way fails with
// noAssignError, and GROUPS stays; once unset it is an ordinary variable.
func TestGroupsNoAssign(t *testing.T) {
	ways := []struct {
		name   string
		assign func(sh *Shell) error
	}{
		{"read GROUPS", func(sh *Shell) error { return sh.SetVar("GROUPS", "a") }},
		{"read -a GROUPS", func(sh *Shell) error { return sh.SetArray("GROUPS", []string{"a"}) }},
		{"declare GROUPS=1", func(sh *Shell) error { return sh.AssignWord("GROUPS=1") }},
		{"for GROUPS in", func(sh *Shell) error { return sh.setLoopVar("GROUPS", "q") }},
		{"(( GROUPS=5 ))", func(sh *Shell) error { _, err := sh.evalArith("GROUPS=5"); return err }},
		{"(( GROUPS[1]++ ))", func(sh *Shell) error { _, err := sh.evalArith("GROUPS[1]++"); return err }},
	}
	for _, w := range ways {
		sh := New(Config{Arg0: "gosh"})
		before, _ := sh.Vars.GetArray("GROUPS")
		err := w.assign(sh)
		if e, ok := err.(interface{ NoAssign() bool }); !ok || !e.NoAssign() {
			t.Errorf("%s: error %v, want GROUPS: variable may not be assigned value", w.name, err)
		}
		if after, _ := sh.Vars.GetArray("GROUPS"); strings.Join(after, " ") != strings.Join(before, " ") {
			t.Errorf("%s: GROUPS changed from %q to %q", w.name, before, after)
		}
		if err := sh.Unset("GROUPS"); err != nil {
			t.Fatal(err)
		}
		if err := w.assign(sh); err != nil {
			t.Errorf("%s after unset GROUPS: %v", w.name, err)
		}
	}
}
