package lazy

import (
	"sync"
	"testing"
)

// TestValueBuildsOnce: however many goroutines call Get, and however
// often, Build runs once and every Get returns what it built.
func TestValueBuildsOnce(t *testing.T) {
	for _, tc := range []struct {
		name    string
		callers int
		gets    int
	}{
		{"one get", 1, 1},
		{"many gets", 1, 5},
		{"goroutines at once", 8, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			builds := 0
			v := Value[[]string]{Build: func() []string {
				mu.Lock()
				builds++
				mu.Unlock()
				return []string{"built"}
			}}
			var wg sync.WaitGroup
			got := make([][]string, tc.callers*tc.gets)
			for c := range tc.callers {
				wg.Go(func() {
					for g := range tc.gets {
						got[c*tc.gets+g] = v.Get()
					}
				})
			}
			wg.Wait()
			for i, g := range got {
				if len(g) != 1 || g[0] != "built" {
					t.Errorf("Get %d = %q, want [built]", i, g)
				}
			}
			if builds != 1 {
				t.Errorf("Build ran %d times, want 1", builds)
			}
		})
	}
}
