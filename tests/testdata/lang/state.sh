# Process-wide state in subshells that gosh runs as copies of itself: the
# working directory, exec, exit, umask, ulimit, and the fd table, with fds
# from 3 up to 254 opened, duplicated and closed by exec.
mkdir -p d/e
start=$PWD
x=$(cd d; pwd)
[ "$x" = "$start/d" ] && echo "subst cd: $(basename "$x")"
[ "$(readlink /proc/$$/cwd)" = "$start" ] && echo "the shell's real directory stayed"
cd d | true
echo hi >here
[ -f "$start/here" ] && echo "a relative file lands in the shell's directory"
( cd d/e; echo in >made; pwd >where )
cat d/e/made; [ "$(cat d/e/where)" = "$start/d/e" ] && echo "subshell pwd right"
touch d/a1 d/a2
echo "glob in a copy: $(cd d; echo a*)"
printf '#!/bin/sh\necho "relative program ran in $(basename "$PWD")"\n' >d/prog
chmod +x d/prog
echo "$(cd d; ./prog)"
echo "$(cd d; PATH=.; prog)"
for n in 1 2 3; do x=$(cd d/e && pwd); done
[ "$PWD" = "$start" ] && echo "after loops the shell is where it was"

exec /bin/echo "exec in a pipeline stage" | cat
echo "the shell goes on"
x=$(exec /bin/echo "exec in a substitution"); echo "$x"
x=$(exec sh -c 'exit 9'; echo never); echo "status $? [$x]"
( exec sh -c 'exit 4' ); echo "subshell exec status $?"
x=$(exit 5; echo never); echo "exit in a substitution: $? [$x]"

umask 022
x=$(umask 077; umask; echo secret >private); echo "copy umask $x, shell umask $(umask)"
stat -c '%a private' private
( umask 027; touch grouped ); stat -c '%a grouped' grouped
ulimit -Sn 512
x=$(ulimit -n 64; sh -c 'ulimit -n'); echo "copy limit $x, shell limit $(ulimit -n)"

exec 3>f3
echo three >&3
sh -c 'echo child writes fd 3 >&3'
cat f3
exec 4>&3 3>&-
echo via-four >&4
echo x >&3 || echo "fd 3 is closed"
exec 4>&-
for n in 5 9 10 11 12 99 100 200 254; do
	eval "exec $n>fd$n.out"
	eval "echo fd $n >&$n"
	eval "exec $n>&-"
done
cat fd5.out fd9.out fd10.out fd11.out fd12.out fd99.out fd100.out fd200.out fd254.out
exec 7>seven 200>twohundred
sh -c 'echo to seven >&7; readlink /proc/$$/fd/200 | sed "s|.*/||"'
cat seven
exec 6<seven
read -r line <&6; echo "read from 6: $line"
read -r -u 6 line || echo "fd 6 at its end"
exec 6<&- 7>&- 200>&-
exec 8>saved
{ exec 8>inner; echo into-inner >&8; } 8>outer
echo into-saved >&8
echo "saved: $(cat saved) inner: $(cat inner) outer: [$(cat outer)]"
eval 'exec 9>from-eval'
echo kept >&9; cat from-eval
exec 3>&1
exec sh -c 'echo "exec cmd sees fd 9: $(readlink /proc/$$/fd/9 | sed "s|.*/||")"'
