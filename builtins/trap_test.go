package builtins

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"strings"
	"syscall"
	"testing"
)

// trapFake is the fake shell with a trap table: SetTrap, ResetTrap and
// Traps are what the trap builtin asks of package shell.
type trapFake struct {
	*fakeShell
	traps map[int]string
}

func (f *trapFake) SetTrap(n int, action string) { f.traps[n] = action }
func (f *trapFake) ResetTrap(n int)              { delete(f.traps, n) }
func (f *trapFake) Traps() map[int]string        { return maps.Clone(f.traps) }

func runTrapArgs(t *testing.T, f *trapFake, argv ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	io := IO{In: strings.NewReader(""), Out: &out, Err: &errOut, InFd: -1, OutFd: -1, ErrFd: -1}
	st, err := runTrap(f, io, append([]string{"trap"}, argv...))
	return result{st, err, out.String(), errOut.String()}
}

// TestTrapArguments: what each command line does to the table.
func TestTrapArguments(t *testing.T) {
	usage := "trap: usage: trap [-lp] [[arg] signal_spec ...]\n"
	for _, c := range []struct {
		name   string
		before map[int]string
		argv   []string
		after  map[int]string
		status int
		errOut string
	}{
		{"set", nil, []string{"echo hi", "INT"}, map[int]string{2: "echo hi"}, 0, ""},
		{"set-many", nil, []string{"x", "INT", "SIGTERM", "usr1", "SigUsr2", "1"}, map[int]string{1: "x", 2: "x", 10: "x", 12: "x", 15: "x"}, 0, ""},
		{"exit-names", nil, []string{"x", "EXIT", "0", "exit"}, map[int]string{0: "x"}, 0, ""},
		{"pseudo", nil, []string{"x", "ERR", "DEBUG", "RETURN"}, map[int]string{66: "x", 65: "x", 67: "x"}, 0, ""},
		{"rt", nil, []string{"x", "RTMIN", "rtmin+2", "SIGRTMAX-1", "64"}, map[int]string{34: "x", 36: "x", 63: "x", 64: "x"}, 0, ""},
		{"ignore", nil, []string{"", "QUIT"}, map[int]string{3: ""}, 0, ""},
		{"reset-dash", map[int]string{2: "x", 15: "y"}, []string{"-", "INT"}, map[int]string{15: "y"}, 0, ""},
		{"reset-number-first", map[int]string{2: "x", 15: "y"}, []string{"2", "15"}, map[int]string{}, 0, ""},
		{"reset-one-name", map[int]string{2: "x"}, []string{"INT"}, map[int]string{}, 0, ""},
		{"double-dash", nil, []string{"--", "x", "HUP"}, map[int]string{1: "x"}, 0, ""},
		{"dash-dash-as-spec", nil, []string{"x", "--", "HUP"}, map[int]string{1: "x"}, 1, "gosh: trap: --: invalid signal specification\n"},
		{"bad-spec", nil, []string{"x", "FOO", "INT"}, map[int]string{2: "x"}, 1, "gosh: trap: FOO: invalid signal specification\n"},
		{"bad-number", nil, []string{"x", "65"}, map[int]string{}, 1, "gosh: trap: 65: invalid signal specification\n"},
		{"bad-negative", nil, []string{"x", "-3"}, map[int]string{}, 1, "gosh: trap: -3: invalid signal specification\n"},
		// bash accepts 32 and 33 and does nothing with them; gosh, like
		// kill -l, knows them as the C library's, not as signals to trap.
		{"no-32", nil, []string{"x", "32"}, map[int]string{}, 1, "gosh: trap: 32: invalid signal specification\n"},
		{"one-word", nil, []string{"foo"}, map[int]string{}, 2, usage},
		{"dash-alone", nil, []string{"-"}, map[int]string{}, 2, usage},
		{"empty-alone", nil, []string{""}, map[int]string{}, 2, usage},
		{"bad-option", nil, []string{"-z"}, map[int]string{}, 2, "gosh: trap: -z: invalid option\n" + usage},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := &trapFake{fakeShell: newFake(t), traps: maps.Clone(c.before)}
			if f.traps == nil {
				f.traps = map[int]string{}
			}
			got := runTrapArgs(t, f, c.argv...)
			if got.status != c.status || got.errOut != c.errOut || got.err != nil {
				t.Errorf("trap %q: status %d, err %q (%v); want %d, %q", c.argv, got.status, got.errOut, got.err, c.status, c.errOut)
			}
			if !maps.Equal(f.traps, c.after) {
				t.Errorf("trap %q: table %v, want %v", c.argv, f.traps, c.after)
			}
		})
	}
}

