/* action: the one table of everything a key can do in the console.
 *
 * Each action is declared once below (name, default keys, help text, where it applies);
 * the enum, the key lookup, the help screen and the names a config file would use are all
 * generated from that list, so bindings and help cannot drift apart. Screens handle
 * actions, never raw keys. Printable characters are not actions: they go to the
 * capture line (or, in the participant list during a vote, cast a ballot).
 * Owns nothing; the table is static. */
#ifndef KLANKBORD_ACTION_H
#define KLANKBORD_ACTION_H

#include <stdbool.h>
#include <stddef.h>

enum { ACTION_KEYS_MAX = 3 };

#define TUI_CTRL(c) ((c) & 0x1f)

/* X(ENUM, config name, section, help text, line sent or NULL, key, key, key); 0 = no key.
 * An action with a line is the same as typing that line on the capture line. */
#define TUI_ACTIONS(X) \
	X(ACT_HELP,        "help",         "General",      "show or close this help (also ? on an empty line)", NULL, KEY_F(1), 0, 0) \
	X(ACT_QUIT,        "quit",         "General",      "leave the console; the session stays open", NULL, KEY_F(10), TUI_CTRL('C'), 0) \
	X(ACT_REDRAW,      "redraw",       "General",      "redraw the screen", NULL, TUI_CTRL('L'), 0, 0) \
	X(ACT_FOCUS,       "focus",        "General",      "move focus: line, agenda, log, participants", NULL, KEY_F(6), 0, 0) \
	X(ACT_CANCEL,      "cancel",       "General",      "back to the capture line, or hide a vote result", NULL, 27, 0, 0) \
	X(ACT_PREV_ITEM,   "prev-item",    "Agenda",       "previous agenda item (/prev)", "/prev", KEY_F(2), 0, 0) \
	X(ACT_NEXT_ITEM,   "next-item",    "Agenda",       "next agenda item (/next)", "/next", KEY_F(3), 0, 0) \
	X(ACT_EXTEND,      "extend",       "Agenda",       "add 5 minutes to the current item (/extend 5)", "/extend 5", KEY_F(4), 0, 0) \
	X(ACT_SHORTEN,     "shorten",      "Agenda",       "take 5 minutes off the current item (/extend -5)", "/extend -5", KEY_F(16), 0, 0) \
	X(ACT_CLOSE_VOTE,  "close-vote",   "Agenda",       "close the open vote (/close)", "/close", KEY_F(8), 0, 0) \
	X(ACT_RESULTS,     "results",      "Agenda",       "show this item's closed votes' results, one by one", NULL, KEY_F(7), 0, 0) \
	X(ACT_UNDO,        "undo",         "Agenda",       "take back this console's last action, one at a time (/undo)", "/undo", TUI_CTRL('Z'), 0, 0) \
	X(ACT_RECOMMENDATIONS, "recommendations", "Agenda", "show or close the session's recommendations, numbered", NULL, KEY_F(9), 0, 0) \
	X(ACT_FOLLOWUP,    "follow-up",    "Agenda",       "show or close earlier sessions' advice and status", NULL, KEY_F(12), KEY_F(21), 0) \
	X(ACT_SCROLL_UP,   "scroll-up",    "Log",          "scroll the log back", NULL, KEY_PPAGE, 0, 0) \
	X(ACT_SCROLL_DOWN, "scroll-down",  "Log",          "scroll the log forward", NULL, KEY_NPAGE, 0, 0) \
	X(ACT_EDIT,        "edit",         "Log",          "edit the selected entry: loads /edit N ID: TEXT", NULL, KEY_F(5), 0, 0) \
	X(ACT_SEND,        "send",         "Capture line", "record the line (in a list: act on the selection)", NULL, 10, 13, KEY_ENTER) \
	X(ACT_COMPLETE,    "complete",     "Capture line", "complete E0 -> E03: , #code, !kind, /command, ids after /item /vote", NULL, 9, 0, 0) \
	X(ACT_LEFT,        "left",         "Capture line", "cursor left", NULL, KEY_LEFT, TUI_CTRL('B'), 0) \
	X(ACT_RIGHT,       "right",        "Capture line", "cursor right", NULL, KEY_RIGHT, TUI_CTRL('F'), 0) \
	X(ACT_HOME,        "home",         "Capture line", "start of line", NULL, KEY_HOME, TUI_CTRL('A'), 0) \
	X(ACT_END,         "end",          "Capture line", "end of line", NULL, KEY_END, TUI_CTRL('E'), 0) \
	X(ACT_BACKSPACE,   "backspace",    "Capture line", "delete before the cursor", NULL, KEY_BACKSPACE, 127, 8) \
	X(ACT_DELETE,      "delete",       "Capture line", "delete at the cursor (in the log: retract the entry)", NULL, KEY_DC, TUI_CTRL('D'), 0) \
	X(ACT_KILL_WORD,   "kill-word",    "Capture line", "delete the word before the cursor", NULL, TUI_CTRL('W'), 0, 0) \
	X(ACT_KILL_LINE,   "kill-line",    "Capture line", "delete the whole line", NULL, TUI_CTRL('U'), 0, 0) \
	X(ACT_UP,          "up",           "Capture line", "older line from history (in a list: move up)", NULL, KEY_UP, TUI_CTRL('P'), 0) \
	X(ACT_DOWN,        "down",         "Capture line", "newer line from history (in a list: move down)", NULL, KEY_DOWN, TUI_CTRL('N'), 0)

