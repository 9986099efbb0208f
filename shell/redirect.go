package shell

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"gosh/parser"
)

// fdTable is the file-descriptor table one command will see, built by the
// shell before the command starts. fds[i] is the shell's descriptor that
// becomes the command's fd i, or -1 when fd i is closed. An external
// command receives the table as syscall.ProcAttr.Files, so the kernel's
// dup2 into place happens in the child, between fork and exec. A builtin
// reads and writes through it, so the shell's own fds never change.
type fdTable struct {
	fds   []int
	owned []int // descriptors opened for this command; closed when it is done
	// cloexec are the shell's close-on-exec user fds (a coproc's): files
	// leaves them out of what a new process gets.
	cloexec []userFd
	// coproc is set for the stage of a coproc (coproc.go).
	coproc bool
	// later are redirections expanded but not yet performed: a pipeline
	// stage's, done just before it starts (connectStage).
	later []plannedRedirect
	// background is set for a stage of a background job: a child gosh
	// started for it may have signals to ignore (asyncIgnores).
	background bool
	// pipeline is set for a stage of a pipeline, whose Connect runs just
	// before it starts: a child gosh's start message is put in its memfd
	// then (snapshot, at index snapshotAt of the stage's Files: see
	// connectSnapshot), so that the stages of a long pipeline do not each
	// hold a memfd in the shell until their turn.
	// snapshotGate: the trace is on, and the child's gate pipe is made
	// then too (traceGate).
	pipeline     bool
	snapshot     []byte
	snapshotAt   int
	snapshotGate bool
	// fdVars are the fds that {NAME} redirections opened for the command
	// (not those they closed): kept open after a command the shell runs
	// itself (keepFdVars). noFdVars: the command runs in a child or a
	// copy, or is only redirections, where bash's {NAME} assigns nothing
	// the shell sees.
	fdVars   []int
	noFdVars bool
	// closed are the fds that an N<&- of the command closed: when the
	// command is done they get back what they were, even if they were
	// closed already and an exec inside opened them (leaveView).
	closed []int
}

// newFdTable starts from the descriptors of the current context.
func (sh *Shell) newFdTable() *fdTable {
	return &fdTable{fds: append([]int(nil), sh.stdio...), cloexec: sh.cloexecFds}
}

// get returns the shell fd behind the command's fd n, or -1.
func (t *fdTable) get(n int) int {
	if n < len(t.fds) {
		return t.fds[n]
	}
	return -1
}

// set makes the command's fd n refer to the shell's fd fd. Closing a
// number beyond the table (fd -1) changes nothing: it is closed already.
func (t *fdTable) set(n, fd int) {
	if fd < 0 && n >= len(t.fds) {
		return
	}
	for len(t.fds) <= n {
		t.fds = append(t.fds, -1)
	}
	t.fds[n] = fd
}

// own records an fd the table opened, to close after the command.
func (t *fdTable) own(fd int) int {
	t.owned = append(t.owned, fd)
	return fd
}

// close releases what the table opened.
func (t *fdTable) close() {
	for _, fd := range t.owned {
		closeFd(fd)
	}
	t.owned = nil
}

// files is the table in the form syscall.ForkExec wants, without the
// close-on-exec user fds (hideCloexec). (ForkExec's child first moves the
// descriptors it must move above every number of the table, so no entry
// is overwritten before its turn.)
func (t *fdTable) files() []int { return t.hideCloexec(append([]int(nil), t.fds...)) }

// wiring describes the child's fd setup for the trace: "dup2(4, 1)".
func (t *fdTable) wiring() []string {
	var lines []string
	for i, fd := range t.fds {
		switch {
		case fd < 0:
			lines = append(lines, fmt.Sprintf("close(%d)", i))
		case fd != i:
			lines = append(lines, fmt.Sprintf("dup2(%d, %d)", fd, i))
		}
	}
	return lines
}

