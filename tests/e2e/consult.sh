#!/bin/sh
# consult.sh: what a consultant runs across sessions: `klankbord search` (snippets, newest
# first, retracted left out, codes found, words with punctuation, a query's mistakes named) and `klankbord report` (the counts per
# code and kind of its text format, filtered by organisation and dates), in text and JSON.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
tmp=${TEST_TMP:-/tmp}/consult.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
db="$tmp/k.db"
check() { # check NAME CONDITION...
	name=$1; shift
	if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi
}
esc=$(printf '\033')

# Two sessions of the Nijmegen agenda (organisation "Municipality of Nijmegen", 2024-03-14).
printf '%s\n' \
	'E01: !obstacle waited nine months for #language lessons' \
	'E02: !idea a language café in the library #language #bridges' \
	"E03: !obstacle the letters are hard to read ${esc}[31m #language" \
	'/undo' \
	| "$KLANKBORD" run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml" --db "$db" --batch - >/dev/null 2>&1
printf '%s\n' 'E01: !success found work through volunteering #work' 'E02: تعلمت اللغة في المكتبة #language' \
	"E03: colour ${esc}[31mred" \
	| "$KLANKBORD" run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml" --db "$db" --batch - >/dev/null 2>&1

"$KLANKBORD" search language --db "$db" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "search: exit 0" [ "$rc" -eq 0 ]
check "search: one line per hit, retracted left out, the code #language found too" [ "$(wc -l <"$tmp/out")" -eq 3 ]
check "search: newest first (found by its code), with its codes" sh -c 'head -n 1 "$1" | grep -q "E02  !note  تعلمت اللغة في المكتبة  #language  (not to be quoted)\$"' sh "$tmp/out"
check "search: the match marked" grep -q "E02  !idea  a \[language\] café in the library  #bridges #language" "$tmp/out"
check "search: date and organisation shown" grep -q '2024-03-14  Municipality of Nijmegen' "$tmp/out"
"$KLANKBORD" search 'اللغة' --db "$db" >"$tmp/out" 2>&1
check "search: Arabic words are found" grep -q '\[اللغة\]' "$tmp/out"
"$KLANKBORD" search letters --db "$db" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "search: a retracted contribution is not found" [ ! -s "$tmp/out" ]
check "search: no hits says so on standard error, exit 0" sh -c '[ "$1" -eq 0 ] && [ "$(cat "$2")" = "klankbord search: no hits for letters" ]' sh "$rc" "$tmp/err"
"$KLANKBORD" search letters --kind idea --db "$db" 2>"$tmp/err" >/dev/null
check "search: ... and names the filters" grep -qx "klankbord search: no hits for letters with these filters" "$tmp/err"
"$KLANKBORD" search --kind quote --db "$db" 2>"$tmp/err" >/dev/null
check "search: ... or that nothing passes them" grep -qx "klankbord search: nothing passes these filters" "$tmp/err"
"$KLANKBORD" search letters --json --db "$db" >"$tmp/out" 2>"$tmp/err"
check "search --json: no hits is [] and nothing else" sh -c '[ "$(cat "$1")" = "[]" ] && [ ! -s "$2" ]' sh "$tmp/out" "$tmp/err"
"$KLANKBORD" search "nothing${esc}]0;owned${esc}\\" --db "$db" 2>"$tmp/err" >/dev/null
check "search: the query said back carries no escape sequence" sh -c '[ -s "$1" ] && ! grep -q "$2" "$1"' sh "$tmp/err" "$esc"
"$KLANKBORD" search colour --db "$db" >"$tmp/out" 2>&1
check "search: no escape sequence reaches the terminal" sh -c '[ -s "$1" ] && ! grep -q "$2" "$1"' sh "$tmp/out" "$esc"
"$KLANKBORD" search '"unclosed' --db "$db" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "search: an invalid query exits 65 and says why" sh -c '[ "$1" -eq 65 ] && grep -q "cannot search for" "$2"' sh "$rc" "$tmp/err"
# Words with punctuation are searched for as written, and a query's mistakes are named
# (storage/search_query.h), never FTS5's own syntax errors.
wdb="$tmp/words.db"
printf '%s\n' 'E01: !obstacle the re-integratie course came by e-mail at 9:30, wmo/jeugd #work' \
	| "$KLANKBORD" run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml" --db "$wdb" --batch - >/dev/null 2>&1
