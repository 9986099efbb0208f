// Command rlimit is a helper for the resource-limit tests of gosh, like
// prlimit(1): it sets resource limits on itself with setrlimit(2), can take
// on another user id (as root only: root is not held to RLIMIT_NPROC), and
// then executes the program it is given, which inherits the limits.
//
//	rlimit [-nproc N] [-nofile N] [-uid U] [-cpu C] -- PROGRAM [ARG...]
//
// -cpu runs the program on CPU C alone (sched_setaffinity), so that its Go
// runtime starts with one P, as on a machine with one CPU.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

func main() {
	nproc := flag.Int("nproc", -1, "RLIMIT_NPROC (ulimit -u)")
	nofile := flag.Int("nofile", -1, "RLIMIT_NOFILE (ulimit -n)")
	uid := flag.Int("uid", -1, "user and group id to run as")
	cpu := flag.Int("cpu", -1, "the one CPU to run on")
	flag.Parse()
	// The affinity set below is the calling thread's, and execve keeps
	// the calling thread's: both on this one.
	runtime.LockOSThread()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: rlimit [-nproc N] [-nofile N] [-uid U] -- PROGRAM [ARG...]")
		os.Exit(2)
	}
	set := func(res int, n int) {
		if n < 0 {
			return
		}
		lim := syscall.Rlimit{Cur: uint64(n), Max: uint64(n)}
		if err := syscall.Setrlimit(res, &lim); err != nil {
			fmt.Fprintf(os.Stderr, "rlimit: setrlimit(%d, %d): %v\n", res, n, err)
			os.Exit(1)
		}
	}
	path, err := exec.LookPath(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "rlimit:", err)
		os.Exit(127)
	}
	set(syscall.RLIMIT_NOFILE, *nofile)
	if *uid >= 0 {
		if err := syscall.Setgroups(nil); err != nil {
			fmt.Fprintln(os.Stderr, "rlimit: setgroups:", err)
			os.Exit(1)
		}
		// Go's Setgid and Setuid change every thread of the process.
		if err := syscall.Setgid(*uid); err != nil {
			fmt.Fprintln(os.Stderr, "rlimit: setgid:", err)
			os.Exit(1)
		}
		if err := syscall.Setuid(*uid); err != nil {
			fmt.Fprintln(os.Stderr, "rlimit: setuid:", err)
			os.Exit(1)
		}
	}
	if *cpu >= 0 {
		var cpus unix.CPUSet
		cpus.Set(*cpu)
		if err := unix.SchedSetaffinity(0, &cpus); err != nil {
			fmt.Fprintln(os.Stderr, "rlimit: sched_setaffinity:", err)
			os.Exit(1)
		}
	}
	set(6 /* RLIMIT_NPROC */, *nproc)
	err = syscall.Exec(path, flag.Args(), os.Environ())
	fmt.Fprintln(os.Stderr, "rlimit: exec:", err)
	os.Exit(126)
}
