package shell

import (
	"time"

	"golang.org/x/sys/unix"
)

// shellAndChildTimes asks the kernel for the CPU time used so far by the
// shell (RUSAGE_SELF: builtins, functions, loops and copies on goroutines)
// and by its children that the reaper has collected (RUSAGE_CHILDREN):
// run by "time" before and after its pipeline. A failing call counts as
// no time.
func shellAndChildTimes() cpuTimes {
	var t cpuTimes
	for _, who := range []int{unix.RUSAGE_SELF, unix.RUSAGE_CHILDREN} {
		var ru unix.Rusage
		if unix.Getrusage(who, &ru) != nil {
			continue
		}
		t.user += time.Duration(ru.Utime.Nano())
		t.sys += time.Duration(ru.Stime.Nano())
	}
	return t
}
