package tests

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/creack/pty"
)

// tmux runs the shell of each pane as a login shell ("-gosh", the
// basename of default-shell after a dash), in a pty of its own, and
// resizes that pty when the window changes (SIGWINCH). The line being
// typed must then be drawn again, as bash does: tmux rewraps the lines on
// the screen, and a line left as it was shows cut (or, once the next key
// redraws it, over the lines above).

// TestResizeRedrawsLine: a window-size change at the prompt draws the
// prompt and the line typed so far again at once, for the new width; the
// line still runs as typed, and COLUMNS follows (checkwinsize).
func TestResizeRedrawsLine(t *testing.T) {
	s := startSession(t, sessionConfig{Cols: 80, Rows: 24})
	s.waitCount(0, promptPS1, 1)
	var words []string
	for i := 1; i <= 25; i++ {
		words = append(words, "word"+string(rune('a'+i%26)))
	}
	line := "echo " + strings.Join(words, " ")
	off := s.rawLen()
	s.Send(line)
	s.waitCount(off, line, 1)
	off = s.rawLen()
	if err := pty.Setsize(s.ptmx, &pty.Winsize{Rows: 20, Cols: 50}); err != nil {
		t.Fatal(err)
	}
	// Erased as laid out for 80 columns (the cursor is on the line's third
	// row: up two), then drawn again.
	out := s.waitCount(off, promptPS1+line, 1)
	if !strings.Contains(out, "\x1b[A\x1b[2K\r\x1b[A\x1b[2K\r"+promptPS1) || strings.Contains(out, "\x1b[A\x1b[2K\r\x1b[A\x1b[2K\r\x1b[A") {
		t.Errorf("after the resize: %q, want the line's two rows above erased, then the line drawn", out)
	}
	off = s.rawLen()
	s.Send("\r")
	out = s.waitCount(off, promptPS1, 1)
	if !strings.Contains(out, strings.Join(words, " ")+"\r\n") {
		t.Errorf("the line after the resize ran as %q", out)
	}
	if got := s.run("echo $COLUMNS $LINES"); got != "50 20\n" {
		t.Errorf("COLUMNS LINES after the resize: %q", got)
	}
}

// tmuxRun runs a tmux command on the test's own server.
func tmuxRun(t *testing.T, sock string, env []string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("tmux", append([]string{"-S", sock}, args...)...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestTmuxDefaultShell drives gosh as tmux's default-shell, as a user of
// tmux does, where tmux is installed: a login shell, commands typed with
// send-keys and read with capture-pane, a window resize while a line is
// typed, Ctrl+Z and fg, and exit closing the pane (and the session). The
// Go-only tests of the same: TestLoginShell (argv[0] "-gosh"),
// TestResizeRedrawsLine, the job-control tests.
func TestTmuxDefaultShell(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	gosh := requireGosh(t)
	dir := t.TempDir()
	home := t.TempDir()
	writeFiles(t, home, map[string]string{".gosh_profile": "PS1='TMUX$ '\n"})
	sock := filepath.Join(dir, "sock")
	writeFiles(t, dir, map[string]string{"tmux.conf": "set -g default-shell " + gosh + "\nset -g status off\n"})
	env := append(cleanEnv(home), "TERM=xterm")
	t.Cleanup(func() { tmuxRun(t, sock, env, "kill-server") })
	if out, err := tmuxRun(t, sock, env, "-f", filepath.Join(dir, "tmux.conf"), "new-session", "-d", "-s", "t", "-x", "80", "-y", "24"); err != nil {
		t.Fatalf("tmux new-session: %v %s", err, out)
	}
	// waitPane waits until the pane (wrapped rows joined) satisfies ok,
	// and returns it.
	waitPane := func(what string, ok func(pane string) bool) string {
		t.Helper()
		var out string
		if !poll(expectTimeout, func() bool {
			out, _ = tmuxRun(t, sock, env, "capture-pane", "-p", "-J", "-t", "t")
			return ok(out)
		}) {
			t.Fatalf("the pane never showed %s:\n%s", what, out)
		}
		return out
	}
	screen := func(want string) string {
		t.Helper()
		return waitPane(fmt.Sprintf("%q", want), func(out string) bool { return strings.Contains(out, want) })
	}
	keys := func(k ...string) {
		t.Helper()
		if out, err := tmuxRun(t, sock, env, append([]string{"send-keys", "-t", "t"}, k...)...); err != nil {
			t.Fatalf("send-keys: %v %s", err, out)
		}
	}
	screen("TMUX$ ")
	keys(`echo "[$0]"; shopt login_shell`, "Enter")
	screen("login_shell")
	if out := screen("TMUX$ "); !strings.Contains(out, "[-gosh]") || !strings.Contains(out, "on") {
		t.Errorf("not a login shell -gosh:\n%s", out)
	}
	// A resize while a line is typed: the line is whole on the screen.
	keys("clear", "Enter")
	long := "echo " + strings.Repeat("abcdefg ", 20)
	keys(long)
	screen(long)
	if out, err := tmuxRun(t, sock, env, "resize-window", "-t", "t", "-x", "50", "-y", "20"); err != nil {
		t.Fatalf("resize-window: %v %s", err, out)
	}
	// (Not drawn again, it lost its first row to the rewrapping: the pane
	// started "cdefg abcdefg".)
	waitPane("the line whole", func(out string) bool {
		return slices.ContainsFunc(strings.Split(out, "\n"), func(l string) bool {
			return strings.TrimSpace(l) == "TMUX$ "+strings.TrimSpace(long)
		})
	})
	keys("Enter")
	screen("TMUX$ \n")
	keys("clear; echo $COLUMNS $LINES", "Enter")
	screen("50 20\n")
	// Ctrl+Z, fg, Ctrl+C.
	keys("sleep 30", "Enter")
	screen("sleep 30\n")
	keys("C-z")
	screen("Stopped")
	keys("fg", "Enter")
	screen("fg\nsleep 30\n")
	keys("C-c")
	keys("echo status=$?", "Enter")
	screen("status=130")
	// exit closes the pane, and with it the session.
	keys("exit", "Enter")
	if !poll(expectTimeout, func() bool {
		_, err := tmuxRun(t, sock, env, "has-session", "-t", "t")
		return err != nil
	}) {
		t.Errorf("the session is still there after exit")
	}
}
