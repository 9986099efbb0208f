package shell

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"gosh/builtins"
	"gosh/jobs"
	"gosh/parser"
)

// This file is programmable completion: the specifications that the
// complete builtin stores for a command, what compgen (and Tab, for that
// command's arguments) generates from one, and running a -F function with
// COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT set.

// CompSpec implements builtins.CompleteShell.
func (sh *Shell) CompSpec(name string) (*builtins.CompSpec, bool) {
	s, ok := sh.compSpecs[name]
	return s, ok
}

// CurrentCompSpec implements builtins.CompOptShell: the specification of
// the completion whose function runs now, or nil.
func (sh *Shell) CurrentCompSpec() *builtins.CompSpec { return sh.hot().compSpec }

// SetCompSpec implements builtins.CompleteShell. The table is copied on
// each change, so that a copy of the shell (a subshell) that shares it
// never changes its parent's.
func (sh *Shell) SetCompSpec(name string, spec *builtins.CompSpec) {
	m := make(map[string]*builtins.CompSpec, len(sh.compSpecs)+1)
	for k, v := range sh.compSpecs {
		m[k] = v
	}
	m[name] = spec
	sh.compSpecs = m
}

// RemoveCompSpec implements builtins.CompleteShell.
func (sh *Shell) RemoveCompSpec(name string) bool {
	if _, ok := sh.compSpecs[name]; !ok {
		return false
	}
	m := make(map[string]*builtins.CompSpec, len(sh.compSpecs))
	for k, v := range sh.compSpecs {
		if k != name {
			m[k] = v
		}
	}
	sh.compSpecs = m
	return true
}

// CompSpecNames implements builtins.CompleteShell: sorted.
func (sh *Shell) CompSpecNames() []string {
	names := make([]string, 0, len(sh.compSpecs))
	for k := range sh.compSpecs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// compWords is the command line around the word being completed: what a
// -F function sees in COMP_WORDS and friends.
type compWords struct {
	cmd   string   // $1: the command
	cur   string   // $2: the text completed, as typed (readline's word: after the last break character)
	prev  string   // $3: the word before the one completed
	words []string // COMP_WORDS
	cword int      // COMP_CWORD
	line  string   // COMP_LINE
	point int      // COMP_POINT
}

// CompGen implements builtins.CompleteShell (compgen).
func (sh *Shell) CompGen(spec *builtins.CompSpec, word string, io builtins.IO) ([]string, error) {
	var out []string
	err := func() error {
		_, err := sh.withIO(io, func() (int, error) {
			var err error
			// Away from a command line, a -F function sees no words:
			// COMP_WORDS=() COMP_CWORD=-1 COMP_LINE= COMP_POINT=0, as bash.
			out, err = sh.compGen(spec, word, compWords{cmd: "compgen", cur: word, cword: -1})
			return 0, err
		})
		return err
	}()
	return out, err
}

// compGen generates the matches of spec for word: the actions' names,
// the glob's files, the word list's words, the function's COMPREPLY and
// the command's lines; then the filter, the directory options, the
// prefix and the suffix.
func (sh *Shell) compGen(spec *builtins.CompSpec, word string, cw compWords) ([]string, error) {
	var out []string
	for _, a := range spec.Actions {
		names, err := sh.compAction(a, word)
		if err != nil {
			return nil, err
		}
		out = append(out, names...)
	}
	if spec.Glob != "" {
		pattern := spec.Glob
		matches := glob(pattern, sh.Getwd(), globFlags{dot: sh.Opts.Dotglob})
		out = append(out, matches...)
	}
	if spec.Wordlist != "" {
		words, err := sh.compExpandWords(spec.Wordlist)
		if err != nil {
			return nil, err
		}
		for _, w := range words {
			if strings.HasPrefix(w, word) {
				out = append(out, w)
			}
		}
	}
	if spec.Function != "" {
		reply, err := sh.compFunction(spec.Function, cw)
		if err != nil {
			return nil, err
		}
		out = append(out, reply...)
	}
	if spec.Command != "" {
		lines, err := sh.compCommand(spec.Command, cw)
		if err != nil {
			return nil, err
		}
		out = append(out, lines...)
	}
	if spec.Filter != "" {
		out = compFilter(out, spec.Filter, word, sh.Opts.Shopt.Extglob)
	}
	has := func(o string) bool { return slices.Contains(spec.Options, o) }
	if has("plusdirs") || len(out) == 0 && has("dirnames") {
		dirs, _ := sh.compAction("directory", word)
		out = append(out, dirs...)
	}
	if len(out) == 0 && has("default") {
		files, _ := sh.compAction("file", word)
		out = append(out, files...)
	}
	if spec.Prefix != "" || spec.Suffix != "" {
		for i := range out {
			out[i] = spec.Prefix + out[i] + spec.Suffix
		}
	}
	return out, nil
}

// compFilter removes the names that pattern matches (-X); with a leading
// '!', it keeps only those. An unescaped '&' in pattern stands for word.
// ext says whether extended patterns count (shopt extglob).
func compFilter(names []string, pattern, word string, ext bool) []string {
	keep := false
	if strings.HasPrefix(pattern, "!") && !(ext && strings.HasPrefix(pattern, "!(")) {
		// With extglob, !(...) is a pattern (bash does the same).
		keep, pattern = true, pattern[1:]
	}
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		switch {
		case pattern[i] == '\\' && i+1 < len(pattern):
			b.WriteString(pattern[i : i+2])
			i++
		case pattern[i] == '&':
			b.WriteString(word)
		default:
			b.WriteByte(pattern[i])
		}
	}
	pattern = b.String()
	if !ext {
		pattern = plainPattern(pattern)
	}
	var out []string
	for _, n := range names {
		if matchPattern(pattern, n) == keep {
			out = append(out, n)
		}
	}
	return out
}

