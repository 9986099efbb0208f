package shell

// This file is word expansion (POSIX XCU 2.6). A word from the parser goes
// through these steps, in this order:
//
//  1. tilde expansion            ~  ~user  (expandTilde)
//  2. parameter expansion        $x  ${x:-w}  $@  (expandParam)
//  3. command substitution       $(list)  `list`  (expandCmdSubst)
//  4. arithmetic expansion       $((expr))  (expandArith)
//  5. field splitting            on the characters of IFS  (splitFields)
//  6. pathname expansion         *  ?  [a-z]  (globFields, in glob.go)
//  7. quote removal              (removeQuotes)
//
// Steps 1-4 walk the word's parts left to right and produce chunks of text,
// each remembering whether it was quoted and whether it came from an
// unquoted expansion (only those are split). "$@" may cut the word into
// several fields already at this stage. Steps 5-7 then turn the chunks into
// the final strings. Quotes themselves never enter the text: the parser has
// already taken them apart into SglQuoted, DblQuoted and Escaped parts, so
// quote removal amounts to forgetting which bytes were quoted.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"gosh/parser"
)

// ExpansionError is an error found while expanding a word: ${x:?msg}, an
// unbound variable under set -u, bad arithmetic, an ambiguous redirect.
// Msg is worded as bash words it, without the "gosh: " prefix.
type ExpansionError struct {
	Msg string
	// Unset: the error is about a parameter that is not set (set -u,
	// ${x?}). It ends a non-interactive shell (with 127 under -c, 1
	// in a script, as bash); the others abandon the command
	// (expansionFailed).
	Unset bool
	// Errexit: under set -e the error ends the shell with 1, wherever
	// the command is (also left of || or in an if condition): bash
	// reports it with report_error, which exits then. A failglob
	// "no match" is one.
	Errexit bool
	// NoAssignment: an arithmetic assignment to bash's GROUPS
	// (noAssignError): bash stops the expression without a message, with
	// status 1 for (( )) and let, and abandons the command for $(( )).
	NoAssignment bool
}

func (e *ExpansionError) Error() string { return e.Msg }

// NoAssign tells a builtin (let) to fail without a message
// (builtins.noAssign).
func (e *ExpansionError) NoAssign() bool { return e.NoAssignment }

func expansionError(msg string) error { return &ExpansionError{Msg: msg} }

// unsetError is the error for a parameter that must be set and is not.
func unsetError(msg string) error { return &ExpansionError{Msg: msg, Unset: true} }

// expandFields expands the words of a command into fields: brace
// expansion (bash, expand_brace.go) and then all seven steps.
func (sh *Shell) expandFields(words []*parser.Word) ([]string, error) {
	return sh.expandFieldsSplit(words, true)
}

// expandFieldsSplit is expandFields, or with split false the same without
// field splitting and pathname expansion: a redirection's word in a
// non-interactive shell in POSIX mode ("cat < $x" opens the file "a b",
// "cat < *" opens "*", "$@" is joined with spaces). An unquoted expansion
// that comes to nothing still gives no field.
func (sh *Shell) expandFieldsSplit(words []*parser.Word, split bool) ([]string, error) {
	var out []string
	for _, w := range sh.braceWords(words) {
		x := &expansion{sh: sh, mode: modeFields}
		if err := x.word(w, false, tildeAssignLike(w)); err != nil {
			return nil, err
		}
		if !split {
			if f := removeQuotes(splitFields(x.fields, "")); len(f) > 0 {
				out = append(out, strings.Join(f, " "))
			}
			continue
		}
		fields := splitFields(x.fields, sh.ifs())
		if !sh.Opts.Noglob {
			var err error
			if fields, err = globFields(fields, sh.globBase(), sh.globOptions()); err != nil {
				return nil, err
			}
		}
		out = append(out, removeQuotes(fields)...)
	}
	return out, nil
}

// braceWords brace-expands each word. Words without a literal '{' (most)
// cost one scan and no allocation.
func (sh *Shell) braceWords(words []*parser.Word) []*parser.Word {
	if sh.Opts.NoBraceexpand { // set +B
		return words
	}
	i := 0
	for i < len(words) && !hasBraceLit(words[i]) {
		i++
	}
	if i == len(words) {
		return words
	}
	out := append([]*parser.Word(nil), words[:i]...)
	for _, w := range words[i:] {
		out = append(out, braceExpand(w)...)
	}
	return out
}

