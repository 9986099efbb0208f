// Command hostname is a helper for the prompt tests of gosh: it runs a
// program in a new UTS namespace (root only) whose host name is the one it
// is given, which may hold any bytes, control characters too (hostname(1)
// refuses those).
//
//	hostname NAME PROGRAM [ARG...]
package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: hostname NAME PROGRAM [ARG...]")
		os.Exit(2)
	}
	// A namespace belongs to a thread: this one unshares it, names the
	// host and executes the program, which keeps the namespace.
	runtime.LockOSThread()
	if err := syscall.Unshare(syscall.CLONE_NEWUTS); err != nil {
		fmt.Fprintln(os.Stderr, "hostname: unshare:", err)
		os.Exit(1)
	}
	if err := syscall.Sethostname([]byte(os.Args[1])); err != nil {
		fmt.Fprintln(os.Stderr, "hostname: sethostname:", err)
		os.Exit(1)
	}
	path, err := exec.LookPath(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostname:", err)
		os.Exit(127)
	}
	err = syscall.Exec(path, os.Args[2:], os.Environ())
	fmt.Fprintln(os.Stderr, "hostname: exec:", err)
	os.Exit(126)
}
