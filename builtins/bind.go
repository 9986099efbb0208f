package builtins

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"gosh/shell/inputrc"
)

var bindBuiltins = []*Builtin{
	{
		Name:     "bind",
		Synopsis: "bind [-lpsvPSVX] [-m keymap] [-f filename] [-q name] [-u name] [-r keyseq] [-x keyseq:shell-command] [keyseq:readline-function or readline-command]",
		Summary:  "Set Readline key bindings and variables.",
		Help: `Bind keys and set variables of the line editor, as lines of ~/.inputrc.
  bind '"\e[A": history-search-backward'   a key to a function
  bind 'Control-u: kill-whole-line'        a key by its name
  bind '"\C-xq": "some text"'              a key that types text (a macro)
  bind -x '"\C-o": command'                a key that runs a shell command,
                   with the line in READLINE_LINE and the cursor (a byte
                   offset) in READLINE_POINT, which it may change; the
                   prompt then comes back on a new line with that line
  bind 'set completion-ignore-case on'     a variable
Options:
  -l        the functions gosh's editor can perform (only those bind to)
  -p, -P    the keys of each function, as input lines or as text
  -s, -S    the keys that type text (macros);  -X  the keys of bind -x
  -v, -V    the variables and their values
  -q NAME   the keys of the function NAME;  -u NAME  unbind them
  -r KEYS   unbind a key sequence;  -f FILE  read FILE as an init file
  -m KEYMAP emacs, emacs-standard...: keys are bound in the emacs key map
            only; vi key maps (set -o vi) keep the editor's own keys
Keys: "\e[A", "\C-x\C-r", "\M-f" (ESC f), "\t", "\177", or a name:
Control-u, Meta-b, TAB, RET, DEL, ESC, SPC. A sequence that begins a
longer bound one waits for the next key. Functions: see bind -l. complete,
menu-complete and possible-completions all do what Tab does (complete the
common part, or list the names; Tab again picks them in turn);
delete-char on a key other than Ctrl+D never ends the shell.
Variables gosh follows: completion-ignore-case, show-all-if-ambiguous,
bell-style (none; visible rings no bell either; audible), mark-directories,
mark-symlinked-directories, comment-begin, enable-bracketed-paste,
editing-mode, keymap. Those that only tune how lists are shown
(completion-query-items, page-completions, horizontal-scroll-mode,
colored-stats...) are kept and shown and change nothing. Those gosh's
editor has one way only (input-meta on, convert-meta off...) accept that
value and refuse another with a message and status 1, as does a key
bound to a function gosh's editor cannot perform. An unknown variable
is told, as bash does, with status 0.
The interactive shell reads $INPUTRC, else ~/.inputrc, else /etc/inputrc,
when its line editor starts (or at the first bind, if sooner), with $if
mode=emacs|vi, term=NAME, version >= N, Bash or gosh (both true), $else,
$endif and $include; a line it cannot honour is told once at start, with
its file and line, and the count of the others (bind -f FILE lists them).`,
		Run: runBind,
	},
}

func runBind(sh Shell, io IO, args []string) (int, error) {
	o, rest, ok := parseOptions(io, "bind", args[1:], "lpsvPSVXm:f:q:u:r:x:")
	if !ok {
		return statusUsage, nil
	}
	// As bash: a warning unless the shell edits lines at its prompt, which
	// is so too in a subshell of an interactive shell (bind -v | grep ...;
	// $- has i there), and not with --noediting (emacs and vi are off).
	emacs, _ := sh.Option("emacs")
	vi, _ := sh.Option("vi")
	if !strings.Contains(sh.FlagString(), "i") || !emacs && !vi {
		errorf(io, "bind", "warning: line editing not enabled")
	}
	viMap := false
	if o.has('m') {
		switch m := o.value('m'); m {
		case "emacs", "emacs-standard", "emacs-meta", "emacs-ctlx":
		case "vi", "vi-move", "vi-command", "vi-insert":
			viMap = true
		default:
			errorf(io, "bind", "`%s': invalid keymap name", m)
			return statusFailure, nil
		}
	}
	if viMap && (len(rest) > 0 || o.has('u') || o.has('r') || o.has('x') || o.has('f')) {
		errorf(io, "bind", "-m %s: gosh binds keys in the emacs key map only", o.value('m'))
		return statusFailure, nil
	}
	k := sh.Keymap()
	b := bindRun{sh: sh, io: io, k: k, status: statusOK}
	// The order of bash's bind, whatever the order of the options.
	for _, c := range "lpPsSvV" {
		if o.has(byte(c)) && !b.list(byte(c)) {
			return b.status, nil
		}
	}
	if o.has('f') {
		b.file(o.value('f'))
	}
	if o.has('q') {
		b.query(o.value('q'))
	}
	if o.has('u') {
		if name := o.value('u'); !inputrc.IsFunction(name) {
			b.fail("`%s': unknown function name", name)
		} else {
			k.UnbindFunc(name)
		}
	}
	if o.has('r') {
		b.remove(o.value('r'))
	}
	if o.has('x') {
		keys, cmd, err := inputrc.ParseCommand(o.value('x'))
		if err == nil {
			err = k.Bind(inputrc.Binding{Keys: keys, Command: cmd, IsCmd: true})
		}
		if err != nil {
			b.fail("%v", err)
		}
	}
	if o.has('X') && !b.list('X') {
		return b.status, nil
	}
	for _, line := range rest {
		b.line(line)
	}
	return b.status, nil
}