// expandString expands one word to one string: steps 1-4 and quote removal,
// no field splitting and no pathname expansion. "$@" is joined with spaces.
func (sh *Shell) expandString(w *parser.Word) (string, error) {
	return sh.expandJoined(w, false, tildeStart)
}

// expandAssign expands the value of NAME=value: like expandString, with
// tilde expansion also after each unquoted ':' (PATH=~/bin:~/go/bin).
func (sh *Shell) expandAssign(w *parser.Word) (string, error) {
	return sh.expandJoined(w, false, tildeAssign)
}

// expandRedirTarget expands the word after a redirection operator. It must
// give exactly one field.
func (sh *Shell) expandRedirTarget(w *parser.Word) (string, error) {
	// bash's POSIX mode splits and globs it only at a prompt.
	fields, err := sh.expandFieldsSplit([]*parser.Word{w}, !sh.Opts.Posix || sh.Opts.Interactive)
	if err != nil {
		return "", err
	}
	if len(fields) != 1 {
		return "", expansionError(parser.String(w) + ": ambiguous redirect")
	}
	return fields[0], nil
}

// expandHeredoc gives the text of a here-document body. With a quoted
// delimiter the body is literal; otherwise it is expanded as inside double
// quotes.
func (sh *Shell) expandHeredoc(h *parser.Heredoc) (string, error) {
	if h.Body == nil {
		return "", nil
	}
	if h.Quoted {
		var b strings.Builder
		for _, p := range h.Body.Parts {
			b.WriteString(literalText(p))
		}
		return b.String(), nil
	}
	return sh.expandJoined(h.Body, true, tildeNone)
}

// literalText is the text of a part of a quoted here-document body, which
// the parser leaves unexpanded.
func literalText(p parser.WordPart) string {
	switch p := p.(type) {
	case *parser.Lit:
		return p.Value
	case *parser.Escaped:
		return p.Value
	case *parser.SglQuoted:
		return p.Value
	}
	return ""
}

// expandJoined runs steps 1-4 on w and joins the result into one string.
func (sh *Shell) expandJoined(w *parser.Word, quoted bool, tilde tildeMode) (string, error) {
	if w == nil {
		return "", nil
	}
	x := &expansion{sh: sh, mode: modeString}
	if err := x.word(w, quoted, tilde); err != nil {
		return "", err
	}
	return x.joined(), nil
}

// expansionMode says what the caller does with the chunks afterwards.
type expansionMode int

const (
	modeFields expansionMode = iota // split into fields and glob (command words)
	modeString                      // join into one string (assignments, here-documents)
)

// tildeMode says where tilde prefixes are recognised in a word.
type tildeMode int

const (
	tildeNone      tildeMode = iota // nowhere (inside double quotes, here-documents)
	tildeStart                      // at the start of the word
	tildeAssign                     // at the start and after each unquoted ':'
	tildeAssignArg                  // a NAME=value command word: after '=' and ':'
)

// chunk is a piece of an expanded word before field splitting.
type chunk struct {
	text   string
	quoted bool // quoted text or tilde result: never split, globbed literally
	split  bool // result of an unquoted expansion: IFS characters separate fields
}

// expansion collects the chunks of one word. The word is a list of fields,
// each a list of chunks; "$@" starts new fields, everything else appends to
// the last one.
type expansion struct {
	sh     *Shell
	mode   expansionMode
	fields [][]chunk
	// inArg counts the unquoted ${x-word} words being expanded: their
	// literal text is part of an expansion result and so is split too.
	inArg int
	// qnull is set when an operator gave a value, even an empty one
	// (${x/a}, ${x:0}, ${x#a} of a non-empty x); atValues counts the
	// values "$@" and "${a[@]}" gave. A "..." with "$@" and expansions
	// that gave neither is no field at all, as in bash: "$x$@".
	qnull    bool
	atValues int
}

