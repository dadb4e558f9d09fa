#!/bin/sh
# tmux_corrections.sh: the slips a note-taker corrects in the room, in a real terminal on
# the bundled example at 100x30 (docs/capture.md): an entry put down to the wrong speaker
# (/edit N E05:, and F5, which loads the speaker with the text), an entry recorded on
# the item before the one it was said on (/move N ITEM, Tab completing the item), a line
# with two speakers' ids (refused, the text kept on the capture line), E3: for E03, and
# Ctrl-Z taking each back in turn. Then SIGKILL (the console's own pid) and resume: the
# corrections are there, and the JSON export names the new speaker and item.
# Prints "ok - NAME" / "not ok - NAME" per check. Kills only its own tmux server.
set -u
. "$(dirname "$0")/lib/tmux.sh"
tmux_test corrections
need_tmux
agenda="$(dirname "$0")/../../examples/expert-pool-en.yaml"

tm_start 100 30 "$(pane_cmd console run "$agenda")"
check "console starts on the first item" wait_for kb "Agenda 1/6"
type_line kb "E03: waited nine months for lessons #language"
check "an entry by E03" wait_for kb "recorded entry 1: E03 note #language"

# the wrong speaker: typed as E03, said by E05
type_line kb "/edit 1 E05:"
check "/edit 1 E05: gives the entry to E05" wait_for kb "edited entry 1: now by E05, not E03"
check "... and its log row says E05" on_screen kb " E05 waited nine months for lessons #language"
check "... and E05 has spoken" on_screen kb '^ E05 Samir  *1 '
check "... and E03 not yet" on_screen kb '^•E03  *0 '
tm send-keys -t kb C-z
check "Ctrl-Z gives it back to E03" wait_for kb "took back the edit of entry 1: it is by E03 again"
# F5 on the selected entry loads its speaker with its text: changed there, in place
tm send-keys -t kb F6 F6 F5
check "F5 loads /edit 1 E03: and the text" wait_for kb "› /edit 1 E03: waited nine months for lessons"
tm send-keys -t kb Home Right Right Right Right Right Right Right Right Right Right Delete 5 Enter
check "the speaker changed in place on the capture line" wait_for kb "edited entry 1: now by E05, not E03"

# said on the next item: the facilitator moved on late
tm send-keys -t kb F3
check "F3 shows the second item" wait_for kb "Agenda 2/6"
check "... whose log is empty" wait_for kb "(nothing recorded on this item yet)"
tm send-keys -t kb -l "/move 1 arr"
tm send-keys -t kb Tab
check "Tab completes the item after /move N" wait_for kb "› /move 1 arrival"
tm send-keys -t kb Enter
check "/move 1 arrival puts entry 1 on this item" \
	wait_for kb "moved entry 1 to item 2/6: The first months in the municipality (from 1/6"
check "... and this item's log shows it" on_screen kb " E05 waited nine months for lessons #language"

# two speakers' ids before a colon, and E3 for E03
type_line kb "E03, E04: we both waited a year"
check "two speakers in one line are refused" wait_for kb "one speaker per line: for what E03 and E04 both said"
check "... and the line stays on the capture line" on_screen kb "› E03, E04: we both waited a year"
tm send-keys -t kb C-u
type_line kb "E3: the letters came in Dutch only"
check "E3: is E03's line" wait_for kb "recorded entry 2: E03 note"

# SIGKILL and resume: the log holds the corrections
signal_pane console KILL
check "the console is killed with SIGKILL (137)" wait_for kb "EXITED 137"
pane_run kb "$(pane_cmd console resume)"
check "resume opens on the second item" wait_for kb "Agenda 2/6"
check "... with entry 1 on it, by E05" wait_for kb " E05 waited nine months for lessons #language"
tm send-keys -t kb F10
check "F10 leaves" wait_for kb "EXITED 0"
session=$("$KLANKBORD" list --db "$db" --json | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p' | head -n 1)
"$KLANKBORD" export "$session" --db "$db" >"$tmp/export.json" 2>"$tmp/err"
check "the export names E05 and item arrival for entry 1, E03 for entry 2" python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
entries = {c["text"]: (c["participant"], item["id"]) for item in doc["items"] for c in item["contributions"]}
assert entries["waited nine months for lessons"] == ("E05", "arrival"), entries
assert entries["the letters came in Dutch only"] == ("E03", "arrival"), entries
' "$tmp/export.json"
