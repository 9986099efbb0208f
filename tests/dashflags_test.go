package tests

import (
	"strings"
	"testing"
)

// TestInteractiveDashFlags: an interactive shell reads its commands from
// its standard input, so $- ends in "s", as bash's "himBHs"; in a copy
// ($( ), a pipeline stage) and in a child gosh (a subshell under job
// control) it still says where the top-level shell reads.
func TestInteractiveDashFlags(t *testing.T) {
	s := newSession(t)
	for _, line := range []string{`echo $-`, `echo $(echo $-)`, `(echo $-)`, `{ echo $-; } | cat`} {
		out := strings.TrimSpace(s.Run(line))
		if !strings.HasSuffix(out, "s") {
			t.Errorf("%s: $- is %q, want it to end in s", line, out)
		}
	}
	if out := strings.TrimSpace(s.Run(`echo $-`)); !strings.Contains(out, "i") || !strings.Contains(out, "m") {
		t.Errorf("$- is %q, want i and m in it", out)
	}
}
