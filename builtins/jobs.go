package builtins

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gosh/jobs"

	"golang.org/x/sys/unix"
)

// The job-control builtins. Each one is a thin layer over the job table
// of package jobs, which owns every system call involved (kill, wait4,
// tcsetpgrp): here are only the options, the job specs and the messages.

var jobsBuiltins = []*Builtin{
	{
		Name:     "jobs",
		Synopsis: "jobs [-lprs] [jobspec ...] or jobs -x command [args]",
		Summary:  "List the shell's jobs and their states.",
		Help: `List the jobs this shell started and has not yet forgotten:
[N] is the job number, + marks the current job (the default of fg
and bg), - the previous one. A job is one pipeline: all its
processes share one process group.
-l  also show each process's pid
-p  print only each job's process group id
-r  only running jobs;  -s  only stopped jobs
-x COMMAND ARGS  run COMMAND with each JOBSPEC among ARGS replaced by
    that job's process group id
A JOBSPEC is %N (job N), %+ or %% (current), %- (previous),
%NAME (command starts with NAME), %?TEXT (command contains TEXT).`,
		Run: runJobs,
	},
	{
		Name:     "fg",
		Synopsis: "fg [jobspec]",
		Summary:  "Move a job to the foreground.",
		Help: `Continue JOBSPEC (default: the current job) in the foreground: the
shell gives the terminal to the job's process group (tcsetpgrp),
sends SIGCONT if it was stopped, and waits for it to finish or stop.
The exit status is the job's. Needs job control (set -m).`,
		Run: runFg,
	},
	{
		Name:     "bg",
		Synopsis: "bg [jobspec ...]",
		Summary:  "Continue stopped jobs in the background.",
		Help: `Continue each stopped JOBSPEC (default: the current job) in the
background, by sending SIGCONT to its process group, as if it had
been started with &. The terminal stays with the shell, so a job
that reads from it will be stopped again (SIGTTIN).`,
		Run: runBg,
	},
	{
		Name:     "disown",
		Synopsis: "disown [-h] [-ar] [jobspec ...]",
		Summary:  "Remove jobs from the job table.",
		Help: `Forget each JOBSPEC (default: the current job): it leaves the job
table, so jobs no longer lists it and the shell will not send it
SIGHUP when it exits. Its processes go on running.
-h  keep the job in the table, but do not send it SIGHUP on exit
-a  all jobs;  -r  only running jobs`,
		Run: runDisown,
	},
	{
		Name:     "kill",
		Synopsis: "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]",
		Summary:  "Send a signal to processes or jobs.",
		Help: `Send a signal (default SIGTERM) to each PID or JOBSPEC, with kill(2).
A job gets it through its process group (every process of the
pipeline at once); a negative PID names a process group.
The signal is a name (TERM, SIGTERM, term) or a number (15):
  kill -9 %1    kill -s STOP 1234    kill -INT -1234
A stopped job sent TERM or HUP also gets SIGCONT, so it can act on it.
kill -l lists the signals; kill -l N names signal N, and a status
above 128 (such as 130 from $?) names the signal that caused it.
kill is a builtin so that it understands %jobs, and so that it works
even when no new process can be created.`,
		Run: runKill,
	},
	{
		Name:     "wait",
		Synopsis: "wait [-fn] [-p var] [id ...]",
		Summary:  "Wait for background jobs to finish.",
		Help: `Wait for each PID or JOBSPEC and return the status of the last
one: its exit code, or 128+N if signal N killed it. Without
arguments, wait for every running background job (status 0).
-n  wait for the next job (of those given) to finish.
-f  under job control, wait until each job has finished: a job that
    stops does not end the wait (without -f it does).
-p VAR  put in VAR the pid whose status is returned (with -n: which
    job finished); VAR is unset when there is none.
Only children of this shell can be waited for (wait4 works only on
your own children). Ctrl+C interrupts the wait (status 130).`,
		Run: runWait,
	},
	{
		Name:     "suspend",
		Synopsis: "suspend [-f]",
		Summary:  "Suspend shell execution.",
		Help: `Stop this shell until it gets a SIGCONT (the fg of the shell that
started it): SIGSTOP to the shell's own process group, as Ctrl+Z stops
a job. Only a shell with job control may stop, and not a login shell,
which nothing could continue; -f stops it all the same.`,
		Run: runSuspend,
	},
	{
		Name:     "nohup",
		Synopsis: "nohup command [arg ...]",
		Summary:  "Run a command immune to hangups (SIGHUP).",
		Help: `Run COMMAND so that it survives the terminal going away: it starts
with SIGHUP ignored, and an ignored signal stays ignored across
execve, so the hangup the kernel (and the shell, on exit) sends to
the session's jobs does not kill it. As nohup(1) does: if standard
input is a terminal it is replaced by /dev/null; if standard output
is a terminal, output is appended to nohup.out (or $HOME/nohup.out),
created with mode 0600; if standard error is a terminal it goes
where standard output goes.
gosh runs nohup itself, as a real child process that becomes a job:
"nohup cmd &" is a background job like any other, visible in jobs.`,
		Run: func(sh Shell, io IO, args []string) (int, error) {
			// The executor recognises argv[0] == "nohup" and starts the
			// program with SIGHUP ignored (jobs.Stage.IgnoreHUP).
			return sh.RunCommand(args, io, false)
		},
	},
}

