package shell

import (
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestRedrawWriterNewPrompt: the first drawing of a prompt goes out as
// bash writes a prompt, without the editor's erase or its " \b"; a line
// that then arrives in one write (pasted) is echoed as typed.
func TestRedrawWriterNewPrompt(t *testing.T) {
	const erase = "\x1b[J\x1b[2K\r"
	rec := &recorder{}
	w := &redrawWriter{w: rec}
	w.newPrompt("")
	for _, p := range []string{erase, "$  \b", erase, "$ ", erase, "$ echo a long line pasted in one write", erase, "$ echo a long line pasted in one write\n"} {
		w.Write([]byte(p))
	}
	if got := strings.Join(rec.writes, ""); got != "$ echo a long line pasted in one write\n" {
		t.Errorf("terminal got %q", rec.writes)
	}
	// A resize (reset, not a new prompt) still redraws in full.
	w.reset()
	w.Write([]byte(erase))
	w.Write([]byte("$ x"))
	if got := rec.writes[len(rec.writes)-1]; got != erase+"$ x" {
		t.Errorf("after reset got %q, want a full redraw", got)
	}
}

func TestPastedText(t *testing.T) {
	for in, want := range map[string]string{
		"echo a":            "echo a",
		"a\rb\r\nc\nd":      "a\nb\nc\nd",
		"tab\there":         "tab\there",
		"x\x1b[2Jy\x03\x7f": "x[2Jy",
	} {
		if got := pastedText([]byte(in)); got != want {
			t.Errorf("pastedText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPromptInputBracketedPaste: a bracketed paste reaches the editor as
// one placeholder key holding the whole text, newlines included, even when
// its end arrives in a later write; the Enter after it comes as a key.
func TestPromptInputBracketedPaste(t *testing.T) {
	in, w := inputPipe(t)
	in.activate()
	unix.Write(w, []byte("\x1b[200~echo a\recho"))
	ch := readAsync(in, 64)
	select {
	case got := <-ch:
		t.Fatalf("Read returned %q before the paste ended", got)
	default:
	}
	unix.Write(w, []byte(" b\x1b[201~\r"))
	if got := receive(t, ch); got != string(pasteRune) {
		t.Fatalf("Read = %q, want the paste placeholder", got)
	}
	if got := in.takePaste(); got != "echo a\necho b" {
		t.Errorf("paste = %q", got)
	}
	if got := receive(t, readAsync(in, 64)); got != "\r" {
		t.Errorf("after the paste: %q, want Enter", got)
	}
}

// TestReadPlainLineBracketedPaste: the plain reader keeps the newlines of a
// bracketed paste in the line.
func TestReadPlainLineBracketedPaste(t *testing.T) {
	in, w := inputPipe(t)
	unix.Write(w, []byte("echo a\x1b[200~b\recho c\x1b[201~d\nnext\n"))
	line, err := readPlainLine(in)
	if err != nil || line != "echo ab\necho cd" {
		t.Errorf("readPlainLine = %q, %v", line, err)
	}
	if line, _ := readPlainLine(in); line != "next" {
		t.Errorf("second line = %q", line)
	}
}
