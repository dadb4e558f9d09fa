#!/bin/sh
# batch.sh: `klankbord run|resume --batch`, list and export as a script would use them:
# acknowledgements, refused lines, text in many scripts and hostile bytes, overlong lines,
# resume by prefix, ended sessions, and the export's shape.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
tmp=${TEST_TMP:-/tmp}/batch.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
db="$tmp/k.db"
agenda="$SHARED/agendas/valid/expert-pool-nijmegen.yaml"
check() { # check NAME CONDITION...
	name=$1; shift
	if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi
}
esc=$(printf '\033')

# 1. A session fed from standard input: one "ok SEQ" per accepted line, errors by line number.
printf '%s\n' \
	'E01: !obstacle waited 9 months for #language lessons' \
	'the room takes a short break' \
	'E09: I am not on the list' \
	'E02: !obs bad #colour' \
	'' \
	'/next' \
	"E03: تعلمت الهولندية في المكتبة #language" \
	"E02: ቋንቋ ምምሃር ከቢድ እዩ" \
	"E03: زبان هلندی سخت است" \
	"E04: Мені допомогли волонтери" \
	"E01: 我在图书馆学荷兰语 🙂👍🏽" \
	"E04: colour ${esc}[31mred${esc}[0m and a bell $(printf '\007') and DEL $(printf '\177')" \
	| "$KLANKBORD" run "$agenda" --db "$db" --batch - >"$tmp/out" 2>"$tmp/err"
rc=$?
check "batch: exit 65 when some lines were refused" [ "$rc" -eq 65 ]
check "batch: one ok per accepted line (9 of 11 non-blank)" [ "$(grep -c '^ok [0-9][0-9]*$' "$tmp/out")" -eq 9 ]
check "batch: unknown participant refused by line number" grep -q '^error 3: unknown participant E09' "$tmp/err"
check "batch: unknown code refused by line number" grep -q '^error 4: .*colour' "$tmp/err"
check "batch: nothing but ok lines on standard output" [ "$(grep -vc '^ok ' "$tmp/out")" -eq 0 ]
# The agenda is dated 2024-03-14, long before today: lists and searches will file the
# session under that day, and a script's runner is told so, as the console's status line does.
check "batch: an agenda dated before today is warned about once" [ "$(grep -c '^klankbord: warning: agenda dated 2024-03-14, recorded [0-9-]*: lists and searches file the session under 2024-03-14' "$tmp/err")" -eq 1 ]
session=$("$KLANKBORD" list --db "$db" --json | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1)
prefix=$(printf '%s' "$session" | cut -c1-6)
check "list --json gives the session id" [ -n "$session" ]

"$KLANKBORD" export "$prefix" --db "$db" >"$tmp/export.json" 2>"$tmp/err"
check "export by id prefix: exit 0" [ $? -eq 0 ]
for text in "تعلمت الهولندية في المكتبة" "ቋንቋ ምምሃር ከቢድ እዩ" "زبان هلندی سخت است" "Мені допомогли волонтери" "我在图书馆学荷兰语 🙂👍🏽"; do
	check "export keeps text byte for byte: $text" grep -qF "\"text\":\"$text\"" "$tmp/export.json"
done
check "export escapes ESC, BEL and DEL (no raw control bytes)" sh -c "! grep -q '[[:cntrl:]]' '$tmp/export.json'"
check "export carries the escape sequence as \\u001b" grep -qF '\u001b[31mred\u001b[0m' "$tmp/export.json"
check "export: tags and kinds" grep -qF '"kind":"obstacle","text":"waited 9 months for language lessons","tags":["language"]' "$tmp/export.json"
check "export: a note-taker's note has participant null" grep -qF '"participant":null,"kind":"note","text":"the room takes a short break"' "$tmp/export.json"
check "export: no names without --names" sh -c "! grep -q '\"name\":\"Amal\"' '$tmp/export.json'"
check "export: no communities without --communities" sh -c "! grep -q 'Syrian' '$tmp/export.json'"
"$KLANKBORD" export "$prefix" --db "$db" --communities | grep -q '"community":"Syrian"'
check "export --communities includes communities" [ $? -eq 0 ]
"$KLANKBORD" export "$prefix" --db "$db" --names | grep -q '"name":"Amal"'
check "export --names includes names" [ $? -eq 0 ]
for key in '"session":{"id":"' '"status":"open"' '"started_at":"' '"ended_at":null' '"participants":[' '"items":[' \
	'"planned_minutes":' '"actual_seconds":' '"contributions":[' '"votes":[' '"recommendations":[' '"events":[' \
	'"retracted":false' '"at":"20'; do
	check "export has $key" grep -qF "$key" "$tmp/export.json"
done
"$KLANKBORD" list --db "$db" >"$tmp/list"
check "list: one line with prefix, organisation, status" grep -q "^$(printf '%s' "$session" | cut -c1-8)  2024-03-14  Municipality of Nijmegen  .*  open  " "$tmp/list"

