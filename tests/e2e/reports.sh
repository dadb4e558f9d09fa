#!/bin/sh
# reports.sh: the readable exports (md, html, csv; out/export_md.c, export_html.c,
# export_csv.c) and `klankbord show`.
#
#   goldens    md and csv of the schema-3 fixture's sessions (tests/fixtures/
#              schema3-evening.sql: every vote type, six scripts, an edit, a retraction;
#              Chinese, Arabic, emoji) with TZ=UTC, byte for byte against tests/golden/
#   dates      a session whose agenda has no date takes the day it started, local time
#   csv        a session with commas, quotes, line breaks and formula-like text, read
#              back by Python's csv module and by sqlite3 .import, field by field
#              against the JSON export
#   html       self-contained (no URL, no script, no external reference), well formed,
#              rendered by headless Chromium: one bar per option of every counted vote,
#              a screenshot, and a print to PDF
#   hostile    <script>, a Markdown link, a heading and ESC [ 2 J in a contribution:
#              escaped in html and md (cmark-gfm renders no element from them), and no
#              raw ESC from `show`, paged through a pseudo-terminal or not
# Prints one "ok - NAME" / "not ok - NAME" line per check. Missing tools (python3,
# chromium, cmark-gfm, script) are failures: scripts/deps.sh check installs them.
# Environment: KLANKBORD (default build/asan/klankbord), SHARED (default ../shared), TEST_TMP.
# To look at a golden's difference: the failing check names the two files to diff.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
case $KLANKBORD in /*) ;; *) KLANKBORD=$(pwd)/$KLANKBORD ;; esac
case $SHARED in /*) ;; *) SHARED=$(pwd)/$SHARED ;; esac
golden=tests/golden
tmp=${TEST_TMP:-/tmp}/reports.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
check() { # check NAME CONDITION...
	name=$1; shift
	if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi
}
has() { command -v "$1" >/dev/null 2>&1; }
for tool in sqlite3 python3 chromium cmark-gfm script; do
	check "$tool is installed (scripts/deps.sh check)" has "$tool"
done
export TZ=UTC
esc=$(printf '\033')

# ---- goldens: md and csv of the fixture, byte for byte
db="$tmp/old.db"
sqlite3 "$db" <tests/fixtures/schema3-evening.sql
for s in 1da94abb 01f4f0b5; do
	for f in md csv; do
		"$KLANKBORD" export "$s" --db "$db" --format "$f" >"$tmp/$s.$f" 2>"$tmp/err"
		check "export $s --format $f: exit 0" [ $? -eq 0 ]
		check "export $s --format $f: as $golden/schema3-$s.$f (diff $tmp/$s.$f)" \
			cmp -s "$tmp/$s.$f" "$golden/schema3-$s.$f"
	done
done
"$KLANKBORD" export 1da94abb --db "$db" --format md --names --communities >"$tmp/names.md"
check "export 1da94abb --format md --names --communities: as $golden/schema3-1da94abb-names.md" \
	cmp -s "$tmp/names.md" "$golden/schema3-1da94abb-names.md"
"$KLANKBORD" export 1da94abb --db "$db" --format csv --names --communities >"$tmp/names.csv"
check "export 1da94abb --format csv --names --communities: as $golden/schema3-1da94abb-names.csv" \
	cmp -s "$tmp/names.csv" "$golden/schema3-1da94abb-names.csv"
"$KLANKBORD" show 1da94abb --db "$db" >"$tmp/show.txt" 2>&1
check "show 1da94abb (not a terminal): exit 0" [ $? -eq 0 ]
check "show 1da94abb: the md report, printed as it is when it holds no control character" \
	cmp -s "$tmp/show.txt" "$tmp/1da94abb.md"
"$KLANKBORD" export 1da94abb --db "$db" --format md -o "$tmp/o.md"
check "export -o FILE: the same report" cmp -s "$tmp/o.md" "$tmp/1da94abb.md"
check "export -o FILE: created readable by its owner only" [ "$(stat -c %a "$tmp/o.md")" = 600 ]

# ---- the table of formats drives --help, help export and the unknown-format message
"$KLANKBORD" export --help >"$tmp/help" 2>&1
for f in json md html csv; do
	check "export --help lists the format $f" grep -q "^  $f " "$tmp/help"
done
"$KLANKBORD" help export >"$tmp/help2" 2>&1
check "help export prints what export --help prints" cmp -s "$tmp/help" "$tmp/help2"
"$KLANKBORD" export 1da94abb --db "$db" --format pdf >/dev/null 2>"$tmp/err"
check "an unknown format: exit 64" [ $? -eq 64 ]
check "an unknown format: the message names every format" grep -qF 'formats: json, md, html, csv' "$tmp/err"
"$KLANKBORD" show --help >"$tmp/help" 2>&1
check "show --help names its options" sh -c "grep -q -- --names '$tmp/help' && grep -q -- --communities '$tmp/help' && grep -q -- --db '$tmp/help'"
"$KLANKBORD" --help >"$tmp/help" 2>&1
check "klankbord --help lists show" grep -q '^  show ' "$tmp/help"

# ---- dates: no date in the agenda (01f4f0b5): the day it started, in local time
check "a session without a date: the day it started (UTC)" grep -qx -- '- Date: 2026-12-01' "$tmp/01f4f0b5.md"
TZ=Etc/GMT+9 "$KLANKBORD" export 01f4f0b5 --db "$db" --format md >"$tmp/west.md"
check "a session without a date: the day it started in local time (UTC-9: the day before)" \
	grep -qx -- '- Date: 2026-11-30' "$tmp/west.md"
check "a session with a date recorded another day: the agenda's, and the day it was recorded" \
	grep -qx -- '- Date: 2024-03-14 (recorded 2026-12-01)' "$tmp/1da94abb.md"
"$KLANKBORD" export 1da94abb --db "$db" --format html >"$tmp/1da94abb.html"
check "the HTML report says the same" grep -q '2024-03-14 (recorded 2026-12-01)' "$tmp/1da94abb.html"

# ---- the md report's rules, on the golden of 1da94abb
check "md: the retracted contribution is left out" sh -c "! grep -qF 'ቋንቋ ምምሃር ከቢድ እዩ' '$tmp/1da94abb.md' && ! grep -qF 'to be undone' '$tmp/1da94abb.md'"
check "md: the edited text, not the first" grep -qF 'a library card for every newcomer' "$tmp/1da94abb.md"
check "md: a quotable contribution is a quote with its speaker's id" \
	sh -c "grep -A2 -xF '> waited 9 months for language lessons' '$tmp/1da94abb.md' | grep -qxF '> — E01'"
check "md: a contribution whose speaker did not consent carries no id" \
	sh -c "grep -qxF -- '- my neighbour helped me with the letters' '$tmp/1da94abb.md' && ! grep -q 'E21 *$' '$tmp/1da94abb.md'"
check "md: a consent reason without consent to quotes carries no id" \
	grep -qxF -- '- *A participant* (**disagree**): the list is too long' "$tmp/1da94abb.md"
check "md: the console's outcome line of the rank vote" \
	grep -qxF '**Winner: 2 Information in my own language** *(points and runoff agree)*' "$tmp/1da94abb.md"
check "md: the console's summary line of the dots vote" grep -qxF '3 voters · 7 dots' "$tmp/1da94abb.md"

# ---- csv: read back by Python and by sqlite3, against the JSON
cdb="$tmp/csv.db"
agenda="$SHARED/agendas/valid/expert-pool-nijmegen.yaml"
printf '%s\n' \
	'E01: one, two, "three" and a ""doubled"" one #language' \
	"E02: first line$(printf '\r')second line, with a comma" \
	'E04: =HYPERLINK("http://x","click") #work' \
	'E01: +31 6 12345678 is not a formula' \
	'E03: -5 degrees in the room' \
	'E04: @everyone read this #language #links' \
	'a note with a ; semicolon' \
	'E01: to be retracted' \
	'/retract 8' \
	'/end' | "$KLANKBORD" run "$agenda" --db "$cdb" --batch - >/dev/null 2>"$tmp/err"
check "csv: the session was recorded" [ $? -eq 0 ]
cs=$("$KLANKBORD" list --db "$cdb" --json | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1)
"$KLANKBORD" export "$cs" --db "$cdb" --format csv -o "$tmp/t.csv"
"$KLANKBORD" export "$cs" --db "$cdb" --format csv >"$tmp/t-stdout.csv"
check "csv: standard output gets the bytes -o FILE gets (the CSV passes the terminal rule unchanged)" \
	cmp -s "$tmp/t.csv" "$tmp/t-stdout.csv"
"$KLANKBORD" export "$cs" --db "$cdb" --format json >"$tmp/t.json"
python3 - "$tmp/t.csv" "$tmp/t.json" >"$tmp/py.out" 2>&1 <<'EOF'
import csv, json, sys
raw = open(sys.argv[1], 'rb').read()
doc = json.load(open(sys.argv[2], encoding='utf-8'))
def ok(name, cond):
    print(('ok - ' if cond else 'not ok - ') + 'csv: ' + name)
header = b'"session","item","seq","entry","at","participant","kind","codes","text","retracted","quotable"\r\n'
ok('the header row, every field quoted, CR LF', raw.startswith(header))
ok('ends with CR LF', raw.endswith(b'\r\n'))
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8'), strict=True))
want = sorted((c for i in doc['items'] for c in i['contributions']), key=lambda c: c['seq'])
ok('one row per contribution, retracted ones included (%d rows for %d)' % (len(rows) - 1, len(want)),
   len(rows) - 1 == len(want) == 8)
item_of = {c['seq']: i['id'] for i in doc['items'] for c in i['contributions']}
def guarded(t):
    t = t.replace('\r\n', '\n').replace('\r', '\n')  # a line break inside a cell is LF
    return "'" + t if t[:1] in ('=', '+', '-', '@', '\t', '\n') else t
bad = []
for entry, (row, c) in enumerate(zip(rows[1:], want), 1):
    expect = [doc['session']['id'], item_of[c['seq']], str(c['seq']), str(entry), c['at'], c['participant'] or '',
              c['kind'], ';'.join(c['tags']), guarded(c['text']), str(c['retracted']).lower(),
              str(c['quotable']).lower()]
    if row != expect:
        bad.append((row, expect))
ok('every field as the JSON says it (formula guard and LF aside)%s' % ('' if not bad else ': %r' % bad[:2]), not bad)
texts = [r[8] for r in rows[1:]]
ok('commas and doubled quotes survive', 'one, two, "three" and a ""doubled"" one' in texts)
ok('a line break inside a text survives (as LF)', 'first line\nsecond line, with a comma' in texts)
ok('= gets the apostrophe', '\'=HYPERLINK("http://x","click")' in texts)
ok('+ gets the apostrophe', "'+31 6 12345678 is not a formula" in texts)
ok('- gets the apostrophe', "'-5 degrees in the room" in texts)
ok('@ gets the apostrophe', "'@everyone read this" in texts)
ok('codes joined with ;', 'language;links' in [r[7] for r in rows[1:]])
ok('the participant column holds the id without consent to quotes',
   any(r[5] == 'E02' and r[10] == 'false' for r in rows[1:]))
ok('a note has an empty participant', any(r[5] == '' and r[6] == 'note' for r in rows[1:]))
ok('the retracted row (entry 8, /retract 8) says true', any(r[3] == '8' and r[8] == 'to be retracted' and r[9] == 'true' for r in rows[1:]))
EOF
check "csv: the Python check ran" [ $? -eq 0 ]
cat "$tmp/py.out"
sqlite3 "$tmp/import.db" ".import --csv $tmp/t.csv t" 2>"$tmp/err"
check "csv: sqlite3 .import --csv reads it" [ $? -eq 0 ]
check "csv: sqlite3 sees 8 rows" [ "$(sqlite3 "$tmp/import.db" 'SELECT count(*) FROM t')" = 8 ]
check "csv: sqlite3 sees the quotes and the comma" \
	[ "$(sqlite3 "$tmp/import.db" "SELECT count(*) FROM t WHERE text = 'one, two, \"three\" and a \"\"doubled\"\" one'")" = 1 ]
check "csv: sqlite3 sees the line break" \
	[ "$(sqlite3 "$tmp/import.db" "SELECT count(*) FROM t WHERE text = 'first line' || char(10) || 'second line, with a comma'")" = 1 ]

# ---- html: self-contained and well formed
"$KLANKBORD" export 1da94abb --db "$db" --format html -o "$tmp/r.html"
check "html: exit 0" [ $? -eq 0 ]
check "html: no <script>" sh -c "! grep -qi '<script' '$tmp/r.html'"
check "html: no URL anywhere (the fixture holds none)" sh -c "! grep -qiE 'https?:|//' '$tmp/r.html'"
python3 - "$tmp/r.html" >"$tmp/py.out" 2>&1 <<'EOF'
import sys
from html.parser import HTMLParser
text = open(sys.argv[1], encoding='utf-8').read()
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'}
class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.refs, self.tags, self.said = [], [], [], set(), []
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            v = (value or '').lower()
            if 'http:' in v or 'https:' in v or '//' in v or 'url(' in v or name in ('src', 'href', 'srcset'):
                self.refs.append((tag, name, value))
        a = dict(attrs)
        if tag in ('blockquote', 'li') or (tag == 'p' and self.stack and self.stack[-1] == 'blockquote'):
            self.said.append((tag, a.get('dir')))
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append('</%s> closes <%s>' % (tag, self.stack[-1] if self.stack else ''))
        else:
            self.stack.pop()
c = Check()
c.feed(text)
c.close()
def ok(name, cond):
    print(('ok - ' if cond else 'not ok - ') + 'html: ' + name)
ok('every element closed in order%s' % (': %s' % c.errors[:3] if c.errors else ''), not c.errors and not c.stack)
ok('starts with <!DOCTYPE html>', text.startswith('<!DOCTYPE html>\n'))
ok('<meta charset="utf-8"> and lang', '<meta charset="utf-8">' in text and '<html lang="en">' in text)
ok('no reference outside the file%s' % (': %s' % c.refs[:3] if c.refs else ''), not c.refs)
ok('no script, link, img, iframe, object, embed, base',
   not c.tags & {'script', 'link', 'img', 'iframe', 'object', 'embed', 'base', 'frame'})
ok('no @import or url( in the CSS', '@import' not in text and 'url(' not in text)
ok('a print style', '@media print' in text)
quotes = [d for t, d in c.said if t == 'p']
ok('every quote has dir="auto"', quotes and all(d == 'auto' for d in quotes))
ok('the Arabic and Persian texts are there', 'زبان هلندی سخت است' in text)
EOF
check "html: the Python check ran" [ $? -eq 0 ]
cat "$tmp/py.out"

# ---- html: rendered by headless Chromium (a missing chromium fails above and here)
"$KLANKBORD" export 1da94abb --db "$db" --format json >"$tmp/r.json"
chrome() { # chrome ARGS... : headless Chromium with nothing that goes on the network
	profile=$(mktemp -d "$tmp/chromium.XXXXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" "$@" 2>>"$tmp/chromium.err"
}
chrome --dump-dom "file://$tmp/r.html" >"$tmp/dom.html"
check "chromium: --dump-dom rendered the page" grep -q '</html>' "$tmp/dom.html"
python3 - "$tmp/dom.html" "$tmp/r.json" >"$tmp/py.out" 2>&1 <<'EOF'
import json, sys
from html.parser import HTMLParser
dom = open(sys.argv[1], encoding='utf-8').read()
doc = json.load(open(sys.argv[2], encoding='utf-8'))
class Bars(HTMLParser):
    def __init__(self):
        super().__init__()
        self.vote, self.codes, self.bars, self.depth = None, False, {}, 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'section' and 'data-vote' in a:
            self.vote = a['data-vote']
            self.bars[self.vote] = 0
        if tag == 'section' and a.get('class') == 'codes':
            self.vote = '(codes)'
            self.bars[self.vote] = 0
        if tag == 'rect' and self.vote is not None:
            self.bars[self.vote] += 1
    def handle_endtag(self, tag):
        if tag == 'section':
            self.vote = None
b = Bars()
b.feed(dom)
def ok(name, cond):
    print(('ok - ' if cond else 'not ok - ') + 'chromium: ' + name)
def bars_of(v):
    r = v['result']
    if r is None or v['status'] == 'not_opened':
        return 0
    if v['type'] == 'scale':
        return r['max'] - r['min'] + 1 if r['voters'] > 0 else 0
    if v['type'] == 'consent':
        return 4 if r['voters'] > 0 else 0
    return len(v['options']) if r['total'] > 0 else 0
votes = [v for i in doc['items'] for v in i['votes']]
ok('every vote of the session has its section (%d)' % len(votes), sorted(b.bars) == sorted([v['id'] for v in votes] + ['(codes)']))
for v in votes:
    ok('vote %s (%s): %d bars for %d options' % (v['id'], v['type'], b.bars.get(v['id'], -1), bars_of(v)),
       b.bars.get(v['id']) == bars_of(v) and bars_of(v) > 0)
ok('contributions per code: one bar per code of the codebook (%d)' % b.bars.get('(codes)', -1), b.bars.get('(codes)') == 14)
EOF
check "chromium: the bar count ran" [ $? -eq 0 ]
cat "$tmp/py.out"
chrome --screenshot="$tmp/r.png" --window-size=1200,2000 "file://$tmp/r.html" >/dev/null
chrome --no-pdf-header-footer --print-to-pdf="$tmp/r.pdf" "file://$tmp/r.html" >/dev/null
check "chromium: the report prints to PDF" sh -c "head -c 5 '$tmp/r.pdf' | grep -q '%PDF-'"
check "chromium: a screenshot of the report" sh -c "[ -s '$tmp/r.png' ] && head -c 8 '$tmp/r.png' | od -An -c | grep -q 'P   N   G'"

# ---- hostile text: html and md escape it, show lets no raw ESC through
hdb="$tmp/hostile.db"
printf '%s\n' \
	"E01: <script>alert(1)</script> ](http://x) [a link](http://y) ${esc}[2J cleared" \
	'E01: # heading' \
	'E04: - not a list | not | a table' \
	'E04: <img src=x onerror=alert(1)> mail me at a@b.nl or www.example.org' \
	"E02: ${esc}]0;owned${esc}\\ title and a bell $(printf '\007')" \
	"E03: an override $(printf '\342\200\256')reversed" \
	'/recommend # <b>bold</b> [x](javascript:alert(1))' \
	'/end' | "$KLANKBORD" run "$agenda" --db "$hdb" --batch - >/dev/null 2>"$tmp/err"
check "hostile: the session was recorded" [ $? -eq 0 ]
hs=$("$KLANKBORD" list --db "$hdb" --json | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1)
"$KLANKBORD" export "$hs" --db "$hdb" --format html >"$tmp/h.html"
"$KLANKBORD" export "$hs" --db "$hdb" --format md >"$tmp/h.md"
"$KLANKBORD" export "$hs" --db "$hdb" --format csv >"$tmp/h.csv"
check "hostile html: <script> escaped" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/h.html"
check "hostile html: no raw <script> or <img>" sh -c "! grep -qiE '<script|<img' '$tmp/h.html'"
no_reference() { ! grep -qiE " (href|src)=[\"']" "$1"; }
check "hostile html: no href or src attribute" no_reference "$tmp/h.html"
check "hostile html: quotes escaped" grep -qF '&lt;img src=x onerror=alert(1)&gt;' "$tmp/h.html"
for f in html md csv; do
	"$KLANKBORD" export "$hs" --db "$hdb" --format "$f" -o "$tmp/h-o.$f"
	check "hostile $f: standard output gets the bytes -o FILE gets" cmp -s "$tmp/h.$f" "$tmp/h-o.$f"
	check "hostile $f -o: no raw ESC or BEL byte (the writer's own rule)" sh -c "! grep -q '$esc' '$tmp/h-o.$f' && ! grep -q \"\$(printf '\\007')\" '$tmp/h-o.$f'"
	check "hostile $f -o: no right-to-left override (U+202E)" sh -c "! grep -q \"\$(printf '\\342\\200\\256')\" '$tmp/h-o.$f'"
done
check "hostile md: <script> escaped" grep -qF '\<script\>alert(1)\</script\>' "$tmp/h.md"
check "hostile md: the link escaped" grep -qF '\](http\://x) \[a link\](http\://y)' "$tmp/h.md"
check "hostile md: the heading escaped" grep -qxF '> \# heading' "$tmp/h.md"
check "hostile md: the list and table escaped" grep -qxF '> \- not a list \| not \| a table' "$tmp/h.md"
cmark-gfm -e table -e autolink -e strikethrough -e tagfilter "$tmp/h.md" >"$tmp/h.md.html" 2>&1
check "hostile md: cmark-gfm renders it" [ $? -eq 0 ]
check "hostile md: rendered, no element from the text (script, img, b, link)" \
	sh -c "! grep -qiE '<script|<img|<b>|<a ' '$tmp/h.md.html'"
check "hostile md: rendered, no heading but the report's own" \
	sh -c "! grep -E '<h[1-6]>' '$tmp/h.md.html' | grep -qi 'heading\|bold'"
check "hostile md: rendered, the only tables are the report's (participants, codes)" \
	[ "$(grep -c '<table>' "$tmp/h.md.html")" = 2 ]
check "hostile md: rendered, the text is there" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; ](http://x) [a link](http://y)' "$tmp/h.md.html"
"$KLANKBORD" show "$hs" --db "$hdb" >"$tmp/h.show" 2>&1
check "hostile show: exit 0" [ $? -eq 0 ]
check "hostile show: no ESC or BEL byte" sh -c "! grep -q '$esc' '$tmp/h.show' && ! grep -q \"\$(printf '\\007')\" '$tmp/h.show'"
check "hostile show: the text is there" grep -qF 'alert(1)' "$tmp/h.show"

# ---- show on a terminal (a pseudo-terminal from script(1)): paged through $PAGER only there
pager="$tmp/pager.sh"
printf '#!/bin/sh\ntouch "%s/paged"\ncat\n' "$tmp" >"$pager"
chmod +x "$pager"
rm -f "$tmp/paged"
PAGER=$pager "$KLANKBORD" show "$hs" --db "$hdb" >"$tmp/nopage.txt" 2>&1
check "show: not a terminal: no pager, even with PAGER set" [ ! -e "$tmp/paged" ]
PAGER=$pager script -qec "'$KLANKBORD' show $hs --db '$hdb'" /dev/null >"$tmp/tty.txt" 2>&1 </dev/null
check "show on a terminal: exit 0" [ $? -eq 0 ]
check "show on a terminal with PAGER: the pager ran" [ -e "$tmp/paged" ]
check "show on a terminal with PAGER: the report came through" grep -qF 'alert(1)' "$tmp/tty.txt"
check "show on a terminal with PAGER: no ESC or BEL reached the terminal" \
	sh -c "! grep -q '$esc' '$tmp/tty.txt' && ! grep -q \"\$(printf '\\007')\" '$tmp/tty.txt'"
rm -f "$tmp/paged"
env -u PAGER script -qec "'$KLANKBORD' show $hs --db '$hdb'" /dev/null >"$tmp/tty2.txt" 2>&1 </dev/null
check "show on a terminal without PAGER: printed directly" sh -c "[ ! -e '$tmp/paged' ] && grep -qF 'alert(1)' '$tmp/tty2.txt'"
check "show on a terminal without PAGER: no ESC or BEL" sh -c "! grep -q '$esc' '$tmp/tty2.txt' && ! grep -q \"\$(printf '\\007')\" '$tmp/tty2.txt'"
PAGER=$tmp/no-such-pager script -qec "'$KLANKBORD' show $hs --db '$hdb'" /dev/null >"$tmp/tty3.txt" 2>&1 </dev/null
check "show: a pager that does not start: the report is printed instead" \
	sh -c "grep -qF 'did not start' '$tmp/tty3.txt' && grep -qF 'alert(1)' '$tmp/tty3.txt'"
