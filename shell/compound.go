package shell

import (
	"fmt"
	"slices"
	"strings"

	"gosh/builtins"
	"gosh/jobs"
	"gosh/parser"
)

// This file runs the compound commands: { }, ( ), if, while, until, for,
// for (( )), case, (( )) and [[ ]] (select is select.go's). All but ( ) run in the shell itself,
// as in bash: a loop is the shell going round, and what its body changes
// (variables, the directory) stays changed. Their redirections apply
// around the whole body: the shell's fd view (stdio) points at the
// redirected descriptors while the body runs, so every command inside,
// builtin or external, sees them.
//
// Control flow travels as error values: break and continue return a
// *builtins.LoopControl that the loops below catch, return a
// *builtins.ReturnRequest that callFunction catches, and exit an
// *ExitError that goes to the top.

// runCommand runs one command that is a whole pipeline by itself, in the
// foreground: a simple command, a compound command or a function
// definition.
func (sh *Shell) runCommand(c parser.Command) (int, error) {
	return sh.runCommandAt(c, 0)
}

// runCommandAt is runCommand, with the line a failed redirection of the
// compound command is reported at: its own line when 0, and for a
// function's body the line of the definition, as bash says.
func (sh *Shell) runCommandAt(c parser.Command, redirLine int) (int, error) {
	switch c := c.(type) {
	case *parser.SimpleCommand:
		return sh.runSimple(c)
	case *parser.FuncDecl:
		return sh.defineFunc(c)
	case *parser.Subshell:
		return sh.runSubshell(c)
	case *parser.Coproc:
		return sh.runCoproc(c) // coproc.go
	}
	if redirs := c.Redirects(); len(redirs) > 0 {
		t := sh.newFdTable()
		if err := sh.applyRedirects(t, redirs); err != nil {
			t.close()
			if redirLine == 0 {
				redirLine = redirs[0].Pos.Line
			}
			sh.noteLine(redirLine) // "line 3: nofile: No such file ..."
			return sh.compoundRedirFailed(err)
		}
		leave := sh.enterViewOf(t.fds, t.closed)
		defer func() {
			leave()
			sh.keepFdVars(t) // redirect_fdvar.go
			t.close()
		}()
	}
	if tr := sh.Jobs.Trace(); tr.On() {
		// The one rule (needsProcess) says where it runs: in the shell.
		d := sh.needsProcess(c, nil, Site{Stages: 1})
		tr.Shell(jobs.Msg{
			En: "%s: the shell runs this %s itself (the one rule: %s)",
			Ko: "%s: 셸이 이 %s을(를) 직접 실행한다 (단 하나의 규칙: %s)",
		}, compoundWord(c), compoundKind(c), d.Reason)
	}
	switch c := c.(type) {
	case *parser.Group:
		err := sh.runList(c.List)
		return sh.Status, err
	case *parser.If:
		return sh.runIf(c)
	case *parser.While:
		return sh.runWhile(c)
	case *parser.For:
		return sh.runFor(c)
	case *parser.ArithFor:
		return sh.runArithFor(c)
	case *parser.Select:
		return sh.runSelect(c)
	case *parser.Case:
		return sh.runCase(c)
	case *parser.ArithCmd:
		sh.noteLine(c.Pos.Line) // $LINENO inside (( )), as for a simple command
		return sh.runArithCmd(c)
	case *parser.TestCmd:
		sh.noteLine(c.Pos.Line)
		return sh.runTestCmd(c)
	}
	sh.errorf("%T: not a command", c)
	return 2, nil
}

// compoundWord is the word a compound command starts with, for the trace.
func compoundWord(c parser.Command) string {
	switch c := c.(type) {
	case *parser.Group:
		return "{ }"
	case *parser.Subshell:
		return "( )"
	case *parser.If:
		return "if"
	case *parser.While:
		if c.Until {
			return "until"
		}
		return "while"
	case *parser.For, *parser.ArithFor:
		return "for"
	case *parser.Select:
		return "select"
	case *parser.Case:
		return "case"
	case *parser.ArithCmd:
		return "(( ))"
	case *parser.TestCmd:
		return "[[ ]]"
	case *parser.FuncDecl:
		return "function"
	}
	return "command"
}

