# tests/e2e/lib/tmux.sh: what the tmux tests (tests/e2e/tmux_*.sh) share. Sourced, never
# run: tests/run-all.sh runs tests/e2e/*.sh only, not this folder.
#
# Use, at the top of a test, after `set -u`:
#     . "$(dirname "$0")/lib/tmux.sh"
#     tmux_test NAME        # NAME: the test's own name (tmux_NAME.sh)
#     need_tmux             # where the test first needs tmux
#
# Owns:
#   - KLANKBORD and SHARED made absolute (defaults build/asan/klankbord and ../shared,
#     relative to the checkout), since panes start in other folders;
#   - the test's scratch folder $tmp (${TEST_TMP:-/tmp}/tmux-NAME.$$), its database $db,
#     and its own tmux server, socket kb-NAME-$$ (tmux -L): `tm` talks to that server only;
#     on exit (and on INT, TERM, HUP) that server is killed, its socket file and $tmp
#     removed. Never the default server, never a process by name;
#   - check NAME CMD...: one TAP line, "ok - NAME" or "not ok - NAME";
#   - panes: tm_start starts the server with one session, kb, that keeps a pane whose
#     program ended (remain-on-exit) so that its last words and exit status can be read;
#     tm_window adds a window; pane_run respawns a pane with a new program. A program is
#     replaced by respawning its pane, never by killing the session: killing a server's
#     last session makes the server exit, racing the next new-session;
#   - pane_cmd NAME ARGS...: the command a pane runs for `klankbord ARGS --db $db`: the
#     process id of klankbord itself goes to $tmp/pid.NAME (a signal then hits exactly
#     that process), and when it ends the pane shows "EXITED STATUS" and waits;
#     $pane_env is its environment (TERM, and leak detection off unless a test sets it);
#     pid_of NAME prints that process id, signal_pane NAME SIGNAL signals that process;
#   - reading a pane (PANE is a tmux target: kb, kb:side): screen PANE prints it;
#     wait_for PANE TEXT [SECONDS] waits for a fixed TEXT (20 s by default: a screen that
#     needs longer, even on a busy machine, is a product problem, not a time-out to
#     raise; a wait over 5 s is said on stderr), printing the screen on stderr when it
#     never comes; wait_gone PANE TEXT waits for TEXT to leave; on_screen and
#     not_on_screen PANE REGEX look once (grep's basic regular expressions);
#     keep_screens PANE FILE appends every capture of PANE to FILE, for checks over all
#     a pane ever showed (the display's privacy);
#   - typing: type_line PANE TEXT types TEXT literally, then Enter;
#   - two consoles on one session: type_interleaved types numbered lines at both in
#     turn, same_log compares their screens, export_lines checks the JSON export
#     (python3) holds every line once, in order, with the console that wrote it, and
#     wait_lines waits until it does.
# Never: runs a check of its own (except "tmux is installed" in need_tmux), signals a
# process other than the one a test names to signal_pane, or touches a tmux server
# other than its own.

KLANKBORD=${KLANKBORD:-build/asan/klankbord}
SHARED=${SHARED:-../shared}
case $KLANKBORD in /*) ;; *) KLANKBORD=$(pwd)/$KLANKBORD ;; esac
case $SHARED in /*) ;; *) SHARED=$(pwd)/$SHARED ;; esac
pane_env="TERM=screen-256color ASAN_OPTIONS=detect_leaks=0"
kept_pane=
kept_file=

check() { name=$1; shift; if "$@"; then echo "ok - $name"; else echo "not ok - $name"; fi; }

tmux_test() { # tmux_test NAME
	tmp=${TEST_TMP:-/tmp}/tmux-$1.$$
	sock=kb-$1-$$
	db="$tmp/k.db"
	mkdir -p "$tmp"
	trap tmux_cleanup EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	cat >"$tmp/klankbord.sh" <<EOF
name=\$1; shift
echo \$\$ >"$tmp/pid.\$name"
exec "$KLANKBORD" "\$@" --db "$db"
EOF
}
tmux_cleanup() { # tmux 3.3 leaves the socket file of a killed server behind
	_socket=$(tmux -L "$sock" display-message -p '#{socket_path}' 2>/dev/null)
	tmux -L "$sock" kill-server 2>/dev/null
	case $_socket in */"$sock") rm -f "$_socket" ;; esac
	rm -rf "$tmp"
}
need_tmux() {
	if ! command -v tmux >/dev/null 2>&1; then
		echo "not ok - tmux is installed"
		exit 1
	fi
}

