#!/bin/sh
# tmux_consoles.sh: issue 16's consoles with names and roles, in real terminals through
# tmux on its own server. The leading console (run) and a second one (join) on one
# session write interleaved, 300 lines each in Dutch, Arabic, Chinese and with emoji;
# both screens show the same log and the export holds every line once, in order, with
# the console that wrote it. A name in use by a live console is refused (exit 75); the
# second console killed with SIGKILL (its own pid, never by name) loses nothing of the
# first, and its name can be joined again; a leader's step from the second console is
# refused with the message; /handover passes the lead, both screens say who leads; a
# hang-up (the window closed, as when an SSH connection drops) loses nothing
# acknowledged, and `join --as` continues the console.
# Prints one "ok - NAME" / "not ok - NAME" line per check. Kills only its own tmux server.
# Environment: KLANKBORD (default build/asan/klankbord), SHARED (default ../shared), TEST_TMP.
set -u
. "$(dirname "$0")/lib/tmux.sh"
tmux_test consoles
agenda="$SHARED/agendas/valid/expert-pool-nijmegen.yaml"
N=${TMUX_CONSOLES_LINES:-300}
need_tmux
if ! command -v python3 >/dev/null 2>&1; then
	echo "not ok - python3 is installed (it reads the export)"
	exit 1
fi

tm_start 100 30 "$(pane_cmd lead run "$agenda")" lead
check "the leading console starts" wait_for kb:lead "The first months"
session=$("$KLANKBORD" list --db "$db" --json | sed -n 's/.*"id":"\([0-9a-f]\{8\}\).*/\1/p')
tm_window side "$(pane_cmd side join)"
check "join opens a second console on the open session" wait_for kb:side "The first months"
check "join without --as names it console-2; its header says who leads" wait_for kb:side "console-2 · lead: console"
check "the leading console's header says it leads once a second one joined" wait_for kb:lead "console leads ·"

"$KLANKBORD" join --as console --db "$db" --batch /dev/null >/dev/null 2>"$tmp/err"
rc=$?
check "join --as a name that a live console has is refused with 75 (got $rc)" [ "$rc" -eq 75 ]
check "... saying the name is open" grep -q 'console "console" is already open on session' "$tmp/err"
"$KLANKBORD" resume --console console-2 --db "$db" --batch /dev/null >/dev/null 2>"$tmp/err"
check "resume --console with a live name is refused too" [ $? -eq 75 ]

# Both write, interleaved: a line at the leading console, then one at the second.
type_interleaved "$N" kb:lead lead kb:side side
last=$(printf '%03d' "$N")
check "both consoles' lines are committed: every line once, in order, with its console" \
	wait_lines "$session" "$N" console=lead console-2=side
# One more line at the second console, now that both are idle, must reach the leader.
type_line kb:side "E01: side after $last"
check "the leading console shows a line the second one typed after both" wait_for kb:lead "side after $last"
# The log and the people look the same on both screens (header and status line aside).
check "both screens show the same log, entry numbers and people" same_log kb:lead kb:side
check "the newest entry is number $((2 * N + 1)) on both screens" \
	grep -Eq "│ $((2 * N + 1)) [0-9][0-9]:[0-9][0-9] E01 side after $last" "$tmp/screen.lead"

# The export: every line once, each console's in the order typed, with its console.
check_export() { export_lines "$1" "$2" console=lead console-2=side; }   # check_export FILE N
"$KLANKBORD" export "$session" --db "$db" >"$tmp/export.json" 2>"$tmp/err"
check "the export holds every line once, each console's in order, with its console name" \
	check_export "$tmp/export.json" "$N"

# SIGKILL of the second console (its own pid) loses nothing of the first.
check "the second console's process id is known" [ -n "$(pid_of side)" ]
signal_pane side KILL
check "the second console is killed with SIGKILL (137)" wait_for kb:side "EXITED 137"
type_line kb:lead "E01: lead after the kill"
check "the leading console goes on writing" wait_for kb:lead "lead after the kill"
"$KLANKBORD" export "$session" --db "$db" >"$tmp/export.json" 2>"$tmp/err"
check "after the kill the export still holds every line of both" check_export "$tmp/export.json" "$N"
pane_run kb:side "$(pane_cmd side join --as console-2)"
check "the killed console's name can be joined again at once" wait_for kb:side "console-2 · lead: console"
check "... and it shows what was written meanwhile" wait_for kb:side "lead after the kill"

# A leader's step from the second console is refused, with who leads and what to do.
type_line kb:side "/next"
check "/next at the second console is refused with the message" \
	wait_for kb:side "only the leading console (console) moves through"
