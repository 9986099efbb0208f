package builtins

import (
	"regexp"
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	tests := []struct {
		lines []string // spellings of the same command line
		want  []string // phrases the explanation must contain
		not   []string // phrases it must not contain
	}{
		{
			lines: []string{"ls | grep .txt | wc -l", "ls|grep .txt|wc -l", "ls |\ngrep .txt | wc -l"},
			want: []string{
				"a pipeline of 3 commands",
				"ls is the program", "grep is the program", "wc is the program",
				"creates 3 processes with fork+exec",
				"a new group for this job, named after its first process's pid",
				"holds one stand-in pipe", "p1 = pipe2(O_CLOEXEC) = [", "p2 = pipe2(O_CLOEXEC) = [",
				"just before it starts. ForkExec's table: fd 0 = 0, fd 1 = ",
				"2. child: p2 = pipe2", "3. child: ForkExec's table: fd 0 = ", "Then the shell closes its copies: close(",
				"Between clone and execve the child runs:",
				"Foreground: the first child calls tcsetpgrp(tty, PGID)",
				"(stage 3)",
				"Expansions: none",
			},
			not: []string{"Background", "builtin"},
		},
		{
			lines: []string{"sleep 30 &", "sleep 30&", "  sleep   30   &  "},
			want: []string{
				"one simple command: sleep 30", "ending with '&'",
				"creates 1 process with fork+exec",
				"Background: the shell does not wait", "SIGTTIN", "$! to the last process's pid",
			},
			not: []string{"tcsetpgrp(tty, PGID)"},
		},
		{
			lines: []string{"cd /tmp", "cd '/tmp'", `cd "/tmp"`},
			want:  []string{"cd is a shell builtin", "Processes: none", "no fork"},
			not:   []string{"fork+exec", "pipe2"},
		},
		{
			lines: []string{"echo hi | cat", "echo hi|cat"},
			want: []string{
				"echo is a shell builtin, but here it runs in a child gosh", "cat is the program",
				"creates 2 processes with fork+exec", "every stage is a process in the job's group",
				"1. child gosh:", "memfd_create = ", "2. child: ForkExec's table",
			},
			not: []string{"in a goroutine"},
		},
		{
			lines: []string{"sort < in.txt > out.txt 2>&1", "sort <in.txt >out.txt 2>&1"},
			want: []string{
				"open(in.txt, O_RDONLY|O_CLOEXEC) = ",
				"open(out.txt, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = ",
				"fd 2 is what fd 1 is at this point",
			},
		},
		{
			lines: []string{"cat >> log 2>/dev/null", "cat >>log 2> /dev/null"},
			want:  []string{"open(log, O_WRONLY|O_CREAT|O_APPEND|O_CLOEXEC, 0666) = ", "open(/dev/null, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = "},
		},
		{
			lines: []string{"ls *.go ~/src", "ls  *.go   ~/src"},
			want: []string{
				`pathname expansion (glob) of "*.go"`,
				"tilde expansion: ~ becomes $HOME",
			},
		},
		{
			lines: []string{`echo "$HOME" $USER '$x' \$y`},
			want: []string{
				`"...": double quotes: $HOME parameter expansion: the value of HOME (now "`,
				"no field splitting, no globbing",
				"$USER parameter expansion: the value of USER (now unset: it expands to nothing)",
				"split into fields at $IFS",
				"'$x': single quotes, literal text",
				`\$: the backslash quotes "$"`,
			},
		},
		{
			lines: []string{"echo $(date) $((1+2)) ${X:-default}", "echo `date` $((1+2)) ${X:-default}"},
			want: []string{
				"command substitution: the shell runs \"date\" in a subshell",
				"(explain does not run it)",
				"arithmetic expansion",
				"or the word after '-' if it is unset or empty",
			},
		},
		{
			lines: []string{"X=1 env", "X=1  env"},
			want:  []string{"X=1: assignment for this command only (in its environment)", "env is the program"},
		},
		{
			lines: []string{"X=1", "X=1 "},
			want:  []string{"X=1: assignment to a shell variable", "only assignments", "Processes: none"},
		},
		{
			lines: []string{"true && ls || echo no", "true&&ls||echo no"},
			want: []string{
				"An and-or list", "only if the status so far is 0 (success): ls",
				"only if the status so far is not 0 (failure): echo no",
				"Pipeline 2: ls",
			},
		},
		{
			lines: []string{"sleep 1 && echo done &"},
			want: []string{
				"it runs in a child gosh, because an and-or list in the background is one job",
				"gosh starts itself again",
				"snapshot written to a memfd", "nothing of it is in argv",
				"That process is the job ($! is its pid",
				"stay in its\n  process group, the background job's group",
				"inside the child gosh",
			},
		},
		{
			lines: []string{"cd /tmp &", "true &", "echo a | read x &"},
			want: []string{
				"it runs in a child gosh, because",
				"needs a process of its own",
				"That process is the job ($! is its pid",
			},
		},
		{
			lines: []string{"read x | cat", "read x|cat", "read x < file | cat"},
			want: []string{
				"read is a shell builtin, but here it runs in a child gosh",
				"every stage is a process in the job's group",
				"creates 2 processes with fork+exec",
			},
			not: []string{"in a goroutine"},
		},
		{
			lines: []string{"echo a | cat &"},
			want:  []string{"it runs in a child gosh", "1 builtin stage runs inside the child gosh, in a goroutine"},
			not:   []string{"echo is a shell builtin, but"},
		},
		{
			lines: []string{"sleep 30 | cat &", "ls *.go | wc -l &"},
			want:  []string{"it runs a program (fork+exec), because a background pipeline of programs", "Background: the shell does not wait"},
			not:   []string{"child gosh"},
		},
		{
			lines: []string{"nohup sleep 100 &"},
			want:  []string{"nohup: gosh starts", "SIGHUP ignored", "Background"},
		},
		{
			lines: []string{"no-such-command-xyz"},
			want:  []string{"command not found", "127"},
		},
		{
			lines: []string{"$CMD arg", "${CMD} arg"},
			want:  []string{"the command name comes from an expansion"},
		},
		{
			lines: []string{"! false", "!  false"},
			want:  []string{"'!' inverts the status"},
		},
		{
			lines: []string{"ls; pwd", "ls ; pwd", "ls\npwd"},
			want:  []string{"A list of 2 commands", "[1] ls", "[2] pwd"},
		},
		{
			lines: []string{"cat <<EOF\nhello $name\nEOF\n"},
			want:  []string{"the here-document's body, expanded", "and closes it; fd 0 is "},
		},
		{
			lines: []string{"cat <<'EOF'\nhello $name\nEOF\n"},
			want:  []string{"taken literally (the delimiter is quoted)"},
		},
		{
			lines: []string{"exec ls", "exec ls -l >out"},
			want:  []string{"exec replaces the shell process itself", "Processes: none is created", "keeps the shell's pid"},
			not:   []string{"private fd table", "unchanged afterwards"},
		},
		{
			lines: []string{"exec 3>log", "exec 3> log"},
			want:  []string{"they stay for every later command", "a higher fd is virtual", "as its fd 3"},
			not:   []string{"private fd table", "unchanged afterwards"},
		},
		{
			lines: []string{"echo a | read x", "echo a|read x"},
			want:  []string{"2 processes", "echo is a shell builtin, but here it runs in a child gosh", "first child calls tcsetpgrp"},
			not:   []string{"in a goroutine"},
		},
	}
	sh := newFake(t)
	sh.JobTable().SetJobControl(true)
	for _, tc := range tests {
		for _, line := range tc.lines {
			got, err := explainLine(sh, line)
			if err != nil {
				t.Errorf("explain %q: %v", line, err)
				continue
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("explain %q: missing %q in:\n%s", line, w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("explain %q: should not say %q:\n%s", line, n, got)
				}
			}
		}
	}
}

