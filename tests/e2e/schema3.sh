#!/bin/sh
# schema3.sh: a database written by the build before the event module (schema version 3,
# tests/fixtures/schema3-evening.sql: every event type, three sessions, several scripts)
# is read by this build, and its exports are byte-identical to that build's, apart from
# two documented changes: participant.add payloads carry the name only with --names, and
# recommendations carry their register entry (open, no history: tests/fixtures/README.md).
# The golden files were written by that build (tests/fixtures/README.md).
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
fixtures=tests/fixtures
tmp=${TEST_TMP:-/tmp}/schema3.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
check() { # check NAME CONDITION...
	name=$1; shift
	if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi
}
db="$tmp/old.db"
sqlite3 "$db" <"$fixtures/schema3-evening.sql"
check "the fixture loads into a schema-3 database" [ "$(sqlite3 "$db" 'PRAGMA user_version')" = 3 ]
export TZ=UTC
for s in 1da94abb 01f4f0b5 7f50749d; do
	"$KLANKBORD" export "$s" --db "$db" >"$tmp/$s.json" 2>"$tmp/err"
	check "export $s: exit 0" [ $? -eq 0 ]
	check "export $s: byte-identical to the old build's, names left out" cmp -s "$tmp/$s.json" "$fixtures/schema3-$s.json"
	"$KLANKBORD" export "$s" --db "$db" --names --communities >"$tmp/$s-names.json"
	check "export $s --names --communities: byte-identical to the old build's" \
		cmp -s "$tmp/$s-names.json" "$fixtures/schema3-$s-names.json"
done
# An edit and a retraction are found by the contribution's UUID: the edited text (seq 14)
# and the retracted entry (seq 15) are in the export, in search and in the report.
check "edit applied by UUID" grep -qF '"kind":"idea","text":"a library card for every newcomer","tags":["language","education"],"retracted":false,"edits":1' "$tmp/1da94abb.json"
check "retraction applied by UUID" grep -qF '"text":"ቋንቋ ምምሃር ከቢድ እዩ","tags":[],"retracted":true' "$tmp/1da94abb.json"
"$KLANKBORD" search 'library' --db "$db" >"$tmp/search" 2>&1
check "search finds the edited text" grep -qF 'library' "$tmp/search"
