package parser

import "strings"

// CompletionContext describes the word the cursor is in, for the line
// editor's tab completion.
type CompletionContext struct {
	Prefix     string // the partial word at the end of src, quotes and backslashes removed
	Start      int    // byte offset in src where that raw word starts ('$' of a Var)
	Quote      byte   // 0, '\'' or '"': the quote the word is still inside
	CommandPos bool   // the word is in command-name position (start of line, after | && || ; & ( ! or after assignments)
	Command    string // when not CommandPos: the command name of the current simple command
	Var        bool   // the partial word is "$NAME" / "${NAME": Prefix then holds the NAME prefix
	CmdStart   int    // byte offset in src where the current command starts: its first word after the last ; & | ( or newline
}

// CompletionAt analyses src, the text before the cursor. It never fails:
// unlike Parse it accepts any text, since the line is being typed. Inside
// an unclosed $( or ` it analyses the inner command line.
//
// When Var is set, Start is the offset of the '$' (text before it in the
// same word, as in "dir/$HO", is kept by the editor).
func CompletionAt(src string) CompletionContext {
	cmdPos := true       // the next word is a command name
	command := ""        // the current simple command's name
	redirTarget := false // the next word is a redirection target
	// afterCoproc: the last word was "coproc"; maybeName: the word after
	// it, which was a coproc's NAME if a '{', if, while ... follows.
	afterCoproc, maybeName := false, false
	cmdStart, newCmd := 0, true // where the current command starts; newCmd: at its first word
	i := 0
	for {
		// Blanks and line continuations between words.
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || (src[i] == '\\' && i+1 < len(src) && src[i+1] == '\n')) {
			if src[i] == '\\' {
				i++
			}
			i++
		}
		if newCmd {
			cmdStart, newCmd = i, false
		}
		if i >= len(src) {
			ctx := CompletionContext{Start: len(src), CommandPos: cmdPos && !redirTarget, CmdStart: cmdStart}
			if !ctx.CommandPos {
				ctx.Command = command
			}
			return ctx
		}
		c := src[i]
		switch {
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			if i >= len(src) { // the cursor is in a comment: nothing to complete
				return CompletionContext{Start: len(src)}
			}
		case strings.HasPrefix(src[i:], "&>"):
			i += 2
			if i < len(src) && src[i] == '>' {
				i++
			}
			redirTarget = true
		case c == '\n' || c == ';' || c == '&' || c == '|' || c == '(':
			i++
			cmdPos, command, redirTarget = true, "", false
			newCmd = true
		case c == ')':
			i++
			cmdPos = false
		case c == '<' || c == '>' || ioNumberAt(src, i):
			i = skipWhile(src, i, isDigit)
			i++ // < or >
			if i < len(src) && strings.IndexByte("<>&|-", src[i]) >= 0 {
				i++
			}
			if i < len(src) && src[i] == '-' { // <<-
				i++
			}
			redirTarget = true
		default:
			end, nested := scanCompletionWord(src, i)
			if nested >= 0 {
				inner := CompletionAt(src[nested:])
				inner.Start += nested
				inner.CmdStart += nested
				return inner
			}
			if end >= len(src) {
				ctx := completeWord(src, i, cmdPos && !redirTarget, command)
				ctx.CmdStart = cmdStart
				return ctx
			}
			raw := src[i:end]
			i = end
			isCoproc := cmdPos && !redirTarget && raw == "coproc"
			switch {
			case redirTarget:
				redirTarget = false
			case maybeName && commandStarters(raw):
				cmdPos, command = true, "" // "coproc NAME { cmd"
			case !cmdPos:
			case isAssignText(raw) || commandStarters(raw):
				// still in command-name position
			default:
				cmdPos = false
				command, _ = unquoteDelim(raw)
			}
			maybeName, afterCoproc = afterCoproc && !cmdPos, isCoproc
		}
	}
}

// commandStarters reports whether s is a reserved word after which a
// command name comes.
func commandStarters(s string) bool {
	switch s {
	case "!", "if", "then", "elif", "else", "while", "until", "do", "{", "coproc":
		return true
	}
	return false
}

// ioNumberAt reports whether digits at i are followed by < or >.
func ioNumberAt(src string, i int) bool {
	j := skipWhile(src, i, isDigit)
	return j > i && j < len(src) && (src[j] == '<' || src[j] == '>')
}

