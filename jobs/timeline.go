package jobs

import (
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// timelineJobs is how many jobs' events the table keeps for timeline.
const timelineJobs = 10

// TimelineEvent is one thing the shell saw happen to a job: Pid is the
// process it concerns, 0 for the job as a whole (the terminal handoff).
type TimelineEvent struct {
	At    time.Time
	Pid   int
	What  string    // Words in English
	Words Msg       // what happened, in both languages
	Kind  EventKind // EvStarted ... ; -1 for the terminal coming back to the shell
}

// JobTimeline is the life of one job as the shell saw it: its processes
// (real pids, in the order they were started) and its events in order.
type JobTimeline struct {
	Job    int
	Text   string
	Pgid   int
	Pids   []int
	Events []TimelineEvent
}

// timeline keeps the events of the last timelineJobs jobs. The table feeds
// it every event it publishes (and the terminal coming back, which is no
// event for subscribers).
type timeline struct {
	mu   sync.Mutex
	jobs []*JobTimeline // oldest first
}

// EvTerminalBack marks, in a timeline, the shell taking the terminal back
// from a job (tcsetpgrp to the shell's group).
const EvTerminalBack EventKind = -1

func (tl *timeline) current(job int) *JobTimeline {
	for i := len(tl.jobs) - 1; i >= 0; i-- {
		if tl.jobs[i].Job == job {
			return tl.jobs[i]
		}
	}
	return nil
}

// add records one event.
func (tl *timeline) add(ev Event) {
	if ev.Job == 0 {
		return
	}
	tl.mu.Lock()
	defer tl.mu.Unlock()
	jt := tl.current(ev.Job)
	if ev.Kind == EvStarted && (jt == nil || jt.finished() && !jt.has(ev.Pid)) {
		// A new job (job numbers are reused once a job is gone).
		jt = &JobTimeline{Job: ev.Job, Text: ev.Text, Pgid: ev.Pgid}
		tl.jobs = append(tl.jobs, jt)
		if len(tl.jobs) > timelineJobs {
			tl.jobs = tl.jobs[1:]
		}
	}
	if jt == nil {
		return
	}
	if ev.Kind == EvStarted && !jt.has(ev.Pid) {
		jt.Pids = append(jt.Pids, ev.Pid)
		if len(jt.Pids) > 1 {
			jt.Text += " | " + ev.Text
		}
	}
	if ev.Kind == EvSIGCONT {
		i := len(jt.Events) - 1
		for i >= 0 && (jt.Events[i].Kind == EvContinued || !ev.sent.IsZero() && jt.Events[i].At.After(ev.sent)) {
			i--
		}
		if i >= 0 && jt.Events[i].Kind == EvKill && strings.Contains(jt.Events[i].What, "SIGCONT") {
			return // the same kill(2), told once
		}
	}
	what := eventWords(ev, jt.Pgid)
	if what == (Msg{}) {
		return
	}
	pid := ev.Pid
	if pid < 0 || !jt.has(pid) {
		pid = 0 // the job as a whole: the shell's lane
	}
	e := TimelineEvent{At: time.Now(), Pid: pid, What: what.In("en"), Words: what, Kind: ev.Kind}
	at := len(jt.Events)
	switch {
	case ev.Kind == EvKill && !ev.sent.IsZero():
		// kill(2) returns once the kernel has delivered the signal, and
		// the reaper may have told what it did first (a stop, a death, a
		// continue): the kill goes before everything seen after it was
		// sent, at the time it was sent.
		e.At = ev.sent
		for at > 0 && jt.Events[at-1].At.After(ev.sent) {
			at--
		}
	case ev.Kind == EvKill && ev.Signal == unix.SIGCONT:
		// kill(2) returns once the kernel has continued the processes,
		// and the reaper may have told their continue first: the kill
		// goes before the continues it caused, at the time of the first.
		for at > 0 && jt.Events[at-1].Kind == EvContinued {
			at--
		}
		if at < len(jt.Events) {
			e.At = jt.Events[at].At
		}
	}
	jt.Events = slices.Insert(jt.Events, at, e)
}

// terminalBack records the shell taking the terminal back from job.
func (tl *timeline) terminalBack(job, shellPgid int, why Msg) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	if jt := tl.current(job); jt != nil {
		what := Msg{En: "tcsetpgrp → shell (%d): %s", Ko: "tcsetpgrp → 셸 (%d): %s"}.With(shellPgid, why)
		jt.Events = append(jt.Events, TimelineEvent{At: time.Now(), What: what.In("en"), Words: what, Kind: EvTerminalBack})
	}
}

