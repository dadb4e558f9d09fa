#!/bin/sh
# hostile.sh: nothing from outside steers the terminal. The same hostile strings (an ESC
# sequence that clears the screen, an OSC 52 clipboard write, an 8-bit CSI, a right-to-left
# override, a zero-width space, and bytes that are not UTF-8 where they can enter) go in
# through every door: an agenda's title, keys and values, capture lines, command-line
# arguments, search queries; and every command's standard output and standard error is
# checked byte for byte: no ESC, no C1 control, no bidirectional override or isolate, no
# zero-width space, and valid UTF-8 throughout (config/textsafe.h, cli/safe_stream.h);
# so is every export format written to a file with -o.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
case $KLANKBORD in /*) ;; *) KLANKBORD=$PWD/$KLANKBORD ;; esac
tmp=${TEST_TMP:-/tmp}/hostile.$$
mkdir -p "$tmp"
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
db="$tmp/k.db"
check() { # check NAME CONDITION...
	name=$1; shift
	if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi
}
esc=$(printf '\033')
csi8=$(printf '\302\233')
rlo=$(printf '\342\200\256')
lri=$(printf '\342\201\246')
zwsp=$(printf '\342\200\213')
osc52="${esc}]52;c;aGVsbG8=$(printf '\007')"
clear="${esc}[2J"
# clean FILE: true when FILE holds none of the dangerous bytes and is valid UTF-8.
clean() {
	LC_ALL=C grep -q "$esc" "$1" && return 1
	LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1" && return 1
	LC_ALL=C grep -q "$(printf '\342\200[\252-\256]')" "$1" && return 1
	LC_ALL=C grep -q "$(printf '\342\201[\246-\251]')" "$1" && return 1
	LC_ALL=C grep -q "$zwsp" "$1" && return 1
	LC_ALL=C grep -q "$(printf '\007')" "$1" && return 1
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}
# run NAME COMMAND...: runs it, keeps both streams, checks each.
run() {
	what=$1; shift
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	check "$what: standard output is safe" clean "$tmp/out"
	check "$what: standard error is safe" clean "$tmp/err"
}

# An agenda whose title, organisation, prompt and option carry the strings (as raw
# characters where YAML allows them, and as escapes where it does not).
cat >"$tmp/agenda.yaml" <<YAML
session:
  title: "Evening ${rlo}reversed ${zwsp}\\u202e ${lri}isolated"
  organisation: "Gemeente ${rlo}X"
participants:
  - id: E01
    name: "Amal ${rlo}"
agenda:
  - id: round
    title: "Round ${rlo}one"
    minutes: 10
    prompt: "What ${lri}happened?"
YAML
run "check, a valid agenda with bidi controls" "$KLANKBORD" check "$tmp/agenda.yaml"
check "check: the title is there, with a visible mark" grep -q 'Evening .reversed' "$tmp/out"
for bad in "title: \"a \\e[2J b\"" "title: \"a \\x9b b\"" "title: \"a \\u009b b\"" "title: \"a \\x85 b\"" \
	"title: \"a \\a b\"" "title: \"a \\x7f b\""; do
	printf 'session:\n  %s\nagenda:\n  - id: r\n    title: R\n    minutes: 5\n' "$bad" >"$tmp/escape.yaml"
	run "check refuses an escaped control: $bad" "$KLANKBORD" check "$tmp/escape.yaml"
	check "check: exit 65 for $bad" sh -c "'$KLANKBORD' check '$tmp/escape.yaml' >/dev/null 2>&1; [ \$? -eq 65 ]"
	check "check: the message names the escape for $bad" grep -q '2:[0-9]*: control character U+00.. not allowed (written as an escape)' "$tmp/err"
done
printf 'session:\n  title: T\n  "k%s%s": 1\nagenda:\n  - id: r\n    title: R\n    minutes: 5\n' "$rlo" "$zwsp" >"$tmp/key.yaml"
run "check, an unknown key with bidi controls" "$KLANKBORD" check "$tmp/key.yaml"
check "check: the unknown key is reported" grep -q 'unknown key' "$tmp/err"
printf 'session:\n  title: T\nagenda:\n  - id: r\n    title: R\n    minutes: 5\n    votes:\n      - id: v\n        question: Q\n        type: "x%s"\n        options: [a, b]\n' "$rlo" >"$tmp/type.yaml"
run "check, an unknown vote type with bidi controls" "$KLANKBORD" check "$tmp/type.yaml"

# Capture lines through --batch: refused ones are repeated in the error message.
printf '%s\n' \
	"E01: !obstacle ${clear}cleared ${osc52} clip ${csi8}csi ${rlo}rev ${zwsp}zw #language" \
	"/nosuch${clear}" \
	"E01: !kind${esc}[31m red" \
	"E99${rlo}: who" \
	"$(printf 'E01: caf\351')" \
	"/recommend ${rlo}recommend ${clear}" \
	"/participant E05 Name${clear}" \
	"/end" >"$tmp/lines.txt"
run "run --batch with hostile lines" "$KLANKBORD" run "$tmp/agenda.yaml" --db "$db" --batch "$tmp/lines.txt"
check "run --batch: the refused lines are reported (unknown command, unknown kind, not UTF-8)" [ "$(grep -c "^error " "$tmp/err")" -eq 3 ]
check "run --batch: the hostile contribution is stored" grep -q '^ok ' "$tmp/out"
session=$("$KLANKBORD" list --db "$db" --json | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1)
run "list" "$KLANKBORD" list --db "$db"
run "list --json" "$KLANKBORD" list --db "$db" --json
run "export" "$KLANKBORD" export "$session" --db "$db"
check "export keeps the text (escaped, not lost)" grep -qF '\u001b[2Jcleared' "$tmp/out"
check "export escapes the override" grep -qF '\u202erev' "$tmp/out"
run "export --names" "$KLANKBORD" export "$session" --db "$db" --names --communities
run "search for the text" "$KLANKBORD" search clip --db "$db"
check "search finds it" grep -q "clip" "$tmp/out"
run "search --json" "$KLANKBORD" search clip --db "$db" --json
run "search with an invalid query" "$KLANKBORD" search "\"${clear}" --db "$db"
run "report" "$KLANKBORD" report --db "$db"
run "report --organisation" "$KLANKBORD" report --organisation "Gemeente ${rlo}X" --db "$db"
for format in md csv json; do
	run "report --format $format" "$KLANKBORD" report --format "$format" --db "$db"
done
run "report --organisation, a part that matches nothing" "$KLANKBORD" report --organisation "x${clear}" --db "$db"
run "report --from, a date that does not exist" "$KLANKBORD" report --from "2026-02-30${osc52}" --db "$db"
run "search with filters from outside" "$KLANKBORD" search clip --code "x${rlo}" --item "${clear}" --participant "${osc52}" --db "$db"
run "search --organisation that matches nothing" "$KLANKBORD" search clip --organisation "${clear}" --db "$db"
run "a command that does not exist" "$KLANKBORD" "no${clear}such"
run "help for a command that does not exist" "$KLANKBORD" help "x${osc52}"
run "export of a session id that does not exist" "$KLANKBORD" export "${clear}" --db "$db"
run "an unknown option" "$KLANKBORD" list "--x${clear}" --db "$db"
run "an unknown export format" "$KLANKBORD" export "$session" --format "x${rlo}" --db "$db"
run "resume of an ended session" "$KLANKBORD" resume "$session" --db "$db" --batch /dev/null
run "a database path with controls" "$KLANKBORD" list --db "$tmp/no${clear}/x${rlo}/k.db"
# Every export format (from the table, through export --help), on standard output and in a
# file written with -o (which no safe stream guards: the writers apply the rule
# themselves), and show.
formats=$("$KLANKBORD" export --help | sed -n '/^Formats:/,/^$/p' | sed -n 's/^  \([a-z0-9_-]*\)  *.*/\1/p')
check "the export formats are listed (json, md, html, csv at least)" \
	sh -c "echo '$formats' | tr '\n' ' ' | grep -q 'json md html csv'"
