package shell

import (
	"os"
	"strconv"

	"gosh/builtins"
)

// The history list as the history and fc builtins change it: delete
// entries, store one, replace the last (fc puts the command it runs in
// place of the fc command), and write, read or append a file. These are
// methods of history; HistoryEditor hands them to the builtins.

// HistoryEditor gives the history and fc builtins the interactive
// history, or nil when the shell is not interactive.
func (sh *Shell) HistoryEditor() builtins.HistoryEditor {
	if sh.Hooks.Hist == nil {
		return nil
	}
	return sh.Hooks.Hist
}

// Delete removes entries from..to (1-based, inclusive).
func (h *history) Delete(from, to int) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if from < 1 || to > len(h.entries) || from > to {
		return false
	}
	h.entries = append(h.entries[:from-1:from-1], h.entries[to:]...)
	h.gen++
	h.added = 0
	return true
}

// Add stores an entry as if it had been typed (history -s).
func (h *history) Add(entry string) { h.add(entry + "\n") }

// ReplaceLast puts entry in place of the newest entry when that is the
// command being run (the history -s or fc command), as bash; else (-c
// text, a command the list did not take) it adds entry.
func (h *history) ReplaceLast(entry string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.entries) == 0 || !h.lastAdded {
		h.entries = append(h.entries, entry)
	} else {
		h.entries[len(h.entries)-1] = entry
	}
	h.gen++
	h.added = 0
}

// File is $HISTFILE.
func (h *history) File() string { return h.file() }

// Write replaces the file with the list (history -w).
func (h *history) Write(path string) error {
	entries := h.list()
	return withLockedFile(path, func(*os.File) error { return rewriteHistory(path, entries) })
}

// Read appends the entries of a file to the list (history -r), keeping
// at most $HISTSIZE.
func (h *history) Read(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h.mu.Lock()
	defer h.mu.Unlock()
	size := h.size()
	read, _, err := readHistory(f, size)
	if err != nil {
		return err
	}
	h.entries = append(h.entries, read...)
	if len(h.entries) > size {
		h.entries = append([]string(nil), h.entries[len(h.entries)-size:]...)
	}
	h.gen++
	h.added = 0
	return nil
}

// Append adds this session's entries to a file (history -a). gosh appends
// every command to $HISTFILE the moment it is entered (a line that only
// starts background jobs just after, and always before the next command,
// such as this one: addLater), so for that file there is nothing left to
// add; another file gets the entries of the commands entered in this
// session.
func (h *history) Append(path string) error {
	h.mu.Lock()
	n := min(h.commands, len(h.entries))
	session := append([]string(nil), h.entries[len(h.entries)-n:]...)
	same := path == h.file()
	h.mu.Unlock()
	if same {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	for _, e := range session {
		if _, err := f.WriteString(encodeHistory(e) + "\n"); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// DeleteCurrent takes the command being run out of the list when it was
// stored there (history -p, as bash), so that !! names the one before.
func (h *history) DeleteCurrent() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.lastAdded && len(h.entries) > 0 {
		h.entries = h.entries[:len(h.entries)-1]
		h.lastAdded = false
		h.gen++
		h.added = 0
	}
}

// startScriptHistory gives a shell that is not interactive a history
// list when set -o history turns it on, as bash: a script's commands are
// stored as they are read (RunScript), -c text's are not; history -s
// adds to it. No file keeps the list.
func (sh *Shell) startScriptHistory() {
	if sh.Hooks.Hist != nil || sh.Opts.Interactive {
		return
	}
	h := newHistory(sh)
	h.noFile = true
	sh.Hooks.History = h.list
	sh.Hooks.ClearHistory = h.clear
	sh.Hooks.Hist = h
}

// scriptHistory stores a command a script read, with set -o history on.
func (sh *Shell) scriptHistory(text string) {
	if sh.Hooks.Hist == nil || sh.Opts.Interactive || sh.flow.sourceDepth > 0 {
		return
	}
	if on, _ := sh.Option("history"); on {
		sh.addHistory(sh.Hooks.Hist, text, false)
	}
}

// histcmd is $HISTCMD: the history number of the command being run,
// 0 with the history off, as bash.
func (sh *Shell) histcmd() string {
	h := sh.Hooks.Hist
	if on, _ := sh.Option("history"); !on || h == nil {
		return "0"
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return strconv.Itoa(len(h.entries))
}

// HistoryExpand implements builtins.HistoryExpander: history -p.
func (sh *Shell) HistoryExpand(arg string) (string, error) {
	if h := sh.Hooks.Hist; h != nil {
		h.DeleteCurrent()
	}
	histState.Lock()
	defer histState.Unlock()
	histState.extglob = sh.Opts.Shopt.Extglob
	histState.posix = sh.Opts.Posix
	out, _, _, err := histState.expand(arg, sh.History())
	return out, err
}
