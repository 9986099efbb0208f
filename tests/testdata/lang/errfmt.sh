# Messages about commands: bash's "SCRIPT: line N: " before each, the line
# of the command being run wherever it runs.
cd /nonexistent
nosuchcommand
( echo ${unset_var:?is needed} )
x=$(echo ${unset_var2:?in subst}); echo "subst status $?"
readonly ro=1
ro=2
echo "after readonly"
echo $(( 1 / 0 ))
echo "after arith"
f() {
	cd /nope/in/f
	local -r lr=1; lr=2
	return
}
f
g() { h; }
h() { cd /nope/in/h; }
g
for i in 1 2; do
	cd /loop/$i
done
while read -r line; do
	cd "/heredoc/$line"
done <<END
one
two
END
if true; then
	kill %7
fi
case x in
x) wait %9 ;;
esac
( cd /in/subshell )
{ cd /in/group; } | cat
echo "$(cd /in/subst 2>&1)"
{ cd /in/background; } &
wait
cd /in/bg/simple &
wait
printf 'cd /in/dotfile\nnosuch_in_dot\ndf() { cd /in/dotfunc; }\n' > dot.sh
. ./dot.sh
df
eval 'cd /in/eval'
eval 'true
cd /in/eval/line2'
trap 'cd /in/trap' USR1
kill -USR1 $$
echo "after trap"
cat < /nonexistent/input
echo hi > /nonexistent/dir/out
( exec 3< /nonexistent/exec; echo not reached )
declare -i n=1/0
shift 5
set -o nosuchoption
printf '%d\n' abc
test 1 -eq x
[ a = ]
echo "${x:bad}"
[[ $(( 2 / 0 )) ]]
let "3 / 0"
( exec /nonexistent/prog )
echo a | nosuch_in_pipe | cat
ls /nonexistent/ls 2>/dev/null; nosuch_after
cd "/multi
line" x
trap 'cd /in/exit/trap' EXIT
export 'a b=1'
nosuch_last