tm send-keys -t kb:side C-u
tm send-keys -t kb:side F4
check "F4 (more time) at the second console is refused too" wait_for kb:side "changes an item's time"
type_line kb:lead "/handover nobody"
check "/handover to a console that is not open is refused" wait_for kb:lead "console nobody is not open"
tm send-keys -t kb:lead C-u
type_line kb:lead "/handover console-2"
check "/handover passes the lead" wait_for kb:lead "console console-2 leads now"
check "the second console's status line says it leads, with no key pressed" \
	wait_for kb:side "this console leads now"
check "the second console's header says it leads" wait_for kb:side "console-2 leads ·"
check "the first console's header says who leads" wait_for kb:lead "console · lead: console-2"
type_line kb:side "/next"
check "now the second console moves through the agenda" wait_for kb:side "item 2/6: The first months"
check "... and the first follows the current item" wait_for kb:lead "▶ The first months"
type_line kb:lead "/prev"
check "the first console is refused a leader's step now" \
	wait_for kb:lead "only the leading console (console-2) moves through"
tm send-keys -t kb:lead C-u

# A hang-up: the second console's window goes away as an SSH connection would.
type_line kb:side "E02: typed just before the connection dropped"
check "a line acknowledged just before the hang-up" wait_for kb:side "typed just before the connection"
pid=$(pid_of side)
tm kill-window -t kb:side
gone=1
for try in $(seq 1 50); do
	if ! kill -0 "$pid" 2>/dev/null; then gone=0; break; fi
	sleep 0.2
done
check "the hung-up console's process ends" [ "$gone" -eq 0 ]
check "the first console still shows the acknowledged line" wait_for kb:lead "typed just before the connection"
type_line kb:lead "/next"
check "the leader is not open: the first console is told /lead takes the lead" \
	wait_for kb:lead "(console-2) moves through the agenda, and it is not"
tm send-keys -t kb:lead C-u
tm_window side "$(pane_cmd side join --as console-2)"
check "join --as console-2 again after the hang-up" wait_for kb:side "console-2 leads ·"
check "... nothing acknowledged was lost" wait_for kb:side "typed just before the connection"
signal_pane side HUP
check "SIGHUP alone (the hang-up's signal) leaves the console with 75, the session open" \
	wait_for kb:side "EXITED 75"
pane_run kb:side "$(pane_cmd side join --as console-2)"
check "... and join --as continues it" wait_for kb:side "console-2 leads ·"
type_line kb:side "/handover console"
check "the lead goes back" wait_for kb:lead "this console leads now"
tm send-keys -t kb:lead F10
check "the first console leaves with status 0" wait_for kb:lead "EXITED 0"
tm send-keys -t kb:side F10
check "the second console leaves with status 0" wait_for kb:side "EXITED 0"
"$KLANKBORD" export "$session" --db "$db" >"$tmp/export.json" 2>"$tmp/err"
check "the export's log shows both handovers as console.lead events" \
	[ "$(grep -o '"type":"console.lead"' "$tmp/export.json" | wc -l)" -eq 2 ]
"$KLANKBORD" export "$session" --db "$db" --format md >"$tmp/export.md" 2>"$tmp/err"
check "the md report names the console beside each contribution (two wrote them)" \
	sh -c "grep -q '^- side 001 .* · typed at console-2\$' '$tmp/export.md' && grep -q '^- lead 001 .* · typed at console\$' '$tmp/export.md'"
"$KLANKBORD" export "$session" --db "$db" --format html >"$tmp/export.html" 2>"$tmp/err"
check "the html report too" grep -q 'side 001 .*<span class="muted">· typed at console-2</span></li>' "$tmp/export.html"

# An ended session: join says so clearly (65).
printf '/lead\n/end\n' | "$KLANKBORD" resume "$session" --db "$db" --batch - >/dev/null 2>"$tmp/err"
check "a batch console takes the lead from a leader that is not open, and ends the session" [ $? -eq 0 ]
"$KLANKBORD" join "$session" --db "$db" --batch /dev/null >/dev/null 2>"$tmp/err"
rc=$?
check "join on an ended session is refused with 65 (got $rc)" [ "$rc" -eq 65 ]
check "... saying it has ended" grep -q "has ended; it can be exported but not continued" "$tmp/err"
"$KLANKBORD" join --db "$db" --batch /dev/null >/dev/null 2>"$tmp/err"
check "join without a session when none is open says so (66)" [ $? -eq 66 ]
sed 's/^/# /' "$tmp/err"
