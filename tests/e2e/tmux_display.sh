#!/bin/sh
# tmux_display.sh: the room display (`klankbord display`) in a real terminal, following
# a session that other processes write: a session started with `run --batch`, then
# batches from a second console (`resume --batch - --console second`) and a console in
# a second tmux window (`resume --console third`) while the display runs in its own tmux
# server. Checks with capture-pane that the display shows the item,
# follows an item move within a second or two, shows the open vote's question and bars,
# hides the bars of a vote with hide_results, shows the result after /close, survives
# a resize to 40x10 and back, and after /end shows "session ended" and leaves on a key
# with status 0; that no capture ever holds a participant's name, id or community from
# the agenda; that --mono and NO_COLOR send no colour; and the exit statuses for an ended
# and an unknown session. Prints one "ok - NAME" / "not ok - NAME" line per check.
# Kills only its own tmux server. Environment: KLANKBORD (default build/asan/klankbord),
# SHARED (default ../shared), TEST_TMP.
set -u
. "$(dirname "$0")/lib/tmux.sh"
tmux_test display
need_tmux
agenda="$SHARED/agendas/valid/expert-pool-nijmegen.yaml"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
pane_env="TERM=screen-256color ASAN_OPTIONS=$ASAN_OPTIONS"   # the display is checked for leaks
# Every screen the test looks at is kept, to look for names in them at the end.
keep_screens kb "$tmp/screens"
# second LINES...: a second console writes the lines, one batch process per call.
second() { printf '%s\n' "$@" | "$KLANKBORD" resume --batch - --console second --db "$db" >/dev/null 2>>"$tmp/batch.err"; }

printf 'E01: glad to be here\n' | "$KLANKBORD" run "$agenda" --batch - --db "$db" >/dev/null 2>"$tmp/run.err"
check "a session started with run --batch" grep -q "started session" "$tmp/run.err"
# The batch that started the session has left: the second console takes the lead, as it
# must to move through the agenda and open votes (docs/console.md).
second "/lead"

tm_start 100 30 "$(pane_cmd display display)"
check "the display starts on the newest open session" wait_for kb "item 1 of 6"
check "the display shows the item's prompt" wait_for kb "What would make tonight worthwhile for you?"
check "the display shows the clock's words" wait_for kb "time left of 10 min"
check "the big clock is drawn in block letters" wait_for kb "█"
# Idle, the display wakes on its input timeout only: CPU time over 5 s, in clock ticks.
cpu() { awk '{print $14 + $15}' "/proc/$(pid_of display)/stat" 2>/dev/null || echo 0; }
before=$(cpu); sleep 5; after=$(cpu)
echo "# idle display: $((after - before)) clock ticks of CPU in 5 s"
check "idle, the display uses under 2% of a CPU" [ $((after - before)) -lt 10 ]

second "/item language" "E01: !idea start lessons in the first month #language" \
	"E02: !obstacle the class was full for months #language"
t0=$(date +%s%N)
check "the display follows another console's item move" wait_for kb "item 3 of 6" 3
t1=$(date +%s%N)
echo "# item move seen by the display after $(( (t1 - t0) / 1000000 )) ms"
check "the item move shows within 2 s (the display looks twice a second)" [ $(( (t1 - t0) / 1000000 )) -lt 2000 ]
check "the new item's prompts" wait_for kb "What got in the way?"

second "/recommend Offer language lessons from the first month" "/vote language-first" \
	"E01: 1 1 2" "E02: 3 3 1" "E03: 1 4 4"
check "the open vote's question" wait_for kb "What should the municipality do first?"
check "the open vote's count of voters" wait_for kb "3/4 voted"
check "the open vote's bars" on_screen kb '1 Start language lessons in the first month.*█.* 4$'
check "the item's recommendation" wait_for kb "Offer language lessons from the first month"

tm resize-window -t kb -x 40 -y 10
sleep 1
check "at 40x10 the display still runs" on_screen kb 'item 3 of 6'
tm resize-window -t kb -x 30 -y 8
check "below 40x10 it says the terminal is too small" wait_for kb "terminal too small"
tm resize-window -t kb -x 100 -y 30
check "back at 100x30 the vote is readable again" wait_for kb "3/4 voted"