// redirError is a failed redirection: the command does not run, status 1.
type redirError struct{ msg string }

func (e *redirError) Error() string { return e.msg }

// applyRedirects performs a command's redirections left to right on t.
// Files are opened by the shell here; nothing in the shell's own fd table
// changes.
func (sh *Shell) applyRedirects(t *fdTable, redirs []*parser.Redirect) error {
	for _, r := range redirs {
		if err := sh.applyRedirect(t, r); err != nil {
			return err
		}
	}
	return nil
}

func (sh *Shell) applyRedirect(t *fdTable, r *parser.Redirect) error {
	p, err := sh.planRedirect(r)
	if err != nil {
		return err
	}
	return sh.applyPlanned(t, p)
}

// plannedRedirect is a redirection whose words are expanded: what is left
// is opening and wiring (applyPlanned). target is the expanded target, or
// the text of a here-document or here-string.
type plannedRedirect struct {
	r      *parser.Redirect
	target string
}

// planRedirects expands the words of redirs, opening nothing: a pipeline
// stage's files are opened just before it starts (connectStage).
func (sh *Shell) planRedirects(redirs []*parser.Redirect) ([]plannedRedirect, error) {
	var plan []plannedRedirect
	for _, r := range redirs {
		p, err := sh.planRedirect(r)
		if err != nil {
			return nil, err
		}
		plan = append(plan, p)
	}
	return plan, nil
}

// planRedirect expands one redirection's target or body.
func (sh *Shell) planRedirect(r *parser.Redirect) (plannedRedirect, error) {
	switch r.Op {
	case parser.RedirHeredoc, parser.RedirHeredocTab:
		body, err := sh.expandHeredoc(r.Heredoc)
		return plannedRedirect{r, body}, err
	case parser.RedirHereString:
		// <<< word (bash): the word, expanded but neither split nor
		// globbed, and a newline, read like a here-document.
		word, err := sh.expandString(r.Target)
		return plannedRedirect{r, word + "\n"}, err
	}
	target, err := sh.expandRedirTarget(r.Target)
	if err != nil {
		var ee *ExpansionError
		if errors.As(err, &ee) && strings.HasSuffix(ee.Msg, "ambiguous redirect") {
			// Only this command fails, as in bash; the script goes on.
			return plannedRedirect{}, &redirError{ee.Msg}
		}
		return plannedRedirect{}, err
	}
	return plannedRedirect{r, target}, nil
}

// movesFd reports whether the target of >& or <& is written with a
// trailing '-', other than "-" alone: N>&M- moves M to N.
func movesFd(w *parser.Word) bool {
	if w == nil || len(w.Parts) == 0 {
		return false
	}
	lit, ok := w.Parts[len(w.Parts)-1].(*parser.Lit)
	return ok && strings.HasSuffix(lit.Value, "-") && parser.String(w) != "-"
}

