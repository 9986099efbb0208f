package tests

import (
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// fdShortFunc is a function that copies its input to its output, line by
// line, as a builtin stage that stays alive for the whole pipeline.
const fdShortFunc = `f() { while read -r l; do echo "$l"; done; }`

// fdShortPipeline is "seq 1000 | STAGE | ... | STAGE | tail -1" with n
// builtin or compound stages.
func fdShortPipeline(stage string, n int) string {
	return "seq 1000" + strings.Repeat(" | "+stage, n) + " | tail -1"
}

// TestBuiltinPipelineLowFdLimit: a long pipeline of function, compound and
// subshell stages runs under ulimit -n 30 as in bash, which holds about two
// pipe ends at a time however long the pipeline is. Copies of the shell
// would hold every stage's pipe ends in gosh's own process at once; when
// descriptors are that short, the one rule puts each such stage in a child
// gosh instead. The limit comes from ulimit -n inside the shell and from
// setrlimit(2) in a helper process (soft and hard, as prlimit(1) sets
// them); gosh's output is bash's, its fds are the same afterwards, and the
// next pipeline works.
func TestBuiltinPipelineLowFdLimit(t *testing.T) {
	rlimit := buildHelper(t, "rlimit")
	tests := []struct {
		name, body string
	}{
		{"functions", fdShortPipeline("f", 20)},
		{"while-loops", fdShortPipeline(`while read -r l; do echo "$l"; done`, 20)},
		{"groups-and-subshells", fdShortPipeline("{ f; }", 10) + " | " + fdShortPipeline("( f )", 10)},
	}
	for _, tt := range tests {
		script := fdCheck(tt.body+"\necho status=$?") + "\nseq 3 | f | f | tail -1"
		for _, how := range []string{"ulimit", "setrlimit"} {
			want := ""
			for _, sh := range []string{"bash", requireGosh(t)} {
				// A pipeline of copies before ulimit -n: the shell reads the
				// limit again after ulimit has changed it.
				r := shellRun{Bin: sh, Dir: t.TempDir(), Args: []string{"-c",
					fdShortFunc + "\necho a | f | f >/dev/null\nulimit -n 30\n" + script}}
				if how == "setrlimit" {
					r = shellRun{Bin: rlimit, Dir: t.TempDir(), Args: []string{"-nofile", "30", "--", sh, "-c", fdShortFunc + "\n" + script}}
				}
				out, errs, status := runShell(t, r)
				noCrash(t, errs)
				if sh == "bash" {
					if out != "1000\nstatus=0\nfds unchanged\n3\n" || status != 0 {
						t.Fatalf("%s, %s: bash itself: status %d, stdout %q, stderr %q", tt.name, how, status, out, errs)
					}
					want = out
					continue
				}
				if out != want || status != 0 || errs != "" {
					t.Errorf("%s, limit by %s: gosh: status %d, stdout %q, stderr %q; want bash's %q", tt.name, how, status, out, errs, want)
				}
			}
		}
	}
}

// TestBuiltinPipelineLowFdLimitJobControl: at an interactive prompt, with
// job control, every builtin stage of a pipeline is a child gosh already;
// each one's snapshot memfd is made just before it starts, so the shell
// holds one at a time and the pipeline of the issue runs under ulimit -n 30
// with the shell's /proc/PID/fd the same before and after.
func TestBuiltinPipelineLowFdLimitJobControl(t *testing.T) {
	s := newSession(t)
	s.Run("ulimit -n 30; " + fdShortFunc)
	before := procFdList(t, s.Pid)
	// The words to look for are not in the echoed command line.
	out := s.Run(fdShortPipeline("f", 20) + " | sed s/^/last:/; echo status:$?")
	if !strings.Contains(out, "last:1000") || !strings.Contains(out, "status:0") {
		t.Errorf("the pipeline printed %q, want last:1000 and status:0", out)
	}
	if after := procFdList(t, s.Pid); after != before {
		t.Errorf("the shell's fds were %s before the pipeline and %s after", before, after)
	}
	if out := s.Run("seq 3 | f | tail -1 | sed s/^/last:/"); !strings.Contains(out, "last:3") {
		t.Errorf("the next pipeline printed %q, want last:3", out)
	}
}

// procFdList is the open descriptors of process pid, in order.
func procFdList(t *testing.T, pid int) string {
	t.Helper()
	entries, err := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/fd")
	if err != nil {
		t.Fatal(err)
	}
	var fds []int
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err == nil {
			fds = append(fds, n)
		}
	}
	sort.Ints(fds)
	parts := make([]string, len(fds))
	for i, n := range fds {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, " ")
}

// TestBuiltinPipelineLowFdLimitTrace: with set -o trace on, each child
// gosh of the pipeline also gets the trace's gate pipe, made with its
// memfd just before it starts; the trace says why the stages are child
// gosh processes, with the numbers, and nothing runs out.
func TestBuiltinPipelineLowFdLimitTrace(t *testing.T) {
	script := "ulimit -n 30\n" + fdShortFunc + "\nset -o trace\n" + fdCheck(fdShortPipeline("f", 20)+"\necho status=$?")
	out, errs, status := runShell(t, shellRun{Args: []string{"-c", script}})
	// The trace's own words may say "goroutine" (a copy runs on one):
	// noCrash would take them for a crash.
	if strings.Contains(errs, "panic:") || goroutineDump.MatchString(errs) {
		t.Fatalf("a Go crash reached the user:\n%s", errs)
	}
	if out != "1000\nstatus=0\nfds unchanged\n" || status != 0 {
		t.Errorf("status %d, stdout %q, want 1000, status=0, fds unchanged", status, out)
	}
	for _, bad := range []string{"Too many open files", "Bad file descriptor"} {
		if strings.Contains(errs, bad) {
			t.Errorf("the trace reports %q", bad)
		}
	}
	if why := "f: in a child gosh, because f is a builtin in a pipeline: descriptors are short ("; !strings.Contains(errs, why) {
		t.Errorf("the trace does not say %q", why)
	}
}

// goroutineDump matches the header of a goroutine in Go's crash output.
var goroutineDump = regexp.MustCompile(`goroutine \d+ \[`)
