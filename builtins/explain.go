package builtins

import (
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"gosh/jobs"
	"gosh/parser"
)

// explain parses a command line and describes, without running any of it,
// what gosh would do: the structure, the expansions, the processes and
// their process group, how pipes and redirections wire each process's file
// descriptors, which commands run inside the shell, and who gets the
// terminal. Where each command runs (the shell, a copy, a child gosh or a
// program) is not decided here: explain asks the shell's one rule
// (Shell.Decide, needsProcess in package shell) and prints its answer.

// Placement is where the shell runs a command: the answer of its one rule
// (needsProcess in package shell), which explain and the trace print.
type Placement int

const (
	InShell Placement = iota // in the shell process itself: no fork
	Copy                     // in a copy of the shell on a goroutine: no fork
	Child                    // in a child gosh: a new process fed a snapshot of the shell
	Program                  // an external program: fork+exec
)

var placementText = [...]jobs.Msg{
	{En: "in the shell itself", Ko: "셸 자신 안에서"},
	{En: "in a copy of the shell", Ko: "셸의 사본 안에서"},
	{En: "in a child gosh", Ko: "자식 gosh 안에서"},
	{En: "a program (fork+exec)", Ko: "프로그램으로(fork+exec)"},
}

// Words is where p runs, in both languages.
func (p Placement) Words() jobs.Msg { return placementText[p] }

func (p Placement) String() string { return placementText[p].En }

// Site is where a command sits on the command line, as the rule needs to
// know it.
type Site struct {
	// Background: the command is a whole and-or list ended by '&'.
	Background bool
	// Stages is the number of stages of the pipeline the command is one
	// stage of (1 for a lone command).
	Stages int
	// InChild: the command runs inside a child gosh or a copy, which have
	// no job control of their own (explain describing a background list).
	InChild bool
	// StandIn: the shell is preparing the pipeline's stages and holds its
	// stand-in pipe, two descriptors that the rule's count of free ones
	// leaves out (the reserve counts them), so that explain, which asks
	// before there is one, gets the same answer.
	StandIn bool
	// Last: the command is the last stage of a foreground pipeline of
	// Stages stages, which shopt -s lastpipe runs in the shell itself when
	// job control is off (Decision.LastPipe).
	Last bool
}

// Decision is where a command runs and why (in both languages: explain
// and the trace print it).
type Decision struct {
	Place  Placement
	Reason jobs.Msg
	// ExecsLast: in a child gosh, the body's last command is a simple
	// command (the whole body, or the last of its only "( list )"): once
	// its words are expanded, if it names a program and no trap is set,
	// the child gosh execs the program itself, with no second process
	// (shell tailexec.go).
	ExecsLast bool
	// LastPipe: shopt -s lastpipe without job control: the command is the
	// last stage of a pipeline and runs as a command of the shell itself,
	// as if it were alone (Place says where that is), after the other
	// stages have started, its stdin the read end of the last pipe for
	// that command only; the shell then waits for the other stages, and
	// what the command assigns stays in the shell, as in bash.
	LastPipe bool
}

// execsLastMsg is what explain says of a Decision with ExecsLast.
var execsLastMsg = jobs.Msg{
	En: "If, once expanded, its last command names a program and no trap is set, the child gosh\n" +
		"does not fork for it: it execs the program itself, as a forked shell does with its last\n" +
		"command, so the job's process becomes the program and $! is the program's pid.\n",
	Ko: "확장한 뒤 마지막 명령이 프로그램을 가리키고 트랩이 없으면, 자식 gosh는 그것을 위해 fork하지 않고\n" +
		"그 프로그램을 직접 exec한다. fork한 셸이 마지막 명령에 하는 것과 같다. 그래서 작업의 프로세스가\n" +
		"그 프로그램이 되고 $!는 프로그램의 pid다.\n",
}

// execsLastShort adds the same to one command's line.
var execsLastShort = jobs.Msg{
	En: "%s; if, once expanded, its last command names a program and no trap is set, the child gosh execs it itself (no second fork)",
	Ko: "%s. 확장한 뒤 마지막 명령이 프로그램을 가리키고 트랩이 없으면 자식 gosh가 그것을 직접 exec한다 (두 번째 fork 없음)",
}

var explainBuiltins = []*Builtin{
	{
		Name:     "explain",
		Synopsis: "explain [--lang en|ko] 'COMMAND-LINE'",
		Summary:  "Describe what a command line would do, without running it.",
		Help: `Parse COMMAND-LINE and describe what gosh would do with it, without
running anything: its structure in words; the expansions that would
apply to each word; the processes that would be created and their
process group; how pipes and redirections wire each process's file
descriptors (pipe, open, dup2); which commands are builtins that run
inside the shell; and whether the job runs in the foreground (and gets
the terminal) or in the background.
Quote the whole line, or the shell runs its pipes and redirections
before explain sees them:  explain 'ls *.txt | wc -l > n &'
--lang en|ko  the language of the explanation (default: the shell's
     language, set -o lang or LC_ALL, LC_MESSAGES, LANG)`,
		Run: runExplain,
	},
}

func runExplain(sh Shell, io IO, args []string) (int, error) {
	lang := ""
	if len(args) > 1 && (args[1] == "--lang" || strings.HasPrefix(args[1], "--lang=")) {
		forced, rest, ok := takeLangOption(io, "explain", args[1:])
		if !ok {
			return statusUsage, nil
		}
		lang, args = forced, append(args[:1:1], rest...)
	}
	if len(args) > 1 && args[1] == "--" {
		args = append(args[:1:1], args[2:]...)
	}
	if len(args) < 2 {
		return usageError(io, "explain", "a command line is needed"), nil
	}
	src := strings.Join(args[1:], " ")
	// "explain ls | wc" explains only ls: when explain's own output is a
	// pipe and the line it got has no pipe in it, say how to quote.
	if sh.Interactive() && outputIsPipe(io.OutFd) && !strings.Contains(src, "|") {
		errorf(io, "explain", "note: explain's output goes to a pipe: if you meant to explain a pipeline, quote it: explain 'a | b'")
	}
	text, err := explainLineIn(sh, src, resolveLang(sh, lang))
	if err != nil {
		errorf(io, "explain", "%s", err)
		return statusUsage, nil
	}
	return writeOut(io, "explain", wrapToWidth(text, outputWidth(io))), nil
}

// outputIsPipe reports whether fd is a pipe (explain running as the first
// stage of a pipeline the user forgot to quote).
func outputIsPipe(fd int) bool {
	var st unix.Stat_t
	if fd < 0 || unix.Fstat(fd, &st) != nil {
		return false
	}
	return st.Mode&unix.S_IFMT == unix.S_IFIFO
}

// explainLine is the whole explanation of src, in English.
func explainLine(sh Shell, src string) (string, error) { return explainLineIn(sh, src, "en") }