// ---- jobs ----

func runJobs(sh Shell, io IO, args []string) (int, error) {
	if len(args) > 1 && args[1] == "-x" {
		return jobsExec(sh, io, args[2:])
	}
	o, specs, ok := parseOptions(io, "jobs", args[1:], "lprs")
	if !ok {
		return statusUsage, nil
	}
	t := sh.JobTable()
	jobs.AwaitReaps() // a job whose last process was just reaped shows as ended
	status := statusOK
	var list []*jobs.Job
	if len(specs) == 0 {
		list = t.Jobs()
	}
	for _, spec := range specs {
		j, err := t.Find(spec)
		if err != nil {
			errorf(io, "jobs", "%v", err)
			status = statusFailure
			continue
		}
		list = append(list, j)
	}
	var b strings.Builder
	for _, j := range list {
		st := j.State()
		if o.has('r') && st != jobs.Running || o.has('s') && st != jobs.Stopped {
			continue
		}
		if o.has('p') {
			if pid := groupLeader(j); pid > 0 {
				fmt.Fprintf(&b, "%d\n", pid)
			}
			continue
		}
		b.WriteString(t.Format(j, o.has('l')))
		t.Shown(j) // reported now: not again before the next prompt
	}
	if st := writeOut(io, "jobs", b.String()); st != statusOK {
		return st, nil
	}
	return status, nil
}

// groupLeader is the pid jobs -p shows: the job's process group id, or,
// without job control (no group of its own), its first process.
func groupLeader(j *jobs.Job) int {
	if pg := j.Pgid(); pg > 0 {
		return pg
	}
	if pids := j.Pids(); len(pids) > 0 {
		return pids[0]
	}
	return 0
}

// ---- fg and bg ----

func runFg(sh Shell, io IO, args []string) (int, error) {
	_, specs, ok := parseOptions(io, "fg", args[1:], "")
	if !ok {
		return statusUsage, nil
	}
	t := sh.JobTable()
	if !t.JobControl() {
		errorf(io, "fg", "no job control")
		return statusFailure, nil
	}
	spec := ""
	if len(specs) > 0 {
		spec = specs[0]
	}
	j, ok := resumable(t, io, "fg", spec)
	if !ok {
		return statusFailure, nil
	}
	return t.Foreground(j), nil
}

