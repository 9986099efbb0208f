package tests

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gosh/jobs"
)

// limitedGosh returns the rlimit helper and a copy of gosh in a directory
// every user may enter, so that gosh can run as another user.
func limitedGosh(t *testing.T) (rlimit, gosh, dir string) {
	t.Helper()
	rlimit = buildHelper(t, "rlimit")
	dir, err := os.MkdirTemp("", "gosh-limits-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	gosh = filepath.Join(dir, "gosh")
	src, err := os.Open(requireGosh(t))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(gosh, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	dst.Close()
	return rlimit, gosh, dir
}

// noCrash fails the test if Go's crash output reached the user.
func noCrash(t *testing.T, stderr string) {
	t.Helper()
	for _, s := range []string{"goroutine ", "runtime.", "SIGABRT", "panic:"} {
		if strings.Contains(stderr, s) {
			t.Fatalf("a Go crash reached the user:\n%s", stderr)
		}
	}
}

// TestLowFdLimitPipeline: when a pipe cannot be made midway through a
// pipeline (EMFILE), the command fails with bash's message, every fd it
// opened is closed once (the shell's /proc/$$/fd is as before) and the next
// pipeline works. The limit is set by the rlimit helper with setrlimit(2),
// soft and hard, as prlimit(1) does. Stages that end at once ("| true")
// run under the limit too, as in bash. The failing pipeline is
// midwayPipeline's: builtin stages on copies of the shell, which hold their
// pipe ends, and a last stage whose redirections take the rest.
func TestLowFdLimitPipeline(t *testing.T) {
	rlimit := buildHelper(t, "rlimit")
	script := `echo x` + strings.Repeat(" | true", 40) + `; echo short=$?
mkfifo fifo; exec 3<>fifo
echo /proc/$$/fd/* > before
(until test -s err; do sleep 0.05; done; for i in $(seq 50); do echo; done >&3) &
{ ` + midwayPipeline("read x <&3") + `; } 2>err
echo status=$?
wait
echo /proc/$$/fd/* > after
cmp -s before after && echo fds unchanged || echo "fds before:" $(cat before) "after:" $(cat after)
cat err >&2
echo y | cat | cat`
	out, errs, status := runShell(t, shellRun{Bin: rlimit, Dir: t.TempDir(), Args: []string{"-nofile", strconv.Itoa(midwayLimit), "--", requireGosh(t), "-c", script}})
	noCrash(t, errs)
	if out != "short=0\nstatus=1\nfds unchanged\ny\n" || status != 0 {
		t.Errorf("status %d, stdout %q, want short=0, status=1, fds unchanged, y", status, out)
	}
	if asGosh(errs) != "gosh: pipe error: Too many open files\n" { // no line, as bash's
		t.Errorf("stderr %q, want the pipe error once", errs)
	}
}

// midwayLimit is the ulimit -n that midwayPipeline is run under.
const midwayLimit = 64

// midwayPipeline is a pipeline, run under ulimit -n midwayLimit, whose
// pipes run out midway: first, then four builtin stages that each wait for
// a line on fd 3 ("read x <&3"), then ":" with redirections. The rule
// (needsProcess) puts the four in copies of the shell, since while they
// are prepared there are descriptors enough for all the pipeline's pipes;
// then the last stage's redirections, which a builtin's table opens as the
// stages are prepared, take all but about seven of the free numbers
// (counted in /proc/$$/fd just before), and the pipes and read ends the
// copies hold run out before the last pipe is made. Any count from 4 to 10
// left over fails at a pipe (from 1 to 12 when first is a builtin too).
func midwayPipeline(first string) string {
	return `n=0; for p in /proc/$$/fd/*; do [ "${p##*/}" -lt ` + strconv.Itoa(midwayLimit) + ` ] && n=$((n+1)); done
  r=$((` + strconv.Itoa(midwayLimit) + ` - (n - 1) - 2 - 7)); redirs=; i=4
  while [ $i -lt $((4 + r)) ]; do redirs="$redirs $i</dev/null"; i=$((i+1)); done
  eval "` + first + ` | read x <&3 | read x <&3 | read x <&3 | read x <&3 | :$redirs"`
}

// goshUID is a user id that owns no process, so that ulimit -u counts only
// the shell under test and its children. Each call gives another one: a
// run's orphans, or zombies that nobody reaps (where pid 1 does not), must
// not count against the next run's limit.
func goshUID() string {
	uidMu.Lock()
	defer uidMu.Unlock()
	owned := map[int]bool{}
	if dirs, err := os.ReadDir("/proc"); err == nil {
		for _, d := range dirs {
			b, err := os.ReadFile("/proc/" + d.Name() + "/status")
			if err != nil {
				continue
			}
			for line := range strings.Lines(string(b)) {
				if f := strings.Fields(line); len(f) >= 2 && f[0] == "Uid:" {
					uid, _ := strconv.Atoi(f[1])
					owned[uid] = true
				}
			}
		}
	}
	for {
		uidNext++
		if uid := 50000 + (os.Getpid()%1000)*100 + uidNext; !owned[uid] {
			return strconv.Itoa(uid)
		}
	}
}

var (
	uidMu   sync.Mutex
	uidNext int
)

// TestLowProcessLimit runs gosh under a low ulimit -u as a user of its own
// (root is not held to RLIMIT_NPROC). gosh keeps its threads few and
// reserves them at start-up: it runs scripts with jobs and pipelines, a
// fork that hits the limit is retried with backoff and then reported, as
// bash does, a limit with less room than the reserve still runs, and
// builtin stages waiting on pipes take no threads. No Go crash output ever
// appears.
func TestLowProcessLimit(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run gosh as a user with no other processes")
	}
	rlimit, gosh, dir := limitedGosh(t)
	run := func(nproc, script string) (string, string, int) {
		t.Helper()
		return runShell(t, shellRun{Bin: rlimit, Dir: dir, Home: dir,
			Args: []string{"-nproc", nproc, "-uid", goshUID(), "--", gosh, "-c", script}})
	}
	t.Run("runs", func(t *testing.T) {
		out, errs, status := run("14", "echo ok; sleep 0.1 & wait; echo x | cat | cat; v=$(echo sub); echo $v; echo done")
		noCrash(t, errs)
		if out != "ok\nx\nsub\ndone\n" || status != 0 {
			t.Errorf("status %d, stdout %q, stderr %q", status, out, errs)
		}
	})
	// The shell's reserved threads and one process fill this limit.
	oneChild := strconv.Itoa(jobs.ScriptThreads + 1)
	t.Run("fork-retry", func(t *testing.T) {
		// The shell's reserved threads and two sleeps fill the limit:
		// the next fork is retried until a sleep has ended. (With one
		// sleep under a limit one lower, the runtime's making one more
		// thread than the reserve, now and then, left no room for the
		// sleep itself: every fork failed through the whole retry, 2
		// runs in 30. Here that thread takes one sleep's room, and the
		// second sleep's fork is retried instead.)
		out, errs, _ := run(strconv.Itoa(jobs.ScriptThreads+2), "sleep 0.2 & sleep 0.2 & /bin/echo after; :") // ; : so that echo is forked, not exec'd (tailexec.go)
		noCrash(t, errs)
		if !strings.Contains(out, "after") || !strings.Contains(errs, "gosh: fork: retry: Resource temporarily unavailable") {
			t.Errorf("stdout %q, stderr %q: want after, and fork: retry", out, errs)
		}
	})
	t.Run("fork-fails", func(t *testing.T) {
		out, errs, _ := run(oneChild, "sleep 2 & sleep 2 & /bin/echo never; echo status=$?")
		noCrash(t, errs)
		if !strings.Contains(out, "status=126") || !strings.Contains(errs, "gosh: fork: Resource temporarily unavailable") {
			t.Errorf("stdout %q, stderr %q: want status=126 and the fork error", out, errs)
		}
	})
	t.Run("fork-fails-in-script", func(t *testing.T) {
		// bash's sys_error: the script's name, no line, as bash's
		// "s.sh: fork: retry: ..." (not "gosh: ").
		script := filepath.Join(dir, "s.sh")
		if err := os.WriteFile(script, []byte("sleep 2 & sleep 2 & /bin/echo never; echo status=$?\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		out, errs, _ := runShell(t, shellRun{Bin: rlimit, Dir: dir, Home: dir,
			Args: []string{"-nproc", oneChild, "-uid", goshUID(), "--", gosh, "s.sh"}})
		noCrash(t, errs)
		if !strings.Contains(out, "status=126") || !strings.Contains(errs, "\ns.sh: fork: Resource temporarily unavailable\n") ||
			!strings.HasPrefix(errs, "s.sh: fork: retry: Resource temporarily unavailable\n") {
			t.Errorf("stdout %q, stderr %q: want status=126 and s.sh's fork messages", out, errs)
		}
	})
	t.Run("child-gosh-near-limit", func(t *testing.T) {
		// Pipelines with builtin stages and subshells may start another
		// gosh; near the limit it must not die in the Go runtime's start.
		for _, nproc := range []string{"10", "12", "14"} {
			out, errs, _ := run(nproc, `sleep 1 & sleep 1 & echo a && echo b & echo c && echo d & wait; echo x | cat; echo done`)
			noCrash(t, errs)
			if !strings.HasSuffix(out, "done\n") {
				t.Errorf("-nproc %s: stdout %q, stderr %q", nproc, out, errs)
			}
		}
	})
	t.Run("child-gosh-waits", func(t *testing.T) {
		// A child gosh that waits for a process of its own sleeps on a Go
		// timer: its runtime's netpoll, made early under a low ulimit -u
		// (ReserveThreads reads /proc), must survive the placeholders of
		// its start-up (it died with "epollwait on fd 7 failed with 9").
		// Any limit below jobs.LowProcessLimit takes that path; at 14 the
		// two Go runtimes' threads, the sleep and the $( )'s gosh came
		// within a thread of the limit, and a thread more of either
		// runtime made every fork fail for the whole retry (one CI run in
		// three, and under load): 16 leaves them two.
		for _, nproc := range []string{"16", "40"} {
			out, errs, status := run(nproc, `{ sleep 0.1; echo bg; } & wait; x=$( (sleep 0.1; echo sub) & wait); echo $x; echo done`)
			noCrash(t, errs)
			if out != "bg\nsub\ndone\n" || status != 0 {
				t.Errorf("-nproc %s: status %d, stdout %q, stderr %q", nproc, status, out, errs)
			}
		}
	})
	t.Run("closed-fd", func(t *testing.T) {
		// Under few threads a builtin waits with poll(2) until its fd is
		// ready; poll never says so for a closed one (fd -1 is skipped):
		// the write or read must fail with EBADF, as in bash, not wait.
		out, errs, status := runShell(t, shellRun{Bin: rlimit, Dir: dir, Home: dir, Timeout: 20 * time.Second,
			Args: []string{"-nproc", "20", "-uid", goshUID(), "--", gosh, "-c", `echo hi >&-; echo st=$?; read x <&-; echo st=$?; x=$(exec >&-; echo hi); echo "[$x]"`}})
		noCrash(t, errs)
		if out != "st=1\nst=1\n[]\n" || status != 0 || !strings.Contains(errs, "Bad file descriptor") {
			t.Errorf("status %d, stdout %q, stderr %q", status, out, errs)
		}
	})
	t.Run("low-runs", func(t *testing.T) {
		// Less room than the reserve: gosh keeps what fits and runs (the
		// Go runtime itself starts with three or four threads).
		out, errs, status := run("5", "echo ran; echo $((1+2))")
		noCrash(t, errs)
		if status != 0 || out != "ran\n3\n" {
			t.Errorf("status %d, stdout %q, stderr %q", status, out, errs)
		}
	})
	t.Run("pipeline-threads", func(t *testing.T) {
		// Builtin stages waiting on pipes hold no thread: twelve of them
		// need no more threads than the reserve (/proc/$$/status), and one
		// that a goroutine may hold for a moment (ForkExec waits in read(2)
		// until the child's execve).
		f := `f() { while read l; do echo "$l"; done; }; `
		out, errs, status := run("16", f+`seq 2000 | f | f | f | f | f | f | f | f | f | f | f | f | tail -1
while read -r k v; do if [ "$k" = Threads: ]; then echo threads=$v; fi; done < /proc/$$/status`)
		noCrash(t, errs)
		var n int
		if i := strings.Index(out, "threads="); i >= 0 {
			n, _ = strconv.Atoi(strings.TrimSpace(out[i+len("threads="):]))
		}
		if status != 0 || !strings.HasPrefix(out, "2000\n") || n < 1 || n > 9 {
			t.Errorf("status %d, stdout %q, stderr %q: want 2000 and at most 9 threads", status, out, errs)
		}
	})
}

// TestPrivileges: a setuid gosh started by another user gives up its
// effective ids at start-up, as bash and dash do, unless started with -p;
// set +o privileged gives them up later. A child gosh (a pipeline stage
// that re-executes the setuid binary) follows the parent.
func TestPrivileges(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to make a setuid-root gosh")
	}
	rlimit, gosh, dir := limitedGosh(t)
	if err := os.Chmod(gosh, 0o755|os.ModeSetuid); err != nil {
		t.Fatal(err)
	}
	uid := goshUID()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-c", "echo $(id -u) $(id -ru); (id -u) | cat"}, uid + " " + uid + "\n" + uid + "\n"},
		{[]string{"-p", "-c", "echo $(id -u) $(id -ru); (id -u) | cat; set +o privileged; id -u"}, "0 " + uid + "\n0\n" + uid + "\n"},
	} {
		out, errs, status := runShell(t, shellRun{Bin: rlimit, Dir: dir, Home: dir,
			Args: append([]string{"-uid", uid, "--", gosh}, tt.args...)})
		if out != tt.want || status != 0 {
			t.Errorf("gosh %q: status %d, stdout %q, stderr %q; want %q", tt.args, status, out, errs, tt.want)
		}
	}
}
