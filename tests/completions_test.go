package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// completionsDir holds the completion scripts of the bash-completion
// package, which people bring along when gosh becomes their login shell.
const completionsDir = "/usr/share/bash-completion/completions"

// TestBashCompletionFilesSource sources every file of completionsDir in
// gosh and in bash: where bash reads the file without an error, so must
// gosh. Some of them test [[ $prev == @(-e|--event) ]], an extended
// pattern that bash reads in [[ ]] whatever shopt extglob says (mvn, perf,
// tc). A line gosh writes on stderr that bash does not write is an error,
// except bind's notes about readline settings gosh's line editor does not
// have (bind is not this test's business).
func TestBashCompletionFilesSource(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	files, err := filepath.Glob(filepath.Join(completionsDir, "*"))
	if err != nil || len(files) == 0 {
		t.Skipf("no completion scripts in %s", completionsDir)
	}
	const script = `source "$1"; echo "status=$?"`
	bindNote := regexp.MustCompile(`^bind: `)
	// Both name the file and line of a message from a sourced file.
	fileLine := regexp.MustCompile(`(?m)^/\S*: line [0-9]+: `)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			bOut, bErr, bStatus := runShell(t, shellRun{Bin: bash, Args: []string{"-c", script, "_", file}})
			if bStatus != 0 || bOut != "status=0\n" || strings.Contains(bErr, "syntax error") {
				t.Skipf("bash does not source it cleanly: %q %q", bOut, bErr)
			}
			gOut, gErr, gStatus := runShell(t, shellRun{Args: []string{"-c", script, "_", file}})
			if gStatus != 0 || gOut != "status=0\n" {
				t.Errorf("gosh: status %d, stdout %q, stderr %q", gStatus, gOut, gErr)
			}
			bLines := strings.Split(fileLine.ReplaceAllString(normalizeStderr(bErr), ""), "\n")
			for _, l := range strings.Split(fileLine.ReplaceAllString(normalizeStderr(gErr), ""), "\n") {
				if l != "" && !slices.Contains(bLines, l) && !bindNote.MatchString(l) {
					t.Errorf("gosh wrote %q, bash did not (bash's stderr %q)", l, bErr)
				}
			}
		})
	}
}

// TestBashCompletionExtglob: a completion function that tests its
// argument with extended patterns (tc's -b?(atch), perf's @(...)) runs
// in gosh and finds what bash finds.
func TestBashCompletionExtglob(t *testing.T) {
	if _, err := os.Stat(filepath.Join(completionsDir, "tc")); err != nil {
		t.Skipf("no tc completion: %v", err)
	}
	out, errOut, status := runGosh(t, "", "-c", `source `+completionsDir+`/tc
words=(tc -batch); subcword=1; [[ ${words[subcword]} == -b?(atch) ]] && echo batch
complete -p tc`)
	if status != 0 || out != "batch\ncomplete -F _tc tc\n" || errOut != "" {
		t.Errorf("status %d, stdout %q, stderr %q", status, out, errOut)
	}
}

// TestCompletionWordBreaksInteractive: Tab in an interactive gosh cuts the
// line at $COMP_WORDBREAKS as bash does. A completion function's names
// continue the text after '=' and are inserted unquoted ("checkout " from
// a git-style function that adds the space itself); user@host completes
// a host name of $HOSTFILE; with bash-completion's git script, a real
// "git log --pretty=one" and "git chec" complete as in bash.
func TestCompletionWordBreaksInteractive(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hosts"), []byte("10.0.0.2 zzbeta\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.run("cd " + dir + "; HOSTFILE=hosts")
	s.run(`_zzfmt() { COMPREPLY=($(compgen -W 'oneline short' -- "$2")); }; complete -F _zzfmt echo`)
	s.Send("echo --pretty=one\t")
	if out := s.enter("echo --pretty=oneline "); out != "--pretty=oneline\n" {
		t.Errorf("after '=': %q", out)
	}
	s.run(`_zzsub() { local c; COMPREPLY=(); for c in checkout cherry-pick; do [[ $c == "$2"* ]] && COMPREPLY+=("$c "); done; compopt -o nospace; }; complete -F _zzsub printf`)
	s.Send("printf '%s|\\n' chec\t")
	if out := s.enter("printf '%s|\\n' checkout "); out != "checkout|\n" {
		t.Errorf("a name with its own space: %q", out)
	}
	s.run("complete -r echo")
	s.Send("echo root@zzb\t")
	if out := s.enter("echo root@zzbeta "); out != "root@zzbeta\n" {
		t.Errorf("user@host: %q", out)
	}
	const gitScript = completionsDir + "/git"
	if _, err := os.Stat(gitScript); err != nil {
		t.Skipf("no %s", gitScript)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	s.run(". " + gitScript + "; git init -q repo; cd repo; __git_complete echo __git_main")
	s.Send("echo log --pretty=one\t")
	if out := s.enter("echo log --pretty=oneline "); out != "log --pretty=oneline\n" {
		t.Errorf("git log --pretty=: %q", out)
	}
	s.Send("echo chec\t")
	if out := s.enter("echo checkout "); out != "checkout\n" {
		t.Errorf("git chec: %q", out)
	}
}
