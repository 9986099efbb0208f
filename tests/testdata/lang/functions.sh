# Functions: definition forms, positional parameters, return, local
# with dynamic scoping, recursion, redefinition, unset -f, FUNCNAME,
# redirections on the body, functions in pipelines and substitutions.
greet() {
	echo "hello $1 ($# args: $*)"
}
function shout {
	echo "HELLO $1"
}
function both() { echo "both $@"; }
greet world a b
shout there
both x y
echo "outside: $# [$*]"

set -- p1 p2
show() { echo "inner: $1 $2 $#"; }
show a
echo "restored: $1 $2 $#"

ret() { return $1; }
ret 7; echo "return 7 -> $?"
ret 300; echo "return 300 -> $?"
last() { false; return; }
last; echo "bare return keeps \$?: $?"
early() {
	for i in 1 2 3; do
		if [ $i = 2 ]; then return 5; fi
		echo "early $i"
	done
	echo "never"
}
early; echo "early -> $?"

x=global
inner() { echo "inner sees x=$x"; x=changed-by-inner; }
outer() {
	local x=outer-local
	inner
	echo "outer after inner: x=$x"
}
outer
echo "global after: x=$x"
declared() {
	local y
	echo "local without value: [${y-unset}]"
	local a=1 b=2
	echo "a=$a b=$b"
}
y=outside
declared
echo "y=$y a=${a-unset}"
export EX=outer
exported() { local EX=inner; sh -c 'echo "child sees EX=$EX"'; }
exported
echo "EX=$EX"

fact() {
	if (( $1 <= 1 )); then
		echo 1
	else
		local sub
		sub=$(fact $(($1 - 1)))
		echo $(($1 * sub))
	fi
}
echo "10! = $(fact 10)"
fib() {
	local n=$1
	if (( n < 2 )); then
		r=$n
		return
	fi
	fib $((n - 1)); local a=$r
	fib $((n - 2)); r=$((a + r))
}
fib 15; echo "fib 15 = $r"
depth() { (( $1 > 0 )) && depth $(( $1 - 1 )) || echo "deep enough"; }
depth 200

name() { echo "I am $FUNCNAME"; }
name
redefine() { echo first; }
redefine
redefine() { echo second; }
redefine
gone() { echo here; }
unset -f gone
gone 2>/dev/null || echo "gone after unset -f: $?"

logged() {
	echo "to the log"
	echo "error to the log" >&2
} >func.log 2>&1
logged
echo "log holds: $(cat func.log | tr '\n' '|')"

upper() { tr a-z A-Z; }
echo "piped into a function" | upper
count() { local n=0; while read -r _; do n=$((n + 1)); done; echo "$n lines"; }
printf 'a\nb\nc\n' | count
nested() {
	helper() { echo "helper defined inside"; }
	helper
}
nested
helper
cdfn() { cd /; }
cdfn
echo "cd in a function moved the shell: $PWD"

# type lays a function out as bash does.
layout() {
	local n
	for n in 1 2; do
		if (( n > 1 )); then echo big; elif [ $n = 1 ]; then echo one; else :; fi
	done
	case $1 in a | b) echo ab ;; *) ;; esac
	while false; do :; done >/dev/null 2>&1
	{ echo grouped; } | cat
	( cd / && pwd )
	[[ -n $1 && $1 != x* ]] && echo tested
	for ((i = 0; i < 1; i++)); do :; done
}
type layout
function withredir { echo "to stderr"; } >&2
type withredir
