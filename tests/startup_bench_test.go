package tests

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"
)

// Benchmarks for the start-up targets of issue 9 (item 10), gosh beside
// bash (and dash), one run of each in turn so that the machine's load
// falls on all of them alike:
//
//	go test -run '^$' -bench 'StartupTrue|BackgroundStart' -benchtime 300x ./tests
//
// Targets: `gosh -c true`, which every child gosh pays, at most 1.0x
// `bash -c true`; starting `a && b &` at an interactive prompt at most
// 1.5x bash.

// BenchmarkStartupTrueInterleaved: one op runs `SHELL -c true` once for
// each shell and waits for it. The figures are medians (ms/run) and the
// CPU time (user+sys, cpu-ms/run) the run cost.
//
// "gosh" is the binary as `go build` wrote it, "gosh-copy" the same bytes
// copied with write(2), as an installed program is written: the Go linker
// writes its output through a memory mapping, which leaves the file in the
// page cache in 4 KiB pages, and on this machine (Linux 6.18, ext4) every
// exec of such a file costs about 0.2 ms more than an exec of a copy,
// until the pages are dropped from the cache. bash and dash are installed
// programs: gosh-copy is the fair comparison.
func BenchmarkStartupTrueInterleaved(b *testing.B) {
	gosh := requireGosh(b)
	cp := filepath.Join(b.TempDir(), "gosh")
	copyFile(b, gosh, cp)
	runs := []struct {
		name string
		argv []string
	}{
		{"gosh", []string{gosh, "-c", "true"}},
		{"gosh-copy", []string{cp, "-c", "true"}},
		{"bash", []string{otherShell(b, "bash"), "-c", "true"}},
	}
	if dash, err := exec.LookPath("dash"); err == nil {
		runs = append(runs, struct {
			name string
			argv []string
		}{"dash", []string{dash, "-c", "true"}})
	}
	null, err := syscall.Open("/dev/null", syscall.O_RDWR|syscall.O_CLOEXEC, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer syscall.Close(null)
	attr := &syscall.ProcAttr{Env: cleanEnv(b.TempDir()), Files: []uintptr{uintptr(null), uintptr(null), uintptr(null)}}
	walls := make([][]time.Duration, len(runs))
	cpu := make([]time.Duration, len(runs))
	once := func(i int) {
		start := time.Now()
		pid, err := syscall.ForkExec(runs[i].argv[0], runs[i].argv, attr)
		if err != nil {
			b.Fatal(err)
		}
		var ws syscall.WaitStatus
		var ru syscall.Rusage
		for {
			_, err := syscall.Wait4(pid, &ws, 0, &ru)
			if err != syscall.EINTR {
				break
			}
		}
		walls[i] = append(walls[i], time.Since(start))
		cpu[i] += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		if !ws.Exited() || ws.ExitStatus() != 0 {
			b.Fatalf("%s: %v", runs[i].name, ws)
		}
	}
	for i := range runs {
		once(i) // page each program in
		walls[i], cpu[i] = nil, 0
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := range runs {
			once(i)
		}
	}
	b.StopTimer()
	median := make([]float64, len(runs))
	for i, r := range runs {
		median[i] = medianMs(walls[i])
		b.ReportMetric(median[i], r.name+"-ms/run")
		b.ReportMetric(float64(cpu[i].Microseconds())/1000/float64(b.N), r.name+"-cpu-ms/run")
	}
	b.ReportMetric(median[0]/median[2], "gosh/bash")
	b.ReportMetric(median[1]/median[2], "gosh-copy/bash")
}

// BenchmarkBackgroundStartInterleaved: one op types `true && true &` at
// the prompt of an interactive gosh and of an interactive bash, and times
// each until its next prompt (ms/start, the mean). gosh starts a child
// gosh for the list; bash forks. Then `wait` collects the job, untimed.
func BenchmarkBackgroundStartInterleaved(b *testing.B) {
	var starters []*bgStarter
	for _, sh := range cycleShells {
		s := startSession(b, sh.config(b))
		s.WaitPrompt()
		st := &bgStarter{name: sh.name, s: s}
		st.start() // warm up
		st.total = 0
		starters = append(starters, st)
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for _, st := range starters {
			st.start()
		}
	}
	b.StopTimer()
	ms := func(st *bgStarter) float64 { return float64(st.total.Microseconds()) / 1000 / float64(b.N) }
	for _, st := range starters {
		b.ReportMetric(ms(st), st.name+"-ms/start")
		st.s.Close()
	}
	b.ReportMetric(ms(starters[0])/ms(starters[1]), "gosh/bash")
}

// bgStarter starts background lists in one session and times them.
type bgStarter struct {
	name  string
	s     *session
	total time.Duration
}

func (st *bgStarter) start() {
	start := time.Now()
	st.s.Send("true && true &\r")
	st.s.WaitPrompt()
	st.total += time.Since(start)
	st.s.Send("wait\r")
	st.s.WaitPrompt()
}

// medianMs is the median of ds in milliseconds.
func medianMs(ds []time.Duration) float64 {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return float64(s[len(s)/2].Microseconds()) / 1000
}

// copyFile copies an executable with read and write.
func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}
