package shell

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/sys/unix"

	"gosh/builtins"
	"gosh/jobs"
	"gosh/parser"
)

// This file holds the one rule that decides where a command runs when it
// is not simply an external program started by the shell: in the shell
// itself, in a copy of the shell (a goroutine, see clone), or in a child
// gosh (a new process fed a Snapshot). needsProcess is that rule; the
// executor, explain and the trace all ask it, and nothing else decides.

// Site is where a command sits on the command line (builtins.Site).
type Site = builtins.Site

// needsProcess decides where node runs, and says why (explain and the
// trace print the reason). node is a whole and-or list ended by '&'
// (*parser.AndOr, with site.Background), or one stage of a foreground
// pipeline (a parser.Command); cmd is that stage after expansion, or nil
// when it has not been expanded (explain, compound commands).
//
// The rule:
//
//   - A background job is a real process: a child gosh runs the whole
//     and-or list ("a && b &", "echo $(sleep 2) &", "nosuch &", "{ ...; } &",
//     loops with &) and expands its words itself, so nothing of it is
//     expanded in the shell and the prompt never waits. Only a background
//     pipeline of programs whose words cannot run anything, assign or fail
//     ("sleep 10 &", "ls *.c | wc -l &") is started by the shell directly,
//     which is what the child would do.
//   - Under job control, every stage of a pipeline that is not an external
//     program (a builtin, an assignment, a compound command, "( ... )") is a
//     child gosh in the job's process group, so Ctrl+Z stops it, fg
//     continues it, kill %N ends it, and the programs it starts are in the
//     group too.
//   - A "( ... )" or a pipeline stage that may read $BASHPID (its text
//     names it, or a function it names does) is a child gosh: a copy has
//     no pid of its own to give (bashvars.go).
//   - A lone builtin, assignment or "{ ...; }" in the foreground runs in the
//     shell itself, as in bash.
//   - Everywhere else nothing can tell a copy from a process: builtin
//     stages and "( ... )" in a script, and everything inside a copy or a
//     child gosh (which run without job control). They run in a copy.
//
// Command substitution runs in a copy (commandSubst) without asking:
// nothing can see its process, except $BASHPID, for which it runs in a
// child gosh (commandSubstChild).
func (sh *Shell) needsProcess(node any, cmd *command, site Site) builtins.Decision {
	switch n := node.(type) {
	case *parser.AndOr:
		if why := sh.backgroundNeedsChild(n); why != "" {
			return builtins.Decision{Place: builtins.Child, Reason: why}
		}
		return builtins.Decision{Place: builtins.Program, Reason: "a background pipeline of programs whose words cannot run a command, " +
			"assign or fail: the shell expands them and starts each program itself, as the child would"}
	case parser.Command:
		return sh.stagePlacement(n, cmd, site)
	}
	return builtins.Decision{Place: builtins.Child, Reason: "a command the shell does not know how to place runs in a child gosh"}
}

// Decide is needsProcess for explain (builtins.Shell), before expansion.
func (sh *Shell) Decide(node any, site builtins.Site) builtins.Decision {
	return sh.needsProcess(node, nil, site)
}

// commandKind is what a simple command's name resolves to.
type commandKind int

const (
	kindProgram  commandKind = iota // an external program (or nohup PROGRAM)
	kindBuiltin                     // a builtin or a function
	kindAssign                      // no command word: assignments and redirections
	kindNotFound                    // a literal name that PATH search does not find
	kindDynamic                     // the name comes from an expansion
	kindCompound                    // a compound command or a function definition
)

// classify finds what a command runs, from its expansion when there is
// one, else from its literal name.
func (sh *Shell) classify(c parser.Command, cmd *command) (commandKind, string) {
	if cmd != nil {
		switch {
		case len(cmd.argv) == 0:
			return kindAssign, ""
		case cmd.nohup:
			return kindProgram, cmd.argv[0]
		case cmd.builtin != nil || sh.funcs[cmd.argv[0]] != nil:
			return kindBuiltin, cmd.argv[0]
		}
		return kindProgram, cmd.argv[0]
	}
	sc, ok := c.(*parser.SimpleCommand)
	if !ok {
		return kindCompound, ""
	}
	if len(sc.Args) == 0 {
		return kindAssign, ""
	}
	name, literal := sc.Args[0].Literal()
	switch {
	case !literal:
		return kindDynamic, ""
	case name == "nohup":
		return kindProgram, name
	case sh.funcs[name] != nil:
		return kindBuiltin, name
	}
	if _, ok := builtins.Lookup(name); ok {
		return kindBuiltin, name
	}
	if _, err := sh.lookPath(name); err != nil {
		return kindNotFound, name
	}
	return kindProgram, name
}

