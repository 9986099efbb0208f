package shell

import (
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"gosh/jobs"
)

// The file mode creation mask is one per process, and every child inherits
// the mask of the moment it is forked; syscall.ForkExec has no field for
// it. A copy of the shell (a builtin pipeline stage, $( )) has a mask of
// its own (Shell.umask), so it sets the process's mask only around what it
// creates and starts, under umaskLock held for writing: "$(umask 077; cat
// >secret)" makes secret private, and the shell's mask stays. Everything
// else that creates files or starts children holds the lock for reading,
// so nothing is created or forked with a copy's mask by mistake.
var (
	umaskLock sync.RWMutex
	// procMask is the process's mask, the top-level shell's, plus one
	// (0: not read yet).
	procMask atomic.Int32
)

// processMask is the process's mask as the top-level shell set it.
func processMask() int {
	if m := procMask.Load(); m > 0 {
		return int(m - 1)
	}
	umaskLock.Lock()
	defer umaskLock.Unlock()
	m := processUmask()
	procMask.Store(int32(m + 1))
	return m
}

// setProcessMask is umask(2) for the top-level shell.
func setProcessMask(mask int) {
	processMask()
	umaskLock.Lock()
	unix.Umask(mask)
	procMask.Store(int32(mask + 1))
	umaskLock.Unlock()
}

// withUmask runs fn, which creates a file or starts children, with the
// shell's mask in force.
func (sh *Shell) withUmask(fn func()) {
	if sh.umaskHeld {
		fn() // inside launch, which holds it already
		return
	}
	if !sh.subshell || sh.umask == processMask() {
		umaskLock.RLock()
		defer umaskLock.RUnlock()
		fn()
		return
	}
	umaskLock.Lock()
	defer umaskLock.Unlock()
	old := unix.Umask(sh.umask)
	sh.Jobs.Trace().Shell(jobs.Msg{
		En: "umask(%04o) around this step only: the copy's mask, for what it creates and starts; then umask(%04o) again",
		Ko: "이 단계 동안만 umask(%04o): 사본이 만들고 시작하는 것을 위한 사본의 마스크. 그다음 다시 umask(%04o)",
	}, sh.umask, old)
	defer unix.Umask(old)
	fn()
}