// compoundKind names the construct in the trace's sentences.
func compoundKind(c parser.Command) jobs.Msg {
	switch c.(type) {
	case *parser.Group:
		return jobs.Msg{En: "group", Ko: "그룹"}
	case *parser.Subshell:
		return jobs.Msg{En: "subshell", Ko: "서브셸"}
	case *parser.If:
		return jobs.Same("if")
	case *parser.While, *parser.For, *parser.ArithFor, *parser.Select:
		return jobs.Msg{En: "loop", Ko: "반복문"}
	case *parser.Case:
		return jobs.Same("case")
	case *parser.ArithCmd, *parser.TestCmd:
		return jobs.Msg{En: "test", Ko: "검사"}
	case *parser.FuncDecl:
		return jobs.Msg{En: "function definition", Ko: "함수 정의"}
	}
	return jobs.Msg{En: "command", Ko: "명령"}
}

// runSimple runs a simple command that is a whole pipeline by itself: a
// builtin, a function or an assignment in the shell, anything else as a
// job.
func (sh *Shell) runSimple(sc *parser.SimpleCommand) (int, error) {
	// The command stays on this frame's stack while it runs in the
	// shell; only a job keeps a copy on the heap.
	// Its words and assignments are in the shell's arenas (hotpath.go)
	// until it has run.
	var cmd command
	sh.noteCommand(sc) // bashcommand.go: $BASH_COMMAND
	h := sh.hot()
	argvAt, assignsAt := h.argv.take(), h.assigns.take()
	err := sh.expandCommandTo(&cmd, sc, h.argv.room(argvAt), h.assigns.room(assignsAt))
	h.argv.keep(argvAt, cmd.argv)
	h.assigns.keep(assignsAt, cmd.assigns)
	defer h.assigns.release(assignsAt)
	defer h.argv.release(argvAt)
	if err != nil {
		return sh.expansionFailed(err)
	}
	if cmd.inShell() && sh.lonePlace(sc, &cmd) == builtins.InShell {
		if !cmd.keepsNoArgv() {
			cmd.argv = slices.Clone(cmd.argv)
		}
		status, err := sh.runInShell(&cmd)
		// $_ is this command's last argument, whatever the commands it
		// ran (a function's body, eval's text) left there, as in bash.
		sh.noteLastArg(cmd.argv, cmd.compoundArgs)
		return status, err
	}
	if sc == sh.lastCmd {
		// cmd goes by value: its address would move it to the heap
		// for every simple command (tailexec.go).
		if status, err, handled := sh.tailExec(cmd); handled {
			return status, err
		}
	}
	job := cmd
	job.argv = slices.Clone(cmd.argv)
	job.assigns = slices.Clone(cmd.assigns)
	return sh.startJob([]*command{&job}, jobText(sc), true)
}

// keepsNoArgv reports whether the command, run in the shell, is done
// with its argv when it returns, so that argv may live in the shell's
// argvArena: a function (its arguments are the positional parameters
// only until it returns; a subshell copies them) or one of the builtins
// a loop runs most, which keep no slice of their arguments.
func (c *command) keepsNoArgv() bool {
	if c.fn != nil {
		return true
	}
	if c.builtin == nil || len(c.argv) == 0 {
		return false
	}
	switch c.argv[0] {
	case "[", "test", "echo", "printf", ":", "true", "false", "let", "return", "break", "continue", "shift":
		return true
	}
	return false
}

// lonePlace is where a lone simple command runs, by the one rule
// (needsProcess). For a builtin, function or assignment in a shell
// without job control the rule's answer is always "in the shell", and a
// loop asks it for every command: there the question is skipped unless
// the trace narrates the answer.
func (sh *Shell) lonePlace(sc *parser.SimpleCommand, cmd *command) builtins.Placement {
	if !sh.Jobs.JobControl() && !sh.Jobs.Trace().On() {
		return builtins.InShell
	}
	c := *cmd // needsProcess may keep it: a copy, so that cmd stays on the stack
	return sh.needsProcess(sc, &c, Site{Stages: 1}).Place
}

// runCond runs the condition list of if, while or until: set -e does not
// apply inside it (POSIX 2.8.1), and it reports whether it succeeded.
func (sh *Shell) runCond(l *parser.List) (bool, error) {
	sh.flow.noErrexit++
	err := sh.runList(l)
	sh.flow.noErrexit--
	return sh.Status == 0, err
}

