package shell

import (
	"errors"
	"regexp"
	"strings"
	"sync"

	"gosh/builtins"
	"gosh/parser"
)

// This file evaluates bash's conditional command [[ expr ]]. Words inside
// are expanded without field splitting or pathname expansion; the right
// of == and != is a pattern (quoted parts match literally), the right of
// =~ an extended regular expression (quoted parts match literally), whose
// match and groups go to BASH_REMATCH.

// condError is a [[ ]] error: the status is 2, as in bash.
type condError struct{ msg string }

func (e *condError) Error() string { return e.msg }

// runTestCmd runs [[ expr ]]: 0 when true, 1 when false, 2 on an error.
func (sh *Shell) runTestCmd(c *parser.TestCmd) (int, error) {
	ok, err := sh.evalCond(c.Expr)
	if err != nil {
		if ce, isCond := err.(*condError); isCond {
			if ce.msg != "" {
				sh.errorf("%s", ce.msg)
			}
			return 2, nil
		}
		if ae, isArith := err.(*condArithError); isArith {
			sh.errorf("[[: %s", ae.err.Msg)
			return 1, nil
		}
		// An expansion that fails ([[ $((1/0)) ]], ${x?}) fails as it
		// would in any command: the rest of the line is abandoned.
		return sh.expansionFailed(err)
	}
	if ok {
		return 0, nil
	}
	return 1, nil
}

// condArithError is an operand of -eq and the like whose arithmetic
// fails ([[ 1/0 -eq 1 ]]): an error of the test only, which fails with
// status 1, as in bash.
type condArithError struct{ err *ExpansionError }

func (e *condArithError) Error() string { return e.err.Error() }

// condArith evaluates an operand of -eq and the like.
func (sh *Shell) condArith(s string) (int64, error) {
	n, err := sh.evalArith(s)
	if ee, ok := err.(*ExpansionError); ok && !ee.Unset {
		return 0, &condArithError{ee}
	}
	return n, err
}

// evalCond evaluates one node of a [[ ]] expression.
func (sh *Shell) evalCond(e parser.TestExpr) (bool, error) {
	switch e := e.(type) {
	case *parser.TestWord:
		s, err := sh.expandString(e.Word)
		if err == nil && sh.Opts.Xtrace {
			sh.xtraceLine(sh.condTracePrefix() + "-n " + shellQuote(s) + " ]]")
		}
		return s != "", err
	case *parser.TestParen:
		return sh.evalCond(e.X)
	case *parser.TestUnary:
		if e.Op == "!" {
			if condLeaf(e.X) {
				// set -x shows "[[ ! -f x ]]" for a ! right before a test.
				sh.specials.condBang = !sh.specials.condBang
			}
			ok, err := sh.evalCond(e.X)
			sh.specials.condBang = false
			return !ok, err
		}
		s, err := sh.condOperand(e.X)
		if err != nil {
			return false, err
		}
		if sh.Opts.Xtrace {
			sh.xtraceLine(sh.condTracePrefix() + e.Op + " " + shellQuote(s) + " ]]")
		}
		return sh.unaryTest(e.Op, s)
	case *parser.TestBinary:
		return sh.binaryCond(e)
	}
	return false, &condError{"conditional expression: unknown node"}
}

// condOperand expands an operand of a test operator to one string.
func (sh *Shell) condOperand(e parser.TestExpr) (string, error) {
	if w, ok := e.(*parser.TestWord); ok {
		return sh.expandString(w.Word)
	}
	return "", &condError{"conditional binary operator expected"}
}

