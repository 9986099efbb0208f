package shell

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"gosh/builtins"
	"gosh/jobs"
	"gosh/parser"
)

// This file is the executor: it walks the AST from a List down to the
// simple commands, and turns each pipeline into either a builtin run inside
// the shell or a job started by package jobs. Read it top-down:
//
//	Run → runList → runAndOr → runPipeline → (runInShell | startJob → prepareStage)

// Run executes a parsed program and returns the status of its last command.
// An *ExitError means the shell should exit.
func (sh *Shell) Run(f *parser.File) (int, error) {
	if f == nil || f.List == nil {
		return sh.Status, nil
	}
	err := sh.runList(f.List)
	return sh.Status, err
}

// RunString parses and runs src (for eval, programmable completion and
// tests) one complete command at a time, as bash's eval does: a command
// runs before the next is parsed, so an alias defined or shopt -s extglob
// run on one line counts on the next, and a syntax error ends the text
// after the commands before it have run.
func (sh *Shell) RunString(src string) (int, error) {
	// bash counts the text's lines from the line eval is on: its
	// commands' $LINENO, and the line their messages name.
	base := max(sh.line, 1)
	r := parser.NewReader(linesOf(src), parser.Config{Alias: sh.aliasLookup, Extglob: sh.extglobOn, NoComments: sh.noComments, HeredocEOF: sh.heredocAtEOF, FirstLine: base})
	st := 0 // no command at all (eval "# note"): status 0, as POSIX says
	for {
		f, err := r.Next()
		switch {
		case errors.Is(err, io.EOF):
			return st, nil
		case err != nil:
			sh.syntaxError(err, "eval", src, base, base)
			if sh.Opts.Posix {
				return sh.Status, sh.posixFatal(sh.Status) // eval is a special builtin
			}
			return sh.Status, nil
		}
		st, err = sh.Run(f)
		if err == errExpansionAbandon {
			// eval reads its text as bash does: an expansion error ends it
			// with status 1, and the command around it goes on.
			return 1, nil
		}
		if err != nil {
			return st, err
		}
	}
}

// runList runs and-or lists one after the other; those ended by '&' start
// in the background and the shell goes on at once.
func (sh *Shell) runList(l *parser.List) error {
	for _, item := range l.Items {
		var err error
		if item.Background {
			err = sh.runBackground(item.AndOr)
			if err == nil {
				err = sh.trapCheckpoint()
			}
		} else {
			err = sh.runAndOr(item.AndOr)
		}
		if err != nil {
			return err
		}
		if sh.pipeBroken != nil && *sh.pipeBroken {
			// A copy running a pipeline stage whose reader is gone: a
			// forked stage would have died of SIGPIPE here.
			return &ExitError{Status: 128 + int(syscall.SIGPIPE)}
		}
	}
	return nil
}

// runAndOr runs "a && b || c": each pipeline runs only if the status so far
// allows it. Under set -e, only the last pipeline's failure exits the shell,
// and never a pipeline inverted with '!': set -e is suspended while the
// others run (noErrexit), also in the functions they call.
func (sh *Shell) runAndOr(ao *parser.AndOr) error {
	if sh.Opts.Noexec && !sh.Opts.Interactive {
		return nil // set -n: commands are read and parsed, not run
	}
	n := len(ao.Rest)
	if n > 0 {
		sh.flow.noErrexit++
	}
	errSets := sh.traps.errSets // the ERR trap as the list begins
	err := sh.runTrappedPipeline(ao.First)
	if n > 0 {
		sh.flow.noErrexit--
	}
	if err != nil {
		return err
	}
	last := ao.First
	for i, part := range ao.Rest {
		if (part.Op == parser.AndIf) != (sh.Status == 0) {
			continue
		}
		if i < n-1 {
			sh.flow.noErrexit++
		}
		err := sh.runTrappedPipeline(part.Pipeline)
		if i < n-1 {
			sh.flow.noErrexit--
		}
		if err != nil {
			return err
		}
		last = part.Pipeline
	}
	if sh.Status != 0 && sh.flow.noErrexit == 0 && !last.Bang &&
		last == lastPipeline(ao) && errexitApplies(last) {
		if errSets != sh.traps.errSets && !sh.traps.errFiresAfter(errSets) {
			return sh.errexitOnly()
		}
		return sh.commandFailed() // the ERR trap, then set -e
	}
	return nil
}

// debugless reports whether bash runs no DEBUG trap before the pipeline:
// a function definition, or a subshell, group, if, while or until alone,
// before whose commands the trap runs instead; and a pipeline of several
// stages, before each simple command of which it runs (stageDebug).
func debugless(p *parser.Pipeline) bool {
	if len(p.Cmds) > 1 {
		return true
	}
	switch p.Cmds[0].(type) {
	case *parser.FuncDecl, *parser.Subshell, *parser.Group, *parser.If, *parser.While:
		return true
	case *parser.For, *parser.ArithFor:
		return true // before each pass instead (runFor, runArithFor)
	}
	return false
}

// pipelineLine is the line of a pipeline for the DEBUG trap: that of its
// simple command, as bash numbers it, when it starts with one.
func pipelineLine(p *parser.Pipeline) int {
	if sc, ok := p.Cmds[0].(*parser.SimpleCommand); ok && sc.Pos.Line == p.Pos.Line {
		return sc.LineNo()
	}
	return p.Pos.Line
}

// runTrappedPipeline runs a pipeline between the DEBUG trap and the
// handlers of signals that arrived while it ran (trap_unix.go).
func (sh *Shell) runTrappedPipeline(p *parser.Pipeline) error {
	sh.reapCoproc()           // coproc.go: where bash cleans up its dead jobs
	sh.noteCommand(p.Cmds[0]) // $BASH_COMMAND for the DEBUG trap
	if !debugless(p) {
		if skip, err := sh.debugTrapSkips(pipelineLine(p)); err != nil || skip {
			if skip && err == nil {
				sh.Status = 0 // as bash's skipped command
			}
			return err
		}
	}
	if err := sh.runPipeline(p); err != nil {
		return err
	}
	if len(p.Cmds) > 1 {
		sh.noteCommand(p.Cmds[len(p.Cmds)-1]) // the ERR trap names the last stage
	}
	return sh.trapCheckpoint()
}

func lastPipeline(ao *parser.AndOr) *parser.Pipeline {
	if n := len(ao.Rest); n > 0 {
		return ao.Rest[n-1].Pipeline
	}
	return ao.First
}

// runPipeline runs one pipeline in the foreground and sets $?. A lone
// builtin, or a command with only assignments and redirections, runs inside
// the shell; everything else becomes a job.
func (sh *Shell) runPipeline(p *parser.Pipeline) error {
	if p.Time != nil {
		return sh.runTimed(p) // timecmd.go
	}
	return sh.runPipelineUntimed(p)
}

// runPipelineUntimed is runPipeline without the pipeline's "time".
func (sh *Shell) runPipelineUntimed(p *parser.Pipeline) error {
	if p.Bang {
		sh.flow.noErrexit++
	}
	status, err := sh.pipelineStatus(p)
	if p.Bang {
		sh.flow.noErrexit--
	}
	if err != nil {
		return err
	}
	sh.notePipeline(p, status)
	if p.Bang {
		status = invert(status)
	}
	sh.Status = status
	return nil
}

func invert(status int) int {
	if status == 0 {
		return 1
	}
	return 0
}

func (sh *Shell) pipelineStatus(p *parser.Pipeline) (int, error) {
	defer sh.closeProcSubsts(len(sh.procSubsts)) // <(list) >(list) in its words
	if sh.Vars.posixTouched {
		sh.settlePosix() // POSIXLY_CORRECT was set or unset (posix.go)
	}
	if len(p.Cmds) == 1 {
		status, err := sh.runCommand(p.Cmds[0])
		if sh.Vars.badCompat != nil {
			sh.reportCompat()
		}
		return status, err
	}
	if err := sh.stageDebug(p); err != nil {
		return 0, err
	}
	if sh.Opts.Shopt.Lastpipe {
		if sh.lastpipeStage(p) {
			return sh.runLastpipe(p) // lastpipe.go
		}
	}
	cmds, err := sh.expandPipeline(p)
	if err != nil {
		return sh.expansionFailed(err)
	}
	return sh.startJob(cmds, jobText(p), true)
}

