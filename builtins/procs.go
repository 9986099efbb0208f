//go:build linux

package builtins

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"gosh/jobs"
	"gosh/jobs/lazy"
)

// procs shows the process table the way `ps -o pid,ppid,pgid,sid,tpgid,
// tty,stat,cmd` would, plus the job number, read straight from /proc. It
// is a builtin so that it can see the job table, and so that it does not
// appear in its own listing: no process is created to run it.

var procsBuiltins = []*Builtin{
	{
		Name:     "procs",
		Synopsis: "procs [-ae] [--watch] [--interval S] [--session PID] [--lang en|ko]",
		Summary:  "Show the processes of the shell's session, with their groups and states.",
		Help: `Show the processes of the shell's session, read from /proc, with the
columns PID PPID PGID SID TPGID TTY STAT JOB COMMAND, as
"ps -o pid,ppid,pgid,sid,tpgid,tty,stat,cmd" shows them. JOB is the job
number ([1]) of processes that belong to one of the shell's jobs.
STAT is the kernel's state letter (R S D Z T t X), then "s" for the
session leader and "+" for a process in the terminal's foreground group.
-a  show every process of the current user, not only this session's
-e  after the table, explain every column and every state letter
--watch  redraw in place every 0.5 s (--interval S) until q or Ctrl+C; a
     process whose state, group or terminal ownership changed since the
     last redraw is highlighted and the change is named (S→T, fg→bg, new)
--session PID  show the session of process PID (another gosh, in another
     terminal) instead of this shell's; JOB stays empty there, since job
     numbers belong to the shell that made the jobs
--lang en|ko  the language of -e (default: from LC_ALL, LC_MESSAGES, LANG)
procs runs inside the shell: it does not appear in its own list.`,
		Run: runProcs,
	},
}

func runProcs(sh Shell, io IO, args []string) (int, error) {
	lang, args, ok := takeLangOption(io, "procs", args[1:])
	if !ok {
		return statusUsage, nil
	}
	v, args, ok := takeViewOptions(io, "procs", args)
	if !ok {
		return statusUsage, nil
	}
	o, rest, ok := parseOptions(io, "procs", args, "ae")
	if !ok {
		return statusUsage, nil
	}
	if len(rest) > 0 {
		return usageError(io, "procs", rest[0]+": unexpected argument"), nil
	}
	color := v.watch && colorOK(sh, io)
	var prev map[int]procMark
	first := true
	draw := func() (string, error) {
		shown, err := procsToShow(o.has('a'), v)
		if err != nil {
			return "", err
		}
		notes, cur := changeNotes(prev, shown, first)
		var b strings.Builder
		jobs := jobNumbers(sh)
		jobs.lang = resolveLang(sh, lang)
		writeProcTable(&b, shown, jobs, outputWidth(io), notes, color)
		for pid := range prev {
			if _, ok := cur[pid]; !ok && !first {
				fmt.Fprintf(&b, "%*d  %s\n", 5, pid, goneWord.In(jobs.lang))
			}
		}
		prev, first = cur, false
		if o.has('e') {
			b.WriteString("\n")
			b.WriteString(procsLegend().In(jobs.lang))
		}
		return b.String(), nil
	}
	if v.watch {
		return runWatch(sh, io, "procs", resolveLang(sh, lang), v.interval, draw), nil
	}
	text, err := draw()
	if err != nil {
		errorf(io, "procs", "%s", err)
		return statusFailure, nil
	}
	return writeOut(io, "procs", text), nil
}

// procsToShow reads the processes procs lists: the user's (-a), or one
// session's: the shell's own, or that of v.session.
func procsToShow(everyone bool, v viewOptions) ([]*procInfo, error) {
	all := readAll()
	if all == nil {
		return nil, fmt.Errorf("cannot read %s", procRoot)
	}
	var shown []*procInfo
	if everyone {
		uid := os.Getuid()
		for _, p := range all {
			if p.Uid == uid {
				shown = append(shown, p)
			}
		}
		return shown, nil
	}
	sid, err := sessionOf(v)
	if err != nil {
		if v.session > 0 {
			return nil, fmt.Errorf("--session %d: %s", v.session, strerror(err))
		}
		return nil, fmt.Errorf("getsid: %s", strerror(err))
	}
	for _, p := range all {
		if p.Sid == sid {
			shown = append(shown, p)
		}
	}
	return shown, nil
}

