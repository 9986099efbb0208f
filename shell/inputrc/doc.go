// Package inputrc reads the language of GNU readline's init file
// (~/.inputrc) and of bash's bind builtin, and keeps the key bindings and
// readline variables the shell's line editor follows.
//
// Key sequences are written as readline writes them: quoted, with
// backslash escapes ("\e[A", "\C-x\C-r", "\M-f", "\177"), or as a key name
// (Control-u, Meta-b, TAB, RET, DEL, ESC, SPC). ParseKeyseq and ParseKeyname
// turn them into the bytes a terminal sends (\M-x is ESC x, as with
// convert-meta off); KeyseqString writes bytes back in bind -p's form.
//
// ParseLine reads one line: a binding to a function, a macro (a quoted
// text the key types), a "set variable value" line or a "$" directive.
// Reader applies a whole file: it decides $if mode=, term=, version and
// application tests, follows $else, $endif and $include, and hands each
// line that is in effect to a callback with its file and line number.
//
// Keymap is the state bind changes: the bindings that differ from the
// editor's own keys (Defaults), and the variables (Variables lists the
// ones gosh knows, with bash's defaults). Nothing here runs when the
// program starts: the tables are built at first use.
package inputrc
