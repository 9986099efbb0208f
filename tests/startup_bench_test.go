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

// The start-up target of issue 9 (item 10): `gosh -c true`, which every
// child gosh pays, at most 1.0x `bash -c true`. Run with
//
//	go test -run '^$' -bench StartupTrueInterleaved -benchtime 500x ./tests
//
// (BenchmarkStartupInterleaved in bench_test.go gives the means for gosh as
// built and bash; BenchmarkBackgroundListInterleaved the other start-up
// target, `a && b &` at an interactive prompt.)

// BenchmarkStartupTrueInterleaved: one op runs `SHELL -c true` once for
// each shell and waits for it. The figures are medians of the wall time
// (ms/run) and of the CPU time (user+sys of every thread, cpu-ms/run), and
// the means of the page faults and context switches (voluntary and not)
// of one run.
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
	// No descriptor of the test process but 0-2 reaches the shells, as
	// when a terminal's shell starts them: ForkExec leaves open every
	// descriptor without close-on-exec, and gosh adopts each one it
	// inherits (a harness's stray fd made every gosh start do more).
	for fd := 3; fd < 1024; fd++ {
		syscall.CloseOnExec(fd)
	}
	null, err := syscall.Open("/dev/null", syscall.O_RDWR|syscall.O_CLOEXEC, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer syscall.Close(null)
	attr := &syscall.ProcAttr{Env: cleanEnv(b.TempDir()), Files: []uintptr{uintptr(null), uintptr(null), uintptr(null)}}
	walls := make([][]time.Duration, len(runs))
	cpus := make([][]time.Duration, len(runs))
	faults := make([]int64, len(runs))
	switches := make([]int64, len(runs))
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
		cpus[i] = append(cpus[i], time.Duration(ru.Utime.Nano()+ru.Stime.Nano()))
		faults[i] += ru.Minflt
		switches[i] += ru.Nvcsw + ru.Nivcsw
		if !ws.Exited() || ws.ExitStatus() != 0 {
			b.Fatalf("%s: %v", runs[i].name, ws)
		}
	}
	for i := range runs {
		once(i) // page each program in
		walls[i], cpus[i], faults[i], switches[i] = nil, nil, 0, 0
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i := range runs {
			once(i)
		}
	}
	b.StopTimer()
	median := make([]float64, len(runs))
	cpu := make([]float64, len(runs))
	for i, r := range runs {
		median[i] = medianMs(walls[i])
		cpu[i] = medianMs(cpus[i])
		b.ReportMetric(median[i], r.name+"-ms/run")
		b.ReportMetric(cpu[i], r.name+"-cpu-ms/run")
		b.ReportMetric(float64(faults[i])/float64(b.N), r.name+"-faults/run")
		b.ReportMetric(float64(switches[i])/float64(b.N), r.name+"-switches/run")
	}
	b.ReportMetric(median[0]/median[2], "gosh/bash")
	b.ReportMetric(median[1]/median[2], "gosh-copy/bash")
	b.ReportMetric(cpu[1]/cpu[2], "gosh-copy-cpu/bash")
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
