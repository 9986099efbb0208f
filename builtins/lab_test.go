//go:build linux

package builtins

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

const sampleLab = `# a comment
lab: sample
title: Stop and continue
title.ko: 멈추고 계속하기
intro: First line
  second line
needs: intignore

step: stop
text: Run sleep and press Ctrl+Z.
text.ko: sleep 후 Ctrl+Z.
check: event stopped signal=TSTP
hint: Ctrl+Z sends SIGTSTP.
done: Stopped.

step: resume
text: fg, then Ctrl+C.
check: builtin fg
check: event signaled signal=2 status=130 or event exited status=0
`

func TestParseLab(t *testing.T) {
	lab, err := ParseLab("sample.lab", sampleLab)
	if err != nil {
		t.Fatal(err)
	}
	if lab.Name != "sample" || lab.Title["en"] != "Stop and continue" || lab.Title["ko"] != "멈추고 계속하기" {
		t.Errorf("header: %+v", lab)
	}
	if lab.Intro["en"] != "First line\nsecond line" {
		t.Errorf("continuation: intro = %q", lab.Intro["en"])
	}
	if strings.Join(lab.Needs, ",") != "intignore" {
		t.Errorf("needs = %q", lab.Needs)
	}
	if len(lab.Steps) != 2 {
		t.Fatalf("%d steps", len(lab.Steps))
	}
	s0, s1 := lab.Steps[0], lab.Steps[1]
	if s0.ID != "stop" || s0.Text["ko"] != "sleep 후 Ctrl+Z." || s0.Hint["en"] != "Ctrl+Z sends SIGTSTP." || s0.Done["en"] != "Stopped." {
		t.Errorf("step 0: %+v", s0)
	}
	if p := s0.Checks[0].Alternatives[0]; p.Subject != "event" || p.Kind != "stopped" || p.Attrs["signal"] != "SIGTSTP" {
		t.Errorf("check: %+v (signal must be normalised to SIGTSTP)", p)
	}
	if len(s1.Checks) != 2 || len(s1.Checks[1].Alternatives) != 2 || s1.Checks[1].Alternatives[0].Attrs["signal"] != "SIGINT" {
		t.Errorf("step 1 checks: %+v", s1.Checks)
	}
	if text(s1.Text, "ko") != "fg, then Ctrl+C." {
		t.Errorf("a missing Korean text must fall back to English")
	}
}

func TestParseLabErrors(t *testing.T) {
	head := "lab: x\ntitle: T\n"
	step := "step: s\ntext: do it\ncheck: builtin fg\n"
	tests := []struct {
		name, src, want string
	}{
		{"no name", "title: T\n" + step, "f.lab: no \"lab: NAME\" line"},
		{"no title", "lab: x\n" + step, "no \"title:\" line"},
		{"no steps", head, "no steps"},
		{"bad name", "lab: a b\n", "f.lab:1: bad lab name"},
		{"not key value", head + "hello\n", "f.lab:3: expected \"key: value\""},
		{"unknown key", head + "colour: red\n", "f.lab:3: unknown key \"colour\""},
		{"unknown language", head + "title.fr: T\n", "f.lab:3: unknown language \"fr\""},
		{"continuation first", "  hello\n", "f.lab:1: continuation line"},
		{"text outside step", head + "text: x\n", "f.lab:3: \"text\" outside a step"},
		{"check outside step", head + "check: builtin fg\n", "f.lab:3: \"check:\" outside a step"},
		{"lab after step", head + step + "lab: y\n", "f.lab:6: \"lab:\" must come before"},
		{"title after step", head + step + "title: y\n", "f.lab:6: \"title\" belongs before"},
		{"step without id", head + "step:\n", "f.lab:3: a step needs an id"},
		{"step without text", head + "step: s\ncheck: builtin fg\n", "f.lab:3: step \"s\" has no \"text:\""},
		{"step without check", head + "step: s\ntext: t\n", "f.lab:3: step \"s\" has no \"check:\""},
		{"duplicate step", head + step + step, "f.lab:6: step \"s\" already defined at line 3"},
		{"check with language", head + "step: s\ntext: t\ncheck.ko: builtin fg\n", "f.lab:5: checks have no language"},
		{"bad check", head + "step: s\ntext: t\ncheck: event flew\n", "f.lab:5: unknown event \"flew\""},
	}
	for _, tc := range tests {
		_, err := ParseLab("f.lab", tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestParseCheckErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"", "empty check"},
		{"teleport now", "unknown check \"teleport\""},
		{"event", "needs a kind"},
		{"builtin", "needs a kind"},
		{"event flew", "unknown event"},
		{"builtin nosuchbuiltin", "no builtin"},
		{"proc dancing", "unknown proc check"},
		{"event stopped signal=SIGNOPE", "unknown signal"},
		{"event stopped signal=0", "unknown signal"},
		{"event exited status=abc", "not a number"},
		{"event exited status=-1", "not a number"},
		{"event exited colour=red", "not \"colour\""},
		{"event exited status", "expected key=value"},
		{"event exited status=", "expected key=value"},
		{"proc state=Q", "one of R S D Z T t X I"},
		{"proc state=ZZ", "one of R S D Z T t X I"},
		{"builtin procs zombie=maybe", "yes or no"},
		{"pgid-shared", "needs n=N"},
		{"pgid-shared three", "takes no kind"},
		{"group-stopped n=x", "not a number"},
		{"builtin fg or event flew", "unknown event"},
	}
	for _, tc := range tests {
		_, err := ParseCheck(tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseCheck(%q): %v, want %q", tc.src, err, tc.want)
		}
	}
}

