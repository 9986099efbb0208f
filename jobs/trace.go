package jobs

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
)

// Tracer narrates the system-call steps of job control, one line per step:
//
//	trace· shell: pipe() = [3 4]
//	trace· child 4242: dup2(4, 1)
//
// "shell" lines are steps the shell process itself ran; "child N" lines are
// steps that ran inside child N between fork and exec (Go's ForkExec runs them
// for us, so the shell narrates them once it knows N). The zero Tracer is off,
// and a Tracer that is off costs one atomic load per call site.
type Tracer struct {
	on atomic.Bool

	mu              sync.Mutex
	w               io.Writer
	color           bool
	explainedFork   bool // the clone(CLONE_VFORK|CLONE_VM) note is said once
	explainedReaper bool
}

// On reports whether tracing is on. Callers that build expensive arguments
// check it first.
func (tr *Tracer) On() bool { return tr != nil && tr.on.Load() }

// SetOutput sends the trace to w (dimmed with ANSI escapes when color is
// true). A nil w turns tracing off.
func (tr *Tracer) SetOutput(w io.Writer, color bool) {
	tr.mu.Lock()
	tr.w = w
	tr.color = color
	tr.on.Store(w != nil)
	tr.mu.Unlock()
}

// Shell narrates a step the shell process ran.
func (tr *Tracer) Shell(format string, args ...any) {
	if !tr.On() {
		return
	}
	tr.line("shell", fmt.Sprintf(format, args...))
}

// Child narrates a step that child pid ran before its execve (pid 0: the pid
// is not known yet, for example because the fork itself failed).
func (tr *Tracer) Child(pid int, format string, args ...any) {
	if !tr.On() {
		return
	}
	who := "child"
	if pid > 0 {
		who = fmt.Sprintf("child %d", pid)
	}
	tr.line(who, fmt.Sprintf(format, args...))
}

// line writes one complete line under the lock, so lines from the reaper and
// from the shell never interleave.
func (tr *Tracer) line(who, text string) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.w == nil {
		return
	}
	var b strings.Builder
	if tr.color {
		b.WriteString("\x1b[2m")
	}
	b.WriteString("trace· ")
	b.WriteString(who)
	b.WriteString(": ")
	b.WriteString(ShowText(text)) // a file or command name never reaches the terminal raw
	if tr.color {
		b.WriteString("\x1b[0m")
	}
	b.WriteString("\n")
	io.WriteString(tr.w, b.String())
}

// firstFork reports true exactly once per Tracer, for the one-time note on
// how Go creates children.
func (tr *Tracer) firstFork() bool { return tr.once(&tr.explainedFork) }

// firstReap reports true exactly once per Tracer, for the one-time note on
// how the reaper works.
func (tr *Tracer) firstReap() bool { return tr.once(&tr.explainedReaper) }

// once reports whether *said was false, and sets it: a note is said once.
func (tr *Tracer) once(said *bool) bool {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	first := !*said
	*said = true
	return first
}