// stagePlacement is needsProcess for one stage of a foreground pipeline.
func (sh *Shell) stagePlacement(c parser.Command, cmd *command, site Site) builtins.Decision {
	kind, name := sh.classify(c, cmd)
	what := describeKind(kind, name, c)
	jobControl := sh.Jobs.JobControl() && !sh.subshell && !site.InChild
	_, isSubshell := c.(*parser.Subshell)
	switch {
	case kind == kindProgram || kind == kindNotFound || kind == kindDynamic:
		return builtins.Decision{Place: builtins.Program, Reason: what + ": a new process (fork+exec)"}
	case (isSubshell || site.Stages > 1) && (kind != kindBuiltin || cmd == nil) && sh.copyHidesPid(c, isSubshell):
		return builtins.Decision{Place: builtins.Child, Reason: what + " that reads $BASHPID: a copy of the shell has no " +
			"process of its own, so a child gosh runs it, whose BASHPID is its own pid, as in bash"}
	case site.Stages <= 1 && isSubshell && jobControl:
		return builtins.Decision{Place: builtins.Child, Reason: what + ": under job control it is a process of its own, " +
			"in the job's group, so Ctrl+Z, fg and kill %N reach it"}
	case site.Stages <= 1 && isSubshell:
		return builtins.Decision{Place: builtins.Copy, Reason: what + ": without job control nothing can tell a copy " +
			"of the shell from a process, so a copy runs it (no fork)"}
	case site.Stages <= 1:
		return builtins.Decision{Place: builtins.InShell, Reason: what + ": it runs in the shell itself (no fork), as in bash"}
	case kind == kindBuiltin && reportsShellTables[name] && sh.funcs[name] == nil:
		return builtins.Decision{Place: builtins.Copy, Reason: what + " that lists what only the shell process holds (its jobs, " +
			"its history): a forked child would inherit them, a new gosh would not, so a copy of the shell runs it on a goroutine (no fork)"}
	case jobControl:
		return builtins.Decision{Place: builtins.Child, Reason: what + " in a pipeline: under job control every stage is a " +
			"process in the job's group (a child gosh), so Ctrl+Z stops it, fg continues it and kill %N ends it"}
	}
	return builtins.Decision{Place: builtins.Copy, Reason: what + " in a pipeline: without job control nothing can tell a copy " +
		"of the shell from a process, so a copy runs it on a goroutine (no fork)"}
}

// reportsShellTables are the builtins whose output is the shell's job
// table or history list, which live in the shell process and are not part
// of the Snapshot: "jobs -p | xargs kill" and "history | grep make" need
// the shell's own, as a forked child in bash has them.
var reportsShellTables = map[string]bool{"jobs": true, "history": true, "fc": true}

func describeKind(kind commandKind, name string, c parser.Command) string {
	switch kind {
	case kindProgram:
		return name + " is a program"
	case kindBuiltin:
		return name + " is a builtin"
	case kindAssign:
		return "a command of only assignments and redirections"
	case kindNotFound:
		return name + " is not found"
	case kindDynamic:
		return "the command name comes from an expansion"
	}
	switch c.(type) {
	case *parser.Subshell:
		return "( ... ) is a subshell"
	case *parser.FuncDecl:
		return "a function definition"
	}
	return "a compound command"
}