func (sh *Shell) binaryCond(e *parser.TestBinary) (bool, error) {
	switch e.Op {
	case "&&":
		ok, err := sh.evalCond(e.X)
		if err != nil || !ok {
			return false, err
		}
		return sh.evalCond(e.Y)
	case "||":
		ok, err := sh.evalCond(e.X)
		if err != nil || ok {
			return ok, err
		}
		return sh.evalCond(e.Y)
	}
	x, err := sh.condOperand(e.X)
	if err != nil {
		return false, err
	}
	switch e.Op {
	case "==", "=", "!=":
		w, ok := e.Y.(*parser.TestWord)
		if !ok {
			return false, &condError{"conditional binary operator expected"}
		}
		pat, err := sh.expandPattern(w.Word, true) // extended patterns always, as bash
		if err != nil {
			return false, err
		}
		if sh.Opts.Xtrace {
			sh.xtraceLine(sh.condTracePrefix() + shellQuote(x) + " " + e.Op + " " + pat + " ]]")
		}
		return sh.matchCase(pat, x) == (e.Op != "!="), nil
	case "=~":
		w, ok := e.Y.(*parser.TestWord)
		if !ok {
			return false, &condError{"conditional binary operator expected"}
		}
		return sh.regexMatch(x, w.Word)
	}
	y, err := sh.condOperand(e.Y)
	if err != nil {
		return false, err
	}
	if sh.Opts.Xtrace {
		sh.xtraceLine(sh.condTracePrefix() + shellQuote(x) + " " + e.Op + " " + shellQuote(y) + " ]]")
	}
	switch e.Op {
	case "<":
		return x < y, nil
	case ">":
		return x > y, nil
	case "-eq", "-ne", "-lt", "-le", "-gt", "-ge":
		// In [[ ]] the operands are arithmetic expressions, as in bash.
		a, err := sh.condArith(x)
		if err != nil {
			return false, err
		}
		b, err := sh.condArith(y)
		if err != nil {
			return false, err
		}
		return compareInts(e.Op, a, b), nil
	case "-nt", "-ot", "-ef":
		return builtins.BinaryTest(e.Op, x, y, sh)
	}
	return false, &condError{"unexpected operator `" + e.Op + "' in conditional command"}
}

func compareInts(op string, a, b int64) bool {
	switch op {
	case "-eq":
		return a == b
	case "-ne":
		return a != b
	case "-lt":
		return a < b
	case "-le":
		return a <= b
	case "-gt":
		return a > b
	}
	return a >= b
}

// regexMatch is "x =~ re". The unquoted parts of the word are the regular
// expression; quoted parts match themselves. On a match BASH_REMATCH holds
// the whole match and each group.
func (sh *Shell) regexMatch(x string, w *parser.Word) (bool, error) {
	var b strings.Builder
	for i, p := range w.Parts {
		if lit, ok := p.(*parser.Lit); ok && i == 0 && strings.HasPrefix(lit.Value, "~") {
			// A tilde prefix expands to a literal string, as if quoted
			// (bash): HOME='^a$'; [[ $HOME =~ ~ ]] is true.
			prefix, rest, _ := strings.Cut(lit.Value, "/")
			home, err := sh.expandString(&parser.Word{Parts: []parser.WordPart{&parser.Lit{Value: prefix}}, Pos: w.Pos})
			if err != nil {
				return false, err
			}
			if home != prefix {
				b.WriteString(regexp.QuoteMeta(home))
				if len(prefix) < len(lit.Value) {
					b.WriteString("/" + rest)
				}
				continue
			}
		}
		part := &parser.Word{Parts: []parser.WordPart{p}, Pos: w.Pos}
		s, err := sh.expandString(part)
		if err != nil {
			return false, err
		}
		switch p.(type) {
		case *parser.SglQuoted, *parser.DblQuoted, *parser.Escaped:
			b.WriteString(regexp.QuoteMeta(s))
		default:
			b.WriteString(s)
		}
	}
	if sh.Opts.Xtrace {
		sh.xtraceLine(sh.condTracePrefix() + shellQuote(x) + " =~ " + b.String() + " ]]")
	}
	src := b.String()
	if sh.Opts.Shopt.Nocasematch {
		src = "(?i)" + src // Go's flag syntax: compileRegex falls back to it
	}
	re, err := sh.compileRegex(src)
	if err != nil {
		// bash: an invalid regular expression makes [[ ]] return 2,
		// without a word.
		return false, &condError{}
	}
	m := re.FindStringSubmatch(x)
	if m == nil {
		sh.setRematch(nil)
		return false, nil
	}
	sh.setRematch(m)
	return true, nil
}

// compileRegex compiles a POSIX extended regular expression, with
// leftmost-longest matching as regexec(3) does; Go's Perl-like syntax is
// the fallback for what POSIX syntax rejects (\w, \s, \d as GNU and
// people expect). Compiled expressions are kept for the next pass of a
// loop.
func (sh *Shell) compileRegex(src string) (*regexp.Regexp, error) {
	if re, ok := regexCache.get(src); ok {
		return re, nil
	}
	src, ok := posixIntervals(src)
	if !ok {
		return nil, errBadInterval
	}
	re, err := regexp.CompilePOSIX(src)
	if err != nil {
		re, err = regexp.Compile(src)
		if err != nil {
			return nil, err
		}
		re.Longest()
	}
	regexCache.put(src, re)
	return re, nil
}

// errBadInterval is a '{' that starts no valid interval.
var errBadInterval = errors.New("invalid interval")

