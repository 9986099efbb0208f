package builtins

import (
	"strconv"
	"strings"
	"testing"
)

// TestParseTestInt checks test's integer operands against the definition
// its fast paths (blanks trimmed by hand, shortDecimal) stand for: blanks
// trimmed, then strconv.ParseInt.
func TestParseTestInt(t *testing.T) {
	for _, s := range []string{
		"0", "7", "-7", "+7", "007", " 42 ", "\t-3\n", "\v\f\r9\r", "", " ", "-", "+", "--1", "+-1",
		"1a", "a1", "1 2", "0x10", "1_000", "999999999999999999", "-999999999999999999",
		"9223372036854775807", "-9223372036854775808", "9223372036854775808", "99999999999999999999",
		"١٢", "12\u00a0",
	} {
		want, err := strconv.ParseInt(strings.Trim(s, " \t\n\v\f\r"), 10, 64)
		got, ok := parseTestInt(s)
		if ok != (err == nil) || (ok && got != want) {
			t.Errorf("parseTestInt(%q) = %d, %v; want %d, %v", s, got, ok, want, err == nil)
		}
	}
}
