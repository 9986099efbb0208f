//go:build linux

package builtins

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"gosh/jobs"
	"gosh/jobs/lazy"
)

// Guided labs. A lab is a list of steps; each step has a text for the
// student (in English and Korean) and one or more checks. A check names
// something gosh must really observe: an event of the job table (a process
// stopped by SIGTSTP, SIGCONT sent by bg), a builtin being run, a process
// state sampled from /proc (a zombie appeared, a process was orphaned), or
// a fact derived from events (three processes shared one process group).
// What the student typed is never looked at.
//
// Only the current step is checked: an observation that would satisfy a
// later step does not tick it. A step is done when each of its checks has
// been observed since the step became current.
//
// Labs are data files (builtins/labs/*.lab, embedded; or any file given to
// `lab load`). builtins/labs/README.md documents the format.

//go:embed labs/*.lab
var labFiles embed.FS

var labBuiltins = []*Builtin{
	{
		Name:     "lab",
		Synopsis: "lab list | start NAME | status | report [FILE] | reset | stop | load FILE  [--lang en|ko]",
		Summary:  "Guided labs checked against what gosh really observes.",
		Help: `Practise job control, pipes, signals, zombies and sessions in guided
steps. gosh checks each step from what it really observes (job table
events, builtins run, process states in /proc), never from what you type,
and prints "✔ lab: step N done" on standard error as it happens.
  lab list        list the labs
  lab start NAME  start a lab at its first step
  lab status      show the steps, which are done, and what to do next
  lab report [FILE]  write a Markdown transcript of the run (steps, what
                  was observed, how long each took) to FILE, a new file
                  (never overwritten); default gosh-lab-NAME-TIME.md
  lab reset       start the current lab again from its first step
  lab stop        stop the current lab
  lab load FILE   load a lab file (format: builtins/labs/README.md)
--lang en|ko  the language of the texts (default: set -o lang, else
    LC_ALL, LC_MESSAGES, LANG)
The labs use small helper programs (zombie, orphan, intignore, spin,
waitstatus, daemon), built from the gosh source with: go install ./cmd/...
(they land in $(go env GOPATH)/bin, usually ~/go/bin: put it on PATH)`,
		Run: runLab,
	},
}

// ---- the lab file format ----

// Lab is one parsed lab file.
type Lab struct {
	Name    string
	Title   map[string]string // by language
	Summary map[string]string
	Intro   map[string]string
	Needs   []string // helper programs the lab uses
	Steps   []*LabStep
	Source  string // file name, for messages
}

// LabStep is one step: what to do, and what gosh must observe.
type LabStep struct {
	ID     string
	Text   map[string]string
	Hint   map[string]string
	Done   map[string]string
	Checks []Check // all must be observed
	Line   int
}

// Check is one check line: one or more alternatives, any of which counts.
type Check struct {
	Alternatives []Pattern
	Source       string
}

// Pattern is one observation pattern: "event stopped signal=SIGTSTP".
type Pattern struct {
	Subject string            // event, builtin, proc, pgid-shared, group-stopped
	Kind    string            // "" matches any kind
	Attrs   map[string]string // each must equal the observation's
}

// LabError is a positioned error in a lab file.
type LabError struct {
	File string
	Line int
	Msg  string
}

