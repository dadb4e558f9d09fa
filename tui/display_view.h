/* display_view: the room display's screen (tui/display.h runs it), laid out from the
 * screen size and the session model alone.
 *
 * From the top: the session title with the item's place on the agenda and the wall
 * clock; the current item's title and prompts, in big letters (tui/bigtext.h) where
 * they fit, else in plain bold wrapped at display width; the item's time left as a big
 * clock, coloured by the console's rule (view_timer_role()); the open vote (the
 * console's vote panel) or the result of the vote that just closed (its result panel),
 * both drawn with state->room set, so no participant's id or name and no "who voted how"
 * reaches the screen; the recommendations recorded on the item, newest kept when they
 * do not all fit; a footer for the keys and messages. The vote and the recommendations
 * get their rows first; the item takes the best shape that fits the rest, with its text
 * up to the size asked for: a big clock first, then the most big text, the title before
 * the clock and the prompts (prompts one scale below the title), beside or under the
 * clock, down to plain text. Below
 * DISPLAY_MIN_COLS x DISPLAY_MIN_ROWS it says the terminal is too small.
 * Draws on stdscr only; never changes the session; owns nothing between calls. */
#ifndef KLANKBORD_DISPLAY_VIEW_H
#define KLANKBORD_DISPLAY_VIEW_H

#include <stdbool.h>

#include "tui/view.h"

enum {
	DISPLAY_MIN_COLS = 40, DISPLAY_MIN_ROWS = 10,
	DISPLAY_SIZE_MAX = 4,      /* the biggest text scale + and - reach */
	DISPLAY_SIZE_DEFAULT = 2,
};

/* One row of the list of keys: the keys ("q F10 Ctrl-C") and what they do. */
struct display_help_row {
	const char *keys;
	const char *help;
};

struct display_screen {
	int size;                  /* the biggest text scale to try: 0 (plain) .. DISPLAY_SIZE_MAX */
	bool ended;                /* the session has ended: "session ended" until a key */
	const struct display_help_row *help; /* not NULL: the list of keys instead of the item */
	int n_help;
	const char *footer;        /* the footer's text: a message, or the keys that matter */
};

/* Draws the whole screen (erased first) for state->session at state->now_ms. */
void display_view_draw(const struct view_state *state, const struct display_screen *screen);

#endif
