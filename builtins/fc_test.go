package builtins

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// histShell is an interactive fake whose history ends with the command
// being run (as the REPL stores a line before running it).
func histShell(t *testing.T, current string) *fakeShell {
	sh := newFake(t)
	sh.interactive = true
	sh.history = []string{"echo one", "echo two", "ls -l", current}
	return sh
}

func TestFcList(t *testing.T) {
	tests := []struct {
		argv []string
		out  string
	}{
		{[]string{"fc", "-l"}, "1\t echo one\n2\t echo two\n3\t ls -l\n"},
		{[]string{"fc", "-l", "-2"}, "2\t echo two\n3\t ls -l\n"},
		{[]string{"fc", "-ln", "1", "2"}, "\t echo one\n\t echo two\n"},
		{[]string{"fc", "-lr", "1", "2"}, "2\t echo two\n1\t echo one\n"},
		{[]string{"fc", "-l", "2", "1"}, "2\t echo two\n1\t echo one\n"},
		{[]string{"fc", "-l", "echo"}, "2\t echo two\n3\t ls -l\n"},
		{[]string{"fc", "-l", "e", "e"}, "2\t echo two\n"},
		{[]string{"fc", "-l", "99"}, "3\t ls -l\n"},
		{[]string{"fc", "-rl", "-3", "-2"}, "2\t echo two\n1\t echo one\n"},
	}
	for _, tc := range tests {
		sh := histShell(t, strings.Join(tc.argv, " "))
		check(t, strings.Join(tc.argv, " "), run(t, sh, "", tc.argv...), 0, tc.out, "")
	}
}

func TestFcRerun(t *testing.T) {
	sh := histShell(t, "fc -s two=TWO 2")
	check(t, "-s pat=rep N", run(t, sh, "", "fc", "-s", "two=TWO", "2"), 0, "", "echo TWO\n")
	if len(sh.evals) != 1 || sh.evals[0] != "echo TWO" || sh.history[3] != "echo TWO" {
		t.Errorf("ran %q, history %q", sh.evals, sh.history)
	}
	sh = histShell(t, "fc -s")
	check(t, "-s", run(t, sh, "", "fc", "-s"), 0, "", "ls -l\n")
	sh = histShell(t, "fc -e - ec")
	check(t, "-e - prefix", run(t, sh, "", "fc", "-e", "-", "ec"), 0, "", "echo two\n")
	sh = histShell(t, "fc -s nosuch")
	check(t, "-s missing", run(t, sh, "", "fc", "-s", "nosuch"), 1, "", "gosh: fc: no command found\n")
	check(t, "no history", run(t, newFake(t), "", "fc", "-l"), 0, "", "")
	check(t, "no history edit", run(t, newFake(t), "", "fc"), 0, "", "")
	check(t, "no history edit N", run(t, newFake(t), "", "fc", "1"), 0, "", "")
	check(t, "no history -s", run(t, newFake(t), "", "fc", "-s"), 1, "", "gosh: fc: no command found\n")
	check(t, "bad option", run(t, newFake(t), "", "fc", "-z"), 2, "",
		"gosh: fc: -z: invalid option\nfc: usage: fc [-e ename] [-lnr] [first] [last] or fc -s [pat=rep] [command]\n")
	sh = histShell(t, "fc -l nosuch")
	check(t, "-l missing", run(t, sh, "", "fc", "-l", "nosuch"), 1, "", "gosh: fc: history specification out of range\n")
}

