#!/bin/sh
# faults.sh: damaged files and hostile conditions, as docs/robustness.md promises.
# 1. The first line of a session reaches the main file at once: a plain copy of the main
#    file alone, taken while the console still runs, holds it (and is never set up anew).
# 2. Read-only media: list, search, report and export work on a database in a folder of
#    mode 0555 with a file of mode 0444 (run as nobody when the tests run as root, since
#    permission bits do not stop root), and no -wal or -shm appears beside it; a writer
#    (resume --batch) is refused with a message that says why and what still works.
# 3. A console that cannot start (TERM=dumb, an unknown TERM, no terminal) writes nothing:
#    no session is started that a plain `resume` would then pick up.
# 4. --skip-stored: a writer killed between a commit and its "ok" (SIGPIPE on the
#    acknowledgement), then the same input sent again, stores every line exactly once.
# 5. HOME unset or relative, with no --db: a documented exit status and a message that
#    says which.
set -u
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
case $KLANKBORD in /*) ;; *) KLANKBORD=$(pwd)/$KLANKBORD ;; esac
agenda="$SHARED/agendas/valid/expert-pool-nijmegen.yaml"
tmp=${TEST_TMP:-/tmp}/faults.$$
mkdir -p "$tmp"
ro=$(mktemp -d /tmp/klankbord-ro.XXXXXX)
trap 'chmod -R u+w "$ro" 2>/dev/null; rm -rf "$tmp" "$ro"' EXIT
check() { name=$1; shift; if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi; }
# wait_for FILE PATTERN: until a line of FILE matches (at most about 20 s).
wait_for() {
	i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -gt 400 ] && return 1
		sleep 0.05
	done
}

# 1. The first line in the main file.
db="$tmp/first.db"
mkfifo "$tmp/in1"
"$KLANKBORD" run "$agenda" --db "$db" --batch "$tmp/in1" >"$tmp/ack1" 2>"$tmp/err1" &
pid=$!
exec 5<>"$tmp/in1"
echo "E01: the first line of the evening #language" >&5
wait_for "$tmp/ack1" '^ok 2$'
# "ok" comes before the settle that follows it; the next line's "ok" after it
echo "E02: a second line" >&5
wait_for "$tmp/ack1" '^ok 3$'
cp "$db" "$tmp/main-only.db"
exec 5>&-
wait "$pid"
check "the first line was acknowledged" grep -q '^ok 2$' "$tmp/ack1"
"$KLANKBORD" list --db "$tmp/main-only.db" >"$tmp/list1" 2>"$tmp/err"
check "a copy of the main file alone, taken after the first line, holds it" grep -q ' [12]c ' "$tmp/list1"
"$KLANKBORD" search first --db "$tmp/main-only.db" >"$tmp/search1" 2>&1
check "... and search finds it in the copy" grep -q 'line of the evening' "$tmp/search1"
# a copy with no tables beside a -wal of someone else's: refused, both kept
sqlite3 "$tmp/empty.db" 'PRAGMA journal_mode = WAL' >/dev/null
cp "$tmp/empty.db" "$tmp/empty.before"
"$KLANKBORD" run "$agenda" --db "$tmp/empty.db" --batch /dev/null >/dev/null 2>"$tmp/err"
rc=$?
check "an SQLite file with no tables that is not new is refused (65, got $rc)" [ "$rc" -eq 65 ]
check "... saying how to copy a database safely" grep -q 'klankbord backup' "$tmp/err"
check "... and left byte for byte" cmp -s "$tmp/empty.db" "$tmp/empty.before"

# 2. Read-only media.
"$KLANKBORD" run "$agenda" --db "$ro/k.db" --batch - >/dev/null 2>&1 <<'EOF'
E01: waited nine months for #language lessons
E02: !idea a language cafe with neighbours
EOF
session=$("$KLANKBORD" list --db "$ro/k.db" --json | sed -n 's/.*"id":"\([0-9a-f]\{8\}\).*/\1/p')
chmod 0444 "$ro/k.db"
chmod 0555 "$ro"
as_reader() { "$@"; }
how="as $(id -un)"
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
		how="as nobody"
	else
		how="as root (permission bits do not stop root: this checks only that nothing is created)"
	fi
