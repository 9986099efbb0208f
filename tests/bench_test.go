package tests

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Benchmarks for the speed points of issues 2 and 3. Each runs gosh and,
// in the same run, the other shells installed (bash, dash), so that the
// figures compare like with like on the same machine:
//
//	go test -run '^$' -bench 'JobCycle|Startup' -benchtime 100x ./tests
//	go test -run '^$' -bench JobCycleInterleaved -benchtime 300x ./tests
//	go test -run '^$' -bench Script1000 ./tests
//
// tests/bench/compare.sh prints the same comparisons as a table.

// otherShell returns the path of an installed shell, or skips.
func otherShell(b *testing.B, name string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		b.Skipf("%s is not installed", name)
	}
	return p
}

// BenchmarkJobCycle: one op is one cycle of "start a job, Ctrl+Z, prompt
// back, fg, the job ends, prompt back", typed in a pty. The job is
// testdata/jobcycle, which says READY when it runs and RESUMED when it is
// continued, so no step waits longer than it must.
func BenchmarkJobCycle(b *testing.B) {
	job := buildHelper(b, "jobcycle")
	for _, sh := range cycleShells {
		b.Run(sh.name, func(b *testing.B) {
			c := newJobCycler(b, sh.config(b), job)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c.cycle()
			}
			b.StopTimer()
			c.report(b, "")
			c.s.Close()
		})
	}
}

// BenchmarkJobCycleInterleaved is BenchmarkJobCycle with both shells
// running side by side, one cycle of each in turn, so that whatever else
// the machine does in the meantime slows both alike. It reports each
// shell's time per cycle and gosh's as a fraction of bash's.
func BenchmarkJobCycleInterleaved(b *testing.B) {
	job := buildHelper(b, "jobcycle")
	g := newJobCycler(b, cycleShells[0].config(b), job)
	o := newJobCycler(b, cycleShells[1].config(b), job)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.cycle()
		o.cycle()
	}
	b.StopTimer()
	g.report(b, "gosh-")
	o.report(b, "bash-")
	b.ReportMetric(float64(g.total)/float64(o.total), "gosh/bash")
	g.s.Close()
	o.s.Close()
}

var cycleShells = []struct {
	name   string
	config func(b *testing.B) sessionConfig
}{
	{"gosh", func(b *testing.B) sessionConfig { return sessionConfig{Bin: requireGosh(b), Args: []string{"--norc"}} }},
	{"bash", func(b *testing.B) sessionConfig {
		return sessionConfig{Bin: otherShell(b, "bash"), Args: []string{"--norc", "--noprofile", "-i"}}
	}},
}

// jobCycler runs job cycles in one shell session and times them, in four
// phases so that a gap between shells can be placed: typing a command line
// until the job runs, Ctrl+Z until the prompt is back, fg until the job
// runs again, and the job's end until the prompt.
type jobCycler struct {
	s      *session
	job    string
	phase  [4]time.Duration
	total  time.Duration
	cycles int
}

func newJobCycler(b *testing.B, c sessionConfig, job string) *jobCycler {
	jc := &jobCycler{s: startSession(b, c), job: job}
	jc.s.WaitPrompt()
	jc.cycle() // warm up: the first exec of the job pages it in
	*jc = jobCycler{s: jc.s, job: job}
	return jc
}

func (c *jobCycler) cycle() {
	s := c.s
	start := time.Now()
	mark := start
	lap := func(i int) {
		now := time.Now()
		c.phase[i] += now.Sub(mark)
		mark = now
	}
	s.Send(c.job + "\r")
	s.Expect("READY\n")
	lap(0)
	s.Send("\x1a")
	s.Expect("Stopped")
	s.WaitPrompt()
	lap(1)
	s.Send("fg\r")
	s.Expect("RESUMED\n")
	lap(2)
	s.Send("\r")
	s.WaitPrompt()
	lap(3)
	c.total += time.Since(start)
	c.cycles++
}

func (c *jobCycler) report(b *testing.B, prefix string) {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(c.cycles) }
	b.ReportMetric(ms(c.total), prefix+"ms/cycle")
	for i, name := range []string{"start", "stop", "fg", "end"} {
		b.ReportMetric(ms(c.phase[i]), prefix+"ms-"+name)
	}
}

