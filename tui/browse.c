/* browse: see browse.h. The loop, the layout, the header, status and prompt rows, the
 * search and filter lines and the dispatch of actions; what the levels share is
 * browse_view.c, each level lives in its own browse_*.c. */
#include "tui/browse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <curses.h>

#include "tui/browse_entries.h"
#include "tui/browse_help.h"
#include "tui/browse_items.h"
#include "tui/browse_register.h"
#include "tui/browse_search.h"
#include "tui/browse_sessions.h"
#include "tui/browse_view.h"
#include "tui/console.h"
#include "tui/keyinput.h"
#include "tui/keyscript.h"
#include "tui/screendump.h"
#include "tui/screen_start.h"
#include "tui/settings.h"
#include "tui/small_view.h"
#include "tui/terminal.h"
#include "tui/textwidth.h"

enum { BROWSE_TIMEOUT_MS = 250 };

struct browse_screen {
	struct browse b;
	SCREEN *screen;             /* the terminal's, or the virtual one's */
	struct screendump_screen virtual_screen; /* headless: the screen it draws on */
	struct view small;          /* "terminal too small" */
	struct tui_settings settings; /* the theme of config.yaml (on a terminal; its keys are the console's) */
	bool styled;                /* settings were read */
};

/* ---- layout and drawing ---- */

static bool too_small(void)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	return rows < CONSOLE_MIN_ROWS || cols < CONSOLE_MIN_COLS;
}

static void browse_layout(struct browse_screen *s)
{
	struct browse *b = &s->b;
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	s->small.rect = (struct view_rect){ 0, 0, rows, cols };
	s->small.visible = too_small();
	b->body = (struct view_rect){ 1, 0, rows - 3, cols };
}

static const char *const level_names[BROWSE_LEVELS] = {
	[BROWSE_SESSIONS] = "Sessions", [BROWSE_ITEMS] = "Items", [BROWSE_ENTRIES] = "Contributions",
	[BROWSE_SEARCH] = "Search", [BROWSE_REGISTER] = "Register",
};

static void draw_header(const struct browse *b, int cols)
{
	char line[1024];
	attr_t header = theme_attr(&b->view.theme, THEME_HEADER);
	int len = snprintf(line, sizeof line, " klankbord browse · %s", level_names[b->level]);
	if (b->level == BROWSE_ITEMS || b->level == BROWSE_ENTRIES)
		len += snprintf(line + len, sizeof line - (size_t)len, " · %s", b->session_title ? b->session_title : "");
	if (b->level == BROWSE_ENTRIES && b->item_list.sel < b->item_list.n)
		snprintf(line + len, sizeof line - (size_t)len, " · %s", b->items[b->item_list.sel].title);
	view_fill(0, 0, cols, header);
	view_draw_fit(0, 0, cols, line, header);
}

/* The hints of the status line, from the action table: the keys that matter here. */
static void draw_status(const struct browse *b, int y, int cols)
{
	struct hint { enum browse_action action; const char *label; };
	static const struct hint lists[] = {
		{ BACT_OPEN, "open" }, { BACT_BACK, "back" }, { BACT_SEARCH, "search" }, { BACT_FILTER, "filter" },
		{ BACT_REGISTER, "register" }, { BACT_HELP, "help" }, { BACT_QUIT, "quit" }, { BACT_NONE, NULL },
	};
	static const struct hint recs[] = {
		{ BACT_SET_STATUS, "change status" }, { BACT_BACK, "back" }, { BACT_HELP, "help" }, { BACT_QUIT, "quit" },
		{ BACT_NONE, NULL },
	};
	const struct hint *hints = b->level == BROWSE_REGISTER && !b->help ? recs : lists;
	struct browse_pen pen;
	view_fill(y, 0, cols, theme_attr(&b->view.theme, THEME_STATUS));
	browse_pen_start(&pen, b, y, 1, cols - 1, false);
	for (size_t i = 0; hints[i].label; i++) {
		char keys[64];
		browse_action_keys(hints[i].action, 1, keys, sizeof keys); /* the first key; help lists them all */
		browse_pen_text(&pen, keys, THEME_KEY);
		browse_pen_text(&pen, " ", THEME_STATUS);
		browse_pen_text(&pen, hints[i].label, THEME_STATUS);
		browse_pen_text(&pen, "  ", THEME_STATUS);
	}
}

