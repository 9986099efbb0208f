# set -x shows compound commands as bash does: each pass of a for loop,
# the case word, the parts of for (( )), (( )) and each test of [[ ]].
set -x
for i in a "b c"; do
	: "$i"
done
case x in x) : matched ;; esac
for ((i = 0; i < 2; i++)); do :; done
x=ab
[[ $x == a* && -n "$x" ]]
[[ $x =~ ^a ]]
(( i + 1 > 0 ))
f() { local v=$1; echo "$v"; }
f arg
if [[ -z $x ]]; then :; else : else; fi
while (( i-- > 0 )); do :; done
set +x
