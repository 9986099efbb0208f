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
// (*parser.AndOr, with site.Background), a coproc (*parser.Coproc, whose
// command is placed as that command with '&'), or one stage of a
// foreground pipeline (a parser.Command); cmd is that stage after
// expansion, or nil when it has not been expanded (explain, compound
// commands).
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
//   - A stage of a pipeline whose copies would not find descriptors
//     enough in the shell's own process (fewer than copyFdNeed free below
//     its soft ulimit -n, fdroom_unix.go: a copy holds its pipe ends for as
//     long as it runs) is a child gosh, which holds them in its own, so a
//     long pipeline of builtins runs under a low ulimit -n as in bash.
//   - Everywhere else nothing can tell a copy from a process: builtin
//     stages and "( ... )" in a script, and everything inside a copy or a
//     child gosh (which run without job control). They run in a copy.
//   - With shopt -s lastpipe and no job control (a script, a copy, a
//     child gosh, set +m), the last stage of a foreground pipeline is
//     placed as if it were alone (a builtin, a function, { } and loops in
//     the shell itself, "( ... )" in a copy, a program forked) and run by
//     the shell after the other stages have started, with the pipe as its
//     stdin (Decision.LastPipe, lastpipe.go), as bash does.
//
// Command substitution runs in a copy (commandSubst) without asking:
// nothing can see its process, except $BASHPID, for which it runs in a
// child gosh (commandSubstChild).
func (sh *Shell) needsProcess(node any, cmd *command, site Site) builtins.Decision {
	switch n := node.(type) {
	case *parser.AndOr:
		if why := sh.backgroundNeedsChild(n); why != (jobs.Msg{}) {
			return builtins.Decision{Place: builtins.Child, Reason: why}
		}
		return builtins.Decision{Place: builtins.Program, Reason: jobs.Msg{
			En: "a background pipeline of programs whose words cannot run a command, " +
				"assign or fail: the shell expands them and starts each program itself, as the child would",
			Ko: "단어가 명령을 실행하거나 대입하거나 실패할 수 없는 프로그램들의 백그라운드 파이프라인: " +
				"셸이 단어를 확장하고 프로그램을 하나씩 직접 시작한다. 자식이 해도 똑같다",
		}}
	case *parser.Coproc:
		// A coproc's command runs as it would with '&'.
		d := sh.needsProcess(coprocJob(n), nil, Site{Background: true})
		d.Reason = jobs.Msg{
			En: "a coproc runs its command as \"command &\" would, its stdin and stdout two pipes: %s",
			Ko: "coproc은 명령을 \"명령 &\"처럼 실행하고, 표준 입력과 출력은 두 파이프다: %s",
		}.With(d.Reason)
		return d
	case parser.Command:
		return sh.stagePlacement(n, cmd, site)
	}
	return builtins.Decision{Place: builtins.Child, Reason: jobs.Msg{
		En: "a command the shell does not know how to place runs in a child gosh",
		Ko: "셸이 어디서 실행할지 모르는 명령은 자식 gosh에서 실행한다",
	}}
}

