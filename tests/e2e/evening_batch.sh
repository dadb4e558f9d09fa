#!/bin/sh
# evening_batch.sh: issue 14 through --batch: every message on standard error is valid
# UTF-8 however long the Arabic and Chinese it repeats; /en is refused and /end needs the
# full word; during a vote a contribution is recorded; entry numbers count per session;
# /edit -#code takes a code off; /undo writes events and deletes none; starting a second
# session of an open agenda warns, and run --resume continues the open one.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
tmp=${TEST_TMP:-/tmp}/evening-batch.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
db="$tmp/k.db"
agenda="$SHARED/agendas/valid/expert-pool-nijmegen.yaml"
check() { name=$1; shift; if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi; }
valid_utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }

ar=$(printf 'ب%.0s' $(seq 1 60))
zh=$(printf '语%.0s' $(seq 1 60))
for t in "$ar" "$zh"; do
	printf '%s\n' "/item $t" "/item x$t" "/vote $t" "/vote x$t" "/poll $t \"Q\" a | b" \
		"/poll single \"Q\" $t | $t" "/participant $t" "/participant E2$t" "/reopen $t" \
		"/withdraw $t" "/ballot $t 1" "E01: !$t" "E01: #$t" "E01: x$t" "/edit 1 x$t" \
		"/retract 1" "/undo" "/undo" "/n$t" "/xyz$t" "/item language" "/vote language-first" \
		"E01: 1 $t" "/ballot E01 $t" "/close" "/prev"
done >"$tmp/hostile.txt"
"$KLANKBORD" run "$agenda" --db "$db" --batch "$tmp/hostile.txt" >"$tmp/out" 2>"$tmp/err"
check "long Arabic and Chinese through every message: refusals happen" [ "$(grep -c '^error' "$tmp/err")" -gt 20 ]
check "standard error is valid UTF-8" valid_utf8 "$tmp/err"
check "standard output is valid UTF-8" valid_utf8 "$tmp/out"
fffd=$(printf '\357\277\275')
check "no character was cut in half (no U+FFFD stand-in on standard error)" sh -c "! grep -q '$fffd' '$tmp/err'"
check "a cut message ends with an ellipsis" grep -q '…' "$tmp/err"

db2="$tmp/k2.db"
printf '%s\n' 'E01: one #work #language' 'E02: !quote I did not know' '/item language' '/vote language-first' \
	'E03: 1 2' 'E04: I waited 3 months for that' '/edit 1 -#work' '/retract 2' '/undo' '/en' '/end' \
	>"$tmp/evening.txt"
"$KLANKBORD" run "$agenda" --db "$db2" --batch "$tmp/evening.txt" >"$tmp/out" 2>"$tmp/err"
check "/en is refused in --batch, by line number" grep -q '^error 10: /en: /end cannot be undone, so type it in full: /end' "$tmp/err"
check "only /en was refused" [ "$(grep -c '^error' "$tmp/err")" -eq 1 ]
session=$("$KLANKBORD" list --db "$db2" --json | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1)
check "/end ended the session" sh -c "'$KLANKBORD' list --db '$db2' | grep -q ended"
"$KLANKBORD" export "$session" --db "$db2" >"$tmp/export.json" 2>/dev/null
check "the line during the vote is a contribution" grep -q '"text":"I waited 3 months for that"' "$tmp/export.json"
check "/edit -#code wrote removed" grep -q '"removed":\["work"\]' "$tmp/export.json"
check "/undo wrote a restore naming what it undoes" grep -q '"type":"contribution.restore"' "$tmp/export.json"
check "the retraction is still in the log" grep -q '"type":"contribution.retract"' "$tmp/export.json"

# Starting twice: a warning naming the open session; --resume continues it.
db3="$tmp/k3.db"
printf 'E01: first evening\n' | "$KLANKBORD" run "$agenda" --db "$db3" --batch - >/dev/null 2>"$tmp/err1"
first=$(sed -n 's/.*started session \([0-9a-f-]*\).*/\1/p' "$tmp/err1")
printf 'E01: second start\n' | "$KLANKBORD" run "$agenda" --db "$db3" --batch - >/dev/null 2>"$tmp/err2"
short=$(echo "$first" | cut -c1-8)
check "run warns that a session of this agenda is open" grep -q "warning: session $short of this agenda is still open" "$tmp/err2"
check "and says how to continue it" grep -q "klankbord resume $short" "$tmp/err2"
printf 'E01: resumed\n' | "$KLANKBORD" run --resume "$agenda" --db "$db3" --batch - >/dev/null 2>"$tmp/err3"
check "run --resume continues the newest open session of the agenda" grep -q "resumed session" "$tmp/err3"
printf 'E01: x\n' | "$KLANKBORD" run --new "$agenda" --db "$db3" --batch - >/dev/null 2>"$tmp/err4"
check "run --new does not warn of the open session" sh -c "! grep -q 'warning: session' '$tmp/err4'"
check "--resume is an option of run only" sh -c "! '$KLANKBORD' resume --resume --db '$db3' --batch /dev/null 2>/dev/null"
