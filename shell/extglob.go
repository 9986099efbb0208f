package shell

// This file is the part of the pattern matcher that knows bash's extended
// patterns (shopt -s extglob), ksh's pattern lists:
//
//	?(list)  zero or one of the patterns
//	*(list)  zero or more of them
//	+(list)  one or more of them
//	@(list)  exactly one of them
//	!(list)  anything except one of them
//
// where list is one or more patterns separated by '|', themselves
// possibly extended. matchPattern (glob.go) matches a pattern without
// groups itself; one with a group is compiled here into a small
// nondeterministic automaton (Thompson's construction) and run over the
// characters of the name once, keeping the set of states alive at each
// position, so *(a|aa) against a long string costs its length times the
// pattern's size, never the exponential time of backtracking. !(list) is
// the one operator an automaton of this kind cannot express directly: at
// the position where it starts, the automaton of list is run on the rest
// of the name to learn where a match of list could end, and the negation
// continues at every other position (remembered per start, so each start
// is run once).
//
// The pattern language is the same everywhere: callers for whom extglob is
// off escape every unquoted '(' (plainPattern), so that no group forms.

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// isExtOp reports whether c opens a group when a '(' follows it.
func isExtOp(c byte) bool { return c == '?' || c == '*' || c == '+' || c == '@' || c == '!' }

// hasExtGroup reports whether pattern holds an extended group: an
// unescaped ?( *( +( @( or !( with a ')' that closes it.
func hasExtGroup(pattern string) bool {
	for i := 0; i+1 < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '\\':
			i++
		case c == '[':
			if _, width, valid := matchBracket(pattern[i:], 0); valid {
				i += width - 1
			}
		case isExtOp(c) && pattern[i+1] == '(' && groupEnd(pattern, i+2) >= 0:
			return true
		}
	}
	return false
}

