package shell

// This file is pathname expansion (XCU 2.6.6) and the pattern matching it
// rests on (XCU 2.13): * matches any string, ? any one character, [...] one
// character of a set ([a-z], [!x] or [^x] for "not x", [[:digit:]]), and a
// backslash makes the next character literal. With extglob, bash's
// extended patterns ?(a|b) *(a|b) +(a|b) @(a|b) !(a|b) too (extglob.go).
//
// Word expansion remembers which bytes of a field were quoted. Before
// matching, a field is turned into a pattern string in which every quoted
// special character is escaped with a backslash, so "*".txt looks for the
// file named *.txt while *".txt" matches every .txt file.

import (
	"os"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gosh/parser"
)

// globFields is step 6, pathname expansion (XCU 2.6.6): a field with an
// unquoted * ? or [ is replaced by the sorted names of the files it
// matches, or kept as it is when nothing matches. Relative patterns are
// matched in base, the shell's directory ("" for the process's own).
//
// The shopt options change this: nullglob drops a pattern that matches
// nothing, failglob makes it an error, dotglob lets patterns match names
// that start with '.'. So does bash's GLOBIGNORE, a colon-separated list
// of patterns: a name matching one of them is left out of the results.
func globFields(fields []field, base string, opts globOptions) ([]field, error) {
	out := make([]field, 0, len(fields))
	for _, f := range fields {
		if !mayGlob(f, opts.ext) {
			out = append(out, f)
			continue
		}
		pattern, ok := globPattern(f, opts.ext)
		if !ok {
			out = append(out, f)
			continue
		}
		matches := glob(pattern, base, globFlags{dot: opts.dot || len(opts.ignore) > 0, star: opts.star, nocase: opts.nocase})
		if len(opts.ignore) > 0 {
			matches = slices.DeleteFunc(matches, func(m string) bool {
				return slices.ContainsFunc(opts.ignore, func(p string) bool {
					if !opts.ext {
						p = plainPattern(p)
					}
					return matchPattern(p, m)
				})
			})
		}
		if len(matches) == 0 {
			switch {
			case opts.fail:
				return nil, &ExpansionError{Msg: "no match: " + f.text, Errexit: true}
			case !opts.null:
				out = append(out, f)
			}
			continue
		}
		for _, m := range matches {
			out = append(out, field{text: m})
		}
	}
	return out, nil
}

// mayGlob reports, without building anything, whether a field is a
// pattern at all: an unquoted * or ?, or an unquoted [ with a ] after it
// (a lone "[", the test command, is no pattern, as in bash, and must not
// cost a directory read), or with extglob an unquoted @( +( or !(.
func mayGlob(f field, ext bool) bool {
	for i := 0; i < len(f.text); i++ {
		if i < len(f.quoted) && f.quoted[i] {
			continue
		}
		switch f.text[i] {
		case '*', '?':
			return true
		case '[':
			if strings.IndexByte(f.text[i+1:], ']') >= 0 {
				return true
			}
		case '(':
			if ext && i > 0 && isExtOp(f.text[i-1]) && !(i-1 < len(f.quoted) && f.quoted[i-1]) {
				return true
			}
		}
	}
	return false
}

// globPattern turns a field into a pattern: quoted special characters are
// escaped. A backslash that came from an unquoted expansion escapes the
// character after it, as in bash 5.2: with a='x\*', $a has no unquoted
// special character left, so it is no pattern and stays x\* (backslash
// and all); with a='\x*', it matches the names that start with x. ok
// reports whether the pattern has an unescaped, unquoted * ? or [ (or
// with ext an extended group), that is, whether pathname expansion
// applies at all. Without ext, every '(' is escaped, so that no extended
// group forms.
func globPattern(f field, ext bool) (pattern string, ok bool) {
	var b strings.Builder
	for i := 0; i < len(f.text); i++ {
		c := f.text[i]
		quoted := i < len(f.quoted) && f.quoted[i]
		switch {
		case c == '\\' && !quoted && i+1 < len(f.text):
			i++
			b.WriteByte('\\')
			b.WriteByte(f.text[i])
			continue
		case c == '\\':
			b.WriteString(`\\`)
			continue
		case quoted && strings.IndexByte("*?[]!^-()|", c) >= 0, !ext && c == '(':
			b.WriteByte('\\')
		case !quoted && (c == '*' || c == '?' || c == '['):
			ok = true
		}
		b.WriteByte(c)
	}
	pattern = b.String()
	return pattern, ok || ext && hasExtGroup(pattern)
}

