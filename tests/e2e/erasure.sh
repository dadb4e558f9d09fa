#!/bin/sh
# erasure.sh: klankbord erase leaves nothing of the erased in the database, its -wal and
# its -shm (grep -a), while everyone else's contributions, the vote results and search
# stay as they were; the same for a whole session and for --ended-before; the opening
# checks accept the erased database and still see tampering. Also consent withdrawn after
# a session (the next export drops the attribution) and a backup during a --batch writer.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
tmp=${TEST_TMP:-/tmp}/erasure.$$
mkdir -p "$tmp"
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
agenda=tests/fixtures/erasure-agenda.yaml
check() { name=$1; shift; if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi; }
# none of the words in the database files: the file, its -wal and -shm, byte for byte
gone() { # gone DB WORD
	for f in "$1" "$1-wal" "$1-shm"; do
		[ -f "$f" ] || continue
		if grep -aqF "$2" "$f"; then return 1; fi
	done
	return 0
}
there() { grep -aqF "$2" "$1" || { [ -f "$1-wal" ] && grep -aqF "$2" "$1-wal"; }; }

# An evening: the erased participant P01 (agenda) and P21 (added live) speak in Arabic,
# Chinese and emoji, edit, retract, vote by name (P01 changes, withdraws, and /undo brings
# the ballot back); the others too. /edit and /retract take entry numbers. Two entries
# were put down to the wrong speaker and moved (/edit N ID:): one to P01, one away from P01.
evening() { # evening DB
	printf '%s\n' \
		'P01: !obstacle انتظرت تسعة أشهر zainabword-one #language' \
		'P02: !experience 我的邻居帮助了我 weiword-one' \
		'P01: 🌻🍵 zainabword-two sunflower-tea' \
		'/edit 3 🌻🍵 zainabword-edited sunflower-tea' \
		'/participant P21 Karim Haddad-Live' \
		'P21: karimword-one about the bus' \
		'P03: tesfayword-one about work' \
		'/consent P03 quotes yes' \
		'P01: zainabword-retracted' \
		'/retract 6' \
		'P02: zainabword-moved-in typed as P02, said by P01' \
		'/edit 7 P01:' \
		'P01: tesfayword-moved-away typed as P01, said by P03' \
		'/edit 8 P03:' \
		'/vote first' \
		'P01: 2' \
		'P01: 1' \
		'/withdraw P01' \
		'/undo' \
		'P02: 1' \
		'P03: 2' \
		'P21: 1' \
		'/close' \
		'/vote ok' \
		'P01: block zainabreason-blocked' \
		'P02: agree' \
		'/close' \
		'/end' | "$KLANKBORD" run "$agenda" --db "$1" --batch - >"$tmp/run.out" 2>"$tmp/run.err"
}
session_of() { "$KLANKBORD" list --db "$1" --json | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1; }
result_of() { # every vote's counted result, without the consent reasons (the erased one's words)
	"$KLANKBORD" export "$1" --db "$2" | python3 -c 'import json, sys
for item in json.load(sys.stdin)["items"]:
    for v in item["votes"]:
        r = dict(v.get("result") or {})
        r.pop("reasons", None)
        print(v["id"], json.dumps(r, sort_keys=True))'
}

db=$tmp/one.db
evening "$db"
check "the evening was recorded" [ $? -eq 0 ]
s=$(session_of "$db")
# a search first, so that the index holds the words
"$KLANKBORD" search zainabword --db "$db" >"$tmp/search-before.txt"
check "search finds the words before" grep -q zainabword "$tmp/search-before.txt"
before_results=$(result_of "$s" "$db")
"$KLANKBORD" export "$s" --db "$db" >"$tmp/before.json"
check "the words are in the files before (the test can fail)" there "$db" "zainabword-one"

"$KLANKBORD" erase "$s" P01 --yes --db "$db" >"$tmp/erase.out" 2>"$tmp/erase.err"
rc=$?; check "erase P01: exit 0 ($(cat "$tmp/erase.err"))" [ $rc -eq 0 ]
"$KLANKBORD" erase "$s" P21 --yes --db "$db" >>"$tmp/erase.out" 2>>"$tmp/erase.err"
rc=$?
check "erase P21 (added live): exit 0 ($(cat "$tmp/erase.err"))" [ $rc -eq 0 ]
for w in "Zainab" "Qarawi" "Yazidi-Sinjar" "zainabword" "انتظرت تسعة أشهر" "🌻🍵" "sunflower-tea" \
	"zainabreason" "Karim" "Haddad-Live" "karimword"; do
	check "erased participant: no \"$w\" in the database, -wal or -shm" gone "$db" "$w"