// Decide is needsProcess for explain (builtins.Shell), before expansion.
func (sh *Shell) Decide(node any, site builtins.Site) builtins.Decision {
	d := sh.needsProcess(node, nil, site)
	d.ExecsLast = d.Place == builtins.Child && lastCommand(node) != nil
	return d
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
	if site.Last && site.Stages > 1 && sh.Opts.Shopt.Lastpipe && !jobControl && !site.Background {
		// shopt -s lastpipe: the shell runs the last stage as it would run
		// it alone, its stdin the pipe (lastpipe.go).
		d := sh.stagePlacement(c, cmd, Site{Stages: 1, InChild: site.InChild})
		d.LastPipe = true
		d.Reason = jobs.Msg{
			En: "shopt lastpipe and no job control: the last stage of a pipeline is a command of the shell itself, " +
				"run after the others have started, its stdin the pipe, and what it assigns stays, as in bash: %s",
			Ko: "shopt lastpipe이고 작업 제어가 없다: 파이프라인의 마지막 단계는 셸 자신의 명령이다. 다른 단계들이 " +
				"시작한 뒤에 표준 입력을 파이프로 하여 실행하고, 그것이 대입한 것은 bash에서처럼 남는다: %s",
		}.With(d.Reason)
		return d
	}
	_, isSubshell := c.(*parser.Subshell)
	switch {
	case kind == kindProgram || kind == kindNotFound || kind == kindDynamic:
		return builtins.Decision{Place: builtins.Program, Reason: jobs.Msg{
			En: "%s: a new process (fork+exec)",
			Ko: "%s: 새 프로세스(fork+exec)",
		}.With(what)}
	case (isSubshell || site.Stages > 1) && (kind != kindBuiltin || cmd == nil) && sh.copyHidesPid(c, isSubshell):
		return builtins.Decision{Place: builtins.Child, Reason: jobs.Msg{
			En: "%s that reads $BASHPID: a copy of the shell has no process of its own, so a child gosh runs it, " +
				"whose BASHPID is its own pid, as in bash",
			Ko: "$BASHPID를 읽는 %s: 셸의 사본에는 자기 프로세스가 없으므로 자식 gosh가 실행한다. " +
				"bash에서처럼 그 BASHPID는 자식 자신의 pid다",
		}.With(what)}
	case site.Stages <= 1 && isSubshell && jobControl:
		return builtins.Decision{Place: builtins.Child, Reason: jobs.Msg{
			En: "%s: under job control it is a process of its own, in the job's group, so Ctrl+Z, fg and kill %%N reach it",
			Ko: "%s: 작업 제어 아래에서는 작업의 프로세스 그룹에 속한 별도의 프로세스다. 그래서 Ctrl+Z, fg, kill %%N이 닿는다",
		}.With(what)}
	case site.Stages <= 1 && isSubshell:
		return builtins.Decision{Place: builtins.Copy, Reason: jobs.Msg{
			En: "%s: without job control nothing can tell a copy of the shell from a process, so a copy runs it (no fork)",
			Ko: "%s: 작업 제어가 없으면 셸의 사본과 프로세스를 구별할 방법이 없으므로 사본이 실행한다(fork 없음)",
		}.With(what)}
	case site.Stages <= 1:
		return builtins.Decision{Place: builtins.InShell, Reason: jobs.Msg{
			En: "%s: it runs in the shell itself (no fork), as in bash",
			Ko: "%s: bash처럼 셸 자신 안에서 실행된다(fork 없음)",
		}.With(what)}
	case kind == kindBuiltin && reportsShellTables(name) && sh.funcs[name] == nil:
		return builtins.Decision{Place: builtins.Copy, Reason: jobs.Msg{
			En: "%s that lists what only the shell process holds (its jobs, its history): a forked child would inherit them, " +
				"a new gosh would not, so a copy of the shell runs it on a goroutine (no fork)",
			Ko: "%s, 셸 프로세스만 가진 것(작업, 히스토리)을 보여 준다: fork한 자식이라면 물려받겠지만 " +
				"새 gosh는 받지 못하므로 셸의 사본이 고루틴에서 실행한다(fork 없음)",
		}.With(what)}
	case jobControl:
		return builtins.Decision{Place: builtins.Child, Reason: jobs.Msg{
			En: "%s in a pipeline: under job control every stage is a process in the job's group (a child gosh), " +
				"so Ctrl+Z stops it, fg continues it and kill %%N ends it",
			Ko: "파이프라인 안의 %s: 작업 제어 아래에서는 모든 단계가 작업의 프로세스 그룹에 속한 프로세스(자식 gosh)다. " +
				"그래서 Ctrl+Z가 정지시키고 fg가 계속시키며 kill %%N이 끝낸다",
		}.With(what)}
	}
	// Descriptors are short (fdroom_unix.go): asked last, so that the
	// cases above cost no system call. The stand-in pipe the shell holds
	// while it prepares the stages is in the need, not taken from the free.
	need, held := copyFdNeed(site.Stages), 0
	if site.StandIn {
		held = 2
	}
	if free, limit := fdRoom(need - held); free+held < need {
		free += held
		return builtins.Decision{Place: builtins.Child, Reason: jobs.Msg{
			En: "%s in a pipeline: descriptors are short (%d free below the open-files limit %d, where copies of the shell " +
				"would need %d: they hold their pipe ends in the shell's own process), so a child gosh runs it, " +
				"which holds them in its own, and the shell holds about two at a time, as bash does",
			Ko: "파이프라인 안의 %s: 디스크립터가 모자란다(열린 파일 제한 %[3]d 아래에서 %[2]d개가 비어 있는데, 셸의 사본들은 " +
				"%[4]d개가 필요하다: 사본은 파이프 끝을 셸 자신의 프로세스에 쥐고 있다). 그래서 자식 gosh가 실행하고 " +
				"파이프 끝은 자식이 쥔다. 셸은 bash처럼 한 번에 두 개쯤만 쥔다",
		}.With(what, free, limit, need)}
	}
	return builtins.Decision{Place: builtins.Copy, Reason: jobs.Msg{
		En: "%s in a pipeline: without job control nothing can tell a copy of the shell from a process, " +
			"so a copy runs it on a goroutine (no fork)",
		Ko: "파이프라인 안의 %s: 작업 제어가 없으면 셸의 사본과 프로세스를 구별할 방법이 없으므로 " +
			"사본이 고루틴에서 실행한다(fork 없음)",
	}.With(what)}
}

