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
KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
case $KLANKBORD in /*) ;; *) KLANKBORD=$(pwd)/$KLANKBORD ;; esac
case $SHARED in /*) ;; *) SHARED=$(pwd)/$SHARED ;; esac
tmp=${TEST_TMP:-/tmp}/tmux-followup.$$
sock=kb-recs-$$
mkdir -p "$tmp"
db="$tmp/k.db"
agenda="$SHARED/agendas/valid/expert-pool-nijmegen.yaml"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
check() { name=$1; shift; if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi; }

if ! command -v tmux >/dev/null 2>&1; then
	echo "not ok - tmux is installed"
	exit 1
fi

screen() { tm capture-pane -p -t kb; }
wait_for() { # up to 10 s for TEXT to appear on the screen
	i=0
	while [ "$i" -lt 50 ]; do
		if screen 2>/dev/null | grep -qF -- "$1"; then return 0; fi
		sleep 0.2
		i=$((i + 1))
	done
	screen | sed 's/^/# /' >&2
	return 1
}
wait_gone() { # up to 10 s for TEXT to leave the screen
	i=0
	while [ "$i" -lt 50 ]; do
		if ! screen | grep -qF -- "$1"; then return 0; fi
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}
type_line() { tm send-keys -t kb -l -- "$1"; tm send-keys -t kb Enter; }
cat >"$tmp/console.sh" <<SCRIPT
export TERM=screen-256color ASAN_OPTIONS=detect_leaks=0
exec "$KLANKBORD" "\$@" --db "$db"
SCRIPT
# console WINDOW-COMMAND: a fresh window running klankbord with these arguments.
console() {
	tm kill-session -t kb 2>/dev/null
	tm new-session -d -s kb -x 100 -y 30 "sh $tmp/console.sh $1; echo EXITED \$?; sleep 600"
}

tm -f /dev/null start-server \; set -g default-terminal screen-256color \; set -g remain-on-exit on
console "run $agenda"
check "the first session opens on the log (no earlier session)" wait_for "Welcome"
check "the first session shows no follow-up" sh -c "! tmux -L '$sock' capture-pane -p -t kb | grep -q 'Follow-up'"
type_line "/recommend Start language lessons within four weeks of arrival"
check "the recommendation is recorded" wait_for "recommendation 1 recorded"
type_line "/end"
tm send-keys -t kb y
check "the session ends" wait_for "ended"
tm send-keys -t kb F10
check "F10 leaves the first console" wait_for "EXITED 0"

id=$("$KLANKBORD" recs --db "$db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"][:8])')
"$KLANKBORD" recs set "$id" accepted --note "the municipality starts language lessons within 4 weeks" \
	--by consultant --db "$db" >"$tmp/set.out" 2>&1
check "recs set accepts it" grep -q "accepted (was open)" "$tmp/set.out"
today=$(date +%F)

console "run $agenda"
check "the second session's first screen is the follow-up" wait_for "Follow-up: Municipality of Nijmegen"
check "it shows what the group advised" wait_for "Start language lessons within four weeks of arrival"
check "it shows the status, the day and the note" \
	wait_for "accepted $today: the municipality starts language lessons within 4 weeks"
tm send-keys -t kb -l "E"
check "a key moves on: the follow-up closes" wait_gone "Follow-up"
check "the key went to the capture line" wait_for "› E"
tm send-keys -t kb BSpace F12
check "F12 brings it back" wait_for "accepted $today: the municipality"
tm send-keys -t kb Escape
check "Esc closes it" wait_gone "Follow-up"
tm send-keys -t kb F10
check "F10 leaves the second console" wait_for "EXITED 0"

console "resume"
check "a resumed session opens on the log" wait_for "Welcome"
check "a resumed session shows no follow-up" sh -c "! tmux -L '$sock' capture-pane -p -t kb | grep -q 'Follow-up'"
tm send-keys -t kb F10
check "F10 leaves the resumed console" wait_for "EXITED 0"
