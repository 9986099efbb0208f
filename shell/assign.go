package shell

// This file is bash's array assignments: a[i]=v, a+=v, a=(x y z),
// a+=(v), a=([k]=v ...), as assignment statements and as the arguments
// of declaration builtins (declare -a a=(...)).

import (
	"errors"
	"strconv"
	"strings"

	"gosh/parser"
)

// arrayAssign is what an assignment to an array does, expanded.
type arrayAssign struct {
	elem     *subscript  // a[i]=v: which element
	appendOp bool        // +=
	isList   bool        // a=(...)
	list     []arrayItem // its elements
	declared bool        // an argument of declare, local...: messages quote
}

// arrayItem is one element of a=(...): a value, with its own subscript
// when written [sub]=value.
type arrayItem struct {
	sub      *subscript
	appendOp bool // [sub]+=value
	value    string
	raw      string // the element as written, for messages
}

// expandAssignment expands an assignment of a simple command: the value,
// and for arrays the subscripts and the elements of a list.
func (sh *Shell) expandAssignment(a *parser.Assign) (assignment, error) {
	out := assignment{name: a.Name}
	switch {
	case a.Array != nil:
		list, err := sh.expandArrayLit(a.Name, a.Array)
		if err != nil {
			return out, err
		}
		out.arr = &arrayAssign{isList: true, appendOp: a.Append, list: list}
		out.trace = listTrace(a)
		return out, nil
	case a.Index != nil:
		bad := expansionError(a.Name + "[" + parser.String(a.Index) + "]: bad array subscript")
		assoc := sh.isAssoc(a.Name)
		if !assoc && (len(a.Index.Parts) == 0 || isAll(a.Index) != 0) {
			return out, bad // a[]=v, a[*]=v
		}
		sub, err := sh.evalSubscript(a.Name, a.Index)
		if _, ok := err.(*badSubscriptError); ok || err == nil && sh.emptySubscript(a.Name, a.Index, sub) {
			// a[]=v, and h[$k]=v with k empty: bash's error too.
			return out, bad
		}
		if err != nil {
			return out, err
		}
		v, err := sh.expandAssign(a.Value)
		if err != nil {
			return out, err
		}
		out.value = v
		out.arr = &arrayAssign{elem: &sub, appendOp: a.Append}
		return out, nil
	}
	v, err := sh.expandAssign(a.Value)
	if err != nil {
		return out, err
	}
	out.value = v
	if a.Append {
		x := sh.Vars.Lookup(a.Name)
		if x != nil && (x.Array || x.Assoc) {
			// a+=v on an array appends to its element 0.
			out.arr = &arrayAssign{elem: &subscript{key: "0"}, appendOp: true}
			return out, nil
		}
		old, _ := sh.getVar(a.Name)
		out.value = sh.appendValue(a.Name, old, v)
		out.trace = a.Name + "+=" // set -x shows the part appended
		if v != "" {
			out.trace += xtraceQuote(v)
		}
	}
	return out, nil
}

// emptySubscript reports a subscript bash refuses in an assignment: one
// written empty (a[]=v), or an associative array's key that expands to
// nothing (h[$k]=v with k empty).
func (sh *Shell) emptySubscript(name string, idx *parser.Word, sub subscript) bool {
	return len(idx.Parts) == 0 || sub.key == "" && sh.isAssoc(name)
}

// listTrace is how set -x shows a=(...) and a+=(...): the elements as
// written, one space apart, as bash shows them.
func listTrace(a *parser.Assign) string {
	op := "="
	if a.Append {
		op = "+="
	}
	elems := make([]string, len(a.Array.Elems))
	for i, w := range a.Array.Elems {
		elems[i] = parser.String(w)
	}
	return a.Name + op + "(" + strings.Join(elems, " ") + ")"
}