// explainLineIn is the whole explanation of src in lang ("en", "ko"):
// every sentence is a jobs.Msg, English and Korean side by side.
func explainLineIn(sh Shell, src, lang string) (string, error) {
	// Aliases stay as typed (explain names them); extended patterns
	// parse as they would run.
	f, err := parser.ParseConfig(src, parser.Config{Extglob: sh.Extglob})
	if err != nil {
		return "", err
	}
	e := &explainer{sh: sh, lang: lang}
	if t := sh.JobTable(); t != nil {
		e.jobControl = t.JobControl()
	}
	if f.List == nil || len(f.List.Items) == 0 {
		return e.text(jobs.Msg{En: "An empty command line: nothing would run.\n", Ko: "빈 명령 줄: 아무것도 실행되지 않는다.\n"}), nil
	}
	e.list(f.List, src)
	return e.b.String(), nil
}

// explainer accumulates the description.
type explainer struct {
	sh         Shell
	lang       string // "en" or "ko"
	b          strings.Builder
	jobControl bool
	pipes      int  // pipes named so far (p1, p2, ...), across the line
	subshell   bool // describing the pipelines of a background and-or list
}

// printf adds m in the explainer's language; words in args never reach
// the terminal raw (a Msg argument is shown as a whole).
func (e *explainer) printf(m jobs.Msg, args ...any) { e.b.WriteString(e.text(m, args...)) }

// text is m in the explainer's language, with its arguments.
func (e *explainer) text(m jobs.Msg, args ...any) string {
	args = showArgs(args)
	for i, a := range args {
		switch v := a.(type) {
		case jobs.Msg:
			args[i] = jobs.ShowText(v.In(e.lang))
		case []jobs.Msg:
			args[i] = jobs.ShowText(jobs.Join(v, jobs.Same("; ")).In(e.lang))
		}
	}
	return m.Format(e.lang, args...)
}

// list describes a sequence of and-or lists.
func (e *explainer) list(l *parser.List, src string) {
	n := len(l.Items)
	if n > 1 {
		e.printf(jobs.Msg{
			En: "A list of %d commands, run one after another (';' or newline waits for each; '&' does not).\n",
			Ko: "명령 %d개의 목록: 차례로 실행한다 (';'나 줄바꿈은 앞 명령을 기다리고, '&'는 기다리지 않는다).\n",
		}, n)
	}
	for i, item := range l.Items {
		text := parser.String(item.AndOr)
		if n > 1 {
			e.printf(jobs.Same("\n[%d] %s%s\n"), i+1, text, map[bool]string{true: " &", false: ""}[item.Background])
		}
		e.andOr(item.AndOr, item.Background)
	}
}

// andOr describes "a && b || c", and where a background list runs.
func (e *explainer) andOr(ao *parser.AndOr, background bool) {
	if c := ao.LoneCoproc(); c != nil {
		e.coproc(c) // explain_coproc.go: "coproc cat &" is the same coproc
		return
	}
	if len(ao.Rest) > 0 {
		e.printf(jobs.Msg{En: "An and-or list: %s\n", Ko: "and-or 목록: %s\n"}, parser.String(ao))
		e.printf(jobs.Msg{En: "  first run: %s\n", Ko: "  먼저 실행: %s\n"}, parser.String(ao.First))
		for _, part := range ao.Rest {
			if part.Op == parser.AndIf {
				e.printf(jobs.Msg{
					En: "  then, only if the status so far is 0 (success): %s\n",
					Ko: "  그다음, 지금까지의 상태가 0(성공)일 때만: %s\n",
				}, parser.String(part.Pipeline))
			} else {
				e.printf(jobs.Msg{
					En: "  then, only if the status so far is not 0 (failure): %s\n",
					Ko: "  그다음, 지금까지의 상태가 0이 아닐(실패) 때만: %s\n",
				}, parser.String(part.Pipeline))
			}
		}
	}
	child := false
	if background {
		d := e.sh.Decide(ao, Site{Background: true})
		e.printf(jobs.Msg{
			En: "Where: because it ends with '&', it is a background job; it runs %s, because %s.\n",
			Ko: "어디서: '&'로 끝나므로 백그라운드 작업이다. %s 실행한다. 까닭: %s.\n",
		}, d.Place.Words(), d.Reason)
		if child = d.Place == Child; child {
			e.printf(jobs.Msg{
				En: "A C shell would fork; Go cannot fork a running program, so gosh starts itself again\n" +
					"(fork+exec of /proc/self/exe, argv \"gosh: TEXT --snapshot-fd=N\") and hands it what fork would\n" +
					"have copied (variables, options, aliases, functions, $0 and $@, $?, $!, $$, directory, umask,\n" +
					"traps, fds) in a snapshot written to a memfd, fd N of the child: nothing of it is in argv or\n" +
					"the environment, where other users could read it. That process is the job ($! is its pid,\n" +
					"and with job control it gets a process group of its own); it expands the words and runs the\n" +
					"commands itself, and its programs are its children. The shell does not wait; \"[N] PID\" is printed.\n",
				Ko: "C로 만든 셸이라면 fork하겠지만, Go는 실행 중인 프로그램을 fork할 수 없다. 그래서 gosh는 자기 자신을\n" +
					"다시 시작하고(/proc/self/exe를 fork+exec, argv \"gosh: TEXT --snapshot-fd=N\") fork가 복사했을 것\n" +
					"(변수, 옵션, 별칭, 함수, $0과 $@, $?, $!, $$, 디렉터리, umask, trap, fd)을 memfd에 쓴 스냅숏으로\n" +
					"넘긴다. memfd는 자식의 fd N이다: 다른 사용자가 읽을 수 있는 argv나 환경 변수에는 아무것도 없다.\n" +
					"그 프로세스가 작업이다($!가 그 pid이고, 작업 제어가 있으면 자기 프로세스 그룹을 갖는다). 단어를\n" +
					"확장하고 명령을 직접 실행하며, 그 프로그램들은 그 프로세스의 자식이다. 셸은 기다리지 않고 \"[N] PID\"를 출력한다.\n",
			})
			if d.ExecsLast {
				e.printf(execsLastMsg)
			}
		}
	}
	if len(ao.Rest) == 0 && !child {
		e.pipeline(ao.First, !background, background)
		return
	}
	e.subshell = child
	pipes := append([]*parser.Pipeline{ao.First}, restPipelines(ao)...)
	for i, p := range pipes {
		e.printf(jobs.Msg{En: "\nPipeline %d: %s\n", Ko: "\n파이프라인 %d: %s\n"}, i+1, parser.String(p))
		e.pipeline(p, !background, false)
	}
	e.subshell = false
}

func restPipelines(ao *parser.AndOr) []*parser.Pipeline {
	var ps []*parser.Pipeline
	for _, part := range ao.Rest {
		ps = append(ps, part.Pipeline)
	}
	return ps
}

