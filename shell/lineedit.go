package shell

import (
	"bytes"
	"errors"
	"io"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/chzyer/readline"
	"github.com/chzyer/readline/runes"
	"golang.org/x/sys/unix"
	"golang.org/x/term"

	"gosh/jobs/lazy"
)

// This file reads the command line at the prompt. On a terminal the line
// editor is chzyer/readline (Emacs keys, history on Up/Down, Ctrl+R search,
// Tab completion). With TERM=dumb, or when standard input is not a
// terminal, a plain editor reads whole lines and writes no escape sequences.
//
// Three things about the library matter to a job-control shell:
//
//   - Its reader goroutine reads standard input for as long as the editor
//     exists. Bytes it read while a job runs would become the next command
//     line instead of going to the job. So the editor reads through
//     promptInput, which lets it read only while a prompt is active, and
//     never reads past the end of the line being typed: what a user types
//     while a job runs stays in the terminal, for the job.
//   - Ctrl+Z at the prompt makes it send SIGTSTP to the shell's parent and
//     to the shell. Its key filter turns Ctrl+Z into a key that does
//     nothing. (Returning false from the filter would leave a stray read
//     request behind that steals the next job's input.)
//   - It redraws the whole line on every key, so pasting a long line would
//     take time quadratic in its length. promptInput hands a run of pasted
//     text over as one placeholder key, which the editor's listener
//     replaces with the whole text in one redraw; so too a whole line that
//     arrives with its Enter at a fresh prompt (a program driving the
//     terminal, a line typed ahead), however short.
//
// Programs drive shells through a pty too (pexpect, expect, autograders),
// and rely on what GNU readline does: the prompt is written once per line,
// with nothing before it, and typed text is echoed as typed (redrawWriter);
// with the terminal's ECHO flag off nothing is echoed (readUnechoed); and
// bracketed paste is on while the prompt is shown, so pasted text, newlines
// and all, goes into the line and runs only on Enter.

// newLineEditor returns the editor for the prompt: readline on a terminal,
// the plain editor otherwise.
func (sh *Shell) newLineEditor(hist *history) lineEditor {
	termName, _ := sh.Vars.Get("TERM")
	if termName == "dumb" || !term.IsTerminal(0) {
		return plainHistEditor(hist)
	}
	e, err := newReadlineEditor(sh, hist)
	if err != nil {
		return plainHistEditor(hist)
	}
	return e
}

// plainHistEditor is the plain editor of an interactive shell, which
// writes the history's pending lines once the prompt is out.
func plainHistEditor(hist *history) *plainEditor {
	p := newPlainEditor()
	p.afterPrompt = hist.writePending
	return p
}

// ---- the plain editor ----

// plainEditor reads lines from a terminal or pipe without editing: the
// fallback for TERM=dumb and for a stdin that is not a terminal. It reads
// one byte at a time, so a command gets the input after its own line.
type plainEditor struct {
	in *promptInput
	// afterPrompt runs once the prompt is written (history.writePending).
	afterPrompt func()
	// partial is what was typed of a line when a trapped signal took the
	// prompt away (errTrapped): the next ReadLine goes on from it.
	partial []byte
}

func newPlainEditor() *plainEditor {
	return &plainEditor{in: newPromptInput(0)}
}

func (p *plainEditor) ReadLine(prompt string) (string, error) {
	os.Stderr.WriteString(promptText(prompt))
	if p.afterPrompt != nil {
		p.afterPrompt()
	}
	p.in.activate()
	defer p.in.deactivate()
	line, err := readPlainLineFrom(p.in, p.partial)
	p.partial = nil
	switch {
	case errors.Is(err, errTrapped):
		p.partial = []byte(line)
		os.Stderr.WriteString("\n")
		return "", errTrapped
	case errors.Is(err, errInterrupted):
		os.Stderr.WriteString("\n")
	}
	return line, err
}

// Bracketed paste (xterm's mode 2004, which bash 5.1 turns on at its
// prompt): the terminal sends pasted text between these two markers, so
// that a pasted newline is part of the line, not Enter.
var (
	pasteStart = []byte("\x1b[200~")
	pasteEnd   = []byte("\x1b[201~")
)

// Written before and after reading a line in the readline editor, as bash
// does: bracketed paste is on only while the prompt is shown, so a job gets
// pasted text as it is.
const (
	bracketedPasteOn  = "\x1b[?2004h"
	bracketedPasteOff = "\x1b[?2004l\r"
)

// pasteMode is seq, bracketed paste's on or off sequence, unless bind
// 'set enable-bracketed-paste off' turned it off: then "". (The markers of
// a paste are still understood, as with TERM=dumb.)
func (e *readlineEditor) pasteMode(seq string) string {
	if e.sh.Opts.NoBracketedPaste {
		return ""
	}
	return seq
}

// readPlainLine reads a line byte by byte, in the terminal's own line mode
// (the kernel echoes it, or not, as the ECHO flag says). Text between the
// bracketed-paste markers keeps its newlines: it never runs by itself, only
// the Enter after it ends the line.
func readPlainLine(in *promptInput) (string, error) { return readPlainLineFrom(in, nil) }

// readPlainLineFrom is readPlainLine going on from start, a line that a
// trapped signal interrupted; on errTrapped it returns what it has read.
func readPlainLineFrom(in *promptInput, start []byte) (string, error) {
	line := start
	pasting := false
	for {
		b, err := in.readByte()
		if errors.Is(err, errTrapped) {
			return string(line), errTrapped
		}
		if errors.Is(err, errInterrupted) {
			return "", errInterrupted
		}
		if err != nil {
			if len(line) > 0 && errors.Is(err, io.EOF) {
				return string(line), nil
			}
			return "", err
		}
		switch {
		case b == '\n' && !pasting:
			return string(line), nil
		case b == '\r' && pasting:
			b = '\n' // a terminal sends a pasted line break as CR
		}
		line = append(line, b)
		switch {
		case bytes.HasSuffix(line, pasteStart):
			line, pasting = line[:len(line)-len(pasteStart)], true
		case bytes.HasSuffix(line, pasteEnd):
			line, pasting = line[:len(line)-len(pasteEnd)], false
		}
	}
}

// echoOn reports whether the terminal on fd echoes what is typed (its ECHO
// flag). A client that drives the shell, such as pexpect's replwrap, turns
// it off, and GNU readline then echoes nothing.
func echoOn(fd int) bool {
	tm, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	return err != nil || tm.Lflag&unix.ECHO != 0
}