// backgroundNeedsChild says why a list item ended by '&' must run in a
// child gosh, or "" when the shell may start it directly: a pipeline of
// programs whose words expand to the same thing wherever they are
// expanded and change nothing.
func (sh *Shell) backgroundNeedsChild(ao *parser.AndOr) string {
	const tail = ": a child gosh runs it, so that $! is a real pid and kill %N, wait and Ctrl+Z reach all of it"
	if len(ao.Rest) > 0 {
		return "an and-or list in the background is one job" + tail
	}
	if ao.First.Bang {
		return "'!' inverts the status of a background pipeline" + tail
	}
	if ao.First.Time != nil {
		return "\"time\" reports when the whole pipeline has finished" + tail
	}
	for _, c := range ao.First.Cmds {
		kind, name := sh.classify(c, nil)
		switch kind {
		case kindBuiltin:
			return name + " is a builtin; in the background it needs a process of its own" + tail
		case kindAssign:
			return "assignments in the background change only the child that runs them" + tail
		case kindNotFound:
			return name + " is not found: a child gosh reports it and exits with 127, so that the job has a pid ($!) and wait $! returns 127"
		case kindDynamic:
			return "the command name comes from an expansion, which the child does" + tail
		case kindCompound:
			return describeKind(kind, name, c) + " in the background" + tail
		}
		sc := c.(*parser.SimpleCommand)
		for _, a := range sc.Assigns {
			if a.Name == "PATH" {
				return "PATH=... changes where " + name + " is found: the child searches it, and reports a failure itself" + tail
			}
		}
		if w := sh.firstActiveWord(sc); w != "" {
			return fmt.Sprintf("the word %s runs a command, assigns or may fail when expanded: the child expands it, never the shell, "+
				"so the prompt does not wait for it", w)
		}
	}
	return ""
}

// firstActiveWord returns the first word of sc (assignment, argument,
// redirection target or here-document) whose expansion could run a
// command, assign a variable or fail, or "".
func (sh *Shell) firstActiveWord(sc *parser.SimpleCommand) string {
	check := func(w *parser.Word) bool { return w != nil && !sh.quietParts(w.Parts) }
	for _, a := range sc.Assigns {
		if check(a.Value) {
			return a.Name + "=" + parser.String(a.Value)
		}
	}
	for _, w := range sc.Args {
		if check(w) {
			return parser.String(w)
		}
	}
	for _, r := range sc.Redirs {
		if r.Heredoc != nil {
			if !r.Heredoc.Quoted && check(r.Heredoc.Body) {
				return "<<" + r.Heredoc.Delim + " (its body)"
			}
			continue
		}
		if check(r.Target) {
			return parser.String(r.Target)
		}
	}
	return ""
}

