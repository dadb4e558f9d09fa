/* display: the room display, `klankbord display`: a read-only full-screen view of a
 * session for a projector or a second screen (what it shows: tui/display_view.h).
 *
 * Reads the session model only and never writes to the store (it records nothing and
 * derives nothing); follows the consoles with session_refresh() (PRAGMA data_version) on
 * the input timeout, a few times a second, and redraws when the model or the second
 * changes. Takes no input but its own keys, declared once in display.c's action table
 * (which also makes the list of keys `?` shows): quit, help, bigger and smaller text,
 * monochrome, redraw. When the session ends it shows "session ended" until a key.
 * Never shows a participant's name, id or community, nor who voted how: it draws with
 * view_state.room set. One thread; SIGINT, SIGTERM and SIGHUP only set a flag
 * (tui/terminal.h) and the terminal is restored on every return. Never calls exit().
 * The headless functions run the same display on a virtual screen for tests, with the
 * session's clock (so tests control time), as tui/console.h's do. */
#ifndef KLANKBORD_DISPLAY_H
#define KLANKBORD_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sessions/session.h"

struct display_options {
	bool mono;                /* monochrome: bold and reverse, no colour pairs; also with NO_COLOR */
	int refresh_ms;           /* how often to look for the consoles' writes; 0 = 500 */
};

/* Runs the display on the terminal until q, F10, Ctrl-C, a key after the session ended,
 * or a signal. session is borrowed; options may be NULL. Returns 0 after a quit,
 * EX_TEMPFAIL after SIGINT/SIGTERM/SIGHUP, EX_UNAVAILABLE when there is no usable
 * terminal (tui/terminal.h); err gets a message for every non-zero return. A failure to
 * follow the session shows in the footer and the display goes on trying. */
int display_run(struct session *session, const struct display_options *options, char *err, size_t errlen);

struct display;

/* A display on a virtual screen of rows x cols (terminfo "xterm-256color", drawing to
 * /dev/null). NULL with err set on failure. Close with display_close(). */
struct display *display_open_headless(struct session *session, const struct display_options *options,
	int rows, int cols, char *err, size_t errlen);
/* Feeds keys as the terminal would: characters, and key names in angle brackets (<F10>,
 * <Esc>, <Ctrl-L>: the names tui/action.h parses). Each key is handled and drawn. Stops
 * after a quit. Returns false on an unknown name. */
bool display_feed(struct display *display, const char *script);
/* What the input timeout does: reads the clock, follows the session, redraws. */
void display_tick(struct display *display);
/* Resizes the virtual screen (what KEY_RESIZE does on a terminal). */
void display_resize(struct display *display, int rows, int cols);
/* The screen as tui/screendump.h writes it. */
void display_dump(struct display *display, FILE *out);
bool display_quit_requested(const struct display *display);
void display_close(struct display *display);

#endif
