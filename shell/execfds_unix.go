package shell

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

// ExecFdsFlag is the hidden first argument of the short-lived gosh that
// "exec cmd" starts when the user's fds cannot be put in place in the
// shell itself: gosh --exec-fds SPEC PATH ARGV... (see ExecWithFds).
const ExecFdsFlag = "--exec-fds"

// execFds replaces the shell with path, after putting every user fd n at
// the process's fd n: run by the top-level shell for "exec cmd", the one
// place where the virtual fd table must become real. Each step is a raw
// system call, right before execve:
//
//  1. every descriptor of the table is duplicated above the table's
//     numbers, so that putting one in place cannot overwrite another;
//  2. whatever the process holds at a number the table needs is saved,
//     to be put back if execve fails (bash undoes them too);
//  3. dup2 of each copy onto its number (not close-on-exec: the program
//     keeps it); a closed user fd 0-2 is marked close-on-exec;
//  4. execve. Every other descriptor of gosh is close-on-exec and goes.
//
// The Go runtime's own descriptors (its epoll fd and the eventfd that
// wakes it) sit at 10 or above (adoptInheritedFds), lower only under a
// ulimit -n below 12. Should the table need one of their numbers,
// overwriting it even for a moment could crash the runtime or write into
// the user's file, so then the shell execs a fresh gosh instead, which
// puts the fds in place before its runtime makes descriptors of its own
// (ExecWithFds).
func (sh *Shell) execFds(path string, argv, env []string) error {
	return sh.execTable(path, argv, env, sh.newFdTable().files()) // without the close-on-exec fds (coproc.go)
}

// execTable is execFds with the table given: table[n] is the process's
// descriptor that becomes fd n of the program, -1 none (jobs.Stage.Files).
func (sh *Shell) execTable(path string, argv, env []string, table []int) error {
	if err := checkInterpreter(path); err != nil {
		// execve would fail: say so before any fd has moved.
		return err
	}
	if sh.lastpipeWriter != nil {
		// "echo a | exec cat" under lastpipe: the echo is a copy in this
		// process, which execve would end before it writes (lastpipe.go).
		// A writer that never ends is lost after 100 ms, where bash's
		// forked one would go on.
		awaitWriter(sh.lastpipeWriter, 100*time.Millisecond)
	}
	size := len(table)
	tr := sh.Jobs.Trace()
	high := make([]int, size)
	ours := map[int]bool{}
	var cleanup []int
	defer func() {
		for _, fd := range cleanup {
			unix.Close(fd)
		}
	}()
	for n, fd := range table {
		high[n] = -1
		if fd < 0 {
			continue
		}
		h, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, size)
		if err != nil {
			return err
		}
		high[n] = h
		cleanup = append(cleanup, h)
		ours[fd], ours[h] = true, true
	}
	for n := range table {
		if high[n] >= 0 && !ours[n] && isRuntimeFd(n) {
			tr.Shell(jobs.Msg{
				En: "exec: fd %d is the Go runtime's own: a fresh gosh puts the fds in place before its execve",
				Ko: "exec: fd %d는 Go 런타임의 것이다: 새 gosh가 fd를 제자리에 놓은 뒤 execve한다",
			}, n)
			return execViaHelper(path, argv, env, high)
		}
	}
	type saved struct{ n, copy, flags int }
	var undo []saved
	for n := range table {
		if high[n] < 0 && n > 2 {
			continue // left as it is
		}
		flags, err := unix.FcntlInt(uintptr(n), unix.F_GETFD, 0)
		if err != nil {
			if high[n] >= 0 {
				undo = append(undo, saved{n, -1, 0}) // free: close it again
			}
			continue
		}
		c, err := unix.FcntlInt(uintptr(n), unix.F_DUPFD_CLOEXEC, size)
		if err != nil {
			return err
		}
		cleanup = append(cleanup, c)
		undo = append(undo, saved{n, c, flags})
	}
	for n, h := range high {
		switch {
		case h >= 0:
			unix.Dup3(h, n, 0)
			tr.Shell(jobs.Msg{
				En: "dup3(%d, %d, 0)  (exec: the user's fd %d at its own number, for the program)",
				Ko: "dup3(%d, %d, 0)  (exec: 프로그램을 위해 사용자의 fd %d를 제 번호에 놓는다)",
			}, h, n, n)
		case n < 3:
			unix.FcntlInt(uintptr(n), unix.F_SETFD, unix.FD_CLOEXEC)
		}
	}
	undoSignals := sh.Jobs.ResetSignalsForExec(sh.sigs.ignoredForPrograms)
	defer undoSignals()
	tr.Shell(jobs.Msg{En: "execve(%q): the shell process becomes %s", Ko: "execve(%q): 셸 프로세스가 %s(으)로 바뀐다"}, path, argv[0])
	sh.BeforeExit()
	undoLimits := sh.applyLimitsForExec()
	defer undoLimits()
	err := syscall.Exec(path, argv, env)
	if errors.Is(err, syscall.ENOEXEC) && jobs.IsBinaryFile(path) {
		err = jobs.ErrBinaryFile // as bash: not run as a script
	}
	if errors.Is(err, syscall.ENOEXEC) && sh.self != "" {
		// Not a binary and no #! line: a gosh script, as sh does.
		tr.Shell(jobs.Msg{
			En: "execve(%q) failed with ENOEXEC: no #! line, so gosh runs it as a script",
			Ko: "execve(%q)가 ENOEXEC로 실패했다: #! 줄이 없으므로 gosh가 스크립트로 실행한다",
		}, path)
		err = syscall.Exec(sh.self, append([]string{"gosh", path}, argv[1:]...), env)
	}
	for _, u := range undo {
		if u.copy < 0 {
			unix.Close(u.n)
			continue
		}
		unix.Dup3(u.copy, u.n, u.flags&unix.FD_CLOEXEC)
	}
	return err
}

