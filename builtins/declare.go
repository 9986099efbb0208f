package builtins

import (
	"fmt"
	"sort"
	"strings"

	"gosh/jobs"
	"gosh/parser"
)

const declareHelp = `Declare variables and give them attributes, or show them.
-a  NAME is an indexed array      -A  NAME is an associative array
-i  NAME is an integer: each value assigned is evaluated as
    arithmetic first (declare -i n; n=2*3 sets 6)
-n  NAME is a name reference: its value is the name of another
    variable, which reading, assigning and unsetting NAME work on
    (f() { local -n out=$1; out=(a b); } returns through the name
    the caller gives); the target is found at each use, in the
    dynamic scope. ${!NAME} is the target's name
-r  read-only                      -x  exported to child processes
-l  each value assigned is put in lower case, -u in upper case
+i +l +u +x  take the attribute away (a read-only mark stays)
+n  NAME stops being a reference; the target's name stays as its value
-g  in a function, work on the global variable (otherwise declare
    makes NAME local to the function, as local does)
-I  in a function, the local NAME starts with the value and the
    attributes of the NAME it hides
-t  the trace attribute: a function with it runs the DEBUG and RETURN
    traps, as under set -T; a variable only keeps it
-p  show each NAME (every variable without NAME) as a declare command
    that would recreate it; with -a -A -i -n -r -x, only those
-f  show the functions (all, or each NAME) as their definitions
-F  show only the names of the functions
Without NAME and options, print every variable and function.`

var declareBuiltins = []*Builtin{
	{
		Name:     "declare",
		Synopsis: "declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]",
		Summary:  "Set variable values and attributes.",
		Help:     declareHelp,
		Run:      runDeclare,
	},
	{
		Name:     "typeset",
		Synopsis: "typeset [-aAfFgiIlnrtux] [name[=value] ...] or typeset -p [-aAfFilnrtux] [name ...]",
		Summary:  "Set variable values and attributes (same as declare).",
		Help:     declareHelp,
		Run:      runDeclare,
	},
}

// CaseShell gives declare its -l and -u attributes (lower and upper
// case). *shell.Shell implements it.
type CaseShell interface {
	// SetCase gives name the attribute 'l' or 'u', or with 0 neither.
	SetCase(name string, c byte)
	// VarCase is name's case attribute, 'l', 'u' or 0.
	VarCase(name string) byte
}

// TraceShell gives declare its -t attribute, of variables and functions.
// *shell.Shell implements it.
type TraceShell interface {
	SetTrace(name string, on bool)
	IsTraced(name string) bool
	// SetFuncTraced gives the function name the trace attribute or takes
	// it away; false when there is no such function.
	SetFuncTraced(name string, on bool) bool
	FuncTraced(name string) bool
}

// InheritShell gives declare and local their -I: a local that starts as
// the variable it hides. *shell.Shell implements it.
type InheritShell interface {
	DeclareLocalInherit(name string) error
}

// varCase is CaseShell.VarCase for any Shell.
func varCase(sh Shell, name string) byte {
	if cs, ok := sh.(CaseShell); ok {
		return cs.VarCase(name)
	}
	return 0
}

// declareFlags are the options of one declare command: set[c] for -c,
// unset[c] for +c.
type declareFlags struct {
	set, unset map[byte]bool
}

func (f declareFlags) on(c byte) bool  { return f.set[c] }
func (f declareFlags) off(c byte) bool { return f.unset[c] }

// attrFilter reports whether any attribute option was given (-p lists
// only the variables that have them).
func (f declareFlags) attrFilter() bool {
	for _, c := range []byte("aAilnrtux") {
		if f.set[c] {
			return true
		}
	}
	return false
}

