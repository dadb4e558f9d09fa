#!/bin/sh
# agendas.sh: `klankbord check` against the shared corpus, as ../shared/agendas/README.md says:
# valid/ files load (exit 0, one summary line); invalid/ files, and our own in tests/agendas/,
# exit 65 and the first problem printed is at the position (and carries a word of the meaning)
# their first line names;
# every YAML test suite input is refused with exit 65 and a FILE:LINE:COL line, quickly.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
tmp=${TEST_TMP:-/tmp}/agendas.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

for f in "$SHARED"/agendas/valid/*.yaml examples/*.yaml; do
	if "$KLANKBORD" check "$f" >"$tmp/out" 2>"$tmp/err" && grep -q "^$f: [0-9]* items, " "$tmp/out" && [ ! -s "$tmp/err" ]; then
		echo "ok - valid agenda loads: $f"
	else
		echo "not ok - valid agenda loads: $f"; cat "$tmp/out" "$tmp/err"
	fi
done

for f in "$SHARED"/agendas/invalid/*.yaml tests/agendas/*.yaml; do
	expect=$(head -n 1 "$f" | sed -n 's/^# expect: //p')
	where=${expect%% *}
	words=${expect#* }
	"$KLANKBORD" check "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	first=$(grep -m 1 -E "^$f:[0-9]+:[0-9]+: " "$tmp/err")
	pos=$(printf '%s' "$first" | sed -n "s|^$f:\([0-9]*\):\([0-9]*\): .*|\1:\2|p")
	message=$(printf '%s' "$first" | sed "s|^$f:[0-9]*:[0-9]*: ||")
	case "$where" in
		-) pos_ok=yes ;;
		*:*) [ "$pos" = "$where" ] && pos_ok=yes || pos_ok=no ;;
		*) [ "${pos%%:*}" = "$where" ] && pos_ok=yes || pos_ok=no ;;
	esac
	# the meaning: some word of five letters or more from the hint appears in the message
	meaning_ok=no
	for w in $words; do
		[ ${#w} -ge 5 ] || continue
		case "$message" in *"$w"*) meaning_ok=yes ;; esac
	done
	if [ "$rc" -eq 65 ] && [ "$pos_ok" = yes ] && [ "$meaning_ok" = yes ]; then
		echo "ok - invalid agenda refused at $where: $(basename "$f")"
	else
		echo "not ok - invalid agenda refused at $where ($words): $(basename "$f"): exit $rc, got: $first"
	fi
done

bad=0
count=0
for f in "$SHARED"/yaml-test-suite/cases/*.yaml; do
	count=$((count + 1))
	timeout 10 "$KLANKBORD" check "$f" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 65 ] || ! grep -qE "^$f:[0-9]+:[0-9]+: ." "$tmp/err"; then
		bad=$((bad + 1))
		echo "# refused wrongly (exit $rc): $f"; head -n 3 "$tmp/err"
	fi
done
if [ "$bad" -eq 0 ] && [ "$count" -gt 300 ]; then
	echo "ok - all $count YAML test suite inputs refused with exit 65 and a position"
else
	echo "not ok - YAML test suite: $bad of $count inputs not refused cleanly"
fi

# Files named on one command line: each reported, exit 65 for the set, 66 for a missing file.
"$KLANKBORD" check "$SHARED/agendas/valid/minimal.yaml" "$SHARED/agendas/invalid/wrong-type.yaml" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 65 ] && grep -q "minimal.yaml: 1 items" "$tmp/out" && grep -q "wrong-type.yaml:7:14:" "$tmp/err"; then
	echo "ok - several files: each reported, exit 65"
else
	echo "not ok - several files: exit $rc"; cat "$tmp/out" "$tmp/err"
fi
"$KLANKBORD" check "$tmp/no-such-file.yaml" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 66 ] && grep -q "no-such-file.yaml: cannot open: No such file" "$tmp/err"; then
	echo "ok - missing file: exit 66 with the system's reason"
else
	echo "not ok - missing file: exit $rc: $(cat "$tmp/err")"
fi
"$KLANKBORD" check >/dev/null 2>"$tmp/err"
[ $? -eq 64 ] && echo "ok - check without files: exit 64" || echo "not ok - check without files"
