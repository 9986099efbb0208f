#!/usr/bin/env bash
# tests/bench/compare.sh: compare gosh with bash and dash on this machine, in
# one run, with plain `time` loops (no hyperfine needed), and print a table
# for the README. Shells that are not installed are left out.
#
#   tests/bench/compare.sh            # defaults below
#   RUNS_STARTUP=500 RUNS_SCRIPT=20 tests/bench/compare.sh
#
# Rows:
#   startup        SHELL -c true, per run
#   -c program     SHELL -c /bin/true, per run: the shell execs its text's
#                  last command in its own place (bash, and gosh since its
#                  tail exec) or forks it (dash)
#   1000 commands  a script of 1,000 lines of /bin/true, per script
#   1000 substs    a script of 1,000 lines of x=$(echo hi), per script (a copy
#                  of the shell in gosh, a fork in bash and dash)
#   while 100k     a while loop of 100,000 passes with [ and $(( )), per run
#   20k calls      20,000 calls of a shell function, per run
#   500 ( true )   500 "( /bin/true )" in a script, per run
#                  These four rows run the shells in turn (gosh, bash, dash,
#                  gosh, ...), RUNS_LANG times, and give the median wall time
#                  and the median CPU time (user+sys) of one run, "wall / cpu":
#                  on a shared machine the load changes from one moment to the
#                  next, and the CPU time is the steadier figure.
#   job cycle      start a job, Ctrl+Z, prompt, fg, job ends: per cycle, in a
#                  pty (from `go test -bench BenchmarkJobCycleInterleaved`,
#                  300 cycles of each shell, taken in turn)
#   startup turns  SHELL -c true, the median of 500 runs of each shell taken
#                  in turn (BenchmarkStartupTrueInterleaved), and gosh's
#                  ratio to bash: the issue 9 target is 1.0
#   bg alone       `true && true &` at an interactive prompt (a child gosh in
#                  gosh, a fork in bash): Enter until the prompt is back, the
#                  job waited for before the next line, so nothing else of
#                  the shell's runs meanwhile (what a person sees)
#   bg pile        the same line written whole, as a program driving the pty
#                  sends it, 50 in a row without waiting: each start shares
#                  the cores with the lists before it (throughput)
#                  Both from BenchmarkBackgroundListInterleaved, 500 of each
#                  shell in turn, medians, with gosh's ratio to bash: the
#                  issue 9 target is 1.5
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
RUNS_STARTUP=${RUNS_STARTUP:-200}
RUNS_SCRIPT=${RUNS_SCRIPT:-10}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A plain go build, as users build gosh: it is static (README, "Why static").
go build -o "$work/gosh.built" ./cmd/gosh
# Measured as a copy, written with write(2) as bash and dash were installed:
# the Go linker writes its output through a memory mapping, which leaves it
# in the page cache in 4 KiB pages, and every exec of such a file costs
# about 0.2 ms more here (Linux 6.18, ext4) until the pages are dropped.
cp "$work/gosh.built" "$work/gosh"
for _ in $(seq 1000); do echo /bin/true; done >"$work/thousand.sh"
for _ in $(seq 1000); do echo 'x=$(echo hi)'; done >"$work/substs.sh"
echo 'i=0; while [ $i -lt 100000 ]; do i=$((i + 1)); done' >"$work/while.sh"
echo 'f() { x=$1; }; i=0; while [ $i -lt 20000 ]; do f $i; i=$((i + 1)); done' >"$work/calls.sh"
for _ in $(seq 500); do echo '( /bin/true )'; done >"$work/subshells.sh"
RUNS_LANG=${RUNS_LANG:-7}

shells=("$work/gosh")
names=(gosh)
for s in bash dash; do
	if p=$(command -v "$s"); then
		shells+=("$p")
		names+=("$s")
	fi
done

# run1 SHELL SCRIPT: one run's wall and CPU (user+sys) time, in seconds.
run1() {
	local TIMEFORMAT='%3R %3U %3S'
	{ time "$1" "$2" >/dev/null 2>&1; } 2>&1 | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
}

# median: the median of the numbers on standard input.
median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# seconds LOOP-BODY...: wall time of running the arguments, in seconds.
seconds() {
	local TIMEFORMAT=%R
	{ time "$@" >/dev/null 2>&1; } 2>&1
}

loop() { # loop N CMD ARGS...: run CMD N times
	local n=$1
	shift
	for ((i = 0; i < n; i++)); do "$@"; done
}

declare -A startup cprog script substs cycle while calls subshells
for i in "${!shells[@]}"; do
	sh=${shells[$i]} name=${names[$i]}
	loop 3 "$sh" -c true # warm up
	t=$(seconds loop "$RUNS_STARTUP" "$sh" -c true)
	startup[$name]=$(awk -v t="$t" -v n="$RUNS_STARTUP" 'BEGIN { printf "%.2f ms", t * 1000 / n }')
	t=$(seconds loop "$RUNS_STARTUP" "$sh" -c /bin/true)
	cprog[$name]=$(awk -v t="$t" -v n="$RUNS_STARTUP" 'BEGIN { printf "%.2f ms", t * 1000 / n }')
	t=$(seconds loop "$RUNS_SCRIPT" "$sh" "$work/thousand.sh")
	script[$name]=$(awk -v t="$t" -v n="$RUNS_SCRIPT" 'BEGIN { printf "%.0f ms", t * 1000 / n }')
