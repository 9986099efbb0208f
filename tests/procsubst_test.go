package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestProcSubstInteractive: process substitution at an interactive prompt,
// under job control. The substitution's child is no job (jobs lists
// nothing), $! is its pid, and once it has ended it is reaped: the shell
// has no child left, zombie or not.
func TestProcSubstInteractive(t *testing.T) {
	s := newSession(t)
	for _, tc := range []struct{ line, want string }{
		{"cat <(echo hi)", "hi"},
		{"diff <(printf 'a\\nb\\n') <(printf 'a\\nb\\n') && echo same", "same"},
		{`while read l; do echo "[$l]"; done < <(printf '1\n2\n')`, "[1]\n[2]"},
		{"wc -l < <(seq 5)", "5"},
		{"cat <(cat <(echo nested))", "nested"},
		{"f() { cat \"$1\"; }; f <(echo infunc)", "infunc"},
		{"echo hi > >(tr a-z A-Z); wait $!", "HI"},
		{"cat <(echo a) | cat", "a"},
		{"echo x | cat - <(echo y) | tr a-z A-Z", "X\nY"},
		{"set -e; cat <(false); echo still", "still"},
		{"jobs", ""},
	} {
		if got := strings.TrimSpace(s.Run(tc.line)); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.line, got, tc.want)
		}
	}
	out := s.Run("cat <(echo $BASHPID $$) >/dev/null; echo $!")
	pid := strings.TrimSpace(out)
	if pid == "" || pid == "0" {
		t.Errorf("$! after a process substitution: %q", out)
	}
	if !poll(20*time.Second, func() bool { return len(children(s.Pid)) == 0 }) {
		var left []procStat
		for _, p := range children(s.Pid) {
			if st, err := readStat(p); err == nil {
				left = append(left, st)
			}
		}
		t.Fatalf("children of the shell left after the process substitutions ended:\n%s", formatProcs(left))
	}
	if out := s.Run("jobs"); out != "" {
		t.Errorf("a process substitution is listed as a job: %q", out)
	}
}

// runtimeFd reports whether a line of ls -l /proc/PID/fd is a descriptor
// of the Go runtime, which opens them when it first needs them: its epoll
// fd and eventfd, and the cgroup files it reads for GOMAXPROCS.
func runtimeFd(line string) bool {
	return strings.Contains(line, "[eventpoll]") || strings.Contains(line, "[eventfd]") || strings.Contains(line, "/sys/fs/cgroup/")
}

// TestProcSubstNoFdLeak: a script of many process substitutions leaves the
// shell with the fds it had: each end is closed when its command is done.
// The shell's fds are listed by a child (ls /proc/$$/fd > file) three
// times before and after 50 rounds, and the least count of each compared,
// as TestManyCommandsNoLeak does (the runtime's own fds not counted).
func TestProcSubstNoFdLeak(t *testing.T) {
	var b strings.Builder
	round := "cat <(echo a) >/dev/null; read x < <(echo b); echo c > >(cat >/dev/null); f() { :; }; f <(true)\n"
	list := func(name string) {
		// wait: every substitution's process has ended and been
		// collected, so no end is still on its way to being closed.
		b.WriteString("wait\n")
		for i := 0; i < 3; i++ {
			fmt.Fprintf(&b, "ls -l /proc/$$/fd > %s%d\n", name, i)
		}
	}
	// A first round lets the Go runtime open its own fds (epoll,
	// eventfd), which it does once, the first time it needs them.
	b.WriteString(round)
	list("before")
	for i := 0; i < 50; i++ {
		b.WriteString(round)
	}
	list("after")
	dir := t.TempDir()
	_, errOut, st := runShell(t, shellRun{Args: []string{"-c", b.String()}, Dir: dir})
	if st != 0 {
		t.Fatalf("status %d: %s", st, errOut)
	}
	least := func(name string) int {
		least := 1 << 30
		for i := 0; i < 3; i++ {
			data, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%s%d", name, i)))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, line := range strings.Split(string(data), "\n") {
				if strings.HasPrefix(line, "l") && !strings.HasPrefix(line, "l?") && !runtimeFd(line) {
					n++
				}
			}
			least = min(least, n)
		}
		return least
	}
	if before, after := least("before"), least("after"); before != after {
		t.Errorf("the shell had %d fds before 50 rounds of process substitutions and %d after", before, after)
	}
}
