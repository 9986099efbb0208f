package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The trap builtin, end to end: handlers of signals the shell sends itself
// and gets from others, the wait builtin interrupted, the EXIT trap on
// every way out, the ERR trap, printing, errors, and ignored signals
// reaching children. The rows hold for bash too (GOSH_TEST_REFERENCE=bash).

func TestTrapRows(t *testing.T) {
	runRows(t, []row{
		// Handlers.
		{name: "self-usr1", script: `trap "echo hi" USR1; kill -USR1 $$; echo st=$?`, out: "hi\nst=0\n"},
		{name: "status-kept", script: `trap "false" USR1; kill -USR1 $$; echo st=$?`, out: "st=0\n"},
		{name: "after-foreground", script: `trap 'echo caught $?' USR1; sh -c "kill -USR1 $$; sleep 0.3; exit 4"; echo st=$?`, out: "caught 4\nst=4\n"},
		{name: "wait-138", script: `trap "echo caught" USR1; sleep 5 & sh -c "sleep 0.2; kill -USR1 $$" & wait %1; echo w=$?; kill %1`, out: "caught\nw=138\n"},
		{name: "wait-all-138", script: `trap "echo caught" USR1; sleep 5 & sh -c "sleep 0.2; kill -USR1 $$" & wait; echo w=$?; kill %1`, out: "caught\nw=138\n"},
		{name: "handler-sets-var", script: `n=0; trap 'n=$((n+1))' USR2; kill -USR2 $$; kill -USR2 $$; echo n=$n`, out: "n=2\n"},
		{name: "term-caught", script: `trap "echo term" TERM; kill $$; echo alive`, out: "term\nalive\n"},
		{name: "number-spec", script: `trap "echo ten" 10; kill -10 $$`, out: "ten\n"},
		{name: "exit-in-handler", script: `trap "echo bye; exit 5" USR1; kill -USR1 $$; echo no`, out: "bye\n", status: 5},

		// EXIT, by every way out.
		{name: "exit-builtin", script: `trap 'echo bye $?' EXIT; exit 3`, out: "bye 3\n", status: 3},
		{name: "exit-end", script: `trap "echo bye" EXIT; echo main`, out: "main\nbye\n"},
		{name: "exit-status-kept", script: `trap "echo bye; false" EXIT; true`, out: "bye\n"},
		{name: "exit-in-exit-trap", script: `trap "exit 7" EXIT; exit 3`, status: 7},
		{name: "exit-set-e", script: `set -e; trap 'echo bye $?' EXIT; false; echo no`, out: "bye 1\n", status: 1},
		{name: "exit-fatal-error", script: `trap "echo bye" EXIT; x=${y?unset}; echo no`, out: "bye\n", status: 127, errHas: "y: unset"},
		{name: "exit-zero-spec", script: `trap "echo bye" 0; echo main`, out: "main\nbye\n"},
		{name: "exit-on-term", script: `trap "echo bye" EXIT; kill -TERM $$; echo no`, out: "bye\n", status: 143},
		{name: "exit-on-usr1", script: `trap "echo bye" EXIT; kill -USR1 $$; echo no`, out: "bye\n", status: 138},
		{name: "exit-on-term-while-waiting", script: `trap "echo bye" EXIT; sh -c "sleep 0.2; kill -TERM $$; sleep 5"; echo no`, out: "bye\n", status: 143},
		{name: "exit-once", script: `trap "echo bye" EXIT; trap "exit 2" USR1; kill -USR1 $$`, out: "bye\n", status: 2},
		{name: "exit-script-file", argv: []string{"s.sh"}, files: map[string]string{"s.sh": "trap 'echo bye' EXIT\necho main\n"}, out: "main\nbye\n"},
		{name: "exit-in-substitution", script: `x=$(trap "echo sub-bye" EXIT; echo sub); echo "[$x]"`, out: "[sub\nsub-bye]\n"},
		{name: "exit-not-inherited", script: `trap "echo bye" EXIT; x=$(echo sub); echo "[$x]"`, out: "[sub]\nbye\n"},

		// Untrapped signals.
		{name: "usr1-kills", script: `kill -USR1 $$; echo no`, status: 138},
		{name: "quit-ignored", script: `kill -QUIT $$; echo alive`, out: "alive\n"},

		// ERR.
		{name: "err-trap", script: `trap 'echo err $?' ERR; false; false || true; ! false; true && false; echo end`, out: "err 1\nerr 1\nend\n"},
		{name: "err-set-e", script: `set -e; trap 'echo err $?' ERR; false; echo no`, out: "err 1\n", status: 1},

		// Printing and resetting.
		{name: "print", script: `trap "echo it's" USR2; trap "" INT; trap : EXIT; trap "echo e" ERR; trap`,
			out: "trap -- ':' EXIT\ntrap -- '' SIGINT\ntrap -- 'echo it'\\''s' SIGUSR2\ntrap -- 'echo e' ERR\n"},
		{name: "print-p-some", script: `trap a INT; trap b TERM; trap -p TERM int`, out: "trap -- 'b' SIGTERM\ntrap -- 'a' SIGINT\n"},
		{name: "print-reusable", script: `trap 'echo "a b"' USR1; saved=$(trap -p USR1); trap - USR1; eval "$saved"; kill -USR1 $$`, out: "a b\n"},
		{name: "spellings", script: `trap x sigint; trap y SigTerm; trap z 1; trap`, out: "trap -- 'z' SIGHUP\ntrap -- 'x' SIGINT\ntrap -- 'y' SIGTERM\n"},
		{name: "reset-dash", script: `trap x INT USR1; trap - INT; trap`, out: "trap -- 'x' SIGUSR1\n"},
		{name: "reset-number", script: `trap x INT USR1; trap 2 10; trap`, out: ""},
		{name: "reset-one-name", script: `trap x INT USR1; trap INT; trap`, out: "trap -- 'x' SIGUSR1\n"},
		{name: "double-dash", script: `trap -- "echo x" USR1; trap -p USR1`, out: "trap -- 'echo x' SIGUSR1\n"},
		{name: "rt-signals", script: `trap x rtmin+1 64; trap`, out: "trap -- 'x' SIGRTMIN+1\ntrap -- 'x' SIGRTMAX\n"},
		{name: "list", script: `trap -l | head -1`, out: " 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n"},
		{name: "list-end", script: `trap -l | tail -1`, out: "63) SIGRTMAX-1\t64) SIGRTMAX\t\n"},
		{name: "subshell-lists-parent", script: `trap "echo x" USR1; echo "$(trap)"`, out: "trap -- 'echo x' SIGUSR1\n"},

		// Subshells: caught traps reset, ignored ones kept, EXIT only if
		// set there; a handler of the parent runs in the parent, after.
		{name: "subshell-exit-own", script: `trap "echo main-exit" EXIT; (trap "echo sub-exit" EXIT; echo in); echo out`, out: "in\nsub-exit\nout\nmain-exit\n"},
		{name: "subshell-exit-status", script: `(trap 'echo sub-exit $?' EXIT; exit 3); echo out $?`, out: "sub-exit 3\nout 3\n"},
		{name: "subshell-exit-in-pipeline", script: `(trap "echo sub-exit" EXIT; echo in) | cat`, out: "in\nsub-exit\n"},
		{name: "subshell-exit-background", script: `true && (trap "echo bg-exit" EXIT; echo bg) & wait`, out: "bg\nbg-exit\n"},
		{name: "subshell-list-then-reset", script: `trap "echo x" USR1; (trap - USR1; trap); echo ---; (trap)`, out: "---\ntrap -- 'echo x' SIGUSR1\n"},
		{name: "subshell-signal-to-parent", script: `trap "echo x" USR1; (kill -USR1 $$; echo sub-after); echo main`, out: "sub-after\nx\nmain\n"},
		{name: "subshell-ignored-kept", script: `trap "" TERM; (grep SigIgn /proc/self/status)`, out: "SigIgn:\t0000000000004000\n"},
		{name: "subshell-caught-reset", script: `trap "echo x" TERM; (grep SigIgn /proc/self/status; trap)`, out: "SigIgn:\t0000000000000000\ntrap -- 'echo x' SIGTERM\n"},
		{name: "subshell-err-not-inherited", script: `trap "echo e" ERR; (false; echo in); echo after`, out: "in\nafter\n"},

		{name: "chld-each-child", script: `trap "echo chld" CHLD; sleep 0.2 & sleep 0.5 & wait; echo w=$?`, out: "chld\nchld\nw=0\n"},
		{name: "chld-after-command", script: `trap "echo chld" CHLD; sleep 0.1; echo done; /bin/true; echo end`, out: "chld\ndone\nchld\nend\n"},
		{name: "background-traps-quit", script: `true && { trap "echo q" QUIT; sh -c "kill -QUIT \$PPID"; echo after; } & wait`, out: "q\nafter\n"},
		{name: "background-ignores-quit", script: `true && { sh -c "kill -QUIT \$PPID; kill -INT \$PPID"; echo after; } & wait $!; echo st=$?`, out: "after\nst=0\n"},

		// Functions: ERR and DEBUG are not inherited; RETURN runs after a
		// . file, and after a function that set it.
		{name: "err-function", script: `trap 'echo err $?' ERR; f() { false; echo still; return 2; }; f; echo end`, out: "still\nerr 2\nend\n"},
		{name: "debug", script: `trap "echo dbg" DEBUG; echo a; f() { echo inf; }; f`, out: "dbg\na\ndbg\ninf\n"},
		{name: "return-source", script: `trap "echo ret" RETURN; f() { :; }; f; . ./r.sh`, files: map[string]string{"r.sh": "echo in-file\n"}, out: "in-file\nret\n"},
		{name: "return-function", script: `g() { trap "echo gret" RETURN; echo in-g; return 3; }; g; echo after $?`, out: "in-g\ngret\nafter 3\n"},
		{name: "exit-in-function", script: `trap "echo bye" EXIT; f() { exit 4; }; f; echo no`, out: "bye\n", status: 4},
		{name: "handler-in-loop", script: `trap "echo usr1" USR1; for i in 1 2; do kill -USR1 $$; echo $i; done`, out: "usr1\n1\nusr1\n2\n"},

		// Errors.
		{name: "bad-signal", script: `trap x FOO INT; echo $?; trap -p`, out: "1\ntrap -- 'x' SIGINT\n", err: "gosh: line 1: trap: FOO: invalid signal specification\n"},
		{name: "bad-p", script: `trap -p FOO`, status: 1, err: "gosh: line 1: trap: FOO: invalid signal specification\n"},
		{name: "usage-one-word", script: `trap foo`, status: 2, err: "trap: usage: trap [-lp] [[arg] signal_spec ...]\n"},
		{name: "usage-option", script: `trap -z`, status: 2, err: "gosh: line 1: trap: -z: invalid option\ntrap: usage: trap [-lp] [[arg] signal_spec ...]\n"},
		{name: "usage-dash-alone", script: `trap -`, status: 2, errAny: true},

		// Ignored signals reach children.
		{name: "ignored-child", script: `trap "" INT QUIT; grep SigIgn /proc/self/status`, out: "SigIgn:\t0000000000000006\n"},
		{name: "ignored-shell", script: `trap "" USR1; kill -USR1 $$; echo alive`, out: "alive\n"},
		{name: "caught-child-default", script: `trap "echo x" INT USR1; grep SigIgn /proc/self/status`, out: "SigIgn:\t0000000000000000\n"},
		{name: "unignored-child", script: `trap "" TERM; trap - TERM; grep SigIgn /proc/self/status`, out: "SigIgn:\t0000000000000000\n"},
		{name: "ignored-in-substitution", script: `x=$(trap "" TERM; grep SigIgn /proc/self/status); echo "$x"; grep SigIgn /proc/self/status`,
			out: "SigIgn:\t0000000000004000\nSigIgn:\t0000000000000000\n"},
		// Accepted difference: bash ignores SIGINT and SIGQUIT in a
		// background list's own process but starts the commands inside
		// it with them at their defaults (0x4000 here); gosh follows
		// POSIX 2.11, as dash does: the whole job ignores them.
		{name: "ignored-in-background-list", script: `trap "" TERM; true && grep SigIgn /proc/self/status & wait`, out: "SigIgn:\t0000000000004006\n", goshOnly: true},
		{name: "caught-reset-in-background-list", script: `trap "echo parent" USR1; true && sh -c "kill -USR1 \$PPID" & wait $!; echo st=$?`, out: "st=138\n"},
	})
}

