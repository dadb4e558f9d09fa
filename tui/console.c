/* console: see console.h. The loop, the layout function and the dispatch of actions;
 * each panel lives in its own *_view.c. */
#include "tui/console.h"

#include "tui/keyinput.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>
#include <curses.h>

#include "out/iso_time.h"
#include "sessions/errmsg.h"
#include "tui/agenda_view.h"
#include "tui/followup_view.h"
#include "tui/header_view.h"
#include "tui/help_view.h"
#include "tui/keyscript.h"
#include "tui/log_view.h"
#include "tui/people_view.h"
#include "tui/prompt_view.h"
#include "tui/result_view.h"
#include "tui/screendump.h"
#include "tui/screen_start.h"
#include "tui/settings.h"
#include "tui/small_view.h"
#include "tui/terminal.h"
#include "tui/textwidth.h"
#include "tui/unsaved.h"
#include "tui/view.h"
#include "tui/vote_view.h"

enum {
	/* Other consoles' lines are looked for at every input timeout (PRAGMA data_version: a
	 * few microseconds when nothing changed), so they show within about a quarter second. */
	CONSOLE_TIMEOUT_MS = 250, CONSOLE_PASTE_TAIL_MS = 2, CONSOLE_REFRESH_MS = CONSOLE_TIMEOUT_MS, WIDE_COLS = 120,
	CONSOLE_SETTLE_IDLE_MS = 1000, /* search and reports catch up once keys pause this long */
	CONSOLE_UNSAVED_RETRY_MS = 2000, /* lines kept unsaved are tried again this often (and at Enter) */
	CONSOLE_UNSAVED_WAIT_MS = 100,   /* ... each try waiting at most this long for the lock */
	RESULT_LOG_ROWS = 4,      /* a vote result leaves the log at least its title and three rows */
	AGENDA_EXTRA_W = 14,      /* beside an agenda title: the marker, minutes and timer */
	CENTER_MIN_W = 49,        /* the log keeps at least this many columns */
	SMALL_LINE_MIN_ROWS = 6, SMALL_LINE_MIN_COLS = 20, /* a too-small window still shows the line from here */
};

enum view_id { V_HEADER, V_AGENDA, V_LOG, V_PEOPLE, V_VOTE, V_RESULT, V_PROMPT, V_HELP, V_FOLLOWUP, V_SMALL, V_COUNT };

static const struct view_ops *const view_table[V_COUNT] = {
	[V_HEADER] = &header_view_ops, [V_AGENDA] = &agenda_view_ops, [V_LOG] = &log_view_ops,
	[V_PEOPLE] = &people_view_ops, [V_VOTE] = &vote_view_ops, [V_RESULT] = &result_view_ops,
	[V_PROMPT] = &prompt_view_ops,
	[V_HELP] = &help_view_ops, [V_FOLLOWUP] = &followup_view_ops, [V_SMALL] = &small_view_ops,
};

struct console {
	struct view_state state;
	struct view views[V_COUNT];
	struct tui_settings settings;  /* keys and theme from the config file */
	SCREEN *screen;
	struct screendump_screen virtual_screen; /* headless: the screen it draws on */
	bool headless;
	bool send_from_line;      /* state.send is the capture line itself (clear it when accepted) */
	enum view_id panel;       /* the panel whose handler took the last key (VIEW_REDRAW_PANEL) */
	int refresh_ms;
	int last_open_vote;       /* the session's open_vote when last looked at */
	int64_t last_refresh_ms, last_second;
	int64_t last_input_ms;    /* when a key last came, by the session's clock */
	bool quit;
	bool pasting;             /* between the terminal's bracketed-paste markers */
	bool paste_tail;          /* a paste just ended: what arrives at once is still pasted */
	struct keyinput keyinput; /* the bytes of a character being typed */
	bool confirmed;           /* state.send was confirmed with y: send it as it is */
	bool was_ended;           /* the session had ended when last looked at */
	char was_leader[SESSION_CONSOLE_MAX + 1]; /* the leading console when last looked at */
	struct unsaved unsaved;   /* lines the database could not take yet, oldest first */
	int64_t unsaved_retry_ms; /* when to try them again */
	char unsaved_why[SESSION_MESSAGE_MAX]; /* why the last try failed */
	bool confirm_quit;        /* leaving was asked for while lines wait: y leaves */
};

/* The terminal's bracketed-paste markers (ESC [200~ and ESC [201~), made keys with
 * define_key(): pasted text arrives between them and goes to the capture line as text. */
enum { KEY_PASTE_START = KEY_MAX + 1, KEY_PASTE_END = KEY_MAX + 2 };
static const char paste_on[] = "\033[?2004h", paste_off[] = "\033[?2004l";

static void set_rect(struct view *view, int y, int x, int h, int w)
{
	view->rect = (struct view_rect){y, x, h, w};
	view->visible = h > 0 && w > 0;
}

