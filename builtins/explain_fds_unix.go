//go:build linux

package builtins

import "gosh/jobs"

// openFds is the set of descriptors this process holds now (from
// /proc/self/fd, jobs.OpenDescriptors); 0, 1 and 2 count as held even
// when the directory cannot be read.
func openFds() map[int]bool {
	used := map[int]bool{0: true, 1: true, 2: true}
	for fd := range jobs.OpenDescriptors() {
		used[fd] = true
	}
	return used
}