// trapArrived makes a pending ReadLine return errTrapped.
func (p *plainEditor) trapArrived() { p.in.trapArrived() }

// interrupt makes a pending ReadLine return errInterrupted: in cooked mode
// Ctrl+C at the prompt reaches the shell as SIGINT.
func (p *plainEditor) interrupt() { p.in.interrupt() }
func (p *plainEditor) resized()   {}

// printAbove: without a line editor the message simply follows what is on
// the screen; the prompt is not drawn again.
func (p *plainEditor) printAbove(msg []byte) { os.Stderr.Write(msg) }
func (p *plainEditor) Close() error          { p.in.Close(); return nil }

// ---- the readline editor ----

// pasteRune stands for a run of pasted text (see promptInput.deliver). It
// is in Unicode's private use area.
const pasteRune = '\ue000'

// trapRune is the key promptInput hands the editor when a trapped signal
// arrived at the prompt: the editor ends the line as Enter would, and
// ReadLine returns errTrapped with the line kept for the next prompt.
const trapRune = '\ue001'

// errTrapped is what ReadLine returns when a trapped signal arrived at
// the prompt: the shell runs the handler, then prompts again with the
// text typed so far.
var errTrapped = errors.New("a trapped signal arrived")

// pasteMin is the shortest run of text handed over as one paste. Keys typed
// by hand arrive one at a time. A whole line that arrives with its Enter
// before any key of the prompt was handed over (a program driving the
// terminal, a line typed ahead while a command ran) goes as one paste
// however short it is (wholeLineMin): the editor, which redraws the line for
// every key, then draws it once.
const (
	pasteMin     = 32
	wholeLineMin = 2
)

type readlineEditor struct {
	sh   *Shell
	hist *history
	in   *promptInput
	out  *redrawWriter
	rl   *readline.Instance
	comp *completer

	mu       sync.Mutex
	onResize func() // readline's width-change handler
	closed   bool

	// The history version the editor's own copy of the list matches.
	histGen, histAdded int
	// paste is the text of the placeholder key being processed.
	paste []rune
	// trapped is set when the editor ended the line for trapRune;
	// prefill is that line, given back at the next prompt.
	trapped bool
	prefill string
	// prefillPos is the cursor in prefill (a rune index; -1: its end).
	prefillPos int

	// Key bindings (lineedit_keys.go): the Keymap generation the editor's
	// table was built from; and for a key bound with bind -x, the command
	// and the line and cursor it runs with (line and pos follow each key).
	keysGen int
	bindCmd string
	cmdLine []rune
	cmdPos  int
	line    []rune
	pos     int
}

func newReadlineEditor(sh *Shell, hist *history) (*readlineEditor, error) {
	in := newPromptInput(0)
	out := &redrawWriter{w: os.Stderr, more: in.typedAhead, entered: in.enteredLast, afterPrompt: hist.writePending}
	in.idle = out.flush
	e := &readlineEditor{sh: sh, hist: hist, in: in, out: out, comp: &completer{sh: sh}}
	cfg := &readline.Config{
		Stdin:  e.in,
		Stdout: e.out, // the prompt and the echo go to stderr, as in bash
		Stderr: os.Stderr,
		// The shell keeps the history file itself (history.go).
		DisableAutoSaveHistory: true,
		HistoryLimit:           hist.size() + 1,
		AutoComplete:           e.comp,
		InterruptPrompt:        "^C",
		EOFPrompt:              "\n", // "\n" means none: the REPL prints "exit"
		FuncGetWidth:           terminalWidth,
		FuncIsTerminal:         func() bool { return true },
		FuncOnWidthChanged: func(f func()) {
			e.mu.Lock()
			e.onResize = f
			e.mu.Unlock()
		},
		FuncFilterInputRune: e.filterKey,
		Listener:            e,
		Painter:             pastePainter{},
	}
	rl, err := readline.NewEx(cfg)
	if err != nil {
		e.in.Close()
		return nil, err
	}
	e.rl = rl
	e.histGen = -1
	e.keysGen, e.prefillPos = -1, -1
	return e, nil
}

// terminalWidth is the number of columns of the terminal; 80 if unknown.
func terminalWidth() int {
	if w, _, err := term.GetSize(0); err == nil && w > 0 {
		return w
	}
	return 80
}

func (e *readlineEditor) ReadLine(prompt string) (string, error) {
	e.mu.Lock()
	closed := e.closed
	e.mu.Unlock()
	if closed || e.in.failed() {
		return "", io.EOF
	}
	e.syncHistory()
	e.syncKeys()
	// The key map: set -o vi or set -o emacs, read at each prompt. In vi
	// mode every line starts in insert mode, as in bash; ESC goes to
	// command mode (the library reads ESC as a key of its own then, not
	// as the start of an arrow key's sequence).
	if vi := e.sh.Opts.Vi; vi || e.rl.IsVimMode() {
		e.rl.SetVimMode(vi)
		e.in.vi.Store(vi)
		e.in.viReset()
	}
	if !echoOn(0) {
		return e.readUnechoed(prompt)
	}
	before, line := splitPrompt(prompt)
	e.rl.SetPrompt(line)
	e.out.newPrompt(e.pasteMode(bracketedPasteOn) + before)
	// The line a trapped signal interrupted comes back (errTrapped). It
	// is set before the input is active, while the editor waits.
	e.line, e.pos = nil, 0 // bind -x's line until a key changes it
	if e.prefill != "" {
		e.out.setMute(true)
		e.rl.Operation.SetBufferPos(e.prefill, e.prefillPos)
		e.out.setMute(false)
		e.line, e.pos = []rune(e.prefill), e.prefillPos
		e.prefill, e.prefillPos = "", -1
	}
	e.in.activate()
	text, err := e.rl.Readline()
	e.in.deactivate()
	e.out.resetWith(e.pasteMode(bracketedPasteOff))
	if e.trapped {
		e.trapped = false
		if err == nil {
			e.prefill, e.prefillPos = text, -1
			return "", errTrapped
		}
	}
	if e.bindCmd != "" {
		if err == nil {
			return "", errBindCommand
		}
		e.bindCmd = ""
	}
	switch {
	case errors.Is(err, readline.ErrInterrupt):
		return "", errInterrupted
	case err != nil:
		return "", io.EOF
	case e.in.endedMidLine():
		// The terminal went away (hung up, closed) while a line was
		// typed: the editor hands the line over as if Enter had been
		// typed (its rule for the end of a pipe), but nobody entered
		// it, and bash never runs it.
		return "", io.EOF
	}
	return text, nil
}

