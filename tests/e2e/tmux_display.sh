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
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
case $KLANKBORD in /*) ;; *) KLANKBORD=$(pwd)/$KLANKBORD ;; esac
case $SHARED in /*) ;; *) SHARED=$(pwd)/$SHARED ;; esac
tmp=${TEST_TMP:-/tmp}/tmux-display.$$
sock=kb-display-$$
mkdir -p "$tmp"
db="$tmp/k.db"
agenda="$SHARED/agendas/valid/expert-pool-nijmegen.yaml"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
tm() { tmux -L "$sock" "$@"; }
cleanup() { tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
check() { name=$1; shift; if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi; }

if ! command -v tmux >/dev/null 2>&1; then
	echo "not ok - tmux is installed"
	exit 1
fi

# Every screen the test looks at is kept, to look for names in them at the end.
screen() { tm capture-pane -p -t kb | tee -a "$tmp/screens"; }
# wait_for TEXT [TENTHS]: up to TENTHS tenths of a second (default 100) for TEXT.
wait_for() {
	i=0
	tm has-session -t kb 2>/dev/null || return 1
	while [ "$i" -lt "${2:-100}" ]; do
		if screen | grep -qF -- "$1"; then return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	screen | sed 's/^/# /' >&2
	return 1
}
# second LINES...: a second console writes the lines, one batch process per call.
second() { printf '%s\n' "$@" | "$KLANKBORD" resume --batch - --console second --db "$db" >/dev/null 2>>"$tmp/batch.err"; }

printf 'E01: glad to be here\n' | "$KLANKBORD" run "$agenda" --batch - --db "$db" >/dev/null 2>"$tmp/run.err"
check "a session started with run --batch" grep -q "started session" "$tmp/run.err"
# The batch that started the session has left: the second console takes the lead, as it
# must to move through the agenda and open votes (docs/console.md).
second "/lead"

cat >"$tmp/display.sh" <<EOF
echo \$\$ >"$tmp/pid"
export TERM=screen-256color
exec "$KLANKBORD" display --db "$db" "\$@"
EOF
tm -f /dev/null start-server \; set -g default-terminal screen-256color \; set -g remain-on-exit on \; \
	new-session -d -s kb -x 100 -y 30 "sh $tmp/display.sh; echo EXITED \$?; sleep 600"
check "the display starts on the newest open session" wait_for "item 1 of 6"
check "the display shows the item's prompt" wait_for "What would make tonight worthwhile for you?"
check "the display shows the clock's words" wait_for "time left of 10 min"
check "the big clock is drawn in block letters" wait_for "█"
# Idle, the display wakes on its input timeout only: CPU time over 5 s, in clock ticks.
cpu() { awk '{print $14 + $15}' "/proc/$(cat "$tmp/pid")/stat" 2>/dev/null || echo 0; }
before=$(cpu); sleep 5; after=$(cpu)
echo "# idle display: $((after - before)) clock ticks of CPU in 5 s"
check "idle, the display uses under 2% of a CPU" [ $((after - before)) -lt 10 ]

second "/item language" "E01: !idea start lessons in the first month #language" \
	"E02: !obstacle the class was full for months #language"
t0=$(date +%s%N)
check "the display follows another console's item move" wait_for "item 3 of 6" 30
t1=$(date +%s%N)
echo "# item move seen by the display after $(( (t1 - t0) / 1000000 )) ms"
check "the item move shows within 2 s (the display looks twice a second)" [ $(( (t1 - t0) / 1000000 )) -lt 2000 ]
check "the new item's prompts" wait_for "What got in the way?"

second "/recommend Offer language lessons from the first month" "/vote language-first" \
	"E01: 1 1 2" "E02: 3 3 1" "E03: 1 4 4"
check "the open vote's question" wait_for "What should the municipality do first?"
check "the open vote's count of voters" wait_for "3/4 voted"
check "the open vote's bars" sh -c "tmux -L '$sock' capture-pane -p -t kb | grep -q '1 Start language lessons in the first month.*█.* 4$'"
check "the item's recommendation" wait_for "Offer language lessons from the first month"

tm resize-window -t kb -x 40 -y 10
sleep 1
check "at 40x10 the display still runs" sh -c "tmux -L '$sock' capture-pane -p -t kb | grep -q 'item 3 of 6'"
tm resize-window -t kb -x 30 -y 8
check "below 40x10 it says the terminal is too small" wait_for "terminal too small"
tm resize-window -t kb -x 100 -y 30
check "back at 100x30 the vote is readable again" wait_for "3/4 voted"

second "/close"
check "after /close the result, in the console's words" wait_for "Winner: 1 Start language lessons"
check "the result's shares" wait_for "3 voters · 9 dots"

second "/item recommendations" "/vote show-of-hands" "= 9 4 2"
check "a vote with hide_results shows its question" wait_for "Who wants to join a standing sounding-board group?"
check "and says its results are hidden" wait_for "results hidden until the vote closes"
check "no count of a hidden vote reaches the screen" sh -c "! tmux -L '$sock' capture-pane -p -t kb | grep -q '60%\|15 hands'"
second "/close"
check "the hidden vote's result the moment it closes" wait_for "15 hands"

tm send-keys -t kb -l "+"
check "+ makes the text bigger (a message says how big)" wait_for "text size 3 of 4"
tm send-keys -t kb -l "?"
check "? lists the display's keys" wait_for "Keys of the room display"
tm send-keys -t kb x
check "any key closes the list" wait_for "Who wants to join"

# A console in a second tmux window (names and ids on its screen, none on the display's).
tm new-window -d -t kb -n co "TERM=screen-256color '$KLANKBORD' resume --console third --db '$db'; sleep 600"
i=0
until tm capture-pane -p -t kb:co | grep -qF "Recommendations to the council" || [ "$i" -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
check "a console opens in a second window, with the participants on its screen" sh -c "tmux -L '$sock' capture-pane -p -t kb:co | grep -q 'Amal'"
tm send-keys -t kb:co -l "/lead"
tm send-keys -t kb:co Enter
tm send-keys -t kb:co -l "/prev"
tm send-keys -t kb:co Enter
check "the display follows the console's /prev" wait_for "item 5 of 6"
check "and shows that item's prompt" wait_for "When did you feel that the client manager understood you?"
tm send-keys -t kb:co F10

second "/lead" "/end"
check "after /end elsewhere: session ended" wait_for "session ended"
tm send-keys -t kb x
check "a key leaves the display with status 0" wait_for "EXITED 0"

names="Amal|Yonas|Olena|Interpreter|Policy officer|Syrian|Eritrean|Afghan|Ukrainian|E01|E02|E03|E04|T01|M01|voted:"
check "no screen held a participant's name, id or community" sh -c "! grep -E '$names' '$tmp/screens'"
check "the screens were captured" [ "$(wc -l <"$tmp/screens")" -gt 100 ]

tm respawn-pane -k -t kb "sh $tmp/display.sh; echo EXITED \$?; sleep 600"
check "display with no open session: exit 66" wait_for "EXITED 66"
id=$(sed -n 's/.*started session \([0-9a-f]*\).*/\1/p' "$tmp/run.err" | cut -c1-8)
tm respawn-pane -k -t kb "sh $tmp/display.sh $id; echo EXITED \$?; sleep 600"
check "display of an ended session: exit 65" wait_for "EXITED 65"
check "and says it has ended" wait_for "has ended"
tm respawn-pane -k -t kb "sh $tmp/display.sh ffffffff; echo EXITED \$?; sleep 600"
check "display of an unknown session: exit 66" wait_for "EXITED 66"

