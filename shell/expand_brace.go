package shell

// This file is bash's brace expansion, which comes before every other
// expansion: a{b,c}d is abd acd, {1..5} counts, {a..e} runs through
// letters, {01..10..3} pads and steps. Only unquoted literal braces and
// commas count: quoted ones, and everything an expansion produces later,
// are plain text. "{}" and "{a}" (no comma, no valid sequence) stay as
// they are.

import (
	"math"
	"strconv"
	"strings"

	"gosh/parser"
)

// braceTok is one unit of a word for brace expansion: a byte of unquoted
// literal text, or a whole other part (quoted text, an expansion).
type braceTok struct {
	c    byte
	part parser.WordPart // nil for a literal byte
}

func (t braceTok) is(c byte) bool { return t.part == nil && t.c == c }

// braceExpand returns the words that w brace-expands to: w itself when it
// has no brace expression.
func braceExpand(w *parser.Word) []*parser.Word {
	if !hasBraceLit(w) {
		return []*parser.Word{w}
	}
	var toks []braceTok
	for _, p := range w.Parts {
		if l, ok := p.(*parser.Lit); ok {
			for i := 0; i < len(l.Value); i++ {
				toks = append(toks, braceTok{c: l.Value[i]})
			}
			continue
		}
		toks = append(toks, braceTok{part: p})
	}
	expanded := expandBraceToks(toks)
	out := make([]*parser.Word, len(expanded))
	for i, ts := range expanded {
		out[i] = braceWord(ts, w.Pos)
	}
	return out
}

// plainName reports whether pe is $NAME: no braces, no operator.
func plainName(pe *parser.ParamExp) bool {
	return !pe.Braced && pe.Op == parser.ParamNone && pe.Index == nil && !pe.Length && !pe.Indirect && parser.IsName(pe.Name)
}

// hasBraceLit reports whether an unquoted literal part of w has a '{'.
func hasBraceLit(w *parser.Word) bool {
	for _, p := range w.Parts {
		if l, ok := p.(*parser.Lit); ok && strings.IndexByte(l.Value, '{') >= 0 {
			return true
		}
	}
	return false
}

// braceWord turns tokens back into a word, joining literal bytes.
func braceWord(toks []braceTok, pos parser.Pos) *parser.Word {
	w := &parser.Word{Pos: pos}
	var lit []byte
	flush := func() {
		if len(lit) == 0 {
			return
		}
		// The text is bash's, expanded before the words are read: a
		// $name that letters of an alternative now follow names the
		// longer variable ($var{x,y} is $varx $vary).
		if n := len(w.Parts); n > 0 {
			if pe, ok := w.Parts[n-1].(*parser.ParamExp); ok && plainName(pe) {
				j := 0
				for j < len(lit) && (lit[j] == '_' || 'a' <= lit[j] && lit[j] <= 'z' || 'A' <= lit[j] && lit[j] <= 'Z' || '0' <= lit[j] && lit[j] <= '9') {
					j++
				}
				if j > 0 {
					w.Parts[n-1] = &parser.ParamExp{Name: pe.Name + string(lit[:j])}
					lit = lit[j:]
				}
			}
		}
		if len(lit) > 0 {
			w.Parts = append(w.Parts, &parser.Lit{Value: string(lit)})
			lit = nil
		}
	}
	for _, t := range toks {
		if t.part == nil {
			lit = append(lit, t.c)
			continue
		}
		flush()
		w.Parts = append(w.Parts, t.part)
	}
	flush()
	return w
}

