package builtins

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"gosh/jobs"
)

// Status conventions shared by every builtin, as in bash.
const (
	statusOK      = 0
	statusFailure = 1 // the command ran but did not succeed
	statusUsage   = 2 // bad options or arguments
)

// errorf prints a builtin's diagnostic to its standard error, after the
// shell's prefix: "gosh: NAME: message", "s.sh: line 3: NAME: message".
func errorf(io IO, name, format string, args ...any) {
	msg := fmt.Sprintf("%s"+name+": "+format+"\n", append([]any{io.ErrPrefix()}, args...)...)
	fmt.Fprint(io.Err, jobs.ForTerminal(io.ErrFd, msg))
}

// messagef is errorf for a message without a builtin's name:
// "s.sh: line 3: f: No such file or directory".
func messagef(io IO, format string, args ...any) {
	fmt.Fprint(io.Err, jobs.ForTerminal(io.ErrFd, io.ErrPrefix()+fmt.Sprintf(format, args...)+"\n"))
}

// usageError prints msg (if any) and the builtin's usage line, and returns
// the usage status: "gosh: cd: -z: invalid option" then
// "cd: usage: cd [-L|[-P [-e]] [-@]] [dir]".
func usageError(io IO, name, msg string) int {
	if msg != "" {
		errorf(io, name, "%s", msg)
	}
	if b, ok := Lookup(name); ok && b.Synopsis != "" {
		fmt.Fprintf(io.Err, "%s: usage: %s\n", name, b.Synopsis)
	}
	return statusUsage
}

// options is the result of parsing a builtin's leading options.
type options struct {
	set  map[byte]bool
	vals map[byte]string
	seq  []byte // options in the order given
}

func (o *options) has(c byte) bool     { return o.set[c] }
func (o *options) value(c byte) string { return o.vals[c] }

// optionScanner walks a builtin's leading options the way bash's builtins
// read them: each argument starting with '-' (but not "-" alone) is a
// cluster of option letters; "--" ends the options; the first other
// argument ends them too. parseOptions, complete/compgen and ulimit all
// read their options through it; they differ only in what a letter means.
type optionScanner struct {
	args []string
	i    int // the argument being read
	k    int // the next letter in args[i]; 0: args[i] not started
}

// next returns the next option letter, or ok false when the options end
// (rest then gives the operands).
func (s *optionScanner) next() (c byte, ok bool) {
	for {
		if s.k > 0 && s.k < len(s.args[s.i]) {
			c = s.args[s.i][s.k]
			s.k++
			return c, true
		}
		if s.k > 0 {
			s.i, s.k = s.i+1, 0
		}
		if s.i >= len(s.args) {
			return 0, false
		}
		a := s.args[s.i]
		if a == "--" {
			s.i++
			return 0, false
		}
		if len(a) < 2 || a[0] != '-' {
			return 0, false
		}
		s.k = 1
	}
}

// value takes the argument of the letter just read: the rest of its
// cluster, else the next argument. ok is false when there is none.
func (s *optionScanner) value() (v string, ok bool) {
	if a := s.args[s.i]; s.k < len(a) {
		v, s.k = a[s.k:], len(a)
		return v, true
	}
	if s.i+1 < len(s.args) {
		v = s.args[s.i+1]
		s.i, s.k = s.i+2, 0 // the next cluster starts after it
		return v, true
	}
	return "", false
}

// optionalValue takes an argument the letter just read may have: the rest
// of its cluster, or the next argument unless that starts with '-'.
func (s *optionScanner) optionalValue() (v string, ok bool) {
	if s.k < len(s.args[s.i]) || s.i+1 < len(s.args) && !strings.HasPrefix(s.args[s.i+1], "-") {
		return s.value()
	}
	return "", false
}

// rest is what follows the options.
func (s *optionScanner) rest() []string {
	if s.k > 0 {
		return s.args[min(s.i+1, len(s.args)):]
	}
	return s.args[s.i:]
}

