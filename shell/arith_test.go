package shell

import (
	"errors"
	"math"
	"strconv"
	"testing"
)

func TestEvalArith(t *testing.T) {
	cases := []struct {
		exprs []string // spellings of the same value
		want  int64
	}{
		{[]string{"", " ", "0", "00", "0x0", "0x"}, 0},
		{[]string{"1+2", " 1 + 2 ", "\t1\n+2", "(1+2)", "((1)+(2))", "+3", "- -3", "--3"}, 3},
		{[]string{"2+3*4", "2+(3*4)", "14", "2*3+4*2", "20-6"}, 14},
		{[]string{"(2+3)*4", "20", "100/5", "0x14", "024", "16#14", "2#10100", "64#k"}, 20},
		{[]string{"7/2", "-7/-2", "7%4", "-7%-4*-1"}, 3},
		{[]string{"-7/2", "7/-2", "-3"}, -3},
		{[]string{"7%-3", "-7%3+2", "1"}, 1},
		{[]string{"10-2-3", "5"}, 5},
		{[]string{"2**10", "2**5**2/2**15", "1<<10", "4096>>2"}, 1024},
		{[]string{"-2**2", "2**2"}, 4},
		{[]string{"1<2", "2<=2", "3>2", "2>=2", "1==1", "1!=2", "!0", "!!5", "3>2>0"}, 1},
		{[]string{"2<1", "3<=2", "1>2", "1>=2", "1==2", "2!=2", "!1", "3>2>1"}, 0},
		{[]string{"1&&2", "0||3", "1||0", "!0&&!0"}, 1},
		{[]string{"0&&1", "0||0", "1&&0"}, 0},
		{[]string{"~0", "-1", "~1+1", "0-1"}, -1},
		{[]string{"6&3", "2", "6^4", "2&3|0"}, 2},
		{[]string{"5|2", "7", "5^2", "1+2*3"}, 7},
		{[]string{"1?2:3", "0?3:2", "1?0?3:2:4", "0,1,2"}, 2},
		{[]string{"1+2==3&&4-1==3?9:8"}, 9},
		{[]string{"n", "$n", "n*1", "nn+1", "expr-3"}, 4},
		{[]string{"unset+5", "empty+5", "blank+5", "spaced+0"}, 5},
		{[]string{"1 ? 5 : 1/0", "0 && 1/0 ? 0 : 5", "1 || 1/0 ? 5 : 0", "0 ? 1/0 : 5"}, 5},
		{[]string{"9223372036854775807+1", "-9223372036854775807-1", "2**63", "1<<63", "1 << -1"}, math.MinInt64},
		{[]string{"99999999999999999999"}, 7766279631452241919},
		{[]string{"3<<70"}, 192},
		{[]string{"10#09", "011", "0x9", "9"}, 9},
		{[]string{"36#z", "36#Z", "35"}, 35},
		{[]string{"64#@", "62"}, 62},
	}
	for _, c := range cases {
		for _, expr := range c.exprs {
			sh := testShell(t)
			sh.Vars.Set("n", "4")
			sh.Vars.Set("nn", "3")
			sh.Vars.Set("expr", "n + 3")
			sh.Vars.Set("empty", "")
			sh.Vars.Set("blank", "  ")
			sh.Vars.Set("spaced", " 5 ")
			sh.Vars.Unset("unset")
			// $n in a spelling stands for text substituted before evaluation.
			src := expr
			if src == "$n" {
				src = "4"
			}
			got, err := sh.evalArith(src)
			if err != nil {
				t.Errorf("evalArith(%q): %v", expr, err)
			} else if got != c.want {
				t.Errorf("evalArith(%q) = %d, want %d", expr, got, c.want)
			}
		}
	}
}

