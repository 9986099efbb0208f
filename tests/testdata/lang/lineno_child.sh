# $LINENO in bodies that run in a child gosh (a background list, "{ }" or
# "( )" with "&" over several lines, a function run in the background, a
# loop with "&", a stage of a pipeline): each command sees the line it is
# on in this file, as in bash's forked child. The child is sent the body as
# printed text; it must keep the source's line breaks.
{ echo a $LINENO
  echo b $LINENO
} &
wait
( echo c $LINENO
  echo d $LINENO
) &
wait
f() {
  echo f1 $LINENO
  echo f2 $LINENO
}
f &
wait
for i in 1; do
  echo l $LINENO
done &
wait
{ cat <<E
h $LINENO
E
echo after $LINENO
} &
wait
echo x $LINENO &
wait
{ echo p $LINENO; } | { cat; echo q $LINENO
  echo r $LINENO; }
g() {
  echo g1 $LINENO
  cat <<E
in-doc $LINENO
E
  echo g2 $LINENO
}
{ g
  echo m $LINENO
} &
wait
if true
then
  echo if $LINENO
fi &
wait
case a in
  a)
    echo case $LINENO
    ;;
esac &
wait
{ echo x $LINENO; } |
  { cat
    echo y $LINENO
  }
true &&
  echo and $LINENO &
wait
while false; do :; done; { sleep 0; echo
echo bb $LINENO; } &
wait
( echo s1 $LINENO
  ( echo s2 $LINENO
    echo s3 $LINENO ) &
  wait ) &
wait
h() { echo h $LINENO; }
{ h; echo $LINENO
h
} &
wait
echo end $LINENO
k() {
  echo k1 $LINENO
  echo k2 $LINENO
}
k | cat
k &
wait
( k
  echo after-k $LINENO ) &
wait
for i in 1 2; do
  echo "loop $i $LINENO"
done | cat
