//go:build linux

package jobs

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// A script's shell that catches a fatal signal (it has an EXIT trap) dies
// of it only after running the trap. Meanwhile nothing may be left behind
// that the signal would have killed had the shell not caught it. A signal
// sent to the shell's process group reaches every member at once, and the
// kernel makes a fork that races it either fail or give the signal to the
// child as well; but Go forks on one thread with every signal blocked
// while the signal is taken by another thread and reaches the shell's
// code later still. A child forked in that gap joins the group after the
// signal was sent and misses it. bash has the same gap (it blocks SIGTERM
// around fork), smaller. So the dying shell closes the launches as soon
// as it notes the signal (CloseLaunches), and before it dies gives the
// signal to the children that missed it (SignalLateChildren).

// errShellDying is the failure of a stage the launch gate did not let
// start.
var errShellDying = errors.New("the shell is dying of a signal")

// Launch gate states (Table.gate).
const (
	launchesOpen      = iota
	launchesClosed    // no child starts: the shell is dying of a signal
	launchesShellOnly // only the shell's own commands (its EXIT trap) start children
)

// lateWindow is how long before the shell noted a fatal signal a child may
// have been forked after the signal was sent: the time the signal takes
// from the kernel to the shell's code, with room for a loaded machine.
const lateWindow = 2 * time.Second

// CloseLaunches makes every later launch start nothing, its stages
// failing silently with status 128+sig, and returns once a launch in
// progress has finished: run by the shell as it notes a fatal signal that
// it will die of. From then on the shell's set of children only shrinks.
func (t *Table) CloseLaunches(sig unix.Signal) {
	t.gateSig.Store(int32(sig))
	t.gate.Store(launchesClosed)
	launchLock.Lock()
	launchLock.Unlock() // nothing to do inside: a launch in progress has ended
	t.trace.Shell(Msg{
		En: "%s noted: the shell will die of it; no child starts from now on but those of its EXIT trap",
		Ko: "%s을(를) 받아 두었다: 셸은 이 시그널로 죽는다. 이제부터는 EXIT trap의 자식 말고는 어떤 자식도 시작하지 않는다",
	}, SignalName(sig))
}

// OpenLaunchesToShell lets the shell's own commands start children again
// (Launch, LaunchAsync), not a copy's (LaunchInGroup): run by the shell
// before its EXIT trap, while it dies. It returns the moment it did so:
// children started after it are the trap's.
func (t *Table) OpenLaunchesToShell() time.Time {
	now := time.Now()
	t.gate.Store(launchesShellOnly)
	return now
}

// launchRefused reports whether the gate lets no stage start now; byCopy:
// the launch is a copy's (LaunchInGroup). Call with launchLock held.
func (t *Table) launchRefused(byCopy bool) bool {
	switch t.gate.Load() {
	case launchesClosed:
		return true
	case launchesShellOnly:
		return byCopy
	}
	return false
}

// SignalLateChildren gives sig to each child of the shell that was forked
// between the moment sig was sent to the shell's process group and the
// moment the shell noted it, and so missed it: run by the dying shell
// after its EXIT trap, before it dies (noted: when it noted sig; trapped:
// when its EXIT trap began; children started after that are the trap's).
//
// A child missed the signal if it is in the shell's process group, alive,
// and has sig neither pending, caught nor ignored (a child that got it
// with its default action is dead or dying). That alone cannot tell a
// late child from one that was never meant to get sig, because sig was
// sent to the shell's pid only (kill $$): then every child "missed" it.
// So the signal must have been sent to the group: some other child of the
// shell in its group got it. It returns the pids it signalled.
func (t *Table) SignalLateChildren(sig unix.Signal, noted, trapped time.Time) []int {
	since := noted.Add(-lateWindow)
	shellPgrp := unix.Getpgrp()
	var late []int
	evidence := false
	deadline := time.Now().Add(100 * time.Millisecond)
	for {
		late = late[:0]
		t.mu.Lock()
		if k, ok := t.killedBy[sig]; ok && !k.Before(since) {
			evidence = true
		}
		type cand struct {
			pid     int
			started time.Time
		}
		var cands []cand
		for pid, p := range t.byPid {
			if p.state != Done && pid > 0 {
				cands = append(cands, cand{pid, p.started})
			}
		}
		t.mu.Unlock()
		for _, c := range cands {
			if pg, err := unix.Getpgid(c.pid); err != nil || pg != shellPgrp {
				continue
			}
			switch childGot(c.pid, sig) {
			case sigGot:
				evidence = true
			case sigMissed:
				if !c.started.Before(since) && c.started.Before(trapped) {
					late = append(late, c.pid)
				}
			}
		}
		// A child killed by sig may not be reaped (nor a zombie) yet:
		// look again for a moment before deciding the signal was not the
		// group's.
		if evidence || len(late) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if !evidence {
		return nil
	}
	for _, pid := range late {
		t.trace.Shell(Msg{
			En: "kill(%d, %s): forked after %s was sent to the shell's process group, it missed it",
			Ko: "kill(%d, %s): %s이(가) 셸의 프로세스 그룹에 보내진 뒤에 fork되어 그것을 받지 못했다",
		}, pid, SignalName(sig), SignalName(sig))
		unix.Kill(pid, sig)
	}
	return late
}

// What a child's /proc entry says about a signal.
const (
	sigMissed  = iota // alive, not pending, default action
	sigGot            // pending, or the child died of it
	sigUnknown        // caught or ignored: it may have got it
)

// childGot reads /proc/PID/stat and /proc/PID/status: whether pid got sig.
func childGot(pid int, sig unix.Signal) int {
	f, ok := statFields(pid)
	if !ok {
		return sigUnknown // gone: reaped meanwhile
	}
	// state is the first field, exit_code the 50th.
	if f[0] == "Z" || f[0] == "X" {
		if len(f) >= 50 {
			if code, err := strconv.Atoi(f[49]); err == nil && unix.WaitStatus(code).Signaled() && unix.WaitStatus(code).Signal() == sig {
				return sigGot
			}
		}
		return sigUnknown
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return sigUnknown
	}
	bit := uint64(1) << (uint(sig) - 1)
	var pending, handled uint64
	for _, line := range strings.Split(string(status), "\n") {
		name, val, _ := strings.Cut(line, ":")
		v, err := strconv.ParseUint(strings.TrimSpace(val), 16, 64)
		if err != nil {
			continue
		}
		switch name {
		case "SigPnd", "ShdPnd":
			pending |= v
		case "SigIgn", "SigCgt":
			handled |= v
		}
	}
	switch {
	case pending&bit != 0:
		return sigGot
	case handled&bit != 0:
		return sigUnknown
	}
	return sigMissed
}

// statFields reads /proc/PID/stat and returns its fields after the ")"
// that ends the command name (which may hold spaces): the state first.
// ok is false when the process is gone or the file cannot be read.
func statFields(pid int) (f []string, ok bool) {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return nil, false
	}
	i := strings.LastIndexByte(string(stat), ')')
	if i < 0 {
		return nil, false
	}
	f = strings.Fields(string(stat[i+1:]))
	return f, len(f) > 0
}