// add appends a chunk to the current field.
func (x *expansion) add(c chunk) {
	if len(x.fields) == 0 {
		x.fields = append(x.fields, nil)
	}
	last := len(x.fields) - 1
	x.fields[last] = append(x.fields[last], c)
}

// addList appends values that must stay separate fields ("$@"): the first
// joins the current field, each further one starts a new field. No values
// add nothing at all, so "$@" with no parameters gives no field.
func (x *expansion) addList(values []string, quoted bool) {
	x.atValues += len(values)
	for i, v := range values {
		if i > 0 {
			x.fields = append(x.fields, nil)
		}
		x.add(chunk{text: v, quoted: quoted, split: !quoted})
	}
}

// addLit appends unquoted literal text: never split, except inside the
// word of an unquoted ${x-word}.
func (x *expansion) addLit(s string) {
	x.add(chunk{text: s, split: x.inArg > 0})
}

// addValue appends the result of an expansion: split later unless quoted.
func (x *expansion) addValue(v string, quoted bool) {
	x.add(chunk{text: v, quoted: quoted, split: !quoted})
}

// joined concatenates all chunks; fields made by "$@" are joined by spaces.
func (x *expansion) joined() string {
	var b strings.Builder
	for i, f := range x.fields {
		if i > 0 {
			b.WriteByte(' ')
		}
		for _, c := range f {
			b.WriteString(c.text)
		}
	}
	return b.String()
}

// tildeAssignLike reports whether a command word looks like an assignment
// (NAME=value). Bash then expands tildes after the '=' and after ':' also
// in arguments, which "export PATH=~/bin:$PATH" relies on.
func tildeAssignLike(w *parser.Word) tildeMode {
	if len(w.Parts) > 0 {
		if lit, ok := w.Parts[0].(*parser.Lit); ok {
			if i := strings.IndexByte(lit.Value, '='); i > 0 && parser.IsName(lit.Value[:i]) {
				return tildeAssignArg
			}
		}
	}
	return tildeStart
}

// word expands the parts of w, appending to x. quoted is set inside double
// quotes (and for here-document bodies).
func (x *expansion) word(w *parser.Word, quoted bool, tilde tildeMode) error {
	if w == nil {
		return nil
	}
	for i, p := range w.Parts {
		if err := x.part(w, i, p, quoted, tilde); err != nil {
			return err
		}
	}
	return nil
}

// part expands one part of a word.
func (x *expansion) part(w *parser.Word, i int, p parser.WordPart, quoted bool, tilde tildeMode) error {
	switch p := p.(type) {
	case *parser.Lit:
		switch {
		case quoted:
			x.add(chunk{text: p.Value, quoted: true})
			return nil
		case tilde == tildeNone:
			x.addLit(p.Value)
			return nil
		}
		x.expandTilde(w, i, p.Value, tilde)
	case *parser.Escaped:
		x.add(chunk{text: p.Value, quoted: true})
	case *parser.SglQuoted:
		x.add(chunk{text: p.Value, quoted: true})
	case *parser.DblQuoted:
		// An empty quoted chunk marks that the field exists: "" is an
		// empty argument, not nothing. "$@" alone is the exception: with
		// no parameters it gives no field at all.
		if onlyAt(p.Parts) {
			return x.parts(w, i, p.Parts)
		}
		nf, nc := x.end()
		x.add(chunk{quoted: true})
		qnull, atValues := x.qnull, x.atValues
		x.qnull, x.atValues = false, 0
		if err := x.parts(w, i, p.Parts); err != nil {
			return err
		}
		if hasAt(p.Parts) && !x.qnull && x.atValues == 0 && x.emptySince(nf, nc) {
			// "$x$@" with x empty and no parameters: no field (bash).
			x.truncate(nf, nc)
		}
		x.qnull, x.atValues = qnull || x.qnull, atValues+x.atValues
	case *parser.ParamExp:
		return x.expandParam(p, quoted)
	case *parser.CmdSubst:
		return x.expandCmdSubst(p, quoted)
	case *parser.ProcSubst:
		return x.expandProcSubst(p) // procsubst.go
	case *parser.ArithExp:
		return x.expandArith(p, quoted)
	case *parser.ArrayLit:
		if p.Text {
			// let i=($x*2): text, expanded, for let to evaluate.
			x.add(chunk{text: "(", quoted: true})
			for k, e := range p.Elems {
				if k > 0 {
					x.add(chunk{text: " ", quoted: true})
				}
				if err := x.word(e, false, tildeNone); err != nil {
					return err
				}
			}
			x.add(chunk{text: ")", quoted: true})
			return nil
		}
		// NAME=(...) as the argument of a declaration builtin: the list
		// reaches it as written, and it expands it (Shell.AssignWord).
		x.add(chunk{text: p.Raw, quoted: true})
	}
	return nil
}

