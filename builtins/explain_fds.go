package builtins

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gosh/jobs"
	"gosh/parser"
)

// fdModel follows the descriptor numbers the shell would use for one
// command line if it ran it now: it starts from the descriptors the shell
// process holds (openFds), and each open, pipe or memfd takes the lowest
// free number from 3 up, as the kernel gives them. explain words every
// step with these numbers; set -o trace shows the ones of the real run.
type fdModel struct {
	used map[int]bool
}

func newFdModel() *fdModel { return &fdModel{used: openFds()} }

// high is the number fcntl(fd, F_DUPFD_CLOEXEC, from) would give: the
// lowest free one from from up, now taken.
func (m *fdModel) high(from int) int {
	for n := from; ; n++ {
		if !m.used[n] {
			m.used[n] = true
			return n
		}
	}
}

// alloc is the lowest free number from 3 up, now taken.
func (m *fdModel) alloc() int {
	for n := 3; ; n++ {
		if !m.used[n] {
			m.used[n] = true
			return n
		}
	}
}

func (m *fdModel) free(n int) { delete(m.used, n) }

// errPipe is the write end of the error pipe ForkExec makes for a child:
// the second of the two lowest free numbers, given back after the fork.
func (m *fdModel) errPipe() int {
	r, w := m.alloc(), m.alloc()
	m.free(r)
	m.free(w)
	return w
}

// setFd sets entry n of a ForkExec fd table, growing it with closed
// entries (-1).
func setFd(table []int, n, fd int) []int {
	for len(table) <= n {
		table = append(table, -1)
	}
	table[n] = fd
	return table
}

// openFlagText is the open(2) flags of a redirection, as strace writes
// them; gosh adds O_CLOEXEC to every open of its own.
func openFlagText(op parser.RedirOp) string {
	switch op {
	case parser.RedirIn:
		return "O_RDONLY|O_CLOEXEC"
	case parser.RedirOut, parser.RedirClobber, parser.RedirAll:
		return "O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666"
	case parser.RedirAppend, parser.RedirAllAppend:
		return "O_WRONLY|O_CREAT|O_APPEND|O_CLOEXEC, 0666"
	case parser.RedirReadWrite:
		return "O_RDWR|O_CREAT|O_CLOEXEC, 0666"
	}
	return ""
}

// stageTable applies a command's redirections, left to right, to table
// (the fd table the stage starts with: 0, 1, 2 and its pipe ends), as the
// shell does before it starts anything: it opens files and fills in the
// table; no descriptor of the shell moves. It returns the table and the
// shell's steps in words.
func (e *explainer) stageTable(m *fdModel, s stageInfo, table []int) ([]int, []string) {
	if s.cmd == nil {
		return table, nil
	}
	var steps []string
	for _, r := range s.cmd.Redirs {
		fd := r.Fd
		if fd < 0 {
			fd = r.Op.DefaultFd()
		}
		target := ""
		if r.Target != nil {
			target = parser.String(r.Target)
		}
		switch r.Op {
		case parser.RedirIn, parser.RedirOut, parser.RedirClobber, parser.RedirAppend, parser.RedirReadWrite:
			n := m.alloc()
			steps = append(steps, fmt.Sprintf("open(%s, %s) = %d, so fd %d is %d", target, openFlagText(r.Op), n, fd, n))
			table = setFd(table, fd, n)
		case parser.RedirAll, parser.RedirAllAppend:
			n := m.alloc()
			steps = append(steps, fmt.Sprintf("open(%s, %s) = %d, so fds 1 and 2 are %d", target, openFlagText(r.Op), n, n))
			table = setFd(setFd(table, 1, n), 2, n)
		case parser.RedirDupIn, parser.RedirDupOut:
			switch {
			case target == "-":
				steps = append(steps, fmt.Sprintf("fd %d is closed (no system call: the entry is -1)", fd))
				table = setFd(table, fd, -1)
			case isDigits(target):
				src, _ := strconv.Atoi(target)
				cur := -1
				if src < len(table) {
					cur = table[src]
				}
				if cur < 0 {
					steps = append(steps, fmt.Sprintf("%d%s%s fails: fd %s is not open (Bad file descriptor)", fd, r.Op, target, target))
					continue
				}
				steps = append(steps, fmt.Sprintf("fd %d is what fd %s is at this point, %d (no system call yet: the order of redirections decides the table)", fd, target, cur))
				table = setFd(table, fd, cur)
			default:
				steps = append(steps, fmt.Sprintf("%s %s: the target must expand to an fd number or '-'", r.Op, target))
			}
		case parser.RedirHeredoc, parser.RedirHeredocTab, parser.RedirHereString:
			rd, wr := m.alloc(), m.alloc()
			what := "the here-document's body"
			if r.Op == parser.RedirHereString {
				what = "the word and a newline"
			} else if r.Heredoc != nil && r.Heredoc.Quoted {
				what += ", taken literally (the delimiter is quoted),"
			} else {
				what += ", expanded ($, `...`, $((...))),"
			}
			steps = append(steps, fmt.Sprintf("pipe2(O_CLOEXEC) = [%d %d]: the shell writes %s into %d and closes it; fd %d is %d", rd, wr, what, wr, fd, rd))
			m.free(wr)
			table = setFd(table, fd, rd)
		}
	}
	return table, steps
}

