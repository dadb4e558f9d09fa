#!/bin/sh
# keys_paired.sh: bench_keys of this build and of another, alternating on one copy of the
# history, the order swapped every round, so that both see the same load and the same
# session (each run adds its item changes and contributions to it): docs/benchmarks.md,
# "Issue 14's redraw, fourth round".
#
#   tests/bench/keys_paired.sh OTHER-BENCH-KEYS [ROUNDS]
#
# OTHER-BENCH-KEYS is another build's bench_keys (for example one linked against the
# archive of the commit before a change); ROUNDS (default 7) pairs are run. Prints, per
# figure, this build's median over the rounds, the other's, and the median of the rounds'
# ratios (this / other); key_floor_p50 is curses itself, measured in each run, so a round
# whose floors differ much was disturbed. THIS_KEYS names another bench_keys to take the
# place of this build's (build/bench/bench_keys).
set -eu
cd "$(dirname "$0")/../.." || exit 2
other=${1:?usage: tests/bench/keys_paired.sh OTHER-BENCH-KEYS [ROUNDS]}
rounds=${2:-7}
db=build/bench/history-10000-1000000-2000.db
[ -s "$db" ] || { echo "keys_paired.sh: $db is missing: run make bench once" >&2; exit 2; }
this=${THIS_KEYS:-build/bench/bench_keys}
for p in "$this" "$other"; do
	[ -x "$p" ] || { echo "keys_paired.sh: $p is missing" >&2; exit 2; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/keys-paired.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cp "$db" "$work/h.db"
sync # the copy written back before anything is timed
long=$(cat "$db.long")
run() { # run SIDE ROUND
	if [ "$1" = this ]; then bin=$this; else bin=$other; fi
	"$bin" "$work/h.db" "$long" "${BENCH_KEYS:-10000}" 10 | sed "s/^/$2 /" >>"$work/$1.txt"
}
: >"$work/this.txt"
: >"$work/other.txt"
i=0
while [ "$i" -lt "$rounds" ]; do
	if [ $((i % 2)) -eq 0 ]; then run this "$i"; run other "$i"; else run other "$i"; run this "$i"; fi
	i=$((i + 1))
done
printf '%-16s %10s %10s %8s\n' figure this other ratio
for k in key_p50 key_p99 key_scroll_p50 key_floor_p50 redraw_wide_p50 redraw_wide_changing_p50 key_scroll_ratio item_cpu_p50 item_next_cpu_p50 item_prev_cpu_p50 item_ratio item_record_cpu_p50 item_redraw_cpu_p50 item_redraw_ratio enter_cpu_p50 enter_ratio enter_record_cpu_p50 enter_redraw_cpu_p50 enter_redraw_ratio; do
	awk -v k="$k" 'FILENAME ~ /this/ && $2 == k { a[$1] = $3 } FILENAME ~ /other/ && $2 == k { b[$1] = $3 }
	function median(v, n,   i, j, t) {
		for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
		return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
	END {
		n = 0
		for (r in a) if (r in b && b[r] > 0) { n++; x[n] = a[r]; y[n] = b[r]; q[n] = a[r] / b[r] }
		if (n == 0) exit
		printf "%-16s %10.4f %10.4f %7.3fx\n", k, median(x, n), median(y, n), median(q, n) }' \
		"$work/this.txt" "$work/other.txt"
done
