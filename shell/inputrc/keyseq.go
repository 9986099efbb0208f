package inputrc

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

const (
	esc = 0x1b
	del = 0x7f
)

// ParseKeyseq reads a quoted key sequence, with its quotes ("\C-x\C-r"),
// into the bytes of the keys. The escapes are readline's: \C-x (a control
// key, \C-? is DEL), \M-x (ESC, then x), \e, \\, \", \', \a, \b, \d, \f,
// \n, \r, \t, \v, \nnn (octal) and \xHH (hexadecimal).
func ParseKeyseq(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", errors.New("a key sequence is written in double quotes")
	}
	out, err := unescape(s[1:len(s)-1], true)
	if err != nil {
		return "", err
	}
	if out == "" {
		return "", errors.New("empty key sequence")
	}
	return out, nil
}

// UnescapeMacro reads the text of a macro, between its quotes, with the
// same escapes as a key sequence except \C- and \M-.
func UnescapeMacro(s string) (string, error) { return unescape(s, false) }

// unescape reads backslash escapes; keys says \C- and \M- are allowed.
func unescape(s string, keys bool) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(s) {
			return "", errors.New("a backslash ends the text")
		}
		i++
		c = s[i]
		if keys && (c == 'C' || c == 'M') && i+2 < len(s) && s[i+1] == '-' {
			// \C-x, \M-x, and combined \M-\C-x, \C-\M-x.
			ctrl, meta := false, false
			for i+2 < len(s) && (s[i] == 'C' || s[i] == 'M') && s[i+1] == '-' {
				if s[i] == 'C' {
					ctrl = true
				} else {
					meta = true
				}
				i += 2
				if s[i] == '\\' && i+3 < len(s) && (s[i+1] == 'C' || s[i+1] == 'M') && s[i+2] == '-' {
					i++
				}
			}
			k, n, err := oneKey(s[i:])
			if err != nil {
				return "", err
			}
			i += n - 1
			if ctrl {
				k = control(k)
			}
			if meta {
				b.WriteByte(esc)
			}
			b.WriteByte(k)
			continue
		}
		k, n, err := escaped(s[i:])
		if err != nil {
			return "", err
		}
		i += n - 1
		b.WriteByte(k)
	}
	return b.String(), nil
}

// oneKey reads the key after \C- or \M-: a character or an escape.
func oneKey(s string) (byte, int, error) {
	if s[0] != '\\' {
		return s[0], 1, nil
	}
	if len(s) < 2 {
		return 0, 0, errors.New("a backslash ends the text")
	}
	k, n, err := escaped(s[1:])
	return k, n + 1, err
}

// escaped reads the escape after a backslash: its byte and its length.
func escaped(s string) (byte, int, error) {
	switch c := s[0]; c {
	case 'a':
		return 7, 1, nil
	case 'b':
		return 8, 1, nil
	case 'd':
		return del, 1, nil
	case 'e', 'E':
		return esc, 1, nil
	case 'f':
		return 12, 1, nil
	case 'n':
		return '\n', 1, nil
	case 'r':
		return '\r', 1, nil
	case 't':
		return '\t', 1, nil
	case 'v':
		return 11, 1, nil
	case 'x':
		n := 1
		for n < 3 && n < len(s) && strings.IndexByte("0123456789abcdefABCDEF", s[n]) >= 0 {
			n++
		}
		if n == 1 {
			return 'x', 1, nil
		}
		v, _ := strconv.ParseUint(s[1:n], 16, 8)
		return byte(v), n, nil
	case '0', '1', '2', '3', '4', '5', '6', '7':
		n := 1
		for n < 3 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
			n++
		}
		v, _ := strconv.ParseUint(s[:n], 8, 16)
		return byte(v), n, nil
	default:
		return c, 1, nil // \\ \" \' and any other character stand for themselves
	}
}

// control is the control key of k: C-a and C-A are 1, C-? is DEL.
func control(k byte) byte {
	if k == '?' {
		return del
	}
	if k >= 'a' && k <= 'z' {
		k -= 'a' - 'A'
	}
	return k & 0x1f
}

// keyNames are readline's names of keys, for the unquoted form.
func keyName(name string) (byte, bool) {
	switch strings.ToUpper(name) {
	case "DEL", "RUBOUT":
		return del, true
	case "ESC", "ESCAPE":
		return esc, true
	case "LFD", "NEWLINE":
		return '\n', true
	case "RET", "RETURN":
		return '\r', true
	case "SPACE", "SPC":
		return ' ', true
	case "TAB":
		return '\t', true
	}
	return 0, false
}

// ParseKeyname reads a key written by name, as readline's init file
// allows: Control-u, C-u, Meta-b, M-b, Meta-Control-h, TAB, RET, DEL,
// ESC, SPC, LFD, a single character.
func ParseKeyname(s string) (string, error) {
	rest := s
	ctrl, meta := false, false
	for {
		low := strings.ToLower(rest)
		switch {
		case strings.HasPrefix(low, "control-"):
			ctrl, rest = true, rest[len("control-"):]
			continue
		case strings.HasPrefix(low, "c-") && len(rest) > 2:
			ctrl, rest = true, rest[2:]
			continue
		case strings.HasPrefix(low, "meta-"):
			meta, rest = true, rest[len("meta-"):]
			continue
		case strings.HasPrefix(low, "m-") && len(rest) > 2:
			meta, rest = true, rest[2:]
			continue
		}
		break
	}
	var k byte
	if len(rest) == 1 {
		k = rest[0]
	} else if n, ok := keyName(rest); ok {
		k = n
	} else {
		return "", fmt.Errorf("%s: unknown key name", s)
	}
	if ctrl {
		k = control(k)
	}
	if meta {
		return string([]byte{esc, k}), nil
	}
	return string([]byte{k}), nil
}

// KeyseqString writes keys as bind -p shows them: \C-a for a control
// key, \e for ESC, \C-? for DEL, \\ and \" for a backslash and a quote,
// \ooo (octal) for a byte above 127.
func KeyseqString(keys string) string {
	var b strings.Builder
	for i := 0; i < len(keys); i++ {
		switch c := keys[i]; {
		case c == esc:
			b.WriteString(`\e`)
		case c == del:
			b.WriteString(`\C-?`)
		case c < 0x20:
			b.WriteString(`\C-`)
			if c == 0 || c+'a'-1 > 'z' {
				b.WriteByte(c + '@') // \C-@, \C-\ ...
			} else {
				b.WriteByte(c + 'a' - 1)
			}
		case c == '\\' || c == '"':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c > del:
			fmt.Fprintf(&b, `\%03o`, c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// MacroString writes the text of a macro as bind -s shows it.
func MacroString(text string) string { return KeyseqString(text) }
