package inputrc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseKeyseq(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`"\e[A"`, "\x1b[A"},
		{`"\C-x\C-r"`, "\x18\x12"},
		{`"\C-X"`, "\x18"},
		{`"\M-f"`, "\x1bf"},
		{`"\M-\C-h"`, "\x1b\x08"},
		{`"\C-?"`, "\x7f"},
		{`"\177"`, "\x7f"},
		{`"\x41b"`, "Ab"},
		{`"\t\r\n\a\d"`, "\t\r\n\a\x7f"},
		{`"\\\""`, `\"`},
		{`"ab"`, "ab"},
		{`"\e[1;5C"`, "\x1b[1;5C"},
	} {
		got, err := ParseKeyseq(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseKeyseq(%s) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{``, `"`, `abc`, `""`, `"\"`, `"\C-\"`} {
		if got, err := ParseKeyseq(in); err == nil {
			t.Errorf("ParseKeyseq(%s) = %q, want an error", in, got)
		}
	}
}

func TestParseKeyname(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Control-u", "\x15"},
		{"C-u", "\x15"},
		{"Meta-b", "\x1bb"},
		{"M-DEL", "\x1b\x7f"},
		{"Meta-Control-h", "\x1b\x08"},
		{"TAB", "\t"},
		{"RET", "\r"},
		{"Rubout", "\x7f"},
		{"ESC", "\x1b"},
		{"SPC", " "},
		{"x", "x"},
	} {
		got, err := ParseKeyname(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseKeyname(%s) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"Control-", "Hyper-x", "Foo", ""} {
		if got, err := ParseKeyname(in); err == nil {
			t.Errorf("ParseKeyname(%q) = %q, want an error", in, got)
		}
	}
}

func TestKeyseqString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\x1b[A", `\e[A`},
		{"\x18\x12", `\C-x\C-r`},
		{"\x7f", `\C-?`},
		{"\x1b\x7f", `\e\C-?`},
		{"\x00", `\C-@`},
		{"\x1c", `\C-\`},
		{`a"\`, `a\"\\`},
		{"\xe2", `\342`},
	} {
		if got := KeyseqString(tc.in); got != tc.want {
			t.Errorf("KeyseqString(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestParseLine(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Line
	}{
		{"", Line{Kind: Blank}},
		{"   # note", Line{Kind: Blank}},
		{`"\e[A": history-search-backward`, Line{Kind: Function, Keys: "\x1b[A", Func: "history-search-backward"}},
		{`"\e[A" : previous-history  # trailing`, Line{Kind: Function, Keys: "\x1b[A", Func: "previous-history"}},
		{`Control-u: kill-whole-line`, Line{Kind: Function, Keys: "\x15", Func: "kill-whole-line"}},
		{`TAB: menu-complete`, Line{Kind: Function, Keys: "\t", Func: "menu-complete"}},
		{`"\C-xq": "echo \"hi\"\n"`, Line{Kind: Macro, Keys: "\x18q", Text: "echo \"hi\"\n"}},
		{`"\C-xs": 'single'`, Line{Kind: Macro, Keys: "\x18s", Text: "single"}},
		{"set bell-style none", Line{Kind: Set, Name: "bell-style", Value: "none"}},
		{"SET\tcompletion-ignore-case\ton", Line{Kind: Set, Name: "completion-ignore-case", Value: "on"}},
		{"set comment-begin # ", Line{Kind: Set, Name: "comment-begin", Value: "#"}},
		{"$if mode=emacs", Line{Kind: Directive, Name: "if", Value: "mode=emacs"}},
		{"$endif", Line{Kind: Directive, Name: "endif"}},
		{"$include  /etc/inputrc", Line{Kind: Directive, Name: "include", Value: "/etc/inputrc"}},
	} {
		got, err := ParseLine(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseLine(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ in, err string }{
		{`"\C-x\C-y"`, `"\C-x\C-y": no key sequence terminator`},
		{`nonsense`, "nonsense: no key sequence terminator"},
		{`"\C-x`, "no closing `\"'"},
		{`"\C-x": "text`, "no closing `\"' in macro"},
		{`Hyper-x: abort`, "Hyper-x: unknown key name"},
		{`two words: abort`, "no key sequence terminator"},
	} {
		_, err := ParseLine(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("ParseLine(%q): error %v, want one with %q", tc.in, err, tc.err)
		}
	}
}

func TestParseCommand(t *testing.T) {
	for _, tc := range []struct{ in, keys, cmd string }{
		{`"\C-o": echo hi`, "\x0f", "echo hi"},
		{`"\C-o":"echo hi"`, "\x0f", "echo hi"},
		{`  "\ex": 'f a'`, "\x1bx", "f a"},
	} {
		keys, cmd, err := ParseCommand(tc.in)
		if err != nil || keys != tc.keys || cmd != tc.cmd {
			t.Errorf("ParseCommand(%s) = %q, %q, %v", tc.in, keys, cmd, err)
		}
	}
	for _, tc := range []struct{ in, err string }{
		{`C-o: echo hi`, "first non-whitespace character is not `\"'"},
		{`"\C-o"`, `"\C-o": missing colon separator`},
		{`"\C-o`, "no closing"},
		{`"\C-o": `, "no command"},
	} {
		_, _, err := ParseCommand(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("ParseCommand(%q): error %v, want one with %q", tc.in, err, tc.err)
		}
	}
}

// readText applies text as an init file and returns the lines applied and
// the problems, one string each.
func readText(t *testing.T, r *Reader, text string) (applied, problems []string) {
	t.Helper()
	r.Apply = func(l Line) error {
		if l.Kind == Function && l.Func == "bad" {
			return errors.New("refused")
		}
		applied = append(applied, l.Name+l.Func+l.Text+" "+l.Value)
		return nil
	}
	r.Text("rc", text)
	for _, p := range r.Problems {
		problems = append(problems, p.Error())
	}
	return applied, problems
}

func TestReaderConditionals(t *testing.T) {
	dir := t.TempDir()
	inc := filepath.Join(dir, "inc")
	if err := os.WriteFile(inc, []byte(`"\C-a": from-include`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, mode, term, text string
		applied, problems      string
	}{
		{"mode", "emacs", "", "$if mode=emacs\n\"a\": e\n$else\n\"a\": v\n$endif", "e ", ""},
		{"mode vi", "vi", "", "$if mode=emacs\n\"a\": e\n$else\n\"a\": v\n$endif", "v ", ""},
		{"term prefix", "emacs", "xterm-256color", "$if term=xterm\n\"a\": x\n$endif", "x ", ""},
		{"term other", "emacs", "rxvt", "$if term=xterm\n\"a\": x\n$endif", "", ""},
		{"application", "emacs", "", "$if Bash\n\"a\": b\n$endif\n$if gosh\n\"a\": g\n$endif\n$if Gdb\n\"a\": no\n$endif", "b |g ", ""},
		{"version", "emacs", "", "$if version >= 7.0\n\"a\": new\n$else\n\"a\": old\n$endif\n$if version < 8\n\"a\": x\n$endif", "new ", ""},
		{"nested off", "emacs", "", "$if mode=vi\n$if term=xterm\n\"a\": x\n$else\n\"a\": y\n$endif\n$endif", "", ""},
		{"set mode", "emacs", "", "set editing-mode vi\n$if mode=vi\n\"a\": v\n$endif", "editing-mode vi|v ", ""},
		{"include", "emacs", "", "$include " + inc, "from-include ", ""},
		{"problems", "emacs", "", "\"a\": bad\n\"b\"\n$endif\n$else\n$frob\n$include /nonexistent/x", "",
			"rc: line 1: refused|rc: line 2: \"b\": no key sequence terminator|rc: line 3: $endif without matching $if|rc: line 4: $else found without matching $if|rc: line 5: frob: unknown parser directive|rc: line 6: /nonexistent/x: cannot read: no such file or directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &Reader{Mode: tc.mode, Term: tc.term}
			applied, problems := readText(t, r, tc.text)
			if got := strings.Join(applied, "|"); got != tc.applied {
				t.Errorf("applied %q, want %q", got, tc.applied)
			}
			if got := strings.Join(problems, "|"); got != tc.problems {
				t.Errorf("problems %q, want %q", got, tc.problems)
			}
		})
	}
}

// A file that includes itself stops at maxInclude.
func TestReaderIncludeLoop(t *testing.T) {
	f := filepath.Join(t.TempDir(), "rc")
	if err := os.WriteFile(f, []byte("$include "+f+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &Reader{Apply: func(Line) error { return nil }}
	if err := r.ReadFile(f); err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Error(), "nested too deeply") {
		t.Errorf("problems %v", r.Problems)
	}
}

func TestKeymapBindings(t *testing.T) {
	k := &Keymap{}
	if err := k.Bind(Binding{Keys: "\x1b[A", Func: "history-search-backward"}); err != nil {
		t.Fatal(err)
	}
	if err := k.Bind(Binding{Keys: "\x01", Func: "beginning-of-line"}); err != nil {
		t.Fatal(err) // the editor's own: no change
	}
	k.Unbind("\x14")
	if err := k.Bind(Binding{Keys: "\x18q", Macro: "text", IsMacro: true}); err != nil {
		t.Fatal(err)
	}
	changes := k.Changes()
	if len(changes) != 3 || changes["\x1b[A"].Func != "history-search-backward" || changes["\x14"].Func != "" || !changes["\x18q"].IsMacro {
		t.Errorf("changes %+v", changes)
	}
	if b, ok := k.Lookup("\x14"); ok {
		t.Errorf("Lookup of an unbound key: %+v", b)
	}
	if b, ok := k.Lookup("\x05"); !ok || b.Func != "end-of-line" {
		t.Errorf("Lookup(C-e) = %+v, %v", b, ok)
	}
	k.UnbindFunc("history-search-backward")
	if b, ok := k.Lookup("\x1b[A"); ok {
		t.Errorf("after UnbindFunc: %+v", b)
	}
	// A copy for a subshell has the same bindings.
	if c := FromState(k.State()); len(c.Changes()) != len(k.Changes()) {
		t.Errorf("FromState: %v, want %v", c.Changes(), k.Changes())
	}
	for _, tc := range []struct {
		b   Binding
		err string
	}{
		{Binding{Keys: "a", Func: "yank-pop"}, "yank-pop: unknown function name"},
		{Binding{Keys: "a", Func: ""}, "unknown function name"},
	} {
		if err := k.Bind(tc.b); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("Bind(%+v): %v, want %q", tc.b, err, tc.err)
		}
	}
	if err := k.SetVar("keymap", "vi-insert"); err != nil {
		t.Fatal(err)
	}
	if err := k.Bind(Binding{Keys: "a", Func: "abort"}); err == nil || !strings.Contains(err.Error(), "emacs key map only") {
		t.Errorf("Bind in a vi key map: %v", err)
	}
}

func TestKeymapVariables(t *testing.T) {
	k := &Keymap{}
	for _, tc := range []struct{ name, value, want string }{
		{"completion-ignore-case", "On", "on"},
		{"completion-ignore-case", "yes", "off"},
		{"show-all-if-ambiguous", "", "on"},
		{"show-all-if-ambiguous", "1", "on"},
		{"bell-style", "off", "none"},
		{"bell-style", "visible", "visible"},
		{"completion-query-items", "50x", "50"},
		{"input-meta", "on", "on"},
		{"comment-begin", ":", ":"},
	} {
		if err := k.SetVar(tc.name, tc.value); err != nil || k.Var(tc.name) != tc.want {
			t.Errorf("SetVar(%s, %q): %v, value %q; want %q", tc.name, tc.value, err, k.Var(tc.name), tc.want)
		}
	}
	for _, tc := range []struct{ name, value, err string }{
		{"no-such", "on", "no-such: unknown variable name"},
		{"bell-style", "bogus", "bell-style: could not set value to `bogus'"},
		{"convert-meta", "on", "convert-meta: gosh's line editor cannot set it to on (it is always off)"},
		{"keymap", "foo", "keymap: could not set value to `foo'"},
	} {
		if err := k.SetVar(tc.name, tc.value); err == nil || err.Error() != tc.err {
			t.Errorf("SetVar(%s, %s): %v, want %q", tc.name, tc.value, err, tc.err)
		}
	}
	var unknown ErrUnknownVar
	if !errors.As(k.SetVar("x", "y"), &unknown) {
		t.Error("an unknown variable's error is not ErrUnknownVar")
	}
	vars := k.Variables(map[string]string{"editing-mode": "vi"})
	if vars[0][0] != "bind-tty-special-chars" || len(vars) < 40 {
		t.Errorf("Variables: %v", vars)
	}
	for _, v := range vars {
		if v[0] == "editing-mode" && v[1] != "vi" {
			t.Errorf("editing-mode %s, want the shell's vi", v[1])
		}
	}
}
