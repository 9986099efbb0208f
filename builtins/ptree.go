//go:build linux

package builtins

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gosh/jobs"
)

// ptree draws the tree of processes under the shell (or under a given pid)
// as the kernel records it: each process's children are read from
// /proc/PID/task/TID/children. Siblings are ordered by process group, so
// the stages of one pipeline, which share a group, stand together and are
// bracketed as one group.

var ptreeBuiltins = []*Builtin{
	{
		Name:     "ptree",
		Synopsis: "ptree [--watch] [--interval S] [--session PID] [pid]",
		Summary:  "Show the tree of processes under the shell or under PID.",
		Help: `Draw the processes under the shell (or under PID) as a tree, read
from /proc/PID/task/*/children. Each line shows the pid, the state
(as in procs: R S D Z T t X, with s and +), the process group and the
command; a job's processes end with their job number [N].
Members of one pipeline are siblings that share a group: a bracket
joins them, labelled with the group id. A zombie is marked <defunct>.
Lines are cut with … to fit the terminal.
--watch  redraw in place every 0.5 s (--interval S) until q or Ctrl+C,
     highlighting a process whose state, group or terminal ownership
     changed since the last redraw, with the change named (S→T, fg→bg)
--session PID  draw the tree under PID (another gosh, in another terminal)`,
		Run: runPtree,
	},
}

func runPtree(sh Shell, io IO, args []string) (int, error) {
	v, args, ok := takeViewOptions(io, "ptree", args[1:])
	if !ok {
		return statusUsage, nil
	}
	_, rest, ok := parseOptions(io, "ptree", args, "")
	if !ok {
		return statusUsage, nil
	}
	// The tree of the shell ($$), also when ptree runs in a child gosh
	// (ptree | less under job control), whose own tree is only itself.
	root := sh.ShellPid()
	if v.session > 0 {
		root = v.session
	}
	switch len(rest) {
	case 0:
	case 1:
		n, err := strconv.Atoi(rest[0])
		if err != nil || n <= 0 {
			errorf(io, "ptree", "%s: not a process id", rest[0])
			return statusUsage, nil
		}
		root = n
	default:
		return usageError(io, "ptree", "too many arguments"), nil
	}
	color := v.watch && colorOK(sh, io)
	var prev map[int]procMark
	first := true
	draw := func() (string, error) {
		tree, err := buildTree(root)
		if err != nil {
			return "", fmt.Errorf("%d: no such process", root)
		}
		jobs := jobNumbers(sh)
		jobs.lang = resolveLang(sh, "")
		jobs.notes, prev = changeNotes(prev, tree.procs(nil), first)
		jobs.color = color
		first = false
		return renderTree(tree, jobs, outputWidth(io)), nil
	}
	if v.watch {
		return runWatch(sh, io, "ptree", resolveLang(sh, ""), v.interval, draw), nil
	}
	text, err := draw()
	if err != nil {
		errorf(io, "ptree", "%s", err)
		return statusFailure, nil
	}
	return writeOut(io, "ptree", text), nil
}

// procs lists the tree's processes, parents first.
func (n *treeNode) procs(list []*procInfo) []*procInfo {
	list = append(list, n.proc)
	for _, k := range n.kids {
		list = k.procs(list)
	}
	return list
}

// treeNode is one process and its children.
type treeNode struct {
	proc *procInfo
	kids []*treeNode
}

// buildTree reads the tree under root from /proc. Processes that end while
// it is being read are left out.
func buildTree(root int) (*treeNode, error) {
	p, err := readProc(root)
	if err != nil {
		return nil, err
	}
	seen := map[int]bool{}
	return growTree(p, seen), nil
}

func growTree(p *procInfo, seen map[int]bool) *treeNode {
	seen[p.Pid] = true
	n := &treeNode{proc: p}
	kids, _ := childrenOf(p.Pid)
	for _, pid := range kids {
		if seen[pid] {
			continue
		}
		if kp, err := readProc(pid); err == nil {
			n.kids = append(n.kids, growTree(kp, seen))
		}
	}
	sortSiblings(n.kids)
	return n
}

// sortSiblings orders children by process group, then pid: a pipeline's
// group is named after its first stage, so its stages come out together and
// in pipeline order.
func sortSiblings(kids []*treeNode) {
	sort.SliceStable(kids, func(a, b int) bool {
		pa, pb := kids[a].proc, kids[b].proc
		if pa.Pgid != pb.Pgid {
			return pa.Pgid < pb.Pgid
		}
		return pa.Pid < pb.Pid
	})
}

