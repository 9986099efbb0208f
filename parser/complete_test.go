package parser

import "testing"

func TestCompletionAt(t *testing.T) {
	tests := []struct {
		src  string
		want CompletionContext
	}{
		// Command-name position.
		{"", CompletionContext{CommandPos: true}},
		{"ec", CompletionContext{Prefix: "ec", CommandPos: true}},
		{"  ec", CompletionContext{Prefix: "ec", Start: 2, CommandPos: true}},
		{"ls | gr", CompletionContext{Prefix: "gr", Start: 5, CommandPos: true}},
		{"ls|gr", CompletionContext{Prefix: "gr", Start: 3, CommandPos: true}},
		{"a && b", CompletionContext{Prefix: "b", Start: 5, CommandPos: true}},
		{"a || b", CompletionContext{Prefix: "b", Start: 5, CommandPos: true}},
		{"a; b", CompletionContext{Prefix: "b", Start: 3, CommandPos: true}},
		{"a & b", CompletionContext{Prefix: "b", Start: 4, CommandPos: true}},
		{"a\nb", CompletionContext{Prefix: "b", Start: 2, CommandPos: true}},
		{"(b", CompletionContext{Prefix: "b", Start: 1, CommandPos: true}},
		{"! b", CompletionContext{Prefix: "b", Start: 2, CommandPos: true}},
		{"if b", CompletionContext{Prefix: "b", Start: 3, CommandPos: true}},
		{"if a; then b", CompletionContext{Prefix: "b", Start: 11, CommandPos: true}},
		{"while a; do { b", CompletionContext{Prefix: "b", Start: 14, CommandPos: true}},
		{"coproc b", CompletionContext{Prefix: "b", Start: 7, CommandPos: true}},
		{"coproc X { b", CompletionContext{Prefix: "b", Start: 11, CommandPos: true}},
		{"coproc X while b", CompletionContext{Prefix: "b", Start: 15, CommandPos: true}},
		{"coproc cat f", CompletionContext{Prefix: "f", Start: 11, Command: "cat"}},
		{"coproc cat { f", CompletionContext{Prefix: "f", Start: 13, CommandPos: true}},
		{"coproc cat x { f", CompletionContext{Prefix: "f", Start: 15, Command: "cat"}},
		{"echo if b", CompletionContext{Prefix: "b", Start: 8, Command: "echo"}},
		{"A=1 B=2 b", CompletionContext{Prefix: "b", Start: 8, CommandPos: true}},
		{">out b", CompletionContext{Prefix: "b", Start: 5, CommandPos: true}},
		{"2>&1 b", CompletionContext{Prefix: "b", Start: 5, CommandPos: true}},
		{"ls | ", CompletionContext{Start: 5, CommandPos: true}},
		{"'my c", CompletionContext{Prefix: "my c", Quote: '\'', CommandPos: true}},
		// Arguments.
		{"ls ", CompletionContext{Start: 3, Command: "ls"}},
		{"ls -l", CompletionContext{Prefix: "-l", Start: 3, Command: "ls"}},
		{"ls -l /us", CompletionContext{Prefix: "/us", Start: 6, Command: "ls"}},
		{"git commit -m x", CompletionContext{Prefix: "x", Start: 14, Command: "git"}},
		{"'g'it st", CompletionContext{Prefix: "st", Start: 6, Command: "git"}},
		{"X=1 make cl", CompletionContext{Prefix: "cl", Start: 9, Command: "make"}},
		{"ls \"my f", CompletionContext{Prefix: "my f", Start: 3, Quote: '"', Command: "ls"}},
		{"ls 'my f", CompletionContext{Prefix: "my f", Start: 3, Quote: '\'', Command: "ls"}},
		{"ls my\\ f", CompletionContext{Prefix: "my f", Start: 3, Command: "ls"}},
		{"ls \"a\"'b'c", CompletionContext{Prefix: "abc", Start: 3, Command: "ls"}},
		{"ls \"a\\\"b", CompletionContext{Prefix: "a\"b", Start: 3, Quote: '"', Command: "ls"}},
		{"ls \"a\\qb", CompletionContext{Prefix: "a\\qb", Start: 3, Quote: '"', Command: "ls"}},
		{"cat <fi", CompletionContext{Prefix: "fi", Start: 5, Command: "cat"}},
		{"cat > fi", CompletionContext{Prefix: "fi", Start: 6, Command: "cat"}},
		{"cat 2>>fi", CompletionContext{Prefix: "fi", Start: 7, Command: "cat"}},
		{">fi", CompletionContext{Prefix: "fi", Start: 1}},
		{"X=/us", CompletionContext{Prefix: "/us", Start: 2}},
		{"ls $(pwd) x", CompletionContext{Prefix: "x", Start: 10, Command: "ls"}},
		// Variables.
		{"echo $HO", CompletionContext{Prefix: "HO", Start: 5, Command: "echo", Var: true}},
		{"echo $", CompletionContext{Prefix: "", Start: 5, Command: "echo", Var: true}},
		{"echo ${PA", CompletionContext{Prefix: "PA", Start: 5, Command: "echo", Var: true}},
		{"echo \"$HO", CompletionContext{Prefix: "HO", Start: 6, Quote: '"', Command: "echo", Var: true}},
		{"ls dir/$HO", CompletionContext{Prefix: "HO", Start: 7, Command: "ls", Var: true}},
		{"$HO", CompletionContext{Prefix: "HO", CommandPos: true, Var: true}},
		{"echo '$HO", CompletionContext{Prefix: "$HO", Start: 5, Quote: '\'', Command: "echo"}},
		{"echo \\$HO", CompletionContext{Prefix: "$HO", Start: 5, Command: "echo"}},
		{"echo $1", CompletionContext{Prefix: "$1", Start: 5, Command: "echo"}},
		// Inside an unfinished command substitution.
		{"echo $(gi", CompletionContext{Prefix: "gi", Start: 7, CommandPos: true}},
		{"x=$(ls -", CompletionContext{Prefix: "-", Start: 7, Command: "ls"}},
		{"echo `git sta", CompletionContext{Prefix: "sta", Start: 10, Command: "git"}},
		{"echo \"$(ls | gr", CompletionContext{Prefix: "gr", Start: 13, CommandPos: true}},
		// Comments.
		{"ls # a comment", CompletionContext{Start: 14}},
		{"ls # c\nec", CompletionContext{Prefix: "ec", Start: 7, CommandPos: true}},
	}
	for _, tt := range tests {
		got := CompletionAt(tt.src)
		got.CmdStart = 0 // TestCompletionAtCmdStart's
		if got != tt.want {
			t.Errorf("CompletionAt(%q)\n got  %+v\n want %+v", tt.src, got, tt.want)
		}
	}
}

// TestCompletionAtCmdStart: where the command the cursor is in starts (a
// completion function's COMP_LINE): after the last ; & | ( or newline and
// the blanks after it; reserved words and assignments are part of it.
func TestCompletionAtCmdStart(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"", 0},
		{"git chec", 0},
		{"  git chec", 2},
		{"echo a;  git chec", 9},
		{"ls | grep x", 5},
		{"a && b c", 5},
		{"(cd d; make cl", 7},
		{"if a; then b c", 6},
		{"X=1 make cl", 0},
		{"ls >out x", 0},
		{"echo 'a;b' c", 0},
		{"echo \\; x", 0},
		{"a\nb c", 2},
		{"echo $(ls; git st", 11},
		{"echo `a | b c", 10},
	}
	for _, tt := range tests {
		if got := CompletionAt(tt.src).CmdStart; got != tt.want {
			t.Errorf("CompletionAt(%q).CmdStart = %d, want %d", tt.src, got, tt.want)
		}
	}
}
