package builtins

import "testing"

// TestSpellDistance: bash's spdist (lib/sh/spell.c), have being the name
// that exists and typed the one typed.
func TestSpellDistance(t *testing.T) {
	cases := []struct {
		have, typed string
		want        int
	}{
		{"local", "local", 0},
		{"local", "lcoal", 1},  // swapped
		{"local", "lxcal", 2},  // one wrong
		{"local", "loca", 2},   // one missing
		{"local", "locall", 2}, // one too many
		{"local", "lcal", 2},
		{"local", "lcoalx", 3},
		{"local", "xyz", 3},
		{"", "a", 2},
		{"a", "", 2},
		{"ab", "ba", 1},
		{"share", "sharexx", 3},
	}
	for _, c := range cases {
		if got := spellDistance(c.have, c.typed); got != c.want {
			t.Errorf("spellDistance(%q, %q) = %d, want %d", c.have, c.typed, got, c.want)
		}
	}
}
