package parser

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// lines is a LineSource over text that records each request.
type lines struct {
	rest string
	asks []bool // the more argument of each call
}

func (s *lines) next(more bool) (string, error) {
	s.asks = append(s.asks, more)
	if s.rest == "" {
		return "", io.EOF
	}
	i := strings.IndexByte(s.rest, '\n')
	if i < 0 {
		line := s.rest
		s.rest = ""
		return line, io.EOF
	}
	line := s.rest[:i+1]
	s.rest = s.rest[i+1:]
	return line, nil
}

// readAll returns what each call of Next gave: the printed command, or
// "error LINE:COL msg".
func readAll(t *testing.T, src string, cfg Config) ([]string, *lines) {
	t.Helper()
	ls := &lines{rest: src}
	r := NewReader(ls.next, cfg)
	var out []string
	for range 100 {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out, ls
		}
		if err != nil {
			out = append(out, "error "+err.Error())
			continue
		}
		out = append(out, String(f))
	}
	t.Fatalf("%q: Next never reports the end", src)
	return nil, nil
}

// The Reader gives one complete command at a time, with positions in the
// whole program, and reads a line only when the lexer needs it.
func TestReader(t *testing.T) {
	tests := []struct {
		src  string
		want []string
		asks string // the more flags of the line requests: P for PS1, m for more
	}{
		{"a\nb\n", []string{"a", "b"}, "PPP"},
		{"a; b &\n\n# c\nc", []string{"a; b &", "c"}, "PPPP"},
		{"if a\nthen b\nfi\nc\n", []string{"if a; then b; fi", "c"}, "PmmPP"},
		{"cat <<E\nx\nE\necho\n", []string{"cat <<E\nx\nE\n", "echo"}, "PmmPP"},
		{"a |\nb &&\n\nc\n", []string{"a | b && c"}, "PmmmP"},
		{"echo 'a\nb'\n", []string{"echo 'a\nb'"}, "PmP"},
		{"'a\nb' c\n", []string{"'a\nb' c"}, "PmP"},
		{"\\\necho a\n", []string{"echo a"}, "PmP"},
		{"$(a\nb)\n", []string{"$(a; b)"}, "PmP"},
		{"echo $(case x in\na) b;;\nesac)\n", []string{"echo $(case x in a) b;; esac)"}, "PmmP"},
		{"a\nfi; b\nc\n", []string{"a", "error 2:1: syntax error near unexpected token `fi'", "c"}, "PPPP"},
		{"a\n\nif b; then\n  c fi\n", []string{"a", "error 5:1: syntax error: unexpected end of file"}, "PPPmmP"},
		{"echo a \\\n", []string{"echo a"}, "Pm"},
		{"cat <<E\nx\n", []string{"error 1:7: unexpected end of file (unterminated here-document 'E')"}, "PmmP"},
		// Telling a coproc's NAME from a command's first word reads one
		// token further, never the line after the command.
		{"coproc cat\necho\n", []string{"coproc cat", "echo"}, "PPP"},
		{"coproc a\n{ :; }\n", []string{"coproc a", "{ :; }"}, "PPP"},
		{"coproc X {\ncat\n}\n", []string{"coproc X { cat; }"}, "PmmP"},
		{"coproc cat <<E\nx\nE\n", []string{"coproc cat <<E\nx\nE\n"}, "PmmP"},
	}
	for _, tt := range tests {
		got, ls := readAll(t, tt.src, Config{})
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q:\n got  %q\n want %q", tt.src, got, tt.want)
		}
		var asks strings.Builder
		for _, m := range ls.asks {
			if m {
				asks.WriteByte('m')
			} else {
				asks.WriteByte('P')
			}
		}
		if asks.String() != tt.asks {
			t.Errorf("%q: line requests %s, want %s", tt.src, asks.String(), tt.asks)
		}
	}
}

// An alias takes effect for the commands read after it is defined, because
// Next reads nothing past the command it returns.
func TestReaderAliasOnNextLine(t *testing.T) {
	aliases := map[string]string{}
	cfg := Config{Alias: func(n string) (string, bool) { v, ok := aliases[n]; return v, ok }}
	ls := &lines{rest: "x; x\nx\n"}
	r := NewReader(ls.next, cfg)
	f, err := r.Next()
	if err != nil || String(f) != "x; x" {
		t.Fatalf("first command: %q, %v", String(f), err)
	}
	aliases["x"] = "echo hi"
	if f, err = r.Next(); err != nil || String(f) != "echo hi" {
		t.Fatalf("second command: %q, %v", String(f), err)
	}
}

