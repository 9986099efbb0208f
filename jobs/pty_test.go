//go:build linux

package jobs

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// The terminal tests need a shell whose controlling terminal is a pty. The
// test binary re-executes itself as that shell (the "helper"): it makes a
// new session on the pty, runs InitInteractive and a few jobs, and says
// what it observed on the terminal; the test plays the user at the pty's
// master side (typing Ctrl+Z, input, Ctrl+D).

const (
	helperEnv   = "GOSH_JOBS_PTY_HELPER"
	bgShellEnv  = "GOSH_JOBS_BG_SHELL"
	helperLimit = 30 * time.Second
)

func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == NohupFlag { // the test binary plays gosh for nohup
		status, err := NohupExec(os.Args[2:])
		fmt.Fprintln(os.Stderr, err)
		os.Exit(status)
	}
	if os.Getenv(bgShellEnv) != "" { // before helperEnv, which it inherits
		os.Exit(bgShell())
	}
	if os.Getenv(helperEnv) != "" {
		os.Exit(ptyHelper())
	}
	if os.Getenv(selfCoreEnv) != "" {
		os.Exit(selfCore())
	}
	os.Exit(m.Run())
}

// bgShell is an interactive shell started in the background, and not as a
// group leader: InitInteractive must stop it until it is made foreground,
// then put it in a group of its own and take the terminal.
func bgShell() int {
	tty, err := unix.Open("/dev/tty", unix.O_RDWR|unix.O_CLOEXEC, 0)
	if err != nil {
		fmt.Printf("BGSHELL FAIL %v\n", err)
		return 1
	}
	old := unix.Getpgrp()
	wasLeader := old == os.Getpid()
	tb := New(Config{JobControl: true, TTY: tty, Stderr: os.Stderr})
	err = tb.InitInteractive()
	fg, _ := unix.IoctlGetInt(tty, unix.TIOCGPGRP)
	fmt.Printf("BGSHELL err=%v wasleader=%v leader=%v fg=%v\n", err, wasLeader, unix.Getpgrp() == os.Getpid(), fg == os.Getpid())
	unix.Kill(-old, unix.SIGTERM) // end the rest of the job it was started in
	return 0
}

