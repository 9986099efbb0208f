package tests

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The differential corpus: one-line scripts run by both gosh and bash,
// whose stdout, stderr and exit status must agree.
//
// Every file tests/testdata/oneliners/*.txt is a corpus. In it, a line
// starting with '#' is a comment, a blank line is ignored, and every other
// line is one case: the line is run as `SHELL -c LINE` in a fresh empty
// directory, with standard input /dev/null and the clean environment of
// cleanEnv. Cases that need files make them (touch a.c b.c; echo *.c).
//
// Stderr is compared line by line with only the shell's own name mapped:
// "bash" or its path (bash's $0 under -c) and gosh's path become "SH", and
// the rest stays, so "/usr/bin/bash: line 1: x: unbound variable" and
// "/tmp/.../gosh: line 1: x: unbound variable" agree, and a message whose
// line number (or name, "environment: line 1: ") differs is a difference.
//
// tests/testdata/oneliners/differences.txt lists the cases where gosh
// deliberately or knowingly differs: a case line exactly as in its corpus,
// followed by one or more lines indented with a tab saying why. A listed
// case is still run; the test fails if it has come to agree with bash, so
// the list stays true.
//
// The test is skipped when bash is not installed. GOSH_DIFF_RUN=substring
// runs only the cases containing it; -run 'TestDifferentialOneliners/expand/42'
// runs line 42 of expand.txt.

const onelinerDir = "testdata/oneliners"

// onelinerCase is one line of a corpus file.
type onelinerCase struct {
	file   string
	line   int
	script string
	needs  string // a builtin the case needs ("#needs:declare# script"), or ""
}

func TestDifferentialOneliners(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	gosh := requireGosh(t)
	files, err := filepath.Glob(filepath.Join(onelinerDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	known, err := readDifferences(filepath.Join(onelinerDir, "differences.txt"))
	if err != nil {
		t.Fatal(err)
	}
	filter := os.Getenv("GOSH_DIFF_RUN")
	used := map[string]bool{}
	for _, f := range files {
		if filepath.Base(f) == "differences.txt" {
			continue
		}
		cases, err := readOneliners(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txt"), func(t *testing.T) {
			seen := map[string]int{}
			for _, c := range cases {
				if prev, dup := seen[c.script]; dup {
					t.Errorf("%s:%d: the same case as line %d", c.file, c.line, prev)
					continue
				}
				seen[c.script] = c.line
				if filter != "" && !strings.Contains(c.script, filter) {
					continue
				}
				_, listed := known[c.script]
				used[c.script] = true
				// Each case is a parallel subtest named by its line: most
				// of a case's time is two process starts, which overlap
				// well (go test -parallel bounds how many run at once).
				t.Run(strconv.Itoa(c.line), func(t *testing.T) {
					if c.needs != "" && !haveBuiltin(t, gosh, c.needs) {
						t.Skipf("gosh has no builtin %s yet", c.needs)
					}
					t.Parallel()
					diff := compareOneliner(t, bash, gosh, c)
					switch {
					case diff != "" && !listed:
						t.Errorf("%s:%d: %s\n%s", c.file, c.line, c.script, diff)
					case diff == "" && listed:
						t.Errorf("%s:%d: %s\nagrees with bash now: remove it from differences.txt", c.file, c.line, c.script)
					}
				})
			}
		})
	}
	if filter == "" {
		for script := range known {
			if !used[script] {
				t.Errorf("differences.txt lists a case no corpus has: %s", script)
			}
		}
	}
}

// builtinsSeen caches haveBuiltin's answers.
var builtinsSeen sync.Map // name -> bool

// haveBuiltin reports whether gosh has the builtin name.
func haveBuiltin(t *testing.T, gosh, name string) bool {
	if v, ok := builtinsSeen.Load(name); ok {
		return v.(bool)
	}
	_, _, status := runShell(t, shellRun{Bin: gosh, Args: []string{"-c", "type -t " + name + " | grep -qx builtin"}})
	builtinsSeen.Store(name, status == 0)
	return status == 0
}

// compareOneliner runs one case in both shells and describes how they
// differ, or returns "" when they agree.
func compareOneliner(t *testing.T, bash, gosh string, c onelinerCase) string {
	t.Helper()
	run := func(bin string) (string, string, int) {
		return runShell(t, shellRun{Bin: bin, Args: []string{"-c", c.script}, Timeout: 10 * time.Second})
	}
	bOut, bErr, bStatus := run(bash)
	gOut, gErr, gStatus := run(gosh)
	bErr, gErr = normalizeStderr(bErr), normalizeStderr(gErr)
	// Some cases race inside bash itself: 'sleep 100 & kill $!; wait;
	// jobs' lists the killed job in about 1 run of 300 on one CPU and not
	// in the others. Each of bash's answers is bash's behaviour, so when
	// gosh disagrees with the first, bash gets two more tries to give
	// gosh's answer. gosh runs once: a gosh that answers differently
	// from run to run still fails here.
	for try := 0; try < 2 && (bOut != gOut || bErr != gErr || bStatus != gStatus); try++ {
		out, errOut, status := run(bash)
		if errOut = normalizeStderr(errOut); out == gOut && errOut == gErr && status == gStatus {
			return ""
		}
	}
	var d strings.Builder
	if bOut != gOut {
		d.WriteString("  stdout: bash " + quote(bOut) + "\n          gosh " + quote(gOut) + "\n")
	}
	if bErr != gErr {
		d.WriteString("  stderr: bash " + quote(bErr) + "\n          gosh " + quote(gErr) + "\n")
	}
	if bStatus != gStatus {
		d.WriteString("  status: bash " + strconv.Itoa(bStatus) + ", gosh " + strconv.Itoa(gStatus) + "\n")
	}
	return d.String()
}

// stderrPrefix is the shell's own name at the start of a message: $0 under
// -c, the path each shell was started as. What follows it ("line 3: ",
// "-c: line 1: ") is compared.
var stderrPrefix = regexp.MustCompile(`^(\S*\/)?(bash|gosh):`)

// normalizeStderr maps the shell's name to "SH" on every line of stderr.
func normalizeStderr(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		lines[i] = stderrPrefix.ReplaceAllString(l, "SH:")
	}
	return strings.Join(lines, "")
}

// readOneliners reads the cases of a corpus file.
func readOneliners(path string) ([]onelinerCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var cases []onelinerCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		var needs string
		if rest, ok := strings.CutPrefix(line, "#needs:"); ok {
			if name, script, ok := strings.Cut(rest, "# "); ok {
				needs, line = name, script
			}
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cases = append(cases, onelinerCase{file: path, line: n, script: line, needs: needs})
	}
	return cases, sc.Err()
}

// readDifferences reads differences.txt: each case line followed by its
// reason on tab-indented lines. A missing file lists nothing.
func readDifferences(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	known := map[string]string{}
	last := ""
	for n, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "\t"):
			if last == "" {
				return nil, fmt.Errorf("%s:%d: a reason with no case before it", path, n+1)
			}
			known[last] += strings.TrimSpace(line) + " "
		default:
			last = line
			known[last] = ""
		}
	}
	for script, why := range known {
		if why == "" {
			return nil, fmt.Errorf("%s: no reason given for: %s", path, script)
		}
	}
	return known, nil
}
