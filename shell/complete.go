package shell

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gosh/builtins"
	"gosh/parser"
)

// This file is Tab completion. The parser's CompletionAt says what kind of
// word the cursor is in (a command name, an argument of which command, a
// $VARIABLE) and what it says so far with quotes and backslashes removed;
// the completer finds the names that continue it and writes the rest of
// the chosen name quoted the way the word is quoted: "my\ file" outside
// quotes, "my file" inside an open quote.
//
// The line editor inserts the text the completer returns at the cursor.
// With one name left, the completer returns its rest, then a space (or "/"
// after a directory); with several that share more letters than were
// typed, just those letters; otherwise all of them, which the editor lists
// under the line (a second Tab then cycles through them).

// completer implements readline.AutoCompleter.
type completer struct {
	sh *Shell
	// fix is the case of a file name that completion-ignore-case found
	// for the text typed, which the editor's listener puts in its place
	// once the completion is inserted (fixCase); nil when there is none.
	fix *caseFix
}

// caseFix replaces the text typed, from rune index at, with the name's
// own spelling.
type caseFix struct {
	at       int
	old, new []rune
}

// match is one name that continues the word being completed.
type match struct {
	rest  string // the unquoted text after what was typed
	dir   bool   // a directory: complete with "/", not a space
	final string // what ends the word when this is the only match
	head  string // completion-ignore-case: the name's own text for what was typed
	// literal: inserted as it is, not quoted (a name of a completion
	// specification that is not a file name, as readline inserts it);
	// whole: rest is a whole name that replaces the text typed.
	literal, whole bool
}

// jobCommands reports whether s is a builtin whose arguments are job specs.
func jobCommands(s string) bool {
	switch s {
	case "fg", "bg", "kill", "disown", "wait":
		return true
	}
	return false
}

