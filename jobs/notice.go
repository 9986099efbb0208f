package jobs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// A shell that is not interactive reports a job killed by a signal as
// bash does, with where the script was when it noticed:
//
//	script.sh: line 3:  4242 Killed                  sleep 100
//
// (bash's notify_of_job_status for a non-interactive shell). It does so
// for a job in the background or the foreground, after it waited for a
// foreground job or in the wait builtin, never for SIGINT, SIGTERM or
// SIGPIPE, nor for a signal the shell traps. A foreground job killed by
// SIGTERM, or by a trapped signal, gets the plain "Terminated" line that
// WaitForeground prints.

// SetKilledNotice makes the table report killed jobs as a script's shell
// does: prefix(sig) gives the start of the line ("script.sh: line 3: "),
// and false when sig is trapped (no report). Run once by a shell that is
// not interactive.
func (t *Table) SetKilledNotice(prefix func(sig unix.Signal) (string, bool)) {
	t.mu.Lock()
	t.killedNotice = prefix
	t.mu.Unlock()
}

// noticeSignal is the signal for which j is owed a killed notice: it is
// done, not yet reported, and its last process was killed by a signal
// other than SIGINT, SIGTERM and SIGPIPE. 0 if none. Call with t.mu held.
func (t *Table) noticeSignal(j *Job) unix.Signal {
	if t.killedNotice == nil || j.reported == Done || j.state() != Done {
		return 0
	}
	last := j.procs[len(j.procs)-1]
	if !last.killed() {
		return 0
	}
	switch sig := last.ws.Signal(); sig {
	case unix.SIGINT, unix.SIGTERM, unix.SIGPIPE:
		return 0
	default:
		return sig
	}
}

// notifyAfterWait tells of the jobs whose state changed, at the end of a
// wait for a foreground job or of the wait builtin, as bash's
// notify_and_cleanup does there: an interactive shell prints the report
// of the prompt (Report) at once, "[1]+  Done  sleep 1" before the next
// command of the line runs, jobs the wait builtin collected included; a
// script prints its killed notices. Run without t.mu held.
func (t *Table) notifyAfterWait() {
	if t.mu.Lock(); t.reportsWaited() {
		t.mu.Unlock()
		t.Report()
		return
	}
	t.mu.Unlock()
	t.printKilledNotices()
}

// reportsWaited reports whether t is the table of a shell under job
// control (interactive, or -c text after set -m), which announces the
// jobs the wait builtin collected (collected, notifyAfterWait), as bash
// does; not a copy's, nor a script's (SetKeepFinished). Call with t.mu
// held.
func (t *Table) reportsWaited() bool { return t.jobControl && !t.copy && !t.keepFinished }

// printKilledNotices reports every job that is owed a killed notice, in
// job order, and removes it from the table: run where bash notifies a
// script of its jobs, after a foreground job and in the wait builtin.
func (t *Table) printKilledNotices() {
	t.mu.Lock()
	notice := t.killedNotice
	var owed []*Job
	var sigs []unix.Signal
	for _, j := range t.listed() {
		if !t.own(j) {
			continue
		}
		if sig := t.noticeSignal(j); sig != 0 {
			owed = append(owed, j)
			sigs = append(sigs, sig)
		}
	}
	t.mu.Unlock()
	if len(owed) == 0 {
		return
	}
	var out strings.Builder
	prefixes := make([]string, len(owed))
	shown := make([]bool, len(owed))
	for i, sig := range sigs {
		prefixes[i], shown[i] = notice(sig) // outside t.mu: the shell's own state
	}
	t.mu.Lock()
	for i, j := range owed {
		if shown[i] {
			out.WriteString(prefixes[i])
			out.WriteString(t.formatProcs(j, ""))
		}
		j.reported = Done
		t.remove(j)
	}
	t.mu.Unlock()
	fmt.Fprint(t.cfg.Stderr, out.String())
}

// AwaitContinued waits, for at most d, until job j is no longer stopped,
// and then a moment more (a quarter of d at most) until it has ended: run
// by kill after it sent SIGTERM or SIGHUP, then SIGCONT, to a stopped job,
// so that the job's end is known, and reported ("[1]+  Terminated"),
// before the next prompt, as bash reports it once it has reaped the job.
// A job that survives the signal (it catches it) is left running.
func (t *Table) AwaitContinued(j *Job, d time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.waitLocked(ctx, func() bool { return j.state() != Stopped }) {
		return
	}
	ctx, cancel2 := context.WithTimeout(ctx, d/4)
	defer cancel2()
	t.waitLocked(ctx, func() bool { return j.state() == Done })
}
