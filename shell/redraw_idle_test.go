package shell

import (
	"strings"
	"testing"
)

// TestRedrawWriterIdleBetweenEraseAndDrawing: the editor's reader asks for
// the next key (idle, which flushes) from its own goroutine, so the flush
// can come between the erase and the drawing of one redraw. The erase must
// stay kept for its drawing: a key typed at the end of the line is still
// echoed as itself, with no erase and no second prompt (as once happened
// in about 2 of 5 lines typed key by key by pexpect).
func TestRedrawWriterIdleBetweenEraseAndDrawing(t *testing.T) {
	const erase = "\x1b[J\x1b[2K\r"
	rec := &recorder{}
	w := &redrawWriter{w: rec}
	w.newPrompt("")
	w.Write([]byte(erase))
	w.Write([]byte("$ e"))
	for _, line := range []string{"$ ec", "$ ech", "$ echo"} {
		w.Write([]byte(erase))
		w.flush() // the reader waits for a key here
		w.Write([]byte(line))
	}
	w.flush()
	if got := strings.Join(rec.writes, ""); got != "$ echo" {
		t.Errorf("terminal got %q, want the prompt once and the keys as typed", rec.writes)
	}
	// An erase the editor leaves without a drawing (Ctrl+D on an empty
	// line) still goes out when the line ends.
	w.Write([]byte(erase))
	w.reset()
	if got := rec.writes[len(rec.writes)-1]; got != erase {
		t.Errorf("reset wrote %q, want the kept erase", got)
	}
}

// TestRedrawWriterPromptLead: the lead of a prompt (bracketed paste on,
// the lines above the prompt's last) waits for the prompt's first drawing
// and goes out with it in one write, even when the reader asks for a key
// (idle) before the editor draws; what was kept before the new prompt goes
// out first, on its own.
func TestRedrawWriterPromptLead(t *testing.T) {
	const erase = "\x1b[J\x1b[2K\r"
	rec := &recorder{}
	w := &redrawWriter{w: rec}
	w.Write([]byte("kept\n"))
	w.newPrompt(bracketedPasteOn + "line 1\n")
	w.flush() // the reader waits for a key before the editor draws
	w.Write([]byte(erase))
	w.Write([]byte("$ "))
	w.Write([]byte(erase))
	w.Write([]byte("$ x"))
	want := []string{"kept\n", bracketedPasteOn + "line 1\n$ ", "x"}
	if strings.Join(rec.writes, "|") != strings.Join(want, "|") {
		t.Errorf("terminal got %q, want %q", rec.writes, want)
	}
	// A lead with no drawing after it (the editor closed) goes out when
	// the line ends.
	rec.writes = nil
	w.newPrompt(bracketedPasteOn)
	w.flush()
	if len(rec.writes) != 0 {
		t.Errorf("idle flush wrote %q before the prompt's drawing", rec.writes)
	}
	w.reset()
	if strings.Join(rec.writes, "") != bracketedPasteOn {
		t.Errorf("reset wrote %q, want the lead", rec.writes)
	}
}

// TestRedrawWriterAfterPrompt: afterPrompt runs once per prompt, once the
// prompt's first drawing has gone out: never before it (an idle flush while
// only the lead is kept), and for a drawing held while typed keys wait,
// when it goes out.
func TestRedrawWriterAfterPrompt(t *testing.T) {
	const erase = "\x1b[J\x1b[2K\r"
	rec := &recorder{}
	var calls []int // how many writes the terminal had at each call
	more := false
	w := &redrawWriter{w: rec, more: func() bool { return more }}
	w.afterPrompt = func() { calls = append(calls, len(rec.writes)) }
	w.newPrompt(bracketedPasteOn)
	w.flush()
	if len(calls) != 0 {
		t.Fatalf("afterPrompt ran before the prompt was drawn")
	}
	w.Write([]byte(erase))
	w.Write([]byte("$ "))
	w.Write([]byte(erase))
	w.Write([]byte("$ x"))
	w.flush()
	if len(calls) != 1 || calls[0] != 1 {
		t.Fatalf("afterPrompt calls %v, want one, after the prompt's write", calls)
	}
	more = true
	w.newPrompt(bracketedPasteOn)
	w.Write([]byte(erase))
	w.Write([]byte("$ "))
	if len(calls) != 1 {
		t.Fatalf("afterPrompt ran while the drawing was kept")
	}
	more = false
	w.flush()
	if len(calls) != 2 || calls[1] != len(rec.writes) {
		t.Errorf("afterPrompt calls %v with %d writes, want a second one after the last write", calls, len(rec.writes))
	}
}

// TestRedrawWriterLineEnd: the newline the editor draws for Enter waits for
// what ReadLine writes after the line (bracketed paste off) and goes out
// with it in one write; a newline that is not Enter's (a pasted one) goes
// out at once, and so does a kept one when the reader waits for a key.
func TestRedrawWriterLineEnd(t *testing.T) {
	const erase = "\x1b[J\x1b[2K\r"
	rec := &recorder{}
	entered := true
	w := &redrawWriter{w: rec, entered: func() bool { return entered }}
	w.newPrompt("")
	for _, p := range []string{erase, "$ ", erase, "$ x", erase, "$ x\n"} {
		w.Write([]byte(p))
	}
	w.resetWith(bracketedPasteOff)
	want := []string{"$ ", "x", "\n" + bracketedPasteOff}
	if strings.Join(rec.writes, "|") != strings.Join(want, "|") {
		t.Errorf("Enter: terminal got %q, want %q", rec.writes, want)
	}

	rec.writes = nil
	entered = false
	w.newPrompt("")
	for _, p := range []string{erase, "$ ", erase, "$ \n"} {
		w.Write([]byte(p))
	}
	if strings.Join(rec.writes, "|") != "$ |\n" {
		t.Errorf("a pasted newline: terminal got %q, want it at once", rec.writes)
	}

	rec.writes = nil
	entered = true
	w.newPrompt("")
	for _, p := range []string{erase, "$ ", erase, "$ \n"} {
		w.Write([]byte(p))
	}
	w.flush() // the reader waits for a key before ReadLine ends the line
	w.resetWith(bracketedPasteOff)
	if strings.Join(rec.writes, "|") != "$ |\n|"+bracketedPasteOff {
		t.Errorf("Enter, then idle: terminal got %q", rec.writes)
	}
}
