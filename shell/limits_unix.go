package shell

import (
	"maps"
	"os"
	"strconv"
	"strings"
	"syscall"

	"gosh/builtins"
	"gosh/jobs"
)

// Resource limits for the ulimit builtin, and arithmetic for let: the
// parts of builtins.Shell that only those builtins use.

// Arith evaluates an arithmetic expression as $((...)) does.
func (sh *Shell) Arith(expr string) (int64, error) { return sh.evalArith(expr) }

// Rlimit reads a resource limit as the shell's children inherit it.
//
// The Go runtime raises the soft limit on open files of every Go program
// to one below the hard limit at start-up, and puts the original back in
// each child it starts, so getrlimit(2) in gosh does not show what
// children get. Until the shell sets the limit itself, the soft limit it
// reports for RLIMIT_NOFILE is the one it inherited (see inheritedNofile).
//
// In a copy of the shell, a limit the copy set is its own (rlimit_unix.go).
func (sh *Shell) Rlimit(resource int) (soft, hard uint64, err error) {
	if lim, ok := sh.copyRlimit(resource); ok {
		return lim.Cur, lim.Max, nil
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(resource, &lim); err != nil {
		return 0, 0, err
	}
	if resource == syscall.RLIMIT_NOFILE && !nofileSet {
		if orig, ok := inheritedNofile(lim); ok {
			lim.Cur = orig
		}
	}
	return lim.Cur, lim.Max, nil
}

// nofileSet records that the shell has set RLIMIT_NOFILE itself: from
// then on, the runtime no longer changes it in children.
var nofileSet bool

// inheritedNofile finds the soft limit on open files gosh started with,
// when the runtime has raised it (to hard-1, its mark): it is the parent's
// soft limit, read from /proc/PPID/limits, as long as the parent's hard
// limit is the one gosh has. A parent that is itself a Go program (another
// gosh) shows its raised limit too, and its children got its own original
// one: then its parent is asked, and so on up.
func inheritedNofile(now syscall.Rlimit) (uint64, bool) {
	if now.Max == 0 || now.Cur != now.Max-1 {
		return 0, false
	}
	pid := os.Getppid()
	for range 16 {
		if pid <= 1 {
			return 0, false
		}
		soft, hard, ok := procNofile(pid)
		if !ok || hard != now.Max || soft > hard {
			return 0, false
		}
		if soft != hard-1 {
			return soft, true
		}
		if pid = procParent(pid); pid == 0 {
			return 0, false
		}
	}
	return 0, false
}

// procNofile reads the open-files limit of process pid from /proc.
func procNofile(pid int) (soft, hard uint64, ok bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/limits")
	if err != nil {
		return 0, 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		rest, found := strings.CutPrefix(line, "Max open files")
		if !found {
			continue
		}
		f := strings.Fields(rest)
		if len(f) < 2 {
			return 0, 0, false
		}
		soft, err1 := strconv.ParseUint(f[0], 10, 64)
		hard, err2 := strconv.ParseUint(f[1], 10, 64)
		return soft, hard, err1 == nil && err2 == nil
	}
	return 0, 0, false
}

// procParent reads the parent of process pid from /proc/PID/stat (the
// field after the state, which follows the command name in parentheses).
func procParent(pid int) int {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}

// SetRlimit is setrlimit(2), run by the shell for the ulimit builtin: a
// limit belongs to the process and every child inherits it. A copy of the
// shell (a builtin pipeline stage, a command substitution) runs in the
// shell's own process, so it never changes the process's limits: it keeps
// its own, for the processes it starts (setCopyRlimit).
func (sh *Shell) SetRlimit(resource int, soft, hard uint64) error {
	if sh.subshell {
		return sh.setCopyRlimit(resource, soft, hard)
	}
	if addressSpaceTooSmall(resource, soft) {
		return sh.keepRlimit(resource, soft, hard, jobs.Msg{
			En: "setrlimit(%d) not called for the shell: {%s, %s} is less address space than its Go runtime needs; " +
				"it applies to the processes the shell starts",
			Ko: "셸에는 setrlimit(%d)를 부르지 않는다: {%s, %s}는 셸의 Go 런타임에 필요한 주소 공간보다 작다. " +
				"셸이 시작하는 프로세스에 적용된다",
		})
	}
	if kept, ok := sh.limits[resource]; ok {
		// A hard limit lowered for the children only is still the
		// ceiling, as if it had been set for real.
		if hard > kept.Max && !canRaiseHardLimits() {
			return syscall.EPERM
		}
		// Set for real from now on: the children-only value is gone.
		limits := maps.Clone(sh.limits)
		delete(limits, resource)
		sh.limits = limits
	}
	lim := syscall.Rlimit{Cur: soft, Max: hard}
	// syscall.Setrlimit (not x/sys/unix's) also tells the runtime to stop
	// putting its own idea of the open-files limit into children.
	err := syscall.Setrlimit(resource, &lim)
	if err == nil && resource == syscall.RLIMIT_NOFILE {
		nofileSet = true
		forgetNofile() // the one rule reads it again (fdroom_unix.go)
	}
	result := "0"
	if err != nil {
		result = errnoText(err)
	}
	sh.Jobs.Trace().Shell(jobs.Msg{
		En: "setrlimit(%d, {%s, %s}) = %s: the limit every later child inherits",
		Ko: "setrlimit(%d, {%s, %s}) = %s: 앞으로 시작하는 모든 자식이 물려받는 제한",
	}, resource, limitText(soft), limitText(hard), result)
	return err
}

// goRuntimeHeadroom is the address space the shell keeps free above what
// its process maps now: the Go runtime reserves its heap in 64 MiB arenas
// and its threads' stacks as it goes, and a reservation refused by
// RLIMIT_AS or RLIMIT_DATA ends a Go program at once ("fatal error:
// runtime: out of memory"), where bash's malloc would fail one request.
const goRuntimeHeadroom = 512 << 20

// addressSpaceTooSmall reports whether a limit on resource of soft bytes
// would leave the shell's own Go runtime too little room
// (goRuntimeHeadroom). ulimit -v or -d that low is then kept for the
// processes the shell starts, as a copy keeps its limits (setCopyRlimit),
// and the shell's process goes on without it: "ulimit -v 1000000" (about
// 1 GB, where a Go program maps about 1.2 GB) ended the shell now and then.
func addressSpaceTooSmall(resource int, soft uint64) bool {
	if resource != syscall.RLIMIT_AS && resource != syscall.RLIMIT_DATA || soft == builtins.RlimInfinity {
		return false
	}
	kb, ok := jobs.StatusField("/proc/self/status", "VmSize:")
	if !ok {
		return false
	}
	return soft < uint64(kb)*1024+goRuntimeHeadroom
}

func limitText(v uint64) string {
	if v == builtins.RlimInfinity {
		return "unlimited"
	}
	return strconv.FormatUint(v, 10)
}
