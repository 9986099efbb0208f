package shell

import (
	"io"
	"strconv"
	"strings"

	"gosh/jobs"
	"gosh/parser"
)

// set -x: what the trace lines start with, and how an assignment is shown.

// xtracePrefix is $PS4 (nothing when unset) expanded as bash expands it
// (parameters, $( ), arithmetic: PS4='+ ${LINENO}: ' is the usual
// debugging idiom), with tracing off meanwhile so that a $( ) in it is
// not traced itself. Inside $( ), eval and a . file its first character
// is repeated once more for each level, as bash shows "++ echo sub".
func (sh *Shell) xtracePrefix() string {
	ps4, _ := sh.Vars.Get("PS4") // "+ " from start-up; unset, no prefix (bash)
	if strings.ContainsAny(ps4, "$`") {
		sh.Opts.Xtrace = false
		out, err := sh.expandPromptErr(ps4)
		sh.Opts.Xtrace = true
		if _, exit := IsExit(err); err != nil && !exit {
			// As bash: reported, and the text is the prefix as it is.
			sh.errorf("%s", err)
		}
		ps4 = out
	}
	if sh.xtraceDepth > 0 && ps4 != "" {
		ps4 = strings.Repeat(ps4[:1], sh.xtraceDepth) + ps4
	}
	return ps4
}

// xtraceOut is where set -x writes: the descriptor $BASH_XTRACEFD names
// when it is a number the shell has open, else standard error, as bash.
func (sh *Shell) xtraceOut() io.Writer {
	if v, ok := sh.Vars.Get("BASH_XTRACEFD"); ok && v != "" {
		if n, err := strconv.Atoi(v); err == nil && sh.UserFd(n) >= 0 {
			return fdWriter(sh.UserFd(n))
		}
	}
	return sh.Stderr()
}

// writeExportTrace adds the lines bash's set -x prints after
// "export NAME=value" and "readonly NAME=value": each assignment once more,
// on a line of its own ("+ NAME=value").
func writeExportTrace(b *strings.Builder, ps4 string, argv []string) {
	if len(argv) < 2 || argv[0] != "export" && argv[0] != "readonly" {
		return
	}
	for _, a := range argv[1:] {
		name, value, ok := strings.Cut(a, "=")
		op := "="
		if base, isAppend := strings.CutSuffix(name, "+"); isAppend {
			name, op = base, "+="
		}
		if !ok || !parser.IsName(name) {
			continue
		}
		b.WriteString(ps4 + name + op)
		if value != "" {
			b.WriteString(xtraceQuote(value))
		}
		b.WriteByte('\n')
	}
}

// xtraceAssignment shows an assignment as set -x prints it: x=1, a[2]=v,
// s+=more, a=(1 'x y'), and x= for an empty value.
func xtraceAssignment(a assignment) string {
	if a.trace != "" {
		return a.trace
	}
	shellQuote := func(s string) string {
		if s == "" {
			return ""
		}
		if q := shellQuote(s); q != s || !hasControl(s) {
			return q
		}
		return jobs.ANSICQuote(s) // x=$'\001', as bash
	}
	op := "="
	if a.arr == nil {
		return a.name + op + shellQuote(a.value)
	}
	if a.arr.appendOp {
		op = "+="
	}
	if e := a.arr.elem; e != nil {
		sub := e.key
		if sub == "" {
			sub = strconv.FormatInt(e.index, 10)
		}
		return a.name + "[" + sub + "]" + op + shellQuote(a.value)
	}
	if !a.arr.isList {
		return a.name + op + shellQuote(a.value)
	}
	var b strings.Builder
	b.WriteString(a.name + op + "(")
	for i, it := range a.arr.list {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(xtraceQuote(it.value))
	}
	b.WriteByte(')')
	return b.String()
}

// declTraceArgs is the command line set -x shows for a declaration
// builtin: as bash, an argument written NAME=(...) is shown as NAME alone,
// its list on a line of its own before (traceDeclList). lists counts them.
func declTraceArgs(cmd *command) (argv []string, lists int) {
	if len(cmd.compoundArgs) == 0 || cmd.builtin == nil || len(cmd.argv) == 0 || !isDeclarationBuiltin(cmd.argv[0]) {
		return cmd.argv, 0
	}
	argv = make([]string, len(cmd.argv))
	for i, w := range cmd.argv {
		argv[i] = w
		if i > 0 && cmd.compoundArgs[w] {
			name, _, _ := strings.Cut(w, "=")
			argv[i] = strings.TrimSuffix(name, "+")
			lists++
		}
	}
	return argv, lists
}

// traceDeclList shows a list a declaration builtin assigns as bash's set
// -x does: expanded, each value single-quoted (histQuote, control
// characters too), a subscript as ['k']
// ("h=(['k']='v')", "a=('1' 'x y')"). The builtin's own line follows
// the last of them.
func (sh *Shell) traceDeclList(a assignment) {
	var b strings.Builder
	b.WriteString(sh.xtracePrefix() + a.name)
	if a.arr.appendOp {
		b.WriteByte('+')
	}
	b.WriteString("=(")
	for i, it := range a.arr.list {
		if i > 0 {
			b.WriteByte(' ')
		}
		if it.sub != nil {
			key := it.sub.key
			if !sh.isAssoc(a.name) {
				key = strconv.FormatInt(it.sub.index, 10)
			}
			b.WriteString("[" + histQuote(key) + "]=")
		}
		b.WriteString(histQuote(it.value))
	}
	b.WriteString(")\n")
	sh.xtraceOut().Write([]byte(b.String()))
	if sh.declTraceLists--; sh.declTraceLists <= 0 {
		sh.flushDeclTrace()
	}
}

// flushDeclTrace writes the declaration builtin's set -x line that waits.
func (sh *Shell) flushDeclTrace() {
	if sh.declTrace != "" {
		sh.xtraceOut().Write([]byte(sh.declTrace))
	}
	sh.declTrace, sh.declTraceLists, sh.declTraceCmd = "", 0, nil
}
