#!/bin/sh
# tmux_room.sh: issue 16's three screens on one evening, each in a window of this test's
# own tmux server: the leading console (`klankbord run AGENDA`), a note-taker's console
# (`klankbord join --as notes`) and the room display (`klankbord display`), on the
# Nijmegen agenda, whose participants have names.
# Both consoles write interleaved lines (200 each by default, TMUX_ROOM_LINES) in Dutch,
# Arabic, Chinese and with emoji; then both screens show the same last entries and the
# JSON export holds every line once, each console's in the order typed, with its console
# name. The leader moves to an item with a vote and opens it, both consoles record
# ballots, the display shows the item, the vote's question, count and bars (at 100x30,
# 200x50 and 80x24), and the result after /close; /next and /close at the note-taker's console are refused, naming the
# leading console. The note-taker's console killed with SIGKILL (its own pid) loses
# nothing, and `join --as notes` works again; /end at the leader (in full, confirmed)
# makes the display say "session ended". Every screen of the display the test looks at
# is kept: none holds a participant's name, id or community from the agenda, nor
# "voted:". Prints one "ok - NAME" / "not ok - NAME" line per check.
# Kills only its own tmux server. Environment: KLANKBORD, SHARED, TEST_TMP.
set -u
. "$(dirname "$0")/lib/tmux.sh"
tmux_test room
agenda="$SHARED/agendas/valid/expert-pool-nijmegen.yaml"
N=${TMUX_ROOM_LINES:-200}
need_tmux
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import yaml' 2>/dev/null; then
	echo "not ok - python3 with yaml is installed (it reads the agenda and the export)"
	exit 1
fi
keep_screens kb:display "$tmp/display.screens"

tm_start 100 30 "$(pane_cmd lead run "$agenda")" lead
check "the leading console starts on the agenda" wait_for kb:lead "Welcome and ground rules"
session=$("$KLANKBORD" list --db "$db" --json | sed -n 's/.*"id":"\([0-9a-f]\{8\}\).*/\1/p')
check "the session is listed" [ -n "$session" ]
tm_window notes "$(pane_cmd notes join --as notes)"
check "join --as notes opens a second console; its header says who leads" \
	wait_for kb:notes "notes · lead: console"
check "the leading console's header says it leads" wait_for kb:lead "console leads ·"
# The display is checked for leaks when it leaves (its exit status would not be 0).
pane_env="TERM=screen-256color ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}"
tm_window display "$(pane_cmd display display "$session")"
pane_env="TERM=screen-256color ASAN_OPTIONS=detect_leaks=0"
check "the display shows the session's first item" wait_for kb:display "item 1 of 6"
check "the display shows the item's prompt" wait_for kb:display "What would make tonight worthwhile for you?"

check_export() { export_lines "$1" "$2" console=lead notes=notes; }   # check_export FILE N
export_json() { "$KLANKBORD" export "$session" --format json --db "$db" >"$tmp/export.json" 2>"$tmp/err"; }

# Both consoles write, interleaved: a line at the leader, then one at the note-taker's.
# The display is looked at (and its screen kept) every 20 lines while they write.
type_interleaved "$N" kb:lead lead kb:notes notes
last=$(printf '%03d' "$N")
check "the export holds every line once, each console's in order, with its console name" \
	wait_lines "$session" "$N" console=lead notes=notes
# One more line at the note-taker's, now that both are idle, reaches the leader's screen;
# then both show the same last entries.
type_line kb:notes "E01: notes after $last"
check "the leading console shows a line typed at the other after both" wait_for kb:lead "notes after $last"
check "both consoles' screens show the same last entries" same_log kb:lead kb:notes
both_show() { grep -Eq "$1" "$tmp/screen.lead" && grep -Eq "$1" "$tmp/screen.notes"; }
check "the newest entry is number $((2 * N + 1)) on both" \
	both_show "│ $((2 * N + 1)) [0-9][0-9]:[0-9][0-9] E01 notes after $last"
check "the entry before it, number $((2 * N)), is the last line one of them typed, on both" \
	both_show "│ $((2 * N)) [0-9][0-9]:[0-9][0-9] E0[1-4] (lead|notes) $last "

# The leader moves to the item with a vote and opens it; both consoles record ballots.
type_line kb:lead "/item language"
check "the display follows the leader to the item" wait_for kb:display "item 3 of 6"
check "the display shows the item's prompts" wait_for kb:display "What got in the way?"
tm send-keys -t kb:display -l - \; send-keys -t kb:display -l -
check "two - on the display: its title in plain text" wait_for kb:display "Learning Dutch"
tm send-keys -t kb:display -l + \; send-keys -t kb:display -l +
check "two + bring the big letters back" wait_for kb:display "text size 2 of 4"
check "the note-taker's console follows the current item" wait_for kb:notes "▶ Learning Dutch"
type_line kb:lead "/vote language-first"
check "the display shows the open vote's question" wait_for kb:display "What should the municipality do first?"
check "the note-taker's console shows the open vote" wait_for kb:notes "Vote language-first (dots)"
type_line kb:lead "E01: 1 1 2"
type_line kb:notes "E03: 1 4 4"
type_line kb:lead "E02: 3 3 1"
type_line kb:notes "E04: 2 2 3"
check "the leading console counts the ballots of both" wait_for kb:lead "voted: E01 E02 E03 E04"
check "the display counts them, without who voted" wait_for kb:display "4/4 voted"
check "the display shows the bars (option 1: 4 dots)" \
	on_screen kb:display '1 Start language lessons in the first month.*█.* 4$'
