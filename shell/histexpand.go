package shell

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
)

// History expansion, as bash does it at an interactive prompt: before a
// line is parsed, "!" starts a reference to an earlier command (an event),
// optionally followed by a word designator and modifiers:
//
//	!!  !n  !-n  !str  !?str?  !#      events
//	:0 :n :^ :$ :% :x-y :-y :x* :* :x-  words (the colon may be left out
//	                                     before ^ $ * - %)
//	:h :t :r :e :p :q :x :s/old/new/ :& :g :a :G   modifiers
//
// and a line starting with ^old^new^ repeats the last command with old
// replaced by new. A "!" stays literal inside single quotes, after a
// backslash, before a blank, "=" or the end of the line, and before the
// closing quote of a double-quoted string.

// histExpansion is the state history expansion keeps between lines: the
// last substitution (for :& and an empty old string) and the last !?str?
// search (for the % word).
type histExpansion struct {
	old, new string // the last :s substitution
	search   string // the string of the last !?str? search
	found    string // the word that search matched
	extglob  bool   // shopt extglob: !( with a ) after it is a pattern, not a reference
	posix    bool   // POSIX mode: no expansion inside double quotes
}

// histError is a failed history expansion: the line is not run.
type histError struct{ text, msg string }

func (e *histError) Error() string { return e.text + ": " + e.msg }

// expand performs history expansion on line against hist (oldest first).
// It returns the expanded line, whether anything was expanded, and
// whether a :p modifier asked for the line to be printed and not run.
func (hx *histExpansion) expand(line string, hist []string) (out string, changed, printOnly bool, err error) {
	if strings.HasPrefix(line, "^") {
		// ^old^new^rest is !!:s^old^new^rest.
		return hx.expand("!!:s"+line, hist)
	}
	var b strings.Builder
	inDouble := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\\' && i+1 < len(line):
			b.WriteByte(c)
			b.WriteByte(line[i+1])
			i++
			continue
		case c == '\'' && !inDouble:
			end := strings.IndexByte(line[i+1:], '\'')
			if end < 0 {
				b.WriteString(line[i:])
				i = len(line)
				continue
			}
			b.WriteString(line[i : i+end+2])
			i += end + 1
			continue
		case c == '"':
			inDouble = !inDouble
		}
		if c != '!' || i+1 >= len(line) || strings.IndexByte(" \t\n\r=", line[i+1]) >= 0 ||
			inDouble && (line[i+1] == '"' || hx.posix) || paramBang(line, i) ||
			hx.extglob && line[i+1] == '(' && strings.IndexByte(line[i+2:], ')') >= 0 {
			b.WriteByte(c)
			continue
		}
		text, used, p, err := hx.reference(line, i, b.String(), hist)
		if err != nil {
			return "", false, false, err
		}
		b.WriteString(text)
		i += used - 1
		changed = true
		printOnly = printOnly || p
	}
	return b.String(), changed, printOnly, nil
}

// paramBang reports whether the '!' at line[i] belongs to a parameter
// expansion, $! or ${!name}, which bash never takes as a history reference.
func paramBang(line string, i int) bool {
	return i > 0 && line[i-1] == '$' || i > 1 && line[i-1] == '{' && line[i-2] == '$'
}