func runDeclare(sh Shell, io IO, args []string) (int, error) {
	name := args[0]
	flags := declareFlags{set: map[byte]bool{}, unset: map[byte]bool{}}
	rest := args[1:]
	for len(rest) > 0 {
		a := rest[0]
		if a == "--" {
			rest = rest[1:]
			break
		}
		if len(a) < 2 || a[0] != '-' && a[0] != '+' {
			break
		}
		for k := 1; k < len(a); k++ {
			c := a[k]
			if strings.IndexByte("aAfFgiIlnprtux", c) < 0 {
				return usageError(io, name, string(a[0])+string(c)+": invalid option"), nil
			}
			if a[0] == '-' {
				flags.set[c] = true
			} else {
				flags.unset[c] = true
			}
		}
		rest = rest[1:]
	}
	if flags.on('a') && flags.on('A') {
		errorf(io, name, "cannot use `-a' and `-A' together")
		return statusFailure, nil
	}
	if flags.on('f') || flags.on('F') {
		return declareFunctions(sh, io, name, flags, rest), nil
	}
	if len(rest) == 0 {
		if flags.on('p') || flags.attrFilter() {
			return declarePrintAll(sh, io, name, flags), nil
		}
		return declareListAll(sh, io, name), nil
	}
	if flags.on('p') {
		var b strings.Builder
		status := statusOK
		for _, n := range rest {
			line, ok := declareLine(sh, n)
			if !ok {
				errorf(io, name, "%s: not found", n)
				status = statusFailure
				continue
			}
			b.WriteString(line)
		}
		if st := writeOut(io, name, b.String()); st != statusOK {
			return st, nil
		}
		return status, nil
	}
	status := statusOK
	for _, arg := range rest {
		if st := declareOne(sh, io, name, flags, arg); st != statusOK {
			status = st
		}
	}
	return status, nil
}

// declareOne declares one NAME or NAME=value with the attributes given.
func declareOne(sh Shell, io IO, builtin string, flags declareFlags, arg string) int {
	n, _, hasValue := strings.Cut(arg, "=")
	n = strings.TrimSuffix(n, "+")
	base, _, _ := strings.Cut(n, "[")
	if !isName(base) || n == base+"[]" && !hasValue {
		errorf(io, builtin, "`%s': not a valid identifier", arg)
		return statusFailure
	}
	// In a function, declare makes its names local unless -g; with -I
	// the local starts as the variable it hides.
	if fs, ok := sh.(FlowShell); ok && fs.InFunction() && !flags.on('g') {
		declare := fs.DeclareLocal
		if is, ok := sh.(InheritShell); ok && flags.on('I') {
			declare = func(name, _ string, _ bool) error { return is.DeclareLocalInherit(name) }
		}
		if err := declare(base, "", false); err != nil {
			errorf(io, builtin, "%s", err)
			return statusFailure
		}
	}
	if gs, ok := sh.(GlobalShell); ok && flags.on('g') {
		// declare -g works on the global variable even where a local
		// of the name hides it, as in bash.
		st := statusOK
		gs.WithGlobal(base, func() { st = declareNamed(sh, io, builtin, flags, arg, n, base, hasValue) })
		return st
	}
	return declareNamed(sh, io, builtin, flags, arg, n, base, hasValue)
}

// GlobalShell lets declare -g reach a global variable that locals hide.
type GlobalShell interface {
	// WithGlobal runs fn with name meaning the global variable (set,
	// unset or declared as fn leaves it); the locals that hide it are as
	// they were after.
	WithGlobal(name string, fn func())
}

