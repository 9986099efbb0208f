package shell

import (
	"fmt"
	"os"
	"strings"

	"github.com/chzyer/readline"

	"gosh/shell/inputrc"
)

// This file is the shell's side of key bindings (bind, ~/.inputrc): the
// Keymap the bind builtin changes, the init file an interactive shell
// reads, and the table that turns a bound function into the key the line
// editor performs (lineedit.go hands it over).

// Keymap is the line editor's key bindings and readline variables. The
// first use in an interactive shell that edits lines reads the init
// file, as bash's readline does when it starts (at the first prompt, or
// at the first bind of a start-up file, whichever comes first).
func (sh *Shell) Keymap() *inputrc.Keymap {
	if sh.keys == nil {
		sh.keys = &inputrc.Keymap{}
		if sh.Opts.Interactive && !sh.noEditing && !sh.subshell {
			sh.readInitFile()
		}
	}
	return sh.keys
}

// keysState is the Keymap's state for a subshell's Snapshot.
func (sh *Shell) keysState() *inputrc.State {
	if sh.keys == nil {
		return nil
	}
	return sh.keys.State()
}

// initFile is readline's init file: $INPUTRC, else ~/.inputrc, else
// /etc/inputrc; "" when none exists.
func (sh *Shell) initFile() string {
	if f, ok := sh.Vars.Get("INPUTRC"); ok && f != "" {
		return f
	}
	if home, ok := sh.Vars.Get("HOME"); ok && home != "" {
		if f := home + "/.inputrc"; fileExists(f) {
			return f
		}
	}
	if fileExists("/etc/inputrc") {
		return "/etc/inputrc"
	}
	return ""
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// readInitFile applies the init file. A line it cannot honour is told
// once, with its file and line, and how many more there are: never a
// message for each line at every start.
func (sh *Shell) readInitFile() {
	name := sh.initFile()
	if name == "" {
		return
	}
	r := sh.InitReader()
	if err := r.ReadFile(name); err != nil {
		return // an unreadable $INPUTRC: readline says nothing either
	}
	if len(r.Problems) == 0 {
		return
	}
	more := ""
	if n := len(r.Problems) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more; bind -f %s lists them)", n, name)
	}
	sh.errorf("%s%s", r.Problems[0], more)
}

// InitReader is a Reader of init-file syntax that applies its lines to
// this shell (bind -f and the init file).
func (sh *Shell) InitReader() *inputrc.Reader {
	mode := "emacs"
	if sh.Opts.Vi {
		mode = "vi"
	}
	term, _ := sh.Vars.Get("TERM")
	return &inputrc.Reader{Mode: mode, Term: term, Apply: sh.ApplyEditorLine}
}

// ApplyEditorLine performs one line of init-file syntax: a binding, a
// macro or a set line. editing-mode is set -o vi or emacs and
// enable-bracketed-paste an option of the shell; every other variable is
// the Keymap's.
func (sh *Shell) ApplyEditorLine(l inputrc.Line) error {
	k := sh.Keymap()
	switch l.Kind {
	case inputrc.Function:
		return k.Bind(inputrc.Binding{Keys: l.Keys, Func: l.Func})
	case inputrc.Macro:
		return k.Bind(inputrc.Binding{Keys: l.Keys, Macro: l.Text, IsMacro: true})
	case inputrc.Set:
		switch l.Name {
		case "editing-mode":
			if l.Value != "vi" && l.Value != "emacs" {
				return inputrc.ErrBadValue{Name: l.Name, Value: l.Value}
			}
			return sh.SetOption(l.Value, true)
		case "enable-bracketed-paste":
			sh.SetEditorVar(l.Name, l.Value)
			return nil
		}
		return k.SetVar(l.Name, l.Value)
	case inputrc.Directive:
		return fmt.Errorf("$%s: a parser directive belongs in an init file (bind -f)", l.Name)
	}
	return nil
}

// EditorVars are the values of the variables the shell keeps itself, for
// bind -v.
func (sh *Shell) EditorVars() map[string]string {
	mode := "emacs"
	if sh.Opts.Vi {
		mode = "vi"
	}
	paste, _ := sh.EditorVar("enable-bracketed-paste")
	return map[string]string{"editing-mode": mode, "enable-bracketed-paste": paste}
}

