/* browse_action: the one table of everything a key can do in the history browser.
 *
 * The browser's own table, made as the console's is (tui/action.h): each action declared
 * once (name, section, help text, default keys), and the enum, the key lookup, the key
 * names of the help screen and the hints of the status line all generated from it. Unlike
 * the console, the browser has no capture line, so printable keys (q, ?, /, f) are
 * actions too, except while the search or filter line is open: then they are text.
 * Key names come from tui/action.h (action_key_name()). Owns nothing; the table is static. */
#ifndef KLANKBORD_BROWSE_ACTION_H
#define KLANKBORD_BROWSE_ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/action.h"

enum { BROWSE_KEYS_MAX = 4 };

/* X(ENUM, name, section, help text, key, key, key, key); 0 = no key. */
#define BROWSE_ACTIONS(X) \
	X(BACT_HELP,      "help",      "General", "show or close this help", KEY_F(1), '?', 0, 0) \
	X(BACT_QUIT,      "quit",      "General", "leave the browser", 'q', KEY_F(10), TUI_CTRL('C'), 0) \
	X(BACT_REDRAW,    "redraw",    "General", "redraw the screen", TUI_CTRL('L'), 0, 0, 0) \
	X(BACT_UP,        "up",        "Move",    "previous row", KEY_UP, TUI_CTRL('P'), 0, 0) \
	X(BACT_DOWN,      "down",      "Move",    "next row", KEY_DOWN, TUI_CTRL('N'), 0, 0) \
	X(BACT_PAGE_UP,   "page-up",   "Move",    "a screen back", KEY_PPAGE, 0, 0, 0) \
	X(BACT_PAGE_DOWN, "page-down", "Move",    "a screen on", KEY_NPAGE, ' ', 0, 0) \
	X(BACT_FIRST,     "first",     "Move",    "first row", KEY_HOME, 'g', 0, 0) \
	X(BACT_LAST,      "last",      "Move",    "last row", KEY_END, 'G', 0, 0) \
	X(BACT_OPEN,      "open",      "Levels",  "open: a session's items, an item's contributions and votes, a hit's item", \
		10, 13, KEY_ENTER, KEY_RIGHT) \
	X(BACT_BACK,      "back",      "Levels",  "back up a level (in the search or filter line: delete a character)", \
		KEY_BACKSPACE, 127, 8, KEY_LEFT) \
	X(BACT_CANCEL,    "cancel",    "Levels",  "back up a level, close the help, or close the search or filter line", \
		27, 0, 0, 0) \
	X(BACT_SEARCH,    "search",    "Find",    "search what was said, as klankbord search (FTS5: words, \"a phrase\", prefix*)", \
		'/', 0, 0, 0) \
	X(BACT_FILTER,    "filter",    "Find",    "filter by #code, !kind and speaker id (E03); an empty line clears it", \
		'f', 0, 0, 0) \
	X(BACT_CLEAR,     "clear",     "Find",    "clear the filter and the search", 'x', 0, 0, 0) \
	X(BACT_REGISTER,  "register",  "Register", "the recommendations register of this session (sessions: of the one under the cursor, or with --organisation of the organisation)", \
		'R', 0, 0, 0) \
	X(BACT_SET_STATUS, "set-status", "Register", "change the selected recommendation's status: type STATUS and a note (accepted lessons start in May)", \
		's', 0, 0, 0)

#define BROWSE_ACTION_ENUM(name, cfg, section, help, k1, k2, k3, k4) name,
enum browse_action { BACT_NONE = 0, BROWSE_ACTIONS(BROWSE_ACTION_ENUM) BACT_COUNT };
#undef BROWSE_ACTION_ENUM

struct browse_action_info {
	enum browse_action action;
	const char *name, *section, *help;
	int keys[BROWSE_KEYS_MAX];
};

/* The table row of an action; NULL for BACT_NONE or out of range. */
const struct browse_action_info *browse_action_info(enum browse_action action);
/* The action of a key (is_key: a curses KEY_ code, else a character), or BACT_NONE. */
enum browse_action browse_action_of(int key, bool is_key);
/* "F1/?": the keys of an action joined with '/', at most max of them (action_key_name();
 * a printable key as itself, Space as "Space"). */
void browse_action_keys(enum browse_action action, int max, char *buf, size_t size);

#endif
