package shell

import (
	"strconv"

	"gosh/jobs"

	"gosh/parser"
)

// Process substitution (bash): <(list) and >(list). The list runs in a
// child gosh, asynchronously, with its stdout (<) or stdin (>) on a pipe.
// The shell keeps the other end as a user fd N, chosen as bash chooses it
// (the highest free fd below 64: 63, then 62 ...), and the word expands to
// /dev/fd/N. Every command started from then on gets the end as its fd N:
// a program through ProcAttr.Files, a builtin or function through the
// shell's fd table, a redirection "< <(cmd)" by reopening the command's own
// fd N (openInto). When the command that holds the word is done, the
// shell closes its end (closeProcSubsts), so the list sees end-of-file or
// SIGPIPE. The child is no job: it is not in the job table, $! is its pid,
// and the jobs package reaps it.

// procSubstFd is one process substitution's end held by the shell: the
// user's fd n is the shell's descriptor fd.
type procSubstFd struct{ n, fd int }

// procSubstMax is one more than the highest fd number bash gives a
// process substitution.
const procSubstMax = 64

// expandProcSubst expands <(list) or >(list) to /dev/fd/N, starting the
// list. The name is one field, never split or globbed.
func (x *expansion) expandProcSubst(p *parser.ProcSubst) error {
	n, err := x.sh.startProcSubst(p)
	if err != nil {
		return err
	}
	x.add(chunk{text: "/dev/fd/" + strconv.Itoa(n), quoted: true})
	return nil
}

// startProcSubst is run by the shell while it expands a word: it makes
// the pipe, starts the child gosh that runs the list with its end as fd 1
// (<) or fd 0 (>), and installs its own end as the user fd it returns.
func (sh *Shell) startProcSubst(p *parser.ProcSubst) (int, error) {
	n := sh.freeProcSubstFd()
	if n < 0 {
		return -1, expansionError("process substitution: too many open files")
	}
	r, w, err := sh.Jobs.Pipe()
	if err != nil {
		return -1, expansionError("process substitution: " + errnoText(err))
	}
	mine, theirs, at := r, w, 1
	if p.Out {
		mine, theirs, at = w, r, 0
	}
	mine = moveHigh(mine)
	t := sh.newFdTable()
	for _, ps := range sh.procSubsts {
		// The list sees none of the other substitutions' ends, so that
		// none keeps another's reader from end-of-file.
		if t.get(ps.n) == ps.fd {
			t.set(ps.n, -1)
		}
	}
	t.set(at, t.own(theirs))
	list := p.List
	if list == nil {
		list = &parser.List{}
	}
	st := sh.childStage(list, "", t)
	if tr := sh.Jobs.Trace(); tr.On() {
		end, op := jobs.Msg{En: "read", Ko: "읽는"}, "<("
		if p.Out {
			end, op = jobs.Msg{En: "write", Ko: "쓰는"}, ">("
		}
		tr.Shell(jobs.Msg{
			En: "%s%s): a child gosh, always: the list runs asynchronously, beside the command, as bash forks it; " +
				"the shell keeps the pipe's %s end %d as fd %d, named /dev/fd/%d",
			Ko: "%s%s): 언제나 자식 gosh: bash가 fork하듯 목록이 명령 옆에서 비동기로 실행된다. " +
				"셸은 파이프의 %s 끝 %d를 fd %d로 두고, 그 이름은 /dev/fd/%d다",
		}, op, parser.String(list), end, mine, n, n)
	}
	pid, err := sh.launchNoJob(st, t, "process substitution")
	if pid > 0 {
		sh.LastBg = pid
	}
	if err != nil {
		closeFd(mine)
		return -1, expansionError("process substitution: " + err.Error())
	}
	sh.setUserFd(n, mine, fdBorrowed)
	sh.procSubsts = append(sh.procSubsts, procSubstFd{n, mine})
	return n, nil
}

// launchNoJob starts st, a child gosh made by childStage with the fds of
// t, as no job (jobs.LaunchAsync): the child of a process substitution, or
// of a command substitution that needs a process (bashvars.go). It
// returns the child's pid.
func (sh *Shell) launchNoJob(st jobs.Stage, t *fdTable, what string) (pid int, err error) {
	if st.Builtin == nil {
		st.IgnoreSignals, st.IgnoreAtFork = sh.childIgnores(false)
		st.CloseAfterStart, t.owned = t.owned, nil
	}
	// Otherwise childStage could not prepare the child (no memfd): the
	// stage reports it, fails, and closes t itself.
	// As launch starts a job: the copy's umask and resource limits.
	stages := []jobs.Stage{st}
	sh.launching(stages, func() { // launch.go
		pid, err = sh.Jobs.LaunchAsync(stages[0], what)
	})
	return pid, err
}

// freeProcSubstFd is the user fd a new process substitution gets: the
// highest closed one below procSubstMax, as bash's move_to_high_fd picks.
func (sh *Shell) freeProcSubstFd() int {
	for n := procSubstMax - 1; n >= 3; n-- {
		if sh.UserFd(n) < 0 {
			return n
		}
	}
	return -1
}

// procSubstAt is the shell's descriptor behind user fd n when n is an
// open process substitution, or -1: a redirection "< <(cmd)" names it
// after its command's fd table was made.
func (sh *Shell) procSubstAt(n int) int {
	for i := len(sh.procSubsts) - 1; i >= 0; i-- {
		if sh.procSubsts[i].n == n {
			return sh.procSubsts[i].fd
		}
	}
	return -1
}

// closeProcSubsts closes the shell's ends of the process substitutions
// made since mark (len(sh.procSubsts) before the command): run by the
// shell when the command whose words held them is done.
func (sh *Shell) closeProcSubsts(mark int) {
	for i := len(sh.procSubsts) - 1; i >= mark; i-- {
		ps := sh.procSubsts[i]
		if sh.UserFd(ps.n) == ps.fd {
			sh.setUserFd(ps.n, -1, fdBorrowed)
		}
		closeFd(ps.fd)
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "close(%d)  (the shell's end of the process substitution /dev/fd/%d: its command is done)",
			Ko: "close(%d)  (프로세스 치환 /dev/fd/%d의 셸 쪽 끝: 그 명령이 끝났다)",
		}, ps.fd, ps.n)
	}
	sh.procSubsts = sh.procSubsts[:mark]
}

// procSubstsInto puts the process substitutions that ex (the copy of the
// shell that expanded a pipeline stage) holds into the stage's table t.
func procSubstsInto(t *fdTable, ex *Shell) {
	if ex == nil {
		return
	}
	for _, ps := range ex.procSubsts {
		t.set(ps.n, ps.fd)
	}
}
