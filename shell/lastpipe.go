package shell

import (
	"golang.org/x/sys/unix"

	"gosh/jobs"
	"gosh/parser"
)

// shopt -s lastpipe, as bash does it: when job control is off (a script, a
// copy, a child gosh, set +m), the last stage of a foreground pipeline is
// run by the shell itself, as if it were alone, so that
// "echo a b | read x y" and "... | while read l; do n=$((n+1)); done" keep
// their variables. The one rule says so (needsProcess, Decision.LastPipe);
// here the shell:
//
//  1. expands and starts the other stages as a job, as usual, the last of
//     them writing into a pipe of its own (lastpipePipe);
//  2. runs the last stage with the pipe's read end as its fd 0, for that
//     command only (its words are expanded then, so a $( ) in them reads
//     the pipe too); the shell's own fd 0 comes back after it;
//  3. closes the read end (after the writer, if it is a builtin, is done,
//     or 10 ms: awaitWriter) and waits for the job.
//
// PIPESTATUS lists every stage, the last one's status after the others';
// set -o pipefail looks at them all. A last stage that fails counts as a
// command of its own first (the ERR trap, set -e: lastStageFailed), then
// the pipeline does. exit (and set -e) in the last stage ends the shell at
// once, without waiting for the others, as in bash; in a copy, exit ends
// the copy after the wait. return and break wait for the other stages
// first (bash returns at once from a function: only the timing differs).

// lastpipeRun is the last stage of a pipeline that lastpipe runs in the
// shell.
type lastpipeRun struct {
	cmd  parser.Command
	bang bool // the pipeline is "! ..."
	// r and w are its pipe: the stage before it writes into w, which that
	// stage's table takes (w becomes -1); the command reads r as its fd 0.
	r, w int
	// writerDone is closed once the stage before it, a builtin in a copy,
	// is done (nil: a process).
	writerDone <-chan struct{}
	status     int // its status, once it has run
}

// lastpipeStage reports whether the one rule runs p's last stage in the
// shell (shopt -s lastpipe without job control), and narrates its answer.
func (sh *Shell) lastpipeStage(p *parser.Pipeline) bool {
	last := p.Cmds[len(p.Cmds)-1]
	d := sh.needsProcess(last, nil, Site{Stages: len(p.Cmds), Last: true})
	if d.LastPipe {
		sh.traceDecision(jobText(last), d)
	}
	return d.LastPipe
}

// runLastpipe runs a pipeline of several stages whose last stage lastpipe
// runs in the shell.
func (sh *Shell) runLastpipe(p *parser.Pipeline) (int, error) {
	n := len(p.Cmds)
	cmds, err := sh.expandStages(p.Cmds[:n-1], n)
	if err != nil {
		return sh.expansionFailed(err)
	}
	r, w, err := sh.lastpipePipe()
	if err != nil {
		// EMFILE or ENFILE: nothing was started.
		sh.namedErrorf("pipe error: %s", errnoText(err)) // bash's wording
		return 1, nil
	}
	return sh.startJobThen(cmds, jobText(p), true, &lastpipeRun{cmd: p.Cmds[n-1], bang: p.Bang, r: r, w: w})
}

// lastpipePipe makes the pipe into the last stage: close-on-exec, since
// only the table of the stage before it hands w to a process.
func (sh *Shell) lastpipePipe() (r, w int, err error) {
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return -1, -1, err
	}
	sh.Jobs.Trace().Shell(jobs.Msg{
		En: "pipe2(O_CLOEXEC) = [%d %d]  (lastpipe: the stage before the last writes into %[2]d; " +
			"the last stage, run by the shell itself, reads %[1]d as its fd 0)",
		Ko: "pipe2(O_CLOEXEC) = [%d %d]  (lastpipe: 마지막 앞 단계가 %[2]d에 쓰고, " +
			"셸 자신이 실행하는 마지막 단계가 %[1]d을(를) 자기 fd 0으로 읽는다)",
	}, p[0], p[1])
	return p[0], p[1], nil
}

