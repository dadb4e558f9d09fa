#!/bin/sh
# report_across.sh: the report across sessions (docs/reports.md) and the steered search,
# over four sessions built with `klankbord run --batch` and counted by hand below:
#   A  expert-pool-nijmegen.yaml  Municipality of Nijmegen  2024-03-14
#      E01 !obstacle #language (consents)     E02 !obstacle #language (does not)
#      E03 !success #housing (no consent)     E04 !quote #language #bridges (consents)
#      a line undone; a vote lessons-fit on item language (3, 4, 5: median 4, mean 4)
#      E01 !recommendation #language and /recommend, both on item language
#   B  examples/expert-pool-en.yaml  Municipality of Utrecht  2026-12-10
#      E01 !obstacle #language #education (consents)  E04 !success #work (consents)
#      E02 !quote #language (does not)  E03 !idea #bridges  a note  /recommend on welcome
#   C  examples/klankbordgroep-nl.yaml  Gemeente Almere  2026-12-17
#      D01 !obstacle #housing #stability (consents)  D02 !obstacle #housing (no consent)
#      D01 !quote in Chinese #housing (consents)
#   D  multilingual.yaml  Gemeente Nijmegen, no date: its day is the day it started
#      P1 !idea #language
# The golden files (tests/fixtures/report-across.*) are the report of A, B and C, with the
# session ids replaced by SESSION-A, -B, -C.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
golden=tests/fixtures/report-across
tmp=${TEST_TMP:-/tmp}/report_across.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC
db="$tmp/k.db"
check() { # check NAME CONDITION...
	name=$1; shift
	if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi
}
has() { grep -qF -- "$1" "$2"; }
lines() { [ "$(wc -l <"$2" | tr -d ' ')" -eq "$1" ]; }
run() { # run AGENDA: capture lines from standard input
	"$KLANKBORD" run "$1" --db "$db" --batch - >"$tmp/run.out" 2>&1 || { echo "run $1 failed:"; cat "$tmp/run.out"; }
}

printf '%s\n' \
	'E01: !obstacle waited nine months for #language lessons' \
	'E02: !obstacle the letters are too hard #language' \
	'E03: !success found a room quickly #housing' \
	'E04: !quote the library helped me most #language #bridges' \
	'E01: to be undone #work' \
	'/undo' \
	'/next' '/next' \
	'/vote lessons-fit' 'E01: 3' 'E02: 4' 'E04: 5' '/close' \
	'E01: !recommendation lessons in the evening #language' \
	'/recommend Start language lessons within four weeks' \
	'/end' | run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml"
printf '%s\n' \
	'E01: !obstacle no childcare during lessons #language #education' \
	'E04: !success volunteering led to work #work' \
	'E02: !quote nobody explained the programme #language' \
	'E03: !idea a buddy for every newcomer #bridges' \
	'the room takes a break' \
	'/recommend A buddy for every newcomer' \
	'/end' | run examples/expert-pool-en.yaml
printf '%s\n' \
	'D01: !obstacle zes maanden in de opvang #housing #stability' \
	'D02: !obstacle geen uitleg over huurtoeslag #housing' \
	'D01: !quote 第一周我住在临时住所 #housing' \
	'/end' | run examples/klankbordgroep-nl.yaml
printf '%s\n' 'P1: !idea een taalcafé op zaterdag #language' '/end' | run "$SHARED/agendas/valid/multilingual.yaml"

