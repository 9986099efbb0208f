package builtins

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

var readBuiltins = []*Builtin{
	{
		Name:       "read",
		ReadsInput: true,
		Synopsis:   "read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]",
		Summary:    "Read a line from the standard input into variables.",
		Help: `Read one line and split it into words with $IFS: the first word goes
to the first NAME, the second to the second, and the last NAME gets
the rest of the line. Without NAME the whole line goes to $REPLY.
A backslash escapes the next character (and joins a line ending in
a backslash to the next one) unless -r is given.
-a ARRAY   put the words in the indexed array ARRAY, one per element
-d DELIM   stop at DELIM instead of newline
-e         in an interactive shell reading its terminal, read the line
           with the prompt's line editor (its keys and history)
-i TEXT    with -e, the line starts with TEXT, to edit or erase
-n NCHARS  stop after NCHARS characters
-N NCHARS  read exactly NCHARS characters (fewer only at end of file),
           whatever they are, and put them all in the first NAME
-p PROMPT  print PROMPT on standard error first, if reading a terminal
-s         silent: a terminal does not echo what is typed (passwords)
-t SECS    give up after SECS seconds (status 142)
-u FD      read from file descriptor FD
On a terminal, -n and -s change its modes while read runs (tcsetattr):
-n turns off line editing so that each key arrives at once, -s turns
off echo.
read takes one byte at a time with read(2), so whatever follows the
line is left in the file for the next command. The status is 1 at
end of file.`,
		Run: runRead,
	},
}

// Errors from readByte besides io.EOF.
var (
	errInterrupted = errors.New("interrupted")
	errTimedOut    = errors.New("timed out")
)

// byteSource reads input one byte at a time, never more: the rest belongs
// to the commands after read (`{ read a; cat; } < file`). With a file
// descriptor it waits with poll(2), so that Ctrl+C (the context) and -t
// can interrupt the wait; without one it reads the io.Reader.
type byteSource struct {
	ctx      context.Context
	fd       int       // -1: use r
	r        io.Reader // used when fd < 0
	deadline time.Time // zero: no timeout
}

// pollSlice bounds each poll(2) so that a cancelled context is noticed.
const pollSlice = 50 * time.Millisecond

func (s *byteSource) readByte() (byte, error) {
	var b [1]byte
	if s.fd < 0 {
		n, err := s.r.Read(b[:])
		if n == 1 {
			return b[0], nil
		}
		if err == nil {
			err = io.EOF
		}
		return 0, err
	}
	for {
		if err := s.wait(); err != nil {
			return 0, err
		}
		n, err := jobs.ReadReady(s.fd, b[:])
		switch {
		case err == unix.EINTR || err == unix.EAGAIN:
			continue
		case err != nil:
			return 0, err
		case n == 0:
			return 0, io.EOF
		}
		return b[0], nil
	}
}

// maxTimeout is the longest wait read -t keeps (ten years): a longer one is
// no deadline at all.
const maxTimeout = 10 * 365 * 24 * time.Hour

// parseTimeout reads read -t's argument as bash does: an optional sign,
// decimal digits, then after a '.' up to six digits of a fraction (a
// seventh rounds, anything further is ignored). "", "." and a lone sign
// are 0. A negative whole part is refused, but the sign of "-0.5" is
// dropped, as bash drops it.
func parseTimeout(s string) (time.Duration, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var secs time.Duration
	for _, c := range []byte(whole) {
		if c < '0' || c > '9' {
			return 0, false
		}
		if secs < maxTimeout {
			secs = secs*10 + time.Duration(c-'0')*time.Second
		}
	}
	if neg && secs > 0 {
		return 0, false
	}
	if !hasFrac {
		return secs, true
	}
	var usec time.Duration
	for i := range 6 {
		d := byte('0')
		if i < len(frac) {
			d = frac[i]
		}
		if d < '0' || d > '9' {
			return 0, false
		}
		usec = usec*10 + time.Duration(d-'0')
	}
	if len(frac) > 6 && frac[6] >= '5' && frac[6] <= '9' {
		usec++
	}
	return secs + usec*time.Microsecond, true
}

