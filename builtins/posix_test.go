package builtins

import "testing"

// TestPosixForms checks the forms bash's POSIX mode gives what builtins
// show: export -p and readonly -p lines, a double's %a, a SIG prefix kill
// refuses, ulimit's blocks.
func TestPosixForms(t *testing.T) {
	decl := []struct {
		line, builtin string
		posix         bool
		want          string
	}{
		{"declare -x x=\"1\"\n", "export", true, "export x=\"1\"\n"},
		{"declare -x x\n", "export", true, "export x\n"},
		{"declare -rx w=\"3\"\n", "readonly", true, "readonly w=\"3\"\n"},
		{"declare -ar a=([0]=\"1\")\n", "readonly", true, "readonly -a a=([0]=\"1\")\n"},
		{"declare -Ax m=()\n", "export", true, "export -A m=()\n"},
		{"declare -x x=\"1\"\n", "export", false, "declare -x x=\"1\"\n"},
	}
	for _, c := range decl {
		if got := posixDeclLine(c.line, c.builtin, c.posix); got != c.want {
			t.Errorf("posixDeclLine(%q, %s, %v) = %q, want %q", c.line, c.builtin, c.posix, got, c.want)
		}
	}
	hex := []struct {
		f    float64
		prec int
		hash bool
		want string
	}{
		{0.1, -1, false, "1.999999999999ap-4"},
		{0.1, 3, false, "1.99ap-4"},
		{1, 0, true, "1.p+0"},
		{0, -1, false, "0p+0"},
		{3, 2, false, "1.80p+1"},
		{1e300, -1, false, "1.7e43c8800759cp+996"},
	}
	for _, c := range hex {
		if got := formatHexDouble(c.f, c.prec, c.hash); got != c.want {
			t.Errorf("formatHexDouble(%v, %d, %v) = %q, want %q", c.f, c.prec, c.hash, got, c.want)
		}
	}
	for spec, want := range map[string]bool{"SIGTERM": true, "sigint": true, "TERM": false, "SIG": false, "15": false} {
		if got := sigPrefixed(spec); got != want {
			t.Errorf("sigPrefixed(%q) = %v, want %v", spec, got, want)
		}
	}
	for _, c := range []struct {
		opt   byte
		posix bool
		want  uint64
	}{{'f', true, 512}, {'c', true, 512}, {'f', false, 1024}, {'s', true, 1024}, {'n', true, 1}} {
		if r, _ := findRlimit(c.opt, c.posix); r.factor != c.want {
			t.Errorf("findRlimit(%c, %v).factor = %d, want %d", c.opt, c.posix, r.factor, c.want)
		}
	}
}