// runIf runs if/elif/else. With no branch taken the status is 0.
func (sh *Shell) runIf(c *parser.If) (int, error) {
	for _, cl := range c.Clauses {
		ok, err := sh.runCond(cl.Cond)
		if err != nil {
			return sh.Status, err
		}
		if ok {
			err := sh.runList(cl.Then)
			return sh.Status, err
		}
	}
	if c.Else != nil {
		err := sh.runList(c.Else)
		return sh.Status, err
	}
	sh.Status = 0
	return 0, nil
}

// loopBody runs one pass of a loop body and says what the loop does next:
// go on, stop, or pass an error (a break or continue for an outer loop, a
// return, an exit) up.
func (sh *Shell) loopBody(body *parser.List) (next loopNext, err error) {
	err = sh.runList(body)
	if err == nil {
		return loopGoOn, nil
	}
	lc, ok := err.(*builtins.LoopControl)
	if !ok {
		return loopStop, err
	}
	sh.Status = lc.Status
	if lc.N > 1 && sh.flow.loopDepth > 1 {
		lc.N--
		return loopStop, lc
	}
	if lc.Continue {
		return loopGoOn, nil
	}
	return loopStop, nil
}

type loopNext int

const (
	loopGoOn loopNext = iota
	loopStop
)

// interrupted reports whether Ctrl+C reached an interactive shell while a
// loop ran only builtins (the signal went to the shell, not to a job):
// the loop ends and the command line is abandoned, as in bash.
func (sh *Shell) interrupted() bool {
	return sh.ctx != nil && sh.ctx.Err() != nil
}

// errInterrupted ends a loop interrupted by Ctrl+C.
func (sh *Shell) errInterrupted() error {
	sh.Status = 130
	if sh.abandonsLine() {
		// The terminal echoed ^C; the next prompt starts a fresh line,
		// as after a job killed by Ctrl+C.
		sh.Stderr().Write([]byte("\n"))
	}
	return errAbandon
}

// runWhile runs while and until loops. The status is the last body's, or
// 0 when the body never ran.
func (sh *Shell) runWhile(c *parser.While) (int, error) {
	sh.flow.loopDepth++
	defer func() { sh.flow.loopDepth-- }()
	status := 0
	for {
		if sh.interrupted() {
			return 130, sh.errInterrupted()
		}
		ok, err := sh.runCond(c.Cond)
		if err != nil {
			if lc, isLC := err.(*builtins.LoopControl); isLC {
				// break in the condition ends this loop too.
				sh.Status = lc.Status
				if lc.N > 1 && sh.flow.loopDepth > 1 {
					lc.N--
					return 0, lc
				}
				if lc.Continue {
					continue
				}
				return 0, nil
			}
			return sh.Status, err
		}
		if ok == c.Until {
			break
		}
		next, err := sh.loopBody(c.Body)
		status = sh.Status
		if err != nil || next == loopStop {
			return status, err
		}
	}
	sh.Status = status
	return status, nil
}

// runFor runs "for name in words": the words are expanded once, before
// the first pass; without "in" they are the positional parameters.
func (sh *Shell) runFor(c *parser.For) (int, error) {
	sh.noteLine(c.Pos.Line) // a message about the loop (its name, its words) names its line, as bash
	if !parser.IsName(c.Name) {
		return sh.notIdentifier(c.Name)
	}
	items, err := sh.loopItems(c.In, c.Words)
	if err != nil {
		return sh.expansionFailed(err)
	}
	sh.flow.loopDepth++
	defer func() { sh.flow.loopDepth-- }()
	status := 0
	for _, item := range items {
		if sh.interrupted() {
			return 130, sh.errInterrupted()
		}
		if err := sh.loopDebug(loopHeader("for", c.Name, c.In, c.Words), c.Pos.Line); err != nil {
			return sh.Status, err
		}
		if sh.Opts.Xtrace {
			sh.xtraceLine(loopHeader("for", c.Name, c.In, c.Words))
		}
		if err := sh.setLoopVar(c.Name, item); err != nil {
			return sh.loopVarFailed(err)
		}
		next, err := sh.loopBody(c.Body)
		status = sh.Status
		if err != nil || next == loopStop {
			return status, err
		}
	}
	sh.Status = status
	return status, nil
}

