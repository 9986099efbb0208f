# $LINENO in the ERR, RETURN and EXIT traps; arithmetic errors in [[ ]];
# set -u in subshells and background jobs of a script (issue 10).
trap 'echo "ERR at $LINENO ($?)"
echo "the second line at $LINENO"' ERR
trap 'echo "EXIT at $LINENO"' EXIT
echo start

false
f() {
	return 3
}
f
x=$(false)
g() { trap 'echo "RETURN at $LINENO"' RETURN; :; }
g
trap - RETURN
h() { false; }
if h; then :; fi
h || echo "h failed at $LINENO"
echo "after traps at $LINENO"
trap - ERR
trap 'echo "DEBUG at $LINENO"' DEBUG
echo one

echo two; d() {
	echo "in d"
}
d
trap - DEBUG

# An arithmetic error while a word of [[ ]] is expanded abandons the
# rest of the line, as any expansion error does; an operand of -eq that
# is no number fails the test only.
[[ $((1/0)) ]]; echo "not reached"
echo "next line at $LINENO"
[[ 1/0 -eq 1 ]]; echo "operand error: $?"
[[ x+ -eq 1 ]]; echo "operand error: $?"
if [[ $((2/0)) ]]; then echo then; else echo else; fi; echo "not reached"
echo "still going"
v=0; [[ $((1/v)) -eq 0 ]] || echo "not reached"
echo "and going"
trap 'echo "EXIT at $LINENO"' EXIT
(exit 4)
trap - EXIT

set -u
{ echo "$nope1"; echo no; } &
wait $!; echo "background job: $?"
echo "$nope2" &
wait $!; echo "background command: $?"
( echo "$nope3" ); echo "subshell: $?"
x=$(echo "$nope4"); echo "substitution: $?"
echo "$nope5" | cat; echo "pipeline: $?"
k() { echo "$nope6"; }; k & wait $!; echo "background function: $?"
set +u
echo end