func runBg(sh Shell, io IO, args []string) (int, error) {
	_, specs, ok := parseOptions(io, "bg", args[1:], "")
	if !ok {
		return statusUsage, nil
	}
	t := sh.JobTable()
	if !t.JobControl() {
		errorf(io, "bg", "no job control")
		return statusFailure, nil
	}
	if len(specs) == 0 {
		specs = []string{""}
	}
	status := statusOK
	for _, spec := range specs {
		j, ok := resumable(t, io, "bg", spec)
		if !ok {
			status = statusFailure
			continue
		}
		if err := t.Background(j); err != nil {
			// "job 1 already in background": bash says so and succeeds.
			errorf(io, "bg", "%v", err)
			continue
		}
		sh.SetLastBg(groupLeader(j))
	}
	return status, nil
}

// resumable finds the job that fg or bg (name) is to continue: spec names
// it, "" the current job. A job that has finished cannot be continued. On
// failure it prints why and ok is false.
func resumable(t *jobs.Table, io IO, name, spec string) (j *jobs.Job, ok bool) {
	j, err := t.Find(spec)
	if err != nil {
		errorf(io, name, "%v", err)
		return nil, false
	}
	if j.State() == jobs.Done {
		errorf(io, name, "job has terminated")
		return nil, false
	}
	return j, true
}

// ---- disown ----

func runDisown(sh Shell, io IO, args []string) (int, error) {
	o, specs, ok := parseOptions(io, "disown", args[1:], "ahr")
	if !ok {
		return statusUsage, nil
	}
	t := sh.JobTable()
	status := statusOK
	var list []*jobs.Job
	switch {
	case o.has('a') || (o.has('r') && len(specs) == 0):
		for _, j := range t.Jobs() {
			if !o.has('r') || j.State() == jobs.Running {
				list = append(list, j)
			}
		}
	case len(specs) == 0:
		specs = []string{""}
	}
	for _, spec := range specs {
		j, err := t.Find(spec)
		if err != nil {
			errorf(io, "disown", "%v", err)
			status = statusFailure
			continue
		}
		list = append(list, j)
	}
	for _, j := range list {
		t.Disown(j, o.has('h'))
	}
	return status, nil
}

// ---- kill ----

// BashSignalName is bash's name for signal n without the SIG prefix: HUP,
// RTMIN+2, RTMAX-1; "" if n is not a signal. Signals 32 and 33 belong to
// the C library's threads and have no name. kill -l and trap use it.
func BashSignalName(n int) string {
	switch {
	case n >= 1 && n <= 31:
		return strings.TrimPrefix(unix.SignalName(syscall.Signal(n)), "SIG")
	case n == 34:
		return "RTMIN"
	case n > 34 && n < 50:
		return "RTMIN+" + strconv.Itoa(n-34)
	case n >= 50 && n < 64:
		return "RTMAX-" + strconv.Itoa(64-n)
	case n == 64:
		return "RTMAX"
	}
	return ""
}

// parseSignal reads a signal spec: a number (0 to 64), or a name with or
// without SIG, in any case: 9, KILL, SIGKILL, kill, rtmin+1.
func parseSignal(spec string) (syscall.Signal, bool) {
	if n, err := strconv.Atoi(spec); err == nil {
		if n >= 0 && n <= 64 {
			return syscall.Signal(n), true
		}
		return 0, false
	}
	name := strings.ToUpper(spec)
	if name == "EXIT" {
		return 0, true // the shell's name for "no signal", as in trap
	}
	name = strings.TrimPrefix(name, "SIG")
	for n := 1; n <= 64; n++ {
		if name != "" && BashSignalName(n) == name {
			return syscall.Signal(n), true
		}
	}
	return 0, false
}

