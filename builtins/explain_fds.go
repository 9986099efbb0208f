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
	if fd < 0 && n >= len(table) {
		return table // closed already
	}
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

// maxFdNumber bounds the descriptor numbers a redirection may name, as
// the shell bounds them (shell/redirect.go).
const maxFdNumber = 1 << 20

// stageTable applies a command's redirections, left to right, to table
// (the fd table the stage starts with: 0, 1, 2 and its pipe ends), as the
// shell does before it starts anything: it opens files and fills in the
// table; no descriptor of the shell moves. It returns the table and the
// shell's steps in words.
func (e *explainer) stageTable(m *fdModel, s stageInfo, table []int) ([]int, []jobs.Msg) {
	if s.cmd == nil {
		return table, nil
	}
	var steps []jobs.Msg
	for _, r := range s.cmd.Redirs {
		fd := r.Fd
		if fd < 0 {
			fd = r.Op.DefaultFd()
		}
		target, literal := "", false
		if r.Target != nil {
			target = parser.String(r.Target)
			_, literal = r.Target.Literal()
		}
		dup := r.Op == parser.RedirDupIn || r.Op == parser.RedirDupOut
		if r.FdVar != "" {
			if dup && target == "-" {
				steps = append(steps, jobs.Msg{
					En: "{%s}%s-: the fd whose number $%s holds is closed (no system call: the entry is -1)",
					Ko: "{%s}%s-: $%s에 든 번호의 fd가 닫힌다 (시스템 호출 없음: 표의 항목이 -1)",
				}.With(r.FdVar, r.Op, r.FdVar))
				continue
			}
			fd = 10
			for fd < len(table) && table[fd] >= 0 {
				fd++
			}
			steps = append(steps, jobs.Msg{
				En: "{%s}: the shell takes fd %d, the lowest of 10 or more that is not open, and assigns %d to %s",
				Ko: "{%s}: 셸이 10 이상에서 열려 있지 않은 가장 낮은 fd %d를 잡고 %[3]d를 %[4]s에 대입한다",
			}.With(r.FdVar, fd, fd, r.FdVar))
		}
		if fd >= maxFdNumber {
			steps = append(steps, jobs.Msg{
				En: "%d: Bad file descriptor (no table has room for that number): the command does not run",
				Ko: "%d: Bad file descriptor (그 번호를 담을 표가 없다): 명령은 실행되지 않는다",
			}.With(fd))
			continue
		}
		// N>&M- (bash) moves M to N; 1>&word (not a number) is &>word.
		move := dup && strings.HasSuffix(target, "-") && isDigits(strings.TrimSuffix(target, "-"))
		if move {
			target = strings.TrimSuffix(target, "-")
		}
		op := r.Op
		if op == parser.RedirDupOut && literal && target != "-" && !isDigits(target) && r.FdVar == "" && (r.Fd < 0 || r.Fd == 1) {
			op = parser.RedirAll
		}
		switch op {
		case parser.RedirIn, parser.RedirOut, parser.RedirClobber, parser.RedirAppend, parser.RedirReadWrite:
			n := m.alloc()
			steps = append(steps, jobs.Msg{
				En: "open(%s, %s) = %d, so fd %d is %d",
				Ko: "open(%s, %s) = %d, 그래서 fd %d는 %d가 된다",
			}.With(target, openFlagText(op), n, fd, n))
			table = setFd(table, fd, n)
		case parser.RedirAll, parser.RedirAllAppend:
			n := m.alloc()
			steps = append(steps, jobs.Msg{
				En: "open(%s, %s) = %d, so fds 1 and 2 are %d",
				Ko: "open(%s, %s) = %d, 그래서 fd 1과 2는 %d가 된다",
			}.With(target, openFlagText(op), n, n))
			table = setFd(setFd(table, 1, n), 2, n)
		case parser.RedirDupIn, parser.RedirDupOut:
			switch {
			case target == "-":
				steps = append(steps, jobs.Msg{
					En: "fd %d is closed (no system call: the entry is -1)",
					Ko: "fd %d는 닫힌다 (시스템 호출 없음: 표의 항목이 -1)",
				}.With(fd))
				table = setFd(table, fd, -1)
			case isDigits(target):
				src, _ := strconv.Atoi(target)
				cur := -1
				if src < len(table) {
					cur = table[src]
				}
				if cur < 0 {
					steps = append(steps, jobs.Msg{
						En: "%d%s%s fails: fd %s is not open (Bad file descriptor)",
						Ko: "%d%s%s 실패: fd %s는 열려 있지 않다 (Bad file descriptor)",
					}.With(fd, r.Op, target, target))
					continue
				}
				steps = append(steps, jobs.Msg{
					En: "fd %d is what fd %s is at this point, %d (no system call yet: the order of redirections decides the table)",
					Ko: "fd %d는 이 시점의 fd %s와 같은 %d가 된다 (아직 시스템 호출 없음: 리다이렉션의 순서가 표를 정한다)",
				}.With(fd, target, cur))
				table = setFd(table, fd, cur)
				if move && src != fd {
					steps = append(steps, jobs.Msg{
						En: "then fd %d is closed: %d%s%d- moves it (no system call: the entry is -1)",
						Ko: "그리고 fd %d는 닫힌다: %d%s%d-는 fd를 옮긴다 (시스템 호출 없음: 표의 항목이 -1)",
					}.With(src, fd, r.Op, src))
					table = setFd(table, src, -1)
				}
			default:
				steps = append(steps, jobs.Msg{
					En: "%s %s: the target must expand to an fd number, N- (move fd N) or '-'",
					Ko: "%s %s: 대상은 fd 번호나 N-(fd N 옮기기)나 '-'로 확장되어야 한다",
				}.With(r.Op, target))
			}
		case parser.RedirHeredoc, parser.RedirHeredocTab, parser.RedirHereString:
			rd, wr := m.alloc(), m.alloc()
			what := jobs.Msg{
				En: "the here-document's body, expanded ($, `...`, $((...))),",
				Ko: "확장한($, `...`, $((...))) 히어 도큐먼트 본문을",
			}
			if r.Op == parser.RedirHereString {
				what = jobs.Msg{En: "the word and a newline", Ko: "단어와 줄바꿈 하나를"}
			} else if r.Heredoc != nil && r.Heredoc.Quoted {
				what = jobs.Msg{
					En: "the here-document's body, taken literally (the delimiter is quoted),",
					Ko: "글자 그대로(구분자가 인용되었다) 히어 도큐먼트 본문을",
				}
			}
			steps = append(steps, jobs.Msg{
				En: "pipe2(O_CLOEXEC) = [%d %d]: the shell writes %s into %d and closes it; fd %d is %d",
				Ko: "pipe2(O_CLOEXEC) = [%d %d]: 셸이 %s %d에 쓰고 닫는다. fd %d는 %d가 된다",
			}.With(rd, wr, what, wr, fd, rd))
			m.free(wr)
			table = setFd(table, fd, rd)
		}
	}
	return table, steps
}