// ptyHelper is the interactive shell side of TestTerminalInPty. Its stdin,
// stdout and stderr are the pty's slave side.
func ptyHelper() int {
	say := func(format string, args ...any) { fmt.Printf(format+"\n", args...) }
	if _, err := unix.Setsid(); err != nil {
		say("FAIL setsid: %v", err)
		return 1
	}
	if err := unix.IoctlSetInt(0, unix.TIOCSCTTY, 0); err != nil {
		say("FAIL TIOCSCTTY: %v", err)
		return 1
	}
	tty, err := unix.Open("/dev/tty", unix.O_RDWR|unix.O_CLOEXEC, 0)
	if err != nil {
		say("FAIL open /dev/tty: %v", err)
		return 1
	}
	tb := New(Config{JobControl: true, TTY: tty, Stderr: os.Stderr, Self: os.Args[0]})
	time.AfterFunc(helperLimit, func() { // never outlive a failed test
		tb.HangUp()
		os.Exit(3)
	})
	if err := tb.InitInteractive(); err != nil {
		say("FAIL InitInteractive: %v", err)
		return 1
	}
	foreground := func() int { pg, _ := unix.IoctlGetInt(tty, unix.TIOCGPGRP); return pg }

	// 1. A three-stage pipeline in the foreground: one group, and the
	// group owns the terminal as soon as Launch returns.
	r1, w1, _ := tb.Pipe()
	r2, w2, _ := tb.Pipe()
	cat := func(in, out int) Stage {
		return Stage{Path: "/bin/cat", Argv: []string{"cat"}, Env: os.Environ(), Files: []int{in, out, 2}}
	}
	j, err := tb.Launch([]Stage{cat(0, w1), cat(r1, w2), cat(r2, 1)}, "cat | cat | cat", true)
	for _, fd := range []int{r1, w1, r2, w2} {
		unix.Close(fd)
	}
	if err != nil {
		say("FAIL Launch: %v", err)
		return 1
	}
	sameGroup := true
	for _, pid := range j.Pids() {
		data, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		s := string(data)
		fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		if fields[2] != fmt.Sprint(j.Pgid()) {
			sameGroup = false
		}
	}
	say("READY1 fg=%v group=%v leader=%v", foreground() == j.Pgid(), sameGroup, j.Pgid() == j.Pids()[0])
	st := tb.WaitForeground(j)
	say("STOPPED status=%d shellfg=%v", st, foreground() == unix.Getpgrp())
	st = tb.Foreground(j)
	say("DONE status=%d shellfg=%v", st, foreground() == unix.Getpgrp())

	// 2. Children of an interactive shell (which catches many signals)
	// start with no signal ignored or blocked.
	j, _ = tb.Launch([]Stage{{Path: "/bin/sleep", Argv: []string{"sleep", "30"}, Files: []int{0, 1, 2}}}, "sleep 30", false)
	pid := j.Pids()[0]
	var ign, blk string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		if strings.TrimSpace(string(comm)) == "sleep" {
			break
		}
	}
	status, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "SigIgn:"); ok {
			ign = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "SigBlk:"); ok {
			blk = strings.TrimSpace(v)
		}
	}
	tb.Signal(j, unix.SIGKILL)
	tb.WaitJob(context.Background(), j)
	tb.Report()
	say("SIGS ign=%s blk=%s", ign, blk)

	// 3. Per-job terminal modes: a job that turns echo off and stops keeps
	// its modes for fg; the shell gets its own back meanwhile.
	echoOn := func() bool { tm, _ := unix.IoctlGetTermios(tty, unix.TCGETS); return tm.Lflag&unix.ECHO != 0 }
	j, _ = tb.Launch([]Stage{{Path: "/bin/sh", Argv: []string{"sh", "-c", "stty -echo; kill -TSTP $$; stty -a | grep -o -- '-echo '; stty echo"},
		Env: os.Environ(), Files: []int{0, 1, 2}}}, "modes", true)
	st = tb.WaitForeground(j)
	say("MODES status=%d shell-echo=%v job-echo=%v", st, echoOn(), j.tmodes != nil && j.tmodes.Lflag&unix.ECHO != 0)
	st = tb.Foreground(j)
	say("MODESDONE status=%d echo=%v", st, echoOn())

	// 4. An interactive shell started in the background as the second
	// stage of a pipeline stops itself (SIGTTIN) until fg.
	r, w, _ := tb.Pipe()
	j, _ = tb.Launch([]Stage{
		{Path: "/bin/cat", Argv: []string{"cat"}, Files: []int{r, 1, 2}},
		{Path: os.Args[0], Argv: []string{os.Args[0]}, Env: append(os.Environ(), bgShellEnv+"=1"), Files: []int{0, 1, 2}},
	}, "cat | bgshell", false)
	unix.Close(r)
	for deadline := time.Now().Add(10 * time.Second); j.State() != Stopped && time.Now().Before(deadline); time.Sleep(time.Millisecond) {
	}
	say("BGSTOPPED %s", strings.TrimSpace(tb.Format(j, false)))
	st = tb.Foreground(j)
	unix.Close(w)
	say("BGDONE status=%d shellfg=%v", st, foreground() == unix.Getpgrp())

	// Keep the terminal open until the test has read everything: output
	// still in the pty may be lost when its last slave fd closes.
	say("END")
	unix.Read(0, make([]byte, 1))
	return 0
}

func TestTerminalInPty(t *testing.T) {
	master, slave, err := pty.Open()
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer master.Close()
	out := &syncBuffer{}
	go io.Copy(out, master)

	tb, _ := newTable(t, false)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	s := int(slave.Fd())
	helper, err := tb.Launch([]Stage{{Path: exe, Argv: []string{exe}, Env: append(os.Environ(), helperEnv+"=1"),
		Files: []int{s, s, s}}}, "helper", false)
	slave.Close()
	if err != nil {
		t.Fatal(err)
	}
	expect := func(what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		graced := false
		for !strings.Contains(out.String(), what) {
			if !graced && helper.State() == Done {
				// The helper is gone; what it wrote may still be on its way
				// through the pty.
				deadline, graced = time.Now().Add(time.Second), true
			}
			if time.Now().After(deadline) {
				t.Fatalf("terminal never showed %q; it shows:\n%s", what, out.String())
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	expect("READY1 fg=true group=true leader=true")
	master.Write([]byte{0x1a}) // Ctrl+Z
	expect("[1]+  Stopped                 cat | cat | cat\r\n")
	expect("STOPPED status=148 shellfg=true\r\ncat | cat | cat\r\n") // fg prints the job's text
	master.Write([]byte("hello\n"))
	expect("hello\r\nhello\r\n") // the echo, then the pipeline's output
	master.Write([]byte{0x04})   // Ctrl+D: end of input
	expect("DONE status=0 shellfg=true")
	expect("SIGS ign=0000000000000000 blk=0000000000000000")
	expect("MODES status=148 shell-echo=true job-echo=false")
	expect("-echo ")
	expect("MODESDONE status=0 echo=true")
	expect("BGSTOPPED [1]+  Stopped (tty input)     cat | bgshell")
	expect("BGSHELL err=<nil> wasleader=false leader=true fg=true")
	expect("BGDONE status=0 shellfg=true")
	expect("END")
	master.Write([]byte("\n"))
	if st := tb.WaitJob(ctxTimeout(t), helper); st != 0 {
		t.Errorf("helper exited %d; terminal:\n%s", st, out.String())
	}
}
