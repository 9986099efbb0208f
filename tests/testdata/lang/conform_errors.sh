# Expansion errors in a script, as bash handles them (helper "conform"):
# bad arithmetic or a read-only variable abandons the rest of the command
# being run and the script goes on with the next one ($? is 1); inside a
# subshell, $( ) or a pipeline stage, only that subshell ends.
echo $((1/0)); echo "not reached"
echo "next $?"
readonly r=1
r=2; echo "not reached either"
echo "after readonly $?"
f() { x=$((2/0)); echo "not in f"; }
f; echo "not after f"
echo "after f $?"
for i in 1 2; do echo "loop $i $((i/0))"; echo "loop body"; done
echo "after loop $?"
(echo $((1/0)); echo "not in subshell"); echo "subshell $?"
x=$(echo $((1/0)); echo "not in subst"); echo "subst [$x] $?"
echo $((1/0)) | cat; echo "pipeline $? ${PIPESTATUS[*]}"
{ echo $((3/0)); echo "not in group"; } | cat; echo "group stage $?"
readonly ro=1
(ro=2; echo "not in ro subshell"); echo "ro subshell $?"
printf 'echo $((1/0)); echo "rest of the line"\necho "next line of the file"\n' >errs_inc.sh
. ./errs_inc.sh; echo "after the . file $?"
eval 'echo $((1/0)); echo "not in eval"'; echo "after eval $?"
set -e
echo $((5/0))
echo "set -e does not stop for it $?"
set +e
trap 'echo "ERR trap"' ERR
echo $((6/0))
echo "no ERR trap $?"
set -u
(echo $nosuch; echo "not reached"); echo "set -u subshell $?"
echo $nosuch | cat; echo "set -u stage ${PIPESTATUS[*]}"
echo "$nosuch"
echo "the script has ended"
