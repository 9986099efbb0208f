package tests

import (
	"strings"
	"testing"
)

// TestHistoryExpansionAtPrompt: !-references typed at the prompt are
// expanded, the expanded line is shown before it runs and saved expanded;
// :p only prints; a failed expansion runs nothing; set +H turns expansion
// off; fc -s runs a command again with a change.
func TestHistoryExpansionAtPrompt(t *testing.T) {
	home := t.TempDir()
	// ignoredups: !! after "echo hi there" makes no second entry.
	s := startSession(t, sessionConfig{Home: home, Env: []string{"HISTCONTROL=ignoredups"}})
	s.WaitPrompt()
	s.run("echo hi there")
	if out := s.run("!!"); out != "echo hi there\nhi there\n" {
		t.Errorf("!! printed %q", out)
	}
	if out := s.run("echo !$ '!!'"); out != "echo there '!!'\nthere !!\n" {
		t.Errorf("!$ printed %q", out)
	}
	if out := s.run("^there^world"); out != "echo world '!!'\nworld !!\n" {
		t.Errorf("^old^new printed %q", out)
	}
	if out := s.run("echo !?hi?:1:p"); out != "echo hi\n" {
		t.Errorf(":p printed %q", out)
	}
	if out := s.run("echo !nosuch; echo ran"); out != "gosh: !nosuch: event not found\n" {
		t.Errorf("a failed expansion printed %q", out)
	}
	if out := s.run("fc -s world=fc 'echo w'"); out != "echo fc '!!'\nfc !!\n" {
		t.Errorf("fc -s printed %q", out)
	}
	want := []string{"echo hi there", "echo there '!!'", "echo world '!!'", "echo hi", "echo fc '!!'"}
	got := historyLines(t, home)
	if len(got) < len(want) || strings.Join(got[1:3], "|") != strings.Join(want[1:3], "|") || got[3] != "echo hi" {
		t.Errorf("history file %q, want the expanded lines %q", got, want)
	}
	if out := s.run("history 2"); !strings.Contains(out, "echo fc '!!'") {
		t.Errorf("fc -s did not take the fc command's place in the list: %q", out)
	}
	s.run("set +H")
	if out := s.run("echo !!"); out != "!!\n" {
		t.Errorf("after set +H, echo !! printed %q", out)
	}
}

// TestFcEditor: fc opens the last command in $EDITOR, a command line with
// arguments split into words as the shell would (EDITOR='sed -i ...'),
// then shows and runs what the file holds, in place of the fc command.
func TestFcEditor(t *testing.T) {
	home := t.TempDir()
	s := startSession(t, sessionConfig{Home: home})
	s.WaitPrompt()
	s.run(`EDITOR='sed -i "s/one/two words/"'`)
	s.run("echo one")
	if out := s.run("fc"); out != "echo two words\ntwo words\n" {
		t.Errorf("fc printed %q", out)
	}
	if out := s.run("fc -l -1"); !strings.HasSuffix(out, "\t echo two words\n") {
		t.Errorf("the edited command did not take fc's place: %q", out)
	}
	if out := s.run("fc -e false"); out != "" {
		t.Errorf("a failing editor ran something: %q", out)
	}
}
