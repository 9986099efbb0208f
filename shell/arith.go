package shell

// This file evaluates arithmetic expressions: the text inside $((...))
// (XCU 2.6.4). The language is bash's: C's integer operators on int64
// values, shell variables and array elements (a[i+1]) as operands.
//
// The evaluator is a recursive-descent parser that computes as it parses,
// one function per precedence level, lowest first:
//
//	comma     a , b
//	assign    = *= /= %= += -= <<= >>= &= ^= |=   (right to left)
//	cond      a ? b : c                            (right to left)
//	lor       ||
//	land      &&
//	bor       |
//	bxor      ^
//	band      &
//	equality  == !=
//	relation  < <= > >=
//	shift     << >>
//	additive  + -
//	mult      * / %
//	power     **                                   (right to left)
//	unary     ! ~ - + ++x --x
//	primary   number, name, name[expr], name++, name--, ( comma )
//
// The skipped side of && || and ?: is parsed with noeval set: nothing is
// assigned and division by zero is not an error there.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// maxArithDepth bounds how deeply variables whose values are expressions
// may refer to further variables (x=y y=x would never end).
const maxArithDepth = 1024

// evalArith evaluates an arithmetic expression.
func (sh *Shell) evalArith(expr string) (int64, error) {
	return sh.evalArithDepth(expr, 0)
}

func (sh *Shell) evalArithDepth(expr string, depth int) (int64, error) {
	var toks []arithToken
	if prog := sh.arithProgramFor(expr); prog != nil {
		if prog.root != nil {
			// Compiled (arith_compile.go): the same result, no parsing.
			run := arith{sh: sh, expr: expr, depth: depth}
			v, err := run.run(prog.root)
			if err != nil {
				return 0, err
			}
			return v, nil
		}
		toks = prog.toks
	}
	return sh.interpretArith(expr, depth, toks)
}

// interpretArith evaluates expr as it parses it, from its tokens toks
// (nil: scanning the text as it goes).
func (sh *Shell) interpretArith(expr string, depth int, toks []arithToken) (int64, error) {
	a := &arith{sh: sh, expr: expr, depth: depth, toks: toks}
	a.next()
	if a.tok == tokEOF {
		return 0, nil // an empty expression is 0
	}
	v, err := a.comma()
	if err != nil {
		return 0, err
	}
	switch a.tok {
	case tokEOF:
		return v, nil
	case tokInvalid:
		return 0, a.errorf("syntax error: invalid arithmetic operator")
	}
	return 0, a.errorf("syntax error in expression")
}

// arithTok is the kind of an arithmetic token.
type arithTok int

const (
	tokEOF     arithTok = iota
	tokNum              // 42 0x2a 052 16#2a
	tokName             // a variable name
	tokOp               // an operator or parenthesis; the text is in arith.text
	tokInvalid          // a character that is no token
)

// arith is the state of one evaluation.
type arith struct {
	sh    *Shell
	expr  string
	depth int // how many variable values deep this expression is

	pos      int      // where the scanner continues
	tok      arithTok // the current token
	text     string   // its text
	start    int      // where it starts; kept at the last token at the end
	prevName bool     // the token before it was a name (x++ is postfix)
	noeval   int      // > 0 while parsing a side that is not evaluated

	toks []arithToken // the expression's tokens, scanned once (arithTokens)
	ti   int          // the next one
}

// arithToken is one scanned token with the scanner's state after it.
type arithToken struct {
	tok        arithTok
	text       string
	start, pos int
}

// arithTokens returns the program of expr: its tokens, scanned once and
// kept, and their compiled tree when there is one (arith_compile.go). A
// loop evaluates the same few expressions over and over ("i < 100000",
// "i++"), and scanning was a third of the cost. The token stream depends
// on the text alone, so replaying it is the same as scanning again. It
// returns nil for a text too long to keep.
func arithTokens(expr string) *arithProgram {
	if len(expr) > maxCachedArith {
		return nil
	}
	if prog, ok := arithCache.get(expr); ok {
		return prog
	}
	s := arith{expr: expr}
	var toks []arithToken
	for {
		s.scan()
		toks = append(toks, arithToken{s.tok, s.text, s.start, s.pos})
		if s.tok == tokEOF || s.tok == tokInvalid {
			break
		}
	}
	prog := &arithProgram{toks: toks, root: compileArith(toks)}
	arithCache.put(expr, prog)
	return prog
}