// compShellKeywords are the reserved words (compgen -k), in bash's order.
var compShellKeywords = []string{"if", "then", "else", "elif", "fi", "case", "esac", "for", "select",
	"while", "until", "do", "done", "in", "function", "time", "{", "}", "!", "[[", "]]", "coproc"}

// compAction lists the names of one -A action that start with word.
func (sh *Shell) compAction(action, word string) ([]string, error) {
	c := &completer{sh: sh}
	var names []string
	fromMatches := func(ms []match) {
		for _, m := range ms {
			names = append(names, word+m.rest)
		}
	}
	filtered := func(list []string) {
		for _, n := range list {
			if strings.HasPrefix(n, word) {
				names = append(names, n)
			}
		}
	}
	switch action {
	case "alias":
		filtered(sh.AliasNames())
	case "arrayvar":
		for _, n := range sh.VarNames() {
			if idx, assoc := sh.ArrayKind(n); (idx || assoc) && strings.HasPrefix(n, word) {
				names = append(names, n)
			}
		}
	case "builtin", "enabled", "disabled", "helptopic":
		// -A enabled and -A disabled split the builtins by enable -n.
		for _, b := range builtins.All() {
			if off := sh.BuiltinDisabled(b.Name); strings.HasPrefix(b.Name, word) && (off || action != "disabled") && (!off || action != "enabled") {
				names = append(names, b.Name)
			}
		}
	case "command":
		seen := map[string]bool{}
		for _, m := range c.commands(word) {
			seen[word+m.rest] = true
		}
		for _, n := range append(sh.FuncNames(), compShellKeywords...) {
			if strings.HasPrefix(n, word) && !seen[n] {
				seen[n] = true
			}
		}
		for n := range seen {
			names = append(names, n)
		}
		sort.Strings(names)
	case "directory":
		names = sh.compFiles(word, true)
	case "file":
		names = sh.compFiles(word, false)
	case "function":
		filtered(sh.FuncNames())
	case "export":
		for _, n := range sh.VarNames() {
			if sh.IsExported(n) && strings.HasPrefix(n, word) {
				names = append(names, n)
			}
		}
	case "variable":
		filtered(sh.VarNames())
	case "keyword":
		filtered(compShellKeywords)
	case "user":
		fromMatches(c.users(word))
	case "group":
		filtered(namesInFile("/etc/group", ":"))
	case "hostname":
		filtered(sh.hostNames())
	case "service":
		filtered(serviceNames())
	case "setopt":
		filtered(sh.OptionNames())
	case "shopt":
		filtered(sh.ShoptNames())
	case "signal":
		for s := 1; s < 65; s++ {
			if n := jobs.SignalName(syscall.Signal(s)); strings.HasPrefix(n, word) && !strings.HasPrefix(n, "SIG"+strconv.Itoa(s)) {
				names = append(names, n)
			}
		}
	case "job", "running", "stopped":
		for _, j := range sh.Jobs.Jobs() {
			if action == "running" && j.State() != jobs.Running || action == "stopped" && j.State() != jobs.Stopped {
				continue
			}
			if n, _, _ := strings.Cut(strings.TrimSpace(j.Text()), " "); n != "" && strings.HasPrefix(n, word) {
				names = append(names, n)
			}
		}
	default:
		return nil, errors.New(action + ": invalid action name")
	}
	return names, nil
}