# 2. Overlong lines are refused with a message, and the run goes on.
{ head -c 70000 /dev/zero | tr '\0' 'a'; echo; echo 'E01: after the long line'; } >"$tmp/long.txt"
"$KLANKBORD" resume "$prefix" --db "$db" --batch "$tmp/long.txt" >"$tmp/out" 2>"$tmp/err"
check "overlong line: refused with its length and the limit" grep -q '^error 1: .*70000.*65536' "$tmp/err"
check "overlong line: the next line is still recorded" [ "$(grep -c '^ok ' "$tmp/out")" -eq 1 ]

# 3. /undo, /end, then nothing more is accepted; resume refuses an ended session.
printf 'E02: a mistake\n/undo\n/end\nE01: too late\n' | "$KLANKBORD" resume "$prefix" --db "$db" --batch - >"$tmp/out" 2>"$tmp/err"
check "after /end, lines are refused" grep -q '^error 4: .*ended' "$tmp/err"
"$KLANKBORD" export "$prefix" --db "$db" >"$tmp/export.json"
check "export: the undone entry is kept, marked retracted" grep -qF '"text":"a mistake","tags":[],"retracted":true' "$tmp/export.json"
check "export: status ended with ended_at" grep -qF '"status":"ended"' "$tmp/export.json"
printf 'E01: hello\n' | "$KLANKBORD" resume "$prefix" --db "$db" --batch - >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 65 ] && grep -q 'ended' "$tmp/err"
check "resume of an ended session: exit 65 with a message" [ $? -eq 0 ]

# 4. Bad session ids and databases: clear messages, no raw SQLite errors.
"$KLANKBORD" export zzzz --db "$db" >/dev/null 2>"$tmp/err"
check "export of an unknown session: exit 66" [ $? -eq 66 ]
printf 'not a database, just text\n' >"$tmp/foreign.db"
cp "$tmp/foreign.db" "$tmp/foreign.copy"
"$KLANKBORD" list --db "$tmp/foreign.db" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 65 ] && grep -q "$tmp/foreign.db" "$tmp/err" && ! grep -qi 'sqlite3_\|SQLITE_' "$tmp/err"
check "a foreign file is refused with exit 65 and a message naming it" [ $? -eq 0 ]
check "a foreign file is left unchanged" cmp -s "$tmp/foreign.db" "$tmp/foreign.copy"
"$KLANKBORD" run "$SHARED/agendas/invalid/wrong-type.yaml" --db "$db" --batch /dev/null 2>"$tmp/err"
[ $? -eq 65 ] && grep -q 'wrong-type.yaml:7:14: ' "$tmp/err"
check "run with an invalid agenda: exit 65 with FILE:LINE:COL" [ $? -eq 0 ]
mkdir -p "$tmp/xdg"
XDG_DATA_HOME="$tmp/xdg" KLANKBORD_DB= "$KLANKBORD" run "$SHARED/agendas/valid/minimal.yaml" --batch /dev/null 2>/dev/null
check "default database under XDG_DATA_HOME, folder 0700, file 0600" \
	sh -c "[ \"\$(stat -c %a '$tmp/xdg/klankbord')\" = 700 ] && [ \"\$(stat -c %a '$tmp/xdg/klankbord/klankbord.db')\" = 600 ]"

# 5. Votes through --batch, and the shape scripts rely on in the export.
vdb="$tmp/votes.db"
printf '%s\n' '/item language' '/vote language-first' 'E01: 1 1 2' 'E02: 1 3' 'E03: 1 1 1' 'T01: 2' 'E04: 2 2' \
	'/close' '/vote lessons-fit' 'E01: 4' 'E02: 5' 'E03: 2' 'E04: 3' '/close' '/item trust' '/vote contact-moment' \
	'E01: 1 2 3 4' 'E02: 2 1' 'E03: 3 2 1 4' 'E04: 1 3' '/close' '/item recommendations' '/vote adopt-list' \
	'E01: agree' 'E02: block not before the council answers on housing' 'E03: abstain' 'E04: disagree the list says nothing about when' '/close' \
	'/vote show-of-hands' '= 7 2 1' '/close' '/poll single "Another round?" yes | no' 'E01: 1' 'E02: 2' '/close' \
	| "$KLANKBORD" run "$agenda" --db "$vdb" --batch - >"$tmp/out" 2>"$tmp/err"
check "votes: the overspent dots ballot and the interpreter's ballot are refused" \
	sh -c "grep -q '^error 5: .*at most 2 on one option' '$tmp/err' && grep -q '^error 6: .*interpreter' '$tmp/err' && [ \$(grep -c '^error ' '$tmp/err') -eq 2 ]"
"$KLANKBORD" export "$("$KLANKBORD" list --db "$vdb" --json | sed -n 's/.*"id":"\([0-9a-f]\{8\}\).*/\1/p')" --db "$vdb" >"$tmp/votes.json"
check "export: dots result with counts aligned with options and the winner's text" \
	grep -qF '"counts":[3,3,1,0],"shares":[0.4286,0.4286,0.1429,0],"winner":null,"winner_option":null,"tie":true' "$tmp/votes.json"
