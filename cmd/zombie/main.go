// Command zombie makes a zombie process on purpose, for the gosh labs.
//
//	zombie [seconds]
//
// It starts a child that exits at once, then does not wait for it for the
// given number of seconds (default 30). Meanwhile the child is a zombie:
// dead, but still in the process table with its exit status, shown by ps,
// procs and ptree as "<defunct>" with state Z. Then zombie calls wait4,
// which reaps the child (the zombie disappears), prints the status it
// collected, and exits.
//
// Go has no bare fork, so the child is this same program started again
// with syscall.ForkExec and a hidden argument that makes it exit at once.
package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"

	"gosh/cmd/internal/helperlang"
)

const childFlag = "--zombie-child"

func main() {
	if len(os.Args) > 1 && os.Args[1] == childFlag {
		os.Exit(7) // the child: exit at once, with a status the parent will see
	}
	seconds := 30
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 0 {
			fmt.Fprintln(os.Stderr, "usage: zombie [seconds]")
			os.Exit(2)
		}
		seconds = n
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "zombie:", err)
		os.Exit(1)
	}
	pid, err := syscall.ForkExec(self, []string{"zombie", childFlag}, &syscall.ProcAttr{
		Files: []uintptr{0, 1, 2},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "zombie: fork+exec:", err)
		os.Exit(1)
	}
	fmt.Printf(helperlang.Pick(
		"zombie: parent %d started child %d; the child exits now, and I will not wait for it for %d s.\n",
		"zombie: 부모(pid %d)가 자식(pid %d)을 시작했다. 자식은 곧 종료하지만 부모는 %d초 동안 wait하지 않는다.\n"),
		os.Getpid(), pid, seconds)
	fmt.Printf(helperlang.Pick(
		"zombie: meanwhile child %d is a zombie: look with procs or ptree (state Z, <defunct>).\n",
		"zombie: 그동안 자식(pid %d)은 좀비다: procs나 ptree로 보자(상태 Z, <defunct>).\n"), pid)
	time.Sleep(time.Duration(seconds) * time.Second)

	var ws syscall.WaitStatus
	got, err := syscall.Wait4(pid, &ws, 0, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "zombie: wait4:", err)
		os.Exit(1)
	}
	fmt.Printf(helperlang.Pick(
		"zombie: wait4(%d) = %d: exited %d; the zombie is reaped.\n",
		"zombie: wait4(%d) = %d: 종료 상태 %d. 좀비를 수거했다.\n"), pid, got, ws.ExitStatus())
}