// readUnechoed reads a line while the terminal's ECHO flag is off, as GNU
// readline does then: the prompt is written once, nothing typed is echoed,
// and after Enter only a newline. The terminal stays in its line mode, and
// the kernel does the editing keys (Backspace, Ctrl+U) without showing them.
func (e *readlineEditor) readUnechoed(prompt string) (string, error) {
	os.Stderr.WriteString(e.pasteMode(bracketedPasteOn) + promptText(prompt))
	e.hist.writePending()
	line, err := readPlainLine(e.in)
	os.Stderr.WriteString(e.pasteMode(bracketedPasteOff) + "\n")
	if err != nil && !errors.Is(err, errInterrupted) && !errors.Is(err, errTrapped) {
		return "", io.EOF
	}
	return line, err
}

// syncHistory brings the editor's copy of the history up to date with the
// shell's list: the new entries, or the whole list after history -c.
func (e *readlineEditor) syncHistory() {
	gen, added, entries, whole := e.hist.since(e.histGen, e.histAdded)
	// The editor's goroutine reads its Config without a lock: write it
	// only when HISTSIZE really changed (between prompts, while that
	// goroutine waits for input).
	if limit := e.hist.size() + 1; e.rl.Config.HistoryLimit != limit {
		e.rl.Config.HistoryLimit = limit
	}
	if whole {
		e.rl.ResetHistory()
	} else {
		// Adding "" puts the editor back at the end of its list, so the
		// next Up starts from the newest entry again.
		e.rl.SaveHistory("")
	}
	for _, entry := range entries {
		e.rl.SaveHistory(entry)
	}
	e.histGen, e.histAdded = gen, added
}

// filterKey sees every key before the editor does.
func (e *readlineEditor) filterKey(r rune) (rune, bool) {
	if k, ok := boundKey(r); ok {
		return k, true // a bound key's function (lineedit_keys.go)
	}
	switch r {
	case readline.CharCtrlZ:
		// Ctrl+Z at the prompt does nothing. CharBell is a key the
		// editor handles by doing nothing (outside search mode).
		return readline.CharBell, true
	case readline.CharInterrupt:
		// In bash Ctrl+C always throws the line away. The library would
		// only close a list of completions or a Ctrl+R search and keep
		// the line, so the next thing typed would be appended to it.
		// Leaving those modes first makes Ctrl+C discard the line as
		// usual. (The filter runs in the editor's own goroutine.)
		if op := e.rl.Operation; op.IsInCompleteMode() || op.IsSearchMode() {
			op.ExitCompleteMode(true)
			op.ExitSearchMode(false)
		}
	case pasteRune:
		e.paste = []rune(e.in.takePaste())
	case cmdRune:
		// A key bound with bind -x: end the line like Enter; the REPL
		// runs the command and prompts again (runBindCommand).
		if op := e.rl.Operation; op.IsInCompleteMode() || op.IsSearchMode() {
			op.ExitCompleteMode(true)
			op.ExitSearchMode(false)
		}
		e.bindCmd = e.in.takeCommand()
		e.cmdLine, e.cmdPos = e.line, e.pos
		return readline.CharEnter, true
	case trapRune:
		// A trapped signal: end the line like Enter, so that the shell
		// runs the handler and prompts again with this text.
		if op := e.rl.Operation; op.IsInCompleteMode() || op.IsSearchMode() {
			op.ExitCompleteMode(true)
			op.ExitSearchMode(false)
		}
		e.trapped = true
		return readline.CharEnter, true
	}
	return r, true
}

// OnChange is the editor's listener, called after each key: it replaces
// the placeholder for a paste with the pasted text.
func (e *readlineEditor) OnChange(line []rune, pos int, key rune) ([]rune, int, bool) {
	if key != 0 {
		e.line, e.pos = line, pos
	}
	if key == readline.CharTab && e.comp.fix != nil {
		// completion-ignore-case: the name's own case (complete.go).
		if out, p, ok := e.comp.fixCase(line, pos); ok {
			e.line, e.pos = out, p
			return out, p, true
		}
	}
	if key != pasteRune || e.paste == nil {
		return nil, 0, false
	}
	paste := e.paste
	e.paste = nil
	if pos < 1 || pos > len(line) || line[pos-1] != pasteRune {
		return nil, 0, false
	}
	out := make([]rune, 0, len(line)-1+len(paste))
	out = append(out, line[:pos-1]...)
	out = append(out, paste...)
	out = append(out, line[pos:]...)
	e.line, e.pos = out, pos-1+len(paste)
	return out, pos - 1 + len(paste), true
}

// pastePainter draws the placeholder for a paste, which is on the line
// for one redraw, as nothing: that drawing is the line already on the
// screen, so redrawWriter writes nothing for it, and then only the pasted
// text (a line that arrives in one write is echoed as typed, with no second
// prompt).
type pastePainter struct{}

func (pastePainter) Paint(line []rune, _ int) []rune {
	for i, r := range line {
		if r == pasteRune {
			out := append([]rune(nil), line[:i]...)
			return append(out, line[i+1:]...)
		}
	}
	return line
}

// resized tells the editor the terminal's width changed (SIGWINCH).
//
// At the prompt the line is drawn again at once, as bash does (tmux and
// terminals that rewrap their lines would otherwise show it cut, until the
// next key): erased as it was laid out for the old width, drawn for the new
// one.
func (e *readlineEditor) resized() {
	e.out.reset() // lines wrap differently now: draw everything again
	e.mu.Lock()
	f := e.onResize
	e.mu.Unlock()
	redraw := e.rl.Terminal.IsReading()
	if redraw {
		e.rl.Clean()
	}
	if f != nil {
		f()
	}
	if redraw {
		e.rl.Refresh()
	}
}

// printAbove writes msg above the prompt: readline clears the line, the
// message is written, and the prompt and the text typed so far come back.
// (Its raw mode keeps output processing on, so "\n" still starts a line.)
func (e *readlineEditor) printAbove(msg []byte) {
	text := strings.TrimRight(string(msg), "\n") + "\n"
	e.rl.Write([]byte(text))
}