func obs(subject, kind string, kv ...string) observation {
	o := observation{subject: subject, kind: kind, attrs: map[string]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		o.attrs[kv[i]] = kv[i+1]
	}
	return o
}

func TestCheckMatches(t *testing.T) {
	tests := []struct {
		check string
		o     observation
		want  bool
	}{
		{"event stopped signal=SIGTSTP", obs("event", "stopped", "signal", "SIGTSTP", "status", "148"), true},
		{"event stopped signal=20", obs("event", "stopped", "signal", "SIGTSTP"), true},
		{"event stopped signal=tstp", obs("event", "stopped", "signal", "SIGTSTP"), true},
		{"event stopped signal=SIGTSTP", obs("event", "stopped", "signal", "SIGSTOP"), false},
		{"event stopped signal=SIGTSTP", obs("event", "signaled", "signal", "SIGTSTP"), false},
		{"event stopped", obs("event", "stopped", "signal", "SIGTTIN"), true},
		{"event exited status=130", obs("event", "exited", "status", "13"), false},
		{"event exited cmd=waitstatus", obs("event", "exited"), false}, // attribute missing
		{"event signaled signal=SIGINT fg=yes", obs("event", "signaled", "signal", "SIGINT", "fg", "yes"), true},
		{"event signaled signal=SIGINT fg=yes", obs("event", "signaled", "signal", "SIGINT", "fg", "no"), false}, // kill -INT %1 at the prompt
		{"builtin fg", obs("builtin", "fg"), true},
		{"builtin fg", obs("builtin", "bg"), false},
		{"builtin fg", obs("event", "fg"), false},
		{"builtin procs zombie=yes", obs("builtin", "procs", "zombie", "no"), false},
		{"proc state=Z", obs("proc", "state", "state", "Z"), true},
		{"proc state=Z", obs("proc", "state", "state", "S"), false},
		{"proc orphan", obs("proc", "orphan", "state", "S"), true},
		{"proc orphan", obs("proc", "reaped", "state", "Z"), false},
		{"pgid-shared n=3", obs("pgid-shared", "", "n", "3"), true},
		{"pgid-shared n=3", obs("pgid-shared", "", "n", "4"), true},
		{"pgid-shared n=3", obs("pgid-shared", "", "n", "2"), false},
		{"builtin procs or builtin ptree", obs("builtin", "ptree"), true},
		{"builtin procs or builtin ptree", obs("builtin", "jobs"), false},
	}
	for _, tc := range tests {
		c, err := ParseCheck(tc.check)
		if err != nil {
			t.Fatalf("%s: %v", tc.check, err)
		}
		if got := c.matches(tc.o); got != tc.want {
			t.Errorf("%q matches %v = %v, want %v", tc.check, tc.o, got, tc.want)
		}
	}
}

