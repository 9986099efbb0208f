package shell

import (
	"strings"
	"testing"
)

// The runner parses each line once (issue 9, item 9): these two grew with
// the square of their length when the whole text was parsed again after
// every line.

// BenchmarkRunHeredoc100k runs a script made of one 100,000-line
// here-document given to a builtin.
func BenchmarkRunHeredoc100k(b *testing.B) {
	src := ": <<EOF\n" + strings.Repeat("line $x of the here-document\n", 100000) + "EOF\necho done\n"
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if out, _, st := runCaptured(b, src); out != "done\n" || st != 0 {
			b.Fatalf("stdout %q status %d", out, st)
		}
	}
}

// BenchmarkRunScript10k runs a 10,000-line script of assignments.
func BenchmarkRunScript10k(b *testing.B) {
	src := strings.Repeat("x=$((x + 1)); y=${x:-0}\n", 10000) + "echo $x\n"
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if out, _, st := runCaptured(b, src); out != "10000\n" || st != 0 {
			b.Fatalf("stdout %q status %d", out, st)
		}
	}
}

// Commands run as soon as they are complete: an alias defined on one line
// applies on the next, and a syntax error late in the text does not stop
// the commands before it. Line numbers in messages are those of the text.
func TestRunLinesCommandByCommand(t *testing.T) {
	tests := []struct {
		src, out, err string
		status        int
	}{
		{"shopt -s expand_aliases; alias say='echo said'\nsay it\n", "said it\n", "", 0},
		{"echo 1\nif true; then\n  echo 2\nfi\necho 3\n  done\necho 4\n", "1\n2\n3\n", "gosh: -c: line 6: syntax error near unexpected token `done'\ngosh: -c: line 6: `  done'\n", 2},
		{"cat <<E\n$((1+1))\nE\nfor i in a b\ndo echo $i\ndone\n", "2\na\nb\n", "", 0},
		{"echo a \\\n  b\n", "a b\n", "", 0},
		{"echo a \\\n", "a\n", "", 0},
		{"while :; do\n  echo x\n", "", "gosh: -c: line 3: syntax error: unexpected end of file\n", 2},
	}
	for _, tt := range tests {
		out, errOut, st := runCaptured(t, tt.src)
		if out != tt.out || errOut != tt.err || st != tt.status {
			t.Errorf("%q:\n got  %q %q %d\n want %q %q %d", tt.src, out, errOut, st, tt.out, tt.err, tt.status)
		}
	}
}
