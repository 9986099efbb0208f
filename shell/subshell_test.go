package shell

import (
	"strings"
	"testing"

	"gosh/builtins"
	"gosh/parser"
)

// TestNeedsProcess is the rule of subshell.go, row by row: where a whole
// background list runs, and where each stage of a pipeline runs.
func TestNeedsProcess(t *testing.T) {
	tests := []struct {
		line       string
		jobControl bool
		nounset    bool
		copy       bool // asked inside a copy of the shell
		stage      int  // which stage of the first pipeline (foreground lines)
		fdFree     int  // descriptor numbers free below ulimit -n 30 (0: plenty)
		standIn    bool // asked while the stages are prepared (Site.StandIn)
		lastpipe   bool // shopt -s lastpipe, and the stage asked as the last (Site.Last)
		want       builtins.Placement
		why        string // a phrase of the reason
		inShell    bool   // Decision.LastPipe: the shell runs the stage as a command of its own
	}{
		// Background lists.
		{line: "sleep 10 &", want: builtins.Program, why: "pipeline of programs"},
		{line: "ls *.c | wc -l &", jobControl: true, want: builtins.Program},
		{line: "/bin/echo $HOME ${X-def} \"$1\" &", want: builtins.Program},
		{line: "/bin/echo $HOME &", nounset: true, want: builtins.Child, why: "may fail"},
		{line: "true && false &", want: builtins.Child, why: "and-or list"},
		{line: "sleep 1 || sleep 2 &", jobControl: true, want: builtins.Child},
		{line: "/bin/echo $(sleep 2) &", want: builtins.Child, why: "$(sleep 2)"},
		{line: "/bin/echo `sleep 2` &", want: builtins.Child},
		{line: "/bin/echo ${x:=v} &", want: builtins.Child, why: "${x:=v}"},
		{line: "/bin/echo ${x?} &", want: builtins.Child},
		{line: "/bin/echo $((x=1)) &", want: builtins.Child},
		{line: "/bin/echo \"${x-$(date)}\" &", want: builtins.Child},
		{line: "X=$(date) /bin/true &", want: builtins.Child},
		{line: "X=1 /bin/true &", want: builtins.Program},
		{line: "PATH=/nonexistent ls &", want: builtins.Child, why: "PATH"},
		{line: "/bin/cat >$(mktemp) &", want: builtins.Child},
		{line: "/bin/cat <<EOF &\n$(date)\nEOF\n", want: builtins.Child, why: "<<EOF"},
		{line: "/bin/cat <<'EOF' &\n$(date)\nEOF\n", want: builtins.Program},
		{line: ": ${x:=v} &", want: builtins.Child, why: ": is a builtin"},
		{line: "cd /tmp &", jobControl: true, want: builtins.Child},
		{line: "x=1 &", want: builtins.Child, why: "assignments"},
		{line: "no-such-command-xyz &", want: builtins.Child, why: "127"},
		{line: "$CMD arg &", want: builtins.Child, why: "expansion"},
		{line: "! sleep 1 &", want: builtins.Child, why: "'!'"},
		{line: "echo a | cat &", want: builtins.Child},
		{line: "sleep 1 &", copy: true, want: builtins.Program},
		{line: "true && true &", copy: true, want: builtins.Child},

		// Stages of foreground pipelines.
		{line: "echo hi", jobControl: true, want: builtins.InShell, why: "shell itself"},
		{line: "x=1", jobControl: true, want: builtins.InShell},
		{line: "ls", jobControl: true, want: builtins.Program},
		{line: "no-such-command-xyz | cat", jobControl: true, want: builtins.Program},
		{line: "echo hi | cat", jobControl: true, want: builtins.Child, why: "job's group"},
		{line: "echo hi | cat", jobControl: true, stage: 1, want: builtins.Program},
		{line: "cat | read x", jobControl: true, stage: 1, want: builtins.Child},
		{line: "x=1 | cat", jobControl: true, want: builtins.Child},
		{line: "jobs -p | cat", jobControl: true, want: builtins.Copy, why: "only the shell process holds"},
		{line: "history | grep x", jobControl: true, want: builtins.Copy, why: "its history"},
		{line: "echo hi | cat", want: builtins.Copy, why: "nothing can tell"},
		{line: "echo hi | cat", jobControl: true, copy: true, want: builtins.Copy},

		// Descriptors are short: copies would hold the pipeline's pipe
		// ends in the shell's own process (fdroom_unix.go). A 2-stage
		// pipeline needs 5*1+8 = 13 free, a 3-stage one 18.
		{line: "echo hi | cat", fdFree: 12, want: builtins.Child, why: "descriptors are short (12 free below the open-files limit 30, where copies of the shell would need 13"},
		{line: "echo hi | cat", fdFree: 13, want: builtins.Copy, why: "nothing can tell"},
		{line: "echo hi | cat | cat", fdFree: 17, want: builtins.Child, why: "would need 18"},
		// While the stages are prepared the stand-in pipe is open: two
		// fewer free, and the same answer as explain's before it.
		{line: "echo hi | cat", fdFree: 11, standIn: true, want: builtins.Copy, why: "nothing can tell"},
		{line: "echo hi | cat", fdFree: 10, standIn: true, want: builtins.Child, why: "(12 free below the open-files limit 30, where copies of the shell would need 13"},
		{line: "cat | read x | cat", stage: 1, fdFree: 2, want: builtins.Child, why: "read is a builtin in a pipeline: descriptors are short"},
		{line: "echo hi | cat", stage: 1, fdFree: 2, want: builtins.Program},
		{line: "while read x; do :; done | cat", fdFree: 2, want: builtins.Child, why: "a compound command in a pipeline: descriptors"},
		{line: "(echo hi) | cat", fdFree: 2, want: builtins.Child, why: "short"},
		{line: "x=1 | cat", fdFree: 2, want: builtins.Child, why: "short"},
		{line: "echo hi | cat", copy: true, fdFree: 2, want: builtins.Child, why: "short"},
		{line: "echo hi | cat", jobControl: true, fdFree: 2, want: builtins.Child, why: "job's group"},
		{line: "jobs -p | cat", fdFree: 2, want: builtins.Copy, why: "only the shell process holds"},
		{line: "echo hi", fdFree: 2, want: builtins.InShell},
		{line: "(echo hi)", fdFree: 2, want: builtins.Copy},
		{line: "echo hi | cat &", fdFree: 2, want: builtins.Child},

		// shopt -s lastpipe: the last stage, without job control, is placed
		// as if it were alone and run by the shell (lastpipe.go).
		{line: "echo hi | read x", stage: 1, lastpipe: true, want: builtins.InShell, why: "shopt lastpipe and no job control", inShell: true},
		{line: "echo hi | while read x; do :; done", stage: 1, lastpipe: true, want: builtins.InShell, why: "a compound command: it runs in the shell itself", inShell: true},
		{line: "echo hi | cat", stage: 1, lastpipe: true, want: builtins.Program, why: "cat is a program", inShell: true},
		{line: "echo hi | $cmd", stage: 1, lastpipe: true, want: builtins.Program, why: "comes from an expansion", inShell: true},
		{line: "echo hi | (read x)", stage: 1, lastpipe: true, want: builtins.Copy, why: "( ... ) is a subshell", inShell: true},
		{line: "echo hi | (echo $BASHPID)", stage: 1, lastpipe: true, want: builtins.Child, why: "reads $BASHPID", inShell: true},
		{line: "echo hi | read x", stage: 1, lastpipe: true, copy: true, want: builtins.InShell, inShell: true},
		{line: "echo hi | read x", stage: 1, lastpipe: true, fdFree: 2, want: builtins.InShell, inShell: true},
		// Not the last stage, job control on, or lastpipe off: as before.
		{line: "echo hi | read x | cat", stage: 1, lastpipe: true, want: builtins.Copy, why: "nothing can tell"},
		{line: "echo hi | read x", stage: 1, lastpipe: true, jobControl: true, want: builtins.Child, why: "job's group"},
		{line: "echo hi | read x", stage: 1, want: builtins.Copy, why: "nothing can tell"},
		{line: "echo hi | read x &", lastpipe: true, want: builtins.Child},
	}
	defer func(f func(int) (int, int)) { fdRoom = f }(fdRoom)
	for _, tt := range tests {
		fdRoom = processFdRoom
		if tt.fdFree > 0 {
			free := tt.fdFree
			fdRoom = func(need int) (int, int) { return min(free, need), 30 }
		}
		sh := New(Config{})
		sh.Jobs.SetJobControl(tt.jobControl)
		sh.Opts.Nounset = tt.nounset
		sh.Opts.Shopt.Lastpipe = tt.lastpipe
		if tt.copy {
			sh = sh.clone()
		}
		f, err := parser.Parse(tt.line)
		if err != nil {
			t.Fatalf("%q: %v", tt.line, err)
		}
		item := f.List.Items[0]
		var d builtins.Decision
		if item.Background {
			d = sh.needsProcess(item.AndOr, nil, Site{Background: true})
		} else {
			p := item.AndOr.First
			last := tt.lastpipe && tt.stage == len(p.Cmds)-1
			d = sh.needsProcess(p.Cmds[tt.stage], nil, Site{Stages: len(p.Cmds), StandIn: tt.standIn, Last: last})
		}
		if d.LastPipe != tt.inShell {
			t.Errorf("%q (job control %v, lastpipe %v): LastPipe %v", tt.line, tt.jobControl, tt.lastpipe, d.LastPipe)
		}
		if d.Place != tt.want || !strings.Contains(d.Reason.In("en"), tt.why) {
			t.Errorf("%q (job control %v, copy %v, %d fds free): %s because %s; want %s because ...%s...",
				tt.line, tt.jobControl, tt.copy, tt.fdFree, d.Place, d.Reason.In("en"), tt.want, tt.why)
		}
	}
}