/* The last row: the open search or filter line, else the message, else what is in force. */
static void draw_prompt(const struct browse *b, int y, int cols)
{
	struct browse_pen pen;
	browse_pen_start(&pen, b, y, 0, cols, false);
	if (b->prompt != BROWSE_PROMPT_NONE) {
		static const char *const labels[] = { [BROWSE_PROMPT_SEARCH] = "search: ",
			[BROWSE_PROMPT_FILTER] = "filter (#code !kind E03): ",
			[BROWSE_PROMPT_STATUS] = "status (open accepted in-progress done declined) and a note: " };
		browse_pen_text(&pen, labels[b->prompt], THEME_TITLE);
		char *text = tw_to_utf8(b->line->buf, b->line->len, NULL);
		browse_pen_text(&pen, text ? text : "", THEME_NORMAL);
		free(text);
		move(y, pen.x < cols ? pen.x : cols - 1);
		curs_set(1);
		return;
	}
	curs_set(0);
	if (b->view.status[0]) {
		browse_pen_text(&pen, b->view.status, b->view.status_error ? THEME_ERROR : THEME_MUTED);
		return;
	}
	if (b->code[0] || b->kind[0] || b->participant[0]) {
		char line[BROWSE_TEXT_MAX * 3 + 32];
		snprintf(line, sizeof line, "filter:%s%s%s%s%s%s", b->code[0] ? " #" : "", b->code, b->kind[0] ? " !" : "",
			b->kind, b->participant[0] ? " " : "", b->participant);
		browse_pen_text(&pen, line, THEME_TAG);
		browse_pen_text(&pen, "  ", THEME_NORMAL);
	}
	if (b->query[0]) {
		browse_pen_text(&pen, "search: ", THEME_MUTED);
		browse_pen_text(&pen, b->query, THEME_NORMAL);
	}
}

static void browse_draw(struct browse_screen *s)
{
	struct browse *b = &s->b;
	erase();
	if (s->small.visible) {
		curs_set(0);
		small_view_ops.draw(&s->small, &b->view);
		wnoutrefresh(stdscr);
		return;
	}
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	draw_header(b, cols);
	if (b->help)
		browse_help_draw(b, b->body);
	else if (b->level == BROWSE_SESSIONS)
		browse_sessions_draw(b, b->body);
	else if (b->level == BROWSE_ITEMS)
		browse_items_draw(b, b->body);
	else if (b->level == BROWSE_ENTRIES)
		browse_entries_draw(b, b->body);
	else if (b->level == BROWSE_REGISTER)
		browse_register_draw(b, b->body);
	else
		browse_search_draw(b, b->body);
	draw_status(b, rows - 2, cols);
	draw_prompt(b, rows - 1, cols);
	wnoutrefresh(stdscr);
}

/* ---- actions ---- */

/* Reads the page of the level shown (after a resize, a new filter). */
static void reload_level(struct browse *b)
{
	char err[512];
	int rc = 0;
	if (b->level == BROWSE_SESSIONS)
		rc = browse_sessions_load(b, err, sizeof err);
	else if (b->level == BROWSE_ENTRIES)
		rc = browse_entries_load(b, err, sizeof err);
	if (rc)
		browse_failed(b, err);
}