fi
echo "# read-only folder and file, $how"
as_reader "$KLANKBORD" list --db "$ro/k.db" >"$tmp/ro-list" 2>"$tmp/ro-err"
rc=$?
check "read-only: list exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "read-only: list shows the session" grep -q " 2c " "$tmp/ro-list"
as_reader "$KLANKBORD" search language --db "$ro/k.db" >"$tmp/ro-search" 2>>"$tmp/ro-err"
rc=$?
check "read-only: search exits 0 and finds both lines (got $rc)" [ "$rc" -eq 0 -a "$(grep -c language "$tmp/ro-search")" -eq 2 ]
as_reader "$KLANKBORD" report --json --db "$ro/k.db" >"$tmp/ro-report" 2>>"$tmp/ro-err"
rc=$?
check "read-only: report exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "read-only: report counts the lines" sh -c 'grep -q "\"code\":\"language\"[^}]*\"kinds\":{[^}]*\"note\":1}" "$1" && grep -q "\"contributions\":2}" "$1"' sh "$tmp/ro-report"
as_reader "$KLANKBORD" export "$session" --db "$ro/k.db" >"$tmp/ro-export" 2>>"$tmp/ro-err"
rc=$?
check "read-only: export exits 0 (got $rc)" [ "$rc" -eq 0 ]
check "read-only: export holds both contributions" [ "$(grep -o '"type":"contribution"' "$tmp/ro-export" | wc -l)" -eq 2 ]
check "read-only: no warnings" [ ! -s "$tmp/ro-err" ]
check "read-only: no -wal or -shm was created" [ ! -e "$ro/k.db-wal" -a ! -e "$ro/k.db-shm" ]
# A writer on the same file: a clear refusal, nothing changed. Only as nobody: root's
# writes would go through, permission bits or not.
if [ "$how" = "as nobody" ]; then
	printf 'E01: one more line\n' | as_reader "$KLANKBORD" resume "$session" --db "$ro/k.db" --batch - \
		>"$tmp/ro-w" 2>"$tmp/ro-werr"
	rc=$?
	check "read-only: resume --batch exits 74 (got $rc)" [ "$rc" -eq 74 ]
	check "... saying this user may not write to the file or its folder, and what still works" \
		grep -q "may not write to the file or its folder.*list, search, report and export only read" "$tmp/ro-werr"
	check "... and nothing was recorded" [ "$(grep -c 'one more line' "$tmp/ro-w")" -eq 0 -a ! -e "$ro/k.db-wal" ]
else
	echo "# read-only: a writer's refusal is not checked $how"
fi
"$KLANKBORD" list --db "$ro/k.db" >/dev/null 2>&1
check "a reader never leaves a -wal or -shm behind (even as root)" [ ! -e "$ro/k.db-wal" -a ! -e "$ro/k.db-shm" ]
"$KLANKBORD" list --db "$ro/none.db" >/dev/null 2>"$tmp/err"
rc=$?
check "a reader does not create a missing database (66, got $rc)" [ "$rc" -eq 66 -a ! -e "$ro/none.db" ]
chmod 0755 "$ro"

# 3. A console that cannot start writes nothing.
db="$tmp/noterm.db"
"$KLANKBORD" run "$agenda" --db "$db" --batch /dev/null >/dev/null 2>&1
echo /end | "$KLANKBORD" resume --db "$db" --batch - >/dev/null 2>&1
for term in dumb no-such-terminal xterm; do
	TERM=$term "$KLANKBORD" run "$agenda" --db "$db" </dev/null >/dev/null 2>"$tmp/err"
	rc=$?
	check "TERM=$term and no terminal: run exits 69 (got $rc)" [ "$rc" -eq 69 ]
done
check "... saying what is wrong" grep -q 'needs a terminal on standard input' "$tmp/err"
# The display and the browser name themselves, and never advise --batch, which they lack.
"$KLANKBORD" display --db "$db" </dev/null >/dev/null 2>"$tmp/err"
check "display without a terminal: exit 69, says the display needs one, no --batch advice" sh -c \
	'[ "$1" -eq 69 ] && grep -q "the display needs a terminal" "$2" && ! grep -q -- --batch "$2"' sh "$?" "$tmp/err"