func (e *LabError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// text picks a text in lang, falling back to English.
func text(m map[string]string, lang string) string {
	if s, ok := m[lang]; ok && s != "" {
		return s
	}
	return m["en"]
}

// ParseLab parses a lab file. name is used in error messages.
//
// A line is "key: value" or "key.LANG: value"; a line starting with a space
// or tab continues the previous value on a new line; "#" starts a comment
// line; blank lines are ignored. "step:" starts a new step; the keys before
// the first step describe the lab.
func ParseLab(name, src string) (*Lab, error) {
	lab := &Lab{Title: map[string]string{}, Summary: map[string]string{}, Intro: map[string]string{}, Source: name}
	var step *LabStep
	// The value a continuation line extends: lastMap[lastLang].
	var lastMap map[string]string
	var lastLang string
	fail := func(line int, format string, args ...any) error {
		return &LabError{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	for i, raw := range strings.Split(src, "\n") {
		n := i + 1
		line := strings.TrimRight(raw, " \t\r")
		if line == "" || strings.HasPrefix(line, "#") {
			if line == "" && lastMap != nil && startsWithBlank(raw) {
				lastMap[lastLang] += "\n"
			}
			continue
		}
		if startsWithBlank(line) {
			if lastMap == nil {
				return nil, fail(n, "continuation line without a text key before it")
			}
			lastMap[lastLang] += "\n" + trimIndent(line)
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fail(n, "expected \"key: value\", got %q", line)
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		base, lang, _ := strings.Cut(key, ".")
		if lang == "" {
			lang = "en"
		} else if !KnownLang(lang) {
			return nil, fail(n, "unknown language %q in key %q (known: %s)", lang, key, strings.Join(Languages, ", "))
		}
		lastMap = nil
		switch base {
		case "lab":
			if step != nil {
				return nil, fail(n, "\"lab:\" must come before the first step")
			}
			if !validLabName(value) {
				return nil, fail(n, "bad lab name %q: use letters, digits and '-'", value)
			}
			lab.Name = value
		case "title", "summary", "intro":
			if step != nil {
				return nil, fail(n, "%q belongs before the first step", base)
			}
			m := map[string]map[string]string{"title": lab.Title, "summary": lab.Summary, "intro": lab.Intro}[base]
			m[lang] = value
			lastMap, lastLang = m, lang
		case "needs":
			if step != nil {
				return nil, fail(n, "\"needs:\" belongs before the first step")
			}
			lab.Needs = append(lab.Needs, strings.Fields(value)...)
		case "step":
			if value == "" {
				return nil, fail(n, "a step needs an id: \"step: stop-it\"")
			}
			if err := finishStep(step, name); err != nil {
				return nil, err
			}
			step = &LabStep{ID: value, Text: map[string]string{}, Hint: map[string]string{}, Done: map[string]string{}, Line: n}
			lab.Steps = append(lab.Steps, step)
		case "text", "hint", "done":
			if step == nil {
				return nil, fail(n, "%q outside a step: start one with \"step: ID\"", base)
			}
			m := map[string]map[string]string{"text": step.Text, "hint": step.Hint, "done": step.Done}[base]
			m[lang] = value
			lastMap, lastLang = m, lang
		case "check":
			if step == nil {
				return nil, fail(n, "\"check:\" outside a step: start one with \"step: ID\"")
			}
			if lang != "en" {
				return nil, fail(n, "checks have no language: write \"check:\"")
			}
			c, err := ParseCheck(value)
			if err != nil {
				return nil, fail(n, "%s", err)
			}
			step.Checks = append(step.Checks, c)
		default:
			return nil, fail(n, "unknown key %q (known: lab title summary intro needs step text hint done check)", base)
		}
	}
	if err := finishStep(step, name); err != nil {
		return nil, err
	}
	switch {
	case lab.Name == "":
		return nil, &LabError{File: name, Msg: "no \"lab: NAME\" line"}
	case lab.Title["en"] == "":
		return nil, &LabError{File: name, Msg: "no \"title:\" line"}
	case len(lab.Steps) == 0:
		return nil, &LabError{File: name, Msg: "no steps"}
	}
	seen := map[string]int{}
	for _, s := range lab.Steps {
		if at, dup := seen[s.ID]; dup {
			return nil, fail(s.Line, "step %q already defined at line %d", s.ID, at)
		}
		seen[s.ID] = s.Line
	}
	return lab, nil
}

func startsWithBlank(s string) bool { return s != "" && (s[0] == ' ' || s[0] == '\t') }

// trimIndent removes one level of indentation: a tab, or up to two spaces.
func trimIndent(s string) string {
	if strings.HasPrefix(s, "\t") {
		return s[1:]
	}
	for i := 0; i < 2 && strings.HasPrefix(s, " "); i++ {
		s = s[1:]
	}
	return s
}

func finishStep(s *LabStep, file string) error {
	if s == nil {
		return nil
	}
	if s.Text["en"] == "" {
		return &LabError{File: file, Line: s.Line, Msg: fmt.Sprintf("step %q has no \"text:\"", s.ID)}
	}
	if len(s.Checks) == 0 {
		return &LabError{File: file, Line: s.Line, Msg: fmt.Sprintf("step %q has no \"check:\"", s.ID)}
	}
	return nil
}

func validLabName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return false
		}
	}
	return true
}

// ---- checks ----

// The vocabulary of checks: subjects, the kinds each one knows, and the
// attributes a check may test. The maps are built when a lab first uses
// them, not at every start of gosh.
var (
	eventKinds = lazy.Value[map[jobs.EventKind]string]{Build: func() map[jobs.EventKind]string {
		return map[jobs.EventKind]string{
			jobs.EvStarted: "started", jobs.EvStopped: "stopped", jobs.EvContinued: "continued",
			jobs.EvExited: "exited", jobs.EvSignaled: "signaled", jobs.EvForeground: "foreground",
			jobs.EvBackground: "background", jobs.EvSIGCONT: "sigcont-sent", jobs.EvKill: "kill",
			jobs.EvDisowned: "disowned", jobs.EvHangup: "hangup",
		}
	}}
	procKinds = []string{"state", "orphan", "reaped", "gone", "ended", "hup-ignored", "survived-hup", "no-tty"}
	subjects  = lazy.Value[map[string]checkSubject]{Build: func() map[string]checkSubject {
		return map[string]checkSubject{
			"event":         {attrs: []string{"signal", "status", "job", "cmd", "fg"}, needKind: true},
			"builtin":       {attrs: []string{"zombie"}, needKind: true},
			"proc":          {attrs: []string{"state", "cmd", "parent"}},
			"pgid-shared":   {attrs: []string{"n"}, noKind: true},
			"group-stopped": {attrs: []string{"n"}, noKind: true},
			"trace":         {attrs: []string{"cmd", "same12", "safe-copy"}, needKind: true},
		}
	}}
)

// checkSubject is what a check of one subject may say: its attributes,
// and whether it needs a kind or takes none.
type checkSubject struct {
	attrs    []string
	needKind bool
	noKind   bool
}

// ParseCheck parses a check line: patterns separated by " or ".
func ParseCheck(src string) (Check, error) {
	c := Check{Source: src}
	for _, alt := range strings.Split(src, " or ") {
		p, err := parsePattern(alt)
		if err != nil {
			return Check{}, err
		}
		c.Alternatives = append(c.Alternatives, p)
	}
	return c, nil
}

func parsePattern(src string) (Pattern, error) {
	f := strings.Fields(src)
	if len(f) == 0 {
		return Pattern{}, errors.New("empty check")
	}
	p := Pattern{Subject: f[0], Attrs: map[string]string{}}
	spec, ok := subjects.Get()[p.Subject]
	if !ok {
		return Pattern{}, fmt.Errorf("unknown check %q (known: event, builtin, proc, trace, pgid-shared, group-stopped)", p.Subject)
	}
	rest := f[1:]
	if len(rest) > 0 && !strings.Contains(rest[0], "=") {
		p.Kind, rest = rest[0], rest[1:]
	}
	switch {
	case spec.needKind && p.Kind == "":
		return Pattern{}, fmt.Errorf("%q needs a kind: e.g. %q", p.Subject, map[string]string{"event": "event stopped", "builtin": "builtin fg"}[p.Subject])
	case spec.noKind && p.Kind != "":
		return Pattern{}, fmt.Errorf("%q takes no kind, only n=N", p.Subject)
	}
	switch p.Subject {
	case "event":
		if !isEventKind(p.Kind) {
			return Pattern{}, fmt.Errorf("unknown event %q (known: %s)", p.Kind, strings.Join(eventKindNames(), ", "))
		}
	case "builtin":
		if _, ok := Lookup(p.Kind); !ok {
			return Pattern{}, fmt.Errorf("no builtin %q", p.Kind)
		}
	case "trace":
		if p.Kind != "fds" {
			return Pattern{}, fmt.Errorf("unknown trace check %q (known: fds)", p.Kind)
		}
	case "proc":
		if p.Kind != "" && !contains(procKinds, p.Kind) {
			return Pattern{}, fmt.Errorf("unknown proc check %q (known: %s)", p.Kind, strings.Join(procKinds, ", "))
		}
	}
	for _, kv := range rest {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" || v == "" {
			return Pattern{}, fmt.Errorf("expected key=value, got %q", kv)
		}
		if !contains(spec.attrs, k) {
			return Pattern{}, fmt.Errorf("%q checks take %s, not %q", p.Subject, strings.Join(spec.attrs, ", "), k)
		}
		norm, err := normalizeAttr(k, v)
		if err != nil {
			return Pattern{}, err
		}
		p.Attrs[k] = norm
	}
	if spec.noKind {
		if _, ok := p.Attrs["n"]; !ok {
			return Pattern{}, fmt.Errorf("%q needs n=N", p.Subject)
		}
	}
	return p, nil
}

