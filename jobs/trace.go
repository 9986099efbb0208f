package jobs

import (
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

// Tracer narrates the system-call steps of job control, one line per step,
// each line naming the process that makes the step:
//
//	trace· shell 4200: pipe() = [3 4]
//	trace· child 4242: dup3(4, 1, 0)
//	trace· child gosh 4243 (cat <f &): open("f", O_RDONLY|O_CLOEXEC) = 10
//
// Every line is in the language SetLang chose; each text is a Msg, which
// holds the English and the Korean side by side.
//
// "shell N" lines are steps the shell process N itself ran; "child N" lines
// are steps that ran inside child N between clone and execve (Go's ForkExec
// runs them for us, so the shell narrates them once it knows N); "child gosh
// N" lines come from a child gosh (a subshell, a background job, a stage
// that needs a process of its own), which narrates its own steps through the
// same channel (SetSelf). The zero Tracer is off, and a Tracer that is off
// costs one atomic load per call site.
type Tracer struct {
	on atomic.Bool

	mu              sync.Mutex
	w               io.Writer
	fd              int // the descriptor w writes to, -1 when w is no descriptor (SetOutputFd)
	self            Msg // who "Shell" lines name; zero = "shell PID"
	gate            int // > 0: wait until it reads end-of-file before the first line (SetGate)
	listeners       []func(who, text string)
	lang            string // "ko": every line in Korean (Msg.Ko), else English
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
	tr.fd = -1
	tr.color = color
	tr.on.Store(w != nil)
	tr.mu.Unlock()
}

// SetOutputFd sends the trace to descriptor fd, as SetOutput does; Fd
// then reports fd, so that a child gosh can be handed the same channel.
func (tr *Tracer) SetOutputFd(fd int, color bool) {
	tr.SetOutput(FdWriter(fd), color)
	tr.mu.Lock()
	tr.fd = fd
	tr.mu.Unlock()
}

// Fd is the descriptor the trace goes to, or -1 when it is off or goes to
// something that is not a descriptor.
func (tr *Tracer) Fd() int {
	if !tr.On() {
		return -1
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.fd
}

// SetSelf names the process whose own steps Shell narrates, as in
// "child gosh 4243, runs: false"; the zero Msg (the default) is "shell PID".
func (tr *Tracer) SetSelf(name Msg) {
	tr.mu.Lock()
	tr.self = name
	tr.mu.Unlock()
}

// Listen calls fn with every line narrated from now on (who: "child 4242",
// "shell 4200", ...; text: the step), after it is written: a lab checks
// what the trace said. fn runs on the narrating goroutine and must not
// narrate.
func (tr *Tracer) Listen(fn func(who, text string)) {
	tr.mu.Lock()
	tr.listeners = append(tr.listeners, fn)
	tr.mu.Unlock()
}

// SetLang sets the language of the trace ("en", "ko"): the shell sets it
// from its one language decision (Shell.Lang in package shell).
func (tr *Tracer) SetLang(lang string) {
	tr.mu.Lock()
	tr.lang = lang
	tr.mu.Unlock()
}

// Lang is the language of the trace.
func (tr *Tracer) Lang() string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.lang == "" {
		return "en"
	}
	return tr.lang
}

// SetGate holds the first line until descriptor fd reads end-of-file (or
// a second has passed), then closes fd: a child gosh's trace waits so for
// the parent shell to have narrated the child's start.
func (tr *Tracer) SetGate(fd int) {
	tr.mu.Lock()
	tr.gate = fd
	tr.mu.Unlock()
}

// Shell narrates a step the shell process ran (this process: see SetSelf),
// in the tracer's language.
func (tr *Tracer) Shell(m Msg, args ...any) {
	if !tr.On() {
		return
	}
	tr.line(Msg{}, m, args)
}

// Child narrates a step that child pid ran before its execve (pid 0: the pid
// is not known yet, for example because the fork itself failed).
func (tr *Tracer) Child(pid int, m Msg, args ...any) {
	if !tr.On() {
		return
	}
	who := Msg{En: "child", Ko: "자식"}
	if pid > 0 {
		who = Msg{En: "child %d", Ko: "자식 %d"}.With(pid)
	}
	tr.line(who, m, args)
}

// line writes one complete line under the lock, so lines from the reaper and
// from the shell never interleave. The line is in the tracer's language;
// listeners are told it in English, whatever the language (a lab reads
// the trace's words, not the student's language).
func (tr *Tracer) line(who, m Msg, args []any) {
	tr.mu.Lock()
	if tr.w == nil {
		tr.mu.Unlock()
		return
	}
	if tr.gate > 0 {
		waitGate(tr.gate)
		tr.gate = 0
	}
	if who == (Msg{}) {
		who = tr.self
		if who == (Msg{}) {
			who = Msg{En: "shell %d", Ko: "셸 %d"}.With(os.Getpid())
		}
	}
	lang := tr.lang
	text := m.Format(lang, args...)
	var b strings.Builder
	if tr.color {
		b.WriteString("\x1b[2m")
	}
	b.WriteString("trace· ")
	b.WriteString(who.In(lang))
	b.WriteString(": ")
	b.WriteString(ShowText(text)) // a file or command name never reaches the terminal raw
	if tr.color {
		b.WriteString("\x1b[0m")
	}
	b.WriteString("\n")
	io.WriteString(tr.w, b.String())
	listeners := tr.listeners
	tr.mu.Unlock()
	if len(listeners) == 0 {
		return
	}
	if lang == "ko" {
		text = m.Format("en", args...)
	}
	for _, fn := range listeners {
		fn(who.In("en"), text)
	}
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
