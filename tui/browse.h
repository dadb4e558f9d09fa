/* browse: `klankbord browse`, the full-screen history browser.
 *
 * Three levels in the console's style: the sessions (newest first: day, organisation,
 * title, contributions, status), a session's items, an item's contributions (entry
 * number, speaker id, kind, codes, text; retracted ones marked) with its votes' results
 * in the words of the console's result panel; plus the hits of a search (the engine of
 * `klankbord search`, store_search_filtered(), hits marked in the rows) and a filter by
 * code, kind and speaker. Keys come from one table (tui/browse_action.h) that also makes
 * the help screen. Reads pages through storage/store.h's store_browse_* functions: what a
 * screen shows plus one row, never a whole list or a whole session; a session's model is
 * loaded (session_load()) only to count the votes of an item that has any.
 * Its one write is a change of a recommendation's status in the register (`R`, then `s`:
 * recs_set_status()); it never changes a session's log, never shows a participant's name. One thread; the signal
 * handler only sets a flag; restores the terminal on every return; never calls exit().
 * The headless functions run the same browser on a virtual screen for tests. */
#ifndef KLANKBORD_BROWSE_H
#define KLANKBORD_BROWSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sessions/session_clock.h"
#include "storage/store.h"

struct browse_options {
	bool no_color;               /* monochrome; also when NO_COLOR is set and not empty */
	const char *organisation;    /* only this organisation's sessions (a whole name), or NULL */
	const char *by;              /* who changes a recommendation's status (the register); NULL "browse" */
	struct session_clock clock;  /* when a change is made; now_ms NULL: the system's (tests set one) */
};

/* Runs the browser on the terminal until q, F10 or a signal; store is borrowed. Returns 0,
 * EX_TEMPFAIL after SIGINT/SIGTERM/SIGHUP, EX_UNAVAILABLE without a usable terminal
 * (terminal_check()), EX_CONFIG for a config.yaml that cannot be read (its theme: section
 * colours the browser as it does the console; its keys: are the console's); err says why.
 * A page that cannot be read is said on the bottom row, and the browser stays open. */
int browse_run(struct store *store, const struct browse_options *options, char *err, size_t errlen);

struct browse;
/* A browser on a virtual screen of rows x cols ("xterm-256color", drawing to /dev/null).
 * NULL with err set on failure. Close with browse_close(). */
struct browse *browse_open_headless(struct store *store, const struct browse_options *options, int rows, int cols,
	char *err, size_t errlen);
/* Feeds keys: UTF-8 text and key names in angle brackets (<Enter> <Esc> <Down> <PgDn>
 * <F1> <Backspace> ..., as action_parse_key() reads them; <lt> for '<'). Each is handled
 * and drawn. Stops after a quit. False on an unknown name. */
bool browse_feed(struct browse *browse, const char *script);
void browse_resize(struct browse *browse, int rows, int cols);
/* The screen as console_dump() writes it (tui/screendump.h). */
void browse_dump(struct browse *browse, FILE *out);
/* The last message (an error reading a page, a refused search), and whether q was pressed. */
const char *browse_status(const struct browse *browse);
bool browse_quit_requested(const struct browse *browse);
void browse_close(struct browse *browse);

#endif