// tableText is a fd table in words: "fd 0 = 0, fd 1 = 5, fd 2 = 1".
func tableText(table []int) jobs.Msg {
	var parts []jobs.Msg
	for i, fd := range table {
		if fd < 0 {
			if i < 3 {
				parts = append(parts, jobs.Msg{En: "fd %d closed", Ko: "fd %d 닫힘"}.With(i))
			}
			continue
		}
		parts = append(parts, jobs.Same("fd %d = %d").With(i, fd))
	}
	return jobs.Join(parts, jobs.Same(", "))
}

// snapshotText takes a number for a child gosh's memfd, puts it at slot
// in its table, and says so.
func snapshotText(m *fdModel, table *[]int, slot int) jobs.Msg {
	memfd := m.alloc()
	*table = setFd(*table, slot, memfd)
	return jobs.Msg{
		En: " memfd_create = %d holds the snapshot (its fd %d in the child).",
		Ko: " memfd_create = %d에 스냅숏이 들어 있다 (자식에서는 fd %d).",
	}.With(memfd, slot)
}

// opensLater reports whether a stage of an n-stage pipeline opens the files
// of its redirections only when it is connected, just before it starts
// (the shell's connectStage): a program's, not a builtin's, a child
// gosh's or nohup's, which open theirs while the stages are prepared.
func opensLater(s stageInfo, n int) bool {
	return n > 1 && !s.inShell && !s.ownProcess && !s.nohup && s.cmd != nil && len(s.cmd.Redirs) > 0
}

// gateText puts the trace's channel (fd 2) and the read end of a new gate
// pipe after a child gosh's memfd at slot, when the trace is on, and says
// so; it returns the gate's two numbers (shell/trace_text.go).
func gateText(m *fdModel, table *[]int, slot int, on bool) (jobs.Msg, []int) {
	if !on {
		return jobs.Msg{}, nil
	}
	r, w := m.alloc(), m.alloc()
	*table = setFd(setFd(*table, slot+1, 2), slot+2, r)
	return jobs.Msg{
		En: " With the trace on, fd 2 and a gate pipe [%d %d] follow the memfd, so the child narrates on the same channel after the shell.",
		Ko: " trace가 켜져 있으면 memfd 뒤에 fd 2와 관문 파이프 [%d %d]가 따라오므로, 자식은 셸 다음에 같은 통로로 이야기한다.",
	}.With(r, w), []int{r, w}
}

