package shell

import (
	"fmt"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

// Descriptor room for copies of the shell, which the one rule
// (needsProcess, subshell.go) asks about before it puts a builtin,
// function or compound stage of a pipeline in a copy.
//
// A stage that runs in a copy holds its pipe ends in the shell's own
// process for as long as it runs, where bash's forked stage (or a child
// gosh) holds them in a process of its own. A pipeline of n stages whose
// stages are copies holds up to three descriptors per pipe at once in the
// shell: both ends, and the duplicate of the read end that holdPipeReader
// keeps (exec.go); and each copy may open a pipe of its own at any moment
// while the others hold theirs (a command substitution, a here-document),
// two more. copyFdNeed is five per pipe, plus copyFdReserve for what the
// shell opens around them: the stand-in pipe the stages are prepared
// with, a fork's error pipe (forks take turns: one at a time), a file.
// When fewer descriptor numbers than that are free below the process's
// soft RLIMIT_NOFILE, such a stage runs in a child gosh instead, and the
// shell holds about two pipe ends at a time, as bash does. Erring towards
// a child costs a fork, and only where descriptors are few; erring towards
// a copy costs a command that fails with "Too many open files".
//
// The count is of the moment the rule is asked: for a run, as each stage
// is prepared (with the earlier stages' files open; the stand-in pipe open
// then is left out, as copyFdReserve counts it: Site.StandIn); for
// explain, while explain runs, so that both give the same answer unless
// explain's own redirections make the difference. Numbers at or above the limit do not
// count: the kernel never gives them (an inherited fd 251 under ulimit -n
// 30 takes no room).

// copyFdReserve is the free descriptors copies leave for everything else.
const copyFdReserve = 8

// copyFdNeed is how many free descriptor numbers a pipeline of stages
// stages needs for its stages to run in copies of the shell.
func copyFdNeed(stages int) int { return 5*(stages-1) + copyFdReserve }

// nofileSoft is the process's own soft RLIMIT_NOFILE (the one EMFILE
// comes from; not the one children get, see Rlimit), read once: only the
// top-level shell's ulimit -n changes it (SetRlimit calls forgetNofile),
// since a copy keeps its limits as fields. 0: not read yet.
var nofileSoft atomic.Uint64

// processNofile returns the process's soft limit on open files, from
// getrlimit(2) the first time (run by the shell, for the rule).
func processNofile() uint64 {
	if v := nofileSoft.Load(); v != 0 {
		return v
	}
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) != nil {
		return 0
	}
	nofileSoft.Store(lim.Cur)
	return lim.Cur
}

// forgetNofile drops the cached limit after the process's has changed.
func forgetNofile() { nofileSoft.Store(0) }

// fdRoom tells the rule how many descriptor numbers are free below the
// process's soft limit: need or more (counting stops soon after need), or
// fewer, then counted exactly; and that limit. A variable so that the rule's
// table test can set the process's state.
var fdRoom = processFdRoom

// processFdRoom is fdRoom for the real process. First the cheap, usual
// answer (topFree): the need numbers just below the limit are all free,
// as they are when the shell holds its descriptors at low numbers, which
// the kernel gives first. Else the free numbers are counted from 0 up
// (freeFdsBelow). The cached limit is checked against getrlimit(2)
// whenever the answer is "short" (rare, and the stages then cost a fork
// each anyway) or poll(2) fails with EINVAL (a limit lowered behind the
// shell's back, by prlimit(1) on its pid), and the count is made again
// with the new one. When the limit cannot be read, or is above what poll
// can be asked about, or the poll fails, the answer is need: room, as
// before there was a rule.
func processFdRoom(need int) (free, limit int) {
	for range 2 {
		lim := processNofile()
		if lim == 0 || lim > 1<<30 {
			return need, 0
		}
		if topFree(int(lim), need) {
			return need, int(lim)
		}
		free, err := freeFdsBelow(int(lim), need)
		if err == nil && free >= need {
			return free, int(lim)
		}
		forgetNofile()
		if err == nil && processNofile() == lim {
			return free, int(lim)
		}
	}
	return need, 0
}