/* The filter line: "#code !kind E03" in any order; an empty line clears the filter. */
static void apply_filter(struct browse *b, const char *text)
{
	char code[BROWSE_TEXT_MAX] = "", kind[BROWSE_TEXT_MAX] = "", participant[BROWSE_TEXT_MAX] = "";
	char *copy = strdup(text);
	for (char *word = copy ? strtok(copy, " ") : NULL; word; word = strtok(NULL, " ")) {
		if (word[0] == '#')
			snprintf(code, sizeof code, "%s", word + 1);
		else if (word[0] == '!')
			snprintf(kind, sizeof kind, "%s", word + 1);
		else
			snprintf(participant, sizeof participant, "%s", word);
	}
	free(copy);
	memcpy(b->code, code, sizeof code);
	memcpy(b->kind, kind, sizeof kind);
	memcpy(b->participant, participant, sizeof participant);
	if (b->level == BROWSE_SEARCH && b->query[0]) {
		char err[512];
		if (browse_search_run(b, err, sizeof err))
			browse_failed(b, err);
	} else {
		b->entry_pager.top_set = false;
		b->entry_pager.sel = 0;
		reload_level(b);
	}
	if (b->view.status_error)
		return;
	if (code[0] || kind[0] || participant[0])
		view_set_status(&b->view, false, "filter%s%s%s%s%s%s: the contributions and the search hits are narrowed to it",
			code[0] ? " #" : "", code, kind[0] ? " !" : "", kind, participant[0] ? " " : "", participant);
	else
		view_set_status(&b->view, false, "filter cleared");
}

static void prompt_accept(struct browse *b)
{
	char *text = tw_to_utf8(b->line->buf, b->line->len, NULL);
	enum browse_prompt prompt = b->prompt;
	b->prompt = BROWSE_PROMPT_NONE;
	if (!text)
		return;
	if (prompt == BROWSE_PROMPT_FILTER) {
		apply_filter(b, text);
	} else if (prompt == BROWSE_PROMPT_STATUS) {
		if (text[0])
			browse_register_set(b, text);
	} else if (text[0]) {
		char err[512];
		snprintf(b->query, sizeof b->query, "%s", text);
		if (b->level != BROWSE_SEARCH)
			b->search_from = b->level;
		if (browse_search_run(b, err, sizeof err) == 0)
			b->level = BROWSE_SEARCH;
		else
			browse_failed(b, err);
	}
	free(text);
}

/* While the search or filter line is open every printable key is text. */
static void prompt_key(struct browse *b, enum browse_action action, wchar_t ch)
{
	if (ch) {
		lineedit_insert(b->line, &ch, 1);
		return;
	}
	switch (action) {
	case BACT_OPEN: prompt_accept(b); break;
	case BACT_CANCEL: b->prompt = BROWSE_PROMPT_NONE; break;
	case BACT_BACK:
		if (b->line->len == 0)
			b->prompt = BROWSE_PROMPT_NONE;
		lineedit_backspace(b->line);
		break;
	case BACT_QUIT: b->quit = true; break;
	default: break;
	}
}

static void open_prompt(struct browse *b, enum browse_prompt prompt)
{
	b->prompt = prompt;
	lineedit_clear(b->line);
}

/* Back up one level: hits go back where the search started, contributions to the items,
 * items to the sessions. */
static void level_back(struct browse *b)
{
	if (b->level == BROWSE_REGISTER)
		b->level = b->register_from;
	else if (b->level == BROWSE_SEARCH)
		b->level = b->search_from;
	else if (b->level == BROWSE_ENTRIES)
		b->level = BROWSE_ITEMS;
	else if (b->level == BROWSE_ITEMS)
		b->level = BROWSE_SESSIONS;
	reload_level(b);
}

/* R: the register of what is under the cursor or open: a session's, or with
 * --organisation on the sessions the organisation's. */
static void open_register(struct browse *b)
{
	char err[512], scope[1024];
	const char *session = NULL;
	const struct browse_pager *p = &b->session_pager;
	if (b->level == BROWSE_SESSIONS && b->organisation) {
		snprintf(scope, sizeof scope, "%s", b->organisation);
	} else if (b->level == BROWSE_SESSIONS) {
		if (p->sel >= p->n)
			return;
		const struct store_browse_session *s = &b->sessions[p->sel];
		session = s->id;
		snprintf(scope, sizeof scope, "%s %s%s%s", s->day, s->organisation ? s->organisation : "",
			s->organisation ? ": " : "", s->title ? s->title : "");
	} else if (b->level == BROWSE_SEARCH) {
		if (b->hit_list.sel >= b->hit_list.n)
			return;
		const struct store_search_match *h = &b->hits[b->hit_list.sel];
		session = h->session;
		snprintf(scope, sizeof scope, "%s %s%s%s", h->day, h->organisation ? h->organisation : "",
			h->organisation ? ": " : "", h->title ? h->title : "");
	} else {
		session = b->session_id;
		snprintf(scope, sizeof scope, "%s", b->session_title ? b->session_title : "");
	}
	if (browse_register_open(b, session, scope, err, sizeof err))
		browse_failed(b, err);
}

