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
#   - reading a pane (PANE is a tmux target: kb, kb:side): screen PANE prints it;
#     wait_for PANE TEXT [SECONDS] waits for a fixed TEXT (20 s by default: a screen that
#     needs longer, even on a busy machine, is a product problem, not a time-out to
#     raise; a wait over 5 s is said on stderr), printing the screen on stderr when it
#     never comes; wait_gone PANE TEXT waits for TEXT to leave; on_screen and
#     not_on_screen PANE REGEX look once (grep's basic regular expressions);
#     keep_screens PANE FILE appends every capture of PANE to FILE, for checks over all
#     a pane ever showed (the display's privacy);
#   - typing: type_line PANE TEXT types TEXT literally, then Enter.
# Never: runs a check of its own (except "tmux is installed" in need_tmux), kills a
# process, or touches a tmux server other than its own.

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
	_i=0
	_start=$(date +%s)
	while [ "$_i" -lt "$((${3:-20} * 10))" ]; do
		if screen "$1" | grep -qF -- "$2"; then
			_took=$(($(date +%s) - _start))
			[ "$_took" -le 5 ] || echo "# slow: $_took s for \"$2\" on $1" >&2
			return 0
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	echo "# wait_for $1: \"$2\" not seen in ${3:-20} s; the screen:" >&2
	screen "$1" | sed 's/^/# /' >&2
	return 1
}
wait_gone() { # wait_gone PANE TEXT: up to 20 s for TEXT to leave the screen
	_i=0
	while [ "$_i" -lt 200 ]; do
		if ! screen "$1" | grep -qF -- "$2"; then return 0; fi
		sleep 0.1
		_i=$((_i + 1))
	done
	echo "# wait_gone $1: \"$2\" still there after 20 s" >&2
	return 1
}
on_screen() { screen "$1" | grep -q -- "$2"; }          # on_screen PANE REGEX
not_on_screen() { ! screen "$1" | grep -q -- "$2"; }    # not_on_screen PANE REGEX
type_line() { tm send-keys -t "$1" -l -- "$2" \; send-keys -t "$1" Enter; }  # type_line PANE TEXT
