package builtins

import (
	"strings"
	"testing"
)

func TestAlias(t *testing.T) {
	sh := newFake(t)
	check(t, "define", run(t, sh, "", "alias", "ll=ls -l", "q=it's", "e="), 0, "", "")
	if sh.aliases["ll"] != "ls -l" || sh.aliases["q"] != "it's" || sh.aliases["e"] != "" {
		t.Errorf("aliases %q", sh.aliases)
	}
	all := "alias e=''\nalias ll='ls -l'\nalias q='it'\\''s'\n"
	check(t, "list", run(t, sh, "", "alias"), 0, all, "")
	check(t, "list -p", run(t, sh, "", "alias", "-p"), 0, all, "")
	check(t, "show one", run(t, sh, "", "alias", "ll"), 0, "alias ll='ls -l'\n", "")
	check(t, "show and miss", run(t, sh, "", "alias", "foo", "q"), 1, "alias q='it'\\''s'\n",
		"gosh: alias: foo: not found\n")
	check(t, "-p and define", run(t, sh, "", "alias", "-p", "x=y"), 0, all, "")
	if sh.aliases["x"] != "y" {
		t.Error("alias -p x=y did not define x")
	}
	check(t, "redefine", run(t, sh, "", "alias", "ll=ls -la"), 0, "", "")
	if sh.aliases["ll"] != "ls -la" {
		t.Errorf("ll = %q", sh.aliases["ll"])
	}
	for _, bad := range []string{"a/b", "a b", "$x", "a|b", "a'b"} {
		check(t, "invalid "+bad, run(t, sh, "", "alias", bad+"=x"), 1, "",
			"gosh: alias: `"+bad+"': invalid alias name\n")
	}
	check(t, "empty name", run(t, sh, "", "alias", "=x"), 1, "", "gosh: alias: =x: not found\n") // a name, as in bash
	check(t, "dash name", run(t, sh, "", "alias", "--", "-x=y", "-x"), 0, "alias -- -x='y'\n", "")
	check(t, "bad option", run(t, sh, "", "alias", "-z"), 2, "",
		"gosh: alias: -z: invalid option\nalias: usage: alias [-p] [name[=value] ... ]\n")
}

func TestUnalias(t *testing.T) {
	sh := newFake(t)
	sh.aliases = map[string]string{"a": "1", "b": "2", "c": "3"}
	check(t, "one", run(t, sh, "", "unalias", "a"), 0, "", "")
	if _, ok := sh.aliases["a"]; ok {
		t.Error("a still defined")
	}
	check(t, "missing", run(t, sh, "", "unalias", "nope", "b"), 1, "", "gosh: unalias: nope: not found\n")
	if _, ok := sh.aliases["b"]; ok {
		t.Error("unalias stopped at the missing name")
	}
	check(t, "no args", run(t, sh, "", "unalias"), 2, "", "unalias: usage: unalias [-a] name [name ...]\n")
	check(t, "-a", run(t, sh, "", "unalias", "-a"), 0, "", "")
	if len(sh.aliases) != 0 {
		t.Errorf("after -a: %q", sh.aliases)
	}
	check(t, "bad option", run(t, sh, "", "unalias", "-z"), 2, "",
		"gosh: unalias: -z: invalid option\nunalias: usage: unalias [-a] name [name ...]\n")
}

func TestHistory(t *testing.T) {
	lines := []string{"ls", "cd /tmp", "echo 'a b'"}
	tests := []struct {
		argv   []string
		status int
		out    string
		errOut string
	}{
		{[]string{"history"}, 0, "    1  ls\n    2  cd /tmp\n    3  echo 'a b'\n", ""},
		{[]string{"history", "2"}, 0, "    2  cd /tmp\n    3  echo 'a b'\n", ""},
		{[]string{"history", "9"}, 0, "    1  ls\n    2  cd /tmp\n    3  echo 'a b'\n", ""},
		{[]string{"history", "0"}, 0, "", ""},
		{[]string{"history", "abc"}, 1, "", "gosh: history: abc: numeric argument required\n"},
		{[]string{"history", "1", "2"}, 1, "", "gosh: history: too many arguments\n"},
		{[]string{"history", "-z"}, 2, "", "gosh: history: -z: invalid option\nhistory: usage: history [-c] [-d offset] [n] or history -arw [filename] or history -ps arg [arg ...]\n"},
	}
	for _, tc := range tests {
		sh := newFake(t)
		sh.history = lines
		check(t, strings.Join(tc.argv, " "), run(t, sh, "", tc.argv...), tc.status, tc.out, tc.errOut)
	}
	sh := newFake(t)
	sh.history = make([]string, 12345)
	for i := range sh.history {
		sh.history[i] = "cmd"
	}
	check(t, "wide numbers", run(t, sh, "", "history", "1"), 0, "12345  cmd\n", "")
	check(t, "-c", run(t, sh, "", "history", "-c"), 0, "", "")
	if sh.history != nil {
		t.Error("history -c did not clear")
	}
	check(t, "empty", run(t, sh, "", "history"), 0, "", "")
}

// TestEveryBuiltinDocumented checks the help text of every builtin: help
// prints them, so none may be missing or malformed.
func TestEveryBuiltinDocumented(t *testing.T) {
	want := strings.Fields(`. : alias bg cd command disown echo eval exec exit export false fg help
		history jobs kill nohup pwd read set shift source true type unalias unset wait`)
	for _, name := range want {
		if _, ok := Lookup(name); !ok {
			t.Errorf("builtin %q is not registered", name)
		}
	}
	for _, b := range All() {
		switch {
		case b.Run == nil:
			t.Errorf("%s: no Run", b.Name)
		case b.Synopsis == "" || b.Summary == "" || b.Help == "":
			t.Errorf("%s: Synopsis, Summary and Help must all be set", b.Name)
		case strings.Contains(b.Summary, "\n"):
			t.Errorf("%s: Summary is more than one line", b.Name)
		case !strings.HasPrefix(b.Synopsis, b.Name):
			t.Errorf("%s: Synopsis %q does not start with the name", b.Name, b.Synopsis)
		}
	}
}

