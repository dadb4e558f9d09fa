#!/bin/sh
# qda.sh: the REFI-QDA exports (--format qdc and qdpx, docs/refi-qda.md). Each export
# validates against the schemas in ../shared/refi-qda with xmllint, and tests/e2e/qda_check.py
# checks what the schemas cannot: every selection cuts its contribution's text exactly by
# code points (Arabic, Tigrinya, Persian with ZWNJ, Chinese, emoji), no BOM, no \r, every
# reference resolves, GUIDs as docs/refi-qda.md derives them. Exporting twice gives the same
# bytes; --names and --communities change only what they should; the default export holds
# no name and no community. xmllint, unzip and python3 missing is a failure, never a skip.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
checker=tests/e2e/qda_check.py
tmp=${TEST_TMP:-/tmp}/qda.$$
mkdir -p "$tmp"
[ -n "${QDA_KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
export TZ=UTC
check() { # check NAME CONDITION...
	name=$1; shift
	if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi
}
absent() { ! grep -rqF "$1" "$2"; }
present() { grep -rqF "$1" "$2"; }
# tap PREFIX COMMAND...: runs a command that prints TAP lines, prefixing each name; a
# command that fails without saying why counts as one failure.
tap() {
	prefix=$1; shift
	"$@" >"$tmp/tap" 2>&1
	rc=$?
	sed -n "s/^\(not \)\{0,1\}ok - /&$prefix: /p" "$tmp/tap"
	if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$tmp/tap"; then
		echo "not ok - $prefix: the checker failed: $(tail -n 1 "$tmp/tap")"
	fi
}
schema() { xmllint --noout --nonet --schema "$SHARED/refi-qda/$1" "$2" >/dev/null 2>"$tmp/xmllint"; }
for tool in xmllint unzip python3; do
	check "$tool is installed (scripts/deps.sh check)" sh -c "command -v $tool >/dev/null"
done

# unpack QDPX DIR: Info-ZIP's own test of the archive, then its files.
unpack() {
	rm -rf "$2" && mkdir -p "$2" && unzip -tq "$1" >/dev/null && unzip -q "$1" -d "$2"
}
# exports SESSION DB NAME [OPTIONS...]: the JSON, the codebook and the project of a session.
exports() {
	s=$1 db=$2 n=$3; shift 3
	"$KLANKBORD" export "$s" --db "$db" "$@" >"$tmp/$n.json" &&
	"$KLANKBORD" export "$s" --db "$db" "$@" --format qdc -o "$tmp/$n.qdc" &&
	"$KLANKBORD" export "$s" --db "$db" "$@" --format qdpx -o "$tmp/$n.qdpx"
}
# validate NAME: both schemas and the checker.
validate() {
	n=$1
	check "$n: the codebook validates against Codebook.xsd" schema Codebook.xsd "$tmp/$n.qdc"
	check "$n: unzip -t reads the archive" unpack "$tmp/$n.qdpx" "$tmp/$n"
	check "$n: project.qde validates against Project.xsd" schema Project.xsd "$tmp/$n/project.qde"
	tap "$n" python3 "$checker" qdpx "$tmp/$n.qdpx" "$tmp/$n.json" --guids "$tmp/$n.guids"
	tap "$n qdc" python3 "$checker" qdc "$tmp/$n.qdc" "$tmp/$n.json"
}

# 1. The fixture database: every event type, three agendas (one with its own codebook).
db="$tmp/old.db"
sqlite3 "$db" <tests/fixtures/schema3-evening.sql
for s in 1da94abb 01f4f0b5 7f50749d; do
	check "fixture $s: json, qdc and qdpx exports exit 0" exports "$s" "$db" "$s"
	validate "$s"
done
# The goldens (tests/fixtures/README.md): this build's files, read before they were committed.
listing() { # listing DIR: every text of an unpacked .qdpx, in name order, each under its name
	(cd "$1" && for f in project.qde sources/*; do echo "== $f"; cat "$f"; done)
}
for s in 1da94abb 01f4f0b5; do
	listing "$tmp/$s" >"$tmp/$s.listing"
	check "fixture $s: the qdpx's texts are the golden ones" cmp -s "$tmp/$s.listing" "tests/fixtures/schema3-$s.qdpx.txt"
done
for s in 1da94abb 7f50749d; do
	check "fixture $s: the codebook is the golden one" cmp -s "$tmp/$s.qdc" "tests/fixtures/schema3-$s.qdc"
done
check "custom codebook: its groups as non-codable codes" grep -qF 'name="Process" isCodable="false"' "$tmp/7f50749d.qdc"
check "custom codebook: its codes by label, the code and its group (escaped) in the Description" sh -c "grep -qF 'name=\"Waiting times\" isCodable=\"true\"' '$tmp/7f50749d.qdc' \
	&& grep -qF '<Description>Code #trust in the group &quot;Relationship&quot;' '$tmp/7f50749d.qdc'"
check "fixture 1da94abb: a consent vote's note in the console's words, with its reason, its speaker's id and (not to be quoted)" sh -c \
	"grep -rqxF 'Outcome: passed with objections' '$tmp/1da94abb/sources' && grep -rqxF 'E02 (disagree): the list is too long (not to be quoted)' '$tmp/1da94abb/sources'"
check "fixture 1da94abb: a dots vote's note with its rows and summary" sh -c \
	"grep -rqxF '2 Informal language cafés in the neighbourhood: 3 (43%)' '$tmp/1da94abb/sources' && grep -rqxF '3 voters · 7 dots' '$tmp/1da94abb/sources'"
check "fixture 1da94abb: a rank vote's note with points and runoff rounds" \
	grep -rqF '2 Information in my own language: 10 points · round 1: 2 · round 2: 2 · round 3: 3' "$tmp/1da94abb/sources"
check "fixture 1da94abb: one source per item, one text per vote and recommendation" \
	[ "$(ls "$tmp/1da94abb/sources" | wc -l)" -eq $((6 + 7 + 2)) ]

# 2. A session in five scripts and emoji, recorded here; ZWNJ and ESC written as bytes.
zwnj=$(printf '\342\200\214') esc=$(printf '\033') rlo=$(printf '\342\200\256')
printf '%s\n' \
	'P1: !obstacle تعلمت الهولندية في المكتبة بعد تسعة أشهر #language' \
	'P2: ቋንቋ ምምሃር ከቢድ እዩ #language #education' \
	"P3: !experience می${zwnj}خواهم زودتر کار کنم #work" \
	'P4: !success Мені допомогли волонтери #bridges' \
	'P5: !obstacle 等了九个月才开始上课 #language' \
	'P6: !idea 🌷 Taalcafé 👶🏽 in de wijk 👨‍👩‍👧 🇳🇱 #language #bridges #language' \
	'P6: to be retracted' \
	'/retract 7' \
	"P1: escaped & <tags> \"quoted\" ${esc}[31m red ${rlo}reversed" \
	'/vote eerst' 'P1: 2' 'P2: 2' 'P3: 1' '/close' \
	'/recommend Taalcafé in elke wijk — مقهى لغة' \
	'/end' | "$KLANKBORD" run "$SHARED/agendas/valid/multilingual.yaml" --db "$tmp/m.db" --batch - >/dev/null 2>&1
check "multilingual: the session was recorded" [ $? -eq 0 ]
m=$("$KLANKBORD" list --db "$tmp/m.db" --json | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1)
check "multilingual: exports exit 0" exports "$m" "$tmp/m.db" multi
validate multi
check "multilingual: ZWNJ kept in the source" present "می${zwnj}خواهم" "$tmp/multi/sources"
check "multilingual: ESC and U+202E not written, U+FFFD instead" sh -c \
	"! grep -rqF '$esc' '$tmp/multi' && ! grep -rqF '$rlo' '$tmp/multi' && grep -rqF '�[31m red �reversed' '$tmp/multi/sources'"
# The same export twice: the same bytes, so the same GUIDs.
"$KLANKBORD" export "$m" --db "$tmp/m.db" --format qdpx -o "$tmp/again.qdpx"
check "exporting twice gives the same archive, byte for byte" cmp -s "$tmp/multi.qdpx" "$tmp/again.qdpx"
"$KLANKBORD" export "$m" --db "$tmp/m.db" --format qdpx >"$tmp/piped.qdpx" 2>"$tmp/piped.err"
check "qdpx without -o on a pipe is refused (exit 64): standard output is for text" [ $? -eq 64 ]
check "qdpx without -o: nothing written, and it says to use -o" sh -c \
	"[ ! -s '$tmp/piped.qdpx' ] && grep -qF 'write it to a file with -o FILE' '$tmp/piped.err'"
python3 -c 'import os, pty, sys; sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:])))' \
	"$KLANKBORD" export "$m" --db "$tmp/m.db" --format qdpx >"$tmp/tty.out" 2>&1
check "qdpx to a terminal is refused (exit 64)" [ $? -eq 64 ]
check "qdpx to a terminal: says to use -o" grep -qF 'write it to a file with -o FILE' "$tmp/tty.out"
"$KLANKBORD" export "$m" --db "$tmp/m.db" --format qdc >"$tmp/piped.qdc"
check "qdc (text) on standard output is the same file as with -o" cmp -s "$tmp/multi.qdc" "$tmp/piped.qdc"

# An agenda without participants (no Cases element), a title with characters file names
# cannot hold, and one too long for a name (cut at a whole character).
long=$(printf 'ب%.0s' $(seq 150))
printf 'session:\n  title: "Edge: names"\nagenda:\n  - id: werk\n    title: "Werk / vrijwilligerswerk: wat hielp? <ja>"\n    minutes: 5\n  - id: lang\n    title: "%s"\n    minutes: 5\n' \
	"$long" >"$tmp/edge.yaml"
printf '%s\n' 'the room agrees' '/end' | "$KLANKBORD" run "$tmp/edge.yaml" --db "$tmp/e.db" --batch - >/dev/null 2>&1
e=$("$KLANKBORD" list --db "$tmp/e.db" --json | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1)
check "edge: exports exit 0" exports "$e" "$tmp/e.db" edge
validate edge
check "edge: no participants, no Cases element" absent '<Cases' "$tmp/edge/project.qde"
check "edge: a source's name holds no / : ? < > (a file name to QualCoder)" \
	grep -qF 'name="1. Werk - vrijwilligerswerk- wat hielp- -ja-"' "$tmp/edge/project.qde"
check "edge: a long name is cut at a whole character" \
	grep -qE 'name="2\. (ب){98}"' "$tmp/edge/project.qde"

# 3. Privacy: the Nijmegen agenda with a name given live, each option alone and both.
printf '%s\n' \
	'E01: !obstacle waited 9 months for #language lessons' \
	'/participant E21 Fatima Example' \
	'E21: !experience my neighbour helped me with the letters #links' \
	'/item recommendations' '/vote adopt-list' 'E01: agree' 'E02: block it leaves out the youngest' 'E04: disagree too long' '/close' \
	'/end' | "$KLANKBORD" run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml" --db "$tmp/p.db" --batch - >/dev/null 2>&1
check "privacy: the session was recorded" [ $? -eq 0 ]
p=$("$KLANKBORD" list --db "$tmp/p.db" --json | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1)
exports "$p" "$tmp/p.db" plain && exports "$p" "$tmp/p.db" names --names &&
	exports "$p" "$tmp/p.db" communities --communities && exports "$p" "$tmp/p.db" both --names --communities
check "privacy: the four exports exit 0" [ $? -eq 0 ]
for n in plain names communities both; do validate "$n"; done
for who in Amal Yonas Olena 'Fatima Example'; do
	check "default qdpx holds no name: $who" absent "$who" "$tmp/plain"
	check "default qdpx archive bytes hold no name: $who" absent "$who" "$tmp/plain.qdpx"
	check "--communities alone holds no name: $who" absent "$who" "$tmp/communities"
	check "--names holds the name: $who" present "$who" "$tmp/names/project.qde"
done
check "default qdpx: no case is named Yonas" absent 'name="E02 Yonas"' "$tmp/plain/project.qde"
check "--names: E02's case is named" present 'name="E02 Yonas"' "$tmp/names/project.qde"
check "--names: the consent reason's speaker is named" present 'E04 Olena (disagree)' "$tmp/names/sources"
for c in Syrian Eritrean Afghan Ukrainian; do
	check "default qdpx holds no community: $c" absent "$c" "$tmp/plain"
	check "--names alone holds no community: $c" absent "$c" "$tmp/names"
	check "--communities holds the community: $c" present "<TextValue>$c</TextValue>" "$tmp/communities/project.qde"
done
check "a vote never opened says so" grep -rqxF 'Not opened: no result.' "$tmp/plain/sources"
check "default qdpx: no community variable" absent 'name="community"' "$tmp/plain/project.qde"
check "qdc holds no participant at all, whatever the options" cmp -s "$tmp/plain.qdc" "$tmp/both.qdc"
tap "privacy" python3 "$checker" same "$tmp/plain.qdpx" "$tmp/names.qdpx" names "$tmp/names.json"
tap "privacy" python3 "$checker" same "$tmp/plain.qdpx" "$tmp/communities.qdpx" communities "$tmp/communities.json"
check "--names keeps every GUID" cmp -s "$tmp/plain.guids" "$tmp/names.guids"
check "--communities adds one GUID, its variable's" \
	[ "$(comm -13 "$tmp/plain.guids" "$tmp/communities.guids" | wc -l)" -eq 1 ] && \
	[ "$(comm -23 "$tmp/plain.guids" "$tmp/communities.guids" | wc -l)" -eq 0 ]
check "GUIDs of another session's same codes are the same" sh -c \
	"grep -qF \"\$(grep -o 'guid=\"[^\"]*\" name=\"Language and communication\"' '$tmp/plain.qdc')\" '$tmp/multi.qdc'"

# 4. The checker fails when it should: a shifted position, a BOM, a CRLF, a dangling CodeRef.
tamper() { # tamper NAME PYTHON-EXPRESSION-ON-(name, data)
	python3 - "$tmp/multi.qdpx" "$tmp/$1.qdpx" "$2" <<'PY'
import sys, zipfile, re
src, dst, expr = sys.argv[1:4]
with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w") as b:
    for info in a.infolist():
        name, data = info.filename, a.read(info.filename)
        b.writestr(info, eval(expr))
PY
	! python3 "$checker" qdpx "$tmp/$1.qdpx" "$tmp/multi.json" >/dev/null 2>&1
}
check "the checker catches a position one off" tamper shifted \
	're.sub(rb"endPosition=\"(\d+)\"", lambda m: b"endPosition=\"%d\"" % (int(m.group(1)) + 1), data, count=1) if name == "project.qde" else data'
check "the checker catches positions counted in bytes" tamper bytes \
	'data if name == "project.qde" else data.decode().encode("latin-1", "replace")'
check "the checker catches a byte-order mark" tamper bom 'b"\xef\xbb\xbf" + data if name != "project.qde" else data'
check "the checker catches CRLF line ends" tamper crlf 'data.replace(b"\n", b"\r\n") if name != "project.qde" else data'
check "the checker catches a dangling CodeRef" tamper dangling \
	're.sub(rb"(<CodeRef targetGUID=\")[0-9a-f]", rb"\g<1>f", data, count=1) if name == "project.qde" else data'

# 5. klankbord report --format qdpx: every session of a report in one project, each
# contribution with the same GUID as in its own session's export.
db="$tmp/old.db"
"$KLANKBORD" report --db "$db" --format qdpx >/dev/null 2>&1
check "report --format qdpx needs -o (exit 64)" [ $? -eq 64 ]
"$KLANKBORD" report --db "$db" --format qdpx -o "$tmp/report.qdpx" 2>"$tmp/report.err"
check "report --format qdpx: exit 0" [ $? -eq 0 ]
check "report qdpx: created 0600" [ "$(stat -c %a "$tmp/report.qdpx")" = 600 ]
check "report qdpx: unzip -t reads the archive" unpack "$tmp/report.qdpx" "$tmp/report"
check "report qdpx: project.qde validates against Project.xsd" schema Project.xsd "$tmp/report/project.qde"
check "report qdpx: one source per item of the three sessions (6 + 1 + 1)" \
	[ "$(grep -c '<TextSource ' "$tmp/report/project.qde")" -eq 8 ]
"$KLANKBORD" export 1da94abb --db "$db" --format qdpx -o "$tmp/one.qdpx" && unpack "$tmp/one.qdpx" "$tmp/one"
check "report qdpx: a contribution keeps the GUID of its session's own export" sh -c \
	"g=\$(grep -o '<PlainTextSelection guid=\"[0-9a-f-]*\"' '$tmp/one/project.qde' | head -n 1) && [ -n \"\$g\" ] && grep -qF \"\$g\" '$tmp/report/project.qde'"
"$KLANKBORD" report --db "$db" --organisation enschede --format qdpx -o "$tmp/enschede.qdpx" && unpack "$tmp/enschede.qdpx" "$tmp/enschede"
check "report qdpx --organisation: only that organisation's session" \
	[ "$(grep -c '<TextSource ' "$tmp/enschede/project.qde")" -eq 1 ]
check "report qdpx holds no name or community" sh -c "! grep -qE 'Fatima Example|Amal|Syrian|Ahmad Example' '$tmp/report/project.qde'"