// trapArrived makes the editor end the line being typed (see trapRune).
func (e *readlineEditor) trapArrived() { e.in.trapArrived() }

// interrupt: a SIGINT while the prompt is shown abandons the line, as in
// bash. In raw mode Ctrl+C is a key and sends no signal, but a Ctrl+C
// typed before the editor switched the terminal to raw mode, or a kill
// -INT, arrives as SIGINT. A line read without echo is read in line mode,
// where Ctrl+C is always SIGINT.
func (e *readlineEditor) interrupt() { e.in.interrupt() }

// ctrlC is the key the editor reads as "abandon the line".
const ctrlC = 0x03

func (e *readlineEditor) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	e.mu.Unlock()
	// Stop promptInput first: readline's Close waits for its reader
	// goroutine, which may be blocked reading it.
	e.in.Close()
	return e.rl.Close()
}

// redrawWriter is the editor's output. The editor redraws the whole line
// after every key: one write that erases the line, then one with the prompt
// and the text. A terminal then processes some 60 bytes per key, and the
// program that reads it (a terminal emulator, sshd) wakes twice.
// redrawWriter sends only what changed, as bash does: when the new drawing
// is the one on the screen plus more text (a key typed at the end of the
// line, or Enter), it writes just the new text; otherwise it writes the
// erase and the drawing together, as one write. And while more keys are
// already typed (a pasted or typed-ahead line), it keeps the output until
// they are done, so "ls -l" and Enter arriving together are echoed by one
// write, not six.
//
// The shortcut is safe while the line on the screen is the last drawing,
// with the cursor at its end. Any other output through the editor (a
// message, a list of completions) ends that, as do a new prompt (ReadLine)
// and a change of the terminal's width. Output from elsewhere (a background
// job writing to the terminal) is not seen: like bash, gosh then goes on
// after it, and Ctrl+L draws everything again.
type redrawWriter struct {
	mu    sync.Mutex
	w     io.Writer
	erase []byte      // an erase waiting for the drawing that follows it
	shown []byte      // the drawing on the screen, cursor at its end; nil if unknown
	edge  bool        // shown was drawn with " \b" after it (see controlAtEdge)
	out   []byte      // output kept while more keys are typed
	more  func() bool // reports whether more keys are typed (promptInput.typedAhead)
	// fresh: no drawing since a new prompt began (newPrompt). The editor
	// erases the line before it draws the prompt; bash just writes the
	// prompt, and a client that waits for the prompt's text must see it
	// once, so the first drawing goes out without the erase.
	fresh bool
	// mute drops the editor's output: its drawing of a line set before
	// ReadLine (prefill), which would show the prompt while the terminal
	// is still in line mode, so that keys typed at once would be edited
	// and echoed by the kernel. ReadLine draws it again in raw mode.
	mute bool
	// leadOnly: out holds only the lead of a new prompt (newPrompt), which
	// waits for the prompt's first drawing, so that both go out in one
	// write.
	leadOnly bool
	// afterPrompt, if set, runs once the first drawing of a new prompt
	// has gone out (newPrompt arms it), outside the lock: work that can
	// wait until the prompt is on the screen (history.writePending).
	afterPrompt func()
	armed       bool
	// entered reports whether the last key handed to the editor was Enter
	// (promptInput.enterLast); lineEnd is set while the newline the editor
	// draws for it is kept, so that it goes out with what ReadLine writes
	// after the line (resetWith): one write instead of two.
	entered func() bool
	lineEnd bool
}

// setMute turns mute on or off.
func (r *redrawWriter) setMute(on bool) {
	r.mu.Lock()
	r.mute = on
	r.mu.Unlock()
}

func (r *redrawWriter) Write(p []byte) (int, error) {
	r.mu.Lock()
	n, err := r.write(p)
	hook := r.shownHook()
	r.mu.Unlock()
	if hook != nil {
		hook()
	}
	return n, err
}

// shownHook disarms and returns afterPrompt once the prompt's first
// drawing has gone out, else nil. Call with r.mu held.
func (r *redrawWriter) shownHook() func() {
	if !r.armed || r.fresh || len(r.out) > 0 {
		return nil
	}
	r.armed = false
	return r.afterPrompt
}