// editorKey is the key of chzyer/readline that performs a function, for
// the functions that are one key of the editor. self-insert and
// quoted-insert are done by promptInput.
func editorKey(name string) rune {
	switch name {
	case "abort":
		return readline.CharBell
	case "accept-line":
		return readline.CharEnter
	case "backward-char":
		return readline.CharBackward
	case "backward-delete-char":
		return readline.CharBackspace
	case "backward-kill-line", "unix-line-discard":
		return readline.CharCtrlU
	case "backward-kill-word":
		return readline.MetaBackspace
	case "backward-word":
		return readline.MetaBackward
	case "beginning-of-history":
		return readline.MetaBeginningOfHistory
	case "beginning-of-line":
		return readline.CharLineStart
	case "capitalize-word":
		return readline.MetaCapitalizeWord
	case "clear-screen":
		return readline.CharCtrlL
	case "complete", "menu-complete", "possible-completions":
		return readline.CharTab
	case "delete-char":
		return readline.MetaDeleteChar
	case "downcase-word":
		return readline.MetaDowncaseWord
	case "end-of-history":
		return readline.MetaEndOfHistory
	case "end-of-line":
		return readline.CharLineEnd
	case "forward-char":
		return readline.CharForward
	case "forward-search-history":
		return readline.CharFwdSearch
	case "forward-word":
		return readline.MetaForward
	case "history-search-backward":
		return readline.MetaHistorySearchBackward
	case "history-search-forward":
		return readline.MetaHistorySearchForward
	case "insert-comment":
		return readline.MetaInsertComment
	case "kill-line":
		return readline.CharKill
	case "kill-whole-line":
		return readline.MetaKillWholeLine
	case "kill-word":
		return readline.MetaDelete
	case "next-history":
		return readline.CharNext
	case "previous-history":
		return readline.CharPrev
	case "reverse-search-history":
		return readline.CharBckSearch
	case "transpose-chars":
		return readline.CharTranspose
	case "unix-word-rubout":
		return readline.CharCtrlW
	case "upcase-word":
		return readline.MetaUpcaseWord
	case "yank":
		return readline.CharCtrlY
	}
	return readline.MetaBell // a key bound to nothing rings the bell
}

// keyAction is what promptInput does for a bound key sequence.
type keyAction struct {
	key     rune   // the editor's key for a function (editorKey)
	text    string // self-insert: the character; a macro: its keys
	macro   bool
	quote   bool   // quoted-insert: the next key goes in as it is
	command string // bind -x
}

// keyTable is the bound key sequences promptInput looks for in what is
// typed: those that differ from the editor's own keys.
type keyTable struct {
	actions  map[string]keyAction
	prefixes map[string]bool // the beginnings of longer sequences
	first    [256]bool       // the bytes a bound sequence starts with
	longest  int             // the length of the longest bound sequence
	// keys are the editor's keys of the actions, for filterKey: a bound
	// key arrives as actionRune+i.
	keys []rune
}

// newKeyTable builds the table for the bindings that differ from the
// editor's own keys; nil when none does.
func newKeyTable(changes map[string]inputrc.Binding) *keyTable {
	if len(changes) == 0 {
		return nil
	}
	t := &keyTable{actions: map[string]keyAction{}, prefixes: map[string]bool{}}
	for keys, b := range changes {
		var a keyAction
		switch {
		case b.IsCmd:
			a.command = b.Command
		case b.IsMacro:
			a.text, a.macro = b.Macro, true
		case b.Func == "self-insert":
			a.text = keys[len(keys)-1:]
		case b.Func == "quoted-insert":
			a.quote = true
		case b.Func == "delete-char" && keys == "\x04":
			a.key = readline.CharDelete // Ctrl+D: end of input on an empty line
		default:
			a.key = editorKey(b.Func)
		}
		t.actions[keys] = a
		t.first[keys[0]] = true
		t.longest = max(t.longest, len(keys))
		for i := 1; i < len(keys); i++ {
			t.prefixes[keys[:i]] = true
		}
	}
	return t
}

// match finds the longest bound sequence that b starts with. wait is
// true when b could still become a longer one: the next key decides.
func (t *keyTable) match(b []byte) (n int, a keyAction, wait bool) {
	// Only the first bytes can be a bound sequence: a long run of text
	// (a paste of a megabyte) is not looked up at every length.
	if len(b) < t.longest && t.prefixes[string(b)] {
		return 0, keyAction{}, true
	}
	for i := min(len(b), t.longest); i > 0; i-- {
		if a, ok := t.actions[string(b[:i])]; ok {
			return i, a, false
		}
	}
	return 0, keyAction{}, false
}

// BindCommand is a shell command a key bound with bind -x runs at the
// prompt, with the line and the cursor in READLINE_LINE and
// READLINE_POINT (a byte offset), which it may change, as in bash.
func (sh *Shell) runBindCommand(cmd, line string, point int) (string, int) {
	vars := sh.Vars
	vars.Set("READLINE_LINE", line)
	vars.Set("READLINE_POINT", fmt.Sprint(point))
	vars.Set("READLINE_MARK", "0")
	if _, err := sh.RunString(cmd); err != nil {
		sh.errorf("%v", err)
	}
	newLine, _ := vars.Get("READLINE_LINE")
	p, _ := vars.Get("READLINE_POINT")
	var pos int
	if _, err := fmt.Sscan(strings.TrimSpace(p), &pos); err != nil || pos < 0 || pos > len(newLine) {
		pos = len(newLine)
	}
	vars.Unset("READLINE_LINE")
	vars.Unset("READLINE_POINT")
	vars.Unset("READLINE_MARK")
	return newLine, pos
}