// quietParts reports whether expanding parts can neither run a command,
// nor assign, nor fail: literal text, quotes, and plain parameters (not
// under set -u), with ${x-w} and ${x+w} whose word is quiet too. Anything
// else, and any part this function does not know, is not quiet.
func (sh *Shell) quietParts(parts []parser.WordPart) bool {
	for _, part := range parts {
		switch p := part.(type) {
		case *parser.Lit, *parser.Escaped, *parser.SglQuoted:
		case *parser.DblQuoted:
			if !sh.quietParts(p.Parts) {
				return false
			}
		case *parser.ParamExp:
			if sh.Opts.Nounset {
				return false
			}
			switch p.Op {
			case parser.ParamNone:
			case parser.ParamDefault, parser.ParamAlt:
				if p.Arg != nil && !sh.quietParts(p.Arg.Parts) {
					return false
				}
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}

// traceDecision narrates needsProcess's answer.
func (sh *Shell) traceDecision(text string, d builtins.Decision) {
	if tr := sh.Jobs.Trace(); tr.On() {
		tr.Shell("%s: %s, because %s", text, d.Place, d.Reason)
	}
}

// A child gosh is started as /proc/self/exe with this argv:
//
//	gosh: TEXT --snapshot-fd=N
//
// argv[0] is "gosh: " and the command text as written (one line, at most
// childTextMax bytes), so that ps, procs and ptree show what the child
// runs; never an expanded word, so no variable's value is ever in it. The
// one argument names the descriptor N where the child finds a memfd with
// its start message (childStart, encoded as in snapshot_codec.go): the
// Snapshot and the commands to run. Exported variables are in the
// environment as for any child; nothing else is.
const (
	ChildFlag    = "--snapshot-fd="
	childTextMax = 120
)

// childComm is a child gosh's command name (/proc/PID/comm), NUL-ended.
var childComm = [...]byte{'g', 'o', 's', 'h', 0}

// childStart is what a child gosh reads from its memfd.
type childStart struct {
	Snap Snapshot
	// Body is the commands to run, as printed source. The child parses it
	// with aliases off: any alias was expanded when the shell parsed it.
	Body string
}

// childStage builds the stage that runs body in a child gosh with the fds
// of t: the API for every command that needs a process of its own
// (needsProcess answers builtins.Child). body is source text, or an AST
// node (*parser.AndOr, *parser.List, a parser.Command ...) that is printed.
// label is what ps and jobs -l show: the command as the user wrote it,
// never expanded ("" = the printed node; a text body, which may hold
// expanded words, shows as "subshell"). The shell closes the memfd with t's other
// fds once the stage has started.
func (sh *Shell) childStage(body any, label string, t *fdTable) jobs.Stage {
	src, isText := body.(string)
	if !isText {
		src = parser.String(body)
	}
	switch {
	case label != "":
	case isText:
		label = "subshell" // text may hold expanded words: never in argv
	default:
		label = src
	}
	label = childLabel(label)
	snap := sh.snapshot().encodable()
	sh.childSubshellLevel(snap, body) // BASH_SUBSHELL (bashvars.go)
	snap.AsyncIgnored = sh.asyncIgnores(t.background)
	if line := nodeLine(body); line > 0 {
		snap.Line = line // the child's $LINENO counts from the command's own line
	}
	files := append([]int(nil), t.fds...)
	for len(files) < 3 {
		files = append(files, -1)
	}
	// In the child, fd i is what Files[i] is here: its table is the identity.
	snap.Fds = make([]int, len(files))
	for i, fd := range files {
		snap.Fds[i] = -1
		if fd >= 0 {
			snap.Fds[i] = i
		}
	}
	data, err := encodeSnapshot(&childStart{Snap: *snap, Body: src})
	if err != nil {
		return sh.failedStage(t, err, 2)
	}
	fd, err := snapshotMemfd(data)
	if err != nil {
		return sh.failedStage(t, &redirError{"cannot start a child gosh: memfd: " + errnoText(err)}, 126)
	}
	t.own(fd)
	n := len(files)
	files = append(files, fd)
	if tfd := sh.Jobs.Trace().Fd(); tfd >= 0 {
		// The child narrates its own steps on the same channel: it
		// finds the trace's descriptor right after the memfd, and the
		// read end of a gate that opens when the shell has narrated
		// the child's start (traceFdOf).
		files = append(files, tfd)
		if gate := traceGate(t); gate >= 0 {
			files = append(files, gate)
		}
	}
	st := jobs.Stage{
		Path:  "/proc/self/exe",
		Argv:  []string{"gosh: " + label, ChildFlag + strconv.Itoa(n)},
		Env:   sh.Vars.Environ(nil),
		Files: files,
		Text:  label,
	}
	st.Dir = sh.stageDir()
	if tr := sh.Jobs.Trace(); tr.On() {
		st.Trace = append(st.Trace, fmt.Sprintf("the child gosh reads its snapshot (%d bytes: variables, options, aliases, "+
			"functions, $0 and $@, $?, $!, $$, directory, umask, traps, fds) from memfd %d, then runs: %s", len(data), n, label))
	}
	return st
}

// childLabel is the command text for a child's argv and jobs -l: its
// first line, cut to childTextMax bytes.
func childLabel(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i]) + " ..."
	}
	if len(s) > childTextMax {
		cut := childTextMax
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut-- // never half a character
		}
		s = s[:cut] + "..."
	}
	return s
}

// snapshotMemfd puts a child's start message in an anonymous memory file:
// run by the shell before it starts the child. A memfd needs no reader
// while it is written (a pipe holds only 64 KiB) and is readable only
// through a descriptor: it appears nowhere in /proc/PID/cmdline or environ.
// It is close-on-exec; the child receives it only through its fd table.
func snapshotMemfd(data []byte) (int, error) {
	fd, err := unix.MemfdCreate("gosh-snapshot", unix.MFD_CLOEXEC)
	if err != nil {
		return -1, err
	}
	for off := 0; off < len(data); {
		n, err := unix.Pwrite(fd, data[off:], int64(off))
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return -1, err
		}
		off += n
	}
	return fd, nil
}

// readSnapshotFd reads a child's start message from fd and closes fd.
func readSnapshotFd(fd int) ([]byte, error) {
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, err
	}
	data := make([]byte, st.Size)
	for off := 0; off < len(data); {
		n, err := unix.Pread(fd, data[off:], int64(off))
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, errSnapshotShort
		}
		off += n
	}
	return data, nil
}

