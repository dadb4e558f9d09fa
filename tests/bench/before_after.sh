#!/bin/sh
# before_after.sh: the commands of issue 11's targets through another build and this one,
# each on its own copy of the same history, alternating run by run (bench_spawn
# --against: the ratio is the median of each run's ratio), so both see the same load
# (docs/benchmarks.md, "Issue 11's last margins").
#
#   tests/bench/before_after.sh OLD-KLANKBORD OLD-DB [NEW-DB]
#
# OLD-DB is a copy of the history NEW-DB (default: the one make bench generates) was
# before this build migrated it; the older build cannot open a newer schema. Prints
# bench_spawn's lines: NAME (this build), NAME_old, NAME_ratio. RUNS (11) and SLOW (5, the
# reports over everything) set the runs.
set -eu
cd "$(dirname "$0")/../.." || exit 2
[ $# -ge 2 ] || { echo "usage: tests/bench/before_after.sh OLD-KLANKBORD OLD-DB [NEW-DB]" >&2; exit 2; }
old=$1 odb=$2 db=${3:-build/bench/history-10000-1000000-2000.db}
B=build/bench
runs=${RUNS:-11} slow=${SLOW:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/before-after.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
pair() { # pair NAME RUNS ARGS...
	name=$1 n=$2
	shift 2
	"$B/bench_spawn" "$name" "$n" ./klankbord "$@" --db "$db" --against "${name}_old" "$old" "$@" --db "$odb"
}
pair cmd_word_dates "$runs" search lessons --from 2024-01-01 --to 2024-12-31
pair cmd_list_dates "$runs" search --from 2024-01-01 --to 2024-12-31
pair cmd_word_org_kind_year "$runs" search lessons --organisation nijmegen --kind quote --from 2016-01-01 --to 2016-12-31
pair cmd_list_org_kind_year "$runs" search --organisation nijmegen --kind quote --from 2016-01-01 --to 2016-12-31
pair cmd_word_org "$runs" search lessons --organisation nijmegen
pair cmd_report_org "$runs" report --format html --organisation nijmegen
pair cmd_report_org_json "$runs" report --format json --organisation nijmegen
pair cmd_report_all "$slow" report --format html -o "$work/all.html"
pair cmd_report_all_json "$slow" report --format json -o "$work/all.json"
if command -v sqlite3 >/dev/null; then "$B/bench_spawn" sqlite_select "$runs" "$(command -v sqlite3)" "$db" "select 1"; fi
