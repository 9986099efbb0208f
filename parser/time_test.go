package parser

import "testing"

// bash's "time" reserved word: several spellings of each timed pipeline
// give one tree, which prints as the canonical text.
func TestTimeSpellings(t *testing.T) {
	groups := []struct {
		name      string
		spellings []string
		want      string
	}{
		{"time", []string{"time ls", "time  ls", "time time ls", "time\tls"}, "time ls"},
		{"time -p", []string{"time -p ls", "time -p -- ls", "time -p time ls", "time time -p ls", "time -p time -p ls", "time -- ls", "time time -- ls"}, "time -p ls"},
		{"time a pipeline", []string{"time a | b", "time a |\nb", "time a|b"}, "time a | b"},
		{"time a group", []string{"time { a; b; }", "time {\na\nb\n}"}, "time { a; b; }"},
		{"time alone", []string{"time", "time\n", "time;", "time time"}, "time"},
		{"time -p alone", []string{"time -p", "time -p;", "time -p --\n"}, "time -p"},
		{"bang and time", []string{"! time a", "time ! a", "time ! time a", "! time ! ! a", "! ! ! time a"}, "time ! a"},
		{"bang alone", []string{"!", "!;", "! ! !"}, "!"},
		{"bang bang alone", []string{"! !", "! !;", "! ! ! !"}, "! !"},
		{"time bang alone", []string{"time !", "! time", "time ! time"}, "time !"},
		{"time a command named -p", []string{"time -- -p", "time -- -p\n", "! ! time -- -p", "time -p -p", "time -p -- -p"}, "time -p -p"},
		{"time a command named --", []string{"time -- --", "time -- -- ", "time -p -- --"}, "time -p -- --"},
		{"time an assignment", []string{"time x=1", "time time x=1"}, "time x=1"},
		{"time -p an array assignment", []string{"time -p a=(1 2)", "time -p -- a=(1 2)"}, "time -p a=(1 2)"},
		{"time in a list", []string{"time a && time -p b; time c &", "time a&&time -p b\ntime c&"}, "time a && time -p b; time c &"},
		{"time in compound commands", []string{"if time a; then time; fi", "if time a\nthen time\nfi"}, "if time a; then time; fi"},
		{"time after a pipe is a command", []string{"a | time b", "a |\ntime b"}, "a | \\time b"},
		{"a quoted time is a command", []string{"\\time a"}, "\\time a"},
		{"a quoted time is a command too", []string{"'time' a"}, "'time' a"},
		{"time as an argument", []string{"echo time -p"}, "echo time -p"},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			first := mustParse(t, g.spellings[0])
			want := dump(first)
			for _, s := range g.spellings[1:] {
				if got := dump(mustParse(t, s)); got != want {
					t.Errorf("Parse(%q)\n got  %s\n want %s (from %q)", s, got, want, g.spellings[0])
				}
			}
			if got := String(first); got != g.want {
				t.Errorf("String(Parse(%q)) = %q, want %q", g.spellings[0], got, g.want)
			}
		})
	}
}

// The trees of timed pipelines.
func TestTimeTrees(t *testing.T) {
	tests := []struct{ src, want string }{
		{"time a", `Pipeline{Time: TimeClause{}, Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}`},
		{"time -p a", `Pipeline{Time: TimeClause{Posix: true}, Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}`},
		{"time ! a", `Pipeline{Time: TimeClause{}, Bang: true, Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}`},
		{"time", `Pipeline{Time: TimeClause{}, Cmds: [SimpleCommand{}]}`},
		{"!", `Pipeline{Bang: true, Cmds: [SimpleCommand{}]}`},
		{"time -p -p", `Pipeline{Time: TimeClause{Posix: true}, Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "-p"}]}]}]}`},
		{"time -v a", `Pipeline{Time: TimeClause{}, Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "-v"}]} Word{Parts: [Lit{Value: "a"}]}]}]}`},
		{"time ( a )", `Pipeline{Time: TimeClause{}, Cmds: [Subshell{List: List{Items: [ListItem{AndOr: AndOr{First: Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]}]}}}]}}]}`},
		{"a | time", `Pipeline{Cmds: [SimpleCommand{Args: [Word{Parts: [Lit{Value: "a"}]}]} SimpleCommand{Args: [Word{Parts: [Lit{Value: "time"}]}]}]}`},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		if got := dump(f.List.Items[0].AndOr.First); got != tt.want {
			t.Errorf("Parse(%q)\n got  %s\n want %s", tt.src, got, tt.want)
		}
	}
	// The time clause's position is that of the first "time".
	f := mustParse(t, "! time -p a")
	tc := f.List.Items[0].AndOr.First.Time
	if tc == nil || tc.Pos.Col != 3 {
		t.Errorf("Parse(\"! time -p a\"): Time = %+v, want at column 3", tc)
	}
}