// reportsShellTables are the builtins whose output is the shell's job
// table (with its jobs' timelines) or history list, which live in the
// shell process and are not part of the Snapshot: "jobs -p | xargs kill",
// "history | grep make" and "timeline %1 | less" need the shell's own, as
// a forked child in bash has them. (A switch: a map would be built at
// every start of gosh.)
func reportsShellTables(name string) bool {
	switch name {
	case "jobs", "history", "fc", "timeline":
		return true
	}
	return false
}

func describeKind(kind commandKind, name string, c parser.Command) jobs.Msg {
	switch kind {
	case kindProgram:
		return jobs.Msg{En: "%s is a program", Ko: "%s은(는) 프로그램"}.With(name)
	case kindBuiltin:
		return jobs.Msg{En: "%s is a builtin", Ko: "%s은(는) builtin"}.With(name)
	case kindAssign:
		return jobs.Msg{En: "a command of only assignments and redirections", Ko: "대입과 리다이렉션만 있는 명령"}
	case kindNotFound:
		return jobs.Msg{En: "%s is not found", Ko: "%s을(를) 찾을 수 없음"}.With(name)
	case kindDynamic:
		return jobs.Msg{En: "the command name comes from an expansion", Ko: "명령 이름이 확장에서 나옴"}
	}
	switch c.(type) {
	case *parser.Subshell:
		return jobs.Msg{En: "( ... ) is a subshell", Ko: "( ... )는 서브셸"}
	case *parser.FuncDecl:
		return jobs.Msg{En: "a function definition", Ko: "함수 정의"}
	}
	return jobs.Msg{En: "a compound command", Ko: "복합 명령"}
}