// expandBraceToks expands the first brace expression of toks, then the
// rest after it, giving the words in bash's order (left to right).
func expandBraceToks(toks []braceTok) [][]braceTok {
	for i := 0; i < len(toks); i++ {
		if !toks[i].is('{') {
			continue
		}
		end, commas := matchBrace(toks, i)
		if end < 0 {
			continue
		}
		var alts [][]braceTok
		if len(commas) > 0 {
			start := i + 1
			for _, c := range append(commas, end) {
				alts = append(alts, expandBraceToks(toks[start:c])...)
				start = c + 1
			}
		} else if seq, ok := braceSequence(toks[i+1 : end]); ok {
			for _, s := range seq {
				alt := make([]braceTok, len(s))
				for k := 0; k < len(s); k++ {
					alt[k] = braceTok{c: s[k]}
				}
				if s == `\` {
					// {Z..a} passes '\', which bash then takes as a
					// quoting backslash: the word is empty.
					alt = []braceTok{{part: &parser.SglQuoted{}}}
				}
				alts = append(alts, alt)
			}
		} else {
			continue // "{a}" or "{}": literal; look for a later one
		}
		pre := toks[:i]
		posts := expandBraceToks(toks[end+1:])
		var out [][]braceTok
		for _, a := range alts {
			for _, p := range posts {
				w := make([]braceTok, 0, len(pre)+len(a)+len(p))
				w = append(append(append(w, pre...), a...), p...)
				out = append(out, w)
			}
		}
		return out
	}
	return [][]braceTok{toks}
}

// matchBrace finds the '}' that closes the '{' at open and the commas at
// its top level; end is -1 when it is not closed.
func matchBrace(toks []braceTok, open int) (end int, commas []int) {
	depth := 0
	for i := open; i < len(toks); i++ {
		switch {
		case toks[i].is('{'):
			depth++
		case toks[i].is('}'):
			depth--
			if depth == 0 {
				return i, commas
			}
		case toks[i].is(',') && depth == 1:
			commas = append(commas, i)
		}
	}
	return -1, nil
}

// braceSequence expands a sequence expression x..y or x..y..step, where x
// and y are both integers or both single letters. Integers written with a
// leading zero pad every result to the same width.
func braceSequence(toks []braceTok) ([]string, bool) {
	var b strings.Builder
	for _, t := range toks {
		if t.part != nil {
			return nil, false
		}
		b.WriteByte(t.c)
	}
	fields := strings.Split(b.String(), "..")
	if len(fields) != 2 && len(fields) != 3 {
		return nil, false
	}
	step := int64(1)
	if len(fields) == 3 {
		n, err := strconv.ParseInt(fields[2], 10, 64)
		if err != nil {
			return nil, false
		}
		if n == math.MinInt64 {
			return nil, false // no positive step: bash leaves it as it is
		}
		if n < 0 {
			n = -n
		}
		if n != 0 {
			step = n
		}
	}
	x, y := fields[0], fields[1]
	if isLetter(x) && isLetter(y) {
		from, to := int64(x[0]), int64(y[0])
		var out []string
		for _, n := range countSeq(from, to, step) {
			out = append(out, string(rune(n)))
		}
		return out, out != nil
	}
	from, err1 := strconv.ParseInt(x, 10, 64)
	to, err2 := strconv.ParseInt(y, 10, 64)
	if err1 != nil || err2 != nil {
		return nil, false
	}
	width := 0
	if padded(x) || padded(y) {
		width = max(len(x), len(y))
	}
	var out []string
	for _, n := range countSeq(from, to, step) {
		s := strconv.FormatInt(n, 10)
		if width > 0 {
			neg := n < 0
			digits := strings.TrimPrefix(s, "-")
			w := width
			if neg {
				w--
			}
			for len(digits) < w {
				digits = "0" + digits
			}
			if neg {
				digits = "-" + digits
			}
			s = digits
		}
		out = append(out, s)
	}
	return out, out != nil
}

// maxBraceSeq bounds how many words one sequence expression may give, so
// that {1..9999999999} cannot exhaust memory; a longer one stays literal.
const maxBraceSeq = 1 << 22

// countSeq counts from from to to (down when to is smaller) by step. It
// gives nil when that would be more than maxBraceSeq numbers.
func countSeq(from, to, step int64) []int64 {
	span := uint64(to - from)
	dir := int64(1)
	if from > to {
		span, dir = uint64(from-to), -1
	}
	n := span/uint64(step) + 1
	if n > maxBraceSeq {
		return nil
	}
	out := make([]int64, n)
	for i := range out {
		out[i] = from + dir*int64(i)*step
	}
	return out
}

func isLetter(s string) bool {
	return len(s) == 1 && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}

// padded reports whether an integer is written with a leading zero.
func padded(s string) bool {
	s = strings.TrimPrefix(s, "-")
	return len(s) > 1 && s[0] == '0'
}