// expandArrayLit expands the elements of (...) for the array name. A
// plain element is expanded like a command word (split, globbed: one
// element per field); [sub]=value like an assignment value.
func (sh *Shell) expandArrayLit(name string, arr *parser.ArrayLit) ([]arrayItem, error) {
	var out []arrayItem
	assoc := sh.isAssoc(name)
	for _, w := range arr.Elems {
		if as := parser.KeyedElem(w); as != nil {
			// A bad element is reported and left out; the others are
			// assigned (bash).
			if isAll(as.Index) != 0 && !assoc {
				sh.errorf("%s: cannot assign to non-numeric index", parser.String(w))
				continue
			}
			sub, err := sh.evalSubscript(name, as.Index)
			if _, ok := err.(*badSubscriptError); ok || err == nil && (assoc && sub.key == "" || len(as.Index.Parts) == 0) {
				sh.errorf("%s: bad array subscript", parser.String(w))
				continue
			}
			if err != nil {
				return nil, err
			}
			if sh.emptySubscript(name, as.Index, sub) {
				// ([]=v): bash reports the element and goes on.
				sh.errorf("%s: bad array subscript", parser.String(w))
				continue
			}
			v, err := sh.expandAssign(as.Value)
			if err != nil {
				return nil, err
			}
			out = append(out, arrayItem{sub: &sub, appendOp: as.Append, value: v})
			continue
		}
		fields, err := sh.expandFields([]*parser.Word{w})
		if err != nil {
			return nil, err
		}
		for _, f := range fields {
			out = append(out, arrayItem{value: f, raw: parser.String(w)})
		}
	}
	return out, nil
}

// assign performs an expanded assignment.
func (sh *Shell) assign(a assignment) error {
	if sh.groupsFixed(a.name) {
		// bash's GROUPS may not be assigned: NAME=v, NAME[i]=v and
		// NAME+=v change nothing, silently; a list fails (groupsList).
		if a.arr != nil && a.arr.isList {
			return errGroupsList
		}
		return nil
	}
	if sh.Vars.selfRefs != 0 && sh.Vars.isSelfRef(a.name) {
		// As bash, at every use of a reference to its own name.
		sh.errorf("warning: %s: circular name reference", a.name)
	}
	if a.arr == nil {
		return sh.setScalar(a.name, a.value)
	}
	arr := a.arr
	if arr.elem != nil {
		return sh.setElem(a.name, *arr.elem, a.value, arr.appendOp)
	}
	x := sh.Vars.Lookup(a.name)
	assoc := x != nil && x.Assoc
	if !arr.appendOp {
		if err := sh.Vars.clearArray(a.name, assoc); err != nil {
			return err
		}
	} else if err := sh.Vars.DeclareArray(a.name, assoc); err != nil {
		return err
	} else if x := sh.Vars.Lookup(a.name); x != nil {
		x.NoValue = false // a+=() gives it a value, even with nothing in it
	}
	if assoc {
		// declare -A h=(k1 v1 k2 v2) pairs keys and values (bash 5.1).
		// When the first element is [k]=v, every element must be.
		keyed := len(arr.list) > 0 && arr.list[0].sub != nil
		var key *string
		for _, it := range arr.list {
			if keyed && it.sub == nil {
				what := it.raw
				if arr.declared {
					what = "'" + it.raw + "'"
				}
				sh.errorf("%s: %s: must use subscript when assigning associative array", a.name, what)
				continue
			}
			if it.sub != nil {
				if err := sh.setElem(a.name, *it.sub, it.value, it.appendOp); err != nil {
					return err
				}
				continue
			}
			if key == nil {
				k := it.value
				key = &k
				continue
			}
			if err := sh.setElem(a.name, subscript{key: *key}, it.value, false); err != nil {
				return err
			}
			key = nil
		}
		if key != nil {
			return sh.setElem(a.name, subscript{key: *key}, "", false)
		}
		return nil
	}
	next := sh.Vars.Lookup(a.name).nextIndex()
	for _, it := range arr.list {
		sub := subscript{index: next}
		if it.sub != nil {
			sub = *it.sub
		}
		if err := sh.setElem(a.name, sub, it.value, it.appendOp); err != nil {
			return err
		}
		next = sub.index + 1
	}
	return nil
}

// setElem sets one element, appending to its value with add. The element
// of an array declared -i gets the value of value as an arithmetic
// expression, and += adds to it (bash).
func (sh *Shell) setElem(name string, sub subscript, value string, add bool) error {
	x := sh.Vars.Lookup(name)
	if x != nil && x.Integer {
		old := ""
		switch {
		case x.Assoc:
			old, _ = x.elem(sub.key, 0)
		case x.Array:
			old, _ = x.elem("", sub.index)
		case sub.index == 0 && !x.NoValue:
			old = x.Value
		}
		if add {
			value = sh.appendValue(name, old, value)
		}
		n, err := sh.evalArith(value)
		if err != nil {
			return err
		}
		value, add = strconv.FormatInt(n, 10), false
		x = sh.Vars.Lookup(name) // the expression may have unset it
	}
	if x != nil && x.Assoc {
		if add {
			old, _ := x.elem(sub.key, 0)
			value = old + value
		}
		return sh.Vars.SetKey(name, sub.key, value)
	}
	if add && x != nil {
		if x.Array {
			old, _ := x.elem("", sub.index)
			value = old + value
		} else if sub.index == 0 && !x.NoValue {
			value = x.Value + value
		}
	}
	return sh.Vars.SetIndex(name, sub.index, value)
}

