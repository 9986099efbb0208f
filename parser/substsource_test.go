package parser

import "testing"

// TestCmdSubstSource: the text of a command substitution as written, kept
// for the shell to parse again when it runs; none when a here-document's
// body lies outside it, or when it is empty.
func TestCmdSubstSource(t *testing.T) {
	cases := []struct {
		src  string
		want []string // "text@line" of each substitution, in order
	}{
		{"echo $(x y) z", []string{"x y@1"}},
		{"echo a\necho `b \\$c` $(d\ne)", []string{"b $c@2", "d\ne@2"}},
		{"echo $( (a) )", []string{" (a) @1"}},
		{"echo \"$(q)\" $((1)) $((echo a); b)", []string{"q@1", "(echo a); b@1"}},
		{"echo $(echo $(inner))", []string{"echo $(inner)@1"}},
		// none kept
		{"echo $(cat <<E)\nbody\nE\n", []string{"@0"}},
		{"echo `cat <<E`\nbody\nE\n", []string{"@0"}},
		{"echo $()", []string{"@1"}},
	}
	for _, c := range cases {
		f, err := Parse(c.src)
		if err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		var got []string
		for _, it := range f.List.Items {
			for _, w := range it.AndOr.First.Cmds[0].(*SimpleCommand).Args {
				for _, p := range w.Parts {
					if d, ok := p.(*DblQuoted); ok {
						p = d.Parts[0]
					}
					if cs, ok := p.(*CmdSubst); ok {
						s, l := cs.Source()
						got = append(got, s+"@"+string(rune('0'+l)))
					}
				}
			}
		}
		if len(got) != len(c.want) {
			t.Errorf("%q: %q, want %q", c.src, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: %q, want %q", c.src, got, c.want)
				break
			}
		}
	}
}