// stageInfo is what explain learns about one simple command.
type stageInfo struct {
	cmd     *parser.SimpleCommand
	name    string // the literal command name, "" if none or not literal
	dynamic bool   // the name comes from an expansion
	kind    Kind
	path    string // the file for KindFile, the value for KindAlias
	nohup   bool
	inShell bool // runs inside the shell or a copy of it, no process
	// execsLast: the child gosh may become the program (Decision).
	execsLast bool
	// ownProcess: a command that runs in a child gosh; why says why (the
	// shell's rule, Shell.Decide).
	ownProcess bool
	why        jobs.Msg
	// compound is the command when it is not a simple command: a compound
	// command or a function definition (construct describes it).
	compound parser.Command
	// copy: the rule runs it in a copy of the shell, not the shell itself.
	copy bool
	// lastpipe: the last stage, which shopt lastpipe has the shell run as
	// a command of its own (Decision.LastPipe).
	lastpipe bool
}

// classify finds what one simple command would run.
func (e *explainer) classify(c parser.Command) stageInfo {
	sc, ok := c.(*parser.SimpleCommand)
	if !ok {
		return stageInfo{compound: c}
	}
	s := stageInfo{cmd: sc}
	if len(sc.Args) == 0 {
		s.inShell = true
		return s
	}
	name, literal := sc.Args[0].Literal()
	if !literal {
		s.dynamic = true
		return s
	}
	s.name = name
	if name == "nohup" {
		s.nohup = true
		if len(sc.Args) > 1 {
			if n, lit := sc.Args[1].Literal(); lit {
				s.kind, s.path = e.sh.LookPath(n)
				if s.kind == KindBuiltin || s.kind == KindAlias {
					s.kind, s.path = KindFile, n // nohup runs a program, never a builtin or alias
				}
			}
		}
		return s
	}
	s.kind, s.path = e.sh.LookPath(name)
	s.inShell = s.kind == KindBuiltin
	return s
}

// pipeline describes one pipeline: its commands, their expansions, the
// processes, the wiring and the terminal.
func (e *explainer) pipeline(p *parser.Pipeline, foreground, background bool) {
	stages := make([]stageInfo, len(p.Cmds))
	for i, c := range p.Cmds {
		stages[i] = e.classify(c)
	}
	for i, c := range p.Cmds {
		e.place(&stages[i], c, len(p.Cmds), i == len(p.Cmds)-1 && !background)
	}

	// Structure.
	if len(p.Cmds) == 1 {
		kind := jobs.Msg{En: "simple command", Ko: "단순 명령"}
		if stages[0].compound != nil {
			kind = jobs.Msg{En: "compound command", Ko: "복합 명령"}
		}
		e.printf(jobs.Msg{En: "Structure: one %s: %s", Ko: "구조: %s 하나: %s"}, kind, source(p.Cmds[0]))
	} else {
		e.printf(jobs.Msg{
			En: "Structure: a pipeline of %d commands; each one's standard output feeds the next one's standard input:",
			Ko: "구조: 명령 %d개의 파이프라인. 각 명령의 표준 출력이 다음 명령의 표준 입력으로 들어간다:",
		}, len(p.Cmds))
		for i, c := range p.Cmds {
			e.printf(jobs.Same("\n  %d. %s"), i+1, source(c))
		}
	}
	if background {
		e.printf(jobs.Msg{En: "\n  ... ending with '&': it runs in the background", Ko: "\n  ... '&'로 끝나므로 백그라운드에서 실행된다"})
	}
	if p.Bang {
		e.printf(jobs.Msg{
			En: "\n  '!' inverts the status: 0 becomes 1, anything else becomes 0",
			Ko: "\n  '!'는 상태를 뒤집는다: 0은 1이 되고, 다른 값은 모두 0이 된다",
		})
	}
	if p.Time != nil {
		format := jobs.Msg{
			En: "$TIMEFORMAT, or real/user/sys with 3 decimals when it is unset",
			Ko: "$TIMEFORMAT, 설정되지 않았으면 소수점 세 자리의 real/user/sys",
		}
		if p.Time.Posix {
			format = jobs.Msg{En: "-p: POSIX's form, real 0.00 user 0.00 sys 0.00", Ko: "-p: POSIX 형식, real 0.00 user 0.00 sys 0.00"}
		}
		e.printf(jobs.Msg{
			En: "\n  'time' is a reserved word, not a program: the shell notes the clock and its own and its\n" +
				"  children's CPU times (getrusage) before and after, and reports the difference on its stderr (%s)",
			Ko: "\n  'time'은 프로그램이 아니라 예약어다: 셸이 앞뒤로 시계와 자신 및 자식들의 CPU 시간(getrusage)을\n" +
				"  적어 두고, 그 차이를 자기 stderr에 보고한다 (%s)",
		}, format)
	}
	e.printf(jobs.Same("\n"))

	// Expansions.
	e.expansions(p)

	// Commands and processes.
	e.printf(jobs.Msg{En: "Commands:\n", Ko: "명령:\n"})
	for i, s := range stages {
		e.printf(jobs.Same("  %d. %s\n"), i+1, e.describeCommand(s))
	}

	lone := len(stages) == 1
	if lone && stages[0].name == "exec" && !background {
		e.explainExec(stages[0])
		return
	}
	if lone && stages[0].inShell && !background {
		where := jobs.Msg{En: "the shell process itself", Ko: "셸 프로세스 자신"}
		switch {
		case stages[0].copy:
			where = jobs.Msg{En: "a copy of the shell, on a goroutine of the shell's process", Ko: "셸 프로세스의 고루틴에서 도는 셸의 사본"}
		case e.subshell:
			where = jobs.Msg{En: "the child gosh", Ko: "자식 gosh"}
		}
		e.printf(jobs.Msg{
			En: "Processes: none. The command runs inside %s: no fork, no\n" +
				"process group, no terminal handoff. Its redirections apply to a private fd table,\n" +
				"so the shell's own file descriptors are unchanged afterwards.\n",
			Ko: "프로세스: 없음. 명령은 %s 안에서 실행된다: fork도, 프로세스 그룹도,\n" +
				"제어 터미널 넘겨주기도 없다. 리다이렉션은 따로 둔 fd 표에만 적용되므로\n" +
				"끝난 뒤에도 셸 자신의 파일 디스크립터는 바뀌지 않는다.\n",
		}, where)
		if _, steps := e.stageTable(newFdModel(), stages[0], []int{0, 1, 2}); len(steps) > 0 {
			e.printf(jobs.Msg{
				En: "File descriptors: the shell: %s; the builtin reads and writes through them, no dup2.\n",
				Ko: "파일 디스크립터: 셸이 하는 일: %s. builtin은 이것들로 읽고 쓴다. dup2 없음.\n",
			}, steps)
		}
		return
	}
	e.processes(stages, background)
	e.wiring(stages)
	e.terminal(stages, foreground, background)
}

// place asks the shell's rule where one stage of n runs; last: the last
// stage of a foreground pipeline.
func (e *explainer) place(s *stageInfo, c parser.Command, n int, last bool) {
	d := e.sh.Decide(c, Site{Stages: n, InChild: e.subshell, Last: last})
	s.lastpipe = d.LastPipe
	switch d.Place {
	case InShell, Copy:
		s.inShell, s.ownProcess = true, false
		s.copy = d.Place == Copy
	case Child:
		s.inShell, s.ownProcess = false, true
		s.execsLast = d.ExecsLast
	default:
		s.inShell, s.ownProcess = false, false
	}
	s.why = d.Reason
}

