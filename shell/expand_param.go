package shell

// This file is step 2 of word expansion, parameter expansion (XCU 2.6.2),
// with bash's additions: array subscripts, ${!x} indirection, the pattern
// operators that cut (# ## % %%) and replace (/ // /# /%), ${x:off:len},
// case changes (^ ^^ , ,,) and the @ transformations. Every operator works
// on each element of "$@", "${a[@]}" and "${a[*]}" alike.

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gosh/jobs"
	"gosh/parser"
)

// paramValues is what a parameter expands to before its operator applies:
// one value, or a list for $@ $* ${a[@]} ${a[*]} ${!a[@]} ${!prefix@}.
type paramValues struct {
	vals  []string
	list  bool   // several values
	star  bool   // joined by the first character of IFS when quoted ($*, a[*])
	set   bool   // the parameter is set (a list: it has elements)
	label string // how messages name it: x, a[1], $1
	// Where ${x=word} assigns: the variable and, for a[i], its subscript.
	name string
	sub  *subscript
}

// subscript is an evaluated array subscript: a key for an associative
// array, an index for an indexed one.
type subscript struct {
	key   string
	index int64
}

// isAll reports whether a subscript word is [@] or [*], and which.
func isAll(w *parser.Word) byte {
	if w == nil || len(w.Parts) != 1 {
		return 0
	}
	if l, ok := w.Parts[0].(*parser.Lit); ok && (l.Value == "@" || l.Value == "*") {
		return l.Value[0]
	}
	return 0
}

// emptyIFS reports whether IFS is set and empty: bash then joins an
// unquoted ${!prefix*} or ${!a[*]} into one word instead of keeping the
// names apart as for $* (a quirk the Oils tests record as a bash bug).
func (sh *Shell) emptyIFS() bool {
	v, ok := sh.Vars.Get("IFS")
	return ok && v == ""
}

// expandParam is step 2, parameter expansion.
func (x *expansion) expandParam(p *parser.ParamExp, quoted bool) error {
	sh := x.sh
	if p.Bad != "" && p.Op != parser.ParamTransform {
		return expansionError(p.Bad + ": bad substitution")
	}
	if sh.Opts.Posix && p.Indirect && p.Index == nil && p.Op == parser.ParamNone && (p.Name == "#" || p.Name == "?") {
		p = posixBangParam(p) // posix.go
	}
	var pv paramValues
	switch {
	case p.Op == parser.ParamNamesStar || p.Op == parser.ParamNamesAt:
		var names []string
		for _, n := range sh.Vars.Names() {
			if v := sh.Vars.LookupRef(n); strings.HasPrefix(n, p.Name) && !v.NoValue {
				names = append(names, n)
			}
		}
		if p.Op == parser.ParamNamesStar && !quoted && sh.emptyIFS() && len(names) > 0 {
			names = []string{strings.Join(names, "")} // bash joins them then
		}
		x.addValues(paramValues{vals: names, list: true, star: p.Op == parser.ParamNamesStar}, quoted)
		return nil
	case p.Indirect && isAll(p.Index) != 0 && p.Op == parser.ParamNone:
		// ${!a[@]}: the indices or keys of an array. With an operator
		// (${!a[@]@Q}, ${!a[@]:-x}) bash reads it as an indirection
		// through the values instead, the case below.
		keys, _ := sh.Vars.ArrayKeys(p.Name)
		if isAll(p.Index) == '*' && !quoted && sh.emptyIFS() && len(keys) > 0 {
			keys = []string{strings.Join(keys, " ")} // bash joins them so, with a blank
		}
		pv = paramValues{vals: keys, list: true, star: isAll(p.Index) == '*', set: len(keys) > 0, label: p.Name}
	case p.Indirect && p.Index == nil && sh.isNameRef(p.Name):
		// ${!ref} of a name reference is the name it refers to (bash).
		t, _ := sh.refTarget(p.Name)
		pv = paramValues{vals: []string{t}, set: true, label: p.Name}
	case p.Indirect:
		ref, err := x.param(p.Name, p.Index)
		if err != nil {
			return err
		}
		if (!ref.set || ref.list && len(ref.vals) == 0) && p.Index == nil && parser.IsName(p.Name) {
			return expansionError(paramLabel(p.Name) + ": invalid indirect expansion")
		}
		if !ref.set || ref.list && len(ref.vals) == 0 {
			// An unset positional parameter or element names nothing:
			// the expansion is unset ($9 in ${!9-word}), as in bash.
			pv = paramValues{vals: []string{""}, label: "!" + strings.TrimPrefix(ref.label, "$")}
			break
		}
		target := strings.Join(ref.vals, " ")
		name, idx, ok := splitParamRef(target)
		if !ok {
			return expansionError(target + ": invalid variable name")
		}
		if pv, err = x.paramText(name, idx); err != nil {
			return err
		}
	case sh.isNameRef(p.Name):
		var err error
		if pv, err = x.refParam(p.Name, p.Index); err != nil {
			return err
		}
	default:
		var err error
		if pv, err = x.param(p.Name, p.Index); err != nil {
			return err
		}
	}
	if p.Braced && isDigits(p.Name) && !p.Indirect {
		pv.label = p.Name // bash: "9: unbound variable" for ${9}, "$9: ..." for $9
	}
	if p.Length {
		return x.expandLength(p, pv, quoted)
	}
	// With ':' an empty value counts as unset; a list is empty when its
	// values joined (by a space, or for * by IFS's first character) are.
	sep := " "
	if pv.star {
		sep = sh.ifsJoiner()
	}
	missing := !pv.set || (p.Colon && strings.Join(pv.vals, sep) == "")
	switch p.Op {
	case parser.ParamNone:
		if !pv.set && sh.Opts.Nounset && !pv.list {
			return unsetError(pv.label + ": unbound variable")
		}
	case parser.ParamDefault: // ${x-w} ${x:-w}: w if x is unset
		if missing {
			return x.argWord(p.Arg, quoted)
		}
	case parser.ParamAlt: // ${x+w} ${x:+w}: w if x is set
		if !missing {
			return x.argWord(p.Arg, quoted)
		}
		return nil
	case parser.ParamAssign: // ${x=w} ${x:=w}: assign w if x is unset
		if missing {
			return x.assignDefault(p, pv, quoted)
		}
	case parser.ParamError: // ${x?w} ${x:?w}: fail with w if x is unset
		if missing {
			msg := "parameter not set"
			if p.Colon {
				msg = "parameter null or not set"
			}
			if p.Arg != nil && len(p.Arg.Parts) > 0 {
				var err error
				if msg, err = sh.expandJoined(p.Arg, quoted, tildeStartUnless(quoted)); err != nil {
					return err
				}
			}
			return unsetError(strings.TrimPrefix(pv.label, "$") + ": " + msg)
		}
	default:
		if !pv.set && sh.Opts.Nounset && !pv.list {
			return unsetError(pv.label + ": unbound variable")
		}
		var err error
		before := pv
		if pv, err = x.operate(p, pv); err != nil {
			return err
		}
		if pv.set && !pv.list && p.Op != parser.ParamSubstr {
			// An operator's empty result is a quoted null in bash, but
			// cutting from an empty value is not (see DblQuoted in part).
			trim := p.Op >= parser.ParamTrimPrefix && p.Op <= parser.ParamTrimLongSuffix
			x.qnull = x.qnull || !trim || before.vals[0] != ""
		}
	}
	x.addValues(pv, quoted)
	return nil
}