// parts expands the parts of "...", appending to x.
func (x *expansion) parts(w *parser.Word, i int, parts []parser.WordPart) error {
	for _, q := range parts {
		if err := x.part(w, i, q, true, tildeNone); err != nil {
			return err
		}
	}
	return nil
}

// end is where the next chunk goes: the number of fields and the number
// of chunks of the last one.
func (x *expansion) end() (fields, chunks int) {
	if len(x.fields) == 0 {
		return 0, 0
	}
	return len(x.fields), len(x.fields[len(x.fields)-1])
}

// emptySince reports whether every chunk added since end gave nf, nc is
// empty text.
func (x *expansion) emptySince(nf, nc int) bool {
	for f := max(nf-1, 0); f < len(x.fields); f++ {
		from := 0
		if f == nf-1 {
			from = nc
		}
		for _, c := range x.fields[f][from:] {
			if c.text != "" {
				return false
			}
		}
	}
	return true
}

// truncate removes what was added since end gave nf, nc.
func (x *expansion) truncate(nf, nc int) {
	x.fields = x.fields[:nf]
	if nf > 0 {
		x.fields[nf-1] = x.fields[nf-1][:nc]
	}
}

// hasAt reports whether the parts of "..." hold an expansion that may give
// no field at all (see onlyAt).
func hasAt(parts []parser.WordPart) bool {
	for _, p := range parts {
		if onlyAt([]parser.WordPart{p}) {
			return true
		}
	}
	return false
}

// onlyAt reports whether the parts of "..." are only expansions that may
// give no field at all: "$@", "${a[@]}", "${!a[@]}", "${!prefix@}", also
// with an operator that works per value ("${@#x}").
func onlyAt(parts []parser.WordPart) bool {
	for _, p := range parts {
		pe, ok := p.(*parser.ParamExp)
		if !ok || pe.Length || pe.Op >= parser.ParamDefault && pe.Op <= parser.ParamAlt {
			return false
		}
		at := pe.Name == "@" && pe.Index == nil && !pe.Indirect || isAll(pe.Index) == '@' || pe.Op == parser.ParamNamesAt
		if !at {
			return false
		}
	}
	return len(parts) > 0
}

// expandTilde is step 1, tilde expansion (XCU 2.6.1), applied to an unquoted
// literal. A tilde prefix is a '~' at the start of the word (in assignments
// also after ':') up to the first '/' or ':'. It must be wholly unquoted,
// so it has to end inside this literal, or the literal must end the word.
// The result counts as quoted: it is neither split nor globbed.
func (x *expansion) expandTilde(w *parser.Word, i int, s string, tilde tildeMode) {
	lastPart := i == len(w.Parts)-1
	atStart := i == 0
	if tilde == tildeAssignArg {
		if i == 0 {
			// NAME=value as a command word: prefixes start after the '='.
			eq := strings.IndexByte(s, '=')
			x.addLit(s[:eq+1])
			s = s[eq+1:]
		}
		tilde = tildeAssign
	}
	if tilde == tildeAssign && i > 0 {
		// A literal right after one ending in ':' starts a prefix too.
		if prev, ok := w.Parts[i-1].(*parser.Lit); ok && strings.HasSuffix(prev.Value, ":") {
			atStart = true
		}
	}
	// A ':' ends a prefix in any word, as in bash ("~:" and "~root:x"),
	// but only in an assignment does one start another.
	stops := "/:"
	for {
		if atStart && strings.HasPrefix(s, "~") {
			end := strings.IndexAny(s, stops)
			if end < 0 && lastPart {
				end = len(s)
			}
			if end >= 0 {
				if dir, ok := x.sh.tildeDir(s[1:end]); ok {
					x.add(chunk{text: dir, quoted: true})
					s = s[end:]
				}
			}
		}
		if tilde != tildeAssign {
			break
		}
		colon := strings.IndexByte(s, ':')
		if colon < 0 {
			break
		}
		x.addLit(s[:colon+1])
		s = s[colon+1:]
		atStart = true
	}
	if s != "" {
		x.addLit(s)
	}
}

