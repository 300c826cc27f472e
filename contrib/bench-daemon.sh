#!/bin/sh
# contrib/bench-daemon.sh: a soak bench of `crier daemon` on loopback.
#
#   CRIER=path/to/crier contrib/bench-daemon.sh [-n FEEDS] [-m ITEMS]
#       [-t SECONDS] [-i INTERVAL] [-p PORT] [-o DIR]
#
# Generates N feeds with ../shared/bench/gen_corpus.py (BENCH=its
# directory, default /work/shared/bench), serves them from a private nginx
# on 127.0.0.1:PORT (its serve.sh), runs the daemon with `interval =
# INTERVAL` for SECONDS, and swaps the served tree between the corpus's two
# generations every INTERVAL, so a fifth of the feeds change each round.
# Every 2 s it samples the daemon's RSS, peak RSS, open descriptors and
# CPU time into DIR/samples.tsv; at the end it prints the peak RSS, the
# range of descriptors, the CPU spent while no round ran, and each round's
# duration (from the daemon's -v log).  Not part of `make check`: loopback
# only, but minutes long.
set -eu

nfeeds=10000 nitems=5 secs=300 interval=60 port=18090 out=
while getopts n:m:t:i:p:o:h opt; do
	case $opt in
	n) nfeeds=$OPTARG ;; m) nitems=$OPTARG ;; t) secs=$OPTARG ;;
	i) interval=$OPTARG ;; p) port=$OPTARG ;; o) out=$OPTARG ;;
	*) sed -n '2,17s/^# \{0,1\}//p' "$0"; exit 2 ;;
	esac
done
: "${CRIER:?set CRIER to the crier binary}"
: "${BENCH:=/work/shared/bench}"
: "${out:=/tmp/crier-daemon-bench-$nfeeds}"
[ -x "$BENCH/serve.sh" ] || { echo "no $BENCH/serve.sh" >&2; exit 1; }
mkdir -p "$out"
corpus=$out/corpus
state=$out/nginx
db=$out/crier.db

if [ ! -s "$corpus/feeds.conf" ]; then
	echo "generating $nfeeds feeds x $nitems items in $corpus" >&2
	python3 "$BENCH/gen_corpus.py" -o "$corpus" -n "$nfeeds" -m "$nitems" \
	    --update-fraction 0.2 --port "$port" -q
fi
# our interval; the rest of the generated [crier] section stays
sed "s/^\([[:space:]]*interval[[:space:]]*=\).*/\1 ${interval}s/" \
    "$corpus/feeds.conf" >"$out/feeds.conf"
ln -sfn gen1 "$corpus/www"
rm -f "$db" "$db"-wal "$db"-shm

daemon_pid=
cleanup() {
	[ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null && wait "$daemon_pid"
	"$BENCH/serve.sh" stop "$port" "$state" 2>/dev/null || true
	ln -sfn gen1 "$corpus/www"
}
trap cleanup EXIT INT TERM
"$BENCH/serve.sh" start "$corpus/www" "$port" "$state" 2>"$out/serve.log"

"$CRIER" -v -c "$out/feeds.conf" -d "$db" daemon 2>"$out/daemon.log" &
daemon_pid=$!
hz=$(getconf CLK_TCK)
start=$(date +%s)
gen=gen1 next_swap=$((start + interval))
printf 't\trss_kb\thwm_kb\tfds\tcpu_s\n' >"$out/samples.tsv"
while kill -0 "$daemon_pid" 2>/dev/null; do
	now=$(date +%s)
	[ $((now - start)) -ge "$secs" ] && break
	if [ "$now" -ge "$next_swap" ]; then
		gen=$([ $gen = gen1 ] && echo gen2 || echo gen1)
		ln -sfn "$gen" "$corpus/www.new" && mv -T "$corpus/www.new" "$corpus/www"
		next_swap=$((next_swap + interval))
	fi
	rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' /proc/$daemon_pid/status)
	hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' /proc/$daemon_pid/status)
	fds=$(ls /proc/$daemon_pid/fd | wc -l)
	cpu=$(awk -v hz="$hz" '{ printf "%.2f", ($14 + $15) / hz }' \
	    /proc/$daemon_pid/stat)
	printf '%s\t%s\t%s\t%s\t%s\n' $((now - start)) "$rss" "$hwm" "$fds" \
	    "$cpu" >>"$out/samples.tsv"
	sleep 2
done

echo "crier daemon, $nfeeds feeds x $nitems items, interval ${interval}s," \
    "${secs}s, $(nproc) CPUs"
awk -F '\t' 'NR > 1 {
	if ($3 > hwm) hwm = $3
	if (fmin == "" || $4 < fmin) fmin = $4
	if ($4 > fmax) fmax = $4
	if (NR > 2) { d = $5 - cpu; if (d < 0.05) { idle += d; nidle++ } }
	cpu = $5; last = $1; rss = $2
}
END {
	printf "peak RSS %.1f MB; RSS at the end %.1f MB\n", hwm / 1024, rss / 1024
	printf "open fds %d to %d\n", fmin, fmax
	printf "CPU %.1f s in %d s; %.2f s over %d idle 2-s samples\n", cpu, last, idle, nidle
}' "$out/samples.tsv"
# each round: from its first feed's line to its "N feeds polled" line
awk '
function secs(ts,	a, b) {
	split(ts, a, "T"); split(a[2], b, "[:+]")
	return b[1] * 3600 + b[2] * 60 + b[3]
}
/ info: crier: http/ { if (first == "") first = secs($1) }
/feeds polled/ {
	t = secs($1)
	sub(/^.*crier: /, "")
	printf "round of %3d s: %s\n", first == "" ? 0 : t - first, $0
	first = ""
}' "$out/daemon.log"
