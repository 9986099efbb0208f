package builtins

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// test and [ evaluate a conditional expression, as bash's test.c does:
// POSIX's rules by the number of arguments (0 to 4), and beyond that a
// recursive-descent parser where -a binds tighter than -o. They are
// builtins so that a test in a loop costs no fork.

const testHelp = `Evaluate EXPR and return 0 if it is true, 1 if false, 2 on an error.
Files (a relative name is taken from the shell's directory):
  -e FILE  exists           -f FILE  regular file      -d FILE  directory
  -L FILE  symbolic link (-h too)  -p FILE  named pipe  -S FILE  socket
  -b FILE  block device     -c FILE  character device  -s FILE  not empty
  -r/-w/-x FILE  readable/writable/executable by you (access(2))
  -u/-g/-k FILE  set-user-id/set-group-id/sticky bit set
  -O/-G FILE  owned by your effective user/group
  -N FILE  modified since it was last read     -t FD  FD is a terminal
  F1 -nt F2  newer   F1 -ot F2  older   F1 -ef F2  same file (device, inode)
Strings: -z S empty, -n S not empty, S1 = S2 (== too), S1 != S2,
  S1 < S2 and S1 > S2 sort order; S alone is true if not empty.
Integers: N1 -eq -ne -lt -le -gt -ge N2.
Others: -o OPTION is on, -v NAME is set, -R NAME is a name reference
  with a target (declare -n).
Combine with ! EXPR, ( EXPR ), EXPR -a EXPR (and), EXPR -o EXPR (or);
-a binds tighter than -o. With 0 to 4 arguments POSIX's rules decide
what each argument is, so [ "$x" = "" ] works even if $x is "(".`

var testBuiltins = []*Builtin{
	{
		Name:     "test",
		Synopsis: "test [expr]",
		Summary:  "Evaluate a conditional expression.",
		Help:     testHelp,
		Run:      runTest,
	},
	{
		Name:     "[",
		Synopsis: "[ arg... ]",
		Summary:  "Evaluate a conditional expression (test, with a closing ]).",
		Help:     testHelp + "\nThe last argument must be a literal ], to close the [.",
		Run:      runTest,
	},
}

// errTestSyntax carries a test syntax error's message up from the parser.
type errTestSyntax struct{ msg string }

func (e *errTestSyntax) Error() string { return e.msg }

func runTest(sh Shell, io IO, args []string) (int, error) {
	name := args[0]
	argv := args[1:]
	if name == "[" {
		if len(argv) == 0 || argv[len(argv)-1] != "]" {
			errorf(io, name, "missing `]'")
			return statusUsage, nil
		}
		argv = argv[:len(argv)-1]
	}
	t := &tester{sh: sh, io: io, argv: argv, bracket: name == "["}
	value, err := t.run()
	if err != nil {
		errorf(io, name, "%s", err.Error())
		return statusUsage, nil
	}
	if value {
		return statusOK, nil
	}
	return statusFailure, nil
}

// tester holds one evaluation's arguments and the parser's position.
type tester struct {
	sh   Shell
	io   IO
	argv []string
	pos  int
	// bracket is set for [, whose closing ] is not among argv.
	bracket bool
}

func (t *tester) fail(format string, args ...any) error {
	if len(args) == 0 {
		return &errTestSyntax{format}
	}
	return &errTestSyntax{fmt.Sprintf(format, args...)}
}

// run is bash's posixtest: the number of arguments decides the parse.
func (t *tester) run() (bool, error) {
	var v bool
	var err error
	switch len(t.argv) {
	case 0:
		return false, nil
	case 1:
		return t.argv[0] != "", nil
	case 2:
		v, err = t.two()
		t.pos = len(t.argv)
	case 3:
		v, err = t.three()
	case 4:
		switch {
		case t.argv[0] == "!":
			t.pos++
			v, err = t.three()
			v = !v
		case t.argv[0] == "(" && t.argv[3] == ")":
			t.pos++
			v, err = t.two()
			t.pos = len(t.argv)
		default:
			v, err = t.expr()
		}
	default:
		v, err = t.expr()
	}
	if err != nil {
		return false, err
	}
	if t.pos < len(t.argv) {
		if strings.HasPrefix(t.argv[t.pos], "-") {
			return false, t.fail("syntax error: `%s' unexpected", t.argv[t.pos])
		}
		return false, t.fail("too many arguments")
	}
	return v, nil
}