done
for w in "Wei Lanfang" "weiword-one" "我的邻居帮助了我" "tesfayword-one" "Tigray-Adwa" "tesfayword-moved-away"; do
	check "others stay: \"$w\"" there "$db" "$w"
done
"$KLANKBORD" search weiword --db "$db" >"$tmp/search-after.txt"
check "search for others' words unchanged" grep -q weiword "$tmp/search-after.txt"
check "search for the erased words finds nothing" sh -c "! '$KLANKBORD' search zainabword --db '$db' | grep -q zainabword"
after_results=$(result_of "$s" "$db")
check "vote results unchanged" [ "$before_results" = "$after_results" ]
"$KLANKBORD" export "$s" --db "$db" --names --communities >"$tmp/after.json"
check "the export holds the erasure event" grep -q '"type":"erasure"' "$tmp/after.json"
check "the erasure event says what, by whom, no personal data" \
	grep -qE '"payload":\{"scope":"participant","participant":"P01","contributions":4,"events":[0-9]+,"ballots":2,"rewritten":[0-9]+,"by":"' "$tmp/after.json"
check "the export still has P02's contribution" grep -q weiword-one "$tmp/after.json"
check "the entry moved away from P01 stays, as P03's" \
	sh -c "'$KLANKBORD' search tesfayword-moved --participant P03 --db '$db' | grep -qF 'P03  !note  [tesfayword-moved]-away'"
check "erase a participant the session does not have: exit 66" sh -c "'$KLANKBORD' erase '$s' P99 --yes --db '$db' >/dev/null 2>&1; [ \$? -eq 66 ]"
check "list still opens the erased database" sh -c "'$KLANKBORD' list --db '$db' >/dev/null"
printf '/end\n' | "$KLANKBORD" resume "$s" --db "$db" --batch - >/dev/null 2>"$tmp/resume.err"
check "a console is not refused as tampered (it is refused as ended)" sh -c "! grep -q 'changed outside' '$tmp/resume.err'"
check "the opening check still sees tampering (a deleted event)" sh -c "
	command -v sqlite3 >/dev/null || exit 0
	cp '$db' '$tmp/t.db'
	sqlite3 '$tmp/t.db' 'DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = (SELECT max(seq) FROM events);
		CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, '\''events are append-only'\''); END;'
	printf '/end\n' | '$KLANKBORD' resume --db '$tmp/t.db' --batch - 2>&1 | grep -q 'changed outside'"

# an open session is refused: a console may still show what would be erased
dbo=$tmp/open.db
printf 'P01: openword\n' | "$KLANKBORD" run "$agenda" --db "$dbo" --batch - >/dev/null 2>&1
"$KLANKBORD" erase "$(session_of "$dbo")" P01 --yes --db "$dbo" >/dev/null 2>"$tmp/open.err"
rc=$?
check "erase in an open session: exit 65 ($rc), says to end it" sh -c "[ $rc -eq 65 ] && grep -q 'end it first' '$tmp/open.err'"
check "erase in an open session: nothing erased" there "$dbo" openword
check "erase without --yes or a terminal: exit 64" sh -c "'$KLANKBORD' erase '$(session_of "$dbo")' P01 --db '$dbo' </dev/null >/dev/null 2>&1; [ \$? -eq 64 ]"

# a whole session
db2=$tmp/two.db
evening "$db2"
s2=$(session_of "$db2")
"$KLANKBORD" search weiword --db "$db2" >/dev/null
"$KLANKBORD" erase "$s2" --yes --db "$db2" >"$tmp/erase2.out" 2>"$tmp/erase2.err"
rc=$?
check "erase a whole session: exit 0 ($(cat "$tmp/erase2.err"))" [ $rc -eq 0 ]
for w in "Zainab" "Wei Lanfang" "Tesfay" "Yazidi-Sinjar" "Hakka-Meixian" "Tigray-Adwa" "zainabword" "weiword" \
	"我的邻居帮助了我" "tesfayword" "Karim" "Erasure evening" "Testdorp"; do
	check "erased session: no \"$w\" in the database, -wal or -shm" gone "$db2" "$w"
done
check "list shows the session as erased" sh -c "'$KLANKBORD' list --db '$db2' | grep -q erased"
check "export of an erased session: exit 66" sh -c "'$KLANKBORD' export '$s2' --db '$db2' >/dev/null 2>&1; [ \$? -eq 66 ]"

