#!/bin/sh
# bench-daemon.sh - soak `crier daemon` against N feeds served on loopback.
#
# Generates a corpus with the shared bench's gen_corpus.py (into /tmp),
# serves a copy of it with its serve.sh (a private nginx on 127.0.0.1),
# starts `crier daemon` on it with a short interval and, every few
# seconds, samples the daemon's memory (VmRSS, VmHWM), open file
# descriptors and CPU time from /proc.  After each round (read from the
# daemon's log) a fraction of the feeds gains a new item, so the next
# round finds them changed (new ETag and Last-Modified) and the rest
# answering 304.  At the end the daemon gets SIGTERM and a table per
# round is printed; the samples are kept as TSV.  Not part of `make
# check`: the default run takes 30 minutes and about 2 GB in /tmp.
#
#   contrib/bench-daemon.sh [-n FEEDS] [-t DURATION] [-i INTERVAL]
#       [-j JOBS] [-H PER-HOST] [-u FRACTION] [-m ITEMS] [-p PORT]
#       [-s SECONDS] [-o DIR] [-C CORPUS]
#
# CRIER names the crier binary (default: crier in PATH); CRIER_BENCH the
# shared bench directory (default: ../shared/bench next to this source
# tree).  Everything it sends goes to 127.0.0.1.
set -eu

usage() {
	cat >&2 <<EOF
usage: bench-daemon.sh [options]
  -n FEEDS     feeds in the corpus (10000)
  -t DURATION  how long the daemon runs: 90s, 30m, 1h (30m)
  -i INTERVAL  the feeds' poll interval (5m)
  -j JOBS      the daemon's --jobs (16)
  -H PER-HOST  transfers to one host at once (the jobs: every feed is on
               127.0.0.1; crier's default of 2 is for real, spread hosts)
  -u FRACTION  feeds changed after each round (0.05)
  -m ITEMS     items per feed in the corpus (25)
  -p PORT      loopback port for nginx (18190)
  -s SECONDS   sampling period (2)
  -o DIR       work directory: database, log, samples (/tmp/crier-soak-FEEDS)
  -C CORPUS    corpus directory, made when missing (/tmp/crier-soak-corpus-FEEDS-ITEMS-PORT)
environment: CRIER (crier binary), CRIER_BENCH (../shared/bench)
EOF
	exit 2
}

# 90 / 90s / 5m / 1h -> seconds
secs() {
	case "$1" in
	*[!0-9smh]*|'') echo "bench-daemon.sh: bad duration '$1'" >&2; exit 2 ;;
	*h) echo $((${1%h} * 3600)) ;;
	*m) echo $((${1%m} * 60)) ;;
	*s) echo "${1%s}" ;;
	*) echo "$1" ;;
	esac
}

here=$(cd "$(dirname "$0")" && pwd)
feeds=10000 duration=30m interval=5m jobs=16 perhost= frac=0.05 items=25
port=18190 period=2 out= corpus=
while getopts n:t:i:j:H:u:m:p:s:o:C:h opt; do
	case "$opt" in
	n) feeds=$OPTARG ;;
	t) duration=$OPTARG ;;
	i) interval=$OPTARG ;;
	j) jobs=$OPTARG ;;
	H) perhost=$OPTARG ;;
	u) frac=$OPTARG ;;
	m) items=$OPTARG ;;
	p) port=$OPTARG ;;
	s) period=$OPTARG ;;
	o) out=$OPTARG ;;
	C) corpus=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage
