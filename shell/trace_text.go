package shell

import (
	"os"
	"strings"

	"golang.org/x/sys/unix"

	"gosh/jobs"
	"gosh/parser"
)

// openFlagNames are the open(2) flags a redirection uses, in the order
// strace writes them.
var openFlagNames = []struct {
	flag int
	name string
}{
	{unix.O_CREAT, "O_CREAT"}, {unix.O_EXCL, "O_EXCL"}, {unix.O_TRUNC, "O_TRUNC"},
	{unix.O_APPEND, "O_APPEND"}, {unix.O_CLOEXEC, "O_CLOEXEC"},
}

// openFlagsText is flags as strace writes them: "O_WRONLY|O_CREAT|O_TRUNC".
func openFlagsText(flags int) string {
	var names []string
	switch flags & unix.O_ACCMODE {
	case unix.O_RDONLY:
		names = append(names, "O_RDONLY")
	case unix.O_WRONLY:
		names = append(names, "O_WRONLY")
	default:
		names = append(names, "O_RDWR")
	}
	for _, f := range openFlagNames {
		if flags&f.flag != 0 {
			names = append(names, f.name)
		}
	}
	return strings.Join(names, "|")
}

// traceOpen narrates the open(2) of a redirection, run by the shell (or
// the copy of the shell) that opens it: the flags, the mode and, when a
// file may be created, the umask that takes bits away from the mode.
// openFile adds O_CLOEXEC to every open: the shell's own descriptor never
// leaks into a child; a child gets the file only through its fd table.
func (sh *Shell) traceOpen(path string, flags, fd int, noclobber bool) {
	tr := sh.Jobs.Trace()
	if !tr.On() {
		return
	}
	flags |= unix.O_CLOEXEC
	if flags&unix.O_CREAT != 0 {
		mask := sh.umask & 0o777
		if noclobber {
			tr.Shell(jobs.Msg{
				En: "open(%q, %s, 0666) = %d  (umask %04o: a new file gets mode %04o; set -C: a new file is opened with O_CREAT|O_EXCL instead of O_TRUNC, an existing regular file is refused)",
				Ko: "open(%q, %s, 0666) = %d  (umask %04o: 새 파일의 모드는 %04o. set -C: 새 파일은 O_TRUNC 대신 O_CREAT|O_EXCL로 열고, 이미 있는 일반 파일은 거부한다)",
			}, path, openFlagsText(flags), fd, mask, 0o666&^mask)
			return
		}
		tr.Shell(jobs.Msg{
			En: "open(%q, %s, 0666) = %d  (umask %04o: a new file gets mode %04o)",
			Ko: "open(%q, %s, 0666) = %d  (umask %04o: 새 파일의 모드는 %04o)",
		}, path, openFlagsText(flags), fd, mask, 0o666&^mask)
		return
	}
	if noclobber {
		tr.Shell(jobs.Msg{
			En: "open(%q, %s) = %d  (set -C: a new file is opened with O_CREAT|O_EXCL instead of O_TRUNC, an existing regular file is refused)",
			Ko: "open(%q, %s) = %d  (set -C: 새 파일은 O_TRUNC 대신 O_CREAT|O_EXCL로 열고, 이미 있는 일반 파일은 거부한다)",
		}, path, openFlagsText(flags), fd)
		return
	}
	tr.Shell(jobs.Same("open(%q, %s) = %d"), path, openFlagsText(flags), fd)
}

// traceFdOf takes, in a child gosh started with the trace on, the trace's
// descriptor that its parent put right after the snapshot's memfd, and the
// gate after it (see childStage and traceGate): run by the child gosh
// before it adopts its inherited fds, so that neither is taken for a
// user's fd. Both are moved to 10 or above, close-on-exec; -1 when absent.
func traceFdOf(memfd int) (trace, gate int) {
	take := func(n int) int {
		if !fdOpen(n) {
			return -1
		}
		h, err := unix.FcntlInt(uintptr(n), unix.F_DUPFD_CLOEXEC, 10)
		unix.Close(n)
		if err != nil {
			return -1
		}
		return h
	}
	trace = take(memfd + 1)
	if trace < 0 {
		return -1, -1
	}
	return trace, take(memfd + 2)
}

