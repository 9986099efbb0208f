package shell

import (
	"slices"
	"unsafe"

	"gosh/builtins"
	"gosh/parser"
)

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
	// compSpec is the specification of the completion whose -F function
	// runs now, which compopt may change (progcomp.go); nil otherwise.
	compSpec *builtins.CompSpec
	// guards are the broken-pipe guards of the builtins running now,
	// innermost last, with spares beyond guardsUsed (guardBrokenPipe).
	guards     []*brokenPipeGuard
	guardsUsed int
	// callFrames are frames of bash's call stack given back for reuse,
	// and clones counts the copies made of the shell (takeCallFrame).
	callFrames []*callFrame
	clones     uint64
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
	arith *[arithSlots]arithSlot
	// vars are the variables the executor reads or sets around every
	// command, as found in varsFor when its gen was varsGen (nil: not
	// set); see specialVars.
	vars    hotVars
	varsFor *Vars
	varsGen uint64
	// varSlots cache variables by the address of their name (lookupVar),
	// builtinSlots builtins (lookupBuiltin).
	varSlots     *[varSlots]varSlot
	builtinSlots *[builtinSlots]builtinSlot
	// funcSlots cache functions by the address of their name
	// (lookupFuncCached), valid while funcsGen is theirs.
	funcSlots *[builtinSlots]funcSlot
	funcsGen  uint64
	// spare and spareVars are the storage and the variable table the
	// shell's last $( ) copy gave back, for the next one (subst_scratch.go).
	spare     *hotState
	spareVars *varsSpare
	// The caches are made at their first use: a copy of the shell that
	// runs one command ($(echo hi)) makes only what that command uses.
}

// hotVars are the variables behind $_, PIPESTATUS, IFS and FUNCNEST.
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

// varSlots is the size of a shell's cache of variables by name.
const varSlots = 64

// varSlot is one entry of the cache: a name, the variable it maps to in
// table vars at generation gen (nil: not set).
type varSlot struct {
	name string
	x    *Var
	vars *Vars
	gen  uint64
}

// lookupVar is sh.Vars.Lookup(name), through a cache keyed by the address
// of the name's text: the names a loop reads and assigns are the same
// strings of its parsed tree at every pass ("i" in $i, in i=..., in
// $((i + 1))), so that a look-up is a comparison, not a hash. An entry
// holds while the table is the same and has not changed which Var a name
// maps to (Vars.gen); the slot holds the string, so that its memory
// cannot be reused for another name while it is there.
func (sh *Shell) lookupVar(name string) *Var {
	v := sh.Vars
	if uncachedVar(name) {
		return v.m[name]
	}
	h := sh.hot()
	p := unsafe.StringData(name)
	if h.varSlots == nil {
		h.varSlots = new([varSlots]varSlot)
	}
	s := &h.varSlots[(uintptr(unsafe.Pointer(p))>>3^uintptr(len(name)))%varSlots]
	if s.vars == v && s.gen == v.gen && unsafe.StringData(s.name) == p && len(s.name) == len(name) {
		if s.x != nil && s.x.NameRef {
			return v.find(name) // a reference is followed at each use
		}
		return s.x
	}
	x := v.m[name]
	*s = varSlot{name: name, x: x, vars: v, gen: v.gen}
	if x != nil && x.NameRef {
		return v.find(name)
	}
	return x
}

// setVar is sh.Vars.Set(name, value) through lookupVar.
func (sh *Shell) setVar(name, value string) error {
	if x := sh.lookupVar(name); x != nil {
		return sh.Vars.setIn(name, x, value)
	}
	return sh.Vars.Set(name, value)
}

// builtinSlots is the size of a shell's cache of builtins by name.
const builtinSlots = 32

// builtinSlot is one entry of the cache: a name and its builtin (nil:
// none of that name).
type builtinSlot struct {
	name string
	b    *builtins.Builtin
}

// lookupBuiltin is builtins.Lookup through a cache keyed by the address of
// the name's text, as lookupVar's: a loop's command names are the same
// strings at every pass. The builtins' table never changes once the
// program has started, so an entry never goes stale.
func (sh *Shell) lookupBuiltin(name string) (*builtins.Builtin, bool) {
	h := sh.hot()
	p := unsafe.StringData(name)
	if h.builtinSlots == nil {
		h.builtinSlots = new([builtinSlots]builtinSlot)
	}
	s := &h.builtinSlots[(uintptr(unsafe.Pointer(p))>>3^uintptr(len(name)))%builtinSlots]
	if unsafe.StringData(s.name) == p && len(s.name) == len(name) && p != nil {
		if s.b != nil && sh.Opts.Disabled != "" && sh.BuiltinDisabled(name) {
			return nil, false // enable -n (enable.go)
		}
		return s.b, s.b != nil
	}
	b, ok := builtins.Lookup(name)
	*s = builtinSlot{name: name, b: b}
	if ok && sh.Opts.Disabled != "" && sh.BuiltinDisabled(name) {
		return nil, false
	}
	return b, ok
}