// wiring describes the pipes and every stage's fds, with the numbers the
// shell would use now, in the order it uses them: while it prepares the
// stages it holds a stand-in pipe for each real one and opens the
// redirections of every stage but a program's; then, stage by stage, it
// makes the real pipe just before the stage that writes into it (and a
// child gosh's memfd, at the lowest number its table leaves closed), starts
// the stage with its fd table (the child's own steps between clone and
// execve are jobs.ChildFdSteps, the very steps set -o trace narrates), and
// closes that stage's pipe ends and redirection fds at once. A builtin
// stage keeps its fds until it is done.
func (e *explainer) wiring(stages []stageInfo) {
	n := len(stages)
	m := newFdModel()
	e.printf(jobs.Msg{
		En: "File descriptors (numbers as the shell would get them now; set -o trace shows those of a real run):\n",
		Ko: "파일 디스크립터 (지금 셸이 받을 번호로. 실제 실행의 번호는 set -o trace가 보여 준다):\n",
	})
	first := e.pipes + 1
	standR, standW := -1, -1
	if n > 1 {
		standR, standW = m.alloc(), m.alloc()
		e.printf(jobs.Msg{
			En: "  While it prepares the %d stages the shell holds one stand-in pipe, [%d %d], where their pipe\n" +
				"  ends will be; each of the %s is made just before the stage that writes into it starts.\n",
			Ko: "  %d개 단계를 준비하는 동안 셸은 파이프 끝이 놓일 자리에 대역 파이프 하나 [%d %d]를 쥐고 있다.\n" +
				"  %s는 각각 그 파이프에 쓰는 단계가 시작하기 직전에 만든다.\n",
		}, n, standR, standW, realPipes(n-1))
	}
	tables := make([][]int, n)
	steps := make([][]jobs.Msg, n)
	owned := make([][]int, n)
	memfds := make([]jobs.Msg, n)
	gates := make([]jobs.Msg, n)
	trace := make([]bool, n)
	slots := make([]int, n) // where a child gosh gets its memfd (0: not one)
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
			traceOn, _ := e.sh.Option("trace")
			slots[i] = jobs.SnapshotSlot(tables[i], traceOn)
			trace[i] = traceOn
			if n == 1 {
				memfds[i] = snapshotText(m, &tables[i], slots[i])
				gates[i], _ = gateText(m, &tables[i], slots[i], traceOn)
			}
		}
		owned[i] = m.since(before)
	}
	var realR []int
	for i, s := range stages {
		table := tables[i]
		var pipeText jobs.Msg
		if i < n-1 {
			r, w := m.alloc(), m.alloc()
			realR = append(realR, r)
			pipeText = jobs.Msg{
				En: " p%d = pipe2(O_CLOEXEC) = [%d %d], just before it starts.",
				Ko: " p%d = pipe2(O_CLOEXEC) = [%d %d], 단계가 시작하기 직전에.",
			}.With(first+i, r, w)
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
		if slots[i] > 0 && n > 1 {
			// A pipeline's child gosh gets its memfd just before it
			// starts, after its pipe (the shell's connectSnapshot).
			memfds[i] = snapshotText(m, &table, slots[i])
			owned[i] = append(owned[i], table[slots[i]])
			var gate []int
			gates[i], gate = gateText(m, &table, slots[i], trace[i])
			owned[i] = append(owned[i], gate...)
		}
		who := jobs.Msg{En: "child", Ko: "자식"}
		switch {
		case s.lastpipe && s.inShell && !s.copy:
			who = jobs.Msg{En: "the shell itself (lastpipe)", Ko: "셸 자신 (lastpipe)"}
		case s.inShell:
			who = jobs.Msg{En: "builtin (in the shell)", Ko: "builtin (셸 안)"}
		case s.ownProcess:
			who = jobs.Msg{En: "child gosh", Ko: "자식 gosh"}
		}
		e.printf(jobs.Same("  %d. %s:"), i+1, who)
		if opensLater(s, n) {
			e.printf(jobs.Same("%s"), pipeText)
			if len(steps[i]) > 0 {
				e.printf(jobs.Msg{En: " Then the shell opens the stage's redirections: %s.", Ko: " 그다음 셸이 단계의 리다이렉션을 연다: %s."}, steps[i])
			}
		} else {
			if len(steps[i]) > 0 {
				e.printf(jobs.Msg{En: " the shell: %s.", Ko: " 셸이 하는 일: %s."}, steps[i])
			}
			e.printf(jobs.Same("%s"), pipeText)
		}
		if s.inShell {
			e.printf(jobs.Msg{
				En: " It reads and writes through %s; no dup2: the shell's own fds stay as they are.\n",
				Ko: " %s로 읽고 쓴다. dup2 없음: 셸 자신의 fd는 그대로다.\n",
			}, tableText(table))
			continue
		}
		e.printf(jobs.Msg{En: "%s%s ForkExec's table: %s.\n", Ko: "%s%s ForkExec의 표: %s.\n"}, memfds[i], gates[i], tableText(table))
		e.printf(jobs.Msg{En: "     Between clone and execve the child runs:\n", Ko: "     clone과 execve 사이에 자식이 실행하는 것:\n"})
		for _, step := range jobs.ChildFdStepsMsg(table, m.errPipe()) {
			e.printf(jobs.Same("       %s\n"), step)
		}
		if len(owned[i]) > 0 {
			e.printf(jobs.Msg{En: "     Then the shell closes its copies: %s.\n", Ko: "     그다음 셸이 자기 사본을 닫는다: %s.\n"}, closeList(owned[i]))
		}
		for _, fd := range owned[i] {
			m.free(fd)
		}
	}
	if n > 1 {
		e.printf(jobs.Msg{
			En: "  A reader sees end-of-file once every writer of its pipe has exited: the shell holds no\n" +
				"  write end.",
			Ko: "  읽는 쪽은 그 파이프에 쓰는 모든 프로세스가 종료해야 파일 끝(EOF)을 본다: 셸은 쓰는 끝을\n" +
				"  쥐고 있지 않다.",
		})
		if !allInShell(stages) {
			e.printf(jobs.Msg{
				En: " Only the fds in its table reach a child: every other descriptor is close-on-exec.",
				Ko: " 자식에게는 표에 있는 fd만 간다: 다른 디스크립터는 모두 close-on-exec다.",
			})
		}
		e.printf(jobs.Same("\n"))
	}
	e.pipes += n - 1
}