// TestTrapPrinting: trap, trap -p and trap -l.
func TestTrapPrinting(t *testing.T) {
	table := map[int]string{0: "echo bye", 2: "", 10: "echo it's", 34: "x", 65: "d", 66: "e", 67: "r", 15: `echo "$x"`}
	all := "trap -- 'echo bye' EXIT\n" +
		"trap -- '' SIGINT\n" +
		"trap -- 'echo it'\\''s' SIGUSR1\n" +
		"trap -- 'echo \"$x\"' SIGTERM\n" +
		"trap -- 'x' SIGRTMIN\n" +
		"trap -- 'd' DEBUG\n" +
		"trap -- 'e' ERR\n" +
		"trap -- 'r' RETURN\n"
	for _, c := range []struct {
		argv   []string
		out    string
		status int
		errOut string
	}{
		{nil, all, 0, ""},
		{[]string{"-p"}, all, 0, ""},
		{[]string{"-p", "TERM", "exit", "HUP"}, "trap -- 'echo \"$x\"' SIGTERM\ntrap -- 'echo bye' EXIT\n", 0, ""},
		{[]string{"-p", "FOO", "INT"}, "trap -- '' SIGINT\n", 1, "gosh: trap: FOO: invalid signal specification\n"},
		{[]string{"-p", "ERR"}, "trap -- 'e' ERR\n", 0, ""},
	} {
		f := &trapFake{fakeShell: newFake(t), traps: table}
		got := runTrapArgs(t, f, c.argv...)
		check(t, "trap "+strings.Join(c.argv, " "), got, c.status, c.out, c.errOut)
	}

	f := &trapFake{fakeShell: newFake(t), traps: map[int]string{}}
	got := runTrapArgs(t, f, "-l")
	lines := strings.Split(got.out, "\n")
	if got.status != 0 || len(lines) != 14 || lines[0] != " 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP" ||
		lines[6] != "31) SIGSYS\t34) SIGRTMIN\t35) SIGRTMIN+1\t36) SIGRTMIN+2\t37) SIGRTMIN+3" ||
		lines[12] != "63) SIGRTMAX-1\t64) SIGRTMAX\t" {
		t.Errorf("trap -l: status %d\n%s", got.status, got.out)
	}
}

// TestTrapWithoutTable: a shell that has no trap table says so.
func TestTrapWithoutTable(t *testing.T) {
	got := run(t, newFake(t), "", "trap", "x", "INT")
	check(t, "trap on a shell without traps", got, 1, "", "gosh: trap: traps are not available here\n")
}

// TestInterruptedStatus: a wait that a trapped signal ended returns
// 128+N; Ctrl+C gives 130.
func TestInterruptedStatus(t *testing.T) {
	if _, ok := interruptedStatus(context.Background()); ok {
		t.Error("a live context counts as interrupted")
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(SignalCause{Signal: syscall.SIGUSR1})
	if st, ok := interruptedStatus(ctx); !ok || st != 138 {
		t.Errorf("SIGUSR1: %d %v, want 138", st, ok)
	}
	ctx, cancel2 := context.WithCancel(context.Background())
	cancel2()
	if st, ok := interruptedStatus(ctx); !ok || st != 130 {
		t.Errorf("Ctrl+C: %d %v, want 130", st, ok)
	}
	if !errors.Is(SignalCause{Signal: 2}, SignalCause{Signal: 2}) {
		t.Error("SignalCause is not comparable")
	}
}
