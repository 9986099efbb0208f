//go:build linux

package builtins

import "golang.org/x/sys/unix"

// outputWidth is the width of the terminal a builtin writes to, for views
// that must fit it: the window size of its output when that is a
// terminal, else 0 (no limit: a file or a pipe gets whole lines).
func outputWidth(io IO) int {
	if ws, err := unix.IoctlGetWinsize(io.OutFd, unix.TIOCGWINSZ); err == nil && ws.Col > 0 {
		return int(ws.Col)
	}
	return 0
}
