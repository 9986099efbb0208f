package jobs

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"gosh/jobs/lazy"
)

// LowProcessLimit: below this ulimit -u, gosh counts the processes and
// threads in use before it needs more of them (cmd/gosh at start-up, and
// before it starts another gosh).
const LowProcessLimit = 1024

// goshStartThreads is the room gosh wants before it starts another gosh
// (a child gosh, a helper). A gosh process needs three threads before any
// of its own code runs (the Go runtime's first thread, sysmon, one while
// the runtime starts; one P: goshChildAttr); with less room it dies inside
// the runtime, with a goroutine dump. Then it reserves ScriptThreads
// (ReserveThreads), and its first command needs one more place; with
// less room the start fails as a fork does (see forkExec).
const goshStartThreads = ScriptThreads + 1

// ProcessRoom reports how many more processes and threads this user may
// have under RLIMIT_NPROC (ulimit -u), when that limit is low; low is false
// when it is not (or for root, which the kernel does not hold to it), and
// room is then meaningless.
func ProcessRoom() (room int, low bool) {
	limit, low := processLimit()
	if !low {
		return 0, false
	}
	used, _ := userThreads(unix.Getuid())
	return limit - used, true
}

// roomForFork is the room left under a low ulimit -u for one more process
// (as ProcessRoom), once the threads that gosh processes of this user may
// still make are set aside: this gosh's missing reserve (missingThreads),
// and ScriptThreads less the threads of each other gosh that has fewer (a
// child gosh, still starting or short of its reserve). A process that
// takes that room could make a gosh's Go runtime fail to create a thread,
// which ends it with a stack dump.
func roomForFork() (room int, low bool) {
	limit, low := processLimit()
	if !low {
		return 0, false
	}
	used, pending := userThreads(unix.Getuid())
	return limit - used - pending - missingThreads(), true
}

// LowProcessLimitSet reports whether ulimit -u is low (below
// LowProcessLimit, and not root), without counting what is in use:
// cheap enough to be the first thing gosh looks at.
func LowProcessLimitSet() bool {
	_, low := processLimit()
	return low
}

// processLimit is RLIMIT_NPROC's soft limit, and whether it is low.
func processLimit() (int, bool) {
	var lim unix.Rlimit
	if unix.Getuid() == 0 || unix.Getrlimit(unix.RLIMIT_NPROC, &lim) != nil || lim.Cur >= LowProcessLimit {
		return 0, false
	}
	return int(lim.Cur), true
}

// userThreads counts the processes and threads whose real user is uid:
// what RLIMIT_NPROC limits; and pending, the threads that the other gosh
// processes among them may still make (see roomForFork).
func userThreads(uid int) (total, pending int) {
	dir, err := os.ReadDir("/proc")
	if err != nil {
		return 0, 0
	}
	self := os.Getpid()
	for _, e := range dir {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		path := "/proc/" + e.Name() + "/status"
		if u, ok := StatusField(path, "Uid:"); ok && u == uid {
			if n, ok := StatusField(path, "Threads:"); ok {
				total += n
				if n < ScriptThreads && pid != self && isGosh(pid) {
					pending += ScriptThreads - n
				}
			}
		}
	}
	return total, pending
}

// isGosh reports whether process pid runs the same program as this one
// (its /proc/PID/exe names the same file).
func isGosh(pid int) bool {
	exe, err := os.Readlink("/proc/" + strconv.Itoa(pid) + "/exe")
	return err == nil && exe == selfExe()
}

// selfExe is this process's /proc/self/exe, read once.
func selfExe() string { return selfExeValue.Get() }

var selfExeValue = lazy.Value[string]{Build: func() string {
	exe, _ := os.Readlink("/proc/self/exe")
	return exe
}}

// StatusField reads the first number after key in a /proc status file.
func StatusField(path, key string) (int, bool) {
	v, ok := StatusText(path, key)
	if !ok {
		return 0, false
	}
	f := strings.Fields(v)
	if len(f) == 0 {
		return 0, false
	}
	n, err := strconv.Atoi(f[0])
	return n, err == nil
}

// StatusText reads what follows key ("State:", "ShdPnd:") on its line of a
// /proc status file, without the spaces around it.
func StatusText(path, key string) (string, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", false
	}
	i := bytes.Index(data, []byte("\n"+key))
	if i < 0 {
		return "", false
	}
	rest := data[i+1+len(key):]
	if j := bytes.IndexByte(rest, '\n'); j >= 0 {
		rest = rest[:j]
	}
	return strings.TrimSpace(string(rest)), true
}