# Colour: none with --mono or NO_COLOR (capture-pane -e writes the attributes it drew).
printf 'E01: once more\n' | "$KLANKBORD" run "$agenda" --batch - --new --db "$db" >/dev/null 2>&1
colours() { tm capture-pane -e -p -t kb | grep -c '\[[0-9;]*3[0-7]m\|\[[0-9;]*38;5;' ; }
tm respawn-pane -k -t kb "sh $tmp/display.sh; echo EXITED \$?; sleep 600"
wait_for "time left of 10 min" >/dev/null
check "in colour the clock is green" [ "$(colours)" -gt 0 ]
tm respawn-pane -k -t kb "sh $tmp/display.sh --mono; echo EXITED \$?; sleep 600"
wait_for "time left of 10 min" >/dev/null
check "--mono draws no colour" [ "$(colours)" -eq 0 ]
tm respawn-pane -k -t kb "NO_COLOR=1 sh $tmp/display.sh; echo EXITED \$?; sleep 600"
wait_for "time left of 10 min" >/dev/null
check "NO_COLOR draws no colour" [ "$(colours)" -eq 0 ]
tm send-keys -t kb F10
check "F10 leaves with status 0" wait_for "EXITED 0"
check "the batches all went through" [ ! -s "$tmp/batch.err" ] || { sed 's/^/# /' "$tmp/batch.err"; false; }