/* The single layout function: every rect follows from the screen size and the model. */
static void console_layout(struct console *c)
{
	const struct session *session = c->state.session;
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	for (int v = 0; v < V_COUNT; v++)
		c->views[v].visible = false;
	if (rows < CONSOLE_MIN_ROWS || cols < CONSOLE_MIN_COLS) {
		/* The status and the capture line stay at the foot where they fit, so that a
		 * note-taker whose window shrank sees what they type and what became of it. */
		bool line = rows >= SMALL_LINE_MIN_ROWS && cols >= SMALL_LINE_MIN_COLS;
		set_rect(&c->views[V_SMALL], 0, 0, line ? rows - 2 : rows, cols);
		if (line)
			set_rect(&c->views[V_PROMPT], rows - 2, 0, 2, cols);
		return;
	}
	int body_y = 1, body_h = rows - 3;
	set_rect(&c->views[V_HEADER], 0, 0, 1, cols);
	set_rect(&c->views[V_PROMPT], rows - 2, 0, 2, cols);
	if (c->state.help || c->state.followup_shown) {
		set_rect(&c->views[c->state.help ? V_HELP : V_FOLLOWUP], body_y, 0, body_h, cols);
		return;
	}
	bool wide = cols >= WIDE_COLS;
	int right_w = wide ? cols / 4 : 0;
	/* The agenda takes what its longest title needs (with the marker, minutes and timer),
	 * within bounds that keep the log at least as wide as the agenda and the people. */
	int longest = 0;
	for (int i = 0; i < session->n_items; i++) {
		size_t n;
		wchar_t *title = tw_from_utf8(session->items[i].def->title, strlen(session->items[i].def->title), &n);
		int w = title ? tw_width(title, n) : 0;
		free(title);
		longest = w > longest ? w : longest;
	}
	int left_w = longest + AGENDA_EXTRA_W;
	int left_max = wide ? cols - right_w - 2 - cols * 45 / 100 : cols - CENTER_MIN_W - 1;
	if (!wide && left_max > cols * 2 / 5)
		left_max = cols * 2 / 5;         /* the log is where the evening is written */
	if (cols >= 160 && left_max > cols / 4)
		left_max = cols / 4;             /* room enough: a quarter, as the people get */
	int left_min = wide ? cols / 5 : CONSOLE_MIN_COLS - CENTER_MIN_W - 1;
	if (left_w > left_max)
		left_w = left_max;
	if (left_w < left_min)
		left_w = left_min;
	int center_x = left_w + 1;
	int center_w = cols - center_x - (wide ? right_w + 1 : 0);
	int agenda_h = session->n_items + 1 + (wide ? 3 : 0); /* wide: room for the totals */
	if (wide && agenda_view_rows(session, left_w) <= body_h)
		agenda_h = agenda_view_rows(session, left_w); /* room for every title whole */
	if (!wide && agenda_h > body_h / 2)
		agenda_h = body_h / 2;
	if (agenda_h > body_h)
		agenda_h = body_h;
	set_rect(&c->views[V_AGENDA], body_y, 0, agenda_h, left_w);
	if (wide)
		set_rect(&c->views[V_PEOPLE], body_y, cols - right_w, body_h, right_w);
	else
		set_rect(&c->views[V_PEOPLE], body_y + agenda_h, 0, body_h - agenda_h, left_w);
	int vote_h = vote_view_rows(&c->state, center_w);
	if (vote_h > body_h / 2)
		vote_h = body_h / 2;
	int result_h = vote_h ? 0 : result_view_rows(&c->state, center_w);
	if (result_h > body_h - RESULT_LOG_ROWS)
		result_h = body_h - RESULT_LOG_ROWS;
	set_rect(&c->views[V_VOTE], body_y + body_h - vote_h, center_x, vote_h, center_w);
	set_rect(&c->views[V_RESULT], body_y + body_h - result_h, center_x, result_h, center_w);
	set_rect(&c->views[V_LOG], body_y, center_x, body_h - vote_h - result_h, center_w);
}

static void draw_separators(const struct console *c)
{
	attr_t border = theme_attr(&c->state.theme, THEME_BORDER);
	const struct view *log = &c->views[V_LOG];
	if (!log->visible)
		return;
	attr_set(border, PAIR_NUMBER(border), NULL);
	mvvline_set(log->rect.y, log->rect.x - 1, WACS_VLINE, c->views[V_PROMPT].rect.y - log->rect.y);
	if (c->views[V_PEOPLE].rect.x > log->rect.x)
		mvvline_set(log->rect.y, log->rect.x + log->rect.w, WACS_VLINE, c->views[V_PROMPT].rect.y - log->rect.y);
	attr_set(A_NORMAL, 0, NULL);
}