// declareNamed is declareOne once the name is known to be valid and, in a
// function, local unless -g.
func declareNamed(sh Shell, io IO, builtin string, flags declareFlags, arg, n, base string, hasValue bool) int {
	if n == base+"[]" {
		return emptySubscriptValue(sh, io, builtin, base, flags.on('A'))
	}
	if flags.on('n') || flags.off('n') {
		_, target, _ := strings.Cut(arg, "=")
		return declareNameRef(sh, io, builtin, flags, base, target, hasValue)
	}
	if flags.off('r') && sh.IsReadOnly(base) {
		errorf(io, builtin, "%s: readonly variable", base)
		return statusFailure
	}
	if flags.on('r') && sh.IsReadOnly(base) && hasValue {
		errorf(io, builtin, "%s: readonly variable", base)
		return statusFailure
	}
	// Where both -c and +c are given, +c wins, as in bash.
	switch {
	case flags.off('i'):
		sh.SetInteger(base, false)
	case flags.on('i'):
		sh.SetInteger(base, true)
	}
	if ts, ok := sh.(TraceShell); ok && (flags.on('t') || flags.off('t')) {
		ts.SetTrace(base, flags.on('t'))
	}
	if cs, ok := sh.(CaseShell); ok {
		// -l and -u each take the other away; both together, or +l
		// or +u of the one it has, leave neither (bash).
		cur := cs.VarCase(base)
		switch {
		case flags.on('l') && flags.on('u'):
			cs.SetCase(base, 0)
		case flags.on('l') && !flags.off('l'):
			cs.SetCase(base, 'l')
		case flags.on('u') && !flags.off('u'):
			cs.SetCase(base, 'u')
		case flags.off('l') && cur == 'l', flags.off('u') && cur == 'u':
			cs.SetCase(base, 0)
		}
	}
	_, value, _ := strings.Cut(arg, "=")
	list := hasValue && strings.HasPrefix(value, "(") && strings.HasSuffix(value, ")")
	if !list && destroysArray(sh, io, builtin, flags, base) {
		return statusFailure
	}
	if flags.on('a') || flags.on('A') || n != base && !hasValue {
		// declare a[5] makes a an array, as declare -a a does.
		if err := sh.DeclareArray(base, flags.on('A')); err != nil {
			errorf(io, builtin, "%s", strings.TrimPrefix(err.Error(), base+": "))
			return statusFailure
		}
	}
	if hasValue {
		if sh.IsReadOnly(base) {
			errorf(io, builtin, "%s: readonly variable", base)
			return statusFailure
		}
		if err := sh.AssignWord(arg); noAssign(err) && builtin != "local" {
			return statusFailure // declare GROUPS=v: silently, as bash
		} else if err != nil {
			assignError(io, builtin, err)
			return statusFailure
		}
	} else if !flags.on('a') && !flags.on('A') && n == base {
		sh.DeclareVar(base)
	}
	// +a with a list, or with -a: bash assigns, then refuses, and gives
	// no other attribute (declare +a u=(a), declare -a +a u).
	if destroysArray(sh, io, builtin, flags, base) {
		return statusFailure
	}
	switch {
	case flags.off('x'):
		sh.Unexport(base)
	case flags.on('x'):
		sh.Export(base)
	}
	if flags.on('r') {
		sh.SetReadOnly(base)
	}
	return statusOK
}

// destroysArray reports, as an error, +a on an indexed array or +A on an
// associative one: bash does not take an array's kind away.
func destroysArray(sh Shell, io IO, builtin string, flags declareFlags, base string) bool {
	if indexed, assoc := sh.ArrayKind(base); flags.off('a') && indexed || flags.off('A') && assoc {
		errorf(io, builtin, "%s: cannot destroy array variables in this way", base)
		return true
	}
	return false
}

// emptySubscriptValue is declare a[]=v and local a[]=v, which bash
// refuses as an assignment statement a[]=v, but only after making a an
// array (local to the function for local): "a[]: bad array subscript",
// without the builtin's name, as bash words it.
func emptySubscriptValue(sh Shell, io IO, builtin, base string, assoc bool) int {
	if err := sh.DeclareArray(base, assoc); err != nil {
		errorf(io, builtin, "%s", err)
		return statusFailure
	}
	fmt.Fprintf(io.Err, "%s%s[]: bad array subscript\n", io.ErrPrefix(), base)
	return statusFailure
}

// declareAttrs are the attribute letters of a variable, in bash's order.
func declareAttrs(sh Shell, name string) string {
	var b strings.Builder
	indexed, assoc := sh.ArrayKind(name)
	if indexed {
		b.WriteByte('a')
	}
	if assoc {
		b.WriteByte('A')
	}
	if sh.IsInteger(name) {
		b.WriteByte('i')
	}
	if sh.IsReadOnly(name) {
		b.WriteByte('r')
	}
	if ts, ok := sh.(TraceShell); ok && ts.IsTraced(name) {
		b.WriteByte('t')
	}
	if sh.IsExported(name) {
		b.WriteByte('x')
	}
	if c := varCase(sh, name); c != 0 {
		b.WriteByte(c)
	}
	return b.String()
}

