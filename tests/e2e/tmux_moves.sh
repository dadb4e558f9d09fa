#!/bin/sh
# tmux_moves.sh: issue 14's item change in a real terminal, on the bundled example at
# 100x30. F3/F2 commit without waiting for the disk and are synced once the keys pause
# (docs/console.md), so a move must still survive the console's death: the test kills the
# console with SIGKILL (its own pid) as soon as the move is on the screen, usually before
# that sync, and `klankbord resume` must open on the item the screen showed. Then three
# moves in a row (F3 F3 F3) and SIGKILL at once: resume opens on the fifth item.
# Prints "ok - NAME" / "not ok - NAME" per check. Kills only its own tmux server.
set -u
. "$(dirname "$0")/lib/tmux.sh"
tmux_test moves
need_tmux
agenda="$(dirname "$0")/../../examples/expert-pool-en.yaml"

tm_start 100 30 "$(pane_cmd console run "$agenda")"
check "console starts on the first item" wait_for kb "Agenda 1/6"
type_line kb "E01: said on the first item"
check "a contribution is recorded" wait_for kb "E01 said on the first item"
tm send-keys -t kb F3
check "F3 shows the second item" wait_for kb "Agenda 2/6"
signal_pane console KILL
check "the console is killed with SIGKILL right after the move (137)" wait_for kb "EXITED 137"
pane_run kb "$(pane_cmd console resume)"
check "resume opens on the item the screen showed" wait_for kb "Agenda 2/6"
check "... with its title in the log's frame" wait_for kb "The first months in the municipality ──"

tm send-keys -t kb F3 F3 F3
check "F3 F3 F3 shows the fifth item" wait_for kb "Agenda 5/6"
signal_pane console KILL
check "killed again at once (137)" wait_for kb "EXITED 137"
pane_run kb "$(pane_cmd console resume)"
check "resume opens on the fifth item" wait_for kb "Agenda 5/6"
tm send-keys -t kb F10
check "F10 leaves" wait_for kb "EXITED 0"
