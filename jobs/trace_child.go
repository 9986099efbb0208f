package jobs

import (
	"strconv"
	"strings"
)

// ChildFdSteps is what the child of Go's syscall.ForkExec does with its
// descriptors between clone and execve, system call by system call, for a
// ProcAttr.Files table files (files[i] becomes fd i; -1 = closed) and the
// write end errPipe of ForkExec's error pipe (-1 = not known: its step is
// then left out and later numbers may be one lower than the real ones).
//
// It is the algorithm of forkAndExecInChild1 in Go's
// src/syscall/exec_linux.go, computed from the table:
//
//   - nextfd, the first number the child may use for copies, is one above
//     both len(files) and the highest number in files.
//   - If the error pipe lies below nextfd it is moved to nextfd with
//     dup3(pipe, nextfd, O_CLOEXEC), so that no step below overwrites it.
//   - Pass 1: every files[i] < i (a number that pass 2 may overwrite before
//     it reaches i) is copied up to the next free number with
//     dup3(files[i], nextfd, O_CLOEXEC), skipping the pipe's number.
//   - Pass 2, for i = 0, 1, 2, ...: close(i) for -1; fcntl(i, F_SETFD, 0)
//     when files[i] == i (dup3 onto itself would fail; this clears
//     close-on-exec); otherwise dup3(files[i], i, 0).
//   - Then close(i) for every i below 3 that the table does not reach.
//
// Each step is returned as one line: the call as strace writes it, two
// spaces, and what it is for. A run of closes of consecutive numbers is one
// line, "close(3..9)": the calls are made in that order, one per number.
func ChildFdSteps(files []int, errPipe int) []string { return ChildFdStepsIn(files, errPipe, "en") }

// ChildFdStepsIn is ChildFdSteps with its explanations in lang.
func ChildFdStepsIn(files []int, errPipe int, lang string) []string {
	msgs := ChildFdStepsMsg(files, errPipe)
	steps := make([]string, len(msgs))
	for i, m := range msgs {
		steps[i] = m.In(lang)
	}
	return steps
}

// The explanations of ChildFdSteps.
var (
	fdStepPipe = Msg{
		En: "dup3(%d, %d, O_CLOEXEC)  (ForkExec's error pipe, moved above every number the child gets: the child writes its errno there if execve fails; execve closes it)",
		Ko: "dup3(%d, %d, O_CLOEXEC)  (ForkExec의 오류 파이프를 자식이 받을 모든 번호 위로 옮긴다: execve가 실패하면 자식이 errno를 여기에 쓰고, execve가 성공하면 닫힌다)",
	}
	fdStepSafe = Msg{
		En: "dup3(%d, %d, O_CLOEXEC)  (a safe copy of %d for fd %d: fds are set in the order 0, 1, 2, ..., so %d may be overwritten before fd %d is set)",
		Ko: "dup3(%d, %d, O_CLOEXEC)  (fd %[4]d를 위한 %[3]d의 안전한 사본: fd는 0, 1, 2, ... 순서로 설정되므로 fd %[6]d를 설정하기 전에 %[5]d가 덮어쓰일 수 있다)",
	}
	fdStepClose1 = Msg{En: "close(%d)  (fd %d is closed in the child)", Ko: "close(%d)  (자식에서 fd %d를 닫는다)"}
	fdStepCloseN = Msg{
		En: "close(%d..%d)  (one close per number: the child gets none of them)",
		Ko: "close(%d..%d)  (번호마다 close 한 번: 자식은 이 번호들을 받지 않는다)",
	}
	fdStepKeep = Msg{
		En: "fcntl(%d, F_SETFD, 0)  (fd %d stays as it is; its close-on-exec flag is cleared)",
		Ko: "fcntl(%d, F_SETFD, 0)  (fd %d는 그대로 두고 close-on-exec 표시만 지운다)",
	}
	fdStepDup = Msg{
		En: "dup3(%d, %d, 0)  (fd %d is now what %d is; not close-on-exec, so it survives execve)",
		Ko: "dup3(%d, %d, 0)  (fd %[3]d는 이제 %[4]d와 같은 파일을 가리킨다. close-on-exec가 아니므로 execve 뒤에도 남는다)",
	}
	fdStepDupSafe = Msg{
		En: "dup3(%d, %d, 0)  (fd %d is what %d was, from its safe copy; not close-on-exec, so it survives execve)",
		Ko: "dup3(%d, %d, 0)  (fd %[3]d는 안전한 사본을 통해 %[4]d가 가리키던 파일을 가리킨다. close-on-exec가 아니므로 execve 뒤에도 남는다)",
	}
)

// ChildFdStepsMsg is ChildFdSteps in both languages.
func ChildFdStepsMsg(files []int, errPipe int) []Msg {
	fd := append([]int(nil), files...)
	nextfd := len(fd)
	for _, f := range fd {
		if nextfd < f {
			nextfd = f
		}
	}
	nextfd++
	var steps []Msg
	add := func(m Msg, args ...any) { steps = append(steps, m.With(args...)) }
	pipe := errPipe
	if pipe >= 0 && pipe < nextfd {
		add(fdStepPipe, pipe, nextfd)
		pipe = nextfd
		nextfd++
	}
	safe := map[int]int{} // a pass-1 copy and the number it copies
	for i := range fd {
		if fd[i] >= 0 && fd[i] < i {
			if nextfd == pipe {
				nextfd++
			}
			add(fdStepSafe, fd[i], nextfd, fd[i], i, fd[i], i)
			safe[nextfd] = fd[i]
			fd[i] = nextfd
			nextfd++
		}
	}
	closeFrom := -1 // start of the current run of closes
	flush := func(end int) {
		if closeFrom < 0 {
			return
		}
		if end == closeFrom {
			add(fdStepClose1, closeFrom, closeFrom)
		} else {
			add(fdStepCloseN, closeFrom, end)
		}
		closeFrom = -1
	}
	for i := range fd {
		if fd[i] < 0 {
			if closeFrom < 0 {
				closeFrom = i
			}
			continue
		}
		flush(i - 1)
		if fd[i] == i {
			add(fdStepKeep, i, i)
			continue
		}
		if orig, ok := safe[fd[i]]; ok {
			add(fdStepDupSafe, fd[i], i, i, orig)
		} else {
			add(fdStepDup, fd[i], i, i, fd[i])
		}
	}
	flush(len(fd) - 1)
	for i := len(fd); i < 3; i++ {
		add(fdStepClose1, i, i)
	}
	return steps
}

// StepCalls turns narrated steps back into the system calls they stand
// for, one per call, without the explanations: "close(3..5)" becomes
// close(3), close(4), close(5). Tests compare them with strace's lines.
func StepCalls(steps []string) []string {
	var calls []string
	for _, s := range steps {
		call, _, _ := strings.Cut(s, "  ")
		if rest, ok := strings.CutPrefix(call, "close("); ok {
			from, to, found := strings.Cut(strings.TrimSuffix(rest, ")"), "..")
			if found {
				a, err1 := strconv.Atoi(from)
				b, err2 := strconv.Atoi(to)
				if err1 == nil && err2 == nil {
					for n := a; n <= b; n++ {
						calls = append(calls, "close("+strconv.Itoa(n)+")")
					}
					continue
				}
			}
		}
		calls = append(calls, call)
	}
	return calls
}
