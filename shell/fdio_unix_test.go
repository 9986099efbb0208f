package shell

import "testing"

func TestDirentNumber(t *testing.T) {
	good := []struct {
		name string
		want int
	}{
		{"0\x00", 0},
		{"3\x00\x00\x00", 3},
		{"255\x00", 255},
		{"1023\x00pad", 1023},
		{"17", 17}, // no NUL before the end of the record
	}
	for _, c := range good {
		if got, ok := direntNumber([]byte(c.name)); !ok || got != c.want {
			t.Errorf("direntNumber(%q) = %d, %v; want %d, true", c.name, got, ok, c.want)
		}
	}
	bad := []string{".\x00", "..\x00", "\x00", "", "3a\x00", "-1\x00", "99999999999\x00"}
	for _, name := range bad {
		if got, ok := direntNumber([]byte(name)); ok {
			t.Errorf("direntNumber(%q) = %d, true; want not a number", name, got)
		}
	}
}
