package tests

import "testing"

// TestNoclobberSafeOpen checks that set -C opens new files with
// O_CREAT|O_EXCL, as bash does: no symlink is followed into creating or
// truncating its target, and non-regular files are still written.
func TestNoclobberSafeOpen(t *testing.T) {
	runRows(t, []row{
		{name: "dangling-symlink-refused", script: "ln -s target d; set -C; echo y > d; echo $?; [ -e target ] && echo created || echo none",
			out: "1\nnone\n", errHas: "d: cannot overwrite existing file"},
		{name: "symlink-to-file-refused", script: "echo a > f; ln -s f d; set -C; echo y > d; echo $?; cat f",
			out: "1\na\n", errHas: "d: cannot overwrite existing file"},
		{name: "symlink-to-dev-null-ok", script: "ln -s /dev/null n; set -C; echo y > n; echo $?", out: "0\n"},
		{name: "and-great-dangling-refused", script: "ln -s target d; set -C; echo y &> d; echo $?; [ -e target ] && echo created || echo none",
			out: "1\nnone\n", errHas: "d: cannot overwrite existing file"},
		{name: "new-file-created", script: "set -C; echo y > new; cat new", out: "y\n"},
		{name: "force-follows-symlink", script: "ln -s target d; set -C; echo y >| d; cat target", out: "y\n"},
	})
}