"$KLANKBORD" list --db "$db" --json >"$tmp/list.json"
id_of() { # id_of ORGANISATION: the id of that organisation's session
	python3 -c 'import json,sys; print([s["id"] for s in json.load(open(sys.argv[1])) if s["organisation"] == sys.argv[2]][0])' \
		"$tmp/list.json" "$1"
}
A=$(id_of "Municipality of Nijmegen")
B=$(id_of "Municipality of Utrecht")
C=$(id_of "Gemeente Almere")
D=$(id_of "Gemeente Nijmegen")
today=$(date +%F)
check "four sessions were recorded" sh -c '[ -n "$1" ] && [ -n "$2" ] && [ -n "$3" ] && [ -n "$4" ]' sh "$A" "$B" "$C" "$D"
ids() { sed -e "s/$A/SESSION-A/g; s/$B/SESSION-B/g; s/$C/SESSION-C/g" \
	-e "s/$(echo "$A" | cut -c1-8)/SESSION-A/g; s/$(echo "$B" | cut -c1-8)/SESSION-B/g; s/$(echo "$C" | cut -c1-8)/SESSION-C/g" \
	-e 's/"id":"[0-9a-f-]\{36\}"/"id":"RECOMMENDATION"/g'; }
report() { "$KLANKBORD" report --db "$db" --session "$A" --session "$B" --session "$C" "$@"; }

# ---- the figures, counted by hand ----
report --format json >"$tmp/r.json" 2>"$tmp/err"
check "report --format json: exit 0" [ $? -eq 0 ]
py() { code=$1; shift; python3 -c "import json,sys; r=json.load(open(sys.argv[1])); $code" "$tmp/r.json" "$@"; }
check "json: exactly the keys sessions, matrix, quotes, recommendations" \
	py 'sys.exit(sorted(r) != ["matrix", "quotes", "recommendations", "sessions"])'
check "json: sessions in date order with their contributions (5, 5, 3)" \
	py 'sys.exit([(s["date"], s["contributions"]) for s in r["sessions"]] != [("2024-03-14", 5), ("2026-12-10", 5), ("2026-12-17", 3)])'
check "json: session keys" py 'sys.exit(sorted(r["sessions"][0]) != ["contributions", "date", "id", "organisation", "title"])'
check "json: fourteen domains in codebook order" \
	py 'sys.exit([m["code"] for m in r["matrix"]] != "work housing education health leisure bonds bridges links language culture digital safety stability rights".split())'
check "json: matrix keys" py 'sys.exit(sorted(r["matrix"][0]) != ["code", "group", "kinds", "label", "per_session", "total"])'
row() { py "m = {m['code']: m for m in r['matrix']}[sys.argv[2]]; sys.exit(not ($1))" "$2"; }
check "matrix: language 4, 2, 0 (the undone line left out)" row 'm["per_session"] == [4, 2, 0] and m["total"] == 6' language
check "matrix: language kinds: 3 obstacles, 2 quotes, 1 recommendation" \
	row 'm["kinds"]["obstacle"] == 3 and m["kinds"]["quote"] == 2 and m["kinds"]["recommendation"] == 1 and m["kinds"]["success"] == 0' language
check "matrix: housing 1, 0, 3 (2 obstacles in C)" row 'm["per_session"] == [1, 0, 3] and m["kinds"]["obstacle"] == 2 and m["kinds"]["success"] == 1' housing
check "matrix: work 0, 1, 0; the undone #work not counted" row 'm["per_session"] == [0, 1, 0] and m["kinds"]["success"] == 1' work
check "matrix: bridges 1, 1, 0" row 'm["per_session"] == [1, 1, 0] and m["kinds"]["quote"] == 1 and m["kinds"]["idea"] == 1' bridges
check "matrix: education 0, 1, 0 and stability 0, 0, 1" py \
	'm = {m["code"]: m for m in r["matrix"]}; sys.exit(not (m["education"]["per_session"] == [0, 1, 0] and m["stability"]["per_session"] == [0, 0, 1]))'
check "matrix: group and label from the codebook" row 'm["group"] == "Facilitators" and m["label"] == "Language and communication"' language
check "matrix: health came up nowhere" row 'm["per_session"] == [0, 0, 0] and m["total"] == 0' health
check "quotes: only kind quote of speakers who consented (E04 in A, D01 in C)" \
	py 'sys.exit([(q["participant"], q["codes"]) for q in r["quotes"]] != [("E04", ["bridges", "language"]), ("D01", ["housing"])])'
