#!/bin/sh
# privacy.sh: names and communities leave the database only with --names and
# --communities, in every part of the export, the event log included. A name given live
# (/participant E21 NAME) and the names and communities of the agenda are looked for in
# the whole default export, byte for byte; then in every format of the export table.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
tmp=${TEST_TMP:-/tmp}/privacy.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
db="$tmp/k.db"
agenda="$SHARED/agendas/valid/expert-pool-nijmegen.yaml"
check() { # check NAME CONDITION...
	name=$1; shift
	if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi
}
absent() { ! grep -qF "$1" "$2"; }

printf '%s\n' \
	'E01: !obstacle waited 9 months for #language lessons' \
	'/participant E21 Fatima Example' \
	'E21: !experience my neighbour helped me with the letters' \
	'/participant E22' \
	'/end' | "$KLANKBORD" run "$agenda" --db "$db" --batch - >/dev/null 2>"$tmp/err"
check "privacy: the session was recorded" [ $? -eq 0 ]
session=$("$KLANKBORD" list --db "$db" --json | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1)
"$KLANKBORD" export "$session" --db "$db" >"$tmp/default.json"
"$KLANKBORD" export "$session" --db "$db" --names >"$tmp/names.json"
"$KLANKBORD" export "$session" --db "$db" --communities >"$tmp/communities.json"
"$KLANKBORD" export "$session" --db "$db" --names --communities >"$tmp/both.json"

# Every name and community the agenda gives, and the one given live.
names="Fatima Example
Amal
Yonas
Olena
Interpreter (Arabic)
Policy officer"
communities="Syrian
Eritrean
Afghan
Ukrainian"
echo "$names" | while IFS= read -r n; do
	check "default export holds no name: $n" absent "\"$n\"" "$tmp/default.json"
	check "--communities alone holds no name: $n" absent "\"$n\"" "$tmp/communities.json"
	check "--names holds the name: $n" grep -qF "\"$n\"" "$tmp/names.json"
done
echo "$communities" | while IFS= read -r c; do
	check "default export holds no community: $c" absent "$c" "$tmp/default.json"
	check "--names alone holds no community: $c" absent "$c" "$tmp/names.json"
	check "--communities holds the community: $c" grep -qF "\"$c\"" "$tmp/communities.json"
done
check "default export: no name key anywhere, events included" absent '"name":' "$tmp/default.json"
check "default export: no community key anywhere" absent '"community":' "$tmp/default.json"
check "default export: the live participant is there by id" grep -qF '"type":"participant.add","payload":{"id":"E21","role":"expert"}' "$tmp/default.json"
check "--names: the live participant's event keeps the name" grep -qF '"payload":{"id":"E21","name":"Fatima Example","role":"expert"}' "$tmp/names.json"
check "--names: a participant added without a name shows null" grep -qF '"payload":{"id":"E22","name":null,"role":"expert"}' "$tmp/names.json"
check "--names --communities: both" sh -c "grep -qF '\"name\":\"Amal\"' '$tmp/both.json' && grep -qF '\"community\":\"Syrian\"' '$tmp/both.json'"

# Every format of the export table (out/export_formats.c, as `klankbord export` names
# them), each with and without --names and --communities, looked through byte for byte
# (grep -a: a qdpx is a zip of stored, uncompressed files).
formats=$("$KLANKBORD" export "$session" --db "$db" --format no-such-format 2>&1 | sed -n 's/.*(formats: \(.*\))$/\1/p' | tr -d ',')
check "the export names its formats ($formats)" [ -n "$formats" ]
for f in $formats; do
	for opts in "" "--names" "--communities" "--names --communities"; do
		out="$tmp/all.$f.$(echo "x$opts" | tr -d ' -')"
		"$KLANKBORD" export "$session" --db "$db" --format "$f" $opts -o "$out" 2>"$tmp/err"
		check "$f ${opts:-(no options)}: written" [ $? -eq 0 ]
	done
done
names_list=$(printf '%s\n' "$names")
for f in $formats; do
	plain="$tmp/all.$f.x" withn="$tmp/all.$f.xnames" withc="$tmp/all.$f.xcommunities" both="$tmp/all.$f.xnamescommunities"
	shows_people=false
	grep -aqF E21 "$plain" && shows_people=true
	echo "$names_list" | while IFS= read -r n; do
		check "$f: no name without --names: $n" sh -c "! grep -aqF '$n' '$plain' && ! grep -aqF '$n' '$withc'"
		if $shows_people; then
			check "$f: --names releases the name: $n" grep -aqF "$n" "$withn"
		fi
	done
	echo "$communities" | while IFS= read -r c; do
		check "$f: no community without --communities: $c" sh -c "! grep -aqF '$c' '$plain' && ! grep -aqF '$c' '$withn'"
		if $shows_people; then
			check "$f: --communities releases the community: $c" grep -aqF "$c" "$withc"
		fi
	done
	check "$f: every file is mode 0600" sh -c "[ \$(stat -c %a '$plain') = 600 ] && [ \$(stat -c %a '$both') = 600 ]"
done
