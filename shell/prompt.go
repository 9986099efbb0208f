package shell

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gosh/builtins"
	"gosh/jobs"
	"gosh/parser"
)

// This file turns PS1 and PS2 into the text of a prompt. The escapes are
// bash's:
//
//	\u user name      \h host name up to the first '.'   \H full host name
//	\w working dir    \W its last part    (both write $HOME as ~)
//	\$ '#' for root, '$' otherwise        \j number of jobs
//	\! history number of this command     \# command number in this session
//	\t time HH:MM:SS  \T 12-hour HH:MM:SS \@ 12-hour am/pm  \A HH:MM
//	\d date "Tue May 26"                  \s shell name "gosh"
//	\n newline  \r carriage return  \\ backslash  \e escape (033)  \a bell (07)
//	\NNN the byte with octal code NNN
//	\[ \] enclose non-printing characters (colour codes), so that the
//	      line editor does not count them in the prompt's width
//
// Then, as bash does when its promptvars option is on, $VAR, ${...}, $(...),
// `...` and $((...)) in the result are expanded.

// Markers for \[ and \]: bash uses the same two bytes internally.
const (
	promptIgnoreStart = '\x01'
	promptIgnoreEnd   = '\x02'
)

// promptInfo is what the escapes need to know about the session.
type promptInfo struct {
	histNumber int  // \!
	cmdNumber  int  // \#
	noMarks    bool // ${x@P}: \[ and \] give nothing (no line editor reads the text)
}

// prompt returns the expanded text of PS1 or PS2, with \x01 and \x02
// around non-printing parts. With PS1 unset, the default prompt is used.
func (sh *Shell) prompt(name string, info promptInfo) string {
	ps, ok := sh.Vars.Get(name)
	if !ok {
		if name == "PS1" {
			ps = sh.defaultPS1()
		} else {
			ps = "> "
		}
	}
	return sh.expandPrompt(ps, info)
}

// defaultPS1 is user@host:dir, then the number of jobs when there are
// some, then $ or #; in colour unless NO_COLOR is set or TERM=dumb.
func (sh *Shell) defaultPS1() string {
	jobs := len(sh.Jobs.Jobs()) > 0
	if !colorAllowed(sh) {
		if jobs {
			return `\u@\h:\w [\j]\$ `
		}
		return `\u@\h:\w\$ `
	}
	const (
		green  = `\[\e[1;32m\]`
		blue   = `\[\e[1;34m\]`
		yellow = `\[\e[33m\]`
		reset  = `\[\e[0m\]`
	)
	ps := green + `\u@\h` + reset + ":" + blue + `\w` + reset
	if jobs {
		ps += " " + yellow + `[\j]` + reset
	}
	return ps + `\$ `
}