check "the display shows the bars (option 4: 2 dots)" on_screen kb:display '4 Lessons combined with work.*█.* 2$'
# At the projector's sizes (the screens kept too): once the display drew at a size, its
# header reaches the column before the last (the clock; capture-pane drops the blank
# after it), and the vote is on it.
header_width() { screen kb:display | head -n 1 | LC_ALL=C.UTF-8 wc -m; }   # with its newline
redrawn() { # redrawn COLS: up to 20 s for the display to draw at COLS columns
	_t=0
	until [ "$(header_width)" -eq "$1" ]; do
		[ "$_t" -lt 200 ] || return 1
		sleep 0.1
		_t=$((_t + 1))
	done
}
for size in "200 50" "80 24"; do
	set -- $size
	tm resize-window -t kb:display -x "$1" -y "$2"
	check "the display draws at $1x$2" redrawn "$1"
	check "at $1x$2 it shows the vote's question" on_screen kb:display "What should the municipality do first?"
	check "at $1x$2 it shows the count" on_screen kb:display "4/4 voted"
	check "at $1x$2 it shows the bars" \
		on_screen kb:display '1 Start language lessons in the first month.*█.* 4$'
done
tm resize-window -t kb:display -x 100 -y 30

# A leader's steps at the note-taker's console are refused, naming the leading console.
type_line kb:notes "/next"
check "/next at the note-taker's console is refused, naming the leader" \
	wait_for kb:notes "only the leading console (console) moves through the agenda"
tm send-keys -t kb:notes C-u
type_line kb:notes "/close"
check "/close at the note-taker's console is refused too" \
	wait_for kb:notes "only the leading console (console) opens and closes votes"
tm send-keys -t kb:notes C-u
sleep 1.5   # a step that was not refused would reach the display within a second
still_open() { on_screen kb:display "item 3 of 6" && on_screen kb:display "4/4 voted"; }
check "the display still shows the same item and its open vote" still_open

type_line kb:lead "/close"
check "after /close the display shows the result, in the console's words" \
	wait_for kb:display "Winner: 1 Start language lessons"
check "the display shows the result's voters and dots" wait_for kb:display "4 voters · 12 dots"
check "the leading console shows the same result" wait_for kb:lead "Winner: 1 Start language lessons"

# SIGKILL of the note-taker's console (its own pid) loses nothing the leader recorded.
check "the note-taker's console's process id is known" [ -n "$(pid_of notes)" ]
signal_pane notes KILL
check "the note-taker's console is killed with SIGKILL (137)" wait_for kb:notes "EXITED 137"
type_line kb:lead "E02: lead after the kill"
check "the leading console goes on writing" wait_for kb:lead "lead after the kill"
export_json
check "after the kill the export still holds every line of both, in order" \
	check_export "$tmp/export.json" "$N"
check "... and the line written after it" grep -q '"text":"lead after the kill"' "$tmp/export.json"
pane_run kb:notes "$(pane_cmd notes join --as notes)"
check "join --as notes works again at once" wait_for kb:notes "notes · lead: console"
check "... and shows what the leader wrote meanwhile" wait_for kb:notes "lead after the kill"

# /end at the leader, in full and confirmed: the display says the session ended.
type_line kb:lead "/end"
check "/end asks first" wait_for kb:lead "End the session for every console?"
tm send-keys -t kb:lead -l y
check "y ends the session at the leader" wait_for kb:lead "session ended"
check "the display says \"session ended\"" wait_for kb:display "session ended"
check "the note-taker's console says it ended elsewhere" \
	wait_for kb:notes "the session was ended at another console"
tm send-keys -t kb:display x
check "a key leaves the display with status 0" wait_for kb:display "EXITED 0"
tm send-keys -t kb:lead F10
tm send-keys -t kb:notes F10
check "the leading console leaves with status 0" wait_for kb:lead "EXITED 0"
check "the note-taker's console leaves with status 0" wait_for kb:notes "EXITED 0"

# Nothing of the people ever reached the display's screen.
python3 - "$agenda" >"$tmp/people" <<'PY'
import sys, yaml
for p in yaml.safe_load(open(sys.argv[1]))["participants"]:
    for key in ("id", "name", "community"):
        if p.get(key):
            print(p[key])
PY
echo "voted:" >>"$tmp/people"
check "the agenda gives participants' names, ids and communities to look for" \
	[ "$(wc -l <"$tmp/people")" -ge 10 ]
check "the display's screens were kept (over 200 lines)" [ "$(wc -l <"$tmp/display.screens")" -gt 200 ]
grep -nFf "$tmp/people" "$tmp/display.screens" | head -n 5 | sed 's/^/# /' >&2
check "no screen of the display held a participant's name, id or community, nor voted:" \
	sh -c "! grep -qFf '$tmp/people' '$tmp/display.screens'"
