package shell

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// runCaptured runs src on a fresh non-interactive shell in a temp
// directory, with stdout and stderr going to files, and returns what was
// written and the final status.
func runCaptured(t testing.TB, src string) (stdout, stderr string, status int) {
	t.Helper()
	return captureRun(t, src, func(sh *Shell) { sh.Vars.Unset("FUNCNEST") }, nil)
}

// captureRun is runCaptured's work: prepare adjusts the new shell before
// the run; with fds set, the test process's descriptors are counted just
// before and just after it (fds[0], fds[1]).
func captureRun(t testing.TB, src string, prepare func(*Shell), fds *[2]int) (stdout, stderr string, status int) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	sh := New(Config{Arg0: "gosh"})
	prepare(sh)
	outPath, errPath := filepath.Join(dir, ".out"), filepath.Join(dir, ".err")
	outFd, err := unix.Open(outPath, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	errFd, err := unix.Open(errPath, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	sh.stdio = []int{sh.stdio[0], outFd, errFd}
	sh.fdHold = nil
	if fds != nil {
		fds[0] = openFds(t)
	}
	status, runErr := sh.RunCommandString(src)
	if fds != nil {
		fds[1] = openFds(t)
	}
	unix.Close(outFd)
	unix.Close(errFd)
	if runErr != nil {
		t.Fatalf("%q: %v", src, runErr)
	}
	o, _ := os.ReadFile(outPath)
	e, _ := os.ReadFile(errPath)
	return string(o), string(e), status
}

type compoundCase struct {
	name   string
	src    string
	out    string
	status int
}

func runCompoundCases(t *testing.T, cases []compoundCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, status := runCaptured(t, c.src)
			if out != c.out || status != c.status {
				t.Errorf("%s\n got out %q status %d (stderr %q)\nwant out %q status %d", c.src, out, status, errOut, c.out, c.status)
			}
		})
	}
}

func TestCompoundCommands(t *testing.T) {
	runCompoundCases(t, []compoundCase{
		{"group", "{ echo a; echo b; }", "a\nb\n", 0},
		{"group status", "{ true; false; }", "", 1},
		{"group changes shell", "x=1; { x=2; }; echo $x", "2\n", 0},
		{"subshell isolates", "x=1; (x=2; echo $x); echo $x", "2\n1\n", 0},
		{"subshell exit", "(exit 4); echo $?", "4\n", 0},
		{"if then", "if true; then echo y; fi", "y\n", 0},
		{"if else", "if false; then echo y; else echo n; fi", "n\n", 0},
		{"elif", "if false; then echo 1; elif true; then echo 2; else echo 3; fi", "2\n", 0},
		{"if no branch is 0", "false; if false; then :; fi; echo $?", "0\n", 0},
		{"if status of branch", "if true; then false; fi", "", 1},
		{"while", "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", "0\n1\n2\n", 0},
		{"until", "i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i", "2\n", 0},
		{"while never runs", "while false; do :; done; echo $?", "0\n", 0},
		{"for words", "for i in a 'b c'; do echo \"[$i]\"; done", "[a]\n[b c]\n", 0},
		{"for positional", "set -- x y; for i; do echo $i; done", "x\ny\n", 0},
		{"for empty", "for i in; do echo no; done; echo $?", "0\n", 0},
		{"for splits and globs", "touch f1 f2; v='1 2'; for i in $v f*; do echo $i; done", "1\n2\nf1\nf2\n", 0},
		{"arith for", "for ((i=0; i<3; i++)); do echo $i; done", "0\n1\n2\n", 0},
		{"arith for empty cond", "for ((;;)); do echo once; break; done", "once\n", 0},
		{"break", "for i in 1 2 3; do [ $i = 2 ] && break; echo $i; done", "1\n", 0},
		{"continue", "for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done", "1\n3\n", 0},
		{"break 2", "for i in 1 2; do for j in a b; do echo $i$j; break 2; done; done; echo end", "1a\nend\n", 0},
		{"continue 2", "for i in 1 2; do for j in a b; do echo $i$j; continue 2; done; echo no; done", "1a\n2a\n", 0},
		{"break too many", "for i in 1; do for j in 2; do break 5; done; echo no; done; echo end", "end\n", 0},
		{"break in while condition", "while break; do echo no; done; echo end", "end\n", 0},
		{"case", "case abc in x) echo x;; a*) echo a;; *) echo s;; esac", "a\n", 0},
		{"case alternatives", "case b in a|b) echo ab;; esac", "ab\n", 0},
		{"case fallthrough", "case a in a) echo 1;& b) echo 2;; c) echo 3;; esac", "1\n2\n", 0},
		{"case continue", "case ab in a*) echo 1;;& *b) echo 2;;& c) echo 3;; esac", "1\n2\n", 0},
		{"case no match", "false; case a in b) ;; esac; echo $?", "0\n", 0},
		{"case quoted pattern", "case 'a*' in 'a*') echo lit;; esac; case ab in 'a*') echo no;; esac", "lit\n", 0},
		{"arith cmd", "(( 2 > 1 )) && echo y; (( 0 )); echo $?", "y\n1\n", 0},
		{"arith cmd assigns", "(( x = 6 * 7 )); echo $x", "42\n", 0},
		{"test cmd", "[[ abc == a?c && ! -z x ]] && echo y", "y\n", 0},
		{"redirected loop", "for i in 1 2; do echo $i; done >o; cat o", "1\n2\n", 0},
		{"redirected input loop", "printf 'x\\ny\\n' >in; while read -r l; do echo \"<$l>\"; done <in", "<x>\n<y>\n", 0},
		{"compound in pipeline", "{ echo b; echo a; } | sort", "a\nb\n", 0},
		{"if in pipeline", "if true; then echo x; echo y; fi | wc -l | tr -d ' '", "2\n", 0},
		{"pipeline stage is a copy", "x=1; { x=2; } | cat; echo $x", "1\n", 0},
		{"negated group", "! { false; }; echo $?", "0\n", 0},
		{"quick words keep brace expansion", "echo {a,b} x{1..2}", "a b x1 x2\n", 0},
		{"quick words keep computed variables", "RANDOM=42; a=$RANDOM; RANDOM=42; [ $RANDOM = $a ] && echo same; echo $LINENO", "same\n1\n", 0},
		{"PIPESTATUS set again", "true; false; echo \"$PIPESTATUS ${PIPESTATUS[0]}\"; true | false; echo \"${PIPESTATUS[@]}\"; true; echo \"${PIPESTATUS[@]}\"", "1 1\n0 1\n0\n", 0},
		{"stage ends on broken pipe", "while true; do echo y; done | head -n 2", "y\ny\n", 0},
	})
}

