#!/bin/sh
# against.sh OTHER: this build's benchmarks beside another build's, in one run, to show
# what a change costs (docs/benchmarks.md). OTHER is the folder of another checkout built
# with `make klankbord bench-build CFLAGS='-O2 -DNDEBUG'` (for example a worktree of the
# commit before the change). Generates its own history with the other build's generator
# (once; 1 GB at full size) and gives each build a copy.
#
# Processes (start-up, agenda check) run through bench_spawn --against, alternating run by
# run; the in-process benchmarks (capture, keystrokes, search and report) run ROUNDS times
# each, alternating program by program. Prints, per figure, this build's median, the other's,
# and their ratio (this / other: above 1 is slower for times, faster for capture_rate).
set -eu
cd "$(dirname "$0")/../.." || exit 2
other=${1:?usage: tests/bench/against.sh OTHER-CHECKOUT}
B=build/bench
O=$other/build/bench
ROUNDS=${BENCH_ROUNDS:-5}
RUNS=${BENCH_RUNS:-21}
SESSIONS=${BENCH_SESSIONS:-10000} CONTRIBUTIONS=${BENCH_CONTRIBUTIONS:-1000000} LOG=${BENCH_LOG:-2000}
for p in "$B/bench_startup" "$O/bench_startup" "$O/bench_keys" "$O/bench_query" "$O/bench_capture" "$O/bench_gen" \
	"$other/klankbord"; do
	[ -x "$p" ] || { echo "against.sh: $p is missing" >&2; exit 2; }
done
work=$B/against
rm -rf "$work"
mkdir -p "$work"
# One history for both, written by the other build's generator (a newer build migrates a
# database forward, and an older one refuses it then): kept between runs; each build
# gets its own copy, and this build's is migrated once before anything is timed.
base=$B/against-history-$SESSIONS-$CONTRIBUTIONS-$LOG.db
if [ ! -s "$base" ] || [ ! -s "$base.long" ]; then
	echo "generating $base with the other build's generator..." >&2
	rm -f "$base" "$base.long"
	"$O/bench_gen" db "$base.tmp" "$SESSIONS" "$CONTRIBUTIONS" "$LOG" >"$base.long"
	mv "$base.tmp" "$base"
	rm -f "$base.tmp-wal" "$base.tmp-shm"
fi
long=$(cat "$base.long")
db=$work/this.db odb=$work/other.db
cp "$base" "$db"
cp "$base" "$odb"
"$B/bench_startup" "$db" auto >/dev/null
"$B/bench_gen" lines "$work/lines.txt" "${BENCH_LINES:-2000}"
new=$work/new.txt old=$work/old.txt
: >"$new"
: >"$old"

"$B/bench_spawn" startup "$RUNS" "$B/bench_startup" "$db" auto --against startup "$O/bench_startup" "$odb" auto \
	>"$work/startup.txt"
"$B/bench_spawn" startup_long "$RUNS" "$B/bench_startup" "$db" auto "$long" \
	--against startup_long "$O/bench_startup" "$odb" auto "$long" >"$work/startup_long.txt"
"$B/bench_spawn" agenda_real "$RUNS" ./klankbord check examples/expert-pool-en.yaml \
	--against agenda_real "$other/klankbord" check examples/expert-pool-en.yaml >"$work/agenda.txt"
i=0
while [ "$i" -lt "$ROUNDS" ]; do
	for side in new old; do
		if [ "$side" = new ]; then dir=$B bin=./klankbord out=$new h=$db; else dir=$O bin=$other/klankbord out=$old h=$odb; fi
		rm -f "$work/capture.db" "$work/capture.db-wal" "$work/capture.db-shm"
		"$dir/bench_capture" "$bin" examples/expert-pool-en.yaml "$work/capture.db" "$work/lines.txt" >>"$out"
		"$dir/bench_keys" "$h" "$long" "${BENCH_KEYS:-10000}" 10 >>"$out"
		"$dir/bench_query" "$h" 11 >>"$out"
	done
	i=$((i + 1))
done

median() { # median NAME FILE: the median of every value NAME took in FILE
	awk -v k="$1" '$1 == k { print $2 }' "$2" | sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print ""; exit }
		print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
row() { # row NAME NEW OLD [PAIRED-RATIO]
	awk -v n="$1" -v a="$2" -v b="$3" -v p="${4:-}" 'BEGIN {
		r = p != "" ? p : (b + 0 > 0 ? a / b : 0)
		printf "%-16s %10.4g %10.4g %7.2fx%s\n", n, a, b, r, p != "" ? "  (paired)" : "" }'
}
get() { awk -v k="$1" '$1 == k { v = $2 } END { print v }' "$2"; }
printf '%-16s %10s %10s %8s\n' benchmark this other ratio
for f in startup startup_long agenda_real; do
	file=$work/$f.txt
	[ "$f" = agenda_real ] && file=$work/agenda.txt
	awk -v k="$f" '$1 == k { n++; v[n] = $2 } END { print v[1], v[2] }' "$file" | {
		read -r a b
		row "$f" "$a" "$b" "$(get "${f}_ratio" "$file")"
	}
done
for k in capture_rate capture_p50 capture_p99 capture_max key_p50 key_p99 key_scroll_p50 item_cpu_p50 \
	search_rare search_common search_phrase report_org report_year report_all; do
	row "$k" "$(median "$k" "$new")" "$(median "$k" "$old")"
done
