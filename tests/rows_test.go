package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// row is one table-driven end-to-end case: a script run as `gosh -c SCRIPT
// [args...]` (or gosh with exactly argv), in a fresh directory holding files,
// and what it must print and return.
//
// Expected texts may use {DIR} for the working directory, {DIR_} for it with
// every / turned into _, and {HOME} for $HOME. stdout is compared exactly unless outHas is set; stderr is compared
// exactly with err unless errHas (a substring) or errAny is set. In stderr
// the path gosh is run as, which is $0 under -c and so the name its
// messages start with, reads "gosh" ("gosh: line 1: cd: ...").
//
// Setting GOSH_TEST_REFERENCE=bash (or a path) runs the same rows against
// that shell, checking only stdout and status (messages name the shell), to
// confirm that the expectations are bash's behaviour. Rows marked goshOnly
// are skipped then.
type row struct {
	name     string
	script   string            // gosh -c script
	args     []string          // $0 $1 ... after the script
	argv     []string          // instead of -c: run gosh with exactly these arguments
	stdin    string            // standard input; /dev/null when empty
	files    map[string]string // name → content; "name*" is made executable, "name/" is a directory
	env      []string          // extra environment
	out      string
	outHas   string
	err      string
	errHas   string
	errAny   bool
	status   int
	failed   bool // any non-zero status will do (shells differ on the number)
	goshOnly bool // gosh-specific: no reference shell has the same behaviour
}

func runRows(t *testing.T, rows []row) {
	t.Helper()
	ref := os.Getenv("GOSH_TEST_REFERENCE")
	if ref != "" {
		p, err := exec.LookPath(ref)
		if err != nil {
			t.Fatalf("GOSH_TEST_REFERENCE=%s: %v", ref, err)
		}
		ref = p
	}
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.name] {
			t.Fatalf("duplicate row name %q", r.name)
		}
		seen[r.name] = true
		t.Run(r.name, func(t *testing.T) {
			if ref != "" && r.goshOnly {
				t.Skip("gosh-specific row")
			}
			dir, home := t.TempDir(), t.TempDir()
			makeFiles(t, dir, r.files)
			args := r.argv
			if args == nil {
				args = append([]string{"-c", r.script}, r.args...)
			}
			stdout, stderr, status := runShell(t, shellRun{Bin: ref, Args: args, Stdin: r.stdin, Dir: dir, Home: home, Env: r.env})
			if ref == "" {
				stderr = asGosh(stderr)
			}
			subst := strings.NewReplacer("{DIR}", dir, "{DIR_}", strings.ReplaceAll(dir, "/", "_"), "{HOME}", home)
			where := func() string {
				return "\nscript: " + quoteScript(r) + "\nstdout: " + quote(stdout) + "\nstderr: " + quote(stderr)
			}
			if r.outHas != "" {
				if want := subst.Replace(r.outHas); !strings.Contains(stdout, want) {
					t.Errorf("stdout does not contain %q%s", want, where())
				}
			} else if want := subst.Replace(r.out); stdout != want {
				t.Errorf("stdout = %q, want %q%s", stdout, want, where())
			}
			if r.failed {
				if status == 0 {
					t.Errorf("status = 0, want non-zero%s", where())
				}
			} else if status != r.status {
				t.Errorf("status = %d, want %d%s", status, r.status, where())
			}
			if ref != "" || r.errAny {
				return
			}
			if r.errHas != "" {
				if want := subst.Replace(r.errHas); !strings.Contains(stderr, want) {
					t.Errorf("stderr does not contain %q%s", want, where())
				}
			} else if want := subst.Replace(r.err); stderr != want {
				t.Errorf("stderr = %q, want %q%s", stderr, want, where())
			}
		})
	}
}

func quote(s string) string { return "«" + s + "»" }

// asGosh reads the path gosh is run as, which starts its messages under
// -c or on standard input ($0), as "gosh": "/tmp/.../gosh: line 1: x"
// becomes "gosh: line 1: x".
func asGosh(s string) string { return strings.ReplaceAll(s, goshBin+": ", "gosh: ") }

func quoteScript(r row) string {
	if r.argv != nil {
		return strings.Join(r.argv, " ")
	}
	return quote(r.script) + " " + strings.Join(r.args, " ")
}

// makeFiles creates files in dir: "name" with content, "name*" executable,
// "name/" a directory. Parent directories are created as needed.
func makeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		mode := os.FileMode(0o644)
		switch {
		case strings.HasSuffix(name, "/"):
			if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		case strings.HasSuffix(name, "*"):
			name, mode = strings.TrimSuffix(name, "*"), 0o755
		}
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
	}
}