func TestFunctions(t *testing.T) {
	runCompoundCases(t, []compoundCase{
		{"define and call", "f() { echo \"f $1 $#\"; }; f a b", "f a 2\n", 0},
		{"function keyword", "function g { echo g; }; g", "g\n", 0},
		{"params restored", "set -- a b; f() { echo $1; }; f x; echo $1 $#", "x\na 2\n", 0},
		{"return status", "f() { return 3; }; f; echo $?", "3\n", 0},
		{"return keeps status", "f() { false; return; }; f; echo $?", "1\n", 0},
		{"return from loop", "f() { for i in 1 2; do return 5; done; echo no; }; f; echo $?", "5\n", 0},
		{"status of last", "f() { false; }; f", "", 1},
		{"local", "x=g; f() { local x=l; echo $x; }; f; echo $x", "l\ng\n", 0},
		{"local dynamic", "x=g; f() { local x=f; h; }; h() { echo $x; }; f; h", "f\ng\n", 0},
		{"local unset", "x=g; f() { local x; echo \"[${x-unset}]\"; }; f", "[unset]\n", 0},
		{"local restores unset", "f() { local z=1; }; f; echo \"[${z-unset}]\"", "[unset]\n", 0},
		{"local twice", "f() { local a=1; local a=2; echo $a; }; a=0; f; echo $a", "2\n0\n", 0},
		{"assign to caller var", "x=1; f() { x=2; }; f; echo $x", "2\n", 0},
		{"recursion", "f() { if [ $1 -gt 0 ]; then echo $1; f $(($1-1)); fi; }; f 3", "3\n2\n1\n", 0},
		{"cd in function", "f() { cd /; }; f; pwd", "/\n", 0},
		{"FUNCNAME", "f() { echo $FUNCNAME; }; f; echo \"[$FUNCNAME]\"", "f\n[]\n", 0},
		{"body redirection", "f() { echo in; } >fo; f; cat fo", "in\n", 0},
		{"function in pipeline", "f() { tr a b; }; echo aa | f", "bb\n", 0},
		{"function in substitution", "f() { echo sub; }; echo $(f)", "sub\n", 0},
		{"unset -f", "f() { :; }; unset -f f; type f >/dev/null 2>&1; echo $?", "1\n", 0},
		{"function shadows builtin", "echo() { command printf 'mine\\n'; }; echo x", "mine\n", 0},
		{"break in function is not the caller's", "f() { break; }; for i in 1 2; do f; echo $i; done", "1\n2\n", 0},
		{"return in subshell", "f() { (return 4); echo $?; }; f", "4\n", 0},
		{"temp assignment", "f() { echo $v; }; v=1 f; echo \"[$v]\"", "1\n[]\n", 0},
		{"funcnest", "FUNCNEST=5; f() { f; }; f; echo not reached", "", 1}, // bash drops the rest of the line
		{"declare -g under a local", "g=1; f() { local g=3; declare -g g=4; echo $g; h; }; h() { local g=5; declare -g g+=x; echo $g; }; f; echo $g", "3\n5\n4x\n", 0},
		{"return in substitution", "f() { x=$(echo a; return 3); echo \"$x $?\"; }; f", "a 3\n", 0},
		{"return in pipeline stage", "f() { echo hi | while read l; do return 4; done; echo \"st $?\"; }; f", "st 4\n", 0},
		{"local in subshell", "f() { ( local y=2; echo $y ); }; f", "2\n", 0},
		{"break in substitution", "for i in 1 2; do x=$(break); echo $i; done", "1\n2\n", 0},
		{"set -e suspended in subshell", "set -e; f() { (false; echo in); }; if f; then echo ok; fi", "in\nok\n", 0},
	})
}

