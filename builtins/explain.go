package builtins

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

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

var placementText = [...]string{"in the shell itself", "in a copy of the shell", "in a child gosh", "a program (fork+exec)"}

func (p Placement) String() string { return placementText[p] }

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
}

// Decision is where a command runs and why.
type Decision struct {
	Place  Placement
	Reason string
}

func init() {
	register(&Builtin{
		Name:     "explain",
		Synopsis: "explain 'COMMAND-LINE'",
		Summary:  "Describe what a command line would do, without running it.",
		Help: `Parse COMMAND-LINE and describe what gosh would do with it, without
running anything: its structure in words; the expansions that would
apply to each word; the processes that would be created and their
process group; how pipes and redirections wire each process's file
descriptors (pipe, open, dup2); which commands are builtins that run
inside the shell; and whether the job runs in the foreground (and gets
the terminal) or in the background.
Quote the whole line, or the shell runs its pipes and redirections
before explain sees them:  explain 'ls *.txt | wc -l > n &'`,
		Run: runExplain,
	})
}

func runExplain(sh Shell, io IO, args []string) (int, error) {
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
	text, err := explainLine(sh, src)
	if err != nil {
		errorf(io, "explain", "%s", err)
		return statusUsage, nil
	}
	return writeOut(io, "explain", text), nil
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

// explainLine is the whole explanation of src.
func explainLine(sh Shell, src string) (string, error) {
	f, err := parser.Parse(src)
	if err != nil {
		return "", err
	}
	e := &explainer{sh: sh}
	if t := sh.JobTable(); t != nil {
		e.jobControl = t.JobControl()
	}
	if f.List == nil || len(f.List.Items) == 0 {
		return "An empty command line: nothing would run.\n", nil
	}
	e.list(f.List, src)
	return e.b.String(), nil
}

// explainer accumulates the description.
type explainer struct {
	sh         Shell
	b          strings.Builder
	jobControl bool
	pipes      int  // pipes named so far (p1, p2, ...), across the line
	subshell   bool // describing the pipelines of a background and-or list
}

func (e *explainer) printf(format string, args ...any) {
	fmt.Fprintf(&e.b, format, showArgs(args)...) // words never reach the terminal raw
}

// list describes a sequence of and-or lists.
func (e *explainer) list(l *parser.List, src string) {
	n := len(l.Items)
	if n > 1 {
		e.printf("A list of %d commands, run one after another (';' or newline waits for each; '&' does not).\n", n)
	}
	for i, item := range l.Items {
		text := parser.String(item.AndOr)
		if n > 1 {
			e.printf("\n[%d] %s%s\n", i+1, text, map[bool]string{true: " &", false: ""}[item.Background])
		}
		e.andOr(item.AndOr, item.Background)
	}
}

// andOr describes "a && b || c", and where a background list runs.
func (e *explainer) andOr(ao *parser.AndOr, background bool) {
	if len(ao.Rest) > 0 {
		e.printf("An and-or list: %s\n", parser.String(ao))
		e.printf("  first run: %s\n", parser.String(ao.First))
		for _, part := range ao.Rest {
			if part.Op == parser.AndIf {
				e.printf("  then, only if the status so far is 0 (success): %s\n", parser.String(part.Pipeline))
			} else {
				e.printf("  then, only if the status so far is not 0 (failure): %s\n", parser.String(part.Pipeline))
			}
		}
	}
	child := false
	if background {
		d := e.sh.Decide(ao, Site{Background: true})
		e.printf("Where: because it ends with '&', it is a background job; it runs %s, because %s.\n", d.Place, d.Reason)
		if child = d.Place == Child; child {
			e.printf("A C shell would fork; Go cannot fork a running program, so gosh starts itself again\n" +
				"(fork+exec of /proc/self/exe, argv \"gosh: TEXT --snapshot-fd=N\") and hands it what fork would\n" +
				"have copied (variables, options, aliases, functions, $0 and $@, $?, $!, $$, directory, umask,\n" +
				"traps, fds) in a snapshot written to a memfd, fd N of the child: nothing of it is in argv or\n" +
				"the environment, where other users could read it. That process is the job ($! is its pid,\n" +
				"and with job control it gets a process group of its own); it expands the words and runs the\n" +
				"commands itself, and its programs are its children. The shell does not wait; \"[N] PID\" is printed.\n")
		}
	}
	if len(ao.Rest) == 0 && !child {
		e.pipeline(ao.First, !background, background)
		return
	}
	e.subshell = child
	pipes := append([]*parser.Pipeline{ao.First}, restPipelines(ao)...)
	for i, p := range pipes {
		e.printf("\nPipeline %d: %s\n", i+1, parser.String(p))
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
	// ownProcess: a command that runs in a child gosh; why says why (the
	// shell's rule, Shell.Decide).
	ownProcess bool
	why        string
	// compound is the command when it is not a simple command: a compound
	// command or a function definition (construct describes it).
	compound parser.Command
	// copy: the rule runs it in a copy of the shell, not the shell itself.
	copy bool
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
		e.place(&stages[i], c, len(p.Cmds))
	}

	// Structure.
	if len(p.Cmds) == 1 {
		kind := "simple command"
		if stages[0].compound != nil {
			kind = "compound command"
		}
		e.printf("Structure: one %s: %s", kind, source(p.Cmds[0]))
	} else {
		e.printf("Structure: a pipeline of %d commands; each one's standard output feeds the next one's standard input:", len(p.Cmds))
		for i, c := range p.Cmds {
			e.printf("\n  %d. %s", i+1, source(c))
		}
	}
	if background {
		e.printf("\n  ... ending with '&': it runs in the background")
	}
	if p.Bang {
		e.printf("\n  '!' inverts the status: 0 becomes 1, anything else becomes 0")
	}
	if p.Time != nil {
		format := "$TIMEFORMAT, or real/user/sys with 3 decimals when it is unset"
		if p.Time.Posix {
			format = "-p: POSIX's form, real 0.00 user 0.00 sys 0.00"
		}
		e.printf("\n  'time' is a reserved word, not a program: the shell notes the clock and its own and its\n"+
			"  children's CPU times (getrusage) before and after, and reports the difference on its stderr (%s)", format)
	}
	e.printf("\n")

	// Expansions.
	e.expansions(p)

	// Commands and processes.
	e.printf("Commands:\n")
	for i, s := range stages {
		e.printf("  %d. %s\n", i+1, e.describeCommand(s))
	}

	lone := len(stages) == 1
	if lone && stages[0].name == "exec" && !background {
		e.explainExec(stages[0])
		return
	}
	if lone && stages[0].inShell && !background {
		where := "the shell process itself"
		switch {
		case stages[0].copy:
			where = "a copy of the shell, on a goroutine of the shell's process"
		case e.subshell:
			where = "the child gosh"
		}
		e.printf("Processes: none. The command runs inside %s: no fork, no\n"+
			"process group, no terminal handoff. Its redirections apply to a private fd table,\n"+
			"so the shell's own file descriptors are unchanged afterwards.\n", where)
		if _, steps := e.stageTable(newFdModel(), stages[0], []int{0, 1, 2}); len(steps) > 0 {
			e.printf("File descriptors: the shell: %s; the builtin reads and writes through them, no dup2.\n", strings.Join(steps, "; "))
		}
		return
	}
	e.processes(stages, background)
	e.wiring(stages)
	e.terminal(stages, foreground, background)
}

// place asks the shell's rule where one stage of n runs.
func (e *explainer) place(s *stageInfo, c parser.Command, n int) {
	d := e.sh.Decide(c, Site{Stages: n, InChild: e.subshell})
	switch d.Place {
	case InShell, Copy:
		s.inShell, s.ownProcess = true, false
		s.copy = d.Place == Copy
	case Child:
		s.inShell, s.ownProcess = false, true
	default:
		s.inShell, s.ownProcess = false, false
	}
	s.why = d.Reason
}

// explainExec describes exec, the one builtin whose effects outlive it:
// with a command it becomes that program, with only redirections it
// changes the shell's own file descriptors for good.
func (e *explainer) explainExec(s stageInfo) {
	where := "the shell"
	if e.subshell {
		where = "the child gosh"
	}
	if len(s.cmd.Args) > 1 {
		e.printf("Processes: none is created. %s puts each of its fds at its own number (dup2; the fds\n"+
			"above 2 are virtual until now) and calls execve itself: the program keeps the shell's pid,\n"+
			"process group and terminal, and the shell is gone: when the program exits, nothing returns to it.\n"+
			"If execve fails, a script exits with status 126 or 127.\n", capitalize(where))
	} else {
		e.printf("Processes: none. Without a command, exec applies its redirections to %s's fd\n"+
			"table, and they stay for every later command: fds 0-2 are the process's own (dup2 onto them);\n"+
			"a higher fd is virtual: exec 3>log keeps the file open at a descriptor gosh holds at 10 or\n"+
			"above (close-on-exec, so no descriptor of Go's runtime is ever touched), and every child\n"+
			"gets it as its fd 3.\n", where)
	}
	if steps := e.execSteps(s); len(steps) > 0 {
		e.printf("File descriptors (numbers as the shell would get them now):\n")
		for i, step := range steps {
			e.printf("  %d. %s\n", i+1, step)
		}
	}
}

// describeCommand says what one command name resolves to.
func (e *explainer) describeCommand(s stageInfo) string {
	if s.compound != nil {
		return construct(s.compound) + ". Where: " + s.why
	}
	switch {
	case s.ownProcess:
		what := "this command"
		if s.name != "" {
			what = s.name + " is a shell builtin, but here it"
		}
		return fmt.Sprintf("%s runs in a child gosh, a process of its own (fork+exec of the gosh binary, fed a snapshot of the shell through a memfd): %s",
			what, s.why)
	case len(s.cmd.Args) == 0 && len(s.cmd.Assigns) > 0:
		return "only assignments: they set shell variables, inside the shell"
	case len(s.cmd.Args) == 0:
		return "only redirections: the shell opens (and creates) the files, then closes them"
	case s.dynamic:
		return "the command name comes from an expansion, so what runs (builtin or program) is decided after expansion"
	case s.nohup && s.path != "":
		return fmt.Sprintf("nohup: gosh starts %s with SIGHUP ignored (it re-executes itself to set SIG_IGN, then execve; an ignored signal stays ignored across execve)", s.path)
	case s.nohup:
		return "nohup: runs its argument with SIGHUP ignored"
	}
	switch s.kind {
	case KindBuiltin:
		why := "no fork"
		if s.name == "exec" && s.cmd != nil && len(s.cmd.Args) > 1 {
			why = "no fork: exec replaces the shell process itself with the program, execve in the shell's own pid"
		} else if s.name == "exec" {
			why = "no fork, no execve: without a command, exec changes the shell's own fds"
		}
		return fmt.Sprintf("%s is a shell builtin: it runs inside the shell (%s)", s.name, why)
	case KindFile:
		return fmt.Sprintf("%s is the program %s: a new process (fork+exec)", s.name, s.path)
	case KindAlias:
		return fmt.Sprintf("%s is an alias for %q: the line is re-read with it replaced before parsing", s.name, s.path)
	}
	return fmt.Sprintf("%s: command not found in $PATH: the process would fail to exec and the status would be 127", s.name)
}

// construct says what a compound command or function definition does.
func construct(c parser.Command) string {
	switch c := c.(type) {
	case *parser.Subshell:
		return "( ... ) runs its list in a subshell: nothing it changes (variables, cd, traps, exec) reaches the shell"
	case *parser.Group:
		return "{ ...; } groups commands: they run in the current shell, so cd and assignments inside it stay"
	case *parser.If:
		return "if runs the condition list; when its status is 0 it runs the then-list, otherwise it tries each elif in turn, then the else-list"
	case *parser.While:
		if c.Until {
			return "until runs the condition list, then the body, again and again while the condition's status is not 0"
		}
		return "while runs the condition list, then the body, again and again while the condition's status is 0"
	case *parser.For:
		if !c.In {
			return "for " + c.Name + " sets " + c.Name + " to each positional parameter (\"$@\") in turn and runs the body"
		}
		return "for " + c.Name + " expands the words after 'in' (splitting and globbing them), sets " + c.Name + " to each field in turn and runs the body"
	case *parser.Select:
		words := "the words after 'in' (split and globbed)"
		if !c.In {
			words = "the positional parameters (\"$@\")"
		}
		return "select " + c.Name + " writes " + words + " as a numbered menu to standard error, prompts with $PS3 and reads a line " +
			"into REPLY; " + c.Name + " is set to the word of that number (empty for any other answer) and the body runs, " +
			"again and again until break or the end of the input (status 1); an empty line shows the menu again"
	case *parser.ArithFor:
		return "for (( init; cond; step )) evaluates init once, then runs the body while cond is not 0, evaluating step after each pass"
	case *parser.Case:
		return "case expands its word and runs the list of the first pattern that matches it (patterns as in pathname expansion; ;& falls into the next list, ;;& goes on testing)"
	case *parser.FuncDecl:
		return "defines the function " + c.Name + ": nothing runs now; each call runs the body in the calling shell, with the call's arguments as $1, $2 and so on"
	case *parser.ArithCmd:
		return "(( ... )) evaluates the arithmetic expression inside the shell; its status is 0 when the value is not 0"
	case *parser.TestCmd:
		return "[[ ... ]] is a test done inside the shell: its words are not split or globbed; == and != compare with a pattern, =~ with a regular expression (BASH_REMATCH)"
	}
	return "a compound command"
}

// processes says how many processes the shell would create, and in which
// process group.
func (e *explainer) processes(stages []stageInfo, background bool) {
	external, inside := 0, 0
	for _, s := range stages {
		if s.inShell {
			inside++
		} else {
			external++
		}
	}
	e.printf("Processes:\n")
	if external > 0 {
		e.printf("  The shell creates %d process%s with fork+exec (Go's syscall.ForkExec: clone(CLONE_VFORK|CLONE_VM), then execve in the child).\n",
			external, plural(external, "es"))
	}
	if inside > 0 {
		where := "the shell"
		if e.subshell {
			where = "the child gosh"
		}
		if inside == 1 {
			e.printf("  1 builtin stage runs inside %s, in a goroutine on a copy of the shell (no fork).\n", where)
		} else {
			e.printf("  %d builtin stages run inside %s, each in a goroutine on a copy of the shell (no fork).\n", inside, where)
		}
	}
	switch {
	case external == 0:
		e.printf("  Process group: none; no process is created, so the job has no group of its own.\n")
	case e.subshell:
		e.printf("  Process group: the child gosh runs without job control, so these processes stay in its\n" +
			"  process group, the background job's group, and never take the terminal.\n")
	case e.jobControl:
		e.printf("  Process group: a new group for this job, named after its first process's pid (PGID = that pid).\n" +
			"  Each child calls setpgid(0, PGID) before execve, so Ctrl+C, Ctrl+Z and kill %%N reach all of them.\n")
	default:
		e.printf("  Process group: job control is off (a script, or set +m): the processes stay in the shell's group.\n")
	}
	if !e.subshell {
		e.printf("  The job is registered in the job table as one job; its state is derived from its processes' states.\n")
	}
}

// terminal says who owns the terminal while the job runs, and what the
// shell waits for.
func (e *explainer) terminal(stages []stageInfo, foreground, background bool) {
	e.printf("Terminal and waiting:\n")
	switch {
	case e.subshell:
		e.printf("  In the background job: the child gosh waits for these processes (its reaper collects\n" +
			"  them with wait4); the terminal stays with the foreground job or the interactive shell.\n")
	case background:
		e.printf("  Background: the shell does not wait. It sets $! to the last process's pid and prints \"[N] PID\".\n" +
			"  The job's group is not the terminal's foreground group: Ctrl+C and Ctrl+Z do not reach it, and if it\n" +
			"  reads from the terminal the kernel stops it with SIGTTIN. \"[N]+  Done\" is reported before a later prompt.\n")
	case allInShell(stages):
		e.printf("  Foreground, with no child process: the shell waits for its builtin goroutines to finish.\n"+
			"  The terminal stays with the shell's own group (no tcsetpgrp), so Ctrl+Z cannot stop this job.\n"+
			"  $? is the last command's status (stage %d).\n", len(stages))
	case foreground && e.jobControl:
		e.printf("  Foreground: the first child calls tcsetpgrp(tty, PGID) before its execve, so the job owns the\n" +
			"  terminal from its first instruction: Ctrl+C and Ctrl+Z go to its group, not to the shell.\n" +
			"  The shell waits (waitid, then wait4 with WUNTRACED) until every process has exited or the job stops; then it\n" +
			"  takes the terminal back with tcsetpgrp(tty, shell's pgid) and restores its terminal modes\n" +
			"  (saving the job's modes if it stopped, for fg). $? is the last command's status")
		if len(stages) > 1 {
			e.printf(" (stage %d)", len(stages))
		}
		e.printf(".\n")
	default:
		e.printf("  Foreground, without job control: the shell waits for the processes; the terminal is not handed over.\n")
	}
}

// expansions lists, word by word, the expansions that would apply.
func (e *explainer) expansions(p *parser.Pipeline) {
	var lines []string
	for _, c := range p.Cmds {
		sc, ok := c.(*parser.SimpleCommand)
		if !ok {
			continue
		}
		for _, a := range sc.Assigns {
			what := e.wordExpansions(a.Value, true)
			line := fmt.Sprintf("%s=%s: assignment", a.Name, parser.String(a.Value))
			if len(sc.Args) == 0 {
				line += " to a shell variable"
			} else {
				line += " for this command only (in its environment)"
			}
			if len(what) > 0 {
				line += "; " + strings.Join(what, "; ") + " (no field splitting or globbing in an assignment)"
			}
			lines = append(lines, line)
		}
		for _, w := range sc.Args {
			if what := e.wordExpansions(w, false); len(what) > 0 {
				lines = append(lines, parser.String(w)+": "+strings.Join(what, "; "))
			}
		}
		for _, r := range sc.Redirs {
			if r.Target != nil && r.Heredoc == nil {
				if what := e.wordExpansions(r.Target, true); len(what) > 0 {
					lines = append(lines, parser.String(r.Target)+" (redirection target): "+strings.Join(what, "; "))
				}
			}
		}
	}
	if len(lines) == 0 {
		e.printf("Expansions: none; every word is literal text.\n")
		return
	}
	e.printf("Expansions (before anything runs, left to right; quotes are removed last):\n")
	for _, l := range lines {
		e.printf("  %s\n", l)
	}
}

// wordExpansions lists what would happen to one word. noSplit is true for
// assignments and redirection targets, which are not field split.
func (e *explainer) wordExpansions(w *parser.Word, noSplit bool) []string {
	var out []string
	unquotedExp := false
	for i, part := range w.Parts {
		switch p := part.(type) {
		case *parser.Lit:
			if i == 0 && strings.HasPrefix(p.Value, "~") {
				out = append(out, e.tilde(p.Value))
			}
			if strings.ContainsAny(p.Value, "*?[") && !noSplit {
				out = append(out, fmt.Sprintf("pathname expansion (glob) of %q: replaced by the matching file names, sorted; left as it is if nothing matches", p.Value))
			}
		case *parser.Escaped:
			out = append(out, fmt.Sprintf("\\%s: the backslash quotes %q, which stays literal", p.Value, p.Value))
		case *parser.SglQuoted:
			out = append(out, fmt.Sprintf("'%s': single quotes, literal text, nothing inside is expanded", p.Value))
		case *parser.DblQuoted:
			inner := []string{}
			for _, ip := range p.Parts {
				if d := e.expansionPart(ip); d != "" {
					inner = append(inner, d)
				}
			}
			if len(inner) == 0 {
				out = append(out, "\"...\": double quotes, the text stays one word, literal")
			} else {
				out = append(out, "\"...\": double quotes: "+strings.Join(inner, "; ")+"; the result stays one word (no field splitting, no globbing)")
			}
		default:
			if d := e.expansionPart(part); d != "" {
				out = append(out, d)
				unquotedExp = true
			}
		}
	}
	if unquotedExp && !noSplit {
		out = append(out, "the unquoted result is split into fields at $IFS characters (space, tab, newline) and each field is globbed")
	}
	return out
}

// expansionPart words one $-expansion.
func (e *explainer) expansionPart(part parser.WordPart) string {
	switch p := part.(type) {
	case *parser.ParamExp:
		return e.param(p)
	case *parser.CmdSubst:
		form := "$(...)"
		if p.Backquote {
			form = "`...`"
		}
		return fmt.Sprintf("%s command substitution: the shell runs %q in a subshell with its stdout on a pipe, and substitutes what it printed, minus trailing newlines (explain does not run it)",
			form, parser.String(p.List))
	case *parser.ArithExp:
		return fmt.Sprintf("$((%s)) arithmetic expansion: evaluated as an integer expression", parser.String(p.Expr))
	}
	return ""
}

// param words a parameter expansion, with the current value when it is a
// plain variable.
func (e *explainer) param(p *parser.ParamExp) string {
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
	var what string
	switch p.Name {
	case "?":
		what = "the status of the last command"
	case "$":
		what = "the shell's pid"
	case "!":
		what = "the pid of the last background process"
	case "#":
		what = "the number of positional parameters"
	case "@", "*":
		what = "all positional parameters"
	case "-":
		what = "the shell's option letters"
	case "0":
		what = "the shell's or script's name"
	default:
		what = "the value of " + p.Name
	}
	if p.Length {
		what = "the length of " + what
	}
	switch p.Op {
	case parser.ParamDefault:
		what += ", or the word after '-' if it is unset" + colonNote(p.Colon)
	case parser.ParamAssign:
		what += ", or the word after '=' (also assigned to " + p.Name + ") if it is unset" + colonNote(p.Colon)
	case parser.ParamError:
		what += ", or an error (the command does not run) if it is unset" + colonNote(p.Colon)
	case parser.ParamAlt:
		what += "; but replaced by the word after '+' if it is set" + colonNote(p.Colon) + ", else empty"
	}
	s := name + " parameter expansion: " + what
	if v, ok := e.sh.Var(p.Name); ok && p.Op == parser.ParamNone && !p.Length && p.Name != "@" && p.Name != "*" {
		s += fmt.Sprintf(" (now %q)", v)
	} else if !ok && p.Op == parser.ParamNone && parser.IsName(p.Name) {
		s += " (now unset: it expands to nothing)"
	}
	return s
}

func colonNote(colon bool) string {
	if colon {
		return " or empty"
	}
	return ""
}

// tilde words a tilde prefix: ~ is $HOME, ~user is that user's home.
func (e *explainer) tilde(lit string) string {
	prefix, _, _ := strings.Cut(lit, "/")
	if prefix == "~" {
		home, _ := e.sh.Var("HOME")
		return fmt.Sprintf("tilde expansion: ~ becomes $HOME (now %q)", home)
	}
	return fmt.Sprintf("tilde expansion: %s becomes the home directory of user %s", prefix, prefix[1:])
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
