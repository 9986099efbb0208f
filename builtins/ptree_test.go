//go:build linux

package builtins

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestRenderTree(t *testing.T) {
	node := func(pid, pgid int, state byte, argv ...string) *treeNode {
		return &treeNode{proc: &procInfo{Pid: pid, Pgid: pgid, Sid: 100, State: state, Comm: "x", Argv: argv}}
	}
	root := node(100, 100, 'S', "gosh")
	root.proc.Sid = 100
	a, b, c := node(201, 201, 'T', "sleep", "30"), node(202, 201, 'T', "sleep", "30"), node(203, 201, 'T', "sleep", "30")
	z := node(300, 300, 'Z')
	z.proc.Comm = "true"
	solo := node(250, 250, 'S', "cat")
	grandchild := node(251, 250, 'R', "yes")
	solo.kids = []*treeNode{grandchild}
	root.kids = []*treeNode{z, c, a, solo, b}
	sortSiblings(root.kids)
	got := renderTree(root, jobOf{byPid: map[int]int{201: 1, 202: 1, 203: 1}, byPgid: map[int]int{}}, 0)
	want := strings.Join([]string{
		"100 Ss  pgid 100  gosh",
		"├─ 201 T   pgid 201  sleep 30  [1]  ┐ group 201",
		"├─ 202 T   pgid 201  sleep 30  [1]  │",
		"├─ 203 T   pgid 201  sleep 30  [1]  ┘",
		"├─ 250 S   pgid 250  cat",
		"│  └─ 251 R   pgid 250  yes",
		"└─ 300 Z   pgid 300  [true] <defunct>",
		"",
	}, "\n")
	if got != want {
		t.Errorf("renderTree:\n%s\nwant:\n%s", got, want)
	}
}

// With a width, every line fits in it (display width, Korean counted as
// two columns) and a long command ends with "…"; the bracket stays.
func TestRenderTreeFitsWidth(t *testing.T) {
	long := strings.Repeat("argument-", 40)
	root := &treeNode{proc: &procInfo{Pid: 100, Pgid: 100, Sid: 100, State: 'S', Argv: []string{"gosh", long}}}
	a := &treeNode{proc: &procInfo{Pid: 201, Pgid: 201, Sid: 100, State: 'T', Argv: []string{"sleep", "한국어-" + long}}}
	b := &treeNode{proc: &procInfo{Pid: 202, Pgid: 201, Sid: 100, State: 'T', Argv: []string{"cat", long}}}
	root.kids = []*treeNode{a, b}
	for _, width := range []int{40, 60, 80, 120} {
		got := renderTree(root, jobOf{byPid: map[int]int{}, byPgid: map[int]int{}}, width)
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		for _, l := range lines {
			if w := displayWidth(l); w > width {
				t.Errorf("width %d: a line of %d columns: %q", width, w, l)
			}
			if !strings.Contains(l, "…") {
				t.Errorf("width %d: a long command not cut with …: %q", width, l)
			}
		}
		if !strings.HasSuffix(lines[1], "┐ group 201") || !strings.HasSuffix(lines[2], "┘") {
			t.Errorf("width %d: the group bracket is gone:\n%s", width, got)
		}
	}
}

// A chain of processes deeper than the terminal is wide (a runaway
// recursion) still fits: the drawing's left part gives way to "…", and
// each line keeps its pid, state and group.
func TestRenderTreeDeepChain(t *testing.T) {
	root := &treeNode{proc: &procInfo{Pid: 100, Pgid: 100, Sid: 99, State: 'S', Argv: []string{"bash"}}}
	node := root
	for i := 1; i <= 60; i++ {
		kid := &treeNode{proc: &procInfo{Pid: 100 + i, Pgid: 100, Sid: 99, State: 'S', Argv: []string{"bash", "-c", strings.Repeat("x", 100)}}}
		node.kids = []*treeNode{kid}
		node = kid
	}
	for _, width := range []int{20, 40, 80, 200} {
		got := renderTree(root, jobOf{byPid: map[int]int{}, byPgid: map[int]int{}}, width)
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		if len(lines) != 61 {
			t.Fatalf("width %d: %d lines, want 61", width, len(lines))
		}
		for i, l := range lines {
			if w := displayWidth(l); w > width {
				t.Errorf("width %d: line %d of %d columns: %q", width, i, w, l)
			}
			if width >= 80 && !strings.Contains(l, fmt.Sprintf("%d S   pgid 100", 100+i)) {
				t.Errorf("width %d: line %d lost its process: %q", width, i, l)
			}
		}
		if width == 80 && !strings.HasPrefix(lines[60], "…") {
			t.Errorf("width 80: the deepest line keeps its whole drawing: %q", lines[60])
		}
	}
}

