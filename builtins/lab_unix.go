//go:build linux

package builtins

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// procSampler watches the shell's descendants in /proc while a lab is
// active, for what the job table cannot report: a zombie that a helper
// program left unreaped, a process whose parent changed (an orphan), a
// process that ignores SIGHUP and survives one. It samples every
// sampleEvery from a goroutine that runs only while a lab is active.

const (
	sampleEvery = 200 * time.Millisecond
	// survivalDelay is how long a process must outlive a SIGHUP sent to it
	// to count as having survived it.
	survivalDelay = 500 * time.Millisecond
)

// tracked is what the sampler remembers of one process.
type tracked struct {
	ppid, pgid int
	state      byte
	comm       string
	parent     string // the original parent's comm (or "shell")
	hupIgnored bool
	orphaned   bool
	noTTY      bool // seen without a controlling terminal (after setsid)
}

// hupKill is a SIGHUP the shell sent: to a pid (> 0) or a group (< 0).
type hupKill struct {
	target int
	at     time.Time
}

type procSampler struct {
	run  *labRun
	self int

	mu       sync.Mutex
	procs    map[int]*tracked
	hups     []hupKill
	quit     chan struct{}
	finished chan struct{}
}

func newProcSampler(r *labRun) *procSampler {
	return &procSampler{run: r, self: os.Getpid(), procs: map[int]*tracked{}}
}

// start runs the sampling goroutine.
func (s *procSampler) start() {
	s.quit = make(chan struct{})
	s.finished = make(chan struct{})
	go func() {
		defer close(s.finished)
		tick := time.NewTicker(sampleEvery)
		defer tick.Stop()
		for {
			s.sample()
			select {
			case <-s.quit:
				return
			case <-tick.C:
			}
		}
	}()
}

// stop ends the goroutine and waits for it.
func (s *procSampler) stop() {
	if s.quit == nil {
		return
	}
	close(s.quit)
	<-s.finished
	s.quit = nil
}

// hupSent records a SIGHUP the shell sent (kill(pid) or kill(-pgid)).
func (s *procSampler) hupSent(pid int) {
	s.mu.Lock()
	s.hups = append(s.hups, hupKill{target: pid, at: time.Now()})
	s.mu.Unlock()
}

// zombieNow reports whether a descendant of the shell is a zombie now. The
// shell's own children are left out: the reaper collects them at once, so
// one of them is a zombie only for the instant before it is reaped.
func (s *procSampler) zombieNow() bool {
	for _, pid := range descendants(s.self) {
		if p, err := readProc(pid); err == nil && p.State == 'Z' && p.PPid != s.self {
			return true
		}
	}
	return false
}

// sample reads the descendants and the processes seen before, and turns
// the differences into observations.
func (s *procSampler) sample() {
	var obs []observation
	now := time.Now()
	current := map[int]*procInfo{}
	for _, pid := range descendants(s.self) {
		if p, err := readProc(pid); err == nil {
			current[pid] = p
		}
	}
	s.mu.Lock()
	// Processes seen before that are no longer below the shell: gone,
	// or alive with a new parent.
	for pid, t := range s.procs {
		if _, ok := current[pid]; ok {
			continue
		}
		p, err := readProc(pid)
		if err != nil {
			if t.state == 'Z' {
				obs = append(obs, procObservation("reaped", t.comm, t.parent, t.state))
			} else {
				obs = append(obs, procObservation("gone", t.comm, t.parent, t.state),
					procObservation("ended", t.comm, t.parent, t.state))
			}
			delete(s.procs, pid)
			continue
		}
		s.checkAlive(pid, t, p, now, &obs)
	}
	for pid, p := range current {
		t, seen := s.procs[pid]
		if !seen {
			t = &tracked{ppid: p.PPid, pgid: p.Pgid}
			s.procs[pid] = t
		}
		if p.PPid == t.ppid {
			// The same parent, whose name may have changed with an execve;
			// after an orphaning the original parent's name is kept.
			t.parent = s.parentName(p.PPid, current)
		}
		s.checkAlive(pid, t, p, now, &obs)
	}
	s.mu.Unlock()
	for _, o := range obs {
		s.run.observe(o)
	}
}

// checkAlive compares a living process with what was known of it.
// Call with s.mu held.
func (s *procSampler) checkAlive(pid int, t *tracked, p *procInfo, now time.Time, obs *[]observation) {
	if p.State != t.state {
		if p.State == 'Z' && t.state != 0 {
			// It died; its parent (maybe a new one) has not collected it yet.
			*obs = append(*obs, procObservation("ended", p.Comm, t.parent, p.State))
		}
		t.state = p.State
		*obs = append(*obs, procObservation("state", p.Comm, t.parent, p.State))
	}
	if p.Comm != t.comm {
		t.comm = p.Comm
		t.hupIgnored = false // a new program: look at its signals again
	}
	if !t.hupIgnored && sighupIgnored(pid) {
		t.hupIgnored = true
		*obs = append(*obs, procObservation("hup-ignored", p.Comm, t.parent, p.State))
	}
	if !t.noTTY && p.TtyNr == 0 && p.State != 'Z' {
		t.noTTY = true
		*obs = append(*obs, procObservation("no-tty", p.Comm, t.parent, p.State))
	}
	if !t.orphaned && p.PPid != t.ppid {
		t.orphaned = true
		o := procObservation("orphan", p.Comm, t.parent, p.State)
		o.attrs["ppid"] = strconv.Itoa(p.PPid)
		*obs = append(*obs, o)
	}
	// A survivor is reported at every sample, not once: the SIGHUP may have
	// been sent during an earlier step than the one that asks about it.
	if t.hupIgnored && p.State != 'Z' {
		for _, h := range s.hups {
			hit := h.target == pid || h.target < 0 && -h.target == p.Pgid
			if hit && now.Sub(h.at) >= survivalDelay {
				*obs = append(*obs, procObservation("survived-hup", p.Comm, t.parent, p.State))
				break
			}
		}
	}
}

func procObservation(kind, comm, parent string, state byte) observation {
	o := observation{subject: "proc", kind: kind, attrs: map[string]string{"cmd": comm}}
	if parent != "" {
		o.attrs["parent"] = parent
	}
	if state != 0 {
		o.attrs["state"] = string(state)
	}
	return o
}

// parentName names the parent for "parent=" checks: "shell" for the shell
// running the lab, else the parent's command name (comm).
func (s *procSampler) parentName(ppid int, current map[int]*procInfo) string {
	if ppid == s.self {
		return "shell"
	}
	if p, ok := current[ppid]; ok {
		return p.Comm
	}
	if p, err := readProc(ppid); err == nil {
		return p.Comm
	}
	return ""
}

// sighupIgnored reads the SigIgn mask in /proc/PID/status: bit N-1 is set
// when signal N is ignored, and SIGHUP is signal 1.
func sighupIgnored(pid int) bool {
	data, err := os.ReadFile(filepath.Join(procRoot, strconv.Itoa(pid), "status"))
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "SigIgn:"); ok {
			mask, err := strconv.ParseUint(strings.TrimSpace(rest), 16, 64)
			return err == nil && mask&1 != 0
		}
	}
	return false
}