// namesInFile is the first field of each line of a file like /etc/group.
func namesInFile(path, sep string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		if n, _, _ := strings.Cut(line, sep); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// hostNames are the host names of the file $HOSTFILE names (a shell
// variable, exported or not; relative to the shell's directory), else of
// /etc/hosts, as bash: every field of a line after the address, up to a
// '#'. compgen -A hostname and a word after '@' at the prompt (shopt
// hostcomplete, complete.go) use them.
func (sh *Shell) hostNames() []string {
	path := "/etc/hosts"
	if f, _ := sh.getVar("HOSTFILE"); f != "" {
		path = f
		if !filepath.IsAbs(f) {
			path = filepath.Join(sh.Getwd(), f)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		f := strings.Fields(line)
		if len(f) > 1 {
			out = append(out, f[1:]...)
		}
	}
	return out
}

// serviceNames are the names in /etc/services.
func serviceNames() []string {
	var out []string
	for _, line := range namesInFile("/etc/services", "\t") {
		out = append(out, strings.Fields(line)[0])
	}
	return out
}

// compVarOut is the variable compgen's helpers leave their result in for a
// moment; it is unset afterwards.
const compVarOut = "__gosh_compgen"

// compExpandWords splits and expands a -W word list as bash does: the
// list is split at IFS characters outside quotes and expansions, then
// each word is expanded on its own (every expansion but pathname
// expansion: an unquoted $(...) may give several words). The list is
// never run as shell text: a word such as "(b" or "x);rm y;(" is only a
// word.
func (sh *Shell) compExpandWords(list string) ([]string, error) {
	noglob := sh.Opts.Noglob
	sh.Opts.Noglob = true
	defer func() { sh.Opts.Noglob = noglob }()
	var words []string
	for _, text := range splitWordList(list, sh.ifs()) {
		w, ok := parseOneWord(text)
		if !ok {
			words = append(words, text)
			continue
		}
		fields, err := sh.expandFields([]*parser.Word{w})
		if err != nil {
			return nil, err
		}
		words = append(words, fields...)
	}
	return words, nil
}

// splitWordList splits s at the characters of ifs that stand outside
// quotes, backslash escapes and $( ), ${ } and backquote expansions, as
// bash's split_at_delims does for compgen -W. Whitespace runs make one
// break; empty words are dropped.
func splitWordList(s, ifs string) []string {
	var words []string
	var cur strings.Builder
	scanWordText(s, func(i int, bare bool) {
		if bare && strings.IndexByte(ifs, s[i]) >= 0 {
			if cur.Len() > 0 {
				words = append(words, cur.String())
				cur.Reset()
			}
			return
		}
		cur.WriteByte(s[i])
	})
	if cur.Len() > 0 {
		words = append(words, cur.String())
	}
	return words
}

// scanWordText walks the bytes of a shell word's text, telling for each
// whether it stands bare: outside quotes, backslash escapes and $( ),
// ${ } and backquote expansions. It returns the quote left open at the
// end, or 0.
func scanWordText(s string, each func(i int, bare bool)) (open byte) {
	depth := 0 // nesting of $( and ${
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		bare := false
		switch {
		case c == '\\' && quote != '\'' && i+1 < len(s):
			each(i, false)
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' && depth == 0, c == '"', c == '`':
			quote = c
		case c == '$' && i+1 < len(s) && (s[i+1] == '(' || s[i+1] == '{'):
			depth++
			each(i, false)
			i++
		case depth > 0 && (c == '(' || c == '{'):
			depth++
		case depth > 0 && (c == ')' || c == '}'):
			depth--
		default:
			bare = depth == 0
		}
		each(i, bare)
	}
	return quote
}

// parseOneWord parses text as one shell word, with the characters that
// would end a word or start a command outside quotes (( ) ; & | < >, and
// blanks) taken literally, as in a word bash's compgen -W split out. ok
// is false when text is not a word (an unclosed expansion).
func parseOneWord(text string) (*parser.Word, bool) {
	var src strings.Builder
	src.WriteString(": ")
	open := scanWordText(text, func(i int, bare bool) {
		if bare && strings.IndexByte("()&;|<> \t\n#", text[i]) >= 0 {
			src.WriteByte('\\')
		}
		src.WriteByte(text[i])
	})
	if open != 0 {
		src.WriteByte(open) // bash reads an open quote to the end of the word
	}
	f, err := parser.Parse(src.String())
	if err != nil || f.List == nil || len(f.List.Items) != 1 {
		return nil, false
	}
	ao := f.List.Items[0].AndOr
	if ao == nil || len(ao.Rest) != 0 || ao.First == nil || len(ao.First.Cmds) != 1 {
		return nil, false
	}
	sc, ok := ao.First.Cmds[0].(*parser.SimpleCommand)
	if !ok || len(sc.Args) != 2 || len(sc.Assigns) != 0 || len(sc.Redirs) != 0 {
		return nil, false
	}
	return sc.Args[1], true
}

// compFunction runs a -F function with $1 the command, $2 the word and $3
// the word before it, and COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT
// set; the words it puts in COMPREPLY are the matches.
func (sh *Shell) compFunction(name string, cw compWords) ([]string, error) {
	if _, ok := sh.funcs[name]; !ok {
		return nil, errors.New(name + ": function not found")
	}
	sh.SetArray("COMP_WORDS", cw.words)
	sh.Vars.Set("COMP_CWORD", strconv.Itoa(cw.cword))
	sh.Vars.Set("COMP_LINE", cw.line)
	sh.Vars.Set("COMP_POINT", strconv.Itoa(cw.point))
	sh.SetArray("COMPREPLY", nil)
	if _, err := sh.RunString(name + " " + compArgs(cw)); err != nil {
		return nil, err
	}
	reply, _ := sh.GetArray("COMPREPLY")
	for _, v := range []string{"COMP_WORDS", "COMP_CWORD", "COMP_LINE", "COMP_POINT"} {
		sh.Vars.Unset(v)
	}
	return reply, nil
}

// compCommand runs a -C command with the same three arguments; each line
// it prints is a match.
func (sh *Shell) compCommand(command string, cw compWords) ([]string, error) {
	sh.Vars.Set("COMP_LINE", cw.line)
	sh.Vars.Set("COMP_POINT", strconv.Itoa(cw.point))
	if _, err := sh.RunString(compVarOut + "=$(" + command + " " + compArgs(cw) + ")"); err != nil {
		return nil, err
	}
	text, _ := sh.Vars.Get(compVarOut)
	sh.Vars.Unset(compVarOut)
	sh.Vars.Unset("COMP_LINE")
	sh.Vars.Unset("COMP_POINT")
	if text == "" {
		return nil, nil
	}
	return strings.Split(text, "\n"), nil
}

// compArgs are a completion function's arguments, quoted: the command
// name, the word being completed and the word before it.
func compArgs(cw compWords) string {
	word := cw.cur
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
	return q(cw.cmd) + " " + q(word) + " " + q(cw.prev)
}

// programmable is Tab completion of an argument of a command that has a
// completion specification (its own, or complete -D's). ok is false when
// there is none (or shopt progcomp is off), or when it found nothing and
// says -o default or bashdefault: the usual completion then runs.
//
// The line is cut as bash cuts it (compwords.go): COMP_LINE is the
// command the cursor is in, COMP_WORDS its words cut at $COMP_WORDBREAKS,
// and the text completed, $2, what follows the last break character
// ("one" in "--pretty=one"). text is that text as typed. The names the
// specification gives are inserted as they are, or quoted as file names
// under -o filenames or a file or directory action, as readline does. A
// name that does not continue the text replaces it when it is the only
// one (a -F function may answer anything).
func (c *completer) programmable(src string, ctx parser.CompletionContext, command string) (ms []match, text string, ok bool) {
	sh := c.sh
	if sh.Opts.Shopt.NoProgcomp {
		return nil, "", false // shopt -u progcomp: the specifications are not used
	}
	spec, found := sh.compSpecs[command]
	if !found {
		spec, found = sh.compSpecs["-D"]
	}
	if !found {
		return nil, "", false
	}
	line := src[min(ctx.CmdStart, len(src)):]
	breaks := sh.wordBreaks()
	words, cword := compLineWords(line, len(line), breaks)
	text = line[completionText(line, len(line), breaks):]
	word, _ := parser.UnquotePartial(text)
	cw := compWords{cmd: command, cur: text, words: words, cword: cword, line: line, point: len(line)}
	if cword > 0 {
		cw.prev = words[cword-1]
	}
	// compopt in the -F function changes this completion's options only.
	cur := *spec
	cur.Options = slices.Clone(spec.Options)
	spec = &cur
	h := sh.hot()
	saved := h.compSpec
	h.compSpec = spec
	names, err := sh.compGen(spec, word, cw)
	h.compSpec = saved
	if err != nil {
		sh.errorf("%v", err)
		return nil, text, true
	}
	if len(names) == 0 && (slices.Contains(spec.Options, "default") || slices.Contains(spec.Options, "bashdefault")) {
		return nil, text, false
	}
	final := " "
	if slices.Contains(spec.Options, "nospace") {
		final = ""
	}
	files := slices.Contains(spec.Options, "filenames") || slices.Contains(spec.Actions, "directory") || slices.Contains(spec.Actions, "file")
	sort.Strings(names)
	names = slices.Compact(names)
	if whole, ok := replacingName(names, word); ok {
		// Names that do not all continue the text: their common
		// beginning replaces it, as readline does (the whole name when
		// there is one; no space after a part of several).
		if len(names) > 1 {
			final = ""
		}
		return []match{{rest: whole, whole: true, final: final, literal: !files}}, text, true
	}
	for _, n := range names {
		rest, continues := strings.CutPrefix(n, word)
		if !continues {
			continue // the editor lists only the names that continue it
		}
		m := match{rest: rest, final: final, literal: !files}
		if files {
			m.dir = isDirPath(sh, n)
		}
		ms = append(ms, m)
	}
	return ms, text, true
}

// replacingName is what replaces the text typed, word, when some of the
// names a specification gave do not continue it: the name, or the part
// all of them begin with. ok is false when every name continues word,
// or when they share no beginning longer than nothing.
func replacingName(names []string, word string) (string, bool) {
	if len(names) == 0 || !slices.ContainsFunc(names, func(n string) bool { return !strings.HasPrefix(n, word) }) {
		return "", false
	}
	common := names[0]
	for _, n := range names[1:] {
		i := 0
		for i < len(common) && i < len(n) && common[i] == n[i] {
			i++
		}
		common = common[:i]
	}
	return common, common != ""
}

// isDirPath reports whether name, relative to the shell's directory, is a
// directory.
func isDirPath(sh *Shell, name string) bool {
	if !filepath.IsAbs(name) {
		name = filepath.Join(sh.Getwd(), name)
	}
	st, err := os.Stat(name)
	return err == nil && st.IsDir()
}

// hasSpec reports whether Tab completes command's arguments from a
// completion specification.
// specCommand is the command whose specification completes the words of
// command: itself, or under shopt progcomp_alias, when it has none of
// its own and is an alias, the first word of the alias's value (again,
// for an alias of an alias), as bash.
func (c *completer) specCommand(command string) string {
	sh := c.sh
	if !sh.Opts.Shopt.ProgcompAlias {
		return command
	}
	name := command
	for range 16 { // an alias loop ends somewhere
		if _, own := sh.compSpecs[name]; own {
			return name
		}
		value, ok := sh.Aliases[name]
		if !ok {
			break
		}
		first := strings.Fields(value)
		if len(first) == 0 || first[0] == name {
			break
		}
		name = first[0]
	}
	return command
}

func (c *completer) hasSpec(command string) bool {
	if command == "" {
		return false
	}
	_, own := c.sh.compSpecs[command]
	_, def := c.sh.compSpecs["-D"]
	return own || def
}

// compTable holds the complete builtin's specifications by command name.
type compTable = map[string]*builtins.CompSpec

// compFiles are the file names (only directories with dirsOnly) that start
// with word, as readline lists them for compgen -f and -d: names starting
// with '.' too, and . and .. when word starts with a dot.
func (sh *Shell) compFiles(word string, dirsOnly bool) []string {
	dirPart, base, dir, ok := sh.completionDir(word)
	if !ok {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	names := []string{}
	if strings.HasPrefix(base, ".") {
		names = append(names, ".", "..")
	}
	for _, e := range entries {
		names = append(names, e.Name())
	}
	var out []string
	for _, n := range names {
		if !strings.HasPrefix(n, base) {
			continue
		}
		if dirsOnly {
			if st, err := os.Stat(filepath.Join(dir, n)); err != nil || !st.IsDir() {
				continue
			}
		}
		out = append(out, dirPart+n)
	}
	return out
}