func TestHelp(t *testing.T) {
	sh := newFake(t)
	cd, _ := Lookup("cd")

	got := run(t, sh, "", "help", "cd")
	if got.status != 0 || !strings.HasPrefix(got.out, "cd: cd [-L|[-P [-e]] [-@]] [dir]\n    "+cd.Summary+"\n\n    Change the current") {
		t.Errorf("help cd: %d %q", got.status, got.out)
	}
	for _, line := range strings.Split(strings.TrimSuffix(got.out, "\n"), "\n")[1:] {
		if line != "" && !strings.HasPrefix(line, "    ") {
			t.Errorf("help cd: line not indented: %q", line)
		}
	}
	check(t, "help -s", run(t, sh, "", "help", "-s", "cd", "pwd"), 0, "cd: cd [-L|[-P [-e]] [-@]] [dir]\npwd: pwd [-LP]\n", "")
	check(t, "help -d", run(t, sh, "", "help", "-d", "cd"), 0, "cd - "+cd.Summary+"\n", "")
	check(t, "help glob", run(t, sh, "", "help", "-s", "e?it"), 0, "exit: exit [n]\n", "")
	check(t, "help prefix", run(t, sh, "", "help", "-s", "un"), 0,
		"unalias: unalias [-a] name [name ...]\nunset: unset [-f] [-v] [-n] [name ...]\n", "")
	check(t, "help exact beats prefix", run(t, sh, "", "help", "-s", "set"), 0,
		"set: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n", "")
	check(t, "help unknown", run(t, sh, "", "help", "nosuch"), 1, "", "gosh: help: no help topics match `nosuch'.  Try `help help' or `man -k nosuch' or `info nosuch'.\n")
	check(t, "help bad glob", run(t, sh, "", "help", "[x"), 1, "", "gosh: help: no help topics match `[x'.  Try `help help' or `man -k [x' or `info [x'.\n")
	check(t, "help bad option", run(t, sh, "", "help", "-z"), 2, "",
		"gosh: help: -z: invalid option\nhelp: usage: help [-ds] [--lang en|ko] [name|pattern|topic ...]\n")

	index := run(t, sh, "", "help")
	if index.status != 0 {
		t.Fatalf("help: status %d", index.status)
	}
	for _, b := range All() {
		if !strings.Contains(index.out, " "+b.Name+" ") || !strings.Contains(index.out, b.Summary+"\n") {
			t.Errorf("help index lacks %s", b.Name)
		}
	}
	// Summaries start in one column.
	col := -1
	for _, b := range All() {
		for _, line := range strings.Split(index.out, "\n") {
			if strings.HasPrefix(line, "  "+b.Name+" ") && strings.HasSuffix(line, b.Summary) {
				c := len(line) - len(b.Summary)
				if col >= 0 && c != col {
					t.Errorf("help index: %s's summary at column %d, others at %d", b.Name, c, col)
				}
				col = c
			}
		}
	}
}

func TestHelpTopics(t *testing.T) {
	names := TopicNames()
	if len(names) == 0 {
		t.Fatal("no topics")
	}
	topic := names[0]
	en, _ := TopicText(topic, "en")
	ko, _ := TopicText(topic, "ko")
	if en == "" || ko == "" || en == ko {
		t.Fatalf("topic %s: texts missing or not translated", topic)
	}
	tests := []struct {
		name string
		env  map[string]string
		argv []string
		want string
	}{
		{"default English", nil, []string{"help", topic}, en},
		{"--lang ko", nil, []string{"help", "--lang", "ko", topic}, ko},
		{"--lang=ko", nil, []string{"help", "--lang=ko", topic}, ko},
		{"--lang en beats LANG", map[string]string{"LANG": "ko_KR.UTF-8"}, []string{"help", "--lang", "en", topic}, en},
		{"LANG ko", map[string]string{"LANG": "ko_KR.UTF-8"}, []string{"help", topic}, ko},
		{"LC_MESSAGES beats LANG", map[string]string{"LANG": "ko_KR.UTF-8", "LC_MESSAGES": "C"}, []string{"help", topic}, en},
		{"LC_ALL beats all", map[string]string{"LANG": "C", "LC_ALL": "ko_KR.UTF-8"}, []string{"help", topic}, ko},
	}
	for _, tc := range tests {
		sh := newFake(t)
		for k, v := range tc.env {
			sh.SetVar(k, v)
		}
		got := run(t, sh, "", tc.argv...)
		if got.status != 0 || got.out != tc.want {
			t.Errorf("%s: status %d, out %.60q...", tc.name, got.status, got.out)
		}
	}

	sh := newFake(t)
	got := run(t, sh, "", "help", "--lang", "xx", topic)
	if got.status != 2 || !strings.Contains(got.errOut, "xx") || got.out != "" {
		t.Errorf("--lang xx: %d %q %q", got.status, got.out, got.errOut)
	}
	index := run(t, sh, "", "help")
	for _, n := range names {
		if !strings.Contains(index.out, "  "+n+" ") || !strings.Contains(index.out, TopicSummary(n, "en")) {
			t.Errorf("help index lacks topic %s", n)
		}
	}
	sh.SetVar("LANG", "ko_KR.UTF-8")
	index = run(t, sh, "", "help")
	if !strings.Contains(index.out, TopicSummary(topic, "ko")) {
		t.Errorf("help index in Korean lacks %s's Korean summary", topic)
	}
}