check "export: named ballots with participant and choice" \
	grep -qF '"ballots":[{"participant":"E01","choice":[1,1,2],"seq":' "$tmp/votes.json"
check "export: scale result n, median, mean and distribution" \
	grep -qF '"n":4,"min":1,"max":5,"distribution":[0,1,1,1,1],"median":3.5,"mean":3.5' "$tmp/votes.json"
check "export: rank result with borda and irv rounds (null once out)" \
	grep -qF '"borda":[9,7,6,0],"borda_winner":"One fixed client manager"' "$tmp/votes.json"
check "export: irv rounds and winner" \
	grep -qF '"irv":{"rounds":[[2,1,1,0],[2,1,1,null],[2,2,null,null]' "$tmp/votes.json"
check "export: consent counts and outcome" \
	grep -qF '"agree":1,"abstain":1,"disagree":1,"block":1,"outcome":"blocked"' "$tmp/votes.json"
check "export: show of hands as counts, no names" \
	grep -qF '"anonymous":true,"adhoc":false,"counts":[7,2,1],"result":{"type":"single","anonymous":true,"voters":10' "$tmp/votes.json"
check "export: a /poll is a vote of its item, marked adhoc" \
	grep -qF '"id":"poll-1","type":"single","question":"Another round?","options":["yes","no"],"status":"closed","anonymous":false,"adhoc":true' "$tmp/votes.json"

# 6. A ranking the first choices decide (2 of 3 put option 1 first) has no runoff round:
# the md, html and text writers leave the round columns out and say why, as the console does.
rdb="$tmp/rank.db"
printf '%s\n' '/item trust' '/vote contact-moment' 'E01: 1 2 3 4' 'E02: 1 3 2 4' 'E03: 2 1' '/close' \
	| "$KLANKBORD" run "$agenda" --db "$rdb" --batch - >/dev/null 2>&1
rsession=$("$KLANKBORD" list --db "$rdb" --json | sed -n 's/.*"id":"\([0-9a-f]\{8\}\).*/\1/p')
for format in md html; do
	"$KLANKBORD" export "$rsession" --db "$rdb" --format "$format" >"$tmp/rank.$format" 2>"$tmp/rank.err"
	check "export --format $format: a first-round ranking has no round column" \
		sh -c "grep -q 'points' '$tmp/rank.$format' && ! grep -q 'round 1' '$tmp/rank.$format'"
	check "export --format $format: and says no runoff was needed" \
		grep -q 'no runoff needed: more than half chose the winner first' "$tmp/rank.$format"
done

# 7. A file as Windows editors write it: a UTF-8 byte order mark, CR LF line ends. Neither
# is text: the first line is still E01's, no line ends in a CR. A mark inside a text stays
# a visible mark (the text rule).
wdb="$tmp/windows.db"
printf '\357\273\277E01: !obstacle first line #language\r\nE02: second line\r\nE03: \357\273\277inside\r\n' >"$tmp/windows.txt"
"$KLANKBORD" run "$agenda" --db "$wdb" --batch "$tmp/windows.txt" >"$tmp/out" 2>"$tmp/err"
check "batch: a Windows file is read whole (3 ok, exit 0)" sh -c '[ "$1" -eq 0 ] && [ "$(grep -c "^ok " "$2")" -eq 3 ]' \
	sh "$?" "$tmp/out"
wsession=$("$KLANKBORD" list --db "$wdb" --json | sed -n 's/.*"id":"\([0-9a-f]\{8\}\).*/\1/p')
"$KLANKBORD" export "$wsession" --db "$wdb" --format csv >"$tmp/windows.csv" 2>&1
check "batch: the byte order mark does not hide the first line's speaker" \
	grep -q '^"[^"]*","[^"]*","[0-9]*","1","[^"]*","E01","obstacle","language","first line",' "$tmp/windows.csv"
check "batch: no text keeps a CR" sh -c '! grep -q "$(printf "\r")\"" "$1"' sh "$tmp/windows.csv"
check "batch: a mark inside a text is shown as a mark" grep -q '"E03","note","","�inside"' "$tmp/windows.csv"
(printf '\377\376'; printf 'E01: first\nE02: second\n' | iconv -f utf-8 -t utf-16le) >"$tmp/utf16.txt"
"$KLANKBORD" run "$agenda" --db "$tmp/utf16.db" --batch "$tmp/utf16.txt" >"$tmp/out" 2>"$tmp/err"
check "batch: a UTF-16 file exits 65, says to save it as UTF-8, records nothing" sh -c '[ "$1" -eq 65 ] &&
	grep -q "is UTF-16 .*save it as UTF-8" "$2" && ! grep -q "^error" "$2" && [ ! -s "$3" ]' sh "$?" "$tmp/err" "$tmp/out"
