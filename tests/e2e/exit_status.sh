#!/bin/sh
# exit_status.sh: the exit statuses of man/klankbord.1, of `klankbord help COMMAND` and of
# the code agree.
# 1. Every command's help has an "Exit status:" list, and each status in it is in the
#    man page's EXIT STATUS section; together they give every status the man page lists.
# 2. Every sysexits constant the sources return (EX_* in cli/ config/ sessions/ storage/
#    out/ tui/) is a status the man page lists.
# 3. What commands do: each status below is one the command's help lists (HOME unset or
#    relative with no --db, an unknown command, a missing database, a damaged one, ...).
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
tmp=${TEST_TMP:-/tmp}/exit_status.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
check() { name=$1; shift; if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi; }
sysexits=/usr/include/sysexits.h

# the numbers of a man page section / a help text's "Exit status:" list, one per line
sed -n '/^\.SH EXIT STATUS/,/^\.SH EXAMPLES/p' man/klankbord.1 | grep -oE '(^|[ ;])[0-9]{1,3} ' |
	grep -oE '[0-9]+' | sort -un >"$tmp/man"
check "the man page lists exit statuses ($(tr '\n' ' ' <"$tmp/man"))" [ "$(wc -l <"$tmp/man")" -ge 10 ]
help_statuses() { "$KLANKBORD" help "$1" | sed -n '/^Exit status:/,/^[^ E]/p' | grep -oE '^  [0-9]+' | tr -d ' ' | sort -un; }
"$KLANKBORD" --help | sed -n 's/^  \([a-z]*\)  .*/\1/p' >"$tmp/commands"
check "klankbord --help names the commands" [ "$(wc -l <"$tmp/commands")" -ge 7 ]
: >"$tmp/all"
for c in $(cat "$tmp/commands"); do
	help_statuses "$c" >"$tmp/help.$c"
	check "help $c has an Exit status list" [ -s "$tmp/help.$c" ]
	extra=$(comm -23 "$tmp/help.$c" "$tmp/man" | tr '\n' ' ')
	check "help $c: every status is in the man page${extra:+ (not: $extra)}" [ -z "$extra" ]
	cat "$tmp/help.$c" >>"$tmp/all"
done
"$KLANKBORD" --help | sed -n '/^Exit status:/,/^[^ E]/p' | grep -oE '^  [0-9]+' | tr -d ' ' >>"$tmp/all"
sort -un "$tmp/all" -o "$tmp/all"
missing=$(comm -13 "$tmp/all" "$tmp/man" | tr '\n' ' ')
check "every status of the man page is some command's${missing:+ (none lists: $missing)}" [ -z "$missing" ]

# 2. the code
grep -rhoE '\bEX_[A-Z]+\b' cli config sessions storage out tui | sort -u >"$tmp/names"
: >"$tmp/code"
for name in $(cat "$tmp/names"); do
	sed -n "s/^#define[[:space:]]*$name[[:space:]]*\([0-9]*\).*/\1/p" "$sysexits" >>"$tmp/code"
done
sort -un "$tmp/code" -o "$tmp/code"
check "the sources use $(wc -l <"$tmp/names") sysexits constants" [ "$(wc -l <"$tmp/code")" -eq "$(wc -l <"$tmp/names")" ]
undocumented=$(comm -23 "$tmp/code" "$tmp/man" | tr '\n' ' ')
check "every status the code returns is in the man page${undocumented:+ (not: $undocumented)}" [ -z "$undocumented" ]

# 3. behaviour: STATUS COMMAND ARGS... (run with no KLANKBORD_DB)
expect() { # expect NAME STATUS PATTERN COMMAND [ARGS...]
	what=$1 want=$2 pattern=$3; shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "$what: exit $want (got $rc)" [ "$rc" -eq "$want" ]
	check "$what: klankbord help $cmd lists $want" grep -qx "$want" "$tmp/help.$cmd"
	[ -z "$pattern" ] || check "$what: says \"$pattern\"" grep -q "$pattern" "$tmp/err"
}
unset KLANKBORD_DB XDG_DATA_HOME
cmd=list; expect "HOME unset" 64 "HOME is not set" env -u HOME "$KLANKBORD" list
cmd=list; expect "HOME relative" 64 "HOME is not an absolute path" env HOME=relative/home "$KLANKBORD" list
cmd=run; expect "HOME unset, run" 64 "HOME is not set" env -u HOME "$KLANKBORD" run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml" --batch /dev/null
cmd=list; expect "no such database" 66 "no database" "$KLANKBORD" list --db "$tmp/none.db"
printf 'not a database at all\n' >"$tmp/text.db"
cmd=report; expect "not a database" 65 "not a klankbord database" "$KLANKBORD" report --db "$tmp/text.db"
"$KLANKBORD" run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml" --db "$tmp/k.db" --batch /dev/null 2>/dev/null
cmd=export; expect "no such session" 66 "no session" "$KLANKBORD" export abcdef --db "$tmp/k.db"
cmd=search; expect "bad search query" 65 "cannot search" "$KLANKBORD" search '"unclosed' --db "$tmp/k.db"
cmd=report; expect "report: no such organisation" 66 "no organisation" "$KLANKBORD" report --organisation Elders --db "$tmp/k.db"
cmd=search; expect "search: no such organisation" 66 "no organisation" "$KLANKBORD" search x --organisation Elders --db "$tmp/k.db"
cmd=report; expect "report: an impossible date" 64 "takes a date" "$KLANKBORD" report --from 2026-02-30 --db "$tmp/k.db"
cmd=search; expect "search: an empty --code (a variable not set) is a usage error" 64 "needs a value" "$KLANKBORD" search x --code '' --db "$tmp/k.db"
cmd=search; expect "search: an empty --organisation is a usage error" 64 "needs a value" "$KLANKBORD" search --organisation= --db "$tmp/k.db"
cmd=search; expect "search: --from after --to" 64 "is after" "$KLANKBORD" search x --from 2026-02-02 --to 2026-02-01 --db "$tmp/k.db"
cmd=report; expect "report -o into a folder that does not exist" 73 "cannot create" "$KLANKBORD" report --db "$tmp/k.db" -o "$tmp/no/such/report.md"
cmd=export; expect "export to a folder that does not exist" 73 "cannot create" sh -c "'$KLANKBORD' export \$('$KLANKBORD' list --db '$tmp/k.db' --json | sed -n 's/.*\"id\":\"\\([0-9a-f]\\{8\\}\\).*/\\1/p') --db '$tmp/k.db' -o '$tmp/no/such/file.json'"
cmd=run; expect "no terminal" 69 "terminal" env TERM=dumb "$KLANKBORD" run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml" --db "$tmp/k.db"
cmd=check; expect "check with no file" 64 "" "$KLANKBORD" check