// jobOf maps processes to the shell's job numbers: by pid for the processes
// the shell started, and by process group for their descendants in the same
// group (a job's child that Ctrl+Z also stops belongs to the job too).
type jobOf struct {
	byPid  map[int]int
	byPgid map[int]int
	notes  map[int]string // live views: what changed, per pid
	color  bool           // live views: highlight changed lines
	lang   string         // the language of labels and notes ("en", "ko")
}

func (m jobOf) lookup(p *procInfo) int {
	if id, ok := m.byPid[p.Pid]; ok {
		return id
	}
	return m.byPgid[p.Pgid]
}

// jobNumbers reads the shell's job table.
func jobNumbers(sh Shell) jobOf {
	m := jobOf{byPid: map[int]int{}, byPgid: map[int]int{}}
	t := sh.JobTable()
	if t == nil {
		return m
	}
	for _, j := range t.Jobs() {
		for _, pid := range j.Pids() {
			m.byPid[pid] = j.ID()
		}
		if pg := j.Pgid(); pg > 0 {
			m.byPgid[pg] = j.ID()
		}
	}
	return m
}

// procColumns are the table's headings; the first five are right-aligned
// numbers, TTY, STAT and JOB are left-aligned, COMMAND is free-form.
var procColumns = []string{"PID", "PPID", "PGID", "SID", "TPGID", "TTY", "STAT", "JOB", "COMMAND"}

const numericColumns = 5

// writeProcTable writes the table with aligned columns (display width, so
// that any text lines up). With width > 0 each line fits in width columns:
// a long COMMAND is cut, ending with "…". A process with a note (a change
// a live view saw) ends with it, highlighted when color is true.
func writeProcTable(b *strings.Builder, procs []*procInfo, jobs jobOf, width int, notes map[int]string, color bool) {
	rows := [][]string{procColumns}
	pids := []int{0}
	for _, p := range procs {
		job := ""
		if id := jobs.lookup(p); id > 0 {
			job = "[" + strconv.Itoa(id) + "]"
		}
		rows = append(rows, []string{
			strconv.Itoa(p.Pid), strconv.Itoa(p.PPid), strconv.Itoa(p.Pgid), strconv.Itoa(p.Sid),
			strconv.Itoa(p.Tpgid), ttyName(p.TtyNr), statFlags(p), job, shownCommand(p),
		})
		pids = append(pids, p.Pid)
	}
	last := len(procColumns) - 1
	widths := make([]int, last)
	used := 0
	for _, r := range rows {
		for c := 0; c < last; c++ {
			widths[c] = max(widths[c], displayWidth(r[c]))
		}
	}
	for _, w := range widths {
		used += w + 1
	}
	for i, r := range rows {
		var line strings.Builder
		for c := 0; c < last; c++ {
			if c < numericColumns {
				fmt.Fprintf(&line, "%*s ", widths[c], r[c])
			} else {
				line.WriteString(padRight(r[c], widths[c]) + " ")
			}
		}
		note := ""
		if n := notes[pids[i]]; n != "" {
			note = noteText(n, jobs.lang)
		}
		if width > 0 {
			line.WriteString(cutToWidth(r[last], max(width-used-displayWidth(note), 1)))
		} else {
			line.WriteString(r[last])
		}
		if note != "" {
			b.WriteString(highlight(line.String(), color) + note)
		} else {
			b.WriteString(line.String())
		}
		b.WriteString("\n")
	}
}

// goneWord marks, in a live view, a process that has gone since the last
// redraw.
var goneWord = jobs.Msg{En: "✖ gone", Ko: "✖ 사라짐"}

// procsLegend is what procs -e prints after the table, in both languages,
// built at first use.
func procsLegend() jobs.Msg { return procsLegendValue.Get() }

