package shell

import (
	"strings"
	"testing"
)

// TestDeliverVi: with vi keys, promptInput hands over what the editor
// must read for the keys typed: an h after an ESC that leaves insert mode
// (bash moves the cursor left), none after an ESC in command mode or as a
// command's argument, arrows as control keys in insert mode and as hjkl in
// command mode, and runs of text together only in insert mode.
func TestDeliverVi(t *testing.T) {
	for _, tt := range []struct {
		name, typed string
		want        []string // what each Read hands over
	}{
		{"esc leaves insert", "ab\x1bx", []string{"ab", "\x1b", "h", "x"}},
		{"esc twice", "a\x1b\x1bx", []string{"a", "\x1b", "h", "\x1b", "x"}},
		{"insert again", "a\x1bib\x1b", []string{"a", "\x1b", "h", "i", "b", "\x1b", "h"}},
		{"enter resets", "a\x1b\rb\x1b", []string{"a", "\x1b", "h", "\r", "b", "\x1b", "h"}},
		{"f takes esc", "a\x1bf\x1bx", []string{"a", "\x1b", "h", "f", "\x1b", "x"}},
		{"cw enters insert", "a b\x1bbcwX\x1b", []string{"a b", "\x1b", "h", "b", "c", "w", "X", "\x1b", "h"}},
		{"arrows in insert", "a\x1b[D\x1b[A", []string{"a", "\x02", "\x10"}},
		{"arrows in command", "a\x1b\x1b[D\x1b[A", []string{"a", "\x1b", "h", "h", "k"}},
		{"text in command mode goes a key at a time", "a\x1bxé", []string{"a", "\x1b", "h", "x", "é"}},
	} {
		in := &promptInput{pending: []byte(tt.typed)}
		in.vi.Store(true)
		var got []string
		p := make([]byte, 64)
		for len(in.pending) > 0 && len(got) < 20 {
			n := in.deliverVi(p)
			got = append(got, string(p[:n]))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: %q handed over as %q, want %q", tt.name, tt.typed, got, tt.want)
		}
	}
}