// splitParamRef parses the target of an indirection: NAME, NAME[sub], a
// positional parameter or a special one.
func splitParamRef(s string) (name, sub string, ok bool) {
	if i := strings.IndexByte(s, '['); i > 0 && strings.HasSuffix(s, "]") {
		if parser.IsName(s[:i]) {
			return s[:i], s[i+1 : len(s)-1], true
		}
		return "", "", false
	}
	if parser.IsName(s) || isDigits(s) || len(s) == 1 && strings.Contains("?$!#@*-", s) {
		return s, "", true
	}
	return "", "", false
}

// refParam looks up a parameter named by a name reference: the variable
// or array element it refers to, nothing for a circular one.
func (x *expansion) refParam(name string, idx *parser.Word) (paramValues, error) {
	t, ok := x.sh.refTarget(name)
	if !ok && x.sh.Vars.isSelfRef(name) {
		// What the local reference to its own name hides (setSelfRef).
		pv, err := x.param(name, idx)
		pv.label = name
		return pv, err
	}
	if !ok {
		return paramValues{vals: []string{""}, label: name}, nil
	}
	if base, sub, isElem := refElem(t); isElem {
		if idx != nil {
			return paramValues{vals: []string{""}, label: name}, nil
		}
		pv, err := x.paramText(base, sub)
		pv.label = name
		return pv, err
	}
	pv, err := x.param(t, idx)
	if idx == nil {
		pv.label = name
	}
	return pv, err
}

// param looks up a parameter with an optional subscript word.
func (x *expansion) param(name string, idx *parser.Word) (paramValues, error) {
	if idx == nil {
		return x.paramText(name, "")
	}
	if all := isAll(idx); all != 0 {
		return x.paramText(name, string(all))
	}
	if len(idx.Parts) == 0 {
		return paramValues{}, expansionError("${" + name + "[]}: bad substitution")
	}
	sub, err := x.sh.evalSubscript(name, idx)
	if bad, ok := err.(*badSubscriptError); ok {
		// bash reports it and goes on with nothing.
		x.sh.errorf("%s", bad)
		return paramValues{vals: []string{""}, label: name, name: name}, nil
	}
	if err != nil {
		return paramValues{}, err
	}
	if sub.key == "" && x.sh.isAssoc(name) {
		// An empty key of an associative array: bash reports it and
		// goes on with nothing.
		x.sh.errorf("%s", &badSubscriptError{name})
		return paramValues{vals: []string{""}, label: name, name: name}, nil
	}
	return x.element(name, sub)
}

