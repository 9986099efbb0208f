package shell

import "testing"

// TestHotPath runs scripts through the executor's shortcuts (hotpath.go:
// the variable cache, the argv and assignment arenas, reused frames, the
// compiled arithmetic) where their state must be given back or found
// stale: locals, unset, recursion deeper than the arena, command
// substitutions while words expand, set -- and shift in a function, IFS
// and FUNCNAME changes. The expected output is bash's.
func TestHotPath(t *testing.T) {
	runCompoundCases(t, []compoundCase{
		{"loop", "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i + 1)); done; echo end $i", "0\n1\n2\nend 3\n", 0},
		{"local hides and puts back", "f() { local i=7; echo in $i; }; i=1; f; echo out $i; f; echo $i", "in 7\nout 1\nin 7\n1\n", 0},
		{"function assigns", "f() { i=$((i + 10)); }; i=1; f; f; echo $i", "21\n", 0},
		{"unset and set again", "x=5; unset x; echo \"${x-unset}\"; x=6; echo $x; unset x; x=$((x + 1)); echo $x", "unset\n6\n1\n", 0},
		{"positional parameters", "f() { echo $# \"$@\"; shift; echo $# \"$@\"; set -- a b c; echo $# \"$@\"; }; f 1 2 3; echo $# \"$@\"",
			"3 1 2 3\n2 2 3\n3 a b c\n0\n", 0},
		{"recursion keeps each call's arguments", "f() { if [ $1 -gt 0 ]; then f $(( $1 - 1 )) a b c d e f g h; echo $1 $#; fi; }; f 3",
			"1 9\n2 9\n3 1\n", 0},
		{"recursion deeper than the arena", "f() { if [ $1 -gt 0 ]; then f $(( $1 - 1 )) $(seq 10); fi; [ $1 = 0 ] && echo deep $#; }; f 60; echo $?",
			"deep 11\n1\n", 0},
		{"substitutions in arguments", "f() { echo \"$@\"; }; f $(echo a b) c \"$(f x y)\"", "a b c x y\n", 0},
		{"IFS changes", "IFS=:; x=a:b; echo $x; set -- $x; echo $#; IFS=' '; echo $x", "a b\n2\na:b\n", 0},
		{"FUNCNAME", "f() { echo ${FUNCNAME[@]}; g; }; g() { echo ${FUNCNAME[@]}; }; f; echo \"${FUNCNAME-none}\"", "f\ng f\nnone\n", 0},
		{"arithmetic", "i=0; while (( i < 3 )); do (( i++ )); done; echo $i; echo $(( i * 2 )) $((i++)) $i", "3\n6 3 4\n", 0},
		{"$_ after a function and eval", "eval 'true x'; echo $_; f() { true q; }; f z; echo $_; f; echo $_; x=1; echo $_", "true x\nz\nf\n\n", 0},
		{"PIPESTATUS", "false; echo ${PIPESTATUS[@]}; true | false; echo ${PIPESTATUS[@]}; [ 1 -eq 2 ]; echo ${PIPESTATUS[@]}", "1\n0 1\n1\n", 0},
		{"declare -i", "declare -i n; n=2+3; echo $n; n=n*2; echo $n", "5\n10\n", 0},
		{"local in a loop of calls", "f() { local x; x=$1; echo $x; }; for v in a b c; do f $v; done; echo \"${x-unset}\"", "a\nb\nc\nunset\n", 0},
		{"return status", "f() { return $1; }; f 3; echo $?; f 0; echo $?", "3\n0\n", 0},
		{"assignments in turn", "a=1 b=$a; echo $b; x=1 y=$((x+1)) z=$y; echo $x $y $z", "1\n1 2 2\n", 0},
		{"readonly", "readonly r=1; r=2; echo $r", "", 1},
		{"call stack seen by copies", "f() { echo $(g) \"${FUNCNAME[@]}\"; }; g() { echo \"${FUNCNAME[@]}\"; }; f; f; h() { f; x=$(g; f); echo $x; }; h; echo \"${FUNCNAME[@]-none}\"",
			"g f f\ng f f\ng f h f h\ng h g f h f h\nnone\n", 0},
	})
}