// runArithFor runs "for (( init; cond; step ))": an empty condition is
// true.
func (sh *Shell) runArithFor(c *parser.ArithFor) (int, error) {
	if _, failed, err := sh.arithForPart(c, c.Init); failed || err != nil {
		return sh.arithForFailed(failed, err)
	}
	sh.flow.loopDepth++
	defer func() { sh.flow.loopDepth-- }()
	status := 0
	for {
		if sh.interrupted() {
			return 130, sh.errInterrupted()
		}
		sh.noteLine(c.Pos.Line) // $LINENO in the condition: the loop's line
		n, failed, err := sh.arithForPart(c, c.Cond)
		if failed || err != nil {
			return sh.arithForFailed(failed, err)
		}
		if n == 0 {
			break
		}
		next, err := sh.loopBody(c.Body)
		status = sh.Status
		if err != nil || next == loopStop {
			return status, err
		}
		if _, failed, err := sh.arithForPart(c, c.Post); failed || err != nil {
			return sh.arithForFailed(failed, err)
		}
	}
	sh.Status = status
	return status, nil
}

// arithForPart evaluates one of the three parts of for (( )) as bash
// does: expanded, an empty one as 1; then the DEBUG trap, with
// $BASH_COMMAND the expanded part, "((i<2))"; then set -x's line; then
// the arithmetic. failed says that the expansion or the arithmetic failed
// (err is its error); otherwise err is the trap's (an exit in it).
func (sh *Shell) arithForPart(c *parser.ArithFor, w *parser.Word) (n int64, failed bool, err error) {
	expr := ""
	if w != nil {
		if expr, err = sh.arithExprText(w); err != nil {
			return 0, true, err
		}
	}
	if strings.TrimSpace(expr) == "" {
		expr = "1"
	}
	if err := sh.loopDebug("(("+strings.TrimLeft(expr, " \t")+"))", c.Pos.Line); err != nil {
		return 0, false, err
	}
	n, err = sh.arithTraced(expr, "((", "))")
	return n, err != nil, err
}

// arithForFailed ends a for (( )) whose part failed, or whose DEBUG trap
// unwound it.
func (sh *Shell) arithForFailed(failed bool, err error) (int, error) {
	if failed {
		return sh.arithFailed(err)
	}
	return sh.Status, err
}

// runCase runs the list of the first item whose pattern matches. ";&"
// goes on into the next item's list without testing it; ";;&" goes on
// testing the items after it. With no match the status is 0.
func (sh *Shell) runCase(c *parser.Case) (int, error) {
	sh.noteLine(c.Word.Pos.Line) // $LINENO in the word is its line, as bash
	word, err := sh.expandString(c.Word)
	if err != nil {
		return sh.expansionFailed(err)
	}
	if sh.Opts.Xtrace {
		sh.xtraceLine("case " + parser.String(c.Word) + " in") // as written, as bash shows it
	}
	// $? stays what it was until a body runs ("false; case x in x) echo
	// $?" prints 1, as in bash and dash); no match, or an empty body,
	// gives 0.
	status := 0
	fallInto := false
	for _, item := range c.Items {
		if !fallInto {
			matched := false
			for _, p := range item.Patterns {
				pat, err := sh.expandPattern(p, sh.Opts.Shopt.Extglob)
				if err != nil {
					return sh.expansionFailed(err)
				}
				if sh.matchCase(pat, word) {
					matched = true
					break
				}
			}
			if !matched {
				continue
			}
		}
		status = 0
		if item.Body != nil && len(item.Body.Items) > 0 {
			if err := sh.runList(item.Body); err != nil {
				return sh.Status, err
			}
			status = sh.Status
		}
		switch item.Term {
		case parser.CaseFallthrough:
			fallInto = true
		case parser.CaseContinue:
			fallInto = false
		default:
			return status, nil
		}
	}
	return status, nil
}

// arithWord expands an arithmetic expression's text (as inside double
// quotes) and evaluates it. A literal expression, the usual case in a
// loop, is not expanded at all.
func (sh *Shell) arithWord(w *parser.Word) (int64, error) {
	return sh.arithWordX(w, "(( ", " ))")
}

// arithWordX is arithWord that shows the expanded expression, between
// open and close, under set -x, as bash does: "+ ((  i+1 > 0  ))".
func (sh *Shell) arithWordX(w *parser.Word, open, close string) (int64, error) {
	expr, err := sh.arithExprText(w)
	if err != nil {
		return 0, err
	}
	return sh.arithTraced(expr, open, close)
}

