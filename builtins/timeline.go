package builtins

import (
	"fmt"
	"strconv"
	"strings"

	"gosh/jobs"
)

var timelineBuiltins = []*Builtin{
	{
		Name:     "timeline",
		Synopsis: "timeline [%N]",
		Summary:  "Draw the life of a job: one lane per process, time flowing down.",
		Help: `Draw what the shell saw of job N (default: the most recent job) as
lanes, one per process (by its real pid) and one for the shell, with time
flowing down and relative to the job's start: fork+exec and setpgid,
tcsetpgrp to the job and back to the shell, each stop with its signal,
each continue, each signal sent, and the exit or death with its status
(which is also when wait4 reaped it). It works for running, stopped and
finished jobs: the shell keeps the events of its last 10 jobs.
The drawing fits the terminal, in colour when the terminal allows it.`,
		Run: runTimeline,
	},
}

func runTimeline(sh Shell, io IO, args []string) (int, error) {
	job := 0
	switch len(args) {
	case 1:
	case 2:
		spec := strings.TrimPrefix(args[1], "%")
		if spec == "%" || spec == "+" || spec == "" {
			break
		}
		n, err := strconv.Atoi(spec)
		if err != nil || n <= 0 {
			return usageError(io, "timeline", args[1]+": a job number (%N) is expected"), nil
		}
		job = n
	default:
		return usageError(io, "timeline", "too many arguments"), nil
	}
	t := sh.JobTable()
	if t == nil {
		errorf(io, "timeline", "no job table")
		return statusFailure, nil
	}
	jt, ok := t.Timeline(job)
	if !ok {
		if job == 0 {
			errorf(io, "timeline", "no job yet")
		} else {
			errorf(io, "timeline", "%%%d: no such job (the shell keeps the last 10)", job)
		}
		return statusFailure, nil
	}
	return writeOut(io, "timeline", renderTimeline(jt, outputWidth(io), colorOK(sh, io), resolveLang(sh, ""))), nil
}

// renderTimeline draws jt: a time column, the shell's lane, then a lane
// per process, in lang. With width > 0 every line fits in it (display
// width: a Korean character takes two columns).
func renderTimeline(jt jobs.JobTimeline, width int, color bool, lang string) string {
	var b strings.Builder
	b.WriteString(jobs.Msg{En: "job [%d] %s", Ko: "작업 [%d] %s"}.Format(lang, jt.Job, jobs.ShowText(jt.Text)))
	if jt.Pgid > 0 {
		b.WriteString(jobs.Msg{En: "  (process group %d)", Ko: "  (프로세스 그룹 %d)"}.Format(lang, jt.Pgid))
	}
	b.WriteString("\n")
	lanes := []int{0}
	lanes = append(lanes, jt.Pids...)
	laneOf := map[int]int{}
	for i, pid := range lanes {
		laneOf[pid] = i
	}
	heads := make([]string, len(lanes))
	heads[0] = jobs.Msg{En: "shell", Ko: "셸"}.In(lang)
	for i, pid := range jt.Pids {
		heads[i+1] = "pid " + strconv.Itoa(pid)
	}
	const timeWidth = 9
	lw := 0
	for _, h := range heads {
		lw = max(lw, displayWidth(h))
	}
	what := func(e jobs.TimelineEvent) string {
		if e.Words == (jobs.Msg{}) {
			return e.What
		}
		return e.Words.In(lang)
	}
	for _, e := range jt.Events {
		lw = max(lw, displayWidth(what(e)))
	}
	if width > 0 {
		fit := (width-timeWidth)/len(lanes) - 3
		lw = max(min(lw, fit), 6)
	}
	row := func(tm string, cells []string, colors []string) {
		b.WriteString(padRight(tm, timeWidth))
		for i, c := range cells {
			b.WriteString(" │ ")
			cell := padRight(cutToWidth(c, lw), lw)
			if color && colors != nil && colors[i] != "" && c != "" {
				cell = colors[i] + cell + "\x1b[0m"
			}
			if i == len(cells)-1 {
				cell = strings.TrimRight(cell, " ")
			}
			b.WriteString(cell)
		}
		b.WriteString("\n")
	}
	row(jobs.Msg{En: "time", Ko: "시간"}.In(lang), heads, nil)
	b.WriteString(strings.Repeat("─", timeWidth))
	for range lanes {
		b.WriteString("─┼─" + strings.Repeat("─", lw))
	}
	b.WriteString("\n")
	if len(jt.Events) == 0 {
		return b.String()
	}
	start := jt.Events[0].At
	for _, e := range jt.Events {
		cells := make([]string, len(lanes))
		colors := make([]string, len(lanes))
		i := laneOf[e.Pid]
		cells[i] = what(e)
		colors[i] = eventColor(e.Kind)
		row(fmt.Sprintf("+%.3fs", e.At.Sub(start).Seconds()), cells, colors)
	}
	return b.String()
}

// eventColor is the ANSI colour of an event's cell.
func eventColor(k jobs.EventKind) string {
	switch k {
	case jobs.EvStarted:
		return "\x1b[32m" // green: born
	case jobs.EvStopped:
		return "\x1b[33m" // yellow: stopped
	case jobs.EvContinued, jobs.EvBackground:
		return "\x1b[36m"
	case jobs.EvExited, jobs.EvSignaled:
		return "\x1b[31m" // red: ended
	case jobs.EvForeground, jobs.EvTerminalBack:
		return "\x1b[35m" // magenta: the terminal changes hands
	}
	return ""
}