# retention: two sessions, the older erased by --ended-before
db3=$tmp/three.db
evening "$db3"
old=$(session_of "$db3")
printf '/end\n' | "$KLANKBORD" run "$SHARED/agendas/valid/minimal.yaml" --db "$db3" --batch - >/dev/null 2>&1
"$KLANKBORD" erase --ended-before 2999-01-01 --db "$db3" >/dev/null 2>"$tmp/erase3.err"
check "--ended-before without --yes: exit 64" [ $? -eq 64 ]
"$KLANKBORD" erase --ended-before 2999-01-01 --yes --db "$db3" >"$tmp/erase3.out" 2>"$tmp/erase3.err"
rc=$?
check "--ended-before --yes: exit 0 ($(cat "$tmp/erase3.err"))" [ $rc -eq 0 ]
for w in "Zainab" "Wei Lanfang" "zainabword" "weiword"; do
	check "retention: no \"$w\" in the files" gone "$db3" "$w"
done
check "retention: both sessions erased" sh -c "[ \$('$KLANKBORD' list --db '$db3' | grep -c '  erased  ') -eq 2 ]"
"$KLANKBORD" erase --ended-before 1999-01-01 --yes --db "$db3" >"$tmp/erase4.out" 2>&1
check "--ended-before with nothing to erase: exit 0" [ $? -eq 0 ]
check "list shows how old each session is" sh -c "'$KLANKBORD' list --db '$db' | grep -qE 'ended (today|[0-9]+ days? ago)'"

# consent withdrawn after the session
db4=$tmp/four.db
evening "$db4"
s4=$(session_of "$db4")
"$KLANKBORD" export "$s4" --db "$db4" | tr '{' '\n' | grep 'weiword-one' >"$tmp/c-before.txt"
check "P02 consented: quotable" grep -q '"quotable":true' "$tmp/c-before.txt"
"$KLANKBORD" export "$s4" --db "$db4" --format md -o "$tmp/c-before.md"
check "P02 consented: the md report quotes them" grep -q '^> .*weiword-one' "$tmp/c-before.md"
"$KLANKBORD" consent "$s4" P02 --quotes no --db "$db4" >"$tmp/consent.out" 2>&1
rc=$?
check "consent --quotes no: exit 0 ($(cat "$tmp/consent.out"))" [ $rc -eq 0 ]
"$KLANKBORD" export "$s4" --db "$db4" >"$tmp/c-after.json"
tr '{' '\n' <"$tmp/c-after.json" | grep 'weiword-one' >"$tmp/c-after.txt"
check "after withdrawal: not quotable" grep -q '"quotable":false' "$tmp/c-after.txt"
"$KLANKBORD" export "$s4" --db "$db4" --format md -o "$tmp/c-after.md"
check "after withdrawal: the md report lists it without attribution" sh -c "grep -q '^- .*weiword-one' '$tmp/c-after.md' && ! grep -q '^> .*weiword-one' '$tmp/c-after.md'"
"$KLANKBORD" export "$s4" --db "$db4" --format csv -o "$tmp/c-after.csv"
check "after withdrawal: csv quotable false (its last column)" sh -c "tr -d '\\r' <'$tmp/c-after.csv' | grep -q 'weiword-one\",.*\"false\"\$'"
check "the consent event is in the log with its time" grep -qE '"type":"consent","payload":\{"participant":"P02","quotes":false\}' "$tmp/c-after.json"
"$KLANKBORD" search weiword --json --db "$db4" >"$tmp/c-search.json"
check "search follows the current consent (quotable false)" grep -qE '"participant":"P02",.*"quotable":false' "$tmp/c-search.json"
"$KLANKBORD" search weiword --db "$db4" >"$tmp/c-search.txt"
check "search text: not to be quoted" grep -qF '(not to be quoted)' "$tmp/c-search.txt"
tr '{' '\n' <"$tmp/c-after.json" | grep 'tesfayword-one' >"$tmp/c-p03.txt"
check "/consent during the session: P03 (no consent in the agenda) quotable" grep -q '"quotable":true' "$tmp/c-p03.txt"
check "consent of nobody: refused" sh -c "! '$KLANKBORD' consent '$s4' P99 --quotes no --db '$db4' >/dev/null 2>&1"

