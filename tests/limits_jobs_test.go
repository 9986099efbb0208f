package tests

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// forkMessages are the only lines gosh may write when a fork finds no
// room under ulimit -u: bash's retry and failure messages, and the trap
// builtin's when there is no room for the threads that catching a
// signal takes, each after the shell's name ($0 under -c: its path).
var forkMessages = []string{
	"fork: retry: Resource temporarily unavailable",
	"fork: Resource temporarily unavailable",
	"trap: SIGUSR1: cannot catch the signal: Resource temporarily unavailable (ulimit -u)",
}

// TestLowProcessLimitJobs runs scripts with background jobs under a very
// low ulimit -u, from 4 up, as a user that owns no other process. Each
// child takes a place under the same limit as gosh's threads, so most
// of these forks find no room: gosh either runs the script as bash
// would, or a fork fails with bash's retry and failure messages after the
// backoff, and the shell goes on to the end. Never may the Go runtime
// fail to create a thread (its goroutine dump). At 4 the shell runs on one
// CPU: with two, the Go runtime's own start makes four threads or five
// before any of gosh's code runs, and a Go program that prints hello dies
// there too now and then.
func TestLowProcessLimitJobs(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run gosh as a user with no other processes")
	}
	rlimit, gosh, dir := limitedGosh(t)
	scripts := []limitScript{
		{"wait", "sleep 0.1 & wait; echo done", "done\n"},
		{"jobs-then-pipeline", "sleep 0.1 & sleep 0.1 & sleep 0.1 & echo x | cat | cat; wait; echo done", "x\ndone\n"},
		{"loop", "for i in 1 2 3; do /bin/true & done; wait; v=$(echo sub); echo $v | cat; echo done", "sub\ndone\n"},
		{"trap", "trap 'echo caught' USR1; sleep 0.1 & wait; echo done", "done\n"},
	}
	for _, n := range []int{4, 5, 6, 7, 9} {
		// Each run is a user of its own: the limits are apart, and the
		// runs mostly wait (fork retries), so they run side by side.
		t.Run("nproc-"+strconv.Itoa(n), func(t *testing.T) {
			t.Parallel()
			lowLimitJobs(t, rlimit, gosh, dir, n, scripts)
		})
	}
}

// limitScript is a script for TestLowProcessLimitJobs, and its output
// when every fork finds room.
type limitScript struct{ name, script, want string }

// lowLimitJobs runs each script under -nproc n (see TestLowProcessLimitJobs).
func lowLimitJobs(t *testing.T, rlimit, gosh, dir string, n int, scripts []limitScript) {
	for _, sc := range scripts {
		args := []string{"-nproc", strconv.Itoa(n), "-uid", goshUID()}
		if n == 4 {
			args = append(args, "-cpu", strconv.Itoa(firstCPU(t)))
		}
		args = append(args, "--", gosh, "-c", sc.script)
		out, errs, status := runShell(t, shellRun{Bin: rlimit, Dir: dir, Home: dir, Args: args})
		noCrash(t, errs)
		if !strings.HasSuffix(out, "done\n") || status != 0 {
			t.Errorf("-nproc %d %s: the shell did not go on: status %d, stdout %q, stderr %q", n, sc.name, status, out, errs)
			continue
		}
		for line := range strings.Lines(errs) {
			line = strings.TrimSuffix(line, "\n")
			if msg, named := strings.CutPrefix(line, gosh+": "); !named || !slices.Contains(forkMessages, msg) {
				t.Errorf("-nproc %d %s: stderr line %q, want only bash's fork messages", n, sc.name, line)
			}
		}
		if errs == "" && out != sc.want {
			t.Errorf("-nproc %d %s: stdout %q, want %q", n, sc.name, out, sc.want)
		}
	}
}

// firstCPU is the lowest-numbered CPU this test may run on.
func firstCPU(t *testing.T) int {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		t.Fatal(err)
	}
	for cpu := 0; cpu < 1024; cpu++ {
		if set.IsSet(cpu) {
			return cpu
		}
	}
	t.Fatal("no CPU in this process's affinity mask")
	return 0
}

// TestLowProcessLimitBackgroundSignals: under a low ulimit -u gosh sets
// SIGINT and SIGQUIT to SIG_IGN for a script's background job without
// os/signal (raw rt_sigaction around the fork): the job starts with both
// ignored, as POSIX wants, and a command started afterwards in the
// foreground with neither (SigIgn in /proc/PID/status). A trap set later
// still catches its signal.
func TestLowProcessLimitBackgroundSignals(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run gosh as a user with no other processes")
	}
	rlimit, gosh, dir := limitedGosh(t)
	script := `sleep 5 & grep SigIgn /proc/$!/status; grep SigIgn /proc/self/status; kill $!
trap 'echo caught' USR1; kill -USR1 $$; grep SigIgn /proc/self/status; echo done`
	out, errs, status := runShell(t, shellRun{Bin: rlimit, Dir: dir, Home: dir,
		Args: []string{"-nproc", "30", "-uid", goshUID(), "--", gosh, "-c", script}})
	noCrash(t, errs)
	want := "SigIgn:\t0000000000000006\nSigIgn:\t0000000000000000\ncaught\nSigIgn:\t0000000000000000\ndone\n"
	if out != want || status != 0 {
		t.Errorf("status %d, stdout %q, stderr %q; want %q", status, out, errs, want)
	}
}
