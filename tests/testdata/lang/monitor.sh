#!/bin/bash
# process_monitor.sh, after the course material's: thresholds, a while
# loop with functions and case, reading fake samples instead of top,
# free and ps so that the output is the same on every machine.
CPU_THRESHOLD=80
MEM_THRESHOLD=80
ZOMBIE_THRESHOLD=3
LOGFILE=monitor.log
: >"$LOGFILE"

cat >samples <<'DATA'
12:00:00 35.5 40 0 0.50
12:01:00 91.2 45 1 1.20
12:02:00 20.0 85 5 12.30
12:03:00 88.8 90 4 3.00
DATA

alert() {
	local date=$1
	shift
	echo "$date ALERT: $*" >>"$LOGFILE"
}

over() {
	# over VALUE LIMIT: compares decimals with bc -l, as the original does.
	(( $(echo "$1 > $2" | bc -l) ))
}

level() {
	case $1 in
	[0-9] | [0-4][0-9]) echo low ;;
	[5-7][0-9]) echo medium ;;
	*) echo high ;;
	esac
}

checks=0
while read -r DATE CPU_USAGE MEM_USAGE ZOMBIE_COUNT LOAD_AVG; do
	checks=$((checks + 1))
	if over "$CPU_USAGE" "$CPU_THRESHOLD"; then
		alert "$DATE" "High CPU usage: ${CPU_USAGE}%"
	fi
	if over "$MEM_USAGE" "$MEM_THRESHOLD"; then
		alert "$DATE" "High memory usage: ${MEM_USAGE}%"
	fi
	if [ "$ZOMBIE_COUNT" -gt "$ZOMBIE_THRESHOLD" ]; then
		alert "$DATE" "Too many zombies: $ZOMBIE_COUNT"
	fi
	if over "$LOAD_AVG" 10.0; then
		alert "$DATE" "High load average: $LOAD_AVG"
	fi
	echo "$DATE cpu $(level "$(echo "$CPU_USAGE" | cut -d. -f1)") mem $(level "$MEM_USAGE")"
done <samples
echo "$checks checks, $(wc -l <"$LOGFILE") alerts:"
cat "$LOGFILE"

# my_daemon.sh, bounded: a while true loop that a counter ends.
n=0
while true; do
	n=$((n + 1))
	echo "tick $n: running..." >>daemon.log
	[ $n -ge 3 ] && break
done
cat daemon.log
