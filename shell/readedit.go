package shell

import (
	"errors"
	"syscall"
)

// This file lends the interactive line editor to the read builtin: with
// -e, read takes its line from the terminal with the same editing keys as
// the prompt (and -i TEXT already in the line), as bash's read -e uses
// readline. Without a terminal, or before the prompt's editor exists (in
// a start-up file, in a script), read reads as it always does, and -e and
// -i change nothing, as in bash without a terminal.

// EditLine implements builtins.LineEditShell: it reads one line with the
// line editor after prompt, with initial already typed. status is 0 for a
// line, 1 at end of input (Ctrl+D) or when a trapped signal took the line
// away, 130 after Ctrl+C, and -1 when there is no editor.
func (sh *Shell) EditLine(prompt, initial string) (line string, status int) {
	if sh.Hooks.EditLine == nil {
		return "", -1
	}
	line, err := sh.Hooks.EditLine(prompt, initial)
	switch {
	case err == nil:
		return line, 0
	case errors.Is(err, errInterrupted):
		// In the editor Ctrl+C is a key, not a signal: it ends the
		// command line as SIGINT would (handleSignals), as bash's does.
		if sh.cancel != nil && !sh.sigs.ignores(syscall.SIGINT) {
			sh.cancel()
		}
		return "", 130
	}
	return "", 1
}

// editLine reads a line for read -e: prefill is the text the editor
// starts with, which the user may edit or erase.
func (e *readlineEditor) editLine(prompt, initial string) (string, error) {
	e.prefill = initial
	line, err := e.ReadLine(prompt)
	e.prefill = ""
	return line, err
}