// maxCachedArith is the longest expression whose tokens are kept.
const maxCachedArith = 256

// arithCache maps expression text to its program. Copies of the shell
// evaluate on goroutines, hence the lock; it starts afresh when full. Its
// map is made at the first put, not at every start of gosh.
var arithCache = &arithTokenCache{}

type arithTokenCache struct {
	mu sync.Mutex
	m  map[string]*arithProgram
}

func (c *arithTokenCache) get(expr string) (*arithProgram, bool) {
	c.mu.Lock()
	prog, ok := c.m[expr]
	c.mu.Unlock()
	return prog, ok
}

func (c *arithTokenCache) put(expr string, prog *arithProgram) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= 1024 {
		c.m = map[string]*arithProgram{}
	}
	c.m[expr] = prog
	c.mu.Unlock()
}

// arithOps are the operators, longest first so that the scanner is greedy.
var arithOps = []string{
	"<<=", ">>=",
	"**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
	"*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "++", "--",
	"+", "-", "*", "/", "%", "<", ">", "&", "|", "^", "!", "~", "?", ":", ",", "=", "(", ")",
}

// next moves to the next token: the next one of the tokens scanned
// before (arithTokens), or one scanned now.
func (a *arith) next() {
	if a.ti < len(a.toks) {
		t := &a.toks[a.ti]
		a.ti++
		a.prevName = a.tok == tokName
		a.tok, a.text, a.start, a.pos = t.tok, t.text, t.start, t.pos
		return
	}
	a.scan()
}

// scan scans the next token. At the end of the text, start stays at the
// last real token: bash reports errors at the end from there.
func (a *arith) scan() {
	a.prevName = a.tok == tokName
	for a.pos < len(a.expr) && strings.IndexByte(" \t\n", a.expr[a.pos]) >= 0 {
		a.pos++
	}
	if a.pos >= len(a.expr) {
		a.tok, a.text = tokEOF, ""
		return
	}
	a.start = a.pos
	c := a.expr[a.pos]
	switch {
	case arithDigit(c):
		end := a.pos
		for end < len(a.expr) && (arithAlnum(a.expr[end]) || a.expr[end] == '#' || a.expr[end] == '@' || a.expr[end] == '_') {
			end++
		}
		a.tok, a.text, a.pos = tokNum, a.expr[a.pos:end], end
		return
	case arithAlpha(c) || c == '_':
		end := a.pos
		for end < len(a.expr) && (arithAlnum(a.expr[end]) || a.expr[end] == '_') {
			end++
		}
		// An array element a[expr] is one operand.
		if end < len(a.expr) && a.expr[end] == '[' {
			if close := matchingBracket(a.expr, end); close > 0 {
				end = close + 1
			}
		}
		a.tok, a.text, a.pos = tokName, a.expr[a.pos:end], end
		return
	}
	for _, op := range arithOps {
		if op[0] != c || !strings.HasPrefix(a.expr[a.pos:], op) {
			continue
		}
		if op == "++" || op == "--" {
			// x++ after a name, ++x before one; otherwise a plain + or -.
			rest := strings.TrimLeft(a.expr[a.pos+2:], " \t\n")
			switch {
			case a.prevName:
				op = op + "post"
			case rest != "" && (arithAlpha(rest[0]) || rest[0] == '_'):
				op = op + "pre"
			default:
				op = op[:1]
			}
			a.pos += 1
			if len(op) > 1 {
				a.pos++
			}
			a.tok, a.text = tokOp, op
			return
		}
		a.tok, a.text = tokOp, op
		a.pos += len(op)
		return
	}
	a.tok, a.text = tokInvalid, a.expr[a.pos:a.pos+1]
}