// declareExists reports whether name is a variable at all (set, an
// array, or declared without a value).
func declareExists(sh Shell, name string) bool {
	if _, ok := sh.Var(name); ok {
		return true
	}
	for _, n := range sh.VarNames() {
		if n == name {
			return true
		}
	}
	return false
}

// declareLine is declare -p for one variable: a declare command that
// would recreate it.
func declareLine(sh Shell, name string) (string, bool) {
	if target, attrs, ok := nameRef(sh, name); ok {
		return nameRefLine(name, target, attrs), true
	}
	if !declareExists(sh, name) {
		return "", false
	}
	attrs := declareAttrs(sh, name)
	if attrs == "" {
		attrs = "-"
	}
	head := "declare -" + attrs + " " + name
	indexed, assoc := sh.ArrayKind(name)
	if indexed || assoc {
		if d, ok := sh.(interface{ DeclaredOnly(string) bool }); ok && d.DeclaredOnly(name) {
			return head + "\n", true // "declare -a a": no value yet
		}
		keys, _ := sh.ArrayKeys(name)
		values, _ := sh.GetArray(name)
		var b strings.Builder
		b.WriteString(head + "=(")
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(' ')
			}
			v := ""
			if i < len(values) {
				v = values[i]
			}
			if assoc {
				k = declareKey(k)
			}
			b.WriteString("[" + k + "]=" + declareQuote(v))
		}
		if assoc && len(keys) > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(")\n")
		return b.String(), true
	}
	value, set := sh.Var(name)
	if !set {
		return head + "\n", true
	}
	return head + "=" + declareQuote(value) + "\n", true
}

// declareQuote quotes a value as declare -p does: "..." with \ " $ `
// escaped, or $'...' when it holds a control character.
func declareQuote(s string) string {
	if hasControl(s) {
		return jobs.ANSICQuote(s)
	}
	return doubleQuote(s)
}

// declareKey quotes a key of an associative array as declare -p does:
// as it is, or in double quotes when it holds a character special to the
// shell or is @ or *, or as $'...' when it holds a control character.
func declareKey(k string) string {
	switch {
	case hasControl(k):
		return jobs.ANSICQuote(k)
	case parser.KeyNeedsQuotes(k):
		return doubleQuote(k)
	}
	return k
}

// declarePrintAll is declare -p without names: every variable (with
// attribute options, only those that have all of them).
func declarePrintAll(sh Shell, io IO, builtin string, flags declareFlags) int {
	var b strings.Builder
	for _, n := range sortedNames(sh) {
		attrs := declareAttrs(sh, n)
		if _, refAttrs, ok := nameRef(sh, n); ok {
			attrs = "n" + refAttrs
		}
		keep := true
		for _, c := range []byte("aAilnrtux") {
			if flags.on(c) && strings.IndexByte(attrs, c) < 0 {
				keep = false
			}
		}
		if !keep {
			continue
		}
		if line, ok := declareLine(sh, n); ok {
			b.WriteString(line)
		}
	}
	return writeOut(io, builtin, b.String())
}

// declareListAll is declare alone: every variable as NAME=value, then the
// functions' definitions, as bash prints them.
func declareListAll(sh Shell, io IO, builtin string) int {
	var b strings.Builder
	posix, _ := sh.Option("posix")
	quote := quoteValue
	if posix && builtin == "set" {
		// set in POSIX mode: quotes only for the shell's metacharacters,
		// a non-printing character is written as it is.
		quote = func(s string) string {
			if needsQuotes(s) {
				return singleQuote(s)
			}
			return s
		}
	}
	for _, n := range sortedNames(sh) {
		if target, _, ok := nameRef(sh, n); ok {
			if target != "" {
				fmt.Fprintf(&b, "%s=%s\n", n, quote(target))
			}
			continue
		}
		if indexed, assoc := sh.ArrayKind(n); indexed || assoc {
			line, _ := declareLine(sh, n)
			b.WriteString(strings.TrimPrefix(line, "declare -"+declareAttrs(sh, n)+" "))
			continue
		}
		if v, ok := sh.Var(n); ok {
			fmt.Fprintf(&b, "%s=%s\n", n, quote(v))
		}
	}
	if fs, ok := sh.(FuncShell); ok && !(posix && builtin == "set") { // set in POSIX mode: no functions
		for _, f := range fs.FuncNames() {
			text, _ := fs.FuncText(f)
			b.WriteString(strings.TrimSuffix(text, "\n") + "\n")
		}
	}
	return writeOut(io, builtin, b.String())
}

