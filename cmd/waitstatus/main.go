// Command waitstatus runs a command and prints every wait status the
// kernel reports for it, decoded with the macros a C program uses, for the
// gosh labs.
//
//	waitstatus COMMAND [ARG...]
//
// It waits with wait4(pid, WUNTRACED|WCONTINUED), so it also reports
// stops (Ctrl+Z: WIFSTOPPED, WSTOPSIG) and continues (fg: WIFCONTINUED).
// It exits with the status a shell would give: the exit code, or 128 plus
// the signal's number.
//
// Like a shell running system(), it does not die of Ctrl+C or Ctrl+\
// itself: it catches SIGINT and SIGQUIT (a caught signal is reset to the
// default in the child by execve, an ignored one would be inherited) and
// lets the child decide. Ctrl+Z stops both, as they share a process group.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"gosh/cmd/internal/helperlang"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: waitstatus COMMAND [ARG...]")
		os.Exit(2)
	}
	path, err := exec.LookPath(os.Args[1]) // PATH search only; the child is started with ForkExec
	if err != nil {
		fmt.Fprintln(os.Stderr, "waitstatus:", err)
		os.Exit(127)
	}
	signal.Notify(make(chan os.Signal, 4), syscall.SIGINT, syscall.SIGQUIT)

	pid, err := syscall.ForkExec(path, os.Args[1:], &syscall.ProcAttr{
		Env:   os.Environ(),
		Files: []uintptr{0, 1, 2},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "waitstatus: fork+exec:", err)
		os.Exit(126)
	}
	fmt.Fprintf(os.Stderr, helperlang.Pick("waitstatus: started pid %d: %v\n", "waitstatus: pid %d 시작: %v\n"), pid, os.Args[1:])
	for {
		var ws syscall.WaitStatus
		_, err := syscall.Wait4(pid, &ws, syscall.WUNTRACED|syscall.WCONTINUED, nil)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "waitstatus: wait4:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, helperlang.Pick("waitstatus: wait4(%d) status 0x%04x: %s\n", "waitstatus: wait4(%d) 상태 0x%04x: %s\n"),
			pid, uint32(ws), decode(ws))
		switch {
		case ws.Exited():
			os.Exit(ws.ExitStatus())
		case ws.Signaled():
			os.Exit(128 + int(ws.Signal()))
		}
	}
}

// decode spells a wait status out with the C macros.
func decode(ws syscall.WaitStatus) string {
	shell := helperlang.Pick("shell $?", "셸의 $?")
	switch {
	case ws.Exited():
		return fmt.Sprintf("WIFEXITED true, WEXITSTATUS %d  (%s = %d)", ws.ExitStatus(), shell, ws.ExitStatus())
	case ws.Signaled():
		core := "false"
		if ws.CoreDump() {
			core = "true"
		}
		return fmt.Sprintf("WIFSIGNALED true, WTERMSIG %d (%s), WCOREDUMP %s  (%s = %d)",
			int(ws.Signal()), name(ws.Signal()), core, shell, 128+int(ws.Signal()))
	case ws.Stopped():
		return fmt.Sprintf("WIFSTOPPED true, WSTOPSIG %d (%s)  (%s = %d)",
			int(ws.StopSignal()), name(ws.StopSignal()), shell, 128+int(ws.StopSignal()))
	case ws.Continued():
		return "WIFCONTINUED true"
	}
	return "unknown"
}

func name(sig syscall.Signal) string {
	names := map[syscall.Signal]string{
		syscall.SIGHUP: "SIGHUP", syscall.SIGINT: "SIGINT", syscall.SIGQUIT: "SIGQUIT",
		syscall.SIGABRT: "SIGABRT", syscall.SIGKILL: "SIGKILL", syscall.SIGSEGV: "SIGSEGV",
		syscall.SIGPIPE: "SIGPIPE", syscall.SIGTERM: "SIGTERM", syscall.SIGSTOP: "SIGSTOP",
		syscall.SIGTSTP: "SIGTSTP", syscall.SIGTTIN: "SIGTTIN", syscall.SIGTTOU: "SIGTTOU",
		syscall.SIGCONT: "SIGCONT", syscall.SIGUSR1: "SIGUSR1", syscall.SIGUSR2: "SIGUSR2",
	}
	if n, ok := names[sig]; ok {
		return n
	}
	return sig.String()
}
