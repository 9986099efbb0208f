package startstack

// init runs grow, whose frame makes the runtime move the start-up
// goroutine to a 32 KiB stack (see the package comment).
func init() { grow(0) }

// growFrame is the size of grow's array: with the frames below it, more
// than 16 KiB and less than 32 KiB minus the runtime's stack guard, so
// that the runtime doubles the 2 KiB stack straight to 32 KiB.
const growFrame = 20 << 10

// grow has a frame of growFrame bytes, which the function's prologue
// checks against the stack before anything runs: the runtime then grows
// the stack to fit it. With n == 0 (init) it returns at once, so the
// array is never zeroed or written and its pages are never touched.
//
//go:noinline
func grow(n int) byte {
	if n == 0 {
		return 0
	}
	var pad [growFrame]byte
	pad[n%len(pad)] = byte(n)
	return pad[(n+1)%len(pad)]
}