// Do is called by the line editor on Tab, with the line and the cursor
// position (in runes). It returns the texts that may be inserted at the
// cursor, and how many runes before the cursor they continue (the editor
// shows those runes in front of each name when it lists them).
func (c *completer) Do(line []rune, pos int) ([][]rune, int) {
	c.fix = nil
	src := string(line[:pos])
	ctx := parser.CompletionAt(src)
	raw := src[ctx.Start:]
	var matches []match
	shown := raw // the part of the word shown in front of each listed name
	typed := raw // the text a whole match replaces
	switch {
	case ctx.Var:
		brace := strings.HasPrefix(raw, "${")
		shown = ctx.Prefix
		matches = c.variables(ctx.Prefix, brace, ctx.Quote)
		// Names need no quoting: insert them as they are.
		ctx.Quote = 0
	case ctx.CommandPos && raw == "" && c.sh.Opts.Shopt.NoEmptyCmdCompletion:
		// shopt no_empty_cmd_completion: nothing for an empty command word.
		return nil, 0
	case ctx.CommandPos && !strings.Contains(ctx.Prefix, "/"):
		matches = c.commands(ctx.Prefix)
	case c.hasSpec(c.specCommand(ctx.Command)) && !ctx.CommandPos:
		// complete -F/-W/... for this command (progcomp.go).
		ms, text, ok := c.programmable(src, ctx, c.specCommand(ctx.Command))
		if !ok {
			ms, text = c.files(ctx.Prefix, ctx.Command == "cd", false), raw
		}
		matches, typed, shown = ms, text, text
		if i := strings.LastIndexByte(text, '/'); i >= 0 && (len(ms) == 0 || !ms[0].literal) {
			shown = text[i+1:] // file names are listed without their directory
		}
	case jobCommands(ctx.Command) && (strings.HasPrefix(ctx.Prefix, "%") ||
		ctx.Prefix == "" && ctx.Command != "kill" && ctx.Command != "wait"):
		matches = c.jobs(ctx.Prefix)
	case strings.HasPrefix(ctx.Prefix, "~") && !strings.Contains(ctx.Prefix, "/"):
		matches = c.users(ctx.Prefix[1:])
	default:
		if ms, text, ok := c.hosts(src); ok {
			matches, shown = ms, text // shopt hostcomplete: user@host
			break
		}
		word := c.directoryPart(src, ctx.Start, ctx.Prefix, raw, ctx.Quote)
		matches = c.files(word, ctx.Command == "cd", ctx.CommandPos)
		if len(matches) == 0 && !ctx.CommandPos {
			// No file is named by the whole word: as readline, the text
			// after its last word break character ("--prefix=/us").
			if text := src[completionText(src, len(src), c.sh.wordBreaks()):]; len(text) < len(raw) {
				prefix, _ := parser.UnquotePartial(text)
				matches, raw = c.files(prefix, false, false), text
			}
		}
		if i := strings.LastIndexByte(raw, '/'); i >= 0 {
			shown = raw[i+1:]
		}
	}
	if len(matches) == 0 {
		c.fix = nil
		return nil, 0
	}
	// A word ending in a lone backslash: the next character is already
	// escaped, so the inserted text must not escape it again.
	dangling := ctx.Quote != '\'' && parser.EndsInBackslash(raw)
	if dangling && ctx.Quote == '"' {
		return nil, 0
	}
	q := quoter{open: ctx.Quote, wordStart: ctx.Prefix == "" && !ctx.Var, dangling: dangling}
	offset := utf8.RuneCountInString(shown)
	if c.fix == nil {
		c.fixCaseOf(matches, shown, pos)
	}

	if len(matches) == 1 {
		m := matches[0]
		if m.whole {
			// The text typed becomes the name, once the editor has
			// inserted what ends it (fixCase).
			name := q.insert(m)
			old := []rune(typed)
			c.fix = &caseFix{at: pos - len(old), old: old, new: []rune(name)}
			return [][]rune{[]rune(m.final)}, offset
		}
		text := q.insert(m)
		if m.dir {
			text += "/"
		} else {
			text += q.close() + m.final
		}
		return [][]rune{[]rune(text)}, offset
	}
	// show-all-if-ambiguous: all the names, which the editor lists after
	// inserting the part they share.
	if common := commonPrefix(matches); common != "" && !c.sh.Keymap().On("show-all-if-ambiguous") {
		if !matches[0].literal {
			common = q.quote(common)
		}
		return [][]rune{[]rune(common)}, offset
	}
	out := make([][]rune, 0, len(matches))
	for _, m := range matches {
		text := q.insert(m)
		if m.dir {
			text += "/"
		}
		out = append(out, []rune(text))
	}
	return out, offset
}

// directoryPart is the file name to complete for prefix (the word typed,
// without its quotes), whose directory part is found as bash's
// directory completion hook finds it: $NAME and ${NAME} in it are
// expanded (never a command substitution); with shopt direxpand, ~ too,
// and the word in the line is rewritten with the directory expanded; with
// shopt dirspell, a directory that does not exist is mended as cdspell
// mends cd's, and written mended. The rewrite is noted in c.fix for the
// editor, and made only in a word typed without quotes (raw is prefix).
func (c *completer) directoryPart(src string, start int, prefix, raw string, quote byte) string {
	i := strings.LastIndexByte(prefix, '/')
	if i < 0 {
		return prefix
	}
	typed, base := prefix[:i+1], prefix[i+1:]
	dir, ok := c.sh.expandDirVars(typed)
	if !ok {
		return prefix
	}
	opts := c.sh.Opts.Shopt
	rewrite := opts.Direxpand && dir != typed
	if opts.Direxpand && strings.HasPrefix(dir, "~") {
		name, rest, _ := strings.Cut(dir[1:], "/")
		if home, found := c.sh.tildeDir(name); found {
			dir, rewrite = strings.TrimSuffix(home, "/")+"/"+rest, true
		}
	}
	if opts.Dirspell && !strings.HasPrefix(dir, "~") && !isDir(inDir(c.sh.Getwd(), dir)) {
		if fixed, ok := builtins.SpellDir(c.sh.Getwd(), strings.TrimSuffix(dir, "/")); ok {
			dir, rewrite = fixed+"/", true
		}
	}
	if rewrite && quote == 0 && raw == prefix {
		c.fix = &caseFix{at: utf8.RuneCountInString(src[:start]), old: []rune(typed), new: []rune(quoter{wordStart: true}.quote(dir))}
	}
	return dir + base
}

