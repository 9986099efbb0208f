package builtins

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

func TestReadSplitting(t *testing.T) {
	unset := "\x00unset"
	tests := []struct {
		name   string
		ifs    string // unset: leave IFS unset
		argv   []string
		input  string
		want   map[string]string
		status int
	}{
		{"REPLY keeps blanks", " \t\n", []string{"read"}, "  a b  \n", map[string]string{"REPLY": "  a b  "}, 0},
		{"one name trims", " \t\n", []string{"read", "x"}, "  a b  \n", map[string]string{"x": "a b"}, 0},
		{"two names", " \t\n", []string{"read", "a", "b"}, "one two three\n", map[string]string{"a": "one", "b": "two three"}, 0},
		{"tabs and runs", " \t\n", []string{"read", "a", "b"}, "\t one \t  two  \n", map[string]string{"a": "one", "b": "two"}, 0},
		{"more names than words", ":", []string{"read", "a", "b", "c"}, "x\n", map[string]string{"a": "x", "b": "", "c": ""}, 0},
		{"trailing delimiter dropped", ":", []string{"read", "a", "b"}, "x:y:\n", map[string]string{"a": "x", "b": "y"}, 0},
		{"two trailing delimiters kept", ":", []string{"read", "a", "b"}, "x:y::\n", map[string]string{"a": "x", "b": "y::"}, 0},
		{"rest keeps delimiters", ":", []string{"read", "a", "b"}, "x:y:z:\n", map[string]string{"a": "x", "b": "y:z:"}, 0},
		{"mixed IFS", ": ", []string{"read", "a", "b"}, "x : y : \n", map[string]string{"a": "x", "b": "y"}, 0},
		{"one name, delimiters", ":", []string{"read", "a"}, "x:y:\n", map[string]string{"a": "x:y:"}, 0},
		{"one name, one delimiter", ":", []string{"read", "a"}, "x:\n", map[string]string{"a": "x"}, 0},
		{"leading delimiter", ":", []string{"read", "a", "b"}, ":x\n", map[string]string{"a": "", "b": "x"}, 0},
		{"blank then delimiter", " :", []string{"read", "a", "b"}, "  :x\n", map[string]string{"a": "", "b": "x"}, 0},
		{"empty middle field", ":", []string{"read", "a", "b", "c"}, "a::c\n", map[string]string{"a": "a", "b": "", "c": "c"}, 0},
		{"empty IFS", "", []string{"read", "a", "b"}, "  a b  \n", map[string]string{"a": "  a b  ", "b": ""}, 0},
		{"unset IFS is default", unset, []string{"read", "a", "b"}, " p  q r \n", map[string]string{"a": "p", "b": "q r"}, 0},
		{"non-blank IFS keeps spaces", ":", []string{"read", "a"}, "  x  \n", map[string]string{"a": "  x  "}, 0},
		{"backslash escapes", " \t\n", []string{"read", "a", "b"}, `a\ b c\d` + "\n", map[string]string{"a": "a b", "b": "cd"}, 0},
		{"escaped IFS char", ":", []string{"read", "a", "b"}, `x\:y:z` + "\n", map[string]string{"a": "x:y", "b": "z"}, 0},
		{"-r keeps backslashes", " \t\n", []string{"read", "-r", "a", "b"}, `a\ b c\d` + "\n", map[string]string{"a": `a\`, "b": `b c\d`}, 0},
		{"line continuation", " \t\n", []string{"read", "a", "b"}, "a\\\nb c\n", map[string]string{"a": "ab", "b": "c"}, 0},
		{"-r no continuation", " \t\n", []string{"read", "-r", "a"}, "a\\\nb\n", map[string]string{"a": `a\`}, 0},
		{"backslash at EOF", " \t\n", []string{"read", "a", "b"}, "x\\", map[string]string{"a": "x", "b": ""}, 1},
		{"EOF without newline", " \t\n", []string{"read", "a"}, "abc", map[string]string{"a": "abc"}, 1},
		{"empty input", " \t\n", []string{"read", "a"}, "", map[string]string{"a": ""}, 1},
		{"blank line", " \t\n", []string{"read", "a"}, "\n", map[string]string{"a": ""}, 0},
		{"-n counts characters", " \t\n", []string{"read", "-n", "2", "a"}, "héllo\n", map[string]string{"a": "hé"}, 0},
		{"-n stops at newline", " \t\n", []string{"read", "-n", "9", "a"}, "ab\ncd\n", map[string]string{"a": "ab"}, 0},
		{"-n2 clustered", " \t\n", []string{"read", "-n2", "a"}, "abc\n", map[string]string{"a": "ab"}, 0},
		{"-N exact", " \t\n", []string{"read", "-N", "3", "a"}, "hello\n", map[string]string{"a": "hel"}, 0},
		{"-N ignores newline", " \t\n", []string{"read", "-N", "3", "a"}, "a\nbcd\n", map[string]string{"a": "a\nb"}, 0},
		{"-N does not split", ":", []string{"read", "-N", "5", "a", "b"}, "a:b:c", map[string]string{"a": "a:b:c", "b": ""}, 0},
		{"-N keeps blanks", " \t\n", []string{"read", "-N", "4", "a", "b"}, "  ab  ", map[string]string{"a": "  ab", "b": ""}, 0},
		{"-N backslash", " \t\n", []string{"read", "-N", "3", "a"}, `a\bcd`, map[string]string{"a": "abc"}, 0},
		{"-N short at EOF", " \t\n", []string{"read", "-N", "4", "a"}, "ab", map[string]string{"a": "ab"}, 1},
		{"-N REPLY", " \t\n", []string{"read", "-N", "5"}, " a b ", map[string]string{"REPLY": " a b "}, 0},
		{"last of -n and -N wins", " \t\n", []string{"read", "-N", "5", "-n", "5", "a", "b"}, "a:b c\n", map[string]string{"a": "a:b", "b": "c"}, 0},
		{"-d", " \t\n", []string{"read", "-d", ":", "a", "b"}, "x y:z", map[string]string{"a": "x", "b": "y"}, 0},
		{"-d '' reads to NUL", " \t\n", []string{"read", "-d", "", "a"}, "x\ny\x00z", map[string]string{"a": "x\ny"}, 0},
		{"-p not a terminal", " \t\n", []string{"read", "-p", "name? ", "a"}, "ann\n", map[string]string{"a": "ann"}, 0},
		{"-s not a terminal", " \t\n", []string{"read", "-s", "a"}, "secret\n", map[string]string{"a": "secret"}, 0},
	}
	for _, tc := range tests {
		sh := newFake(t)
		if tc.ifs == unset {
			sh.Unset("IFS")
		} else {
			sh.SetVar("IFS", tc.ifs)
		}
		got := run(t, sh, tc.input, tc.argv...)
		check(t, tc.name, got, tc.status, "", "")
		for name, want := range tc.want {
			if v, ok := sh.Var(name); !ok || v != want {
				t.Errorf("%s: %s = %q (set %v), want %q", tc.name, name, v, ok, want)
			}
		}
	}
}

func TestReadErrors(t *testing.T) {
	usage := "read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n"
	tests := []struct {
		argv   []string
		status int
		errOut string
	}{
		{[]string{"read", "1a"}, 1, "gosh: read: `1a': not a valid identifier\n"},
		{[]string{"read", "ok", "a-b"}, 1, "gosh: read: `a-b': not a valid identifier\n"},
		{[]string{"read", "-z"}, 2, "gosh: read: -z: invalid option\n" + usage},
		{[]string{"read", "-p"}, 2, "gosh: read: -p: option requires an argument\n" + usage},
		{[]string{"read", "-n", "abc", "a"}, 1, "gosh: read: abc: invalid number\n"},
		{[]string{"read", "-n", "-1", "a"}, 1, "gosh: read: -1: invalid number\n"},
		{[]string{"read", "-N", "x", "a"}, 1, "gosh: read: x: invalid number\n"},
		{[]string{"read", "-t", "abc", "a"}, 1, "gosh: read: abc: invalid timeout specification\n"},
		{[]string{"read", "-t", "-1", "a"}, 1, "gosh: read: -1: invalid timeout specification\n"},
		{[]string{"read", "-u", "abc", "a"}, 1, "gosh: read: abc: invalid file descriptor specification\n"},
		{[]string{"read", "-u", "987", "a"}, 1, "gosh: read: 987: invalid file descriptor: Bad file descriptor\n"},
		{[]string{"read", "RO"}, 1, "gosh: RO: readonly variable\n"},
	}
	for _, tc := range tests {
		sh := newFake(t)
		sh.vars["RO"] = &fakeVar{value: "old", readonly: true}
		check(t, strings.Join(tc.argv, " "), run(t, sh, "input\n", tc.argv...), tc.status, "", tc.errOut)
		if v, _ := sh.Var("RO"); v != "old" {
			t.Errorf("RO changed to %q", v)
		}
	}
}

// TestReadLeavesTheRest checks that read consumes its line and not a byte
// more, from a reader and from a real pipe, so the next command gets the
// rest.
func TestReadLeavesTheRest(t *testing.T) {
	sh := newFake(t)
	in := strings.NewReader("first line\nsecond\n")
	b, _ := Lookup("read")
	var out, errOut bytes.Buffer
	st, _ := b.Run(sh, IO{In: in, Out: &out, Err: &errOut, InFd: -1, OutFd: -1, ErrFd: -1}, []string{"read", "a"})
	if st != 0 || in.Len() != len("second\n") {
		t.Errorf("status %d, %d bytes left, want 0 and %d", st, in.Len(), len("second\n"))
	}

	r, w := pipe(t)
	w.WriteString("hello world\nrest")
	w.Close()
	got := runFd(t, sh, int(r.Fd()), "read", "x", "y")
	check(t, "read from fd", got, 0, "", "")
	if x, _ := sh.Var("x"); x != "hello" {
		t.Errorf("x = %q", x)
	}
	if y, _ := sh.Var("y"); y != "world" {
		t.Errorf("y = %q", y)
	}
	rest := make([]byte, 16)
	n, _ := r.Read(rest)
	if string(rest[:n]) != "rest" {
		t.Errorf("left in the pipe: %q, want %q", rest[:n], "rest")
	}

	// -u reads another descriptor.
	r2, w2 := pipe(t)
	w2.WriteString("via u\n")
	w2.Close()
	check(t, "read -u", runFd(t, sh, -1, "read", "-u", strconv.Itoa(int(r2.Fd())), "z"), 0, "", "")
	if z, _ := sh.Var("z"); z != "via u" {
		t.Errorf("z = %q", z)
	}
}

func TestReadTimeoutAndInterrupt(t *testing.T) {
	sh := newFake(t)
	r, w := pipe(t)
	w.WriteString("partial")

	start := time.Now()
	got := runFd(t, sh, int(r.Fd()), "read", "-t", "0.2", "a")
	check(t, "read -t", got, 142, "", "")
	if v, _ := sh.Var("a"); v != "partial" {
		t.Errorf("after timeout a = %q, want the partial input", v)
	}
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("read -t 0.2 returned after %v", d)
	}

	check(t, "read -t 0, nothing waiting", runFd(t, sh, int(r.Fd()), "read", "-t", "0"), 1, "", "")
	w.WriteString("x\n")
	check(t, "read -t 0, input waiting", runFd(t, sh, int(r.Fd()), "read", "-t", "0"), 0, "", "")
	check(t, "read the waiting line", runFd(t, sh, int(r.Fd()), "read", "b"), 0, "", "")

	// Ctrl+C: the shell cancels the context; read gives up with 130.
	ctx, cancel := context.WithCancel(context.Background())
	sh.ctx = ctx
	go func() {
		time.Sleep(30 * time.Millisecond)
		cancel()
	}()
	sh.SetVar("c", "before")
	check(t, "read interrupted", runFd(t, sh, int(r.Fd()), "read", "c"), 130, "", "")
	if v, _ := sh.Var("c"); v != "before" {
		t.Errorf("interrupted read set c to %q", v)
	}
}

// pipe makes an os.Pipe closed at the end of the test.
func pipe(t *testing.T) (r, w *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	return r, w
}

// runFd runs a builtin with fd as its standard input descriptor.
func runFd(t *testing.T, sh *fakeShell, fd int, argv ...string) result {
	t.Helper()
	b, _ := Lookup(argv[0])
	var out, errOut bytes.Buffer
	st, err := b.Run(sh, IO{In: strings.NewReader(""), Out: &out, Err: &errOut, InFd: fd, OutFd: -1, ErrFd: -1}, argv)
	return result{st, err, out.String(), errOut.String()}
}

// TestReadTerminalModes: on a terminal, read -n turns off canonical mode
// (so keys arrive one by one) and -s turns off echo, and both are
// restored when read returns.
func TestReadTerminalModes(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	fd := int(tty.Fd())
	before, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if before.Lflag&unix.ICANON == 0 || before.Lflag&unix.ECHO == 0 {
		t.Fatalf("a new pty should start canonical with echo: lflag %#x", before.Lflag)
	}

	sh := newFake(t)
	done := make(chan result, 1)
	go func() { done <- runFd(t, sh, fd, "read", "-s", "-n", "2", "x") }()
	waitUntil(t, "read to change the modes", func() bool {
		tm, err := unix.IoctlGetTermios(fd, unix.TCGETS)
		return err == nil && tm.Lflag&(unix.ICANON|unix.ECHO) == 0
	})
	// No newline: in canonical mode read would wait for one forever.
	ptmx.WriteString("ab")
	select {
	case got := <-done:
		check(t, "read -s -n 2", got, 0, "", "")
	case <-time.After(5 * time.Second):
		t.Fatal("read -n 2 did not return after two keys")
	}
	if x, _ := sh.Var("x"); x != "ab" {
		t.Errorf("x = %q", x)
	}
	after, _ := unix.IoctlGetTermios(fd, unix.TCGETS)
	if after.Lflag != before.Lflag {
		t.Errorf("modes not restored: lflag %#x, was %#x", after.Lflag, before.Lflag)
	}
}

func TestReadArray(t *testing.T) {
	tests := []struct {
		ifs   string
		argv  []string
		input string
		want  []string
	}{
		{" \t\n", []string{"read", "-a", "arr"}, "a b  c\n", []string{"a", "b", "c"}},
		{" \t\n", []string{"read", "-a", "arr"}, "  a b  \n", []string{"a", "b"}},
		{":", []string{"read", "-a", "arr"}, "a::b:\n", []string{"a", "", "b"}},
		{" \t\n", []string{"read", "-a", "arr", "x"}, "a b\n", []string{"a", "b"}},
		{" \t\n", []string{"read", "-a", "arr"}, "\n", nil},
		{" \t\n", []string{"read", "-a", "arr"}, `a\ b c` + "\n", []string{"a b", "c"}},
		{" \t\n", []string{"read", "-r", "-a", "arr"}, `a\ b c` + "\n", []string{`a\`, "b", "c"}},
		{" \t\n", []string{"read", "-N", "3", "-a", "arr"}, "a b c", []string{"a b"}},
	}
	for _, tc := range tests {
		sh := newFake(t)
		sh.SetVar("IFS", tc.ifs)
		check(t, strings.Join(tc.argv, " "), run(t, sh, tc.input, tc.argv...), 0, "", "")
		got, _ := sh.GetArray("arr")
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("%v on %q: %q, want %q", tc.argv, tc.input, got, tc.want)
		}
		if _, set := sh.Var("x"); set {
			t.Errorf("%v: a name after -a was assigned", tc.argv)
		}
	}
	check(t, "bad name", run(t, newFake(t), "a\n", "read", "-a", "1x"), 1, "", "gosh: read: `1x': not a valid identifier\n")
}

func TestParseTimeout(t *testing.T) {
	ok := []struct {
		in   string
		want time.Duration
	}{
		{"0", 0}, {"", 0}, {".", 0}, {"+", 0}, {"-", 0}, {"-0", 0},
		{"2", 2 * time.Second}, {"+1.5", 1500 * time.Millisecond},
		{".25", 250 * time.Millisecond}, {"-0.5", 500 * time.Millisecond},
		{"0.1234567x", 123457 * time.Microsecond}, {"0.1234564", 123456 * time.Microsecond},
		{"99999999999999999999", maxTimeout},
	}
	for _, c := range ok {
		got, valid := parseTimeout(c.in)
		if !valid || got != c.want && !(c.want == maxTimeout && got >= maxTimeout) {
			t.Errorf("parseTimeout(%q) = %v, %v; want %v", c.in, got, valid, c.want)
		}
	}
	for _, bad := range []string{"-1", "-1.5", "1e2", "0x1", "1.x", " 1", "1 ", "inf", "nan", "1.2.3"} {
		if got, valid := parseTimeout(bad); valid {
			t.Errorf("parseTimeout(%q) = %v, valid; want invalid", bad, got)
		}
	}
}