// tableText is a fd table in words: "fd 0 = 0, fd 1 = 5, fd 2 = 1".
func tableText(table []int) string {
	var parts []string
	for i, fd := range table {
		if fd < 0 {
			if i < 3 {
				parts = append(parts, fmt.Sprintf("fd %d closed", i))
			}
			continue
		}
		parts = append(parts, fmt.Sprintf("fd %d = %d", i, fd))
	}
	return strings.Join(parts, ", ")
}

// wiring describes the pipes and every stage's fds, with the numbers the
// shell would use now, in the order it uses them: while it prepares the
// stages it holds a stand-in pipe for each real one and opens every
// stage's redirections (and a child gosh's memfd); then, stage by stage,
// it makes the real pipe just before the stage that writes into it, starts
// the stage with its fd table (the child's own steps between clone and
// execve are jobs.ChildFdSteps, the very steps set -o trace narrates), and
// closes that stage's pipe ends and redirection fds at once. A builtin
// stage keeps its fds until it is done.
// opensLater reports whether a stage of an n-stage pipeline opens the files
// of its redirections only when it is connected, just before it starts
// (the shell's connectStage): a program's, not a builtin's, a child
// gosh's or nohup's, which open theirs while the stages are prepared.
func opensLater(s stageInfo, n int) bool {
	return n > 1 && !s.inShell && !s.ownProcess && !s.nohup && s.cmd != nil && len(s.cmd.Redirs) > 0
}

func (e *explainer) wiring(stages []stageInfo) {
	n := len(stages)
	m := newFdModel()
	e.printf("File descriptors (numbers as the shell would get them now; set -o trace shows those of a real run):\n")
	first := e.pipes + 1
	standR, standW := -1, -1
	if n > 1 {
		standR, standW = m.alloc(), m.alloc()
		e.printf("  While it prepares the %d stages the shell holds one stand-in pipe, [%d %d], where their pipe\n"+
			"  ends will be; each of the %d real pipe%s is made just before the stage that writes into it starts.\n",
			n, standR, standW, n-1, plural(n-1, "s"))
	}
	tables := make([][]int, n)
	steps := make([][]string, n)
	owned := make([][]int, n)
	memfds := make([]string, n)
	for i, s := range stages {
		table := e.baseTable()
		if i > 0 {
			table[0] = standR
		}
		if i < n-1 {
			table[1] = standW
		}
		before := m.snapshot()
		if opensLater(s, n) {
			// Its files are opened when it is connected, below.
			tables[i] = table
			owned[i] = m.since(before)
			continue
		}
		tables[i], steps[i] = e.stageTable(m, s, table)
		if s.ownProcess && !s.inShell {
			memfd := m.alloc()
			tables[i] = setFd(tables[i], len(tables[i]), memfd)
			memfds[i] = fmt.Sprintf(" memfd_create = %d holds the snapshot (its fd %d in the child).", memfd, len(tables[i])-1)
			if on, _ := e.sh.Option("trace"); on {
				// The trace's channel and the gate (shell/trace_text.go).
				r, w := m.alloc(), m.alloc()
				tables[i] = append(tables[i], 2, r)
				memfds[i] += fmt.Sprintf(" With the trace on, fd 2 and a gate pipe [%d %d] follow it, so the child narrates on the same channel after the shell.", r, w)
			}
		}
		owned[i] = m.since(before)
	}
	var realR []int
	for i, s := range stages {
		table := tables[i]
		var pipeText string
		if i < n-1 {
			r, w := m.alloc(), m.alloc()
			realR = append(realR, r)
			pipeText = fmt.Sprintf(" p%d = pipe2(O_CLOEXEC) = [%d %d], just before it starts.", first+i, r, w)
			replaceFd(table, standW, w)
			owned[i] = append(owned[i], w)
		}
		if i > 0 {
			replaceFd(table, standR, realR[i-1])
			owned[i] = append(owned[i], realR[i-1])
		}
		if opensLater(s, n) {
			// As a forked child would, just before its exec: after the
			// pipe into it, on the table with the real pipe ends.
			before := m.snapshot()
			table, steps[i] = e.stageTable(m, s, table)
			owned[i] = append(owned[i], m.since(before)...)
		}
		who := "child"
		switch {
		case s.inShell:
			who = "builtin (in the shell)"
		case s.ownProcess:
			who = "child gosh"
		}
		e.printf("  %d. %s:", i+1, who)
		if opensLater(s, n) {
			e.printf("%s", pipeText)
			if len(steps[i]) > 0 {
				e.printf(" Then the shell opens the stage's redirections: %s.", strings.Join(steps[i], "; "))
			}
		} else {
			if len(steps[i]) > 0 {
				e.printf(" the shell: %s.", strings.Join(steps[i], "; "))
			}
			e.printf("%s", pipeText)
		}
		if s.inShell {
			e.printf(" It reads and writes through %s; no dup2: the shell's own fds stay as they are.\n", tableText(table))
			continue
		}
		e.printf("%s ForkExec's table: %s.\n", memfds[i], tableText(table))
		e.printf("     Between clone and execve the child runs:\n")
		for _, step := range jobs.ChildFdSteps(table, m.errPipe()) {
			e.printf("       %s\n", step)
		}
		if len(owned[i]) > 0 {
			e.printf("     Then the shell closes its copies: %s.\n", closeList(owned[i]))
		}
		for _, fd := range owned[i] {
			m.free(fd)
		}
	}
	if n > 1 {
		e.printf("  A reader sees end-of-file once every writer of its pipe has exited: the shell holds no\n" +
			"  write end.")
		if !allInShell(stages) {
			e.printf(" Only the fds in its table reach a child: every other descriptor is close-on-exec.")
		}
		e.printf("\n")
	}
	e.pipes += n - 1
}