// normalizeAttr validates a check's value and puts it in the form
// observations use: signals as "SIGTSTP" (TSTP and 20 are accepted).
func normalizeAttr(k, v string) (string, error) {
	switch k {
	case "signal":
		sig, ok := parseSignal(v) // jobs.go: 20, TSTP or SIGTSTP
		if !ok || sig == 0 {
			return "", fmt.Errorf("unknown signal %q", v)
		}
		return jobs.SignalName(sig), nil
	case "status", "job", "n", "ppid":
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return "", fmt.Errorf("%s=%s: not a number", k, v)
		}
		return strconv.Itoa(n), nil
	case "state":
		if len(v) != 1 || !strings.Contains("RSDZTtXI", v) {
			return "", fmt.Errorf("state=%s: one of R S D Z T t X I", v)
		}
	case "zombie", "same12", "safe-copy":
		if v != "yes" && v != "no" {
			return "", fmt.Errorf("%s=%s: yes or no", k, v)
		}
	}
	return v, nil
}

func isEventKind(k string) bool { return contains(eventKindNames(), k) }

func eventKindNames() []string {
	var names []string
	for _, n := range eventKinds.Get() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// observation is one thing gosh saw happen, in the checks' vocabulary.
type observation struct {
	subject string
	kind    string
	attrs   map[string]string
}

func (o observation) String() string {
	var b strings.Builder
	b.WriteString(o.subject)
	if o.kind != "" {
		b.WriteString(" " + o.kind)
	}
	keys := make([]string, 0, len(o.attrs))
	for k := range o.attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(" " + k + "=" + o.attrs[k])
	}
	return b.String()
}

