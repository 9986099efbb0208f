# ( ) changes nothing in the shell; { } does. Redirections around whole
# compound commands; compound commands as pipeline stages.
x=1
( x=2; echo "in subshell x=$x" )
echo "after subshell x=$x"
{ x=3; echo "in group x=$x"; }
echo "after group x=$x"
start=$PWD
( cd / && echo "subshell in $PWD" )
[ "$PWD" = "$start" ] && echo "subshell cd did not move the shell"
{ cd / && echo "group in $PWD"; }
[ "$PWD" = / ] && echo "group cd moved the shell"
cd "$start"
( exit 7 ); echo "exit in subshell: $?"
( set -e; false; echo never ); echo "set -e in subshell: $?"
(echo "no spaces")
( (echo "nested subshells") )
f() { echo "function in subshell"; }
( f )

{ echo line1; echo line2; } >group.out
cat group.out
{ echo to-err >&2; } 2>group.err
echo "stderr of group: $(cat group.err)"
if true; then echo "if output"; fi >if.out
cat if.out
for i in 1 2 3; do echo "for $i"; done >>if.out
wc -l <if.out
printf 'one\ntwo\nthree\n' >input
while read -r line; do echo "read: $line"; done <input
n=0
while read -r line; do n=$((n + 1)); done <input
echo "loop in the shell counted $n"
n=0
cat input | while read -r line; do n=$((n + 1)); done
echo "loop in a pipeline stage leaves n=$n"
if true; then echo a; echo b; fi | wc -l
for i in 3 1 2; do echo $i; done | sort
{ echo z; echo y; } | sort | head -1
case x in x) echo "case in a pipeline" ;; esac | cat
echo piped | { read -r v; echo "group read $v"; }
echo piped | ( read -r v; echo "subshell read $v" )
(( 1 )) | cat; echo "(( )) in pipeline status $?"
[[ a == b ]] | cat; echo "status is the last stage's: $?"
! { false; }; echo "negated group: $?"
{ false; } || echo "group in or-list"
while true; do echo yes; done | head -3
{ echo out; echo err >&2; } 2>&1 | sort
exec 3>fd3.out
{ echo "to fd 3" >&3; }
for i in 1; do echo "loop to fd 3" >&3; done
exec 3>&-
cat fd3.out

# A background list is a child gosh: its $LINENO is the line of the list,
# however far into the script it is.
echo "background at $LINENO" && echo "still $LINENO" &
wait
# A background list in a subshell with a mask of its own (here a command
# substitution, which waits for it through its output) runs with that
# mask, and so do the files it creates; the shell's mask stays.
x=$(umask 077; { umask; : >bgmask.out; ls -l bgmask.out | cut -c1-10; } &)
echo "$x"
rm -f bgmask.out
umask
