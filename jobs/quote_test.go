package jobs

import (
	"fmt"
	"testing"
)

func TestShowText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"", ""},
		{"a\nb", "a^Jb"},
		{"\x1b]0;title\a", "^[]0;title^G"},
		{"del\x7f", "del^?"},
		{"tab\there", "tab^Ihere"},
		{"\x00", "^@"},
		{"héllo", "héllo"}, // UTF-8 is not control text
	}
	for _, tt := range tests {
		if got := ShowText(tt.in); got != tt.want {
			t.Errorf("ShowText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQuoteWord(t *testing.T) {
	tests := []struct{ in, want string }{
		{"sleep", "sleep"},
		{"a b", "a b"}, // only control text is quoted
		{"a\nb", `$'a\nb'`},
		{"\x1b[2J", `$'\E[2J'`},
		{"it's\a", `$'it\'s\a'`},
		{"back\\slash\r", `$'back\\slash\r'`},
		{"\x01\x7f", `$'\001\177'`},
	}
	for _, tt := range tests {
		if got := QuoteWord(tt.in); got != tt.want {
			t.Errorf("QuoteWord(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := QuoteWords([]string{"echo", "x\ny"}); got != `echo $'x\ny'` {
		t.Errorf("QuoteWords = %q", got)
	}
	args := []any{"ok", 3, "a\x1bb"}
	shown := ShowArgs(args)
	if fmt.Sprint(shown...) != fmt.Sprint("ok", 3, "a^[b") || args[2] != "a\x1bb" {
		t.Errorf("ShowArgs = %q (args now %q)", shown, args)
	}
}

// TestStageTextShown: the text jobs -l and the trace show for a stage never
// holds a raw control character.
func TestStageTextShown(t *testing.T) {
	if got := (&Stage{Argv: []string{"cat", "a\nb"}}).text(); got != `cat $'a\nb'` {
		t.Errorf("argv text = %q", got)
	}
	if got := (&Stage{Text: "echo \x1b[2J"}).text(); got != "echo ^[[2J" {
		t.Errorf("source text = %q", got)
	}
}