// badSubscriptError is a negative index before an indexed array's start.
type badSubscriptError struct{ name string }

func (e *badSubscriptError) Error() string { return e.name + ": bad array subscript" }

// Unprefixed marks an error bash reports without the name of the builtin
// that met it: declare a[]=v says "a[]: bad array subscript".
func (e *badSubscriptError) Unprefixed() bool { return true }

// paramText looks up a parameter whose subscript, if any, is text: "@",
// "*", or an expression (from ${!ref} with ref='a[1]').
func (x *expansion) paramText(name, sub string) (paramValues, error) {
	sh := x.sh
	switch {
	case sub == "" && (name == "@" || name == "*"):
		return paramValues{vals: sh.Params, list: true, star: name == "*", set: len(sh.Params) > 0, label: "$" + name}, nil
	case sub == "@" || sub == "*":
		var vals []string
		if v := sh.Vars.Lookup(name); v != nil {
			vals = v.values()
		}
		return paramValues{vals: vals, list: true, star: sub == "*", set: len(vals) > 0, label: name + "[" + sub + "]", name: name}, nil
	case sub != "":
		s, err := sh.subscriptText(name, sub)
		if bad, ok := err.(*badSubscriptError); ok {
			sh.errorf("%s", bad)
			return paramValues{vals: []string{""}, label: name, name: name}, nil
		}
		if err != nil {
			return paramValues{}, err
		}
		return x.element(name, s)
	}
	value, set := sh.paramValue(name)
	return paramValues{vals: []string{value}, set: set, label: paramLabel(name), name: name}, nil
}

// element looks up one element of an array (element 0 of a string).
func (x *expansion) element(name string, sub subscript) (paramValues, error) {
	sh := x.sh
	label := name + "[" + sub.key + "]"
	if sub.key == "" {
		label = name + "[" + strconv.FormatInt(sub.index, 10) + "]"
	}
	pv := paramValues{label: label, name: name, sub: &sub}
	v := sh.Vars.Lookup(name)
	switch {
	case v == nil || v.NoValue:
		pv.vals = []string{""}
	case v.Assoc:
		s, ok := v.elem(sub.key, 0)
		pv.vals, pv.set = []string{s}, ok
	case v.Array:
		s, ok := v.elem("", sub.index)
		pv.vals, pv.set = []string{s}, ok
	default:
		value, _ := sh.paramValue(name)
		pv.vals, pv.set = []string{value}, sub.index == 0
		if !pv.set {
			pv.vals = []string{""}
		}
	}
	return pv, nil
}

// evalSubscript evaluates a subscript word for the array name: expanded
// to a key for an associative array, evaluated arithmetically (negative
// counting from the end) for an indexed one.
func (sh *Shell) evalSubscript(name string, idx *parser.Word) (subscript, error) {
	if v := sh.Vars.Lookup(name); v != nil && v.Assoc {
		// A key is expanded without tilde expansion: h[~] is key ~.
		key, err := sh.expandJoined(idx, false, tildeNone)
		return subscript{key: key}, err
	}
	text, err := sh.expandJoined(idx, true, tildeNone)
	if err != nil {
		return subscript{}, err
	}
	return sh.subscriptText(name, text)
}

// subscriptText evaluates a subscript that is already text.
func (sh *Shell) subscriptText(name, text string) (subscript, error) {
	v := sh.Vars.Lookup(name)
	if v != nil && v.Assoc {
		return subscript{key: text}, nil
	}
	n, err := sh.evalArith(text)
	if err != nil {
		return subscript{}, err
	}
	if n < 0 {
		var next int64
		if v != nil {
			if v.Array {
				next = v.nextIndex()
			} else if !v.NoValue {
				next = 1
			}
		}
		if n+next < 0 {
			return subscript{}, &badSubscriptError{name}
		}
		n += next
	}
	return subscript{index: n}, nil
}

// assignDefault is ${x=word} and ${x:=word} when x is unset or empty.
func (x *expansion) assignDefault(p *parser.ParamExp, pv paramValues, quoted bool) error {
	sh := x.sh
	if pv.name == "" || !parser.IsName(pv.name) || pv.list {
		label := pv.label
		if isDigits(pv.label) {
			label = "$" + label // ${9=x} as $9
		}
		return expansionError(label + ": cannot assign in this way")
	}
	v, err := sh.expandJoined(p.Arg, quoted, tildeStartUnless(quoted))
	if err != nil {
		return err
	}
	switch {
	case pv.sub == nil:
		err = sh.Vars.Set(pv.name, v)
	case pv.sub.key != "" || sh.isAssoc(pv.name):
		err = sh.Vars.SetKey(pv.name, pv.sub.key, v)
	default:
		err = sh.Vars.SetIndex(pv.name, pv.sub.index, v)
	}
	if err != nil {
		return expansionError(err.Error())
	}
	x.addValue(v, quoted)
	return nil
}

