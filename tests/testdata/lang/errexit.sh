# set -e and its exceptions (POSIX 2.8.1): each case runs in its own
# subshell, which set -e ends; the parent prints how it ended.
run() {
	( eval "set -e; $1" )
	echo "  -> status $? for: $1"
}
run 'false; echo not reached'
run 'if false; then :; fi; echo if condition is exempt'
run 'while false; do :; done; echo while condition is exempt'
run 'until true; do :; done; echo until condition is exempt'
run 'false || echo left of or is exempt'
run 'false && true; echo left of and is exempt'
run 'true && false; echo not reached'
run '! true; echo negated is exempt'
run '! false; echo negated is exempt too'
run 'f() { false; echo function goes on when tested; }; if f; then echo tested; fi'
run 'f() { false; echo function goes on in or; }; f || echo never'
run 'f() { false; echo not reached; }; f; echo not reached'
run '{ false; echo not reached; }'
run '{ false && true; }; echo group status ignored'
run '(false && true); echo not reached'
run 'for i in 1; do false; done; echo not reached'
run 'x=$(false); echo not reached'
run 'x=$(false) || echo assignment tested'
run 'case a in a) false;; esac; echo not reached'
run '[[ a == b ]]; echo not reached'
run '(( 0 )); echo not reached'
run '[[ a == b ]] || (( 0 )) || echo both exempt'
run 'f() { return 3; }; f; echo not reached'
run 'false | true; echo pipeline status is the last'
run 'if true; then false; fi; echo not reached'
run 'while true; do false; done; echo not reached'
