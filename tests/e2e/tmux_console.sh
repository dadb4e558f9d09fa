#!/bin/sh
# tmux_console.sh: the console in a real terminal, driven through tmux.
# Starts `klankbord run` on the multilingual example in its own tmux server, types
# contributions in several scripts, opens a vote and casts ballots, resizes the window
# (wide, too small, back), kills the process with SIGKILL, runs `klankbord resume` and
# checks with capture-pane that everything acknowledged on screen is still there; then
# SIGTERM (status 75, terminal restored), resume once more, close the vote (its result
# stays on screen; Esc hides it, F7 shows it again) and quit with F10.
# Prints one "ok - NAME" / "not ok - NAME" line per check. Kills only its own tmux server.
# Environment: KLANKBORD (default build/asan/klankbord), SHARED (default ../shared), TEST_TMP.
set -u
. "$(dirname "$0")/lib/tmux.sh"
tmux_test console
need_tmux
agenda="$SHARED/agendas/valid/multilingual.yaml"

tm_start 100 30 "$(pane_cmd console run "$agenda")"
check "console starts on the agenda" wait_for kb "Taal leren"

type_line kb "P1: !obstacle انتظرت تسعة أشهر لدروس اللغة #language"
check "Arabic contribution acknowledged" wait_for kb "لدروس"
type_line kb "P2: !success ቋንቋ ብቐሊሉ ተማሂረ #work"
check "Tigrinya contribution acknowledged" wait_for kb "ብቐሊሉ"
type_line kb "P3: کلاس زبان خیلی دور بود"
check "Persian contribution acknowledged" wait_for kb "خیلی"
type_line kb "P5: !idea 周末也开设语言课程 #education"
check "Chinese contribution acknowledged" wait_for kb "周末也开设语言课程"
type_line kb "P6: 🌷 taalcafé op zaterdag"
check "emoji contribution acknowledged" wait_for kb "taalcafé op zaterdag"
type_line kb "P9: nobody by that id"
check "refused line stays on the capture line" wait_for kb "› P9: nobody by that id"
tm send-keys -t kb C-u
# A byte that is not UTF-8 (a Latin-1 terminal's é is 0xE9) shows as U+FFFD and the
# keys after it are kept.
tm send-keys -t kb -H 50 35 3a 20 63 61 66 e9 20 61 75 20 6c 61 69 74
check "a byte that is not UTF-8 shows as U+FFFD and the keys after it are kept" wait_for kb "› P5: caf� au lait"
tm send-keys -t kb C-u
# A pasted bidi override (U+202E, which turns the rest of a line around on a terminal
# that does bidi) and a BEL reach the pane as the marks the log shows, not as themselves.
tm send-keys -t kb -H 50 35 3a 20 72 6c 6f 20 e2 80 ae 20 62 65 6c 6c 07 20 78
check "a pasted bidi override and BEL show as marks in the capture line" wait_for kb "› P5: rlo � bell␇ x"
tm send-keys -t kb C-u
# Another program holds the write lock for 2 s: the console says it is waiting, then
# records the line.
( printf 'BEGIN IMMEDIATE;\n.shell sleep 2\nCOMMIT;\n' | sqlite3 "$db" >/dev/null 2>&1 & )
sleep 0.3
tm send-keys -t kb 'P5: typed while another program writes' Enter
check "while another program holds the write lock, the console says it is waiting" wait_for kb "waiting for the database"
check "the line is recorded once the lock is released" wait_for kb "P5 typed while another program writes"
# Held past the 10 s a line waits: the line is kept, not lost, and so is the next one,
# typed at once; the header says how many wait; once the lock goes, both are saved.
( printf 'BEGIN IMMEDIATE;\n.shell sleep 14\nCOMMIT;\n' | sqlite3 "$db" >/dev/null 2>&1 & )
sleep 0.3
tm send-keys -t kb 'P5: kept while the database is held' Enter
check "held past the wait, the line is kept and the header says so" wait_for kb " 1 NOT SAVED " 15
tm send-keys -t kb 'P6: typed while the first waits' Enter
check "the next line joins it at once" wait_for kb " 2 NOT SAVED " 2
check "both are saved in order once the lock is released" wait_for kb "saved the 2 lines kept" 15
check "... the first shown in the log" wait_for kb "P5 kept while the database is held" 2
check "... and the second" wait_for kb "P6 typed while the first waits" 2

