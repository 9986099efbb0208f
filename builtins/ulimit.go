package builtins

import (
	"fmt"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

var ulimitBuiltins = []*Builtin{
	{
		Name:     "ulimit",
		Synopsis: "ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]",
		Summary:  "Modify shell resource limits.",
		Help: `Show or set the limits the kernel puts on this shell and every
process it starts (getrlimit(2), setrlimit(2)). Each option names one
resource; without one, -f. With LIMIT the resource is set, else shown.
  -a  all limits      -c  core file size (blocks of 1024 bytes)
  -d  data segment (kbytes)   -e  scheduling priority (nice)
  -f  file size (blocks)      -i  pending signals
  -l  locked memory (kbytes)  -m  resident set size (kbytes)
  -n  open files              -p  pipe size (512 bytes, read-only)
  -q  POSIX message queues (bytes)   -r  real-time priority
  -s  stack size (kbytes)     -t  CPU time (seconds)
  -u  user processes          -v  virtual memory (kbytes)
  -x  file locks              -R  real-time timeout (microseconds)
-b -k -P -T name limits Linux does not have (socket buffer, kqueues,
pseudoterminals, threads): they are refused, as bash on Linux does.
-S works on the soft limit (what the kernel enforces), -H on the hard
limit (the ceiling of the soft one, which only root may raise); setting
without either sets both, showing shows the soft one.
LIMIT is a number, "unlimited", "soft" or "hard" (the current value).
A limit is inherited across fork and execve, so ulimit must be a
builtin; "ulimit -u 100" then keeps a fork bomb in check. In a copy of
the shell (a pipeline stage, $(...)) a new limit applies to the programs
the copy starts, never to the shell.`,
		Run: runUlimit,
	},
}

// rlimitInfo describes one resource as ulimit shows it.
type rlimitInfo struct {
	option   byte
	resource int // -1: the pipe size, which is not a limit
	factor   uint64
	desc     string
	units    string
}

// rlimits is bash's table for Linux, in the order ulimit -a prints it.
var rlimits = []rlimitInfo{
	{'R', unix.RLIMIT_RTTIME, 1, "real-time non-blocking time", "microseconds"},
	{'c', unix.RLIMIT_CORE, 1024, "core file size", "blocks"},
	{'d', unix.RLIMIT_DATA, 1024, "data seg size", "kbytes"},
	{'e', unix.RLIMIT_NICE, 1, "scheduling priority", ""},
	{'f', unix.RLIMIT_FSIZE, 1024, "file size", "blocks"},
	{'i', unix.RLIMIT_SIGPENDING, 1, "pending signals", ""},
	{'l', unix.RLIMIT_MEMLOCK, 1024, "max locked memory", "kbytes"},
	{'m', unix.RLIMIT_RSS, 1024, "max memory size", "kbytes"},
	{'n', unix.RLIMIT_NOFILE, 1, "open files", ""},
	{'p', -1, 512, "pipe size", "512 bytes"},
	{'q', unix.RLIMIT_MSGQUEUE, 1, "POSIX message queues", "bytes"},
	{'r', unix.RLIMIT_RTPRIO, 1, "real-time priority", ""},
	{'s', unix.RLIMIT_STACK, 1024, "stack size", "kbytes"},
	{'t', unix.RLIMIT_CPU, 1, "cpu time", "seconds"},
	{'u', unix.RLIMIT_NPROC, 1, "max user processes", ""},
	{'v', unix.RLIMIT_AS, 1024, "virtual memory", "kbytes"},
	{'x', unix.RLIMIT_LOCKS, 1, "file locks", ""},
}

func findRlimit(c byte, posix bool) (rlimitInfo, bool) {
	for _, r := range rlimits {
		if r.option == c {
			return blocksOf(r, posix), true
		}
	}
	return rlimitInfo{}, false
}

// blocksOf is r with bash's POSIX-mode block of 512 bytes for -c and -f
// (posix), instead of 1024.
func blocksOf(r rlimitInfo, posix bool) rlimitInfo {
	if posix && (r.option == 'c' || r.option == 'f') {
		r.factor = 512
	}
	return r
}

// ulimitOp is one resource named on the command line, with the value to
// set it to if one followed.
type ulimitOp struct {
	info  rlimitInfo
	value string
	set   bool
}

func runUlimit(sh Shell, io IO, args []string) (int, error) {
	var soft, hard, all bool
	posix, _ := sh.Option("posix") // -c and -f count blocks of 512 bytes
	var ops []ulimitOp
	// Each resource option takes an optional value: the rest of its
	// cluster, or the next argument unless that is an option.
	sc := optionScanner{args: args[1:]}
	for {
		c, more := sc.next()
		if !more {
			break
		}
		switch c {
		case 'S':
			soft = true
			continue
		case 'H':
			hard = true
			continue
		case 'a':
			all = true
			continue
		}
		info, ok := findRlimit(c, posix)
		if !ok {
			return usageError(io, "ulimit", "-"+string(c)+": invalid option"), nil
		}
		op := ulimitOp{info: info}
		op.value, op.set = sc.optionalValue()
		ops = append(ops, op)
	}
	args = sc.rest()
	if len(args) > 0 {
		// "ulimit 100": a value for the default resource, -f, or for
		// the last one named without a value.
		if len(ops) > 0 && !ops[len(ops)-1].set {
			ops[len(ops)-1].value, ops[len(ops)-1].set = args[0], true
		} else if len(ops) == 0 {
			info, _ := findRlimit('f', posix)
			ops = append(ops, ulimitOp{info: info, value: args[0], set: true})
		}
	}
	if all {
		var b strings.Builder
		for _, info := range rlimits {
			showLimit(sh, &b, blocksOf(info, posix), hard, true)
		}
		return writeOut(io, "ulimit", b.String()), nil
	}
	if len(ops) == 0 {
		info, _ := findRlimit('f', posix)
		ops = []ulimitOp{{info: info}}
	}
	status := statusOK
	var b strings.Builder
	shown := 0
	for _, op := range ops {
		if !op.set {
			shown++
		}
	}
	for _, op := range ops {
		if !op.set {
			showLimit(sh, &b, op.info, hard, shown > 1)
			continue
		}
		if st := setLimit(sh, io, op, soft, hard); st != statusOK {
			status = st
		}
	}
	if st := writeOut(io, "ulimit", b.String()); st != statusOK {
		return st, nil
	}
	return status, nil
}

// showLimit writes one limit, with its description when withDesc.
func showLimit(sh Shell, b *strings.Builder, info rlimitInfo, hard, withDesc bool) {
	if withDesc {
		unit := "(-" + string(info.option) + ") "
		if info.units != "" {
			unit = "(" + info.units + ", -" + string(info.option) + ") "
		}
		fmt.Fprintf(b, "%-20s %20s", info.desc, unit)
	}
	if info.resource < 0 {
		// The pipe size is PIPE_BUF (4096 bytes), in 512-byte blocks.
		b.WriteString("8\n")
		return
	}
	cur, max, err := sh.Rlimit(info.resource)
	if err != nil {
		b.WriteString(strerror(err) + "\n")
		return
	}
	v := cur
	if hard {
		v = max
	}
	if v == RlimInfinity {
		b.WriteString("unlimited\n")
	} else {
		b.WriteString(strconv.FormatUint(v/info.factor, 10) + "\n")
	}
}

// setLimit sets one resource: the soft and hard limits unless -S or -H
// picked one.
func setLimit(sh Shell, io IO, op ulimitOp, soft, hard bool) int {
	info := op.info
	if !soft && !hard {
		soft, hard = true, true
	}
	if info.resource < 0 {
		errorf(io, "ulimit", "%s: cannot modify limit: %s", info.desc, strerror(syscall.EINVAL))
		return statusFailure
	}
	cur, max, err := sh.Rlimit(info.resource)
	if err != nil {
		errorf(io, "ulimit", "%s: cannot get limit: %s", info.desc, strerror(err))
		return statusFailure
	}
	var v uint64
	switch op.value {
	case "unlimited":
		v = RlimInfinity
	case "hard":
		v = max
	case "soft":
		v = cur
	default:
		n, ok := parseLimit(op.value)
		if !ok {
			invalidNumberMsg(io, "ulimit", op.value)
			return statusFailure
		}
		if n > RlimInfinity/info.factor {
			errorf(io, "ulimit", "%s: limit out of range", op.value)
			return statusFailure
		}
		v = n * info.factor
	}
	if soft {
		cur = v
	}
	if hard {
		max = v
	}
	if err := sh.SetRlimit(info.resource, cur, max); err != nil {
		errorf(io, "ulimit", "%s: cannot modify limit: %s", info.desc, strerror(err))
		return statusFailure
	}
	return statusOK
}

// parseLimit reads a limit: decimal digits only, as bash's legal_number
// with no sign.
func parseLimit(s string) (uint64, bool) {
	n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	return n, err == nil
}

// invalidNumberMsg reports a number that is not one, worded as bash's
// sh_invalidnum: "0x10: invalid hex number", "08: invalid octal number".
func invalidNumberMsg(io IO, name, s string) {
	switch {
	case len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'):
		errorf(io, name, "%s: invalid hex number", s)
	case len(s) > 1 && s[0] == '0' && '0' <= s[1] && s[1] <= '9':
		errorf(io, name, "%s: invalid octal number", s)
	default:
		errorf(io, name, "%s: invalid number", s)
	}
}