// isAssignText reports whether a raw word starts with NAME=.
func isAssignText(raw string) bool {
	eq := strings.IndexByte(raw, '=')
	return eq > 0 && IsName(raw[:eq])
}

// scanCompletionWord finds the end of the word starting at i. If the text
// ends inside an unclosed $( or backquote, nested is the offset where the
// inner command line starts; otherwise it is -1.
func scanCompletionWord(src string, i int) (end, nested int) {
	quote := byte(0)
	j := i
	for j < len(src) {
		c := src[j]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
			j++
		case c == '\\':
			j += 2
		case c == '"' && quote == '"':
			quote = 0
			j++
		case (c == '\'' || c == '"') && quote == 0:
			quote = c
			j++
		case quote == 0 && isMeta(c):
			return j, -1
		case c == '`':
			k := skipBackquote(src, j+1)
			if k < 0 {
				return len(src), j + 1
			}
			j = k
		case c == '$' && j+1 < len(src) && src[j+1] == '(':
			k := skipParens(src, j+2)
			if k < 0 {
				start := j + 2
				if start < len(src) && src[start] == '(' {
					start++ // $(( arithmetic: complete variable names in it
				}
				return len(src), start
			}
			j = k
		default:
			j++
		}
	}
	return min(j, len(src)), -1
}

// skipBackquote returns the index just past the backquote closing one
// opened before i, or -1.
func skipBackquote(src string, i int) int {
	for ; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '`':
			return i + 1
		}
	}
	return -1
}

// skipParens returns the index just past the ')' matching a '(' opened
// before i, or -1.
func skipParens(src string, i int) int {
	depth := 1
	for ; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '\'':
			k := strings.IndexByte(src[i+1:], '\'')
			if k < 0 {
				return -1
			}
			i += k + 1
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
			if i >= len(src) {
				return -1
			}
		case '`':
			k := skipBackquote(src, i+1)
			if k < 0 {
				return -1
			}
			i = k - 1
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// completeWord describes the unfinished word src[start:].
func completeWord(src string, start int, cmdPos bool, command string) CompletionContext {
	raw := src[start:]
	ctx := CompletionContext{Start: start, CommandPos: cmdPos}
	if cmdPos && isAssignText(raw) {
		// NAME=value: complete the value, which is not a command name.
		eq := strings.IndexByte(raw, '=') + 1
		raw, start = raw[eq:], start+eq
		ctx.Start, ctx.CommandPos = start, false
	}
	ctx.Prefix, ctx.Quote = unquotePartial(raw)
	if !ctx.CommandPos {
		ctx.Command = command
	}
	// A trailing $NAME or ${NAME, outside single quotes and not escaped.
	if ctx.Quote != '\'' {
		j := len(raw)
		for j > 0 && isNameChar(raw[j-1]) {
			j--
		}
		name := raw[j:]
		if j > 0 && raw[j-1] == '{' && j > 1 && raw[j-2] == '$' {
			j -= 2
		} else if j > 0 && raw[j-1] == '$' {
			j--
		} else {
			j = -1
		}
		if j >= 0 && (name == "" || isNameStart(name[0])) && !EndsInBackslash(raw[:j]) {
			ctx.Var = true
			ctx.Prefix = name
			ctx.Start = start + j
		}
	}
	return ctx
}

// unquotePartial removes quotes and backslashes from an unfinished word and
// reports the quote still open at its end.
func unquotePartial(raw string) (string, byte) {
	var b strings.Builder
	quote := byte(0)
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			} else {
				b.WriteByte(c)
			}
		case c == '\\':
			if i+1 < len(raw) {
				i++
				n := raw[i]
				if quote == '"' && strings.IndexByte("$`\"\\\n", n) < 0 {
					b.WriteByte('\\')
				}
				if n != '\n' {
					b.WriteByte(n)
				}
			}
		case c == '"':
			if quote == '"' {
				quote = 0
			} else {
				quote = '"'
			}
		case c == '\'' && quote == 0:
			quote = '\''
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), quote
}

// UnquotePartial removes quotes and backslashes from an unfinished word,
// as CompletionAt does for Prefix, and reports the quote still open at
// its end.
func UnquotePartial(raw string) (string, byte) { return unquotePartial(raw) }
