package tests

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// These tests drive gosh's line editor, history, completion, prompts and
// start-up files with real keystrokes in a pseudo-terminal.

// writeFiles creates files (name → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if strings.HasPrefix(content, "#!") {
			mode = 0o755
		}
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
	}
}

// rawOutput is everything the shell wrote, escape sequences included.
func (s *session) rawOutput() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.raw)
}

// enter presses Enter on the line the editor shows as line, and returns
// the command's output. While a line is typed the editor redraws it after
// every key; its final drawing is the line followed by a newline, which is
// left unread so that WaitPrompt finds the next prompt at a line's start.
func (s *session) enter(line string) string {
	s.t.Helper()
	s.Send("\r")
	pat := []byte(line + "\n")
	if _, _, ok := s.find(s.Timeout, func([]byte) (int, int) {
		// The line may have been read already (the editor draws what
		// changed: Enter after a recalled line writes only "\n").
		from := max(0, s.pos-len(line))
		i := bytes.Index(s.text[from:], pat)
		if i < 0 {
			return -1, -1
		}
		return 0, from + i + len(line) - s.pos
	}); !ok {
		s.t.Fatalf("timed out waiting for the line %q to be entered\n%s", line, s.describe())
	}
	return strings.TrimPrefix(s.WaitPrompt(), "\n")
}

// run types line and Enter and returns the command's output (Run, for
// commands that may print nothing).
func (s *session) run(line string) string {
	s.t.Helper()
	s.Send(line)
	return s.enter(line)
}

// historyLines reads HOME/.gosh_history.
func historyLines(t *testing.T, home string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(home, ".gosh_history"))
	if err != nil {
		t.Fatalf("history file: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

// TestHistoryPersists: commands are saved as they are entered, in a file
// of mode 0600; a new session recalls them with Up.
func TestHistoryPersists(t *testing.T) {
	home := t.TempDir()
	s := startSession(t, sessionConfig{Home: home, Env: []string{"HISTCONTROL=ignoreboth"}})
	s.WaitPrompt()
	s.run("echo first-cmd")
	s.run("echo second-cmd")
	s.run("echo second-cmd")      // a repeat is not stored (ignoredups)
	s.run(" echo secret-cmd")     // nor a line starting with a space (ignorespace)
	s.Send("echo joined-cmd |\r") // two lines, one entry
	s.WaitPS2()
	s.Send("tr a-z A-Z")
	if out := s.enter("tr a-z A-Z"); !strings.Contains(out, "JOINED-CMD") {
		t.Errorf("pipeline output %q", out)
	}
	// Saved before the shell exits.
	want := []string{"echo first-cmd", "echo second-cmd", "echo joined-cmd | tr a-z A-Z"}
	if got := historyLines(t, home); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("history file %q, want %q", got, want)
	}
	if st, err := os.Stat(filepath.Join(home, ".gosh_history")); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("history file mode: %v %v", st.Mode(), err)
	}
	if out := s.run("history"); !strings.Contains(out, "    3  echo joined-cmd | tr a-z A-Z") {
		t.Errorf("history builtin printed %q", out)
	}
	s.Send("exit\r")
	s.ExitStatus(s.Timeout)

	s = startSession(t, sessionConfig{Home: home})
	s.WaitPrompt()
	s.Send("\x1b[A") // Up: the last entry of the previous session
	s.ExpectShown("PROMPT$ exit")
	s.Send("\x1b[A\x1b[A") // history, then the pipeline
	s.Expect("PROMPT$ echo joined-cmd | tr a-z A-Z")
	s.Send("\x1b[A")
	s.Expect("PROMPT$ echo second-cmd")
	if out := s.enter("echo second-cmd"); out != "second-cmd\n" {
		t.Errorf("recalled line printed %q", out)
	}
	if out := s.run("history -c; history"); strings.Contains(out, "echo") {
		t.Errorf("history after -c: %q", out)
	}
}

