package jobs

import (
	"fmt"
	"strings"
)

// Text from outside the shell's own messages (command words, file and
// directory names, host names) may hold control characters: an ESC that
// retitles or reprograms the terminal, a newline that forges a line of
// output. Everything gosh prints about jobs and processes (jobs, procs,
// ptree, the trace, explain, the prompt's \w) goes through one of these two
// functions first, so such text is shown, never obeyed.

// hasControl reports whether s holds a control character (C0 or DEL).
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// ShowText makes the control characters of a piece of text visible in
// caret notation, as bash's prompt and `cat -v` do: ESC is ^[, a newline
// ^J, DEL ^?. Other text is unchanged. It is for running text (a command
// line as typed, a directory name); for one word of a command use
// QuoteWord.
func ShowText(s string) string {
	if !hasControl(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 0x7f:
			b.WriteString("^?")
		case c < 0x20:
			b.WriteByte('^')
			b.WriteByte(c + '@')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// QuoteWord shows one word of a command. A word with a control character
// or a newline is written in bash's $'...' form with C escapes
// ($'a\nb', $'\E]0;x\a'), which reads back as the same word; any other
// word is shown as it is.
func QuoteWord(s string) string {
	if !hasControl(s) {
		return s
	}
	return ANSICQuote(s)
}

// ANSICQuote writes s in bash's $'...' form with C escapes, whatever it
// holds: $'a\nb'. set, declare -p and printf %q use it for values with
// control characters.
func ANSICQuote(s string) string {
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case 0x1b:
			b.WriteString(`\E`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\v':
			b.WriteString(`\v`)
		case '\\', '\'':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			if c < 0x20 || c == 0x7f {
				fmt.Fprintf(&b, `\%03o`, c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// QuoteWords shows a command's words, each through QuoteWord, separated by
// spaces.
func QuoteWords(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = QuoteWord(w)
	}
	return strings.Join(q, " ")
}

// ShowArgs returns args for a format with each string in it through
// ShowText, so that a message's own newlines stay while those of the text
// it quotes are shown.
func ShowArgs(args []any) []any {
	var out []any
	for i, a := range args {
		if s, ok := a.(string); ok && hasControl(s) {
			if out == nil {
				out = append([]any(nil), args...)
			}
			out[i] = ShowText(s)
		}
	}
	if out == nil {
		return args
	}
	return out
}