for f in $formats; do
	run "export --format $f" "$KLANKBORD" export "$session" --db "$db" --format "$f" --names
	"$KLANKBORD" export "$session" --db "$db" --format "$f" --names -o "$tmp/export.$f"
	if [ "$(head -c 2 "$tmp/export.$f")" = PK ]; then # a zip (qdpx): its entries
		unzip -p "$tmp/export.$f" >"$tmp/export.$f.entries"
		check "export --format $f -o FILE: the entries of the zip are safe too" clean "$tmp/export.$f.entries"
	else
		check "export --format $f -o FILE: the file is safe too" clean "$tmp/export.$f"
	fi
done
run "show" "$KLANKBORD" show "$session" --db "$db" --names
check "show: the hostile contribution is there" grep -q 'cleared' "$tmp/out"
# Every command klankbord --help lists, given a hostile argument and a hostile option.
commands=$("$KLANKBORD" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
check "the commands are listed" [ -n "$commands" ]
# A hostile argument may be a path (backup writes its copy there): work in the scratch
# folder, so that nothing lands in the checkout.
mkdir -p "$tmp/cwd" && cd "$tmp/cwd" || exit 1
for c in $commands; do
	run "$c with a hostile argument" "$KLANKBORD" "$c" "${clear}${rlo}x" --db "$db"
	run "$c with a hostile option" "$KLANKBORD" "$c" "--${osc52}" --db "$db"
	run "help $c" "$KLANKBORD" help "$c"
done