// matches reports whether the observation satisfies the pattern. For n=N,
// the observation's count must be at least N.
func (p Pattern) matches(o observation) bool {
	if p.Subject != o.subject || p.Kind != "" && p.Kind != o.kind {
		return false
	}
	for k, want := range p.Attrs {
		got, ok := o.attrs[k]
		if !ok {
			return false
		}
		if k == "n" {
			g, _ := strconv.Atoi(got)
			w, _ := strconv.Atoi(want)
			if g < w {
				return false
			}
			continue
		}
		if got != want {
			return false
		}
	}
	return true
}

func (c Check) matches(o observation) bool {
	for _, p := range c.Alternatives {
		if p.matches(o) {
			return true
		}
	}
	return false
}

// eventObservation turns a job-table event into an observation.
func eventObservation(ev jobs.Event) observation {
	o := observation{subject: "event", kind: eventKinds.Get()[ev.Kind], attrs: map[string]string{}}
	if ev.Signal != 0 {
		o.attrs["signal"] = jobs.SignalName(ev.Signal)
	}
	switch ev.Kind {
	case jobs.EvExited, jobs.EvSignaled, jobs.EvStopped:
		o.attrs["status"] = strconv.Itoa(ev.Status)
		o.attrs["fg"] = yesNo(ev.Foreground)
	}
	if ev.Job > 0 {
		o.attrs["job"] = strconv.Itoa(ev.Job)
	}
	if f := strings.Fields(ev.Text); len(f) > 0 {
		o.attrs["cmd"] = path.Base(f[0])
	}
	return o
}

// ---- the running lab ----

// labRun is the progress of the active lab.
type labRun struct {
	mu    sync.Mutex
	lab   *Lab
	step  int    // index of the current step; len(lab.Steps) when complete
	seen  []bool // checks of the current step observed so far
	lang  string // of its messages: the shell's, at its last builtin
	out   io.Writer
	table *jobs.Table

	groups  map[int]map[int]bool // pgid → pids started in it
	stopped map[int]map[int]bool // pgid → pids stopped now

	sampler *procSampler // nil when /proc is not sampled (tests)

	// For lab report: when the lab and the current step began, what the
	// current step's checks observed, and the steps done so far.
	started   time.Time
	stepStart time.Time
	observed  []string
	records   []stepRecord
}

func newLabRun(lab *Lab, lang string, out io.Writer) *labRun {
	r := &labRun{lab: lab, lang: lang, out: out}
	r.reset()
	return r
}