static void level_handle(struct browse *b, enum browse_action action)
{
	bool taken = b->level == BROWSE_SESSIONS ? browse_sessions_handle(b, action)
		: b->level == BROWSE_ITEMS ? browse_items_handle(b, action)
		: b->level == BROWSE_ENTRIES ? browse_entries_handle(b, action)
		: b->level == BROWSE_REGISTER ? browse_register_handle(b, action) : browse_search_handle(b, action);
	if (taken)
		return;
	switch (action) {
	case BACT_REGISTER: open_register(b); break;
	case BACT_SET_STATUS:
		if (b->level == BROWSE_REGISTER && b->rec_list.sel < b->rec_list.n)
			open_prompt(b, BROWSE_PROMPT_STATUS);
		break;
	case BACT_BACK:
	case BACT_CANCEL: level_back(b); break;
	case BACT_SEARCH: open_prompt(b, BROWSE_PROMPT_SEARCH); break;
	case BACT_FILTER: open_prompt(b, BROWSE_PROMPT_FILTER); break;
	case BACT_CLEAR:
		b->query[0] = 0;
		if (b->level == BROWSE_SEARCH)
			b->level = b->search_from;
		apply_filter(b, "");
		view_set_status(&b->view, false, "filter and search cleared");
		break;
	default: break;
	}
}

/* One key: only here does anything happen (then the screen is drawn again). */
static void browse_key(struct browse_screen *s, int key, bool is_key)
{
	struct browse *b = &s->b;
	if (is_key && key == KEY_RESIZE) {
		browse_layout(s);
		reload_level(b);
		return;
	}
	enum browse_action action = browse_action_of(key, is_key);
	wchar_t ch = !is_key && key >= ' ' && key != 127 ? (wchar_t)key : 0;
	if (s->small.visible) {
		b->quit = action == BACT_QUIT;
		return;
	}
	if (b->prompt != BROWSE_PROMPT_NONE) {
		prompt_key(b, action, ch);
		return;
	}
	if (action != BACT_NONE && action != BACT_REDRAW)
		b->view.status[0] = 0, b->view.status_error = false;
	if (action == BACT_QUIT) {
		b->quit = true;
	} else if (action == BACT_REDRAW) {
		clearok(curscr, TRUE);
	} else if (action == BACT_HELP) {
		b->help = !b->help;
		b->help_top = 0;
	} else if (b->help) {
		if (!browse_help_handle(b, action))
			b->help = false;
	} else {
		level_handle(b, action);
	}
}

/* ---- opening, the loop, the headless browser ---- */

static int browse_new(struct store *store, const struct browse_options *options, struct browse_screen **out,
	char *err, size_t errlen)
{
	struct browse_screen *s = calloc(1, sizeof *s);
	*out = s;
	if (!s || !(s->b.line = lineedit_new())) {
		free(s);
		*out = NULL;
		snprintf(err, errlen, "out of memory");
		return EX_OSERR;
	}
	s->b.store = store;
	s->b.organisation = options ? options->organisation : NULL;
	s->b.by = options && options->by ? options->by : "browse";
	s->b.clock = options && options->clock.now_ms ? options->clock : session_clock_system();
	s->small.ops = &small_view_ops;
	return 0;
}

static void browse_start(struct browse_screen *s, const struct browse_options *options)
{
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	wtimeout(stdscr, BROWSE_TIMEOUT_MS);
	theme_init(&s->b.view.theme, terminal_want_color(options && options->no_color), s->styled ? s->settings.styles : NULL);
	browse_layout(s);
	reload_level(&s->b);
	browse_draw(s);
}

