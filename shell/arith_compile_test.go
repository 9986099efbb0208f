package shell

import (
	"fmt"
	"testing"
)

// arithDiffExprs are expressions evaluated both ways by
// TestArithCompiledMatchesInterpreter: compiled (arith_compile.go) and
// by arith.go's evaluator, which is the definition.
var arithDiffExprs = []string{
	"", "0", "1+2", " 1 + 2 ", "2+3*4", "(2+3)*4", "7/2", "-7%-4*-1", "10-2-3",
	"1<2", "2<=2", "3>2>0", "1==1", "1!=2", "!0", "!!5", "~0", "-c", "+c", "- -3",
	"1&&2", "0||3", "0&&1", "1||0", "6&3", "6^4", "5|2", "1<<10", "4096>>2", "3<<70",
	"1?2:3", "0?3:2", "1?0?3:2:4", "0,1,2", "1+2==3&&4-1==3?9:8",
	"n", "nn+1", "expr-3", "unset+5", "empty+5", "blank+5", "spaced+0",
	"1 ? 5 : 1/0", "0 && 1/0 ? 0 : 5", "1 || 1/0 ? 5 : 0", "0 ? 1/0 : 5",
	"9223372036854775807+1", "-9223372036854775807-1", "99999999999999999999",
	"10#09", "011", "0x9", "36#z", "64#@",
	"x=5", "x = 2 + 3", "x=y=7", "c+=2", "c-=2", "c*=c+1", "c/=3", "c%=3", "c<<=2",
	"c>>=1", "c&=6", "c|=1", "c^=15", "c++", "c--", "++c", "--c", "c++ + ++c",
	"c+=c++", "c*=(c=2)+1", "x++", "a=1, b=a+1", "0 && (x=3)", "1 || (x=3)",
	"1 ? (x=3) : (y=4)", "0 ? x++ : y++", "i < 100000", "i + 1", "i++", "i = i + 1",
	"x = c / 0", "c / (x = 0)", "c % 0 + 1", "c/=0", "x = c /   0", "self", "self + 1",
	"bad+1", "ro=2", "ro++", "++ro", "ro+=1", "x = ro = 3", "c, ro = 3, x = 1",
	"expr * expr", "-c++", "!c--", "~++c", "(c)", "((c)+(x=2))", "c ? x++ : x--",
	"u", "u + 1", "x = u", "u++", "1/0", "1+", "x+", "(2", "1?2", "1=2", "0 && x=3",
	"09", "2**10", "0 && 2**-1", "a[1]", "a[1]=3", "x.y", "1 2", "@",
}

func TestArithCompiledMatchesInterpreter(t *testing.T) {
	setup := func(nounset bool) *Shell {
		sh := testShell(t)
		sh.Opts.Nounset = nounset
		for name, v := range map[string]string{"c": "10", "n": "4", "nn": "3", "expr": "n + 3",
			"empty": "", "blank": "  ", "spaced": " 5 ", "self": "self", "bad": "1 +", "ro": "1", "i": "99"} {
			sh.Vars.Set(name, v)
		}
		sh.Vars.Lookup("ro").ReadOnly = true
		for _, name := range []string{"x", "y", "a", "b", "unset", "u"} {
			sh.Vars.Unset(name)
		}
		return sh
	}
	outcome := func(sh *Shell, v int64, err error) string {
		s := fmt.Sprintf("%d %v", v, err)
		for _, name := range []string{"c", "x", "y", "a", "b", "i", "ro", "u"} {
			val, set := sh.Vars.Get(name)
			s += fmt.Sprintf(" %s=%q/%v", name, val, set)
		}
		return s
	}
	for _, nounset := range []bool{false, true} {
		for _, expr := range arithDiffExprs {
			sh := setup(nounset)
			v, err := sh.evalArith(expr)
			got := outcome(sh, v, err)
			sh = setup(nounset)
			v, err = sh.interpretArith(expr, 0, nil)
			want := outcome(sh, v, err)
			if got != want {
				t.Errorf("set -u %v, %q:\n compiled    %s\n interpreted %s", nounset, expr, got, want)
			}
		}
	}
}

// TestArithCompiles checks which texts are compiled: the forms of a loop
// are (else the test above compares the interpreter with itself), and
// those arith.go must evaluate are not.
func TestArithCompiles(t *testing.T) {
	for _, c := range []struct {
		expr     string
		compiled bool
	}{
		{"i < 100000", true}, {"i + 1", true}, {"i++", true}, {"i += 2", true},
		{"x = c / 0", true}, {"1 ? 2 : 3", true}, {"a && b || !c", true}, {"(i)", true},
		{"", false}, {"1+", false}, {"1=2", false}, {"09", false}, {"2**3", false},
		{"a[1]", false}, {"a[1]=2", false}, {"++a[0]", false}, {"x.y", false}, {"(2", false},
	} {
		got := compileArith(arithTokens(c.expr).toks) != nil
		if got != c.compiled {
			t.Errorf("%q: compiled %v, want %v", c.expr, got, c.compiled)
		}
	}
}
