package jobs

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func TestTimelineKeepsLastJobs(t *testing.T) {
	var tl timeline
	run := func(job, pid int) {
		tl.add(Event{Kind: EvStarted, Job: job, Pid: pid, Pgid: pid, Text: "sleep 1"})
		tl.add(Event{Kind: EvKill, Job: job, Pid: -pid, Signal: unix.SIGCONT})
		tl.add(Event{Kind: EvSIGCONT, Job: job, Pid: -pid, Signal: unix.SIGCONT})
		tl.add(Event{Kind: EvExited, Job: job, Pid: pid, Status: 0})
	}
	for i := 0; i < timelineJobs+2; i++ {
		run(1, 100+i) // the number 1 reused by every job
	}
	if len(tl.jobs) != timelineJobs {
		t.Fatalf("%d timelines kept, want %d", len(tl.jobs), timelineJobs)
	}
	jt := tl.jobs[len(tl.jobs)-1]
	if len(jt.Pids) != 1 || jt.Pids[0] != 100+timelineJobs+1 {
		t.Errorf("the last job's pids %v", jt.Pids)
	}
	var whats []string
	for _, e := range jt.Events {
		whats = append(whats, e.What)
	}
	want := []string{"fork+exec; setpgid(0, 0): new group 111", "kill(-111, SIGCONT) sent", "exit 0; reaped (wait4)"}
	if len(whats) != len(want) {
		t.Fatalf("events %q, want %q", whats, want)
	}
	for i := range want {
		if whats[i] != want[i] {
			t.Errorf("event %d: %q, want %q", i, whats[i], want[i])
		}
	}
	if jt.Events[1].Pid != 0 {
		t.Errorf("a kill to the group is in lane %d, not the shell's", jt.Events[1].Pid)
	}
}

// The reaper may tell a continue before kill(2) has returned to the shell,
// which then publishes the kill: the timeline puts the kill first, told
// once, and in Korean too.
func TestTimelineKillBeforeItsContinue(t *testing.T) {
	var tl timeline
	tl.add(Event{Kind: EvStarted, Job: 1, Pid: 200, Pgid: 200, Text: "sleep 30"})
	tl.add(Event{Kind: EvStopped, Job: 1, Pid: 200, Signal: unix.SIGTSTP})
	tl.add(Event{Kind: EvContinued, Job: 1, Pid: 200})
	tl.add(Event{Kind: EvKill, Job: 1, Pid: -200, Signal: unix.SIGCONT})
	tl.add(Event{Kind: EvSIGCONT, Job: 1, Pid: -200, Signal: unix.SIGCONT})
	tl.add(Event{Kind: EvSignaled, Job: 1, Pid: 200, Signal: unix.SIGINT, Status: 130})
	jt := tl.jobs[0]
	var whats, kos []string
	for i, e := range jt.Events {
		whats = append(whats, e.What)
		kos = append(kos, e.Words.In("ko"))
		if i > 0 && e.At.Before(jt.Events[i-1].At) {
			t.Errorf("event %d goes back in time", i)
		}
	}
	want := []string{"fork+exec; setpgid(0, 0): new group 200", "stopped by SIGTSTP", "kill(-200, SIGCONT) sent",
		"continued (SIGCONT)", "killed by SIGINT (130); reaped (wait4)"}
	if strings.Join(whats, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(whats, "\n"), strings.Join(want, "\n"))
	}
	if kos[2] != "kill(-200, SIGCONT) 보냄" || kos[3] != "계속됨 (SIGCONT)" {
		t.Errorf("Korean events: %q", kos)
	}
}

// kill -STOP %1 (or -TERM) to a pipeline: the reaper may tell the stops
// (or deaths) before kill(2) has returned to the shell, which then
// publishes the kill. The timeline puts the kill first, at the time it
// was sent, and a SIGCONT's own event is still told once.
func TestTimelineKillBeforeWhatItCaused(t *testing.T) {
	var tl timeline
	tl.add(Event{Kind: EvStarted, Job: 1, Pid: 300, Pgid: 300, Text: "sleep 60"})
	tl.add(Event{Kind: EvStarted, Job: 1, Pid: 301, Pgid: 300, Text: "cat"})
	stop := time.Now()
	tl.add(Event{Kind: EvStopped, Job: 1, Pid: 300, Signal: unix.SIGSTOP, Status: 147})
	tl.add(Event{Kind: EvStopped, Job: 1, Pid: 301, Signal: unix.SIGSTOP, Status: 147})
	tl.add(Event{Kind: EvKill, Job: 1, Pid: -300, Signal: unix.SIGSTOP, sent: stop})
	cont := time.Now()
	tl.add(Event{Kind: EvContinued, Job: 1, Pid: 300})
	tl.add(Event{Kind: EvSignaled, Job: 1, Pid: 301, Signal: unix.SIGTERM, Status: 143})
	tl.add(Event{Kind: EvKill, Job: 1, Pid: -300, Signal: unix.SIGCONT, sent: cont})
	tl.add(Event{Kind: EvSIGCONT, Job: 1, Pid: -300, Signal: unix.SIGCONT, sent: cont})
	jt := tl.jobs[0]
	var whats []string
	for i, e := range jt.Events {
		whats = append(whats, e.What)
		if i > 0 && e.At.Before(jt.Events[i-1].At) {
			t.Errorf("event %d goes back in time", i)
		}
	}
	want := []string{
		"fork+exec; setpgid(0, 0): new group 300", "fork+exec; setpgid(0, 300): joins group 300",
		"kill(-300, SIGSTOP) sent", "stopped by SIGSTOP", "stopped by SIGSTOP",
		"kill(-300, SIGCONT) sent", "continued (SIGCONT)", "killed by SIGTERM (143); reaped (wait4)",
	}
	if strings.Join(whats, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(whats, "\n"), strings.Join(want, "\n"))
	}
}
