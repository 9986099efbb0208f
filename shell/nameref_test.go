package shell

import (
	"errors"
	"testing"
)

// Name references (declare -n, local -n) as commands use them: each case
// is a script, what it writes and its status.
func TestNameRef(t *testing.T) {
	tests := []struct {
		name, src, out, err string
		status              int
	}{
		{"read and assign", `declare -n r=a; r=1; echo $a $r ${!r}`, "1 1 a\n", "", 0},
		{"array through a reference", `declare -n r=a; r=(x y); r[3]=z; r+=q; echo ${r[@]} ${#r[@]} ${!r[@]}`, "xq y z 3 0 1 3\n", "", 0},
		{"unset the target", `a=1; declare -n r=a; unset r; echo "[${a-unset}]"; declare -p r`, "[unset]\ndeclare -n r=\"a\"\n", "", 0},
		{"unset -n the reference", `a=1; declare -n r=a; unset -n r; echo $a; [[ -R r ]] || echo gone`, "1\ngone\n", "", 0},
		{"unset -n leaves a plain variable", `a=1; unset -n a; echo $a`, "1\n", "", 0},
		{"test -R", `declare -n r; [[ -R r ]]; echo $?; r=x; test -R r; echo $?; test -R x; echo $?`, "1\n0\n1\n", "", 0},
		{"declare -p and +n", `declare -rn r=a; declare -p r; declare -n s=b; declare +n s; declare -p s`, "declare -nr r=\"a\"\ndeclare -- s=\"b\"\n", "", 0},
		{"no value yet: the first assignment is the target", `declare -n r; declare -p r; r=foo; r=bar; declare -p r foo`, "declare -n r\ndeclare -n r=\"foo\"\ndeclare -- foo=\"bar\"\n", "", 0},
		{"chain", `declare -n r1=r2 r2=a; a=5; echo ${!r1} $r1`, "a 5\n", "", 0},
		{"array element target", `a=(p q r); i=2; declare -n r='a[1]' s='a[i]'; r=Z; s=W; echo ${a[@]} $r $s; unset r; echo ${!a[@]}`, "p Z W Z W\n0 2\n", "", 0},
		{"for with a reference", `x=1; y=2; declare -n r; for r in x y; do echo $r; done; declare -p r`, "1\n2\ndeclare -n r=\"y\"\n", "", 0},
		{"local -n returns through the caller's name", `f() { local -n out=$1; out=(a b); }; g() { local v; f v; echo ${v[1]}; }; g; echo "[${v-unset}]"`, "b\n[unset]\n", "", 0},
		{"dynamic scope at use", `g() { echo $r; }; f() { local a=inner; local -n r=a; g; }; a=outer; f`, "inner\n", "", 0},
		{"temporary assignment", `declare -n r=a; r=5 env | grep '^a='; echo "[$a]"`, "a=5\n[]\n", "", 0},
		{"arithmetic", `declare -n r=a; (( r = 3 + 4 )); echo $a $((r * 2))`, "7 14\n", "", 0},
		{"read and printf -v", `declare -n r=a; read r <<< hi; echo $a; printf -v r %s yo; echo $a`, "hi\nyo\n", "", 0},
		{"circular", `declare -n a=b b=a; echo "[$a]"`, "[]\n", "gosh: line 1: warning: a: circular name reference\n", 0},
		{"invalid target", `declare -n r=1a; echo $?`, "1\n", "gosh: line 1: declare: `1a': invalid variable name for name reference\n", 0},
		{"self reference", `declare -n r=r; echo $?`, "1\n", "gosh: line 1: declare: r: nameref variable self references not allowed\n", 0},
		{"an array cannot be a reference", `a=(1); declare -n a=b; echo $?`, "1\n", "gosh: line 1: declare: a: reference variable cannot be an array\n", 0},
		{"read-only reference", `declare -rn r=a; r=2; echo $a; declare -n r=b; echo $?; unset -n r; echo $?`, "2\n1\n1\n",
			"gosh: line 1: declare: r: readonly variable\ngosh: line 1: unset: r: cannot unset: readonly variable\n", 0},
		{"read-only target", `readonly a=1; declare -n r=a; unset r; echo $?`, "1\n", "gosh: line 1: unset: a: cannot unset: readonly variable\n", 0},
		{"bad word for a loop's reference", `declare -n r; for r in 1a b; do echo "$r"; done; echo $?`, "1\n", "gosh: line 1: `1a': not a valid identifier\n", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, status := runCaptured(t, tc.src)
			if out != tc.out || errOut != tc.err || status != tc.status {
				t.Errorf("%s\n got out %q err %q status %d\nwant out %q err %q status %d", tc.src, out, errOut, status, tc.out, tc.err, tc.status)
			}
		})
	}
}

