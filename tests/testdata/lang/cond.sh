# [[ ]] and (( )): strings, patterns, regular expressions, numbers,
# files, && || ! ( ); no field splitting or globbing inside [[ ]].
t() { if "$@"; then echo "yes: $*"; else echo "no($?): $*"; fi; }
check() { if eval "$1"; then echo "true : $1"; else echo "false: $1"; fi; }
check '[[ abc == abc ]]'
check '[[ abc == a* ]]'
check '[[ abc == "a*" ]]'
check '[[ "a*" == "a*" ]]'
check '[[ abc != a?c ]]'
check '[[ abc = [ab]bc ]]'
check '[[ b > a ]]'
check '[[ a < b && b < c ]]'
check '[[ -z "" && -n x ]]'
check '[[ ! -z x ]]'
check '[[ ( a == b ) || ( c == c ) ]]'
check '[[ ! ( a == b ) ]]'
check '[[ x ]]'
check '[[ "" ]]'
check '[[ 10 -gt 9 ]]'
check '[[ 2+3 -eq 5 ]]'
check '[[ 010 -eq 8 ]]'
check '[[ -1 -lt 0 ]]'
check '[[ 5 -le 5 && 5 -ge 5 && 4 -ne 5 ]]'

spaced="a b   c"
check '[[ $spaced == "a b   c" ]]'
star='*'
check '[[ $star == "*" ]]'
check '[[ anything == $star ]]'
check '[[ anything == "$star" ]]'
empty=
check '[[ $empty == "" ]]'
check '[[ -z $unset_variable ]]'

check '[[ 2024-01-31 =~ ^([0-9]+)-([0-9]+)-([0-9]+)$ ]]'
echo "BASH_REMATCH: $BASH_REMATCH, groups: ${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[3]}, count ${#BASH_REMATCH[@]}"
re='^[a-z]+@[a-z]+\.[a-z]+$'
check '[[ user@example.com =~ $re ]]'
check '[[ not-an-email =~ $re ]]'
check '[[ a.c =~ "a.c" ]]'
check '[[ abc =~ "a.c" ]]'
check '[[ abc =~ a.c ]]'
check '[[ foobar =~ o+ ]]'
echo "longest leftmost: $BASH_REMATCH"

mkdir -p dir
echo data >file
: >empty
ln -s file link
check '[[ -e file && -f file && ! -d file ]]'
check '[[ -d dir && ! -f dir ]]'
check '[[ -s file && ! -s empty ]]'
check '[[ -L link && -h link && ! -L file ]]'
check '[[ -r file && -w file ]]'
check '[[ ! -x file ]]'
check '[[ -e missing ]]'
check '[[ file -ef link ]]'
check '[[ -v spaced ]]'
check '[[ -v nosuchvar ]]'

check '(( 1 ))'
check '(( 0 ))'
check '(( 3 > 2 && 2 > 1 ))'
check '(( x = 5 * 3 ))'
echo "x=$x"
(( x++ )); echo "after x++: $x, status $?"
(( y = 0 )); echo "(( y = 0 )) status: $?"
n=7
(( n % 2 == 1 )) && echo "$n is odd"
(( ${n} * 2 == 14 )) && echo "expanded operand"
i=0
while (( i < 3 )); do echo "while (( )) $i"; (( i++ )); done
for ((k = 3; k > 0; k--)); do printf '%s ' $k; done; echo