// reference expands one history reference starting at line[start] ('!'),
// with sofar the expanded text before it (for !#). It returns the text,
// how many bytes of line it used, and whether :p was given.
func (hx *histExpansion) reference(line string, start int, sofar string, hist []string) (string, int, bool, error) {
	i := start + 1
	var event string
	eventText := ""
	switch c := line[i]; {
	case c == '!':
		i++
		event, eventText = lastEvent(hist), "!!"
	case c == '#':
		i++
		event = sofar
	case c >= '0' && c <= '9' || c == '-' && i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9':
		j := i + 1
		for j < len(line) && line[j] >= '0' && line[j] <= '9' {
			j++
		}
		n, _ := strconv.Atoi(line[i:j])
		eventText = line[start:j]
		i = j
		idx := n - 1
		if n < 0 {
			idx = len(hist) + n
		}
		if idx < 0 || idx >= len(hist) {
			return "", 0, false, &histError{eventText, "event not found"}
		}
		event = hist[idx]
	case c == '?':
		j := i + 1
		for j < len(line) && line[j] != '?' && line[j] != '\n' {
			j++
		}
		str := line[i+1 : j]
		eventText = line[start:j]
		if j < len(line) && line[j] == '?' {
			j++
		}
		i = j
		if str == "" {
			str = hx.search
		}
		hx.search = str
		found := false
		for k := len(hist) - 1; k >= 0 && str != ""; k-- {
			if strings.Contains(hist[k], str) {
				event, found = hist[k], true
				break
			}
		}
		if !found {
			return "", 0, false, &histError{eventText, "event not found"}
		}
		hx.found = ""
		for _, w := range histWords(event) {
			if strings.Contains(w, str) {
				hx.found = w
				break
			}
		}
	case strings.IndexByte("^$*%:-", c) >= 0:
		// A word designator or modifier alone: the previous command.
		event = lastEvent(hist)
		eventText = "!"
	default:
		j := i
		for j < len(line) && strings.IndexByte(" \t\n\r:;&|()<>\"'", line[j]) < 0 {
			j++
		}
		str := line[i:j]
		eventText = line[start:j]
		i = j
		found := false
		for k := len(hist) - 1; k >= 0 && str != ""; k-- {
			if strings.HasPrefix(hist[k], str) {
				event, found = hist[k], true
				break
			}
		}
		if !found {
			return "", 0, false, &histError{eventText, "event not found"}
		}
	}
	if event == "" && eventText == "!!" || eventText == "!" && len(hist) == 0 {
		return "", 0, false, &histError{eventText, "event not found"}
	}

	// The word designator.
	text := event
	if i < len(line) {
		c := line[i]
		colon := c == ':' && i+1 < len(line) && strings.IndexByte("0123456789^$*%-", line[i+1]) >= 0
		if colon || strings.IndexByte("^$*%", c) >= 0 || c == '-' && line[start+1] == c {
			if colon {
				i++
			}
			sel, used, err := hx.selectWords(line[i:], event)
			if err != nil {
				return "", 0, false, err
			}
			text = sel
			i += used
		}
	}

	// Modifiers.
	printOnly := false
	for i+1 < len(line) && line[i] == ':' {
		modStart := i
		i++
		global, each := false, false
		switch line[i] {
		case 'g', 'a':
			global = true
			i++
		case 'G':
			each = true
			i++
		}
		if i >= len(line) {
			return "", 0, false, &histError{line[modStart:], "unrecognized history modifier"}
		}
		switch m := line[i]; m {
		case 'h':
			if k := strings.LastIndexByte(text, '/'); k >= 0 {
				text = text[:k]
			}
			i++
		case 't':
			if k := strings.LastIndexByte(text, '/'); k >= 0 {
				text = text[k+1:]
			}
			i++
		case 'r':
			if k := strings.LastIndexByte(text, '.'); k >= 0 && k > strings.LastIndexByte(text, '/') {
				text = text[:k]
			}
			i++
		case 'e':
			if k := strings.LastIndexByte(text, '.'); k >= 0 && k > strings.LastIndexByte(text, '/') {
				text = text[k:]
			} else {
				text = ""
			}
			i++
		case 'p':
			printOnly = true
			i++
		case 'q':
			text = histQuote(text)
			i++
		case 'x':
			words := histWords(text)
			for k, w := range words {
				words[k] = histQuote(w)
			}
			text = strings.Join(words, " ")
			i++
		case 's', '&':
			if m == 's' {
				if i+1 >= len(line) {
					return "", 0, false, &histError{line[modStart:], "substitution failed"}
				}
				old, new, used := histSubstitution(line[i+1:])
				if old == "" {
					old = hx.old
					if old == "" {
						old = hx.search
					}
				}
				hx.old, hx.new = old, new
				i += 1 + used
			} else {
				i++
			}
			if hx.old == "" {
				return "", 0, false, &histError{line[modStart:i], "no previous substitution"}
			}
			replaced, ok := histSubstitute(text, hx.old, hx.new, global, each)
			if !ok {
				return "", 0, false, &histError{line[modStart:i], "substitution failed"}
			}
			text = replaced
		default:
			return "", 0, false, &histError{line[modStart : i+1], "unrecognized history modifier"}
		}
	}
	return text, i - start, printOnly, nil
}

// lastEvent is the previous command, or "" when there is none.
func lastEvent(hist []string) string {
	if len(hist) == 0 {
		return ""
	}
	return hist[len(hist)-1]
}

// selectWords reads a word designator at the start of spec and returns
// the words of event it selects, joined with spaces, and its length.
func (hx *histExpansion) selectWords(spec, event string) (string, int, error) {
	words := histWords(event)
	last := len(words) - 1
	num := func(k int) (int, int) {
		j := k
		for j < len(spec) && spec[j] >= '0' && spec[j] <= '9' {
			j++
		}
		n, _ := strconv.Atoi(spec[k:j])
		return n, j
	}
	var from, to, used int
	switch c := spec[0]; {
	case c == '^':
		from, to, used = 1, 1, 1
	case c == '$':
		from, to, used = last, last, 1
	case c == '%':
		if hx.found == "" {
			return "", 0, &histError{":%", "bad word specifier"}
		}
		return hx.found, 1, nil
	case c == '*':
		if last < 1 {
			return "", 1, nil
		}
		from, to, used = 1, last, 1
	case c >= '0' && c <= '9':
		from, used = num(0)
		to = from
	case c == '-':
		from = 0
		used = 0
	}
	if used < len(spec) {
		switch spec[used] {
		case '*':
			if from > last {
				return "", used + 1, nil
			}
			to, used = last, used+1
		case '-':
			if used+1 < len(spec) && spec[used+1] >= '0' && spec[used+1] <= '9' {
				to, used = num(used + 1)
			} else if used+1 < len(spec) && spec[used+1] == '$' {
				to, used = last, used+2
			} else {
				to, used = last-1, used+1
			}
		}
	}
	if from < 0 || to > last || from > to {
		return "", 0, &histError{":" + spec[:used], "bad word specifier"}
	}
	return strings.Join(words[from:to+1], " "), used, nil
}

