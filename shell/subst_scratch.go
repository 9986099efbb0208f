package shell

import "maps"

// A copy of the shell made for $( ) runs on the shell's own goroutine,
// while the shell waits for it, and is dropped when the substitution
// ends: nothing of it outlives the substitution (a background list or a
// process substitution in it is a child gosh, with a snapshot of its
// own). What it allocated would be made again for every substitution, and
// collected: for x=$(echo hi) the collector was a third of the CPU time.
// The shell keeps the last copy's storage instead, emptied, and lends it
// to the next copy:
//   - its variable table (a map and the Vars of all the variables in one
//     slice), filled again with a copy of the shell's variables; its gen
//     goes on counting, so no cache can take the new contents for the old;
//   - its scratch storage (hotState): the argv and assignment arenas (empty
//     once every command has run) and the cache of builtins (the table of
//     builtins never changes). Its caches keyed by a variable or function
//     table are dropped.
//
// The copy's function table is made anew, but as a copy of the shell's map,
// not as a snapshot makes it (printing each function's source, which only
// a child gosh needs): so for every copy (clone), not only those of $( ).

// varsSpare is a variable table given back by a $( ) copy, with the slice
// that holds its variables.
type varsSpare struct {
	v     *Vars
	slab  []Var
	elems []Elem // the arrays' elements, each array's capped at its end
}

// substClone is clone for $( ): the copy's variables go into the table the
// previous copy gave back, and it gets that copy's scratch storage. The
// returned spare is what the copy gives back (giveBack) once the
// substitution has ended.
func (sh *Shell) substClone() (*Shell, *varsSpare) {
	h := sh.hot()
	vs := h.spareVars
	h.spareVars = nil
	vs = copyVarsTo(vs, sh.Vars)
	sub := sh.cloneFrom(vs.v)
	sh.lendHot(sub)
	return sub, vs
}

// snapshotNoFuncs is snapshotFields (snapshot.go) without the functions,
// for a copy of the shell in this process, which gets them from copyFuncs:
// a Snapshot holds each function's printed source, which only a child gosh
// needs, and printing them cost 0.4 us a function for every copy.
func (sh *Shell) snapshotNoFuncs() *Snapshot {
	funcs := sh.funcs
	sh.funcs = nil
	s := sh.snapshotFields()
	sh.funcs = funcs
	return s
}

// copyFuncs gives the copy sh the function table of its parent, as a copy
// of the maps: the parsed trees are shared, as restore shares those of a
// Snapshot (a tree is never changed once parsed).
func (sh *Shell) copyFuncs(parent *Shell) {
	sh.funcs, sh.funcAttrs = maps.Clone(parent.funcs), maps.Clone(parent.funcAttrs)
}

// copyVarsTo is copyVars (snapshot.go) into spare's table (empty: see
// giveBack) when it has room for all the variables, into a new one
// otherwise.
func copyVarsTo(spare *varsSpare, v *Vars) *varsSpare {
	if spare == nil || cap(spare.slab) < len(v.m) {
		spare = &varsSpare{v: &Vars{m: make(map[string]*Var, len(v.m))}, slab: make([]Var, 0, len(v.m)+8)}
	}
	c, slab, elems := spare.v, spare.slab[:0], spare.elems[:0]
	for k, x := range v.m {
		slab = append(slab, *x)
		if x.Elems != nil {
			// An array's elements must not be shared: the copy's are
			// in elems, capped so that an append moves them out.
			at := len(elems)
			elems = append(elems, x.Elems...)
			slab[len(slab)-1].Elems = elems[at:len(elems):len(elems)]
		}
		c.m[k] = &slab[len(slab)-1]
	}
	spare.slab, spare.elems = slab, elems
	return spare
}

// giveBack keeps what copy sub, whose substitution has ended, lent or
// made, for the shell's next $( ) copy, emptied at once so that it holds
// no value of the copy's alive (a large variable set inside $( ) is
// collected as before).
func (sh *Shell) giveBack(sub *Shell, vs *varsSpare) {
	h := sh.hot()
	if sub.Vars == vs.v {
		clear(vs.v.m)
		clear(vs.slab[:cap(vs.slab)])
		clear(vs.elems[:cap(vs.elems)])
		// As copyVars makes a table: its map and nothing else; gen goes
		// on counting, so that no cache takes the next contents for these.
		*vs.v = Vars{m: vs.v.m, gen: vs.v.gen + 1}
		h.spareVars = vs
	}
	s := sub.hotStore
	if s == nil || s.owner != sub || s.argv.top != 0 || s.assigns.top != 0 {
		return // a command of it is still in its arenas: not to be written over
	}
	// The arenas are cleared as their commands end; the caches keyed by
	// a variable or function table are dropped.
	*s = hotState{
		argv:         s.argv,
		assigns:      s.assigns,
		builtinSlots: s.builtinSlots,
		spare:        s.spare,     // the copy's own $( ) copies' storage
		spareVars:    s.spareVars, // and their variables
	}
	h.spare = s
}

// lendHot gives copy sub the scratch storage the shell's previous $( )
// copy gave back, if any.
func (sh *Shell) lendHot(sub *Shell) {
	h := sh.hot()
	s := h.spare
	if s == nil {
		return
	}
	h.spare = nil
	s.owner = sub
	sub.hotStore = s
}