check "quotes: keys and text" \
	py 'q = r["quotes"][1]; sys.exit(sorted(q) != ["codes", "item", "kind", "participant", "session", "text"] or q["text"] != "第一周我住在临时住所")'
check "recommendations: three, with session and item" \
	py 'sys.exit([(x["item"], x["text"]) for x in r["recommendations"]] != [("language", "lessons in the evening"), ("language", "Start language lessons within four weeks"), ("welcome", "A buddy for every newcomer")])'
check "recommendations: the vote on the item and its result" \
	py 'v = r["recommendations"][1]["votes"]; sys.exit(len(v) != 1 or v[0]["vote"] != "lessons-fit" or not v[0]["result"].startswith("Median 4") or r["recommendations"][2]["votes"] != [])'
for f in text md json csv html; do
	report --format "$f" >"$tmp/names.$f" 2>&1
	check "no name and no community in the $f report" \
		sh -c '[ -s "$1" ] && ! grep -qE "Amal|Yonas|Olena|Hiwet|Fatima|Rasha|Mariam|Iryna|Syrian|Syrisch|Eritrean|Eritrees|Ukrainian|Afghaans" "$1"' sh "$tmp/names.$f"
done

# ---- golden files (ids replaced) ----
for f in md csv json; do
	report --format "$f" | ids >"$tmp/report.$f"
	if [ -n "${GOLDEN_UPDATE:-}" ]; then cp "$tmp/report.$f" "$golden.$f"; fi
	check "golden: report --format $f" cmp -s "$tmp/report.$f" "$golden.$f"
done
report --format text >"$tmp/report.txt"
check "text: the matrix with a column per session" grep -qE '^  Language and communication \(language\) +4 +2 +0 +6 +2 +3 +0 +0$' "$tmp/report.txt"
check "text: domains that recur" has 'Housing (housing): 2 of 3 sessions' "$tmp/report.txt"
check "text: a consented obstacle quoted, one without consent not" \
	sh -c 'grep -q "E01 on welcome: \"waited nine months for language lessons\"" "$1" && ! grep -q "letters are too hard" "$1"' sh "$tmp/report.txt"
check "text: the counts per code and kind are kept" grep -qE '^language +obstacle +3 +2$' "$tmp/report.txt"
check "text: the vote's result under its recommendation" grep -q 'vote lessons-fit (How well do the lessons fit your life?): Median 4' "$tmp/report.txt"
python3 -c 'import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline=""))); sys.exit(not (rows[0][:5] == ["code","label","group","total","sessions"] and len(rows) == 16 and rows[9][5:8] == ["4","2","0"]))' "$tmp/report.csv"
check "csv: read back by Python's csv: header, 14 domains and all" [ $? -eq 0 ]
"$KLANKBORD" report --db "$db" --session "$A" --format csv -o "$tmp/out.csv" >"$tmp/out" 2>&1
check "-o FILE: written there, mode 0600, nothing on standard output" \
	sh -c '[ -s "$1" ] && [ ! -s "$2" ] && [ "$(stat -c %a "$1")" = 600 ]' sh "$tmp/out.csv" "$tmp/out"

# ---- html: self-contained, escaped, well-formed, drawn by Chromium ----
report --format html -o "$tmp/report.html" 2>"$tmp/err"
check "html: written" [ -s "$tmp/report.html" ]
check "html: self-contained (no http:, https:, //, <script>, url(, @import)" \
	sh -c '! grep -qiE "http:|https:|//|<script|url\(|@import|<link|<img" "$1"' sh "$tmp/report.html"
cat >"$tmp/wellformed.py" <<'PY'
import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "hr", "img", "input", "link", "rect"}
class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.bad = [], []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        pass
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.bad.append(tag)
        else:
            self.stack.pop()
