package builtins

import (
	"os"
	"strings"
)

var bindBuiltins = []*Builtin{
	{
		Name:     "bind",
		Synopsis: "bind [-lpsvPSVX] [-m keymap] [-f filename] [-q name] [-u name] [-r keyseq] [-x keyseq:shell-command] [keyseq:readline-function or readline-command]",
		Summary:  "Set Readline key bindings and variables.",
		Help: `Change the line editor's settings, as lines of ~/.inputrc.
gosh's line editor has fixed keys, in two key maps: emacs (the default)
and vi. What it honours:
  bind 'set editing-mode vi'     the vi keys (as set -o vi)
  bind 'set editing-mode emacs'  the emacs keys (as set -o emacs)
  bind 'set enable-bracketed-paste off'
                                 do not ask the terminal to mark pasted
                                 text (on by default, as in bash 5.1)
  bind -v, bind -V               show the variables it has
  bind -f FILE                   read such lines from FILE
  -m KEYMAP                      accepted (emacs, vi, ...): bindings are
                                 refused for every key map
Binding a key to a function or a command (-x, "KEY": function, -r, -u,
-q) and the other readline variables are refused with a message and
status 1: the editor cannot do them.`,
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
	if o.has('m') {
		switch o.value('m') {
		case "emacs", "emacs-standard", "emacs-meta", "emacs-ctlx", "vi", "vi-move", "vi-command", "vi-insert":
		default:
			errorf(io, "bind", "`%s': invalid keymap name", o.value('m'))
			return statusFailure, nil
		}
	}
	status := statusOK
	for _, c := range o.seq {
		switch c {
		case 'm':
		case 'v', 'V':
			mode := "emacs"
			if on, _ := sh.Option("vi"); on {
				mode = "vi"
			}
			// As bash: the boolean variables first, then the others.
			paste, _ := sh.EditorVar("enable-bracketed-paste")
			text := "set enable-bracketed-paste " + paste + "\nset editing-mode " + mode + "\n"
			if c == 'V' {
				text = "enable-bracketed-paste is set to `" + paste + "'\nediting-mode is set to `" + mode + "'\n"
			}
			if st := writeOut(io, "bind", text); st != statusOK {
				return st, nil
			}
		case 'f':
			data, err := os.ReadFile(o.value('f'))
			if err != nil {
				errorf(io, "bind", "%s: cannot read: %s", o.value('f'), strerror(err))
				status = statusFailure
				continue
			}
			for _, line := range strings.Split(string(data), "\n") {
				line = strings.TrimSpace(line)
				if line == "" || line[0] == '#' {
					continue
				}
				if st := bindLine(sh, io, line); st != statusOK {
					status = st
				}
			}
		default:
			errorf(io, "bind", "-%c: not supported: gosh's line editor has fixed keys", c)
			status = statusFailure
		}
	}
	for _, line := range rest {
		if st := bindLine(sh, io, line); st != statusOK {
			status = st
		}
	}
	return status, nil
}

// bindLine applies one inputrc line: "set editing-mode vi|emacs" and "set
// enable-bracketed-paste on|off" are the settings gosh's editor has;
// every other line is refused.
func bindLine(sh Shell, io IO, line string) int {
	f := strings.Fields(line)
	if len(f) >= 2 && f[0] == "set" {
		if f[1] == "editing-mode" && len(f) == 3 && (f[2] == "vi" || f[2] == "emacs") {
			if err := sh.SetOption(f[2], true); err != nil {
				errorf(io, "bind", "%v", err)
				return statusFailure
			}
			return statusOK
		}
		if len(f) >= 3 && sh.SetEditorVar(f[1], f[2]) {
			return statusOK
		}
		errorf(io, "bind", "%s: readline variable not supported by gosh's line editor", f[1])
		return statusFailure
	}
	if strings.HasPrefix(line, "$") {
		errorf(io, "bind", "%s: inputrc conditionals are not supported", f[0])
		return statusFailure
	}
	key, _, found := strings.Cut(line, ":")
	if !found {
		errorf(io, "bind", "%s: no key binding (KEY: function)", line)
		return statusFailure
	}
	errorf(io, "bind", "%s: cannot bind keys: gosh's line editor has fixed keys", strings.TrimSpace(key))
	return statusFailure
}