// realPipes is "the 2 real pipes" of a pipeline.
func realPipes(n int) jobs.Msg {
	if n == 1 {
		return jobs.Msg{En: "%d real pipe", Ko: "진짜 파이프 %d개"}.With(n)
	}
	return jobs.Msg{En: "%d real pipes", Ko: "진짜 파이프 %d개"}.With(n)
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
func (e *explainer) execSteps(s stageInfo) []jobs.Msg {
	m := newFdModel()
	table, opened := e.stageTable(m, s, e.baseTable())
	steps := append([]jobs.Msg(nil), opened...)
	for n, fd := range table {
		if n < 3 && fd == n {
			continue
		}
		if fd < 0 {
			if n < 3 {
				steps = append(steps, jobs.Msg{
					En: "fd %d: the shell's fd %d is closed (it holds /dev/null there, so no other file takes the number)",
					Ko: "fd %d: 셸의 fd %d를 닫는다 (그 자리에 /dev/null을 쥐어 다른 파일이 그 번호를 차지하지 못하게 한다)",
				}.With(n, n))
			}
			continue
		}
		h := m.high(max(n, 10))
		step := jobs.Msg{
			En: "fcntl(%d, F_DUPFD_CLOEXEC, %d) = %d (the shell's own close-on-exec copy for fd %d)",
			Ko: "fcntl(%d, F_DUPFD_CLOEXEC, %d) = %d (fd %d를 위한 셸 자신의 close-on-exec 사본)",
		}.With(fd, max(n, 10), h, n)
		if n < 3 {
			step = jobs.Msg{
				En: "%s, then dup2(%d, %d): fd %d is the process's own, for every later command",
				Ko: "%s, 그다음 dup2(%d, %d): fd %d는 프로세스 자신의 것으로, 뒤의 모든 명령에 쓰인다",
			}.With(step, h, n, n)
		} else {
			step = jobs.Msg{
				En: "%s: no dup2, fd %d is virtual; each later child gets %d as its fd %d through ForkExec's table",
				Ko: "%s: dup2 없음, fd %d는 가상이다. 뒤의 자식마다 ForkExec의 표를 통해 %d를 자기 fd %d로 받는다",
			}.With(step, n, h, n)
		}
		steps = append(steps, step)
	}
	if len(opened) > 0 {
		steps = append(steps, jobs.Msg{En: "the shell closes what it opened (the copies stay)", Ko: "셸이 자기가 연 것을 닫는다 (사본은 남는다)"})
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
