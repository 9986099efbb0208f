package shell

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"gosh/parser"
)

// This file holds bash's variables about processes and subshells:
//
//   - BASHPID is the pid of the process that reads it, where $$ stays the
//     top-level shell's in every subshell. A copy of the shell (shell/doc.go)
//     has no process of its own, so a copy that could read BASHPID would
//     print the shell's pid where bash prints a new one. The one rule
//     therefore runs a subshell, a command substitution or a compound stage
//     that mentions BASHPID (itself, or through a function it may call) in a
//     child gosh: its BASHPID is a real process, the parent of the programs
//     it starts, alive while it runs, as in bash (mentionsPid).
//   - BASH_SUBSHELL counts the subshells around the running command: ( ),
//     $( ), <( ), a compound command or function that is a stage of a
//     pipeline, and a background job each add one, as in bash. It is an
//     ordinary variable of the table that each subshell sets one higher
//     (enterSubshell), so it travels to a child gosh in its snapshot.

// bashPid is $BASHPID: the pid of this process.
func bashPid() string { return strconv.Itoa(unix.Getpid()) }

// enterSubshell is run on a fresh copy of the shell that is a subshell in
// bash's sense: BASH_SUBSHELL goes one up.
func (sh *Shell) enterSubshell() {
	if v := sh.Vars.Lookup("BASH_SUBSHELL"); v != nil && !v.ReadOnly && !v.Array && !v.Assoc {
		n, _ := strconv.Atoi(v.Value)
		v.Value = strconv.Itoa(n + 1)
	}
}

// childSubshellLevel sets BASH_SUBSHELL in the snapshot a child gosh
// starts from: one up, unless the body is a lone ( ), which the child
// runs as a subshell of its own (bash counts "( list ) &" once).
func childSubshellLevel(snap *Snapshot, body any) {
	if len(snap.Vars) == 0 || loneSubshell(body) {
		return
	}
	v, ok := snap.Vars[0]["BASH_SUBSHELL"]
	if !ok || v.ReadOnly || v.Array || v.Assoc {
		return
	}
	n, _ := strconv.Atoi(v.Value)
	v.Value = strconv.Itoa(n + 1)
	snap.Vars[0]["BASH_SUBSHELL"] = v
}

// loneSubshell reports whether body is one "( list )" and nothing else.
func loneSubshell(body any) bool {
	switch n := body.(type) {
	case *parser.AndOr:
		return len(n.Rest) == 0 && loneSubshell(n.First)
	case *parser.Pipeline:
		return !n.Bang && n.Time == nil && len(n.Cmds) == 1 && loneSubshell(n.Cmds[0])
	case *parser.Subshell:
		return true
	}
	return false
}

// copyHidesPid reports whether a copy of the shell running c (a ( ), or
// a stage of a pipeline) would show a wrong $BASHPID: c may read it, and
// c is not the "( list )" that this child gosh was started to be.
func (sh *Shell) copyHidesPid(c parser.Command, isSubshell bool) bool {
	if isSubshell && sh.specials.ownSubshell {
		sh.specials.ownSubshell = false
		return false
	}
	return sh.mentionsPid(c)
}

// fileIsSubshell reports whether a child gosh's program is one "( list )".
func fileIsSubshell(f *parser.File) bool {
	return f != nil && f.List != nil && len(f.List.Items) == 1 && loneSubshell(f.List.Items[0].AndOr)
}

// pidMentions caches mentionsText's answers by AST node: a loop runs the
// same $( ) again and again. It is cleared when it grows large (the nodes
// of commands typed at the prompt come and go).
var pidMentions struct {
	sync.Mutex
	m map[any]bool
}

// mentionsPid reports whether running node could read $BASHPID: its text
// names BASHPID, or names a function whose body does (directly or through
// the functions it names). node is a *parser.List or a parser.Command.
func (sh *Shell) mentionsPid(node any) bool {
	if !mentionsText(node) {
		if len(sh.funcs) == 0 {
			return false
		}
		fns := sh.pidFuncs()
		if len(fns) == 0 {
			return false
		}
		text := parser.String(node)
		for _, name := range fns {
			if strings.Contains(text, name) {
				return true
			}
		}
		return false
	}
	return true
}

// mentionsText reports whether the printed node names BASHPID.
func mentionsText(node any) bool {
	pidMentions.Lock()
	v, ok := pidMentions.m[node]
	pidMentions.Unlock()
	if ok {
		return v
	}
	v = strings.Contains(parser.String(node), "BASHPID")
	pidMentions.Lock()
	if pidMentions.m == nil || len(pidMentions.m) > 4096 {
		pidMentions.m = make(map[any]bool)
	}
	pidMentions.m[node] = v
	pidMentions.Unlock()
	return v
}

// pidFuncs lists the functions whose body could read $BASHPID: those that
// name it, and those that name such a function.
func (sh *Shell) pidFuncs() []string {
	in := map[string]bool{}
	for name, fd := range sh.funcs {
		if mentionsText(fd) {
			in[name] = true
		}
	}
	if len(in) == 0 {
		return nil // the usual case: no function reads BASHPID
	}
	texts := make(map[string]string, len(sh.funcs))
	for name, fd := range sh.funcs {
		if !in[name] {
			texts[name] = parser.String(fd)
		}
	}
	for changed := true; changed; {
		changed = false
		for name, text := range texts {
			for f := range in {
				if strings.Contains(text, f) {
					in[name] = true
					delete(texts, name)
					changed = true
					break
				}
			}
		}
	}
	out := make([]string, 0, len(in))
	for name := range in {
		out = append(out, name)
	}
	return out
}

// commandSubstChild is commandSubst for a list that reads $BASHPID: a
// child gosh runs it, with its stdout on the pipe the shell reads, and
// the shell waits for it. Its status is $?, as for a copy.
func (sh *Shell) commandSubstChild(list *parser.List) (string, error) {
	r, w, err := sh.Jobs.Pipe()
	if err != nil {
		return "", &ExpansionError{Msg: "command substitution: " + errnoText(err)}
	}
	out := make(chan []byte, 1)
	go func() {
		data, _ := io.ReadAll(fdReader(r))
		closeFd(r)
		out <- data
	}()
	t := sh.newFdTable()
	t.set(1, t.own(w))
	if tr := sh.Jobs.Trace(); tr.On() {
		tr.Shell("$(%s): a child gosh, because the list reads $BASHPID, which a copy of the shell (no process of its own) "+
			"could not give as bash does", parser.String(list))
	}
	// bash (outside POSIX mode) clears -e in a command substitution.
	saved := sh.Opts.Errexit
	sh.Opts.Errexit = false
	// The child runs the list as "( list )": it is that subshell's
	// process (fileIsSubshell), and BASH_SUBSHELL counts it once.
	st := sh.childStage(&parser.Subshell{List: list}, "", t)
	sh.Opts.Errexit = saved
	pid, err := sh.launchNoJob(st, t, "command substitution")
	status := 1
	if pid > 0 {
		status, _ = sh.Jobs.WaitPid(context.Background(), pid)
	}
	data := <-out
	if err != nil {
		return "", &ExpansionError{Msg: "command substitution: " + err.Error()}
	}
	if bytes.IndexByte(data, 0) >= 0 {
		data = bytes.ReplaceAll(data, []byte{0}, nil)
		sh.errorf("warning: command substitution: ignored null byte in input")
	}
	sh.lastSubst = status
	sh.Status = status
	return string(data), nil
}