func TestFcEdit(t *testing.T) {
	sh := histShell(t, "fc 2")
	// The editor is a command line, split as the shell would.
	sh.SetVar("EDITOR", `sh -c 'echo "echo edited" > "$1"' editor`)
	check(t, "edit", run(t, sh, "", "fc", "2"), 0, "", "echo two\n")
	if len(sh.ran) != 1 || len(sh.ran[0]) != 5 || sh.ran[0][0] != "sh" || sh.ran[0][2] != `echo "echo edited" > "$1"` {
		t.Fatalf("editor argv %q", sh.ran)
	}
	// The fake does not run the editor: the file still holds the command.
	if len(sh.evals) != 1 || sh.evals[0] != "echo two" {
		t.Errorf("ran %q", sh.evals)
	}
	sh = histShell(t, "fc -e ed 1 2")
	sh.SetVar("FCEDIT", "nano")
	check(t, "-e", run(t, sh, "", "fc", "-e", "myed", "1", "2"), 0, "", "echo one\necho two\n")
	if sh.ran[0][0] != "myed" || len(sh.evals) != 1 || sh.evals[0] != "echo one\necho two" {
		t.Errorf("ran %q, evals %q", sh.ran, sh.evals)
	}
	sh = histShell(t, "fc")
	sh.SetVar("EDITOR", `"unclosed`)
	check(t, "bad editor", run(t, sh, "", "fc"), 1, "", "gosh: fc: \"unclosed: cannot split the editor command: EOF found when expecting closing quote\n")
	sh = histShell(t, "fc")
	sh.runState = 1
	check(t, "editor fails", run(t, sh, "", "fc"), 1, "", "")
	if len(sh.evals) != 0 {
		t.Errorf("ran after a failed editor: %q", sh.evals)
	}
}

func TestHistoryEdits(t *testing.T) {
	sh := histShell(t, "history -d 2")
	check(t, "-d", run(t, sh, "", "history", "-d", "2"), 0, "", "")
	if strings.Join(sh.history, "|") != "echo one|ls -l|history -d 2" {
		t.Errorf("after -d 2: %q", sh.history)
	}
	sh = histShell(t, "history -d -1")
	check(t, "-d -1", run(t, sh, "", "history", "-d", "-1"), 0, "", "")
	if len(sh.history) != 3 {
		t.Errorf("after -d -1: %q", sh.history)
	}
	sh = histShell(t, "history -d 1-2")
	check(t, "-d range", run(t, sh, "", "history", "-d", "1-2"), 0, "", "")
	if strings.Join(sh.history, "|") != "ls -l|history -d 1-2" {
		t.Errorf("after -d 1-2: %q", sh.history)
	}
	sh = histShell(t, "history -d 9")
	check(t, "-d out", run(t, sh, "", "history", "-d", "9"), 1, "", "gosh: history: 9: history position out of range\n")
	check(t, "-d not a number", run(t, sh, "", "history", "-d", "x"), 1, "", "gosh: history: x: history position out of range\n")
	sh = histShell(t, "history -s foo bar")
	check(t, "-s", run(t, sh, "", "history", "-s", "foo", "bar"), 0, "", "")
	if sh.history[3] != "foo bar" || len(sh.history) != 4 {
		t.Errorf("after -s: %q", sh.history)
	}
	dir := t.TempDir()
	sh = histShell(t, "history -w")
	sh.histFile = filepath.Join(dir, "hist")
	check(t, "-w", run(t, sh, "", "history", "-w"), 0, "", "")
	if data, _ := os.ReadFile(sh.histFile); string(data) != "echo one\necho two\nls -l\nhistory -w\n" {
		t.Errorf("-w wrote %q", data)
	}
	other := filepath.Join(dir, "other")
	check(t, "-a FILE", run(t, sh, "", "history", "-a", other), 0, "", "")
	if data, _ := os.ReadFile(other); string(data) != "appended\n" {
		t.Errorf("-a wrote %q", data)
	}
	check(t, "-r", run(t, sh, "", "history", "-r", other), 0, "", "")
	if sh.history[len(sh.history)-1] != "appended" {
		t.Errorf("-r: %q", sh.history)
	}
	check(t, "-r missing", run(t, sh, "", "history", "-r", filepath.Join(dir, "nope")), 1, "", "") // quiet, as bash
	check(t, "-w no dir", run(t, sh, "", "history", "-w", filepath.Join(dir, "nope", "x")), 1, "", "")
	check(t, "-a no dir", run(t, sh, "", "history", "-a", filepath.Join(dir, "nope", "x")), 1, "",
		"gosh: history: "+filepath.Join(dir, "nope", "x")+": cannot create: No such file or directory\n")
	check(t, "two file ops", run(t, sh, "", "history", "-r", "-w"), 1, "", "gosh: history: cannot use more than one of -anrw\n")
}
