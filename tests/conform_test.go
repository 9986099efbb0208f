package tests

import (
	"strings"
	"testing"
)

// TestBuiltinStagesWriteBeforeReaderEnds: in "echo 1 | echo 2" both stages
// are goroutines of the shell, and Go runs the last one first: the reader
// ended and closed the pipe before the writer wrote, so the writer died of
// SIGPIPE (PIPESTATUS 141 0) where bash, which forks the writer first,
// gives 0 0. A writer that never ends still gets SIGPIPE.
func TestBuiltinStagesWriteBeforeReaderEnds(t *testing.T) {
	script := `for i in 1 2 3 4 5 6 7 8 9 10; do
  echo 1 | echo 2 >/dev/null; a="${PIPESTATUS[*]}"
  f() { echo "f:$1"; }; f 1 | f 2 >/dev/null; b="${PIPESTATUS[*]}"
  (set -o pipefail; echo x | true); c=$?
  echo "$a|$b|$c"
done
while :; do echo y; done | true; echo "endless ${PIPESTATUS[*]}"`
	stdout, stderr, status := runGosh(t, "", "-c", script)
	want := strings.Repeat("0 0|0 0|0\n", 10) + "endless 141 0\n"
	if stdout != want || stderr != "" || status != 0 {
		t.Errorf("stdout %q, stderr %q, status %d; want %q", stdout, stderr, status, want)
	}
}
