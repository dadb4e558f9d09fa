#!/bin/sh
# crash.sh: the store survives what a laptop does to it.
# 1. SIGKILL at random moments while `--batch` writes (CRASH_RUNS times, default 200):
#    every line acknowledged with "ok" is in the database afterwards, with its text,
#    and PRAGMA integrity_check says ok.
#    The next open derives the search index and report counts the killed consoles left.
# 2. Two batch processes write 2,000 lines each to one session at the same time:
#    all 4,000 are stored, none refused for being busy, all searchable.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
runs=${CRASH_RUNS:-200}
tmp=${TEST_TMP:-/tmp}/crash.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
db="$tmp/k.db"
check() { name=$1; shift; if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi; }

"$KLANKBORD" run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml" --db "$db" --batch /dev/null 2>/dev/null
session=$("$KLANKBORD" list --db "$db" --json | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1)
check "a session to crash into" [ -n "$session" ]

: >"$tmp/expected"
r=1
while [ "$r" -le "$runs" ]; do
	awk -v r="$r" 'BEGIN { for (l = 1; l <= 300; l++) printf "E0%d: crash run %d line %d #language\n", l % 4 + 1, r, l }' >"$tmp/in"
	"$KLANKBORD" resume "$session" --db "$db" --batch "$tmp/in" >"$tmp/ack" 2>"$tmp/err" &
	pid=$!
	sleep "$(awk -v r="$r" 'BEGIN { srand(r); printf "%.3f", rand() * 0.25 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# the k-th acknowledgement is the k-th line: every line of the input is valid
	acked=$(grep -c '^ok [0-9]*$' "$tmp/ack")
	awk -v r="$r" -v n="$acked" 'BEGIN { for (l = 1; l <= n; l++) printf "crash run %d line %d\n", r, l }' >>"$tmp/expected"
	grep '^ok ' "$tmp/ack" | cut -d' ' -f2 >>"$tmp/acked-seqs"
	r=$((r + 1))
done
total=$(wc -l <"$tmp/expected")
echo "# $runs runs killed at random moments; $total lines acknowledged in all"
check "some runs were killed mid-write (acknowledged lines > 0)" [ "$total" -gt 0 ]
check "integrity_check is ok after $runs kills" [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]
"$KLANKBORD" export "$session" --db "$db" >"$tmp/export.json" 2>"$tmp/err"
check "the database opens and exports after the kills" [ $? -eq 0 ]
grep -o '"text":"crash run [0-9]* line [0-9]*"' "$tmp/export.json" | sed 's/"text":"\(.*\)"/\1/' | sort >"$tmp/stored"
sort "$tmp/expected" >"$tmp/expected.sorted"
missing=$(comm -23 "$tmp/expected.sorted" "$tmp/stored" | wc -l)
check "every acknowledged line is stored with its text ($total acknowledged, $missing missing)" [ "$missing" -eq 0 ]
grep -o '"seq":[0-9]*' "$tmp/export.json" | cut -d: -f2 | sort -u >"$tmp/seqs"
sort -u "$tmp/acked-seqs" >"$tmp/acked.sorted"
check "every acknowledged seq is in the event log" [ "$(comm -23 "$tmp/acked.sorted" "$tmp/seqs" | wc -l)" -eq 0 ]
# A killed console leaves its last lines' search index and report counts underived; the
# next open (the export above) derives them from the events. A line can be committed
# and killed before its "ok" is read, so the count is of the stored lines.
stored=$(sort -u "$tmp/stored" | wc -l)
"$KLANKBORD" report --db "$db" --json >"$tmp/report.json" 2>"$tmp/err"
check "the report counts every stored line after the kills ($stored)" \
	grep -q "{\"code\":\"language\",\"label\":\"Language and communication\",\"group\":\"Facilitators\",\"total\":$stored,\"per_session\":\[$stored\],\"kinds\":{[^}]*\"note\":$stored}" "$tmp/report.json"
found=$(sqlite3 "$db" "SELECT count(*) FROM search_index WHERE search_index MATCH 'text : \"crash run\"'")
check "search finds every stored line after the kills ($found of $stored)" [ "$found" -eq "$stored" ]

# Two writers at once on one session.
for who in a b; do
	awk -v w="$who" 'BEGIN { for (l = 1; l <= 2000; l++) printf "E0%d: writer %s line %d\n", l % 4 + 1, w, l }' >"$tmp/in.$who"
done
"$KLANKBORD" resume "$session" --db "$db" --console writer-a --batch "$tmp/in.a" >"$tmp/ack.a" 2>"$tmp/err.a" &
pa=$!
"$KLANKBORD" resume "$session" --db "$db" --console writer-b --batch "$tmp/in.b" >"$tmp/ack.b" 2>"$tmp/err.b" &
pb=$!
wait "$pa"; ra=$?
wait "$pb"; rb=$?
check "two writers: both exit 0" [ "$ra" -eq 0 -a "$rb" -eq 0 ]
na=$(grep -c '^ok ' "$tmp/ack.a")
nb=$(grep -c '^ok ' "$tmp/ack.b")
check "two writers: 2,000 acknowledgements each ($na, $nb)" [ "$na" -eq 2000 -a "$nb" -eq 2000 ]
check "two writers: nothing refused (no busy errors)" [ ! -s "$tmp/err.a" -a ! -s "$tmp/err.b" ]
"$KLANKBORD" export "$session" --db "$db" >"$tmp/export.json"
stored=$(grep -o '"text":"writer [ab] line [0-9]*"' "$tmp/export.json" | sort -u | wc -l)
check "two writers: all 4,000 lines stored ($stored)" [ "$stored" -eq 4000 ]
check "integrity_check is ok after the two writers" [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]
found=$(sqlite3 "$db" "SELECT count(*) FROM search_index WHERE search_index MATCH 'text : writer'")
check "two writers: each derived its own lines for search before it stopped ($found)" [ "$found" -eq 4000 ]
