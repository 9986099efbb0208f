//go:build linux

package builtins

import (
	"strings"
	"testing"
	"time"

	"gosh/jobs"
)

// columnsOf is the display columns where the separator sep starts in line.
func columnsOf(line, sep string) []int {
	var cols []int
	for i := 0; ; {
		j := strings.Index(line[i:], sep)
		if j < 0 {
			return cols
		}
		cols = append(cols, displayWidth(line[:i+j]))
		i += j + len(sep)
	}
}

// In Korean the timeline's headings, lanes and events are Korean, and its
// lanes line up by display width (a Hangul syllable takes two columns,
// three bytes): every "│" of every row is at the same column.
func TestTimelineKoreanAligned(t *testing.T) {
	start := time.Unix(1000, 0)
	ev := func(ms, pid int, kind jobs.EventKind, m jobs.Msg) jobs.TimelineEvent {
		return jobs.TimelineEvent{At: start.Add(time.Duration(ms) * time.Millisecond), Pid: pid, What: m.En, Words: m, Kind: kind}
	}
	jt := jobs.JobTimeline{Job: 1, Text: "sleep 30 | cat", Pgid: 4242, Pids: []int{4242, 4243}, Events: []jobs.TimelineEvent{
		ev(0, 4242, jobs.EvStarted, jobs.Msg{En: "fork+exec; setpgid(0, 0): new group 4242", Ko: "fork+exec; setpgid(0, 0): 새 그룹 4242"}),
		ev(1, 4243, jobs.EvStarted, jobs.Msg{En: "fork+exec; setpgid(0, 4242): joins group 4242", Ko: "fork+exec; setpgid(0, 4242): 그룹 4242에 들어감"}),
		ev(900, 4242, jobs.EvStopped, jobs.Msg{En: "stopped by SIGTSTP", Ko: "SIGTSTP로 정지"}),
		ev(901, 0, jobs.EvTerminalBack, jobs.Msg{En: "tcsetpgrp → shell (100): the job stopped", Ko: "tcsetpgrp → 셸 (100): 작업이 정지했다"}),
	}}
	for _, width := range []int{0, 60, 100} {
		got := renderTimeline(jt, width, false, "ko")
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if !strings.HasPrefix(lines[0], "작업 [1] sleep 30 | cat  (프로세스 그룹 4242)") {
			t.Errorf("width %d: heading %q", width, lines[0])
		}
		if !strings.HasPrefix(lines[1], "시간") || !strings.Contains(lines[1], "셸") || !strings.Contains(got, "SIGTSTP로 정지") {
			t.Errorf("width %d: lanes or events not in Korean:\n%s", width, got)
		}
		want := columnsOf(lines[1], "│")
		if len(want) != 3 {
			t.Fatalf("width %d: %d lanes in %q", width, len(want), lines[1])
		}
		for _, l := range lines[3:] {
			cols := columnsOf(l, "│")
			for i, c := range cols {
				if i < len(want) && c != want[i] {
					t.Errorf("width %d: lane %d at column %d, the heading's at %d:\n%s", width, i, c, want[i], got)
				}
			}
			if width > 0 && displayWidth(l) > width {
				t.Errorf("width %d: a line of %d columns: %q", width, displayWidth(l), l)
			}
		}
	}
	if en := renderTimeline(jt, 0, false, "en"); !strings.Contains(en, "stopped by SIGTSTP") || strings.Contains(en, "정지") {
		t.Errorf("English timeline:\n%s", en)
	}
}