// expandPrompt expands the escapes of a prompt string, then its parameters
// and command substitutions.
func (sh *Shell) expandPrompt(ps string, info promptInfo) string {
	// When the text will be expanded, the values the escapes insert (a
	// directory named "$x") are quoted so that they stay as they are.
	// A backslash counts: bash's \\ escape gives a backslash that the
	// expansion then reads ("a\\\\" is a\\ after the escapes, a\ after it).
	// shopt -u promptvars: escapes only (not in POSIX mode, which expands).
	expand := strings.ContainsAny(ps, "$`\\") && (!sh.Opts.Shopt.NoPromptvars || sh.Opts.Posix)
	lit := func(s string) string {
		if !expand {
			return s
		}
		return heredocQuote(s)
	}
	// outside is text that comes from outside PS1 (a directory, user or
	// host name): its control characters are shown in caret form (^[), so a
	// directory name cannot retitle or reprogram the terminal.
	outside := func(s string) string { return lit(jobs.ShowText(s)) }
	var b strings.Builder
	for i := 0; i < len(ps); i++ {
		c := ps[i]
		if c == '!' && sh.Opts.Posix {
			// POSIX's prompt: ! is the history number, !! a '!'.
			if i+1 < len(ps) && ps[i+1] == '!' {
				b.WriteByte('!')
				i++
			} else {
				b.WriteString(strconv.Itoa(info.histNumber))
			}
			continue
		}
		if c != '\\' || i+1 == len(ps) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := ps[i]; e {
		case 'u':
			b.WriteString(outside(sh.userName()))
		case 'h', 'H':
			host, _ := os.Hostname()
			if e == 'h' {
				host, _, _ = strings.Cut(host, ".")
			}
			b.WriteString(outside(host))
		case 'w':
			b.WriteString(outside(sh.trimDirs(sh.tildePWD())))
		case 'W':
			b.WriteString(outside(sh.pwdBase()))
		case '$':
			if os.Geteuid() == 0 {
				b.WriteByte('#')
			} else {
				b.WriteString(lit("$"))
			}
		case 'j':
			b.WriteString(strconv.Itoa(len(sh.Jobs.Jobs())))
		case '!':
			b.WriteString(strconv.Itoa(info.histNumber))
		case '#':
			b.WriteString(strconv.Itoa(info.cmdNumber))
		case 't':
			b.WriteString(time.Now().Format("15:04:05"))
		case 'T':
			b.WriteString(time.Now().Format("03:04:05"))
		case '@':
			b.WriteString(time.Now().Format("03:04 PM"))
		case 'A':
			b.WriteString(time.Now().Format("15:04"))
		case 'd':
			b.WriteString(time.Now().Format("Mon Jan 02"))
		case 's':
			b.WriteString("gosh")
		case 'v':
			major, rest, _ := strings.Cut(Version, ".")
			minor, _, _ := strings.Cut(rest, ".")
			b.WriteString(major + "." + minor) // gosh's version, as bash shows its own
		case 'V':
			b.WriteString(Version)
		case 'D':
			// \D{format}: the time through strftime(3); {} is the
			// locale's time, %X. Without the braces, not an escape.
			if i+1 >= len(ps) || ps[i+1] != '{' {
				b.WriteString(`\D`)
				break
			}
			end := strings.IndexByte(ps[i:], '}')
			if end < 0 {
				end = len(ps) - i // unclosed: the rest is the format, as bash
			}
			format := ps[i+2 : i+end]
			if format == "" {
				format = "%X"
			}
			b.WriteString(lit(builtins.Strftime(format, time.Now())))
			i += end
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte('\033')
		case 'a':
			b.WriteByte('\a')
		case '\\':
			// Not quoted (bash): the expansion after may take it.
			b.WriteByte('\\')
		case '[':
			if !info.noMarks {
				b.WriteByte(promptIgnoreStart)
			}
		case ']':
			if !info.noMarks {
				b.WriteByte(promptIgnoreEnd)
			}
		case '0', '1', '2', '3', '4', '5', '6', '7':
			n, j := 0, i
			for ; j < len(ps) && j < i+3 && ps[j] >= '0' && ps[j] <= '7'; j++ {
				n = n*8 + int(ps[j]-'0')
			}
			b.WriteByte(byte(n))
			i = j - 1
		default:
			// Not an escape: bash keeps the backslash.
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	out := b.String()
	if expand {
		out = sh.expandPromptVars(out)
	}
	return out
}

// heredocQuote protects text from expansion inside a here-document body.
func heredocQuote(s string) string {
	if !strings.ContainsAny(s, "\\$`") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' || s[i] == '$' || s[i] == '`' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// promptDelim ends the here-document the prompt is expanded as.
const promptDelim = "GOSH_PROMPT_END_7f3a"

// expandPromptVars expands $VAR, ${...}, $(...), `...` and $((...)) in a
// prompt, exactly as in the body of a here-document (which is like inside
// double quotes, without the quotes being special). If the text does not
// parse or expand, it is shown as it is. $? is kept: the prompt must not
// change the status the user is about to look at.
//
// Text in which nothing expands ("PROMPT$ ", the default prompt's `\$ `)
// is taken as it is (promptLiteral), without the parse and expansion that
// cost every prompt some 10 us (issue 9, speed).
func (sh *Shell) expandPromptVars(text string) string {
	out, _ := sh.expandPromptErr(text)
	return out
}

// expandPromptErr is expandPromptVars that also gives the error that
// left text as it was: an expansion's ("u: unset"), or bash's "TEXT:
// bad substitution" for a ${ that does not parse. set -x reports it
// (xtracePrefix).
func (sh *Shell) expandPromptErr(text string) (string, error) {
	if out, ok := promptLiteral(text); ok {
		return out, nil
	}
	// A backslash that ends the prompt stays, as in bash: here it would
	// join the delimiter line, and the rest would not expand ('$HOME\').
	if n := len(text) - len(strings.TrimRight(text, `\`)); n%2 == 1 {
		out, err := sh.expandPromptErr(text[:len(text)-1])
		return out + `\`, err
	}
	f, err := parser.Parse(": <<" + promptDelim + "\n" + text + "\n" + promptDelim + "\n")
	if err != nil && strings.Contains(text, "${") {
		return text, expansionError(text + ": bad substitution")
	}
	if err != nil || f.List == nil || len(f.List.Items) != 1 {
		return text, nil
	}
	pl := f.List.Items[0].AndOr.First
	cmd, ok := pl.Cmds[0].(*parser.SimpleCommand)
	if !ok || len(cmd.Redirs) != 1 || cmd.Redirs[0].Heredoc == nil {
		return text, nil
	}
	status := sh.Status
	defer func() { sh.Status = status }()
	out, err := sh.expandHeredoc(cmd.Redirs[0].Heredoc)
	if err != nil {
		return text, err
	}
	return strings.TrimSuffix(out, "\n"), nil
}

// promptLiteral is what expanding text as the body of a here-document
// gives when nothing in it expands: each '$' is followed by a character
// that makes it a literal dollar sign (a space, '/', ':' ..., or nothing),
// there is no backquote, and a backslash either quotes '$', '`' or '\\'
// (and is dropped) or stands for itself. ok is false for anything else,
// which expandPromptVars expands in full.
func promptLiteral(text string) (out string, ok bool) {
	if strings.Contains(text, promptDelim) {
		return "", false
	}
	var b []byte // the text with quoting backslashes dropped, once there is one
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case '`':
			return "", false
		case '$':
			if i+1 < len(text) && !literalAfterDollar(text[i+1]) {
				return "", false
			}
		case '\\':
			if i+1 < len(text) {
				switch text[i+1] {
				case '\n':
					return "", false // a line continuation
				case '$', '`', '\\':
					if b == nil {
						b = append(make([]byte, 0, len(text)), text[:i]...)
					}
					b = append(b, text[i+1])
					i++
					continue
				}
			}
		}
		if b != nil {
			b = append(b, c)
		}
	}
	if b != nil {
		return string(b), true
	}
	return text, true
}

// literalAfterDollar reports whether '$' followed by c is a literal dollar
// sign in a here-document body: c starts no parameter ($x, $1, $?), no
// ${ }, $( ), $[ ], and no $'...' or $"..." (which a body keeps, but the
// parser decides), and is no backslash (a line continuation may follow).
func literalAfterDollar(c byte) bool {
	switch {
	case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
		return false
	}
	return !strings.ContainsRune("{([?$!#@*-'\"\\", rune(c))
}

// userName is \u: the name of the user the shell runs as (currentUser),
// or bash's "I have no name!" for a user nothing names.
func (sh *Shell) userName() string {
	if name := currentUser().name; name != "" {
		return name
	}
	return noUserName
}

// tildePWD is \w: $PWD with $HOME at its start written as ~.
func (sh *Shell) tildePWD() string {
	pwd := sh.Getwd()
	home, _ := sh.Vars.Get("HOME")
	home = strings.TrimSuffix(home, "/")
	if home != "" && (pwd == home || strings.HasPrefix(pwd, home+"/")) {
		return "~" + pwd[len(home):]
	}
	return pwd
}

// trimDirs is \w under PROMPT_DIRTRIM=n, as bash's trim_pathname: the
// part before the last n directories (after a ~/ prefix) becomes "...",
// when that shortens it ("~/.../src", ".../doc").
func (sh *Shell) trimDirs(dir string) string {
	v, _ := sh.Vars.Get("PROMPT_DIRTRIM")
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return dir
	}
	beg := 0
	if strings.HasPrefix(dir, "~") {
		if i := strings.IndexByte(dir, '/'); i >= 0 {
			beg = i + 1
		} else {
			return dir
		}
	}
	if beg >= len(dir) || strings.Count(dir[beg:], "/") < n {
		return dir
	}
	tail := len(dir) - 1
	if dir[tail] == '/' {
		tail++ // bash starts at the last character, or the trailing slash
	}
	for tail--; tail > beg; tail-- {
		if dir[tail] == '/' {
			if n--; n == 0 {
				break
			}
		}
	}
	if tail <= beg || tail-beg <= 3 {
		return dir
	}
	return dir[:beg] + "..." + dir[tail:]
}