// TestHistoryCrashAndHangup: a command is in the history file from the
// moment it is entered: killing the shell while the command runs, or
// hanging up the terminal, loses nothing.
func TestHistoryCrashAndHangup(t *testing.T) {
	home := t.TempDir()
	s := startSession(t, sessionConfig{Home: home})
	s.WaitPrompt()
	s.SendLine("sleep 101")
	s.ProcByArgs("sleep 101")
	syscall.Kill(s.Pid, syscall.SIGKILL)
	s.ExitStatus(s.Timeout)
	if got := historyLines(t, home); got[len(got)-1] != "sleep 101" {
		t.Errorf("history file after kill -9: %q", got)
	}
	s.Close()

	s = startSession(t, sessionConfig{Home: home})
	s.WaitPrompt()
	s.run("echo before-hangup")
	s.HangUp()
	s.ExitStatus(s.Timeout)
	if got := historyLines(t, home); strings.Join(got, "|") != "sleep 101|echo before-hangup" {
		t.Errorf("history file after hangup: %q", got)
	}
}

// TestHistoryBackgroundLine: a line that only starts background jobs is
// appended to the history file just after the next prompt is shown (the
// prompt does not wait for the file), before the next command, and before
// a hangup ends the shell, in the order typed.
func TestHistoryBackgroundLine(t *testing.T) {
	home := t.TempDir()
	s := startSession(t, sessionConfig{Home: home})
	s.WaitPrompt()
	s.run("sleep 103 &")
	sleep := s.ProcByArgs("sleep 103")
	defer syscall.Kill(sleep.Pid, syscall.SIGKILL)
	if !poll(10*time.Second, func() bool {
		data, _ := os.ReadFile(filepath.Join(home, ".gosh_history"))
		return string(data) == "sleep 103 &\n"
	}) {
		t.Errorf("history file %q after the prompt came back, want the background line", historyLines(t, home))
	}
	s.run("true && true &")
	s.run("echo fg-after")
	s.run("true & true &")
	s.HangUp()
	s.ExitStatus(s.Timeout)
	want := "sleep 103 &|true && true &|echo fg-after|true & true &"
	if got := historyLines(t, home); strings.Join(got, "|") != want {
		t.Errorf("history file %q, want %q", got, want)
	}
}

// TestHistorySearch: Ctrl+R finds an earlier entry.
func TestHistorySearch(t *testing.T) {
	s := newSession(t)
	s.run("echo needle-one")
	s.run("echo other-thing")
	s.Send("\x12needle")
	s.Expect("echo needle-one")
	if out := s.enter("echo needle-one"); out != "needle-one\n" {
		t.Errorf("Ctrl+R line printed %q", out)
	}
	// Ctrl+C during a search discards the line, as in bash.
	s.Send("echo typed\x12needle")
	s.Expect("echo needle-one")
	s.Send("\x03")
	s.Expect("^C")
	s.WaitPrompt()
	if out := s.run("echo after-search"); out != "after-search\n" {
		t.Errorf("the line after Ctrl+C in a search printed %q", out)
	}
}

// TestTabCompletion: a command from PATH, a file name with a space (outside
// and inside quotes), a directory after cd, and the list of several matches.
func TestTabCompletion(t *testing.T) {
	bin := t.TempDir()
	writeFiles(t, bin, map[string]string{"zzgosh-probe": "#!/bin/sh\necho PROBE-RAN\n"})
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"my file.txt":   "FILE-CONTENT\n",
		"alpha-one":     "",
		"alpha-two":     "",
		"subdir/inside": "",
	})
	s := startSession(t, sessionConfig{Dir: dir, Env: []string{"PATH=" + bin + ":/usr/bin:/bin"}})
	s.WaitPrompt()

	s.Send("zzgosh-p\t")
	if out := s.enter("zzgosh-probe "); out != "PROBE-RAN\n" {
		t.Errorf("completed command printed %q", out)
	}

	s.Send("cat my\t")
	if out := s.enter(`cat my\ file.txt `); out != "FILE-CONTENT\n" {
		t.Errorf("completed file name: %q", out)
	}

	s.Send(`cat "my f` + "\t")
	if out := s.enter(`cat "my file.txt" `); out != "FILE-CONTENT\n" {
		t.Errorf("completed quoted file name: %q", out)
	}

	s.Send("cd s\t")
	s.enter("cd subdir/")
	if out := s.run("pwd"); !strings.HasSuffix(out, "/subdir\n") {
		t.Errorf("pwd after completed cd: %q", out)
	}
	s.run("cd ..")

	// Several matches: the common prefix, then the list.
	s.Send("ls alp\t")
	s.Expect("ls alpha-")
	s.Send("\t")
	s.ExpectRe(`alpha-one\s+alpha-two`)
	s.Send("\x03") // closes the list and, as in bash, discards the line
	s.Expect("^C")
	s.WaitPrompt()
	if out := s.run("echo after-list"); out != "after-list\n" {
		t.Errorf("the line after Ctrl+C in a list of completions printed %q", out)
	}
}

