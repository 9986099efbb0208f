package shell

import "testing"

func TestHistoryExpansion(t *testing.T) {
	hist := []string{
		"echo one two three /a/b/c.txt",
		"ls -l /usr/lib/x.tar.gz",
		"echo hi there",
	}
	tests := []struct {
		line      string
		want      string
		printOnly bool
	}{
		{"!!", "echo hi there", false},
		{"echo !$", "echo there", false},
		{"echo !^", "echo hi", false},
		{"echo !*", "echo hi there", false},
		{"!1", "echo one two three /a/b/c.txt", false},
		{"!-2", "ls -l /usr/lib/x.tar.gz", false},
		{"!ls", "ls -l /usr/lib/x.tar.gz", false},
		{"!ec", "echo hi there", false},
		{"!?two?", "echo one two three /a/b/c.txt", false},
		{"echo !?thr?:% x", "echo three x", false},
		{"echo !1:$:h !1:$:t !1:$:r !1:$:e", "echo /a/b c.txt /a/b/c .txt", false},
		{"echo !ls:$:r:r", "echo /usr/lib/x", false},
		{"echo !-3:0", "echo echo", false},
		{"echo !1:1-2 !1:2* !1:2- !1:-2 !1:*", "echo one two two three /a/b/c.txt two three echo one two one two three /a/b/c.txt", false},
		{"echo !1:0-$", "echo echo one two three /a/b/c.txt", false},
		{"!!:s/hi/bye/", "echo bye there", false},
		{"!!:gs/e/E/", "Echo hi thErE", false},
		{"!!:s/hi/[&]/", "echo [hi] there", false},
		{"!!:s/hi/\\&/", "echo & there", false},
		{"!!:s|hi|x", "echo x there", false},
		{"!!:Gs/e/E/", "Echo hi thEre", false},
		{"^hi^bye^", "echo bye there", false},
		{"^hi^bye", "echo bye there", false},
		{"^hi^bye^ again", "echo bye there again", false},
		{"!!:p", "echo hi there", true},
		{"echo !!:q", "echo 'echo hi there'", false},
		{"echo !!:x", "echo 'echo' 'hi' 'there'", false},
		{"echo a !#", "echo a echo a ", false},
		// Literal: quotes, backslash, before a blank, = or the end, before a closing ".
		{"echo '!!' \\!! a!=b x! !", "echo '!!' \\!! a!=b x! !", false},
		{`echo "!!"`, `echo "echo hi there"`, false},
		{`echo "a!"`, `echo "a!"`, false},
		{"echo 'it''s' !$", "echo 'it''s' there", false},
		{"echo no bang", "echo no bang", false},
		// Parameters: $! and ${!name} are never history references.
		{"kill -9 $!; wait $!", "kill -9 $!; wait $!", false},
		{"echo ${!x} ${!p*}", "echo ${!x} ${!p*}", false},
	}
	for _, tc := range tests {
		var hx histExpansion
		got, changed, printOnly, err := hx.expand(tc.line, hist)
		if err != nil || got != tc.want || printOnly != tc.printOnly || changed != (tc.line != tc.want) {
			t.Errorf("%s: got %q changed %v print %v err %v; want %q print %v", tc.line, got, changed, printOnly, err, tc.want, tc.printOnly)
		}
	}
}

func TestHistoryExpansionState(t *testing.T) {
	hist := []string{"echo aa bb aa"}
	var hx histExpansion
	if got, _, _, _ := hx.expand("!!:s/aa/x/", hist); got != "echo x bb aa" {
		t.Errorf("first: %q", got)
	}
	hist = append(hist, "echo x bb aa")
	if got, _, _, err := hx.expand("!!:&", hist); got != "echo x bb x" || err != nil {
		t.Errorf(":& repeats the substitution: %q %v", got, err)
	}
	if got, _, _, err := hx.expand("!!:g&", []string{"aa aa"}); got != "x x" || err != nil {
		t.Errorf(":g&: %q %v", got, err)
	}
	if got, _, _, err := hx.expand("!!:s//y/", []string{"aa aa"}); got != "y aa" || err != nil {
		t.Errorf("empty old reuses the last: %q %v", got, err)
	}
}

func TestHistoryExpansionErrors(t *testing.T) {
	hist := []string{"echo one two"}
	tests := []struct{ line, err string }{
		{"!nosuch", "!nosuch: event not found"},
		{"!9", "!9: event not found"},
		{"!-5", "!-5: event not found"},
		{"!?zz?", "!?zz: event not found"},
		{"echo !(", "!: event not found"},
		{"echo !!:9", ":9: bad word specifier"},
		{"!!:s/zz/y/", ":s/zz/y/: substitution failed"},
		{"^zz^y^", ":s^zz^y^: substitution failed"},
		{"!!:&", ":&: no previous substitution"},
		{"!!:z", ":z: unrecognized history modifier"},
		{"echo !%", ":%: bad word specifier"},
	}
	for _, tc := range tests {
		var hx histExpansion
		_, _, _, err := hx.expand(tc.line, hist)
		if err == nil || err.Error() != tc.err {
			t.Errorf("%s: error %v, want %q", tc.line, err, tc.err)
		}
	}
	var hx histExpansion
	if _, _, _, err := hx.expand("!!", nil); err == nil || err.Error() != "!!: event not found" {
		t.Errorf("!! with no history: %v", err)
	}
}
