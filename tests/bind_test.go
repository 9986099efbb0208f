package tests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// End-to-end tests of key bindings (bind, ~/.inputrc) at the prompt. With
// GOSH_TEST_REFERENCE=bash they run against bash, whose behaviour they
// describe.

// bindSession starts an interactive shell in a pty with HOME home (a
// fresh one when ""), as newSession does, and waits for the prompt.
func bindSession(t *testing.T, home string, env ...string) *session {
	t.Helper()
	c := sessionConfig{Home: home, Env: env}
	if ref := os.Getenv("GOSH_TEST_REFERENCE"); ref != "" {
		c.Bin, c.Args = ref, []string{"--norc", "--noprofile", "-i"}
	}
	s := startSession(t, c)
	s.WaitPrompt()
	return s
}

// typeAndRun types keys, waits (with gosh) until the line reads shown,
// then types rest and Enter, and checks that the output has want.
func typeAndRun(t *testing.T, s *session, keys, shown, rest, want string) {
	t.Helper()
	s.Send(keys)
	shownIfGosh(s, shown)
	if out := s.Run(rest); !strings.Contains(out, want) {
		t.Errorf("after %q: output %q, want %q", keys, out, want)
	}
}

// shownIfGosh waits until the line reads text, with gosh: its editor
// redraws the line, where bash's moves the cursor back over it, which the
// cleaned output does not follow. The test then checks what runs.
func shownIfGosh(s *session, text string) {
	s.t.Helper()
	if s.Name == "gosh" {
		s.ExpectShown(text)
	}
}

// Up bound to history-search-backward recalls the newest line that starts
// with what was typed, then older ones; the cursor stays after the typed
// text, as in bash; Down bound to history-search-forward comes back.
func TestBindHistorySearchBackward(t *testing.T) {
	s := bindSession(t, "", "INPUTRC=/dev/null")
	s.Run("echo apple1")
	s.Run("echo banana")
	s.Run("echo apple2")
	s.Run("true")
	s.Run(`bind '"\e[A": history-search-backward' '"\e[B": history-search-forward'`)
	s.Send("echo a")
	s.Send("\x1b[A")
	shownIfGosh(s, "PROMPT$ echo apple2")
	s.Send("\x1b[A")
	shownIfGosh(s, "PROMPT$ echo apple1")
	s.Send("\x1b[B")
	shownIfGosh(s, "PROMPT$ echo apple2")
	// The cursor is after "echo a": what is typed goes there.
	s.Send("X")
	if out := s.Run(""); !strings.Contains(out, "aXpple2\n") {
		t.Errorf("typed after the search: output %q, want aXpple2", out)
	}
}

// ~/.inputrc is read when the interactive shell starts: its conditionals
// are followed, a macro on a two-key sequence types its text, and its
// variables are set.
func TestInputrcReadAtStart(t *testing.T) {
	home := t.TempDir()
	rc := `# comment
$if mode=vi
"\C-xq": "echo wrong-branch"
$else
"\C-xq": "echo from-macro"
$endif
$if Bash
set completion-ignore-case on
$endif
`
	if err := os.WriteFile(filepath.Join(home, ".inputrc"), []byte(rc), 0o644); err != nil {
		t.Fatal(err)
	}
	s := bindSession(t, home)
	s.Send("\x18")
	s.Send("q")
	if out := s.Run(""); !strings.Contains(out, "from-macro\n") || strings.Contains(out, "wrong") {
		t.Errorf("Ctrl+X q: output %q, want the macro's command to run", out)
	}
	if out := s.Run("bind -v | grep completion-ignore-case"); !strings.Contains(out, "set completion-ignore-case on") {
		t.Errorf("bind -v: %q", out)
	}
}

