# Misuse of the flow builtins: bash's messages and statuses; the script
# goes on.
break
echo "break outside a loop: $?"
continue
echo "continue outside a loop: $?"
return
echo "return outside a function: $?"
local v=1
echo "local outside a function: $?"
for i in 1 2; do break 0; echo "not reached"; done
echo "break 0: $?"
for i in 1 2; do break 9; echo "not reached"; done
echo "break 9 leaves every loop: i=$i"
f() { break; }
for i in 1 2; do f; echo "loop goes on after break in a function: $i"; done
for i in 1 2; do (break); echo "break in a subshell: $i"; done
FUNCNEST=50
deep() { deep; }
deep
echo "runaway recursion stopped: $?"
unset FUNCNEST
(( 1 / 0 ))
echo "division by zero in (( )): $?"
[[ a =~ "(" ]]
echo "quoted paren is literal: $?"
echo "the end"
