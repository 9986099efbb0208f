package tests

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestCoprocInteractive: "coproc cat" at an interactive prompt is a
// background job in a process group of its own, its fds 0 and 1 pipes
// whose other ends the shell holds as ${COPROC[1]} and ${COPROC[0]};
// jobs lists it, kill %1 ends it, and then the shell has closed those
// ends, unset COPROC and left nothing stopped or unreaped.
func TestCoprocInteractive(t *testing.T) {
	s := newSession(t)
	shellPgrp := s.Stat().Pgrp
	pipesBefore := pipeFds(t, s.Pid)
	out := s.Run("coproc cat")
	if !regexp.MustCompile(`^\[1\] \d+\n$`).MatchString(out) {
		t.Errorf("coproc cat printed %q, want [1] PID", out)
	}
	cat := s.ProcByArgs("cat")
	if cat.Ppid != s.Pid || cat.Pgrp != cat.Pid || cat.Pgrp == shellPgrp {
		t.Errorf("cat: parent %d (shell %d), group %d (its pid %d, shell's group %d): want a child in a group of its own",
			cat.Ppid, s.Pid, cat.Pgrp, cat.Pid, shellPgrp)
	}
	for _, fd := range []int{0, 1} {
		if link, _ := os.Readlink(fmt.Sprintf("/proc/%d/fd/%d", cat.Pid, fd)); !strings.HasPrefix(link, "pipe:") {
			t.Errorf("cat's fd %d is %q, want a pipe", fd, link)
		}
	}
	if got, want := s.Run(`echo "${COPROC[@]} $COPROC_PID $!"`), fmt.Sprintf("63 60 %d %d\n", cat.Pid, cat.Pid); got != want {
		t.Errorf("COPROC, COPROC_PID and $!: %q, want %q", got, want)
	}
	if got := s.Run(`echo hi >&${COPROC[1]}; read -u ${COPROC[0]} l; echo "got $l"`); got != "got hi\n" {
		t.Errorf("a line through the coprocess: %q, want %q", got, "got hi\n")
	}
	// No program gets the shell's ends: they are close-on-exec.
	if got := s.Run(`ls /proc/self/fd | grep -c '^6[03]$'`); got != "0\n" {
		t.Errorf("a program sees the coproc's fds: %q", got)
	}
	if got := s.Run("jobs"); got != "[1]+  Running                 coproc COPROC cat &\n" {
		t.Errorf("jobs printed %q", got)
	}
	// fg brings it to the terminal, Ctrl+Z stops it, bg continues it.
	s.SendLine("fg")
	s.Expect("coproc COPROC cat\n")
	report := stopFg(s, []procStat{cat})
	if want := "[1]+  Stopped                 coproc COPROC cat\n"; !strings.Contains(report, want) {
		t.Errorf("Ctrl+Z reported %q, want %q", report, want)
	}
	if got := s.Run("bg"); got != "[1]+ coproc COPROC cat &\n" {
		t.Errorf("bg printed %q", got)
	}
	waitStates(s, []procStat{cat}, 'S')
	if fg := s.Foreground(); fg != shellPgrp {
		t.Errorf("after bg the foreground group is %d, not the shell's %d", fg, shellPgrp)
	}
	s.Run("kill %1")
	waitReaped(t, cat.Pid, "the coprocess after kill %1")
	s.Run(":") // the Terminated report comes before this prompt
	if got := s.Run(`echo "[${COPROC[@]}] ${COPROC_PID-unset}"`); got != "[] unset\n" {
		t.Errorf("after the coprocess ended: %q, want %q", got, "[] unset\n")
	}
	if got := s.Run("jobs"); got != "" {
		t.Errorf("jobs still lists the coprocess: %q", got)
	}
	if got := pipeFds(t, s.Pid); got != pipesBefore {
		t.Errorf("the shell holds %d pipe ends after the coprocess ended, %d before it", got, pipesBefore)
	}
	for _, p := range allProcs() {
		if p.Ppid == s.Pid && (p.State == 'Z' || p.State == 'T') {
			t.Errorf("child %d of the shell left in state %c", p.Pid, p.State)
		}
	}
}

// pipeFds counts the pipe ends process pid holds.
func pipeFds(t *testing.T, pid int) int {
	t.Helper()
	ents, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range ents {
		if link, _ := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, e.Name())); strings.HasPrefix(link, "pipe:") {
			n++
		}
	}
	return n
}