func (r *redrawWriter) write(p []byte) (int, error) {
	if r.mute {
		return len(p), nil
	}
	if onlyErases(p) {
		r.erase = append(r.erase, p...)
		return len(p), nil
	}
	before := len(r.out)
	r.leadOnly = false
	if len(r.erase) == 0 {
		// Not a redraw: the screen is no longer what we drew.
		r.shown = nil
		r.out = append(r.out, p...)
	} else {
		drawn, atEnd := cursorAtEnd(p)
		edge := len(drawn) < len(p) // p ends in " \b"
		switch {
		case r.fresh && atEnd:
			// The first drawing of a prompt: no erase, and no " \b"
			// unless the prompt ends in the last column.
			if edge && !fillsLastColumn(drawn) {
				p, edge = drawn, false
			}
			r.out = append(r.out, p...)
		case r.shown != nil && atEnd && bytes.HasPrefix(drawn, r.shown) && !r.controlAtEdge(p[len(r.shown):]):
			more := p[len(r.shown):]
			if r.edge && bytes.HasPrefix(more, []byte(" \b")) {
				more = more[2:] // the wrap is on the screen already
			}
			r.out = append(r.out, more...)
			r.lineEnd = len(more) == 1 && more[0] == '\n' && r.entered != nil && r.entered()
		default:
			r.out = append(append(r.out, r.erase...), p...)
		}
		r.fresh = false
		r.erase = r.erase[:0]
		r.shown = r.shown[:0]
		r.edge = false
		if atEnd {
			r.shown = append(r.shown, drawn...)
			r.edge = edge
		} else {
			r.shown = nil
		}
	}
	if len(r.out) == before || r.more != nil && r.more() || r.lineEnd {
		// Nothing new (the editor drew the same line again, as it does
		// before Enter), or more keys to come: what is kept goes with
		// the next output, or when the editor waits for a key (flush).
		return len(p), nil
	}
	if err := r.flushLocked(); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (r *redrawWriter) flushLocked() error {
	r.lineEnd = false
	if len(r.out) == 0 {
		return nil
	}
	_, err := r.w.Write(r.out)
	r.out = r.out[:0]
	if err != nil {
		r.shown = nil
	}
	return err
}

// controlAtEdge reports whether the new text starts with a control
// character (Enter's newline) after a drawing that ended in " \b". When
// that drawing filled the terminal's last column, the space wrapped the
// cursor to the next row already, and a newline written there would leave
// an empty row: the full redraw, which ends in the terminal's pending-wrap
// state instead, is what draws it right.
func (r *redrawWriter) controlAtEdge(suffix []byte) bool {
	return r.edge && len(suffix) > 0 && isControlByte(suffix[0])
}

// flush writes what is kept: run when the editor waits for a key that has
// not been typed yet. An erase waiting for its drawing stays kept: the
// editor's reader asks for the next key from its own goroutine, which can
// come between the erase and the drawing of one redraw; written alone, the
// erase would make the drawing a full redraw of the prompt (a client that
// waits for the prompt would see it twice).
//
// The lead of a new prompt alone is kept too, for the prompt's drawing,
// which the editor is about to write.
func (r *redrawWriter) flush() {
	r.mu.Lock()
	if !r.leadOnly {
		r.flushLocked()
	}
	hook := r.shownHook()
	r.mu.Unlock()
	if hook != nil {
		hook()
	}
}

// reset writes what is kept, an erase too (the editor may have erased the
// line and returned without drawing it again), and forgets what is on the
// screen.
func (r *redrawWriter) reset() { r.resetWith("") }

// resetWith is reset with tail written after what is kept, in the same
// write: ReadLine's bracketed paste off after the line, with the newline
// the editor drew for Enter.
func (r *redrawWriter) resetWith(tail string) {
	r.mu.Lock()
	r.out = append(r.out, r.erase...)
	r.erase = r.erase[:0]
	r.out = append(r.out, tail...)
	r.resetLocked()
	hook := r.shownHook()
	r.mu.Unlock()
	if hook != nil {
		hook()
	}
}

func (r *redrawWriter) resetLocked() {
	r.out = append(r.out, r.erase...)
	r.erase = r.erase[:0]
	r.leadOnly = false
	r.flushLocked()
	r.shown = nil
}

// newPrompt starts a new prompt: what is kept is written, and the first
// drawing goes out as a plain prompt (see fresh), after lead (bracketed
// paste on, and the lines of the prompt above its last), in the same
// write: a terminal and a program that waits for the prompt then see it
// arrive whole, with one write(2) to the terminal fewer per prompt.
func (r *redrawWriter) newPrompt(lead string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.resetLocked()
	r.out = append(r.out, lead...)
	r.leadOnly = lead != ""
	r.fresh = true
	r.armed = r.afterPrompt != nil
}

// fillsLastColumn reports whether a drawing ends in the terminal's last
// column, where the editor's " \b" is needed to make the terminal wrap.
func fillsLastColumn(drawn []byte) bool {
	if i := bytes.LastIndexByte(drawn, '\n'); i >= 0 {
		drawn = drawn[i+1:]
	}
	w := runes.WidthAll([]rune(ansiSequence().ReplaceAllString(string(drawn), "")))
	return w > 0 && w%terminalWidth() == 0
}

// ansiSequence matches a CSI escape sequence (colours in a prompt). It is
// compiled the first time a prompt is measured, not at start-up: every
// child gosh and every "gosh -c" would pay for it (issue 9, speed).
func ansiSequence() *regexp.Regexp { return ansiSequenceValue.Get() }

var ansiSequenceValue = lazy.Value[*regexp.Regexp]{Build: func() *regexp.Regexp {
	return regexp.MustCompile("\x1b\\[[0-9;?]*[ -/]*[@-~]")
}}

// eraseSequences are what the editor writes to erase the line it drew:
// clear to the end of the screen, clear the line, carriage return, cursor
// up (a line that wrapped), and backspaces (a terminal of unknown width).
// (Made at first use, not at every start of gosh.)
var eraseSequences = lazy.Value[*strings.Replacer]{Build: func() *strings.Replacer {
	return strings.NewReplacer("\x1b[J", "", "\x1b[2K", "", "\x1b[A", "", "\r", "", "\b", "")
}}

// onlyErases reports whether p moves the cursor and erases, and draws
// nothing.
func onlyErases(p []byte) bool {
	if len(p) == 0 || p[0] != '\x1b' && p[0] != '\r' {
		return false
	}
	return eraseSequences.Get().Replace(string(p)) == ""
}

// cursorAtEnd reports whether a drawing leaves the cursor after its last
// character, and what is then on the line before the cursor. The editor
// moves the cursor back into the line with backspaces, and up a wrapped
// line with "ESC[A\r ESC[nC". A drawing that ends in " \b" (a line that
// fills the width, or an empty one) leaves the cursor at its end too: the
// space only makes the terminal wrap, and the next character covers it.
func cursorAtEnd(p []byte) (drawn []byte, ok bool) {
	if bytes.HasSuffix(p, []byte(" \b")) {
		p = p[:len(p)-2]
	}
	if len(p) == 0 || p[len(p)-1] == '\b' {
		return nil, false
	}
	if p[len(p)-1] == 'C' {
		i := len(p) - 2
		for i >= 0 && p[i] >= '0' && p[i] <= '9' {
			i--
		}
		if i >= 1 && i < len(p)-2 && p[i] == '[' && p[i-1] == '\x1b' {
			return nil, false
		}
	}
	return p, true
}

// ---- promptInput ----

// promptInput is standard input as the line editor sees it. It reads the
// terminal only while a prompt is active (between activate and deactivate)
// and only what is already typed, one byte per read(2), stopping after a
// control character such as Enter: so it never takes bytes that belong to
// the next command's job, even if the editor's reader asks for more.
type promptInput struct {
	fd   int
	wake [2]int // a pipe: a byte in it wakes a reader blocked in poll

	mu          sync.Mutex
	cond        *sync.Cond
	active      bool
	closed      bool
	interrupted bool
	trap        bool        // a trapped signal arrived: hand over trapRune (or errTrapped)
	polling     bool        // a reader is in fill (deactivate must wake it)
	err         error       // a read error (the terminal hung up): sticky
	pending     []byte      // read from the terminal, not yet handed over
	afterEsc    bool        // the last byte handed over was ESC
	handed      bool        // a key of this prompt was handed over (since activate)
	enterLast   bool        // the last key handed over was Enter (CR or LF)
	pastes      []string    // runs handed over as pasteRune, oldest first
	vi          atomic.Bool // vi keys: deliverVi hands the keys over
	viNormal    bool        // vi keys: the editor is in command mode (viTrack)
	viArg       int         // vi keys: the next key is the argument of a command (f x, r x, c w)
	viChange    bool        // vi keys: c, whose argument leads into insert mode

	// Key bindings (bind, ~/.inputrc; lineedit_keys.go), emacs keys only.
	keys      *keyTable // the bound sequences that differ from the editor's keys
	quoteNext bool      // quoted-insert: the next key goes into the line as it is
	macros    int       // macros expanded since the last key typed (a loop stops)
	command   string    // bind -x: the command of the key handed over as cmdRune

	// idle, if set, runs when the editor asks for a key that has not been
	// typed yet: output kept back for the keys before it goes out.
	idle func()
}

func newPromptInput(fd int) *promptInput {
	in := &promptInput{fd: fd, wake: [2]int{-1, -1}}
	in.cond = sync.NewCond(&in.mu)
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err == nil {
		in.wake = [2]int{moveHigh(p[0]), moveHigh(p[1])} // gosh's own fds sit at 10+
	}
	return in
}

// activate lets the editor read: a prompt is shown. A Ctrl+C that came
// since the REPL marked the prompt as shown (interrupt) is kept: the
// prompt may already be on the screen, and the user's Ctrl+C must not be
// lost (bash gives a fresh prompt for it).
func (in *promptInput) activate() {
	in.mu.Lock()
	in.active = true
	in.handed = false
	in.enterLast = false
	in.cond.Broadcast()
	in.mu.Unlock()
}

// deactivate stops reading: the line is entered, a command will run. A
// Ctrl+C not taken by this prompt is dropped with it.
func (in *promptInput) deactivate() {
	in.mu.Lock()
	in.active = false
	in.interrupted = false
	polling := in.polling
	in.mu.Unlock()
	if polling {
		in.poke()
	}
}

// trapArrived makes the reader hand over trapRune (Read) or return
// errTrapped (readByte) once the keys typed before it are taken.
func (in *promptInput) trapArrived() {
	in.mu.Lock()
	in.trap = true
	in.cond.Broadcast()
	in.mu.Unlock()
	in.poke()
}

// interrupt makes a pending readByte return errInterrupted.
func (in *promptInput) interrupt() {
	in.mu.Lock()
	in.interrupted = true
	in.pending = nil
	in.mu.Unlock()
	in.poke()
}

func (in *promptInput) Close() error {
	in.mu.Lock()
	if in.closed {
		in.mu.Unlock()
		return nil
	}
	in.closed = true
	in.cond.Broadcast()
	in.mu.Unlock()
	in.poke()
	// The wake pipe stays open: a reader may still be polling it. It is
	// close-on-exec and the editor lives as long as the shell.
	return nil
}

// failed reports whether reading the terminal failed for good.
func (in *promptInput) failed() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.err != nil || in.closed
}

