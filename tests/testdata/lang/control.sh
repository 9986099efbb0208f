# if / elif / else, while, until, for, for (( )), break and continue
# across nested loops, case with ;; ;& ;;&.
grade() {
	if (( $1 >= 90 )); then
		echo A
	elif (( $1 >= 80 )); then
		echo B
	elif [ "$1" -ge 70 ]; then
		echo C
	else
		echo F
	fi
}
for s in 95 85 75 10; do
	printf '%s=%s ' "$s" "$(grade "$s")"
done
echo

i=0
while [ $i -lt 5 ]; do
	i=$((i + 1))
	[ $i -eq 2 ] && continue
	[ $i -eq 4 ] && break
	echo "while $i"
done
echo "after while: i=$i status=$?"

n=3
until [ $n -eq 0 ]; do
	echo "until $n"
	n=$((n - 1))
done

for ((i = 0, j = 10; i < 3; i++, j -= 2)); do
	echo "arith for $i $j"
done
for ((;;)); do
	echo "endless, broken"
	break
done

for outer in a b c; do
	for inner in 1 2 3; do
		if [ $inner = 2 ] && [ $outer = a ]; then
			continue 2
		fi
		if [ $outer = c ]; then
			break 2
		fi
		echo "$outer$inner"
	done
	echo "end of $outer"
done
echo "nested done"

for w in one "two three" four; do echo "[$w]"; done
set -- x "y z"
for p; do echo "param [$p]"; done
for p in; do echo never; done
echo "empty for: $?"

classify() {
	case $1 in
	[0-9]*) echo "$1: number" ;;
	*.txt | *.md) echo "$1: text" ;;
	-*) echo "$1: option" ;&
	--*) echo "$1: (fell through)" ;;
	"") echo "empty" ;;
	*) echo "$1: other" ;;
	esac
}
for x in 42 notes.txt README.md -v --long other ""; do classify "$x"; done

case foobar in
foo*) echo "starts with foo" ;;&
*bar) echo "ends with bar" ;;&
*z*) echo "has z" ;;
*) echo "default after ;;&" ;;
esac
case x in (x) echo "parenthesised pattern";; esac
case "a*b" in "a*b") echo "quoted pattern is literal" ;; esac
pat='a?c'
case abc in $pat) echo "pattern from a variable" ;; esac
case nomatch in a) echo no ;; esac
echo "case without match: $?"

if false; then echo no; fi
echo "if without branch: $?"
if false; then :; else (exit 3); fi
echo "else status: $?"
while false; do :; done
echo "while never ran: $?"
k=0
while
	k=$((k + 1))
	[ $k -le 2 ]
do
	echo "multi-command condition $k"
done