func TestErrexit(t *testing.T) {
	runCompoundCases(t, []compoundCase{
		{"plain", "set -e; false; echo no", "", 1},
		{"if condition", "set -e; if false; then :; fi; echo y", "y\n", 0},
		{"while condition", "set -e; while false; do :; done; echo y", "y\n", 0},
		{"and-or left", "set -e; false && true; false || true; echo y", "y\n", 0},
		{"and-or last", "set -e; true && false; echo no", "", 1},
		{"negated", "set -e; ! true; echo y", "y\n", 0},
		{"function in condition", "set -e; f() { false; echo in; }; if f; then echo t; fi", "in\nt\n", 0},
		{"function", "set -e; f() { false; echo no; }; f", "", 1},
		{"group keeps exempt status", "set -e; { false && true; }; echo y", "y\n", 0},
		{"subshell", "set -e; (false && true); echo no", "", 1},
		{"loop body", "set -e; for i in 1; do false; done; echo no", "", 1},
		{"test command", "set -e; [[ a == b ]]; echo no", "", 1},
		{"arith command", "set -e; (( 0 )); echo no", "", 1},
	})
}

// TestFlowErrors is the error table: misuse of the flow builtins and of
// (( )) and [[ ]] prints bash's message, sets bash's status, and the
// script goes on. The messages are bash -c's, named as bash names them: a
// function's line by "environment", as bash does for code that is in no
// file.
func TestFlowErrors(t *testing.T) {
	cases := []struct {
		src    string
		err    string
		status int
	}{
		{"break; echo $?", "gosh: line 1: break: only meaningful in a `for', `while', or `until' loop\n", 0},
		{"continue", "gosh: line 1: continue: only meaningful in a `for', `while', or `until' loop\n", 0},
		{"return", "gosh: line 1: return: can only `return' from a function or sourced script\n", 2},
		{"local x", "gosh: line 1: local: can only be used in a function\n", 1},
		{"for i in 1; do break 0; done", "gosh: line 1: break: 0: loop count out of range\n", 1},
		{"for i in 1; do break x; done", "gosh: line 1: break: x: numeric argument required\n", 128},
		{"f() { return x; }; f", "environment: line 1: return: x: numeric argument required\n", 2},
		{"f() { local 1x=2; }; f", "environment: line 1: local: `1x=2': not a valid identifier\n", 1},
		{"readonly r=1; f() { local r=2; }; f", "environment: line 1: local: r: readonly variable\n", 1},
		{"(( 1/0 ))", "gosh: line 1: ((: 1/0 : division by 0 (error token is \"0 \")\n", 1},
		{"[[ a =~ '(' ]]", "", 1},
		{"[[ a =~ ( ]]", "", 2},
		{"FUNCNEST=3; f() { f; }; f", "environment: line 1: f: maximum function nesting level exceeded (3)\n", 1},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			_, errOut, status := runCaptured(t, c.src)
			if c.err != "" && errOut != c.err || status != c.status {
				t.Errorf("%s\n got stderr %q status %d\nwant stderr %q status %d", c.src, errOut, status, c.err, c.status)
			}
		})
	}
}