// groupEnd returns the index of the ')' that closes the group whose list
// starts at index i, or -1 when none does (the group is then literal
// text, as in bash). Brackets and escapes inside are skipped: @([)]|x)
// and @(\)|x) are groups of two patterns. A '[' that no ']' closes
// leaves the group open to the end, so *(a|b[) is no group (bash).
func groupEnd(pattern string, i int) int {
	depth := 0
	for ; i < len(pattern); i++ {
		switch pattern[i] {
		case '\\':
			i++
		case '[':
			_, width, valid := matchBracket(pattern[i:], 0)
			if !valid {
				return -1
			}
			i += width - 1
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

// plainPattern is pattern with extglob off: every '(' is escaped, so that
// ?( *( +( @( !( are the characters they are.
func plainPattern(pattern string) string {
	if !strings.Contains(pattern, "(") {
		return pattern
	}
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		if c == '\\' && i+1 < len(pattern) {
			b.WriteString(pattern[i : i+2])
			i++
			continue
		}
		if c == '(' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Instructions of a compiled pattern.
const (
	instRune  = iota // the character r
	instAny          // any one character (?)
	instClass        // a character of the bracket expression class
	instSplit        // go on at x and at y
	instJmp          // go on at x
	instNot          // !(list): sub must not match what comes next
	instMatch        // the pattern matched
)

type patInst struct {
	op    int
	r     rune
	class string // instClass: the bracket expression, brackets included
	x, y  int
	sub   *patProg // instNot: @(list) as a program of its own
}

// patProg is a compiled pattern: an automaton whose states are the
// instructions, which start at 0.
type patProg struct {
	inst []patInst
	fold bool // letters match either case (nocasematch, nocaseglob)
}

// patNode is one element of a parsed pattern.
type patNode struct {
	kind  byte // 'c' a character, '?', '*', '[' a bracket expression, 'g' a group
	r     rune
	class string
	op    byte        // a group's operator: ? * + @ !
	alts  [][]patNode // a group's patterns
}

// parseExt parses pattern[i:] up to the end, or, inside a group (end >=
// 0), up to end: a '|' at the group's own level separates its patterns.
func parseExt(pattern string, i, end int) (alts [][]patNode) {
	inGroup := end >= 0
	if !inGroup {
		end = len(pattern)
	}
	var seq []patNode
	for i < end {
		c := pattern[i]
		switch {
		case c == '|' && inGroup:
			alts = append(alts, seq)
			seq = nil
			i++
			continue
		case isExtOp(c) && i+1 < end && pattern[i+1] == '(':
			if close := groupEnd(pattern, i+2); close >= 0 && close < end {
				seq = append(seq, patNode{kind: 'g', op: c, alts: parseExt(pattern, i+2, close)})
				i = close + 1
				continue
			}
		}
		switch c {
		case '*':
			seq = append(seq, patNode{kind: '*'})
			i++
			continue
		case '?':
			seq = append(seq, patNode{kind: '?'})
			i++
			continue
		case '[':
			if _, width, valid := matchBracket(pattern[i:end], 0); valid {
				seq = append(seq, patNode{kind: '[', class: pattern[i : i+width]})
				i += width
				continue
			}
		case '\\':
			if i+1 < end {
				r, n := utf8.DecodeRuneInString(pattern[i+1:])
				seq = append(seq, patNode{kind: 'c', r: r})
				i += 1 + n
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(pattern[i:])
		seq = append(seq, patNode{kind: 'c', r: r})
		i += n
	}
	return append(alts, seq)
}

// compileExt compiles a pattern with groups.
func compileExt(pattern string, fold bool) *patProg {
	p := &patProg{fold: fold}
	p.alts(parseExt(pattern, 0, -1))
	p.emit(patInst{op: instMatch})
	return p
}

func (p *patProg) emit(in patInst) int {
	p.inst = append(p.inst, in)
	return len(p.inst) - 1
}

// alts emits code that matches one of alts.
func (p *patProg) alts(alts [][]patNode) {
	var jumps []int
	for k, seq := range alts {
		split := -1
		if k < len(alts)-1 {
			split = p.emit(patInst{op: instSplit})
			p.inst[split].x = len(p.inst)
		}
		p.seq(seq)
		if k < len(alts)-1 {
			jumps = append(jumps, p.emit(patInst{op: instJmp}))
			p.inst[split].y = len(p.inst)
		}
	}
	for _, j := range jumps {
		p.inst[j].x = len(p.inst)
	}
}

// seq emits code that matches the nodes one after the other.
func (p *patProg) seq(seq []patNode) {
	for _, n := range seq {
		switch n.kind {
		case 'c':
			p.emit(patInst{op: instRune, r: n.r})
		case '?':
			p.emit(patInst{op: instAny})
		case '[':
			p.emit(patInst{op: instClass, class: n.class})
		case '*':
			loop := p.emit(patInst{op: instSplit})
			p.inst[loop].x = p.emit(patInst{op: instAny})
			p.emit(patInst{op: instJmp, x: loop})
			p.inst[loop].y = len(p.inst)
		case 'g':
			p.group(n)
		}
	}
}

// group emits one group. The loops of * and + may go round without
// consuming anything (*(|a)); the run's closure visits each state once per
// position, so they end.
func (p *patProg) group(n patNode) {
	switch n.op {
	case '@':
		p.alts(n.alts)
	case '?':
		split := p.emit(patInst{op: instSplit})
		p.inst[split].x = len(p.inst)
		p.alts(n.alts)
		p.inst[split].y = len(p.inst)
	case '*':
		loop := p.emit(patInst{op: instSplit})
		p.inst[loop].x = len(p.inst)
		p.alts(n.alts)
		p.emit(patInst{op: instJmp, x: loop})
		p.inst[loop].y = len(p.inst)
	case '+':
		start := len(p.inst)
		p.alts(n.alts)
		split := p.emit(patInst{op: instSplit, x: start})
		p.inst[split].y = len(p.inst)
	case '!':
		sub := &patProg{fold: p.fold}
		sub.alts(n.alts)
		sub.emit(patInst{op: instMatch})
		p.emit(patInst{op: instNot, sub: sub})
	}
}

// patRun is one match of a program against a name: the ends of the !(...)
// sub-programs already worked out, by program, instruction and start.
type patRun struct {
	name string
	nots map[notKey][]bool
}

type notKey struct {
	prog      *patProg
	pc, start int
}

// matches reports whether the program matches all of name.
func (p *patProg) matches(name string) bool {
	run := &patRun{name: name}
	return p.ends(run, 0)[len(name)]
}

// ends runs the program on name from byte offset start and returns, for
// each offset from start to the end, whether a match can end there
// (index k is offset start+k). The run stops as soon as no state is alive.
func (p *patProg) ends(run *patRun, start int) []bool {
	name := run.name
	out := make([]bool, len(name)-start+1)
	seen := make([]int, len(p.inst)) // generation in which a state was added
	gen := 1
	var pending map[int][]int // offset -> states a !(...) continues at
	maxPending := -1
	var list, next []int
	var add func(pc, pos int, to *[]int)
	add = func(pc, pos int, to *[]int) {
		for {
			if seen[pc] == gen {
				return
			}
			seen[pc] = gen
			in := &p.inst[pc]
			switch in.op {
			case instJmp:
				pc = in.x
				continue
			case instSplit:
				add(in.x, pos, to)
				pc = in.y
				continue
			case instMatch:
				out[pos-start] = true
				return
			case instNot:
				subEnds := run.notEnds(p, pc, pos)
				for j := pos + 1; j <= len(name); j++ {
					if j < len(name) && !utf8.RuneStart(name[j]) || subEnds[j-pos] {
						continue
					}
					if pending == nil {
						pending = make(map[int][]int)
					}
					pending[j] = append(pending[j], pc+1)
					maxPending = max(maxPending, j)
				}
				if subEnds[0] {
					return
				}
				pc++ // the empty string is no match of the list
				continue
			default:
				*to = append(*to, pc)
				return
			}
		}
	}
	add(0, start, &list)
	for pos := start; pos < len(name); {
		if len(list) == 0 && maxPending <= pos {
			break
		}
		r, size := utf8.DecodeRuneInString(name[pos:])
		npos := pos + size
		gen++
		next = next[:0]
		for _, pc := range pending[npos] {
			add(pc, npos, &next)
		}
		delete(pending, npos)
		for _, pc := range list {
			if p.step(pc, r) {
				add(pc+1, npos, &next)
			}
		}
		list, next = next, list
		pos = npos
	}
	return out
}

// extEnds is where in s a match of pattern (which has an extended group)
// that starts at byte offset start can end: ends[j-start] for offset j.
func extEnds(pattern, s string, start int) []bool {
	return extProgram(pattern, false).ends(&patRun{name: s}, start)
}

// notEnds is where a match of the !(...) at instruction pc of prog could
// end when it starts at offset start: everywhere its list cannot.
func (run *patRun) notEnds(prog *patProg, pc, start int) []bool {
	key := notKey{prog, pc, start}
	if e, ok := run.nots[key]; ok {
		return e
	}
	e := prog.inst[pc].sub.ends(run, start)
	if run.nots == nil {
		run.nots = make(map[notKey][]bool)
	}
	run.nots[key] = e
	return e
}

// step reports whether the state pc consumes the character r.
func (p *patProg) step(pc int, r rune) bool {
	in := &p.inst[pc]
	switch in.op {
	case instAny:
		return true
	case instRune:
		return in.r == r || p.fold && unicode.ToLower(in.r) == unicode.ToLower(r)
	case instClass:
		if m, _, _ := matchBracket(in.class, r); m {
			return true
		}
		if p.fold {
			if m, _, _ := matchBracket(in.class, unicode.ToLower(r)); m {
				return true
			}
			m, _, _ := matchBracket(in.class, unicode.ToUpper(r))
			return m
		}
	}
	return false
}

// extCache keeps the programs of recent patterns: a pattern is usually
// matched many times in a row (every name of a directory, every position
// of ${x##pat}).
var extCache struct {
	sync.Mutex
	progs map[extKey]*patProg
}

type extKey struct {
	pattern string
	fold    bool
}

// extProgram returns the compiled program of pattern.
func extProgram(pattern string, fold bool) *patProg {
	key := extKey{pattern, fold}
	extCache.Lock()
	defer extCache.Unlock()
	if p, ok := extCache.progs[key]; ok {
		return p
	}
	if extCache.progs == nil || len(extCache.progs) >= 256 {
		extCache.progs = make(map[extKey]*patProg)
	}
	p := compileExt(pattern, fold)
	extCache.progs[key] = p
	return p
}

// leadingDot reports whether a pattern can match a leading '.'
// explicitly, which a name starting with '.' needs (unless dotglob): it
// starts with '.', or with a group one of whose patterns does (for ?(
// and *( also what follows the group, which may match first). A !(...)
// never does, as in bash.
func leadingDot(pattern string) bool {
	if strings.HasPrefix(pattern, ".") || strings.HasPrefix(pattern, `\.`) {
		return true
	}
	if len(pattern) < 2 || !isExtOp(pattern[0]) || pattern[1] != '(' || pattern[0] == '!' {
		return false
	}
	close := groupEnd(pattern, 2)
	if close < 0 {
		return false
	}
	for _, alt := range splitAlts(pattern[2:close]) {
		if leadingDot(alt) {
			return true
		}
	}
	return (pattern[0] == '?' || pattern[0] == '*') && leadingDot(pattern[close+1:])
}

// splitAlts cuts a group's list at the '|'s of its own level.
func splitAlts(list string) []string {
	var out []string
	depth, from := 0, 0
	for i := 0; i < len(list); i++ {
		switch list[i] {
		case '\\':
			i++
		case '[':
			if _, width, valid := matchBracket(list[i:], 0); valid {
				i += width - 1
			}
		case '(':
			depth++
		case ')':
			depth--
		case '|':
			if depth == 0 {
				out = append(out, list[from:i])
				from = i + 1
			}
		}
	}
	return append(out, list[from:])
}