// TestChildSourceLines: a body sent to a child gosh keeps the line numbers
// it had in the shell's source.
func TestChildSourceLines(t *testing.T) {
	f, err := parser.Parse("true\n\n\necho a &&\n  echo b &\n")
	if err != nil {
		t.Fatal(err)
	}
	ao := f.List.Items[1].AndOr
	m := childStart{Body: parser.String(ao)}
	m.Snap.Line = nodeLine(ao)
	if m.Snap.Line != 4 {
		t.Fatalf("nodeLine = %d, want 4", m.Snap.Line)
	}
	g, err := parseChildBody(&m)
	if err != nil {
		t.Fatal(err)
	}
	if got := g.List.Items[0].AndOr.First.Pos.Line; got != 4 {
		t.Errorf("the child parses the body's first command at line %d, want 4", got)
	}
	// A body over several lines, as childStage prints it (parser.StringAt):
	// its second command is on the next line in the child too.
	f, err = parser.Parse("true\n{ echo a\n  echo b\n} &\n")
	if err != nil {
		t.Fatal(err)
	}
	ao = f.List.Items[1].AndOr
	m = childStart{Body: parser.StringAt(ao, nodeLine(ao))}
	m.Snap.Line = nodeLine(ao)
	g, err = parseChildBody(&m)
	if err != nil {
		t.Fatal(err)
	}
	if body := g.List.Items[0].AndOr.First.Cmds[0].(*parser.Group).List; body.Items[1].Pos.Line != 3 {
		t.Errorf("the child parses %q with its second command at line %d, want 3", m.Body, body.Items[1].Pos.Line)
	}
	for _, tt := range []struct{ line, want int }{{0, 1}, {1, 1}, {3, 3}, {70000, 70000}} {
		m := childStart{Body: "x &&\n  y $(z)"}
		m.Snap.Line = tt.line
		g, err := parseChildBody(&m)
		if err != nil {
			t.Fatal(err)
		}
		first := g.List.Items[0].AndOr
		if got := first.First.Pos.Line; got != tt.want {
			t.Errorf("line %d: the body starts at line %d, want %d", tt.line, got, tt.want)
		}
		if got := first.Rest[0].Pipeline.Pos.Line; got != tt.want+1 {
			t.Errorf("line %d: its second line is line %d, want %d", tt.line, got, tt.want+1)
		}
	}
}