// pwdBase is \W: the last part of $PWD, or ~ for $HOME.
func (sh *Shell) pwdBase() string {
	pwd := sh.Getwd()
	if home, _ := sh.Vars.Get("HOME"); home != "" && pwd == strings.TrimSuffix(home, "/") {
		return "~"
	}
	if pwd == "/" {
		return "/"
	}
	return filepath.Base(pwd)
}

// promptText is the prompt as a plain editor prints it: the \[ \] markers
// removed, everything they enclosed kept.
func promptText(p string) string {
	return strings.NewReplacer(string(promptIgnoreStart), "", string(promptIgnoreEnd), "").Replace(p)
}

// splitPrompt prepares a prompt for the line editor, which redraws its
// prompt on every key and can only measure a one-line prompt whose
// invisible parts are colour codes (ESC [ ... m). before is written once,
// before editing starts: every line of the prompt but the last, and the
// non-printing parts of the last line that are not colour codes (a window
// title, say), which change nothing on the screen where they are written.
// line is the last line, with its colour codes in place.
func splitPrompt(p string) (before, line string) {
	if i := strings.LastIndexByte(p, '\n'); i >= 0 {
		before, p = promptText(p[:i+1]), p[i+1:]
	}
	var hoisted, kept strings.Builder
	for len(p) > 0 {
		start := strings.IndexByte(p, promptIgnoreStart)
		if start < 0 {
			kept.WriteString(p)
			break
		}
		kept.WriteString(p[:start])
		p = p[start+1:]
		end := strings.IndexByte(p, promptIgnoreEnd)
		if end < 0 {
			end = len(p) // an unclosed \[ runs to the end, as in bash
		}
		seg := p[:end]
		p = p[min(end+1, len(p)):]
		if onlyColorCodes(seg) {
			kept.WriteString(seg)
		} else {
			hoisted.WriteString(seg)
		}
	}
	line = strings.ReplaceAll(kept.String(), string(promptIgnoreEnd), "")
	// The editor's width count reads one rune past an ESC: never end on one.
	line = strings.TrimRight(line, "\033")
	return before + hoisted.String(), line
}

// onlyColorCodes reports whether s is a sequence of SGR escapes
// (ESC [ digits and semicolons m), which the line editor skips when it
// measures the prompt.
func onlyColorCodes(s string) bool {
	for len(s) > 0 {
		if !strings.HasPrefix(s, "\033[") {
			return false
		}
		j := 2
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
			j++
		}
		if j == len(s) || s[j] != 'm' {
			return false
		}
		s = s[j+1:]
	}
	return true
}