dur_s=$(secs "$duration")
int_s=$(secs "$interval")
: "${perhost:=$jobs}"
: "${out:=/tmp/crier-soak-$feeds}"
: "${corpus:=/tmp/crier-soak-corpus-$feeds-$items-$port}"
crier=${CRIER:-crier}
bench=${CRIER_BENCH:-$here/../../shared/bench}
case "$crier" in */*) crier=$(cd "$(dirname "$crier")" && pwd)/$(basename "$crier") ;; esac

for f in gen_corpus.py serve.sh; do
	[ -r "$bench/$f" ] || { echo "bench-daemon.sh: $bench/$f: not found (set CRIER_BENCH)" >&2; exit 2; }
done
command -v python3 >/dev/null 2>&1 || { echo "bench-daemon.sh: python3 is needed" >&2; exit 2; }
"$crier" --version >/dev/null 2>&1 || { echo "bench-daemon.sh: $crier: cannot run (set CRIER)" >&2; exit 2; }

log() { printf '%s bench: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# the corpus: generation 1 of gen_corpus.py, made once and reused
if [ ! -s "$corpus/files.txt" ]; then
	log "generating $feeds feeds x $items items into $corpus"
	python3 "$bench/gen_corpus.py" -o "$corpus" -n "$feeds" -m "$items" \
	    --port "$port" -q
fi

# what nginx serves: hard links to the corpus; a changed feed is written
# beside and renamed over its link, so the corpus stays as generated
rm -rf "$out"
mkdir -p "$out"
www=$out/www
cp -al "$corpus/gen1" "$www"

# the corpus's feeds.conf with this run's [crier] section
{
	printf '[crier]\n    interval = %ss\n    max-interval = %ss\n' "$int_s" "$int_s"
	printf '    jobs = %s\n    per-host = %s\n    timeout = 30s\n' "$jobs" "$perhost"
	printf '    user-agent = crier-soak/1.0\n\n'
	awk 'skip && /^$/ { skip = 0; next } /^\[crier\]/ { skip = 1 } !skip' \
	    "$corpus/feeds.conf"
} > "$out/feeds.conf"

# the feeds a round changes: each gains one item at the top, with the
# current date; its .gz sibling (nginx gzip_static) is rewritten too
cat > "$out/mutate.py" <<'EOF'
import gzip, os, random, sys, time
from html import escape
www, files, rnd, frac, port = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
paths = [l.strip() for l in open(files) if l.strip()]
rng = random.Random("soak:%d" % rnd)
pick = rng.sample(paths, max(1, int(round(frac * len(paths)))))
now = time.time()
rfc822 = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(now))
rfc3339 = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
words = "soak round daemon feed community call report network privacy".split()
def body(r):
    return "".join("<p>%s</p>" % " ".join(r.choice(words) for _ in range(40)) for _ in range(6))
def put(path, data):
    tmp = path + ".soak"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.rename(tmp, path)
for i, rel in enumerate(pick):
    p = os.path.join(www, rel)
    doc = open(p, "rb").read().decode("utf-8")
    guid = "soak-%d-%d" % (rnd, i)
    link = "http://127.0.0.1:%s/soak/%d/%d" % (port, rnd, i)
    title = "Soak round %d, item %d" % (rnd, i)
    html = escape(body(rng))
    if "<entry" in doc:
        at = doc.find("<entry")
        new = ('<entry><title>%s</title><id>urn:%s</id><link href="%s"/>'
               '<updated>%s</updated><content type="html">%s</content></entry>\n'
               % (title, guid, link, rfc3339, html))
    elif "<rdf:RDF" in doc or "<rdf:rdf" in doc.lower():
        at = doc.find("<item ")
        new = ('<item rdf:about="%s"><title>%s</title><link>%s</link>'
               '<description>%s</description></item>\n' % (link, title, link, html))
    else:
        at = doc.find("<item>")
        new = ('<item><title>%s</title><link>%s</link><guid isPermaLink="false">%s</guid>'
               '<pubDate>%s</pubDate><description>%s</description></item>\n'
               % (title, link, guid, rfc822, html))
    if at < 0:
        continue
    data = (doc[:at] + new + doc[at:]).encode("utf-8")
    put(p, data)
    if os.path.exists(p + ".gz"):
        put(p + ".gz", gzip.compress(data, 1))
print(len(pick))
EOF

# the per-round table, from the daemon's log and the samples
cat > "$out/summary.py" <<'EOF'
import datetime, re, sys
logf, tsv, hz, int_s = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def ts(line):
    try:
        return datetime.datetime.strptime(line.split(" ", 1)[0], "%Y-%m-%dT%H:%M:%S%z").timestamp()
    except ValueError:
        return None
end_re = re.compile(r"(\d+) feeds polled: (\d+) stored, (\d+) not modified, (\d+) failed; (\d+) new items, (\d+) updated")
# a round starts at its "round:" line (-vv), else at its first feed's
start_re = re.compile(r"debug: crier: round: ")
feed_re = re.compile(r": crier: \S+: (\d+, \d+ items|not modified)")
rounds, start = [], None
for line in open(logf, errors="replace"):
    t = ts(line)
    if t is None:
        continue
    if start_re.search(line):
        start = t
    elif start is None and feed_re.search(line):
        start = t
    m = end_re.search(line)
    if m:
        rounds.append({"start": start if start is not None else t, "end": t,
                       "n": [int(x) for x in m.groups()]})
        start = None
S = []
for line in open(tsv):
    if line.startswith("t\t"):
        continue
    f = line.split("\t")
    S.append((float(f[0]), int(f[1]), int(f[2]), int(f[3]), int(f[4])))
if not S:
    sys.exit("no samples")
def within(a, b):
    return [s for s in S if a <= s[0] <= b]
def cpu_at(t):
    # ticks of the last sample at or before t (the first one if none)
    best = S[0]
    for s in S:
        if s[0] <= t:
            best = s
    return best[4]
print("| round | start | secs | due | stored | 304 | failed | new items | updated | peak RSS MiB | RSS MiB after | fds min-max | CPU s in round | CPU s after, to next round |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for i, r in enumerate(rounds):
    a, b = r["start"], r["end"] + 1   # log stamps have whole seconds
    nxt = rounds[i + 1]["start"] if i + 1 < len(rounds) else S[-1][0]
    ss = within(a - 1, b) or [min(S, key=lambda s: abs(s[0] - b))]
    rss = max(s[1] for s in ss) / 1024.0
    fds = [s[3] for s in ss]
    cin = (cpu_at(b) - cpu_at(a - 1)) / float(hz)
    between = within(b + 1, nxt - 1)
    cbet = ((between[-1][4] - between[0][4]) / float(hz)) if len(between) > 1 else float("nan")
    gap = (between[-1][0] - between[0][0]) if len(between) > 1 else 0
    n = r["n"]
    idle = ("%.1f" % (between[-1][1] / 1024.0)) if between else "-"
    print("| %d | %s | %d | %d | %d | %d | %d | %d | %d | %.1f | %s | %d-%d | %.1f | %.2f over %d s |" % (
        i + 1, datetime.datetime.utcfromtimestamp(a).strftime("%H:%M:%S"),
        r["end"] - r["start"] + 1, n[0], n[1], n[2], n[3], n[4], n[5], rss,
        idle, min(fds), max(fds), cin, cbet, gap))
print()
print("whole run: %d samples over %d s; VmHWM %d kB; VmRSS %d-%d kB; fds %d-%d; CPU %.1f s" % (
    len(S), S[-1][0] - S[0][0], max(s[2] for s in S),
    min(s[1] for s in S), max(s[1] for s in S),
    min(s[3] for s in S), max(s[3] for s in S), (S[-1][4] - S[0][4]) / float(hz)))
late = [r for r in rounds[1:] if r["end"] - r["start"] + 1 > int_s]
print("rounds past the interval (%d s): %d of %d (the first, cold, not counted)" % (int_s, len(late), max(0, len(rounds) - 1)))
EOF

nginx_state=$out/nginx
daemon=
cleanup() {
	if [ -n "$daemon" ] && kill -0 "$daemon" 2>/dev/null; then
		kill -TERM "$daemon" 2>/dev/null || :
		wait "$daemon" 2>/dev/null || :
	fi
	"$bench/serve.sh" stop "$port" "$nginx_state" 2>/dev/null || :
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$bench/serve.sh" start "$www" "$port" "$nginx_state"

hz=$(getconf CLK_TCK)
log "daemon: $feeds feeds, interval ${int_s}s, jobs $jobs, per-host $perhost, for ${dur_s}s; work in $out"
TZ=UTC LC_ALL=C "$crier" -c "$out/feeds.conf" -d "$out/crier.db" -vv daemon \
    --jobs "$jobs" 2> "$out/daemon.log" &
daemon=$!

# samples: time (epoch s), VmRSS kB, VmHWM kB, fds, utime+stime ticks
printf 't\trss_kb\thwm_kb\tfds\tcpu_ticks\tthreads\n' > "$out/samples.tsv"
t0=$(date +%s)
seen=0
while :; do
	now=$(date +%s.%N)
	[ -r "/proc/$daemon/status" ] || { log "the daemon is gone, see $out/daemon.log"; break; }
	st=$(awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } /^Threads:/ { th = $2 }
	    END { print r, h, th }' "/proc/$daemon/status" 2>/dev/null) || break
	nfd=$(ls "/proc/$daemon/fd" 2>/dev/null | wc -l)
	cpu=$(awk '{ print $14 + $15 }' "/proc/$daemon/stat" 2>/dev/null) || break
	set -- $st
	[ $# -eq 3 ] || break
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$now" "$1" "$2" "$nfd" "$cpu" "$3" \
	    >> "$out/samples.tsv"
	# a round ended: change some feeds for the next one
	ends=$(grep -c ' feeds polled: ' "$out/daemon.log" || :)
	if [ "$ends" -gt "$seen" ]; then
		seen=$ends
		log "round $seen: $(grep ' feeds polled: ' "$out/daemon.log" | tail -1 | sed 's/.*crier: //')"
		n=$(python3 "$out/mutate.py" "$www" "$corpus/files.txt" "$seen" "$frac" "$port")
		log "changed $n feeds for round $((seen + 1))"
	fi
	[ $(($(date +%s) - t0)) -lt "$dur_s" ] || break
	sleep "$period"
done

if kill -0 "$daemon" 2>/dev/null; then
	ts=$(date +%s.%N)
	kill -TERM "$daemon"
	wait "$daemon" && rc=0 || rc=$?
	log "SIGTERM: exit $rc after $(awk -v a="$ts" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
fi
daemon=
"$bench/serve.sh" stop "$port" "$nginx_state" 2>/dev/null || :

echo
echo "crier daemon soak: $feeds feeds x $items items, interval ${int_s}s, jobs $jobs, per-host $perhost, ${frac} changed per round, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 "$out/summary.py" "$out/daemon.log" "$out/samples.tsv" "$hz" "$int_s" | tee "$out/summary.md"
echo
echo "samples: $out/samples.tsv; log: $out/daemon.log; database: $out/crier.db"