// stageDebug runs the DEBUG trap before each simple command of a pipeline
// of several stages, with that stage's line and $BASH_COMMAND, as bash's
// parent does before it forks the stage; a compound stage has none.
func (sh *Shell) stageDebug(p *parser.Pipeline) error {
	for _, c := range p.Cmds {
		if sc, ok := c.(*parser.SimpleCommand); ok {
			sh.noteCommand(sc)
			if err := sh.debugTrap(sc.LineNo()); err != nil {
				return err
			}
		}
	}
	return nil
}

// runBackground starts "cmd &". needsProcess decides: a pipeline of
// programs with quiet words is started by the shell itself; anything else
// ("a && b &", a builtin, "echo $(sleep 2) &", "nosuch &") runs in a child
// gosh that is the job, and expands the words itself (see subshell.go).
func (sh *Shell) runBackground(ao *parser.AndOr) error {
	if c := ao.LoneCoproc(); c != nil {
		// A coproc is asynchronous already: bash starts it as it is.
		_, err := sh.runCoproc(c)
		sh.Status = 0
		return err
	}
	defer sh.closeProcSubsts(len(sh.procSubsts))
	text := jobText(ao)
	d := sh.needsProcess(ao, nil, Site{Background: true})
	sh.traceDecision(text, d)
	var cmds []*command
	if d.Place == builtins.Program {
		var err error
		cmds, err = sh.expandPipeline(ao.First)
		if err != nil {
			_, err = sh.expansionFailed(err)
			return err
		}
		for _, c := range cmds {
			c.background = true
		}
	} else {
		cmds = []*command{{child: ao, label: text}}
	}
	// 0 once the job has started; else what stopped it (a fork that
	// failed: 126, as bash's EX_NOEXEC; a pipe: 1).
	status, err := sh.startJob(cmds, text, false)
	sh.Status = status
	return err
}

// expandPipeline expands every stage of a pipeline, left to right.
func (sh *Shell) expandPipeline(p *parser.Pipeline) ([]*command, error) {
	return sh.expandStages(p.Cmds, len(p.Cmds))
}

// expandStages expands stages, the first of a pipeline of n stages (all
// of them, or all but the last that shopt lastpipe runs in the shell).
// The stages of a longer pipeline are subshells: a stage whose words could
// assign or run a command is expanded on a copy of the shell, so that
// ": ${x:=v} | cat" leaves x alone, as in bash.
func (sh *Shell) expandStages(stages []parser.Command, n int) ([]*command, error) {
	cmds := make([]*command, 0, len(stages))
	for i, c := range stages {
		sc, ok := c.(*parser.SimpleCommand)
		if !ok {
			cmds = append(cmds, &command{compound: c})
			continue
		}
		if i > 0 && substInWords(sc) {
			// "echo x | echo $(cat)": the stage's own stdin is the
			// pipe, which its $(cat) reads (stage_subst.go).
			cmds = append(cmds, &command{compound: c})
			continue
		}
		if n > 1 && sh.mentionsPid(sc) {
			// Its words read $BASHPID: the stage's own process expands
			// them (bashvars.go).
			cmds = append(cmds, &command{compound: c})
			continue
		}
		ex := sh
		if n > 1 && sh.firstActiveWord(sc) != "" {
			ex = sh.clone()
		}
		cmd, err := ex.expandCommand(sc)
		if ee, ok := errors.AsType[*ExpansionError](err); ok && n > 1 {
			// A stage is a subshell: in bash its words expand in the
			// forked child, which reports the error and exits, while
			// the other stages run. Its status is what the error gives
			// a shell (1, or 127 for an unset parameter under -c).
			st := sh.unsetExitStatus(ee)
			if st == 0 {
				st = 1
			}
			cmds = append(cmds, &command{failed: ee, failedStatus: st})
			continue
		}
		if err != nil {
			return nil, err
		}
		if ex != sh {
			cmd.expander = ex // its redirection targets are expanded there too
		}
		cmds = append(cmds, cmd)
	}
	return cmds, nil
}

// expansionFailed reports an expansion error ("gosh: x: unbound variable")
// as bash does. The command does not run and $? is 1. In a subshell (a
// copy or a child gosh) the subshell exits with 1, as a forked one would.
// A parameter that is not set (set -u, ${x?}) ends a non-interactive shell
// with 1, or 127 under -c (bash's statuses). Any other error (bad
// arithmetic, a read-only variable) abandons the rest of the command being
// run, up to the reading loop of the script, the . file, the eval or the
// prompt, which goes on with the next command: errExpansionAbandon.
func (sh *Shell) expansionFailed(err error) (int, error) {
	if _, ok := IsExit(err); ok {
		return 0, err
	}
	if err == errAbandon {
		// Ctrl+C in a $( ) of an interactive line: no message, $? is
		// the substitution's (130), and the line is abandoned.
		return sh.Status, err
	}
	if ee, ok := err.(*ExpansionError); !ok || !ee.NoAssignment {
		sh.errorf("%s", err) // $((GROUPS=5)) abandons the command silently, as bash
	}
	sh.Status = 1
	if sh.subshell {
		return 1, &ExitError{Status: 1}
	}
	if st := sh.unsetExitStatus(err); st != 0 {
		return 1, &ExitError{Status: st}
	}
	if st := sh.posixExpansionExit(err); st != 0 {
		return 1, &ExitError{Status: st} // posix.go
	}
	if ee, ok := errors.AsType[*ExpansionError](err); ok && ee.Errexit && sh.Opts.Errexit {
		return 1, &ExitError{Status: 1} // failglob under set -e, as bash
	}
	return 1, errExpansionAbandon
}

// unsetExitStatus is the status with which an expansion error ends a
// non-interactive shell, or 0 when it does not end it: only a parameter
// that is not set does, with 127 under -c (1 with set -e) and 1 in a
// script or a subshell (bash; a child gosh is a subshell, "set -u; {
// echo $x; } &" exits 1, except for one simple command, which bash runs
// in a fork of the top level: "set -u; echo $x &" exits 127 under -c).
func (sh *Shell) unsetExitStatus(err error) int {
	ee, ok := errors.AsType[*ExpansionError](err)
	if !ok || !ee.Unset || sh.Opts.Interactive {
		return 0
	}
	if sh.Opts.Errexit {
		return 1 // bash: set -e makes it 1 under -c too
	}
	return sh.forceEOFStatus()
}

// forceEOFStatus is the status with which an error that ends a
// non-interactive shell at once ends it: 127 under -c, 1 in a script
// (bash's FORCE_EOF, which bash -c's run_one_command turns into 127).
func (sh *Shell) forceEOFStatus() int {
	if sh.source == sourceCommand || sh.source == sourceChild && sh.specials.simpleTop && sh.flow.topSource == sourceCommand {
		return 127
	}
	return 1
}

// discardLine is a builtin's builtins.ErrDiscardLine: the rest of the
// command line is dropped, as after an expansion error, with status 1;
// bash's -c string and a subshell end there.
func (sh *Shell) discardLine() (int, error) {
	sh.Status = 1
	if sh.subshell || !sh.Opts.Interactive && sh.source == sourceCommand {
		return 1, &ExitError{Status: 1}
	}
	return 1, errExpansionAbandon
}

// errAbandon unwinds the rest of an interactive command line (after
// Ctrl+C killed a job, or an expansion error); $? is already set.
var errAbandon = errors.New("command line abandoned")

