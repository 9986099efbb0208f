package shell

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/sys/unix"
)

// inputPipe is a promptInput reading a pipe the test writes to.
func inputPipe(t *testing.T) (*promptInput, int) {
	t.Helper()
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		t.Fatal(err)
	}
	in := newPromptInput(p[0])
	t.Cleanup(func() {
		in.Close()
		unix.Close(p[0])
		unix.Close(p[1])
	})
	return in, p[1]
}

// readAsync runs in.Read in a goroutine.
func readAsync(in *promptInput, size int) <-chan string {
	ch := make(chan string, 1)
	go func() {
		buf := make([]byte, size)
		n, err := in.Read(buf)
		if err != nil {
			ch <- "error: " + err.Error()
			return
		}
		ch <- string(buf[:n])
	}()
	return ch
}

func receive(t *testing.T, ch <-chan string) string {
	t.Helper()
	select {
	case s := <-ch:
		return s
	case <-time.After(5 * time.Second):
		t.Fatal("Read did not return")
		return ""
	}
}

// keysRead reads from in until Enter, and returns what the editor gets,
// with each paste's placeholder replaced by its text.
func keysRead(t *testing.T, in *promptInput) string {
	t.Helper()
	var got strings.Builder
	for !strings.HasSuffix(got.String(), "\r") {
		got.WriteString(strings.ReplaceAll(receive(t, readAsync(in, 4096)), string(pasteRune), in.takePaste()))
	}
	return got.String()
}

// TestPromptInputStopsAtEnter: what follows the line's Enter stays unread,
// for the command the line starts.
func TestPromptInputStopsAtEnter(t *testing.T) {
	in, w := inputPipe(t)
	unix.Write(w, []byte("ls\rtype-ahead\n"))
	in.activate()
	var got strings.Builder
	got.WriteString(keysRead(t, in))
	if got.String() != "ls\r" {
		t.Errorf("editor got %q, want %q", got.String(), "ls\r")
	}
	in.deactivate()
	// The rest is still in the pipe.
	buf := make([]byte, 64)
	n, _ := unix.Read(in.fd, buf)
	if string(buf[:n]) != "type-ahead\n" {
		t.Errorf("left in the pipe: %q", buf[:n])
	}
}

// TestPromptInputDropsNUL: Ctrl+Space sends a NUL byte, which the editor
// would take for end of input; the editor never sees it.
func TestPromptInputDropsNUL(t *testing.T) {
	in, w := inputPipe(t)
	unix.Write(w, []byte("a\x00\x00b\x00\r"))
	in.activate()
	if got := keysRead(t, in); got != "ab\r" {
		t.Errorf("editor got %q, want %q", got, "ab\r")
	}
}

// TestPromptInputGate: with no prompt active, a read waits, and reads
// nothing from the terminal, until the next prompt.
func TestPromptInputGate(t *testing.T) {
	in, w := inputPipe(t)
	ch := readAsync(in, 4096)
	unix.Write(w, []byte("x"))
	select {
	case s := <-ch:
		t.Fatalf("Read returned %q with no prompt active", s)
	case <-time.After(50 * time.Millisecond):
	}
	var pending int
	if pending, _ = unix.IoctlGetInt(in.fd, unix.TIOCINQ); pending != 1 {
		t.Errorf("%d bytes waiting in the pipe, want 1 (unread)", pending)
	}
	in.activate()
	if s := receive(t, ch); s != "x" {
		t.Errorf("Read = %q", s)
	}

	// A read blocked while the prompt is active stops reading when the
	// prompt ends, and Close ends it.
	ch = readAsync(in, 4096)
	in.deactivate()
	in.Close()
	if s := receive(t, ch); s != "error: "+io.EOF.Error() {
		t.Errorf("Read after Close = %q", s)
	}
}

