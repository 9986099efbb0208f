package jobs

import "context"

// WaitJobDone is wait -f JOB: like WaitJob, except that a stop does not
// end the wait; only the job finishing does. If ctx is cancelled first it
// returns 128+SIGINT.
func (t *Table) WaitJobDone(ctx context.Context, j *Job) int {
	defer t.notifyAfterWait() // after the unlock below
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.own(j) {
		return 127 // a job a copy only lists (Sub): not its child
	}
	if !t.waitLocked(ctx, func() bool { return j.state() == Done }) {
		return interrupted
	}
	t.collected(j)
	return j.status()
}

// WaitPidDone is wait -f PID: like WaitPid, except that the job of the
// process stopping does not end the wait.
func (t *Table) WaitPidDone(ctx context.Context, pid int) (status int, ok bool) {
	t.mu.Lock()
	p, j := t.findProcess(pid)
	t.mu.Unlock()
	if p == nil {
		return t.WaitPid(ctx, pid) // a remembered status, or unknown
	}
	defer t.notifyAfterWait() // after the unlock below
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.waitLocked(ctx, func() bool { return p.state == Done }) {
		return interrupted, true
	}
	if j.state() == Done {
		t.collected(j)
	}
	return p.status(), true
}
