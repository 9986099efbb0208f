package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMessageNamesOnTerminal: a name from outside that holds control
// characters never reaches the terminal raw in a message. cd and "command
// not found" quote it as bash does ($'...'); the messages that bash
// writes raw (type, a redirection, source) show the characters in caret
// notation on a terminal (in a file they stay as bash writes them: the
// rows of testdata/oneliners/msgs.txt).
func TestMessageNamesOnTerminal(t *testing.T) {
	s := newSession(t)
	off := s.rawLen()
	s.run(`type $'t\e]0;T1\a'; cat < $'r\e[2J'; . $'s\e[31m'; cd $'c\e]0;T2\a'; $'n\e]0;T3\a'; echo end-$((6*7))`)
	if !poll(s.Timeout, func() bool { return strings.Contains(s.rawSince(off), "end-42") }) {
		t.Fatalf("no end-42 in:\n%q", s.rawSince(off))
	}
	raw := s.rawSince(off)
	for _, bad := range []string{"\x1b]0;T1", "\x1b[2J", "\x1b[31m", "\x1b]0;T2", "\x1b]0;T3"} {
		if strings.Contains(raw, bad) {
			t.Errorf("a message sent %q raw to the terminal:\n%q", bad, raw)
		}
	}
	for _, want := range []string{
		"type: t^[]0;T1^G: not found",
		"r^[[2J: No such file or directory",
		"s^[[31m: No such file or directory",
		`cd: $'c\E]0;T2\a': No such file or directory`,
		`$'n\E]0;T3\a': command not found`,
	} {
		if !strings.Contains(raw, want) {
			t.Errorf("no %q in the output:\n%q", want, raw)
		}
	}
}

// TestHistoryControlAtPrompt: as bash, the prompt's history keeps every
// line unless $HISTCONTROL or $HISTIGNORE says otherwise; the history
// listing, $HISTCMD and Up agree.
func TestHistoryControlAtPrompt(t *testing.T) {
	s := newSession(t)
	s.run("echo a")
	s.run("echo a")
	s.run(" echo b")
	if out := s.run("history"); !strings.Contains(out, "    1  echo a\n    2  echo a\n    3   echo b\n    4  history\n") {
		t.Errorf("without HISTCONTROL, history printed %q", out)
	}
	s.Send("\x1b[A\x1b[A") // history, then " echo b"
	s.Expect("PROMPT$  echo b")
	if out := s.enter(" echo b"); out != "b\n" {
		t.Errorf("recalled line printed %q", out)
	}
	s.run("HISTCONTROL=ignoreboth:erasedups HISTIGNORE='ls*:&'")
	s.run("echo a")        // erases entries 1 and 2 (erasedups)
	s.run(" echo hidden")  // ignorespace
	s.run("ls >/dev/null") // HISTIGNORE ls*
	s.run("echo $HISTCMD") // kept: it is the newest now
	s.run("echo $HISTCMD") // & and ignoredups: not kept
	out := s.run("history")
	// This history erased the first one; both " echo b" stay, recalled
	// before HISTCONTROL was set. bash 5.2 prints the same list.
	want := "    1   echo b\n    2   echo b\n    3  HISTCONTROL=ignoreboth:erasedups HISTIGNORE='ls*:&'\n    4  echo a\n    5  echo $HISTCMD\n    6  history\n"
	if !strings.Contains(out, want) {
		t.Errorf("with HISTCONTROL and HISTIGNORE, history printed %q, want %q", out, want)
	}
	s.Send("\x1b[A\x1b[A") // history, then echo $HISTCMD
	s.Expect("PROMPT$ echo $HISTCMD")
	s.Send("\x1b[A")
	s.Expect("PROMPT$ echo a")
	s.Send("\x15") // Ctrl+U: leave the line empty
	if out := s.run("echo $HISTCMD"); out != "6\n" {
		t.Errorf("$HISTCMD of a line that erased its copy: %q, want 6", out)
	}
}

