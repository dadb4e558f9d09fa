#!/bin/sh
# recs.sh: `klankbord recs` (docs/recommendations.md) as a consultant uses it.
#   register   both kinds of recommendation (/recommend and !recommendation) are listed,
#              open at first; an idea and a retracted recommendation are not
#   set        status changes with a note and who made it; history oldest first in
#              recs show and --json (parsed back with python3)
#   filters    --organisation (a part, case-insensitive, as report) and --status
#   bad input  an unknown status (64), an ambiguous prefix (64), an unknown prefix (66),
#              an unknown organisation (66), options that do not go with the command (64)
#   exports    a status changed after the session ended is in its export (json: status
#              and history; md and html: the last change) and in the report
#   hostile    a note with ESC sequences and a bidi override never reaches the terminal raw
#   erasure    erasing the session removes its register rows
# Prints one "ok - NAME" / "not ok - NAME" line per check.
# Environment: KLANKBORD (default build/asan/klankbord), SHARED (default ../shared), TEST_TMP.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
case $KLANKBORD in /*) ;; *) KLANKBORD=$(pwd)/$KLANKBORD ;; esac
case $SHARED in /*) ;; *) SHARED=$(pwd)/$SHARED ;; esac
tmp=${TEST_TMP:-/tmp}/recs.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
check() { name=$1; shift; if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi; }
db="$tmp/k.db"
k() { "$KLANKBORD" "$@" --db "$db"; }
py() { python3 -c "import json, sys; r = json.load(open(sys.argv[1])); $1" "$2"; }
status_is() { # status_is WANT COMMAND...: runs it, true when it exits WANT
	want=$1; shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	[ $? -eq "$want" ]
}
esc=$(printf '\033')

printf '%s\n' '/recommend Start language lessons within four weeks' \
	'E01: !recommendation a fixed contact person #links' 'E02: !idea a language café' \
	'E03: !recommendation taken back' '/undo' '/end' |
	"$KLANKBORD" run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml" --db "$db" --batch - >/dev/null 2>&1
check "a session with two recommendations" [ $? -eq 0 ]
k recs --json >"$tmp/list.json" 2>"$tmp/err"
check "recs --json: exit 0" [ $? -eq 0 ]
check "recs --json: both kinds, in order, all open, no history" \
	py 'sys.exit([(x["text"], x["source"], x["status"], x["history"]) for x in r] != [("Start language lessons within four weeks", "recommend", "open", []), ("a fixed contact person", "contribution", "open", [])])' "$tmp/list.json"
check "recs --json: id, session, organisation, date, item, text, status, history" \
	py 'sys.exit(not set(["id", "session", "organisation", "date", "item", "text", "status", "history"]) <= set(r[0]) or r[0]["organisation"] != "Municipality of Nijmegen" or r[0]["date"] != "2024-03-14" or r[0]["item"] != "welcome")' "$tmp/list.json"
rec=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$tmp/list.json")
other=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[1]["id"])' "$tmp/list.json")
session=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["session"])' "$tmp/list.json")
k recs >"$tmp/list.txt"
check "recs: one line each, with id and session prefixes, day, organisation, status" \
	grep -q "^$(echo "$rec" | cut -c1-8)  $(echo "$session" | cut -c1-8)  2024-03-14  Municipality of Nijmegen  open  *Start language lessons" "$tmp/list.txt"

# ---- set, show, history ----
check "recs set REC accepted --note: exit 0" status_is 0 k recs set "$(echo "$rec" | cut -c1-6)" accepted \
	--note "the municipality starts language lessons within 4 weeks" --by "the consultant"
check "recs set says what changed" grep -qx "recommendation $(echo "$rec" | cut -c1-8): accepted (was open)" "$tmp/out"
check "recs set: in-progress then done" status_is 0 sh -c "'$KLANKBORD' recs set '$rec' in-progress --db '$db' && '$KLANKBORD' recs set '$rec' done --note 'first lessons given' --db '$db'"
k recs show "$(echo "$rec" | cut -c1-6)" --json >"$tmp/show.json"
check "recs show --json: the whole history, oldest first, with note and who" \
	py 'sys.exit([(h["status"], h["note"]) for h in r["history"]] != [("accepted", "the municipality starts language lessons within 4 weeks"), ("in-progress", ""), ("done", "first lessons given")] or r["status"] != "done" or r["history"][0]["by"] != "the consultant")' "$tmp/show.json"
check "recs set without --by: the login name" \
	py 'import pwd, os; sys.exit(r["history"][1]["by"] != pwd.getpwuid(os.geteuid()).pw_name)' "$tmp/show.json"
k recs show "$rec" >"$tmp/show.txt"
check "recs show: text, status and each change" sh -c 'grep -q "^Text:     Start language lessons within four weeks$" "$1" && grep -q "^Status:   done$" "$1" && [ "$(grep -c "  by " "$1")" -eq 3 ]' sh "$tmp/show.txt"
k recs >"$tmp/list.txt"
check "recs: the last change below the line" grep -q "^          done $(date +%F): first lessons given$" "$tmp/list.txt"

# ---- filters ----
k recs --status open --json >"$tmp/open.json"
check "recs --status open: the other one only" py "sys.exit([x['id'] for x in r] != ['$other'])" "$tmp/open.json"
k recs --organisation nijmegen --json >"$tmp/org.json"
check "recs --organisation (a part, any case)" py 'sys.exit(len(r) != 2)' "$tmp/org.json"
check "recs --organisation unknown: exit 66" status_is 66 k recs --organisation Zwolle
check "recs --organisation unknown: the message" grep -q 'no organisation' "$tmp/err"

# ---- bad input ----
check "recs set: an unknown status exits 64" status_is 64 k recs set "$rec" finished
check "recs set: the statuses are named" grep -q 'unknown status "finished"; a status is one of open, accepted, in-progress, done, declined' "$tmp/err"
check "recs --status: an unknown status exits 64" status_is 64 k recs --status Accepted
check "recs set: an unknown prefix exits 66" status_is 66 k recs set ffffffff done
check "recs set: the unknown prefix is named" grep -q 'no recommendation with an id starting with "ffffffff"' "$tmp/err"
check "recs show: an ambiguous prefix exits 64" status_is 64 k recs show ""
check "recs show: the message asks for more" grep -q 'more than one recommendation id starts with ""; give more characters' "$tmp/err"
check "recs show: no REC exits 64" status_is 64 k recs show
check "recs set: --organisation does not go with it (64)" status_is 64 k recs set "$rec" done --organisation x
check "recs: --note goes with set only (64)" status_is 64 k recs --note x
check "recs: an unknown word exits 64" status_is 64 k recs list
check "nothing changed by the refused commands" sh -c "'$KLANKBORD' recs show '$rec' --json --db '$db' | python3 -c 'import json,sys; sys.exit(len(json.load(sys.stdin)[\"history\"]) != 3)'"

# ---- the export and the report carry the register ----
k export "$session" >"$tmp/export.json"
check "export json: the /recommend carries its status and history" \
	py 'x = r["recommendations"][0]; sys.exit(x["status"] != "done" or [h["status"] for h in x["history"]] != ["accepted", "in-progress", "done"])' "$tmp/export.json"
check "export json: the !recommendation carries its entry (open)" \
	py 'c = [c for i in r["items"] for c in i["contributions"] if c["kind"] == "recommendation" and not c["retracted"]]; sys.exit(len(c) != 1 or c[0]["status"] != "open" or c[0]["history"] != [])' "$tmp/export.json"
k export "$session" --format md >"$tmp/export.md"
check "export md: the status and last note beside the recommendation" \
	grep -qF "*Status:* done $(date +%F): first lessons given" "$tmp/export.md"
k export "$session" --format html >"$tmp/export.html"
check "export html: the status and last note beside the recommendation" \
	grep -qF "<span class=\"status\">Status: done $(date +%F): first lessons given</span>" "$tmp/export.html"
k report --json >"$tmp/report.json"
check "report json: each recommendation with id, status and history" \
	py "x = {x['id']: x for x in r['recommendations']}; sys.exit(x['$rec']['status'] != 'done' or len(x['$rec']['history']) != 3 or x['$other']['status'] != 'open')" "$tmp/report.json"
k report >"$tmp/report.txt"
check "report text: the status below the recommendation" grep -q "status: done $(date +%F): first lessons given" "$tmp/report.txt"

# ---- hostile text in a note ----
k recs set "$other" declined --note "$(printf 'no budget\033[2J\033]0;owned\007 \342\200\256desrever')" >/dev/null 2>&1
for cmd in "recs" "recs show $other" "report" "export $session --format md"; do
	k $cmd >"$tmp/hostile" 2>&1
	check "$(echo "$cmd" | cut -d' ' -f1-2 | sed 's/ [0-9a-f-]*$//'): no ESC, BEL or bidi override of the note reaches the terminal" \
		sh -c '! grep -q "$(printf "\033")" "$1" && ! grep -q "$(printf "\007")" "$1" && ! grep -q "$(printf "\342\200\256")" "$1" && grep -q "no budget" "$1"' sh "$tmp/hostile"
done
k recs show "$other" --json >"$tmp/hostile.json"
check "recs --json: the note as it was given, escaped" py 'sys.exit(not r["history"][-1]["note"].startswith("no budget\x1b[2J\x1b]0;owned\x07"))' "$tmp/hostile.json"
check "recs --json: no raw ESC in the JSON" sh -c '! grep -q "$(printf "\033")" "$1"' sh "$tmp/hostile.json"

# ---- the register is append-only in the file ----
check "the database refuses to rewrite a change" \
	sh -c "! sqlite3 '$db' \"UPDATE recommendation_status SET note = 'x'\" 2>/dev/null"
check "the database refuses to delete a change" \
	sh -c "! sqlite3 '$db' 'DELETE FROM recommendation_status' 2>/dev/null"

# ---- erasure ----
"$KLANKBORD" erase "$session" --yes --db "$db" >/dev/null 2>&1
check "erase the session: exit 0" [ $? -eq 0 ]
check "erasure removes the session's register rows" [ "$(sqlite3 "$db" 'SELECT count(*) FROM recommendation_status')" = 0 ]
k recs >"$tmp/after"
check "recs after the erasure: nothing" grep -qx "no recommendations" "$tmp/after"
