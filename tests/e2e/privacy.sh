#!/bin/sh
# privacy.sh: names and communities leave the database only with --names and
# --communities, in every part of the export, the event log included, and in every format
# of out/export_formats.c (read from `klankbord export --help`, so a new format is covered
# without a change here) and in `klankbord show`. A name given live (/participant E21
# NAME) and the names and communities of the agenda are looked for in the whole default
# export, byte for byte. Every participant speaks once, so that a format that shows only
# speakers (csv) holds every name and community when asked for them.
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
	'E02: the letters came in Dutch only' \
	'E03: !idea a buddy from the neighbourhood' \
	'E04: !success the library helped' \
	'T01: the interpreter adds that the room agrees' \
	'M01: the municipality will answer in writing' \
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

# Every format of the table, and show, with and without the options: the plain words.
# Each format is written with -o (a binary one needs it); a zip (qdpx) is read through
# unzip -p. qdc is a codebook file: it holds no participant, with or without the options
# (docs/refi-qda.md), so only the absence of names and communities is checked there.
holds_no_participants=" qdc "
formats=$("$KLANKBORD" export --help | sed -n '/^Formats:/,/^$/p' | sed -n 's/^  \([a-z0-9_-]*\)  *.*/\1/p')
check "the formats are read from export --help (json, md, html, csv at least)" \
	sh -c "echo '$formats' | tr '\n' ' ' | grep -q 'json md html csv'"
for f in $formats show; do
	write() { # write FILE OPTIONS...: the format's bytes, a zip's entries unpacked
		out=$1; shift
		if [ "$f" = show ]; then
			"$KLANKBORD" show "$session" --db "$db" "$@" >"$out" 2>&1
			return
		fi
		"$KLANKBORD" export "$session" --db "$db" --format "$f" -o "$out.raw" "$@" 2>"$out.err" || return
		if [ "$(head -c 2 "$out.raw")" = PK ]; then unzip -p "$out.raw" >"$out"; else cp "$out.raw" "$out"; fi
	}
	write "$tmp/$f.default"
	check "$f: exit 0" [ $? -eq 0 ]
	write "$tmp/$f.names" --names
	write "$tmp/$f.communities" --communities
	[ "$f" = show ] || check "$f: the file is created mode 0600" [ "$(stat -c %a "$tmp/$f.names.raw")" = 600 ]
	people=true
	case $holds_no_participants in *" $f "*) people=false ;; esac
	echo "$names" | while IFS= read -r n; do
		check "$f, default: no name $n" absent "$n" "$tmp/$f.default"
		check "$f --communities: no name $n" absent "$n" "$tmp/$f.communities"
		$people && check "$f --names: the name $n" grep -qF "$n" "$tmp/$f.names"
	done
	echo "$communities" | while IFS= read -r c; do
		check "$f, default: no community $c" absent "$c" "$tmp/$f.default"
		check "$f --names: no community $c" absent "$c" "$tmp/$f.names"
		$people && check "$f --communities: the community $c" grep -qF "$c" "$tmp/$f.communities"
	done
done