// TestMailCheck: as bash, an interactive gosh looks at the mail files
// before a prompt ($MAILCHECK seconds apart, 0: every prompt) and says
// what changed since it last looked; shopt -s mailwarn adds a word when
// a file has been read. The file's times are set by hand, in whole
// seconds apart, as bash compares them.
func TestMailCheck(t *testing.T) {
	box := filepath.Join(t.TempDir(), "box")
	if err := os.WriteFile(box, []byte("From a\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base := time.Now().Add(-time.Hour).Truncate(time.Second)
	setTimes := func(atime, mtime time.Duration) {
		t.Helper()
		if err := os.Chtimes(box, base.Add(atime), base.Add(mtime)); err != nil {
			t.Fatal(err)
		}
	}
	deliver := func(atime, mtime time.Duration) {
		t.Helper()
		f, err := os.OpenFile(box, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString("From b\n")
		f.Close()
		setTimes(atime, mtime)
	}
	setTimes(0, 0)
	s := startSession(t, sessionConfig{Env: []string{"MAILCHECK=0", "MAIL=" + box}})
	s.WaitPrompt()
	if out := s.run("echo first"); out != "first\n" {
		t.Errorf("mail announced before anything changed: %q", out)
	}
	deliver(0, time.Minute)
	if out := s.run("echo second"); out != "second\nYou have new mail in "+box+"\n" {
		t.Errorf("after a delivery: %q", out)
	}
	if out := s.run("echo third"); out != "third\n" {
		t.Errorf("the same mail announced twice: %q", out)
	}
	s.run("shopt -s mailwarn; MAILPATH='" + box + "?got it $_'")
	deliver(0, 2*time.Minute)
	if out := s.run(":"); out != "got it "+box+"\n" {
		t.Errorf("MAILPATH's message: %q", out)
	}
	setTimes(3*time.Minute, 2*time.Minute) // read by a mail reader
	if out := s.run(":"); out != "The mail in "+box+" has been read\n" {
		t.Errorf("mailwarn after a read: %q", out)
	}
	s.run("MAILCHECK=3600")
	deliver(0, 4*time.Minute)
	if out := s.run(":"); out != "" {
		t.Errorf("MAILCHECK=3600 checked again at once: %q", out)
	}

	s = newSession(t)
	if out := s.run("echo $MAILCHECK"); out != "60\n" {
		t.Errorf("an interactive shell's MAILCHECK: %q, want bash's 60", out)
	}
}

// TestCompletionShoptAtPrompt: with shopt direxpand, Tab writes the
// directory part of a file name expanded; with dirspell, mended; with
// no_empty_cmd_completion, Tab on an empty line offers nothing.
func TestCompletionShoptAtPrompt(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"docs/readme-zz": "README-CONTENT\n"})
	s := startSession(t, sessionConfig{Dir: dir, Env: []string{"ZZD=" + dir + "/docs"}})
	s.WaitPrompt()
	s.run("shopt -s direxpand dirspell no_empty_cmd_completion")
	s.Send("cat $ZZD/read\t")
	if out := s.enter("cat " + dir + "/docs/readme-zz "); out != "README-CONTENT\n" {
		t.Errorf("direxpand: %q", out)
	}
	s.Send("cat dcos/rea\t")
	if out := s.enter("cat docs/readme-zz "); out != "README-CONTENT\n" {
		t.Errorf("dirspell: %q", out)
	}
	off := s.rawLen()
	s.Send("\t\techo empty-$((6*7))")
	if out := s.enter("echo empty-$((6*7))"); out != "empty-42\n" {
		t.Errorf("no_empty_cmd_completion: %q", out)
	}
	if raw := s.rawSince(off); strings.Contains(raw, "possibilities") || strings.Contains(raw, "disown") {
		t.Errorf("no_empty_cmd_completion: Tab on an empty line listed commands:\n%q", raw)
	}
}
