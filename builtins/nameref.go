package builtins

// NameRefShell gives the declaration builtins bash's name references
// (declare -n, local -n): a variable whose value is the name of the
// variable that reading, assigning and unsetting it works on. The shell
// implements it; through the other Shell methods a reference is followed,
// through these it is the reference itself that is seen or changed.
type NameRefShell interface {
	// DeclareNameRef makes name a reference to target (declare -n
	// name=target), or without hasTarget a reference that has none yet
	// or keeps the one it has (declare -n name). A bad target, name
	// itself, an array or a read-only reference is an error.
	DeclareNameRef(name, target string, hasTarget bool) error
	// ClearNameRef takes the attribute off (declare +n): the value stays.
	ClearNameRef(name string)
	// NameRef reports whether name is itself a reference, its target
	// ("" when it has none yet) and its other attributes' letters in
	// declare -p's order (r, x).
	NameRef(name string) (target, attrs string, ok bool)
	// SetNameRefAttr gives the reference itself the read-only (r) or
	// exported (x) attribute (declare -rn, declare -xn).
	SetNameRefAttr(name string, attr byte)
	// UnsetNameRef removes the reference itself (unset -n).
	UnsetNameRef(name string) error
}

// nameRef is NameRefShell.NameRef for any Shell: a Shell without name
// references has none.
func nameRef(sh Shell, name string) (target, attrs string, ok bool) {
	if nr, is := sh.(NameRefShell); is {
		return nr.NameRef(name)
	}
	return "", "", false
}

// declareNameRef is declare -n for one NAME or NAME=TARGET (and +n).
func declareNameRef(sh Shell, io IO, builtin string, flags declareFlags, name, target string, hasTarget bool) int {
	nr, ok := sh.(NameRefShell)
	if !ok {
		errorf(io, builtin, "%s: name references are not supported", name)
		return statusFailure
	}
	if flags.off('n') {
		nr.ClearNameRef(name)
		return statusOK
	}
	if err := nr.DeclareNameRef(name, target, hasTarget); err != nil {
		errorf(io, builtin, "%s", err)
		if w, ok := err.(interface{ Warning() bool }); !ok || !w.Warning() {
			return statusFailure
		}
	}
	for _, c := range []byte("rx") {
		if flags.on(c) {
			nr.SetNameRefAttr(name, c)
		}
	}
	return statusOK
}

// nameRefLine is declare -p of a reference: declare -n NAME="TARGET".
func nameRefLine(name, target, attrs string) string {
	head := "declare -n" + attrs + " " + name
	if target == "" {
		return head + "\n"
	}
	return head + "=" + declareQuote(target) + "\n"
}
