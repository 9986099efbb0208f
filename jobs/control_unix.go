//go:build linux

package jobs

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Foreground continues a job in the foreground (fg), as the GNU libc
// manual's put_job_in_foreground does: print its command, restore its saved
// terminal modes, give it the terminal, mark it running before SIGCONT (or
// the wait would see the stale "stopped"), continue it, and wait for it.
func (t *Table) Foreground(j *Job) int {
	fmt.Fprintf(t.cfg.Stderr, "%s\n", j.text)

	t.mu.Lock()
	jc := t.jobControl
	wasStopped := j.state() == Stopped
	modes := j.tmodes
	j.foreground = true
	t.touch(j)
	t.mu.Unlock()

	if jc && j.pgid > 0 && t.cfg.TTY >= 0 {
		if modes != nil {
			t.tcsetattr(modes, Msg{En: "restore job %d's terminal modes", Ko: "작업 %d의 터미널 모드를 되돌린다"}.With(j.id))
		}
		t.tcsetpgrp(j.pgid)
		t.publish(Event{Kind: EvForeground, Job: j.id, Pgid: j.pgid, Text: j.text})
	}
	if wasStopped {
		t.continueJob(j)
	}
	return t.WaitForeground(j)
}

// Background continues a stopped job in the background (bg): mark it
// running, SIGCONT to its group, and print "[1]+ sleep 30 &".
func (t *Table) Background(j *Job) error {
	t.mu.Lock()
	if j.state() != Stopped {
		t.mu.Unlock()
		return fmt.Errorf("job %d already in background", j.id)
	}
	j.foreground = false
	t.mu.Unlock()

	t.continueJob(j)

	t.mu.Lock()
	t.touch(j)
	line := fmt.Sprintf("[%d]%c %s &\n", j.id, t.marker(j), j.text)
	if t.posix {
		line = fmt.Sprintf("[%d] %s &\n", j.id, j.text) // POSIX's form: no current-job mark
	}
	t.mu.Unlock()
	fmt.Fprint(t.cfg.Stderr, line)
	t.publish(Event{Kind: EvBackground, Job: j.id, Pgid: j.pgid, Text: j.text})
	return nil
}

// continueJob sends SIGCONT to j (Signal marks it running first).
func (t *Table) continueJob(j *Job) {
	t.Signal(j, unix.SIGCONT)
}

// markRunning marks the stopped processes of j running, before a SIGCONT is
// sent: otherwise a wait that starts before the reaper sees WIFCONTINUED
// would find the stale "stopped" and return at once. Call with t.mu held.
func (t *Table) markRunning(j *Job, only int) {
	for _, p := range j.procs {
		if p.state == Stopped && (only == 0 || p.pid == only) {
			p.state = Running
		}
	}
	if j.state() == Running {
		j.reported = Running
	}
	t.broadcast()
}

// Signal sends sig to a job: to its process group with job control, else to
// each of its unfinished processes. A SIGCONT marks the job running first.
func (t *Table) Signal(j *Job, sig syscall.Signal) error {
	t.mu.Lock()
	if sig == unix.SIGCONT {
		t.markRunning(j, 0)
	}
	pgid := j.pgid
	var pids []int
	for _, p := range j.procs {
		if p.pid > 0 && p.state != Done {
			pids = append(pids, p.pid)
		}
	}
	t.mu.Unlock()

	var err error
	if pgid > 0 {
		err = t.kill(-pgid, sig, j.id)
	} else {
		for _, pid := range pids {
			if e := t.kill(pid, sig, j.id); e != nil && err == nil {
				err = e
			}
		}
	}
	return err
}

// Kill sends sig to a pid (pid > 0) or a process group (pid < 0), for the
// kill builtin.
func (t *Table) Kill(pid int, sig syscall.Signal) error {
	id := 0
	target := pid
	if target < 0 {
		target = -target
	}
	t.mu.Lock()
	for _, j := range t.jobs {
		if pid < 0 && j.pgid == target {
			id = j.id
			if sig == unix.SIGCONT {
				t.markRunning(j, 0)
			}
		}
		for _, p := range j.procs {
			if pid > 0 && p.pid == target {
				id = j.id
				if sig == unix.SIGCONT {
					t.markRunning(j, target)
				}
			}
		}
	}
	t.mu.Unlock()
	return t.kill(pid, sig, id)
}