// AssignWord performs the argument of a declaration builtin (declare,
// typeset, local, readonly, export) that assigns: NAME=value, NAME+=value,
// NAME[sub]=value, NAME=(...) or NAME+=(...). The value of the first
// three is taken as it is (the command line already expanded it); a list
// (...) reaches the builtin as written and is expanded here, as bash does.
func (sh *Shell) AssignWord(arg string) error {
	name, value, ok := strings.Cut(arg, "=")
	if !ok {
		return &invalidNameError{arg}
	}
	appendOp := strings.HasSuffix(name, "+")
	name = strings.TrimSuffix(name, "+")
	// A list (...) assigns elements when it was written so, or when the
	// variable is an array already (declare -a a=$v); otherwise it is
	// text, as in bash: declare x="(1 2)".
	if x := sh.Vars.Lookup(name); isArrayList(value) && !strings.Contains(name, "[") && (sh.compoundArgs[arg] || x != nil && (x.Array || x.Assoc)) {
		f, err := parser.Parse(arg)
		if err == nil && f.List != nil && len(f.List.Items) == 1 {
			if sc, ok := f.List.Items[0].AndOr.First.Cmds[0].(*parser.SimpleCommand); ok && len(sc.Assigns) == 1 && len(sc.Args) == 0 && sc.Assigns[0].Array != nil {
				a, err := sh.expandAssignment(sc.Assigns[0])
				if err != nil {
					return err
				}
				if sh.Opts.Xtrace {
					sh.traceDeclList(a) // xtrace.go
				}
				a.arr.declared = true
				return sh.assign(a)
			}
		}
	}
	base, sub, hasSub := cutSubscript(name)
	if !parser.IsName(base) {
		return &invalidNameError{arg}
	}
	if hasSub {
		assoc := sh.isAssoc(base)
		if sub == "" || !assoc && (sub == "@" || sub == "*") {
			return &badSubscriptError{name} // declare a[]=v
		}
		s, err := sh.subscriptText(base, sub)
		if _, ok := err.(*badSubscriptError); ok {
			return &badSubscriptError{name}
		}
		if err != nil {
			return err
		}
		return sh.setElem(base, s, value, appendOp)
	}
	if x := sh.Vars.Lookup(base); appendOp && x != nil && (x.Array || x.Assoc) {
		return sh.setElem(base, subscript{key: "0"}, value, true)
	} else if appendOp {
		old, _ := sh.getVar(base)
		value = sh.appendValue(base, old, value)
	}
	return sh.setScalar(base, value)
}

type invalidNameError struct{ arg string }

func (e *invalidNameError) Error() string { return "`" + e.arg + "': not a valid identifier" }

// isArrayList reports whether the value of a declaration argument is an
// array list (...).
func isArrayList(value string) bool {
	return strings.HasPrefix(value, "(") && strings.HasSuffix(value, ")")
}

// errGroupsList is GROUPS=(...) while GROUPS is bash's: as bash, the rest
// of the line is dropped, silently, with status 1 (runAssignments).
var errGroupsList = errors.New("GROUPS: list assignment")

// noAssignError is an assignment to bash's GROUPS made otherwise than by
// an assignment statement (for, select, read, declare, local, printf -v,
// mapfile, getopts, export and readonly with a value, arithmetic), which
// bash refuses (its noassign attribute): the builtins fail with status 1
// (getopts with its own) and say nothing, but for local, whose message
// this is; for and select do not run; export and readonly change nothing
// with status 0; an arithmetic expression stops (ExpansionError's
// NoAssignment). A name reference to GROUPS is not followed here.
type noAssignError struct{ name string }

func (e *noAssignError) Error() string { return e.name + ": variable may not be assigned value" }

// NoAssign tells a builtin that the assignment was refused as bash
// refuses it (builtins.noAssign).
func (e *noAssignError) NoAssign() bool { return true }

// groupsFixed: name is GROUPS, and GROUPS is still bash's (unset makes
// it an ordinary variable).
func (sh *Shell) groupsFixed(name string) bool {
	return name == "GROUPS" && sh.plainDynamic&dynamicBit("GROUPS") == 0
}
