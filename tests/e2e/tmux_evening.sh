#!/bin/sh
# tmux_evening.sh: issue 14 in a real terminal, through tmux at 80x24 on its own server:
# during a vote a line that is not a ballot is a contribution and the status line says
# so; Ctrl-Z takes back the contribution, then the ballot (not an older contribution);
# "?who" is a line, not help; typing while the window is too small is kept; /en is
# refused and /end asks (n keeps the session open); a second console's status line says
# that the session ended elsewhere without a key being pressed.
# Prints "ok - NAME" / "not ok - NAME" per check. Kills only its own tmux server.
set -u
. "$(dirname "$0")/lib/tmux.sh"
tmux_test evening
need_tmux
agenda="$SHARED/agendas/valid/multilingual.yaml"

tm_start 80 24 "$(pane_cmd console run "$agenda")"
check "console starts at 80x24" wait_for kb "Taal leren"
type_line kb "P2: !obstacle ቋንቋ ምምሃር ከቢድ እዩ"
type_line kb "/vote eerst"
check "vote open with its id" wait_for kb "Vote eerst (single)"
type_line kb "P1: 2"
check "a ballot is a ballot" wait_for kb "ballot of P1 on eerst"
type_line kb "P3: ik ben het eens met 🌷 P1"
check "a line that is no ballot is a contribution, and says so" wait_for kb "P3 note, not a ballot"
tm send-keys -t kb C-z
check "Ctrl-Z takes back the contribution first" wait_for kb "took back entry 2 by P3"
tm send-keys -t kb C-z
check "then the ballot, not an older contribution" wait_for kb "took back the ballot of P1 on eerst"
check "the older contribution stays" not_on_screen kb 'ከቢድ እዩ \[retracted\]'
type_line kb "/close"
tm send-keys -t kb -l "?who decides this"
check "?who decides stays on the capture line" wait_for kb "› ?who decides this"
tm send-keys -t kb C-u
tm resize-window -t kb -x 60 -y 20
check "too small" wait_for kb "terminal too small"
tm send-keys -t kb -l "P4: typed while small"
tm resize-window -t kb -x 80 -y 24
check "what was typed while small is on the line" wait_for kb "› P4: typed while small"
tm send-keys -t kb C-u
type_line kb "/en"
check "/en is refused" wait_for kb "type it in full: /end"
tm send-keys -t kb C-u
type_line kb "/end"
check "/end asks first" wait_for kb "End the session for every console?"
tm send-keys -t kb -l n
check "n keeps the session open" wait_for kb "not sent: the session stays open"
tm send-keys -t kb C-u
# a second console, which then sees the first end the session
tm_window side "$(pane_cmd side resume --console side)"
check "a second console opens" wait_for kb:side "Taal leren"
type_line kb "/end"
tm send-keys -t kb -l y
check "y ends the session" wait_for kb "session ended"
check "the second console says it ended elsewhere, with no key pressed" \
	wait_for kb:side "the session was ended at another console"
tm send-keys -t kb F10
tm send-keys -t kb:side F10
check "the first console leaves with status 0" wait_for kb "EXITED 0"
check "the second console leaves with status 0" wait_for kb:side "EXITED 0"