// reset goes back to the first step.
func (r *labRun) reset() {
	r.started = time.Now()
	r.stepStart = r.started
	r.observed = nil
	r.records = nil
	r.step = 0
	r.seen = make([]bool, len(r.lab.Steps[0].Checks))
	r.groups = map[int]map[int]bool{}
	r.stopped = map[int]map[int]bool{}
}

func (r *labRun) complete() bool { return r.step >= len(r.lab.Steps) }

// event handles one job-table event: the event itself, and the group facts
// derived from it.
func (r *labRun) event(ev jobs.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	obs := []observation{eventObservation(ev)}
	if ev.Pgid > 0 && ev.Pid > 0 {
		switch ev.Kind {
		case jobs.EvStarted:
			obs = append(obs, countIn(r.groups, ev.Pgid, ev.Pid, "pgid-shared"))
		case jobs.EvStopped:
			obs = append(obs, countIn(r.stopped, ev.Pgid, ev.Pid, "group-stopped"))
		case jobs.EvContinued, jobs.EvExited, jobs.EvSignaled:
			delete(r.stopped[ev.Pgid], ev.Pid)
		}
	}
	if ev.Kind == jobs.EvKill && ev.Signal == unix.SIGHUP && r.sampler != nil {
		r.sampler.hupSent(ev.Pid)
	}
	for _, o := range obs {
		r.observeLocked(o)
	}
}

// countIn adds pid to the set for pgid and observes the set's size.
func countIn(sets map[int]map[int]bool, pgid, pid int, subject string) observation {
	if sets[pgid] == nil {
		sets[pgid] = map[int]bool{}
	}
	sets[pgid][pid] = true
	return observation{subject: subject, attrs: map[string]string{
		"n": strconv.Itoa(len(sets[pgid])), "pgid": strconv.Itoa(pgid)}}
}

func (r *labRun) observe(o observation) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.observeLocked(o)
}

// observeLocked ticks the current step's checks that o satisfies, and
// moves on when all are done. Call with r.mu held.
func (r *labRun) observeLocked(o observation) {
	if r.complete() {
		return
	}
	st := r.lab.Steps[r.step]
	for i, c := range st.Checks {
		if !r.seen[i] && c.matches(o) {
			r.seen[i] = true
			r.observed = append(r.observed, o.String())
		}
	}
	for _, ok := range r.seen {
		if !ok {
			return
		}
	}
	r.advance()
}

// advance marks the current step done, says so, and shows the next one.
// The message is written in one piece: it comes from the goroutine that
// saw the event, while the shell may be printing a job report or a prompt,
// and a message written line by line would be torn apart by them.
func (r *labRun) advance() {
	st := r.lab.Steps[r.step]
	now := time.Now()
	r.records = append(r.records, stepRecord{step: r.step, at: now, took: now.Sub(r.stepStart), observed: r.observed})
	r.stepStart, r.observed = now, nil
	msg := labMessages()[r.lang]
	var b strings.Builder
	fmt.Fprintf(&b, "✔ %s: %s\n", msg["lab"], fmt.Sprintf(msg["stepDone"], r.step+1, firstLine(text(st.Text, r.lang))))
	if d := text(st.Done, r.lang); d != "" {
		fmt.Fprintf(&b, "  %s\n", indentMore(d))
	}
	r.step++
	if r.complete() {
		fmt.Fprintf(&b, "✔ %s: %s\n", msg["lab"], fmt.Sprintf(msg["complete"], text(r.lab.Title, r.lang), len(r.lab.Steps)))
	} else {
		r.seen = make([]bool, len(r.lab.Steps[r.step].Checks))
		b.WriteString(r.currentText())
	}
	io.WriteString(r.out, b.String())
}

// printCurrent shows the current step's text.
func (r *labRun) printCurrent() { io.WriteString(r.out, r.currentText()) }

// currentText is the current step's number and text.
func (r *labRun) currentText() string {
	st := r.lab.Steps[r.step]
	return fmt.Sprintf("→ %s: %s\n  %s\n", labMessages()[r.lang]["lab"],
		fmt.Sprintf(labMessages()[r.lang]["step"], r.step+1, len(r.lab.Steps)), indentMore(text(st.Text, r.lang)))
}