c = Check()
c.feed(open(sys.argv[1], encoding="utf-8").read())
sys.exit(1 if c.bad or c.stack else 0)
PY
check "html: well-formed (every element closed, in order)" python3 "$tmp/wellformed.py" "$tmp/report.html"
chromium_dom() { # chromium_dom FILE: the DOM Chromium builds from FILE, on standard output
	profile=$(mktemp -d "$tmp/chromium.XXXXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile" \
		--dump-dom "file://$1" 2>/dev/null
}
if command -v chromium >/dev/null 2>&1; then
	chromium_dom "$tmp/report.html" >"$tmp/dom.html"
	check "html: Chromium draws a bar per kind for each of the 6 domains that came up (18)" \
		[ "$(grep -o '<rect class="bar"' "$tmp/dom.html" | wc -l)" -eq 18 ]
	check "html: Chromium draws the heat map (15 rows of 3 cells)" \
		[ "$(grep -o 'class="cell"' "$tmp/dom.html" | wc -l)" -eq 45 ]
	check "html: the bar of language obstacles is the longest (3 of 3)" \
		grep -q '<rect class="bar" data-kind="obstacle" fill="#c0392b" x="0" y="0" width="100.0"' "$tmp/dom.html"
else
	echo "not ok - html: chromium is not installed (scripts/deps.sh check installs it)"
fi
hdb="$tmp/hostile.db"
printf '%s\n' 'E01: !quote <script>alert(1)</script> & "quoted" '"'"'x'"'"' #language' '/end' |
	"$KLANKBORD" run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml" --db "$hdb" --batch - >/dev/null 2>&1
"$KLANKBORD" report --db "$hdb" --format html >"$tmp/hostile.html" 2>&1
check "html: text from the database is escaped" sh -c '! grep -q "<script" "$1" && grep -qF "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;x&#39;" "$1"' sh "$tmp/hostile.html"
check "html: still well-formed" python3 "$tmp/wellformed.py" "$tmp/hostile.html"

# ---- organisation ----
"$KLANKBORD" report --db "$db" --organisation utrecht --json >"$tmp/o.json" 2>&1
check "--organisation utrecht finds Municipality of Utrecht" \
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit([s["organisation"] for s in r["sessions"]] != ["Municipality of Utrecht"])' "$tmp/o.json"
"$KLANKBORD" report --db "$db" --organisation 'GEMEENTE NIJMEGEN' --json >"$tmp/o.json" 2>&1
check "--organisation: a whole name wins over a part of another" \
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit([s["organisation"] for s in r["sessions"]] != ["Gemeente Nijmegen"])' "$tmp/o.json"
"$KLANKBORD" report --db "$db" --organisation nijmegen >"$tmp/out" 2>"$tmp/err"
rc=$?
check "--organisation: an ambiguous part exits 64 naming both" \
	sh -c '[ "$1" -eq 64 ] && grep -q "Gemeente Nijmegen" "$2" && grep -q "Municipality of Nijmegen" "$2"' sh "$rc" "$tmp/err"
"$KLANKBORD" report --db "$db" --organisation 'Gemeente Elders' >"$tmp/out" 2>"$tmp/err"
rc=$?
check "--organisation: nothing matches: exit 66, said on standard error" \
	sh -c '[ "$1" -eq 66 ] && [ ! -s "$2" ] && grep -q "Gemeente Elders" "$3"' sh "$rc" "$tmp/out" "$tmp/err"
"$KLANKBORD" report --db "$db" --session ffffffff >/dev/null 2>"$tmp/err"
check "--session: no such session exits 66" [ $? -eq 66 ]

# ---- dates ----
"$KLANKBORD" report --db "$db" --from "$today" --to "$today" --json >"$tmp/d.json" 2>&1
check "report --from/--to: a session without a date takes the day it started" \
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit([(s["organisation"], s["date"]) for s in r["sessions"]] != [("Gemeente Nijmegen", sys.argv[2])])' "$tmp/d.json" "$today"
"$KLANKBORD" report --db "$db" --from 2026-12-01 --to 2026-12-31 --json >"$tmp/d.json" 2>&1
check "report --from/--to: inclusive" \
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); d=[s["date"] for s in r["sessions"]]; sys.exit(not ("2026-12-10" in d and "2026-12-17" in d and "2024-03-14" not in d))' "$tmp/d.json"
"$KLANKBORD" list --db "$db" >"$tmp/l.txt"
check "list: the day it started for a session without a date" grep -q "^$(echo "$D" | cut -c1-8)  $today  Gemeente Nijmegen" "$tmp/l.txt"
for bad in 2026-02-30 2026-13-01 2025-02-29 2026-1-01; do
	"$KLANKBORD" report --db "$db" --from "$bad" >/dev/null 2>"$tmp/err"
	rc=$?
	check "report: impossible date $bad exits 64" sh -c '[ "$1" -eq 64 ] && grep -q "takes a date" "$2"' sh "$rc" "$tmp/err"
	"$KLANKBORD" search lessons --db "$db" --to "$bad" >/dev/null 2>&1
	check "search: impossible date $bad exits 64" [ $? -eq 64 ]
