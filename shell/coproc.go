package shell

import (
	"strconv"

	"gosh/builtins"
	"gosh/jobs"
	"gosh/parser"
)

// This file runs bash's coproc: "coproc NAME command" starts command
// asynchronously, exactly as "command &" would (the one rule decides
// whether the shell starts a program itself or a child gosh runs it),
// with two pipes in place of its standard output and input. The shell
// keeps the other ends as user fds: NAME[0] reads what the coprocess
// writes, NAME[1] writes what it reads. As in bash:
//
//   - the fds are close-on-exec: no program the shell starts gets them
//     (unless a redirection gives them, "cmd >&${COPROC[1]}"), and no
//     subshell keeps them; builtins, functions and redirections in the
//     shell use them;
//   - they are numbered from 63 down, as bash's sh_openpipe does;
//   - the shell keeps one coprocess: starting a second while the first
//     still has an fd open warns and forgets the first (its fds stay
//     open);
//   - when the coprocess has ended, the shell, at the next command
//     (bash: when it cleans up dead jobs), closes its fds and unsets NAME
//     and NAME_PID, even if unread output is left in the pipe.

// coprocState is the shell's coprocess.
type coprocState struct {
	name string
	job  *jobs.Job
	pid  int
	// fds are the user's fd numbers NAME[0] and NAME[1] and the shell's
	// real descriptors behind them.
	fds [2]userFd
}

// userFd is one user fd and the real descriptor behind it.
type userFd struct{ n, real int }

// coprocFdTop is where bash starts looking, downwards, for free fd
// numbers for a coproc's pipe ends (sh_openpipe: below 64).
const coprocFdTop = 63

// coprocJob is what a coproc runs, as the and-or list it would be before
// '&': the one rule (needsProcess) places it as that background job.
func coprocJob(c *parser.Coproc) *parser.AndOr {
	return &parser.AndOr{First: &parser.Pipeline{Cmds: []parser.Command{c.Body}, Pos: c.Body.Position()}}
}

// coprocText is how jobs shows a coproc, as bash does: with its name.
func coprocText(c *parser.Coproc, name string) string {
	return "coproc " + name + " " + jobText(c.Body)
}

// runCoproc runs "coproc [NAME] command": the pipes, the job, the fds and
// the variables. Its status is 0 once the job has started.
func (sh *Shell) runCoproc(c *parser.Coproc) (int, error) {
	sh.noteLine(c.Pos.Line)
	if cp := sh.coproc; cp != nil && (cp.fds[0].n >= 0 || cp.fds[1].n >= 0) {
		sh.errorf("warning: execute_coproc: coproc [%d:%s] still exists", cp.pid, cp.name)
	}
	sh.coproc = nil // bash keeps one: the first is forgotten, its fds stay open
	name := parser.DefaultCoprocName
	if c.Name != nil {
		// bash expands the name without splitting it.
		var err error
		if name, err = sh.expandString(c.Name); err != nil {
			return sh.expansionFailed(err)
		}
	}
	if !parser.IsName(name) {
		sh.errorf("`%s': not a valid identifier", name)
		return 1, nil
	}
	text := coprocText(c, name)
	d := sh.needsProcess(c, nil, Site{Background: true})
	sh.traceDecision(text, d)

	out, in, err := sh.coprocPipes(name)
	if err != nil {
		sh.namedErrorf("pipe error: %s", errnoText(err))
		return 1, nil
	}
	var cmds []*command
	if d.Place == builtins.Program {
		cmds, err = sh.expandPipeline(coprocJob(c).First)
		if err != nil {
			closeFds(out[0], out[1], in[0], in[1])
			_, err = sh.expansionFailed(err)
			return 1, err
		}
		cmds[0].background = true
	} else {
		cmds = []*command{{child: coprocJob(c), label: text}}
	}
	// The coprocess reads in[0] and writes out[1]; the shell closes its
	// copies of them once it has started (fdTable.own).
	cmds[0].coprocEnds = &[2]int{in[0], out[1]}
	before := sh.LastBg
	status, err := sh.startJob(cmds, text, false)
	job := sh.Jobs.ByPid(sh.LastBg)
	if err != nil || sh.LastBg == before || job == nil {
		closeFds(out[0], in[1])
		return status, err
	}
	sh.coproc = &coprocState{name: name, job: job, pid: sh.LastBg}
	sh.keepCoprocFds(out[0], in[1])
	return status, nil
}

// coprocPipes makes the coproc's two pipes: out carries its standard
// output to the shell, in carries what the shell writes to its standard
// input. Both are close-on-exec (jobs.Table.Pipe).
func (sh *Shell) coprocPipes(name string) (out, in [2]int, err error) {
	tr := sh.Jobs.Trace()
	if out[0], out[1], err = sh.Jobs.Pipe(); err != nil {
		return out, in, err
	}
	tr.Shell(jobs.Msg{
		En: "coproc %s: this pipe carries the coprocess's standard output (its fd 1 = %d) to the shell, which reads it as ${%s[0]}",
		Ko: "coproc %s: 이 파이프는 코프로세스의 표준 출력(그 fd 1 = %d)을 셸로 나른다. 셸은 그것을 ${%s[0]}으로 읽는다",
	}, name, out[1], name)
	if in[0], in[1], err = sh.Jobs.Pipe(); err != nil {
		closeFds(out[0], out[1])
		return out, in, err
	}
	tr.Shell(jobs.Msg{
		En: "coproc %s: this pipe carries what the shell writes to ${%s[1]} to the coprocess's standard input (its fd 0 = %d)",
		Ko: "coproc %s: 이 파이프는 셸이 ${%s[1]}에 쓰는 것을 코프로세스의 표준 입력(그 fd 0 = %d)으로 나른다",
	}, name, name, in[0])
	return out, in, nil
}

