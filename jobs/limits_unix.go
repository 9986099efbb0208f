package jobs

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// LowProcessLimit: below this ulimit -u, gosh counts the processes and
// threads in use before it needs more of them (cmd/gosh at start-up, and
// before it starts another gosh).
const LowProcessLimit = 1024

// goshStartThreads is the room gosh wants before it starts another gosh
// (a child gosh, a helper). A gosh process needs two or three threads
// before any of its own code runs (the Go runtime's first thread, sysmon,
// one more with cgo); with less room it dies inside the runtime, with a
// goroutine dump. The other stages of the same pipeline start right after
// it and take room too, so gosh asks for as much as a gosh keeps for itself
// under a low limit (cmd/gosh's shellThreads); with less, the start fails
// as a fork does (see forkExec).
const goshStartThreads = 8

// ProcessRoom reports how many more processes and threads this user may
// have under RLIMIT_NPROC (ulimit -u), when that limit is low; low is false
// when it is not (or for root, which the kernel does not hold to it), and
// room is then meaningless.
func ProcessRoom() (room int, low bool) {
	limit, low := processLimit()
	if !low {
		return 0, false
	}
	return limit - userThreads(unix.Getuid()), true
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
// what RLIMIT_NPROC limits.
func userThreads(uid int) int {
	dir, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	total := 0
	for _, e := range dir {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		path := "/proc/" + e.Name() + "/status"
		if u, ok := StatusField(path, "Uid:"); ok && u == uid {
			if n, ok := StatusField(path, "Threads:"); ok {
				total += n
			}
		}
	}
	return total
}

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
