package shell

import (
	"strings"
	"testing"
)

// TestSubstPipeConcurrentStages: builtin stages of a pipeline inside $( )
// write to its inline pipe from goroutines of their own while another
// stage starts a child (which releases every inline pipe) and while the
// pipe fills (which releases it from the writer): every byte arrives,
// whichever comes first. Run with -race it checks the release's locking.
func TestSubstPipeConcurrentStages(t *testing.T) {
	tests := []struct{ src, out string }{
		{`x=$(/bin/true | printf '%0100000d' 0); echo ${#x}`, "100000\n"},
		{`x=$(printf '%0100000d' 0 | /bin/cat | { printf '%070000d' 1; /bin/cat >/dev/null; }); echo ${#x}`, "70000\n"},
		{`x=$(echo a | { printf '%070000d' 0; /bin/true; printf '%070000d' 1; } | /bin/cat); echo ${#x}`, "140000\n"},
		{`x=$(for i in 1 2 3; do /bin/true | printf '%030000d' $i; done; echo $(printf '%070000d' 4 | /bin/cat)); echo ${#x}`, "160000\n"},
		{`f() { printf '%040000d' 0; }; x=$(f | f | f; /bin/true & f); echo ${#x}`, "80000\n"},
	}
	for i := 0; i < 3; i++ {
		for _, tt := range tests {
			out, errOut, status := runCaptured(t, tt.src)
			if out != tt.out || status != 0 {
				t.Errorf("%s\n got %q status %d (stderr %q), want %q", tt.src, out, status, errOut, tt.out)
			}
		}
	}
}

// TestReleaseInlineSubstsReason: the trace gives the release's true
// reason: a full pipe, a child about to start, or (few threads) a write
// about to wait with poll(2), whatever it writes.
func TestReleaseInlineSubstsReason(t *testing.T) {
	for _, tt := range []struct {
		name     string
		fd       func(o *substOut) int
		full     bool
		want, no string
	}{
		{"full", func(o *substOut) int { return o.w }, true, "the list filled it", "poll(2)"},
		{"few threads", func(o *substOut) int { return o.w }, false, "poll(2)", "filled"},
		{"child", func(*substOut) int { return -1 }, false, "a child is about to start", "filled"},
	} {
		var trace strings.Builder
		sh := New(Config{Arg0: "gosh"})
		sh.Jobs.Trace().SetOutput(&trace, false)
		o, err := sh.inlineSubstPipe()
		if err != nil {
			t.Fatal(err)
		}
		if !releaseInlineSubsts(tt.fd(o), tt.full) {
			t.Errorf("%s: not released", tt.name)
		}
		o.finish(sh, nil)
		got := trace.String()
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.no) {
			t.Errorf("%s: the trace says %q, want %q and not %q", tt.name, got, tt.want, tt.no)
		}
	}
}
