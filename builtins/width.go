package builtins

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// runeWidth is the number of terminal columns r takes: 0 for combining
// marks and control characters, 2 for East Asian wide and fullwidth
// characters (Hangul, CJK, fullwidth forms, most emoji), 1 otherwise.
func runeWidth(r rune) int {
	switch {
	case r == 0 || r < 32 || r == 0x7f:
		return 0
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 0x200B:
		return 0
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo initial consonants
		r >= 0x2E80 && r <= 0x303E, // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33FF, // kana, Hangul compatibility Jamo, CJK symbols
		r >= 0x3400 && r <= 0x4DBF, // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xA000 && r <= 0xA4CF, // Yi
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFF60, // fullwidth forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F, // emoji
		r >= 0x1F900 && r <= 0x1F9FF,
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B and later
		return 2
	}
	return 1
}

// displayWidth is the number of terminal columns s takes (ANSI escape
// sequences count for nothing).
func displayWidth(s string) int {
	w := 0
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			i = skipEscape(s, i)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		w += runeWidth(r)
		i += n
	}
	return w
}

// skipEscape returns the index after the ANSI escape sequence at s[i].
func skipEscape(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '[' {
		for j++; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
		}
		return len(s)
	}
	return min(j+1, len(s))
}

// cutToWidth cuts s to at most width columns, ending it with "…" when
// anything was cut. A width below 1 leaves s as it is.
func cutToWidth(s string, width int) string {
	if width < 1 || displayWidth(s) <= width {
		return s
	}
	var b strings.Builder
	w := 0
	for _, r := range s {
		rw := runeWidth(r)
		if w+rw > width-1 {
			break
		}
		b.WriteRune(r)
		w += rw
	}
	b.WriteString("…")
	return b.String()
}

// padRight pads s with spaces to width columns (display width).
func padRight(s string, width int) string {
	if d := width - displayWidth(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

// wrapToWidth folds each line of text longer than width columns at
// spaces, so that prose written for a terminal does not run past its
// right edge (where the terminal would break words anywhere). A
// continuation line is indented two columns more than the line it
// continues, so the structure of an indented list stays visible. A word
// longer than the room it has stays whole on a line of its own. Only the
// space where a line is folded goes: a run of spaces inside a line (a
// quoted 'a   b' that explain shows) stays as written. A width below 20
// leaves text as it is.
func wrapToWidth(text string, width int) string {
	if width < 20 {
		return text
	}
	var b strings.Builder
	for _, line := range strings.SplitAfter(text, "\n") {
		body := strings.TrimSuffix(line, "\n")
		if displayWidth(body) <= width {
			b.WriteString(line)
			continue
		}
		lead := len(body) - len(strings.TrimLeft(body, " "))
		indent := strings.Repeat(" ", min(lead+2, width/2))
		b.WriteString(body[:lead])
		col := lead
		for i, word := range strings.Split(body[lead:], " ") {
			w := displayWidth(word)
			switch {
			case i == 0:
			case w > 0 && col+1+w > width:
				b.WriteString("\n" + indent)
				col = len(indent)
			default:
				b.WriteByte(' ')
				col++
			}
			b.WriteString(word)
			col += w
		}
		if strings.HasSuffix(line, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
