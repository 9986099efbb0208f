package tests

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The second start-up target of issue 9 (item 10): "a && b &" typed at an
// interactive prompt at most 1.5x bash. gosh starts a child gosh for it
// (the same binary, its snapshot in a memfd), where bash forks. Run with
//
//	go test -run '^$' -bench BackgroundListInterleaved -benchtime 300x ./tests
//
// benchBackgroundLine is the line typed (GOSH_BENCH_LINE changes it, to
// compare with "/bin/true &", which gosh starts without a child gosh).
var benchBackgroundLine = "true && true &"

// BenchmarkBackgroundListInterleaved measures two things, one list of each
// shell in turn (gosh, bash, gosh, ...), so that whatever else the machine
// does slows both alike:
//
//   - alone: the line is typed and its echo awaited, then Enter is timed
//     until the prompt is back, and "wait" (not timed) collects the job
//     before the next line, so nothing else runs meanwhile. This is what a
//     person at the terminal sees. (alone-ms/list, alone-gosh/bash)
//   - pile: the whole line is written at once, as a program driving the
//     pty sends it, and timed until the prompt is back; 50 lists follow one
//     another without waiting, then "wait" (not timed). Each start then
//     shares the machine's cores with the lists still starting or running
//     before it: a throughput figure, bound by the CPU time of a start,
//     parent and child together. (pile-ms/list, pile-gosh/bash)
//
// The figures are medians. It also reports the CPU time per list of the
// shell process itself (all its threads, from /proc/PID/task/*/schedstat,
// over both parts and the waits) and of its children (cutime+cstime, which
// counts a child once the shell has collected it): shell-cpu-ms/list,
// child-cpu-ms/list.
//
// gosh runs from a copy written with write(2), as an installed program is
// (see BenchmarkStartupTrueInterleaved): every child gosh is an exec of it.
func BenchmarkBackgroundListInterleaved(b *testing.B) {
	if l := os.Getenv("GOSH_BENCH_LINE"); l != "" {
		benchBackgroundLine = l
	}
	gosh := filepath.Join(b.TempDir(), "gosh")
	copyFile(b, requireGosh(b), gosh)
	configs := [2]sessionConfig{
		{Bin: gosh, Args: []string{"--norc"}},
		cycleShells[1].config(b),
	}
	names := [2]string{"gosh", "bash"}
	var ss [2]*session
	var cpu0 [2]shellCPU
	for i, c := range configs {
		ss[i] = startSession(b, c)
		ss[i].WaitPrompt()
		ss[i].Run(benchBackgroundLine) // the first exec pages the binary in
		ss[i].Run("wait")
		cpu0[i] = readShellCPU(b, ss[i].Pid)
	}
	var alone, pile [2][]time.Duration
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i, s := range ss {
			s.Send(benchBackgroundLine)
			s.Expect(benchBackgroundLine)
			start := time.Now()
			s.Send("\r")
			s.WaitPrompt()
			alone[i] = append(alone[i], time.Since(start))
			b.StopTimer()
			s.Run("wait")
			b.StartTimer()
		}
	}
	for n := 0; n < b.N; n++ {
		for i, s := range ss {
			start := time.Now()
			s.Run(benchBackgroundLine)
			pile[i] = append(pile[i], time.Since(start))
		}
		if n%50 == 49 {
			b.StopTimer()
			for _, s := range ss {
				s.Run("wait")
			}
			b.StartTimer()
		}
	}
	b.StopTimer()
	for i, s := range ss {
		s.Run("wait")
		cpu := readShellCPU(b, s.Pid).sub(cpu0[i])
		lists := float64(2 * b.N)
		b.ReportMetric(msOf(cpu.self)/lists, names[i]+"-shell-cpu-ms/list")
		b.ReportMetric(msOf(cpu.children)/lists, names[i]+"-child-cpu-ms/list")
	}
	for i, name := range names {
		b.ReportMetric(msOf(median(alone[i])), name+"-alone-ms/list")
		b.ReportMetric(msOf(median(pile[i])), name+"-pile-ms/list")
	}
	b.ReportMetric(float64(median(alone[0]))/float64(median(alone[1])), "alone-gosh/bash")
	b.ReportMetric(float64(median(pile[0]))/float64(median(pile[1])), "pile-gosh/bash")
	for _, s := range ss {
		s.Close()
	}
}

// shellCPU is the CPU time a shell process has used, its own (all
// threads) and that of its children it has collected.
type shellCPU struct{ self, children time.Duration }

func (c shellCPU) sub(d shellCPU) shellCPU {
	return shellCPU{c.self - d.self, c.children - d.children}
}

// readShellCPU reads the CPU time of process pid: the run time of each of
// its threads (the first field of /proc/PID/task/TID/schedstat, in ns), and
// its children's user and system time (fields 16 and 17 of
// /proc/PID/stat, in clock ticks of 10 ms).
func readShellCPU(b *testing.B, pid int) shellCPU {
	var c shellCPU
	dir := "/proc/" + strconv.Itoa(pid) + "/task"
	tids, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range tids {
		data, err := os.ReadFile(filepath.Join(dir, t.Name(), "schedstat"))
		if err != nil {
			continue // the thread has just ended
		}
		if f := strings.Fields(string(data)); len(f) > 0 {
			ns, _ := strconv.ParseInt(f[0], 10, 64)
			c.self += time.Duration(ns)
		}
	}
	st, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		b.Fatal(err)
	}
	s := string(st)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:]) // f[0] is field 3
	if len(f) > 14 {
		cu, _ := strconv.ParseInt(f[13], 10, 64)
		cs, _ := strconv.ParseInt(f[14], 10, 64)
		c.children = time.Duration(cu+cs) * 10 * time.Millisecond
	}
	return c
}

func msOf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// median is the middle of ds (which it sorts).
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}
