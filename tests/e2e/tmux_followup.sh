#!/bin/sh
# tmux_followup.sh: the follow-up in the room, in a real terminal driven through tmux.
# A first session of the Municipality of Nijmegen records a recommendation in the
# console and ends; `klankbord recs set` accepts it with a note; a second session of the
# same organisation (`run` again) shows the recommendation, its status and the note on
# its first screen without a key press (capture-pane). A key moves on, F12 brings the
# list back, and a resumed session does not open on it.
# Prints one "ok - NAME" / "not ok - NAME" line per check. Kills only its own tmux server.
# Environment: KLANKBORD (default build/asan/klankbord), SHARED (default ../shared), TEST_TMP.
set -u
. "$(dirname "$0")/lib/tmux.sh"
tmux_test followup
need_tmux
agenda="$SHARED/agendas/valid/expert-pool-nijmegen.yaml"

tm_start 100 30 "$(pane_cmd console run "$agenda")"
check "the first session opens on the log (no earlier session)" wait_for kb "Welcome"
check "the first session shows no follow-up" not_on_screen kb 'Follow-up'
type_line kb "/recommend Start language lessons within four weeks of arrival"
check "the recommendation is recorded" wait_for kb "recommendation 1 recorded"
type_line kb "/end"
tm send-keys -t kb y
check "the session ends" wait_for kb "ended"
tm send-keys -t kb F10
check "F10 leaves the first console" wait_for kb "EXITED 0"

id=$("$KLANKBORD" recs --db "$db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"][:8])')
"$KLANKBORD" recs set "$id" accepted --note "the municipality starts language lessons within 4 weeks" \
	--by consultant --db "$db" >"$tmp/set.out" 2>&1
check "recs set accepts it" grep -q "accepted (was open)" "$tmp/set.out"
today=$(date +%F)

pane_run kb "$(pane_cmd console run "$agenda")"
check "the second session's first screen is the follow-up" wait_for kb "Follow-up: Municipality of Nijmegen"
check "it shows what the group advised" wait_for kb "Start language lessons within four weeks of arrival"
check "it shows the status, the day and the note" \
	wait_for kb "accepted $today: the municipality starts language lessons within 4 weeks"
tm send-keys -t kb -l "E"
check "a key moves on: the follow-up closes" wait_gone kb "Follow-up"
check "the key went to the capture line" wait_for kb "› E"
tm send-keys -t kb BSpace F12
check "F12 brings it back" wait_for kb "accepted $today: the municipality"
tm send-keys -t kb Escape
check "Esc closes it" wait_gone kb "Follow-up"
tm send-keys -t kb F10
check "F10 leaves the second console" wait_for kb "EXITED 0"

pane_run kb "$(pane_cmd console resume)"
check "a resumed session opens on the log" wait_for kb "Welcome"
check "a resumed session shows no follow-up" not_on_screen kb 'Follow-up'
tm send-keys -t kb F10
check "F10 leaves the resumed console" wait_for kb "EXITED 0"
