package tests

import (
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

// runtimeFd reports whether a line of ls -l /proc/PID/fd (or of
// fdsAtPauses) is a descriptor
// of the Go runtime, which opens them when it first needs them: its epoll
// fd and eventfd.
func runtimeFd(line string) bool {
	return strings.Contains(line, "[eventpoll]") || strings.Contains(line, "[eventfd]")
}

// TestProcSubstNoFdLeak: a script of many process substitutions leaves the
// shell with the fds it had: each end is closed when its command is done.
// The test reads the shell's fd table at a pause after a first round and
// after 50 more (fdsAtPauses), each time after a wait, and compares them
// without the runtime's own fds.
func TestProcSubstNoFdLeak(t *testing.T) {
	round := "cat <(echo a) >/dev/null; read x < <(echo b); echo c > >(cat >/dev/null); f() { :; }; f <(true)\n"
	// wait: every substitution's process has ended and been collected,
	// so no end is still on its way to being closed. A first round lets
	// the Go runtime open its own fds (epoll, eventfd), which it does
	// once, the first time it needs them.
	tables := fdsAtPauses(t, round+"wait", strings.Repeat(round, 50)+"wait")
	before, after := shellFds(tables[0]), shellFds(tables[1])
	if len(before) != len(after) {
		t.Errorf("the shell had %d fds before 50 rounds of process substitutions and %d after\nbefore: %q\nafter: %q", len(before), len(after), before, after)
	}
}

// shellFds is an fd table of fdsAtPauses without the runtime's own fds.
func shellFds(table []string) []string {
	var fds []string
	for _, fd := range table {
		if !runtimeFd(fd) {
			fds = append(fds, fd)
		}
	}
	return fds
}
