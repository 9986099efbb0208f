package jobs

import (
	"strings"
	"testing"
)

// ChildFdSteps follows forkAndExecInChild1: the pipe first, then pass 1
// (copies of every Files[i] < i above nextfd), then pass 2 in index order.
func TestChildFdSteps(t *testing.T) {
	tests := []struct {
		name  string
		files []int
		pipe  int
		want  string
	}{
		{"2>&1 >out: stderr keeps the terminal", []int{0, 5, 1}, 7,
			"dup3(1, 6, O_CLOEXEC) fcntl(0, F_SETFD, 0) dup3(5, 1, 0) dup3(6, 2, 0)"},
		{">out 2>&1: both to the file", []int{0, 5, 5}, 7,
			"fcntl(0, F_SETFD, 0) dup3(5, 1, 0) dup3(5, 2, 0)"},
		{"the pipe below nextfd moves first", []int{0, 5, 1}, 4,
			"dup3(4, 6, O_CLOEXEC) dup3(1, 7, O_CLOEXEC) fcntl(0, F_SETFD, 0) dup3(5, 1, 0) dup3(7, 2, 0)"},
		{"the pipe at nextfd stays; copies go above len and the highest fd", []int{0, 1, 0}, 3,
			"dup3(3, 4, O_CLOEXEC) dup3(0, 5, O_CLOEXEC) fcntl(0, F_SETFD, 0) fcntl(1, F_SETFD, 0) dup3(5, 2, 0)"},
		{"a copy skips the pipe's number", []int{0, 0, 0}, 5,
			"dup3(0, 4, O_CLOEXEC) dup3(0, 6, O_CLOEXEC) fcntl(0, F_SETFD, 0) dup3(4, 1, 0) dup3(6, 2, 0)"},
		{"swap 1 and 2", []int{0, 2, 1}, 9,
			"dup3(1, 4, O_CLOEXEC) fcntl(0, F_SETFD, 0) dup3(2, 1, 0) dup3(4, 2, 0)"},
		{"closed fds in runs", []int{7, -1, -1, -1, 8, -1}, 20,
			"dup3(7, 0, 0) close(1) close(2) close(3) dup3(8, 4, 0) close(5)"},
		{"a short table closes up to 2", []int{0}, 9,
			"fcntl(0, F_SETFD, 0) close(1) close(2)"},
		{"pipe not known", []int{0, 5, 1}, -1,
			"dup3(1, 6, O_CLOEXEC) fcntl(0, F_SETFD, 0) dup3(5, 1, 0) dup3(6, 2, 0)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			steps := ChildFdSteps(tc.files, tc.pipe)
			if got := strings.Join(StepCalls(steps), " "); got != tc.want {
				t.Errorf("ChildFdSteps(%v, %d)\n got %s\nwant %s\n%s", tc.files, tc.pipe, got, tc.want, strings.Join(steps, "\n"))
			}
			for _, s := range steps {
				if !strings.Contains(s, "  (") {
					t.Errorf("step %q says not what it is for", s)
				}
			}
		})
	}
}

// The Korean explanations change nothing but the words.
func TestChildFdStepsKorean(t *testing.T) {
	files := []int{0, 5, 1, -1, -1, 9}
	en, ko := ChildFdStepsIn(files, 3, "en"), ChildFdStepsIn(files, 3, "ko")
	if strings.Join(StepCalls(en), " ") != strings.Join(StepCalls(ko), " ") {
		t.Errorf("calls differ:\n%q\n%q", StepCalls(en), StepCalls(ko))
	}
	for i := range en {
		if en[i] == ko[i] {
			t.Errorf("step %q is not translated", en[i])
		}
	}
}