done
"$KLANKBORD" report --db "$db" --from 2024-02-29 --to 2024-02-29 >/dev/null 2>&1
check "report: 2024-02-29 exists" [ $? -eq 0 ]
"$KLANKBORD" report --db "$db" --from 2026-12-31 --to 2026-01-01 >/dev/null 2>"$tmp/err"
rc=$?
check "report: --from after --to exits 64" sh -c '[ "$1" -eq 64 ] && grep -q "is after" "$2"' sh "$rc" "$tmp/err"
"$KLANKBORD" search lessons --db "$db" --from 2026-12-31 --to 2026-01-01 >/dev/null 2>&1
check "search: --from after --to exits 64" [ $? -eq 64 ]
"$KLANKBORD" report --db "$db" --format pdf >/dev/null 2>&1
check "report: an unknown format exits 64" [ $? -eq 64 ]

# ---- search ----
s() { "$KLANKBORD" search "$@" --db "$db" >"$tmp/s.txt" 2>"$tmp/s.err"; }
s housing
check "search: a code finds what carries it (3 in C, 1 in A)" lines 4 "$tmp/s.txt"
check "search: each hit names session, date, item, speaker, kind and codes" \
	grep -qF "$(echo "$C" | cut -c1-8)  2026-12-17  Gemeente Almere" "$tmp/s.txt"
s housing --limit 1
check "search: the newest hit first, with item, speaker, kind, codes" \
	grep -qE '^[0-9a-f]{8}  2026-12-17  Gemeente Almere  [0-9]+  welkom  D01  !quote  第一周我住在临时住所  #housing$' "$tmp/s.txt"
s obstacle
check "search: a kind finds its contributions (3 in A and B... 5 obstacles)" lines 5 "$tmp/s.txt"
s lessons
check "search: the match is marked in the snippet" has '!obstacle  waited nine months for language [lessons]  #language' "$tmp/s.txt"
s '临时住所'
check "search: Chinese words inside a run" has '第一周我住在[临时住所]' "$tmp/s.txt"
s '住所'
check "search: a Chinese word of two characters (shorter than a trigram)" has '第一周我住在临时[住所]' "$tmp/s.txt"
s buddy
check "search: a /recommend is found too" sh -c 'grep -q "welcome  recommend  !recommendation  A \[buddy\] for every newcomer" "$1" && grep -q "E03  !idea  a \[buddy\]" "$1"' sh "$tmp/s.txt"
s language --code bridges
check "search --code" sh -c '[ "$(wc -l <"$1")" -eq 1 ] && grep -q "E04  !quote" "$1"' sh "$tmp/s.txt"
cp "$tmp/s.txt" "$tmp/bridges.txt"
s language --code Bruggen
check "search --code in Dutch: the same hits as the code it stands for" cmp -s "$tmp/s.txt" "$tmp/bridges.txt"
check "search --code in Dutch: it says what it searched for" \
	has "klankbord search: nothing is coded bruggen; searched for bridges, the code bruggen stands for in ioi-2019" "$tmp/s.err"