tm() { tmux -L "$sock" "$@"; }
tm_start() { # tm_start COLS ROWS COMMAND [WINDOW]: the server, with session kb
	tm -f /dev/null start-server \; set -g default-terminal screen-256color \; \
		set -g remain-on-exit on \; new-session -d -s kb ${4:+-n "$4"} -x "$1" -y "$2" "$3"
}
tm_window() { tm new-window -d -t kb -n "$1" "$2"; }   # tm_window NAME COMMAND
pane_run() { tm respawn-pane -k -t "$1" "$2"; }        # pane_run PANE COMMAND
pane_cmd() { # pane_cmd NAME ARGS...: prints the pane's command line
	_pane=$1; shift
	printf 'env %s sh %s/klankbord.sh %s %s; st=$?; echo; echo EXITED $st; sleep 600' \
		"$pane_env" "$tmp" "$_pane" "$*"
}

pid_of() { cat "$tmp/pid.$1" 2>/dev/null; }   # pid_of NAME: of pane_cmd NAME's klankbord
signal_pane() { # signal_pane NAME SIGNAL: to that process only
	_pid=$(pid_of "$1")
	[ -n "$_pid" ] && kill -"$2" "$_pid" 2>/dev/null
}

screen() { # screen PANE
	if [ "$1" = "$kept_pane" ]; then
		tm capture-pane -p -t "$1" | tee -a "$kept_file"
	else
		tm capture-pane -p -t "$1"
	fi
}
keep_screens() { kept_pane=$1; kept_file=$2; }   # keep_screens PANE FILE
wait_for() { # wait_for PANE TEXT [SECONDS]
	tm has-session -t "${1%%:*}" 2>/dev/null || { echo "# wait_for $1: no such session" >&2; return 1; }
	_start=$(date +%s)
	_took=0
	while [ "$_took" -lt "${3:-20}" ]; do   # by the clock: a busy machine gets no longer
		if screen "$1" | grep -qF -- "$2"; then
			[ "$_took" -le 5 ] || echo "# slow: $_took s for \"$2\" on $1" >&2
			return 0
		fi
		sleep 0.1
		_took=$(($(date +%s) - _start))
	done
	echo "# wait_for $1: \"$2\" not seen in ${3:-20} s; the screen:" >&2
	screen "$1" | sed 's/^/# /' >&2
	return 1
}
wait_gone() { # wait_gone PANE TEXT: up to 20 s for TEXT to leave the screen
	_start=$(date +%s)
	while [ $(($(date +%s) - _start)) -lt 20 ]; do
		if ! screen "$1" | grep -qF -- "$2"; then return 0; fi
		sleep 0.1
	done
	echo "# wait_gone $1: \"$2\" still there after 20 s" >&2
	return 1
}
on_screen() { screen "$1" | grep -q -- "$2"; }          # on_screen PANE REGEX
not_on_screen() { ! screen "$1" | grep -q -- "$2"; }    # not_on_screen PANE REGEX
type_line() { tm send-keys -t "$1" -l -- "$2" \; send-keys -t "$1" Enter; }  # type_line PANE TEXT