// abandonsLine reports whether Ctrl+C makes this shell abandon the rest
// of the command line: the interactive shell itself, or a copy running a
// $( ) of its line (lineCopy).
func (sh *Shell) abandonsLine() bool {
	return sh.Opts.Interactive && (!sh.subshell || sh.lineCopy)
}

// errExpansionAbandon is errAbandon after an expansion error: it unwinds
// only to the innermost reading loop (runLines, eval), which goes on.
var errExpansionAbandon error = expansionAbandon{}

// expansionAbandon is errExpansionAbandon's type (a plain type rather
// than fmt.Errorf, which would run fmt at every start-up).
type expansionAbandon struct{}

func (expansionAbandon) Error() string { return errAbandon.Error() + " after an expansion error" }
func (expansionAbandon) Unwrap() error { return errAbandon }

// command is a simple command after expansion: argv, the per-command
// environment, and its still unapplied redirections.
type command struct {
	argv    []string
	assigns []assignment
	redirs  []*parser.Redirect
	builtin *builtins.Builtin
	fn      *parser.FuncDecl // a shell function, called in the shell
	nohup   bool
	// traced: set -x showed this command already, in the line of the
	// builtin that runs it (command ls): xtrace leaves it out.
	traced bool
	// notSpecial: the command runs through the command builtin (or
	// nohup), which takes a special builtin's POSIX-mode rules away.
	notSpecial bool
	// compound, when set, is a compound command that is a stage of a
	// pipeline: it runs instead of argv (see compoundStage).
	compound parser.Command
	// node is the command as parsed (for needsProcess and labels).
	node *parser.SimpleCommand
	// compoundArgs: the arguments written NAME=(...) (expandArgs).
	compoundArgs map[string]bool
	// failed, when set, is the expansion error of a pipeline stage: the
	// stage reports it and exits with failedStatus (see expandPipeline).
	failed       error
	failedStatus int
	// background: a stage of a background pipeline the shell starts
	// itself (see stageFailed).
	background bool
	// expander, when set, is the copy of the shell that expanded this
	// stage of a pipeline (see expandPipeline); nil: the shell itself.
	expander *Shell
	// child, when set, is what a child gosh runs instead of argv (source
	// text or an AST node, see childStage): "a && b &". label is its text
	// as written, for ps and jobs -l.
	child any
	label string
	// argv0 and cleanEnv are exec -a NAME and exec -c: the program gets
	// NAME as its argv[0], and an empty environment.
	argv0    string
	cleanEnv bool
	// coprocEnds, when set, are a coproc's pipe ends for its fds 0 and 1
	// (coproc.go), put in place before its redirections.
	coprocEnds *[2]int
}

type assignment struct {
	name, value string
	arr         *arrayAssign // a[i]=v, a=(...), a+=v on an array (assign.go); nil otherwise
	trace       string       // how set -x shows it, when not name=value (xtrace.go)
}

// redirectsStdin reports whether the first command of a job redirects its
// standard input itself ("cmd <file &", even "cmd <&0 &"): as bash, the
// job then keeps it, and gets no /dev/null in its place. An and-or list
// is the job as a whole, and redirects nothing of its own.
func redirectsStdin(cmd *command) bool {
	rs := cmd.redirs
	var first parser.Command = cmd.compound
	if ao, ok := cmd.child.(*parser.AndOr); ok {
		if len(ao.Rest) > 0 || len(ao.First.Cmds) == 0 {
			return false // "a <&0 && b &": the list is the job, and has none
		}
		first = ao.First.Cmds[0]
	}
	if c, ok := first.(interface{ Redirects() []*parser.Redirect }); ok {
		rs = c.Redirects()
	}
	for _, r := range rs {
		fd := r.Fd
		if fd < 0 {
			fd = r.Op.DefaultFd()
		}
		if fd == 0 && r.FdVar == "" {
			return true
		}
	}
	return false
}

// pathOverride is the PATH a "PATH=... cmd" assignment gives the command
// (possibly empty), and whether there is one.
func (c *command) pathOverride() (string, bool) {
	for i := len(c.assigns) - 1; i >= 0; i-- {
		if c.assigns[i].name == "PATH" {
			return c.assigns[i].value, true
		}
	}
	return "", false
}

// inShell reports whether the command runs inside the shell process.
func (c *command) inShell() bool {
	return c.compound != nil || len(c.argv) == 0 || c.fn != nil || (c.builtin != nil && !c.nohup)
}

// expandCommand performs the expansions of a simple command: its words
// become argv; assignment values are expanded but not yet applied.
func (sh *Shell) expandCommand(sc *parser.SimpleCommand) (*command, error) {
	cmd := new(command)
	if err := sh.expandCommandTo(cmd, sc, nil, nil); err != nil {
		return nil, err
	}
	return cmd, nil
}

// expandCommandTo is expandCommand into a command the caller provides
// (runSimple's, on its stack: no allocation per command). The words are
// appended to argv and the assignments to assigns: runSimple gives room
// in its arenas, a nil slice makes new storage.
func (sh *Shell) expandCommandTo(cmd *command, sc *parser.SimpleCommand, argv []string, assigns []assignment) error {
	*cmd = command{redirs: sc.Redirs, node: sc}
	sh.noteLine(sc.LineNo())
	args, assignList := sc.Args, sc.Assigns
	if sh.Opts.Keyword && len(args) > 1 {
		args, assignList = keywordAssigns(args, assignList) // set -k (keyword.go)
	}
	// bash expands the words first, then the assignments.
	argv, compound, err := sh.expandArgs(argv, args)
	if err != nil {
		return err
	}
	cmd.compoundArgs = compound
	if cmd.assigns, err = sh.expandAssignments(assignList, assigns); err != nil {
		return err
	}
	cmd.argv = argv
	sh.noteLastArg(argv, compound)
	if len(argv) > 0 {
		if fn := sh.lookupFuncCached(argv[0]); fn != nil && !sh.posixSpecial(argv[0]) {
			cmd.fn = fn
		} else if argv[0] == "nohup" {
			cmd.nohup = true
		} else if b, ok := sh.lookupBuiltin(argv[0]); ok {
			cmd.builtin = b
		} else {
			sh.autocd(cmd) // shopt autocd (shopt.go)
		}
	}
	return nil
}

// expandAssignments expands the assignments of a simple command in order,
// each one seeing those before it, as in bash: "a=1 b=$a" sets b to 1 and
// "IFS=: x=\"$*\"" joins with ':'. Each is applied for the time the ones
// after it expand, then undone: the command applies them for real (to the
// shell, or around a builtin or program) as it runs.
// The result is appended to out, which the caller may give room in.
func (sh *Shell) expandAssignments(list []*parser.Assign, out []assignment) ([]assignment, error) {
	switch len(list) {
	case 0:
		return nil, nil
	case 1:
		// The usual case: nothing after it to apply it for.
		as, err := sh.expandAssignmentQuick(list[0])
		if err != nil {
			return nil, err
		}
		return append(out, as), nil
	}
	type saved struct {
		name string
		v    *Var // nil: the variable did not exist
	}
	var undo []saved
	defer func() {
		for i := len(undo) - 1; i >= 0; i-- {
			sh.Vars.put(undo[i].name, undo[i].v)
		}
	}()
	for i, a := range list {
		as, err := sh.expandAssignmentQuick(a)
		if err != nil {
			return nil, err
		}
		out = append(out, as)
		if i == len(list)-1 {
			break
		}
		var prev *Var
		if x := sh.Vars.LookupRef(as.name); x != nil {
			cp := *x
			cp.Elems = slices.Clone(x.Elems)
			prev = &cp
		}
		undo = append(undo, saved{as.name, prev})
		sh.assign(as) // a failure (read-only) is reported when it is applied
	}
	return out, nil
}

// isDeclarationBuiltin reports whether name is a builtin whose NAME=value
// arguments are expanded like assignments: no field splitting, no
// globbing, tilde after = and :, so that export DIR=$(pwd) keeps a path
// with spaces whole (bash does this).
func isDeclarationBuiltin(name string) bool {
	switch name {
	case "export", "readonly", "declare", "typeset", "local":
		return true
	}
	return false
}