var procsLegendValue = lazy.Value[jobs.Msg]{Build: func() jobs.Msg {
	return jobs.Msg{
		En: `Columns
  PID      process id: the number the kernel gave the process at its creation
  PPID     parent's pid: the process that collects its exit status with wait4;
           1 (or a "subreaper") once the real parent has died: an orphan
  PGID     process group id: a job. The processes of a pipeline share one group,
           named after its first process; Ctrl+C, Ctrl+Z and kill -- -PGID reach
           every member at once
  SID      session id: the pid of the session leader, usually the shell that was
           started on this terminal; one session per login or terminal window
  TPGID    the terminal's foreground process group: the group that reads the
           keyboard and receives Ctrl+C and Ctrl+Z; -1 when there is no terminal
  TTY      the controlling terminal (pts/N is a pseudo-terminal); ? for none
  STAT     the state letter, then the flags below
  JOB      the gosh job number [N] (as in jobs, fg %N) when the process belongs
           to one of this shell's jobs
  COMMAND  the argument list from /proc/PID/cmdline; [name] when there is none
           (a kernel thread), and <defunct> after a zombie
State letters
  R  running, or ready to run and waiting for a CPU
  S  sleeping: waiting for an event (input, a timer, a child); a signal wakes it
  D  uninterruptible sleep: waiting inside the kernel, usually for I/O; even
     SIGKILL takes effect only when the wait ends
  Z  zombie: it has exited, but its parent has not yet collected the exit
     status with wait4; only its process-table entry is left
  T  stopped by a signal (SIGTSTP from Ctrl+Z, SIGSTOP, SIGTTIN, SIGTTOU);
     SIGCONT (fg, bg) makes it run again
  t  stopped by a debugger (ptrace), for example at a breakpoint
  X  dead: being removed at this very moment; almost never seen
  I  idle kernel thread (kernel threads only)
Flags after the letter
  s  session leader: PID equals SID
  +  member of the terminal's foreground process group: PGID equals TPGID
`,
		Ko: `열(column)
  PID      프로세스 ID: 프로세스가 만들어질 때 커널이 붙여 준 번호
  PPID     부모의 PID: wait4로 이 프로세스의 종료 상태를 수거할 프로세스.
           진짜 부모가 먼저 죽으면 1(또는 "subreaper")로 바뀐다: 고아 프로세스
  PGID     프로세스 그룹 ID: 하나의 작업(job). 파이프라인의 모든 프로세스는
           첫 프로세스의 PID를 이름으로 하는 그룹 하나를 함께 쓴다.
           Ctrl+C, Ctrl+Z, kill -- -PGID 는 그룹 전체에 한 번에 전달된다
  SID      세션 ID: 세션 리더의 PID. 보통 이 터미널에서 처음 시작된 셸이다.
           로그인이나 터미널 창 하나마다 세션이 하나 있다
  TPGID    터미널의 포그라운드 프로세스 그룹: 키보드 입력을 읽고 Ctrl+C와
           Ctrl+Z를 받는 그룹. 터미널이 없으면 -1
  TTY      제어 터미널(pts/N은 가상 터미널). 없으면 ?
  STAT     상태 문자, 그 뒤에 아래의 표시
  JOB      이 셸의 작업에 속한 프로세스라면 gosh 작업 번호 [N]
           (jobs, fg %N 에서 쓰는 번호)
  COMMAND  /proc/PID/cmdline 의 인자 목록. 없으면 [이름](커널 스레드),
           좀비 뒤에는 <defunct>
상태 문자
  R  실행 중이거나, 실행할 준비가 되어 CPU를 기다리는 중
  S  슬립 상태: 사건(입력, 타이머, 자식)을 기다린다. 시그널이 오면 깨어난다
  D  D 상태(깨울 수 없는 슬립): 커널 안에서 주로 I/O를 기다린다. SIGKILL조차
     기다림이 끝나야 효과가 있다
  Z  좀비: 이미 종료했지만 부모가 아직 wait4로 종료 상태를 수거하지 않았다.
     프로세스 테이블의 항목만 남아 있다
  T  시그널로 정지됨(Ctrl+Z의 SIGTSTP, SIGSTOP, SIGTTIN, SIGTTOU).
     SIGCONT(fg, bg)를 받으면 다시 실행된다
  t  디버거(ptrace)에 의해 정지됨. 예: 중단점(breakpoint)에서
  X  죽음: 바로 지금 제거되는 중. 거의 볼 수 없다
  I  쉬고 있는 커널 스레드(커널 스레드에만 해당)
상태 문자 뒤의 표시
  s  세션 리더: PID와 SID가 같다
  +  터미널의 포그라운드 프로세스 그룹에 속함: PGID와 TPGID가 같다
`,
	}
}}

// shownCommand is a process's command line for procs and ptree: each word
// with a control character or a newline in bash's $'...' form, so that a
// file name cannot forge a line or reach the terminal as an escape.
func shownCommand(p *procInfo) string {
	if len(p.Argv) == 0 {
		return jobs.ShowText(p.Command())
	}
	cmd := jobs.QuoteWords(p.Argv)
	if p.State == 'Z' {
		cmd += " <defunct>"
	}
	return cmd
}

// showArgs is jobs.ShowArgs, for builtins that format text with words in it
// (explain).
func showArgs(args []any) []any { return jobs.ShowArgs(args) }