func TestExplainWithoutJobControl(t *testing.T) {
	sh := newFake(t) // job control off, as in a script
	tests := []struct {
		line string
		want []string
	}{
		{"sleep 1 | cat", []string{"job control is off", "the terminal is not handed over"}},
		{"echo a | read x", []string{"2 builtin stages", "in a goroutine on a copy", "Foreground, with no child process", "no tcsetpgrp", "(stage 2)"}},
		{"echo hi | cat", []string{"creates 1 process with fork+exec", "1 builtin stage runs inside the shell, in a goroutine", "1. builtin (in the shell"}},
	}
	for _, tc := range tests {
		got, err := explainLine(sh, tc.line)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: missing %q:\n%s", tc.line, w, got)
			}
		}
	}
}

func TestExplainBuiltin(t *testing.T) {
	sh := newFake(t)
	tests := []struct {
		args   []string
		status int
		outHas string
		errHas string
	}{
		{[]string{"explain", "ls | wc -l"}, 0, "a pipeline of 2 commands", ""},
		{[]string{"explain", "ls", "|", "wc"}, 0, "a pipeline of 2 commands", ""}, // words joined
		{[]string{"explain", "--", "ls"}, 0, "ls is the program", ""},
		{[]string{"explain"}, 2, "", "a command line is needed"},
		{[]string{"explain", "ls |"}, 2, "", "syntax error"},
		{[]string{"explain", "ls )"}, 2, "", "syntax error near unexpected token"},
		{[]string{"explain", "echo 'open"}, 2, "", "unexpected EOF while looking for matching"},
		{[]string{"explain", ""}, 0, "nothing would run", ""},
	}
	for _, tc := range tests {
		r := run(t, sh, "", tc.args...)
		if r.status != tc.status || !strings.Contains(r.out, tc.outHas) || !strings.Contains(r.errOut, tc.errHas) {
			t.Errorf("%q: status %d out %q err %q; want %d, %q, %q", tc.args, r.status, r.out, r.errOut, tc.status, tc.outHas, tc.errHas)
		}
	}
}

