/* view: what every screen and panel of the console shares.
 *
 * The ops struct each panel file fills (init, layout, draw, handle, free), the state
 * they draw from and change, the flags handlers return (only console.c's loop acts on
 * them), and the drawing helpers that put text on the screen by display width with a
 * theme role. Panels draw into their rect on stdscr; nothing here calls the session's
 * writing functions: a handler that wants a line recorded puts it in state->send and
 * returns VIEW_SEND. */
#ifndef KLANKBORD_VIEW_H
#define KLANKBORD_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "sessions/session.h"
#include "tui/action.h"
#include "tui/lineedit.h"
#include "tui/theme.h"

enum view_flag {
	VIEW_HANDLED = 1 << 0,
	VIEW_REDRAW = 1 << 1,
	VIEW_RELAYOUT = 1 << 2,
	VIEW_QUIT = 1 << 3,
	VIEW_SEND = 1 << 4,     /* state->send holds a line for session_apply_line */
	VIEW_REDRAW_LINE = 1 << 5, /* only the capture line changed: redraw the prompt panel alone */
	VIEW_REDRAW_PANEL = 1 << 6, /* only the handling panel changed: redraw its rect alone */
	VIEW_REDRAW_ENTRY = 1 << 7, /* a line added an entry and nothing else: the log, the people
	                             * and the capture line (tui/console.c) */
};

enum view_focus { FOCUS_LINE, FOCUS_AGENDA, FOCUS_LOG, FOCUS_PEOPLE, FOCUS_COUNT };

struct view_rect {
	int y, x, h, w;
};

struct unsaved;

struct view_state {
	struct session *session;          /* borrowed */
	struct tui_theme theme;
	struct tui_keymap keymap;         /* the keys in force (defaults and config file) */
	int64_t now_ms;                   /* from the session's clock, read once per tick */
	enum view_focus focus;
	int agenda_sel;                   /* item under the cursor when the agenda has focus */
	int people_sel;                   /* participant under the cursor */
	int log_sel;                      /* contribution index under the cursor, -1 none */
	int log_back;                     /* log lines scrolled back from the newest */
	int result_vote;                  /* index into votes of the closed vote whose result shows, -1 none */
	bool help;                        /* the help screen is shown */
	bool recommendations;             /* the help screen shows the recommendations instead */
	bool help_by_question;            /* ... opened by ? on an empty line, no key since */
	char *confirm;                    /* malloc'd line waiting for y (a step that cannot be undone) */
	int help_top;
	struct lineedit *line;            /* owned by the console */
	char status[SESSION_MESSAGE_MAX]; /* the last message */
	bool status_error;
	char *send;                       /* malloc'd line to record (VIEW_SEND), or NULL */
	struct followup *followup;        /* earlier sessions' recommendations (tui/followup_view.h), or NULL */
	bool followup_wanted;             /* show them on the first screen (run started a new session) */
	bool followup_shown;
	int followup_top;
	const struct unsaved *unsaved;    /* the console's lines the database could not take yet
	                                   * (tui/unsaved.h): the header counts them, the log shows
	                                   * them; NULL where nothing is kept (display, browser) */
	bool room;                        /* drawn for the room (tui/display.h): no participant's
	                                   * id or name, nor who voted how, in any panel */
};

struct followup;
struct view;
struct view_ops {
	const char *name;
	/* All optional. handle and pick return view_flag bits; 0 when the action is not its own.
	 * ch is the character for a printable key (action ACT_NONE), else 0. */
	void (*init)(struct view *view, struct view_state *state);
	void (*layout)(struct view *view, struct view_rect rect, const struct view_state *state);
	void (*draw)(const struct view *view, const struct view_state *state);
	unsigned (*handle)(struct view *view, struct view_state *state, enum tui_action action, wchar_t ch);
	/* A mouse click at screen y, x inside the rect: take focus and select what is there
	 * (never change the session: a stray click must not record anything). */
	unsigned (*pick)(struct view *view, struct view_state *state, int y, int x);
	void (*free)(struct view *view);
};

struct view {
	const struct view_ops *ops;
	struct view_rect rect;
	bool visible;
	void *data;         /* the panel's own state (a cache), made by init, freed by free */
};