tm send-keys -t kb F4
check "F4 adds 5 minutes to the item (15' -> 20')" wait_for kb "20'"
tm send-keys -t kb -l "P5"
tm send-keys -t kb Tab
tm send-keys -t kb -l "!ide"
tm send-keys -t kb Tab
tm send-keys -t kb -l "typed then undone"
tm send-keys -t kb Enter
check "Tab completes P5: and !idea" wait_for kb "P5 !idea typed then undone"
tm send-keys -t kb C-z
check "Ctrl-Z takes the last entry back" wait_for kb "typed then undone [retracted]"

type_line kb "/vote eerst"
check "vote panel opens with its id" wait_for kb "Vote eerst (single)"
type_line kb "P1: 1"
type_line kb "P2: 2"
type_line kb "P4: 2"
check "ballots counted and voters listed" wait_for kb "voted: P1 P2 P4"

tm resize-window -t kb -x 160 -y 45
check "wide layout after resize" wait_for kb "ends about"
tm resize-window -t kb -x 60 -y 20
check "too-small screen after resize" wait_for kb "terminal too small"
tm resize-window -t kb -x 100 -y 30
check "normal layout after resizing back" wait_for kb "voted: P1 P2 P4"

check "console process id known" [ -n "$(pid_of console)" ]
signal_pane console KILL
check "console killed with SIGKILL (status 137)" wait_for kb "EXITED 137"

pane_run kb "$(pane_cmd console resume)"
check "resume reopens the session" wait_for kb "Taal leren"
for text in "لدروس" "ብቐሊሉ" "خیلی" "周末也开设语言课程" "taalcafé op zaterdag" "voted: P1 P2 P4"; do
	check "after resume the screen shows: $text" wait_for kb "$text"
done
check "nothing refused was stored" not_on_screen kb 'nobody by that id'

signal_pane console TERM
check "SIGTERM leaves the console with status 75 (resumable)" wait_for kb "EXITED 75"
check "SIGTERM restores the terminal and says how to resume" wait_for kb "is still open"

pane_run kb "$(pane_cmd console resume)"
check "resume again after SIGTERM" wait_for kb "voted: P1 P2 P4"
type_line kb "/close"
check "after /close the result stays on screen with the winner" wait_for kb "Winner: 2 Taalcafé"
check "the result shows the counts and shares" wait_for kb "2  67%"
tm send-keys -t kb Escape
check "Esc on the empty line hides the result" wait_for kb "hidden; F7 shows it again"
check "the winner line is gone after Esc" wait_gone kb "Winner: 2 Taalcafé"
tm send-keys -t kb F7
check "F7 shows the result again" wait_for kb "result of vote eerst"
check "the result is back on screen after F7" wait_for kb "Winner: 2 Taalcafé"
# A paste with a line break and a tab: one line on the capture line, recorded once on Enter.
tm set-buffer "$(printf 'P3: pasted first line\nsecond line\tafter a tab')"
tm paste-buffer -p -t kb
check "a pasted line break does not record: the paste waits on the capture line" \
	wait_for kb "› P3: pasted first line second line after a tab"
tm send-keys -t kb Enter
check "Enter records the pasted text as one entry" wait_for kb "P3 pasted first line second line after a tab"
# A paste that holds the end marker itself, then a line break and a command: the command
# stays text on the capture line and runs nothing (the item keeps its 15 minutes).
tm set-buffer "$(printf 'P4: pasted\033[201~\r/extend 7\rmore')"
tm paste-buffer -p -t kb
check "a pasted end marker does not end the paste: the command stays text" wait_for kb "› P4: pasted /extend 7 more"
check "the pasted /extend ran nothing" not_on_screen kb '+7 min'
tm send-keys -t kb C-u
tm send-keys -t kb F10
check "F10 leaves the console and restores the terminal" wait_for kb "is still open"
check "exit status 0 after F10" wait_for kb "EXITED 0"
