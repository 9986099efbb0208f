package shell

import "strings"

// This file cuts the line being completed as bash and readline cut it:
// at the characters of $COMP_WORDBREAKS, not only at blanks. Two cuts are
// made, both outside quotes and backslashes:
//
//   - the words a completion function sees in COMP_WORDS (compLineWords,
//     bash's split_at_delims): blanks separate words, and a run of the
//     other break characters is a word of its own, so that "--color=au"
//     is the three words "--color", "=" and "au";
//   - the text that Tab completes and replaces (completionText, readline's
//     completion word): what follows the last break character before the
//     cursor, so that after "--pretty=one" the matches continue "one".
//     A '@' stays in front of the text (readline's special prefixes), which
//     is how "ssh user@lo" completes a host name as "@lo".

// defaultWordBreaks is bash's $COMP_WORDBREAKS with shopt hostcomplete on
// (its default): readline's word break characters.
const defaultWordBreaks = " \t\n\"'@><=;|&(:"

// wordBreaks is the set of word break characters completion uses now:
// $COMP_WORDBREAKS, or bash's default when the variable is unset (bash:
// it loses its special meaning, and readline keeps its own set).
func (sh *Shell) wordBreaks() string {
	if v, ok := sh.getVar("COMP_WORDBREAKS"); ok {
		return v
	}
	return defaultWordBreaks
}

// setHostWordBreak follows shopt hostcomplete in $COMP_WORDBREAKS, as
// bash: turned off, every '@' leaves the value; turned on, one comes in
// front when there is none.
func (sh *Shell) setHostWordBreak(on bool) {
	v, ok := sh.getVar("COMP_WORDBREAKS")
	if !ok {
		return
	}
	switch {
	case !on:
		v = strings.ReplaceAll(v, "@", "")
	case !strings.Contains(v, "@"):
		v = "@" + v
	default:
		return
	}
	sh.Vars.Set("COMP_WORDBREAKS", v)
}

// isBlankBreak reports whether c separates words without being one.
func isBlankBreak(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// quotedScan walks line[:end] as the shell reads quotes and backslashes,
// calling at(i) for each byte outside them; it reports the quote still
// open at end (0, a single or a double quote) and where it opened.
func quotedScan(line string, end int, at func(i int)) (open byte, openAt int) {
	for i := 0; i < end; i++ {
		c := line[i]
		switch {
		case open == '\'':
			if c == '\'' {
				open = 0
			}
		case c == '\\' && open != '\'':
			i++ // the next byte is quoted
		case open == '"':
			if c == '"' {
				open = 0
			}
		case c == '\'' || c == '"':
			open, openAt = c, i
		default:
			at(i)
		}
	}
	return open, openAt
}

// compLineWords cuts line, the command being completed with the cursor at
// point, into COMP_WORDS, and finds COMP_CWORD, the word the cursor is in
// or at the end of. A cursor after blanks starts an empty word. Quoted
// text is part of its word, quotes and backslashes kept.
func compLineWords(line string, point int, breaks string) (words []string, cword int) {
	isBreak := func(c byte) bool { return strings.IndexByte(breaks, c) >= 0 }
	// kind[i]: 0 inside a word's ordinary text, 1 a blank, 2 another
	// break character (outside quotes only; quoted bytes stay 0).
	kind := make([]byte, len(line))
	quotedScan(line, len(line), func(i int) {
		switch c := line[i]; {
		case isBlankBreak(c):
			kind[i] = 1
		case isBreak(c):
			kind[i] = 2
		}
	})
	cword = -1
	for i := 0; i < len(line); {
		if kind[i] == 1 {
			i++
			continue
		}
		j := i + 1
		if kind[i] == 2 {
			for j < len(line) && kind[j] == 2 {
				j++
			}
		} else {
			for j < len(line) && kind[j] == 0 {
				j++
			}
		}
		if cword < 0 && i <= point && point <= j {
			cword = len(words)
		}
		words = append(words, line[i:j])
		i = j
	}
	if cword < 0 {
		cword = len(words)
		words = append(words, "")
	}
	return words, cword
}

// completionText is where the text that Tab completes starts in
// line[:point]: after the last break character outside quotes (a '@'
// stays in the text), or after the quote the cursor is still inside.
func completionText(line string, point int, breaks string) int {
	start := 0
	open, openAt := quotedScan(line, point, func(i int) {
		if c := line[i]; strings.IndexByte(breaks, c) >= 0 || isBlankBreak(c) {
			start = i + 1
			if c == '@' {
				start = i
			}
		}
	})
	if open != 0 && openAt+1 > start {
		start = openAt + 1
	}
	return start
}