// explainExec describes exec, the one builtin whose effects outlive it:
// with a command it becomes that program, with only redirections it
// changes the shell's own file descriptors for good.
func (e *explainer) explainExec(s stageInfo) {
	if len(s.cmd.Args) > 1 {
		where := jobs.Msg{En: "The shell", Ko: "셸은"}
		if e.subshell {
			where = jobs.Msg{En: "The child gosh", Ko: "자식 gosh는"}
		}
		e.printf(jobs.Msg{
			En: "Processes: none is created. %s puts each of its fds at its own number (dup2; the fds\n" +
				"above 2 are virtual until now) and calls execve itself: the program keeps the shell's pid,\n" +
				"process group and terminal, and the shell is gone: when the program exits, nothing returns to it.\n" +
				"If execve fails, a script exits with status 126 or 127.\n",
			Ko: "프로세스: 하나도 만들지 않는다. %s 각 fd를 제 번호에 놓고(dup2. 2보다 큰 fd는 지금까지\n" +
				"가상이었다) 직접 execve한다: 프로그램은 셸의 pid, 프로세스 그룹, 제어 터미널을 그대로 갖고,\n" +
				"셸은 사라진다: 프로그램이 끝나도 돌아갈 셸이 없다.\n" +
				"execve가 실패하면 스크립트는 상태 126이나 127로 끝난다.\n",
		}, where)
	} else {
		where := jobs.Msg{En: "the shell", Ko: "셸"}
		if e.subshell {
			where = jobs.Msg{En: "the child gosh", Ko: "자식 gosh"}
		}
		e.printf(jobs.Msg{
			En: "Processes: none. Without a command, exec applies its redirections to %s's fd\n" +
				"table, and they stay for every later command: fds 0-2 are the process's own (dup2 onto them);\n" +
				"a higher fd is virtual: exec 3>log keeps the file open at a descriptor gosh holds at 10 or\n" +
				"above (close-on-exec, so no descriptor of Go's runtime is ever touched), and every child\n" +
				"gets it as its fd 3.\n",
			Ko: "프로세스: 없음. 명령 없이 쓴 exec는 리다이렉션을 %s의 fd 표에 적용하고, 그것은\n" +
				"뒤의 모든 명령에 남는다: fd 0-2는 프로세스 자신의 것이고(그 위로 dup2한다), 더 큰 fd는\n" +
				"가상이다: exec 3>log는 파일을 gosh가 10 이상의 번호에 쥐고 있는 디스크립터로 열어 둔다\n" +
				"(close-on-exec이므로 Go 런타임의 디스크립터는 절대 건드리지 않는다). 모든 자식은 그것을\n" +
				"자기 fd 3으로 받는다.\n",
		}, where)
	}
	if steps := e.execSteps(s); len(steps) > 0 {
		e.printf(jobs.Msg{
			En: "File descriptors (numbers as the shell would get them now):\n",
			Ko: "파일 디스크립터 (지금 셸이 받을 번호로):\n",
		})
		for i, step := range steps {
			e.printf(jobs.Same("  %d. %s\n"), i+1, step)
		}
	}
}

// describeCommand says what one command name resolves to.
func (e *explainer) describeCommand(s stageInfo) jobs.Msg {
	if s.compound != nil {
		m := jobs.Msg{En: "%s. Where: %s", Ko: "%s. 어디서: %s"}.With(construct(s.compound), s.why)
		if s.execsLast {
			m = execsLastShort.With(m)
		}
		return m
	}
	switch {
	case s.ownProcess:
		what := jobs.Msg{En: "this command", Ko: "이 명령은"}
		if s.name != "" {
			what = jobs.Msg{En: "%s is a shell builtin, but here it", Ko: "%s은(는) 셸 builtin이지만 여기서는"}.With(s.name)
		}
		m := jobs.Msg{
			En: "%s runs in a child gosh, a process of its own (fork+exec of the gosh binary, fed a snapshot of the shell through a memfd): %s",
			Ko: "%s 자식 gosh, 곧 자기 프로세스에서 실행된다 (gosh 실행 파일을 fork+exec하고, memfd로 셸의 스냅숏을 넘긴다): %s",
		}.With(what, s.why)
		if s.execsLast {
			m = execsLastShort.With(m)
		}
		return m
	case len(s.cmd.Args) == 0 && len(s.cmd.Assigns) > 0:
		return jobs.Msg{En: "only assignments: they set shell variables, inside the shell", Ko: "대입만 있다: 셸 안에서 셸 변수를 정한다"}
	case len(s.cmd.Args) == 0:
		return jobs.Msg{
			En: "only redirections: the shell opens (and creates) the files, then closes them",
			Ko: "리다이렉션만 있다: 셸이 파일을 열고(필요하면 만들고) 다시 닫는다",
		}
	case s.dynamic:
		return jobs.Msg{
			En: "the command name comes from an expansion, so what runs (builtin or program) is decided after expansion",
			Ko: "명령 이름이 확장에서 나오므로, 무엇이 실행될지(builtin인지 프로그램인지)는 확장한 뒤에 정해진다",
		}
	case s.nohup && s.path != "":
		return jobs.Msg{
			En: "nohup: gosh starts %s with SIGHUP ignored (it re-executes itself to set SIG_IGN, then execve; an ignored signal stays ignored across execve)",
			Ko: "nohup: gosh가 SIGHUP을 무시하게 하여 %s을(를) 시작한다 (자신을 다시 실행해 SIG_IGN을 정한 뒤 execve한다. 무시된 시그널은 execve 뒤에도 무시된다)",
		}.With(s.path)
	case s.nohup:
		return jobs.Msg{En: "nohup: runs its argument with SIGHUP ignored", Ko: "nohup: SIGHUP을 무시하게 하여 인자를 실행한다"}
	}
	switch s.kind {
	case KindBuiltin:
		why := jobs.Msg{En: "no fork", Ko: "fork 없음"}
		if s.name == "exec" && s.cmd != nil && len(s.cmd.Args) > 1 {
			why = jobs.Msg{
				En: "no fork: exec replaces the shell process itself with the program, execve in the shell's own pid",
				Ko: "fork 없음: exec는 셸 프로세스 자체를 프로그램으로 바꾼다. 셸 자신의 pid에서 execve한다",
			}
		} else if s.name == "exec" {
			why = jobs.Msg{
				En: "no fork, no execve: without a command, exec changes the shell's own fds",
				Ko: "fork도 execve도 없음: 명령 없이 쓴 exec는 셸 자신의 fd를 바꾼다",
			}
		}
		return jobs.Msg{En: "%s is a shell builtin: it runs inside the shell (%s)", Ko: "%s은(는) 셸 builtin이다: 셸 안에서 실행된다 (%s)"}.With(s.name, why)
	case KindFile:
		return jobs.Msg{En: "%s is the program %s: a new process (fork+exec)", Ko: "%s은(는) 프로그램 %s이다: 새 프로세스(fork+exec)"}.With(s.name, s.path)
	case KindAlias:
		return jobs.Msg{
			En: "%s is an alias for %q: the line is re-read with it replaced before parsing",
			Ko: "%s은(는) %q의 별칭이다: 구문 분석 전에 그것으로 바꾼 줄을 다시 읽는다",
		}.With(s.name, s.path)
	}
	return jobs.Msg{
		En: "%s: command not found in $PATH: the process would fail to exec and the status would be 127",
		Ko: "%s: $PATH에서 명령을 찾을 수 없다: 프로세스의 exec가 실패하고 상태는 127이 된다",
	}.With(s.name)
}

