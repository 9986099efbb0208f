package builtins

import "testing"

// TestBuiltinSets: every builtin of every set is found by its name, once;
// names that are not builtins are not found.
func TestBuiltinSets(t *testing.T) {
	seen := map[string]bool{}
	for _, b := range All() {
		if seen[b.Name] {
			t.Errorf("builtin %q is in two sets", b.Name)
		}
		seen[b.Name] = true
		if got, ok := Lookup(b.Name); !ok || got != b {
			t.Errorf("Lookup(%q) = %v, %v; want the builtin of its set", b.Name, got, ok)
		}
		if b.Run == nil || b.Summary == "" {
			t.Errorf("builtin %q has no Run or no Summary", b.Name)
		}
	}
	if len(seen) < 63 { // the 63 builtins of 2026-12-02
		t.Errorf("All lists %d builtins; a set is missing from builtinSets", len(seen))
	}
	for _, name := range []string{"", "ls", "cd ", "CD", "true\x00"} {
		if b, ok := Lookup(name); ok {
			t.Errorf("Lookup(%q) found %q", name, b.Name)
		}
	}
	for _, name := range []string{"cd", "true", "declare", "typeset", "mapfile", "readarray", "[", "test", "lab", "ulimit"} {
		if _, ok := Lookup(name); !ok {
			t.Errorf("Lookup(%q) found nothing", name)
		}
	}
}

// BenchmarkLookup: Lookup reads the sets in turn (no map is built at
// start-up); the shell keeps what it found for each command name, so a
// name is looked up about once.
func BenchmarkLookup(b *testing.B) {
	for _, name := range []string{"cd", "true", "ulimit", "ls"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Lookup(name)
			}
		})
	}
}
