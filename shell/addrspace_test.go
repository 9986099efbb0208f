package shell

import (
	"syscall"
	"testing"

	"gosh/builtins"
)

// TestAddressSpaceTooSmall: only ulimit -v and -d that would leave the Go
// runtime less than goRuntimeHeadroom above what the shell maps now are
// kept for the children.
func TestAddressSpaceTooSmall(t *testing.T) {
	tests := []struct {
		name     string
		resource int
		soft     uint64
		want     bool
	}{
		{"1 MB of address space", syscall.RLIMIT_AS, 1 << 20, true},
		{"1 GB of address space (a Go program maps about 1.2)", syscall.RLIMIT_AS, 1 << 30, true},
		{"1 MB of data", syscall.RLIMIT_DATA, 1 << 20, true},
		{"1 PB of address space", syscall.RLIMIT_AS, 1 << 50, false},
		{"unlimited", syscall.RLIMIT_AS, builtins.RlimInfinity, false},
		{"open files are not address space", syscall.RLIMIT_NOFILE, 10, false},
		{"the stack is not counted here", syscall.RLIMIT_STACK, 1 << 20, false},
	}
	for _, tc := range tests {
		if got := addressSpaceTooSmall(tc.resource, tc.soft); got != tc.want {
			t.Errorf("%s: addressSpaceTooSmall = %v, want %v", tc.name, got, tc.want)
		}
	}
}