// expandDirVars expands $NAME and ${NAME} in the directory part of a word
// being completed (an unset variable is empty). ok is false when it holds
// a command substitution or another expansion, which completion does not
// run.
func (sh *Shell) expandDirVars(s string) (string, bool) {
	if !strings.ContainsAny(s, "$`") {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '`':
			return "", false
		case s[i] != '$':
			b.WriteByte(s[i])
			continue
		}
		name := ""
		if i+1 < len(s) && s[i+1] == '{' {
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return "", false
			}
			name = s[i+2 : i+end]
			i += end
		} else {
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || j > i+1 && s[j] >= '0' && s[j] <= '9') {
				j++
			}
			name = s[i+1 : j]
			i = j - 1
		}
		if !parser.IsName(name) {
			return "", false
		}
		v, _ := sh.Vars.Get(name)
		b.WriteString(v)
	}
	return b.String(), true
}

// commands: builtins, aliases and the programs in $PATH whose names start
// with prefix.
func (c *completer) commands(prefix string) []match {
	seen := map[string]bool{}
	var names []string
	add := func(name string) {
		if strings.HasPrefix(name, prefix) && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	for _, b := range builtins.All() {
		add(b.Name)
	}
	for _, a := range c.sh.AliasNames() {
		add(a)
	}
	path, _ := c.sh.Vars.Get("PATH")
	for _, dir := range filepath.SplitList(path) {
		if dir == "" {
			dir = "."
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, ent := range entries {
			name := ent.Name()
			if !strings.HasPrefix(name, prefix) || seen[name] {
				continue
			}
			if st, err := os.Stat(filepath.Join(dir, name)); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
				add(name)
			}
		}
	}
	sort.Strings(names)
	out := make([]match, len(names))
	for i, n := range names {
		out[i] = match{rest: n[len(prefix):], final: " "}
	}
	return out
}

// completionDir splits a word being completed as a file name into the
// directory part as typed (dirPart, "" or ending in '/') and the name
// being typed (base), and finds the directory to list: ~ and ~user
// expanded, relative to the shell's directory. ok is false for an unknown
// user.
func (sh *Shell) completionDir(word string) (dirPart, base, dir string, ok bool) {
	dirPart, base = "", word
	if i := strings.LastIndexByte(word, '/'); i >= 0 {
		dirPart, base = word[:i+1], word[i+1:]
	}
	dir = dirPart
	if strings.HasPrefix(dir, "~") {
		name, rest, _ := strings.Cut(dir[1:], "/")
		home, found := sh.tildeDir(name)
		if !found {
			return "", "", "", false
		}
		dir = home + "/" + rest
	}
	if dir == "" {
		dir = "."
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(sh.Getwd(), dir)
	}
	return dirPart, base, dir, true
}

// files: the names in the directory that prefix names that continue it.
// With dirsOnly (after cd) only directories; with execOnly (a command
// name with a '/') only directories and executable files.
func (c *completer) files(prefix string, dirsOnly, execOnly bool) []match {
	_, base, dir, ok := c.sh.completionDir(prefix)
	if !ok {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	// bind's variables: completion-ignore-case, mark-directories,
	// mark-symlinked-directories (as readline: a directory gets "/" or,
	// unmarked, nothing after it; a link to one, when the variable is off,
	// nothing until a Tab after its whole name).
	keys := c.sh.Keymap()
	fold := keys.On("completion-ignore-case")
	markDirs, markLinks := keys.On("mark-directories"), keys.On("mark-symlinked-directories")
	suffixes := c.fignore()
	var out, ignored []match
	for _, ent := range entries {
		name := ent.Name()
		head, ok := startsWith(name, base, fold)
		if !ok || (name[0] == '.' && !strings.HasPrefix(base, ".")) {
			continue
		}
		skip := ignoredName(name, suffixes)
		if skip && !c.sh.Opts.Shopt.NoForceFignore {
			continue
		}
		st, err := os.Stat(filepath.Join(dir, name)) // follows symbolic links
		if err != nil {
			continue
		}
		isDir := st.IsDir()
		if dirsOnly && !isDir || execOnly && !isDir && st.Mode()&0o111 == 0 {
			continue
		}
		m := match{rest: name[len(head):], dir: isDir, final: " "}
		if head != base {
			m.head = head
		}
		// A link to a directory is marked only once it is typed whole
		// (readline: stat for a trivial match, lstat otherwise).
		if isDir && (ent.Type()&os.ModeSymlink != 0 && !markLinks && m.rest != "" || !markDirs) {
			m.dir, m.final = false, ""
		}
		if skip {
			ignored = append(ignored, m)
			continue
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		out = ignored // shopt -u force_fignore: $FIGNORE leaves none, so all stay
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rest < out[j].rest })
	return out
}

// fignore is $FIGNORE's list of suffixes, separated by ':': a file name
// that ends in one of them is left out of completion, as bash (unless
// that leaves none and shopt force_fignore is off).
func (c *completer) fignore() []string {
	v, _ := c.sh.getVar("FIGNORE")
	if v == "" {
		return nil
	}
	return strings.Split(v, ":")
}

// ignoredName reports whether name ends in one of the suffixes and is
// longer than it (bash: ".o" leaves out "a.o", not ".o").
func ignoredName(name string, suffixes []string) bool {
	for _, s := range suffixes {
		if s != "" && len(name) > len(s) && strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// users: ~name for the users in the password file whose names start with
// prefix.
func (c *completer) users(prefix string) []match {
	data, err := os.ReadFile("/etc/passwd")
	if err != nil {
		return nil
	}
	var out []match
	seen := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		name, _, _ := strings.Cut(line, ":")
		if name != "" && strings.HasPrefix(name, prefix) && !seen[name] {
			seen[name] = true
			out = append(out, match{rest: name[len(prefix):], dir: true})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rest < out[j].rest })
	return out
}

// hosts: with shopt hostcomplete, a text that starts with '@' (readline's
// completion word: what follows the last word break character, '@' kept;
// so "ssh user@lo" and "@lo" both) completes as @ and a host name of
// $HOSTFILE or /etc/hosts (hostNames), as bash; text is the text typed.
// ok is false when there is no such text or no host name continues it:
// the word is completed as a file name then.
func (c *completer) hosts(src string) (ms []match, text string, ok bool) {
	sh := c.sh
	breaks := sh.wordBreaks()
	if sh.Opts.Shopt.NoHostcomplete || !strings.Contains(breaks, "@") {
		return nil, "", false
	}
	text = src[completionText(src, len(src), breaks):]
	host, isHost := strings.CutPrefix(text, "@")
	if !isHost || strings.ContainsAny(host, "/\\") {
		return nil, "", false
	}
	names := sh.hostNames()
	sort.Strings(names)
	for _, n := range slices.Compact(names) {
		if rest, continues := strings.CutPrefix(n, host); continues {
			ms = append(ms, match{rest: rest, final: " ", literal: true})
		}
	}
	return ms, text, len(ms) > 0
}

// variables: the shell variables whose names start with prefix.
func (c *completer) variables(prefix string, brace bool, quote byte) []match {
	final := " "
	switch {
	case brace:
		final = "}"
	case quote != 0:
		final = ""
	}
	var out []match
	for _, name := range c.sh.VarNames() {
		if strings.HasPrefix(name, prefix) {
			out = append(out, match{rest: name[len(prefix):], final: final})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].rest < out[j].rest })
	return out
}

// jobs: job specs %N and %name (the job's command name) that start with
// prefix.
func (c *completer) jobs(prefix string) []match {
	var out []match
	seen := map[string]bool{}
	add := func(spec string) {
		if strings.HasPrefix(spec, prefix) && !seen[spec] {
			seen[spec] = true
			out = append(out, match{rest: spec[len(prefix):], final: " "})
		}
	}
	for _, j := range c.sh.Jobs.Jobs() {
		add("%" + strconv.Itoa(j.ID()))
	}
	for _, j := range c.sh.Jobs.Jobs() {
		if name, _, _ := strings.Cut(strings.TrimSpace(j.Text()), " "); name != "" {
			add("%" + name)
		}
	}
	return out
}

// commonPrefix is the longest text every match's rest starts with, cut at
// a character boundary.
func commonPrefix(ms []match) string {
	p := ms[0].rest
	for _, m := range ms[1:] {
		i := 0
		for i < len(p) && i < len(m.rest) && p[i] == m.rest[i] {
			i++
		}
		p = p[:i]
	}
	for len(p) > 0 && !utf8.ValidString(p) {
		p = p[:len(p)-1]
	}
	return p
}

// quoter writes completed text so that it means itself in the word being
// completed.
type quoter struct {
	open      byte // the quote open at the cursor: 0, '\'' or '"'
	wordStart bool // the text starts the word (where ~ and # are special)
	dangling  bool // the word ends in a backslash that escapes our first byte
}

// shellSpecial are the characters a backslash must protect outside quotes.
const shellSpecial = " \t\n\"'\\$`|&;<>()*?[]!{}"

func (q quoter) quote(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch q.open {
		case '\'':
			if ch == '\'' {
				b.WriteString(`'\''`)
				continue
			}
		case '"':
			if strings.IndexByte("\"\\$`", ch) >= 0 {
				b.WriteByte('\\')
			}
		default:
			if strings.IndexByte(shellSpecial, ch) >= 0 || i == 0 && q.wordStart && (ch == '~' || ch == '#') {
				if !(i == 0 && q.dangling) {
					b.WriteByte('\\')
				}
			}
		}
		b.WriteByte(ch)
	}
	return b.String()
}

// insert is the text that m puts in the line: its rest quoted for the
// word, or as it is when it is literal (a specification's name that is
// not a file name).
func (q quoter) insert(m match) string {
	if m.literal {
		return m.rest
	}
	return q.quote(m.rest)
}

// close is the quote that ends the word.
func (q quoter) close() string {
	if q.open == 0 {
		return ""
	}
	return string(q.open)
}

// startsWith reports whether name starts with base, in any case when fold
// is set; head is name's own text for base.
func startsWith(name, base string, fold bool) (head string, ok bool) {
	if strings.HasPrefix(name, base) {
		return base, true
	}
	if !fold || len(name) < len(base) || !strings.EqualFold(name[:len(base)], base) {
		return "", false
	}
	return name[:len(base)], true
}

// fixCaseOf notes the case fix for matches whose names spell the text
// typed (shown, just before the cursor at pos) in another case: when they
// all spell it the same way, and the text typed is the name as it is (no
// quoting in it).
func (c *completer) fixCaseOf(ms []match, shown string, pos int) {
	head := ms[0].head
	if head == "" {
		return
	}
	for _, m := range ms[1:] {
		if m.head != head {
			return
		}
	}
	if !strings.EqualFold(shown, head) || len(shown) != len(head) {
		return
	}
	old := []rune(shown)
	c.fix = &caseFix{at: pos - len(old), old: old, new: []rune(head)}
}

// fixCase puts the case fix in the line after the editor inserted a
// completion: the text typed becomes the name's own spelling.
func (c *completer) fixCase(line []rune, pos int) ([]rune, int, bool) {
	f := c.fix
	c.fix = nil
	if f == nil || f.at < 0 || f.at+len(f.old) > len(line) || string(line[f.at:f.at+len(f.old)]) != string(f.old) {
		return nil, 0, false
	}
	out := append(append(append([]rune{}, line[:f.at]...), f.new...), line[f.at+len(f.old):]...)
	return out, pos + len(f.new) - len(f.old), true
}