// is reports whether the current token is the operator op.
func (a *arith) is(op string) bool { return a.tok == tokOp && a.text == op }

// errorf reports an error at the current token, worded as bash does:
// "EXPR: MESSAGE (error token is "REST")".
func (a *arith) errorf(msg string) error {
	return a.errorAt(msg, a.start)
}

func (a *arith) errorAt(msg string, at int) error {
	expr := strings.TrimLeft(a.expr, " \t\n")
	token := a.expr[at:]
	if token == "" {
		return expansionError(expr + ": " + msg)
	}
	return expansionError(fmt.Sprintf("%s: %s (error token is %q)", expr, msg, token))
}

// comma: a , b — evaluates both, gives b.
func (a *arith) comma() (int64, error) {
	v, err := a.assign()
	for err == nil && a.is(",") {
		a.next()
		v, err = a.assign()
	}
	return v, err
}

// assignOps gives an assignment operator's binary operator ("" for =);
// ok is false for any other text.
func assignOps(text string) (op string, ok bool) {
	switch text {
	case "=":
		return "", true
	case "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|=":
		return text[:len(text)-1], true
	}
	return "", false
}

// assign: name = value and the compound forms. Looks one token past a name
// to see whether an assignment follows.
func (a *arith) assign() (int64, error) {
	if a.tok == tokName {
		saved := *a
		name := a.text
		a.next()
		if op, ok := assignOps(a.text); ok && a.tok == tokOp {
			opEnd := a.pos
			// x op= y reads x before evaluating y, as bash does.
			var lhs int64
			if op != "" {
				var err error
				if lhs, err = a.variable(name, saved.start); err != nil {
					return 0, err
				}
			}
			a.next()
			rhs, err := a.assign()
			if err != nil {
				return 0, err
			}
			if a.noeval > 0 {
				return rhs, nil
			}
			if err := a.invalidNext(); err != nil {
				return 0, err
			}
			if op != "" {
				if rhs, err = a.binary(op, lhs, rhs, opEnd); err != nil {
					return 0, err
				}
			}
			return rhs, a.setVar(name, rhs)
		}
		*a = saved
	}
	v, err := a.cond()
	if err != nil {
		return 0, err
	}
	if _, ok := assignOps(a.text); ok && a.tok == tokOp {
		return 0, a.errorf("attempted assignment to non-variable")
	}
	return v, nil
}

// cond: c ? a : b.
func (a *arith) cond() (int64, error) {
	c, err := a.lor()
	if err != nil || !a.is("?") {
		return c, err
	}
	a.next()
	if a.tok == tokEOF || a.is(":") {
		return 0, a.errorf("expression expected")
	}
	yes, err := a.skipIf(c == 0, a.comma)
	if err != nil {
		return 0, err
	}
	if !a.is(":") {
		return 0, a.errorf("`:' expected for conditional expression")
	}
	a.next()
	if a.tok == tokEOF {
		return 0, a.errorf("expression expected")
	}
	no, err := a.skipIf(c != 0, a.cond)
	if err != nil {
		return 0, err
	}
	if c != 0 {
		return yes, nil
	}
	return no, nil
}

// skipIf parses with parse, without evaluating when skip is set.
func (a *arith) skipIf(skip bool, parse func() (int64, error)) (int64, error) {
	if skip {
		a.noeval++
		defer func() { a.noeval-- }()
	}
	return parse()
}

// lor: a || b — b is not evaluated when a is true.
func (a *arith) lor() (int64, error) {
	v, err := a.land()
	for err == nil && a.is("||") {
		a.next()
		var r int64
		if r, err = a.skipIf(v != 0, a.land); err == nil {
			v = arithBool(v != 0 || r != 0)
		}
	}
	return v, err
}

// land: a && b — b is not evaluated when a is false.
func (a *arith) land() (int64, error) {
	v, err := a.bor()
	for err == nil && a.is("&&") {
		a.next()
		var r int64
		if r, err = a.skipIf(v == 0, a.bor); err == nil {
			v = arithBool(v != 0 && r != 0)
		}
	}
	return v, err
}