// funcSlot is one entry of a shell's cache of functions by name: the
// function name maps to (nil: none) in the table funcs at generation gen.
type funcSlot struct {
	name  string
	fd    *parser.FuncDecl
	funcs unsafe.Pointer
	gen   uint64
}

// lookupFuncCached is sh.funcs[name] through a cache keyed by the address
// of the name's text, as lookupVar's. An entry holds while the table is
// the same map and no function was defined or removed since
// (funcsChanged).
func (sh *Shell) lookupFuncCached(name string) *parser.FuncDecl {
	if sh.funcs == nil {
		return nil
	}
	h := sh.hot()
	m := *(*unsafe.Pointer)(unsafe.Pointer(&sh.funcs)) // the map's identity
	p := unsafe.StringData(name)
	if h.funcSlots == nil {
		h.funcSlots = new([builtinSlots]funcSlot)
	}
	s := &h.funcSlots[(uintptr(unsafe.Pointer(p))>>3^uintptr(len(name)))%builtinSlots]
	if s.funcs == m && s.gen == h.funcsGen && unsafe.StringData(s.name) == p && len(s.name) == len(name) && p != nil {
		return s.fd
	}
	fd := sh.funcs[name]
	*s = funcSlot{name: name, fd: fd, funcs: m, gen: h.funcsGen}
	return fd
}

// funcsChanged records that a function was defined or removed in the
// shell's table.
func (sh *Shell) funcsChanged() { sh.hot().funcsGen++ }

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

// arenaSize is how many entries an arena holds at most: the words (or the
// assignments) of the commands running now, one inside the other (a
// function's command inside its call), and of the command being expanded.
// An arena starts with arenaStart and doubles when a command did not fit:
// every copy of the shell ($( ), a builtin stage) has arenas of its own,
// and 512 entries of each, made and cleared for every x=$(echo hi), cost
// a quarter of its time (issue 9 keeps 1,000 of them under 0.1 of bash's).
const (
	arenaSize  = 512
	arenaStart = 16
)

// arena is storage for the argv (or the assignments) of lone simple
// commands (runSimple), used as a stack: buf[:top] belongs to the
// commands running now. A command takes its room at a mark (take),
// expands into it (room), keeps what it used (keep), and gives it back
// once it has run (release).
type arena[T any] struct {
	buf []T
	top int
	// grow is set when a command's entries did not fit: the next take
	// with nothing in use makes buf twice as big.
	grow bool
}

// take starts the entries of a command about to be expanded: they go at
// the returned mark. Until keep, the whole rest of the arena is the
// command's, so that a command run while its words expand takes its
// storage from the heap rather than from under it.
func (a *arena[T]) take() int {
	if a.buf == nil || a.grow && a.top == 0 {
		n := arenaStart
		if a.buf != nil {
			n = min(2*len(a.buf), arenaSize)
		}
		a.buf, a.grow = make([]T, n), false
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
	} else if len(s) > len(a.buf)-mark && len(a.buf) < arenaSize {
		a.grow = true
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

// takeCallFrame gives a cleared frame for bash's call stack (bashvars.go),
// reusing one given back. clones counts the copies of the shell made so
// far: a copy shares the frames alive when it is made, so a frame is
// given back (giveCallFrame) only if no copy was made while it was pushed.
func (h *hotState) takeCallFrame() *callFrame {
	var f *callFrame
	if n := len(h.callFrames); n > 0 {
		f = h.callFrames[n-1]
		h.callFrames = h.callFrames[:n-1]
		*f = callFrame{}
	} else {
		f = new(callFrame)
	}
	f.clonesAt = h.clones
	return f
}

func (h *hotState) giveCallFrame(f *callFrame) {
	if f.clonesAt == h.clones && len(h.callFrames) < maxCallFrames {
		*f = callFrame{} // holds no variable alive
		h.callFrames = append(h.callFrames, f)
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

// sameFds reports whether two fd tables are equal. A builtin without
// redirections runs with the shell's own table, the same slice: that is
// one comparison, where a script's table has an entry for each fd up to
// the highest it holds.
func sameFds(a, b []int) bool {
	if len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0]) {
		return true
	}
	return slices.Equal(a, b)
}