// histWords splits a command into words as history does: at blanks,
// keeping quoted strings whole, with runs of ; & | ( ) < > as words of
// their own.
func histWords(s string) []string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			flush()
		case c == '\\' && i+1 < len(s):
			cur.WriteByte(c)
			cur.WriteByte(s[i+1])
			i++
		case c == '\'' || c == '"':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				cur.WriteString(s[i:])
				i = len(s)
				continue
			}
			cur.WriteString(s[i : i+end+2])
			i += end + 1
		case strings.IndexByte(";&|()<>", c) >= 0:
			flush()
			j := i
			for j < len(s) && strings.IndexByte(";&|()<>", s[j]) >= 0 {
				j++
			}
			words = append(words, s[i:j])
			i = j - 1
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return words
}

// histSubstitution reads /old/new/ (any delimiter) at the start of s: a
// backslash escapes the delimiter; the last delimiter may be left out at
// the end of the line. It returns old, new and the bytes used.
func histSubstitution(s string) (old, new string, used int) {
	delim := s[0]
	i := 1
	part := func() string {
		var b strings.Builder
		for i < len(s) && s[i] != delim && s[i] != '\n' {
			if s[i] == '\\' && i+1 < len(s) && s[i+1] == delim {
				i++
			}
			b.WriteByte(s[i])
			i++
		}
		return b.String()
	}
	old = part()
	if i < len(s) && s[i] == delim {
		i++
		new = part()
		if i < len(s) && s[i] == delim {
			i++
		}
	}
	return old, new, i
}

// histSubstitute replaces old by new in text (& in new stands for old,
// \& is a literal &): the first occurrence, every one with global, the
// first in each word with each. ok is false if old does not occur.
func histSubstitute(text, old, new string, global, each bool) (string, bool) {
	var nb strings.Builder
	for i := 0; i < len(new); i++ {
		switch {
		case new[i] == '\\' && i+1 < len(new) && new[i+1] == '&':
			nb.WriteByte('&')
			i++
		case new[i] == '&':
			nb.WriteString(old)
		default:
			nb.WriteByte(new[i])
		}
	}
	repl := nb.String()
	if !strings.Contains(text, old) {
		return text, false
	}
	switch {
	case global:
		return strings.ReplaceAll(text, old, repl), true
	case each:
		words := histWords(text)
		for k, w := range words {
			words[k] = strings.Replace(w, old, repl, 1)
		}
		return strings.Join(words, " "), true
	}
	return strings.Replace(text, old, repl, 1), true
}

// histQuote is the :q modifier: single quotes around the text.
func histQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// histState is the interactive shell's history expansion state: one per
// process, since only the top-level interactive shell expands history.
var histState struct {
	sync.Mutex
	histExpansion
}

// reedit gives text to the line editor as the line the next prompt
// starts with (shopt histverify, histreedit). It reports false when there
// is no line editor to take it.
func (s *session) reedit(text string) bool {
	s.mu.Lock()
	e, ok := s.ed.(*readlineEditor)
	s.mu.Unlock()
	if !ok || e == nil {
		return false
	}
	e.prefill = text
	return true
}

// historyExpand is the REPL's step between reading a line and running it:
// when history expansion is on (set -H, the default at a prompt), it
// expands the line's history references. A line that changed is echoed on
// standard error, as bash does, so the user sees what runs. It returns
// the line to run, or ok false when there is nothing to run: the
// expansion failed (the error is printed) or :p asked only to print it
// (it is then saved to the history, expanded).
func (s *session) historyExpand(line string) (string, bool) {
	if on, _ := s.sh.Option("histexpand"); !on || !strings.Contains(line, "!") && !strings.HasPrefix(line, "^") {
		return line, true
	}
	histState.Lock()
	histState.extglob = s.sh.Opts.Shopt.Extglob
	histState.posix = s.sh.Opts.Posix
	out, changed, printOnly, err := histState.expand(line, s.hist.list())
	histState.Unlock()
	if err != nil {
		fmt.Fprintf(os.Stderr, "gosh: %v\n", err)
		if s.sh.Opts.Shopt.Histreedit {
			s.reedit(strings.TrimSuffix(line, "\n")) // shopt histreedit: correct it
		}
		return "", false
	}
	if !changed {
		return line, true
	}
	text := strings.TrimSuffix(out, "\n")
	if s.sh.Opts.Shopt.Histverify && !printOnly && s.reedit(text) {
		// shopt histverify: the expanded line comes back to the editor,
		// to be looked at (and edited) before Enter runs it.
		return "", false
	}
	fmt.Fprintln(os.Stderr, text)
	if printOnly {
		s.hist.add(text + "\n")
		return "", false
	}
	return out, true
}