// expandArgs expands a command's words into argv, appending to dst. For a
// declaration builtin it also returns the arguments written NAME=(...)
// (Shell.compoundArgs).
func (sh *Shell) expandArgs(dst []string, words []*parser.Word) ([]string, map[string]bool, error) {
	if len(words) < 2 || !isLiteral(words[0]) || !isDeclarationBuiltin(wordLiteral(words[0])) {
		argv, err := sh.expandWords(dst, words)
		return argv, nil, err
	}
	argv := []string{wordLiteral(words[0])}
	var compound map[string]bool
	for _, w := range words[1:] {
		if _, isList := w.Parts[len(w.Parts)-1].(*parser.ArrayLit); isList {
			if compound == nil {
				compound = map[string]bool{}
			}
			defer func(n int) {
				if n < len(argv) {
					compound[argv[n]] = true
				}
			}(len(argv))
		}
		if !looksLikeAssignment(w) {
			fields, err := sh.expandFields([]*parser.Word{w})
			if err != nil {
				return nil, nil, err
			}
			argv = append(argv, fields...)
			continue
		}
		name, value := splitAssignment(w)
		v, err := sh.expandAssign(value)
		if err != nil {
			return nil, nil, err
		}
		argv = append(argv, name+"="+v)
	}
	return argv, compound, nil
}

// splitAssignment cuts a NAME=value word into the name and the value word.
func splitAssignment(w *parser.Word) (string, *parser.Word) {
	name, rest, _ := strings.Cut(w.Parts[0].(*parser.Lit).Value, "=")
	parts := append([]parser.WordPart{&parser.Lit{Value: rest}}, w.Parts[1:]...)
	return name, &parser.Word{Parts: parts, Pos: w.Pos}
}

// isLiteral reports whether a word is plain unquoted text.
func isLiteral(w *parser.Word) bool {
	if len(w.Parts) != 1 {
		return false
	}
	_, ok := w.Parts[0].(*parser.Lit)
	return ok
}

func wordLiteral(w *parser.Word) string { return w.Parts[0].(*parser.Lit).Value }

// looksLikeAssignment reports whether a word starts with NAME= written as
// plain text.
func looksLikeAssignment(w *parser.Word) bool {
	_, name, _, found := leadingAssign(w)
	return found && parser.IsName(name)
}

// leadingAssign cuts a word's first part, when it is plain text with a
// '=', into the text before it and after it.
func leadingAssign(w *parser.Word) (lit *parser.Lit, before, after string, ok bool) {
	if len(w.Parts) == 0 {
		return nil, "", "", false
	}
	if lit, ok = w.Parts[0].(*parser.Lit); !ok {
		return nil, "", "", false
	}
	before, after, ok = strings.Cut(lit.Value, "=")
	return lit, before, after, ok
}

// xtrace prints "+ cmd args" for set -x.
func (sh *Shell) xtrace(cmd *command) {
	if !sh.Opts.Xtrace || cmd.traced {
		return
	}
	ps4 := sh.xtracePrefix()
	var b strings.Builder
	// As bash: each assignment on a line of its own, then the command.
	for _, a := range cmd.assigns {
		b.WriteString(ps4)
		b.WriteString(xtraceAssignment(a))
		b.WriteByte('\n')
	}
	argv, lists := declTraceArgs(cmd) // xtrace.go: declare a=(1 2) shows "declare a"
	if len(argv) > 0 || len(cmd.assigns) == 0 {
		b.WriteString(ps4)
		for i, w := range argv {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(xtraceQuote(w))
		}
		b.WriteByte('\n')
	}
	writeExportTrace(&b, ps4, argv) // xtrace.go
	if lists > 0 {
		// The lists' own lines come first, as the builtin assigns them
		// (traceDeclList); the command's line waits for them.
		sh.declTrace, sh.declTraceLists, sh.declTraceCmd = b.String(), lists, argvID(cmd.argv)
		return
	}
	sh.xtraceOut().Write([]byte(b.String()))
}

// runInShell runs a builtin, or a command made only of assignments and
// redirections, in the shell process itself: no fork. Redirections apply to
// a private fd table, so the shell's own fds are untouched afterwards.
func (sh *Shell) runInShell(cmd *command) (int, error) {
	sh.xtrace(cmd)
	if len(cmd.argv) == 0 {
		return sh.runAssignments(cmd)
	}
	if cmd.fn == nil && execOnlyRedirects(cmd.argv) {
		// "a=b exec": the assignments do not last (bash's temporary
		// environment), but a read-only one is reported.
		sh.reportReadOnlyAssigns(cmd)
		st, err := sh.execRedirects(cmd)
		if st != 0 && err == nil && sh.Opts.Posix && cmd.argv[0] == "exec" {
			err = sh.posixFatal(st) // exec 3<nosuch (posix.go)
		}
		return st, err
	}
	if len(cmd.redirs) == 0 {
		// No redirection: the command sees the shell's own fds, and
		// there is no table to build or close.
		return sh.runInShellWith(&fdTable{fds: sh.stdio}, cmd)
	}
	t := sh.newFdTable()
	defer t.close()
	if err := sh.applyRedirects(t, cmd.redirs); err != nil {
		st, err := sh.redirFailed(err)
		if err == nil && sh.posixSpecialCmd(cmd) {
			err = sh.posixFatal(st) // ": > /nosuch/f" (posix.go)
		}
		return st, err
	}
	defer sh.keepFdVars(t) // redirect_fdvar.go; before t.close
	return sh.runInShellWith(t, cmd)
}

// execOnlyRedirects reports whether argv is an exec without a command,
// whose redirections stay for the shell: "exec", "exec --", and the same
// after command or command -p ("command exec 3<f", as in bash).
func execOnlyRedirects(argv []string) bool {
	for len(argv) > 1 && argv[0] == "command" {
		argv = argv[1:]
		for len(argv) > 0 && argv[0] == "-p" {
			argv = argv[1:]
		}
		if len(argv) > 0 && argv[0] == "--" {
			argv = argv[1:]
		}
	}
	return len(argv) > 0 && argv[0] == "exec" && (len(argv) == 1 || len(argv) == 2 && argv[1] == "--")
}

// runInShellWith runs a builtin or function with the fds of t, its
// temporary assignments applied around it.
func (sh *Shell) runInShellWith(t *fdTable, cmd *command) (int, error) {
	restore, err := sh.applyTempAssigns(cmd)
	if err == errPosixAssign {
		return sh.posixAssignFailed(cmd) // posix.go
	}
	if err != nil {
		return 1, nil
	}
	defer restore()
	if cmd.fn != nil {
		return sh.runFunctionIn(t, cmd)
	}
	saved := sh.compoundArgs
	sh.compoundArgs = cmd.compoundArgs
	defer func() { sh.compoundArgs = saved }()
	if sh.declTraceCmd != nil && sh.declTraceCmd == argvID(cmd.argv) {
		defer sh.flushDeclTrace() // a list the builtin did not assign
	}
	st, err := sh.callBuiltin(cmd.builtin, t, cmd.argv)
	if st == 2 && err == nil && sh.posixSpecialCmd(cmd) && cmd.argv[0] != "eval" && cmd.argv[0] != "." {
		// A special builtin's usage error (posix.go); eval's and .'s
		// status is what they ran, their own errors end the shell there.
		err = sh.posixFatal(st)
	}
	return st, err
}

// argvID names a command by its argv's first element, which lives in
// the argv's array, not in the command: a pointer to the command itself,
// kept in the Shell, would move every simple command's struct to the heap
// (runSimple), and a while loop took twice as long.
func argvID(argv []string) *string {
	if len(argv) == 0 {
		return nil
	}
	return &argv[0]
}