done

# The rows of issue 9's and issue 10's targets: the shells in turn, run
# after run, so that each sees the same load.
for row in substs while calls subshells; do
	declare -A walls=() cpus=()
	for ((r = 0; r < RUNS_LANG; r++)); do
		for i in "${!shells[@]}"; do
			read -r w c < <(run1 "${shells[$i]}" "$work/$row.sh")
			walls[${names[$i]}]+="$w "
			cpus[${names[$i]}]+="$c "
		done
	done
	declare -n cell=$row
	for name in "${names[@]}"; do
		w=$(tr ' ' '\n' <<<"${walls[$name]}" | grep . | median)
		c=$(tr ' ' '\n' <<<"${cpus[$name]}" | grep . | median)
		cell[$name]=$(awk -v w="$w" -v c="$c" 'BEGIN { printf "%.0f / %.0f ms", w * 1000, c * 1000 }')
	done
	unset -n cell
done

# The job cycle needs a terminal: take it from the Go benchmark, which
# runs gosh and bash side by side, one cycle of each in turn.
bench=$(go test -run '^$' -bench 'BenchmarkJobCycleInterleaved' -benchtime 300x ./tests 2>/dev/null || true)
for name in gosh bash; do
	cycle[$name]=$(awk -v n="$name" '$1 ~ "JobCycleInterleaved" { for (i = 1; i < NF; i++) if ($(i+1) == n "-ms/cycle") printf "%.2f ms", $i }' <<<"$bench")
done

# Start-up in turns, and a background list at the prompt (issue 9).
declare -A turns bgalone bgpile
bench=$(go test -run '^$' -bench 'StartupTrueInterleaved|BackgroundListInterleaved' -benchtime 500x ./tests 2>/dev/null || true)
metric() { # metric BENCH UNIT: the figure before UNIT on BENCH's line
	awk -v b="$1" -v u="$2" '$1 ~ b { for (i = 1; i < NF; i++) if ($(i+1) == u) printf "%.2f", $i }' <<<"$bench"
}
for name in bash dash; do
	turns[$name]="$(metric StartupTrueInterleaved "$name-ms/run") ms"
done
turns[gosh]="$(metric StartupTrueInterleaved gosh-copy-ms/run) ms ($(metric StartupTrueInterleaved gosh-copy/bash)x)"
for name in gosh bash; do
	bgalone[$name]="$(metric BackgroundListInterleaved "$name-alone-ms/list") ms"
	bgpile[$name]="$(metric BackgroundListInterleaved "$name-pile-ms/list") ms"
done
bgalone[gosh]+=" ($(metric BackgroundListInterleaved alone-gosh/bash)x)"
bgpile[gosh]+=" ($(metric BackgroundListInterleaved pile-gosh/bash)x)"

printf '%-16s' "" && printf '%-20s' "${names[@]}"
echo
printf '%-16s' "startup" && for n in "${names[@]}"; do printf '%-20s' "${startup[$n]}"; done && echo
printf '%-16s' "-c program" && for n in "${names[@]}"; do printf '%-20s' "${cprog[$n]}"; done && echo
printf '%-16s' "1000 commands" && for n in "${names[@]}"; do printf '%-20s' "${script[$n]}"; done && echo
printf '%-16s' "1000 substs" && for n in "${names[@]}"; do printf '%-20s' "${substs[$n]}"; done && echo
printf '%-16s' "while 100k" && for n in "${names[@]}"; do printf '%-20s' "${while[$n]}"; done && echo
printf '%-16s' "20k calls" && for n in "${names[@]}"; do printf '%-20s' "${calls[$n]}"; done && echo
printf '%-16s' "500 ( true )" && for n in "${names[@]}"; do printf '%-20s' "${subshells[$n]}"; done && echo
printf '%-16s' "job cycle" && for n in "${names[@]}"; do printf '%-20s' "${cycle[$n]:--}"; done && echo
printf '%-16s' "startup turns" && for n in "${names[@]}"; do printf '%-20s' "${turns[$n]:--}"; done && echo
printf '%-16s' "bg alone" && for n in "${names[@]}"; do printf '%-20s' "${bgalone[$n]:--}"; done && echo
printf '%-16s' "bg pile" && for n in "${names[@]}"; do printf '%-20s' "${bgpile[$n]:--}"; done && echo
echo
echo "($(uname -srm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); startup: $RUNS_STARTUP runs, 1000 commands: $RUNS_SCRIPT runs,"
echo " substs and language rows: median wall / median CPU of $RUNS_LANG runs in turn, job cycle: 300 cycles; startup turns and bg alone/pile: 500 of each)"
