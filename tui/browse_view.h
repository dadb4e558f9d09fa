/* browse_view: what the history browser's views share (tui/browse*.c only), as view.h
 * is the console's: the browser's state, the pager that moves a keyset page through the
 * store (sessions, contributions), the scrolling of the short lists held whole (an
 * agenda's items, a search's hits, a register), the row pen that draws one row of pieces
 * cut by display width (search hits marked), the filter in force and the status line's
 * error. Each level (browse_sessions.h, browse_items.h, browse_entries.h, browse_search.h,
 * browse_register.h, browse_help.h) draws into its rect and handles an action (true when
 * it took it); only browse.c's loop acts on the rest. Owns nothing of the state. */
#ifndef KLANKBORD_BROWSE_VIEW_H
#define KLANKBORD_BROWSE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "sessions/session.h"
#include "storage/store.h"
#include "tui/browse_action.h"
#include "tui/lineedit.h"
#include "tui/view.h"

enum browse_level { BROWSE_SESSIONS, BROWSE_ITEMS, BROWSE_ENTRIES, BROWSE_SEARCH, BROWSE_REGISTER, BROWSE_LEVELS };
enum browse_prompt { BROWSE_PROMPT_NONE, BROWSE_PROMPT_SEARCH, BROWSE_PROMPT_FILTER, BROWSE_PROMPT_STATUS };
enum { BROWSE_TEXT_MAX = 256, BROWSE_SEARCH_LIMIT = 200 };

/* A page read from a key: sel is the row under the cursor, n the rows read (one more than
 * the screen shows when there are more). */
struct browse_pager {
	struct store_browse_key top;
	bool top_set;
	int sel, n, visible;
};

/* A list held whole: the row under the cursor and the first row shown. */
struct browse_list {
	int sel, top, n, visible;
};

struct browse;
/* What a pager asks of its level: replace the page with the rows from key on (NULL: the
 * start), and find the key `count` rows before key (NULL: before the end); *found gets
 * how many rows there were (0: none), *out the farthest one's key. */
struct browse_pager_ops {
	int (*load)(struct browse *b, const struct store_browse_key *key, int limit, char *err, size_t errlen);
	int (*before)(struct browse *b, const struct store_browse_key *key, int count, struct store_browse_key *out,
		int *found, char *err, size_t errlen);
	struct store_browse_key (*key_at)(const struct browse *b, int row);
};

struct browse {
	struct view_state view;     /* theme and status line for the shared drawing helpers; no session */
	struct store *store;        /* borrowed */
	const char *organisation;   /* borrowed, or NULL */
	enum browse_level level;
	enum browse_level search_from; /* where Esc from the hits goes back to */
	bool help;
	int help_top;
	enum browse_prompt prompt;
	struct lineedit *line;
	bool quit;
	struct view_rect body;      /* between the header and the status line */
	/* the sessions */
	struct store_browse_session *sessions;
	struct browse_pager session_pager;
	/* the open session and its items */
	char session_id[STORE_UUID_LEN + 1];
	char *session_title;        /* "2024-03-14 Gemeente Nijmegen: title" */
	struct store_browse_item *items;
	struct browse_list item_list;
	/* the open item's contributions, and its votes from the session's model */
	struct store_browse_entry *entries;
	struct browse_pager entry_pager;
	struct session *model;      /* loaded when an item with votes is opened; NULL otherwise */
	int64_t entry_focus;        /* a search hit's seq to put the cursor on, 0 none */
	/* the filter and the search */
	char code[BROWSE_TEXT_MAX], kind[BROWSE_TEXT_MAX], participant[BROWSE_TEXT_MAX];
	char query[BROWSE_TEXT_MAX];
	struct store_search_match *hits;
	struct browse_list hit_list;
	/* the register: one session's entries, or the organisation's */
	const char *by;             /* who changes a status (recs_set_status()); borrowed */
	struct session_clock clock; /* when */
	enum browse_level register_from; /* where Esc from the register goes back to */
	char register_session[STORE_UUID_LEN + 1]; /* the session whose entries it holds; "" the organisation's */
	char *register_scope;       /* what the title says it holds */
	struct store_rec *recs;
	struct browse_list rec_list;
};

/* Pages and lists. */
int browse_pager_reload(struct browse *b, struct browse_pager *p, const struct browse_pager_ops *ops, char *err,
	size_t errlen);
int browse_pager_move(struct browse *b, struct browse_pager *p, const struct browse_pager_ops *ops,
	enum browse_action action, char *err, size_t errlen);
bool browse_list_move(struct browse_list *list, enum browse_action action);
/* Reports a failed read in the status line. */
void browse_failed(struct browse *b, const char *err);
/* The filter in force, for the store. */
struct store_browse_filter browse_filter(const struct browse *b);

/* One row drawn left to right, each piece cut by display width; the last column of a
 * row cut short shows "…". */
struct browse_pen {
	int y, x, end;
	bool selected, full;
	const struct browse *b;
};
void browse_pen_start(struct browse_pen *pen, const struct browse *b, int y, int x, int width, bool selected);
void browse_pen_text(struct browse_pen *pen, const char *text, enum tui_role role);
/* Text of a search snippet: the parts between BROWSE_MARK_OPEN and _CLOSE in the hit role. */
#define BROWSE_MARK_OPEN "\x01"
#define BROWSE_MARK_CLOSE "\x02"
#define BROWSE_HIT_ROLE THEME_CURRENT
void browse_pen_marked(struct browse_pen *pen, const char *text, enum tui_role role);
/* The next code of a space-separated list (store rows' codes) as " #code" in buf, moving
 * *codes on; false at the end. */
bool browse_next_code(const char **codes, char *buf, size_t size);
/* Right-aligned in `width` columns that end `right` columns before the row's end. */
void browse_pen_right(struct browse_pen *pen, int right, int width, const char *text, enum tui_role role);

#endif
