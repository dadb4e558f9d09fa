#!/bin/sh
# same_results.sh: the same searches and reports through two builds, each on its own
# copy of one history, compared byte for byte (docs/benchmarks.md): a change that only
# makes them faster must not change what they print.
#
#   tests/bench/same_results.sh OLD-KLANKBORD OLD-DB NEW-KLANKBORD NEW-DB
#
# OLD-DB and NEW-DB hold the same history (a copy, the newer build's migrated forward).
# Runs `klankbord search --json` with every combination of the filters (code, kind,
# participant, item, session, organisation, one year; 128), each with a word, without a
# query, with a Chinese word through the trigram index and with one shorter than a
# trigram, plus each date bound alone; then `klankbord report` in json, html, md and csv
# over everything, one organisation, one year and one session. Standard output, standard
# error and the exit status of each must be equal. Prints one TAP line per command that
# differs and a summary; exits 1 when any differs.
set -u
[ $# -eq 4 ] || { echo "usage: tests/bench/same_results.sh OLD-KLANKBORD OLD-DB NEW-KLANKBORD NEW-DB" >&2; exit 2; }
old=$1 odb=$2 new=$3 ndb=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/same-results.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# A session of the organisation in the year below (so that every filter together can
# still match), the first of that organisation's in 2016.
session=$(sqlite3 "file:$ndb?mode=ro" "SELECT substr(id, 1, 8) FROM sessions WHERE organisation = 'Gemeente Nijmegen'
	AND date LIKE '2016%' ORDER BY date LIMIT 1")
[ -n "$session" ] || { echo "same_results.sh: no session of Gemeente Nijmegen in 2016 in $ndb" >&2; exit 2; }
filters="--code@language --kind@quote --participant@E03 --item@language --session@$session --organisation@nijmegen
--from@2016-01-01@--to@2016-12-31"
total=0 differ=0
compare() { # compare LABEL ARGS...: runs both builds with ARGS and --db, compares
	label=$1
	shift
	total=$((total + 1))
	"$old" "$@" --db "$odb" >"$work/old.out" 2>"$work/old.err"
	echo "$?" >>"$work/old.err"
	"$new" "$@" --db "$ndb" >"$work/new.out" 2>"$work/new.err"
	echo "$?" >>"$work/new.err"
	if cmp -s "$work/old.out" "$work/new.out" && cmp -s "$work/old.err" "$work/new.err"; then
		[ -n "${SAME_VERBOSE:-}" ] && echo "ok - $label ($(wc -c <"$work/new.out") bytes)"
	else
		differ=$((differ + 1))
		echo "not ok - $label"
	fi
	return 0
}
mask=0
while [ "$mask" -lt 128 ]; do
	args="" i=0
	for f in $filters; do
		[ $((mask >> i & 1)) -eq 1 ] && args="$args $(printf %s "$f" | tr @ ' ')"
		i=$((i + 1))
	done
	for q in lessons "" 荷兰语 邻居; do
		# shellcheck disable=SC2086 # the filters' words are separate arguments
		if [ -n "$q" ]; then compare "search $q$args" search "$q" $args --json
		else compare "search$args" search $args --json; fi
	done
	mask=$((mask + 1))
done
for bound in "--from 2025-06-01" "--to 2016-02-01" "--from 2024-01-01 --kind obstacle" "--to 2016-03-01 --code work"; do
	# shellcheck disable=SC2086
	compare "search lessons $bound" search lessons $bound --json
	# shellcheck disable=SC2086
	compare "search $bound" search $bound --json
done
for scope in "" "--organisation nijmegen" "--from 2024-01-01 --to 2024-12-31" "--session $session"; do
	for format in json html md csv; do
		# shellcheck disable=SC2086
		compare "report --format $format $scope" report --format "$format" $scope
	done
done
echo "# $total commands, $differ differ"
[ "$differ" -eq 0 ]