// posixIntervals checks the '{' of an extended regular expression as
// regcomp(3) does, where Go would take a bad one literally: each unquoted
// '{' outside a bracket expression must follow something to repeat and
// start an interval {m}, {m,}, {m,n}, {,n} or {,}; an empty m is written
// 0 for Go. ok is false for a bad one ("a{", "^{", "{1}"), which makes
// [[ =~ ]] return 2 as in bash.
func posixIntervals(src string) (string, bool) {
	if !strings.Contains(src, "{") {
		return src, true
	}
	var b strings.Builder
	canRepeat := false // a previous atom that an interval may follow
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src):
			b.WriteString(src[i : i+2])
			i++
			canRepeat = true
		case c == '[':
			// A bracket expression: a ] right after [ or [^ is a member.
			j := i + 1
			if j < len(src) && src[j] == '^' {
				j++
			}
			if j < len(src) && src[j] == ']' {
				j++
			}
			for j < len(src) && src[j] != ']' {
				if src[j] == '[' && j+1 < len(src) && strings.IndexByte(":.=", src[j+1]) >= 0 {
					if k := strings.Index(src[j+2:], string(src[j+1])+"]"); k >= 0 {
						j += k + 4
						continue
					}
				}
				j++
			}
			if j >= len(src) {
				return src, true // unterminated: the compiler reports it
			}
			b.WriteString(src[i : j+1])
			i = j
			canRepeat = true
		case c == '{':
			end := strings.IndexByte(src[i:], '}')
			if !canRepeat || end < 0 {
				return "", false
			}
			body := src[i+1 : i+end]
			lo, hi, comma := strings.Cut(body, ",")
			if !allDigits(lo) || !allDigits(hi) || !comma && lo == "" {
				return "", false
			}
			if lo == "" {
				lo = "0"
			}
			b.WriteString("{" + lo)
			if comma {
				b.WriteString("," + hi)
			}
			b.WriteByte('}')
			i += end
			canRepeat = true // glibc takes a{1}{2} too
		default:
			b.WriteByte(c)
			canRepeat = !(c == '(' || c == '|' || c == '^')
		}
	}
	return b.String(), true
}

// allDigits reports whether s is made of decimal digits only ("" is).
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// setRematch sets BASH_REMATCH to the match and its groups, an empty
// array when there is no match (as bash).
func (sh *Shell) setRematch(m []string) {
	if m == nil {
		m = []string{}
	}
	setRematchVar(sh, m)
}

// unaryTest evaluates a unary operator of [[ ]] on an expanded operand,
// with the test builtin's own code (builtins.UnaryTest): -z, -n, -v, -o,
// -t on the user's fd, and the file tests on paths relative to the
// shell's directory.
func (sh *Shell) unaryTest(op, s string) (bool, error) {
	if !builtins.IsUnaryTestOp(op) {
		return false, &condError{"unexpected operator `" + op + "' in conditional command"}
	}
	return builtins.UnaryTest(sh, op, s), nil
}

// regexCache keeps compiled regular expressions by their text. Copies of
// the shell run on goroutines, hence the lock; the cache is bounded by
// starting afresh when full. Its map is made at the first put, not at
// every start of gosh.
var regexCache = &regexTable{}

type regexTable struct {
	mu sync.Mutex
	m  map[string]*regexp.Regexp
}

func (t *regexTable) get(src string) (*regexp.Regexp, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	re, ok := t.m[src]
	return re, ok
}

func (t *regexTable) put(src string, re *regexp.Regexp) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil || len(t.m) >= 256 {
		t.m = map[string]*regexp.Regexp{}
	}
	t.m[src] = re
}

// setRematchVar stores a =~ match in the indexed array BASH_REMATCH: the
// whole match at 0, each group after it.
func setRematchVar(sh *Shell, m []string) {
	sh.Vars.Unset("BASH_REMATCH")
	sh.Vars.SetArray("BASH_REMATCH", m, false)
}

// condLeaf reports whether x is one test (not a group or && ||): set -x
// shows a ! written before it on its line.
func condLeaf(x parser.TestExpr) bool {
	switch x := x.(type) {
	case *parser.TestWord, *parser.TestUnary:
		return true
	case *parser.TestBinary:
		return x.Op != "&&" && x.Op != "||"
	}
	return false
}

// condTracePrefix starts a set -x line of [[ ]]: "[[ ", or "[[ ! " when
// the test is negated (condBang, which it clears).
func (sh *Shell) condTracePrefix() string {
	if sh.specials.condBang {
		sh.specials.condBang = false
		return "[[ ! "
	}
	return "[[ "
}