// RunChild is a child gosh: cmd/gosh calls it when started with ChildFlag.
// It reads the start message from fd, restores the Snapshot, and runs the
// body without job control and without start-up files; its exit status is
// the body's. self is the gosh executable.
func RunChild(fd int, self string) (int, error) {
	// Started as /proc/self/exe (the very binary of the parent, so the
	// snapshot's layout matches), the process would be named "exe".
	unix.Prctl(unix.PR_SET_NAME, uintptr(unsafe.Pointer(&childComm[0])), 0, 0, 0)
	data, err := readSnapshotFd(fd)
	if err != nil {
		return 2, fmt.Errorf("cannot read the snapshot from fd %d: %v", fd, err)
	}
	var m childStart
	if err := decodeSnapshot(data, &m); err != nil {
		return 2, err
	}
	traceFd, gate := -1, -1
	if m.Snap.Opts.Trace {
		traceFd, gate = traceFdOf(fd)
	}
	sh := &Shell{self: self, source: sourceChild}
	if err := sh.restore(&m.Snap); err != nil {
		return 2, err
	}
	if err := sh.SetupPrivileges(); err != nil { // re-executed setuid: drop again unless -p
		return 1, err
	}
	// Its fds are the ones it was started with, at their numbers (the
	// snapshot's table is the identity): they are its own now.
	sh.Jobs = jobs.New(jobs.Config{TTY: -1, Stderr: noticeWriter{sh}, Self: self})
	// Signals: the snapshot's ignored signals are SIG_IGN in this process
	// too, for its children; the rest as for any script (trap_unix.go).
	sh.traps = sh.traps.forSubshell() // caught signals reset, ignored ones kept
	sh.sigs = newSignals(sh, nil)
	// SIGQUIT (Ctrl+\ on a job with a child gosh in it) ends a child gosh
	// as it ends any process, by the signal's default action, never with
	// the Go runtime's goroutine dump; unless it is ignored on entry.
	sh.sigs.quitKills = true
	sh.ignoreOnEntry()
	sh.applyInheritedTraps()
	// Its fds above 2 are those of the snapshot's table, at their numbers:
	// all it was given (traceFdOf took the trace's).
	var given []int
	for n := 3; n < len(sh.stdio); n++ {
		if sh.stdio[n] >= 0 {
			given = append(given, n)
		}
	}
	sh.adoptInheritedFds(given)
	// A child runs without job control: its children stay in its process
	// group, which is the job's. It is not interactive.
	sh.Opts.Interactive, sh.Opts.Monitor = false, false
	if sh.Opts.Trace {
		sh.applyChildTrace(traceFd, gate)
	}
	if sh.umask != processUmask() {
		unix.Umask(sh.umask)
	}
	if err := sh.Jobs.InitNonInteractive(); err != nil {
		return 1, err
	}
	f, err := parser.Parse(childSource(&m))
	if err != nil {
		return 2, fmt.Errorf("child gosh: %v", err)
	}
	sh.specials.ownSubshell = fileIsSubshell(f) // bashvars.go
	sh.specials.simpleTop = fileIsSimple(f)
	st, err := sh.Run(f)
	st, err = subshellStatus(st, err) // exit, return, break end the child
	st, err = sh.finish(st, err)
	if err == nil || errors.Is(err, errAbandon) {
		st = sh.RunExitTrap(st) // an EXIT trap set in the child
	}
	if errors.Is(err, errAbandon) {
		err = nil
	}
	return st, err
}

// maxLinePadding bounds the blank lines childSource puts before a body.
const maxLinePadding = 1 << 16

// childSource is the text a child gosh parses: the body, after blank lines
// that put its first line at line Snap.Line, so that the line numbers of
// the parsed commands ($LINENO) are those of the shell's source.
func childSource(m *childStart) string {
	if n := m.Snap.Line - 1; n > 0 && n <= maxLinePadding {
		return strings.Repeat("\n", n) + m.Body
	}
	return m.Body
}

// nodeLine is the line where an AST node given to childStage starts, or 0.
func nodeLine(body any) int {
	switch n := body.(type) {
	case *parser.AndOr:
		return n.First.Pos.Line
	case *parser.Pipeline:
		return n.Pos.Line
	case *parser.List:
		if len(n.Items) > 0 {
			return n.Items[0].Pos.Line
		}
	case parser.Command:
		return n.Position().Line
	}
	return 0
}

// commandText quotes an expanded command so that a new shell runs exactly
// these words.
func commandText(cmd *command) string {
	words := make([]string, 0, len(cmd.assigns)+len(cmd.argv))
	for _, a := range cmd.assigns {
		words = append(words, a.name+"="+shellQuote(a.value))
	}
	for _, w := range cmd.argv {
		words = append(words, shellQuote(w))
	}
	return strings.Join(words, " ")
}

// shellQuote quotes s for the shell's own parser, leaving plain words bare
// (also how set -x shows words, as bash does).
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`|&;<>()*?[]#~=!{}%") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