// The variable table's errors for references, each of its own type.
func TestNameRefErrors(t *testing.T) {
	newVars := func() *Vars {
		v := &Vars{m: map[string]*Var{}}
		v.Set("s", "str")
		v.SetArray("arr", []string{"x"}, false)
		v.SetNameRef("loop1", "loop2", true)
		v.SetNameRef("loop2", "loop1", true)
		v.SetNameRef("empty", "", false)
		v.SetNameRef("ro", "s", true)
		v.m["ro"].ReadOnly = true
		return v
	}
	var (
		circular *circularRefError
		bad      *badRefError
		self     *selfRefError
		array    *refArrayError
		readOnly *readOnlyError
		invalid  *invalidNameError
	)
	tests := []struct {
		name string
		do   func(v *Vars) error
		want any
	}{
		{"assign through a circular chain", func(v *Vars) error { return v.Set("loop1", "x") }, &circular},
		{"element of a circular chain", func(v *Vars) error { return v.SetIndex("loop1", 1, "x") }, &circular},
		{"an array made a reference", func(v *Vars) error { return v.SetNameRef("arr", "s", true) }, &array},
		{"a read-only reference retargeted", func(v *Vars) error { return v.SetNameRef("ro", "arr", true) }, &readOnly},
		{"a read-only reference unset -n", func(v *Vars) error { return v.UnsetRef("ro") }, &readOnly},
		{"an element of a reference with no target", func(v *Vars) error { return v.SetIndex("empty", 1, "x") }, &invalid},
		{"a bad name as the first target", func(v *Vars) error { return v.Set("empty", "1a") }, &invalid},
		{"a target that is no name", func(*Vars) error { return checkRefTarget("r", "1a") }, &bad},
		{"a target with a broken subscript", func(*Vars) error { return checkRefTarget("r", "a[1") }, &bad},
		{"itself as target", func(*Vars) error { return checkRefTarget("r", "r") }, &self},
		{"its own element as target", func(*Vars) error { return checkRefTarget("r", "r[1]") }, &self},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.do(newVars())
			if err == nil || !errors.As(err, tc.want) {
				t.Errorf("got %v (%T), want an error of type %T", err, err, tc.want)
			}
		})
	}
	// What does work, for contrast.
	v := newVars()
	if err := checkRefTarget("r", "a[i+1]"); err != nil {
		t.Errorf("an element target: %v", err)
	}
	if got, ok := v.Get("loop1"); ok || got != "" {
		t.Errorf("reading a circular chain: %q %v, want unset", got, ok)
	}
	if err := v.Unset("loop1"); err != nil || v.m["loop1"] != nil {
		t.Errorf("unset of a circular chain removes the name itself (bash): %v", err)
	}
}

// A reference travels in the snapshot a child gosh starts from (a
// background job, a subshell): the child's table still follows it.
func TestNameRefSnapshot(t *testing.T) {
	sh := New(Config{})
	sh.Vars.Set("x", "old")
	if err := sh.Vars.SetNameRef("r", "x", true); err != nil {
		t.Fatal(err)
	}
	data, err := encodeSnapshot(&childStart{Snap: *sh.childSnapshot(), Body: "true"})
	if err != nil {
		t.Fatal(err)
	}
	var back childStart
	if err := decodeSnapshot(data, &back); err != nil {
		t.Fatal(err)
	}
	child := New(Config{})
	if err := child.restore(&back.Snap); err != nil {
		t.Fatal(err)
	}
	if x := child.Vars.LookupRef("r"); x == nil || !x.NameRef || x.Value != "x" {
		t.Fatalf("the child's r: %+v, want a reference to x", x)
	}
	if err := child.Vars.Set("r", "new"); err != nil {
		t.Fatal(err)
	}
	if v, _ := child.Vars.Get("x"); v != "new" {
		t.Errorf("r=new in the child set x to %q", v)
	}
	if v, _ := sh.Vars.Get("x"); v != "old" {
		t.Errorf("the parent's x changed: %q", v)
	}
}