s language --code BRIDGES
check "search --code: in capitals too" cmp -s "$tmp/s.txt" "$tmp/bridges.txt"
s language --kind obstacle
check "search --kind" sh -c '[ "$(wc -l <"$1")" -eq 3 ] && ! grep -qv "!obstacle" "$1"' sh "$tmp/s.txt"
cp "$tmp/s.txt" "$tmp/obstacle.txt"
s language --kind Obstakel
check "search --kind in Dutch: the same hits" cmp -s "$tmp/s.txt" "$tmp/obstacle.txt"
s language --kind obs
check "search --kind: a unique start, as on the capture line" cmp -s "$tmp/s.txt" "$tmp/obstacle.txt"
s language --participant E01
check "search --participant" sh -c '[ "$(wc -l <"$1")" -eq 3 ] && ! grep -qv "  E01  " "$1"' sh "$tmp/s.txt"
s language --item language
check "search --item (the recommendation and the /recommend on item language)" lines 2 "$tmp/s.txt"
s language --session "$(echo "$B" | cut -c1-6)"
check "search --session (a prefix)" sh -c '[ "$(wc -l <"$1")" -eq 2 ] && ! grep -qv "^$2" "$1"' sh "$tmp/s.txt" "$(echo "$B" | cut -c1-8)"
s language --organisation utrecht
check "search --organisation (a part)" sh -c '[ "$(wc -l <"$1")" -eq 2 ] && ! grep -qv "Municipality of Utrecht" "$1"' sh "$tmp/s.txt"
s language --from 2026-12-10 --to 2026-12-10
check "search --from --to" sh -c '[ "$(wc -l <"$1")" -eq 2 ] && ! grep -qv "2026-12-10" "$1"' sh "$tmp/s.txt"
s taalcafé
check "search: a session without a date shows the day it started" grep -q "  $today  Gemeente Nijmegen" "$tmp/s.txt"
s language --kind recommendation --json
check "search --json: item, codes and source" \
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(sorted((h["source"], h["item"], tuple(h["codes"])) for h in r) != [("contribution", "language", ("language",)), ("recommend", "language", ())])' "$tmp/s.txt"
s language --organisation 'Gemeente Elders'
check "search: an unknown organisation exits 66" [ $? -eq 66 ]
s language --kind opinion
check "search: an unknown kind exits 64" [ $? -eq 64 ]

# ---- an edit moves a contribution in the search index ----
edb="$tmp/edit.db"
printf '%s\n' 'E01: !obstacle waited for a house #housing' '/edit 1 !success found a house #work' '/end' |
	"$KLANKBORD" run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml" --db "$edb" --batch - >/dev/null 2>&1
"$KLANKBORD" search work --db "$edb" >"$tmp/s.txt" 2>&1
check "search after /edit: the new code and kind are found" grep -q '!success  found a house  #housing #work$' "$tmp/s.txt"
"$KLANKBORD" search obstacle --db "$edb" >"$tmp/s.txt" 2>/dev/null
check "search after /edit: the old kind is not" [ ! -s "$tmp/s.txt" ]
"$KLANKBORD" search waited --db "$edb" >"$tmp/s.txt" 2>/dev/null
check "search after /edit: the old text is not" [ ! -s "$tmp/s.txt" ]
"$KLANKBORD" search 'house' --db "$edb" >"$tmp/s.txt" 2>&1
check "search after /edit: the new text is, once" lines 1 "$tmp/s.txt"
