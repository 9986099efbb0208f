package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Benchmarks for the speed and memory points of issue 4, with a 1,000-entry
// history file in $HOME, the shell in a pty:
//
//	go test -run '^$' -bench 'PromptStartup|IdleRSS' -benchtime 20x ./tests
//
// Targets: the first prompt within 20 ms of start; at most 8 MiB resident
// while idle at the prompt.

// historyHome returns a HOME whose .gosh_history holds 1,000 entries.
func historyHome(b *testing.B) string {
	home := b.TempDir()
	var h strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&h, "grep -n 'pattern %d' src/file%03d.go | sort | uniq -c\n", i, i%100)
	}
	if err := os.WriteFile(filepath.Join(home, ".gosh_history"), []byte(h.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	return home
}

// BenchmarkPromptStartup: one op starts gosh (--norc) in a pty and waits
// for its first prompt. ms/prompt is the time from start to the prompt.
func BenchmarkPromptStartup(b *testing.B) {
	home := historyHome(b)
	c := sessionConfig{Home: home, Bin: requireGosh(b), Args: []string{"--norc"}}
	warm := startSession(b, c) // page the binary in
	warm.WaitPrompt()
	warm.Close()
	var total time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		s := startSession(b, c)
		s.WaitPrompt()
		total += time.Since(start)
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/prompt")
}

// BenchmarkIdleRSS: one op starts gosh, runs one command so that the line
// editor and the history are in use, and reads the resident set size
// (VmRSS) of the shell idle at the prompt. MiB-RSS is the largest seen.
func BenchmarkIdleRSS(b *testing.B) {
	home := historyHome(b)
	c := sessionConfig{Home: home, Bin: requireGosh(b), Args: []string{"--norc"}}
	var worst float64
	for i := 0; i < b.N; i++ {
		s := startSession(b, c)
		s.WaitPrompt()
		s.Send("\x1b[A") // Up: the history is loaded into the editor
		s.Expect("pattern 999")
		s.Send("\x03")
		s.WaitPrompt()
		if kib := vmRSS(b, s.Pid); kib/1024 > worst {
			worst = kib / 1024
		}
		s.Close()
	}
	b.ReportMetric(worst, "MiB-RSS")
}

// vmRSS reads VmRSS from /proc/PID/status, in KiB.
func vmRSS(b *testing.B, pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err != nil {
				b.Fatal(err)
			}
			return n
		}
	}
	b.Fatal("no VmRSS")
	return 0
}