// signalTable is kill -l: " 1) SIGHUP\t 2) SIGINT..." five to a line.
func signalTable() string {
	var b strings.Builder
	col := 0
	for n := 1; n <= 64; n++ {
		name := BashSignalName(n)
		if name == "" {
			continue
		}
		fmt.Fprintf(&b, "%2d) SIG%s", n, name)
		col++
		if col%5 == 0 {
			b.WriteByte('\n')
		} else {
			b.WriteByte('\t')
		}
	}
	if col%5 != 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

// sigPrefixed reports whether a signal's name starts with SIG, in any
// case: bash's POSIX mode refuses such a name in kill.
func sigPrefixed(spec string) bool {
	return len(spec) > 3 && strings.EqualFold(spec[:3], "SIG")
}

// listSignals is kill -l with arguments: a number gives its name (an exit
// status above 128 gives the signal that caused it), a name its number.
// Without arguments, the table; in POSIX mode (posix) the names alone,
// without SIG, on one line.
func listSignals(io IO, specs []string, posix bool) int {
	if len(specs) == 0 && posix {
		var names []string
		for n := 1; n <= 64; n++ {
			if name := BashSignalName(n); name != "" {
				names = append(names, name)
			}
		}
		return writeOut(io, "kill", strings.Join(names, " ")+"\n")
	}
	if len(specs) == 0 {
		return writeOut(io, "kill", signalTable())
	}
	var b strings.Builder
	status := statusOK
	for _, spec := range specs {
		if n, err := strconv.Atoi(spec); err == nil {
			if n > 128 {
				n -= 128
			}
			switch name := BashSignalName(n); {
			case n == 0:
				b.WriteString("EXIT\n")
			case name != "":
				b.WriteString(name + "\n")
			default:
				errorf(io, "kill", "%s: invalid signal specification", spec)
				status = statusFailure
			}
			continue
		}
		sig, ok := parseSignal(spec)
		if !ok || posix && sigPrefixed(spec) {
			errorf(io, "kill", "%s: invalid signal specification", spec)
			status = statusFailure
			continue
		}
		fmt.Fprintf(&b, "%d\n", int(sig))
	}
	if st := writeOut(io, "kill", b.String()); st != statusOK {
		return st
	}
	return status
}

func runKill(sh Shell, io IO, args []string) (int, error) {
	posix, _ := sh.Option("posix") // no SIG prefix, kill -l on one line
	args = args[1:]
	if len(args) == 0 {
		return usageError(io, "kill", ""), nil
	}
	sig := syscall.SIGTERM
	sawSignal, listing := false, false
	// Options, as bash's kill reads them: -s SIG, -n NUM, -sNAME, -nNUM,
	// -SIGSPEC (only the first: a later -N is a process group), -l and
	// -L (list, with whatever follows the options).
	for len(args) > 0 {
		a := args[0]
		spec := ""
		switch {
		case a == "-l" || a == "-L":
			listing = true
			args = args[1:]
			continue
		case a == "-s" || a == "-n":
			if len(args) < 2 {
				errorf(io, "kill", "%s: option requires an argument", a)
				return statusFailure, nil
			}
			spec = args[1]
			args = args[2:]
		case len(a) > 2 && a[0] == '-' && (a[1] == 's' && isAlpha(a[2]) || a[1] == 'n' && '0' <= a[2] && a[2] <= '9'):
			spec = a[2:]
			args = args[1:]
		case a == "--":
			args = args[1:]
		case len(a) > 1 && a[0] == '-' && !sawSignal && !listing:
			spec = a[1:]
			args = args[1:]
		}
		if spec == "" {
			break
		}
		s, ok := parseSignal(spec)
		if !ok || posix && sigPrefixed(spec) {
			errorf(io, "kill", "%s: invalid signal specification", spec)
			return statusFailure, nil
		}
		sig, sawSignal = s, true
	}
	if listing {
		return listSignals(io, args, posix), nil
	}
	if len(args) == 0 {
		return usageError(io, "kill", ""), nil
	}
	t := sh.JobTable()
	status := statusOK
	for _, target := range args {
		if strings.HasPrefix(target, "%") {
			j, err := t.Find(target)
			if err != nil {
				errorf(io, "kill", "%v", err)
				status = statusFailure
				continue
			}
			if err := signalJob(t, j, sig); err != nil {
				errorf(io, "kill", "(%d) - %s", groupLeader(j), strerror(err))
				status = statusFailure
			}
			continue
		}
		pid, err := strconv.Atoi(target)
		if err != nil {
			errorf(io, "kill", "%s: arguments must be process or job IDs", target)
			status = statusFailure
			continue
		}
		if err := t.Kill(pid, sig); err != nil {
			errorf(io, "kill", "(%d) - %s", pid, strerror(err))
			status = statusFailure
		}
	}
	return status, nil
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// signalJob sends sig to a job. A stopped job cannot act on TERM or HUP
// until it runs, so it gets SIGCONT too, as bash does; kill then waits a
// moment for the job to run and end, so that the next prompt reports its
// end. (bash does not wait: after Ctrl+Z it often shows the job Stopped
// once more, and Terminated a prompt later.)
func signalJob(t *jobs.Table, j *jobs.Job, sig syscall.Signal) error {
	stopped := j.State() == jobs.Stopped
	if err := t.Signal(j, sig); err != nil {
		return err
	}
	if stopped && (sig == syscall.SIGTERM || sig == syscall.SIGHUP) {
		if err := t.Signal(j, syscall.SIGCONT); err != nil {
			return err
		}
		t.AwaitContinued(j, time.Second)
	}
	return nil
}

// ---- wait ----

// waitTarget is one argument of wait: a job, or a pid.
type waitTarget struct {
	job *jobs.Job
	pid int
}

// pidOf is the target's pid: a job's is its last process's, as $! is.
func (tg waitTarget) pidOf() int {
	if tg.job != nil {
		return tg.job.LastPid()
	}
	return tg.pid
}

func runWait(sh Shell, io IO, args []string) (status int, err error) {
	ctx := waitContext(sh)
	defer func() {
		// A trapped signal ends the wait with 128+N (trap.go).
		if st, ok := interruptedStatus(ctx); ok {
			status = st
		}
	}()
	o, specs, ok := parseOptions(io, "wait", args[1:], "fnp:")
	if !ok {
		return statusUsage, nil
	}
	// -p VAR (bash 5.1): VAR gets the pid whose status is returned; it
	// is unset first, and stays so when no status is returned.
	pidVar := o.value('p')
	if o.has('p') {
		// bash takes a name or an element (a[2]), and refuses the rest
		// before it waits.
		if !isName(pidVar) && (!isArrayRef(pidVar) || strings.HasSuffix(pidVar, "[]")) {
			errorf(io, "wait", "`%s': not a valid identifier", pidVar)
			return statusFailure, nil
		}
		if err := sh.Unset(pidVar); err != nil {
			errorf(io, "wait", "%v", err)
			return statusFailure, nil
		}
	}
	setPid := func(pid int) {
		if o.has('p') && pid > 0 {
			if err := sh.SetVar(pidVar, strconv.Itoa(pid)); err != nil {
				errorf(io, "wait", "%v", err)
			}
		}
	}
	t := sh.JobTable()
	if len(specs) == 0 {
		if o.has('n') {
			status, j, _ := t.WaitAnyJob(ctx)
			if j != nil {
				setPid(j.LastPid())
			}
			return status, nil
		}
		return t.WaitAll(ctx), nil
	}

	status = statusOK
	var targets []waitTarget
	for _, spec := range specs {
		if strings.HasPrefix(spec, "%") {
			j, err := t.Find(spec)
			if err != nil {
				errorf(io, "wait", "%v", err)
				status = 127
				continue
			}
			targets = append(targets, waitTarget{job: j})
			continue
		}
		pid, err := strconv.Atoi(spec)
		if err != nil || pid <= 0 {
			errorf(io, "wait", "`%s': not a pid or valid job spec", spec)
			status = statusFailure
			continue
		}
		targets = append(targets, waitTarget{pid: pid})
	}
	if o.has('n') {
		if len(targets) == 0 {
			return 127, nil
		}
		status, pid := waitFirst(ctx, t, io, targets, o.has('f'))
		setPid(pid)
		return status, nil
	}
	for _, tg := range targets {
		st, known := waitOne(ctx, t, tg, o.has('f'))
		if !known {
			errorf(io, "wait", "pid %d is not a child of this shell", tg.pid)
			status = 127
			continue
		}
		status = st
		setPid(tg.pidOf())
		if posix, _ := sh.Option("posix"); posix && tg.job == nil {
			t.Forget(tg.pid) // the status is taken: a second wait finds no child
		}
		if ctx.Err() != nil {
			return 128 + int(syscall.SIGINT), nil // Ctrl+C
		}
	}
	return status, nil
}

// waitOne waits for one target; known is false for a pid that is not a
// child of this shell. With done (wait -f under job control) a stop does
// not end the wait, only the end of the process or job.
func waitOne(ctx context.Context, t *jobs.Table, tg waitTarget, done bool) (status int, known bool) {
	done = done && t.JobControl()
	switch {
	case tg.job != nil && done:
		return t.WaitJobDone(ctx, tg.job), true
	case tg.job != nil:
		return t.WaitJob(ctx, tg.job), true
	case done:
		return t.WaitPidDone(ctx, tg.pid)
	}
	return t.WaitPid(ctx, tg.pid)
}

// waitFirst is wait -n with arguments: the status of whichever target
// finishes first. Each target is waited for on its own goroutine; the
// others are cancelled as soon as one answers.
func waitFirst(ctx context.Context, t *jobs.Table, io IO, targets []waitTarget, done bool) (status, pid int) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		status int
		known  bool
		pid    int
	}
	results := make(chan result, len(targets))
	// The waits run on goroutines of their own: no trap runs from them.
	ctx = jobs.WithWaitHook(ctx, nil)
	for _, tg := range targets {
		go func() {
			st, known := waitOne(ctx, t, tg, done)
			results <- result{st, known, tg.pidOf()}
		}()
	}
	for range targets {
		r := <-results
		if r.known {
			return r.status, r.pid
		}
		errorf(io, "wait", "%d: no such job", r.pid) // bash's words for wait -n
	}
	return 127, 0
}