// TestPS2Continuation: an unterminated quote and a trailing | continue on
// the PS2 prompt; Ctrl+C there discards the command.
func TestPS2Continuation(t *testing.T) {
	s := newSession(t)
	s.Send("echo 'first\r")
	s.Expect(promptPS2)
	s.Send("second'")
	if out := s.enter("second'"); out != "first\nsecond\n" {
		t.Errorf("quoted continuation printed %q", out)
	}
	s.Send("echo piped |\r")
	s.Expect(promptPS2)
	s.Send("tr a-z A-Z")
	if out := s.enter("tr a-z A-Z"); out != "PIPED\n" {
		t.Errorf("pipe continuation printed %q", out)
	}
	s.Send("echo never-run &&\r")
	s.Expect(promptPS2)
	s.Send("\x03")
	s.Expect("^C")
	s.WaitPrompt()
	if out := s.run("echo after"); out != "after\n" {
		t.Errorf("after Ctrl+C at PS2: %q", out)
	}
}

// loginSession starts gosh as a login shell: with argv[0] "-gosh" (as
// login(1) starts it) when args is nil, else with args (such as -l).
func loginSession(t *testing.T, home string, args []string) *session {
	t.Helper()
	gosh := requireGosh(t)
	c := sessionConfig{Home: home}
	if args == nil {
		// exec -a sets argv[0]; the shell replaces bash in the same process.
		// (A non-interactive bash drops PS1 and PS2: export them again.)
		c.Bin, c.Args = "/bin/bash", []string{"-c",
			"export PS1='" + promptPS1 + "' PS2='" + promptPS2 + "'; exec -a -gosh " + gosh}
	} else {
		c.Args = args
	}
	s := startSession(t, c)
	return s
}

// TestLoginShell: a login shell reads ~/.gosh_profile, not ~/.goshrc,
// and sets up the session's variables.
func TestLoginShell(t *testing.T) {
	home := t.TempDir()
	writeFiles(t, home, map[string]string{
		".gosh_profile": "PROFILE_READ=yes\nalias pp='echo profile-alias'\n",
		".goshrc":       "RC_READ=yes\n",
	})
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"argv0-dash", nil, "p=yes r=\n"},
		{"dash-l", []string{"-l"}, "p=yes r=\n"},
		{"login", []string{"--login"}, "p=yes r=\n"},
		{"noprofile", []string{"-l", "--noprofile"}, "p= r=\n"},
		{"not-login", []string{}, "p= r=yes\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := loginSession(t, home, tt.args)
			s.WaitPrompt()
			if out := s.run("echo p=$PROFILE_READ r=$RC_READ"); out != tt.want {
				t.Errorf("start-up files: %q, want %q", out, tt.want)
			}
			if tt.want == "p=yes r=\n" {
				if out := s.run("pp"); out != "profile-alias\n" {
					t.Errorf("alias from the profile: %q", out)
				}
				out := s.run(`echo "user=$USER logname=$LOGNAME shell=$SHELL lvl=$SHLVL"; sh -c 'echo child-user=$USER'`)
				if regexp.MustCompile(`user= |logname= |shell= `).MatchString(out) || !strings.Contains(out, "lvl=1\n") {
					t.Errorf("login variables: %q", out)
				}
				if !strings.Contains(out, "child-user=") || strings.Contains(out, "child-user=\n") {
					t.Errorf("USER not exported: %q", out)
				}
			}
		})
	}
}

