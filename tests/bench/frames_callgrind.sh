#!/bin/sh
# frames_callgrind.sh: the instructions of the console's frames (bench_frames.c) under
# callgrind, counted around the frames alone, for each kind: PgUp/PgDn, F3/F2, Enter,
# and the commits of F3/F2 and Enter without the console.
#
#   tests/bench/frames_callgrind.sh [OUT-DIR] [BENCH-DIR]
#
# Each kind runs on a fresh copy of the history make bench generates (F3/F2 and Enter
# write to it). BENCH-DIR (default build/bench) holds the bench_frames to measure, so
# that another build's can be counted on the same history. Writes OUT-DIR/KIND.out
# (callgrind_annotate --inclusive=yes OUT-DIR/KIND.out reads one) and prints, per kind,
# the instructions per frame.
set -eu
cd "$(dirname "$0")/../.." || exit 2
out=${1:-build/frames} bin=${2:-build/bench}
db=build/bench/history-10000-1000000-2000.db
[ -s "$db" ] || { echo "frames_callgrind.sh: $db is missing: run make bench once" >&2; exit 2; }
[ -x "$bin/bench_frames" ] || { echo "frames_callgrind.sh: $bin/bench_frames is missing" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "frames_callgrind.sh: valgrind is missing" >&2; exit 2; }
mkdir -p "$out"
copy=$out/history.db
trap 'rm -f "$copy" "$copy-wal" "$copy-shm" "$copy-consoles"' EXIT INT TERM
for spec in scroll:200 item:40 enter:20 commit-item:40 commit-enter:20; do
	kind=${spec%:*} n=${spec#*:}
	rm -f "$copy-wal" "$copy-shm"
	cp "$db" "$copy"
	valgrind --tool=callgrind --collect-atstart=no --toggle-collect=bench_frame \
		--callgrind-out-file="$out/$kind.out" "$bin/bench_frames" "$copy" "$(cat "$db.long")" "$kind" "$n" \
		>/dev/null 2>"$out/$kind.err"
	total=$(sed -n 's/^summary: //p' "$out/$kind.out")
	echo "$kind $n frames: $((total / n)) instructions per frame"
done