// backgroundNeedsChild says why a list item ended by '&' must run in a
// child gosh, or the zero Msg when the shell may start it directly: a pipeline of
// programs whose words expand to the same thing wherever they are
// expanded and change nothing.
func (sh *Shell) backgroundNeedsChild(ao *parser.AndOr) jobs.Msg {
	tail := jobs.Msg{
		En: "%s: a child gosh runs it, so that $! is a real pid and kill %%N, wait and Ctrl+Z reach all of it",
		Ko: "%s: 자식 gosh가 실행한다. 그래야 $!가 진짜 pid이고 kill %%N, wait, Ctrl+Z가 전부에 닿는다",
	}
	if len(ao.Rest) > 0 {
		return tail.With(jobs.Msg{En: "an and-or list in the background is one job", Ko: "백그라운드의 and-or 목록은 하나의 작업이다"})
	}
	if ao.First.Bang {
		return tail.With(jobs.Msg{En: "'!' inverts the status of a background pipeline", Ko: "'!'가 백그라운드 파이프라인의 상태를 뒤집는다"})
	}
	if ao.First.Time != nil {
		return tail.With(jobs.Msg{En: "\"time\" reports when the whole pipeline has finished", Ko: "\"time\"은 파이프라인 전체가 끝났을 때 보고한다"})
	}
	for _, c := range ao.First.Cmds {
		kind, name := sh.classify(c, nil)
		switch kind {
		case kindBuiltin:
			return tail.With(jobs.Msg{
				En: "%s is a builtin; in the background it needs a process of its own",
				Ko: "%s은(는) builtin이다. 백그라운드에서는 자기 프로세스가 필요하다",
			}.With(name))
		case kindAssign:
			return tail.With(jobs.Msg{
				En: "assignments in the background change only the child that runs them",
				Ko: "백그라운드의 대입은 그것을 실행하는 자식만 바꾼다",
			})
		case kindNotFound:
			return jobs.Msg{
				En: "%s is not found: a child gosh reports it and exits with 127, so that the job has a pid ($!) and wait $! returns 127",
				Ko: "%s을(를) 찾을 수 없다: 자식 gosh가 그것을 알리고 127로 종료한다. 그래서 작업에 pid($!)가 있고 wait $!는 127을 돌려준다",
			}.With(name)
		case kindDynamic:
			return tail.With(jobs.Msg{
				En: "the command name comes from an expansion, which the child does",
				Ko: "명령 이름이 확장에서 나오고, 그 확장은 자식이 한다",
			})
		case kindCompound:
			return tail.With(jobs.Msg{En: "%s in the background", Ko: "백그라운드의 %s"}.With(describeKind(kind, name, c)))
		}
		sc := c.(*parser.SimpleCommand)
		for _, a := range sc.Assigns {
			if a.Name == "PATH" {
				return tail.With(jobs.Msg{
					En: "PATH=... changes where %s is found: the child searches it, and reports a failure itself",
					Ko: "PATH=...가 %s을(를) 찾는 곳을 바꾼다: 자식이 찾고, 실패도 자식이 알린다",
				}.With(name))
			}
		}
		if w := sh.firstActiveWord(sc); w != "" {
			return jobs.Msg{
				En: "the word %s runs a command, assigns or may fail when expanded: the child expands it, never the shell, " +
					"so the prompt does not wait for it",
				Ko: "단어 %s은(는) 확장될 때 명령을 실행하거나 대입하거나 실패할 수 있다: 셸이 아니라 자식이 확장하므로 " +
					"프롬프트는 그것을 기다리지 않는다",
			}.With(w)
		}
		if f := sh.fifoTarget(sc); f != "" {
			return jobs.Msg{
				En: "%s is a FIFO: opening it waits until its other end is opened too, so the child opens it, " +
					"as bash's forked child does, and the shell goes on (mkfifo f; cmd >f & cat f)",
				Ko: "%s은(는) FIFO다: 그것을 여는 일은 반대쪽 끝도 열릴 때까지 기다리므로, bash의 fork된 자식처럼 " +
					"자식이 열고 셸은 계속 나아간다(mkfifo f; cmd >f & cat f)",
			}.With(f)
		}
	}
	return jobs.Msg{}
}

