package tests

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestInteractiveFunctionLines: $LINENO in a function typed at the prompt
// counts from 1 at the line of "f() {", as bash counts it, whether the
// function runs in the shell, in a pipeline or in the background (a child
// gosh); a function read from a file (". file") counts the file's lines.
func TestInteractiveFunctionLines(t *testing.T) {
	s := newSession(t)
	s.Run("echo first")
	s.SendLine("f() { echo f1 $LINENO")
	s.WaitPS2()
	s.Run("echo f2 $LINENO; }")
	pids := regexp.MustCompile(`(?m)^\[\d\] \d+\n`)
	for _, tt := range []struct{ line, want string }{
		{"f", "f1 1\nf2 2\n"},
		{"f | cat", "f1 1\nf2 2\n"},
		{"f & wait", "f1 1\nf2 2\n[1]+  Done                    f\n"},
		{"h() { f; echo h $LINENO; }; h", "f1 1\nf2 2\nh 1\n"},
	} {
		if out := pids.ReplaceAllString(s.Run(tt.line), ""); out != tt.want {
			t.Errorf("%s: printed %q, want %q", tt.line, out, tt.want)
		}
	}
	file := filepath.Join(t.TempDir(), "defs")
	if err := os.WriteFile(file, []byte("\n\ng() {\n  echo g $LINENO\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Run(". " + file)
	for _, line := range []string{"g", "g & wait"} {
		if out := pids.ReplaceAllString(s.Run(line), ""); out != "g 4\n" && out != "g 4\n[1]+  Done                    g\n" {
			t.Errorf("%s: printed %q, want g 4", line, out)
		}
	}
}
