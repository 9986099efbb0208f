package shell

import (
	"bytes"
	"testing"

	"gosh/shell/inputrc"
)

// TestKeyTableMatch: match finds the longest bound sequence at the start of
// what is typed, waits on the beginning of a longer one, and finds nothing
// in plain text, however long the text after it (a paste).
func TestKeyTableMatch(t *testing.T) {
	tab := newKeyTable(map[string]inputrc.Binding{
		"\x18\x05":     {Func: "beginning-of-line"},
		"\x18\x05\x05": {Func: "end-of-line"},
		"\x14":         {Func: "forward-char"},
	})
	long := bytes.Repeat([]byte("y"), 1<<16)
	for _, tt := range []struct {
		name  string
		typed []byte
		n     int
		wait  bool
	}{
		{"the longest of two", []byte("\x18\x05\x05abc"), 3, false},
		{"the shorter one", []byte("\x18\x05abc"), 2, false},
		{"a beginning waits", []byte("\x18"), 0, true},
		{"a bound beginning of a longer one waits", []byte("\x18\x05"), 0, true},
		{"one key", []byte("\x14"), 1, false},
		{"a key before a long text", append([]byte("\x14"), long...), 1, false},
		{"a long text", long, 0, false},
		{"nothing", nil, 0, false},
	} {
		n, _, wait := tab.match(tt.typed)
		if n != tt.n || wait != tt.wait {
			t.Errorf("%s: match = %d, wait %v; want %d, wait %v", tt.name, n, wait, tt.n, tt.wait)
		}
	}
}

// BenchmarkKeyTableMatchPaste: a megabyte waiting to be handed to the
// editor (a paste) is looked up as fast as a key. match hashed every
// beginning of it, a quadratic cost: a 1 MB paste took 16 s at the prompt.
func BenchmarkKeyTableMatchPaste(b *testing.B) {
	keys := map[string]inputrc.Binding{}
	for _, k := range []string{"\x18\x05", "\x18\x06", "\x18\x07", "\x18\x08", "\x18\x09", "\x1bOa", "\x1bOb", "\x1bOc", "\x1bOd", "\x1b[5~", "\x1b[6~", "\x14"} {
		keys[k] = inputrc.Binding{Func: "beginning-of-line"} // more than a small map holds
	}
	tab := newKeyTable(keys)
	typed := bytes.Repeat([]byte("y"), 1<<20)
	for b.Loop() {
		tab.match(typed)
	}
}