// poke wakes a reader blocked in poll.
func (in *promptInput) poke() {
	if in.wake[1] >= 0 {
		unix.Write(in.wake[1], []byte{0})
	}
}

// Read is what the editor's reader goroutine calls.
func (in *promptInput) Read(p []byte) (int, error) {
	for {
		in.mu.Lock()
		for !in.active && !in.closed && in.err == nil {
			in.cond.Wait()
		}
		switch {
		case in.closed:
			in.mu.Unlock()
			return 0, io.EOF
		case in.err != nil:
			err := in.err
			in.mu.Unlock()
			return 0, err
		case len(in.pending) > 0 && !in.pasteIncomplete() && !in.keyIncomplete():
			n := in.deliver(p)
			if n > 0 {
				in.mu.Unlock()
				return n, nil
			}
			in.mu.Unlock()
			continue // an empty paste: nothing to hand over
		case in.interrupted && len(p) > 0:
			// A SIGINT at the prompt (Ctrl+C typed before the editor
			// had the terminal in raw mode, or kill -INT): the editor
			// gets Ctrl+C, and abandons the line as bash does.
			in.interrupted = false
			in.enterLast = false
			in.mu.Unlock()
			p[0] = ctrlC
			return 1, nil
		case in.trap && len(in.pending) == 0 && len(p) >= utf8.UTFMax:
			// The editor ends the line for this key: nothing more goes
			// to it until the next prompt (activate), which starts
			// from that line. Keys typed meanwhile wait in pending.
			in.trap = false
			in.active = false
			in.enterLast = false
			in.mu.Unlock()
			return utf8.EncodeRune(p, trapRune), nil
		}
		in.polling = true
		in.mu.Unlock()
		if in.idle != nil {
			in.idle()
		}
		// The editor's goroutine, which the keys just handed over woke,
		// runs first on this thread: once this one is in poll(2) it
		// keeps its processor, and the editor (and, after Enter, the
		// shell) would wait for another thread to wake and take it over,
		// which on a busy machine means waiting for a CPU.
		runtime.Gosched()
		in.fillAndRecord()
	}
}

// fillAndRecord runs fill, with in.polling set by the caller (under in.mu)
// so that deactivate knows to wake it, and records a read error.
func (in *promptInput) fillAndRecord() {
	err := in.fill()
	in.mu.Lock()
	in.polling = false
	if err != nil {
		in.err = err
	}
	in.mu.Unlock()
}

// typedAhead reports whether keys that end or edit the line (Enter, Tab,
// Ctrl+W...) are typed and not yet handed to the editor: more output is
// coming.
func (in *promptInput) typedAhead() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return slices.ContainsFunc(in.pending, isControlByte)
}

// readByte is what the plain editor calls.
func (in *promptInput) readByte() (byte, error) {
	for {
		in.mu.Lock()
		switch {
		case in.closed:
			in.mu.Unlock()
			return 0, io.EOF
		case in.interrupted:
			in.interrupted = false
			in.mu.Unlock()
			return 0, errInterrupted
		case in.trap:
			in.trap = false
			in.mu.Unlock()
			return 0, errTrapped
		case in.err != nil:
			err := in.err
			if err == io.EOF {
				// Ctrl+D on a terminal ends one read, not the terminal:
				// the next line is read again (at a pipe's end, the
				// next read finds the end again).
				in.err = nil
			}
			in.mu.Unlock()
			return 0, err
		case len(in.pending) > 0:
			b := in.pending[0]
			in.pending = in.pending[1:]
			in.mu.Unlock()
			return b, nil
		}
		in.polling = true
		in.mu.Unlock()
		in.fillAndRecord()
	}
}