// TestStartupFiles: aliases from ~/.goshrc work; an error in it is reported
// as "file: line N:" and the shell starts anyway; SHLVL counts nested shells.
func TestStartupFiles(t *testing.T) {
	home := t.TempDir()
	writeFiles(t, home, map[string]string{
		".goshrc": "alias greet='echo hello-from-alias'\necho rc-line-2 (\necho rc-line-3\n",
	})
	s := startSession(t, sessionConfig{Home: home, Args: []string{}, Env: []string{"SHLVL=4"}})
	before := s.WaitPrompt()
	if !strings.Contains(before, ".goshrc: line 2: syntax error near unexpected token `('") || !strings.Contains(before, "rc-line-3") {
		t.Errorf("rc error report: %q", before)
	}
	if out := s.run("greet world"); out != "hello-from-alias world\n" {
		t.Errorf("alias from ~/.goshrc: %q", out)
	}
	if out := s.run("echo $SHLVL"); out != "5\n" {
		t.Errorf("SHLVL = %q, want 5", out)
	}
}

// TestBrokenTerminalReset: a program that leaves the terminal raw, by
// exiting or by being killed, does not break the next prompt.
func TestBrokenTerminalReset(t *testing.T) {
	s := newSession(t)
	sane := regexp.MustCompile(`(^|\s)icanon(\s|$)`)
	echo := regexp.MustCompile(`(^|\s)echo(\s|$)`)
	for _, breaker := range []string{
		"stty raw -echo",
		"sh -c 'stty raw -echo -isig; kill -KILL $$'",
	} {
		s.run(breaker)
		out := s.run("stty -a")
		if !sane.MatchString(out) || !echo.MatchString(out) {
			t.Errorf("after %q the terminal is not reset:\n%s", breaker, out)
		}
	}
}

// TestCtrlCAtPrompt: Ctrl+C discards the line and gives a fresh prompt;
// $? is 130.
func TestCtrlCAtPrompt(t *testing.T) {
	s := newSession(t)
	s.Send("echo should-not-run\x03")
	s.Expect("^C")
	if out := s.WaitPrompt(); strings.Contains(out, "should-not-run\n") {
		t.Errorf("the discarded line ran: %q", out)
	}
	if st := s.run("echo $?"); st != "130\n" {
		t.Errorf("$? after Ctrl+C = %q, want 130", st)
	}
}

// TestCtrlZAtPrompt: Ctrl+Z at the prompt does nothing: the shell is not
// stopped and its parent gets no SIGTSTP.
func TestCtrlZAtPrompt(t *testing.T) {
	gosh := requireGosh(t)
	s := startSession(t, sessionConfig{
		Bin:  "/bin/sh",
		Args: []string{"-c", "trap 'echo PARENT-GOT-TSTP' TSTP; " + gosh + " --norc; echo PARENT-DONE"},
	})
	s.WaitPrompt()
	s.Send("echo typed\x1a")
	s.Send("-more")
	if out := s.enter("echo typed-more"); out != "typed-more\n" {
		t.Errorf("line with Ctrl+Z in it printed %q", out)
	}
	s.Send("\x1a")
	if out := s.run("echo still-here"); out != "still-here\n" {
		t.Errorf("after Ctrl+Z on an empty line: %q", out)
	}
	for _, p := range findProcs(s.Pid, "") {
		if p.State == 'T' {
			t.Errorf("process %d (%s) is stopped", p.Pid, p.Comm)
		}
	}
	s.Send("exit\r")
	before := s.Expect("PARENT-DONE")
	if strings.Contains(before, "PARENT-GOT-TSTP") {
		t.Errorf("the parent got SIGTSTP: %q", before)
	}
}

// TestTypeAhead: what is typed while a job runs goes to the job's input,
// not to the next prompt.
func TestTypeAhead(t *testing.T) {
	s := newSession(t)
	s.SendLine("sleep 1; head -1")
	// Type once the line runs: while sleep does, or (on a busy machine,
	// where the second may pass before /proc is searched) once head does.
	waitFor(t, s.Timeout, "sleep 1 or head -1 to run", func() bool {
		for _, p := range s.Procs("") {
			if a := cmdline(p.Pid); a == "sleep 1" || a == "head -1" {
				return true
			}
		}
		return false
	})
	s.Send("typed-ahead\r")
	out := s.WaitPrompt()
	// Echoed by the terminal as typed, then printed by head.
	if strings.Count(out, "typed-ahead\n") != 2 || strings.Contains(out, "not found") {
		t.Errorf("type-ahead: %q", out)
	}
	if out := s.run("echo next"); out != "next\n" {
		t.Errorf("after type-ahead: %q", out)
	}
}

