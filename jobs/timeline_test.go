package jobs

import (
	"testing"

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
