// Command spin keeps a CPU busy, for the gosh labs: a process that is
// always runnable, shown with state R by ps, procs and ptree.
//
//	spin [seconds]
//
// Without an argument it spins until it is killed. Stop it with Ctrl+Z
// (state T) and continue it with fg or bg (state R again).
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

func main() {
	var deadline time.Time
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 0 {
			fmt.Fprintln(os.Stderr, "usage: spin [seconds]")
			os.Exit(2)
		}
		deadline = time.Now().Add(time.Duration(n) * time.Second)
	}
	x := uint64(1)
	for i := 0; ; i++ {
		x = x*6364136223846793005 + 1442695040888963407 // busy work the compiler cannot drop
		if i%(1<<20) == 0 && !deadline.IsZero() && time.Now().After(deadline) {
			break
		}
	}
	if x == 0 {
		fmt.Println(x)
	}
}
