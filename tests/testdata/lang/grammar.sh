# Multi-line spellings of every compound command, read by the parser a
# line at a time: newlines and comments where POSIX allows them,
# here-documents inside loops, functions and case items, line
# continuations, and a command substitution whose case has unbalanced ')'.
if true
then
  # a comment inside
  echo "if on several lines"
elif false
then
  echo no
else
  echo no
fi

if false; then echo no
else echo "else on its own line"; fi

i=0
while [ $i -lt 2 ]
do
  echo "while $i"
  i=$((i + 1))
done

until [ $i -eq 0 ]
do i=$((i - 1)); echo "until $i"
done

for word in alpha \
    beta \
    gamma
do
  echo "for $word"
done

set -- one two
for arg
do
  echo "arg $arg"
done

for ((n = 0;
      n < 2;
      n++))
do
  echo "arith for $n"
done

case "$word" in
  alpha | beta)
    echo "not this one"
    ;;
  # a comment between items
  gam*)
    echo "case matched $word"
    ;&
  never)
    echo "fell through"
    ;;
esac

greet()
{
  cat <<EOF
hello, $1
EOF
}
greet world

function shout {
  while read -r line; do
    echo "${line}!"
  done <<'END'
one $x
two
END
}
shout

count=$(case x in
  x) echo 3 ;;
esac)
echo "count $count"

{
  echo "group line 1"
  echo "group line 2"
} | while read -r l
do
  echo "got: $l"
done

(
  cd /
  echo "subshell in $(pwd)"
)

[[ -n "$word" &&
   $word == g* ]] && echo "test over two lines"

(( count > 2 )) &&
  echo "arith then and-list on the next line"

for f in a b; do cat <<X; done
doc for each
X

x=1; if [ $x -eq 1 ]; then cat <<A; echo "after the here-document"; fi
inside if
A
# Line numbers are those of the whole script, however it was read.
echo "line $LINENO"
lines() {
  echo "in a function: line $LINENO"
}
lines
cat <<EOF
in a here-document: line $LINENO
EOF
echo "the end"