func TestEventObservation(t *testing.T) {
	tests := []struct {
		ev   jobs.Event
		want string
	}{
		{jobs.Event{Kind: jobs.EvStopped, Job: 1, Pid: 5, Pgid: 5, Signal: unix.SIGTSTP, Status: 148, Text: "sleep 100", Foreground: true},
			"event stopped cmd=sleep fg=yes job=1 signal=SIGTSTP status=148"},
		{jobs.Event{Kind: jobs.EvSignaled, Pid: 5, Signal: unix.SIGKILL, Status: 137, Text: "/tmp/bin/intignore"},
			"event signaled cmd=intignore fg=no signal=SIGKILL status=137"},
		{jobs.Event{Kind: jobs.EvExited, Job: 2, Status: 0, Text: "true"}, "event exited cmd=true fg=no job=2 status=0"},
		{jobs.Event{Kind: jobs.EvSIGCONT, Job: 1, Pid: -5, Signal: unix.SIGCONT}, "event sigcont-sent job=1 signal=SIGCONT"},
		{jobs.Event{Kind: jobs.EvBackground, Job: 1, Text: "sleep 100"}, "event background cmd=sleep job=1"},
	}
	for _, tc := range tests {
		if got := eventObservation(tc.ev).String(); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.ev, got, tc.want)
		}
	}
	for k := jobs.EvStarted; k <= jobs.EvHangup; k++ {
		if eventKinds.Get()[k] == "" {
			t.Errorf("job event %v has no lab name", k)
		}
	}
}

// newTestRun runs lab without /proc sampling, collecting its messages.
func newTestRun(t *testing.T, src string) (*labRun, *strings.Builder) {
	t.Helper()
	lab, err := ParseLab("t.lab", src)
	if err != nil {
		t.Fatal(err)
	}
	out := &strings.Builder{}
	return newLabRun(lab, "en", out), out
}

func TestLabStepsTickOnlyOnTheRightEvents(t *testing.T) {
	r, out := newTestRun(t, sampleLab)
	stopped := jobs.Event{Kind: jobs.EvStopped, Job: 1, Pid: 10, Pgid: 10, Signal: unix.SIGTSTP, Status: 148, Text: "sleep 100"}

	// Wrong things: Ctrl+C instead of Ctrl+Z, a stop by another signal,
	// and the next step's builtin, done too early.
	r.event(jobs.Event{Kind: jobs.EvSignaled, Job: 1, Pid: 10, Pgid: 10, Signal: unix.SIGINT, Status: 130, Text: "sleep 100"})
	r.event(jobs.Event{Kind: jobs.EvStopped, Job: 1, Pid: 10, Pgid: 10, Signal: unix.SIGTTIN, Status: 149, Text: "cat"})
	r.observe(obs("builtin", "fg"))
	if r.step != 0 || strings.Contains(out.String(), "done") {
		t.Fatalf("a wrong event ticked step 1: step %d, output %q", r.step, out.String())
	}

	r.event(stopped)
	if r.step != 1 || !strings.Contains(out.String(), "✔ lab: step 1 done: Run sleep and press Ctrl+Z.") ||
		!strings.Contains(out.String(), "→ lab: step 2 of 2:") {
		t.Fatalf("the stop did not tick step 1: step %d, output %q", r.step, out.String())
	}

	// Step 2 needs both of its checks; the fg seen during step 1 does not count.
	r.event(jobs.Event{Kind: jobs.EvSignaled, Job: 1, Pid: 10, Signal: unix.SIGINT, Status: 130})
	if r.step != 1 {
		t.Fatal("step 2 ticked with one of its two checks")
	}
	status := r.status()
	if !strings.Contains(status, "✔ 1.") || !strings.Contains(status, "→ 2.") || !strings.Contains(status, "waiting to observe: builtin fg") {
		t.Errorf("status:\n%s", status)
	}
	r.observe(obs("builtin", "fg"))
	if !r.complete() || !strings.Contains(out.String(), "✔ lab: Stop and continue: complete, all 2 steps done") {
		t.Fatalf("not complete: step %d, output %q", r.step, out.String())
	}
	r.event(stopped) // after completion nothing happens
	if strings.Count(out.String(), "complete") != 1 {
		t.Errorf("events after completion printed again: %q", out.String())
	}

	r.mu.Lock()
	r.reset()
	r.mu.Unlock()
	if r.step != 0 || r.complete() {
		t.Errorf("reset: step %d", r.step)
	}
}

// writeCounter counts Write calls.
type writeCounter struct{ writes []string }

