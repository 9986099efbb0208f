package tests

import (
	"strings"
	"testing"
)

// TestShoptHistverify: with histverify, a line that history expansion
// changed is not run: it comes back to the editor, and Enter runs it. With
// histreedit, a line whose expansion failed comes back to be corrected.
func TestShoptHistverify(t *testing.T) {
	s := newSession(t)
	s.run("shopt -s histverify histreedit")
	if out := s.run("echo one"); out != "one\n" {
		t.Fatalf("echo one: %q", out)
	}
	s.Send("!!\r")
	s.ExpectShown("echo one") // back in the editor, not run
	if out := s.enter("echo one"); out != "one\n" {
		t.Errorf("Enter on the verified line: %q", out)
	}
	s.Send("echo !nosuchevent\r")
	s.Expect("!nosuchevent: event not found")
	s.ExpectShown("echo !nosuchevent") // back to be corrected
	s.Send(strings.Repeat("\b", len("!nosuchevent")) + "fixed\r")
	if out := s.WaitPrompt(); !strings.HasSuffix(out, "\nfixed\n") {
		t.Errorf("the corrected line: %q", out)
	}
}

// TestShoptAutocd: with autocd a directory's name alone at the prompt runs
// "cd -- NAME", which is shown first, as bash does.
func TestShoptAutocd(t *testing.T) {
	s := newSession(t)
	s.run("mkdir -p autocd-dir; shopt -s autocd")
	out := s.run("autocd-dir")
	if out != "cd -- autocd-dir\n" {
		t.Errorf("autocd-dir at the prompt: %q", out)
	}
	if out := s.run(`echo "${PWD##*/}"`); out != "autocd-dir\n" {
		t.Errorf("after autocd: PWD ends in %q", out)
	}
	s.run("shopt -u autocd")
	if out := s.run("."); !strings.Contains(out, "filename argument required") {
		t.Errorf(". with autocd off: %q", out)
	}
}

// TestShoptCheckjobs: with checkjobs, exit with a running job says so and
// lists the jobs, once; exit right after the warning exits.
func TestShoptCheckjobs(t *testing.T) {
	s := newSession(t)
	s.run("shopt -s checkjobs")
	s.Run("sleep 107 &")
	p := s.ProcByArgs("sleep 107")
	out := s.run("exit")
	if !strings.Contains(out, "There are running jobs.\n[1]+  Running                 sleep 107 &\n") {
		t.Errorf("exit with a running job under checkjobs: %q", out)
	}
	s.SendLine("exit")
	if !s.Exited(expectTimeout) {
		t.Fatal("the second exit did not end the shell")
	}
	if s.Name != "bash" { // bash hangs up its jobs only with huponexit
		waitGone(t, p.Pid, "the background job after exit")
	}
}

// TestShoptInteractiveComments: with interactive_comments off, '#' at the
// prompt is an ordinary character.
func TestShoptInteractiveComments(t *testing.T) {
	s := newSession(t)
	if out := s.run("echo a #b"); out != "a\n" {
		t.Errorf("echo a #b: %q", out)
	}
	s.run("shopt -u interactive_comments")
	if out := s.run("echo a #b"); out != "a #b\n" {
		t.Errorf("echo a #b without interactive_comments: %q", out)
	}
}

// TestShoptCdspell: with cdspell, cd at the prompt mends a small spelling
// mistake in each component, shows the mended name and goes there.
func TestShoptCdspell(t *testing.T) {
	s := newSession(t)
	s.run("mkdir -p spell/local; shopt -s cdspell")
	if out := s.run("cd sepll/lcoal"); out != "spell/local\n" {
		t.Errorf("cd sepll/lcoal: %q", out)
	}
	if out := s.run(`echo "${PWD##*/}"`); out != "local\n" {
		t.Errorf("after cd: PWD ends in %q", out)
	}
	if out := s.run("cd nowhere-near; echo $?"); !strings.Contains(out, "No such file or directory") || !strings.HasSuffix(out, "1\n") {
		t.Errorf("cd nowhere-near: %q", out)
	}
}

// TestShoptCmdhist: a command typed over several lines is one history
// entry in its one-line form; with lithist it keeps its newlines; with
// cmdhist off each line is an entry of its own, as in bash.
func TestShoptCmdhist(t *testing.T) {
	s := newSession(t)
	loop := func(n string) {
		s.SendLine("for i in " + n)
		s.WaitPS2()
		s.SendLine("do echo $i")
		s.WaitPS2()
		s.SendLine("done")
		s.WaitPrompt()
	}
	loop("1")
	if out := s.run("history 2 | cut -c8-"); out != "for i in 1; do echo $i; done\nhistory 2 | cut -c8-\n" {
		t.Errorf("cmdhist: %q", out)
	}
	s.run("shopt -s lithist")
	loop("2")
	if out := s.run("history 2"); !strings.Contains(out, "  for i in 2\ndo echo $i\ndone\n") || !strings.HasSuffix(out, "  history 2\n") {
		t.Errorf("lithist: %q", out)
	}
	s.run("shopt -u cmdhist")
	loop("3")
	if out := s.run("history 4 | cut -c8-"); out != "for i in 3\ndo echo $i\ndone\nhistory 4 | cut -c8-\n" {
		t.Errorf("cmdhist off: %q", out)
	}
}