// two is the two-argument rule: ! ARG, or a unary operator and its operand.
func (t *tester) two() (bool, error) {
	a := t.argv[t.pos]
	if a == "!" {
		return t.argv[t.pos+1] == "", nil
	}
	if IsUnaryTestOp(a) {
		return t.unary()
	}
	return false, t.fail("%s: unary operator expected", a)
}

// three is the three-argument rule: a binary operator in the middle
// (including -a and -o), else ! and two arguments, else ( ARG ).
func (t *tester) three() (bool, error) {
	p := t.pos
	a, op, b := t.argv[p], t.argv[p+1], t.argv[p+2]
	defer func() { t.pos = len(t.argv) }()
	switch {
	case isBinaryTestOp(op):
		return t.binary()
	case op == "-a":
		return a != "" && b != "", nil
	case op == "-o":
		return a != "" || b != "", nil
	case a == "!":
		t.pos++
		v, err := t.two()
		return !v, err
	case a == "(" && b == ")":
		return op != "", nil
	}
	return false, t.fail("%s: binary operator expected", op)
}

// expr: or.  or: and [-o or].  and: term [-a and].
func (t *tester) expr() (bool, error) {
	if t.pos >= len(t.argv) {
		return false, t.fail("argument expected")
	}
	return t.or()
}

func (t *tester) or() (bool, error) {
	v, err := t.and()
	if err != nil {
		return false, err
	}
	if t.pos < len(t.argv) && t.argv[t.pos] == "-o" {
		t.pos++
		v2, err := t.or()
		return v || v2, err
	}
	return v, nil
}

func (t *tester) and() (bool, error) {
	v, err := t.term()
	if err != nil {
		return false, err
	}
	if t.pos < len(t.argv) && t.argv[t.pos] == "-a" {
		t.pos++
		v2, err := t.and()
		return v && v2, err
	}
	return v, nil
}

// term: ! term | ( expr ) | ARG BINOP ARG | UNOP ARG | ARG.
func (t *tester) term() (bool, error) {
	if t.pos >= len(t.argv) {
		return false, t.fail("argument expected")
	}
	if t.argv[t.pos] == "!" {
		neg := false
		for t.pos < len(t.argv) && t.argv[t.pos] == "!" {
			neg = !neg
			t.pos++
		}
		v, err := t.term()
		return v != neg, err
	}
	if t.argv[t.pos] == "(" {
		t.pos++
		v, err := t.expr()
		if err != nil {
			return false, err
		}
		if t.pos >= len(t.argv) {
			if t.bracket {
				// bash looks one past the end and finds the ].
				return false, t.fail("`)' expected, found ]")
			}
			return false, t.fail("`)' expected")
		}
		if t.argv[t.pos] != ")" {
			return false, t.fail("`)' expected, found %s", t.argv[t.pos])
		}
		t.pos++
		return v, nil
	}
	if t.pos+3 <= len(t.argv) && isBinaryTestOp(t.argv[t.pos+1]) {
		return t.binary()
	}
	if t.pos+2 <= len(t.argv) && IsUnaryTestOp(t.argv[t.pos]) {
		return t.unary()
	}
	v := t.argv[t.pos] != ""
	t.pos++
	return v, nil
}

// unary evaluates the unary operator at pos and its operand. -t alone
// tests fd 1; -t with a non-number operand is false and leaves it.
func (t *tester) unary() (bool, error) {
	op := t.argv[t.pos]
	t.pos++
	if op == "-t" {
		if t.pos >= len(t.argv) {
			return t.isTerminalFd("1"), nil
		}
		if _, ok := parseTestInt(t.argv[t.pos]); !ok {
			return false, nil
		}
		t.pos++
		return t.isTerminalFd(t.argv[t.pos-1]), nil
	}
	if t.pos >= len(t.argv) {
		return false, t.fail("argument expected")
	}
	arg := t.argv[t.pos]
	t.pos++
	return UnaryTest(t.sh, op, arg), nil
}

// isTerminalFd is -t: fds 0, 1 and 2 are the builtin's own (after its
// redirections), others the user's fds of the shell (UserFd).
func (t *tester) isTerminalFd(s string) bool {
	n, ok := parseTestInt(s)
	if !ok || n < 0 || n > 1<<31-1 {
		return false
	}
	fd := int(n)
	switch fd {
	case 0:
		fd = t.io.InFd
	case 1:
		fd = t.io.OutFd
	case 2:
		fd = t.io.ErrFd
	default:
		fd = t.sh.UserFd(fd) // the user's fd table is virtual
	}
	return fd >= 0 && isTerminal(fd)
}