// construct says what a compound command or function definition does.
func construct(c parser.Command) jobs.Msg {
	switch c := c.(type) {
	case *parser.Subshell:
		return jobs.Msg{
			En: "( ... ) runs its list in a subshell: nothing it changes (variables, cd, traps, exec) reaches the shell",
			Ko: "( ... )는 목록을 서브셸에서 실행한다: 그 안에서 바꾼 것(변수, cd, trap, exec)은 셸에 닿지 않는다",
		}
	case *parser.Group:
		return jobs.Msg{
			En: "{ ...; } groups commands: they run in the current shell, so cd and assignments inside it stay",
			Ko: "{ ...; }는 명령을 묶는다: 현재 셸에서 실행되므로 안에서 한 cd와 대입이 남는다",
		}
	case *parser.If:
		return jobs.Msg{
			En: "if runs the condition list; when its status is 0 it runs the then-list, otherwise it tries each elif in turn, then the else-list",
			Ko: "if는 조건 목록을 실행한다. 상태가 0이면 then 목록을 실행하고, 아니면 elif를 차례로 시도한 뒤 else 목록을 실행한다",
		}
	case *parser.While:
		if c.Until {
			return jobs.Msg{
				En: "until runs the condition list, then the body, again and again while the condition's status is not 0",
				Ko: "until은 조건의 상태가 0이 아닌 동안 조건 목록과 본문을 되풀이해 실행한다",
			}
		}
		return jobs.Msg{
			En: "while runs the condition list, then the body, again and again while the condition's status is 0",
			Ko: "while은 조건의 상태가 0인 동안 조건 목록과 본문을 되풀이해 실행한다",
		}
	case *parser.For:
		if !c.In {
			return jobs.Msg{
				En: "for %s sets %s to each positional parameter (\"$@\") in turn and runs the body",
				Ko: "for %s는 %s을(를) 위치 매개변수(\"$@\") 각각으로 차례로 정하고 본문을 실행한다",
			}.With(c.Name, c.Name)
		}
		return jobs.Msg{
			En: "for %s expands the words after 'in' (splitting and globbing them), sets %s to each field in turn and runs the body",
			Ko: "for %s는 'in' 뒤의 단어를 확장하고(나누고 glob하고), %s을(를) 각 필드로 차례로 정해 본문을 실행한다",
		}.With(c.Name, c.Name)
	case *parser.Select:
		words := jobs.Msg{En: "the words after 'in' (split and globbed)", Ko: "'in' 뒤의 단어들(나누고 glob한 것)"}
		if !c.In {
			words = jobs.Msg{En: "the positional parameters (\"$@\")", Ko: "위치 매개변수(\"$@\")"}
		}
		return jobs.Msg{
			En: "select %s writes %s as a numbered menu to standard error, prompts with $PS3 and reads a line " +
				"into REPLY; %s is set to the word of that number (empty for any other answer) and the body runs, " +
				"again and again until break or the end of the input (status 1); an empty line shows the menu again",
			Ko: "select %[1]s는 %[2]s을 번호 붙은 메뉴로 표준 오류에 쓰고, $PS3로 물은 뒤 한 줄을 REPLY로 읽는다. " +
				"%[3]s은(는) 그 번호의 단어가 되고(다른 답이면 빈 값) 본문이 실행된다. break나 입력의 끝(상태 1)까지 " +
				"되풀이하며, 빈 줄을 넣으면 메뉴를 다시 보여 준다",
		}.With(c.Name, words, c.Name)
	case *parser.ArithFor:
		return jobs.Msg{
			En: "for (( init; cond; step )) evaluates init once, then runs the body while cond is not 0, evaluating step after each pass",
			Ko: "for (( init; cond; step ))는 init을 한 번 계산한 뒤, cond가 0이 아닌 동안 본문을 실행하고 매번 step을 계산한다",
		}
	case *parser.Case:
		return jobs.Msg{
			En: "case expands its word and runs the list of the first pattern that matches it (patterns as in pathname expansion; ;& falls into the next list, ;;& goes on testing)",
			Ko: "case는 단어를 확장하고, 그것과 맞는 첫 패턴의 목록을 실행한다 (패턴은 경로명 확장과 같다. ;&는 다음 목록으로 넘어가고, ;;&는 계속 검사한다)",
		}
	case *parser.FuncDecl:
		return jobs.Msg{
			En: "defines the function %s: nothing runs now; each call runs the body in the calling shell, with the call's arguments as $1, $2 and so on",
			Ko: "함수 %s을(를) 정의한다: 지금은 아무것도 실행되지 않는다. 호출할 때마다 부른 셸에서 본문이 실행되고, 호출 인자가 $1, $2 등이 된다",
		}.With(c.Name)
	case *parser.ArithCmd:
		return jobs.Msg{
			En: "(( ... )) evaluates the arithmetic expression inside the shell; its status is 0 when the value is not 0",
			Ko: "(( ... ))는 셸 안에서 산술식을 계산한다. 값이 0이 아니면 상태는 0이다",
		}
	case *parser.TestCmd:
		return jobs.Msg{
			En: "[[ ... ]] is a test done inside the shell: its words are not split or globbed; == and != compare with a pattern, =~ with a regular expression (BASH_REMATCH)",
			Ko: "[[ ... ]]는 셸 안에서 하는 검사다: 단어를 나누거나 glob하지 않는다. ==와 !=는 패턴과, =~는 정규 표현식(BASH_REMATCH)과 비교한다",
		}
	}
	return jobs.Msg{En: "a compound command", Ko: "복합 명령"}
}