// jobsExec is jobs -x COMMAND [ARG ...]: each argument that is a job spec
// becomes the job's process group id, then COMMAND runs ("jobs -x kill
// -CONT %1"), as bash.
func jobsExec(sh Shell, io IO, args []string) (int, error) {
	if len(args) == 0 {
		return statusOK, nil
	}
	t := sh.JobTable()
	argv := make([]string, len(args))
	for i, a := range args {
		argv[i] = a
		if !strings.HasPrefix(a, "%") {
			continue
		}
		// A spec that names no job stays as written, as in bash.
		if j, err := t.Find(a); err == nil {
			argv[i] = strconv.Itoa(jobID(j))
		}
	}
	return sh.RunCommand(argv, io, false)
}

// jobID is the number jobs -x puts for a job: its process group, which
// without job control is the shell's own (bash says the same).
func jobID(j *jobs.Job) int {
	if pg := j.Pgid(); pg > 0 {
		return pg
	}
	return syscall.Getpgrp()
}

// runSuspend stops the shell's own process group with SIGSTOP, as bash's
// suspend (the job table sends it: jobs.Table.Kill).
func runSuspend(sh Shell, io IO, args []string) (int, error) {
	o, rest, ok := parseOptions(io, "suspend", args[1:], "f")
	if !ok {
		return statusUsage, nil
	}
	if len(rest) > 0 {
		errorf(io, "suspend", "too many arguments")
		return statusFailure, ErrDiscardLine // as bash: the line goes too
	}
	t := sh.JobTable()
	if !o.has('f') {
		if !t.JobControl() {
			errorf(io, "suspend", "cannot suspend: no job control")
			return statusFailure, nil
		}
		if login, _ := sh.Option("login_shell"); login {
			errorf(io, "suspend", "cannot suspend a login shell")
			return statusFailure, nil
		}
	}
	if err := t.Kill(-syscall.Getpgrp(), syscall.SIGSTOP); err != nil {
		errorf(io, "suspend", "%s", strerror(err))
		return statusFailure, nil
	}
	return statusOK, nil
}
