package shell

import (
	"errors"
	"os"

	"gosh/jobs"
	"gosh/parser"
)

// A child gosh whose last command is a simple command naming a program
// (its whole body, or the last command of its one "( list )") becomes
// that program: it expands the words, then execve replaces it, with no
// second process. That is what a forked shell does with its last
// command (dash's EV_EXIT, bash's CMD_NO_FORK): "$cmd" 30 & is then one
// process, $! is the program's pid, and kill $! reaches the program
// itself, not a gosh that would leave it running. Before, the child gosh
// started the program as its own child and waited for it.
//
// So does "gosh -c TEXT" with the last command of TEXT when it names a
// program, as "bash -c" does: timeout 5 gosh -c 'sleep 10', a make
// recipe, ssh host cmd, kill the program itself when they kill the shell
// they started.
//
// Whether it may is decided in two steps, each in one place:
// lastCommand (the body, known before the child starts: explain says it
// too) and mayReplaceSelf (the moment the command runs).

// lastCommand is the simple command a child gosh running body may replace
// itself with, or nil: the body's only command, or the last command of
// the body's only "( list )" (as bash, which execs the last command of a
// forked subshell), each a simple command alone in its pipeline and run
// in the foreground. body is the child's parsed program (a *parser.File),
// or for explain what it will be: a *parser.AndOr ended by '&' or a
// parser.Command, one stage of a pipeline.
func lastCommand(body any) *parser.SimpleCommand {
	var c parser.Command
	switch b := body.(type) {
	case *parser.File:
		if b != nil {
			c = soleCommand(b.List)
		}
	case *parser.AndOr:
		c = soleCommand(&parser.List{Items: []*parser.ListItem{{AndOr: b}}})
	case parser.Command:
		c = b
	}
	if sub, ok := c.(*parser.Subshell); ok && len(sub.Redirs) == 0 && sub.List != nil && len(sub.List.Items) > 0 {
		c = soleCommand(&parser.List{Items: sub.List.Items[len(sub.List.Items)-1:]})
	}
	simple, _ := c.(*parser.SimpleCommand)
	return simple
}

// lastOfText is the command "gosh -c TEXT" may replace itself with when f
// is the last line of TEXT: its last command, a simple command alone in
// its pipeline and run in the foreground, as bash -c does; else nil.
func lastOfText(f *parser.File) *parser.SimpleCommand {
	if f == nil || f.List == nil || len(f.List.Items) == 0 {
		return nil
	}
	simple, _ := soleCommand(&parser.List{Items: f.List.Items[len(f.List.Items)-1:]}).(*parser.SimpleCommand)
	return simple
}

// soleCommand is list's only command when list is one pipeline of one
// command, not negated, not timed, not in the background; else nil.
func soleCommand(list *parser.List) parser.Command {
	if list == nil || len(list.Items) != 1 || list.Items[0].Background {
		return nil
	}
	ao := list.Items[0].AndOr
	if len(ao.Rest) > 0 || ao.First.Bang || ao.First.Time != nil || len(ao.First.Cmds) != 1 {
		return nil
	}
	return ao.First.Cmds[0]
}

// tailExec runs cmd, the shell process's last command, by becoming the
// program it names when it may (mayReplaceSelf, replaceSelf); handled is
// false when it may not, and the command runs as usual.
func (sh *Shell) tailExec(cmd command) (status int, err error, handled bool) {
	if !sh.mayReplaceSelf(&cmd) {
		return 0, nil, false
	}
	return sh.replaceSelf(&cmd)
}

// mayReplaceSelf reports whether the child gosh may become cmd, the
// program its last command names, now: nothing is left for the gosh to
// do after it. Not when a trap is set (EXIT, ERR, DEBUG or a caught
// signal: the gosh must live to run it, as in bash), when the program is
// nohup's (nohup starts it through a gosh of its own), when its words
// started process substitutions (they are the gosh's children), or when
// a signal must be ignored for the program that the gosh cannot ignore
// itself.
func (sh *Shell) mayReplaceSelf(cmd *command) bool {
	if !sh.owns || sh.subshell || cmd.inShell() || cmd.nohup || cmd.failed != nil || cmd.child != nil || cmd.compound != nil {
		return false
	}
	if cmd.expander != nil && len(cmd.expander.procSubsts) > 0 {
		return false
	}
	if sh.traps.anyAction(sh.Opts.Errtrace, sh.Opts.Functrace) {
		return false
	}
	reexec, atFork := sh.childIgnores(false)
	return len(reexec) == 0 && len(atFork) == 0 && !sh.stagesInProcess()
}

// stagesInProcess reports whether a job of the shell still has a stage
// running inside the shell process (a copy on a goroutine), which an
// execve would end with it. (Background jobs are processes of their own,
// which the program inherits as children, as in bash.)
func (sh *Shell) stagesInProcess() bool {
	for _, j := range sh.Jobs.Jobs() {
		for _, p := range j.Processes() {
			if p.Builtin && p.State != jobs.Done {
				return true
			}
		}
	}
	return false
}

// replaceSelf runs cmd, the child gosh's last command, by becoming it:
// its redirections are made in the gosh's own fd table, then execTable
// puts them at their numbers and calls execve. A program that is not
// found, or a script whose interpreter cannot run, is left to the usual
// launch (handled is false), which reports it. Otherwise it returns only
// when the program could not be started: a redirection failed (the
// stage's message and status), or execve itself failed (bash's message,
// status 126), as a forked shell that failed to exec ends.
func (sh *Shell) replaceSelf(cmd *command) (status int, err error, handled bool) {
	pathVar, override := cmd.pathOverride()
	path, err := sh.lookPathIn(cmd.argv[0], pathVar, override)
	if err != nil || checkInterpreter(path) != nil {
		return 0, nil, false
	}
	t := sh.newFdTable()
	t.noFdVars = true
	st := sh.prepareStage(cmd, t, 1)
	if st.Builtin != nil {
		// A redirection failed before execve would run: the stage
		// says so and gives the status.
		return st.Builtin(), nil, true
	}
	defer t.close()
	if st.Dir != "" {
		if err := os.Chdir(st.Dir); err != nil {
			sh.errorf("%s: %s", st.Dir, errnoText(err))
			return 1, nil, true
		}
	}
	if sh.source == sourceChild {
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "%s is the child gosh's last command and no trap is set: no fork, the child gosh execs it itself (as a forked shell does with its last command)",
			Ko: "%s은(는) 자식 gosh의 마지막 명령이고 트랩이 없다: fork 없이 자식 gosh가 직접 exec한다(fork한 셸이 마지막 명령에 하듯이)",
		}, jobs.QuoteWords(st.Argv))
	} else {
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "%s is the last command of the -c text and no trap is set: no fork, the shell execs it itself (as bash -c does)",
			Ko: "%s은(는) -c 텍스트의 마지막 명령이고 트랩이 없다: fork 없이 셸이 직접 exec한다(bash -c처럼)",
		}, jobs.QuoteWords(st.Argv))
	}
	err = sh.execTable(st.Path, st.Argv, st.Env, st.Files)
	status = 126
	if errors.Is(err, os.ErrNotExist) {
		status = 127
	}
	sh.errorf("%s: %s", st.Path, errnoText(err))
	return status, nil, true
}
