package shell

import (
	"strings"
	"unsafe"
)

// This file compiles an arithmetic expression, once per text, into a tree
// that evaluates without parsing: a loop runs the same few expressions
// ("i < 100000", "i + 1") over and over, and arith.go's evaluator, which
// computes as it parses, descends through fifteen precedence levels for
// every operand on every pass.
//
// arith.go stays the definition. The compiler follows its grammar
// function by function, and gives up (the text is then evaluated by
// arith.go, as before) on anything where parsing and evaluating are not
// independent: a syntax error (arith.go has evaluated, and perhaps
// assigned, what came before it), a bad number (an error even on the
// side of && that is not evaluated), ** (whose negative exponent is an
// error there too), an array element a[i] (its subscript is evaluated
// when read). What is left has the same meaning as a tree: the tree is
// evaluated left to right, operands before operators, the skipped side
// of && || ?: not at all, exactly the order in which arith.go evaluates
// as it parses; and a run-time error (division by 0, an unset variable
// under set -u, a read-only variable, too deep a recursion) is worded
// and placed as arith.go words and places it.

// arithKind is what an arithNode computes.
type arithKind uint8

const (
	anNum     arithKind = iota // num
	anVar                      // the variable name, as an operand
	anAssign                   // name op= l (op "" for plain =)
	anPreInc                   // ++name or --name (num is +1 or -1)
	anPostInc                  // name++ or name-- (num is +1 or -1)
	anBinary                   // l op r
	anAnd                      // l && r
	anOr                       // l || r
	anCond                     // l ? r : c
	anComma                    // l , r
	anNot                      // ! l
	anBitNot                   // ~ l
	anNeg                      // - l
	anPlus                     // + l
)

// arithNode is one node of a compiled expression.
type arithNode struct {
	kind    arithKind
	num     int64
	name    string // the variable of anVar, anAssign, anPreInc, anPostInc
	op      string // the binary operator of anBinary and anAssign
	at      int    // where the variable's name starts (errors about it are placed there)
	end     int    // anBinary, anAssign: where the operator ends (division by 0 is placed there)
	l, r, c *arithNode
}

// arithProgram is what the caches keep for one text: its tokens, and
// the compiled tree, or nil when arith.go must evaluate it.
type arithProgram struct {
	toks []arithToken
	root *arithNode
}

// arithCompiler builds a tree from an expression's tokens; ok becomes
// false at the first thing it leaves to arith.go.
type arithCompiler struct {
	toks []arithToken
	i    int
	t    arithToken
	ok   bool
}

// compileArith compiles tokens, or returns nil.
func compileArith(toks []arithToken) *arithNode {
	if len(toks) == 0 || toks[0].tok == tokEOF {
		return nil // empty: arith.go's 0
	}
	c := &arithCompiler{toks: toks, ok: true}
	c.next()
	n := c.comma()
	if !c.ok || c.t.tok != tokEOF {
		return nil
	}
	return n
}

func (c *arithCompiler) next() {
	if c.i < len(c.toks) {
		c.t = c.toks[c.i]
		c.i++
		return
	}
	c.t = arithToken{tok: tokEOF}
}

func (c *arithCompiler) is(op string) bool { return c.t.tok == tokOp && c.t.text == op }

// fail gives up on the expression.
func (c *arithCompiler) fail() *arithNode {
	c.ok = false
	return nil
}

func (c *arithCompiler) comma() *arithNode {
	n := c.assign()
	for c.ok && c.is(",") {
		c.next()
		n = &arithNode{kind: anComma, l: n, r: c.assign()}
	}
	return n
}

