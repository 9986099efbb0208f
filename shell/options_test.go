package shell

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestGlobOptions(t *testing.T) {
	sh := testShell(t)
	dir, _ := os.Getwd()
	for _, name := range []string{".hidden", "a.c", "b.c"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sh.wd = dir
	tests := []struct {
		opts    []string
		src     string
		want    string
		wantErr string
	}{
		{nil, "*.x", "*.x", ""},
		{nil, "*", "a.c b.c", ""},
		{nil, ".*", ".hidden", ""},
		{[]string{"nullglob"}, "x *.x y", "x y", ""},
		{[]string{"nullglob"}, "*.c", "a.c b.c", ""},
		{[]string{"failglob"}, "x *.x", "", "no match: *.x"},
		{[]string{"failglob"}, `"*.x"`, "*.x", ""},
		{[]string{"failglob", "nullglob"}, "*.x", "", "no match: *.x"},
		{[]string{"dotglob"}, "*", ".hidden a.c b.c", ""},
		{[]string{"dotglob"}, "*.c", "a.c b.c", ""},
	}
	for _, tc := range tests {
		for _, o := range []string{"nullglob", "failglob", "dotglob"} {
			sh.SetOption(o, false)
		}
		for _, o := range tc.opts {
			if err := sh.SetOption(o, true); err != nil {
				t.Fatal(err)
			}
		}
		got, err := sh.expandFields(parseWords(t, tc.src))
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		if strings.Join(got, " ") != tc.want || errText != tc.wantErr {
			t.Errorf("%v %s: got %q, %q; want %q, %q", tc.opts, tc.src, got, errText, tc.want, tc.wantErr)
		}
	}
}

func TestAllexport(t *testing.T) {
	sh := testShell(t)
	sh.Vars.Set("before", "1")
	if err := sh.SetOption("a", true); err != nil {
		t.Fatal(err)
	}
	sh.Vars.Set("x", "1")
	sh.Vars.Set("before", "2")
	c := sh.clone()
	c.Vars.Set("inCopy", "1")
	sh.SetOption("allexport", false)
	sh.Vars.Set("after", "1")
	for name, want := range map[string]bool{"x": true, "before": true, "after": false} {
		if v := sh.Vars.Lookup(name); v == nil || v.Exported != want {
			t.Errorf("%s: exported should be %v (%+v)", name, want, v)
		}
	}
	if v := c.Vars.Lookup("inCopy"); v == nil || !v.Exported {
		t.Errorf("a copy made under set -a does not export: %+v", v)
	}
	if on, _ := sh.Option("allexport"); on || strings.Contains(sh.FlagString(), "a") {
		t.Errorf("set +a left allexport on: %q", sh.FlagString())
	}
}

func TestOptionDefaults(t *testing.T) {
	sh := testShell(t)
	sh.Aliases["ll"] = "ls -l"
	tests := []struct {
		interactive bool
		set         map[string]bool
		histexpand  bool
		aliases     bool
	}{
		{false, nil, false, false},
		{true, nil, true, true},
		{true, map[string]bool{"histexpand": false, "expand_aliases": false}, false, false},
		{false, map[string]bool{"histexpand": true, "expand_aliases": true}, true, true},
	}
	for _, tc := range tests {
		sh.Opts = Options{Interactive: tc.interactive}
		for name, on := range tc.set {
			if err := sh.SetOption(name, on); err != nil {
				t.Fatal(err)
			}
		}
		h, _ := sh.Option("histexpand")
		a, _ := sh.Option("expand_aliases")
		_, found := sh.aliasLookup("ll")
		if h != tc.histexpand || a != tc.aliases || found != tc.aliases {
			t.Errorf("interactive %v, %v: histexpand %v expand_aliases %v alias found %v", tc.interactive, tc.set, h, a, found)
		}
		if strings.Contains(sh.FlagString(), "H") != tc.histexpand {
			t.Errorf("$- %q, histexpand %v", sh.FlagString(), tc.histexpand)
		}
	}
	if err := sh.SetOption("nosuch", true); err == nil {
		t.Error("nosuch: no error")
	}
}

func TestFlagStringOrder(t *testing.T) {
	sh := testShell(t)
	sh.source = sourceCommand
	for _, o := range []string{"C", "x", "a", "e", "u", "f", "H"} {
		sh.SetOption(o, true)
	}
	if got := sh.FlagString(); got != "aefhuxBCHc" {
		t.Errorf("$- = %q, want bash's order aefhuxBCHc", got)
	}
	sh.SetOption("braceexpand", false)
	if got, _ := sh.expandFields(parseWords(t, "a{1,2}")); strings.Join(got, " ") != "a{1,2}" {
		t.Errorf("set +B: %q", got)
	}
	sh.SetOption("B", true)
	if got, _ := sh.expandFields(parseWords(t, "a{1,2}")); strings.Join(got, " ") != "a1 a2" {
		t.Errorf("set -B: %q", got)
	}
	// bash 5.2's list, in its order.
	if got := strings.Join(sh.ShoptNames(), " "); got != "autocd assoc_expand_once cdable_vars cdspell checkhash checkjobs checkwinsize cmdhist compat31 compat32 compat40 compat41 compat42 compat43 compat44 complete_fullquote direxpand dirspell dotglob execfail expand_aliases extdebug extglob extquote failglob force_fignore globasciiranges globskipdots globstar gnu_errfmt histappend histreedit histverify hostcomplete huponexit inherit_errexit interactive_comments lastpipe lithist localvar_inherit localvar_unset login_shell mailwarn no_empty_cmd_completion nocaseglob nocasematch noexpand_translation nullglob patsub_replacement progcomp progcomp_alias promptvars restricted_shell shift_verbose sourcepath varredir_close xpg_echo" {
		t.Errorf("shopt names %q", got)
	}
	if slices.Contains(sh.OptionNames(), "nullglob") {
		t.Errorf("set -o lists shopt names: %q", sh.OptionNames())
	}
}

func TestPipefail(t *testing.T) {
	sh := testShell(t)
	sh.Vars.Set("PATH", os.Getenv("PATH"))
	tests := []struct {
		src  string
		want int
	}{
		{"false | true", 0},
		{"set -o pipefail; false | true", 1},
		{"set -o pipefail; true | true", 0},
		{"set -o pipefail; sh -c 'exit 3' | sh -c 'exit 4' | true", 4},
		{"set -o pipefail; sh -c 'exit 3' | true | true", 3},
		{"set -o pipefail; ! false | true", 0},
		{"set +o pipefail; false | true", 0},
	}
	for _, tc := range tests {
		st, err := sh.RunString(tc.src)
		if err != nil || st != tc.want {
			t.Errorf("%s: status %d, %v; want %d", tc.src, st, err, tc.want)
		}
	}
}

// TestRCOptions: the options of a default ~/.bashrc and common additions.
func TestRCOptions(t *testing.T) {
	tests := []struct {
		name    string
		on      bool
		want    bool   // the option's value afterwards
		wantErr string // "" when SetOption succeeds
	}{
		{name: "histappend", on: true, want: true},
		{name: "histappend", on: false, want: false},
		{name: "checkwinsize", on: false, want: false},
		{name: "vi", on: true, want: true},
		{name: "emacs", on: true, want: true},
		{name: "emacs", on: false, want: false}, // in a script: no line editor to keep
		{name: "history", on: true, want: true},
		{name: "history", on: false, want: false},
		{name: "ignoreeof", on: true, want: true},
		{name: "ignoreeof", on: false, want: false},
		{name: "verbose", on: true, want: true},
		{name: "v", on: false, want: false},
		{name: "noexec", on: true, want: true},
		{name: "posix", on: false, want: false},
		{name: "posix", on: true, want: true},
		{name: "nosuch", on: true, wantErr: "nosuch: invalid option name"},
	}
	for _, tt := range tests {
		sh := testShell(t)
		err := sh.SetOption(tt.name, tt.on)
		if got := fmt.Sprint(err); tt.wantErr != "" && got != tt.wantErr || tt.wantErr == "" && err != nil {
			t.Errorf("SetOption(%s, %v) = %v, want %q", tt.name, tt.on, err, tt.wantErr)
		}
		if tt.name == "nosuch" {
			continue
		}
		if got, ok := sh.Option(tt.name); !ok || got != tt.want {
			t.Errorf("after SetOption(%s, %v): %v %v, want %v", tt.name, tt.on, got, ok, tt.want)
		}
	}
	sh := testShell(t)
	sh.SetOption("ignoreeof", true)
	if v, _ := sh.Vars.Get("IGNOREEOF"); v != "10" {
		t.Errorf("set -o ignoreeof: IGNOREEOF=%q, want 10", v)
	}
	sh.SetOption("vi", true)
	if on, _ := sh.Option("emacs"); on {
		t.Errorf("set -o vi left emacs on")
	}
	sh = testShell(t)
	sh.Opts.Interactive = true
	if on, _ := sh.Option("emacs"); !on {
		t.Errorf("emacs is off at a prompt")
	}
	if err := sh.SetOption("emacs", false); fmt.Sprint(err) != "emacs: line editing cannot be turned off" {
		t.Errorf("set +o emacs at a prompt: %v", err)
	}
	if err := sh.SetOption("vi", true); err != nil || !sh.Opts.Vi {
		t.Errorf("set -o vi at a prompt: %v, vi %v", err, sh.Opts.Vi)
	}
	if on, _ := sh.Option("emacs"); on {
		t.Errorf("set -o vi at a prompt left emacs on")
	}
	if err := sh.SetOption("vi", false); fmt.Sprint(err) != "vi: line editing cannot be turned off" || !sh.Opts.Vi {
		t.Errorf("set +o vi at a prompt: %v, vi %v", err, sh.Opts.Vi)
	}
	if err := sh.SetOption("emacs", true); err != nil || sh.Opts.Vi {
		t.Errorf("set -o emacs: %v, vi %v", err, sh.Opts.Vi)
	}
	if got := sh.FlagString(); !strings.Contains(got, "h") {
		t.Errorf("$- = %q", got)
	}
	sh.SetOption("v", true)
	sh.SetOption("n", true)
	if got := sh.FlagString(); !strings.Contains(got, "nv") {
		t.Errorf("set -nv: $- = %q, want n and v in it", got)
	}
}