// applyPlanned performs one expanded redirection on t.
func (sh *Shell) applyPlanned(t *fdTable, p plannedRedirect) error {
	r, target := p.r, p.target
	fd := r.Fd
	if fd < 0 {
		fd = r.Op.DefaultFd()
	}
	if r.FdVar != "" {
		n, err := sh.fdVarNumber(t, r, target) // redirect_fdvar.go
		if err != nil {
			return err
		}
		fd = n
	}
	closing := (r.Op == parser.RedirDupIn || r.Op == parser.RedirDupOut) && target == "-"
	if !closing && fd >= maxFdNumber {
		// bash's dup2 fails, and bash names the source when it is
		// written as digits ("N<&0": "0").
		word := strconv.Itoa(fd)
		if r.Op == parser.RedirDupIn || r.Op == parser.RedirDupOut {
			if lit := parser.String(r.Target); isDigits(lit) {
				word = lit
			}
		}
		return &redirError{word + ": Bad file descriptor"}
	}
	switch r.Op {
	case parser.RedirHeredoc, parser.RedirHeredocTab, parser.RedirHereString:
		what := "here-document: "
		if r.Op == parser.RedirHereString {
			what = "here-string: "
		}
		rfd, err := sh.heredocFd(target)
		if err != nil {
			return &redirError{what + errnoText(err)}
		}
		t.set(fd, t.own(rfd))
		return nil
	}
	switch r.Op {
	case parser.RedirDupIn, parser.RedirDupOut:
		if target == "-" {
			t.set(fd, -1)
			t.closed = append(t.closed, fd)
			return nil
		}
		// N>&M- (bash) moves M to N: M is closed after the copy. As in
		// bash, the '-' must be written: "x=2-; >&$x" names a file, and
		// a word written with a '-' must give a number ("a: ambiguous
		// redirect" for >&a-).
		move := movesFd(r.Target) && len(target) > 1 && strings.HasSuffix(target, "-")
		if move {
			target = target[:len(target)-1]
			if !isDigits(target) {
				return &redirError{target + ": ambiguous redirect"}
			}
		}
		n, err := strconv.Atoi(target)
		if err != nil || n < 0 {
			if r.Op == parser.RedirDupOut && (r.Fd < 0 || r.Fd == 1) && r.FdVar == "" {
				// bash: ">&file" and "1>&file" mean "&>file".
				return sh.openInto(t, []int{1, 2}, target, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC, true)
			}
			return &redirError{target + ": ambiguous redirect"}
		}
		if n == fd {
			// N>&N and N>&N- change nothing, open or not (bash).
			return nil
		}
		src := t.get(n)
		if src < 0 || !fdOpen(src) {
			// bash names the word as written: "$fd: Bad file descriptor".
			word := target
			if !move {
				word = parser.String(r.Target)
			}
			return &redirError{word + ": Bad file descriptor"}
		}
		t.set(fd, src)
		if move && n != fd {
			t.set(n, -1)
		}
		return nil
	case parser.RedirIn:
		return sh.openInto(t, []int{fd}, target, unix.O_RDONLY, false)
	case parser.RedirOut:
		return sh.openInto(t, []int{fd}, target, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC, true)
	case parser.RedirClobber:
		return sh.openInto(t, []int{fd}, target, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC, false)
	case parser.RedirAppend:
		return sh.openInto(t, []int{fd}, target, unix.O_WRONLY|unix.O_CREAT|unix.O_APPEND, false)
	case parser.RedirReadWrite:
		return sh.openInto(t, []int{fd}, target, unix.O_RDWR|unix.O_CREAT, false)
	case parser.RedirAll:
		return sh.openInto(t, []int{1, 2}, target, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC, true)
	case parser.RedirAllAppend:
		return sh.openInto(t, []int{1, 2}, target, unix.O_WRONLY|unix.O_CREAT|unix.O_APPEND, false)
	}
	return &redirError{"unknown redirection " + r.Op.String()}
}

// maxFdNumber bounds the descriptor numbers a redirection may name, since
// the fd table is a slice indexed by number: "echo hi 99999999>f" fails
// with "99999999: Bad file descriptor", as in bash, instead of growing the
// table to that size (gosh died of it, out of memory). The kernel's own
// default ceiling on any process's descriptors, fs.nr_open, is the same.
// A number below it but at or above the open-files limit is refused where
// the shell places it: a child's table at launch (jobs.FdLimitMessage), a
// descriptor exec keeps.
const maxFdNumber = 1 << 20

