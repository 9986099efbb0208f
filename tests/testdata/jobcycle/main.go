// Command jobcycle is the job used by BenchmarkJobCycle. It prints READY
// once it runs, prints RESUMED each time it is continued (SIGCONT), and
// exits after reading one line from the terminal. A shell gives a job the
// terminal before it runs and before it continues it, so either word on
// the screen means the job owns the terminal.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	cont := make(chan os.Signal, 1)
	signal.Notify(cont, syscall.SIGCONT)
	go func() {
		for range cont {
			fmt.Print("RESUMED\n")
		}
	}()
	fmt.Print("READY\n")
	buf := make([]byte, 64)
	os.Stdin.Read(buf)
}
