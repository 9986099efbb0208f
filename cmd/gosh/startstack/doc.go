// Package startstack gives the start-up goroutine the stack a start of
// gosh needs, once and before any other package's initialisation: it is
// imported by cmd/gosh only for its init, and imports nothing, so the Go
// linker, which runs the package initialisations in dependency order and
// else by import path, runs it before every other package of gosh and
// of the standard library (after the runtime's own).
//
// Why (issue 9, speed: every gosh start, each child gosh too, pays it). A
// goroutine starts with a 2 KiB stack, and "gosh -c true" needs about 8
// KiB: left to itself the runtime grew it twice, in internal/godebug's
// initialisation (to 4 KiB) and in the search for inherited descriptors
// (to 8 KiB). Each growth copies the stack and walks every frame of the
// call chain with its tables (first touches of the binary's function
// tables), and each took its new stack from the runtime's pool for that
// size, which it refills by carving a new 32 KiB span into stacks and
// writing a free-list link into each one: 8 pages touched for the 4 KiB
// stacks and 4 for the 8 KiB ones, of which the shell used 3. A stack of
// 32 KiB is its own span, whose pages are touched only as the stack
// reaches them. grow's frame asks for that at once, while the stack holds
// three frames; nothing touches the frame itself (its array is written
// only when n != 0, which init never passes). Together 13 page faults
// fewer per start.
package startstack