// callBuiltin runs a builtin with the fds of t.
func (sh *Shell) callBuiltin(b *builtins.Builtin, t *fdTable, argv []string) (int, error) {
	if tr := sh.Jobs.Trace(); tr.On() {
		var wiring []jobs.Msg
		for i := 0; i < 3; i++ {
			if fd := t.get(i); fd != i {
				wiring = append(wiring, jobs.Msg{En: "its fd %d is the shell's fd %d", Ko: "builtin의 fd %d는 셸의 fd %d"}.With(i, fd))
			}
		}
		note := jobs.Msg{}
		if len(wiring) > 0 {
			note = jobs.Msg{
				En: "; %s (no dup2: the shell's own fds stay as they are)",
				Ko: ". %s (dup2 없음: 셸 자신의 fd는 그대로다)",
			}.With(jobs.Join(wiring, jobs.Same(", ")))
		}
		where := jobs.Msg{En: "runs inside the shell", Ko: "셸 안에서 실행된다"}
		if sh.subshell {
			where = jobs.Msg{En: "runs in this copy of the shell (a goroutine of the shell process)", Ko: "이 셸 사본(셸 프로세스의 고루틴) 안에서 실행된다"}
		}
		tr.Shell(jobs.Msg{En: "builtin %s: %s, no fork%s", Ko: "builtin %s: %s. fork 없음%s"}, argv[0], where, note)
	}
	io := builtins.IO{
		In: fdReader(t.get(0)), Out: fdWriter(t.get(1)), Err: fdWriter(t.get(2)),
		InFd: t.get(0), OutFd: t.get(1), ErrFd: t.get(2), Prefix: builtinPrefix{sh},
	}
	if sh.pipeBroken != nil && !sh.ignoresSIGPIPE() {
		io.Out = &pipeStageWriter{fd: t.get(1), broken: sh.pipeBroken}
		io.Err = &pipeStageWriter{fd: t.get(2), broken: sh.pipeBroken, quiet: true}
	}
	guard := sh.guardBrokenPipe(&io, t)
	if !sameFds(t.fds, sh.stdio) || len(t.closed) > 0 {
		// The command redirected something: its fds are the view while it
		// runs. (Without redirections the view is the shell's already.)
		defer sh.enterViewOf(t.fds, t.closed)()
	}
	status, err := b.Call(sh, io, argv)
	if b.Name == "wait" {
		// As a foreground job's end (waitForeground), the end of the
		// wait builtin lets a script's finished jobs leave the table,
		// reported under set -m (bash's wait_for).
		sh.afterCommand()
	}
	if err == builtins.ErrDiscardLine {
		return sh.discardLine()
	}
	if sh.pipeBroken != nil && *sh.pipeBroken {
		return sh.stageBrokenPipe()
	}
	if guard != nil {
		status, err = sh.brokenPipeExit(&guard.broken, status, err)
		sh.hot().giveGuard(guard)
	}
	return sh.builtinInterrupted(status, err)
}

// runAssignments handles "a=1 b=2" and "> file" with no command word.
func (sh *Shell) runAssignments(cmd *command) (int, error) {
	for _, a := range cmd.assigns {
		if err := sh.assign(a); err != nil {
			if err == errGroupsList {
				sh.Status = 1
				return 1, errExpansionAbandon
			}
			// "x=2" on a read-only x: an error that ends a script, and the
			// rest of an interactive command line, as in bash.
			return sh.expansionFailed(err)
		}
	}
	if len(cmd.redirs) > 0 {
		t := sh.newFdTable()
		t.noFdVars = true // "{fd}>f" alone: bash assigns and keeps nothing
		err := sh.applyRedirects(t, cmd.redirs)
		t.close()
		if err != nil {
			return sh.redirFailed(err)
		}
	}
	// The status of "x=$(false)" is that of the command substitution.
	return sh.substStatus(), nil
}

// applyTempAssigns applies "VAR=v builtin" assignments, exported, for the
// time the builtin or function runs, and returns what undoes them (but
// for "x=5 export x": keptTempNames). bash (outside POSIX mode) undoes
// them even for special builtins: "x=2 eval 'echo $x'" leaves x as
// it was. A read-only variable is reported and left alone, and the
// builtin runs, as in bash; if another fails, the ones before it are
// undone at once and the builtin does not run.
func (sh *Shell) applyTempAssigns(cmd *command) (func(), error) {
	if len(cmd.assigns) == 0 {
		return noRestore, nil
	}
	type saved struct {
		name string
		v    *Var // nil: the variable did not exist
	}
	var old []saved
	kept := keptTempNames(cmd.argv, sh.flow.funcDepth > 0) // tempenv.go
	keepAll := sh.posixSpecialCmd(cmd)                     // POSIX: they stay after a special builtin
	restore := func() {
		for i := len(old) - 1; i >= 0; i-- {
			if !keepAll && !kept[old[i].name] {
				sh.Vars.put(old[i].name, old[i].v)
			}
		}
	}
	for _, a := range cmd.assigns {
		if sh.isNameRef(a.name) {
			a.name = sh.tempRefName(a.name) // nameref.go
		}
		if sh.groupsFixed(a.name) {
			continue // "GROUPS=4 cmd": neither assigned nor exported, as bash
		}
		var prev *Var
		if x := sh.Vars.LookupRef(a.name); x != nil {
			cp := *x
			cp.Elems = slices.Clone(x.Elems) // the assignment must not change them
			prev = &cp
		}
		if a.arr == nil && prev != nil && !prev.ReadOnly && (prev.Array || prev.Assoc || prev.Integer || prev.Case != 0) {
			// bash's temporary variable is a new one with no attributes:
			// "v=y f" hides the array v, and n=2+3 stays text.
			sh.Vars.put(a.name, &Var{Value: a.value})
		} else if err := sh.assign(a); err != nil {
			sh.errorf("%s", err)
			if _, ro := err.(*readOnlyError); ro {
				if sh.Opts.Posix && !sh.Opts.Interactive {
					restore()
					return nil, errPosixAssign // the command does not run
				}
				// bash reports a read-only variable and runs the
				// command all the same, without that assignment.
				continue
			}
			restore()
			return nil, err
		}
		old = append(old, saved{a.name, prev})
		// The assignment is in the environment of every program the
		// builtin or function runs ("LC_ALL=C f", "x=1 exec prog",
		// "x=1 eval 'printenv x'"), as bash's temporary environment is.
		sh.Vars.Export(a.name)
	}
	return restore, nil
}

func noRestore() {}

// redirFailed reports a failed redirection; the command does not run.
func (sh *Shell) redirFailed(err error) (int, error) {
	if !isRedirError(err) {
		return sh.expansionFailed(err)
	}
	sh.errorf("%s", err)
	return 1, nil
}

// execRedirects is "exec >file 2>&1" and "exec 9>lock": the redirections
// apply to the shell itself, for every later command. Each new fd is first
// duplicated to a descriptor of its own (so that "exec 3>&1 1>f" keeps the
// old stdout in 3), then becomes the user's fd (execFd): a virtual entry
// at 10 or above, or the top-level shell's own 0, 1, 2.
func (sh *Shell) execRedirects(cmd *command) (int, error) {
	t := sh.newFdTable()
	defer t.close()
	if err := sh.applyRedirects(t, cmd.redirs); err != nil {
		return sh.redirFailed(err)
	}
	type change struct{ n, src int }
	var changes []change
	for n, fd := range t.fds {
		if fd == sh.UserFd(n) {
			continue
		}
		if soft, _, err := sh.Rlimit(unix.RLIMIT_NOFILE); fd >= 0 && err == nil && uint64(n) >= soft {
			// No child could get it (ForkExec cannot place it): bash
			// refuses it here too.
			sh.errorf("%s", jobs.FdLimitMessage(n, int(soft)))
			for _, c := range changes {
				closeFdAny(c.src)
			}
			return 1, nil
		}
		src := -1
		if fd >= 0 {
			var err error
			if src, err = dupFdFrom(fd, n); err != nil {
				sh.errorf("exec: %d: %s", n, errnoText(err))
				for _, c := range changes {
					closeFdAny(c.src)
				}
				return 1, nil
			}
			sh.Jobs.Trace().Shell(jobs.Msg{
				En: "fcntl(%d, F_DUPFD_CLOEXEC, %d) = %d  (exec: the shell keeps its own close-on-exec copy for fd %d, at %d or above)",
				Ko: "fcntl(%d, F_DUPFD_CLOEXEC, %d) = %d  (exec: 셸이 fd %d를 위한 close-on-exec 사본을 %d 이상의 번호에 따로 둔다)",
			},
				fd, max(n, 10), src, n, max(n, 10))
		}
		changes = append(changes, change{n, src})
	}
	for _, c := range changes {
		sh.coprocFdGone(c.n) // coproc.go
		sh.execFd(c.n, c.src)
	}
	return 0, nil
}