// TestTrapBackgroundIgnoresInterrupt: without job control, a background
// job starts with SIGINT and SIGQUIT ignored (POSIX 2.11); with job
// control (set -m) it does not.
func TestTrapBackgroundIgnoresInterrupt(t *testing.T) {
	for _, c := range []struct {
		script string
		want   uint64
	}{
		{"sleep 7.5 & echo $!; wait", 1<<(syscall.SIGINT-1) | 1<<(syscall.SIGQUIT-1)},
		{"set -m; sleep 7.5 & echo $!; wait", 0},
		{"trap '' INT; sleep 7.5 & echo $!; wait", 1<<(syscall.SIGINT-1) | 1<<(syscall.SIGQUIT-1)},
		// With INT trapped the shell cannot ignore it even for the fork:
		// the job goes through a gosh that ignores both, then execs.
		{"trap 'echo x' INT; sleep 7.5 & echo $!; wait", 1<<(syscall.SIGINT-1) | 1<<(syscall.SIGQUIT-1)},
		{"trap '' TERM; sleep 7.5 & echo $!; wait", 1<<(syscall.SIGINT-1) | 1<<(syscall.SIGQUIT-1) | 1<<(syscall.SIGTERM-1)},
	} {
		t.Run(c.script, func(t *testing.T) {
			done := make(chan struct{})
			go func() {
				defer close(done)
				runShell(t, shellRun{Args: []string{"-c", c.script}})
			}()
			var pid int
			waitFor(t, expectTimeout, "the background sleep", func() bool {
				for _, p := range allProcs() {
					if cmdline(p.Pid) == "sleep 7.5" && ours(p) {
						pid = p.Pid
						return true
					}
				}
				return false
			})
			var ign uint64
			// The job may still be the gosh that sets the signals to
			// SIG_IGN before it execs sleep: poll until the mask settles.
			poll(expectTimeout, func() bool {
				ign, _, _ = sigMasks(pid)
				return ign == c.want
			})
			syscall.Kill(pid, syscall.SIGKILL)
			<-done
			if ign != c.want {
				t.Errorf("SigIgn of the background sleep = %#x, want %#x", ign, c.want)
			}
		})
	}
}