// wait blocks until the descriptor is readable, the context is cancelled
// or the deadline passes.
func (s *byteSource) wait() error {
	for {
		if s.ctx.Err() != nil {
			return errInterrupted
		}
		slice := pollSlice
		if !s.deadline.IsZero() {
			left := time.Until(s.deadline)
			if left <= 0 {
				return errTimedOut
			}
			slice = min(slice, left)
		}
		ready, err := jobs.PollFd(s.fd, unix.POLLIN, slice)
		if err != nil {
			return err
		}
		if ready {
			return nil // readable, at end of file, or an error that read reports
		}
	}
}

// isTerminal reports whether fd is a terminal.
func isTerminal(fd int) bool {
	_, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	return err == nil
}

func runRead(sh Shell, stdio IO, args []string) (int, error) {
	o, names, ok := parseOptions(stdio, "read", args[1:], "a:ei:rsd:n:N:p:t:u:")
	if !ok {
		return statusUsage, nil
	}
	if o.has('a') {
		if !isName(o.value('a')) {
			errorf(stdio, "read", "`%s': not a valid identifier", o.value('a'))
			return statusFailure, nil
		}
		names = nil // as bash: with -a the names are ignored
	}
	for _, name := range names {
		if !isName(name) && !isArrayRef(name) {
			errorf(stdio, "read", "`%s': not a valid identifier", name)
			return statusFailure, nil
		}
	}
	ctx := sh.Context()
	if posix, _ := sh.Option("posix"); posix {
		// bash's POSIX mode: a signal that has a trap interrupts read,
		// as it does wait; the status is 128+N.
		ctx = waitContext(sh)
	}
	src := &byteSource{ctx: ctx, fd: stdio.InFd, r: stdio.In}
	userFd := 0 // the fd number the user knows, for messages
	if src.fd < 0 && src.r == nil {
		src.r = strings.NewReader("") // no input at all: end of file
	}
	if o.has('u') {
		fd, ok := parseInt(o.value('u'))
		if !ok || fd < 0 {
			errorf(stdio, "read", "%s: invalid file descriptor specification", o.value('u'))
			return statusFailure, nil
		}
		real := sh.UserFd(fd)
		if _, err := unix.FcntlInt(uintptr(real), unix.F_GETFD, 0); real < 0 || err != nil {
			errorf(stdio, "read", "%d: invalid file descriptor: %s", fd, strerror(unix.EBADF))
			return statusFailure, nil
		}
		src.fd = real
		userFd = fd
	}
	delim := int('\n')
	if o.has('d') {
		delim = 0 // -d '' reads up to a NUL byte
		if d := o.value('d'); d != "" {
			delim = int(d[0])
		}
	}
	limit := -1
	exact := false // -N: no delimiter, no splitting
	for _, c := range o.seq {
		if c != 'n' && c != 'N' {
			continue
		}
		n, ok := parseInt(o.value(c))
		if !ok || n < 0 {
			errorf(stdio, "read", "%s: invalid number", o.value(c))
			return statusFailure, nil
		}
		limit, exact = n, c == 'N'
	}
	if exact {
		delim = -1
	}
	if o.has('t') {
		wait, ok := parseTimeout(o.value('t'))
		if !ok {
			errorf(stdio, "read", "%s: invalid timeout specification", o.value('t'))
			return statusFailure, nil
		}
		if wait == 0 {
			// -t 0 only asks whether input is waiting.
			return inputReady(src.fd), nil
		}
		if wait < maxTimeout {
			src.deadline = time.Now().Add(wait)
		}
	}
	if o.has('e') && src.fd >= 0 && isTerminal(src.fd) && sameFile(src.fd, 0) && !o.has('n') && !o.has('N') && !o.has('s') && !o.has('t') && !o.has('d') {
		// -e: the line editor reads the line (-i: starting with TEXT);
		// what it gives is then split as a typed line would be.
		if le, ok := sh.(LineEditShell); ok {
			line, st := le.EditLine(o.value('p'), o.value('i'))
			switch st {
			case 0:
				src = &byteSource{ctx: sh.Context(), fd: -1, r: strings.NewReader(line + "\n")}
			case -1:
			default:
				return st, nil
			}
		}
	}
	if src.fd >= 0 && isTerminal(src.fd) {
		if o.has('p') {
			stdio.Err.Write([]byte(o.value('p')))
		}
		if limit >= 0 || o.has('s') {
			restore := setReadModes(sh, src.fd, limit >= 0, o.has('s'))
			defer restore()
		}
	}

	text, escaped, err := readLine(src, delim, limit, !o.has('r'))
	status := statusOK
	switch {
	case err == errInterrupted:
		st, _ := interruptedStatus(src.ctx) // 130 for Ctrl+C
		return st, nil
	case err == errTimedOut:
		status = 128 + int(unix.SIGALRM)
	case err == io.EOF:
		status = statusFailure
	case err != nil:
		errorf(stdio, "read", "read error: %d: %s", userFd, strerror(err))
		return statusFailure, nil
	}

	var values []string
	switch {
	case o.has('a'):
		ifs, set := sh.Var("IFS")
		if !set {
			ifs = " \t\n"
		}
		fields := splitFields(text, escaped, ifs, 0)
		if exact {
			fields = []string{string(text)}
		}
		if err := sh.SetArray(o.value('a'), fields); noAssign(err) {
			return statusFailure, nil
		} else if err != nil {
			fmt.Fprintf(stdio.Err, "%s%v\n", stdio.ErrPrefix(), err) // bash: "x: readonly variable"
			return statusFailure, nil
		}
		return status, nil
	case exact:
		// -N: what was read goes whole to the first name.
		if len(names) == 0 {
			names = []string{"REPLY"}
		}
		values = make([]string, len(names))
		values[0] = string(text)
	case len(names) == 0:
		// $REPLY gets the line as read: no splitting, no trimming.
		names = []string{"REPLY"}
		values = []string{string(text)}
	default:
		ifs, set := sh.Var("IFS")
		if !set {
			ifs = " \t\n"
		}
		values = splitFields(text, escaped, ifs, len(names))
	}
	for i, name := range names {
		if err := sh.SetVar(name, values[i]); noAssign(err) {
			return statusFailure, nil // bash assigns none of the names after it
		} else if err != nil {
			// bash words it without the builtin's name: "x: readonly variable".
			errorf(stdio, name, "readonly variable")
			status = statusFailure
		}
	}
	return status, nil
}

