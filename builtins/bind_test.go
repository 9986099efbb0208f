package builtins

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const bindWarning = "gosh: bind: warning: line editing not enabled\n"

// Each case runs its lines of bind in turn on a fresh fake shell; the
// last one's status, output and messages (after the warning of a shell
// without line editing) are compared.
func TestBind(t *testing.T) {
	dir := t.TempDir()
	rc := filepath.Join(dir, "rc")
	os.WriteFile(rc, []byte("$if mode=emacs\n\"\\C-xq\": \"hi\"\n$endif\nset no-such on\n\"a\": yank-pop\n"), 0o644)
	for _, tc := range []struct {
		name   string
		runs   [][]string
		status int
		out    string
		err    string
	}{
		{"bind a key", [][]string{{"bind", `"\e[A": history-search-backward`}, {"bind", "-q", "history-search-backward"}},
			0, "history-search-backward can be invoked via \"\\e[A\".\n", ""},
		{"a key name", [][]string{{"bind", "Control-u: kill-whole-line"}, {"bind", "-P"}},
			0, "", ""},
		{"the editor's own keys", [][]string{{"bind", "-q", "beginning-of-line"}},
			0, "beginning-of-line can be invoked via \"\\C-a\", \"\\eOH\", \"\\e[H\".\n", ""},
		{"not bound", [][]string{{"bind", "-q", "kill-whole-line"}},
			1, "kill-whole-line is not bound to any keys.\n", ""},
		{"unknown function", [][]string{{"bind", "-q", "nosuch"}},
			1, "", "gosh: bind: `nosuch': unknown function name\n"},
		{"unbind a function", [][]string{{"bind", "-u", "yank"}, {"bind", "-q", "yank"}},
			1, "yank is not bound to any keys.\n", ""},
		{"remove a key", [][]string{{"bind", "-r", `\C-y`}, {"bind", "-q", "yank"}},
			1, "yank is not bound to any keys.\n", ""},
		{"remove with quotes", [][]string{{"bind", `"\C-y": yank`}, {"bind", "-r", `"\C-y"`}, {"bind", "-q", "yank"}},
			0, "yank can be invoked via \"\\C-y\".\n", ""},
		{"macro", [][]string{{"bind", `"\C-xq": "hello"`}, {"bind", "-s", "-S"}},
			0, "\"\\C-xq\": \"hello\"\n\\C-xq outputs hello\n", ""},
		{"command", [][]string{{"bind", "-x", `"\C-o": echo hi`}, {"bind", "-X"}},
			0, "\"\\C-o\": \"echo hi\"\n", ""},
		{"command without a colon", [][]string{{"bind", "-x", `"\C-o"`}},
			1, "", "gosh: bind: \"\\C-o\": missing colon separator\n"},
		{"function gosh lacks", [][]string{{"bind", `"\C-x": yank-pop`}},
			1, "", "gosh: bind: yank-pop: unknown function name, or one gosh's line editor cannot perform (bind -l lists those it can)\n"},
		{"no colon", [][]string{{"bind", `"\C-x\C-y"`}},
			1, "", "gosh: bind: \"\\C-x\\C-y\": no key sequence terminator\n"},
		{"unknown variable", [][]string{{"bind", "set no-such on"}},
			0, "", "readline: no-such: unknown variable name\n"},
		{"bad value", [][]string{{"bind", "set bell-style bogus"}},
			0, "", "readline: bell-style: could not set value to `bogus'\n"},
		{"variable", [][]string{{"bind", "set completion-ignore-case on"}, {"bind", "-V"}},
			0, "", ""},
		{"file", [][]string{{"bind", "-f", rc}, {"bind", "-s"}},
			0, "\"\\C-xq\": \"hi\"\n", ""},
		{"file problems", [][]string{{"bind", "-f", rc}},
			1, "", "readline: " + rc + ": line 4: no-such: unknown variable name\ngosh: bind: " + rc + ": line 5: yank-pop: unknown function name, or one gosh's line editor cannot perform (bind -l lists those it can)\n"},
		{"missing file", [][]string{{"bind", "-f", filepath.Join(dir, "none")}},
			1, "", "gosh: bind: " + filepath.Join(dir, "none") + ": cannot read: No such file or directory\n"},
		{"vi key map", [][]string{{"bind", "-m", "vi", `"a": abort`}},
			1, "", "gosh: bind: -m vi: gosh binds keys in the emacs key map only\n"},
		{"bad key map", [][]string{{"bind", "-m", "foo", "-p"}},
			1, "", "gosh: bind: `foo': invalid keymap name\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sh := newFake(t)
			var got result
			for _, argv := range tc.runs {
				got = run(t, sh, "", argv...)
			}
			got.errOut = strings.ReplaceAll(got.errOut, bindWarning, "")
			if tc.out == "" && got.status == tc.status && got.errOut == tc.err {
				return // listings checked below
			}
			check(t, tc.name, got, tc.status, tc.out, tc.err)
		})
	}
}

// The listings: -P after a binding, -l, -v after a set.
func TestBindListings(t *testing.T) {
	sh := newFake(t)
	run(t, sh, "", "bind", "Control-u: kill-whole-line", "set completion-ignore-case on")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"bind", "-P"}, "kill-whole-line can be found on \"\\C-u\".\n"},
		{[]string{"bind", "-P"}, "unix-line-discard is not bound to any keys\n"},
		{[]string{"bind", "-p"}, "\"\\C-u\": kill-whole-line\n"},
		{[]string{"bind", "-p"}, "# unix-line-discard (not bound)\n"},
		{[]string{"bind", "-p"}, "\"a\": self-insert\n"},
		{[]string{"bind", "-l"}, "history-search-backward\n"},
		{[]string{"bind", "-v"}, "set completion-ignore-case on\n"},
		{[]string{"bind", "-V"}, "bell-style is set to `audible'\n"},
	} {
		got := run(t, sh, "", tc.args...)
		if !strings.Contains(got.out, tc.want) || got.status != 0 {
			t.Errorf("%v: status %d, output lacks %q:\n%s", tc.args, got.status, tc.want, got.out)
		}
	}
	if got := run(t, sh, "", "bind", "-l"); strings.Contains(got.out, "yank-pop") {
		t.Errorf("bind -l lists a function gosh cannot perform")
	}
}