// expandPattern expands a word used as a pattern (a case pattern, the
// right of [[ == ]]): steps 1-4, no field splitting; quoted characters are
// escaped so that matchPattern takes them literally. ext says whether
// extended patterns count (extglob; always in [[ ]], as in bash).
//
// Unlike pathname expansion, a backslash an unquoted expansion gives
// escapes what follows, as in bash: p='a\*'; case 'a*' in $p) matches.
func (sh *Shell) expandPattern(w *parser.Word, ext bool) (string, error) {
	x := &expansion{sh: sh, mode: modeString}
	return x.pattern(w, ext)
}

// glob returns the paths matching pattern, sorted in byte order (as with
// LC_ALL=C). Each '/'-separated component is matched against the entries of
// the directories matched so far. Names starting with '.' match only when
// the component starts with a literal '.'; "." and ".." never match a
// pattern (bash 5.2's default, globskipdots). Relative paths are looked
// up in base ("" for the process's directory) but returned relative.
//
// With globstar (shopt), a component that is exactly ** matches any path
// of zero or more directories below (not entering symbolic links, nor
// names starting with '.' unless dotglob). With nocaseglob, letters match
// either case.
func glob(pattern, base string, f globFlags) []string {
	comps := strings.Split(pattern, "/")
	paths := []string{""} // "" is the current directory
	start := 0
	if k := slices.IndexFunc(comps, hasMeta); k > 0 {
		// The directories before the first pattern are taken as
		// written, doubled slashes and all (bash: a//* gives a//b); after
		// a pattern, a run of slashes is one.
		prefix := unescapePattern(strings.Join(comps[:k], "/")) + "/"
		if !isDir(inDir(base, prefix)) {
			return nil
		}
		paths, start = []string{prefix}, k
	}
	for i := start; i < len(comps); i++ {
		comp := comps[i]
		last := i == len(comps)-1
		var next []string
		if f.star && comp == "**" {
			// bash writes a literal directory before a final ** with its
			// slash ("x/**" gives x/ first), a matched one without.
			literal := !slices.ContainsFunc(comps[:i], hasMeta)
			for _, dir := range paths {
				next = append(next, globTree(dir, base, f.dot, last, literal)...)
			}
		} else {
			for _, dir := range paths {
				next = append(next, globComponent(dir, comp, last, base, f)...)
			}
		}
		if len(next) == 0 {
			return nil
		}
		paths = slices.Compact(next)
	}
	sort.Strings(paths)
	return slices.Compact(paths)
}

// globFlags are the shopt options one pathname expansion obeys.
type globFlags struct {
	dot, star, nocase bool
}

// globTree is globstar's **: dir itself and every directory below it (for
// the last component, every file too), depth first.
func globTree(dir, base string, dotglob, last, literal bool) []string {
	out := []string{dir}
	switch {
	case last && dir == "":
		out = nil // "**" alone lists what is below, not "" itself
	case last && literal && !strings.HasSuffix(dir, "/"):
		out = []string{dir + "/"}
	}
	var walk func(d string)
	walk = func(d string) {
		from := inDir(base, d)
		if from == "" {
			from = "."
		}
		entries, err := os.ReadDir(from)
		if err != nil {
			return
		}
		for _, e := range entries {
			name := e.Name()
			if name[0] == '.' && (!dotglob || name == "." || name == "..") {
				continue
			}
			path := joinPath(d, name)
			if e.IsDir() {
				out = append(out, path)
				walk(path)
			} else if last {
				out = append(out, path)
			}
		}
	}
	walk(dir)
	return out
}

