# failglob (helper "keyword"): a glob that matches nothing drops the
# command it is in, up to the whole command the script is running (the
# rest of its line, a whole loop or function call), with status 1 and
# "no match: PAT"; the script goes on with its next command. Under set -e
# it ends the script, even left of || (bash reports it with report_error).
shopt -s failglob
touch a.c b.c
echo *.c
echo *.nomatch; echo same line is dropped
echo "next line, status $?"
f() { echo *.w; echo rest of f is dropped; }
f
echo "after f: $?"
for i in 1 2; do
	echo "loop $i"
	echo *.w
	echo rest of loop is dropped
done
echo "after loop: $?"
x=$(echo *.q; echo rest of subst is dropped)
echo "subst: [$x] $?"
{ echo *.z; echo in group; }
echo "after group: $?"
echo *.w | cat
echo "pipeline stage: $? ${PIPESTATUS[*]}"
( echo *.w; echo rest of subshell )
echo "subshell: $?"
cat < *.r
echo "redirection: $?"
printf 'echo *.s; echo dropped in sourced\necho sourced goes on\n' > src.sh
. ./src.sh
echo "after source: $?"
eval 'echo *.e; echo dropped in eval'
echo "after eval: $?"
echo "*.quoted" \*.escaped
export y=*.nm; declare z=*.nm; echo "$y $z"
case *.nm in *.nm) echo case word is not globbed;; esac
[[ *.nm == \*.nm ]] && echo test words are not globbed
shopt -u failglob
echo *.off
shopt -s failglob
set -e
trap 'echo exit trap, status $?' EXIT
echo *.w || echo or never runs
echo never here