func (c *arithCompiler) assign() *arithNode {
	if c.t.tok == tokName {
		if c.i < len(c.toks) {
			nt := c.toks[c.i]
			if op, isAssign := assignOps(nt.text); isAssign && nt.tok == tokOp {
				if !plainArithName(c.t.text) {
					return c.fail()
				}
				name, at := c.t.text, c.t.start
				c.next() // the operator
				opEnd := c.t.pos
				c.next()
				rhs := c.assign()
				return &arithNode{kind: anAssign, name: name, op: op, at: at, end: opEnd, l: rhs}
			}
		}
	}
	n := c.cond()
	if _, isAssign := assignOps(c.t.text); isAssign && c.t.tok == tokOp {
		return c.fail() // attempted assignment to non-variable
	}
	return n
}

func (c *arithCompiler) cond() *arithNode {
	n := c.lor()
	if !c.ok || !c.is("?") {
		return n
	}
	c.next()
	if c.t.tok == tokEOF || c.is(":") {
		return c.fail()
	}
	yes := c.comma()
	if !c.ok || !c.is(":") {
		return c.fail()
	}
	c.next()
	if c.t.tok == tokEOF {
		return c.fail()
	}
	no := c.cond()
	return &arithNode{kind: anCond, l: n, r: yes, c: no}
}

func (c *arithCompiler) lor() *arithNode {
	n := c.land()
	for c.ok && c.is("||") {
		c.next()
		n = &arithNode{kind: anOr, l: n, r: c.land()}
	}
	return n
}

func (c *arithCompiler) land() *arithNode {
	n := c.binaryLevel(0)
	for c.ok && c.is("&&") {
		c.next()
		n = &arithNode{kind: anAnd, l: n, r: c.binaryLevel(0)}
	}
	return n
}

// arithLevels are the left-associative levels of arith.go, from bor to
// mult, lowest first.
var arithLevels = [][]string{
	{"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", "<=", ">", ">="}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"},
}

// binaryLevel is arith.go's leftAssoc at level i of arithLevels.
func (c *arithCompiler) binaryLevel(i int) *arithNode {
	operand := func() *arithNode {
		if i+1 < len(arithLevels) {
			return c.binaryLevel(i + 1)
		}
		return c.power()
	}
	n := operand()
	for c.ok && c.t.tok == tokOp && levelHas(arithLevels[i], c.t.text) {
		op, opEnd := c.t.text, c.t.pos
		c.next()
		n = &arithNode{kind: anBinary, op: op, end: opEnd, l: n, r: operand()}
	}
	return n
}

func levelHas(ops []string, op string) bool {
	for _, o := range ops {
		if o == op {
			return true
		}
	}
	return false
}

func (c *arithCompiler) power() *arithNode {
	n := c.unary()
	if c.ok && c.is("**") {
		return c.fail() // a negative exponent is an error even where nothing is evaluated
	}
	return n
}

func (c *arithCompiler) unary() *arithNode {
	if c.t.tok != tokOp {
		return c.primary()
	}
	switch op := c.t.text; op {
	case "!", "~", "-", "+":
		c.next()
		return &arithNode{kind: unaryKind(op), l: c.unary()}
	case "++pre", "--pre":
		c.next()
		if c.t.tok != tokName || !plainArithName(c.t.text) {
			return c.fail()
		}
		name, at := c.t.text, c.t.start
		c.next()
		return &arithNode{kind: anPreInc, name: name, at: at, num: incr(op)}
	}
	return c.primary()
}

func (c *arithCompiler) primary() *arithNode {
	switch c.t.tok {
	case tokNum:
		v, msg := parseArithNumber(c.t.text)
		if msg != "" {
			return c.fail()
		}
		c.next()
		return &arithNode{kind: anNum, num: v}
	case tokName:
		if !plainArithName(c.t.text) {
			return c.fail()
		}
		name, at := c.t.text, c.t.start
		c.next()
		if c.is("++post") || c.is("--post") {
			n := &arithNode{kind: anPostInc, name: name, at: at, num: incr(c.t.text)}
			c.next()
			return n
		}
		return &arithNode{kind: anVar, name: name, at: at}
	case tokOp:
		if c.t.text == "(" {
			c.next()
			n := c.comma()
			if !c.ok || !c.is(")") {
				return c.fail()
			}
			c.next()
			return n
		}
	}
	return c.fail()
}

