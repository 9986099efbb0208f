package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/creack/pty"
)

// TestInteractiveScriptTakesTerminal: "gosh -i <script" run at a terminal
// has job control, as "bash -i <script" has: with standard input a file,
// the shell takes its standard error as its terminal, or, when that is no
// terminal either, /dev/tty (bash's initialize_job_control). A foreground
// job then gets a process group of its own, which owns the terminal, and
// $- has m; no "no job control in this shell".
func TestInteractiveScriptTakesTerminal(t *testing.T) {
	script := "echo flags=$-\n" +
		// The job's own group owns the terminal: fields 5 (pgrp) and 8
		// (tpgid) of its stat agree, and differ from the shell's group.
		"sh -c 'set -- $(cut -d\" \" -f5,8 /proc/$$/stat); [ \"$1\" = \"$2\" ] && echo fg=own; echo $1 >jobpg'\n" +
		"[ \"$(cat jobpg)\" != \"$(cut -d' ' -f5 /proc/$$/stat)\" ] && echo group=own\n" +
		"echo end-of-script\n" +
		"exit 5\n"
	for _, stderrTTY := range []bool{true, false} {
		name := "stderr-terminal"
		if !stderrTTY {
			name = "dev-tty"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "script")
			if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
				t.Fatal(err)
			}
			in, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			master, slave, err := pty.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer master.Close()
			defer slave.Close()
			errFile, err := os.Create(filepath.Join(dir, "stderr"))
			if err != nil {
				t.Fatal(err)
			}
			defer errFile.Close()
			cmd := exec.Command(requireGosh(t), "--norc", "-i")
			cmd.Dir = dir
			cmd.Env = append(cleanEnv(t.TempDir()), "TERM=xterm", "PS1=")
			cmd.Stdin, cmd.Stdout, cmd.Stderr = in, slave, slave
			if !stderrTTY {
				cmd.Stderr = errFile
			}
			// The pty is the controlling terminal (fd 1 in the child).
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 1, Pdeathsig: syscall.SIGKILL}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			output := collectOutput(master)
			waitErr := make(chan error, 1)
			go func() { waitErr <- cmd.Wait() }()
			var status int
			waitFor(t, expectTimeout, "the shell to exit", func() bool {
				select {
				case <-waitErr:
					status = cmd.ProcessState.ExitCode()
					return true
				default:
					return false
				}
			})
			waitFor(t, expectTimeout, "the script's output", func() bool { return strings.Contains(output(), "end-of-script") })
			out := output()
			errs, _ := os.ReadFile(filepath.Join(dir, "stderr"))
			all := out + string(errs)
			if !strings.Contains(out, "flags=") || !strings.Contains(strings.SplitN(out[strings.Index(out, "flags="):], "\n", 2)[0], "m") {
				t.Errorf("$- has no m: %q", out)
			}
			if !strings.Contains(out, "fg=own") {
				t.Errorf("the foreground job's group does not own the terminal: %q", out)
			}
			if !strings.Contains(out, "group=own") {
				t.Errorf("the foreground job has no process group of its own: %q", out)
			}
			if strings.Contains(all, "no job control") {
				t.Errorf("the shell says it has no job control: %q", all)
			}
			if status != 5 {
				t.Errorf("status %d, want 5; output %q", status, all)
			}
		})
	}
}