// fill waits until the terminal has input or someone pokes, then reads
// what is typed: one byte, then more while more are already waiting,
// stopping after the first control character (Enter, Ctrl+C, ESC...).
func (in *promptInput) fill() error {
	fds := []unix.PollFd{{Fd: int32(in.fd), Events: unix.POLLIN}}
	if in.wake[0] >= 0 {
		fds = append(fds, unix.PollFd{Fd: int32(in.wake[0]), Events: unix.POLLIN})
	}
	if _, err := unix.Poll(fds, -1); err != nil {
		if errors.Is(err, unix.EINTR) {
			return nil
		}
		return err
	}
	if len(fds) > 1 && fds[1].Revents != 0 {
		var junk [64]byte
		unix.Read(in.wake[0], junk[:])
		return nil // re-check the state before reading
	}
	if fds[0].Revents == 0 {
		return nil
	}
	var run []byte
	var b [1]byte
	waiting := 0 // bytes known to be typed and not yet read
	for len(run) < 1<<16 {
		n, err := unix.Read(in.fd, b[:])
		if errors.Is(err, unix.EINTR) || errors.Is(err, unix.EAGAIN) {
			if len(run) > 0 {
				break
			}
			return nil
		}
		if err != nil || n == 0 {
			if len(run) > 0 {
				break // hand over what was read; the error comes next time
			}
			if err == nil {
				err = io.EOF
			}
			return err
		}
		// A NUL byte (Ctrl+Space or Ctrl+@) is dropped, as bash does
		// nothing with it: the editor would take it for end of input
		// and leave the shell, or run the line typed so far.
		if b[0] != 0 {
			run = append(run, b[0])
		}
		// A control character ends the run, except ESC: the rest of its
		// sequence (an arrow key, a paste marker) is typed with it.
		if isControlByte(b[0]) && b[0] != 0x1b {
			break
		}
		if waiting--; waiting <= 0 {
			if waiting = in.waiting(); waiting == 0 {
				break
			}
		}
	}
	in.mu.Lock()
	in.pending = append(in.pending, run...)
	in.macros = 0
	in.mu.Unlock()
	return nil
}

// waiting is the number of bytes the terminal holds, typed and not yet
// read (ioctl FIONREAD). Reading that many, one at a time, never blocks.
func (in *promptInput) waiting() int {
	n, err := unix.IoctlGetInt(in.fd, unix.TIOCINQ)
	if err != nil {
		return 0
	}
	return n
}

func isControlByte(b byte) bool { return b < 0x20 || b == 0x7f }

// pasteIncomplete reports whether the pending bytes start a bracketed paste
// whose end marker has not arrived yet: the editor gets it only whole. A
// Ctrl+C typed meanwhile ends the wait (pasteAbandoned), so that a start
// marker whose end never comes does not hold the prompt for ever.
// Call with in.mu held.
func (in *promptInput) pasteIncomplete() bool {
	if len(in.pending) < len(pasteStart) {
		// Part of a start marker, split by the terminal's writes.
		return len(in.pending) >= 3 && bytes.HasPrefix(pasteStart, in.pending)
	}
	return bytes.HasPrefix(in.pending, pasteStart) && !bytes.Contains(in.pending, pasteEnd) &&
		bytes.IndexByte(in.pending[len(pasteStart):], ctrlC) < 0
}

// dropOpenPaste drops the start of a bracketed paste whose end marker has
// not arrived, and its text up to the Ctrl+C that abandons it (kept: the
// editor abandons the line for it, as bash does). It reports whether
// there was such a paste. Call with in.mu held.
func (in *promptInput) dropOpenPaste() bool {
	i, end := bytes.IndexByte(in.pending, ctrlC), bytes.Index(in.pending, pasteEnd)
	if i < 0 || end >= 0 && end < i {
		return false
	}
	in.pending = in.pending[i:]
	return true
}

// pastedText is the text of a bracketed paste as it goes into the line:
// line breaks (CR, as a terminal sends them, or CRLF) become newlines, and
// other control characters are dropped, so pasted text cannot act as keys
// or reach the terminal as escape sequences when the line is drawn.
func pastedText(b []byte) string {
	var out []byte
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			out = append(out, '\n')
		case c == '\n' || c == '\t' || !isControlByte(c):
			out = append(out, c)
		}
	}
	return string(out)
}

// deliver hands pending bytes to the editor: a bracketed paste, or a long
// run of text, as one pasteRune; anything else as it is. It returns 0 for
// an empty paste. Call with in.mu held.
func (in *promptInput) deliver(p []byte) int {
	in.enterLast = false // take sets it for Enter
	if !in.afterEsc && bytes.HasPrefix(in.pending, pasteStart) && len(p) >= utf8.UTFMax && !in.dropOpenPaste() {
		end := bytes.Index(in.pending, pasteEnd)
		text := pastedText(in.pending[len(pasteStart):end])
		in.pending = in.pending[end+len(pasteEnd):]
		if text == "" {
			return 0
		}
		in.pastes = append(in.pastes, text)
		in.handed = true
		return utf8.EncodeRune(p, pasteRune)
	}
	if len(in.pending) == 0 {
		return 0
	}
	if in.vi.Load() {
		return in.deliverVi(p)
	}
	if n, ok := in.deliverBound(p); ok {
		return n
	}
	if in.afterEsc {
		// The rest of an escape sequence (an arrow key) goes as it is.
		in.afterEsc = false
		n := escapeTail(in.pending)
		return in.take(p, n)
	}
	run := 0
	for run < len(in.pending) && !isControlByte(in.pending[run]) && !in.boundStart(run) {
		run++
	}
	// A whole line with its Enter, first at this prompt: the editor is in
	// its plain mode (no search, no completion list), where a paste is text.
	wholeLine := !in.handed && run >= wholeLineMin && run < len(in.pending) &&
		(in.pending[run] == '\r' || in.pending[run] == '\n') // Enter, or Ctrl+J as pexpect's sendline sends it
	if n, ok := in.holdPaste(p, run, wholeLine); ok {
		return n
	}
	if run == 0 {
		in.afterEsc = in.pending[0] == 0x1b
		run = 1
	}
	return in.take(p, run)
}

