//go:build linux

package jobs

// OpenDescriptors is the set of descriptors this process holds now, from
// /proc/self/fd (without the directory's own descriptor); nil when it
// cannot be read. explain uses it to foresee the numbers a command line
// would get, as the launch uses it to foresee ForkExec's error pipe.
func OpenDescriptors() map[int]bool { return openDescriptors() }