// status is `lab status`.
func (r *labRun) status() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	msg := labMessages()[r.lang]
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s (%s)\n", msg["lab"], text(r.lab.Title, r.lang), r.lab.Name)
	done := min(r.step, len(r.lab.Steps))
	fmt.Fprintf(&b, "%s\n", fmt.Sprintf(msg["progress"], done, len(r.lab.Steps)))
	for i, st := range r.lab.Steps {
		mark := "·"
		switch {
		case i < r.step:
			mark = "✔"
		case i == r.step:
			mark = "→"
		}
		fmt.Fprintf(&b, "  %s %d. %s\n", mark, i+1, firstLine(text(st.Text, r.lang)))
	}
	if !r.complete() {
		st := r.lab.Steps[r.step]
		fmt.Fprintf(&b, "\n%s\n  %s\n", fmt.Sprintf(msg["step"], r.step+1, len(r.lab.Steps)), indentMore(text(st.Text, r.lang)))
		if h := text(st.Hint, r.lang); h != "" {
			fmt.Fprintf(&b, "%s: %s\n", msg["hint"], indentMore(h))
		}
		var waiting []string
		for i, c := range st.Checks {
			if !r.seen[i] {
				waiting = append(waiting, c.Source)
			}
		}
		fmt.Fprintf(&b, "%s: %s\n", msg["waiting"], strings.Join(waiting, "; "))
	}
	return b.String()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func indentMore(s string) string { return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ") }

// labMessages are the lab's own words around the lab texts, built the
// first time a lab speaks: a run that uses no lab (every child gosh) does
// not pay for the table at start-up.
func labMessages() map[string]map[string]string { return labMessagesValue.Get() }

var labMessagesValue = lazy.Value[map[string]map[string]string]{Build: labMessageTable}

func labMessageTable() map[string]map[string]string {
	return map[string]map[string]string{
		"en": {
			"lab": "lab", "stepDone": "step %d done: %s", "complete": "%s: complete, all %d steps done",
			"step": "step %d of %d:", "progress": "%d of %d steps done", "hint": "hint",
			"waiting": "gosh is waiting to observe", "noLab": "no lab is active: lab list, then lab start NAME",
			"started": "started", "stopped": "stopped", "reset": "back to step 1",
			"noSuchLab": "%s: no such lab (lab list)", "whichLab": "start: which lab? (lab list)", "loaded": "loaded %s (%d steps): lab start %s",
			"reportWritten": "report written to %s", "reportExists": "report: %s: the file exists (a report never overwrites one)",
			"missing": "this lab uses %s, not found in $PATH: build the helpers from the gosh source with `go install ./cmd/...`; they land in $(go env GOPATH)/bin (usually ~/go/bin, or $GOBIN when set): add that directory to PATH (or go build -o ~/bin/ ./cmd/... into a directory on PATH)",
		},
		"ko": {
			"lab": "실습", "stepDone": "%d단계 완료: %s", "complete": "%s: 끝, %d단계 모두 완료",
			"step": "%d/%d단계:", "progress": "%d/%d단계 완료", "hint": "힌트",
			"waiting": "gosh가 관찰하기를 기다리는 것", "noLab": "진행 중인 실습이 없다: lab list 후 lab start 이름",
			"started": "시작", "stopped": "멈춤", "reset": "1단계로 돌아감",
			"noSuchLab": "%s: 그런 실습이 없다(lab list)", "whichLab": "start: 어느 실습? (lab list)", "loaded": "%s를 읽었다(%d단계): lab start %s",
			"reportWritten": "보고서를 %s에 썼다", "reportExists": "report: %s: 파일이 이미 있다(보고서는 파일을 덮어쓰지 않는다)",
			"missing": "이 실습은 %s를 쓰는데 $PATH에 없다: gosh 소스에서 `go install ./cmd/...`로 도우미를 빌드하자. $(go env GOPATH)/bin(보통 ~/go/bin, $GOBIN이 있으면 그곳)에 설치되니 그 디렉터리를 PATH에 넣자(또는 go build -o ~/bin/ ./cmd/...로 PATH에 있는 디렉터리에 빌드)",
		},
	}
}

// ---- package state: the active lab, loaded labs, observers ----

var (
	labMu      sync.Mutex
	activeLab  *labRun
	loadedLabs map[string]*Lab      // made at the first lab load
	subscribed map[*jobs.Table]bool // made at the first lab run

	// labActive makes the builtin observer cost one atomic load when no
	// lab runs.
	labActive atomic.Bool
)

// embeddedLabs parses the labs shipped in the binary.
func embeddedLabs() ([]*Lab, error) {
	ents, err := labFiles.ReadDir("labs")
	if err != nil {
		return nil, err
	}
	var labs []*Lab
	for _, e := range ents {
		data, err := labFiles.ReadFile("labs/" + e.Name())
		if err != nil {
			return nil, err
		}
		lab, err := ParseLab(e.Name(), string(data))
		if err != nil {
			return nil, err
		}
		labs = append(labs, lab)
	}
	return labs, nil
}

// allLabs lists embedded and loaded labs by name; a loaded lab replaces an
// embedded one of the same name.
func allLabs() ([]*Lab, error) {
	emb, err := embeddedLabs()
	if err != nil {
		return nil, err
	}
	byName := map[string]*Lab{}
	for _, l := range emb {
		byName[l.Name] = l
	}
	labMu.Lock()
	for n, l := range loadedLabs {
		byName[n] = l
	}
	labMu.Unlock()
	var out []*Lab
	for _, l := range byName {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// runObserved runs a builtin so that an active lab sees it run
// (Builtin.Call). It reports the builtin before it runs (fg returns only
// when the job stops or ends, and the lab must see "fg" when it is typed).
func runObserved(name string, run Func, sh Shell, io IO, args []string) (int, error) {
	if labActive.Load() {
		r := currentLab()
		if r != nil {
			// The lab speaks the shell's language (set -o lang, the
			// locale), read here in the shell's own goroutine: a tick
			// comes from whichever goroutine saw the event.
			r.setLang(sh.Lang())
			o := observation{subject: "builtin", kind: name, attrs: map[string]string{}}
			if r.sampler != nil {
				o.attrs["zombie"] = yesNo(r.sampler.zombieNow())
			}
			r.observe(o)
		}
	}
	st, err := run(sh, io, args)
	if labActive.Load() {
		r := currentLab()
		if r != nil {
			r.setLang(sh.Lang()) // set -o lang=ko, or lab --lang for one command, is over
		}
	}
	return st, err
}

// setLang sets the language of the run's next messages.
func (r *labRun) setLang(lang string) {
	r.mu.Lock()
	r.lang = lang
	r.mu.Unlock()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// startLab makes lab the active lab and starts observing.
func startLab(sh Shell, lab *Lab, lang string, out io.Writer) *labRun {
	stopLab()
	r := newLabRun(lab, lang, out)
	t := sh.JobTable()
	r.table = t
	r.sampler = newProcSampler(r)
	labMu.Lock()
	activeLab = r
	if t != nil && !subscribed[t] {
		if subscribed == nil {
			subscribed = map[*jobs.Table]bool{}
		}
		subscribed[t] = true
		t.Subscribe(func(ev jobs.Event) {
			cur := currentLab()
			if cur != nil && cur.table == t {
				cur.event(ev)
			}
		})
		watcher := newTraceWatcher()
		t.Trace().Listen(func(who, text string) {
			o, ok := watcher.line(who, text)
			cur := currentLab()
			if ok && cur != nil && cur.table == t {
				cur.observe(o)
			}
		})
	}
	labMu.Unlock()
	labActive.Store(true)
	r.sampler.start()
	return r
}

// tickWriter is where a lab's ticks go: after the command's output and
// its job report, above the prompt, never onto the prompt line (the
// shell's HeldNotice), or Notice for a shell that has none.
func tickWriter(sh Shell) io.Writer {
	if h, ok := sh.(interface{ HeldNotice() io.Writer }); ok {
		return h.HeldNotice()
	}
	return sh.Notice()
}

// currentLab is the active lab, nil when none is.
func currentLab() *labRun {
	labMu.Lock()
	defer labMu.Unlock()
	return activeLab
}

// stopLab ends the active lab, if any, and its /proc sampling.
func stopLab() {
	labMu.Lock()
	r := activeLab
	activeLab = nil
	labMu.Unlock()
	labActive.Store(false)
	if r != nil && r.sampler != nil {
		r.sampler.stop()
	}
}

// ---- the builtin ----

func runLab(sh Shell, io IO, args []string) (int, error) {
	forced, args, ok := takeLangOption(io, "lab", args[1:])
	if !ok {
		return statusUsage, nil
	}
	lang := resolveLang(sh, forced)
	msg := labMessages()[lang]
	if len(args) == 0 {
		return usageError(io, "lab", ""), nil
	}
	cur := currentLab()
	switch sub, rest := args[0], args[1:]; sub {
	case "list":
		labs, err := allLabs()
		if err != nil {
			errorf(io, "lab", "%s", err)
			return statusFailure, nil
		}
		var b strings.Builder
		width := 0
		for _, l := range labs {
			width = max(width, len(l.Name))
		}
		for _, l := range labs {
			mark := " "
			if cur != nil && cur.lab.Name == l.Name {
				mark = "*"
			}
			fmt.Fprintf(&b, "%s %-*s  %s (%d)\n", mark, width, l.Name, text(l.Title, lang), len(l.Steps))
			if s := text(l.Summary, lang); s != "" {
				fmt.Fprintf(&b, "  %-*s  %s\n", width, "", s)
			}
		}
		return writeOut(io, "lab", b.String()), nil
	case "start":
		if len(rest) != 1 {
			return usageError(io, "lab", msg["whichLab"]), nil
		}
		labs, err := allLabs()
		if err != nil {
			errorf(io, "lab", "%s", err)
			return statusFailure, nil
		}
		var lab *Lab
		for _, l := range labs {
			if l.Name == rest[0] {
				lab = l
			}
		}
		if lab == nil {
			errorf(io, "lab", msg["noSuchLab"], rest[0])
			return statusFailure, nil
		}
		for _, need := range lab.Needs {
			if k, _ := sh.LookPath(need); k != KindFile {
				errorf(io, "lab", msg["missing"], need)
			}
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s: %s: %s\n", msg["lab"], msg["started"], text(lab.Title, lang))
		if intro := text(lab.Intro, lang); intro != "" {
			fmt.Fprintf(&b, "  %s\n", indentMore(intro))
		}
		if st := writeOut(io, "lab", b.String()); st != statusOK {
			return st, nil
		}
		r := startLab(sh, lab, lang, tickWriter(sh))
		r.mu.Lock()
		r.out = io.Out
		r.printCurrent()
		r.out = tickWriter(sh)
		r.mu.Unlock()
		return statusOK, nil
	case "status":
		if cur == nil {
			errorf(io, "lab", "%s", msg["noLab"])
			return statusFailure, nil
		}
		cur.mu.Lock()
		cur.lang = lang
		cur.mu.Unlock()
		return writeOut(io, "lab", cur.status()), nil
	case "reset":
		if cur == nil {
			errorf(io, "lab", "%s", msg["noLab"])
			return statusFailure, nil
		}
		cur.mu.Lock()
		cur.lang = lang
		cur.reset()
		cur.out = io.Out
		fmt.Fprintf(io.Out, "%s: %s: %s\n", msg["lab"], text(cur.lab.Title, cur.lang), msg["reset"])
		cur.printCurrent()
		cur.out = tickWriter(sh)
		cur.mu.Unlock()
		return statusOK, nil
	case "stop":
		if cur == nil {
			errorf(io, "lab", "%s", msg["noLab"])
			return statusFailure, nil
		}
		stopLab()
		return writeOut(io, "lab", fmt.Sprintf("%s: %s: %s\n", msg["lab"], msg["stopped"], text(cur.lab.Title, lang))), nil
	case "report":
		if cur == nil {
			errorf(io, "lab", "%s", msg["noLab"])
			return statusFailure, nil
		}
		if len(rest) > 1 {
			return usageError(io, "lab", "report: at most one file"), nil
		}
		return labReport(sh, io, cur, rest, lang), nil
	case "load":
		if len(rest) != 1 {
			return usageError(io, "lab", "load: which file?"), nil
		}
		data, err := os.ReadFile(rest[0])
		if err != nil {
			errorf(io, "lab", "%s: %s", rest[0], strerror(err))
			return statusFailure, nil
		}
		lab, err := ParseLab(rest[0], string(data))
		if err != nil {
			errorf(io, "lab", "%s", err)
			return statusFailure, nil
		}
		labMu.Lock()
		if loadedLabs == nil {
			loadedLabs = map[string]*Lab{}
		}
		loadedLabs[lab.Name] = lab
		labMu.Unlock()
		return writeOut(io, "lab", fmt.Sprintf("%s: "+msg["loaded"]+"\n", msg["lab"], lab.Name, len(lab.Steps), lab.Name)), nil
	default:
		return usageError(io, "lab", sub+": unknown subcommand"), nil
	}
}
