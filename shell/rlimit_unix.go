package shell

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"

	"gosh/jobs"
)

// Resource limits of a copy of the shell. A limit belongs to the process,
// and a lowered hard limit can never be raised again, so a copy (a builtin
// pipeline stage, $( )), which runs in the shell's own process, must not
// call setrlimit(2): "$(ulimit -n 64; prog)" would leave the shell itself
// limited forever. The copy keeps its limits in Shell.limits instead; ulimit
// in the copy reports them, and every process the copy starts gets them
// through a short-lived gosh (RlimitsFlag) that sets them in the new
// process and then execs the program, as nohup's helper sets SIGHUP.

// RlimitsFlag is the hidden first argument of that helper:
// gosh --rlimits SPEC PATH ARGV..., SPEC being RESOURCE:SOFT:HARD,...
const RlimitsFlag = "--rlimits"

// copyRlimit is the limit a copy set for resource, if it set one.
func (sh *Shell) copyRlimit(resource int) (syscall.Rlimit, bool) {
	lim, ok := sh.limits[resource]
	return lim, ok
}

// setCopyRlimit records a limit set in a copy, after the checks
// setrlimit(2) would make.
func (sh *Shell) setCopyRlimit(resource int, soft, hard uint64) error {
	return sh.keepRlimit(resource, soft, hard, jobs.Msg{
		En: "setrlimit(%d) not called in this copy of the shell (it shares the shell's process): " +
			"{%s, %s} applies to the processes it starts",
		Ko: "이 셸 사본에서는 setrlimit(%d)를 부르지 않는다(셸의 프로세스를 함께 쓴다): " +
			"{%s, %s}는 사본이 시작하는 프로세스에 적용된다",
	})
}

// keepRlimit records a limit for the processes the shell starts only,
// after the checks setrlimit(2) would make; the trace says why with why
// (its arguments: the resource, the soft and the hard limit).
func (sh *Shell) keepRlimit(resource int, soft, hard uint64, why jobs.Msg) error {
	_, curHard, err := sh.Rlimit(resource)
	switch {
	case err != nil:
		return err
	case soft > hard:
		return syscall.EINVAL
	case hard > curHard && !canRaiseHardLimits():
		return syscall.EPERM
	}
	limits := make(map[int]syscall.Rlimit, len(sh.limits)+1)
	for r, l := range sh.limits {
		limits[r] = l
	}
	limits[resource] = syscall.Rlimit{Cur: soft, Max: hard}
	sh.limits = limits // copy on write: copies of this copy share the old map
	sh.Jobs.Trace().Shell(why, resource, limitText(soft), limitText(hard))
	return nil
}

// canRaiseHardLimits reports whether the process has CAP_SYS_RESOURCE,
// without which setrlimit(2) refuses to raise a hard limit.
func canRaiseHardLimits() bool {
	v, _ := jobs.StatusText("/proc/self/status", "CapEff:")
	caps, err := strconv.ParseUint(v, 16, 64)
	return err == nil && caps&(1<<24) != 0 // CAP_SYS_RESOURCE
}

// withCopyRlimits makes every process of stages start through the helper
// that sets the copy's limits: run by a copy before it launches them.
func (sh *Shell) withCopyRlimits(stages []jobs.Stage) {
	if len(sh.limits) == 0 {
		return
	}
	var spec []string
	for r, l := range sh.limits {
		spec = append(spec, strconv.Itoa(r)+":"+strconv.FormatUint(l.Cur, 10)+":"+strconv.FormatUint(l.Max, 10))
	}
	for i := range stages {
		st := &stages[i]
		if st.Builtin != nil || st.Path == "" {
			continue
		}
		if st.Text == "" {
			st.Text = strings.Join(st.Argv, " ")
		}
		argv := append([]string{"gosh", RlimitsFlag, strings.Join(spec, ","), st.Path}, st.Argv...)
		st.Trace = append(st.Trace, jobs.Msg{
			En: "the child is a short-lived gosh that calls setrlimit with the copy's limits, then execve(%s)",
			Ko: "이 자식은 잠깐 사는 gosh다: 사본의 제한으로 setrlimit을 부른 뒤 execve(%s)한다",
		}.With(st.Path))
		st.Path, st.Argv = "/proc/self/exe", argv
	}
}

// ExecWithRlimits is what gosh runs when started with RlimitsFlag: args
// are SPEC PATH ARGV... It sets each limit, then replaces itself with the
// program (a file without #! runs as a gosh script, as Launch does). It
// returns only on failure.
func ExecWithRlimits(args []string) (int, error) {
	if len(args) < 3 {
		return 2, errors.New("usage: " + RlimitsFlag + " SPEC PATH ARGV0 [ARG...]")
	}
	for _, item := range strings.Split(args[0], ",") {
		f := strings.Split(item, ":")
		if len(f) != 3 {
			return 2, errors.New(RlimitsFlag + ": bad limit " + item)
		}
		r, err1 := strconv.Atoi(f[0])
		soft, err2 := strconv.ParseUint(f[1], 10, 64)
		hard, err3 := strconv.ParseUint(f[2], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return 2, errors.New(RlimitsFlag + ": bad limit " + item)
		}
		if err := syscall.Setrlimit(r, &syscall.Rlimit{Cur: soft, Max: hard}); err != nil {
			return 1, errors.New("ulimit: " + errnoText(err))
		}
	}
	path, argv := args[1], args[2:]
	err := syscall.Exec(path, argv, os.Environ())
	if errors.Is(err, syscall.ENOEXEC) {
		if self, e := os.Executable(); e == nil {
			err = syscall.Exec(self, append([]string{"gosh", path}, argv[1:]...), os.Environ())
		}
	}
	status := 126
	if errors.Is(err, syscall.ENOENT) {
		status = 127
	}
	return status, errors.New(argv[0] + ": " + errnoText(err))
}

// applyLimitsForExec sets on the shell's own process the limits it keeps
// only for the processes it starts (Shell.limits: an address-space limit
// too small for its Go runtime), right before the process execs a program
// in its own place (exec cmd, a child gosh's last command): a forked child
// would have got them from the helper (withCopyRlimits). undo puts the
// process's limits back, as far as setrlimit(2) allows, for when execve
// fails and the shell goes on.
func (sh *Shell) applyLimitsForExec() (undo func()) {
	type saved struct {
		resource int
		lim      syscall.Rlimit
	}
	var old []saved
	for r, l := range sh.limits {
		var cur syscall.Rlimit
		if syscall.Getrlimit(r, &cur) != nil {
			continue
		}
		err := syscall.Setrlimit(r, &l)
		result := "0"
		if err != nil {
			result = errnoText(err)
		} else {
			old = append(old, saved{r, cur})
		}
		sh.Jobs.Trace().Shell(jobs.Msg{
			En: "setrlimit(%d, {%s, %s}) = %s: the limit kept for the processes the shell starts, on the process itself, since it becomes the program",
			Ko: "setrlimit(%d, {%s, %s}) = %s: 셸이 시작하는 프로세스에만 두던 제한을 프로세스 자신에 건다. 이 프로세스가 프로그램이 되기 때문이다",
		}, r, limitText(l.Cur), limitText(l.Max), result)
	}
	return func() {
		for _, o := range old {
			syscall.Setrlimit(o.resource, &o.lim)
		}
	}
}