func (sh *Shell) isAssoc(name string) bool {
	v := sh.Vars.Lookup(name)
	return v != nil && v.Assoc
}

// expandLength is ${#x}: the length of x in characters; ${#@}, ${#*},
// ${#a[@]} count the values.
func (x *expansion) expandLength(p *parser.ParamExp, pv paramValues, quoted bool) error {
	var n int
	switch {
	case pv.list:
		// ${#a[@]} of a variable that does not exist at all is an error
		// under set -u (bash: status 1, not the 127 of other unset ones).
		if x.sh.Opts.Nounset && pv.name != "" && x.sh.Vars.Lookup(pv.name) == nil {
			return expansionError(pv.name + ": unbound variable")
		}
		n = len(pv.vals)
	case !pv.set && x.sh.Opts.Nounset && pv.sub == nil:
		return unsetError(pv.label + ": unbound variable")
	case !pv.set && x.sh.Opts.Nounset && pv.name != "" && !hasElems(x.sh.Vars.Lookup(pv.name)):
		// ${#a[4]} of an a that is no array with a value (none at all,
		// declare -A a, a string) names the variable, with status 1, as
		// bash does.
		return expansionError(pv.name + ": unbound variable")
	default:
		n = utf8.RuneCountInString(pv.vals[0])
	}
	x.addValue(strconv.Itoa(n), quoted)
	return nil
}

// addValues appends what a parameter expanded to. "$@" and "${a[@]}" keep
// their values apart. "$*" and "${a[*]}" join them with the first
// character of IFS. Unquoted lists are joined the same way and then split,
// as bash does (so with IFS=: an empty value survives as an empty field),
// except that with IFS empty they stay apart.
func (x *expansion) addValues(pv paramValues, quoted bool) {
	if !pv.list {
		v := ""
		if len(pv.vals) > 0 {
			v = pv.vals[0]
		}
		x.addValue(v, quoted)
		return
	}
	sh := x.sh
	switch {
	case quoted && !pv.star:
		x.addList(pv.vals, true)
	case !quoted && x.mode == modeFields:
		if sh.ifs() == "" {
			x.addList(pv.vals, false)
		} else {
			x.addValue(strings.Join(pv.vals, sh.ifsJoiner()), false)
		}
	case !pv.star:
		x.addList(pv.vals, quoted) // joined by spaces in the end
	default:
		x.addValue(strings.Join(pv.vals, sh.ifsJoiner()), quoted)
	}
}

// operate applies the operators that transform values: the pattern
// operators, substrings, case changes and @ transformations.
func (x *expansion) operate(p *parser.ParamExp, pv paramValues) (paramValues, error) {
	if p.Op == parser.ParamSubstr {
		return x.substr(p, pv)
	}
	if p.Op == parser.ParamTransform {
		return x.transform(p, pv)
	}
	// bash matches the pattern of a case change as an extended one even
	// without shopt extglob: ${x^^@(a|c)}.
	caseOp := p.Op >= parser.ParamUpperFirst && p.Op <= parser.ParamToggleAll
	pattern, err := x.pattern(p.Arg, caseOp || x.sh.Opts.Shopt.Extglob)
	if err != nil {
		return pv, err
	}
	var repl []replPiece
	if p.Op >= parser.ParamReplace && p.Op <= parser.ParamReplaceSuffix {
		if repl, err = x.replacement(p.Repl); err != nil {
			return pv, err
		}
	}
	out := make([]string, len(pv.vals))
	for i, v := range pv.vals {
		switch p.Op {
		case parser.ParamTrimPrefix, parser.ParamTrimLongPrefix:
			out[i] = trimPrefix(v, pattern, p.Op == parser.ParamTrimLongPrefix)
		case parser.ParamTrimSuffix, parser.ParamTrimLongSuffix:
			out[i] = trimSuffix(v, pattern, p.Op == parser.ParamTrimLongSuffix)
		case parser.ParamReplace, parser.ParamReplaceAll, parser.ParamReplacePrefix, parser.ParamReplaceSuffix:
			out[i] = replacePattern(v, pattern, repl, p.Op, x.sh.Opts.Shopt.Nocasematch)
		case parser.ParamUpperFirst, parser.ParamUpperAll, parser.ParamLowerFirst, parser.ParamLowerAll,
			parser.ParamToggleFirst, parser.ParamToggleAll:
			out[i] = changeCase(v, pattern, p.Op)
		}
	}
	pv.vals = out
	return pv, nil
}