// processes says how many processes the shell would create, and in which
// process group.
func (e *explainer) processes(stages []stageInfo, background bool) {
	external, inside, lastpipe := 0, 0, false
	for _, s := range stages {
		switch {
		case s.lastpipe && s.inShell && !s.copy:
			lastpipe = true // the shell itself: neither a process nor a goroutine
		case s.inShell:
			lastpipe = lastpipe || s.lastpipe
			inside++
		default:
			lastpipe = lastpipe || s.lastpipe
			external++
		}
	}
	e.printf(jobs.Msg{En: "Processes:\n", Ko: "프로세스:\n"})
	if external > 0 {
		processes := jobs.Msg{En: "%d processes", Ko: "프로세스 %d개"}
		if external == 1 {
			processes = jobs.Msg{En: "%d process", Ko: "프로세스 %d개"}
		}
		e.printf(jobs.Msg{
			En: "  The shell creates %s with fork+exec (Go's syscall.ForkExec: clone(CLONE_VFORK|CLONE_VM), then execve in the child).\n",
			Ko: "  셸이 fork+exec로 %s를 만든다 (Go의 syscall.ForkExec: clone(CLONE_VFORK|CLONE_VM) 뒤 자식에서 execve).\n",
		}, processes.With(external))
	}
	if inside > 0 {
		where := jobs.Msg{En: "the shell", Ko: "셸"}
		if e.subshell {
			where = jobs.Msg{En: "the child gosh", Ko: "자식 gosh"}
		}
		if inside == 1 {
			e.printf(jobs.Msg{
				En: "  1 builtin stage runs inside %s, in a goroutine on a copy of the shell (no fork).\n",
				Ko: "  builtin 단계 1개가 %s 안에서, 셸의 사본으로 고루틴에서 실행된다 (fork 없음).\n",
			}, where)
		} else {
			e.printf(jobs.Msg{
				En: "  %d builtin stages run inside %s, each in a goroutine on a copy of the shell (no fork).\n",
				Ko: "  builtin 단계 %d개가 %s 안에서, 각각 셸의 사본으로 고루틴에서 실행된다 (fork 없음).\n",
			}, inside, where)
		}
	}
	if lastpipe {
		e.printf(jobs.Msg{
			En: "  shopt lastpipe, job control off: the shell starts the other stages, then runs the last one\n" +
				"  itself, as it would run it alone, with the last pipe's read end as its fd 0 for that command\n" +
				"  only, and waits for the others after it: what the last stage assigns stays in the shell.\n",
			Ko: "  shopt lastpipe이고 작업 제어가 꺼져 있다: 셸은 다른 단계들을 시작한 뒤, 마지막 단계를 혼자\n" +
				"  있을 때처럼 직접 실행한다. 그 명령 동안만 fd 0이 마지막 파이프의 읽는 끝이고, 다른 단계들은\n" +
				"  그 뒤에 기다린다: 마지막 단계가 대입한 것은 셸에 남는다.\n",
		})
	}
	switch {
	case external == 0:
		e.printf(jobs.Msg{
			En: "  Process group: none; no process is created, so the job has no group of its own.\n",
			Ko: "  프로세스 그룹: 없음. 프로세스를 만들지 않으므로 작업에 자기 그룹이 없다.\n",
		})
	case e.subshell:
		e.printf(jobs.Msg{
			En: "  Process group: the child gosh runs without job control, so these processes stay in its\n" +
				"  process group, the background job's group, and never take the terminal.\n",
			Ko: "  프로세스 그룹: 자식 gosh는 작업 제어 없이 실행되므로 이 프로세스들은 그 프로세스 그룹,\n" +
				"  곧 백그라운드 작업의 그룹에 남고, 제어 터미널을 절대 갖지 않는다.\n",
		})
	case e.jobControl:
		e.printf(jobs.Msg{
			En: "  Process group: a new group for this job, named after its first process's pid (PGID = that pid).\n" +
				"  Each child calls setpgid(0, PGID) before execve, so Ctrl+C, Ctrl+Z and kill %N reach all of them.\n",
			Ko: "  프로세스 그룹: 이 작업을 위한 새 그룹. 이름은 첫 프로세스의 pid다 (PGID = 그 pid).\n" +
				"  자식마다 execve 전에 setpgid(0, PGID)를 부르므로 Ctrl+C, Ctrl+Z, kill %N이 모두에게 닿는다.\n",
		})
	default:
		e.printf(jobs.Msg{
			En: "  Process group: job control is off (a script, or set +m): the processes stay in the shell's group.\n",
			Ko: "  프로세스 그룹: 작업 제어가 꺼져 있다(스크립트이거나 set +m): 프로세스들은 셸의 그룹에 남는다.\n",
		})
	}
	if !e.subshell {
		e.printf(jobs.Msg{
			En: "  The job is registered in the job table as one job; its state is derived from its processes' states.\n",
			Ko: "  작업 표에 작업 하나로 등록된다. 작업의 상태는 프로세스들의 상태에서 나온다.\n",
		})
	}
}

// terminal says who owns the terminal while the job runs, and what the
// shell waits for.
func (e *explainer) terminal(stages []stageInfo, foreground, background bool) {
	e.printf(jobs.Msg{En: "Terminal and waiting:\n", Ko: "제어 터미널과 기다림:\n"})
	switch {
	case e.subshell:
		e.printf(jobs.Msg{
			En: "  In the background job: the child gosh waits for these processes (its reaper collects\n" +
				"  them with wait4); the terminal stays with the foreground job or the interactive shell.\n",
			Ko: "  백그라운드 작업 안: 자식 gosh가 이 프로세스들을 기다린다(그 수거 담당이 wait4로\n" +
				"  수거한다). 제어 터미널은 포그라운드 작업이나 대화형 셸에 남는다.\n",
		})
	case background:
		e.printf(jobs.Msg{
			En: "  Background: the shell does not wait. It sets $! to the last process's pid and prints \"[N] PID\".\n" +
				"  The job's group is not the terminal's foreground group: Ctrl+C and Ctrl+Z do not reach it, and if it\n" +
				"  reads from the terminal the kernel stops it with SIGTTIN. \"[N]+  Done\" is reported before a later prompt.\n",
			Ko: "  백그라운드: 셸은 기다리지 않는다. $!를 마지막 프로세스의 pid로 정하고 \"[N] PID\"를 출력한다.\n" +
				"  작업의 그룹은 터미널의 포그라운드 그룹이 아니다: Ctrl+C와 Ctrl+Z가 닿지 않고, 터미널에서\n" +
				"  읽으려 하면 커널이 SIGTTIN으로 정지시킨다. \"[N]+  Done\"은 나중 프롬프트 앞에 보고된다.\n",
		})
	case allInShell(stages):
		e.printf(jobs.Msg{
			En: "  Foreground, with no child process: the shell waits for its builtin goroutines to finish.\n" +
				"  The terminal stays with the shell's own group (no tcsetpgrp), so Ctrl+Z cannot stop this job.\n" +
				"  $? is the last command's status (stage %d).\n",
			Ko: "  포그라운드, 자식 프로세스 없음: 셸은 builtin 고루틴들이 끝나기를 기다린다.\n" +
				"  제어 터미널은 셸 자신의 그룹에 남으므로(tcsetpgrp 없음) Ctrl+Z로 이 작업을 정지시킬 수 없다.\n" +
				"  $?는 마지막 명령(단계 %d)의 상태다.\n",
		}, len(stages))
	case foreground && e.jobControl:
		e.printf(jobs.Msg{
			En: "  Foreground: the first child calls tcsetpgrp(tty, PGID) before its execve, so the job owns the\n" +
				"  terminal from its first instruction: Ctrl+C and Ctrl+Z go to its group, not to the shell.\n" +
				"  The shell waits (waitid, then wait4 with WUNTRACED) until every process has exited or the job stops; then it\n" +
				"  takes the terminal back with tcsetpgrp(tty, shell's pgid) and restores its terminal modes\n" +
				"  (saving the job's modes if it stopped, for fg). $? is the last command's status",
			Ko: "  포그라운드: 첫 자식이 execve 전에 tcsetpgrp(tty, PGID)를 부르므로, 작업은 첫 명령어부터\n" +
				"  제어 터미널을 갖는다: Ctrl+C와 Ctrl+Z는 셸이 아니라 작업의 그룹으로 간다.\n" +
				"  셸은 모든 프로세스가 종료하거나 작업이 정지할 때까지 기다리고(waitid, 그다음 WUNTRACED를 준 wait4),\n" +
				"  tcsetpgrp(tty, 셸의 pgid)로 제어 터미널을 되찾은 뒤 자기 터미널 모드를 되돌린다\n" +
				"  (작업이 정지했으면 fg를 위해 작업의 모드를 저장한다). $?는 마지막 명령의 상태다",
		})
		if len(stages) > 1 {
			e.printf(jobs.Msg{En: " (stage %d)", Ko: " (단계 %d)"}, len(stages))
		}
		e.printf(jobs.Same(".\n"))
	default:
		e.printf(jobs.Msg{
			En: "  Foreground, without job control: the shell waits for the processes; the terminal is not handed over.\n",
			Ko: "  작업 제어 없는 포그라운드: 셸은 프로세스들을 기다린다. 제어 터미널은 넘겨주지 않는다.\n",
		})
	}
}