// A read error (Ctrl+C at PS2) is returned instead of the syntax error it
// causes, and the Reader can go on.
func TestReaderReadError(t *testing.T) {
	stop := errors.New("interrupted")
	calls := 0
	r := NewReader(func(more bool) (string, error) {
		calls++
		switch calls {
		case 1:
			return "if a\n", nil
		case 2:
			return "", stop
		case 3:
			return "b\n", nil
		}
		return "", io.EOF
	}, Config{})
	if _, err := r.Next(); !errors.Is(err, stop) {
		t.Fatalf("Next: %v, want the read error", err)
	}
	if f, err := r.Next(); err != nil || String(f) != "b" {
		t.Fatalf("Next after the error: %q, %v", String(f), err)
	}
}

// Positions and line numbers stay those of the whole program after the
// Reader drops what it has parsed.
func TestReaderPositions(t *testing.T) {
	ls := &lines{rest: "a\nb\n  c d\n"}
	r := NewReader(ls.next, Config{})
	var pos []Pos
	for {
		f, err := r.Next()
		if err != nil {
			break
		}
		pos = append(pos, f.List.Items[0].Pos)
	}
	want := []Pos{{0, 1, 1}, {2, 2, 1}, {6, 3, 3}}
	if r.FirstLine() != 4 { // the end of the input, after the last line
		t.Errorf("FirstLine at the end = %d, want 4", r.FirstLine())
	}
	if len(pos) != 3 || pos[0] != want[0] || pos[1] != want[1] || pos[2] != want[2] {
		t.Errorf("positions %v, want %v", pos, want)
	}
}

// readerLines returns a LineSource over text, for the benchmarks.
func readerLines(text string) LineSource {
	rest := text
	return func(bool) (string, error) {
		if rest == "" {
			return "", io.EOF
		}
		i := strings.IndexByte(rest, '\n')
		if i < 0 {
			line := rest
			rest = ""
			return line, io.EOF
		}
		line := rest[:i+1]
		rest = rest[i+1:]
		return line, nil
	}
}

func benchReader(b *testing.B, src string, commands int) {
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		r := NewReader(readerLines(src), Config{})
		n := 0
		for {
			_, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != commands {
			b.Fatalf("%d commands, want %d", n, commands)
		}
	}
}

// A 100,000-line here-document is read and parsed in one pass.
func BenchmarkReaderHeredoc100k(b *testing.B) {
	src := "cat <<EOF\n" + strings.Repeat("line $x of the here-document\n", 100000) + "EOF\n"
	benchReader(b, src, 1)
}

// A 10,000-line script: each line is one command.
func BenchmarkReaderScript10k(b *testing.B) {
	src := strings.Repeat("echo \"$HOME\" ${x:-y} | grep -v z >>out 2>&1 && cd /tmp\n", 10000)
	benchReader(b, src, 10000)
}

// A 10,000-line loop: one command whose lines arrive one by one.
func BenchmarkReaderLoop10k(b *testing.B) {
	src := "while read l; do\n" + strings.Repeat("  echo \"$l\" | wc -c\n", 10000) + "done\n"
	benchReader(b, src, 1)
}

// FirstLine is the line where the command with the error begins.
func TestReaderFirstLine(t *testing.T) {
	ls := &lines{rest: "a\n\nif b; then\n  c fi\n"}
	r := NewReader(ls.next, Config{})
	if _, err := r.Next(); err != nil || r.FirstLine() != 1 {
		t.Fatalf("first command: %v, FirstLine %d", err, r.FirstLine())
	}
	_, err := r.Next()
	var se *SyntaxError
	if !errors.As(err, &se) || se.Pos.Line != 5 || r.FirstLine() != 3 {
		t.Errorf("error %v, FirstLine %d; want line 5 in the command of line 3", err, r.FirstLine())
	}
}

// Past dropAt bytes the Reader drops the text it has parsed; line numbers
// and offsets go on from where they were.
func TestReaderPositionsAfterDrop(t *testing.T) {
	n := dropAt/2 + 10 // lines of "a\n": more than dropAt bytes
	src := strings.Repeat("a\n", n) + "b\n  fi\n"
	ls := &lines{rest: src}
	r := NewReader(ls.next, Config{})
	for range n {
		if _, err := r.Next(); err != nil {
			t.Fatal(err)
		}
	}
	f, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.List.Items[0].Pos, (Pos{Offset: 2 * n, Line: n + 1, Col: 1}); got != want {
		t.Errorf("b at %+v, want %+v", got, want)
	}
	if len(r.in.text) >= dropAt {
		t.Errorf("the Reader still holds %d bytes", len(r.in.text))
	}
	_, err = r.Next()
	var se *SyntaxError
	if !errors.As(err, &se) || se.Pos != (Pos{Offset: 2*n + 4, Line: n + 2, Col: 3}) {
		t.Errorf("error %v at %+v, want line %d col 3", err, se, n+2)
	}
}