// parseOptions reads leading options (optionScanner). spec lists the
// accepted letters; a letter followed by ':' takes an argument, from the
// rest of the cluster or from the next argument. On a bad option it prints
// the diagnostic and the usage line and returns ok false; the caller
// returns statusUsage.
func parseOptions(io IO, name string, args []string, spec string) (o *options, rest []string, ok bool) {
	o = &options{set: map[byte]bool{}, vals: map[byte]string{}}
	sc := optionScanner{args: args}
	for {
		c, more := sc.next()
		if !more {
			break
		}
		at := strings.IndexByte(spec, c)
		if at < 0 || c == ':' {
			usageError(io, name, "-"+string(c)+": invalid option")
			return nil, nil, false
		}
		o.set[c] = true
		o.seq = append(o.seq, c)
		if at+1 < len(spec) && spec[at+1] == ':' {
			v, has := sc.value()
			if !has {
				usageError(io, name, "-"+string(c)+": option requires an argument")
				return nil, nil, false
			}
			o.vals[c] = v
		}
	}
	return o, sc.rest(), true
}

// strerror turns an error from a system call into the C library's message,
// as bash prints it: "No such file or directory". Go's errno strings are
// the C ones with a lower-case first letter.
func strerror(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return capitalize(errno.Error())
	}
	return err.Error()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// isName reports whether s is a valid variable name: a letter or
// underscore, then letters, digits and underscores.
func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// parseInt reads a decimal integer argument, with an optional sign and
// surrounding blanks, as bash's legal_number does.
func parseInt(s string) (int, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0, false
	}
	return int(n), true
}

// writeOut writes s to the builtin's standard output and reports a write
// error the way bash does ("gosh: echo: write error: Broken pipe").
func writeOut(io IO, name, s string) int {
	if _, err := io.Out.Write([]byte(s)); err != nil {
		errorf(io, name, "write error: %s", strerror(err))
		return statusFailure
	}
	return statusOK
}

// singleQuote quotes s for reuse as shell input. A quote inside closes
// the quoting, adds an escaped quote and reopens: it's becomes
//
//	'it'\''s'
func singleQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// doubleQuote quotes s the way `export -p` shows a value: inside double
// quotes, with \ " $ and ` escaped.
func doubleQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\', '"', '$', '`':
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

// hasControl reports whether s holds a character that cannot be shown
// literally (a control character), which bash then writes as $'...'.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// needsQuotes reports whether a value shown by `set` must be quoted to
// read back as one word: it holds a blank, a quote, an operator, a glob
// or expansion character, or starts with ~ or #. This is bash's list.
func needsQuotes(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\'', '"', '\\', '|', '&', ';', '(', ')', '<', '>',
			'!', '{', '}', '*', '[', '?', ']', '^', '$', '`':
			return true
		case '~':
			if i == 0 || s[i-1] == '=' || s[i-1] == ':' {
				return true
			}
		case '#':
			if i == 0 {
				return true
			}
		}
	}
	return false
}

// quoteValue quotes a value for `set` output: unchanged when safe,
// $'...' with control characters, '...' otherwise.
func quoteValue(s string) string {
	switch {
	case hasControl(s):
		return jobs.ANSICQuote(s)
	case needsQuotes(s):
		return singleQuote(s)
	}
	return s
}

// assignError reports an error of an assignment a declaration builtin
// made: "gosh: local: MSG", or without the builtin's name for the errors
// bash reports so ("a[]: bad array subscript", see shell's Unprefixed).
// noAssign reports an assignment the shell refused as bash refuses one to
// its GROUPS (noassign): the builtin fails with status 1 and says
// nothing, but for local, which gives the error's text (assignError).
func noAssign(err error) bool {
	e, ok := err.(interface{ NoAssign() bool })
	return ok && e.NoAssign()
}

func assignError(io IO, builtin string, err error) {
	if e, ok := err.(interface{ Unprefixed() bool }); ok && e.Unprefixed() {
		fmt.Fprintf(io.Err, "%s%v\n", io.ErrPrefix(), err)
		return
	}
	errorf(io, builtin, "%s", err)
}

// posixFatal is what a special builtin's error returns: in POSIX mode, in
// a non-interactive shell, the request to exit with status (bash's rule
// for special builtins); otherwise nil, and the builtin just fails.
func posixFatal(sh Shell, status int) error {
	if on, _ := sh.Option("posix"); on && !sh.Interactive() {
		return sh.ExitRequest(status)
	}
	return nil
}