// arithExprText is an arithmetic expression's text, expanded.
func (sh *Shell) arithExprText(w *parser.Word) (string, error) {
	if len(w.Parts) == 0 {
		return "", nil
	}
	if lit, ok := w.Parts[0].(*parser.Lit); ok && len(w.Parts) == 1 {
		return lit.Value, nil
	}
	return sh.expandJoined(w, true, tildeNone)
}

// arithTraced evaluates an expanded expression, shown first under set -x
// between open and close (for (( ))'s parts, "((", trimmed, as bash).
func (sh *Shell) arithTraced(expr, open, close string) (int64, error) {
	if sh.Opts.Xtrace {
		if open == "((" {
			sh.xtraceLine("(( " + strings.TrimSpace(expr) + " ))")
		} else {
			sh.xtraceLine(open + expr + close)
		}
	}
	return sh.evalArith(expr)
}

// arithFailed reports an error in (( )) or for (( )): bash's "((: "
// prefix, status 1; the shell goes on.
func (sh *Shell) arithFailed(err error) (int, error) {
	if _, ok := err.(*ExpansionError); !ok {
		return sh.expansionFailed(err)
	}
	if ee := err.(*ExpansionError); ee.Unset {
		return sh.expansionFailed(err)
	} else if ee.NoAssignment {
		sh.Status = 1 // (( GROUPS=5 )): silently, as bash
		return 1, nil
	}
	sh.errorf("((: %s", err)
	sh.Status = 1
	return 1, nil
}

// runArithCmd runs (( expr )): status 0 when the value is not zero.
func (sh *Shell) runArithCmd(c *parser.ArithCmd) (int, error) {
	n, err := sh.arithWordX(c.Expr, "(( ", " ))")
	if err != nil {
		return sh.arithFailed(err)
	}
	if n != 0 {
		return 0, nil
	}
	return 1, nil
}

