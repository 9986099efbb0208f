package shell

// This file holds the executor's scratch storage for its hot path: the
// things every builtin run by a script would otherwise allocate, kept per
// shell and reused. A loop of builtins ("while [ $i -lt 100000 ]; do
// i=$((i + 1)); done") then runs without allocating per command, and the
// garbage collector has nothing to do.

// hotState is one shell's reusable storage. A copy of the shell (clone)
// starts with its parent's pointer; hot() notices the owner is not the
// copy and gives the copy its own, since copies run on other goroutines.
type hotState struct {
	owner *Shell
	// guards are the broken-pipe guards of the builtins running now,
	// innermost last, with spares beyond guardsUsed (guardBrokenPipe).
	guards     []*brokenPipeGuard
	guardsUsed int
	// arith are the compiled arithmetic expressions run last, by the
	// address of their text (arith_compile.go).
	arith [arithSlots]arithSlot
	// vars are the variables the executor reads or sets around every
	// command, as found in varsFor when its gen was varsGen (nil: not
	// set); see specialVars.
	vars    hotVars
	varsFor *Vars
	varsGen uint64
}

// hotVars are the variables behind $_, PIPESTATUS and IFS.
type hotVars struct {
	underscore, pipestatus, ifs *Var
}

// specialVars returns the variables of $_, PIPESTATUS and IFS, looked up
// again only when the variable table has changed which Var a name maps
// to (Vars.gen): a loop of builtins finds them without a map look-up.
func (sh *Shell) specialVars() *hotVars {
	h := sh.hot()
	if v := sh.Vars; h.varsFor != v || h.varsGen != v.gen {
		h.vars = hotVars{underscore: v.m["_"], pipestatus: v.m["PIPESTATUS"], ifs: v.m["IFS"]}
		h.varsFor, h.varsGen = v, v.gen
	}
	return &h.vars
}

// ifsVar is $IFS, and whether it is set.
func (sh *Shell) ifsVar() (string, bool) { return sh.specialVars().ifs.get() }

// hot returns the shell's own hotState, making it at first use.
func (sh *Shell) hot() *hotState {
	if h := sh.hotStore; h != nil && h.owner == sh {
		return h
	}
	sh.hotStore = &hotState{owner: sh}
	return sh.hotStore
}

// takeGuard gives a cleared guard for a builtin about to run; giveGuard
// takes it back once the builtin has returned (builtins do not keep their
// writers). A guard not given back, as after a panic, is only a slot lost.
func (h *hotState) takeGuard() *brokenPipeGuard {
	if h.guardsUsed == len(h.guards) {
		h.guards = append(h.guards, new(brokenPipeGuard))
	}
	g := h.guards[h.guardsUsed]
	h.guardsUsed++
	*g = brokenPipeGuard{}
	return g
}

func (h *hotState) giveGuard(g *brokenPipeGuard) {
	if h.guardsUsed > 0 && h.guards[h.guardsUsed-1] == g {
		h.guardsUsed--
	}
}
