// Command orphan makes an orphan process on purpose, for the gosh labs.
//
//	orphan [seconds]
//
// The parent starts a child and exits after one second. The child prints
// its parent's pid, waits until its parent has died, prints its parent's
// pid again, and lives on for the given number of seconds (default 30).
// The second pid is that of the process that adopted it: init (1), or the
// nearest ancestor that made itself a "child subreaper" (systemd --user,
// a container's init).
//
// Go has no bare fork, so the child is this same program started again
// with syscall.ForkExec and a hidden argument.
package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"

	"gosh/cmd/internal/helperlang"
)

const childFlag = "--orphan-child"

func main() {
	if len(os.Args) > 2 && os.Args[1] == childFlag {
		child(os.Args[2])
		return
	}
	seconds := 30
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 0 {
			fmt.Fprintln(os.Stderr, "usage: orphan [seconds]")
			os.Exit(2)
		}
		seconds = n
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "orphan:", err)
		os.Exit(1)
	}
	pid, err := syscall.ForkExec(self, []string{"orphan", childFlag, strconv.Itoa(seconds)}, &syscall.ProcAttr{
		Env:   os.Environ(), // the child speaks the same language (LANG)
		Files: []uintptr{0, 1, 2},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "orphan: fork+exec:", err)
		os.Exit(1)
	}
	fmt.Printf(helperlang.Pick(
		"orphan: parent %d started child %d and exits in 1 s without waiting for it.\n",
		"orphan: 부모(pid %d)가 자식(pid %d)을 시작했다. 자식을 기다리지 않고 1초 뒤에 종료한다.\n"),
		os.Getpid(), pid)
	time.Sleep(time.Second)
	fmt.Printf(helperlang.Pick("orphan: parent %d exits now.\n", "orphan: 부모(pid %d)가 지금 종료한다.\n"), os.Getpid())
}

// child reports its parent before and after the parent's death.
func child(secondsArg string) {
	seconds, _ := strconv.Atoi(secondsArg)
	first := os.Getppid()
	fmt.Printf(helperlang.Pick("orphan: child %d: my parent is %d.\n", "orphan: 자식(pid %d): 부모의 pid는 %d.\n"), os.Getpid(), first)
	deadline := time.Now().Add(5 * time.Second)
	for os.Getppid() == first && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	fmt.Printf(helperlang.Pick(
		"orphan: child %d: my parent is now %d (I was adopted). I live %d s more.\n",
		"orphan: 자식(pid %d): 이제 부모의 pid는 %d (입양된 고아다). %d초 더 산다.\n"),
		os.Getpid(), os.Getppid(), seconds)
	time.Sleep(time.Duration(seconds) * time.Second)
}