/* The terminal's cursor: in the capture line when it has focus, else hidden. */
static void place_cursor(struct console *c)
{
	const struct view *prompt = &c->views[V_PROMPT];
	if (prompt->visible && c->state.focus == FOCUS_LINE && !c->state.help) {
		int y, x;
		prompt_view_cursor(prompt, &c->state, &y, &x);
		move(y, x);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

static void console_draw(struct console *c)
{
	erase();
	for (int v = 0; v < V_COUNT; v++)
		if (c->views[v].visible && c->views[v].ops->draw)
			c->views[v].ops->draw(&c->views[v], &c->state);
	draw_separators(c);
	place_cursor(c);
	wnoutrefresh(stdscr);
}

/* A key that only edited the capture line: the prompt panel repaints its whole rect, the
 * rest of the screen is as it was, so a key costs one panel instead of all of them. */
static void console_draw_line(struct console *c)
{
	struct view *prompt = &c->views[V_PROMPT];
	if (prompt->visible)
		prompt->ops->draw(prompt, &c->state);
	place_cursor(c);
	wnoutrefresh(stdscr);
}

/* A key that changed only the panel that took it (the log scrolled or its selection
 * moved): that panel is cleared and drawn again, the rest of the screen is as it was. */
static void console_draw_panels(struct console *c, const enum view_id *ids, int n)
{
	for (int i = 0; i < n; i++) {
		struct view *view = &c->views[ids[i]];
		if (view->visible && view->ops->draw) {
			view_clear(view->rect);
			view->ops->draw(view, &c->state);
		}
	}
	place_cursor(c);
	wnoutrefresh(stdscr);
}

static void console_draw_panel(struct console *c)
{
	console_draw_panels(c, &c->panel, 1);
}

/* A line that added an entry and changed nothing else (console_apply()): the new entry in
 * the log, its speaker in the people panel, the cleared capture line and its message.
 * The rest of the screen (the agenda, the header, a vote's or a result's panel) shows
 * nothing an entry changes, and the half of the screen it leaves is not sent again. */
static void console_draw_entry(struct console *c)
{
	static const enum view_id changed[] = { V_LOG, V_PEOPLE, V_PROMPT };
	console_draw_panels(c, changed, (int)(sizeof changed / sizeof changed[0]));
}

/* While another console or program holds the database's write lock, a line waits for it
 * (up to 10 s, storage/store.h): the status line says so, and the line is kept. */
static void console_busy_notice(void *ctx, int waited_ms)
{
	struct console *c = ctx;
	view_set_status(&c->state, false, "waiting for the database: another console or program is writing (%d s);"
		" the line is kept", (waited_ms + 500) / 1000);
	console_draw_line(c);
	doupdate();
}

/* Where focus lands when it moves: the current item, the newest entry. */
static void focus_next(struct view_state *state)
{
	state->focus = (enum view_focus)((state->focus + 1) % FOCUS_COUNT);
	state->agenda_sel = state->session->current_item;
	state->log_sel = -1;
	for (int i = state->session->n_contributions - 1; i >= 0; i--)
		if (state->session->contributions[i].item == state->session->current_item) {
			state->log_sel = i;
			break;
		}
}

/* Actions no panel took: the console's own, and those that stand for a command line. */
static unsigned console_global(struct console *c, enum tui_action action, wchar_t ch)
{
	struct view_state *state = &c->state;
	const struct tui_action_info *info = action_info(action);
	if (info && info->line) {
		c->send_from_line = false;
		return VIEW_REDRAW | view_send(state, "%s", info->line);
	}
	switch (action) {
	case ACT_HELP:
		state->help = !state->help;
		state->recommendations = false;
		return VIEW_HANDLED | VIEW_RELAYOUT;
	case ACT_RECOMMENDATIONS:
		state->help = true;
		state->recommendations = true;
		state->help_top = 0;
		return VIEW_HANDLED | VIEW_RELAYOUT;
	case ACT_FOLLOWUP:
		return followup_view_show(state);
	case ACT_QUIT:
		return VIEW_HANDLED | VIEW_QUIT;
	case ACT_REDRAW: /* from nothing: the terminal, and what panels keep between draws */
		clearok(curscr, TRUE);
		for (int v = 0; v < V_COUNT; v++) {
			struct view *view = &c->views[v];
			if (view->ops->free)
				view->ops->free(view);
			if (view->ops->init)
				view->ops->init(view, state);
		}
		return VIEW_HANDLED | VIEW_RELAYOUT;
	case ACT_FOCUS:
		focus_next(state);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_RESULTS:
		return result_view_next(state);
	case ACT_CANCEL:
		if (state->focus == FOCUS_LINE && state->line->len == 0 && result_view_hide(state))
			return VIEW_HANDLED | VIEW_RELAYOUT;
		state->focus = FOCUS_LINE;
		state->status[0] = 0;
		state->status_error = false;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_NONE:
		if (ch && state->focus != FOCUS_LINE) {
			state->focus = FOCUS_LINE; /* typing goes to the capture line from anywhere */
			return c->views[V_PROMPT].ops->handle(&c->views[V_PROMPT], state, ACT_NONE, ch);
		}
		return 0;
	default:
		return 0;
	}
}

static unsigned console_input(struct console *c, wint_t ch, bool is_key);

/* A click selects in the panel under it; the wheel scrolls the log (or the help). */
static unsigned console_mouse(struct console *c, MEVENT event)
{
	static const enum view_id pickable[] = {V_AGENDA, V_PEOPLE, V_LOG, V_PROMPT};
	if (event.bstate & BUTTON4_PRESSED)
		return console_input(c, (wint_t)keymap_first_key(&c->state.keymap, ACT_SCROLL_UP), true);
	if (event.bstate & BUTTON5_PRESSED)
		return console_input(c, (wint_t)keymap_first_key(&c->state.keymap, ACT_SCROLL_DOWN), true);
	if (!(event.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) || c->state.help)
		return 0;
	for (size_t i = 0; i < sizeof pickable / sizeof pickable[0]; i++) {
		struct view *view = &c->views[pickable[i]];
		struct view_rect r = view->rect;
		if (!view->visible || event.y < r.y || event.y >= r.y + r.h || event.x < r.x || event.x >= r.x + r.w)
			continue;
		if (view->ops->pick)
			return view->ops->pick(view, &c->state, event.y, event.x);
		c->state.focus = pickable[i] == V_LOG ? FOCUS_LOG : FOCUS_LINE;
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	return 0;
}

/* Pasted text goes to the capture line as text: no key acts on it, so a pasted line
 * break, Tab or Enter neither records nor completes anything; line breaks and tabs
 * become spaces. The screen is redrawn once, when the paste ends. */
static unsigned console_paste(struct console *c, wint_t ch, bool is_key)
{
	if (is_key && ch == KEY_PASTE_END) {
		c->pasting = false;
		c->paste_tail = true;
		return VIEW_RELAYOUT; /* help may have closed */
	}
	if (is_key)
		return 0;
	if (c->state.help) /* a paste is typing: help closes, as for a typed key */
		help_view_close_for_text(&c->state);
	wchar_t text = ch == L'\n' || ch == L'\r' || ch == L'\t' ? L' ' : (wchar_t)ch;
	c->state.focus = FOCUS_LINE;
	lineedit_insert(c->state.line, &text, 1);
	return 0;
}

/* A step that cannot be undone waits for y; any other key keeps things as they are. */
static unsigned console_confirm(struct console *c, enum tui_action action, wchar_t ch)
{
	struct view_state *state = &c->state;
	char *line = state->confirm;
	state->confirm = NULL;
	if (action == ACT_NONE && (ch == L'y' || ch == L'Y')) {
		free(state->send);
		state->send = line;
		c->confirmed = true;
		c->send_from_line = true;
		return VIEW_HANDLED | VIEW_SEND | VIEW_REDRAW;
	}
	free(line);
	view_set_status(state, false, "not sent: the session stays open (the line is still there)");
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned console_input(struct console *c, wint_t ch, bool is_key)
{
	static const enum view_id handlers[] = {V_AGENDA, V_LOG, V_PEOPLE, V_PROMPT};
	struct view_state *state = &c->state;
	/* the clock, not state->now_ms (the last tick's): the tick that follows a key must
	 * see that a key just came, and not sync or settle before the key's frame is sent */
	c->last_input_ms = state->session->clock.now_ms(state->session->clock.ctx);
	if (is_key && ch == KEY_PASTE_START) {
		c->pasting = true;
		c->paste_tail = false;
		return 0;
	}
	if (c->pasting)
		return console_paste(c, ch, is_key);
	/* Pasted text can hold the end marker itself (ESC [201~): what arrives with no pause
	 * after an end is still the paste, so "\r/extend 7\r" pasted after it runs nothing.
	 * A terminal writes a paste at once, so its rest is already waiting; a person's next
	 * key comes later. A pause (CONSOLE_PASTE_TAIL_MS with no input), a function key or
	 * the real end ends it. */
	if (c->paste_tail) {
		if (!is_key)
			return console_paste(c, ch, false);
		c->paste_tail = false;
		if (ch == KEY_PASTE_END)
			return VIEW_REDRAW;
	}
	if (is_key && ch == KEY_RESIZE)
		return VIEW_RELAYOUT;
	MEVENT event;
	if (is_key && ch == KEY_MOUSE)
		return getmouse(&event) == OK ? console_mouse(c, event) : 0;
	enum tui_action action = keymap_action(&state->keymap, (int)ch, is_key);
	wchar_t text = !is_key && action == ACT_NONE ? (wchar_t)ch : 0;
	if (is_key && action == ACT_NONE)
		return 0;
	if (state->confirm)
		return console_confirm(c, action, text);
	if (c->confirm_quit) {
		c->confirm_quit = false;
		if (action == ACT_NONE && (text == L'y' || text == L'Y'))
			return VIEW_QUIT;
		view_set_status(state, false, "the console stays open: %d line%s wait%s to be saved", c->unsaved.n,
			c->unsaved.n == 1 ? "" : "s", c->unsaved.n == 1 ? "s" : "");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (c->views[V_SMALL].visible) {
		/* too small for the panels: what is typed is kept, and shown at the foot where
		 * the capture line fits (console_layout) */
		if (action == ACT_QUIT)
			return VIEW_QUIT;
		state->focus = FOCUS_LINE;
		struct view *prompt = &c->views[V_PROMPT];
		if (!prompt->visible && action == ACT_SEND)
			return 0; /* nothing on screen to see what is sent (/end, then y): it waits */
		unsigned flags = prompt->ops->handle(prompt, state, action, text);
		c->send_from_line = true;
		if (flags & VIEW_SEND)
			return flags;
		return prompt->visible && flags ? VIEW_REDRAW_LINE : 0;
	}
	if (state->help) {
		unsigned flags = c->views[V_HELP].ops->handle(&c->views[V_HELP], state, action, text);
		if (flags)
			return flags;
	} else {
		unsigned left = 0; /* the follow-up closes, and the key goes on */
		if (state->followup_shown && (left = followup_view_ops.handle(&c->views[V_FOLLOWUP], state, action, text))
			& VIEW_HANDLED)
			return left;
		for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++) {
			struct view *view = &c->views[handlers[i]];
			unsigned flags = view->visible ? view->ops->handle(view, state, action, text) : 0;
			if (flags) {
				c->send_from_line = handlers[i] == V_PROMPT;
				c->panel = handlers[i];
				return flags | left;
			}
		}
		return left | console_global(c, action, text);
	}
	return console_global(c, action, text);
}

/* Brings search and reports up to date with this console's lines once min_events wait
 * (session_settle()); a failure only shows in the status line, nothing is lost. */
static void console_settle(struct console *c, int min_events)
{
	char err[SESSION_MESSAGE_MAX];
	if (session_settle(c->state.session, min_events, err, sizeof err) != 0)
		view_set_status(&c->state, true, "search and reports are not up to date yet: %s", err);
}

/* The command a line gives (capture_parse()), or -1 for any other line. */
static int line_command(const char *line)
{
	struct capture_line cl;
	char err[SESSION_MESSAGE_MAX];
	if (!capture_parse(line, strlen(line), &cl, err, sizeof err))
		return -1;
	int command = cl.type == CAPTURE_COMMAND ? (int)cl.command : -1;
	capture_line_free(&cl);
	return command;
}

/* A line of a command that cannot be undone (/end): the console asks first. */
static bool console_needs_confirm(const char *line)
{
	int command = line_command(line);
	return command >= 0 && capture_command_final((enum capture_command)command);
}

/* Whether a line failed because the database could not take it (full, busy past the
 * wait, an I/O error, out of memory), not because of what it says (EX_DATAERR, EX_USAGE). */
static bool not_saved(int rc)
{
	return rc == EX_TEMPFAIL || rc == EX_IOERR || rc == EX_CANTCREAT || rc == EX_OSERR;
}

/* Whether a line is a command (/next, /vote ...); everything else is what the room said. */
static bool is_command(const char *line)
{
	line += strspn(line, " \t");
	return line[0] == '/';
}

static bool console_needs_quit(const char *line)
{
	return line_command(line) == CMD_QUIT;
}

/* The status while lines wait (console_save_unsaved()). */
static void unsaved_status(struct console *c)
{
	view_set_status(&c->state, true, "NOT SAVED YET: %d line%s kept here, saved in order once the database can be"
		" written (tried every %d s and at Enter): %s", c->unsaved.n, c->unsaved.n == 1 ? "" : "s",
		CONSOLE_UNSAVED_RETRY_MS / 1000, c->unsaved_why);
}

/* Puts a kept line that was refused when its turn came back on the capture line, selected,
 * when the capture line is empty; false (it stays kept) when something is being typed. */
static bool unsaved_return(struct console *c, const char *line)
{
	if (c->state.line->len > 0)
		return false;
	size_t n;
	wchar_t *wide = tw_from_utf8(line, strlen(line), &n);
	bool set = wide && lineedit_set(c->state.line, wide, n);
	free(wide);
	if (set)
		lineedit_select_all(c->state.line);
	return set;
}

/* Saves the lines kept unsaved, oldest first, until the database refuses one again (then
 * they wait for the next try); a line refused for what it says comes back to the capture
 * line. With anyway false, only once the retry time has come. */
static unsigned console_save_unsaved(struct console *c, bool anyway)
{
	struct view_state *state = &c->state;
	if (c->unsaved.n == 0)
		return 0;
	int64_t now = state->session->clock.now_ms(state->session->clock.ctx);
	if (!anyway && now < c->unsaved_retry_ms)
		return 0;
	int saved = 0;
	char last[SESSION_MESSAGE_MAX] = "", refused[SESSION_MESSAGE_MAX] = "";
	/* a try does not freeze the console for the 10 s a line waits for a held lock */
	int wait = store_set_busy_wait(state->session->store, CONSOLE_UNSAVED_WAIT_MS);
	while (c->unsaved.n > 0) {
		struct session_result result = {0};
		const char *line = unsaved_head(&c->unsaved);
		int rc = session_apply_line(state->session, line, strlen(line), &result);
		if (rc != 0 && not_saved(rc)) {
			c->unsaved_retry_ms = now + CONSOLE_UNSAVED_RETRY_MS;
			snprintf(c->unsaved_why, sizeof c->unsaved_why, "%s", result.message);
			break;
		}
		if (rc != 0 && !unsaved_return(c, line)) { /* refused, and the capture line is in use */
			errmsg_fail(c->unsaved_why, sizeof c->unsaved_why, "the oldest is refused, and comes to the capture"
				" line once it is empty: %s", result.message);
			break;
		}
		if (rc == 0)
			saved++;
		snprintf(rc ? refused : last, sizeof last, "%s", result.message);
		unsaved_pop(&c->unsaved);
	}
	store_set_busy_wait(state->session->store, wait);
	if (refused[0])
		view_set_status(state, true, "a line kept unsaved was refused when its turn came, and is back on the"
			" capture line: %s", refused);
	else if (c->unsaved.n > 0)
		unsaved_status(c);
	else if (saved > 0)
		view_set_status(state, false, "saved the %d line%s kept while the database could not be written; the"
			" last: %s", saved, saved == 1 ? "" : "s", last);
	console_settle(c, SESSION_SETTLE_EVERY);
	return VIEW_RELAYOUT | VIEW_REDRAW;
}

/* Keeps a line the database could not take, and clears the capture line for the next
 * when the line came from it (a ballot a key sent leaves it as it is). */
static bool console_keep_unsaved(struct console *c, const char *line, const char *why)
{
	if (!unsaved_push(&c->unsaved, line))
		return false;
	if (why)
		snprintf(c->unsaved_why, sizeof c->unsaved_why, "%s", why);
	c->unsaved_retry_ms = c->state.session->clock.now_ms(c->state.session->clock.ctx) + CONSOLE_UNSAVED_RETRY_MS;
	if (c->send_from_line) {
		lineedit_remember(c->state.line);
		lineedit_clear(c->state.line);
	}
	unsaved_status(c);
	return true;
}

/* Leaving, asked for by F10 or /quit: at once, unless lines wait to be saved. */
static void console_request_quit(struct console *c)
{
	if (c->unsaved.n == 0) {
		c->quit = true;
		return;
	}
	c->confirm_quit = true;
	view_set_status(&c->state, true, "%d line%s not saved yet (%s): leaving loses %s. y leaves anyway, any other"
		" key stays", c->unsaved.n, c->unsaved.n == 1 ? " is" : "s are", c->unsaved_why,
		c->unsaved.n == 1 ? "it" : "them");
}

/* Records state.send through the session; the capture line clears only when accepted.
 * While lines wait unsaved, what the room says joins them (in order) and a command waits. */
static unsigned console_apply(struct console *c)
{
	struct view_state *state = &c->state;
	struct session_result result = {0};
	char *line = state->send;
	state->send = NULL;
	if (c->unsaved.n > 0) {
		unsigned flags = VIEW_REDRAW;
		if (is_command(line) && !console_needs_quit(line))
			view_set_status(state, true, "not now: %d line%s not saved yet come%s first, in order (%s)", c->unsaved.n,
				c->unsaved.n == 1 ? "" : "s", c->unsaved.n == 1 ? "s" : "", c->unsaved_why);
		else if (is_command(line))
			console_request_quit(c);
		else if (console_keep_unsaved(c, line, NULL))
			flags = console_save_unsaved(c, true);
		free(line);
		return flags;
	}
	if (!c->confirmed && console_needs_confirm(line)) {
		free(state->confirm);
		state->confirm = line;
		view_set_status(state, true, "End the session for every console? It cannot be undone."
			" y ends it, any other key keeps it open");
		return VIEW_REDRAW;
	}
	c->confirmed = false;
	const struct session *session = state->session;
	int item = session->current_item, open_vote = session->open_vote, entries = session->n_contributions;
	int rc = session_apply_line(state->session, line, strlen(line), &result);
	/* an entry and nothing else (not a ballot, not a command): only what shows it is drawn */
	bool entry_only = rc == 0 && c->send_from_line && !is_command(line) && session->current_item == item
		&& open_vote < 0 && session->open_vote < 0 && session->n_contributions == entries + 1 && !result.quit
		&& !state->help && !state->followup_shown && !c->views[V_SMALL].visible;
	if (rc == 0) {
		if (c->send_from_line) {
			lineedit_remember(state->line);
			lineedit_clear(state->line);
		}
		view_set_status(state, false, "%s", result.message);
		if (result.quit)
			console_request_quit(c);
	} else if (not_saved(rc) && !is_command(line) && console_keep_unsaved(c, line, result.message)) {
		; /* kept: saved once the database can be written */
	} else {
		view_set_status(state, true, "%s", result.message[0] ? result.message : "refused");
		if (c->send_from_line) {
			/* the refused text stays to be corrected, selected: typing replaces it (it is
			 * kept in the history, Up brings it back), an editing key edits it */
			lineedit_remember(state->line);
			lineedit_select_all(state->line);
		}
	}
	console_settle(c, SESSION_SETTLE_EVERY);
	if (state->session->current_item != item) {
		state->log_back = 0;
		state->log_sel = -1;
	}
	free(line);
	return entry_only && c->unsaved.n == 0 ? VIEW_REDRAW_ENTRY : VIEW_RELAYOUT | VIEW_REDRAW;
}

/* Makes this console's screen the one curses draws on: several headless consoles may
 * live in one process (tests), and curses draws on one screen at a time. */
static void console_select(const struct console *c)
{
	if (c->screen)
		set_term(c->screen);
}

/* Acts on a handler's flags: only here does anything happen. */
static void console_act(struct console *c, unsigned flags)
{
	if (c->state.send) { /* what the line did decides what is drawn (console_apply()) */
		flags = (flags & ~(unsigned)(VIEW_REDRAW | VIEW_REDRAW_LINE | VIEW_REDRAW_PANEL)) | console_apply(c);
		c->send_from_line = false;
	}
	if (flags & VIEW_QUIT)
		console_request_quit(c);
	c->was_ended = c->state.session->ended;
	snprintf(c->was_leader, sizeof c->was_leader, "%s", c->state.session->leader);
	if (flags & VIEW_RELAYOUT) {
		result_view_follow(&c->state, &c->last_open_vote);
		console_layout(c);
	}
	if (flags & (VIEW_REDRAW | VIEW_RELAYOUT))
		console_draw(c);
	else if (flags & VIEW_REDRAW_ENTRY)
		console_draw_entry(c);
	else if (flags & VIEW_REDRAW_PANEL)
		console_draw_panel(c);
	else if (flags & VIEW_REDRAW_LINE)
		console_draw_line(c);
}

void console_tick(struct console *c)
{
	console_select(c);
	struct session *session = c->state.session;
	int64_t now = session->clock.now_ms(session->clock.ctx);
	unsigned flags = 0;
	c->state.now_ms = now;
	if (now - c->last_refresh_ms >= c->refresh_ms || now < c->last_refresh_ms) {
		bool changed = false;
		char err[SESSION_MESSAGE_MAX];
		c->last_refresh_ms = now;
		if (session_refresh(session, &changed, err, sizeof err) != 0)
			view_set_status(&c->state, true, "%s", err);
		if (changed)
			flags |= VIEW_RELAYOUT;
		if (changed && session->ended && !c->was_ended)
			view_set_status(&c->state, true, "the session was ended at another console; F10 leaves");
		else if (changed && strcmp(session->leader, c->was_leader) != 0)
			view_set_status(&c->state, false, session_leads(session)
				? "this console leads now: it moves through the agenda, times and votes"
				: "console %s leads now; this console records and follows", session->leader);
		if (now - c->last_input_ms >= CONSOLE_SETTLE_IDLE_MS)
			console_settle(c, 1);
		/* an item move did not wait for the disk (console_new()): it is synced here, once
		 * the keys pause for a tick (never between a key and its frame), unless a line
		 * synced it first */
		if (now - c->last_input_ms >= CONSOLE_TIMEOUT_MS && session_sync(session, err, sizeof err) != 0)
			view_set_status(&c->state, true, "%s", err);
	}
	if (now / 1000 != c->last_second) {
		c->last_second = now / 1000;
		flags |= VIEW_REDRAW;
	}
	flags |= console_save_unsaved(c, false);
	console_act(c, flags);
}

/* Loads the config file (headless: only one named in the options) into a new console. */
static int console_new(struct session *session, const struct console_options *options, bool headless,
	struct console **out, char *err, size_t errlen)
{
	const char *path = options ? options->config_path : NULL;
	struct console *c = calloc(1, sizeof *c);
	*out = NULL;
	if (!c || !(c->state.line = lineedit_new())) {
		free(c);
		snprintf(err, errlen, "out of memory");
		return EX_OSERR;
	}
	int rc = headless && !path ? 0 : settings_load(path, &c->settings, err, errlen);
	if (headless && !path)
		keymap_defaults(&c->settings.keymap);
	if (rc != 0) {
		lineedit_free(c->state.line);
		free(c);
		return rc;
	}
	c->headless = headless;
	c->state.keymap = c->settings.keymap;
	c->state.session = session;
	c->state.unsaved = &c->unsaved;
	/* F3/F2 and /next, /prev, /item do not wait for the disk; console_tick() syncs them */
	session_set_unsynced_moves(session, true);
	c->state.log_sel = -1;
	c->state.result_vote = -1;
	c->state.followup_wanted = options && options->followup;
	c->last_open_vote = session->open_vote;
	c->was_ended = session->ended;
	snprintf(c->was_leader, sizeof c->was_leader, "%s", session->leader);
	c->refresh_ms = options && options->refresh_ms > 0 ? options->refresh_ms : CONSOLE_REFRESH_MS;
	c->last_second = -1;
	for (int v = 0; v < V_COUNT; v++)
		c->views[v].ops = view_table[v];
	*out = c;
	return 0;
}

/* An agenda dated before the day its session started (one reused from an earlier
 * evening): lists and searches file the session under the agenda's day, so the first
 * status line says so, every time the console opens on it. */
static void console_note_date(struct console *c)
{
	const struct session *session = c->state.session;
	char note[300];
	if (iso_date_note(session->agenda->session.date, session->started_ms, note, sizeof note))
		view_set_status(&c->state, true, "%s", note);
}

/* Curses settings shared by the terminal and the virtual screen, then the first frame. */
static void console_start(struct console *c, const struct console_options *options)
{
	raw(); /* Ctrl-C, Ctrl-Z arrive as keys; signals from outside set terminal_signal() */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	define_key("\033[200~", KEY_PASTE_START);
	define_key("\033[201~", KEY_PASTE_END);
	set_escdelay(25);
	wtimeout(stdscr, CONSOLE_TIMEOUT_MS);
	theme_init(&c->state.theme, terminal_want_color(options && options->no_color), c->settings.styles);
	if (options && options->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	for (int v = 0; v < V_COUNT; v++)
		if (c->views[v].ops->init)
			c->views[v].ops->init(&c->views[v], &c->state);
	int64_t now = c->state.session->clock.now_ms(c->state.session->clock.ctx);
	c->last_refresh_ms = now;
	c->last_second = now / 1000;
	c->state.now_ms = now;
	console_note_date(c);
	console_layout(c);
	console_draw(c); /* the first frame, once */
}

static void console_end(struct console *c)
{
	console_save_unsaved(c, true); /* a last try */
	console_settle(c, 1);
	for (int v = 0; v < V_COUNT; v++)
		if (c->views[v].ops->free)
			c->views[v].ops->free(&c->views[v]);
	if (c->headless) {
		screendump_close(&c->virtual_screen);
	} else if (c->screen) {
		endwin();
		fputs(paste_off, stdout);
		fflush(stdout);
		delscreen(c->screen);
	}
	if (c->unsaved.n > 0 && !c->headless) { /* the last place they can be read */
		fprintf(stderr, "klankbord: %d line%s could not be saved (%s); as typed:\n", c->unsaved.n,
			c->unsaved.n == 1 ? "" : "s", c->unsaved_why);
		for (int i = 0; i < c->unsaved.n; i++)
			fprintf(stderr, "%s\n", c->unsaved.lines[i]);
	}
	unsaved_free(&c->unsaved);
	followup_view_release(&c->state);
	free(c->state.send);
	free(c->state.confirm);
	lineedit_free(c->state.line);
	free(c);
}

void console_close(struct console *c)
{
	if (c)
		console_end(c);
}

struct console *console_open_headless(struct session *session, const struct console_options *options,
	int rows, int cols, char *err, size_t errlen)
{
	struct console *c;
	terminal_locale();
	if (console_new(session, options, true, &c, err, errlen) != 0)
		return NULL;
	if (!screendump_open(&c->virtual_screen, rows, cols, err, errlen)) {
		console_end(c);
		return NULL;
	}
	c->screen = c->virtual_screen.screen;
	console_start(c, options);
	return c;
}

void console_resize(struct console *c, int rows, int cols)
{
	console_select(c);
	resizeterm(rows, cols);
	console_act(c, VIEW_RELAYOUT);
}

/* The console's own names in a key script (tui/keyscript.h): paste and /paste, the
 * terminal's bracketed-paste markers; console_feed() also takes <pause> (a pause in the
 * input), <click Y X> and <wheel-up>/<wheel-down>. */
static const struct keyscript_name console_script_names[] = {
	{ "paste", KEY_PASTE_START }, { "/paste", KEY_PASTE_END }, { NULL, 0 },
};

bool console_feed(struct console *c, const char *script)
{
	console_select(c);
	size_t len = strlen(script);
	for (size_t i = 0; i < len && !c->quit;) {
		int key;
		bool is_key;
		MEVENT event = {0};
		if (sscanf(script + i, "<click %d %d>", &event.y, &event.x) == 2 || strncmp(script + i, "<wheel-", 7) == 0) {
			const char *close = strchr(script + i, '>');
			if (!close)
				return false;
			if (script[i + 1] == 'w')
				event.bstate = script[i + 7] == 'u' ? BUTTON4_PRESSED : BUTTON5_PRESSED;
			else
				event.bstate = BUTTON1_CLICKED;
			i = (size_t)(close - script) + 1;
			console_act(c, console_mouse(c, event));
			doupdate();
			continue;
		}
		if (strncmp(script + i, "<pause>", 7) == 0) { /* what the input loop's timeout sees */
			if (c->paste_tail)
				console_act(c, VIEW_REDRAW);
			c->paste_tail = false;
			i += 7;
			continue;
		}
		if (!keyscript_next(script, len, &i, console_script_names, &key, &is_key))
			return false;
		console_act(c, console_input(c, (wint_t)key, is_key));
		doupdate(); /* to the virtual terminal, after every key, as on a real one */
	}
	return true;
}

void console_dump(struct console *c, FILE *out)
{
	console_select(c);
	/* No drawing here: the dump shows what the terminal would show, so a change that
	 * forgot to redraw shows up in the screen tests too. */
	screendump_write(out);
}

const char *console_status(const struct console *c)
{
	return c->state.status;
}

bool console_status_error(const struct console *c)
{
	return c->state.status_error;
}

bool console_quit_requested(const struct console *c)
{
	return c->quit;
}

int console_run(struct session *session, const struct console_options *options, char *err, size_t errlen)
{
	struct terminal_signals saved;
	int checked = terminal_check(TERMINAL_FOR_CONSOLE, err, errlen);
	if (checked)
		return checked;
	struct console *c;
	terminal_locale();
	int rc = console_new(session, options, false, &c, err, errlen);
	if (rc != 0)
		return rc;
	c->screen = newterm(NULL, stdout, stdin);
	if (!c->screen) {
		snprintf(err, errlen, "cannot start the console on terminal type \"%s\"", getenv("TERM"));
		console_end(c);
		return EX_UNAVAILABLE;
	}
	fputs(paste_on, stdout); /* terminals that do not know the mode ignore it */
	fflush(stdout);
	terminal_signals_catch(&saved);
	set_term(c->screen);
	console_start(c, options);
	store_set_busy_notice(session->store, console_busy_notice, c);
	screen_start_batched();
	doupdate();
	while (!c->quit && !terminal_signal()) {
		wtimeout(stdscr, c->paste_tail ? CONSOLE_PASTE_TAIL_MS : CONSOLE_TIMEOUT_MS);
		int value = wgetch(stdscr); /* bytes, decoded by keyinput.h (wget_wch drops keys) */
		if (terminal_signal())
			break;
		struct keyinput_out keys[2];
		int n = value == ERR ? keyinput_pause(&c->keyinput, &keys[0]) : keyinput_feed(&c->keyinput, value, keys);
		for (int i = 0; i < n && !c->quit; i++)
			console_act(c, console_input(c, keys[i].ch, keys[i].is_key));
		if (value == ERR && c->paste_tail) { /* a pause: typing again is a person's */
			c->paste_tail = false;
			console_act(c, VIEW_REDRAW);
		}
		console_tick(c); /* also while keys keep coming, so the clock never stalls */
		doupdate();
	}
	int signo = terminal_signal();
	store_set_busy_notice(session->store, NULL, NULL);
	console_end(c);
	terminal_signals_restore(&saved);
	if (signo) {
		snprintf(err, errlen, "stopped by signal %d; the session stays open: klankbord resume", signo);
		return EX_TEMPFAIL;
	}
	return 0;
}
