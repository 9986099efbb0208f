// Command intignore ignores SIGINT and runs until it is stopped or killed,
// like the intignore example of the course, for the gosh labs.
//
//	intignore
//
// Ctrl+C (SIGINT) does nothing to it. Ctrl+Z (SIGTSTP) still stops it,
// kill (SIGTERM) still ends it, and SIGKILL always does. Note that an
// ignored signal stays ignored in every program it would start: SIG_IGN
// survives execve.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"gosh/cmd/internal/helperlang"
)

func main() {
	signal.Ignore(syscall.SIGINT) // SIG_IGN: the kernel drops SIGINT for this process
	fmt.Printf(helperlang.Pick(
		"intignore: pid %d ignores SIGINT. Ctrl+C does nothing; try Ctrl+Z, then kill.\n",
		"intignore: 이 프로세스(pid %d)는 SIGINT를 무시한다. Ctrl+C는 아무 효과가 없다: Ctrl+Z 후 kill을 써 보자.\n"),
		os.Getpid())
	for {
		time.Sleep(time.Second)
	}
}
