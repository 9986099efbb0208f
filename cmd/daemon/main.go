// Command daemon turns itself into a daemon the classic way, for the gosh
// labs:
//
//		daemon [seconds]
//
//	 1. The program the shell started (the "parent") forks a first child and
//	    waits for it.
//	 2. The first child calls setsid(): it leaves the shell's session and
//	    process group and loses the controlling terminal (TTY "?" in ps).
//	 3. It forks a second child (the double fork) and exits half a second
//	    later: the second child is not a session leader, so it can never
//	    acquire a controlling terminal again, and it is an orphan, adopted
//	    by init (PPID 1) or the nearest child subreaper.
//	 4. The second child, the daemon, changes to /, sets its umask to 0,
//	    puts /dev/null on fds 0, 1 and 2, and lives for the given number of
//	    seconds (default 60).
//
// The parent prints the daemon's pid and exits at once, as a daemon's
// starter does, so the shell's prompt comes back.
//
// Go has no bare fork, so each child is this same program started again
// with syscall.ForkExec and a hidden argument naming its role.
package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"

	"gosh/cmd/internal/helperlang"
)

const (
	firstFlag  = "--daemon-first"
	daemonFlag = "--daemon-second"
)

func main() {
	if len(os.Args) > 2 && os.Args[1] == firstFlag {
		first(os.Args[2])
		return
	}
	if len(os.Args) > 2 && os.Args[1] == daemonFlag {
		daemon(os.Args[2])
		return
	}
	seconds := 60
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 0 {
			fmt.Fprintln(os.Stderr, "usage: daemon [seconds]")
			os.Exit(2)
		}
		seconds = n
	}
	r, w, err := os.Pipe()
	if err != nil {
		fail(err)
	}
	pid, err := start(firstFlag, strconv.Itoa(seconds), []uintptr{0, 1, 2, w.Fd()})
	if err != nil {
		fail(err)
	}
	w.Close()
	// The first child writes the daemon's pid into the pipe.
	buf := make([]byte, 32)
	n, _ := r.Read(buf)
	var ws syscall.WaitStatus
	syscall.Wait4(pid, &ws, 0, nil)
	if n == 0 {
		fmt.Fprintln(os.Stderr, "daemon: the first child did not start the daemon")
		os.Exit(1)
	}
	fmt.Printf(helperlang.Pick(
		"daemon: first child %d called setsid and forked the daemon; the daemon is pid %s\n",
		"daemon: 첫 자식(pid %d)이 setsid를 부르고 데몬을 fork했다. 데몬의 pid: %s\n"), pid, string(buf[:n]))
	fmt.Printf(helperlang.Pick(
		"daemon: look at it with `procs -a` or `ps -o pid,ppid,pgid,sid,tty,stat,comm -p %s`; end it with `kill %s`\n",
		"daemon: `procs -a`나 `ps -o pid,ppid,pgid,sid,tty,stat,comm -p %s`로 살펴보고 `kill %s`로 끝내자\n"),
		string(buf[:n]), string(buf[:n]))
}

// first is the first child: setsid, the second fork, and an exit half a
// second later (so that the labs' /proc sampling sees the daemon with its
// first parent before it is orphaned).
func first(seconds string) {
	if _, err := syscall.Setsid(); err != nil {
		fail(err)
	}
	pid, err := start(daemonFlag, seconds, []uintptr{0, 1, 2})
	if err != nil {
		fail(err)
	}
	pipe := os.NewFile(3, "pipe")
	fmt.Fprint(pipe, pid)
	pipe.Close()
	time.Sleep(500 * time.Millisecond)
	os.Exit(0)
}

// daemon is the second child: no terminal, no session leadership, / as
// its directory, umask 0, /dev/null for its standard fds.
func daemon(seconds string) {
	n, _ := strconv.Atoi(seconds)
	os.Chdir("/")
	syscall.Umask(0)
	if null, err := syscall.Open("/dev/null", syscall.O_RDWR, 0); err == nil {
		for fd := 0; fd < 3; fd++ {
			syscall.Dup2(null, fd)
		}
		if null > 2 {
			syscall.Close(null)
		}
	}
	time.Sleep(time.Duration(n) * time.Second)
}

// start runs this program again with role and seconds, with files as its
// fds.
func start(role, seconds string, files []uintptr) (int, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, err
	}
	return syscall.ForkExec(self, []string{"daemon", role, seconds}, &syscall.ProcAttr{Files: files})
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "daemon:", err)
	os.Exit(1)
}
