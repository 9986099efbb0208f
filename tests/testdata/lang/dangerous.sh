# The dangerous case: the body of an if whose condition fails must
# not run.
echo precious >important
if false; then
	rm important
fi
[ -f important ] && echo "important is still there: $(cat important)"
while false; do rm important; done
until true; do rm important; done
for f in; do rm important; done
case keep in remove) rm important ;; esac
false && rm important
[[ -f important ]] && echo "still there after every construct"
