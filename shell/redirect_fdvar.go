package shell

import (
	"strconv"

	"gosh/jobs"
	"gosh/parser"
)

// fdVarNumber gives the descriptor a {NAME} redirection (bash) works on.
// For {NAME}>&- and {NAME}<&- it is the number NAME holds, the one to
// close. Otherwise the shell takes the lowest descriptor of 10 or more
// that is not open in t, and assigns its number to NAME before the
// redirection is done: "exec {fd}>log; echo hi >&$fd". As in bash, a
// descriptor so opened stays open after a builtin, a function or a
// compound command (keepFdVars); for a program, a pipeline or a command
// of redirections alone (t.noFdVars), which bash runs in a child or
// undoes, NAME is not assigned and the fd is the command's only.
func (sh *Shell) fdVarNumber(t *fdTable, r *parser.Redirect, target string) (int, error) {
	if (r.Op == parser.RedirDupIn || r.Op == parser.RedirDupOut) && target == "-" {
		v := sh.fdVarValue(r.FdVar)
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, &redirError{r.FdVar + ": ambiguous redirect"}
		}
		return n, nil
	}
	n := 10
	for t.get(n) >= 0 {
		n++
	}
	if t.noFdVars {
		return n, nil
	}
	t.fdVars = append(t.fdVars, n)
	if err := sh.setFdVar(r.FdVar, strconv.Itoa(n)); err != nil {
		sh.errorf("%s", err) // "x: readonly variable", then bash's line
		return 0, &redirError{r.FdVar + ": cannot assign fd to variable"}
	}
	return n, nil
}

// fdVarValue is the value of a {NAME} redirection's variable, which may
// be an array element ({a[1]}>file), as in bash.
func (sh *Shell) fdVarValue(name string) string {
	base, sub, isElem := cutSubscript(name)
	if !isElem {
		v, _ := sh.getVar(name)
		return v
	}
	s, err := sh.subscriptText(base, sub)
	x := sh.Vars.Lookup(base)
	if err != nil || x == nil || x.NoValue {
		return ""
	}
	if !x.Array && !x.Assoc {
		if s.index == 0 && s.key == "" {
			return x.Value
		}
		return ""
	}
	v, _ := x.elem(s.key, s.index)
	return v
}

// setFdVar assigns the descriptor's number to a {NAME} redirection's
// variable or array element.
func (sh *Shell) setFdVar(name, value string) error {
	base, sub, isElem := cutSubscript(name)
	if !isElem {
		return sh.setVar(name, value)
	}
	s, err := sh.subscriptText(base, sub)
	if err != nil {
		return err
	}
	return sh.setElem(base, s, value, false)
}

// keepFdVars keeps open, after a builtin, a function or a compound command
// that the shell ran itself, the fds its {NAME} redirections opened, as
// bash does unless shopt varredir_close is on: each becomes the shell's,
// as with exec ("exec {fd}>log"), at the number NAME was given. Run once
// the command's view of the fds has ended, before t.close.
func (sh *Shell) keepFdVars(t *fdTable) {
	if len(t.fdVars) == 0 || sh.Opts.Shopt.VarredirClose {
		return
	}
	for _, n := range t.fdVars {
		fd := t.get(n)
		if fd < 0 || sh.UserFd(n) >= 0 {
			continue // closed again by a later redirection, or taken meanwhile
		}
		src, err := dupFdFrom(fd, n)
		if err != nil {
			sh.errorf("%d: %s", n, errnoText(err))
			continue
		}
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "fcntl(%d, F_DUPFD_CLOEXEC, %d) = %d  ({NAME} redirection: the shell keeps fd %d open after the command, as bash)",
			Ko: "fcntl(%d, F_DUPFD_CLOEXEC, %d) = %d  ({NAME} 리다이렉션: bash처럼 명령이 끝난 뒤에도 셸이 fd %d를 열어 둔다)",
		}, fd, max(n, 10), src, n)
		sh.execFd(n, src)
	}
}