// TestShoptProgcomp: with progcomp off, complete's specifications are not
// used: Tab completes file names as without one.
func TestShoptProgcomp(t *testing.T) {
	s := newSession(t)
	s.run(`complete -W "alphabet beta" echo`)
	s.Send("echo alp\t")
	if out := s.enter("echo alphabet "); out != "alphabet\n" {
		t.Errorf("complete -W: %q", out)
	}
	s.run("shopt -u progcomp")
	s.Send("echo alp\t\r")
	if out := s.WaitPrompt(); !strings.HasSuffix(out, "\nalp\n") {
		t.Errorf("progcomp off: %q", out)
	}
}

// TestShoptExtglobPrompt: at the prompt, shopt -s extglob counts from the
// next line (on its own line the pattern is a syntax error, and nothing of
// the line runs, the shopt neither), and !(...) is then a pattern, not a
// history reference.
func TestShoptExtglobPrompt(t *testing.T) {
	s := newSession(t)
	s.run("mkdir eg; cd eg; touch a b c")
	if out := s.run("shopt -s extglob; echo @(a|b)"); !strings.Contains(out, "syntax error") {
		t.Errorf("an extended pattern on the line of its shopt: %q", out)
	}
	if out := s.run("shopt -q extglob; echo $?"); out != "1\n" {
		t.Errorf("after the syntax error, shopt -q extglob: %q", out)
	}
	s.run("shopt -s extglob")
	if out := s.run("echo @(a|b) !(a)"); out != "a b b c\n" {
		t.Errorf("on the next line: %q", out)
	}
	if out := s.run(`[[ -batch == -b?(atch) ]] && echo yes`); out != "yes\n" {
		t.Errorf("[[ ]]: %q", out)
	}
}

// TestShoptLastpipe: at a prompt job control is on, and lastpipe changes
// nothing, as in bash: the last stage runs in a process of its own and
// what it assigns is lost. With set +m it runs in the shell itself, and
// the shell's own fd 0 (the terminal) is back after it.
func TestShoptLastpipe(t *testing.T) {
	s := newSession(t)
	s.run("shopt -s lastpipe; x=old")
	if out := s.run(`echo new | read x; echo "x=$x"`); out != "x=old\n" {
		t.Errorf("lastpipe under job control: %q", out)
	}
	s.run("set +m")
	if out := s.run(`echo new | read x; echo "x=$x"`); out != "x=new\n" {
		t.Errorf("lastpipe with set +m: %q", out)
	}
	if out := s.run(`[ -t 0 ] && echo tty`); out != "tty\n" {
		t.Errorf("fd 0 after the last stage: %q", out)
	}
	s.run("set -m")
}

// TestLastpipeTraceExplain: the one rule's answer for a last stage under
// lastpipe is what explain and the trace print, and the trace narrates the
// pipe into the shell's own fd 0 and its close.
func TestLastpipeTraceExplain(t *testing.T) {
	out, errOut, st := runGosh(t, "", "-c", `shopt -s lastpipe; explain 'echo a | read x'; set -o trace; echo a | read x; echo "x=$x"`)
	if st != 0 || !strings.HasSuffix(out, "x=a\n") {
		t.Fatalf("status %d, stdout %q, stderr %q", st, out, errOut)
	}
	for _, want := range []string{
		"2. the shell itself (lastpipe):",
		"shopt lastpipe, job control off: the shell starts the other stages, then runs the last one",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{
		"read x: in the shell itself, because shopt lastpipe and no job control",
		"(lastpipe: the stage before the last writes into",
		"lastpipe: fd 0 is ",
		"(the last stage is done with the pipe)",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the trace lacks %q:\n%s", want, errOut)
		}
	}
	// Without lastpipe neither says so.
	out, errOut, _ = runGosh(t, "", "-c", `explain 'echo a | read x'; set -o trace; echo a | read x`)
	if strings.Contains(out+errOut, "lastpipe") {
		t.Errorf("lastpipe named while it is off:\n%s%s", out, errOut)
	}
}

// TestLastpipeExecKeepsWriter: under lastpipe an exec in the last stage
// replaces the shell process, in which the builtin stage writing into the
// pipe runs as a copy: the exec waits for it, so cat gets what echo wrote,
// as bash's forked echo writes it.
func TestLastpipeExecKeepsWriter(t *testing.T) {
	for i := 0; i < 10; i++ {
		out, errOut, st := runGosh(t, "", "-c", "shopt -s lastpipe; echo a | exec cat")
		if out != "a\n" || st != 0 {
			t.Fatalf("run %d: stdout %q, stderr %q, status %d", i, out, errOut, st)
		}
	}
}