func (w *writeCounter) Write(p []byte) (int, error) {
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

// A tick is printed from the reaper goroutine while the shell prints job
// reports and prompts: each message must reach the terminal in one write,
// or a prompt can land between its lines.
func TestLabTickIsOneWrite(t *testing.T) {
	lab, err := ParseLab("t.lab", sampleLab)
	if err != nil {
		t.Fatal(err)
	}
	w := &writeCounter{}
	r := newLabRun(lab, "en", w)
	r.event(jobs.Event{Kind: jobs.EvStopped, Job: 1, Pid: 10, Pgid: 10, Signal: unix.SIGTSTP, Status: 148, Text: "sleep 100"})
	r.event(jobs.Event{Kind: jobs.EvSignaled, Job: 1, Pid: 10, Signal: unix.SIGINT, Status: 130})
	r.observe(obs("builtin", "fg"))
	if len(w.writes) != 2 {
		t.Fatalf("2 ticks made %d writes: %q", len(w.writes), w.writes)
	}
	if !strings.Contains(w.writes[0], "step 1 done") || !strings.Contains(w.writes[0], "→ lab: step 2 of 2:") {
		t.Errorf("first tick: %q", w.writes[0])
	}
	if !strings.Contains(w.writes[1], "step 2 done") || !strings.Contains(w.writes[1], "complete, all 2 steps done") {
		t.Errorf("last tick: %q", w.writes[1])
	}
}

func TestLabGroupFacts(t *testing.T) {
	r, _ := newTestRun(t, `lab: g
title: groups
step: share
text: three in one group
check: pgid-shared n=3
step: stop
text: all three stopped
check: group-stopped n=3
`)
	start := func(pid, pgid int) {
		r.event(jobs.Event{Kind: jobs.EvStarted, Job: 1, Pid: pid, Pgid: pgid, Text: "sleep 30"})
	}
	// Two groups of two: not three in one group.
	start(10, 10)
	start(11, 10)
	start(20, 20)
	start(21, 20)
	if r.step != 0 {
		t.Fatal("pgid-shared n=3 ticked with groups of two")
	}
	start(12, 10)
	if r.step != 1 {
		t.Fatal("three processes in group 10 did not tick pgid-shared n=3")
	}
	stop := func(pid, pgid int) {
		r.event(jobs.Event{Kind: jobs.EvStopped, Job: 1, Pid: pid, Pgid: pgid, Signal: unix.SIGTSTP, Status: 148})
	}
	stop(10, 10)
	stop(11, 10)
	r.event(jobs.Event{Kind: jobs.EvContinued, Job: 1, Pid: 10, Pgid: 10})
	stop(12, 10) // two stopped at once, never three
	if r.step != 1 {
		t.Fatal("group-stopped n=3 ticked while only two were stopped at once")
	}
	stop(10, 10)
	if !r.complete() {
		t.Fatal("three stopped processes did not tick group-stopped n=3")
	}
}

func TestLabBuiltin(t *testing.T) {
	t.Cleanup(stopLab)
	sh := newFake(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "mine.lab")
	if err := os.WriteFile(file, []byte(sampleLab), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.lab")
	os.WriteFile(bad, []byte("lab: x\n"), 0o644)
	tests := []struct {
		args   []string
		status int
		outHas string
		errHas string
	}{
		{[]string{"lab"}, 2, "", "usage: lab"},
		{[]string{"lab", "fly"}, 2, "", "fly: unknown subcommand"},
		{[]string{"lab", "status"}, 1, "", "no lab is active"},
		{[]string{"lab", "reset"}, 1, "", "no lab is active"},
		{[]string{"lab", "stop"}, 1, "", "no lab is active"},
		{[]string{"lab", "start"}, 2, "", "which lab"},
		{[]string{"lab", "start", "nope"}, 1, "", "nope: no such lab"},
		{[]string{"lab", "load"}, 2, "", "which file"},
		{[]string{"lab", "load", filepath.Join(dir, "missing.lab")}, 1, "", "No such file or directory"},
		{[]string{"lab", "load", bad}, 1, "", "bad.lab: no \"title:\" line"},
		{[]string{"lab", "list"}, 0, "fg-bg", ""},
		{[]string{"lab", "--lang", "ko", "list"}, 0, "포그라운드와 백그라운드", ""},
		{[]string{"lab", "load", file}, 0, "loaded sample (2 steps)", ""},
		{[]string{"lab", "list"}, 0, "sample", ""},
		{[]string{"lab", "start", "sample"}, 0, "step 1 of 2:\n  Run sleep and press Ctrl+Z.", "intignore, not found in $PATH"},
		{[]string{"lab", "status"}, 0, "0 of 2 steps done", ""},
		{[]string{"lab", "--lang", "ko", "status"}, 0, "0/2단계 완료", ""},
		{[]string{"lab", "reset"}, 0, "back to step 1", ""},
		{[]string{"lab", "stop"}, 0, "stopped: Stop and continue", ""},
		{[]string{"lab", "status"}, 1, "", "no lab is active"},
	}
	for _, tc := range tests {
		r := run(t, sh, "", tc.args...)
		if r.status != tc.status || !strings.Contains(r.out, tc.outHas) || !strings.Contains(r.errOut, tc.errHas) {
			t.Errorf("%q: status %d out %q err %q; want %d, %q, %q", tc.args, r.status, r.out, r.errOut, tc.status, tc.outHas, tc.errHas)
		}
	}
}

// TestLabObservesRealJobs runs a lab against a real job table: the stop of
// a real process ticks the step, and a builtin run through the registry is
// observed.
func TestLabObservesRealJobs(t *testing.T) {
	t.Cleanup(stopLab)
	js := newJobShell(t, true)
	lab, err := ParseLab("real.lab", `lab: real
title: real
step: stop
text: stop it
check: event stopped signal=SIGSTOP cmd=sleep
step: look
text: look
check: builtin jobs
`)
	if err != nil {
		t.Fatal(err)
	}
	out := &lockedBuffer{}
	r := startLab(js, lab, "en", out)
	j := js.launch("sleep", "30")
	js.run("jobs") // too early: step 1 is current
	unix.Kill(j.Pids()[0], unix.SIGSTOP)
	waitUntil(t, "step 1 ticked", func() bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		return r.step == 1
	})
	js.run("jobs")
	waitUntil(t, "lab complete", func() bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		return r.complete()
	})
	if s := out.String(); !strings.Contains(s, "step 1 done: stop it") || !strings.Contains(s, "step 2 done: look") {
		t.Errorf("output: %q", s)
	}
}