/* Sets state->send to a copy of the formatted line; returns VIEW_SEND | VIEW_HANDLED. */
unsigned view_send(struct view_state *state, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
void view_set_status(struct view_state *state, bool error, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* Draws UTF-8 (made visible, cut by width) at y, x in at most width columns; returns
 * the columns used. draw_wide is the same for wide text: a character tw_visible() would
 * change (a control or bidi character typed or pasted) is drawn as the mark it gives
 * (BEL as U+2407, a bidi override as U+FFFD), as the log shows it. */
int view_draw(int y, int x, int width, const char *text, attr_t attr);
int view_draw_wide(int y, int x, int width, const wchar_t *text, size_t n, attr_t attr);
/* As view_draw, but text too wide ends with "…" in the last column. */
int view_draw_fit(int y, int x, int width, const char *text, attr_t attr);
/* Right-aligns text so it ends at column x + width. */
void view_draw_right(int y, int x, int width, const char *text, attr_t attr);
void view_fill(int y, int x, int width, attr_t attr);
/* A result bar of len full blocks (visible in colour, monochrome and screen dumps). */
void view_bar(int y, int x, int len, attr_t attr);
void view_clear(struct view_rect rect);
/* A panel's title row: the title, then a rule to the edge; reversed when focused. A title
 * too wide ends with "…". view_title_room keeps the last `room` columns for what the
 * panel draws on the right of its title (a timer, a count). */
void view_title(struct view_rect rect, const struct view_state *state, const char *title, bool focused);
void view_title_room(struct view_rect rect, const struct view_state *state, const char *title, bool focused,
	int room);

/* Text with a role per character, drawn with word wrap; visible by construction (only
 * view_styled_add writes it), so it is drawn without checking its characters again. */
struct view_styled {
	wchar_t *text;
	unsigned char *roles;
	size_t n, cap;
};
void view_styled_add(struct view_styled *styled, const char *utf8, enum tui_role role);
/* A row of a two-column table (a help screen's keys and what they do): "  NAME" padded to
 * name_w columns in name_role, a space, then text in text_role, wrapped at width so that
 * its further lines start under its first; ends the line. Where that would leave the text
 * fewer than VIEW_ROW_TEXT_MIN columns, it follows the name and wraps to the left edge. */
enum { VIEW_ROW_TEXT_MIN = 20 };
void view_styled_add_row(struct view_styled *styled, const char *name, int name_w, enum tui_role name_role,
	const char *text, enum tui_role text_role, int width);
void view_styled_reset(struct view_styled *styled);
void view_styled_free(struct view_styled *styled);
int view_styled_lines(const struct view_styled *styled, int width);
/* Draws the wrapped lines from skip on into rows y..y+max_rows-1; returns rows drawn.
 * override, when not THEME_NORMAL, replaces every role (selection, retracted). */
int view_styled_draw(const struct view_styled *styled, const struct view_state *state, int y, int x,
	int width, int skip, int max_rows, enum tui_role override);

/* A styled text's wrapped lines at one width, found once and drawn many times: line k
 * is text[start[k], start[k] + len[k]). view_wrap_make() returns false when out of
 * memory (the wrap is then empty); view_wrap_free() releases it, zeroed is empty. */
struct view_wrap {
	size_t *start, *len;
	int n, cap;
};
bool view_wrap_make(struct view_wrap *wrap, const struct view_styled *styled, int width);
void view_wrap_free(struct view_wrap *wrap);
/* view_styled_draw() with the lines of wrap (made for this width). */
int view_styled_draw_wrapped(const struct view_styled *styled, const struct view_wrap *wrap,
	const struct view_state *state, int y, int x, int width, int skip, int max_rows, enum tui_role override);

/* The same lines drawn once into a pad of wrap->n rows and width columns, to be put
 * back with view_pad_put() as often as they are shown: a few cells copied, where
 * drawing converts, measures and renders every character again. NULL when empty or
 * out of memory; the caller owns it (delwin).
 * view_area() is a window onto rect of stdscr, kept by the caller between frames: area
 * itself when it is one onto rect already, else a new one (area freed; NULL when empty
 * or out of memory). view_pad_put() copies the pad's rows from skip on into rows
 * row..row+rows-1 of the area, its whole width; view_area_sync() marks what changed in
 * stdscr, only within the area's columns (curses then compares no more of a row than
 * the panel); view_area_free() releases it (NULL is safe). */
WINDOW *view_styled_pad(const struct view_styled *styled, const struct view_wrap *wrap,
	const struct view_state *state, int width, enum tui_role override);
WINDOW *view_area(WINDOW *area, struct view_rect rect);
void view_pad_put(WINDOW *area, WINDOW *pad, int skip, int row, int rows);
void view_area_sync(WINDOW *area);
void view_area_free(WINDOW *area);

/* "mm:ss", or "h:mm:ss" from an hour; negative durations are shown without sign. */
void view_duration(char *buf, size_t size, int64_t ms);
/* "h:mm:ss" always (0:02:11), for a duration shown beside one of an hour or more, so
 * that "02:11" is never read as two hours. */
void view_duration_hours(char *buf, size_t size, int64_t ms);
/* Local wall-clock time "HH:MM" (seconds: "HH:MM:SS") of a Unix millisecond time. */
void view_clock(char *buf, size_t size, int64_t ms, bool seconds);
/* Timer role of an item: ok, amber from 20% of its time left, red once overrun. */
enum tui_role view_timer_role(int planned_seconds, int64_t elapsed_ms);
/* The item's timer text: time left "mm:ss", or "+mm:ss" once overrun. */
void view_timer_text(char *buf, size_t size, int planned_seconds, int64_t elapsed_ms);

#endif