# a backup while a --batch writer runs: consistent and complete up to a committed line
db5=$tmp/five.db
fifo=$tmp/fifo
mkfifo "$fifo"
"$KLANKBORD" run "$agenda" --db "$db5" --batch "$fifo" >"$tmp/batch5.out" 2>&1 &
writer=$!
exec 3>"$fifo"
i=1
while [ $i -le 200 ]; do printf 'P02: backupline-%d\n' $i >&3; i=$((i + 1)); done
sleep 1
"$KLANKBORD" backup "$tmp/copy.db" --db "$db5" >"$tmp/backup.out" 2>"$tmp/backup.err"
rc=$?
check "backup during a writer: exit 0 ($(cat "$tmp/backup.err"))" [ $rc -eq 0 ]
committed=$(grep -c '^ok' "$tmp/batch5.out")
while [ $i -le 400 ]; do printf 'P02: backupline-%d\n' $i >&3; i=$((i + 1)); done
printf '/end\n' >&3
exec 3>&-
wait $writer
check "the copy is mode 0600" [ "$(stat -c %a "$tmp/copy.db")" = 600 ]
check "the copy is one file" [ ! -e "$tmp/copy.db-wal" ]
if command -v sqlite3 >/dev/null; then
	check "the copy passes integrity_check" [ "$(sqlite3 "$tmp/copy.db" 'PRAGMA integrity_check')" = ok ]
	n=$(sqlite3 "$tmp/copy.db" "SELECT count(*) FROM events WHERE payload LIKE '%backupline-%'")
	check "the copy holds every line committed before it ($n >= 200 - 1 acknowledged before: $committed)" [ "$n" -ge 199 ]
	last=$(sqlite3 "$tmp/copy.db" "SELECT max(CAST(substr(json_extract(payload, '\$.text'), 12) AS INTEGER)) FROM events WHERE payload LIKE '%backupline-%'")
	check "the copy is complete up to a committed line (lines 1..$last, no gap)" [ "$n" -eq "$last" ]
fi
check "the copy opens as a klankbord database" sh -c "'$KLANKBORD' list --db '$tmp/copy.db' >/dev/null"
check "backup never replaces a file: exit 73" sh -c "'$KLANKBORD' backup '$tmp/copy.db' --db '$db5' 2>/dev/null; [ \$? -eq 73 ]"

# another connection holds the database: the erasure is committed, the -wal cannot be
# emptied (exit 75), and --scrub finishes it once that connection is gone
if command -v sqlite3 >/dev/null; then
	db6=$tmp/six.db
	evening "$db6"
	s6=$(session_of "$db6")
	mkfifo "$tmp/hold"
	sqlite3 "$db6" <"$tmp/hold" >/dev/null 2>&1 &
	holder=$!
	exec 4>"$tmp/hold"
	printf 'BEGIN; SELECT count(*) FROM events;\n' >&4
	sleep 1
	"$KLANKBORD" erase "$s6" P01 --yes --db "$db6" >/dev/null 2>"$tmp/erase6.err"
	rc=$?
	check "erase while another connection reads: exit 75 ($rc)" [ $rc -eq 75 ]
	check "erase while another connection reads: says to run --scrub" grep -q -- '--scrub' "$tmp/erase6.err"
	printf 'COMMIT;\n.quit\n' >&4
	exec 4>&-
	wait $holder
	"$KLANKBORD" erase --scrub --db "$db6" >/dev/null 2>"$tmp/scrub.err"
	rc=$?
	check "erase --scrub afterwards: exit 0 ($(cat "$tmp/scrub.err"))" [ $rc -eq 0 ]
	for w in "Zainab" "zainabword" "🌻🍵"; do
		check "after --scrub: no \"$w\" in the files" gone "$db6" "$w"
	done
fi

# a database written before schema version 5 (without secure_delete): its first erasure
# rewrites the file once (VACUUM), then nothing of the erased is left
if command -v sqlite3 >/dev/null; then
	old=$tmp/old.db
	sqlite3 "$old" <tests/fixtures/schema3-evening.sql
	check "the old fixture holds P1's name and words (the test can fail)" sh -c "grep -aqF 'أمل الحسن' '$old' && grep -aqF '第一周我住在临时住所' '$old'"
	"$KLANKBORD" erase 01f4f0b5 P1 --yes --db "$old" >"$tmp/old.out" 2>"$tmp/old.err"
	rc=$?
	check "erase in a schema-3 database: exit 0 ($(cat "$tmp/old.err"))" [ $rc -eq 0 ]
	check "its first erasure rewrote the file (VACUUM)" grep -q 'VACUUM' "$tmp/old.out"
	for w in "أمل الحسن" "第一周我住在临时住所"; do
		check "old database: no \"$w\" in the files" gone "$old" "$w"
	done
	check "the flag is cleared: the next erasure does not rewrite" sh -c "'$KLANKBORD' erase 01f4f0b5 P2 --yes --db '$old' | grep -qv VACUUM"
fi