func TestCutToWidth(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly-10", 10, "exactly-10"},
		{"longer than ten", 10, "longer th…"},
		{"한국어문장입니다", 7, "한국어…"}, // 2 columns each: 3 fit in 6, then …
		{"anything", 0, "anything"},
	}
	for _, tc := range tests {
		got := cutToWidth(tc.in, tc.width)
		if got != tc.want {
			t.Errorf("cutToWidth(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
		if tc.width > 0 && displayWidth(got) > tc.width {
			t.Errorf("cutToWidth(%q, %d) is %d columns wide", tc.in, tc.width, displayWidth(got))
		}
	}
	if w := displayWidth("\x1b[1m세션\x1b[0m ab"); w != 7 {
		t.Errorf("displayWidth with escapes and Hangul = %d, want 7", w)
	}
}

// TestPtreeRealProcesses builds a pipeline-like pair of processes sharing a
// group and a zombie, then checks the tree under the test process.
func TestPtreeRealProcesses(t *testing.T) {
	first := startProcess(t, 0, "sleep", "30")
	second := startProcess(t, first, "sleep", "30")
	zparent := startProcess(t, 0, "sh", "-c", "true & exec sleep 30")
	var zombie int
	waitUntil(t, "a zombie under sh", func() bool {
		kids, _ := childrenOf(zparent)
		for _, k := range kids {
			if p, err := readProc(k); err == nil && p.State == 'Z' {
				zombie = k
				return true
			}
		}
		return false
	})
	waitState(t, first, 'S')
	waitState(t, second, 'S')

	r := run(t, newFake(t), "", "ptree")
	if r.status != 0 {
		t.Fatalf("ptree: status %d, %s", r.status, r.errOut)
	}
	lines := strings.Split(r.out, "\n")
	if !strings.HasPrefix(lines[0], strconv.Itoa(os.Getpid())+" ") {
		t.Errorf("root line %q is not the test process %d", lines[0], os.Getpid())
	}
	find := func(pid int) string {
		for _, l := range lines {
			if strings.Contains(l, "─ "+strconv.Itoa(pid)+" ") {
				return l
			}
		}
		t.Fatalf("pid %d not in tree:\n%s", pid, r.out)
		return ""
	}
	pg := "pgid " + strconv.Itoa(first)
	if l := find(first); !strings.Contains(l, pg) || !strings.Contains(l, "┐ group "+strconv.Itoa(first)) || !strings.Contains(l, "sleep 30") {
		t.Errorf("first stage line %q: want %s, the group bracket and the command", l, pg)
	}
	if l := find(second); !strings.Contains(l, pg) || !strings.HasSuffix(l, "┘") {
		t.Errorf("second stage line %q: want %s and the closing bracket", l, pg)
	}
	if l := find(zombie); !strings.Contains(l, " Z ") || !strings.Contains(l, "<defunct>") || !strings.HasPrefix(l, "│  ") && !strings.HasPrefix(l, "   ") {
		t.Errorf("zombie line %q: want state Z, <defunct>, indented under its parent", l)
	}

	// ptree PID starts at that process.
	r = run(t, newFake(t), "", "ptree", strconv.Itoa(zparent))
	if lines := strings.Split(r.out, "\n"); !strings.HasPrefix(lines[0], strconv.Itoa(zparent)+" ") || !strings.Contains(r.out, strconv.Itoa(zombie)+" Z") {
		t.Errorf("ptree %d:\n%s", zparent, r.out)
	}
}

func TestPtreeErrors(t *testing.T) {
	sh := newFake(t)
	tests := []struct {
		args   []string
		status int
		errHas string
	}{
		{[]string{"ptree", "abc"}, 2, "abc: not a process id"},
		{[]string{"ptree", "0"}, 2, "not a process id"},
		{[]string{"ptree", "1", "2"}, 2, "too many arguments"},
		{[]string{"ptree", "999999999"}, 1, "999999999: no such process"},
		{[]string{"ptree", "-x"}, 2, "invalid option"},
	}
	for _, tc := range tests {
		r := run(t, sh, "", tc.args...)
		if r.status != tc.status || !strings.Contains(r.errOut, tc.errHas) {
			t.Errorf("%v: status %d err %q, want %d and %q", tc.args, r.status, r.errOut, tc.status, tc.errHas)
		}
	}
}