// TestPasteAndLongLine: pasted lines run one by one; a 100 KB line works.
func TestPasteAndLongLine(t *testing.T) {
	s := newSession(t)
	s.Send("echo paste-one\recho paste-two\r")
	s.Expect("echo paste-one\npaste-one\n")
	s.Expect("echo paste-two\npaste-two")
	s.WaitPrompt()

	long := "echo " + strings.Repeat("x", 100000) + " | wc -c"
	s.Send(long)
	if out := s.enter(long); out != "100001\n" {
		t.Errorf("100 KB line: output ends %q", out[max(0, len(out)-40):])
	}
	if got := historyLines(t, s.Home); len(got[len(got)-1]) != 100000+len("echo  | wc -c") {
		t.Errorf("100 KB history entry has %d bytes", len(got[len(got)-1]))
	}
}

// TestWindowSize: SIGWINCH updates COLUMNS and LINES.
func TestWindowSize(t *testing.T) {
	s := newSession(t)
	if out := s.run("echo $COLUMNS $LINES"); out != "400 50\n" {
		t.Errorf("initial size %q", out)
	}
	if err := pty.Setsize(s.ptmx, &pty.Winsize{Rows: 30, Cols: 120}); err != nil {
		t.Fatal(err)
	}
	var out string
	if !poll(s.Timeout, func() bool { out = s.run("echo $COLUMNS $LINES"); return out == "120 30\n" }) {
		t.Errorf("after resize: %q", out)
	}
}

// TestDumbTerminal: with TERM=dumb the shell reads plain lines and writes
// no escape sequences; Ctrl+C still gives a new prompt.
func TestDumbTerminal(t *testing.T) {
	s := startSession(t, sessionConfig{Term: "dumb"})
	s.WaitPrompt()
	if out := s.run("echo plain-$((1+2))"); out != "plain-3\n" {
		t.Errorf("dumb terminal: %q", out)
	}
	s.Send("echo not-run\x03")
	s.WaitPrompt()
	if out := s.run("echo after"); out != "after\n" {
		t.Errorf("after Ctrl+C: %q", out)
	}
	if raw := s.rawOutput(); strings.Contains(raw, "\x1b") {
		t.Errorf("escape sequences with TERM=dumb: %q", raw)
	}
}

// TestDefaultPrompt: with PS1 unset the prompt is user@host:dir, coloured
// unless NO_COLOR is set, with the number of jobs when there are some.
func TestDefaultPrompt(t *testing.T) {
	for _, noColor := range []bool{false, true} {
		home := t.TempDir()
		writeFiles(t, home, map[string]string{".goshrc": "unset PS1\n"})
		c := sessionConfig{Home: home, Args: []string{}}
		if noColor {
			c.Env = []string{"NO_COLOR=1"}
		}
		s := startSession(t, c)
		s.ExpectRe(`@[^:\s]+:\S+[$#] `)
		s.Send("sleep 102 &\r")
		s.ExpectRe(`\[1\][$#] `)
		colored := strings.Contains(s.rawOutput(), "\x1b[1;32m")
		if colored == noColor {
			t.Errorf("NO_COLOR=%v: coloured prompt is %v", noColor, colored)
		}
		s.Close()
	}
}

// TestHistoryHomeMissing: with $HOME naming a directory that does not
// exist, or empty, the first prompt comes with no history error before it,
// as in bash; a command that cannot be kept in the file is reported then.
func TestHistoryHomeMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone")
	cases := []struct {
		name, home string
		later      string // what the first command reports, "" for nothing
	}{
		{"missing directory", missing, filepath.Join(missing, ".gosh_history") + ": No such file or directory"},
		{"empty HOME", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := startSession(t, sessionConfig{Env: []string{"HOME=" + c.home}})
			if before := s.WaitPrompt(); strings.Contains(before, "history") || strings.Contains(before, "No such file") {
				t.Errorf("before the first prompt: %q", before)
			}
			out := s.run("echo $HISTCMD-ran")
			if !strings.Contains(out, "1-ran") {
				t.Errorf("first command printed %q", out)
			}
			if got := strings.Contains(out, "No such file"); got != (c.later != "") || c.later != "" && !strings.Contains(out, c.later) {
				t.Errorf("first command printed %q, want the report %q", out, c.later)
			}
		})
	}
}