// tildeDir is the directory a tilde prefix (without the '~') names:
// "" is $HOME (or the user's home from the password file when HOME is
// unset), "+" is $PWD, "-" is $OLDPWD, anything else a user name.
func (sh *Shell) tildeDir(name string) (string, bool) {
	switch name {
	case "":
		if home, ok := sh.Vars.Get("HOME"); ok {
			return home, true
		}
		if home := currentUser().home; home != "" {
			return home, true
		}
		return "", false
	case "+":
		return sh.Vars.Get("PWD")
	case "-":
		return sh.Vars.Get("OLDPWD")
	}
	return userHome(name)
}

// argWord expands the word of ${x-word} or ${x+word} in place of the
// parameter. Unquoted, all of its unquoted text is split like a value.
func (x *expansion) argWord(w *parser.Word, quoted bool) error {
	if !quoted {
		x.inArg++
		defer func() { x.inArg-- }()
	}
	return x.word(w, quoted, tildeStartUnless(quoted))
}

// tildeStartUnless gives the tilde mode for the word inside ${x-word}.
func tildeStartUnless(quoted bool) tildeMode {
	if quoted {
		return tildeNone
	}
	return tildeStart
}

// paramValue looks up a parameter by name: a special parameter, a
// positional parameter or a variable. $@ and $* are the parameters joined
// by spaces (callers that need them apart use sh.Params).
func (sh *Shell) paramValue(name string) (string, bool) {
	switch name {
	case "?":
		return strconv.Itoa(sh.Status), true
	case "$":
		return strconv.Itoa(sh.pid), true
	case "!":
		if sh.LastBg == 0 {
			return "", false
		}
		return strconv.Itoa(sh.LastBg), true
	case "#":
		return strconv.Itoa(len(sh.Params)), true
	case "-":
		return sh.FlagString(), true
	case "@", "*":
		return strings.Join(sh.Params, " "), len(sh.Params) > 0
	case "0":
		return sh.arg0(), true
	}
	if n, err := strconv.Atoi(name); err == nil && n > 0 && isDigits(name) {
		if n > len(sh.Params) {
			return "", false
		}
		return sh.Params[n-1], true
	}
	return sh.getVar(name)
}

