package shell

import "testing"

func TestIntegerAttribute(t *testing.T) {
	sh := testShell(t)
	sh.SetInteger("n", true)
	tests := []struct {
		src  string
		want string
		err  bool
	}{
		{"n=2*3", "6", false},
		{"n+=4", "10", false},
		{"n=abc", "0", false},
		{"m=5; n=m+1", "6", false},
		{"n='1+'", "6", true},
	}
	for _, tc := range tests {
		sh.RunString(tc.src)
		if v, _ := sh.Vars.Get("n"); v != tc.want {
			t.Errorf("%s: n=%q, want %q", tc.src, v, tc.want)
		}
	}
	if err := sh.SetVar("n", "7*7"); err != nil {
		t.Fatal(err)
	}
	if v, _ := sh.Vars.Get("n"); v != "49" {
		t.Errorf("SetVar (read, printf -v) on -i: %q", v)
	}
	if err := sh.SetVar("n", "1+"); err == nil {
		t.Error("a bad expression assigned to -i: no error")
	}
	sh.SetInteger("n", false)
	sh.RunString("n=2*3")
	if v, _ := sh.Vars.Get("n"); v != "2*3" || sh.IsInteger("n") {
		t.Errorf("after +i: %q", v)
	}
	sh.DeclareVar("d")
	if _, set := sh.Vars.Get("d"); set || sh.Vars.Lookup("d") == nil {
		t.Error("DeclareVar: want declared and unset")
	}
	sh.Vars.Set("e", "1")
	sh.Vars.Export("e")
	sh.Unexport("e")
	if v := sh.Vars.Lookup("e"); v.Exported || v.Value != "1" {
		t.Errorf("Unexport: %+v", v)
	}
}
