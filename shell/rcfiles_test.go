package shell

import "testing"

// TestRCBuiltins: the builtins and options that rc files use, run by a real
// shell (mapfile, caller, set -n, set -v's effect on stdout).
func TestRCBuiltins(t *testing.T) {
	runCompoundCases(t, []compoundCase{
		{"mapfile -t", "mapfile -t a <<< $'x\\ny'; echo ${#a[@]} ${a[1]}", "2 y\n", 0},
		{"mapfile keeps newline", "mapfile a <<< x; printf '%q\\n' \"${a[0]}\"", "$'x\\n'\n", 0},
		{"mapfile default MAPFILE", "readarray -t <<< $'p\\nq'; echo ${MAPFILE[@]}", "p q\n", 0},
		{"mapfile empties array", "a=(1 2 3); mapfile -t a < /dev/null; echo ${#a[@]}", "0\n", 0},
		{"mapfile -O keeps below", "a=(1 2 3 4); mapfile -t -O 2 a <<< $'x\\ny'; echo ${a[@]}", "1 2 x y\n", 0},
		{"mapfile -s -n", "mapfile -t -s 1 -n 2 a <<< $'1\\n2\\n3\\n4'; echo ${a[@]}", "2 3\n", 0},
		{"mapfile -d", "mapfile -t -d : a <<< 'a:b:c'; echo ${#a[@]} ${a[2]}", "3 c\n", 0},
		{"mapfile literal values", "mapfile -t a <<< '$HOME *'; echo \"${a[0]}\"", "$HOME *\n", 0},
		{"mapfile -C -c", "f(){ echo cb $1 $2; }; mapfile -t -C f -c 2 a <<< $'a\\nb\\nc\\nd'; echo ${a[@]}", "cb 1 b\ncb 3 d\na b c d\n", 0},
		{"mapfile -u", "exec 3<<< $'l1\\nl2'; mapfile -t -u 3 w; echo ${w[1]}", "l2\n", 0},
		{"mapfile bad fd", "mapfile -u 9 x", "", 1},
		{"mapfile bad count", "mapfile -n x y", "", 1},
		{"mapfile bad name", "mapfile 1a", "", 1},
		{"mapfile assoc", "declare -A h; mapfile h < /dev/null", "", 1},
		{"mapfile bad option", "mapfile -q", "", 2},
		{"caller outside function", "caller", "", 1},
		{"caller in function", "f(){ caller; caller 0; }; g(){ f; }\ng", "1 environment\n1 g environment\n", 0},
		{"caller past main", "f(){ caller 1; }; f", "", 1},
		{"caller bad number", "f(){ caller x; }; f", "", 2},
		{"set -n", "set -n; echo no", "", 0},
		{"set -v keeps stdout", "set -v\necho a", "a\n", 0},
	})
}
