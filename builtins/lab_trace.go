package builtins

import (
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"gosh/jobs/lazy"
)

// traceWatcher turns the trace's narration of a child's fd steps into one
// observation per child, made when its execve is narrated:
//
//	trace fds cmd=ls same12=no safe-copy=yes
//
// same12: fds 1 and 2 of the program are one open file (>f 2>&1);
// safe-copy: ForkExec had to copy a descriptor out of the way first, as it
// does for 2>&1 >f (a copy of 1 for fd 2). It is fed the trace's lines
// (jobs.Tracer.Listen), so a lab checks what the trace said.
type traceWatcher struct {
	mu       sync.Mutex
	children map[string]*childFds
}

// childFds is what one child's narrated steps did so far.
type childFds struct {
	src      map[int]int // fd of the program → the shell's fd it is a copy of
	copyOf   map[int]int // a safe copy's number → the fd it copies
	safeCopy bool
}

// The patterns of the narrated lines a lab watches for, compiled when a lab
// first watches the trace, not at every gosh start (issue 9, speed).
var (
	dup3ReValue = lazy.Value[*regexp.Regexp]{Build: func() *regexp.Regexp {
		return regexp.MustCompile(`^dup3\((\d+), (\d+), (0|O_CLOEXEC)\)`)
	}}
	fcntlReValue = lazy.Value[*regexp.Regexp]{Build: func() *regexp.Regexp {
		return regexp.MustCompile(`^fcntl\((\d+), F_SETFD, 0\)`)
	}}
	execveReValue = lazy.Value[*regexp.Regexp]{Build: func() *regexp.Regexp {
		return regexp.MustCompile(`^execve\("([^"]*)"`)
	}}
)

func dup3Re() *regexp.Regexp   { return dup3ReValue.Get() }
func fcntlRe() *regexp.Regexp  { return fcntlReValue.Get() }
func execveRe() *regexp.Regexp { return execveReValue.Get() }

func newTraceWatcher() *traceWatcher { return &traceWatcher{children: map[string]*childFds{}} }

// line takes one narrated line; it returns an observation when a child's
// steps are complete.
func (w *traceWatcher) line(who, text string) (observation, bool) {
	if !strings.HasPrefix(who, "child ") {
		return observation{}, false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.children[who]
	if c == nil {
		c = &childFds{src: map[int]int{}, copyOf: map[int]int{}}
		w.children[who] = c
	}
	if m := dup3Re().FindStringSubmatch(text); m != nil {
		from, _ := strconv.Atoi(m[1])
		to, _ := strconv.Atoi(m[2])
		if orig, ok := c.copyOf[from]; ok {
			from = orig
		}
		if m[3] == "O_CLOEXEC" {
			c.copyOf[to] = from
			if !strings.Contains(text, "error pipe") {
				c.safeCopy = true
			}
		} else {
			c.src[to] = from
		}
		return observation{}, false
	}
	if m := fcntlRe().FindStringSubmatch(text); m != nil {
		n, _ := strconv.Atoi(m[1])
		c.src[n] = n
		return observation{}, false
	}
	m := execveRe().FindStringSubmatch(text)
	if m == nil {
		return observation{}, false
	}
	delete(w.children, who)
	s1, ok1 := c.src[1]
	s2, ok2 := c.src[2]
	return observation{subject: "trace", kind: "fds", attrs: map[string]string{
		"cmd":       path.Base(m[1]),
		"same12":    yesNo(ok1 && ok2 && s1 == s2),
		"safe-copy": yesNo(c.safeCopy),
	}}, true
}
