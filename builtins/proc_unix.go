//go:build linux

package builtins

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// This file reads the kernel's process table through /proc, for procs,
// ptree and the labs. Nothing here changes any process: it only reads
// /proc/PID/stat, /proc/PID/cmdline, /proc/PID/status and
// /proc/PID/task/TID/children, the same files ps and pstree read.

// procRoot is where the proc file system is mounted.
const procRoot = "/proc"

// procInfo is one process as /proc/PID/stat describes it (see proc(5)).
type procInfo struct {
	Pid   int
	Comm  string // the executable's name, at most 15 bytes, as in field 2
	State byte   // R S D Z T t X (and I, W, P, K on some kernels)
	PPid  int    // parent: the process wait4 reports this one to
	Pgid  int    // process group: what kill(-pgid) and Ctrl+Z reach
	Sid   int    // session: the session leader's pid
	TtyNr int    // the controlling terminal as a device number, 0 if none
	Tpgid int    // the terminal's foreground process group, -1 if no terminal
	Uid   int    // real user id, from /proc/PID/status
	Argv  []string
}

// Command is how ps shows the process: its argv, or "[comm]" when it has
// none (a kernel thread, or a zombie whose memory is gone), with
// " <defunct>" after a zombie.
func (p *procInfo) Command() string {
	cmd := strings.Join(p.Argv, " ")
	if cmd == "" {
		cmd = "[" + p.Comm + "]"
	}
	if p.State == 'Z' {
		cmd += " <defunct>"
	}
	return cmd
}

// parseStat parses the contents of /proc/PID/stat. The second field is the
// command name in parentheses, and the name itself may hold spaces and
// parentheses ("(a) b)"), so the name ends at the LAST ')' in the line;
// the other fields are numbers separated by single spaces.
func parseStat(data string) (procInfo, error) {
	var p procInfo
	open := strings.IndexByte(data, '(')
	close := strings.LastIndexByte(data, ')')
	if open < 0 || close < open {
		return p, errors.New("malformed stat: no (comm)")
	}
	pid, err := strconv.Atoi(strings.TrimSpace(data[:open]))
	if err != nil {
		return p, fmt.Errorf("malformed stat: pid %q", data[:open])
	}
	p.Pid = pid
	p.Comm = data[open+1 : close]
	// Fields after comm: 3 state, 4 ppid, 5 pgrp, 6 session, 7 tty_nr, 8 tpgid.
	rest := strings.Fields(data[close+1:])
	if len(rest) < 6 || len(rest[0]) != 1 {
		return p, errors.New("malformed stat: too few fields after (comm)")
	}
	p.State = rest[0][0]
	nums := make([]int, 5)
	for i := range nums {
		n, err := strconv.Atoi(rest[i+1])
		if err != nil {
			return p, fmt.Errorf("malformed stat: field %d is %q", i+4, rest[i+1])
		}
		nums[i] = n
	}
	p.PPid, p.Pgid, p.Sid, p.TtyNr, p.Tpgid = nums[0], nums[1], nums[2], nums[3], nums[4]
	return p, nil
}

// parseCmdline splits /proc/PID/cmdline: arguments each end with a NUL.
func parseCmdline(data []byte) []string {
	s := strings.TrimSuffix(string(data), "\x00")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x00")
}

// readProc reads one process. A process can end at any moment; the error
// is then os.ErrNotExist (or ESRCH), and callers simply skip it.
func readProc(pid int) (*procInfo, error) {
	dir := filepath.Join(procRoot, strconv.Itoa(pid))
	data, err := os.ReadFile(filepath.Join(dir, "stat"))
	if err != nil {
		return nil, err
	}
	p, err := parseStat(string(data))
	if err != nil {
		return nil, err
	}
	if cmd, err := os.ReadFile(filepath.Join(dir, "cmdline")); err == nil {
		p.Argv = parseCmdline(cmd)
	}
	p.Uid = -1
	if st, err := os.ReadFile(filepath.Join(dir, "status")); err == nil {
		p.Uid = parseStatusUid(string(st))
	}
	return &p, nil
}