// fifoTarget returns the first file a redirection of sc opens that is a
// FIFO, or "". Its words are quiet (firstActiveWord): expanding them here
// changes nothing.
func (sh *Shell) fifoTarget(sc *parser.SimpleCommand) string {
	for _, r := range sc.Redirs {
		switch r.Op {
		case parser.RedirIn, parser.RedirOut, parser.RedirAppend, parser.RedirClobber,
			parser.RedirReadWrite, parser.RedirAll, parser.RedirAllAppend:
		default:
			continue
		}
		if r.Target == nil {
			continue
		}
		path, err := sh.expandRedirTarget(r.Target)
		if err != nil || path == "" {
			continue
		}
		var st unix.Stat_t
		if unix.Stat(sh.abs(path), &st) == nil && st.Mode&unix.S_IFMT == unix.S_IFIFO {
			return path
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
		tr.Shell(jobs.Msg{En: "%s: %s, because %s", Ko: "%s: %s 실행한다. 까닭: %s"}, text, d.Place.Words(), d.Reason)
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
	// Role is what the child is for, which its trace lines name.
	Role childRole
}

// childStage builds the stage that runs body in a child gosh with the fds
// of t: the API for every command that needs a process of its own
// (needsProcess answers builtins.Child). body is source text, or an AST
// node (*parser.AndOr, *parser.List, a parser.Command ...) that is printed.
// label is what ps and jobs -l show: the command as the user wrote it,
// never expanded ("" = the printed node; a text body, which may hold
// expanded words, shows as "subshell"). The shell closes the memfd with t's other
// fds once the stage has started; a pipeline's stage gets its memfd only
// just before it starts (connectSnapshot).
func (sh *Shell) childStage(body any, label string, t *fdTable) jobs.Stage {
	src, isText := body.(string)
	if !isText {
		// Printed with its commands on their source lines: the child
		// parses it from nodeLine on, so $LINENO is the source's.
		src = parser.StringAt(body, nodeLine(body))
	}
	switch {
	case label != "":
	case isText:
		label = "subshell" // text may hold expanded words: never in argv
	default:
		label = src
	}
	label = childLabel(label)
	snap := sh.childSnapshot()
	sh.childSubshellLevel(snap, body, t.coproc) // BASH_SUBSHELL (bashvars.go)
	snap.AsyncIgnored = sh.asyncIgnores(t.background)
	if line := nodeLine(body); line > 0 {
		snap.Line = line // the child's $LINENO counts from the command's own line
	}
	files := t.files() // without the close-on-exec fds: bash's subshell closes a coproc's
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
	data, err := encodeSnapshot(&childStart{Snap: *snap, Body: src, Role: roleOf(body)})
	if err != nil {
		return sh.failedStage(t, err, 2)
	}
	// The memfd goes at the lowest number the table leaves closed, with
	// the trace's descriptor and gate right after it (traceFdOf): low
	// numbers, which ForkExec can place under a low ulimit -n even when
	// the table reaches an inherited fd 251.
	tfd := sh.Jobs.Trace().Fd()
	n := jobs.SnapshotSlot(files, tfd >= 0)
	place := func(i, fd int) {
		for len(files) <= i {
			files = append(files, -1)
		}
		files[i] = fd
	}
	if t.pipeline {
		// The memfd is made just before the stage starts (connectSnapshot).
		t.snapshot, t.snapshotAt = data, n
		place(n, -1)
	} else {
		fd, err := snapshotMemfd(data)
		if err != nil {
			return sh.failedStage(t, &redirError{"cannot start a child gosh: memfd: " + errnoText(err)}, 126)
		}
		place(n, t.own(fd))
	}
	if tfd >= 0 {
		// The child narrates its own steps on the same channel: it
		// finds the trace's descriptor right after the memfd, and the
		// read end of a gate that opens when the shell has narrated
		// the child's start (traceFdOf).
		place(n+1, tfd)
		if t.pipeline {
			t.snapshotGate = true // made with the memfd (connectSnapshot)
		} else if gate := traceGate(t); gate >= 0 {
			place(n+2, gate)
		}
	}
	st := jobs.Stage{
		Path:      "/proc/self/exe",
		Argv:      []string{"gosh: " + label, ChildFlag + strconv.Itoa(n)},
		Env:       sh.Vars.Environ(nil),
		Files:     files,
		Text:      label,
		ChildGosh: true,
	}
	st.Dir = sh.stageDir()
	if tr := sh.Jobs.Trace(); tr.On() {
		st.Trace = append(st.Trace, jobs.Msg{
			En: "the child gosh reads its snapshot (%d bytes: variables, options, aliases, " +
				"functions, $0 and $@, $?, $!, $$, directory, umask, traps, fds) from memfd %d, then runs: %s",
			Ko: "자식 gosh는 memfd %[2]d에서 스냅숏(%[1]d바이트: 변수, 옵션, 별칭, 함수, $0과 $@, $?, $!, $$, " +
				"디렉터리, umask, trap, fd)을 읽은 뒤 실행한다: %[3]s",
		}.With(len(data), n, label))
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
	if err := decodeChildStart(data, &m); err != nil {
		return 2, err
	}
	traceFd, gate := -1, -1
	if m.Snap.Opts.Trace {
		traceFd, gate = traceFdOf(fd)
	}
	sh := &Shell{self: self, source: sourceChild, owns: true} // cmd/gosh started it: the process is its own
	if err := sh.restore(&m.Snap); err != nil {
		return 2, err
	}
	// Before it runs anything: $RANDOM as inherited (specialvars.go).
	sh.inheritRandom()
	if err := sh.SetupPrivileges(); err != nil { // re-executed setuid: drop again unless -p
		return 1, err
	}
	// Its fds are the ones it was started with, at their numbers (the
	// snapshot's table is the identity): they are its own now.
	sh.Jobs = jobs.New(jobs.Config{TTY: -1, Stderr: noticeWriter{sh}, Self: self, Namer: sh})
	if sh.keepsFinishedJobs() {
		sh.Jobs.SetKeepFinished() // a script's subshell, as the script
	}
	if sh.Opts.Posix {
		sh.Jobs.SetPosix(true) // posix.go
	}
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
	// group, which is the job's. It is not interactive, but it reports the
	// interactive shell's modes, as bash's forked subshell ($- is himBHs).
	sh.shown.Interactive = sh.shown.Interactive || sh.Opts.Interactive
	sh.shown.Monitor = sh.shown.Monitor || sh.Opts.Monitor
	sh.Opts.Interactive, sh.Opts.Monitor = false, false
	if sh.Opts.Trace {
		sh.applyChildTrace(traceFd, gate, m.Role)
	}
	// Its mask is the snapshot's: every launch holds the launching
	// shell's mask as the process's (withUmask), and the child inherited
	// it across fork and execve; reading it back (umask(2) twice) would
	// only say so.
	procMask.Store(int32(sh.umask + 1))
	if err := sh.Jobs.InitNonInteractive(); err != nil {
		return 1, err
	}
	f, err := parseChildBody(&m)
	if err != nil {
		return 2, fmt.Errorf("child gosh: %v", err)
	}
	sh.specials.ownSubshell = fileIsSubshell(f) // bashvars.go
	sh.specials.simpleTop = fileIsSimple(f)
	sh.lastCmd = lastCommand(f) // tailexec.go: it may become that program
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

// parseChildBody parses the body a child gosh runs, as printed source
// (parsePrinted), with its first line numbered Snap.Line, so that the line
// numbers of the parsed commands ($LINENO) are those of the shell's
// source. (The body used to be parsed after Snap.Line-1 blank lines: at a
// prompt, where the line number grows with every line typed, each child
// then lexed one more newline per line of the session, 40 us of a child's
// start after 600 lines.)
func parseChildBody(m *childStart) (*parser.File, error) {
	return parser.ParseConfig(m.Body, parser.Config{
		Extglob:   func() bool { return true },
		FirstLine: m.Snap.Line,
	})
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
