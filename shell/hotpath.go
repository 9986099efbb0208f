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
	// frames are the function calls' frames, the running ones first
	// (callFunction).
	frames     []*funcFrame
	framesUsed int
	// argv and assigns are where a lone simple command's words and
	// assignments are expanded to (runSimple).
	argv    arena[string]
	assigns arena[assignment]
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

// hotVars are the variables behind $_, PIPESTATUS, IFS and FUNCNEST
// (watchedVar).
type hotVars struct {
	underscore, pipestatus, ifs, funcnest *Var
}

// specialVars returns the variables of $_, PIPESTATUS, IFS and FUNCNEST,
// looked up again only when the variable table has changed which Var one
// of them maps to (Vars.gen): a loop of builtins finds them without a
// map look-up.
func (sh *Shell) specialVars() *hotVars {
	h := sh.hot()
	if v := sh.Vars; h.varsFor != v || h.varsGen != v.gen {
		h.vars = hotVars{underscore: v.m["_"], pipestatus: v.m["PIPESTATUS"], ifs: v.m["IFS"], funcnest: v.m["FUNCNEST"]}
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

// arenaSize is how many entries an arena holds: the words (or the
// assignments) of the commands running now, one inside the other (a
// function's command inside its call), and of the command being expanded.
const arenaSize = 512

// arena is storage for the argv (or the assignments) of lone simple
// commands (runSimple), used as a stack: buf[:top] belongs to the
// commands running now. A command takes its room at a mark (take),
// expands into it (room), keeps what it used (keep), and gives it back
// once it has run (release).
type arena[T any] struct {
	buf []T
	top int
}

// take starts the entries of a command about to be expanded: they go at
// the returned mark. Until keep, the whole rest of the arena is the
// command's, so that a command run while its words expand takes its
// storage from the heap rather than from under it.
func (a *arena[T]) take() int {
	if a.buf == nil {
		a.buf = make([]T, arenaSize)
	}
	mark := a.top
	a.top = len(a.buf)
	return mark
}

// room is the room for the entries of the command started at mark: an
// empty slice whose capacity is the rest of the arena.
func (a *arena[T]) room(mark int) []T { return a.buf[mark:mark:len(a.buf)] }

// keep ends the expansion started at mark: s keeps its entries in the
// arena if it is still there (append moved it to the heap if it outgrew
// the room), and the arena above them is free again.
func (a *arena[T]) keep(mark int, s []T) {
	a.top = mark
	if len(s) > 0 && cap(s) == len(a.buf)-mark && &s[:1][0] == &a.buf[mark] {
		a.top = mark + len(s)
	}
}

// release gives back the entries of the command started at mark, and of
// any command after it, once it has run; they are cleared so that the
// arena holds no value alive.
func (a *arena[T]) release(mark int) {
	if mark < a.top {
		clear(a.buf[mark:a.top])
	}
	a.top = mark
}

// takeFrame gives a cleared frame for a function call; giveFrame takes it
// back once the call has returned (nothing keeps a frame after: the
// caller's frame is restored, and a subshell made during the call has
// frames and variables of its own).
func (h *hotState) takeFrame() *funcFrame {
	if h.framesUsed == len(h.frames) {
		h.frames = append(h.frames, new(funcFrame))
	}
	f := h.frames[h.framesUsed]
	h.framesUsed++
	*f = funcFrame{}
	return f
}

func (h *hotState) giveFrame(f *funcFrame) {
	if h.framesUsed > 0 && h.frames[h.framesUsed-1] == f {
		h.framesUsed--
		*f = funcFrame{} // holds no variable alive
	}
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