// setReadModes changes the terminal's modes for read -n (no canonical
// line editing: read gets each key as it is typed, not whole lines) and
// read -s (no echo). It returns the function that puts the old modes back.
func setReadModes(sh Shell, fd int, keys, silent bool) (restore func()) {
	old, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return func() {}
	}
	modes := *old
	var why []jobs.Msg
	if keys {
		modes.Lflag &^= unix.ICANON
		modes.Cc[unix.VMIN], modes.Cc[unix.VTIME] = 1, 0
		why = append(why, jobs.Msg{En: "-ICANON: each key at once", Ko: "-ICANON: 키를 누르는 즉시 하나씩"})
	}
	if silent {
		modes.Lflag &^= unix.ECHO
		why = append(why, jobs.Msg{En: "-ECHO: typing is not shown", Ko: "-ECHO: 입력한 글자를 보여 주지 않는다"})
	}
	tcsetattr(sh, fd, &modes, jobs.Msg{En: "read: %s", Ko: "read: %s"}.With(jobs.Join(why, jobs.Same(", "))))
	return func() {
		tcsetattr(sh, fd, old, jobs.Msg{En: "read: restore the terminal modes", Ko: "read: 터미널 모드를 되돌린다"})
	}
}

// tcsetattr sets a terminal's modes for read -n and -s: run by the gosh
// process that runs read (the shell itself, or, for a read stage of a
// pipeline under job control, its own gosh process in the foreground
// group). TCSETSW (TCSADRAIN) lets pending output go out first.
func tcsetattr(sh Shell, fd int, modes *unix.Termios, why jobs.Msg) {
	err := unix.IoctlSetTermios(fd, unix.TCSETSW, modes)
	result := "0"
	if err != nil {
		result = strerror(err)
	}
	sh.JobTable().Trace().Shell(jobs.Same("tcsetattr(%d, TCSADRAIN) = %s  (%s)"), fd, result, why)
}

// inputReady is read -t 0: status 0 if input is waiting on fd.
func inputReady(fd int) int {
	if fd < 0 {
		return statusOK
	}
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	if n, err := unix.Poll(fds, 0); err == nil && n > 0 {
		return statusOK
	}
	return statusFailure
}

