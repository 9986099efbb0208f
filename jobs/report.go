package jobs

import (
	"fmt"
	"os"
	"strings"
	"syscall"
)

// statusWidth is the width of the status column, bash's LONGEST_SIGNAL_DESC.
const statusWidth = 24

// Format formats one job as the jobs builtin prints it, bash's print_job:
//
//	[1]+  Running                 sleep 30 &
//	[2]-  Stopped                 vim notes.txt
//	[3]   Exit 3                  make
//
// long=true (jobs -l) prints one line per process, with pids, as bash does:
//
//	[1]+  4242 Running                 sleep 30
//	      4243                       | cat &
func (t *Table) Format(j *Job, long bool) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if long {
		return t.formatLong(j)
	}
	return t.reportLine(j)
}

// reportLine is the one-line form of a job, with a newline. Call with t.mu held.
func (t *Table) reportLine(j *Job) string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%d]%c  ", j.id, t.marker(j))
	status, core := jobStatusText(j)
	if core {
		fmt.Fprintf(&b, "%-*s(core dumped) ", statusWidth, status)
	} else {
		fmt.Fprintf(&b, "%-*s", statusWidth, status)
	}
	b.WriteString(j.text)
	if j.shownState() == Running && !j.foreground {
		b.WriteString(" &")
	}
	b.WriteString("\n")
	return b.String()
}

// formatLong is jobs -l: a line per process. Later processes show their
// status only when it differs from the first's. Call with t.mu held.
func (t *Table) formatLong(j *Job) string {
	return t.formatProcs(j, fmt.Sprintf("[%d]%c ", j.id, t.marker(j)))
}

// formatProcs is formatLong with lead before the first line: "[1]+ " for
// jobs -l, nothing for a script's killed notice (bash's
// JLIST_NONINTERACTIVE). Call with t.mu held.
func (t *Table) formatProcs(j *Job, lead string) string {
	var b strings.Builder
	b.WriteString(lead)
	first := j.procs[0]
	firstStatus, _ := processStatusText(j, first)
	for i, p := range j.procs {
		if i > 0 {
			b.WriteString("     ")
		}
		fmt.Fprintf(&b, "%5d ", displayPid(p))
		status, core := processStatusText(j, p)
		if i > 0 && status == firstStatus {
			status = ""
		}
		pad := statusWidth - len(status)
		if status == "" {
			pad = statusWidth - 2 // room for "| "
		}
		b.WriteString(status)
		b.WriteString(strings.Repeat(" ", max(pad, 0)))
		if core {
			b.WriteString("(core dumped) ")
		}
		if i > 0 {
			b.WriteString("| ")
		}
		b.WriteString(p.text)
		if i == len(j.procs)-1 && j.shownState() == Running && !j.foreground {
			b.WriteString(" &")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// displayPid: a builtin stage runs inside the shell, so jobs -l shows the
// shell's pid for it.
func displayPid(p *process) int {
	if p.builtin {
		return os.Getpid()
	}
	return p.pid
}

// jobStatusText words the job's state as bash does: "Running", "Stopped"
// (or the stop named: "Stopped (tty input)"), "Done", "Exit 3", or the
// description of the signal that killed the last process. core reports a
// core dump. Call with t.mu held.
func jobStatusText(j *Job) (text string, core bool) {
	switch j.shownState() {
	case Running:
		return "Running", false
	case Stopped:
		if p := j.stoppedProcess(); p != nil {
			return j.t.stopText(p.ws.StopSignal()), false
		}
		return "Stopped", false
	}
	return j.t.doneText(j.procs[len(j.procs)-1])
}

// stopText words a stop: signalText's, or in POSIX mode "Stopped(SIGTSTP)".
// Call with t.mu held.
func (t *Table) stopText(sig syscall.Signal) string {
	if t.posix {
		return "Stopped(" + SignalName(sig) + ")"
	}
	return signalText(sig)
}

// shownState is the state jobs shows: without job control a stopped job
// shows as Running, as in bash, which does not watch for stops then (a
// script's kill -STOP is not its business). Call with t.mu held.
func (j *Job) shownState() State {
	st := j.state()
	if st == Stopped && !j.t.jobControl {
		return Running
	}
	return st
}

// processStatusText is one process's status for jobs -l. Call with t.mu held.
func processStatusText(j *Job, p *process) (string, bool) {
	if p.state == Stopped && !j.t.jobControl {
		return "Running", false
	}
	switch p.state {
	case Running:
		return "Running", false
	case Stopped:
		return j.t.stopText(p.ws.StopSignal()), false
	}
	return j.t.doneText(p)
}

// doneText words a finished process's status: "Done", "Exit N" ("Done(N)"
// in POSIX mode), or the signal's description. Call with t.mu held.
func (t *Table) doneText(p *process) (string, bool) {
	switch {
	case p.ws.Signaled():
		return signalText(p.ws.Signal()), p.ws.CoreDump()
	case p.ws.ExitStatus() == 0:
		return "Done", false
	case t.posix:
		return fmt.Sprintf("Done(%d)", p.ws.ExitStatus()), false
	}
	return fmt.Sprintf("Exit %d", p.ws.ExitStatus()), false
}

// Report prints a notification for every background job whose state
// changed since it was last reported (stopped, or finished), then removes
// the finished ones, as bash's notify_of_job_status does before a prompt.
// Without job control nothing is printed (a script's jobs finish silently)
// but finished jobs still leave the table.
func (t *Table) Report() {
	t.mu.Lock()
	var out strings.Builder
	var gone []*Job
	for _, j := range t.listed() {
		st := j.state()
		if t.noticeSignal(j) != 0 {
			continue // kept for its killed notice (notice.go)
		}
		if st != j.reported && st != Running && t.jobControl {
			out.WriteString(t.reportLine(j))
		}
		j.reported = st
		if st == Done {
			gone = append(gone, j)
		}
	}
	for _, j := range gone {
		t.remove(j)
	}
	t.mu.Unlock()
	if out.Len() > 0 {
		fmt.Fprint(t.cfg.Stderr, out.String())
	}
}

// Shown records that the jobs builtin has just listed j, as bash does
// after `jobs`: its state counts as reported, so the next prompt does not
// announce it again, and a finished job, now seen as Done, leaves the table.
func (t *Table) Shown(j *Job) {
	t.mu.Lock()
	j.reported = j.state()
	if j.reported == Done {
		t.remove(j)
	}
	t.mu.Unlock()
}