static void browse_end(struct browse_screen *s)
{
	struct browse *b = &s->b;
	browse_register_free(b);
	free(b->register_scope);
	browse_search_free(b);
	browse_entries_free(b);
	browse_items_free(b);
	browse_sessions_free(b);
	if (s->virtual_screen.screen) {
		screendump_close(&s->virtual_screen);
	} else if (s->screen) {
		set_term(s->screen);
		endwin();
		delscreen(s->screen);
	}
	lineedit_free(b->line);
	free(s);
}

struct browse *browse_open_headless(struct store *store, const struct browse_options *options, int rows, int cols,
	char *err, size_t errlen)
{
	struct browse_screen *s;
	terminal_locale();
	if (browse_new(store, options, &s, err, errlen))
		return NULL;
	if (!screendump_open(&s->virtual_screen, rows, cols, err, errlen)) {
		browse_end(s);
		return NULL;
	}
	s->screen = s->virtual_screen.screen;
	browse_start(s, options);
	return &s->b;
}

static struct browse_screen *screen_of(struct browse *b)
{
	return (struct browse_screen *)(void *)b; /* b is the first member */
}

static void browse_select(struct browse *b)
{
	set_term(screen_of(b)->screen);
}

bool browse_feed(struct browse *b, const char *script)
{
	struct browse_screen *s = screen_of(b);
	browse_select(b);
	size_t len = strlen(script);
	for (size_t i = 0; i < len && !b->quit;) {
		int key;
		bool is_key;
		if (!keyscript_next(script, len, &i, NULL, &key, &is_key))
			return false;
		browse_key(s, key, is_key);
		browse_draw(s);
		doupdate();
	}
	return true;
}

void browse_resize(struct browse *b, int rows, int cols)
{
	struct browse_screen *s = screen_of(b);
	browse_select(b);
	resizeterm(rows, cols);
	browse_key(s, KEY_RESIZE, true);
	browse_draw(s);
	doupdate();
}

void browse_dump(struct browse *b, FILE *out)
{
	browse_select(b);
	screendump_write(out);
}

const char *browse_status(const struct browse *b)
{
	return b->view.status;
}

bool browse_quit_requested(const struct browse *b)
{
	return b->quit;
}

void browse_close(struct browse *b)
{
	if (b)
		browse_end(screen_of(b));
}

int browse_run(struct store *store, const struct browse_options *options, char *err, size_t errlen)
{
	struct terminal_signals saved;
	int rc = terminal_check(TERMINAL_FOR_BROWSER, err, errlen);
	if (rc)
		return rc;
	struct browse_screen *s;
	terminal_locale();
	if ((rc = browse_new(store, options, &s, err, errlen)))
		return rc;
	if ((rc = settings_load(NULL, &s->settings, err, errlen))) {
		browse_end(s);
		return rc;
	}
	s->styled = true;
	s->screen = newterm(NULL, stdout, stdin);
	if (!s->screen) {
		snprintf(err, errlen, "cannot start the browser on this terminal type");
		browse_end(s);
		return EX_UNAVAILABLE;
	}
	terminal_signals_catch(&saved);
	set_term(s->screen);
	browse_start(s, options);
	screen_start_batched();
	doupdate();
	struct keyinput input = { 0 };
	while (!s->b.quit && !terminal_signal()) {
		int value = wgetch(stdscr); /* bytes, decoded by keyinput.h as the console does */
		if (terminal_signal())
			break;
		struct keyinput_out keys[2];
		int n = value == ERR ? keyinput_pause(&input, &keys[0]) : keyinput_feed(&input, value, keys);
		for (int i = 0; i < n && !s->b.quit; i++)
			browse_key(s, (int)keys[i].ch, keys[i].is_key);
		if (n > 0) {
			browse_draw(s);
			doupdate();
		}
	}
	int signo = terminal_signal();
	browse_end(s);
	terminal_signals_restore(&saved);
	if (signo) {
		snprintf(err, errlen, "stopped by signal %d", signo);
		return EX_TEMPFAIL;
	}
	return 0;
}