// globComponent matches one pattern component in directory dir, giving
// the matching paths. Unless it is the last component, only directories
// can continue the path.
func globComponent(dir, comp string, last bool, base string, f globFlags) []string {
	dotglob := f.dot
	if comp == "" {
		// A trailing or doubled '/': the path so far must be a directory;
		// more slashes after the first add nothing.
		if dir != "" && isDir(inDir(base, dir)) {
			if strings.HasSuffix(dir, "/") {
				return []string{dir}
			}
			return []string{dir + "/"}
		}
		return nil
	}
	if !hasMeta(comp) {
		path := joinPath(dir, unescapePattern(comp))
		if _, err := os.Lstat(inDir(base, path)); err != nil {
			return nil
		}
		return []string{path}
	}
	readFrom := inDir(base, dir)
	if readFrom == "" {
		readFrom = "."
	}
	entries, err := os.ReadDir(readFrom)
	if err != nil {
		return nil
	}
	dotOK := leadingDot(comp)
	var out []string
	for _, e := range entries {
		name := e.Name()
		if name[0] == '.' && !dotOK && (!dotglob || name == "." || name == "..") {
			continue
		}
		if !matchPattern(comp, name) && !(f.nocase && matchPatternFold(comp, name)) {
			continue
		}
		path := joinPath(dir, name)
		if !last && !e.IsDir() && !(e.Type()&os.ModeSymlink != 0 && isDir(inDir(base, path))) {
			continue
		}
		out = append(out, path)
	}
	return out
}

// matchPatternFold is matchPattern with letters matching either case
// (nocaseglob, nocasematch).
func matchPatternFold(pattern, name string) bool {
	if strings.IndexByte(pattern, '(') >= 0 && hasExtGroup(pattern) {
		return extProgram(pattern, true).matches(name)
	}
	return matchPattern(foldPattern(pattern), strings.ToLower(name))
}

// foldPattern lowers the case of a pattern's letters for nocaseglob,
// leaving the names of character classes ([[:upper:]]) as they are.
func foldPattern(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if strings.HasPrefix(p[i:], "[:") {
			if j := strings.Index(p[i+2:], ":]"); j >= 0 {
				b.WriteString(p[i : i+2+j+2])
				i += 2 + j + 1
				continue
			}
		}
		b.WriteString(strings.ToLower(p[i : i+1]))
	}
	return b.String()
}

// inDir is where a path the glob built lies: under base when it is
// relative ("" is base itself).
func inDir(base, path string) string {
	switch {
	case base == "" || strings.HasPrefix(path, "/"):
		return path
	case path == "":
		return base
	}
	return joinPath(base, path)
}

func joinPath(dir, name string) string {
	if dir == "" || strings.HasSuffix(dir, "/") {
		return dir + name
	}
	return dir + "/" + name
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// hasMeta reports whether a pattern has an unescaped * ? or [, or an
// extended group.
func hasMeta(pattern string) bool {
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '\\':
			i++
		case '*', '?', '[':
			return true
		}
	}
	return hasExtGroup(pattern)
}