// errNotFound marks a command name that PATH search did not find.
var errNotFound = errors.New("command not found")

// startJob turns expanded commands into a job: one stage per command, pipes
// between neighbours, and hands it to package jobs. In the foreground it
// waits and returns the job's status; in the background it sets $!.
//
// Every stage is prepared before any starts (its words and redirection
// targets expanded, its files opened), because an expansion may run a
// command substitution, which starts a job of its own. The pipes are made
// later, by jobs.Launch, each just before the stage that writes into it
// starts, as bash makes them: a pipeline needs a few free descriptors, not
// two per stage. Until then a stage's table holds a stand-in pipe where
// its pipe ends will be (so that 2>&1 or test -p see a pipe), and
// connectStage swaps the real ends in.
func (sh *Shell) startJob(cmds []*command, text string, fg bool) (int, error) {
	return sh.startJobThen(cmds, text, fg, nil)
}

// startJobThen is startJob; with lp, cmds are the stages of a foreground
// pipeline but its last, which shopt lastpipe runs in the shell itself
// (lastpipe.go): the last of cmds writes into lp's pipe, and lp runs once
// the job has started, before the shell waits for it.
func (sh *Shell) startJobThen(cmds []*command, text string, fg bool, lp *lastpipeRun) (int, error) {
	n := len(cmds) // the pipeline's stages
	if lp != nil {
		n++
	}
	stages := make([]jobs.Stage, len(cmds))
	standIn := [2]int{-1, -1}
	if len(cmds) > 1 {
		var err error
		if standIn[0], standIn[1], err = standInPipe(); err != nil {
			// EMFILE or ENFILE: nothing was opened, nothing started.
			sh.namedErrorf("pipe error: %s", errnoText(err)) // bash's wording
			return 1, nil
		}
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "pipe2(O_CLOEXEC) = [%d %d]  (stand-ins while the shell prepares the %d stages: " +
				"each real pipe is made just before the stage that writes into it starts)",
			Ko: "pipe2(O_CLOEXEC) = [%d %d]  (셸이 %d개 단계를 준비하는 동안 쓰는 대역: " +
				"진짜 파이프는 그 파이프에 쓰는 단계가 시작하기 직전에 만든다)",
		}, standIn[0], standIn[1], len(cmds))
		defer func() {
			closeFd(standIn[0])
			closeFd(standIn[1])
		}()
	}
	for i, cmd := range cmds {
		t := sh.newFdTable()
		t.noFdVars = true // a child's or a copy's: bash's {NAME} assigns in the fork
		t.background = !fg
		t.pipeline = n > 1
		if e := cmd.coprocEnds; e != nil {
			t.coproc = true
			t.set(0, t.own(e[0]))
			t.set(1, t.own(e[1]))
		} else if i == 0 && !fg && !sh.Jobs.JobControl() && !redirectsStdin(cmd) {
			// POSIX: without job control, a background command's stdin is
			// /dev/null unless it redirects it, so that "cmd &" in a script
			// cannot eat the input meant for the commands after it.
			if fd, err := openFile("/dev/null", unix.O_RDONLY, 0); err == nil {
				t.set(0, t.own(fd))
			}
		}
		if i > 0 {
			t.set(0, standIn[0])
		}
		if i < len(cmds)-1 {
			t.set(1, standIn[1])
		} else if lp != nil {
			t.set(1, t.own(lp.w)) // the stage's to close, as its pipe end
			lp.w = -1
		}
		procSubstsInto(t, cmd.expander) // the <(list) of its words
		st := sh.prepareStage(cmd, t, n)
		procSubstsInto(t, cmd.expander) // and of its redirections, opened later
		if cmd.expander != nil && len(cmd.expander.procSubsts) > 0 {
			defer cmd.expander.closeProcSubsts(0)
		}
		if st.Builtin == nil {
			// Ignored signals the child cannot inherit from the shell
			// process (trap_unix.go).
			st.IgnoreSignals, st.IgnoreAtFork = sh.childIgnores(!fg)
			// The shell's copies of fds that only this external stage
			// uses: closed as soon as it has started.
			st.CloseAfterStart, t.owned = t.owned, nil
		} else {
			st.Abandon = t.close
		}
		if n > 1 {
			st.Connect = sh.connectStage(t, st.Files, st.Builtin != nil, standIn)
		}
		if st.Text == "" && st.Builtin == nil && cmd.node != nil {
			st.Text = jobText(cmd.node) // as written, for jobs -l and notices
		}
		stages[i] = st
	}
	for i := 1; i < len(stages); i++ {
		if stages[i-1].Builtin != nil && stages[i].Builtin != nil && stages[i].Connect != nil {
			holdPipeReader(stages, i)
		}
	}
	if lp != nil && stages[len(stages)-1].Builtin != nil {
		lp.writerDone = writerDone(&stages[len(stages)-1])
	}
	job, err := sh.launch(stages, text, fg)
	if err != nil && lp != nil {
		sh.abandonLastpipe(lp) // lastpipe.go
		lp = nil
	}
	if err != nil {
		var pe *jobs.PipeError
		if errors.As(err, &pe) {
			sh.namedErrorf("%s", err) // no line: bash's sys_error
		} else {
			sh.errorf("%s", err)
		}
		if job == nil || pe == nil {
			return 1, nil
		}
		// Stages already started were stopped: wait for them as usual.
	}
	if !fg {
		if job.NeverStarted() {
			// Its fork failed (the message is out): as in bash, no job,
			// no job line, and $! stays as it was.
			sh.Jobs.Discard(job)
			return job.Status(), nil
		}
		sh.LastBg = job.LastPid()
		if sh.Opts.Interactive && !sh.subshell {
			fmt.Fprintf(sh.Stderr(), "[%d] %d\n", job.ID(), job.LastPid())
		}
		return 0, nil
	}
	var lastErr error
	if lp != nil {
		lastErr = sh.runLastStage(lp)
		if _, ok := IsExit(lastErr); ok && !sh.subshell {
			return lp.status, lastErr // the shell exits: bash does not wait either
		}
	}
	status := sh.pipefailStatus(job, sh.waitForeground(job))
	sh.noteStages(stageStatuses(job))
	if lp != nil {
		status = sh.lastpipeStatus(lp)
		if lastErr != nil {
			return status, lastErr // return, break, a copy's exit
		}
	}
	if job.Interrupted() && sh.abandonsLine() {
		sh.Status = status
		if !sh.sigs.trapped(syscall.SIGINT) {
			// Ctrl+C ends the whole command line, not just this job.
			return status, errAbandon
		}
		// With INT trapped (or ignored) the line goes on, as in bash; a
		// $( ) ends here, as bash's forked one dies of the SIGINT, with
		// what its list wrote so far.
		if sh.lineCopy {
			return status, &ExitError{Status: status}
		}
	}
	if sh.Opts.Interactive && !sh.subshell {
		if err := sh.ctrlZBreaksLoops(job, status); err != nil {
			return status, err
		}
	}
	return status, nil
}