// TestTrapInteractive: at the prompt a trapped signal's handler runs at
// once and the prompt comes back with the text typed so far; SIGINT at the
// prompt still discards the line; Ctrl+Z never stops the shell, whatever
// is trapped; a trap on CHLD leaves the reaper working.
func TestTrapInteractive(t *testing.T) {
	skipUnderReference(t, "bash 5.2 runs a trap that arrives at the prompt only after the line is entered; the issue asks for it at once")
	s := newSession(t)
	s.Run(`trap 'echo got-usr1' USR1`)
	s.Send("echo typed")
	s.Expect("echo typed")
	if err := syscall.Kill(s.Pid, syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	s.Expect("got-usr1")
	// The prompt is drawn again, with the line as it was.
	s.WaitPrompt()
	s.Expect("echo typed")
	s.Send(" more\r")
	s.Expect("typed more")
	s.WaitPrompt()

	// While a foreground job runs, the handler waits for it: it runs
	// after the job, before the next command of the line.
	// (The job lasts long enough to be found alive on a busy machine.)
	s.SendLine("sleep 3; echo job-done")
	sleep := s.ProcByArgs("sleep 3")
	syscall.Kill(s.Pid, syscall.SIGUSR1)
	out := s.WaitPrompt()
	if out != "got-usr1\njob-done\n" {
		t.Errorf("a signal during a job: %q, want the handler's output, then the next command's", out)
	}
	if alive(sleep.Pid) {
		t.Errorf("the prompt came back before the job ended")
	}

	// wait is interrupted: 128+SIGUSR1.
	s.Run("sleep 5 &")
	s.SendLine("wait %1; echo wait=$?")
	s.ProcByArgs("sleep 5")
	// The line's echo does not say that wait has begun: a SIGUSR1 that
	// comes first runs the handler before wait. Send one every 200 ms
	// until wait reports.
	var sent time.Time
	waitFor(t, s.Timeout, "wait to return", func() bool {
		if strings.Contains(s.Pending(), "wait=") {
			return true
		}
		if time.Since(sent) > 200*time.Millisecond {
			syscall.Kill(s.Pid, syscall.SIGUSR1)
			sent = time.Now()
		}
		return false
	})
	if out := s.WaitPrompt(); !strings.Contains(out, "got-usr1") || !strings.Contains(out, "wait=138") {
		t.Errorf("wait with a trapped signal: %q", out)
	}
	s.Run("kill %1; wait")

	// Traps on the job-control signals do not stop or kill the shell.
	s.Run(`trap 'echo got-tstp' TSTP; trap '' INT; trap 'chld=$((chld+1))' CHLD; trap 'echo got-term' TERM`)
	s.Send("\x1a")
	if st := s.Stat(); st.State == 'T' {
		t.Fatal("Ctrl+Z at the prompt stopped the shell")
	}
	syscall.Kill(s.Pid, syscall.SIGTSTP)
	s.Expect("got-tstp")
	s.WaitPrompt()
	if st := s.Stat(); st.State == 'T' {
		t.Fatal("SIGTSTP stopped the shell")
	}
	syscall.Kill(s.Pid, syscall.SIGTERM)
	s.Expect("got-term")
	s.WaitPrompt()

	// Ctrl+C at the prompt still discards the line, even with INT ignored.
	s.Send("echo discarded")
	s.Expect("discarded")
	s.Send("\x03")
	if after := s.WaitPrompt(); strings.Contains(after, "discarded\n") {
		t.Errorf("the discarded line ran: %q", after)
	}
	// A foreground job of the interactive shell starts with INT ignored.
	if out := s.Run("grep SigIgn /proc/self/status"); out != "SigIgn:\t0000000000000002\n" {
		t.Errorf("a job after trap '' INT: %q", out)
	}
	// The reaper still collects children with CHLD trapped, and the
	// handler runs for them.
	out = s.Run("sleep 0.1; echo reaped")
	if !strings.Contains(out, "reaped") {
		t.Errorf("a job with CHLD trapped: %q", out)
	}
	if out := s.Run(`[ "$chld" -gt 0 ] && echo chld-ran`); out != "chld-ran\n" {
		t.Errorf("the CHLD handler did not run: %q", out)
	}
	s.Run("sleep 0.2 &")
	waitFor(t, expectTimeout, "the background sleep to be reaped", func() bool {
		for _, c := range children(s.Pid) {
			if st, err := readStat(c); err == nil && st.State == 'Z' {
				return false
			}
		}
		return len(children(s.Pid)) == 0
	})
	s.Run(`trap - TSTP INT CHLD TERM`)

	// The EXIT trap runs when the interactive shell exits.
	s.SendLine(`trap 'echo bye-bye' EXIT; exit 4`)
	s.Expect("bye-bye")
	if !s.Exited(expectTimeout) {
		t.Fatal("the shell did not exit")
	}
	if st := s.cmd.ProcessState.ExitCode(); st != 4 {
		t.Errorf("exit status %d, want 4", st)
	}
}

// TestTrapInteractiveChildren: an interactive shell never ignores its
// job-control signals itself, so children started after trap ” INT are
// told to ignore it through a gosh that sets SIG_IGN and execs them.
func TestTrapInteractiveChildren(t *testing.T) {
	s := newSession(t)
	if out := s.Run("grep SigIgn /proc/self/status"); out != "SigIgn:\t0000000000000000\n" {
		t.Fatalf("before: %q", out)
	}
	s.Run(`trap '' QUIT TERM`)
	want := fmt.Sprintf("SigIgn:\t%016x\n", 1<<(syscall.SIGQUIT-1)|1<<(syscall.SIGTERM-1))
	if out := s.Run("grep SigIgn /proc/self/status"); out != want {
		t.Errorf("after trap '' QUIT TERM: %q, want %q", out, want)
	}
	// The shell itself still catches them (bash ignores them itself).
	if s.Name != "gosh" {
		return
	}
	ign, _, err := sigMasks(s.Pid)
	if err != nil {
		t.Fatal(err)
	}
	if ign != 0 {
		t.Errorf("the interactive shell's own SigIgn = %#x, want 0", ign)
	}
}

// TestTrapStopJob: with SIGTSTP trapped, Ctrl+Z still stops the
// foreground job (the signal goes to the job's group, not to the shell),
// and the shell itself is never stopped.
func TestTrapStopJob(t *testing.T) {
	s := newSession(t)
	s.Run(`trap 'echo got-tstp' TSTP`)
	s.SendLine("sleep 30")
	p := s.ProcByArgs("sleep 30")
	s.WaitForeground(p.Pgrp)
	s.Send("\x1a")
	if out := s.WaitPrompt(); !strings.Contains(out, "Stopped") || strings.Contains(out, "got-tstp") {
		t.Errorf("Ctrl+Z on a job with TSTP trapped: %q", out)
	}
	if st := s.Stat(); st.State == 'T' {
		t.Fatal("the shell is stopped")
	}
	s.Run("kill -9 %1")
	waitFor(t, expectTimeout, "the stopped sleep to end", func() bool { return !alive(p.Pid) })
}

// TestTrapPlainEditor: with TERM=dumb (no line editor) a trapped signal at
// the prompt also runs at once, and the prompt comes back.
func TestTrapPlainEditor(t *testing.T) {
	s := startSession(t, sessionConfig{Term: "dumb"})
	s.WaitPrompt()
	s.Run(`trap 'echo got-usr1' USR1`)
	if err := syscall.Kill(s.Pid, syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	if out := s.WaitPrompt(); !strings.Contains(out, "got-usr1") {
		t.Errorf("a trapped signal at a plain prompt: %q", out)
	}
	if out := s.Run("echo after"); out != "after\n" {
		t.Errorf("after the handler: %q", out)
	}
}

// TestTrapExitOnHangup: the EXIT trap runs when the terminal hangs up, and
// when a script's shell dies of SIGHUP.
func TestTrapExitOnHangup(t *testing.T) {
	s := newSession(t)
	s.Run(`trap 'echo bye > exit.out' EXIT`)
	s.HangUp()
	if !s.Exited(expectTimeout) {
		t.Fatal("the shell did not exit on hangup")
	}
	out := filepath.Join(s.Dir, "exit.out")
	waitFor(t, expectTimeout, "the EXIT trap's file", func() bool {
		data, err := os.ReadFile(out)
		return err == nil && string(data) == "bye\n"
	})

	runRows(t, []row{
		{name: "script-hup", script: `trap "echo bye" EXIT; kill -HUP $$; echo no`, out: "bye\n", status: 129},
		{name: "script-hup-trapped", script: `trap "echo hup" HUP; trap "echo bye" EXIT; kill -HUP $$; echo yes`, out: "hup\nyes\nbye\n"},
	})
}

// TestTrapIntAtPrompt: Ctrl+C at the prompt discards the line and, with
// INT trapped, runs the handler before the next prompt, as bash does.
func TestTrapIntAtPrompt(t *testing.T) {
	skipUnderReference(t, "bash draws its prompt after the handler with readline's own sequences, which the prompt matcher does not follow")
	s := newSession(t)
	s.Run(`trap 'echo got-int' INT`)
	s.Send("echo discarded")
	s.Expect("discarded")
	s.Send("\x03")
	after := s.WaitPrompt()
	if !strings.Contains(after, "got-int") || strings.Contains(after, "discarded\n") {
		t.Errorf("Ctrl+C at the prompt with INT trapped: %q", after)
	}
	if out := s.Run("echo next"); out != "next\n" {
		t.Errorf("after the handler: %q", out)
	}
}

// TestTrapHangupTrapped: with HUP trapped, SIGHUP runs the handler and the
// interactive shell goes on; when the terminal then goes away, the shell
// exits and runs its EXIT trap.
func TestTrapHangupTrapped(t *testing.T) {
	skipUnderReference(t, "bash 5.2 runs a trap that arrives at the prompt only after the line is entered; the issue asks for it at once")
	s := newSession(t)
	s.Run(`trap 'echo got-hup' HUP; trap 'echo bye > exit.out' EXIT`)
	if err := syscall.Kill(s.Pid, syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	s.Expect("got-hup")
	s.WaitPrompt()
	if out := s.Run("echo alive"); out != "alive\n" {
		t.Errorf("after a trapped SIGHUP: %q", out)
	}
	s.HangUp()
	if !s.Exited(expectTimeout) {
		t.Fatal("the shell did not exit when the terminal went away")
	}
	waitFor(t, expectTimeout, "the EXIT trap's file", func() bool {
		data, err := os.ReadFile(filepath.Join(s.Dir, "exit.out"))
		return err == nil && string(data) == "bye\n"
	})
}

// TestTrapIgnoredIntInWait: with trap "" INT, Ctrl+C does not interrupt
// the wait builtin of an interactive shell.
func TestTrapIgnoredIntInWait(t *testing.T) {
	s := newSession(t)
	s.Run(`trap '' INT`)
	// The job lasts long enough to be found alive on a busy machine.
	s.Run("sleep 3 &")
	s.SendLine("wait; echo wait=$?")
	s.ProcByArgs("sleep 3")
	syscall.Kill(s.Pid, syscall.SIGINT)
	if out := s.WaitPrompt(); !strings.Contains(out, "wait=0") {
		t.Errorf("wait with INT ignored, after SIGINT: %q", out)
	}
}

// skipUnderReference skips an interactive test whose expectation is the
// issue's rather than bash's, when the tests run against bash.
func skipUnderReference(t *testing.T, why string) {
	t.Helper()
	if ref := os.Getenv("GOSH_TEST_REFERENCE"); ref != "" {
		t.Skipf("%s differs: %s", ref, why)
	}
}
