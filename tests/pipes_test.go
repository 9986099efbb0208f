package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fdCheck wraps a script: it records the shell's open fds before and after,
// and prints "fds unchanged" when they are the same.
func fdCheck(script string) string {
	return `echo /proc/$$/fd/* > before
` + script + `
echo /proc/$$/fd/* > after
cmp -s before after && echo fds unchanged || echo "fds before:" $(cat before) "after:" $(cat after)`
}

// TestLongPipelineLowFdLimit: a pipeline of 60 external commands runs under
// ulimit -n 30, as in bash: each pipe is made just before the stage that
// writes into it starts, and the shell closes its ends as soon as the
// stages have them, so it never holds more than a few. The shell's own fds
// are the same afterwards.
func TestLongPipelineLowFdLimit(t *testing.T) {
	rlimit := buildHelper(t, "rlimit")
	long := "echo x" + strings.Repeat(" | cat", 59)
	script := fdCheck(long + "\necho status=$?")
	out, errs, status := runShell(t, shellRun{Bin: rlimit, Dir: t.TempDir(), Args: []string{"-nofile", "30", "--", requireGosh(t), "-c", script}})
	noCrash(t, errs)
	if out != "x\nstatus=0\nfds unchanged\n" || status != 0 || errs != "" {
		t.Errorf("a 60-stage pipeline under ulimit -n 30: status %d, stdout %q, stderr %q; want x, status=0, fds unchanged", status, out, errs)
	}
	// The same with stderr into the pipe (the stand-in pipe the stages
	// are prepared with never reaches a child) and a file redirection on
	// every stage, opened just before the stage starts.
	long = "nosuch 2>&1" + strings.Repeat(" | cat 2>&1 3</dev/null", 59) + " | wc -l"
	out, errs, status = runShell(t, shellRun{Bin: rlimit, Dir: t.TempDir(), Args: []string{"-nofile", "30", "--", requireGosh(t), "-c", fdCheck(long)}})
	noCrash(t, errs)
	if out != "1\nfds unchanged\n" || status != 0 || errs != "" {
		t.Errorf("nosuch 2>&1 | cat 2>&1 3</dev/null ... | wc -l under ulimit -n 30: status %d, stdout %q, stderr %q; want 1, fds unchanged", status, out, errs)
	}
}

// TestPipeFailsMidway: when a pipe cannot be made after some stages have
// started (builtin stages on copies of the shell that all wait at once
// hold their pipe ends: midwayPipeline), the shell says so, the started
// external stages are ended (bash's terminate_current_pipeline), the rest
// never run, the status is 1, every fd is closed once and the next
// pipeline works. The builtin stages each read a line from a FIFO, which a
// background writer gives them once the pipe error has been written.
func TestPipeFailsMidway(t *testing.T) {
	rlimit := buildHelper(t, "rlimit")
	script := "mkfifo fifo; exec 3<>fifo\n" +
		"(until test -s err; do sleep 0.05; done; for i in $(seq 50); do echo; done >&3) &\n" +
		fdCheck("{ "+midwayPipeline("sleep 61.25")+"; } 2>err\necho status=$?") + "\nwait; cat err >&2\necho y | cat"
	var left []leftProc
	out, errs, status := runShell(t, shellRun{Bin: rlimit, Dir: t.TempDir(), Args: []string{"-nofile", strconv.Itoa(midwayLimit), "--", requireGosh(t), "-c", script}, Left: &left})
	noCrash(t, errs)
	for _, p := range left {
		if p.Args == "sleep 61.25" {
			t.Errorf("the pipeline's first stage (pid %d) still runs after the pipe failed", p.Pid)
		}
	}
	if out != "status=1\nfds unchanged\ny\n" || status != 0 {
		t.Errorf("status %d, stdout %q, want status=1, fds unchanged, y", status, out)
	}
	if asGosh(errs) != "gosh: pipe error: Too many open files\n" { // no line, as bash's
		t.Errorf("stderr %q, want the pipe error once", errs)
	}
}

// TestInheritedHighFdLowLimit: gosh inherits fd 251 and runs under
// ulimit -n 30 (soft and hard). Every child gets fd 251 where it is, as in
// bash: ForkExec's table stops below it and the child inherits it, and a
// stage writing into it (>&251) is handed a low copy. A descriptor gosh
// would have to place at 251 itself (after exec 251>file) is refused with
// a message that says why, not "Bad file descriptor".
func TestInheritedHighFdLowLimit(t *testing.T) {
	rlimit := buildHelper(t, "rlimit")
	dir := t.TempDir()
	script := `ls /proc/self/fd | grep -x 251
/bin/echo b >&251; echo st=$?
echo x | cat | cat
/bin/echo c 251>f2; echo st=$?
exec 251>&-; exec 251>f2; echo st=$?
/bin/echo d; echo st=$?`
	out, errs, status := runShell(t, shellRun{Bin: "bash", Dir: dir, Args: []string{"-c",
		`exec 251>f; exec "$0" -nofile 30 -- "$1" -c "$2"`, rlimit, requireGosh(t), script}})
	noCrash(t, errs)
	if out != "251\nst=0\nx\nst=126\nst=1\nd\nst=0\n" || status != 0 {
		t.Errorf("status %d, stdout %q, want 251, st=0, x, st=126, st=1, d, st=0", status, out)
	}
	msg := ": 251: Bad file descriptor (at or above the open-files limit, ulimit -n 30)\n"
	if want := "gosh: line 4" + msg + "gosh: line 5" + msg; asGosh(errs) != want {
		t.Errorf("stderr %q, want %q", errs, want)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "f")); string(data) != "b\n" {
		t.Errorf("the inherited fd 251 got %q, want b", data)
	}
}

// TestPipelineStageRedirectsLikeBash: a pipeline stage's redirections,
// performed just before the stage starts, act as bash's do in its child:
// a file that cannot be opened fails that stage alone, a command not found
// reports where its stderr points, here-documents and noclobber work.
// (The writers before a failing stage are true, not echo: whether echo
// writes before its reader fails is a race in bash.)
func TestPipelineStageRedirectsLikeBash(t *testing.T) {
	script := `true | cat < /nonexist | cat; echo "st=$? ${PIPESTATUS[*]}"
true | nosuch 2>/dev/null | cat; echo "st=${PIPESTATUS[*]}"
echo c | cat > out 2>&1 | cat; cat out
echo d | cat <<END | cat
here $((1+1))
END
set -C; true | cat > out | cat; echo "st=${PIPESTATUS[*]}"; cat out
echo f | cat >> out | wc -l; cat out`
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	for _, sh := range []string{bash, requireGosh(t)} {
		// Each is $0, which starts its messages ("/usr/bin/bash: line 1: ").
		out, errs, status := runShell(t, shellRun{Bin: sh, Args: []string{"-c", script}})
		errs = strings.ReplaceAll(errs, sh+": ", "gosh: ")
		want := "st=0 0 1 0\nst=0 127 0\nc\nhere 2\nst=0 1 0\nc\n0\nc\nf\n"
		if out != want || status != 0 {
			t.Errorf("%s: status %d, stdout %q, want %q", sh, status, out, want)
		}
		if wantErr := "gosh: line 1: /nonexist: No such file or directory\ngosh: line 7: out: cannot overwrite existing file\n"; errs != wantErr {
			t.Errorf("%s: stderr %q, want %q", sh, errs, wantErr)
		}
	}
}