// TestArithAssign checks assignments and increments and what they leave in
// the variables.
func TestArithAssign(t *testing.T) {
	cases := []struct {
		expr string
		want int64
		vars map[string]string // after evaluation
	}{
		{"x=5", 5, map[string]string{"x": "5"}},
		{"x = 2 + 3", 5, map[string]string{"x": "5"}},
		{"x=y=7", 7, map[string]string{"x": "7", "y": "7"}},
		{"c+=2", 12, map[string]string{"c": "12"}},
		{"c-=2", 8, map[string]string{"c": "8"}},
		{"c*=c+1", 110, map[string]string{"c": "110"}},
		{"c/=3", 3, map[string]string{"c": "3"}},
		{"c%=3", 1, map[string]string{"c": "1"}},
		{"c<<=2", 40, map[string]string{"c": "40"}},
		{"c>>=1", 5, map[string]string{"c": "5"}},
		{"c&=6", 2, map[string]string{"c": "2"}},
		{"c|=1", 11, map[string]string{"c": "11"}},
		{"c^=15", 5, map[string]string{"c": "5"}},
		{"c++", 10, map[string]string{"c": "11"}},
		{"c--", 10, map[string]string{"c": "9"}},
		{"++c", 11, map[string]string{"c": "11"}},
		{"--c", 9, map[string]string{"c": "9"}},
		{"c++ + ++c", 22, map[string]string{"c": "12"}},
		{"c+=c++", 20, map[string]string{"c": "20"}},
		{"c*=(c=2)+1", 30, map[string]string{"c": "30"}},
		{"x++", 0, map[string]string{"x": "1"}},
		{"a=1, b=a+1", 2, map[string]string{"a": "1", "b": "2"}},
		{"0 && (x=3)", 0, map[string]string{"x": ""}},
		{"1 || (x=3)", 1, map[string]string{"x": ""}},
		{"1 ? (x=3) : (y=4)", 3, map[string]string{"x": "3", "y": ""}},
		{"0 ? x++ : y++", 0, map[string]string{"x": "", "y": "1"}},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			sh := testShell(t)
			sh.Vars.Set("c", "10")
			for _, name := range []string{"x", "y", "a", "b"} {
				sh.Vars.Unset(name)
			}
			got, err := sh.evalArith(c.expr)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("= %d, want %d", got, c.want)
			}
			for name, want := range c.vars {
				if v, _ := sh.Vars.Get(name); v != want {
					t.Errorf("%s = %q, want %q", name, v, want)
				}
			}
		})
	}
}

func TestArithErrors(t *testing.T) {
	cases := []struct {
		expr string
		want string
	}{
		{"1/0", `1/0: division by 0 (error token is "0")`},
		{"1/0+3", `1/0+3: division by 0 (error token is "0+3")`},
		{"5 % 0", `5 % 0: division by 0 (error token is "0")`},
		{"c/=0", `c/=0: division by 0 (error token is "0")`},
		{"1+", `1+: syntax error: operand expected (error token is "+")`},
		{" 1 + ", `1 + : syntax error: operand expected (error token is "+ ")`},
		{"x+", `x+: syntax error: operand expected (error token is "+")`},
		{"1 <<  ", `1 <<  : syntax error: operand expected (error token is "<<  ")`},
		{"3 + @ ", `3 + @ : syntax error: operand expected (error token is "@ ")`},
		{"()", `(): syntax error: operand expected (error token is ")")`},
		{"'a'", `'a': syntax error: operand expected (error token is "'a'")`},
		{"5++", `5++: syntax error: operand expected (error token is "+")`},
		{"1 2", `1 2: syntax error in expression (error token is "2")`},
		{"1 2 3", `1 2 3: syntax error in expression (error token is "2 3")`},
		{"zq zr", `zq zr: syntax error in expression (error token is "zr")`},
		{"x++2", `x++2: syntax error in expression (error token is "2")`},
		{"2)", `2): syntax error in expression (error token is ")")`},
		{"x.y", `x.y: syntax error: invalid arithmetic operator (error token is ".y")`},
		{"(2", "(2: missing `)' (error token is \"2\")"},
		{"1 + (2 ", "1 + (2 : missing `)' (error token is \"2 \")"},
		{"1?2", "1?2: `:' expected for conditional expression (error token is \"2\")"},
		{"1 ? 2 3", "1 ? 2 3: `:' expected for conditional expression (error token is \"3\")"},
		{"1 ? 2 : ", `1 ? 2 : : expression expected (error token is ": ")`},
		{"1 ? : 2", `1 ? : 2: expression expected (error token is ": 2")`},
		{"1=2", `1=2: attempted assignment to non-variable (error token is "=2")`},
		{"0 && x=3", `0 && x=3: attempted assignment to non-variable (error token is "=3")`},
		{"x=", `x=: syntax error: operand expected (error token is "=")`},
		{"09", `09: value too great for base (error token is "09")`},
		{"08 + 1", `08: value too great for base (error token is "08")`},
		{"1a", `1a: value too great for base (error token is "1a")`},
		{"0x1g", `0x1g: value too great for base (error token is "0x1g")`},
		{"2#3", `2#3: value too great for base (error token is "2#3")`},
		{"1#1", `1#1: invalid arithmetic base (error token is "1#1")`},
		{"65#1", `65#1: invalid arithmetic base (error token is "65#1")`},
		{"2#", `2#: invalid integer constant (error token is "2#")`},
		{"#1", `#1: syntax error: operand expected (error token is "#1")`},
		{"2**-1", `2**-1: exponent less than 0 (error token is "1")`},
		{"0 && 2**-1", `0 && 2**-1: exponent less than 0 (error token is "1")`},
		{"self", `self: expression recursion level exceeded (error token is "self")`},
		{"bad+1", `1 +: syntax error: operand expected (error token is "+")`},
		{"ro=2", `ro: readonly variable`},
		{"ro++", `ro: readonly variable`},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			sh := testShell(t)
			sh.Vars.Set("c", "10")
			sh.Vars.Set("self", "self")
			sh.Vars.Set("bad", "1 +")
			sh.Vars.Set("ro", "1")
			sh.Vars.Lookup("ro").ReadOnly = true
			sh.Vars.Unset("x")
			got, err := sh.evalArith(c.expr)
			var ee *ExpansionError
			if !errors.As(err, &ee) {
				t.Fatalf("got %d, %v; want error %q", got, err, c.want)
			}
			if ee.Msg != c.want {
				t.Errorf("error %q\n           want %q", ee.Msg, c.want)
			}
		})
	}
}