// unaryKind is the node of a unary operator ! ~ - +.
func unaryKind(op string) arithKind {
	switch op {
	case "!":
		return anNot
	case "~":
		return anBitNot
	case "-":
		return anNeg
	}
	return anPlus
}

// plainArithName reports whether a name token is a plain variable, not
// an array element a[expr].
func plainArithName(name string) bool { return strings.IndexByte(name, '[') < 0 }

// run evaluates a compiled expression with a's shell, text and depth.
func (a *arith) run(n *arithNode) (int64, error) {
	switch n.kind {
	case anNum:
		return n.num, nil
	case anVar:
		return a.variable(n.name, n.at)
	case anAssign:
		var lhs int64
		if n.op != "" {
			var err error
			if lhs, err = a.variable(n.name, n.at); err != nil {
				return 0, err
			}
		}
		rhs, err := a.run(n.l)
		if err != nil {
			return 0, err
		}
		if n.op != "" {
			if rhs, err = a.binary(n.op, lhs, rhs, n.end); err != nil {
				return 0, err
			}
		}
		return rhs, a.setVar(n.name, rhs)
	case anPreInc:
		v, err := a.variable(n.name, n.at)
		if err != nil {
			return 0, err
		}
		v += n.num
		return v, a.setVar(n.name, v)
	case anPostInc:
		v, err := a.variable(n.name, n.at)
		if err != nil {
			return 0, err
		}
		return v, a.setVar(n.name, v+n.num)
	case anBinary:
		l, err := a.run(n.l)
		if err != nil {
			return 0, err
		}
		r, err := a.run(n.r)
		if err != nil {
			return 0, err
		}
		return a.binary(n.op, l, r, n.end)
	case anAnd, anOr:
		l, err := a.run(n.l)
		if err != nil {
			return 0, err
		}
		if (l != 0) == (n.kind == anOr) {
			return arithBool(l != 0), nil
		}
		r, err := a.run(n.r)
		if err != nil {
			return 0, err
		}
		return arithBool(r != 0), nil
	case anCond:
		l, err := a.run(n.l)
		if err != nil {
			return 0, err
		}
		if l != 0 {
			return a.run(n.r)
		}
		return a.run(n.c)
	case anComma:
		if _, err := a.run(n.l); err != nil {
			return 0, err
		}
		return a.run(n.r)
	}
	// The unary operators: arith.go applies them to the operand's value
	// even when it comes with an error.
	v, err := a.run(n.l)
	switch n.kind {
	case anNot:
		v = arithBool(v == 0)
	case anBitNot:
		v = ^v
	case anNeg:
		v = -v
	}
	return v, err
}

// arithSlots is the size of a shell's cache of compiled expressions.
const arithSlots = 64

// arithSlot is one entry of a shell's cache: a text, and its program.
type arithSlot struct {
	text string
	prog *arithProgram
}

// arithProgramFor returns the program of expr. A shell keeps the programs
// it ran last by the address of their text: a loop's expressions are the
// same strings of its parsed tree at every pass, so that a look-up is a
// comparison, not a hash of the text. (The slot holds the string, so its
// memory cannot be reused for another text while it is there.) Other
// texts go through arithTokens' shared cache.
func (sh *Shell) arithProgramFor(expr string) *arithProgram {
	h := sh.hot()
	p := unsafe.StringData(expr)
	if h.arith == nil {
		h.arith = new([arithSlots]arithSlot)
	}
	slot := &h.arith[(uintptr(unsafe.Pointer(p))>>3^uintptr(len(expr)))%arithSlots]
	if unsafe.StringData(slot.text) == p && len(slot.text) == len(expr) && slot.prog != nil {
		return slot.prog
	}
	prog := arithTokens(expr)
	if prog == nil {
		return nil // too long to keep
	}
	*slot = arithSlot{text: expr, prog: prog}
	return prog
}