// TestPromptInputPaste: a long run of text comes as one placeholder, whose
// text takePaste returns; short runs and escape sequences come as they are.
func TestPromptInputPaste(t *testing.T) {
	in, w := inputPipe(t)
	long := strings.Repeat("abcé", 20) // 100 bytes, multi-byte runes
	unix.Write(w, []byte("\x1b[A"+long+"\r"))
	in.activate()
	var got []string
	for len(got) == 0 || got[len(got)-1] != "\r" {
		got = append(got, receive(t, readAsync(in, 4096)))
	}
	want := []string{"\x1b", "[A", string(pasteRune), "\r"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("reads = %q, want %q", got, want)
	}
	if p := in.takePaste(); p != long {
		t.Errorf("takePaste = %q, want %q", p, long)
	}
	if p := in.takePaste(); p != "" {
		t.Errorf("second takePaste = %q", p)
	}
	if !utf8.ValidString(long) {
		t.Fatal("bad test text")
	}
}

// TestPromptInputOpenPaste: a bracketed paste whose end marker never
// comes (the start marker typed by hand, or a terminal that died in the
// middle) waits for its end, but not past a Ctrl+C: the paste is dropped
// and the editor gets the Ctrl+C, which abandons the line, as in bash. It
// used to hold every key after it for ever. A Ctrl+C byte inside a paste
// abandons it too, as in bash, whose terminal turns it into SIGINT.
func TestPromptInputOpenPaste(t *testing.T) {
	for _, tt := range []struct {
		name  string
		typed string
		want  []string // the reads, up to Enter
		paste string   // the text of the paste, if any
	}{
		{"ctrl-c ends an open paste", "\x1b[200~abc\x03x\r", []string{"\x03", "x", "\r"}, ""},
		{"ctrl-c inside a paste", "\x1b[200~a\x03b\x1b[201~\r", []string{"\x03", "b", "\x1b", "[201~", "\r"}, ""},
		{"a paste that ends", "\x1b[200~a\tb\x1b[201~\r", []string{string(pasteRune), "\r"}, "a\tb"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in, w := inputPipe(t)
			unix.Write(w, []byte(tt.typed))
			in.activate()
			var got []string
			for len(got) == 0 || got[len(got)-1] != "\r" {
				got = append(got, receive(t, readAsync(in, 4096)))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("reads = %q, want %q", got, tt.want)
			}
			if p := in.takePaste(); p != tt.paste {
				t.Errorf("takePaste = %q, want %q", p, tt.paste)
			}
		})
	}
}

