# A script's finished background jobs, as bash 5.2 keeps them: listed
# until jobs shows them or a wait that began while they ran collects
# them; nothing is announced between commands, even under set -m, and
# only a job killed by a signal is reported (after a foreground job or a
# wait: its line number is left out here). -c text drops them after each
# command instead (bashtests.txt, spec.txt). gone waits until the shell has reaped the last job (kill -0
# fails once it is no longer a zombie), without a wait or a foreground job.
# Each job sleeps first: bash marks a job that ended before it finished
# starting it without its '+' (about 1 run in 15 with a bare '(exit 3) &').
gone() { while kill -0 $! 2>/dev/null; do :; done; }

(sleep 0.05; exit 3) &
gone
jobs
jobs
echo "listed once"

(sleep 0.05; exit 4) &
gone
/bin/true
jobs
echo "kept past a foreground job"

(sleep 0.05; exit 5) &
gone
wait
jobs
echo "kept past a wait that began after it"

(sleep 0.05; exit 6) &
gone
echo "$(jobs)"
jobs
echo "a copy lists it too"

set -m
(sleep 0.05; exit 7) &
gone
/bin/true
echo "no announcement under set -m"
jobs
set +m

sleep 0.2 &
wait
jobs
echo "collected by the wait it ran in"