// explain's fd steps follow the order of the redirections: for 2>&1 >f the
// child keeps a copy of fd 1 for fd 2 before fd 1 becomes the file; for
// >f 2>&1 both are the file. The numbers are the ones the shell process
// would get now, so they are read from the text.
func TestExplainRedirectionOrder(t *testing.T) {
	tests := []struct {
		line string
		want string // a regular expression over the fd lines, $F = the file's number
	}{
		{"ls /x 2>&1 >out", `ForkExec's table: fd 0 = 0, fd 1 = $F, fd 2 = 1\.\s+Between clone and execve the child runs:\s+dup3\(1, \d+, O_CLOEXEC\)[^\n]*\n\s+fcntl\(0, F_SETFD, 0\)[^\n]*\n\s+dup3\($F, 1, 0\)[^\n]*\n\s+dup3\(\d+, 2, 0\)  \(fd 2 is what 1 was`},
		{"ls /x >out 2>&1", `ForkExec's table: fd 0 = 0, fd 1 = $F, fd 2 = $F\.\s+Between clone and execve the child runs:\s+fcntl\(0, F_SETFD, 0\)[^\n]*\n\s+dup3\($F, 1, 0\)[^\n]*\n\s+dup3\($F, 2, 0\)`},
		{"exec 3>out", `open\(out, O_WRONLY\|O_CREAT\|O_TRUNC\|O_CLOEXEC, 0666\) = $F, so fd 3 is $F\n\s+2\. fcntl\($F, F_DUPFD_CLOEXEC, 10\) = \d+ \(the shell's own close-on-exec copy for fd 3\): no dup2, fd 3 is virtual`},
	}
	for _, tc := range tests {
		out := runExplainLine(t, tc.line)
		m := regexp.MustCompile(`open\(out, [^)]*\) = (\d+)`).FindStringSubmatch(out)
		if m == nil {
			t.Errorf("explain %q: no open of out:\n%s", tc.line, out)
			continue
		}
		re := regexp.MustCompile(strings.ReplaceAll(tc.want, "$F", m[1]))
		if !re.MatchString(out) {
			t.Errorf("explain %q: no match for %s in:\n%s", tc.line, re, out)
		}
		if strings.Contains(out, "dup2(F") || strings.Contains(out, "dup2(3") {
			t.Errorf("explain %q: still a symbolic or false dup2:\n%s", tc.line, out)
		}
	}
}