// expansions lists, word by word, the expansions that would apply.
func (e *explainer) expansions(p *parser.Pipeline) {
	var lines []jobs.Msg
	for _, c := range p.Cmds {
		sc, ok := c.(*parser.SimpleCommand)
		if !ok {
			continue
		}
		for _, a := range sc.Assigns {
			what := e.wordExpansions(a.Value, true)
			scope := jobs.Msg{En: " for this command only (in its environment)", Ko: ", 이 명령에만 (그 환경 변수로)"}
			if len(sc.Args) == 0 {
				scope = jobs.Msg{En: " to a shell variable", Ko: ", 셸 변수에"}
			}
			line := jobs.Msg{En: "%s=%s: assignment%s", Ko: "%s=%s: 대입%s"}.With(a.Name, parser.String(a.Value), scope)
			if len(what) > 0 {
				line = jobs.Msg{
					En: "%s; %s (no field splitting or globbing in an assignment)",
					Ko: "%s. %s (대입에서는 필드 나누기도 glob도 하지 않는다)",
				}.With(line, what)
			}
			lines = append(lines, line)
		}
		for _, w := range sc.Args {
			if what := e.wordExpansions(w, false); len(what) > 0 {
				lines = append(lines, jobs.Same("%s: %s").With(parser.String(w), what))
			}
		}
		for _, r := range sc.Redirs {
			if r.Target != nil && r.Heredoc == nil {
				if what := e.wordExpansions(r.Target, true); len(what) > 0 {
					lines = append(lines, jobs.Msg{En: "%s (redirection target): %s", Ko: "%s (리다이렉션 대상): %s"}.With(parser.String(r.Target), what))
				}
			}
		}
	}
	compound := false
	for _, c := range p.Cmds {
		if _, ok := c.(*parser.SimpleCommand); !ok {
			compound = true
		}
	}
	if len(lines) == 0 && compound {
		// The words of a compound command (case $x in, for i in $list,
		// the commands of its body) are expanded as each part runs.
		e.printf(jobs.Msg{
			En: "Expansions: the words inside a compound command are expanded when each part of it runs, not before (explain one of its commands to see its expansions).\n",
			Ko: "확장: 복합 명령 안의 단어는 미리가 아니라 그 부분이 실행될 때 확장된다 (그 안의 명령 하나를 explain 하면 확장이 보인다).\n",
		})
		return
	}
	if len(lines) == 0 {
		e.printf(jobs.Msg{En: "Expansions: none; every word is literal text.\n", Ko: "확장: 없음. 모든 단어가 글자 그대로다.\n"})
		return
	}
	e.printf(jobs.Msg{
		En: "Expansions (before anything runs, left to right; quotes are removed last):\n",
		Ko: "확장 (무엇이든 실행되기 전에, 왼쪽에서 오른쪽으로. 따옴표는 마지막에 없앤다):\n",
	})
	for _, l := range lines {
		e.printf(jobs.Same("  %s\n"), l)
	}
}

// wordExpansions lists what would happen to one word. noSplit is true for
// assignments and redirection targets, which are not field split.
func (e *explainer) wordExpansions(w *parser.Word, noSplit bool) []jobs.Msg {
	var out []jobs.Msg
	unquotedExp := false
	for i, part := range w.Parts {
		switch p := part.(type) {
		case *parser.Lit:
			if i == 0 && strings.HasPrefix(p.Value, "~") {
				out = append(out, e.tilde(p.Value))
			}
			if strings.ContainsAny(p.Value, "*?[") && !noSplit {
				out = append(out, jobs.Msg{
					En: "pathname expansion (glob) of %q: replaced by the matching file names, sorted; left as it is if nothing matches",
					Ko: "%q의 경로명 확장(glob): 맞는 파일 이름들로 바뀌고 정렬된다. 맞는 것이 없으면 그대로 남는다",
				}.With(p.Value))
			}
		case *parser.Escaped:
			out = append(out, jobs.Msg{
				En: "\\%s: the backslash quotes %q, which stays literal",
				Ko: "\\%s: 역슬래시가 %q을(를) 인용하므로 글자 그대로 남는다",
			}.With(p.Value, p.Value))
		case *parser.SglQuoted:
			out = append(out, jobs.Msg{
				En: "'%s': single quotes, literal text, nothing inside is expanded",
				Ko: "'%s': 작은따옴표, 글자 그대로. 안의 어떤 것도 확장하지 않는다",
			}.With(p.Value))
		case *parser.DblQuoted:
			var inner []jobs.Msg
			for _, ip := range p.Parts {
				if d, ok := e.expansionPart(ip); ok {
					inner = append(inner, d)
				}
			}
			if len(inner) == 0 {
				out = append(out, jobs.Msg{En: "\"...\": double quotes, the text stays one word, literal", Ko: "\"...\": 큰따옴표, 글자 그대로 한 단어로 남는다"})
			} else {
				out = append(out, jobs.Msg{
					En: "\"...\": double quotes: %s; the result stays one word (no field splitting, no globbing)",
					Ko: "\"...\": 큰따옴표: %s. 결과는 한 단어로 남는다 (필드 나누기도 glob도 없음)",
				}.With(inner))
			}
		default:
			if d, ok := e.expansionPart(part); ok {
				out = append(out, d)
				unquotedExp = true
			}
		}
	}
	if unquotedExp && !noSplit {
		out = append(out, jobs.Msg{
			En: "the unquoted result is split into fields at $IFS characters (space, tab, newline) and each field is globbed",
			Ko: "따옴표 없는 결과는 $IFS 문자(공백, 탭, 줄바꿈)에서 필드로 나뉘고, 필드마다 glob된다",
		})
	}
	return out
}

