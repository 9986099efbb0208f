# bash's call stack: FUNCNAME, BASH_SOURCE and BASH_LINENO in a script,
# its functions, the files it sources (.) and their functions, in
# subshells, command substitutions, pipelines and background jobs; caller.
# The script's own path differs between runs only in its directory: it is
# shown without it.
show() {
	local src=() s
	for s in "${BASH_SOURCE[@]}"; do src+=("${s##*/}"); done
	echo "$1: FUNCNAME=(${FUNCNAME[*]:1}) BASH_SOURCE=(${src[*]:1}) BASH_LINENO=(${BASH_LINENO[*]:1})"
}
top() {
	local src=() s
	for s in "${BASH_SOURCE[@]}"; do src+=("${s##*/}"); done
	echo "top: ${#FUNCNAME[@]} [${FUNCNAME[*]}] (${src[*]}) (${BASH_LINENO[*]})"
}
echo "script: ${#FUNCNAME[@]} ${#BASH_SOURCE[@]} ${BASH_SOURCE[0]##*/} ${BASH_LINENO[*]} [${FUNCNAME-unset}]"

cat > lib.sh <<'LIB'
libf() {
	show libf
}
show "sourcing lib.sh"
echo "lib top: [${FUNCNAME[*]}] ${BASH_SOURCE[0]} ${BASH_LINENO[0]}"
LIB
cat > lib2.sh <<'LIB'
show "sourcing lib2.sh"
. ./lib.sh
LIB

f() {
	show f
	libf
}
g() { f; }
. ./lib.sh
f
g
. ./lib2.sh
h() { . ./lib.sh; }
h
( g )
x=$(g); echo "$x"
g | cat
{ show bg; top; } & wait
k() { show k; ( show "k's subshell" ); }
k
k | cat
echo "$(k)"
r() { if [ "$1" -gt 0 ]; then r $(($1 - 1)); else show r; fi; }
r 3
c() { caller 0; caller 1; caller; }
d() { c; }
d
echo "after: ${#FUNCNAME[@]} ${BASH_SOURCE[0]##*/} ${BASH_LINENO[*]}"