// TestPromptInputWholeLine: a line that arrives whole with its Enter, before
// any key of the prompt was handed over, goes to the editor as one paste,
// which it draws once; any other run of text shorter than pasteMin goes as
// it is, key by key.
func TestPromptInputWholeLine(t *testing.T) {
	tests := []struct {
		name   string
		typed  []string // written at one prompt, each after the reads of the one before
		reads  []string // what the editor reads, in order
		pastes []string // what takePaste then gives
	}{
		{"a whole line", []string{"true && true &\r"}, []string{string(pasteRune), "\r"}, []string{"true && true &"}},
		{"two characters", []string{"ls\r"}, []string{string(pasteRune), "\r"}, []string{"ls"}},
		{"ended by Ctrl+J", []string{"ls -l\n"}, []string{string(pasteRune), "\n"}, []string{"ls -l"}},
		{"one character", []string{"l\r"}, []string{"l", "\r"}, nil},
		{"no Enter yet", []string{"ls -l"}, []string{"ls -l"}, nil},
		{"Tab after it", []string{"ec\t"}, []string{"ec", "\t"}, nil},
		{"after a key of the prompt", []string{"\x12", "ls\r"}, []string{"\x12", "ls", "\r"}, nil},
		{"after an arrow key", []string{"\x1b[Als\r"}, []string{"\x1b", "[A", "ls", "\r"}, nil},
		{"typed in two parts", []string{"ec", "ho\r"}, []string{"ec", "ho", "\r"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, w := inputPipe(t)
			in.activate()
			var got []string
			for _, keys := range tt.typed {
				unix.Write(w, []byte(keys))
				want := len(got) + 1
				for len(got) < want || in.pendingLen() > 0 {
					got = append(got, receive(t, readAsync(in, 4096)))
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.reads, "|") {
				t.Errorf("reads = %q, want %q", got, tt.reads)
			}
			for _, want := range tt.pastes {
				if p := in.takePaste(); p != want {
					t.Errorf("takePaste = %q, want %q", p, want)
				}
			}
			if p := in.takePaste(); p != "" {
				t.Errorf("takePaste = %q, want nothing more", p)
			}
		})
	}
	// A new prompt starts afresh.
	in, w := inputPipe(t)
	in.activate()
	unix.Write(w, []byte("x"))
	receive(t, readAsync(in, 4096))
	in.deactivate()
	in.activate()
	unix.Write(w, []byte("ls\r"))
	if got := receive(t, readAsync(in, 4096)); got != string(pasteRune) {
		t.Errorf("at the next prompt the line came as %q, want one paste", got)
	}
}

// TestPasteListener: the listener puts the pasted text where the
// placeholder is.
func TestPasteListener(t *testing.T) {
	e := &readlineEditor{in: newPromptInput(-1)}
	defer e.in.Close()
	e.in.pastes = []string{"PASTED"}
	if _, ok := e.filterKey(pasteRune); !ok {
		t.Fatal("filter dropped the placeholder")
	}
	line := []rune("ab" + string(pasteRune) + "cd")
	out, pos, ok := e.OnChange(line, 3, pasteRune)
	if !ok || string(out) != "abPASTEDcd" || pos != 8 {
		t.Errorf("OnChange = %q, %d, %v", string(out), pos, ok)
	}
	// Other keys pass untouched.
	if _, _, ok := e.OnChange([]rune("x"), 1, 'x'); ok {
		t.Error("OnChange changed an ordinary key")
	}
}

// TestCtrlZFiltered: Ctrl+Z becomes a key that does nothing.
func TestCtrlZFiltered(t *testing.T) {
	e := &readlineEditor{in: newPromptInput(-1)}
	defer e.in.Close()
	if r, ok := e.filterKey(0x1a); r != 0x07 || !ok {
		t.Errorf("filterKey(Ctrl+Z) = %q, %v; want BEL, true", r, ok)
	}
}

// recorder is a writer that keeps each write apart.
type recorder struct{ writes []string }

func (r *recorder) Write(p []byte) (int, error) {
	r.writes = append(r.writes, string(p))
	return len(p), nil
}

// TestRedrawWriter feeds redrawWriter what the editor writes for a
// sequence of keys and checks what reaches the terminal, write by write.
func TestRedrawWriter(t *testing.T) {
	const erase = "\x1b[J\x1b[2K\r"
	tests := []struct {
		name  string
		in    []string // the editor's writes
		more  []bool   // more keys typed, per write (missing = false)
		reset bool     // ReadLine returns after the writes
		want  []string // the terminal's writes
	}{
		{name: "prompt then keys",
			in:   []string{erase, "$  \b", erase, "$ l", erase, "$ ls"},
			want: []string{erase + "$  \b", "l", "s"}},
		{name: "enter redraws the same line, then a newline",
			in:   []string{erase, "$ ls", erase, "$ ls", erase, "$ ls\n"},
			want: []string{erase + "$ ls", "\n"}},
		{name: "backspace is a full redraw",
			in:   []string{erase, "$ ls", erase, "$ l"},
			want: []string{erase + "$ ls", erase + "$ l"}},
		{name: "cursor inside the line: full redraws",
			in:   []string{erase, "$ abc\b", erase, "$ abXc\b", erase, "$ abXcd"},
			want: []string{erase + "$ abc\b", erase + "$ abXc\b", erase + "$ abXcd"}},
		{name: "cursor moved up a wrapped line",
			in:   []string{erase, "$ abc\b\x1b[A\r\x1b[40C", erase, "$ abcd"},
			want: []string{erase + "$ abc\b\x1b[A\r\x1b[40C", erase + "$ abcd"}},
		{name: "text ending in C is text",
			in:   []string{erase, "$ ABC", erase, "$ ABCD"},
			want: []string{erase + "$ ABC", "D"}},
		{name: "recalled line that extends the shown one",
			in:   []string{erase, "$  \b", erase, "$ exit"},
			want: []string{erase + "$  \b", "exit"}},
		{name: "other output ends the shortcut",
			in:   []string{erase, "$ ls", "message\n", erase, "$ lsx"},
			want: []string{erase + "$ ls", "message\n", erase + "$ lsx"}},
		{name: "typed ahead: one write",
			in:   []string{erase, "$  \b", erase, "$ f", erase, "$ fg", erase, "$ fg", erase, "$ fg\n"},
			more: []bool{true, true, true, true, true, true, false, false, false, false},
			want: []string{erase + "$  \bfg\n"}},
		{name: "enter after a line that fills the width: full redraw",
			in:   []string{erase, "$ ab", erase, "$ abc \b", erase, "$ abc \b", erase, "$ abc\n"},
			want: []string{erase + "$ ab", "c \b", erase + "$ abc\n"}},
		{name: "keys after a line that fills the width: shortcut",
			in:   []string{erase, "$ abc \b", erase, "$ abcd"},
			want: []string{erase + "$ abc \b", "d"}},
		{name: "an erase alone goes out at reset",
			in:    []string{erase, "$ ls", erase},
			reset: true,
			want:  []string{erase + "$ ls", erase}},
		{name: "kept output goes out at reset",
			in:    []string{erase, "$ ls", erase, "$ lsx"},
			more:  []bool{true, true, true, true},
			reset: true,
			want:  []string{erase + "$ lsx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			i := 0
			w := &redrawWriter{w: rec, more: func() bool { return i < len(tt.more) && tt.more[i] }}
			for ; i < len(tt.in); i++ {
				if n, err := w.Write([]byte(tt.in[i])); n != len(tt.in[i]) || err != nil {
					t.Fatalf("Write(%q) = %d, %v", tt.in[i], n, err)
				}
			}
			if tt.reset {
				w.reset()
			}
			if strings.Join(rec.writes, "|") != strings.Join(tt.want, "|") {
				t.Errorf("terminal got\n%q\nwant\n%q", rec.writes, tt.want)
			}
		})
	}
}

func TestRedrawWriterForgetsAfterReset(t *testing.T) {
	rec := &recorder{}
	w := &redrawWriter{w: rec}
	w.Write([]byte("\x1b[J\x1b[2K\r$ ls"))
	w.reset() // a new prompt: the screen may have changed since
	w.Write([]byte("\x1b[J\x1b[2K\r"))
	w.Write([]byte("$ lsx"))
	if got := rec.writes[len(rec.writes)-1]; got != "\x1b[J\x1b[2K\r$ lsx" {
		t.Errorf("after reset got %q, want a full redraw", got)
	}
}

func TestOnlyErases(t *testing.T) {
	for in, want := range map[string]bool{
		"\x1b[J\x1b[2K\r":                true,
		"\x1b[J\x1b[2K\r\x1b[A\x1b[2K\r": true,
		"\r\b\r\b\x1b[J":                 true,
		"\x1b[J\x1b[2K\r$ ":              false,
		"\x1b[1;32m":                     false,
		"ls":                             false,
		"":                               false,
	} {
		if got := onlyErases([]byte(in)); got != want {
			t.Errorf("onlyErases(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestPromptInputInterruptBeforeActivate: a Ctrl+C (SIGINT) that arrives
// after the prompt is marked as shown but before the editor starts reading
// is not lost: the read returns errInterrupted at once, and the prompt
// after it starts clean.
func TestPromptInputInterruptBeforeActivate(t *testing.T) {
	in, w := inputPipe(t)
	in.interrupt()
	in.activate()
	ch := make(chan error, 1)
	go func() {
		_, err := in.readByte()
		ch <- err
	}()
	select {
	case err := <-ch:
		if !errors.Is(err, errInterrupted) {
			t.Fatalf("readByte after an early Ctrl+C: %v, want errInterrupted", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("an early Ctrl+C was lost: readByte still waits")
	}
	in.deactivate()
	unix.Write(w, []byte("x"))
	in.activate()
	if b, err := in.readByte(); b != 'x' || err != nil {
		t.Errorf("the next prompt read %q, %v; want 'x'", b, err)
	}
	in.deactivate()
}

// pendingLen is the number of bytes read from the terminal and not yet
// handed over.
func (in *promptInput) pendingLen() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return len(in.pending)
}