// TestArithMutualRecursion: x=y, y=x must end with an error, not a crash.
func TestArithMutualRecursion(t *testing.T) {
	sh := testShell(t)
	sh.Vars.Set("x", "y")
	sh.Vars.Set("y", "x+1")
	if _, err := sh.evalArith("x"); err == nil {
		t.Fatal("no error for x=y, y=x+1")
	}
	sh.Vars.Set("y", strconv.Itoa(41))
	if got, err := sh.evalArith("x+1"); err != nil || got != 42 {
		t.Fatalf("x+1 = %d, %v; want 42", got, err)
	}
}

func BenchmarkEvalArith(b *testing.B) {
	sh := testShell(b)
	sh.Vars.Set("n", "12")
	sh.Vars.Set("m", "n*2")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sh.evalArith("(n + 3) * m - 7 % 3 << 1 >= 10 ? n++ : 0"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestArithArrays checks array elements as operands and as targets.
func TestArithArrays(t *testing.T) {
	cases := []struct {
		setup, expr string
		want        int64
		after       string // a word to expand afterwards
		afterWant   string
	}{
		{"a=(1 2 3)", "a[0]+a[2]", 4, "", ""},
		{"a=(1 2 3); i=1", "a[i]*a[i+1]", 6, "", ""},
		{"a=(1 2 3)", "a[-1]", 3, "", ""},
		{"a=(1 2 3)", "a[1]=7", 7, "${a[@]}", "1 7 3"},
		{"a=(1 2 3)", "a[2]++", 3, "${a[2]}", "4"},
		{"a=(1 2 3)", "++a[0]", 2, "${a[0]}", "2"},
		{"a=(1 2 3)", "a[1]+=10", 12, "${a[1]}", "12"},
		{"a=(x)", "a[5]", 0, "", ""},
		{"a=(1 2); b=(a)", "a[a[0]]", 2, "", ""},
		{"", "m[3]=4", 4, "${!m[@]}", "3"},
		{"x=5", "x[0]", 5, "", ""},
	}
	for _, c := range cases {
		t.Run(c.setup+"; "+c.expr, func(t *testing.T) {
			sh := testShell(t)
			if _, err := sh.RunString(c.setup); err != nil {
				t.Fatal(err)
			}
			got, err := sh.evalArith(c.expr)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("%s = %d, want %d", c.expr, got, c.want)
			}
			if c.after != "" {
				v, err := sh.expandString(parseWord(t, c.after))
				if err != nil || v != c.afterWant {
					t.Errorf("then %s = %q (%v), want %q", c.after, v, err, c.afterWant)
				}
			}
		})
	}
}
