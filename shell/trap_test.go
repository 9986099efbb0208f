package shell

import (
	"bytes"
	"encoding/gob"
	"maps"
	"testing"
)

// TestTrapsForSubshell: a subshell keeps ignored signals, resets caught
// ones and EXIT/ERR, and lists its parent's table until it changes its
// own.
func TestTrapsForSubshell(t *testing.T) {
	for _, c := range []struct {
		name    string
		parent  map[string]string
		actions map[string]string
		listed  map[int]string
	}{
		{"empty", nil, nil, map[int]string{}},
		{"caught-reset", map[string]string{"USR1": "echo x", "EXIT": "bye", "ERR": "e"}, nil, map[int]string{10: "echo x", 0: "bye", TrapErr: "e"}},
		{"ignored-kept", map[string]string{"INT": "", "TERM": "echo t"}, map[string]string{"INT": ""}, map[int]string{2: "", 15: "echo t"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := Traps{Actions: c.parent}
			sub := p.forSubshell()
			if !maps.Equal(sub.Actions, c.actions) {
				t.Errorf("actions %v, want %v", sub.Actions, c.actions)
			}
			if !maps.Equal(sub.listed(), c.listed) {
				t.Errorf("listed %v, want %v", sub.listed(), c.listed)
			}
			// Changing the subshell's table leaves the parent's alone and
			// ends the listing of the parent's.
			sub.set(12, "y")
			if _, ok := p.Actions["USR2"]; ok {
				t.Error("the subshell's trap reached the parent")
			}
			if want := mergeTraps(c.actions, map[string]string{"USR2": "y"}); !maps.Equal(sub.Actions, want) {
				t.Errorf("after set: listed %v, want %v", sub.listed(), want)
			}
			// A subshell of the subshell lists what the subshell lists.
			subsub := sub.forSubshell()
			if !maps.Equal(subsub.listed(), sub.listed()) {
				t.Errorf("nested: listed %v, want %v", subsub.listed(), sub.listed())
			}
		})
	}
}

func mergeTraps(a, b map[string]string) map[string]string {
	m := maps.Clone(a)
	if m == nil {
		m = map[string]string{}
	}
	maps.Copy(m, b)
	return m
}

// TestTrapsTable: set, reset, the printing order and the ignored list.
func TestTrapsTable(t *testing.T) {
	var tr Traps
	tr.set(TrapErr, "e")
	tr.set(15, "t")
	tr.set(TrapExit, "bye")
	tr.set(2, "")
	tr.set(TrapDebug, "d")
	if got, want := tr.conditions(), []int{0, 2, 15, TrapDebug, TrapErr}; !equalInts(got, want) {
		t.Errorf("conditions %v, want %v", got, want)
	}
	if got := tr.ignored(); !equalInts(got, []int{2}) {
		t.Errorf("ignored %v", got)
	}
	tr.reset(15)
	tr.reset(99)
	if a, ok := tr.action(15); ok {
		t.Errorf("after reset: %q", a)
	}
	if a, ok := tr.action(2); !ok || a != "" {
		t.Errorf("ignored INT: %q %v", a, ok)
	}
	if got := tr.forSubshell().Actions; !maps.Equal(got, map[string]string{"INT": ""}) {
		t.Errorf("subshell table %v", got)
	}
}

// TestConditionNames: every condition has a name, and the name gives the
// condition back.
func TestConditionNames(t *testing.T) {
	for n := 0; n <= TrapReturn; n++ {
		if n == 32 || n == 33 {
			continue
		}
		name := conditionName(n)
		if got := conditionNumber(name); got != n {
			t.Errorf("%d is named %q, which gives %d", n, name, got)
		}
	}
	for name, n := range map[string]int{"EXIT": 0, "HUP": 1, "CHLD": 17, "RTMIN": 34, "RTMIN+15": 49, "RTMAX-14": 50, "RTMAX": 64, "ERR": TrapErr, "nonsense": -1} {
		if got := conditionNumber(name); got != n {
			t.Errorf("%q gives %d, want %d", name, got, n)
		}
	}
}

// TestTrapsGob: the table travels in a snapshot as it is.
func TestTrapsGob(t *testing.T) {
	in := Traps{Actions: map[string]string{"EXIT": "bye", "INT": "", "ERR": "e"}, Inherited: map[string]string{"USR1": "x"}}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(in); err != nil {
		t.Fatal(err)
	}
	var out Traps
	if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(in.Actions, out.Actions) || !maps.Equal(in.Inherited, out.Inherited) {
		t.Errorf("decoded %+v, want %+v", out, in)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestErrFiresAfter: whether the ERR trap runs for a command's own
// failure when the command changed the trap (bash decides before it runs).
func TestErrFiresAfter(t *testing.T) {
	cases := []struct {
		name    string
		before  func(*Traps)
		changes func(*Traps)
		want    bool
	}{
		{"set where none was", nil, func(tr *Traps) { tr.set(TrapErr, "echo x") }, false},
		{"set where one was ignored", func(tr *Traps) { tr.set(TrapErr, "") }, func(tr *Traps) { tr.set(TrapErr, "echo x") }, false},
		{"set over one that was on", func(tr *Traps) { tr.set(TrapErr, "echo a") }, func(tr *Traps) { tr.set(TrapErr, "echo b") }, true},
		{"reset of one that was on", func(tr *Traps) { tr.set(TrapErr, "echo a") }, func(tr *Traps) { tr.reset(TrapErr) }, true},
		{"two changes: unknown, it runs", nil, func(tr *Traps) { tr.set(TrapErr, "a"); tr.set(TrapErr, "b") }, true},
		{"another trap changes nothing", nil, func(tr *Traps) { tr.set(TrapExit, "echo x") }, true},
	}
	for _, c := range cases {
		var tr Traps
		if c.before != nil {
			c.before(&tr)
		}
		sets := tr.errSets
		c.changes(&tr)
		got := sets == tr.errSets || tr.errFiresAfter(sets)
		if got != c.want {
			t.Errorf("%s: fires = %v, want %v", c.name, got, c.want)
		}
	}
}