// pattern expands the pattern word of an operator. Its unquoted text,
// also from expansions, is pattern text (a backslash escapes the next
// character); quoted text is matched literally. Without extglob, @( +(
// and the others are plain text.
func (x *expansion) pattern(w *parser.Word, extglob bool) (string, error) {
	if w == nil {
		return "", nil
	}
	px := &expansion{sh: x.sh, mode: modeString}
	if err := px.word(w, false, tildeStart); err != nil {
		return "", err
	}
	var b strings.Builder
	for i, f := range px.fields {
		if i > 0 {
			b.WriteByte(' ')
		}
		for _, c := range f {
			if !c.quoted {
				if !extglob {
					b.WriteString(plainPattern(c.text))
					continue
				}
				b.WriteString(c.text)
				continue
			}
			b.WriteString(escapePattern(c.text))
		}
	}
	return b.String(), nil
}

// escapePattern makes every special character of s literal in a pattern.
func escapePattern(s string) string {
	const special = `*?[]\()|!^-` // ! ^ - mean something in a bracket
	if !strings.ContainsAny(s, special) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(special, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// replPiece is a piece of the replacement of ${x/p/r}: text, or (match)
// the matched text, which an unquoted '&' stands for (bash 5.2's
// patsub_replacement).
type replPiece struct {
	text  string
	match bool
}

// replacement expands the replacement word of ${x/p/r}.
func (x *expansion) replacement(w *parser.Word) ([]replPiece, error) {
	if w == nil {
		return nil, nil
	}
	rx := &expansion{sh: x.sh, mode: modeString}
	if err := rx.word(w, false, tildeStart); err != nil {
		return nil, err
	}
	var out []replPiece
	for i, f := range rx.fields {
		if i > 0 {
			out = append(out, replPiece{text: " "})
		}
		for _, c := range f {
			if c.quoted {
				out = append(out, replPiece{text: c.text})
				continue
			}
			s := c.text
			if x.sh.Opts.Shopt.NoPatsubReplacement {
				out = append(out, replPiece{text: s}) // shopt -u patsub_replacement
				continue
			}
			for {
				j := strings.IndexAny(s, `&\`)
				if j < 0 {
					break
				}
				out = append(out, replPiece{text: s[:j]})
				if s[j] == '\\' && j+1 < len(s) && (s[j+1] == '&' || s[j+1] == '\\') {
					out = append(out, replPiece{text: s[j+1 : j+2]})
					s = s[j+2:]
					continue
				}
				if s[j] == '\\' {
					out = append(out, replPiece{text: `\`})
				} else {
					out = append(out, replPiece{match: true})
				}
				s = s[j+1:]
			}
			out = append(out, replPiece{text: s})
		}
	}
	return out, nil
}

// runeStarts lists the byte offsets where the characters of s start, and
// len(s).
func runeStarts(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// patternWidth reports how many characters every match of pattern has,
// when that is fixed (no '*'): then a match starting at one place can end
// at only one place, and matching costs no more than a scan.
func patternWidth(pattern string) (int, bool) {
	if hasExtGroup(pattern) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(pattern); {
		switch pattern[i] {
		case '*':
			return 0, false
		case '\\':
			if i+1 < len(pattern) {
				_, size := utf8.DecodeRuneInString(pattern[i+1:])
				i += 1 + size
			} else {
				i++
			}
		case '[':
			if _, width, valid := matchBracket(pattern[i:], 0); valid {
				i += width
			} else {
				i++
			}
		default:
			_, size := utf8.DecodeRuneInString(pattern[i:])
			i += size
		}
		n++
	}
	return n, true
}

// trimPrefix removes the shortest (or longest) prefix of s matching pattern.
func trimPrefix(s, pattern string, longest bool) string {
	if !hasMeta(pattern) {
		return strings.TrimPrefix(s, unescapePattern(pattern))
	}
	starts := runeStarts(s)
	if n, fixed := patternWidth(pattern); fixed {
		if n < len(starts) && matchPattern(pattern, s[:starts[n]]) {
			return s[starts[n]:]
		}
		return s
	}
	matches := func(end int) bool { return matchPattern(pattern, s[:end]) }
	if hasExtGroup(pattern) {
		// One run of the automaton finds every prefix that matches.
		ends := extEnds(pattern, s, 0)
		matches = func(end int) bool { return ends[end] }
	}
	if longest {
		for k := len(starts) - 1; k >= 0; k-- {
			if matches(starts[k]) {
				return s[starts[k]:]
			}
		}
		return s
	}
	for _, i := range starts {
		if matches(i) {
			return s[i:]
		}
	}
	return s
}

// trimSuffix removes the shortest (or longest) suffix of s matching pattern.
func trimSuffix(s, pattern string, longest bool) string {
	if !hasMeta(pattern) {
		return strings.TrimSuffix(s, unescapePattern(pattern))
	}
	starts := runeStarts(s)
	if n, fixed := patternWidth(pattern); fixed {
		if k := len(starts) - 1 - n; k >= 0 && matchPattern(pattern, s[starts[k]:]) {
			return s[:starts[k]]
		}
		return s
	}
	if longest {
		for _, i := range starts {
			if matchPattern(pattern, s[i:]) {
				return s[:i]
			}
		}
		return s
	}
	for k := len(starts) - 1; k >= 0; k-- {
		if matchPattern(pattern, s[starts[k]:]) {
			return s[:starts[k]]
		}
	}
	return s
}

// replacePattern is ${s/p/r} and its variants: the longest match at the
// first place where one starts (every such place for //; only the start
// for /#, only the end for /%) is replaced.
func replacePattern(s, pattern string, repl []replPiece, op parser.ParamOp, fold bool) string {
	// t is the text matched: s, or with fold (shopt nocasematch) s with
	// its ASCII letters in lower case, at the same offsets.
	t := s
	if fold {
		t, pattern = asciiLower(s), foldPattern(pattern)
	}
	with := func(m string) string {
		var b strings.Builder
		for _, p := range repl {
			if p.match {
				b.WriteString(m)
			} else {
				b.WriteString(p.text)
			}
		}
		return b.String()
	}
	if constant := !slices.ContainsFunc(repl, func(p replPiece) bool { return p.match }); constant {
		text := with("")
		with = func(string) string { return text }
	}
	switch op {
	case parser.ParamReplacePrefix:
		starts := runeStarts(s)
		for k := len(starts) - 1; k >= 0; k-- {
			if matchPattern(pattern, t[:starts[k]]) {
				return with(s[:starts[k]]) + s[starts[k]:]
			}
		}
		return s
	case parser.ParamReplaceSuffix:
		starts := runeStarts(s)
		for _, i := range starts {
			if matchPattern(pattern, t[i:]) {
				return s[:i] + with(s[i:])
			}
		}
		return s
	}
	if pattern == "" {
		return s
	}
	if s == "" {
		// An empty value is replaced when the pattern matches it (*).
		if matchPattern(pattern, "") {
			return with("")
		}
		return s
	}
	if !hasMeta(pattern) {
		// A literal pattern: plain string search.
		lit := unescapePattern(pattern)
		n := 1
		if op == parser.ParamReplaceAll {
			n = -1
		}
		var b strings.Builder
		for at := 0; ; n-- {
			j := strings.Index(t[at:], lit)
			if j < 0 || n == 0 {
				b.WriteString(s[at:])
				return b.String()
			}
			b.WriteString(s[at : at+j])
			b.WriteString(with(s[at+j : at+j+len(lit)]))
			at += j + len(lit)
		}
	}
	width, fixed := patternWidth(pattern)
	ext := hasExtGroup(pattern)
	starts := runeStarts(s)
	var b strings.Builder
	k := 0
	for k < len(starts) {
		i := starts[k]
		end := -1
		switch {
		case fixed:
			if m := k + width; m < len(starts) && matchPattern(pattern, t[i:starts[m]]) {
				end = m
			}
		case ext:
			// One run of the automaton from i finds where matches end.
			ends := extEnds(pattern, t, i)
			for m := len(starts) - 1; m >= k; m-- {
				if ends[starts[m]-i] {
					end = m
					break
				}
			}
		default:
			for m := len(starts) - 1; m >= k; m-- {
				if matchPattern(pattern, t[i:starts[m]]) {
					end = m
					break
				}
			}
		}
		if end < 0 || end == k && i == len(s) {
			if i < len(s) {
				b.WriteString(s[i:starts[k+1]])
			}
			k++
			continue
		}
		b.WriteString(with(s[i:starts[end]]))
		if op != parser.ParamReplaceAll {
			b.WriteString(s[starts[end]:])
			return b.String()
		}
		if end == k {
			// An empty match: keep the character and go on after it.
			if i < len(s) {
				b.WriteString(s[i:starts[k+1]])
			}
			k++
			continue
		}
		k = end
	}
	return b.String()
}

// changeCase is ${x^p} ${x^^p} ${x,p} ${x,,p} ${x~p} ${x~~p}: the first
// character, or every character, that matches pattern (any character when
// empty) is upper-cased, lower-cased or has its case toggled.
func changeCase(s, pattern string, op parser.ParamOp) string {
	if pattern == "" {
		pattern = "?"
	}
	all := op == parser.ParamUpperAll || op == parser.ParamLowerAll || op == parser.ParamToggleAll
	var b strings.Builder
	for i, r := range s {
		if matchPattern(pattern, string(r)) {
			switch op {
			case parser.ParamUpperFirst, parser.ParamUpperAll:
				r = unicode.ToUpper(r)
			case parser.ParamLowerFirst, parser.ParamLowerAll:
				r = unicode.ToLower(r)
			default:
				if unicode.IsUpper(r) {
					r = unicode.ToLower(r)
				} else {
					r = unicode.ToUpper(r)
				}
			}
		}
		b.WriteRune(r)
		if !all {
			_, n := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i+n:])
			break
		}
	}
	return b.String()
}

// substr is ${x:offset:length}: characters of a string; for $@ and
// arrays, values (for $@ offset 0 is $0; for an array, offset and length
// count from the first index at or after offset). A negative offset
// counts from the end; a negative length from a string's end.
func (x *expansion) substr(p *parser.ParamExp, pv paramValues) (paramValues, error) {
	sh := x.sh
	num := func(w *parser.Word) (int64, error) {
		text, err := sh.expandJoined(w, true, tildeNone)
		if err != nil {
			return 0, err
		}
		n, err := sh.evalArith(text)
		if e, ok := err.(*ExpansionError); ok && !e.Unset {
			// bash names the parameter: "x: 1+: syntax error ...".
			err = expansionError(strings.TrimPrefix(pv.label, "$") + ": " + e.Msg)
		}
		return n, err
	}
	// A negative length is reported as written: "$((n-2)): substring ...".
	negative := func() error {
		return expansionError(parser.ArgString(p.Repl) + ": substring expression < 0")
	}
	off, err := num(p.Arg)
	if err != nil {
		return pv, err
	}
	hasLen := p.Repl != nil
	var length int64
	if hasLen {
		if length, err = num(p.Repl); err != nil {
			return pv, err
		}
	}
	if v := sh.Vars.Lookup(pv.name); pv.list && pv.name != "" && v != nil && !v.Array && !v.Assoc {
		// ${s[@]:1} of a string variable cuts the string, as ${s:1}
		// does (bash).
		pv.list = false
	}
	if pv.list {
		vals := pv.vals
		if v := sh.Vars.Lookup(pv.name); v != nil && v.Array && pv.name != "" {
			// An array counts offsets by index, not by position: the
			// values start at the first index at or after offset.
			if off < 0 {
				off += v.nextIndex()
			}
			vals = nil
			if off >= 0 {
				for _, e := range v.Elems {
					if e.Index >= off {
						vals = append(vals, e.Value)
					}
				}
			}
			off = 0
		} else if pv.name == "" {
			vals = append([]string{sh.arg0()}, sh.Params...)
		}
		if off < 0 {
			off += int64(len(vals))
		}
		if off < 0 || off > int64(len(vals)) {
			pv.vals = nil
			return pv, nil
		}
		if hasLen && length < 0 {
			return pv, negative()
		}
		vals = vals[off:]
		if hasLen && length < int64(len(vals)) {
			vals = vals[:length]
		}
		pv.vals = vals
		return pv, nil
	}
	out := make([]string, len(pv.vals))
	for i, v := range pv.vals {
		r := []rune(v)
		n := int64(len(r))
		o := off
		if o < 0 {
			o += n
		}
		if o < 0 || o > n {
			out[i] = ""
			continue
		}
		end := n
		if hasLen {
			if length < 0 {
				end = n + length
				if end < o {
					return pv, negative()
				}
			} else if o+length < n {
				end = o + length
			}
		}
		out[i] = string(r[o:end])
		x.qnull = x.qnull || !pv.list && pv.set
	}
	pv.vals = out
	return pv, nil
}

// transform is ${x@Q} and the other one-letter operators: Q quotes for
// reuse as input, E expands backslash escapes as $'...' does, P expands
// as a prompt, A gives an assignment statement, a the attribute letters,
// K and k key-value pairs, U u L change the case.
func (x *expansion) transform(p *parser.ParamExp, pv paramValues) (paramValues, error) {
	sh := x.sh
	if p.Bad != "" {
		// ${x@Z}: nothing for an unset x; for a set one an error that
		// ends a non-interactive shell, as bash's.
		if !pv.set && len(pv.vals) == 0 || !pv.set && !pv.list {
			pv.vals = []string{""}
			return pv, nil
		}
		return pv, &ExpansionError{Msg: p.Bad + ": bad substitution", Unset: true}
	}
	letter := p.Arg.Parts[0].(*parser.Lit).Value
	var v *Var // the variable, for the letters that show its attributes
	if pv.name != "" {
		v = sh.Vars.Lookup(pv.name)
	}
	switch letter {
	case "A":
		switch {
		case pv.list && pv.name == "":
			// ${@@A}: the command that sets the positional parameters.
			quoted := make([]string, len(pv.vals))
			for i, s := range pv.vals {
				quoted[i] = bashQuote(s)
			}
			pv.vals = []string{strings.TrimSpace("set -- " + strings.Join(quoted, " "))}
		case !pv.set:
			// Unset: a variable with attributes is still declared.
			pv.vals = nil
			if flags := attrLetters(v); flags != "" {
				text := "declare -" + flags + " " + pv.name
				if isAll(p.Index) != 0 && !v.NoValue {
					text = declareText(pv.name, v, "", true) // a=(): "declare -a a=()"
				}
				pv.vals = []string{text}
			}
		default:
			pv.vals = []string{declareText(pv.name, v, pv.vals[0], isAll(p.Index) != 0)}
		}
		pv.list = false
		return pv, nil
	case "a":
		// The attribute letters, once per value (a new slice: pv.vals
		// may be the positional parameters themselves).
		attrs := make([]string, len(pv.vals))
		for i := range attrs {
			attrs[i] = attrLetters(v)
		}
		pv.vals = attrs
		return pv, nil
	case "K", "k":
		if v != nil && (v.Array || v.Assoc) && isAll(p.Index) != 0 {
			var parts []string
			keys := v.keys()
			for i, val := range v.values() {
				k := keys[i]
				if letter == "k" {
					parts = append(parts, k, val)
					continue
				}
				if v.Assoc {
					k = assocKey(k)
				}
				parts = append(parts, k+" "+dquote(val))
			}
			if letter == "k" {
				pv.vals = parts
			} else {
				pv.vals = []string{strings.Join(parts, " ")}
				if v.Assoc && len(parts) > 0 {
					pv.vals[0] += " " // as bash writes it
				}
				pv.list = false
			}
			return pv, nil
		}
		letter = "Q"
	}
	if !pv.set && !pv.list {
		pv.vals = []string{""}
		return pv, nil
	}
	out := make([]string, len(pv.vals))
	for i, s := range pv.vals {
		switch letter {
		case "Q":
			out[i] = bashQuote(s)
		case "E":
			out[i] = parser.DecodeEscapes(s)
		case "P":
			out[i] = sh.expandPrompt(s, promptInfo{noMarks: true})
		case "U":
			out[i] = strings.ToUpper(s)
		case "u":
			out[i] = changeCase(s, "", parser.ParamUpperFirst)
		case "L":
			out[i] = strings.ToLower(s)
		}
	}
	pv.vals = out
	return pv, nil
}

// bashQuote quotes s as ${x@Q} does: in single quotes, or as $'...' when
// it holds control characters.
func bashQuote(s string) string {
	if hasControl(s) {
		return jobs.ANSICQuote(s) // bash's letters: \E \a \r ..., else octal
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// assocKey quotes a key of an associative array as bash shows one in
// ${h[@]@K} and ${h[@]@A}: as it is, in double quotes, or as $'...'.
func assocKey(k string) string {
	if strings.ContainsFunc(k, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return bashQuote(k)
	}
	if parser.KeyNeedsQuotes(k) {
		return dquote(k)
	}
	return k
}

// dquote quotes s in double quotes, as ${a[@]@K} shows values.
func dquote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if strings.IndexByte("\"\\$`", s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

// attrLetters are the attributes of a variable as ${x@a} shows them.
func attrLetters(v *Var) string {
	if v == nil {
		return ""
	}
	var b strings.Builder
	if v.Array {
		b.WriteByte('a')
	}
	if v.Assoc {
		b.WriteByte('A')
	}
	if v.Integer {
		b.WriteByte('i') // bash's order: a A i r t x
	}
	if v.ReadOnly {
		b.WriteByte('r')
	}
	if v.Trace {
		b.WriteByte('t') // declare -t: between r and x, as bash
	}
	if v.Exported {
		b.WriteByte('x')
	}
	if v.Case != 0 {
		b.WriteByte(v.Case) // declare -l, -u: after x, as bash
	}
	return b.String()
}

// declareText is ${x@A}: a command that recreates the variable; with
// whole (${a[@]@A}) the whole array, otherwise its one value.
func declareText(name string, v *Var, value string, whole bool) string {
	if v == nil {
		return name + "=" + bashQuote(value)
	}
	flags := attrLetters(v)
	if (v.Array || v.Assoc) && whole {
		var parts []string
		keys := v.keys()
		for i, val := range v.values() {
			k := keys[i]
			if v.Assoc {
				k = assocKey(k)
			}
			parts = append(parts, "["+k+"]="+dquote(val))
		}
		if v.Assoc && len(parts) > 0 {
			parts = append(parts, "") // bash ends with " )"
		}
		return "declare -" + flags + " " + name + "=(" + strings.Join(parts, " ") + ")"
	}
	if flags == "" {
		return name + "=" + bashQuote(value)
	}
	return "declare -" + flags + " " + name + "=" + bashQuote(value)
}

// asciiLower is s with its ASCII letters in lower case: the other bytes,
// and so the offsets, stay.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// hasElems reports whether v is an array with a value (maybe empty).
func hasElems(v *Var) bool { return v != nil && !v.NoValue && (v.Array || v.Assoc) }