// openInto opens path and points each fd in fds at it. With clobberCheck
// and set -C, an existing regular file is not overwritten (noclobberOpen).
// A relative path is relative to the shell's directory (a copy's own, see
// abs).
func (sh *Shell) openInto(t *fdTable, fds []int, path string, flags int, clobberCheck bool) error {
	var nfd int
	var err error
	real := sh.abs(path)
	if n, ok := fdDevice(path); ok {
		// /dev/stderr and friends name the command's own fds, which are
		// virtual: reopen the descriptor behind the number, as the kernel
		// does for a forked bash child whose fds are real.
		src := t.get(n)
		if src < 0 {
			// "< <(cmd)": the substitution began after t was made.
			src = sh.procSubstAt(n)
		}
		if src < 0 || !fdOpen(src) {
			return &redirError{path + ": " + errnoText(unix.ENOENT)}
		}
		real = "/proc/self/fd/" + strconv.Itoa(src)
	}
	if clobberCheck && sh.Opts.Noclobber {
		sh.withUmask(func() { nfd, err = noclobberOpen(real, flags) })
	} else {
		sh.withUmask(func() { nfd, err = openFile(real, flags, 0o666) })
	}
	if err != nil {
		if err == errClobber {
			return &redirError{path + ": cannot overwrite existing file"}
		}
		return &redirError{path + ": " + errnoText(err)}
	}
	t.own(nfd)
	for _, fd := range fds {
		t.set(fd, nfd)
	}
	sh.traceOpen(path, flags, nfd, clobberCheck && sh.Opts.Noclobber)
	return nil
}

// fdDevice reports which fd a path names when it is /dev/stdin,
// /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N.
func fdDevice(path string) (int, bool) {
	switch path {
	case "/dev/stdin":
		return 0, true
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	for _, dir := range []string{"/dev/fd/", "/proc/self/fd/"} {
		if rest, ok := strings.CutPrefix(path, dir); ok {
			n, err := strconv.Atoi(rest)
			return n, err == nil && n >= 0 && rest[0] != '+'
		}
	}
	return 0, false
}

// errClobber is noclobberOpen's refusal.
var errClobber = errors.New("cannot overwrite existing file")

// noclobberOpen opens path for `>` under set -C, as bash does: a new file
// is created with O_CREAT|O_EXCL, so nothing made between the check and the
// open (and no symlink, dangling or not) is followed; an existing file that
// is not a regular one (/dev/null, a fifo, a terminal) is opened without
// truncation, and refused if it turned into a regular file meanwhile.
func noclobberOpen(path string, flags int) (int, error) {
	var st unix.Stat_t
	if unix.Stat(path, &st) != nil {
		fd, err := openFile(path, flags&^unix.O_TRUNC|unix.O_CREAT|unix.O_EXCL, 0o666)
		if err == unix.EEXIST {
			return -1, errClobber
		}
		return fd, err
	}
	if st.Mode&unix.S_IFMT == unix.S_IFREG {
		return -1, errClobber
	}
	fd, err := openFile(path, flags&^unix.O_TRUNC, 0o666)
	if err != nil {
		if err == unix.EEXIST {
			return -1, errClobber
		}
		return -1, err
	}
	var st2 unix.Stat_t
	if unix.Fstat(fd, &st2) != nil || st2.Mode&unix.S_IFMT == unix.S_IFREG || st2.Dev != st.Dev || st2.Ino != st.Ino {
		closeFd(fd)
		return -1, errClobber
	}
	return fd, nil
}

// heredocFd returns a readable fd holding body. Small bodies are written
// into a pipe at once; larger ones by a goroutine, so the shell never blocks
// on a full pipe.
func (sh *Shell) heredocFd(body string) (int, error) {
	r, w, err := sh.Jobs.Pipe()
	if err != nil {
		return -1, err
	}
	if len(body) <= 4096 {
		fdWriter(w).Write([]byte(body))
		closeFd(w)
		return r, nil
	}
	go func() {
		fdWriter(w).Write([]byte(body))
		closeFd(w)
	}()
	return r, nil
}

// fdOpen reports whether fd is an open descriptor of the shell.
func fdOpen(fd int) bool {
	_, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	return err == nil
}

// isRedirError reports whether err is a redirection failure.
func isRedirError(err error) bool {
	var r *redirError
	return errors.As(err, &r)
}