// BenchmarkScript1000: one op runs a script of 1,000 external commands
// (/bin/true) with gosh, bash and dash.
func BenchmarkScript1000(b *testing.B) {
	script := filepath.Join(b.TempDir(), "thousand.sh")
	if err := os.WriteFile(script, []byte(strings.Repeat("/bin/true\n", 1000)), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"gosh", "bash", "dash"} {
		b.Run(name, func(b *testing.B) {
			bin := goshBin
			if name == "gosh" {
				requireGosh(b)
			} else {
				bin = otherShell(b, name)
			}
			benchRun(b, bin, script)
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "µs/command")
		})
	}
}

// BenchmarkStartup: one op is `SHELL -c true`.
func BenchmarkStartup(b *testing.B) {
	for _, name := range []string{"gosh", "bash", "dash"} {
		b.Run(name, func(b *testing.B) {
			bin := goshBin
			if name == "gosh" {
				requireGosh(b)
			} else {
				bin = otherShell(b, name)
			}
			benchRun(b, bin, "-c", "true")
		})
	}
}

// BenchmarkStartupInterleaved is BenchmarkStartup for gosh and bash side by
// side, one `SHELL -c true` of each in turn, so that whatever else the
// machine does slows both alike (every child gosh pays this start-up; issue
// 9 wants gosh at most 1.0x bash). It reports the wall time of each per
// run and gosh's as a fraction of bash's, and the same for CPU time (user +
// system of the children), which load disturbs less.
func BenchmarkStartupInterleaved(b *testing.B) {
	gosh := requireGosh(b)
	bash := otherShell(b, "bash")
	env := cleanEnv(b.TempDir())
	run := func(bin string) (wall, cpu time.Duration) {
		cmd := exec.Command(bin, "-c", "true")
		cmd.Env = env
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s -c true: %v\n%s", bin, err, out)
		}
		return time.Since(start), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	run(gosh)
	run(bash)
	var gw, gc, bw, bc time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w, c := run(gosh)
		gw, gc = gw+w, gc+c
		w, c = run(bash)
		bw, bc = bw+w, bc+c
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(float64(gw.Microseconds())/n, "gosh-µs/run")
	b.ReportMetric(float64(bw.Microseconds())/n, "bash-µs/run")
	b.ReportMetric(float64(gw)/float64(bw), "gosh/bash")
	b.ReportMetric(float64(gc)/float64(bc), "cpu-gosh/bash")
}

// benchRun runs bin with args b.N times, with a minimal environment and
// nothing else in the loop, and fails on a non-zero status.
func benchRun(b *testing.B, bin string, args ...string) {
	env := cleanEnv(b.TempDir())
	run := func() {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s %q: %v\n%s", bin, args, err, out)
		}
	}
	run()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		run()
	}
}

// BenchmarkResourcesAfterCommands: the shell's RSS and open fds after
// running 1,000 and 5,000 iterations of a pipeline, a command substitution
// and a redirection. The two sizes should report the same figures: nothing
// grows with the number of commands run.
func BenchmarkResourcesAfterCommands(b *testing.B) {
	bin := requireGosh(b)
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("commands=%d", n), func(b *testing.B) {
			var sb strings.Builder
			for i := 0; i < n; i++ {
				sb.WriteString("echo a | cat >/dev/null; x=$(echo hi); true\n")
			}
			// Counted without pipes (those of the ls pipeline itself, still in
			// flight).
			sb.WriteString("grep VmRSS /proc/$$/status; ls -l /proc/$$/fd | grep -v -e pipe: | grep -c -- '->'\n")
			path := filepath.Join(b.TempDir(), "work.sh")
			if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			var rssKB, fds float64
			for i := 0; i < b.N; i++ {
				cmd := exec.Command(bin, path)
				cmd.Env = cleanEnv(b.TempDir())
				out, err := cmd.Output()
				if err != nil {
					b.Fatalf("%v: %s", err, out)
				}
				f := strings.Fields(string(out)) // VmRSS: N kB FDS
				if len(f) < 4 {
					b.Fatalf("unexpected output %q", out)
				}
				fmt.Sscan(f[1], &rssKB)
				fmt.Sscan(f[3], &fds)
			}
			b.ReportMetric(rssKB, "RSS-kB")
			b.ReportMetric(fds, "fds")
		})
	}
}