func (a *arith) bor() (int64, error)      { return a.leftAssoc(a.bxor, "|") }
func (a *arith) bxor() (int64, error)     { return a.leftAssoc(a.band, "^") }
func (a *arith) band() (int64, error)     { return a.leftAssoc(a.equality, "&") }
func (a *arith) equality() (int64, error) { return a.leftAssoc(a.relation, "==", "!=") }
func (a *arith) relation() (int64, error) { return a.leftAssoc(a.shift, "<", "<=", ">", ">=") }
func (a *arith) shift() (int64, error)    { return a.leftAssoc(a.additive, "<<", ">>") }
func (a *arith) additive() (int64, error) { return a.leftAssoc(a.mult, "+", "-") }
func (a *arith) mult() (int64, error)     { return a.leftAssoc(a.power, "*", "/", "%") }

// leftAssoc parses operand (op operand)* for the operators ops of one
// precedence level, combining left to right.
func (a *arith) leftAssoc(operand func() (int64, error), ops ...string) (int64, error) {
	v, err := operand()
	for err == nil && a.tok == tokOp && slices.Contains(ops, a.text) {
		op, opEnd := a.text, a.pos
		a.next()
		var r int64
		if r, err = operand(); err == nil {
			v, err = a.binary(op, v, r, opEnd)
		}
	}
	return v, err
}

// binary applies a binary operator. opEnd is where the text after the
// operator starts: bash reports division by zero from there.
func (a *arith) binary(op string, l, r int64, opEnd int) (int64, error) {
	switch op {
	case "+":
		return l + r, nil
	case "-":
		return l - r, nil
	case "*":
		return l * r, nil
	case "/", "%":
		if r == 0 {
			if a.noeval > 0 {
				return 0, nil
			}
			for opEnd < len(a.expr) && strings.IndexByte(" \t\n", a.expr[opEnd]) >= 0 {
				opEnd++
			}
			return 0, a.errorAt("division by 0", opEnd)
		}
		if op == "/" {
			return l / r, nil
		}
		return l % r, nil
	case "<<":
		return l << (uint64(r) & 63), nil
	case ">>":
		return l >> (uint64(r) & 63), nil
	case "<":
		return arithBool(l < r), nil
	case "<=":
		return arithBool(l <= r), nil
	case ">":
		return arithBool(l > r), nil
	case ">=":
		return arithBool(l >= r), nil
	case "==":
		return arithBool(l == r), nil
	case "!=":
		return arithBool(l != r), nil
	case "&":
		return l & r, nil
	case "^":
		return l ^ r, nil
	case "|":
		return l | r, nil
	}
	return 0, a.errorf("syntax error in expression")
}

// power: a ** b, right to left; the operands are unary expressions, so
// -2**2 is 4 as in bash.
func (a *arith) power() (int64, error) {
	base, err := a.unary()
	if err != nil || !a.is("**") {
		return base, err
	}
	a.next()
	exp, err := a.power()
	if err != nil {
		return 0, err
	}
	if exp < 0 {
		// An error even where nothing is evaluated, as in bash.
		return 0, a.errorf("exponent less than 0")
	}
	v := int64(1)
	for ; exp > 0; exp >>= 1 {
		if exp&1 == 1 {
			v *= base
		}
		base *= base
	}
	return v, nil
}

// unary: ! ~ - + and the prefix ++x --x.
func (a *arith) unary() (int64, error) {
	if a.tok != tokOp {
		return a.primary()
	}
	switch op := a.text; op {
	case "!", "~", "-", "+":
		a.next()
		v, err := a.unary()
		switch op {
		case "!":
			v = arithBool(v == 0)
		case "~":
			v = ^v
		case "-":
			v = -v
		}
		return v, err
	case "++pre", "--pre":
		// The scanner makes ++pre only when a name follows.
		a.next()
		name, at := a.text, a.start
		a.next()
		v, err := a.variable(name, at)
		if err != nil {
			return 0, err
		}
		if err := a.invalidNext(); err != nil {
			return 0, err
		}
		v += incr(op)
		return v, a.setVar(name, v)
	}
	return a.primary()
}