// topFree reports whether the need descriptor numbers just below limit
// are all free: one poll(2) with a zero timeout over them, run by the
// shell for the rule. A number that is not open costs poll almost nothing
// (POLLNVAL, no file to ask), so this is about as cheap as a system call
// gets (BenchmarkFdRoom); asking about the numbers from 0 up, which are
// open, costs each of their files' poll. false when need is above
// pollChunk or the poll fails.
func topFree(limit, need int) bool {
	if need > pollChunk || need > limit {
		return false
	}
	var pfds [pollChunk]unix.PollFd
	for i := range need {
		pfds[i] = unix.PollFd{Fd: int32(limit - need + i)}
	}
	if pollNoWait(pfds[:need]) != nil {
		return false
	}
	for _, p := range pfds[:need] {
		if p.Revents&unix.POLLNVAL == 0 {
			return false
		}
	}
	return true
}

// pollChunk is how many descriptor numbers one poll(2) asks about at
// most; firstMargin is what the first one asks about beyond need.
const (
	pollChunk   = 128
	firstMargin = 32
)

// freeFdsBelow counts the descriptor numbers below limit that are not
// open, stopping at the end of the chunk where it has found need of them
// (so a count of need or more means "at least need"): run by the shell for
// the rule when topFree has not answered, one poll(2) with a zero timeout
// per chunk of numbers, which answers POLLNVAL for a number that is not
// open; no descriptor is opened. The first chunk is need numbers and a
// margin, since each open one costs its file's poll. poll refuses more
// entries than the process's soft limit (EINVAL), which the chunks never
// ask for while limit is that limit.
func freeFdsBelow(limit, need int) (int, error) {
	var pfds [pollChunk]unix.PollFd
	free := 0
	// The first poll asks about need numbers and a margin for the shell's
	// own (poll's cost grows with the numbers asked about).
	chunk := min(pollChunk, need+firstMargin)
	for base := 0; base < limit && free < need; base += chunk {
		if base > 0 {
			chunk = pollChunk
		}
		n := min(chunk, limit-base)
		for i := range n {
			pfds[i] = unix.PollFd{Fd: int32(base + i)}
		}
		if err := pollNoWait(pfds[:n]); err != nil {
			return 0, err
		}
		for _, p := range pfds[:n] {
			if p.Revents&unix.POLLNVAL != 0 {
				free++
			}
		}
	}
	return free, nil
}

// connectSnapshot makes the memfd of a pipeline stage that is a child
// gosh (childStage left its start message in t.snapshot) and puts it in
// the stage's Files, with the trace's gate after it when the trace is on:
// run by the shell from the stage's Connect, just
// before the stage starts, and closed by Launch once it has (its
// CloseAfterStart). So the shell holds one memfd at a time however many
// stages are child gosh processes, as it holds one pipe. A memfd that
// cannot be made fails the stage (status 1), with a message on its fd 2.
func (sh *Shell) connectSnapshot(t *fdTable, st *jobs.Stage) error {
	data := t.snapshot
	if data == nil {
		return nil
	}
	t.snapshot = nil
	fd, err := snapshotMemfd(data)
	if err != nil {
		msg := sh.ErrorName() + "cannot start a child gosh: memfd: " + errnoText(err) + "\n"
		if w := t.get(2); w >= 0 {
			fdWriter(w).Write([]byte(msg))
		} else {
			fmt.Fprint(sh.Stderr(), msg)
		}
		return err
	}
	st.Files[t.snapshotAt] = fd
	st.CloseAfterStart = append(st.CloseAfterStart, fd)
	if t.snapshotGate {
		// The trace's gate, whose write end the shell closes once it has
		// narrated the start, as it closes the memfd.
		g := &fdTable{}
		if gate := traceGate(g); gate >= 0 {
			for len(st.Files) <= t.snapshotAt+2 {
				st.Files = append(st.Files, -1)
			}
			st.Files[t.snapshotAt+2] = gate
			st.CloseAfterStart = append(st.CloseAfterStart, g.owned...)
		}
	}
	return nil
}