#define TUI_ACTION_ENUM(name, cfg, section, help, line, k1, k2, k3) name,
enum tui_action { ACT_NONE = 0, TUI_ACTIONS(TUI_ACTION_ENUM) ACT_COUNT };
#undef TUI_ACTION_ENUM

struct tui_action_info {
	enum tui_action action;
	const char *name;      /* the name a config file binds keys to, e.g. "next-item" */
	const char *section;
	const char *help;
	const char *line;      /* the capture line this action sends, or NULL */
	int keys[ACTION_KEYS_MAX]; /* the default keys */
};

/* The keys in force: the defaults, changed by the `keys:` section of the config file. */
struct tui_keymap {
	int keys[ACT_COUNT][ACTION_KEYS_MAX];
};

/* The table row of an action; NULL for ACT_NONE or out of range. */
const struct tui_action_info *action_info(enum tui_action action);
/* The action with this config name ("next-item"), or ACT_NONE. */
enum tui_action action_by_name(const char *name);

void keymap_defaults(struct tui_keymap *map);
/* Binds keys (n <= ACTION_KEYS_MAX) to an action instead of its current ones; a key
 * taken from another action is removed there, so no key ever means two things. */
void keymap_bind(struct tui_keymap *map, enum tui_action action, const int *keys, int n);
/* The action bound to a key (is_key: a curses KEY_ code, else a character); ACT_NONE
 * for printable characters and unbound keys. */
enum tui_action keymap_action(const struct tui_keymap *map, int key, bool is_key);
/* "F3" or "F10/Ctrl-C": every key bound to an action, joined with '/'; "" when none. */
void keymap_keys_text(const struct tui_keymap *map, enum tui_action action, char *buf, size_t size);
/* The first key bound to an action, or 0. */
int keymap_first_key(const struct tui_keymap *map, enum tui_action action);

/* Writes a readable key name ("F3", "Ctrl-Z", "PgUp", "Enter") into buf. */
void action_key_name(int key, char *buf, size_t size);
/* Parses a key name as action_key_name() writes it (case does not matter): F1-F24,
 * Shift-F1-F12, Ctrl-A-Z, Enter, Tab, Esc, Backspace, Delete, Insert, Up, Down, Left,
 * Right, Home, End, PgUp, PgDn. Printable characters cannot be bound: they are text. */
bool action_parse_key(const char *name, int *key);

#endif
