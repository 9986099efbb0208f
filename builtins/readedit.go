package builtins

import "golang.org/x/sys/unix"

// LineEditShell lends read -e the interactive line editor (shell/readedit.go).
type LineEditShell interface {
	// EditLine reads a line with the editor after prompt, initial already
	// typed. status: 0 a line, 1 end of input, 130 Ctrl+C, -1 no editor.
	EditLine(prompt, initial string) (line string, status int)
}

// sameFile reports whether the descriptors a and b are open on the same
// file (the editor reads the shell's fd 0: read -e uses it only when its
// input is that terminal).
func sameFile(a, b int) bool {
	var sa, sb unix.Stat_t
	if unix.Fstat(a, &sa) != nil || unix.Fstat(b, &sb) != nil {
		return false
	}
	return sa.Dev == sb.Dev && sa.Ino == sb.Ino && sa.Rdev == sb.Rdev
}