// bindRun is one run of bind: what it acts on, and its status so far.
type bindRun struct {
	sh     Shell
	io     IO
	k      *inputrc.Keymap
	status int
}

func (b *bindRun) fail(format string, args ...any) {
	errorf(b.io, "bind", format, args...)
	b.status = statusFailure
}

// report tells of a line that was not honoured. An unknown variable, or
// a value a variable cannot take, is told as bash's readline tells it, and
// does not fail (bash 5.2).
func (b *bindRun) report(err error, where string) {
	var unknown inputrc.ErrUnknownVar
	var bad inputrc.ErrBadValue
	if errors.As(err, &unknown) || errors.As(err, &bad) {
		fmt.Fprintf(b.io.Err, "readline: %s%v\n", where, err)
		return
	}
	b.fail("%s%v", where, err)
}

// line applies one argument: a line of init-file syntax.
func (b *bindRun) line(s string) {
	l, err := inputrc.ParseLine(s)
	if err == nil {
		err = b.sh.ApplyEditorLine(l)
	}
	if err != nil {
		b.report(err, "")
	}
}

// file reads an init file (bind -f).
func (b *bindRun) file(name string) {
	r := b.sh.InitReader()
	if err := r.ReadFile(name); err != nil {
		b.fail("%s: cannot read: %s", name, strerror(err))
		return
	}
	for _, p := range r.Problems {
		b.report(p.Err, fmt.Sprintf("%s: line %d: ", p.File, p.Line))
	}
}

// remove unbinds a key sequence (bind -r). As in bash, the argument is
// the sequence without quotes: quotes in it are keys.
func (b *bindRun) remove(s string) {
	keys, err := inputrc.ParseKeyseq(`"` + s + `"`)
	if err != nil {
		b.fail("`%s': cannot unbind", s)
		return
	}
	b.k.Unbind(keys)
}

// keysOf are the key sequences bound to the function name, written as
// bind shows them.
func (b *bindRun) keysOf(name string) []string {
	var out []string
	for _, bd := range b.k.Bindings() {
		if !bd.IsMacro && !bd.IsCmd && bd.Func == name {
			out = append(out, `"`+inputrc.KeyseqString(bd.Keys)+`"`)
		}
	}
	return out
}

// query is bind -q.
func (b *bindRun) query(name string) {
	if !inputrc.IsFunction(name) {
		b.fail("`%s': unknown function name", name)
		return
	}
	keys := b.keysOf(name)
	if len(keys) == 0 {
		b.write(name + " is not bound to any keys.\n")
		b.status = statusFailure
		return
	}
	b.write(name + " can be invoked via " + firstFive(keys) + "\n")
}

// firstFive joins up to five key sequences as bash does, with "." after
// the last, and "..." on a line of its own when there are more.
func firstFive(keys []string) string {
	if len(keys) <= 5 {
		return strings.Join(keys, ", ") + "."
	}
	return strings.Join(keys[:5], ", ") + ", \n..."
}

func (b *bindRun) write(s string) bool {
	if st := writeOut(b.io, "bind", s); st != statusOK {
		b.status = st
		return false
	}
	return true
}

// list writes what -l, -p, -P, -s, -S, -v, -V or -X lists.
func (b *bindRun) list(c byte) bool {
	var out strings.Builder
	switch c {
	case 'l':
		for _, f := range inputrc.Functions() {
			out.WriteString(f + "\n")
		}
	case 'p', 'P':
		for _, f := range inputrc.Functions() {
			keys := b.keysOf(f)
			switch {
			case c == 'p' && len(keys) == 0:
				fmt.Fprintf(&out, "# %s (not bound)\n", f)
			case c == 'p':
				for _, k := range keys {
					fmt.Fprintf(&out, "%s: %s\n", k, f)
				}
			case len(keys) == 0:
				fmt.Fprintf(&out, "%s is not bound to any keys\n", f)
			default:
				fmt.Fprintf(&out, "%s can be found on %s\n", f, firstFive(keys))
			}
		}
	case 's', 'S', 'X':
		var lines []string
		for _, bd := range b.k.Bindings() {
			keys := inputrc.KeyseqString(bd.Keys)
			switch {
			case c == 's' && bd.IsMacro:
				lines = append(lines, fmt.Sprintf("\"%s\": \"%s\"\n", keys, inputrc.KeyseqString(bd.Macro)))
			case c == 'S' && bd.IsMacro:
				lines = append(lines, fmt.Sprintf("%s outputs %s\n", keys, inputrc.KeyseqString(bd.Macro)))
			case c == 'X' && bd.IsCmd:
				lines = append(lines, fmt.Sprintf("\"%s\": \"%s\"\n", keys, bd.Command))
			}
		}
		sort.Strings(lines)
		out.WriteString(strings.Join(lines, ""))
	case 'v', 'V':
		for _, v := range b.k.Variables(b.sh.EditorVars()) {
			if c == 'v' {
				fmt.Fprintf(&out, "set %s %s\n", v[0], v[1])
			} else {
				fmt.Fprintf(&out, "%s is set to `%s'\n", v[0], v[1])
			}
		}
	}
	return b.write(out.String())
}