func TestCondExpressions(t *testing.T) {
	cases := []struct {
		expr string
		want int
	}{
		{"abc == a*", 0},
		{"abc == 'a*'", 1},
		{"abc != b*", 0},
		{"a < b", 0},
		{"b < a", 1},
		{"-n x && -z ''", 0},
		{"-n x && -z y", 1},
		{"-z x || x", 0},
		{"! ( a == a )", 1},
		{"1+2 -eq 3", 0},
		{"3 -lt 2", 1},
		{"-d . && -e . && ! -f .", 0},
		{"-f nosuch", 1},
		{"$empty == ''", 0},
		{"$spaced == 'a  b'", 0},
		{"x.y =~ ^x\\.y$", 0},
		{"xzy =~ ^x\\.y$", 1},
		{"xzy =~ ^x'.'y$", 1},
		{"foo =~ o+$", 0},
		{"-v spaced", 0},
		{"-v nosuch_var", 1},
		{"-o errexit", 1},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			_, errOut, status := runCaptured(t, "empty=; spaced='a  b'; [[ "+c.expr+" ]]")
			if status != c.want {
				t.Errorf("[[ %s ]] = %d, want %d (stderr %q)", c.expr, status, c.want, errOut)
			}
		})
	}
	out, _, _ := runCaptured(t, "[[ 2024-05 =~ ^([0-9]+)-([0-9]+)$ ]]; echo $BASH_REMATCH")
	if out != "2024-05\n" {
		t.Errorf("BASH_REMATCH = %q, want the whole match", out)
	}
}

func TestSourceReturn(t *testing.T) {
	out, _, status := runCaptured(t, "echo 'echo in; return 4; echo no' >s.sh; . ./s.sh; echo $?")
	if out != "in\n4\n" || status != 0 {
		t.Errorf("return in a sourced file: out %q status %d", out, status)
	}
}

func TestFuncText(t *testing.T) {
	sh := New(Config{})
	f, err := sh.parse("f() { echo hi; }")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sh.Run(f); err != nil {
		t.Fatal(err)
	}
	text, ok := sh.FuncText("f")
	if !ok || text != "f () \n{ \n    echo hi\n}" {
		t.Errorf("FuncText(f) = %q, %v", text, ok)
	}
	if names := sh.FuncNames(); len(names) != 1 || names[0] != "f" {
		t.Errorf("FuncNames = %q", names)
	}
	if !sh.UnsetFunc("f") || sh.UnsetFunc("f") {
		t.Errorf("UnsetFunc: want true, then false")
	}
}

// Speed targets of issue 10 (figures in the README): a while loop of
// 100,000 iterations with [ and $(( )), 20,000 function calls, and 500
// "( /bin/true )" in a script.

func benchRun(b *testing.B, src string) {
	b.Helper()
	b.Chdir(b.TempDir())
	sh := New(Config{Arg0: "gosh"})
	null, err := unix.Open("/dev/null", unix.O_WRONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer unix.Close(null)
	sh.stdio = []int{sh.stdio[0], null, sh.stdio[2]}
	sh.fdHold = nil
	f, err := sh.parse(src)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	before := cpuTime()
	for b.Loop() {
		if _, err := sh.Run(f); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time (user+sys of the process, the collector's threads too):
	// on a loaded machine a steadier figure than the wall time.
	b.ReportMetric(float64(cpuTime()-before)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user+sys time so far, in nanoseconds.
func cpuTime() int64 {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func BenchmarkWhileLoop100k(b *testing.B) {
	benchRun(b, "i=0; while [ $i -lt 100000 ]; do i=$((i + 1)); done")
}

func BenchmarkArithLoop100k(b *testing.B) {
	benchRun(b, "i=0; while (( i < 100000 )); do (( i++ )); done")
}

func BenchmarkFunctionCalls20k(b *testing.B) {
	benchRun(b, "f() { x=$1; }; i=0; while [ $i -lt 20000 ]; do f $i; i=$((i + 1)); done")
}

func BenchmarkSubshellTrue500(b *testing.B) {
	benchRun(b, "for i in $(seq 500); do ( /bin/true ); done")
}
