// Command rawmode is a helper for the terminal-modes test of gosh. It puts
// its terminal in raw mode (golang.org/x/term), keeping ISIG on so that
// Ctrl+Z still stops it, prints RAW-READY, reads one byte, and then reports
// whether the terminal modes are still exactly the ones it set: STILL-RAW, or
// MODES-CHANGED with the flags it found. A job-control shell that saves and
// restores the modes of a stopped job (gosh does, bash does not) makes it
// report STILL-RAW after Ctrl+Z and fg.
package main

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

func main() {
	os.Exit(run())
}

func run() int {
	old, err := term.MakeRaw(0)
	if err != nil {
		fmt.Fprintln(os.Stderr, "rawmode:", err)
		return 1
	}
	defer term.Restore(0, old)
	want, err := unix.IoctlGetTermios(0, unix.TCGETS)
	if err != nil {
		fmt.Fprintln(os.Stderr, "rawmode:", err)
		return 1
	}
	want.Lflag |= unix.ISIG
	if err := unix.IoctlSetTermios(0, unix.TCSETSW, want); err != nil {
		fmt.Fprintln(os.Stderr, "rawmode:", err)
		return 1
	}
	// Output post-processing is off: end lines with \r\n ourselves.
	fmt.Print("RAW-READY\r\n")
	buf := make([]byte, 1)
	if _, err := os.Stdin.Read(buf); err != nil {
		fmt.Printf("READ-ERROR %v\r\n", err)
		return 1
	}
	got, err := unix.IoctlGetTermios(0, unix.TCGETS)
	if err != nil {
		fmt.Printf("TCGETS-ERROR %v\r\n", err)
		return 1
	}
	if got.Iflag == want.Iflag && got.Oflag == want.Oflag && got.Lflag == want.Lflag && got.Cflag == want.Cflag {
		fmt.Printf("STILL-RAW read %q\r\n", buf)
		return 0
	}
	fmt.Printf("MODES-CHANGED iflag %#x→%#x oflag %#x→%#x lflag %#x→%#x cflag %#x→%#x\r\n",
		want.Iflag, got.Iflag, want.Oflag, got.Oflag, want.Lflag, got.Lflag, want.Cflag, got.Cflag)
	return 2
}