// runLastStage runs lp's command in the shell with the pipe as its fd 0,
// then closes the pipe, and keeps the command's status in lp.
func (sh *Shell) runLastStage(lp *lastpipeRun) error {
	t := sh.newFdTable()
	t.set(0, t.own(lp.r))
	tr := sh.Jobs.Trace()
	tr.Shell(jobs.Msg{
		En: "lastpipe: fd 0 is %d, the pipe's read end, while the last stage runs in the shell itself; then the shell's own fd 0 again",
		Ko: "lastpipe: 마지막 단계가 셸 자신 안에서 도는 동안 fd 0은 파이프의 읽는 끝 %d이고, 그다음 다시 셸 자신의 fd 0이다",
	}, lp.r)
	leave := sh.enterView(t.fds)
	outer := sh.lastpipeWriter // a lastpipe inside the last stage of another
	if lp.writerDone != nil {
		sh.lastpipeWriter = lp.writerDone
	}
	status, err := sh.runCommand(lp.cmd)
	sh.lastpipeWriter = outer
	leave()
	if sh.Vars.badCompat != nil {
		sh.reportCompat() // echo 30 | read BASH_COMPAT
	}
	if _, simple := lp.cmd.(*parser.SimpleCommand); simple {
		sh.setUnderscore(sh.specialVars()) // $_ is its last argument, as in bash
	}
	if code, ok := IsExit(err); ok {
		status = code
	}
	lp.status = status
	if err == nil && status != 0 {
		err = sh.lastStageFailed(lp)
	}
	if lp.writerDone != nil {
		awaitWriter(lp.writerDone, writerGrace) // "echo 1 | true": echo has written
	}
	tr.Shell(jobs.Msg{En: "close(%d)  (the last stage is done with the pipe)", Ko: "close(%d)  (마지막 단계가 파이프를 다 썼다)"}, lp.r)
	t.close()
	return err
}

// lastStageFailed is where a last stage that failed counts as a command of
// its own, as in bash, before the pipeline's status counts: a simple
// command, "( )", "(( ))" or "[[ ]]" (not a group or a loop, whose
// commands counted inside) runs the ERR trap, and set -e exits, unless an
// if, while, && or || around the pipeline exempts it. A "!" before the
// pipeline exempts it from set -e, but the ERR trap runs (bash's order:
// the '!' applies to the pipeline, not to its last stage).
func (sh *Shell) lastStageFailed(lp *lastpipeRun) error {
	bang := 0
	if lp.bang {
		bang = 1
	}
	if sh.flow.noErrexit != bang || !errexitApplies(&parser.Pipeline{Cmds: []parser.Command{lp.cmd}}) {
		return nil
	}
	sh.Status = lp.status
	if lp.bang {
		return sh.errTrap()
	}
	return sh.commandFailed()
}

// abandonLastpipe closes lp's pipe when the other stages could not be
// started: the last stage does not run, as in bash.
func (sh *Shell) abandonLastpipe(lp *lastpipeRun) {
	for _, fd := range []int{lp.r, lp.w} {
		if fd >= 0 {
			sh.Jobs.Trace().Shell(jobs.Msg{
				En: "close(%d)  (lastpipe: the other stages could not start; the last stage does not run)",
				Ko: "close(%d)  (lastpipe: 다른 단계들이 시작하지 못해 마지막 단계는 실행되지 않는다)",
			}, fd)
			closeFd(fd)
		}
	}
}

// lastpipeStatus adds lp's status to the job's stage statuses (PIPESTATUS)
// and gives the pipeline's status: lp's, or under pipefail the last
// stage's that failed.
func (sh *Shell) lastpipeStatus(lp *lastpipeRun) int {
	statuses := append(sh.specials.stages, lp.status)
	sh.noteStages(statuses)
	if !sh.Opts.Pipefail {
		return lp.status
	}
	for i := len(statuses) - 1; i >= 0; i-- {
		if statuses[i] != 0 {
			return statuses[i]
		}
	}
	return 0
}