// checkInterpreter reports the error execve(2) would give for a script
// whose #! interpreter is missing or not executable, so that exec fails
// while the shell can still go on (once a fresh gosh has taken over, it
// cannot).
func checkInterpreter(path string) error {
	fd, err := openFile(path, unix.O_RDONLY, 0)
	if err != nil {
		return nil // execve will say why
	}
	var head [256]byte
	n, _ := unix.Read(fd, head[:])
	unix.Close(fd)
	line, _, _ := strings.Cut(string(head[:max(n, 0)]), "\n")
	rest, ok := strings.CutPrefix(line, "#!")
	if !ok {
		return nil
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return nil
	}
	if _, err := isExecutable(fields[0]); err != nil {
		if errors.Is(err, unix.EISDIR) {
			return unix.EACCES
		}
		return err
	}
	return nil
}

// isRuntimeFd reports whether fd is one of the Go runtime's own: the epoll
// instance of its network poller or the eventfd that wakes it.
func isRuntimeFd(fd int) bool {
	link, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd))
	return err == nil && (link == "anon_inode:[eventpoll]" || link == "anon_inode:[eventfd]")
}

// execViaHelper execs a fresh gosh with ExecFdsFlag: the copies in high
// stay open across that execve (high[n] is the user's fd n, -1 closed).
func execViaHelper(path string, argv, env []string, high []int) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	spec := make([]string, len(high))
	for n, h := range high {
		spec[n] = "-"
		if h >= 0 {
			unix.FcntlInt(uintptr(h), unix.F_SETFD, 0)
			spec[n] = strconv.Itoa(h)
		}
	}
	helper := append([]string{"gosh", ExecFdsFlag, strings.Join(spec, ","), path}, argv...)
	err = syscall.Exec(self, helper, env)
	for _, h := range high {
		if h >= 0 {
			unix.FcntlInt(uintptr(h), unix.F_SETFD, unix.FD_CLOEXEC)
		}
	}
	return err
}

// ExecWithFds is what gosh runs when started with ExecFdsFlag: args are
// SPEC PATH ARGV..., where SPEC lists, for fds 0, 1, 2, ..., the inherited
// descriptor that becomes it ("-": closed). This gosh has made no
// descriptor of its own yet, so it can dup2 each into place and execve
// the program. It returns only on failure.
func ExecWithFds(args []string) error {
	if len(args) < 3 {
		return errors.New("usage: " + ExecFdsFlag + " SPEC PATH ARGV0 [ARG...]")
	}
	spec := strings.Split(args[0], ",")
	var copies []int
	for n, s := range spec {
		if s == "-" {
			unix.FcntlInt(uintptr(n), unix.F_SETFD, unix.FD_CLOEXEC)
			continue
		}
		h, err := strconv.Atoi(s)
		if err != nil {
			return errors.New(ExecFdsFlag + ": bad fd list " + args[0])
		}
		if h != n {
			unix.Dup3(h, n, 0)
			copies = append(copies, h)
		}
	}
	for _, h := range copies {
		if h >= len(spec) {
			unix.Close(h)
		}
	}
	err := syscall.Exec(args[1], args[2:], os.Environ())
	return &os.PathError{Op: "exec", Path: args[1], Err: err}
}