// primary: a number, a variable (perhaps with x++ or x--), or a
// parenthesised expression.
func (a *arith) primary() (int64, error) {
	switch a.tok {
	case tokNum:
		v, msg := parseArithNumber(a.text)
		if msg != "" {
			return 0, expansionError(fmt.Sprintf("%s: %s (error token is %q)", a.text, msg, a.text))
		}
		a.next()
		return v, nil
	case tokName:
		name, at := a.text, a.start
		a.next()
		v, err := a.variable(name, at)
		if err != nil {
			return 0, err
		}
		if a.is("++post") || a.is("--post") {
			if err := a.setVar(name, v+incr(a.text)); err != nil {
				return 0, err
			}
			a.next()
			return v, nil
		}
		return v, nil
	case tokOp:
		if a.text == "(" {
			a.next()
			v, err := a.comma()
			if err != nil {
				return 0, err
			}
			if !a.is(")") {
				return 0, a.errorf("missing `)'")
			}
			a.next()
			return v, nil
		}
	}
	return 0, a.errorf("syntax error: operand expected")
}

// invalidNext fails when the token after an operand is a character that
// is no token. bash's scanner reports it the moment it looks ahead, before
// the assignment or ++x it looked ahead from is done: after
// "(( a = 3 # x ))" a is unchanged.
func (a *arith) invalidNext() error {
	if a.tok == tokInvalid {
		return a.errorf("syntax error: invalid arithmetic operator")
	}
	return nil
}

// incr is +1 for ++ and -1 for --.
func incr(op string) int64 {
	if strings.HasPrefix(op, "++") {
		return 1
	}
	return -1
}

// variable is the value of a shell variable as an operand: unset or empty
// is 0, otherwise the value is itself evaluated as an expression.
func (a *arith) variable(name string, at int) (int64, error) {
	if a.noeval > 0 {
		return 0, nil
	}
	v, ok, err := a.sh.arithOperand(name)
	if err != nil {
		return 0, err
	}
	if !ok && a.sh.Opts.Nounset {
		base, _, _ := cutSubscript(name)
		return 0, unsetError(base + ": unbound variable")
	}
	t := strings.TrimSpace(v)
	if t == "" {
		return 0, nil
	}
	if n, ok := plainDecimal(t); ok {
		return n, nil // the common case: no need to parse an expression
	}
	if a.depth+1 >= maxArithDepth {
		return 0, a.errorAt("expression recursion level exceeded", at)
	}
	return a.sh.evalArithDepth(v, a.depth+1)
}

