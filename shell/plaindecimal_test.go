package shell

import (
	"strconv"
	"testing"
)

// TestPlainDecimal checks plainDecimal's short-number loop against
// strconv.ParseInt, which it stands for.
func TestPlainDecimal(t *testing.T) {
	for _, c := range []struct {
		v     string
		plain bool // a plain decimal: no leading 0, digits after an optional '-'
	}{
		{"0", true}, {"7", true}, {"-7", true}, {"42", true}, {"999999999999999999", true},
		{"-999999999999999999", true}, {"9223372036854775807", true}, {"-9223372036854775808", true},
		{"9223372036854775808", false}, {"010", false}, {"+7", false}, {"", false}, {"-", false},
		{"1a", false}, {" 1", false}, {"--1", false},
	} {
		got, ok := plainDecimal(c.v)
		want, err := strconv.ParseInt(c.v, 10, 64)
		if ok != c.plain || (ok && (err != nil || got != want)) {
			t.Errorf("plainDecimal(%q) = %d, %v; want %d, %v", c.v, got, ok, want, c.plain)
		}
	}
}