// expansionPart words one $-expansion; false for a part that is none.
func (e *explainer) expansionPart(part parser.WordPart) (jobs.Msg, bool) {
	switch p := part.(type) {
	case *parser.ParamExp:
		return e.param(p), true
	case *parser.CmdSubst:
		form := "$(...)"
		if p.Backquote {
			form = "`...`"
		}
		if r := p.List.FileSubstRedirect(); r != nil {
			return jobs.Msg{
				En: "%s with only < %s (bash's $(< file)): the shell reads the file itself and substitutes its contents, minus trailing newlines: no subshell, no process (explain does not read it)",
				Ko: "< %[2]s뿐인 %[1]s (bash의 $(< file)): 셸이 파일을 직접 읽어 그 내용에서 끝의 줄바꿈을 뺀 것으로 바꾼다: 서브셸도 프로세스도 없다 (explain은 읽지 않는다)",
			}.With(form, parser.String(r.Target)), true
		}
		return jobs.Msg{
			En: "%s command substitution: the shell runs %q in a subshell with its stdout on a pipe, and substitutes what it printed, minus trailing newlines (explain does not run it)",
			Ko: "%s 명령 치환: 셸이 %q을(를) stdout이 파이프인 서브셸에서 실행하고, 그것이 출력한 것에서 끝의 줄바꿈을 뺀 것으로 바꾼다 (explain은 실행하지 않는다)",
		}.With(form, parser.String(p.List)), true
	case *parser.ArithExp:
		return jobs.Msg{
			En: "$((%s)) arithmetic expansion: evaluated as an integer expression",
			Ko: "$((%s)) 산술 확장: 정수식으로 계산한다",
		}.With(parser.String(p.Expr)), true
	}
	return jobs.Msg{}, false
}

// param words a parameter expansion, with the current value when it is a
// plain variable.
func (e *explainer) param(p *parser.ParamExp) jobs.Msg {
	name := "$" + p.Name
	if p.Braced || p.Op != parser.ParamNone || p.Length {
		name = "${" + map[bool]string{true: "#", false: ""}[p.Length] + p.Name
		if p.Op != parser.ParamNone {
			if p.Colon {
				name += ":"
			}
			name += p.Op.String() + parser.String(p.Arg)
		}
		name += "}"
	}
	var what jobs.Msg
	switch p.Name {
	case "?":
		what = jobs.Msg{En: "the status of the last command", Ko: "마지막 명령의 상태"}
	case "$":
		what = jobs.Msg{En: "the shell's pid", Ko: "셸의 pid"}
	case "!":
		what = jobs.Msg{En: "the pid of the last background process", Ko: "마지막 백그라운드 프로세스의 pid"}
	case "#":
		what = jobs.Msg{En: "the number of positional parameters", Ko: "위치 매개변수의 개수"}
	case "@", "*":
		what = jobs.Msg{En: "all positional parameters", Ko: "모든 위치 매개변수"}
	case "-":
		what = jobs.Msg{En: "the shell's option letters", Ko: "셸의 옵션 글자들"}
	case "0":
		what = jobs.Msg{En: "the shell's or script's name", Ko: "셸이나 스크립트의 이름"}
	default:
		what = jobs.Msg{En: "the value of %s", Ko: "%s의 값"}.With(p.Name)
	}
	if p.Length {
		what = jobs.Msg{En: "the length of %s", Ko: "%s의 길이"}.With(what)
	}
	unset := jobs.Msg{En: "if it is unset", Ko: "설정되지 않았으면"}
	set := jobs.Msg{En: "if it is set", Ko: "설정되어 있으면"}
	if p.Colon {
		unset = jobs.Msg{En: "if it is unset or empty", Ko: "설정되지 않았거나 비어 있으면"}
		set = jobs.Msg{En: "if it is set and not empty", Ko: "설정되어 있고 비어 있지 않으면"}
	}
	switch p.Op {
	case parser.ParamDefault:
		what = jobs.Msg{En: "%s, or the word after '-' %s", Ko: "%s. %s '-' 뒤의 단어"}.With(what, unset)
	case parser.ParamAssign:
		what = jobs.Msg{
			En: "%s, or the word after '=' (also assigned to %s) %s",
			Ko: "%[1]s. %[3]s '=' 뒤의 단어 (%[2]s에도 대입한다)",
		}.With(what, p.Name, unset)
	case parser.ParamError:
		what = jobs.Msg{
			En: "%s, or an error (the command does not run) %s",
			Ko: "%s. %s 오류 (명령은 실행되지 않는다)",
		}.With(what, unset)
	case parser.ParamAlt:
		what = jobs.Msg{
			En: "%s; but replaced by the word after '+' %s, else empty",
			Ko: "%s. 단, %s '+' 뒤의 단어로 바뀌고, 아니면 빈 값",
		}.With(what, set)
	}
	s := jobs.Msg{En: "%s parameter expansion: %s", Ko: "%s 매개변수 확장: %s"}.With(name, what)
	if v, ok := e.sh.Var(p.Name); ok && p.Op == parser.ParamNone && !p.Length && p.Name != "@" && p.Name != "*" {
		s = jobs.Msg{En: "%s (now %q)", Ko: "%s (지금 %q)"}.With(s, v)
	} else if !ok && p.Op == parser.ParamNone && parser.IsName(p.Name) {
		s = jobs.Msg{En: "%s (now unset: it expands to nothing)", Ko: "%s (지금 설정되지 않음: 아무것도 아닌 것으로 확장된다)"}.With(s)
	}
	return s
}

// tilde words a tilde prefix: ~ is $HOME, ~user is that user's home.
func (e *explainer) tilde(lit string) jobs.Msg {
	prefix, _, _ := strings.Cut(lit, "/")
	if prefix == "~" {
		home, _ := e.sh.Var("HOME")
		return jobs.Msg{En: "tilde expansion: ~ becomes $HOME (now %q)", Ko: "물결표 확장: ~는 $HOME이 된다 (지금 %q)"}.With(home)
	}
	return jobs.Msg{
		En: "tilde expansion: %s becomes the home directory of user %s",
		Ko: "물결표 확장: %s은(는) 사용자 %s의 홈 디렉터리가 된다",
	}.With(prefix, prefix[1:])
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.Atoi(s)
	return err == nil && !strings.ContainsAny(s, "+-")
}

// source prints a node back as shell text, without the trailing newline a
// here-document leaves.
func source(node any) string { return strings.TrimRight(parser.String(node), "\n") }

func plural(n int, suffix string) string {
	if n == 1 {
		return ""
	}
	return suffix
}