// A line of the init file that cannot be honoured is told once at start,
// with its file and line; the shell starts all the same.
func TestInputrcProblemToldOnce(t *testing.T) {
	if os.Getenv("GOSH_TEST_REFERENCE") != "" {
		t.Skip("gosh's own message")
	}
	home := t.TempDir()
	rc := "\"\\C-xa\": no-such-function\n\"\\C-xb\": yank-pop\nset completion-ignore-case on\n"
	if err := os.WriteFile(filepath.Join(home, ".inputrc"), []byte(rc), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startSession(t, sessionConfig{Home: home})
	before := s.WaitPrompt()
	want := ".inputrc: line 1: no-such-function: unknown function name"
	if strings.Count(before, "gosh: ") != 1 || !strings.Contains(before, want) || !strings.Contains(before, "(and 1 more; bind -f ") {
		t.Errorf("start-up output %q, want one message with %q", before, want)
	}
	if out := s.Run("bind -v | grep completion-ignore-case"); !strings.Contains(out, "set completion-ignore-case on") {
		t.Errorf("the good line was not applied: %q", out)
	}
}

// bind -x runs a shell command with the line in READLINE_LINE and the
// cursor in READLINE_POINT; the line and cursor it leaves are the editor's.
func TestBindXReadlineLine(t *testing.T) {
	s := bindSession(t, "", "INPUTRC=/dev/null")
	s.Run(`bind -x '"\C-o": READLINE_LINE="echo got:$READLINE_LINE:$READLINE_POINT"; READLINE_POINT=5'`)
	s.Send("abc\x1b[D")
	s.Send("\x0f")
	shownIfGosh(s, "echo got:abc:2")
	s.Send("X")
	if out := s.Run(""); !strings.Contains(out, "Xgot:abc:2\n") {
		t.Errorf("after bind -x: output %q, want Xgot:abc:2", out)
	}
	// On an empty line the command gets an empty line, not the last one.
	typeAndRun(t, s, "\x0f", "echo got::0", "", "got::0\n")
}

// completion-ignore-case completes a file name typed in another case, and
// the name takes its own case.
func TestBindCompletionIgnoreCase(t *testing.T) {
	s := bindSession(t, "", "INPUTRC=/dev/null")
	if err := os.WriteFile(filepath.Join(s.Dir, "README.txt"), []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Run("bind 'set completion-ignore-case on'")
	typeAndRun(t, s, "cat rea\t", "PROMPT$ cat README.txt ", "", "hello\n")
}

// Keys bound to functions gosh adds to the editor: kill-whole-line,
// upcase-word, and a key unbound with bind -r does nothing.
func TestBindEditingFunctions(t *testing.T) {
	s := bindSession(t, "", "INPUTRC=/dev/null")
	s.Run(`bind 'Control-u: kill-whole-line' '"\eu": upcase-word' && bind -r '\C-t'`)
	s.Send("junk words\x1b[D\x1b[D\x15")
	s.Send("echo hello")
	s.Send("\x01\x1bu")
	s.Send("\x14") // unbound: no transposition
	if out := s.Run(""); !strings.Contains(out, "ECHO: command not found") {
		t.Errorf("output %q, want ECHO hello to run", out)
	}
}

// mark-symlinked-directories is off, as in bash: Tab completes the name of
// a link to a directory with nothing after it, and the next Tab adds "/";
// with mark-directories off a directory gets no "/".
func TestBindMarkDirectories(t *testing.T) {
	s := bindSession(t, "", "INPUTRC=/dev/null")
	if err := os.Mkdir(filepath.Join(s.Dir, "subdir"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("subdir", filepath.Join(s.Dir, "linkdir")); err != nil {
		t.Fatal(err)
	}
	s.Send("echo lin\t")
	shownIfGosh(s, "PROMPT$ echo linkdir")
	typeAndRun(t, s, "\t", "PROMPT$ echo linkdir/", ".", "linkdir/.\n")
	s.Run("bind 'set mark-directories off'")
	typeAndRun(t, s, "echo subd\t", "PROMPT$ echo subdir", ".", "subdir.\n")
}

// A sequence that begins a bound one waits for the next key; when the two
// match no binding, they do what they did: ESC [ is the beginning of a
// bound "\e[5~", and ESC [ A is still Up.
func TestBindPrefixFallsBack(t *testing.T) {
	s := bindSession(t, "", "INPUTRC=/dev/null")
	s.Run("echo first")
	s.Run("echo second")
	s.Run(`bind '"\e[5~": beginning-of-history'`)
	s.Send("\x1b[")
	s.Send("A")
	shownIfGosh(s, `PROMPT$ bind '"\e[5~": beginning-of-history'`)
	typeAndRun(t, s, "\x1b[5~", "PROMPT$ echo first", "", "first\n")
}

// show-all-if-ambiguous lists the names at the first Tab, after the part
// they share.
func TestBindShowAllIfAmbiguous(t *testing.T) {
	s := bindSession(t, "", "INPUTRC=/dev/null")
	for _, name := range []string{"abc1", "abc2"} {
		if err := os.WriteFile(filepath.Join(s.Dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s.Run("bind 'set show-all-if-ambiguous on'")
	s.Send("echo a\t")
	s.Expect("abc2")
	s.Send("\x15") // Ctrl+U: the line is dropped
	s.Run("true")
}