func (jt *JobTimeline) has(pid int) bool {
	for _, p := range jt.Pids {
		if p == pid {
			return true
		}
	}
	return false
}

// finished reports whether every process of the job has exited or died.
func (jt *JobTimeline) finished() bool {
	done := map[int]bool{}
	for _, e := range jt.Events {
		if e.Kind == EvExited || e.Kind == EvSignaled {
			done[e.Pid] = true
		}
	}
	for _, p := range jt.Pids {
		if !done[p] {
			return false
		}
	}
	return len(jt.Pids) > 0
}

// eventWords says what an event was, for a lane; the zero Msg for an
// event a lane does not show.
func eventWords(ev Event, pgid int) Msg {
	switch ev.Kind {
	case EvStarted:
		switch {
		case ev.Pgid == ev.Pid:
			return Msg{En: "fork+exec; setpgid(0, 0): new group %d", Ko: "fork+exec; setpgid(0, 0): 새 그룹 %d"}.With(ev.Pgid)
		case ev.Pgid > 0:
			return Msg{En: "fork+exec; setpgid(0, %d): joins group %d", Ko: "fork+exec; setpgid(0, %d): 그룹 %d에 들어감"}.With(ev.Pgid, ev.Pgid)
		}
		return Msg{En: "fork+exec (the shell's group: no job control)", Ko: "fork+exec (셸의 그룹: 작업 제어 없음)"}
	case EvForeground:
		return Msg{En: "tcsetpgrp → job (group %d)", Ko: "tcsetpgrp → 작업 (그룹 %d)"}.With(ev.Pgid)
	case EvStopped:
		return Msg{En: "stopped by %s", Ko: "%s로 정지"}.With(SignalName(ev.Signal))
	case EvContinued:
		return Msg{En: "continued (SIGCONT)", Ko: "계속됨 (SIGCONT)"}
	case EvExited:
		return Msg{En: "exit %d; reaped (wait4)", Ko: "종료 %d; 수거됨 (wait4)"}.With(ev.Status)
	case EvSignaled:
		return Msg{En: "killed by %s (%d); reaped (wait4)", Ko: "%s로 죽음 (%d); 수거됨 (wait4)"}.With(SignalName(ev.Signal), ev.Status)
	case EvBackground:
		return Msg{En: "bg: continues in the background", Ko: "bg: 백그라운드에서 계속"}
	case EvSIGCONT, EvKill:
		sig := ev.Signal
		if ev.Kind == EvSIGCONT {
			sig = unix.SIGCONT
		}
		return Msg{En: "kill(%d, %s) sent", Ko: "kill(%d, %s) 보냄"}.With(ev.Pid, SignalName(sig))
	case EvHangup:
		return Msg{En: "SIGHUP: the shell is exiting", Ko: "SIGHUP: 셸이 끝나는 중"}
	case EvDisowned:
		return Msg{En: "disowned", Ko: "disown됨"}
	}
	return Msg{}
}

// Timeline returns a copy of job's timeline (0: the most recent job), if
// the table still keeps it. A foreground job that is running is left out:
// when timeline is asked while one runs, it is a stage of that very job
// (timeline | less, run by a copy of the shell), which is not the job the
// user means, even when it took a job number that is reused.
func (t *Table) Timeline(job int) (JobTimeline, bool) {
	own := t.runningForeground()
	t.timeline.mu.Lock()
	defer t.timeline.mu.Unlock()
	var jt *JobTimeline
	for i := len(t.timeline.jobs) - 1; i >= 0; i-- {
		c := t.timeline.jobs[i]
		if (job == 0 || c.Job == job) && (c.Job != own || c.finished()) {
			jt = c
			break
		}
	}
	if jt == nil {
		return JobTimeline{}, false
	}
	c := *jt
	c.Pids = append([]int(nil), jt.Pids...)
	c.Events = append([]TimelineEvent(nil), jt.Events...)
	return c, true
}

// runningForeground is the number of the foreground job the shell is
// waiting for, 0 if none (the job jobs does not list). For a copy's table
// (Sub), the one its shell, or that shell's shell, waits for: the
// pipeline the copy is a stage of.
func (t *Table) runningForeground() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	for s := t; s != nil; s = s.parent {
		for _, j := range s.jobs {
			if j.waitedInForeground() {
				return j.id
			}
		}
	}
	return 0
}