// parseStatusUid finds the real uid in /proc/PID/status ("Uid:\t1000\t1000\t...").
func parseStatusUid(status string) int {
	for _, line := range strings.Split(status, "\n") {
		if rest, ok := strings.CutPrefix(line, "Uid:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				if n, err := strconv.Atoi(f[0]); err == nil {
					return n
				}
			}
		}
	}
	return -1
}

// listPids lists every process in /proc, in pid order.
func listPids() ([]int, error) {
	ents, err := os.ReadDir(procRoot)
	if err != nil {
		return nil, err
	}
	var pids []int
	for _, e := range ents {
		if n, err := strconv.Atoi(e.Name()); err == nil && n > 0 {
			pids = append(pids, n)
		}
	}
	sort.Ints(pids)
	return pids, nil
}

// readAll reads every process that still exists, in pid order.
func readAll() []*procInfo {
	pids, err := listPids()
	if err != nil {
		return nil
	}
	out := make([]*procInfo, 0, len(pids))
	for _, pid := range pids {
		if p, err := readProc(pid); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// childrenOf lists the children of pid from /proc/PID/task/TID/children:
// each thread's file lists the children that thread created, so a
// multithreaded parent (gosh itself: Go runs ForkExec on any thread) needs
// all of them. When the kernel lacks the file (CONFIG_PROC_CHILDREN off),
// it falls back to scanning every process's parent pid.
func childrenOf(pid int) ([]int, error) {
	tasks, err := filepath.Glob(filepath.Join(procRoot, strconv.Itoa(pid), "task", "*", "children"))
	if err != nil || len(tasks) == 0 {
		if _, err := os.Stat(filepath.Join(procRoot, strconv.Itoa(pid))); err != nil {
			return nil, err
		}
		return childrenByScan(pid), nil
	}
	seen := map[int]bool{}
	var kids []int
	for _, f := range tasks {
		data, err := os.ReadFile(f)
		if err != nil {
			continue // the thread ended
		}
		for _, w := range strings.Fields(string(data)) {
			if n, err := strconv.Atoi(w); err == nil && !seen[n] {
				seen[n] = true
				kids = append(kids, n)
			}
		}
	}
	sort.Ints(kids)
	return kids, nil
}

// childrenByScan finds pid's children by reading every process's ppid.
func childrenByScan(pid int) []int {
	var kids []int
	for _, p := range readAll() {
		if p.PPid == pid {
			kids = append(kids, p.Pid)
		}
	}
	return kids
}

// descendants lists every process below root (not root itself), parents
// before children.
func descendants(root int) []int {
	var out []int
	seen := map[int]bool{root: true}
	queue := []int{root}
	for len(queue) > 0 {
		pid := queue[0]
		queue = queue[1:]
		kids, _ := childrenOf(pid)
		for _, k := range kids {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
				queue = append(queue, k)
			}
		}
	}
	return out
}

// ttyName turns a tty_nr device number into the name ps shows: pts/3,
// tty1, ttyS0; "?" for no terminal. Linux encodes the major number in bits
// 8-19 and the minor number in bits 0-7 and 20-31.
func ttyName(nr int) string {
	if nr == 0 {
		return "?"
	}
	major := (nr >> 8) & 0xfff
	minor := (nr & 0xff) | ((nr >> 12) & 0xfff00)
	switch {
	case major >= 136 && major <= 143: // Unix98 pseudo-terminals
		return "pts/" + strconv.Itoa((major-136)*256+minor)
	case major == 4 && minor < 64:
		return "tty" + strconv.Itoa(minor)
	case major == 4:
		return "ttyS" + strconv.Itoa(minor-64)
	case major == 5 && minor == 0:
		return "tty"
	case major == 5 && minor == 1:
		return "console"
	}
	return strconv.Itoa(major) + "," + strconv.Itoa(minor)
}

// statFlags is the STAT column as ps prints it: the kernel's state letter,
// then "s" for a session leader and "+" for a member of the terminal's
// foreground process group.
func statFlags(p *procInfo) string {
	s := string(p.State)
	if p.Pid == p.Sid {
		s += "s"
	}
	if p.TtyNr != 0 && p.Tpgid > 0 && p.Pgid == p.Tpgid {
		s += "+"
	}
	return s
}