// declareFunctions is declare -f and -F: definitions, or names. With
// -x, +x or -r and names it sets the functions' attributes instead
// (funcattr.go); without names they select the functions listed.
func declareFunctions(sh Shell, io IO, builtin string, flags declareFlags, names []string) int {
	fs, ok := sh.(FuncShell)
	var all []string
	if ok {
		all = fs.FuncNames()
	}
	sort.Strings(all)
	var b strings.Builder
	status := statusOK
	setsAttrs := flags.on('x') || flags.off('x') || flags.on('r') || flags.on('t') || flags.off('t')
	if len(names) == 0 {
		for _, f := range all {
			attrs := funcAttrLetters(sh, f)
			if flags.on('x') && !strings.Contains(attrs, "x") || flags.on('r') && !strings.Contains(attrs, "r") ||
				flags.on('t') && !strings.Contains(attrs, "t") {
				continue
			}
			if flags.on('F') {
				b.WriteString("declare -f" + attrs + " " + f + "\n")
				continue
			}
			text, _ := fs.FuncText(f)
			b.WriteString(strings.TrimSuffix(text, "\n") + "\n")
			b.WriteString(funcDeclareLine(sh, f))
		}
		return writeOut(io, builtin, b.String())
	}
	if setsAttrs {
		fa, _ := sh.(FuncAttrShell)
		for _, n := range names {
			if fa == nil {
				status = statusFailure
				continue
			}
			found := true
			if flags.on('x') || flags.off('x') {
				found = fa.SetFuncExported(n, flags.on('x'))
			}
			if ts, ok := sh.(TraceShell); ok && found && (flags.on('t') || flags.off('t')) {
				found = ts.SetFuncTraced(n, flags.on('t'))
			}
			if found && flags.on('r') {
				found = fa.SetFuncReadonly(n)
			}
			if !found {
				status = statusFailure
			}
		}
		return status
	}
	for _, n := range names {
		var text string
		found := false
		if ok {
			text, found = fs.FuncText(n)
		}
		switch {
		case !found:
			status = statusFailure
		case flags.on('F') && flags.on('p'):
			b.WriteString("declare -f" + funcAttrLetters(sh, n) + " " + n + "\n") // as bash
		case flags.on('F'):
			b.WriteString(n + funcPlace(sh, n) + "\n")
		default:
			b.WriteString(strings.TrimSuffix(text, "\n") + "\n")
			if flags.on('p') {
				b.WriteString(funcDeclareLine(sh, n))
			}
		}
	}
	if st := writeOut(io, builtin, b.String()); st != statusOK {
		return st
	}
	return status
}

// FuncPlaceShell is a shell that knows where each function was defined.
type FuncPlaceShell interface {
	// FuncPlace is the line a function's definition starts on and the
	// file it was read from (bash's words: "environment" for -c text,
	// "main" at a prompt); ok is false when there is no such function.
	FuncPlace(name string) (line int, file string, ok bool)
}

// funcPlace is what declare -F adds to a function's name with shopt
// extdebug on, as bash: " LINE FILE". "" with extdebug off.
func funcPlace(sh Shell, name string) string {
	fp, ok := sh.(FuncPlaceShell)
	if on, _ := sh.Option("extdebug"); !on || !ok {
		return ""
	}
	line, file, ok := fp.FuncPlace(name)
	if !ok {
		return ""
	}
	return fmt.Sprintf(" %d %s", line, file)
}
