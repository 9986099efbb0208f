# set -v echoes each line as it is read: not the lines of a $( ) or <( )
# list after its first (bash), but those of backquotes, $(( )), quotes,
# here-documents, compound commands and functions.
set -v
echo one
echo $(echo x
echo y
)
echo `echo q
echo r
`
cat <(echo p
)
echo $((1+
2))
echo "$(echo a;
echo b)" $(
echo c)
cat <<END
body $(echo in
)
END
f() {
	echo "in f"
}
f
for i in 1 2; do
	echo $i
done
eval 'echo evaluated'
eval 'echo two;
echo lines'
trap 'echo trapped' USR1
kill -USR1 $$
set +v
echo quiet
