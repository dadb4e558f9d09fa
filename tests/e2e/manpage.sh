#!/bin/sh
# manpage.sh: klankbord(1) and the program agree (issue 14): every option that a
# command's --help lists is in the man page and every option the man page names is in
# some --help; the KEYS section names every action of the action table (tui/action.h)
# with its default key; FILES and ENVIRONMENT name config.yaml and XDG_CONFIG_HOME; the
# README's usage lines run as written after `make` (./klankbord).
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
tmp=${TEST_TMP:-/tmp}/manpage.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
man=man/klankbord.1
check() { # check NAME CONDITION...
	name=$1; shift
	if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi
}

# Options as --help prints them (--db, -o) and as roff writes them (\-\-db, \-o).
{
	"$KLANKBORD" --help
	for c in $("$KLANKBORD" --help | sed -n 's/^  \([a-z]*\)  .*/\1/p'); do "$KLANKBORD" help "$c"; done
} >"$tmp/help" 2>&1
grep -o -- '--[a-z][a-z-]*\|\[-[a-zA-Z]\b\| -[a-zA-Z][ ,]\|(-[a-zA-Z])' "$tmp/help" | tr -d '[ ,()' | sort -u >"$tmp/help-options"
sed 's/\\-/-/g' "$man" | grep -o -- '--[a-z][a-z-]*\|[ "]-[a-zA-Z]\b' | tr -d ' "' | sort -u >"$tmp/man-options"
missing=$(comm -23 "$tmp/help-options" "$tmp/man-options" | tr '\n' ' ')
extra=$(comm -13 "$tmp/help-options" "$tmp/man-options" | tr '\n' ' ')
[ -z "$missing" ] || echo "# in --help, not in the man page: $missing"
[ -z "$extra" ] || echo "# in the man page, not in any --help: $extra"
check "man: every option of --help is in klankbord(1)" [ -z "$missing" ]
check "man: every option of klankbord(1) is in some --help" [ -z "$extra" ]
check "man: the options list itself is not empty" [ "$(wc -l <"$tmp/help-options")" -gt 15 ]

# KEYS: one row per action of the table, with its config name.
sed -n '/^\.SH KEYS/,/^\.SH /p' "$man" >"$tmp/keys"
actions=$(grep -o 'X(ACT_[A-Z_]*, *"[a-z-]*"' tui/action.h | sed 's/.*"\(.*\)"/\1/')
absent=""
for a in $actions; do grep -q "^$a	" "$tmp/keys" || absent="$absent $a"; done
[ -z "$absent" ] || echo "# actions missing from KEYS:$absent"
check "man: KEYS has a row for every action of tui/action.h" [ -z "$absent" ] && [ -n "$actions" ]
rows=$(grep -c '	' "$tmp/keys")
check "man: KEYS has no row for an action the table lacks" [ "$rows" -eq "$(echo "$actions" | wc -w)" ]
# the default keys of a few rows, as the table binds them
for pair in 'help	F1' 'undo	Ctrl-Z' 'recommendations	F9' 'close-vote	F8' 'shorten	Shift-F4'; do
	check "man: KEYS row \"$(echo "$pair" | tr '\t' ' ')\"" grep -q "^$pair	" "$tmp/keys"
done

check "man: FILES names config.yaml" sh -c "sed -n '/^\.SH FILES/,/^\.SH /p' $man | grep -q 'config.yaml'"
check "man: ENVIRONMENT names XDG_CONFIG_HOME" sh -c "sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' $man | grep -q 'XDG_CONFIG_HOME'"
check "man: an ended session's exit status is documented" grep -q 'session that has ended' "$man"

# README: the usage lines call ./klankbord (what `make` builds), or say make install.
check "README: usage lines call ./klankbord" sh -c "sed -n '/^## Using it/,/^## /p' README.md | grep -q '^    ./klankbord run'"
check "README: no bare 'klankbord run' usage line" sh -c "! sed -n '/^## Using it/,/^## /p' README.md | grep -q '^    klankbord '"
check "README: make install puts it on the PATH" grep -q 'make install' README.md