// ptree's group bracket is Korean in Korean, and still fits the width by
// display width.
func TestRenderTreeKorean(t *testing.T) {
	root := &treeNode{proc: &procInfo{Pid: 100, Pgid: 100, Sid: 100, State: 'S', Argv: []string{"gosh"}}}
	long := strings.Repeat("인자-", 30)
	a := &treeNode{proc: &procInfo{Pid: 201, Pgid: 201, Sid: 100, State: 'T', Argv: []string{"sleep", long}}}
	b := &treeNode{proc: &procInfo{Pid: 202, Pgid: 201, Sid: 100, State: 'T', Argv: []string{"cat"}}}
	root.kids = []*treeNode{a, b}
	for _, width := range []int{0, 50, 80} {
		got := renderTree(root, jobOf{byPid: map[int]int{}, byPgid: map[int]int{}, lang: "ko"}, width)
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if !strings.HasSuffix(lines[1], "┐ 그룹 201") || !strings.HasSuffix(lines[2], "┘") {
			t.Errorf("width %d: no Korean group bracket:\n%s", width, got)
		}
		if displayWidth(lines[1][:strings.LastIndex(lines[1], "┐")]) != displayWidth(lines[2][:strings.LastIndex(lines[2], "┘")]) {
			t.Errorf("width %d: the bracket does not line up by display width:\n%s", width, got)
		}
		for _, l := range lines {
			if width > 0 && displayWidth(l) > width {
				t.Errorf("width %d: a line of %d columns: %q", width, displayWidth(l), l)
			}
		}
	}
}

// procs: the columns line up by display width when a command is Korean,
// and a live view's notes are Korean.
func TestProcTableKorean(t *testing.T) {
	procs := []*procInfo{
		{Pid: 10, PPid: 1, Pgid: 10, Sid: 10, Tpgid: 10, State: 'S', Argv: []string{"잠자기", "30"}},
		{Pid: 11, PPid: 10, Pgid: 11, Sid: 10, Tpgid: 10, State: 'T', Argv: []string{"cat"}},
	}
	var b strings.Builder
	writeProcTable(&b, procs, jobOf{byPid: map[int]int{11: 1}, byPgid: map[int]int{}, lang: "ko"}, 0, map[int]string{10: "new"}, false)
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	cmd := displayWidth(lines[0][:strings.Index(lines[0], "COMMAND")])
	for _, l := range lines[1:] {
		var at int
		if i := strings.Index(l, "잠자기"); i >= 0 {
			at = displayWidth(l[:i])
		} else {
			at = displayWidth(l[:strings.Index(l, "cat")])
		}
		if at != cmd {
			t.Errorf("COMMAND at column %d, its heading at %d:\n%s", at, cmd, b.String())
		}
	}
	if !strings.Contains(lines[1], "◀ 새 프로세스") {
		t.Errorf("the note is not Korean: %q", lines[1])
	}
}

// explain speaks Korean through and through: no English heading or
// sentence is left, and the system calls are the same as in English.
func TestExplainKorean(t *testing.T) {
	sh := newFake(t)
	sh.JobTable().SetJobControl(true)
	lines := []string{
		"ls /nonexist 2>&1 >out",
		"echo a | read x",
		"sleep 10 &",
		"a=1 b=$HOME; echo ${x:-y} \"$a\" *.go",
		"( cd /tmp ) && { echo hi; }",
		"exec 3>log",
		"cat <<EOF\nhi\nEOF",
		"time ! false",
		"for i in 1 2; do echo $i; done",
	}
	english := []string{"Structure:", "Commands:", "Processes", "File descriptors", "Terminal and waiting", "Expansions",
		"the shell", "child", "runs", "Where:", " is a "}
	for _, line := range lines {
		ko, err := explainLineIn(sh, line, "ko")
		if err != nil {
			t.Fatalf("explain %q: %v", line, err)
		}
		en, _ := explainLineIn(sh, line, "en")
		if ko == en {
			t.Errorf("explain %q: the Korean is the English", line)
		}
		for _, w := range english {
			if strings.Contains(ko, w) {
				t.Errorf("explain %q in Korean still says %q:\n%s", line, w, ko)
			}
		}
		for _, call := range []string{"dup3(", "pipe2(", "open(", "fcntl(", "setpgid("} {
			if strings.Count(ko, call) != strings.Count(en, call) {
				t.Errorf("explain %q: %d × %s in Korean, %d in English", line, strings.Count(ko, call), call, strings.Count(en, call))
			}
		}
	}
}