// baseTable is the fd table a command starts from: the shell's user fds
// (0, 1, 2, and any fd 3 or above that exec opened or gosh inherited),
// each the shell's descriptor behind it; 0, 1, 2 for a shell that cannot
// tell (tests).
func (e *explainer) baseTable() []int {
	if u, ok := e.sh.(interface{ UserFdTable() []int }); ok {
		if t := u.UserFdTable(); len(t) >= 3 {
			return t
		}
	}
	return []int{0, 1, 2}
}

// replaceFd puts to where table has from.
func replaceFd(table []int, from, to int) {
	for i, fd := range table {
		if fd == from {
			table[i] = to
		}
	}
}

// closeList is "close(8), close(5)".
func closeList(fds []int) string {
	var parts []string
	for _, fd := range fds {
		parts = append(parts, fmt.Sprintf("close(%d)", fd))
	}
	return strings.Join(parts, ", ")
}

// snapshot is the set of numbers taken now, for since.
func (m *fdModel) snapshot() map[int]bool {
	c := make(map[int]bool, len(m.used))
	for n := range m.used {
		c[n] = true
	}
	return c
}

// since is the numbers taken now that were free at before, in order.
func (m *fdModel) since(before map[int]bool) []int {
	var fds []int
	for n := range m.used {
		if !before[n] {
			fds = append(fds, n)
		}
	}
	sort.Ints(fds)
	return fds
}

// execSteps words exec's redirections without a command: the shell opens
// each file, keeps a close-on-exec copy at 10 or above (fcntl
// F_DUPFD_CLOEXEC) for the user's fd N, and closes what it opened. Fds 0-2
// are the process's own, so for them it also dup2s the copy onto N; fd 3
// and above are virtual: no dup2, every later child gets the copy as its
// fd N through ForkExec's table.
func (e *explainer) execSteps(s stageInfo) []string {
	m := newFdModel()
	table, opened := e.stageTable(m, s, e.baseTable())
	steps := append([]string(nil), opened...)
	for n, fd := range table {
		if n < 3 && fd == n {
			continue
		}
		if fd < 0 {
			if n < 3 {
				steps = append(steps, fmt.Sprintf("fd %d: the shell's fd %d is closed (it holds /dev/null there, so no other file takes the number)", n, n))
			}
			continue
		}
		h := m.high(max(n, 10))
		step := fmt.Sprintf("fcntl(%d, F_DUPFD_CLOEXEC, %d) = %d (the shell's own close-on-exec copy for fd %d)", fd, max(n, 10), h, n)
		if n < 3 {
			step += fmt.Sprintf(", then dup2(%d, %d): fd %d is the process's own, for every later command", h, n, n)
		} else {
			step += fmt.Sprintf(": no dup2, fd %d is virtual; each later child gets %d as its fd %d through ForkExec's table", n, h, n)
		}
		steps = append(steps, step)
	}
	if len(opened) > 0 {
		steps = append(steps, "the shell closes what it opened (the copies stay)")
	}
	return steps
}

// allInShell reports whether every stage runs inside the shell, so that
// the pipeline creates no process at all.
func allInShell(stages []stageInfo) bool {
	for _, s := range stages {
		if !s.inShell {
			return false
		}
	}
	return true
}
