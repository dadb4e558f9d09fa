#!/bin/sh
# tmux_browse.sh: `klankbord browse` in a real terminal, driven through tmux, on a
# database written by `klankbord run --batch`: the sessions, down to an item's
# contributions and its vote's result, back up, a search with its hits, a resize to too
# small and back, the register with a change of status (in `klankbord recs` afterwards),
# q leaves with status 0, and the session log is as it was (the same events).
# Also the command's bad input without a terminal: an organisation that matches nothing
# (66, as report says it), no terminal (69), an unknown option (64), and `help browse`.
# Prints one "ok - NAME" / "not ok - NAME" line per check. Uses its own tmux server and
# kills only that one. Environment: KLANKBORD, SHARED, TEST_TMP.
set -u
. "$(dirname "$0")/lib/tmux.sh"
tmux_test browse

# A real evening through --batch: contributions on two items, a dots vote closed, the end.
printf '%s\n' '/item arrival' \
	'E02: !obstacle waited 9 months for a house #housing #stability' \
	'E01: !success the neighbours helped with every letter #bridges' \
	'/item language' \
	'E01: !idea start lessons in the first month #language' \
	'/vote language-first' 'E01: 1 1 2' 'E02: 3 3 1' 'E03: 1 4 4' '/close' \
	'/recommend start language lessons in the first month' '/end' \
	| "$KLANKBORD" run "$SHARED/agendas/valid/expert-pool-nijmegen.yaml" --db "$db" --batch - >"$tmp/batch.out" 2>&1
check "the evening is recorded with --batch" [ "$(grep -c '^ok ' "$tmp/batch.out")" -eq 12 ]
printf '%s\n' 'P1: !obstacle de wachtlijst is lang #language' \
	| "$KLANKBORD" run "$SHARED/agendas/valid/multilingual.yaml" --db "$db" --batch - >/dev/null 2>&1
# The log as it is: every event's seq, type and payload (browsing must leave it so).
events() { sqlite3 "file:$db?mode=ro" "SELECT group_concat(seq || type || payload, '|') FROM events" | md5sum; }
check "sqlite3 is installed (to read the log)" sh -c "command -v sqlite3 >/dev/null"
events_before=$(events)

# Bad input, no terminal needed.
"$KLANKBORD" browse --organisation nomatch --db "$db" </dev/null >"$tmp/out" 2>"$tmp/err"
check "browse --organisation nomatch: exit 66" [ $? -eq 66 ]
check "browse --organisation nomatch: says so" grep -q "nomatch" "$tmp/err"
TERM=dumb "$KLANKBORD" browse --db "$db" </dev/null >"$tmp/out" 2>"$tmp/err"
check "browse without a terminal: exit 69 with a message" sh -c "[ $? -eq 69 ] && grep -q 'klankbord:' '$tmp/err'"
"$KLANKBORD" browse --bogus --db "$db" </dev/null >/dev/null 2>"$tmp/err"
check "browse --bogus: exit 64" [ $? -eq 64 ]
"$KLANKBORD" help browse >"$tmp/help" 2>&1
check "help browse: the usage" grep -q "usage: klankbord browse" "$tmp/help"

need_tmux
tm_start 100 30 "$(pane_cmd browse browse)"
check "browse opens on the sessions" wait_for kb "─ Sessions "
check "the sessions show their organisation" wait_for kb "Municipality of Nijmegen"
check "an ended session says so" wait_for kb "ended"
tm send-keys -t kb Down Enter
check "Enter opens the session's items" wait_for kb "─ Items "
check "an item shows its vote" wait_for kb "1 vote"
tm send-keys -t kb Down Down Enter
check "Enter opens the item's contributions" wait_for kb "Contributions: Learning Dutch"
check "the vote's result in the result panel's words" wait_for kb "Winner: 1 Start language lessons"
tm send-keys -t kb BSpace
check "Backspace goes back to the items" wait_for kb "─ Items "
tm send-keys -t kb Up Enter
check "the first months' contributions" wait_for kb "waited 9 months for a house #housing #stability"
check "speakers by id, never by name" not_on_screen kb Yonas
tm send-keys -t kb Escape
sleep 0.3
tm send-keys -t kb Left
check "Left goes back to the sessions" wait_for kb "─ Sessions "
tm send-keys -t kb / && tm send-keys -t kb -l "neighbours" && tm send-keys -t kb Enter
check "a search shows its hits" wait_for kb "Search: neighbours (1 hit"
tm resize-window -t kb -x 60 -y 20
check "too small a window says so" wait_for kb "terminal too small"
tm resize-window -t kb -x 100 -y 30
check "the hits come back when it grows" wait_for kb "Search: neighbours"
tm send-keys -t kb Escape
check "Esc goes back from the hits" wait_for kb "─ Sessions "
tm send-keys -t kb Down R
check "R opens the session's register" wait_for kb "Register: 2024-03-14"
check "the register shows the recommendation, open" wait_for kb "open        start language lessons"
tm send-keys -t kb s && tm send-keys -t kb -l "accepted lessons start in May" && tm send-keys -t kb Enter
check "s changes its status with a note" wait_for kb "the recommendation is now accepted: lessons start in May"
check "the history shows the change" wait_for kb "accepted: lessons start in May ("
tm send-keys -t kb q
check "q leaves with status 0" wait_for kb "EXITED 0"
"$KLANKBORD" recs --db "$db" --json >"$tmp/recs.json" 2>&1
check "the change is in the register (klankbord recs)" grep -q '"status":"accepted"' "$tmp/recs.json"
check "the note is in the register" grep -q 'lessons start in May' "$tmp/recs.json"
check "browsing changed nothing in the session log" [ "$events_before" = "$(events)" ]