// kill sends a signal: run by the shell for fg, bg, kill and on hang-up.
// A negative pid names a process group, so every stage of a pipeline gets
// the signal at once, as Ctrl+Z and Ctrl+C do from the terminal.
func (t *Table) kill(pid int, sig syscall.Signal, job int) error {
	sent := time.Now()
	if pid == os.Getpid() && t.selfFatal != nil && t.selfFatal(sig) {
		// The shell died of sig, or will at its next step, as bash
		// would: Go's runtime answers a SIGSEGV, SIGBUS or SIGFPE sent
		// by a program with a dump of every goroutine, so the shell does
		// not send it (SetSelfFatal).
		return nil
	}
	// SIGSTOP to the shell itself (suspend, kill -STOP $$) stops the
	// process when one of its threads takes the signal, at a time the
	// kernel chooses: the shell went on meanwhile and drew its next prompt
	// before it stopped, 1 run in 7. So it waits here for the SIGCONT that
	// continues it, caught from before the kill (no SIGCONT can be missed).
	var cont chan os.Signal
	if sig == unix.SIGSTOP && targetsShell(pid) && SignalThreads() {
		cont = make(chan os.Signal, 1)
		signal.Notify(cont, unix.SIGCONT)
		defer signal.Stop(cont)
		t.trace.Shell(Msg{
			En: "rt_sigaction(SIGCONT, handler): the shell catches the SIGCONT that will continue it, and waits for it after stopping itself",
			Ko: "rt_sigaction(SIGCONT, handler): 셸이 자신을 다시 움직일 SIGCONT를 잡고, 스스로 멈춘 뒤 그것을 기다린다",
		})
	}
	err := unix.Kill(pid, sig)
	t.trace.Shell(Same("kill(%d, %s) = %s"), pid, SignalName(sig), errOrZero(err))
	if err == nil && cont != nil {
		<-cont
	}
	if err == nil && targetsShell(pid) {
		t.awaitCoreDeath(sig)
		if t.onSelf != nil {
			t.onSelf(sig)
		}
	}
	evs := []Event{{Kind: EvKill, Job: job, Pid: pid, Signal: sig, sent: sent}}
	if sig == unix.SIGCONT {
		evs = append(evs, Event{Kind: EvSIGCONT, Job: job, Pid: pid, Signal: sig, sent: sent})
	}
	if pid < 0 {
		evs[0].Pgid = -pid
	}
	t.publish(evs...)
	return err
}

// Disown removes a job from the table (disown); its processes are still
// reaped, silently. keep=true (disown -h) leaves it in the table but
// HangUp will not send it SIGHUP.
func (t *Table) Disown(j *Job, keep bool) {
	t.mu.Lock()
	if keep {
		j.nohup = true
	} else {
		j.disowned = true
		t.remove(j)
	}
	t.broadcast()
	t.mu.Unlock()
	t.publish(Event{Kind: EvDisowned, Job: j.id, Pgid: j.pgid, Text: j.text})
}

// HangUp sends SIGHUP to every job that is not disowned and not marked by
// disown -h, and SIGCONT to those stopped so they can act on it: run by the
// shell when it exits or its terminal hangs up.
func (t *Table) HangUp() {
	t.mu.Lock()
	var targets []*Job
	var stopped []bool
	for _, j := range t.jobs {
		if j.nohup || j.disowned || j.state() == Done {
			continue
		}
		targets = append(targets, j)
		stopped = append(stopped, j.state() == Stopped)
	}
	t.mu.Unlock()
	for i, j := range targets {
		t.trace.Shell(Msg{
			En: "hang-up: job %d gets SIGHUP",
			Ko: "행업(hang-up): 작업 %d에 SIGHUP을 보낸다",
		}, j.id)
		t.Signal(j, unix.SIGHUP)
		if stopped[i] {
			t.Signal(j, unix.SIGCONT)
		}
		t.publish(Event{Kind: EvHangup, Job: j.id, Pgid: j.pgid, Text: j.text})
	}
}