for q in re-integratie e-mail 9:30 wmo/jeugd '#work' 're-integr*' '(letters OR e-mail) course' codes:work \
	'kind:obstacle e-mail' 'codes:(housing OR work)'; do
	"$KLANKBORD" search "$q" --db "$wdb" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "search $q: found, nothing on standard error" sh -c '[ "$1" -eq 0 ] && [ "$(wc -l <"$2")" -eq 1 ] && [ ! -s "$3" ]' \
		sh "$rc" "$tmp/out" "$tmp/err"
done
"$KLANKBORD" search 'course NOT e-mail' --db "$wdb" >"$tmp/out" 2>/dev/null
check "search: NOT between words leaves out what holds the second" [ ! -s "$tmp/out" ]
"$KLANKBORD" search 'kind:idea' --db "$wdb" >"$tmp/out" 2>/dev/null
check "search: a column filter looks in that column only" [ ! -s "$tmp/out" ]
"$KLANKBORD" search 'NOT e-mail' --db "$wdb" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "search: NOT with no word before it exits 65 and says where" sh -c '[ "$1" -eq 65 ] && [ ! -s "$2" ] &&
	grep -qx "klankbord: cannot search for \"NOT e-mail\": NOT at character 1 needs a word before it (housing NOT rent)" "$3"' \
	sh "$rc" "$tmp/out" "$tmp/err"
"$KLANKBORD" search 'course)' --db "$wdb" >"$tmp/out" 2>"$tmp/err"
check "search: a stray parenthesis is named, not FTS5's syntax error" sh -c \
	'grep -q "the \")\" at character 7 closes no \"(\"" "$1" && ! grep -q fts5 "$1"' sh "$tmp/err"

"$KLANKBORD" search language --kind idea --limit 1 --json --db "$db" >"$tmp/out" 2>&1
check "search --json --limit 1: one object with the snippet" \
	grep -q '^\[{"session":"[0-9a-f-]*","title":".*","organisation":"Municipality of Nijmegen","date":"2024-03-14","seq":[0-9]*,"participant":"E02","kind":"idea","snippet":"a \[language\] café' "$tmp/out"
"$KLANKBORD" search x --limit 0 --db "$db" >/dev/null 2>&1
check "search: --limit 0 is a usage error" [ $? -eq 64 ]

"$KLANKBORD" report --db "$db" >"$tmp/out" 2>&1
rc=$?
check "report: exit 0 with the counts per code and kind" sh -c '[ "$1" -eq 0 ] && grep -q "^code  *kind  *contributions  *sessions" "$2"' sh "$rc" "$tmp/out"
check "report: language obstacles, the retracted one left out" grep -q '^language  *obstacle  *1  *1$' "$tmp/out"
check "report: language ideas and successes in work" sh -c 'grep -q "^language  *idea  *1  *1\$" "$1" && grep -q "^work  *success  *1  *1\$" "$1"' sh "$tmp/out"
check "report: (all) counts every contribution" grep -q '^(all)  *obstacle  *1  *1$' "$tmp/out"
check "report: a line without !kind counts as a note" grep -q '^language  *note  *1  *1$' "$tmp/out"
check "report: two notes from one session" grep -q '^(all)  *note  *2  *1$' "$tmp/out"
"$KLANKBORD" report --organisation 'Municipality of Nijmegen' --from 2024-01-01 --to 2024-12-31 --json --db "$db" >"$tmp/out" 2>&1
check "report --organisation --from --to --json" grep -q '"code":"language"[^}]*"kinds":{"experience":0,"obstacle":1,"success":0,"idea":1,' "$tmp/out"
"$KLANKBORD" report --organisation 'Gemeente Elders' --db "$db" --json >"$tmp/out" 2>"$tmp/err"
check "report: an organisation with no session exits 66 and says so" sh -c '[ "$1" -eq 66 ] && [ ! -s "$2" ] && grep -q "Gemeente Elders" "$3"' sh $? "$tmp/out" "$tmp/err"
"$KLANKBORD" report --from 2025-01-01 --db "$db" --json >"$tmp/out" 2>&1
check "report: a later date range has no session" grep -q '^{"sessions":\[\],"matrix":' "$tmp/out"
"$KLANKBORD" report --from 2024 --db "$db" >/dev/null 2>"$tmp/err"
rc=$?
check "report: a bad date is a usage error" sh -c '[ "$1" -eq 64 ] && grep -q "takes a date YYYY-MM-DD" "$2"' sh "$rc" "$tmp/err"
