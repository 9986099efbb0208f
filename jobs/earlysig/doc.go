// Package earlysig gives a starting gosh the dispositions of a C shell
// for the signals whose Go default differs, in the first package
// initialisation of the process: it imports only syscall and unsafe, and
// cmd/gosh imports it for its init, so that nothing of gosh runs before.
//
// Why. Go's runtime installs its handler for every signal before any
// package is initialised, and that handler drops SIGUSR1, SIGUSR2,
// SIGALRM and the like (a C program dies of them) and answers SIGABRT,
// SIGSYS, SIGTRAP and SIGILL with a goroutine dump. gosh used
// to give them the kernel's disposition once its shell was set up
// (jobs.Table.KernelDefault), milliseconds into the start: a background
// job's child gosh that got "kill -USR2 $!" in that time ignored it and
// ran on ("f & kill -USR2 $!; wait $!" hung 6 runs in 10), and a SIGABRT
// printed a stack dump. Now the window is the runtime's own start.
//
// The runtime's handlers replaced here are kept in Saved, and what took
// their place in Set: package jobs uses both as its own record of
// KernelDefault's changes (a trap on one of these signals puts the
// runtime's handler back before os/signal catches it). A signal ignored
// when gosh started stays ignored.
package earlysig