// paramLabel is how bash names a parameter in "unbound variable" messages:
// variables by name, positional and special parameters with their '$'.
func paramLabel(name string) string {
	if parser.IsName(name) {
		return name
	}
	return "$" + name
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// expandCmdSubst is step 3, command substitution (XCU 2.6.3): the output of
// the list, run in a subshell, with all trailing newlines removed.
func (x *expansion) expandCmdSubst(p *parser.CmdSubst, quoted bool) error {
	out := ""
	if list := x.sh.substList(p); list != nil && len(list.Items) > 0 {
		var err error
		if out, err = x.sh.commandSubst(list); err != nil {
			return err
		}
	}
	x.addValue(strings.TrimRight(out, "\n"), quoted)
	return nil
}

// substList is the list a command substitution runs. As in bash, its
// text is parsed again as it runs, with the aliases defined by then:
// "alias x='echo hi'; echo $(x)" on one line runs echo hi. Without
// aliases to expand, or when the text was not kept, the list as parsed.
func (sh *Shell) substList(p *parser.CmdSubst) *parser.List {
	src, line := p.Source()
	if src == "" || len(sh.Aliases) == 0 && !sh.unaliased {
		return p.List
	}
	if on, _ := sh.Option("expand_aliases"); !on {
		return p.List
	}
	f, err := sh.parseAt(src, line)
	if err != nil || f.List == nil {
		return p.List
	}
	return f.List
}

// expandArith is step 4, arithmetic expansion (XCU 2.6.4): the expression
// is expanded as inside double quotes, then evaluated (arith.go).
func (x *expansion) expandArith(p *parser.ArithExp, quoted bool) error {
	expr, err := x.sh.expandJoined(p.Expr, true, tildeNone)
	if err != nil {
		return err
	}
	n, err := x.sh.evalArith(expr)
	if err != nil {
		return err
	}
	x.addValue(strconv.FormatInt(n, 10), quoted)
	return nil
}

// ifs is the value of IFS for field splitting; unset means space, tab, newline.
func (sh *Shell) ifs() string {
	if v, ok := sh.ifsVar(); ok {
		return v
	}
	return " \t\n"
}

// ifsJoiner is what "$*" puts between parameters: the first character of
// IFS, a space when IFS is unset, nothing when IFS is empty.
func (sh *Shell) ifsJoiner() string {
	v, ok := sh.Vars.Get("IFS")
	if !ok {
		return " "
	}
	if v == "" {
		return ""
	}
	_, n := utf8.DecodeRuneInString(v)
	return v[:n]
}

// field is one field after splitting: its text, and for each byte whether
// it was quoted (quoted bytes are matched literally by pathname expansion).
// quoted is nil when no byte was quoted.
type field struct {
	text   string
	quoted []bool
}

// fieldBuilder accumulates one field during splitting.
type fieldBuilder struct {
	text    strings.Builder
	quoted  []bool
	started bool // something, maybe an empty "", belongs to this field
}

// write appends text to the field. Any text, or quoted nothing (""),
// makes the field exist.
func (b *fieldBuilder) write(s string, quoted bool) {
	if s == "" && !quoted {
		return
	}
	// The mask is made only once a quoted byte arrives: most fields have
	// none, and a missing entry means unquoted.
	if quoted && b.quoted == nil && s != "" {
		b.quoted = make([]bool, b.text.Len(), b.text.Len()+len(s))
	}
	if b.quoted != nil {
		for range len(s) {
			b.quoted = append(b.quoted, quoted)
		}
	}
	b.text.WriteString(s)
	b.started = true
}

func (b *fieldBuilder) take() field {
	f := field{text: b.text.String(), quoted: b.quoted}
	*b = fieldBuilder{}
	return f
}

// splitFields is step 5, field splitting (XCU 2.6.5). Only characters of
// IFS that came from unquoted expansions separate fields; literal text and
// quoted text are never split. IFS white space (space, tab, newline in IFS)
// around a separator counts as part of it, and is ignored at the start and
// end of a field; every other IFS character ends a field, even an empty one.
// An empty expansion that gives no field disappears; "" gives an empty field.
func splitFields(raw [][]chunk, ifs string) []field {
	var out []field
	for _, chunks := range raw {
		var b fieldBuilder
		for _, c := range chunks {
			if !c.split || ifs == "" {
				b.write(c.text, c.quoted)
				continue
			}
			s := c.text
			for len(s) > 0 {
				i := strings.IndexAny(s, ifs)
				if i < 0 {
					b.write(s, false)
					break
				}
				if i > 0 {
					b.write(s[:i], false)
				}
				// A separator: IFS white space, optionally one other IFS
				// character and more white space after it.
				s = trimIFSSpace(s[i:], ifs)
				if r, n := utf8.DecodeRuneInString(s); s != "" && strings.ContainsRune(ifs, r) {
					// r is not white space: trimIFSSpace would have taken it.
					s = trimIFSSpace(s[n:], ifs)
					out = append(out, b.take())
				} else if b.started {
					out = append(out, b.take())
				}
			}
		}
		if b.started {
			out = append(out, b.take())
		}
	}
	return out
}

// trimIFSSpace drops leading IFS white space.
func trimIFSSpace(s, ifs string) string {
	i := 0
	for i < len(s) && isIFSSpace(s[i], ifs) {
		i++
	}
	return s[i:]
}

func isIFSSpace(c byte, ifs string) bool {
	return (c == ' ' || c == '\t' || c == '\n') && strings.IndexByte(ifs, c) >= 0
}

// removeQuotes is step 7, quote removal (XCU 2.6.7). The quote characters
// never entered the text (the parser separated them out), so what is left
// is to drop the record of which bytes were quoted.
func removeQuotes(fields []field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.text
	}
	return out
}