// unescapePattern removes the backslashes of a pattern without metacharacters.
func unescapePattern(pattern string) string {
	if !strings.Contains(pattern, `\`) {
		return pattern
	}
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		if pattern[i] == '\\' && i+1 < len(pattern) {
			i++
		}
		b.WriteByte(pattern[i])
	}
	return b.String()
}

// matchPattern reports whether name matches pattern as a whole. Matching
// is by characters (UTF-8), so ? matches one character, not one byte.
// A pattern with an extended group runs as an automaton (extglob.go);
// others here: a '*' remembers where it was; on a mismatch later, the
// match resumes from there with the '*' taking one more character.
func matchPattern(pattern, name string) bool {
	if strings.IndexByte(pattern, '(') >= 0 && hasExtGroup(pattern) {
		return extProgram(pattern, false).matches(name)
	}
	p, s := 0, 0
	starP, starS := -1, -1
	for p < len(pattern) || s < len(name) {
		if p < len(pattern) && pattern[p] == '*' {
			p++
			starP, starS = p, s
			continue
		}
		if p < len(pattern) && s < len(name) {
			if pn, sn, ok := matchOne(pattern[p:], name[s:]); ok {
				p += pn
				s += sn
				continue
			}
		}
		if starP < 0 || starS >= len(name) {
			return false
		}
		// Let the last '*' swallow one more character and try again.
		_, n := utf8.DecodeRuneInString(name[starS:])
		starS += n
		p, s = starP, starS
	}
	return true
}

// matchOne matches the first element of pattern (not '*') against the first
// character of name. It returns how many bytes of each it used.
func matchOne(pattern, name string) (pn, sn int, ok bool) {
	r, sn := utf8.DecodeRuneInString(name)
	switch pattern[0] {
	case '?':
		return 1, sn, true
	case '[':
		if matched, width, valid := matchBracket(pattern, r); valid {
			return width, sn, matched
		}
		// No closing ']': the '[' is an ordinary character.
	case '\\':
		if len(pattern) > 1 {
			pr, n := utf8.DecodeRuneInString(pattern[1:])
			return 1 + n, sn, pr == r
		}
	}
	pr, n := utf8.DecodeRuneInString(pattern)
	return n, sn, pr == r
}

// matchBracket matches a bracket expression at the start of pattern against
// r. width is the length of the expression; valid is false when it has no
// closing ']'. A ']' right after '[' (or '[!') is a member, not the end.
func matchBracket(pattern string, r rune) (matched bool, width int, valid bool) {
	i := 1
	negate := false
	if i < len(pattern) && (pattern[i] == '!' || pattern[i] == '^') {
		negate = true
		i++
	}
	for first := true; ; first = false {
		if i >= len(pattern) {
			return false, 0, false
		}
		if pattern[i] == ']' && !first {
			return matched != negate, i + 1, true
		}
		if strings.HasPrefix(pattern[i:], "[:") {
			if end := strings.Index(pattern[i+2:], ":]"); end >= 0 {
				class := pattern[i+2 : i+2+end]
				if inClass(class, r) {
					matched = true
				}
				i += 2 + end + 2
				continue
			}
		}
		lo, n := bracketChar(pattern[i:])
		i += n
		hi := lo
		if i+1 < len(pattern) && pattern[i] == '-' && pattern[i+1] != ']' {
			hi, n = bracketChar(pattern[i+1:])
			i += 1 + n
		}
		if lo <= r && r <= hi {
			matched = true
		}
	}
}

// bracketChar reads one element inside brackets: a possibly escaped
// character, or a collating symbol [.c.] or an equivalence class [=c=]
// of one character, which stand for that character (POSIX: [[.-.]] is
// '-', and [[.].]] is ']', as in bash). A symbol of more characters
// matches nothing here (-1).
func bracketChar(s string) (rune, int) {
	if s[0] == '\\' && len(s) > 1 {
		r, n := utf8.DecodeRuneInString(s[1:])
		return r, 1 + n
	}
	if len(s) > 2 && s[0] == '[' && (s[1] == '.' || s[1] == '=') {
		if end := strings.Index(s[2:], s[1:2]+"]"); end > 0 {
			name := s[2 : 2+end]
			r, n := utf8.DecodeRuneInString(name)
			if n != len(name) {
				r = -1
			}
			return r, 2 + end + 2
		}
	}
	return utf8.DecodeRuneInString(s)
}

// inClass reports whether r is in the character class [:name:].
func inClass(name string, r rune) bool {
	switch name {
	case "alpha":
		return unicode.IsLetter(r)
	case "digit":
		return '0' <= r && r <= '9'
	case "alnum":
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	case "upper":
		return unicode.IsUpper(r)
	case "lower":
		return unicode.IsLower(r)
	case "space":
		return unicode.IsSpace(r)
	case "blank":
		return r == ' ' || r == '\t'
	case "punct":
		return unicode.IsPunct(r) || unicode.IsSymbol(r)
	case "xdigit":
		return ('0' <= r && r <= '9') || ('a' <= r && r <= 'f') || ('A' <= r && r <= 'F')
	case "cntrl":
		return unicode.IsControl(r)
	case "print":
		return unicode.IsPrint(r)
	case "graph":
		return unicode.IsGraphic(r) && !unicode.IsSpace(r)
	}
	return false
}

// globIgnore is $GLOBIGNORE split at colons (empty patterns dropped). When
// it is set and not empty, patterns also match names starting with '.'
// (but never . and ..), as in bash.
func (sh *Shell) globIgnore() []string {
	v, _ := sh.Vars.Get("GLOBIGNORE")
	if v == "" {
		return nil
	}
	return slices.DeleteFunc(strings.Split(v, ":"), func(p string) bool { return p == "" })
}
