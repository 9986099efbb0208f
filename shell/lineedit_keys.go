package shell

import (
	"errors"
	"unicode/utf8"
)

// This file hands the line editor the keys that bind and ~/.inputrc bound
// (emacs keys; vi keys are the editor's own). promptInput looks for the
// bound sequences in the bytes typed, before the editor sees them:
//
//   - a function: one key that stands for it (boundRune), which filterKey
//     turns into the editor's key for the function (editorKey);
//   - a macro: its keys go back in front of what is typed, and are read
//     as if typed (a bound sequence in them works too);
//   - self-insert, quoted-insert: the character goes in as a paste;
//   - bind -x: cmdRune, which ends the line like Enter; the REPL runs the
//     command and prompts again with the line it left (runBindCommand).
//
// A sequence that is the beginning of a bound one waits for the next key;
// one that then matches nothing goes to the editor as it is.

// Bound functions arrive as runes of Unicode's private use area: the
// editor's key r as boundBase+r, or boundNeg-r for its negative keys
// (readline's Meta keys).
const (
	boundBase = 0xe100
	boundNeg  = 0xe400
	boundEnd  = 0xe800
)

// cmdRune is the key promptInput hands over for a key bound with bind -x.
const cmdRune = '\ue002'

// errBindCommand is what ReadLine returns for a key bound with bind -x:
// the REPL runs the command (bindCommand) and prompts again.
var errBindCommand = errors.New("a key bound to a shell command")

// boundRune is the rune that stands for the editor's key k.
func boundRune(k rune) rune {
	if k < 0 {
		return boundNeg - k
	}
	return boundBase + k
}

// boundKey is the editor's key a rune from boundRune stands for.
func boundKey(r rune) (rune, bool) {
	switch {
	case r >= boundNeg && r < boundEnd:
		return boundNeg - r, true
	case r >= boundBase && r < boundNeg:
		return r - boundBase, true
	}
	return 0, false
}

// maxMacros is how many macros may expand before a key is typed again:
// a macro that types its own key stops there.
const maxMacros = 100

// deliverBound hands over a bound key sequence at the start of pending;
// ok is false when there is none. Call with in.mu held.
func (in *promptInput) deliverBound(p []byte) (n int, ok bool) {
	if in.quoteNext && len(p) >= utf8.UTFMax {
		in.quoteNext = false
		size := 1
		if _, sz := utf8.DecodeRune(in.pending); utf8.FullRune(in.pending) {
			size = sz
		}
		return in.handText(p, string(in.pending[:size]), size), true
	}
	if in.keys == nil || in.afterEsc || !in.keys.first[in.pending[0]] || len(p) < utf8.UTFMax {
		return 0, false
	}
	size, a, _ := in.keys.match(in.pending)
	if size == 0 {
		return 0, false
	}
	switch {
	case a.command != "":
		in.pending = in.pending[size:]
		in.command = a.command
		// Nothing more goes to the editor until the next prompt, which
		// starts from the line the command leaves.
		in.active = false
		in.enterLast = false
		return utf8.EncodeRune(p, cmdRune), true
	case a.macro:
		rest := in.pending[size:]
		if in.macros++; in.macros > maxMacros {
			in.pending = rest
			return 0, true
		}
		in.pending = append([]byte(a.text), rest...)
		return 0, true
	case a.quote:
		in.pending = in.pending[size:]
		in.quoteNext = true
		return 0, true
	case a.text != "":
		return in.handText(p, a.text, size), true
	}
	in.pending = in.pending[size:]
	in.handed = true
	return utf8.EncodeRune(p, boundRune(a.key)), true
}

// handText hands text over as a paste, taking size bytes of pending.
func (in *promptInput) handText(p []byte, text string, size int) int {
	in.pending = in.pending[size:]
	in.pastes = append(in.pastes, text)
	in.handed = true
	return utf8.EncodeRune(p, pasteRune)
}

// boundStart reports whether pending[i] may start a bound sequence, which
// ends a run of text there. Call with in.mu held.
func (in *promptInput) boundStart(i int) bool {
	return in.keys != nil && in.keys.first[in.pending[i]]
}

// keyIncomplete reports whether pending is the beginning of a bound key
// sequence: the next key decides. Call with in.mu held.
func (in *promptInput) keyIncomplete() bool {
	if in.keys == nil || in.afterEsc || in.vi.Load() {
		return false
	}
	_, _, wait := in.keys.match(in.pending)
	return wait
}

// takeCommand returns the command of the key handed over as cmdRune.
func (in *promptInput) takeCommand() string {
	in.mu.Lock()
	defer in.mu.Unlock()
	c := in.command
	in.command = ""
	return c
}

// syncKeys brings the editor up to date with bind: the bound sequences
// and the variables the editor reads. It runs between prompts, while the
// editor's goroutine waits for input, like syncHistory.
func (e *readlineEditor) syncKeys() {
	k := e.sh.Keymap()
	gen := k.Gen()
	if gen == e.keysGen {
		return
	}
	e.keysGen = gen
	t := newKeyTable(k.Changes())
	e.in.mu.Lock()
	e.in.keys = t
	e.in.mu.Unlock()
	cfg := e.rl.Config
	cfg.CommentBegin = k.Var("comment-begin")
	cfg.ShowAllIfAmbiguous = k.On("show-all-if-ambiguous")
	switch k.Var("bell-style") {
	case "audible":
		cfg.FuncBell = nil
	default:
		// none; visible, which needs the terminal's flash that gosh
		// does not look up: no sound either.
		cfg.FuncBell = func() {}
	}
}

// bindCommand runs the command of a key bound with bind -x, with the line
// and cursor of the editor when the key was typed, and gives the editor
// the line and cursor the command leaves for the next prompt.
func (e *readlineEditor) bindCommand() {
	cmd, line, pos := e.bindCmd, string(e.cmdLine), e.cmdPos
	e.bindCmd = ""
	point := len(string(e.cmdLine[:min(max(pos, 0), len(e.cmdLine))]))
	newLine, newPoint := e.sh.runBindCommand(cmd, line, point)
	e.prefill = newLine
	e.prefillPos = utf8.RuneCountInString(newLine[:newPoint])
	if newLine == "" {
		e.prefill, e.prefillPos = "", -1
	}
}