// ctrlZBreaksLoops: a foreground job stopped by Ctrl+Z (SIGTSTP) ends
// every loop running at this level (the function's, or the command
// line's), with the job's status 148; the rest of the line then runs, as
// in bash ("Suspending a job in a loop from the keyboard breaks out of all
// active loops", jobs.c). The result is the break to pass up, or nil.
func (sh *Shell) ctrlZBreaksLoops(job *jobs.Job, status int) error {
	if sh.flow.loopDepth == 0 || job.State() != jobs.Stopped || status != 128+int(syscall.SIGTSTP) {
		return nil
	}
	sh.Status = status
	return &builtins.LoopControl{N: sh.flow.loopDepth, Status: status}
}

// holdPipeReader keeps the pipe into in-shell stage i readable until
// in-shell stage i-1, which writes into it, is done (or 10 ms have passed).
// The stages are goroutines and Go runs the last one started first, so in
// "echo 1 | echo 2" the reader would be done, and the pipe closed, before
// "echo 1" wrote: it would die of SIGPIPE (141) where in bash the writer,
// forked first, has long written. A writer that never ends ("while :; do
// echo y; done | true") still gets SIGPIPE once the 10 ms are over. The
// read end is known when jobs.Launch connects the stage (Connect).
func holdPipeReader(stages []jobs.Stage, i int) {
	hold := -1
	connect, abandon := stages[i].Connect, stages[i].Abandon
	stages[i].Connect = func(st *jobs.Stage, in, out int) error {
		if in >= 0 {
			if fd, err := dupFd(in); err == nil {
				hold = fd
			}
		}
		return connect(st, in, out)
	}
	stages[i].Abandon = func() {
		if hold >= 0 {
			closeFd(hold)
		}
		if abandon != nil {
			abandon()
		}
	}
	reader := stages[i].Builtin
	done := writerDone(&stages[i-1])
	stages[i].Builtin = func() int {
		st := reader()
		if hold < 0 {
			return st
		}
		awaitWriter(done, writerGrace)
		closeFd(hold)
		return st
	}
}

// writerDone makes the builtin stage st close the channel it returns once
// it is done (holdPipeReader, and a last stage that lastpipe runs in the
// shell).
func writerDone(st *jobs.Stage) <-chan struct{} {
	done := make(chan struct{})
	writer := st.Builtin
	st.Builtin = func() int {
		defer close(done)
		return writer()
	}
	return done
}

// writerGrace is how long a pipe's reader that is done stays open for a
// builtin stage still writing into it (awaitWriter).
const writerGrace = 10 * time.Millisecond

// awaitWriter waits until the builtin stage that writes into a pipe is
// done (writerDone's channel is closed) or d has passed: a writer that
// never ends gets SIGPIPE then.
func awaitWriter(done <-chan struct{}, d time.Duration) {
	wait := time.NewTimer(d)
	select {
	case <-done:
	case <-wait.C:
	}
	wait.Stop()
}

// standInPipe is the pipe that stands for a pipeline's pipes while its
// stages are prepared (startJob): run by the shell; close-on-exec, and
// never handed to a child (connectStage replaces it everywhere).
func standInPipe() (r, w int, err error) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return -1, -1, err
	}
	return p[0], p[1], nil
}

// connectStage is a pipeline stage's jobs.Stage.Connect: it puts the real
// pipe ends, in and out, where the stage's table (and files, the table of
// an external stage as prepared) has the stand-ins, then opens the files
// of the stage's redirections (t.later), as a forked child would just
// before its exec. A builtin stage owns its ends from then on and closes
// them when it is done.
func (sh *Shell) connectStage(t *fdTable, files []int, builtin bool, standIn [2]int) func(st *jobs.Stage, in, out int) error {
	swap := func(fd, in, out int) int {
		switch fd {
		case standIn[0]:
			return in
		case standIn[1]:
			return out
		}
		return fd
	}
	return func(st *jobs.Stage, in, out int) error {
		for n, fd := range t.fds {
			t.fds[n] = swap(fd, in, out)
		}
		if builtin {
			for _, fd := range []int{in, out} {
				if fd >= 0 {
					t.own(fd)
				}
			}
			return nil
		}
		if len(t.later) == 0 {
			wired := make([]int, len(files))
			for n, fd := range files {
				wired[n] = swap(fd, in, out)
			}
			st.Files = wired
			return sh.connectSnapshot(t, st)
		}
		// An external stage with redirections (never a child gosh,
		// whose files hold more than the table: see prepareStage).
		plan := t.later
		t.later = nil
		defer func() {
			st.CloseAfterStart = append(st.CloseAfterStart, t.owned...)
			t.owned = nil
		}()
		for _, p := range plan {
			if err := sh.applyPlanned(t, p); err != nil {
				msg := sh.ErrorPrefix() + err.Error() + "\n"
				if fd := t.get(2); fd >= 0 {
					fdWriter(fd).Write([]byte(msg))
				} else {
					fmt.Fprint(sh.Stderr(), msg)
				}
				return err
			}
		}
		st.Files = t.files()
		return nil
	}
}

// prepareStage turns one expanded command, one of n stages, into a
// jobs.Stage: an external program (PATH search, environment, fd table), a
// copy of the shell that runs a builtin in a goroutine, or a child gosh,
// as needsProcess decides.
func (sh *Shell) prepareStage(cmd *command, t *fdTable, n int) jobs.Stage {
	if cmd.failed != nil {
		return sh.failedStage(t, cmd.failed, cmd.failedStatus)
	}
	if cmd.child != nil {
		return sh.childStage(cmd.child, cmd.label, t)
	}
	if cmd.compound != nil {
		return sh.compoundStage(cmd.compound, t, n)
	}
	ex := sh
	if cmd.expander != nil {
		ex = cmd.expander
	}
	// The files of an external stage of a pipeline are opened just before
	// it starts (connectStage), as a forked child opens them: a pipeline
	// holds no more of them at a time than of its pipes. Their words are
	// expanded now, before any stage starts.
	later := n > 1 && !cmd.inShell() && len(cmd.redirs) > 0
	if later {
		plan, err := ex.planRedirects(cmd.redirs)
		if err != nil {
			return sh.stageFailed(cmd, t, err, 1)
		}
		t.later = plan
	} else if err := ex.applyRedirects(t, cmd.redirs); err != nil {
		return sh.stageFailed(cmd, t, err, 1)
	}
	if cmd.inShell() {
		var node parser.Command = cmd.node
		if cmd.node == nil {
			node = &parser.SimpleCommand{}
		}
		d := sh.needsProcess(node, cmd, Site{Stages: n, StandIn: t.pipeline})
		label := ""
		if cmd.node != nil {
			label = jobText(cmd.node)
		}
		sh.traceDecision(label, d)
		if d.Place == builtins.Child {
			sh.xtrace(cmd)
			return sh.childStage(commandText(cmd), label, t)
		}
		sub := sh.clone()
		sub.enterSubshell()
		t.fds = t.hideCloexec(t.fds) // a forked stage would not have them
		return jobs.Stage{Builtin: func() int {
			defer sh.closeStageFds(t)
			defer sub.releaseFds()
			sub.xtrace(cmd)
			var st int
			var err error
			if len(cmd.argv) == 0 {
				st, err = sub.runAssignments(cmd)
			} else if cmd.fn != nil {
				if _, err := sub.applyTempAssigns(cmd); err != nil {
					return 1
				}
				sub.pipeBroken = new(bool)
				st, err = sub.runFunctionIn(t, cmd)
				if *sub.pipeBroken {
					return 128 + int(syscall.SIGPIPE)
				}
			} else {
				if _, err := sub.applyTempAssigns(cmd); err != nil {
					return 1
				}
				sub.pipeBroken = new(bool)
				sub.compoundArgs = cmd.compoundArgs
				st, err = sub.callBuiltin(cmd.builtin, t, cmd.argv)
				if *sub.pipeBroken {
					// A forked builtin would have died of SIGPIPE, silently.
					return 128 + int(syscall.SIGPIPE)
				}
			}
			if code, ok := IsExit(err); ok {
				st = code
			}
			return sub.RunExitTrap(st) // an EXIT trap set in this copy
		}}
	}
	sh.xtrace(cmd)
	argv := cmd.argv
	st := jobs.Stage{Prefix: sh} // its execve's failure is reported after ErrorPrefix
	if cmd.nohup {
		var err error
		argv, err = sh.prepareNohup(cmd.argv)
		if err != nil {
			return sh.stageFailed(cmd, t, err, 125)
		}
		st.IgnoreHUP = true
	}
	// As bash: a read-only variable among the assignments is reported
	// first, before the search (a=b nosuch says both), and the program
	// runs without it.
	sh.reportReadOnlyAssigns(cmd)
	pathVar, override := cmd.pathOverride()
	path, err := sh.lookPathIn(argv[0], pathVar, override)
	if err != nil {
		status := 126
		if errors.Is(err, errNotFound) || errors.Is(err, os.ErrNotExist) {
			status = 127
		}
		if plan := t.later; len(plan) > 0 {
			// The message goes where the redirections say (nosuch
			// 2>/dev/null): perform them now.
			t.later = nil
			for _, p := range plan {
				if rerr := sh.applyPlanned(t, p); rerr != nil {
					return sh.stageFailed(cmd, t, rerr, 1)
				}
			}
		}
		if cmd.nohup {
			// As GNU nohup says it: the program is nohup's to run.
			reason := errnoText(err)
			if errors.Is(err, errNotFound) {
				reason = errnoText(unix.ENOENT)
			}
			return sh.stageFailed(cmd, t, &programError{"nohup: failed to run command '" + argv[0] + "': " + reason}, status)
		}
		word := argv[0]
		if path != "" {
			word = path // a file found on PATH that cannot run: bash names it
		} else if errors.Is(err, errNotFound) {
			// bash's printable_filename: $'c\nd': command not found (a
			// path that cannot run is printed as it is).
			word = jobs.QuoteWord(word)
		}
		return sh.stageFailed(cmd, t, &redirError{word + ": " + errText(err)}, status)
	}
	env := make([]string, 0, len(cmd.assigns))
	for _, a := range cmd.assigns {
		if a.arr != nil || a.name == "_" || sh.groupsFixed(a.name) {
			continue // arrays are not exported; $_ is the program's path; GROUPS is not assigned
		}
		name, ro := sh.prefixAssignTarget(a.name)
		if ro {
			continue // reported by reportReadOnlyAssigns
		}
		env = append(env, name+"="+a.value)
	}
	st.Path = path
	st.Argv = argv
	// As bash does, a program finds its own path in $_.
	st.Env = sh.childEnviron(append(env, "_="+path)) // funcattr.go
	if cmd.argv0 != "" {
		st.Argv = append([]string{cmd.argv0}, argv[1:]...)
	}
	if cmd.cleanEnv {
		st.Env = env
	}
	st.Files = t.files()
	st.Dir = sh.stageDir()
	return st
}