// TestExplainBashRedirections: explain tells bash's forms of
// redirection as the shell performs them: {NAME}> takes a free fd of 10 or
// more, N>&M- moves M, 1>&word is &>word, and a number no table has room
// for is refused (explain grew its table to it and died).
func TestExplainBashRedirections(t *testing.T) {
	tests := []struct{ line, want string }{
		{"exec {fd}>out", `\{fd\}: the shell takes fd 1\d, the lowest of 10 or more that is not open, and assigns 1\d to fd\W+(2\. )?open\(out, O_WRONLY\|O_CREAT\|O_TRUNC\|O_CLOEXEC, 0666\) = \d+, so fd 1\d is`},
		{"exec {fd}>&-", `\{fd\}>&-: the fd whose number \$fd holds is closed`},
		{"cat 4<&0- <&4", `fd 4 is what fd 0 is at this point, \d+ [^;]*; then fd 0 is closed: 4<&0- moves it`},
		{"ls >&out", `open\(out, O_WRONLY\|O_CREAT\|O_TRUNC\|O_CLOEXEC, 0666\) = \d+, so fds 1 and 2 are`},
		{"echo hi 999999999>out", `999999999: Bad file descriptor`},
		{"echo $(< out) $(<out >x)", `\$\(...\) with only < out \(bash's \$\(< file\)\): the shell reads the file itself[^\n]*\n[^\n]*\$\(...\) command substitution: the shell runs "<out >x" in a subshell`},
	}
	for _, tc := range tests {
		out := runExplainLine(t, tc.line)
		if !regexp.MustCompile(tc.want).MatchString(out) {
			t.Errorf("explain %q: no match for %s in:\n%s", tc.line, tc.want, out)
		}
	}
}

// runExplainLine is explain's text for one line, with job control on.
func runExplainLine(t *testing.T, line string) string {
	t.Helper()
	sh := newFake(t)
	sh.JobTable().SetJobControl(true)
	out, err := explainLine(sh, line)
	if err != nil {
		t.Fatalf("explain %q: %v", line, err)
	}
	return out
}

// TestExplainConstructs: each compound command and a function definition
// is explained for what it does, and named a compound command.
func TestExplainConstructs(t *testing.T) {
	sh := newFake(t)
	tests := []struct {
		line string
		want string
	}{
		{"( cd /tmp )", "runs its list in a subshell: nothing it changes"},
		{"{ cd /tmp; }", "they run in the current shell, so cd and assignments inside it stay"},
		{"if true; then echo y; else echo n; fi", "when its status is 0 it runs the then-list"},
		{"while false; do :; done", "while the condition's status is 0"},
		{"until true; do :; done", "while the condition's status is not 0"},
		{"for x in a b; do echo $x; done", "sets x to each field in turn"},
		{"for x; do echo $x; done", "each positional parameter (\"$@\")"},
		{"for ((i = 0; i < 3; i++)); do :; done", "evaluates init once"},
		{"case $1 in a) echo a ;; esac", "the first pattern that matches"},
		{"f() { echo hi; }", "defines the function f: nothing runs now"},
		{"(( x > 1 ))", "its status is 0 when the value is not 0"},
		{"[[ $x == a* ]]", "words are not split or globbed"},
	}
	for _, tc := range tests {
		got, err := explainLine(sh, tc.line)
		if err != nil {
			t.Fatalf("%s: %v", tc.line, err)
		}
		for _, w := range []string{tc.want, "Structure: one compound command: "} {
			if !strings.Contains(got, w) {
				t.Errorf("%s: missing %q:\n%s", tc.line, w, got)
			}
		}
		if strings.Contains(got, "simple command") {
			t.Errorf("%s: called a simple command:\n%s", tc.line, got)
		}
		// $1, $x: the words inside are expanded as each part runs.
		if strings.Contains(got, "every word is literal") {
			t.Errorf("%s: says every word is literal:\n%s", tc.line, got)
		}
	}
}

// TestExplainTime: time is explained as the shell's reserved word.
func TestExplainTime(t *testing.T) {
	sh := newFake(t)
	for line, want := range map[string]string{
		"time sleep 1 | wc": "real/user/sys with 3 decimals",
		"time -p sleep 1":   "-p: POSIX's form",
	} {
		got, err := explainLine(sh, line)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, "'time' is a reserved word, not a program") || !strings.Contains(got, want) || strings.Contains(got, "%!") {
			t.Errorf("%s:\n%s", line, got)
		}
	}
}

// TestExplainExtglob: explain parses a line as the shell would run it, so
// an extended pattern is a syntax error only while shopt extglob is off.
func TestExplainExtglob(t *testing.T) {
	sh := newFake(t)
	line := "case x in @(a|b)) echo y;; esac"
	if _, err := explainLine(sh, line); err == nil {
		t.Errorf("explain %q with extglob off: no syntax error", line)
	}
	sh.opts["extglob"] = true
	out, err := explainLine(sh, line)
	if err != nil || !strings.Contains(out, "@(a|b)") {
		t.Errorf("explain %q with extglob on: %v\n%s", line, err, out)
	}
}
