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
	w.newPrompt()
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