// prefixAssignTarget is the variable a prefix assignment "name=value prog"
// sets (a nameref's target), and whether it is read-only.
func (sh *Shell) prefixAssignTarget(name string) (string, bool) {
	if sh.isNameRef(name) {
		name = sh.tempRefName(name) // nameref.go: ref=v prog
	}
	x := sh.Vars.Lookup(name)
	return name, x != nil && x.ReadOnly
}

// reportReadOnlyAssigns says "a: readonly variable" for each assignment of
// a program's command line (or of a lone exec) to a read-only variable, as
// bash does before it looks for the program; the command goes on without
// that assignment.
func (sh *Shell) reportReadOnlyAssigns(cmd *command) {
	for _, a := range cmd.assigns {
		if a.arr != nil || a.name == "_" || sh.groupsFixed(a.name) {
			continue
		}
		if name, ro := sh.prefixAssignTarget(a.name); ro {
			sh.errorf("%s", &readOnlyError{name})
		}
	}
}

func errText(err error) string {
	if errors.Is(err, errNotFound) {
		return "command not found"
	}
	return errnoText(err)
}

// closeStageFds closes what an in-shell stage owned once it is done: for a
// builtin writing into a pipe, this close is what lets the reader see
// end-of-file, as a forked child's exit would.
func (sh *Shell) closeStageFds(t *fdTable) {
	if tr := sh.Jobs.Trace(); tr.On() {
		for _, fd := range t.owned {
			tr.Shell(jobs.Msg{En: "close(%d)  (the builtin stage is done with it)", Ko: "close(%d)  (builtin 단계가 다 썼다)"}, fd)
		}
	}
	t.close()
}

// stageFailed is the stage for a command that cannot start (a bad
// redirection, a program not found). In a background job it is a child
// gosh that runs the command again and reports the failure itself, so
// that the job has a pid ($!) and wait $! returns the status, as after a
// fork; in the foreground it is failedStage.
func (sh *Shell) stageFailed(cmd *command, t *fdTable, err error, status int) jobs.Stage {
	if cmd.background && cmd.node != nil {
		sh.traceDecision(jobText(cmd.node), builtins.Decision{Place: builtins.Child,
			Reason: jobs.Msg{
				En: "it cannot start (%s): in the background the failure needs a process, so a child gosh runs it and reports it",
				Ko: "시작할 수 없다(%s): 백그라운드에서는 실패에도 프로세스가 필요하므로, 자식 gosh가 실행해 실패를 알린다",
			}.With(err.Error())})
		return sh.childStage(cmd.node, jobText(cmd.node), t)
	}
	return sh.failedStage(t, err, status)
}

// failedStage is a stage that could not start (command not found, a bad
// redirection): it prints its message on the stage's stderr and exits with
// status, like a forked child that failed before exec would.
func (sh *Shell) failedStage(t *fdTable, err error, status int) jobs.Stage {
	msg := sh.ErrorPrefix() + err.Error() + "\n"
	if pe := (*programError)(nil); errors.As(err, &pe) {
		msg = pe.msg + "\n"
	}
	return jobs.Stage{Builtin: func() int {
		defer t.close()
		// fd 2 as it is when the stage runs: a pipe end put in place by
		// connectStage (nosuch 2>&1 | cat).
		fdWriter(t.get(2)).Write([]byte(jobs.ForTerminal(t.get(2), msg)))
		return status
	}}
}

// substStatus is the status left by the last command substitution.
func (sh *Shell) substStatus() int {
	st := sh.lastSubst
	sh.lastSubst = 0
	return st
}

// jobText is the command text jobs shows for a pipeline: the printed AST,
// cut before any here-document body.
func jobText(node any) string {
	text, _, _ := strings.Cut(parser.String(node), "\n")
	return text
}

// pipeStageWriter is the output of a builtin running as a pipeline stage.
// A forked stage whose reader has gone is killed by SIGPIPE and says
// nothing; a goroutine gets EPIPE instead. So the first EPIPE marks the
// stage broken, and its stderr (quiet) then drops the builtin's complaint.
type pipeStageWriter struct {
	fd     int
	broken *bool
	quiet  bool
}

func (w *pipeStageWriter) Write(p []byte) (int, error) {
	if w.quiet && *w.broken {
		return len(p), nil
	}
	n, err := fdWriter(w.fd).Write(p)
	if errors.Is(err, syscall.EPIPE) {
		*w.broken = true
	}
	return n, err
}

// errexitApplies reports whether set -e looks at the status of a pipeline
// that ended an and-or list: not for a compound command other than ( ),
// whose status comes from commands that were checked (or exempt) inside it,
// as bash does. (( )) and [[ ]] count as simple commands.
func errexitApplies(p *parser.Pipeline) bool {
	if len(p.Cmds) != 1 {
		return true
	}
	switch p.Cmds[0].(type) {
	case *parser.SimpleCommand, *parser.Subshell, *parser.ArithCmd, *parser.TestCmd,
		*parser.FuncDecl: // fails only on a readonly -f function
		return true
	}
	return false
}