func (t *tester) binary() (bool, error) {
	a, op, b := t.argv[t.pos], t.argv[t.pos+1], t.argv[t.pos+2]
	t.pos += 3
	return BinaryTest(op, a, b, t.sh)
}

// IsUnaryTestOp reports whether s is one of test's unary operators
// ([[ ]] has the same ones).
func IsUnaryTestOp(s string) bool {
	return len(s) == 2 && s[0] == '-' && strings.IndexByte("abcdefghkLnoprstuvwxzGNORS", s[1]) >= 0
}

// isBinaryTestOp reports whether s is one of test's binary operators
// (not counting -a and -o, which the parser handles).
func isBinaryTestOp(s string) bool {
	switch s {
	case "=", "==", "!=", "<", ">",
		"-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef":
		return true
	}
	return false
}

// parseTestInt reads an integer operand as bash's legal_number: optional
// blanks, an optional sign, decimal digits, optional blanks; it must fit
// in 64 bits.
func parseTestInt(s string) (int64, bool) {
	for len(s) > 0 && isTestBlank(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isTestBlank(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	if s == "" {
		return 0, false
	}
	if n, ok := shortDecimal(s); ok {
		return n, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// shortDecimal parses an optional sign and at most 18 decimal digits,
// which cannot overflow, without strconv's general machinery ([ $i -lt N ]
// in a loop parses two at every pass); anything else is left to
// strconv.ParseInt.
func shortDecimal(s string) (int64, bool) {
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg, s = s[0] == '-', s[1:]
	}
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// isTestBlank reports whether c is one of the blanks around an integer
// operand (a loop, not strings.Trim: [ $i -lt 100000 ] runs it twice per
// pass, and Trim builds its set of characters at every call).
func isTestBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// BinaryTest evaluates A OP B for one of test's binary operators. An
// integer comparison with an operand that is not an integer is an error
// ("x: integer expression expected"). [[ ]] uses it too.
func BinaryTest(op, a, b string, sh Shell) (bool, error) {
	switch op {
	case "=", "==":
		return a == b, nil
	case "!=":
		return a != b, nil
	case "<":
		return a < b, nil
	case ">":
		return a > b, nil
	case "-nt", "-ot", "-ef":
		return fileCompare(sh, op, a, b), nil
	}
	l, ok := parseTestInt(a)
	if !ok {
		return false, &errTestSyntax{a + ": integer expression expected"}
	}
	r, ok := parseTestInt(b)
	if !ok {
		return false, &errTestSyntax{b + ": integer expression expected"}
	}
	switch op {
	case "-eq":
		return l == r, nil
	case "-ne":
		return l != r, nil
	case "-lt":
		return l < r, nil
	case "-le":
		return l <= r, nil
	case "-gt":
		return l > r, nil
	case "-ge":
		return l >= r, nil
	}
	return false, &errTestSyntax{op + ": binary operator expected"}
}

// statAt stats a path named relative to the shell's working directory;
// follow says whether a final symbolic link is followed. An empty name is
// no file.
func statAt(sh Shell, name string, follow bool) (*unix.Stat_t, bool) {
	if name == "" {
		return nil, false
	}
	var st unix.Stat_t
	var err error
	if follow {
		err = unix.Stat(testPath(sh, name), &st)
	} else {
		err = unix.Lstat(testPath(sh, name), &st)
	}
	return &st, err == nil
}

// testPath is the path test looks at: relative to the shell's directory,
// and /dev/stdin, /dev/stdout, /dev/stderr and /dev/fd/N name the
// command's own fds, which are virtual ("echo x | [ -p /dev/stdin ]").
func testPath(sh Shell, name string) string {
	n := -1
	switch name {
	case "/dev/stdin":
		n = 0
	case "/dev/stdout":
		n = 1
	case "/dev/stderr":
		n = 2
	default:
		if rest, ok := strings.CutPrefix(name, "/dev/fd/"); ok {
			if v, err := strconv.Atoi(rest); err == nil && v >= 0 && rest[0] != '+' {
				n = v
			}
		}
	}
	if n >= 0 {
		if fd := sh.UserFd(n); fd >= 0 {
			return "/proc/self/fd/" + strconv.Itoa(fd)
		}
		return "/dev/fd/-1" // no such file, as for a closed fd
	}
	return absolute(sh, name)
}

// fileCompare is -nt, -ot and -ef. As bash: F1 -nt F2 is also true when
// only F1 exists, and F1 -ot F2 when only F2 exists.
func fileCompare(sh Shell, op, a, b string) bool {
	sa, okA := statAt(sh, a, true)
	sb, okB := statAt(sh, b, true)
	switch op {
	case "-nt":
		if !okA || !okB {
			return okA && !okB
		}
		return timespecAfter(sa.Mtim, sb.Mtim)
	case "-ot":
		if !okA || !okB {
			return !okA && okB
		}
		return timespecAfter(sb.Mtim, sa.Mtim)
	}
	return okA && okB && sa.Dev == sb.Dev && sa.Ino == sb.Ino
}

func timespecAfter(a, b unix.Timespec) bool {
	return a.Sec > b.Sec || a.Sec == b.Sec && a.Nsec > b.Nsec
}

// UnaryTest evaluates one of test's unary operators (not -t, which needs
// the builtin's descriptors) on arg. [[ ]] uses it too.
func UnaryTest(sh Shell, op, arg string) bool {
	switch op {
	case "-z":
		return arg == ""
	case "-n":
		return arg != ""
	case "-o":
		on, ok := sh.Option(arg)
		return ok && on
	case "-v":
		if i := strings.IndexByte(arg, '['); i > 0 && strings.HasSuffix(arg, "]") && isName(arg[:i]) {
			return elementSet(sh, arg[:i], arg[i+1:len(arg)-1])
		}
		if n, err := strconv.Atoi(strings.TrimSpace(arg)); err == nil {
			// -v 1: a positional parameter ($0 always is), the number
			// read as bash reads one (blanks, a sign).
			return n >= 0 && n <= len(sh.Positional())
		}
		_, set := sh.Var(arg)
		return set
	case "-R":
		target, _, ok := nameRef(sh, arg)
		return ok && target != ""
	case "-t":
		n, ok := parseTestInt(arg)
		return ok && n >= 0 && n < 1<<31 && sh.UserFd(int(n)) >= 0 && isTerminal(sh.UserFd(int(n)))
	case "-h", "-L":
		st, ok := statAt(sh, arg, false)
		return ok && st.Mode&unix.S_IFMT == unix.S_IFLNK
	case "-r", "-w", "-x":
		if arg == "" {
			return false
		}
		mode := map[string]uint32{"-r": unix.R_OK, "-w": unix.W_OK, "-x": unix.X_OK}[op]
		return faccess(testPath(sh, arg), mode)
	}
	st, ok := statAt(sh, arg, true)
	if !ok {
		return false
	}
	format := st.Mode & unix.S_IFMT
	switch op {
	case "-a", "-e":
		return true
	case "-f":
		return format == unix.S_IFREG
	case "-d":
		return format == unix.S_IFDIR
	case "-b":
		return format == unix.S_IFBLK
	case "-c":
		return format == unix.S_IFCHR
	case "-p":
		return format == unix.S_IFIFO
	case "-S":
		return format == unix.S_IFSOCK
	case "-s":
		return st.Size > 0
	case "-u":
		return st.Mode&unix.S_ISUID != 0
	case "-g":
		return st.Mode&unix.S_ISGID != 0
	case "-k":
		return st.Mode&unix.S_ISVTX != 0
	case "-O":
		return st.Uid == uint32(os.Geteuid())
	case "-G":
		return st.Gid == uint32(os.Getegid())
	case "-N":
		return timespecAfter(st.Mtim, st.Atim)
	}
	return false
}

// elementSet is -v NAME[SUB]: whether the array element exists. SUB is
// an arithmetic index for an indexed array (negative: from the end), a
// key for an associative one; @ and * ask whether there is any element.
func elementSet(sh Shell, name, sub string) bool {
	keys, ok := sh.ArrayKeys(name)
	if !ok {
		return false
	}
	if sub == "@" || sub == "*" {
		return len(keys) > 0
	}
	if _, assoc := sh.ArrayKind(name); assoc {
		return slices.Contains(keys, sub)
	}
	n, err := sh.Arith(sub)
	if err != nil {
		return false
	}
	if n < 0 && len(keys) > 0 {
		last, _ := strconv.ParseInt(keys[len(keys)-1], 10, 64)
		n += last + 1
	}
	return slices.Contains(keys, strconv.FormatInt(n, 10))
}

// faccess asks the kernel whether the effective user may access path,
// as bash's eaccess: faccessat(2) with AT_EACCESS, so that the answer is
// the kernel's own (root, ACLs, read-only mounts).
func faccess(path string, mode uint32) bool {
	for {
		err := unix.Faccessat(unix.AT_FDCWD, path, mode, unix.AT_EACCESS)
		if !errors.Is(err, syscall.EINTR) {
			return err == nil
		}
	}
}
