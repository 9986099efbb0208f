package lazy

import (
	"sync"
	"testing"
)

// builds counts the calls of Build of the Values below.
var builds int

var word = Value[string]{Build: func() string { builds++; return "built" }}

func TestValueBuildsOnce(t *testing.T) {
	builds = 0
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Add(1)
		go func() { defer wg.Done(); got[i] = word.Get() }()
	}
	wg.Wait()
	for i, g := range got {
		if g != "built" {
			t.Errorf("Get %d = %q, want %q", i, g, "built")
		}
	}
	if builds != 1 {
		t.Errorf("Build ran %d times, want 1", builds)
	}
}