// plainDecimal parses a value that is just a decimal number, like "42"
// or "-7" (not "010", which is octal).
func plainDecimal(v string) (int64, bool) {
	digits := strings.TrimPrefix(v, "-")
	if digits == "" || (digits[0] == '0' && len(digits) > 1) || !isDigits(digits) {
		return 0, false
	}
	if len(digits) <= 18 {
		// Cannot overflow: no need for strconv's checks (a loop
		// counter's value is read here at every pass).
		var n int64
		for i := 0; i < len(digits); i++ {
			n = n*10 + int64(digits[i]-'0')
		}
		if len(digits) < len(v) {
			n = -n
		}
		return n, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}

// setVar assigns an arithmetic result to a variable.
func (a *arith) setVar(name string, v int64) error {
	if a.noeval > 0 {
		return nil
	}
	if err := a.sh.setArithVar(name, strconv.FormatInt(v, 10)); err != nil {
		if _, ok := err.(*ExpansionError); ok {
			return err
		}
		if _, ok := err.(*noAssignError); ok {
			return &ExpansionError{Msg: err.Error(), NoAssignment: true}
		}
		return expansionError(err.Error())
	}
	return nil
}

// parseArithNumber converts a number token: decimal, 0x hex, 0 octal, or
// BASE#DIGITS with BASE from 2 to 64 (digits 0-9, a-z, A-Z, @, _). It
// returns bash's message for a bad number, found as bash reads it from
// left to right (a '#' after a base already known, as in 0#4 or 2#1#1, is
// "invalid number"). Overflow wraps around.
func parseArithNumber(s string) (int64, string) {
	base := int64(10)
	foundBase := false
	digits := s
	switch {
	case strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X"):
		base, digits, foundBase = 16, s[2:], true
	case len(s) > 1 && s[0] == '0':
		base, digits, foundBase = 8, s[1:], true
	}
	var v int64
	for i := 0; i < len(digits); i++ {
		if digits[i] == '#' {
			switch {
			case foundBase:
				return 0, "invalid number"
			case i == 0 || v < 2 || v > 64:
				return 0, "invalid arithmetic base"
			case i+1 == len(digits):
				return 0, "invalid integer constant"
			}
			base, v, foundBase = v, 0, true
			continue
		}
		d := digitValue(digits[i], base)
		if d < 0 || d >= base {
			return 0, "value too great for base"
		}
		v = v*base + d
	}
	return v, ""
}

// digitValue is the value of one digit; letters are case-insensitive up
// to base 36, above it a-z are 10-35 and A-Z 36-61.
func digitValue(c byte, base int64) int64 {
	switch {
	case arithDigit(c):
		return int64(c - '0')
	case 'a' <= c && c <= 'z':
		return int64(c-'a') + 10
	case 'A' <= c && c <= 'Z':
		if base <= 36 {
			return int64(c-'A') + 10
		}
		return int64(c-'A') + 36
	case c == '@':
		return 62
	case c == '_':
		return 63
	}
	return -1
}

func arithBool(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func arithDigit(c byte) bool { return '0' <= c && c <= '9' }
func arithAlpha(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }
func arithAlnum(c byte) bool { return arithDigit(c) || arithAlpha(c) }

// matchingBracket returns the index of the ']' that closes the '[' at
// open, or -1.
func matchingBracket(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// arithOperand is the value of a variable or array element a[expr] named
// in an arithmetic expression.
func (sh *Shell) arithOperand(name string) (string, bool, error) {
	base, sub, ok := cutSubscript(name)
	if !ok {
		v, set := sh.getVar(name)
		return v, set, nil
	}
	s, err := sh.subscriptText(base, sub)
	if bad, ok := err.(*badSubscriptError); ok {
		sh.errorf("%s", bad) // bash reports it; the operand is 0
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	v := sh.Vars.Lookup(base)
	if v == nil || v.NoValue {
		return "", false, nil
	}
	if !v.Array && !v.Assoc {
		if s.index == 0 {
			return v.Value, true, nil
		}
		return "", false, nil
	}
	val, set := v.elem(s.key, s.index)
	return val, set, nil
}

// setArithVar assigns a variable or an array element a[expr].
func (sh *Shell) setArithVar(name, value string) error {
	base, sub, ok := cutSubscript(name)
	if sh.groupsFixed(base) {
		return &noAssignError{base} // (( GROUPS=5 )): bash stops the expression
	}
	if !ok {
		return sh.setVar(name, value)
	}
	s, err := sh.subscriptText(base, sub)
	if _, ok := err.(*badSubscriptError); ok {
		// bash reports it and goes on; nothing is assigned.
		sh.errorf("%s[%s]: bad array subscript", base, sub)
		return nil
	}
	if err != nil {
		return err
	}
	if sh.isAssoc(base) {
		return sh.Vars.SetKey(base, s.key, value)
	}
	return sh.Vars.SetIndex(base, s.index, value)
}

// cutSubscript splits "a[expr]" into "a" and "expr".
func cutSubscript(name string) (base, sub string, ok bool) {
	i := strings.IndexByte(name, '[')
	if i < 0 || !strings.HasSuffix(name, "]") {
		return name, "", false
	}
	return name[:i], name[i+1 : len(name)-1], true
}