TERM=dumb "$KLANKBORD" browse --db "$db" </dev/null >/dev/null 2>"$tmp/err"
check "browse with TERM=dumb: exit 69, says the browser needs a terminal, points to list, show and search" sh -c \
	'[ "$1" -eq 69 ] && grep -q "the browser needs a terminal, but TERM is \"dumb\".*klankbord list, show and search" "$2" &&
	! grep -q -- --batch "$2"' sh "$?" "$tmp/err"
"$KLANKBORD" resume --db "$db" --batch /dev/null >/dev/null 2>"$tmp/err"
rc=$?
check "no session was started: a plain resume finds none (66, got $rc)" [ "$rc" -eq 66 ]
check "... the database holds one session, the ended one" [ "$("$KLANKBORD" list --db "$db" | wc -l)" -eq 1 ]
TERM=dumb "$KLANKBORD" run "$agenda" --db "$tmp/never.db" </dev/null >/dev/null 2>&1
check "a console that cannot start does not even create the database" [ ! -e "$tmp/never.db" ]

# 4. Killed between a commit and its "ok": --skip-stored sends the rest exactly once.
db="$tmp/skip.db"
"$KLANKBORD" run "$agenda" --db "$db" --batch /dev/null >/dev/null 2>&1
session=$("$KLANKBORD" list --db "$db" --json | sed -n 's/.*"id":"\([0-9a-f]\{8\}\).*/\1/p')
awk 'BEGIN { for (l = 1; l <= 20; l++) printf "E0%d: script line %d\n", l % 4 + 1, l }' >"$tmp/script"
printf '\n' >>"$tmp/script"   # a blank line and a refused one: numbered, never stored
echo 'E77: nobody of that name' >>"$tmp/script"
echo 'E01: script line 23' >>"$tmp/script"
# The acknowledgements go to a pipe that nobody reads any more: the first "ok" kills the
# writer with SIGPIPE, after its line was committed and before anyone saw the "ok".
mkfifo "$tmp/acks" "$tmp/lines"
exec 6<>"$tmp/acks"
"$KLANKBORD" resume "$session" --db "$db" --console script --batch "$tmp/lines" >"$tmp/acks" 2>"$tmp/err" 6<&- &
pid=$!
exec 7>"$tmp/lines"   # blocks until the writer opens its input: acks is open by then
exec 6<&-
head -n 5 "$tmp/script" >&7
exec 7>&-
wait "$pid"
rc=$?
# (killed by SIGPIPE, or, where SIGPIPE is ignored, stopped with 74 by the failed write)
check "the writer stopped at its first acknowledgement (got $rc)" [ "$rc" -gt 128 -o "$rc" -eq 74 ]
stored=$("$KLANKBORD" export "$session" --db "$db" | grep -o '"text":"script line [0-9]*"' | sort -u | wc -l)
check "its line was committed without an \"ok\" ($stored stored)" [ "$stored" -eq 1 ]
"$KLANKBORD" resume "$session" --db "$db" --console script --batch "$tmp/script" --skip-stored \
	>"$tmp/acks2" 2>"$tmp/err2"
rc=$?
check "sent again with --skip-stored: exit 65 for the refused line (got $rc)" [ "$rc" -eq 65 ]
check "... saying where it resumes" grep -q "stored input lines up to $stored" "$tmp/err2"
"$KLANKBORD" export "$session" --db "$db" | grep -o '"seq":[0-9]*,"at":"[^"]*","console":"script","type":"contribution","payload":{[^}]*"text":"script line [0-9]*"' \
	| sed 's/.*"text":"\(script line [0-9]*\)"/\1/' | sort >"$tmp/stored"
check "every line of the script is stored exactly once ($(wc -l <"$tmp/stored") of 21)" \
	[ "$(wc -l <"$tmp/stored")" -eq 21 -a "$(sort -u "$tmp/stored" | wc -l)" -eq 21 ]
check "... and acknowledged once: $stored then $((21 - stored))" [ "$(grep -c '^ok ' "$tmp/acks2")" -eq $((21 - stored)) ]
"$KLANKBORD" resume "$session" --db "$db" --console script --batch "$tmp/script" --skip-stored \
	>"$tmp/acks3" 2>"$tmp/err3"
check "sent a third time: nothing is stored again" [ ! -s "$tmp/acks3" ]
"$KLANKBORD" resume "$session" --db "$db" --console script --skip-stored >/dev/null 2>"$tmp/err"
check "--skip-stored without --batch is a usage error" [ $? -eq 64 ]