// TestLabSamplerSeesZombie: the /proc sampler reports a zombie that a
// child of the shell leaves unreaped, and its reaping. (The zombie's
// parent is sh, then sleep after its exec, so parent= is not checked here:
// the end-to-end lab test checks it with the zombie helper.)
func TestLabSamplerSeesZombie(t *testing.T) {
	lab, err := ParseLab("z.lab", `lab: z
title: z
step: zombie
text: make one
check: proc state=Z
step: reaped
text: reap it
check: proc reaped
`)
	if err != nil {
		t.Fatal(err)
	}
	out := &lockedBuffer{}
	r := newLabRun(lab, "en", out)
	r.sampler = newProcSampler(r)
	r.sampler.start()
	defer r.sampler.stop()
	parent := startProcess(t, 0, "sh", "-c", "true & exec sleep 30")
	waitUntil(t, "zombie observed", func() bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		return r.step == 1
	})
	if !r.sampler.zombieNow() {
		t.Error("zombieNow is false while a zombie exists")
	}
	killAndReap(t, parent) // the zombie is reparented and reaped
	waitUntil(t, "reaping observed", func() bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		return r.complete()
	})
}

// lab report writes the run as Markdown into a new file: each ticked step
// with the observation that ticked it, the current step, and it never
// overwrites a file.
func TestLabReport(t *testing.T) {
	sh := newFake(t)
	lab, err := ParseLab("t.lab", sampleLab)
	if err != nil {
		t.Fatal(err)
	}
	r := startLab(sh, lab, "en", &writeCounter{})
	defer stopLab()
	r.event(jobs.Event{Kind: jobs.EvStopped, Job: 1, Pid: 4242, Pgid: 4242, Signal: unix.SIGTSTP, Status: 148, Text: "sleep 100"})
	res := run(t, sh, "", "lab", "report", "r.md")
	if res.status != 0 {
		t.Fatalf("lab report: status %d, %s", res.status, res.errOut)
	}
	data, err := os.ReadFile(filepath.Join(sh.wd, "r.md"))
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	for _, want := range []string{
		"# gosh lab report: ", "- steps done: 1 of 2", "| step | done at | took | observed |",
		"| 1. " + firstLine(text(lab.Steps[0].Text, "en")) + " | ",
		"event stopped", "signal=SIGTSTP",
		"| 2. " + firstLine(text(lab.Steps[1].Text, "en")) + " | current, for ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if res := run(t, sh, "", "lab", "report", "r.md"); res.status == 0 || !strings.Contains(res.errOut, "exists") {
		t.Errorf("second report over r.md: status %d, %q", res.status, res.errOut)
	}
}

// lab start names a missing helper and says how to build it and where it
// lands.
func TestLabStartSaysHowToBuildHelpers(t *testing.T) {
	sh := newFake(t)
	sh.SetVar("PATH", t.TempDir())
	defer stopLab()
	res := run(t, sh, "", "lab", "start", "daemons")
	all := res.out + res.errOut
	for _, want := range []string{"daemon", "go install ./cmd/...", "$(go env GOPATH)/bin", "PATH"} {
		if !strings.Contains(all, want) {
			t.Errorf("lab start daemons without helpers lacks %q:\n%s", want, all)
		}
	}
}
