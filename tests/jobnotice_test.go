package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestScriptKilledJobNotice: a script reports a job killed by a signal as
// bash does, "s.sh: line 3:  4242 Killed                  sleep 100", when
// it notices it (after a foreground command, or in wait); never for
// SIGINT, SIGTERM or SIGPIPE, nor for a signal the script traps; a
// foreground job killed by SIGTERM gets bash's plain "Terminated". Each
// script runs through bash as well when it is installed, and both must
// print the same once pids are taken out.
func TestScriptKilledJobNotice(t *testing.T) {
	bash, _ := exec.LookPath("bash")
	pids := regexp.MustCompile(`(?m)^(s\.sh: line \d+: | {5}) *\d+ `)
	lineNo := regexp.MustCompile(`line \d+:`)
	for _, tc := range []struct {
		name, script string
		out, err     string // err with each pid as PID
	}{
		{"background killed, noticed by wait", "sleep 100 &\nkill -9 $!\nwait $!\necho \"status $?\"\n",
			"status 137\n", "s.sh: line 3: PID Killed                  sleep 100\n"},
		{"background killed, noticed after a foreground command", "sleep 100 &\nkill -SEGV $!\nwait\necho end\n",
			"end\n", "s.sh: line 3: PID Segmentation fault      sleep 100\n"},
		{"words as written", "sleep \"${N:-100}\" &\nkill -USR2 $!\nwait\n",
			"", "s.sh: line 3: PID User defined signal 2   sleep \"${N:-100}\"\n"},
		{"SIGTERM is not reported", "sleep 100 &\nkill $!\nwait $!\necho \"status $?\"\n", "status 143\n", ""},
		{"SIGPIPE is not reported", "sleep 100 &\nkill -PIPE $!\nwait $!\necho \"status $?\"\n", "status 141\n", ""},
		{"foreground SIGINT is not reported", "sh -c 'kill -INT $$'\necho \"status $?\"\n", "status 130\n", ""},
		{"a trapped signal is not reported", "trap 'echo usr1' USR1\nsh -c 'kill -USR1 $$' &\nwait $!\necho \"status $?\"\n", "status 138\n", ""},
		{"foreground killed", "sh -c 'kill -9 $$'\necho \"status $?\"\n",
			"status 137\n", "s.sh: line 1: PID Killed                  sh -c 'kill -9 $$'\n"},
		{"foreground terminated", "sh -c 'kill $$'\necho \"status $?\"\n", "status 143\n", "Terminated\n"},
		{"foreground, trapped signal", "trap 'echo usr1' USR1\nsh -c 'kill -USR1 $$'\necho \"status $?\"\n",
			"status 138\n", "User defined signal 1\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, sh := range []string{"", bash} {
				dir := t.TempDir()
				if err := os.WriteFile(filepath.Join(dir, "s.sh"), []byte(tc.script), 0o644); err != nil {
					t.Fatal(err)
				}
				out, errOut, _ := runShell(t, shellRun{Bin: sh, Args: []string{"s.sh"}, Dir: dir})
				errOut = pids.ReplaceAllString(errOut, "${1}PID ")
				name, want := "gosh", tc.err
				if sh != "" {
					// bash may notice the job a line later (at the end of
					// the script): its line number is not checked.
					name = "bash"
					errOut = lineNo.ReplaceAllString(errOut, "line N:")
					want = lineNo.ReplaceAllString(want, "line N:")
				}
				if out != tc.out || errOut != want {
					t.Errorf("%s: got %q, stderr %q; want %q, stderr %q", name, out, errOut, tc.out, want)
				}
			}
		})
	}
}

// TestKillStoppedJob: kill %1 on a job stopped by Ctrl+Z sends SIGTERM and
// SIGCONT, as bash does; the job ends, and its end is reported before the
// very next prompt. No process of it is left stopped or unreaped.
func TestKillStoppedJob(t *testing.T) {
	s := newSession(t)
	for _, tc := range []struct{ line, text string }{
		{"sleep 100", "sleep 100"},
		{"sleep 101 | cat", "sleep 101 | cat"},
	} {
		s.SendLine(tc.line)
		first := s.ProcByArgs(strings.Fields(tc.line)[0] + " " + strings.Fields(tc.line)[1])
		procs := []procStat{first}
		if strings.Contains(tc.line, "|") {
			waitFor(t, expectTimeout, "the pipeline's cat", func() bool { return len(s.Procs("cat")) == 1 })
			procs = append(procs, s.Procs("cat")[0])
		}
		stopFg(s, procs)
		out := s.Run("kill %1")
		if want := "[1]+  Terminated              " + tc.text + "\n"; out != want {
			t.Errorf("%s: kill %%1 on the stopped job printed %q, want %q", tc.line, out, want)
		}
		for _, p := range procs {
			waitReaped(t, p.Pid, tc.line)
		}
		if out := s.Run("jobs"); out != "" {
			t.Errorf("%s: jobs after the kill printed %q", tc.line, out)
		}
	}
	for _, p := range findProcs(s.Pid, "") {
		if p.Pid != s.Pid && (p.State == 'T' || p.State == 'Z') {
			t.Errorf("left behind: pid %d %s state %c", p.Pid, p.Comm, p.State)
		}
	}
}
