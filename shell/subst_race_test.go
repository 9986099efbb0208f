package shell

import "testing"

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