// traceGate makes the gate of a child gosh's trace: a pipe whose write end
// the shell holds until it has narrated the child's start (it is one of
// t's fds, closed with them once the stage has started), so that the
// child's own lines come after the shell's lines about it. Run by the
// shell; the read end is returned, -1 when no pipe could be made.
func traceGate(t *fdTable) int {
	var p [2]int
	if unix.Pipe2(p[:], unix.O_CLOEXEC) != nil {
		return -1
	}
	t.own(p[0])
	t.own(p[1])
	return p[0]
}

// applyChildTrace points a child gosh's trace at fd (the parent's trace
// channel; -1: its own fd 2), holds its first line until the gate opens,
// and names the process and its role in every line it narrates:
// "child gosh PID (runs the subshell ( cd /tmp ))".
func (sh *Shell) applyChildTrace(fd, gate int, role childRole) {
	tr := sh.Jobs.Trace()
	if fd < 0 {
		sh.applyTrace()
	} else {
		tr.SetOutputFd(fd, colorAllowed(sh))
		tr.SetLang(sh.traceLang())
		tr.SetGate(gate)
	}
	tr.SetSelf(jobs.Msg{En: "child gosh %d (%s)", Ko: "자식 gosh %d (%s)"}.With(os.Getpid(), role.words(childText())))
}

// childRole is what a child gosh is started for: its parent decides it
// (roleOf) and sends it in the start message.
type childRole int

const (
	roleCommand            childRole = iota // a command of its own (a failed background command, ...)
	roleBackground                          // a whole and-or list ended by '&': the background job
	roleBackgroundSubshell                  // "( ... ) &": a subshell that is the background job
	roleSubshell                            // ( ... )
	roleCompound                            // another compound command that needs a process: { }, a loop, if, case
	roleStage                               // a builtin or an assignment as a stage of a pipeline
	roleProcSubst                           // the list of <( ) or >( )
)

// roleOf is the role of a child gosh that runs body (see childStage).
func roleOf(body any) childRole {
	switch b := body.(type) {
	case string:
		return roleStage
	case *parser.AndOr:
		if len(b.Rest) == 0 && len(b.First.Cmds) == 1 && !b.First.Bang && b.First.Time == nil {
			if _, ok := b.First.Cmds[0].(*parser.Subshell); ok {
				return roleBackgroundSubshell
			}
		}
		return roleBackground
	case *parser.List:
		return roleProcSubst
	case *parser.Subshell:
		return roleSubshell
	case *parser.SimpleCommand:
		return roleCommand
	case parser.Command:
		if b != nil {
			return roleCompound
		}
	}
	return roleCommand
}

// words names the role with the command text: "runs the subshell ( cd /tmp )".
func (r childRole) words(text string) jobs.Msg {
	switch r {
	case roleBackground:
		return jobs.Msg{En: "runs the background job %s", Ko: "백그라운드 작업 %s 실행"}.With(text)
	case roleBackgroundSubshell:
		return jobs.Msg{En: "runs the subshell %s, a background job", Ko: "백그라운드 작업인 서브셸 %s 실행"}.With(text)
	case roleSubshell:
		return jobs.Msg{En: "runs the subshell %s", Ko: "서브셸 %s 실행"}.With(text)
	case roleCompound:
		return jobs.Msg{En: "runs the compound command %s", Ko: "복합 명령 %s 실행"}.With(text)
	case roleStage:
		return jobs.Msg{En: "runs the pipeline stage %s", Ko: "파이프라인 단계 %s 실행"}.With(text)
	case roleProcSubst:
		return jobs.Msg{En: "runs the process substitution %s", Ko: "프로세스 치환 %s 실행"}.With(text)
	}
	return jobs.Msg{En: "runs %s", Ko: "%s 실행"}.With(text)
}

// childText is what a child gosh runs, for its trace lines: the command
// text its parent put in argv[0] ("gosh: TEXT"), cut to 24 bytes.
func childText() string {
	text := strings.TrimPrefix(os.Args[0], "gosh: ")
	if len(text) > 24 {
		text = strings.ToValidUTF8(text[:24], "") + "…"
	}
	return text
}

// traceLang is the language of the trace's explanations: the shell's one
// decision, Lang (lang.go).
func (sh *Shell) traceLang() string { return sh.Lang() }

// UserFdTable is a copy of the shell's user fd table: entry n is the
// descriptor behind the user's fd n, -1 when it is closed (explain starts
// every command's table from it, as newFdTable does).
func (sh *Shell) UserFdTable() []int {
	return append([]int(nil), sh.stdio...)
}
