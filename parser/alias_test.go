package parser

import "testing"

func TestAliases(t *testing.T) {
	aliases := map[string]string{
		"ll":    "ls -l",
		"ls":    "ls -F",
		"l":     "ls | wc -l",
		"sudo":  "sudo ",
		"nice":  "nice -n 5 ",
		"a1":    "a2 x",
		"a2":    "a1 y",
		"e":     "",
		"blank": " ",
		"bg":    "sleep 1 &",
		"q":     "echo 'a b'",
		"vars":  "A=1 B=2 env",
		"here":  "cat <<EOF",
		"two":   "echo one; echo two",
		"self":  "echo $(self) `self`",
		"ping":  "$(pong)",
		"pong":  "$(ping)",
		"t":     "time",
		"tp":    "time -p ",
		"n":     "!",
	}
	cfg := Config{Alias: func(name string) (string, bool) {
		v, ok := aliases[name]
		return v, ok
	}}
	tests := []struct {
		src, want string // want is String() of the parsed program
	}{
		{"ll", "ls -F -l"}, // ll -> ls -l, and ls is expanded in turn
		// An alias may stand for "time" or '!', as in bash.
		{"t ll", "time ls -F -l"},
		{"tp ll | ll", "time -p ls -F -l | ls -F -l"},
		{"n ll", "! ls -F -l"},
		{"t n t ll", "time ! ls -F -l"},
		{"t", "time"},
		{"e t ll", "time ls -F -l"},
		{"a | t", "a | \\time"}, // after '|' "time" is the name of a command
		{"a | ll", "a | ls -F -l"},
		{"ll /tmp", "ls -F -l /tmp"},
		{"ls", "ls -F"}, // not expanded inside its own value
		{"l", "ls -F | wc -l"},
		{"echo ll", "echo ll"}, // only in command position
		{"echo x; ll", "echo x; ls -F -l"},
		{"a && ll | ll", "a && ls -F -l | ls -F -l"},
		{"'ll'", "'ll'"}, // quoted words are not aliases
		{"\\ll", "\\ll"},
		{"l\\l", "l\\l"},
		{"X=1 ll", "X=1 ls -F -l"},   // assignments keep command position
		{"sudo ll", "sudo ls -F -l"}, // value ends in a blank: next word checked
		{"sudo nice ll", "sudo nice -n 5 ls -F -l"},
		{"sudo echo ll", "sudo echo ll"},
		{"nice sudo", "nice -n 5 sudo"},
		{"a1", "a1 y x"}, // a1 -> a2 x -> a1 y x, and a1 stops
		{"a2", "a2 x y"},
		{"e echo hi", "echo hi"},
		{"blank ll", "ls -F -l"},
		{"bg", "sleep 1 &"},
		{"bg\nq", "sleep 1 & echo 'a b'"},
		{"bg; q", ""}, // "sleep 1 &; ..." is an error in bash too
		{"vars", "A=1 B=2 env"},
		{"two", "echo one; echo two"},
		{"$(ll)", "$(ls -F -l)"},
		{"echo `ll`", "echo `ls -F -l`"},
		{"here\nbody\nEOF\n", "cat <<EOF\nbody\nEOF\n"},
		// Not expanded again inside a command substitution of its own value.
		{"self", "echo $(self) `self`"},
		{"ping", "$($(ping))"},
	}
	for _, tt := range tests {
		f, err := ParseConfig(tt.src, cfg)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ParseConfig(%q) succeeded: %q", tt.src, String(f))
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseConfig(%q): %v", tt.src, err)
			continue
		}
		if got := String(f); got != tt.want {
			t.Errorf("ParseConfig(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}

	// Tokens from an alias are placed at the alias word, so the job text
	// is what the user typed.
	src := "true; l &"
	f, err := ParseConfig(src, cfg)
	if err != nil {
		t.Fatal(err)
	}
	it := f.List.Items[1]
	if got := src[it.Pos.Offset:it.End]; got != "l" || !it.Background {
		t.Errorf("job text %q", got)
	}
	// Without Config.Alias nothing is expanded.
	if got := String(mustParse(t, "ll")); got != "ll" {
		t.Errorf("Parse(ll) = %q", got)
	}
	// A value that does not parse is a syntax error at the alias word.
	bad := Config{Alias: func(string) (string, bool) { return "echo 'oops", true }}
	_, err = ParseConfig("x; bad", bad)
	if se, ok := err.(*SyntaxError); !ok || se.Pos.Col != 1 || se.Incomplete {
		t.Errorf("bad alias value: %v", err)
	}
	pipe := Config{Alias: func(name string) (string, bool) { return "| wc", name == "x" }}
	_, err = ParseConfig("echo a; x", pipe)
	if se, ok := err.(*SyntaxError); !ok || se.Error() != "1:9: syntax error near unexpected token `|'" {
		t.Errorf("alias to '| wc': %v", err)
	}
}