// nodeLabel is one process's line, without the tree drawing, in at most
// budget columns (0: no limit): a long command is cut, ending with "…".
func nodeLabel(p *procInfo, jobs jobOf, budget int) string {
	head := fmt.Sprintf("%d %-3s pgid %d  ", p.Pid, statFlags(p), p.Pgid)
	tail := ""
	if id := jobs.lookup(p); id > 0 {
		tail = "  [" + strconv.Itoa(id) + "]"
	}
	note := ""
	if n := jobs.notes[p.Pid]; n != "" {
		note = noteText(n, jobs.lang)
	}
	cmd := shownCommand(p)
	if budget > 0 {
		cmd = cutToWidth(cmd, max(budget-displayWidth(head)-displayWidth(tail)-displayWidth(note), 1))
	}
	if note != "" {
		return highlight(head+cmd+tail, jobs.color) + note
	}
	return head + cmd + tail
}

// groupLabel opens the bracket of a process group: "  ┐ group 4242".
func groupLabel(pgid int, lang string) string {
	return jobs.Msg{En: "  ┐ group %d", Ko: "  ┐ 그룹 %d"}.Format(lang, pgid)
}

// renderTree draws the tree with box-drawing characters:
//
//	4200 Ss  pgid 4200  -gosh
//	├─ 4242 T   pgid 4242  sleep 30  [1]  ┐ group 4242
//	└─ 4243 T   pgid 4242  sleep 30  [1]  ┘
//
// With width > 0 every line fits in width columns (display width).
func renderTree(root *treeNode, jobs jobOf, width int) string {
	var b strings.Builder
	b.WriteString(nodeLabel(root.proc, jobs, width))
	b.WriteString("\n")
	renderKids(&b, root.kids, "", jobs, width)
	return b.String()
}

// labelRoom is the room a process's line keeps beside the tree's
// drawing: its pid, state and group, and the start of its command.
const labelRoom = 40

// fitIndent is the drawing in front of a process's line in a tree too
// deep for the terminal (width columns): when it would leave less than
// labelRoom columns, its left part is replaced by "…", so that the
// branches next to the process stay and its line still says what it is
// (a chain of a thousand subshells under a runaway trap, ptree 1).
func fitIndent(indent string, width int) string {
	room := width - labelRoom - displayWidth("└─ ")
	if width <= 0 || displayWidth(indent) <= room {
		return indent
	}
	r := []rune(indent) // "│  " and "   ": one column each
	keep := min(max(room-1, 0), len(r))
	return "…" + string(r[len(r)-keep:])
}

func renderKids(b *strings.Builder, kids []*treeNode, indent string, jobs jobOf, width int) {
	// Lay out one run of siblings in the same group at a time, so the
	// group's bracket can be aligned across its lines.
	for start := 0; start < len(kids); {
		end := start + 1
		for end < len(kids) && kids[end].proc.Pgid == kids[start].proc.Pgid {
			end++
		}
		run := kids[start:end]
		lines := make([]string, len(run))
		lineWidth := 0
		shown := fitIndent(indent, width)
		for i, k := range run {
			branch := "├─ "
			if start+i == len(kids)-1 {
				branch = "└─ "
			}
			budget := 0
			if width > 0 {
				budget = max(width-displayWidth(shown+branch), 1)
				if len(run) > 1 {
					budget -= displayWidth(groupLabel(k.proc.Pgid, jobs.lang))
				}
			}
			lines[i] = shown + branch + nodeLabel(k.proc, jobs, budget)
			lineWidth = max(lineWidth, displayWidth(lines[i]))
		}
		for i, k := range run {
			line := lines[i]
			if len(run) > 1 {
				pad := strings.Repeat(" ", lineWidth-displayWidth(line))
				switch i {
				case 0:
					line += pad + groupLabel(k.proc.Pgid, jobs.lang)
				case len(run) - 1:
					line += pad + "  ┘"
				default:
					line += pad + "  │"
				}
			}
			if width > 0 && !jobs.color {
				line = cutToWidth(line, width) // a terminal too narrow for even the pid and state
			}
			b.WriteString(line)
			b.WriteString("\n")
			childIndent := indent + "│  "
			if start+i == len(kids)-1 {
				childIndent = indent + "   "
			}
			renderKids(b, k.kids, childIndent, jobs, width)
		}
		start = end
	}
}
