package parser

import (
	"fmt"
	"strings"
	"testing"
)

// With Config.HeredocEOF, the end of the input ends an open here-document
// (bash in a script or -c text): the body is what was read, with a
// newline after its last line, and HeredocEOF is told the delimiter and
// the line before the body. Without it, the same text is an Incomplete
// syntax error (TestParseErrors), and a Reader asks for more lines.
func TestHeredocEndedByEOF(t *testing.T) {
	tests := []struct {
		name, src string
		bodies    []string // dump of each body's parts; "" for none
		warned    string   // the HeredocEOF calls, "DELIM@LINE;..."
	}{
		{"body without newline", "cat <<EOF\nabc", []string{`[Lit{Value: "abc\n"}]`}, "EOF@1;"},
		{"body with newline", "cat <<EOF\nabc\n", []string{`[Lit{Value: "abc\n"}]`}, "EOF@1;"},
		{"tabs stripped", "cat <<-EOF\n\tx\n\ty", []string{`[Lit{Value: "x\ny\n"}]`}, "EOF@1;"},
		{"quoted", "cat <<'E'\na$b", []string{`[Lit{Value: "a$b\n"}]`}, "E@1;"},
		{"expansion in the body", "cat <<E\n$x", []string{`[ParamExp{Name: "x"} Lit{Value: "\n"}]`}, "E@1;"},
		{"second of two", "cat <<A <<B\na\nA\nb", []string{`[Lit{Value: "a\n"}]`, `[Lit{Value: "b\n"}]`}, "B@3;"},
		{"no body at all", "cat <<EOF", []string{""}, "EOF@1;"},
		{"delimiter found", "cat <<EOF\nabc\nEOF", []string{`[Lit{Value: "abc\n"}]`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var warned strings.Builder
			cfg := Config{HeredocEOF: func(delim string, line int) { fmt.Fprintf(&warned, "%s@%d;", delim, line) }}
			f, err := ParseConfig(tt.src, cfg)
			if err != nil {
				t.Fatalf("%q: %v", tt.src, err)
			}
			docs := heredocs(f)
			if len(docs) != len(tt.bodies) {
				t.Fatalf("%q: %d here-documents, want %d", tt.src, len(docs), len(tt.bodies))
			}
			for i, r := range docs {
				got := ""
				if r.Heredoc.Body != nil {
					got = dump(r.Heredoc.Body.Parts)
				}
				if got != tt.bodies[i] {
					t.Errorf("%q: body %d = %s, want %s", tt.src, i, got, tt.bodies[i])
				}
			}
			if warned.String() != tt.warned {
				t.Errorf("%q: HeredocEOF calls %q, want %q", tt.src, warned.String(), tt.warned)
			}
		})
	}
}