func closeFds(fds ...int) {
	for _, fd := range fds {
		closeFd(fd)
	}
}

// keepCoprocFds makes the shell's pipe ends, r (NAME[0]) and w (NAME[1]),
// user fds numbered as bash numbers them, close-on-exec ones, and sets
// NAME and NAME_PID.
func (sh *Shell) keepCoprocFds(r, w int) {
	cp := sh.coproc
	// bash moves each of the four ends below 64 in turn, the coprocess's
	// two in between: the shell's read end gets the highest free number,
	// its write end the fourth.
	var nums [4]int
	n := coprocFdTop + 1
	for i := range nums {
		n--
		for n > 3 && sh.UserFd(n) >= 0 {
			n--
		}
		nums[i] = n
	}
	// Forget the close-on-exec fds the user has closed or replaced since.
	var live []userFd
	for _, h := range sh.cloexecFds {
		if sh.UserFd(h.n) == h.real {
			live = append(live, h)
		}
	}
	sh.cloexecFds = live
	for i, real := range []int{r, w} {
		real = sh.moveCoprocFd(real)
		num := nums[3*i]
		sh.setUserFd(num, real, fdOwned)
		cp.fds[i] = userFd{num, real}
		sh.cloexecFds = append(sh.cloexecFds, cp.fds[i])
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "coproc %s: ${%s[%d]} is fd %d, the shell's descriptor %d (close-on-exec: no program gets it unless a redirection names it)",
			Ko: "coproc %s: ${%s[%d]}는 fd %d, 셸의 디스크립터 %d다 (close-on-exec: 리다이렉션이 가리키지 않으면 어떤 프로그램도 받지 않는다)",
		}, cp.name, cp.name, i, num, real)
	}
	sh.setCoprocVars(cp)
}

// moveCoprocFd moves a pipe end the shell keeps to 10 or above, out of
// the numbers users name (fds_unix.go), and narrates the move.
func (sh *Shell) moveCoprocFd(fd int) int {
	nfd := moveHigh(fd)
	if nfd != fd {
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "fcntl(%d, F_DUPFD_CLOEXEC, 10) = %d; close(%d)  (the shell keeps its pipe end at 10 or above)",
			Ko: "fcntl(%d, F_DUPFD_CLOEXEC, 10) = %d; close(%d)  (셸은 자기 파이프 끝을 10 이상에 둔다)",
		}, fd, nfd, fd)
	}
	return nfd
}

// setCoprocVars sets NAME=(readfd writefd) and NAME_PID, as bash's
// coproc_setvars: a read-only NAME is reported and left alone.
func (sh *Shell) setCoprocVars(cp *coprocState) {
	for i, fd := range cp.fds {
		if err := sh.Vars.SetIndex(cp.name, int64(i), strconv.Itoa(fd.n)); err != nil {
			sh.errorf("%s", err)
			return
		}
	}
	if err := sh.Vars.Set(cp.name+"_PID", strconv.Itoa(cp.pid)); err != nil {
		sh.errorf("%s", err)
	}
}

// reapCoproc is bash's coproc_reap: once the coprocess has ended, the
// shell closes its fds and unsets NAME and NAME_PID. Run before each
// pipeline, where bash cleans up its dead jobs.
func (sh *Shell) reapCoproc() {
	cp := sh.coproc
	if cp == nil || cp.job.State() != jobs.Done {
		return
	}
	sh.coproc = nil
	for i, fd := range cp.fds {
		if fd.n < 0 || sh.UserFd(fd.n) != fd.real {
			continue // closed or replaced by the user meanwhile
		}
		closeFdAny(fd.real)
		sh.setUserFd(fd.n, -1, fdBorrowed)
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "close(%d)  (coproc %s has ended: the shell closes ${%s[%d]}, fd %d)",
			Ko: "close(%d)  (coproc %s가 끝났다: 셸이 ${%s[%d]}, fd %d를 닫는다)",
		}, fd.real, cp.name, cp.name, i, fd.n)
	}
	for _, name := range []string{cp.name + "_PID", cp.name} {
		if x := sh.Vars.Lookup(name); x != nil && x.ReadOnly {
			sh.errorf("%s: cannot unset: readonly variable", name)
			continue
		}
		sh.Vars.Unset(name)
	}
}

// dropCoprocFds closes the fds of cp, the shell's coproc, in a subshell's
// copy (sh), as bash's forked subshell closes them (the variables stay).
func (sh *Shell) dropCoprocFds(cp *coprocState) {
	if cp == nil {
		return
	}
	for _, fd := range cp.fds {
		if fd.n >= 0 && sh.UserFd(fd.n) == fd.real {
			sh.setUserFd(fd.n, -1, fdBorrowed)
		}
	}
}

// hideCloexec closes, in a table about to be given to a new process, the
// close-on-exec user fds that still refer to the shell's own descriptor:
// what a redirection put there stays.
func (t *fdTable) hideCloexec(fds []int) []int {
	for _, h := range t.cloexec {
		if h.n < len(fds) && fds[h.n] == h.real {
			fds[h.n] = -1
		}
	}
	return fds
}

// coprocFdGone is run when exec replaces or closes user fd n: if it was
// one of the coproc's, bash counts it closed, and NAME shows -1 for it.
func (sh *Shell) coprocFdGone(n int) {
	cp := sh.coproc
	if cp == nil {
		return
	}
	changed := false
	for i := range cp.fds {
		if cp.fds[i].n == n {
			cp.fds[i].n = -1
			changed = true
		}
	}
	if changed {
		sh.setCoprocVars(cp)
	}
}