// xtraceQuote quotes an argument for set -x as bash does: like
// shellQuote, but an '=' alone needs no quotes there ("local v=1").
func xtraceQuote(s string) string {
	if s == "'" {
		return `\'` // bash's one-character special case
	}
	if s != "" && !xtraceNeedsQuotes(s) {
		// Without a special character, a control character is shown
		// in $'...' (bash: $'\001', $'\E', $'\177').
		if hasControl(s) {
			return jobs.ANSICQuote(s)
		}
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// xtraceNeedsQuotes reports whether set -x quotes a word, as bash decides:
// for a character special to the shell anywhere, for # or ~ at the start,
// and for ~ after = or : (where it would be expanded).
func xtraceNeedsQuotes(s string) bool {
	return strings.ContainsAny(s, " \t\n'\"\\$`|&;<>()*?[]!{}^") ||
		s[0] == '#' || s[0] == '~' || strings.Contains(s, "=~") || strings.Contains(s, ":~")
}

// hasControl reports whether s holds a control character (or DEL).
func hasControl(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0
}

// xtraceLine prints one set -x line: PS4 and text.
func (sh *Shell) xtraceLine(text string) {
	fmt.Fprintf(sh.xtraceOut(), "%s%s\n", sh.xtracePrefix(), text)
}

// runSubshell runs ( list ): nothing it changes reaches the shell. The
// one rule (needsProcess) decides: where job control can see it, it is a
// real process, a child gosh in a job of its own (Ctrl+Z stops it, fg
// continues it); elsewhere a copy of the shell runs it in this process,
// which nothing can tell from a fork.
func (sh *Shell) runSubshell(c *parser.Subshell) (int, error) {
	if sh.isOwnSubshell() {
		sh.enterSubshell()     // $BASH_SUBSHELL, as a copy would count it
		return sh.runInCopy(c) // trap_unix.go: its traps are the process's
	}
	d := sh.needsProcess(c, nil, Site{Stages: 1})
	text := jobText(c)
	if d.Place == builtins.Child {
		// The job's one stage narrates the decision (compoundStage).
		return sh.startJob([]*command{{compound: c}}, text, true)
	}
	sh.traceDecision(text, d)
	sub := sh.subshellClone()
	sub.enterSubshell()
	defer sub.releaseFds()
	return sub.runInCopy(c)
}

// compoundRedirFailed reports a failed redirection of a compound command
// ("{ cat; } <nosuch", "while ...; done <nosuch"). The command's status is
// then no inner command's, which set -e would have checked: as in bash,
// the failure itself runs the ERR trap and, under set -e, exits, unless
// set -e is ignored where the command stands (a condition, the left of
// && or ||, a '!' pipeline).
func (sh *Shell) compoundRedirFailed(err error) (int, error) {
	status, err := sh.redirFailed(err)
	if err != nil || status == 0 || sh.flow.noErrexit > 0 {
		return status, err
	}
	sh.Status = status
	return status, sh.commandFailed()
}

// runInCopy runs a subshell's list on a copy of the shell (sh is the
// copy): an exit ends only the copy, and its status is the subshell's.
// An EXIT trap set in the subshell runs as the copy ends, with the
// subshell's redirections still in place, as in a forked subshell:
// "(trap 'echo x' EXIT) >/dev/null" writes nothing.
func (sh *Shell) runInCopy(c *parser.Subshell) (status int, err error) {
	if len(c.Redirs) > 0 {
		t := sh.newFdTable()
		defer t.close()
		if err := sh.applyRedirects(t, c.Redirs); err != nil {
			sh.noteLine(c.Redirs[0].Pos.Line)
			status, err := sh.redirFailed(err)
			if err == nil {
				status = sh.RunExitTrap(status)
			}
			return status, err
		}
		defer sh.enterView(t.fds)()
	}
	err = sh.runList(c.List)
	if err == errAbandon {
		return sh.Status, err
	}
	st, _ := subshellStatus(sh.Status, err)
	return sh.RunExitTrap(st), nil
}

// compoundStage turns a compound command that is one of n stages of a
// pipeline into a jobs.Stage, as the one rule (needsProcess) decides: a
// child gosh in the job's group under job control, else a copy of the
// shell running it on a goroutine.
func (sh *Shell) compoundStage(c parser.Command, t *fdTable, n int) jobs.Stage {
	d := sh.needsProcess(c, nil, Site{Stages: n, StandIn: t.pipeline})
	text := jobText(c)
	sh.traceDecision(text, d)
	if d.Place == builtins.Child {
		return sh.compoundChild(c, text, t)
	}
	sub := sh.subshellClone()
	sub.enterSubshell()
	sub.pipeBroken = new(bool)
	t.fds = t.hideCloexec(t.fds) // a forked stage would not have them (coproc.go)
	return jobs.Stage{Builtin: func() int {
		defer sh.closeStageFds(t)
		defer sub.releaseFds()
		defer sub.enterView(t.fds)()
		var st int
		var err error
		if s, ok := c.(*parser.Subshell); ok {
			st, err = sub.runInCopy(s)
		} else {
			st, err = sub.runCommand(c)
		}
		if *sub.pipeBroken {
			return 128 + 13 // SIGPIPE, as a forked stage would die of it
		}
		st, _ = subshellStatus(st, err)
		return st
	}}
}

// compoundChild is the stage of a child gosh that runs the compound
// command c; the trace names it by its pid when it starts: "child N: this
// child gosh runs the subshell ...".
func (sh *Shell) compoundChild(c parser.Command, text string, t *fdTable) jobs.Stage {
	st := sh.childStage(c, text, t)
	if sh.Jobs.Trace().On() && st.Builtin == nil {
		st.Trace = append(st.Trace, jobs.Msg{
			En: "a child gosh, this process, runs this %s: %s (a process of the job, " +
				"so Ctrl+Z stops it and fg continues it; nothing it changes reaches the shell)",
			Ko: "자식 gosh인 이 프로세스가 이 %s을(를) 실행한다: %s (작업의 프로세스이므로 " +
				"Ctrl+Z가 정지시키고 fg가 계속시킨다. 여기서 바꾼 것은 셸에 닿지 않는다)",
		}.With(compoundKind(c), text))
	}
	return st
}

// runFunctionIn calls a function with the fds of t (its redirections
// applied).
func (sh *Shell) runFunctionIn(t *fdTable, cmd *command) (int, error) {
	if !sameFds(t.fds, sh.stdio) || len(t.closed) > 0 {
		defer sh.enterViewOf(t.fds, t.closed)()
	}
	return sh.callFunction(cmd.fn, cmd.argv)
}