// holdPaste hands a run of text of run bytes at the start of pending (no
// control key in it) to the editor as one pasteRune when it is long
// enough to be a paste, or is a whole line (see wholeLineMin), and p has
// room for the rune; the text, cut at the end of its last complete
// character, waits in pastes. ok is false when the run is left as it is.
// Call with in.mu held.
func (in *promptInput) holdPaste(p []byte, run int, wholeLine bool) (n int, ok bool) {
	if run < pasteMin && !wholeLine || len(p) < utf8.UTFMax {
		return 0, false
	}
	text := in.pending[:run]
	if s := lastRuneStart(text); !utf8.FullRune(text[s:]) {
		text = text[:s]
	}
	if len(text) == 0 {
		return 0, false
	}
	in.pastes = append(in.pastes, string(text))
	in.pending = in.pending[len(text):]
	in.handed = true
	return utf8.EncodeRune(p, pasteRune), true
}

// deliverVi is deliver with vi keys (set -o vi). The editor then takes
// ESC alone, as the key that leaves insert mode, so the keys go one at a
// time (runs of text in insert mode together), and promptInput follows
// the editor's mode (viTrack) to hand over what bash's vi mode does:
//   - ESC that leaves insert mode moves the cursor one to the left (an h
//     follows it), so that x deletes, and i inserts before, the last
//     character typed;
//   - an arrow key, typed as one sequence, is Ctrl+P, Ctrl+N, Ctrl+F or
//     Ctrl+B in insert mode, and k, j, l or h in command mode.
//
// Call with in.mu held.
func (in *promptInput) deliverVi(p []byte) int {
	if key, n := viArrow(in.pending, in.viNormal); n > 0 {
		in.pending = in.pending[n:]
		p[0] = key
		in.viTrack(key)
		return 1
	}
	if b := in.pending[0]; b == 0x1b {
		in.pending = in.pending[1:]
		p[0] = b
		if !in.viNormal && in.viArg == 0 {
			in.pending = append([]byte{'h'}, in.pending...)
		}
		in.viTrack(b)
		return 1
	}
	run := 0
	if !in.viNormal && in.viArg == 0 {
		for run < len(in.pending) && !isControlByte(in.pending[run]) {
			run++
		}
		if n, ok := in.holdPaste(p, run, false); ok {
			return n
		}
	}
	if run == 0 {
		// One key: a control key, or one character in command mode.
		run = 1
		if _, size := utf8.DecodeRune(in.pending); size > 1 && utf8.FullRune(in.pending) {
			run = size
		}
		in.viTrack(in.pending[0])
	}
	return in.take(p, run)
}

// viReset: a new line starts in insert mode (the editor's SetVimMode).
func (in *promptInput) viReset() {
	in.mu.Lock()
	in.viNormal, in.viArg, in.viChange = false, 0, false
	in.mu.Unlock()
}

// viTrack follows the mode of the editor's vi keys (chzyer/readline's
// vim.go) for one key handed to it: ESC leaves insert mode; in command
// mode i I a A s S enter it, c enters it after the key that follows (its
// motion), r d f F t T take the key that follows; Enter and Ctrl+C end
// the line and the next starts in insert mode.
func (in *promptInput) viTrack(b byte) {
	switch {
	case in.viArg > 0:
		in.viArg--
		if in.viArg == 0 && in.viChange {
			in.viNormal, in.viChange = false, false
		}
	case b == '\r' || b == ctrlC:
		in.viNormal = false
	case !in.viNormal:
		in.viNormal = b == 0x1b
	default:
		switch b {
		case 'i', 'I', 'a', 'A', 's', 'S':
			in.viNormal = false
		case 'c':
			in.viArg, in.viChange = 1, true
		case 'r', 'd', 'f', 'F', 't', 'T':
			in.viArg = 1
		}
	}
}

// viArrow recognises an arrow key at the start of b (ESC [ A, or ESC O A
// in application mode) and returns the key the editor reads for it: in
// insert mode Ctrl+P up (history), Ctrl+N down, Ctrl+F right, Ctrl+B
// left; in command mode k, j, l, h.
func viArrow(b []byte, normal bool) (key byte, n int) {
	if len(b) < 3 || b[0] != 0x1b || (b[1] != '[' && b[1] != 'O') {
		return 0, 0
	}
	i := strings.IndexByte("ABCD", b[2])
	if i < 0 {
		return 0, 0
	}
	if normal {
		return "kjlh"[i], 3
	}
	return "\x10\x0e\x06\x02"[i], 3
}

// take hands over up to n pending bytes.
func (in *promptInput) take(p []byte, n int) int {
	n = copy(p, in.pending[:min(n, len(in.pending))])
	in.pending = in.pending[n:]
	in.handed = in.handed || n > 0
	in.enterLast = n > 0 && (p[n-1] == '\r' || p[n-1] == '\n')
	return n
}

// endedMidLine reports whether reading the terminal failed (it is gone)
// after the last key handed to the editor, and that key was not Enter.
func (in *promptInput) endedMidLine() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.err != nil && !in.enterLast
}

// enteredLast reports whether the last key handed to the editor was Enter
// (redrawWriter.entered).
func (in *promptInput) enteredLast() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.enterLast
}

// lastRuneStart is the index where the last UTF-8 sequence in b starts.
func lastRuneStart(b []byte) int {
	i := len(b) - 1
	for i > 0 && i > len(b)-utf8.UTFMax && !utf8.RuneStart(b[i]) {
		i--
	}
	return i
}

// escapeTail is the length of the rest of an escape sequence after ESC:
// "[" or "O", parameters (digits and ';'), and a final byte.
func escapeTail(b []byte) int {
	if len(b) == 0 || (b[0] != '[' && b[0] != 'O') {
		return 1
	}
	i := 1
	for i < len(b) && (b[i] >= '0' && b[i] <= '9' || b[i] == ';') {
		i++
	}
	return min(i+1, len(b))
}

// takePaste returns the oldest run of pasted text not yet taken.
func (in *promptInput) takePaste() string {
	in.mu.Lock()
	defer in.mu.Unlock()
	if len(in.pastes) == 0 {
		return ""
	}
	s := in.pastes[0]
	in.pastes = in.pastes[1:]
	return s
}