second "/close"
check "after /close the result, in the console's words" wait_for kb "Winner: 1 Start language lessons"
check "the result's shares" wait_for kb "3 voters · 9 dots"

second "/item recommendations" "/vote show-of-hands" "= 9 4 2"
check "a vote with hide_results shows its question" wait_for kb "Who wants to join a standing sounding-board group?"
check "and says its results are hidden" wait_for kb "results hidden until the vote closes"
check "no count of a hidden vote reaches the screen" not_on_screen kb '60%\|15 hands'
second "/close"
check "the hidden vote's result the moment it closes" wait_for kb "15 hands"

tm send-keys -t kb -l "+"
check "+ makes the text bigger (a message says how big)" wait_for kb "text size 3 of 4"
tm send-keys -t kb -l "?"
check "? lists the display's keys" wait_for kb "Keys of the room display"
tm send-keys -t kb x
check "any key closes the list" wait_for kb "Who wants to join"

# A console in a second tmux window (names and ids on its screen, none on the display's).
tm_window co "$(pane_cmd third resume --console third)"
wait_for kb:co "Recommendations to the council" >/dev/null
check "a console opens in a second window, with the participants on its screen" on_screen kb:co 'Amal'
tm send-keys -t kb:co -l "/lead"
tm send-keys -t kb:co Enter
tm send-keys -t kb:co -l "/prev"
tm send-keys -t kb:co Enter
check "the display follows the console's /prev" wait_for kb "item 5 of 6"
check "and shows that item's prompt" wait_for kb "When did you feel that the client manager understood you?"
tm send-keys -t kb:co F10

second "/lead" "/end"
check "after /end elsewhere: session ended" wait_for kb "session ended"
tm send-keys -t kb x
check "a key leaves the display with status 0" wait_for kb "EXITED 0"

names="Amal|Yonas|Olena|Interpreter|Policy officer|Syrian|Eritrean|Afghan|Ukrainian|E01|E02|E03|E04|T01|M01|voted:"
check "no screen held a participant's name, id or community" sh -c "! grep -E '$names' '$tmp/screens'"
check "the screens were captured" [ "$(wc -l <"$tmp/screens")" -gt 100 ]

pane_run kb "$(pane_cmd display display)"
check "display with no open session: exit 66" wait_for kb "EXITED 66"
id=$(sed -n 's/.*started session \([0-9a-f]*\).*/\1/p' "$tmp/run.err" | cut -c1-8)
pane_run kb "$(pane_cmd display display "$id")"
check "display of an ended session: exit 65" wait_for kb "EXITED 65"
check "and says it has ended" wait_for kb "has ended"
pane_run kb "$(pane_cmd display display ffffffff)"
check "display of an unknown session: exit 66" wait_for kb "EXITED 66"

# Colour: none with --mono or NO_COLOR (capture-pane -e writes the attributes it drew).
printf 'E01: once more\n' | "$KLANKBORD" run "$agenda" --batch - --new --db "$db" >/dev/null 2>&1
colours() { tm capture-pane -e -p -t kb | grep -c '\[[0-9;]*3[0-7]m\|\[[0-9;]*38;5;' ; }
# drawn COMPARISON N: the display is up, and its count of colour codes compares so with N.
drawn() { wait_for kb "time left of 10 min" >/dev/null && [ "$(colours)" "$1" "$2" ]; }
pane_run kb "$(pane_cmd display display)"
check "in colour the clock is green" drawn -gt 0
pane_run kb "$(pane_cmd display display --mono)"
check "--mono draws no colour" drawn -eq 0
pane_run kb "NO_COLOR=1 $(pane_cmd display display)"
check "NO_COLOR draws no colour" drawn -eq 0
tm send-keys -t kb F10
check "F10 leaves with status 0" wait_for kb "EXITED 0"
check "the batches all went through" [ ! -s "$tmp/batch.err" ] || { sed 's/^/# /' "$tmp/batch.err"; false; }
