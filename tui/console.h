/* console: the full-screen console a facilitator and a note-taker run a session from.
 *
 * Draws from the session model (sessions/session.h) and changes it only through
 * session_apply_line(): every key that changes something is sent as the capture line it
 * stands for. Picks up other consoles' writes with session_refresh() on the input
 * timeout. One thread; the clock is the session's clock, so tests control time.
 * Restores the terminal on every return path; SIGINT, SIGTERM and SIGHUP only set a flag
 * and end the loop, leaving the session open to resume. Never calls exit().
 * The headless functions run the same console on a virtual screen with no terminal:
 * keys come from a script, the screen is dumped as text plus a layer of theme roles. */
#ifndef KLANKBORD_CONSOLE_H
#define KLANKBORD_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sessions/session.h"

enum { CONSOLE_MIN_COLS = 80, CONSOLE_MIN_ROWS = 24 };

struct console_options {
	bool no_color;            /* monochrome; also when NO_COLOR is set and not empty */
	bool mouse;               /* clicks select (agenda, participants, log focus), wheel scrolls */
	const char *config_path;  /* theme and keys (tui/settings.h); NULL: $XDG_CONFIG_HOME/klankbord/config.yaml */
	int refresh_ms;           /* how often to look for other consoles' writes; 0 = 1000 */
	bool followup;            /* first screen: the organisation's earlier recommendations (tui/followup_view.h) */
};

/* Runs the console on the terminal until /quit, F10, Ctrl-C or a signal. session is
 * borrowed (the caller frees it afterwards); options may be NULL. Returns 0 after a
 * quit, EX_TEMPFAIL after SIGINT/SIGTERM/SIGHUP (the session stays open; err says so),
 * EX_UNAVAILABLE when there is no usable terminal (terminal_check() in tui/terminal.h:
 * TERM unset, "dumb" or unknown, not a tty; callers check it before they start a session),
 * EX_CONFIG for a bad config file (err: FILE:LINE:COL: message), EX_NOINPUT when a
 * config_path given does not exist. err gets a message for every non-zero return.
 * Nothing is drawn before these checks pass, so the terminal is never left changed. */
int console_run(struct session *session, const struct console_options *options, char *err, size_t errlen);

struct console;

/* A console on a virtual screen of rows x cols using terminfo "xterm-256color", drawing
 * to /dev/null. Reads a config file only when options->config_path names one (tests
 * must not depend on the user's). NULL with err set on failure. Close with console_close(). */
struct console *console_open_headless(struct session *session, const struct console_options *options,
	int rows, int cols, char *err, size_t errlen);
/* Feeds keys as the terminal would: UTF-8 text, and names in angle brackets: <Enter>
 * <Tab> <Esc> <Up> <F3> <Shift-F4> <Ctrl-Z> <PgUp> ... (any key name the help screen shows),
 * the short forms <BS> <Del> <C-a>..<C-z>, <lt> for a '<', <paste> and </paste> (the
 * markers a terminal in bracketed-paste mode sends around pasted text), <pause> (a pause
 * in the input, as the real loop's input timeout sees one; keys fed one after another are
 * otherwise taken as arriving at once), and mouse events <click Y X> <wheel-up>
 * <wheel-down> (as if options->mouse were on). Each key is handled,
 * drawn and sent to the virtual terminal (doupdate) as on a real one. Stops after a quit.
 * Returns false on an unknown name. */
bool console_feed(struct console *console, const char *script);
/* What the input timeout does: reads the clock, refreshes from the store, redraws. */
void console_tick(struct console *console);
/* Resizes the virtual screen (what KEY_RESIZE does on a terminal). */
void console_resize(struct console *console, int rows, int cols);
/* Writes the screen as text lines (trailing blanks cut), then "--- roles" and one line
 * per row of theme role letters (theme.h; '.' normal, trailing dots cut). */
void console_dump(struct console *console, FILE *out);
/* The last status message, whether it reports an error (a refused line, a failed
 * refresh), and whether the console was asked to quit. */
const char *console_status(const struct console *console);
bool console_status_error(const struct console *console);
bool console_quit_requested(const struct console *console);
void console_close(struct console *console);

#endif