# Several consoles on one session (tmux_consoles.sh, tmux_room.sh):
# type_interleaved N PANE_A WORD_A PANE_B WORD_B: N lines at each of two consoles, in
# turn (A, then B), "E0x: WORD NNN ..." with NNN 001, 002 ... and the rest in Dutch,
# Arabic, Chinese and with emoji. A kept pane (keep_screens) is looked at every 20 lines.
type_interleaved() {
	_i=1
	while [ "$_i" -le "$1" ]; do
		_n=$(printf '%03d' "$_i")
		case $((_i % 4)) in
		0) _a="$3 $_n taalcafé op zaterdag, graag"; _b="$5 $_n de gemeente belde terug" ;;
		1) _a="$3 $_n انتظرت تسعة أشهر لدروس اللغة"; _b="$5 $_n الجيران ساعدوني" ;;
		2) _a="$3 $_n 周末也开设语言课程"; _b="$5 $_n 我等了九个月" ;;
		3) _a="$3 $_n 🌷 een buddy 🙂 hielp"; _b="$5 $_n 🚲 fiets naar de les 🎉" ;;
		esac
		type_line "$2" "E0$((_i % 4 + 1)): $_a"
		type_line "$4" "E0$(((_i + 1) % 4 + 1)): $_b"
		if [ -n "$kept_pane" ] && [ $((_i % 20)) -eq 0 ]; then screen "$kept_pane" >/dev/null; fi
		_i=$((_i + 1))
	done
}
# same_log PANE_A PANE_B: up to 2.5 s for two consoles' screens to agree, their header
# and their two last rows (status and capture line) aside. The screens are left in
# $tmp/screen.A and $tmp/screen.B (A, B: the window names); a difference goes to stderr.
same_log() {
	# Each console ticks its item clock on its own second, so the two digits after a
	# colon are not compared; the entry numbers, speakers and texts are. The screens
	# themselves are kept as they are in $tmp/screen.NAME.
	_clocks='s/\([0-9][0-9]\):[0-9][0-9]\([─│ ]\)/\1:ss\2/g; s/[0-9][0-9]:[0-9][0-9]$/mm:ss/'
	for _try in 1 2 3 4 5; do
		screen "$1" | sed '1d;$d' | sed '$d' >"$tmp/screen.${1#*:}"
		screen "$2" | sed '1d;$d' | sed '$d' >"$tmp/screen.${2#*:}"
		sed "$_clocks" "$tmp/screen.${1#*:}" >"$tmp/screen.${1#*:}.cmp"
		sed "$_clocks" "$tmp/screen.${2#*:}" >"$tmp/screen.${2#*:}.cmp"
		if cmp -s "$tmp/screen.${1#*:}.cmp" "$tmp/screen.${2#*:}.cmp"; then return 0; fi
		sleep 0.5
	done
	diff "$tmp/screen.${1#*:}" "$tmp/screen.${2#*:}" | sed 's/^/# /' >&2
	return 1
}
# export_lines FILE N CONSOLE=WORD...: the JSON export FILE holds the lines
# type_interleaved typed: for each WORD its lines "WORD 001" to "WORD N" once each, in
# that order, every one written by CONSOLE; the log in seq order. Says what is wrong.
export_lines() {
	python3 - "$@" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
by_word = {word: console for console, word in (arg.split("=", 1) for arg in sys.argv[3:])}
got = {word: [] for word in by_word}
ok = True
events = doc.get("events") or doc.get("log") or []
for e in events:
    if e.get("type") != "contribution":
        continue
    words = e["payload"]["text"].split()
    if len(words) > 1 and words[0] in got and words[1].isdigit():
        if e.get("console") != by_word[words[0]]:
            print("# %r written by console %r" % (e["payload"]["text"], e.get("console")))
            ok = False
        got[words[0]].append(int(words[1]))
for word, numbers in got.items():
    if numbers != list(range(1, n + 1)):
        print("# %s: %d lines, first wrong at %s" % (word, len(numbers),
              next((i for i, v in enumerate(numbers) if v != i + 1), len(numbers))))
        ok = False
seqs = [e["seq"] for e in events]
if seqs != sorted(seqs) or len(set(seqs)) != len(seqs):
    print("# the log is not in seq order")
    ok = False
sys.exit(0 if ok else 1)
PY
}

# wait_lines SESSION N CONSOLE=WORD...: waits (20 s at the most) until the JSON export of
# SESSION, written to $tmp/export.json, holds the lines type_interleaved typed
# (export_lines); each console works through the keys typed at it at its own pace, so
# a screen's last rows say nothing about the other's. Says how long it took.
wait_lines() {
	_session=$1
	shift
	_start=$(date +%s)
	while [ $(($(date +%s) - _start)) -lt 20 ]; do
		"$KLANKBORD" export "$_session" --format json --db "$db" >"$tmp/export.json" 2>"$tmp/err" &&
			export_lines "$tmp/export.json" "$@" >/dev/null 2>&1 && break
		sleep 0.2
	done
	echo "# the lines were committed $(($(date +%s) - _start)) s after the last was typed" >&2
	export_lines "$tmp/export.json" "$@"
}
