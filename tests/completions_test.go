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