// readLine reads up to delim (which it consumes but does not return), up
// to limit characters (-1: no limit), or to end of file. A delim of -1
// is none (read -N). With backslashes
// on, a backslash escapes the next byte, which is kept but marked escaped
// (so it never splits fields), and backslash-newline is removed: the line
// goes on. The error is io.EOF at end of input, errInterrupted,
// errTimedOut, or a read error; text holds what was read either way.
func readLine(src *byteSource, delim int, limit int, backslashes bool) (text []byte, escaped []bool, err error) {
	chars := 0
	pending := false // the previous byte was an escaping backslash
	for limit < 0 || chars < limit {
		c, err := src.readByte()
		if err != nil {
			return text, escaped, err
		}
		switch {
		case pending:
			pending = false
			if c == '\n' {
				continue
			}
			text, escaped = append(text, c), append(escaped, true)
		case backslashes && c == '\\':
			pending = true
			continue
		case int(c) == delim:
			return text, escaped, nil
		default:
			text, escaped = append(text, c), append(escaped, false)
		}
		// A character is a whole UTF-8 sequence: read its continuation
		// bytes now, so that -n never cuts one in half.
		for more := utf8Continuations(c); more > 0; more-- {
			c, err := src.readByte()
			if err != nil {
				return text, escaped, err
			}
			text, escaped = append(text, c), append(escaped, escaped[len(escaped)-1])
		}
		chars++
	}
	return text, escaped, nil
}

// utf8Continuations is how many continuation bytes follow the lead byte c.
func utf8Continuations(c byte) int {
	switch {
	case c&0xE0 == 0xC0:
		return 1
	case c&0xF0 == 0xE0:
		return 2
	case c&0xF8 == 0xF0:
		return 3
	}
	return 0
}

// splitFields splits a line read by read into n values, following bash:
// IFS whitespace (space, tab, newline when in IFS) around fields is
// dropped; any other IFS character ends a field, so "a::b" with IFS=: has
// an empty middle field; escaped bytes never split. The last value is the
// rest of the line with trailing IFS whitespace removed, escaped or not,
// except that a single remaining field loses its one trailing delimiter
// ("y:" → "y") and keeps what was escaped.
// With n <= 0 it returns every field (read -a).
func splitFields(text []byte, escaped []bool, ifs string, n int) []string {
	isIFS := func(i int) bool {
		return !escaped[i] && strings.IndexByte(ifs, text[i]) >= 0
	}
	isWhite := func(i int) bool {
		return isIFS(i) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')
	}
	// skipDelimiter moves past the IFS whitespace, at most one other IFS
	// character, and IFS whitespace again, that end a field.
	skipDelimiter := func(p int) int {
		for p < len(text) && isWhite(p) {
			p++
		}
		if p < len(text) && isIFS(p) {
			p++
			for p < len(text) && isWhite(p) {
				p++
			}
		}
		return p
	}
	wordEnd := func(p int) int {
		for p < len(text) && !isIFS(p) {
			p++
		}
		return p
	}

	pos := 0
	for pos < len(text) && isWhite(pos) {
		pos++
	}
	if n <= 0 {
		// read -a: every field is a value of its own.
		var all []string
		for pos < len(text) {
			end := wordEnd(pos)
			all = append(all, string(text[pos:end]))
			pos = skipDelimiter(end)
		}
		return all
	}
	values := make([]string, n)
	for k := 0; k < n-1 && pos < len(text); k++ {
		end := wordEnd(pos)
		values[k] = string(text[pos:end])
		pos = skipDelimiter(end)
	}
	if pos < len(text) {
		end := wordEnd(pos)
		if skipDelimiter(end) >= len(text) {
			values[n-1] = string(text[pos:end])
		} else {
			// Several fields remain: bash cuts the IFS whitespace at
			// the end even when it was escaped ("a b\ " gives "a b").
			end = len(text)
			for end > pos && strings.IndexByte(ifs, text[end-1]) >= 0 && strings.IndexByte(" \t\n", text[end-1]) >= 0 {
				end--
			}
			values[n-1] = string(text[pos:end])
		}
	}
	return values
}
