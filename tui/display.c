/* display: see display.h. The loop, the keys and following the session; the screen is
 * tui/display_view.c's. */
#include "tui/display.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <curses.h>

#include "tui/action.h"
#include "tui/display_view.h"
#include "tui/keyscript.h"
#include "tui/result_view.h"
#include "tui/screendump.h"
#include "tui/screen_start.h"
#include "tui/terminal.h"
#include "tui/textwidth.h"
#include "tui/view.h"

enum {
	DISPLAY_TIMEOUT_MS = 250,
	DISPLAY_REFRESH_MS = 500,   /* the consoles' writes show within a second */
	DISPLAY_MESSAGE_MS = 3000,  /* how long a message stays in the footer */
	DISPLAY_KEYS_MAX = 4,
};

/* X(ENUM, short name for the footer, help text, keys ... (0: none)). The one table of
 * the display's keys: the lookup, the list `?` shows and the footer come from it. */
#define DISPLAY_ACTIONS(X) \
	X(DACT_QUIT,    "quit",    "leave the display; the session goes on", 'q', 'Q', KEY_F(10), TUI_CTRL('C')) \
	X(DACT_HELP,    "keys",    "show or close this list of keys", '?', KEY_F(1), 0, 0) \
	X(DACT_BIGGER,  "bigger",  "bigger text: big letters where they fit", '+', '=', 0, 0) \
	X(DACT_SMALLER, "smaller", "smaller text, down to plain text", '-', '_', 0, 0) \
	X(DACT_MONO,    "mono",    "monochrome on or off (bold and reverse, no colours)", 'm', 'M', 0, 0) \
	X(DACT_REDRAW,  NULL,      "redraw the screen", TUI_CTRL('L'), 0, 0, 0)

#define DISPLAY_ACTION_ENUM(name, hint, help, k1, k2, k3, k4) name,
enum display_action { DACT_NONE = -1, DISPLAY_ACTIONS(DISPLAY_ACTION_ENUM) DACT_COUNT };
#undef DISPLAY_ACTION_ENUM

static const struct {
	const char *hint, *help;
	int keys[DISPLAY_KEYS_MAX];
} actions[DACT_COUNT] = {
#define DISPLAY_ACTION_ROW(name, hint, help, k1, k2, k3, k4) [name] = {hint, help, {k1, k2, k3, k4}},
	DISPLAY_ACTIONS(DISPLAY_ACTION_ROW)
#undef DISPLAY_ACTION_ROW
};

struct display {
	struct view_state state;    /* session, theme, the clock, the result that shows; room set */
	SCREEN *screen;
	struct screendump_screen virtual_screen; /* headless: the screen it draws on */
	bool headless, quit, help, mono;
	int size;                   /* the text size asked for (display_view.h) */
	int refresh_ms, last_open_vote;
	int64_t last_refresh_ms, last_second, message_until_ms;
	char message[SESSION_MESSAGE_MAX];
	char keys[DACT_COUNT][64];  /* each action's keys, as the list of keys shows them */
	struct display_help_row help_rows[DACT_COUNT];
	char hint[256];             /* the footer without a message */
};

static enum display_action action_of(int key)
{
	for (int a = 0; a < DACT_COUNT; a++)
		for (int k = 0; k < DISPLAY_KEYS_MAX; k++)
			if (actions[a].keys[k] && actions[a].keys[k] == key)
				return (enum display_action)a;
	return DACT_NONE;
}

/* "q", "F10", "Ctrl-C": a character as itself, other keys by tui/action.h's names. */
static void display_key_name(int key, char *buf, size_t size)
{
	if (key > ' ' && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else
		action_key_name(key, buf, size);
}

/* The list of keys and the footer's hint, from the table. */
static void build_key_texts(struct display *d)
{
	size_t hint_len = 0;
	for (int a = 0; a < DACT_COUNT; a++) {
		size_t len = 0;
		for (int k = 0; k < DISPLAY_KEYS_MAX && actions[a].keys[k]; k++) {
			char name[32];
			display_key_name(actions[a].keys[k], name, sizeof name);
			len += (size_t)snprintf(d->keys[a] + len, len < sizeof d->keys[a] ? sizeof d->keys[a] - len : 0,
				"%s%s", k ? " " : "", name);
		}
		d->help_rows[a] = (struct display_help_row){d->keys[a], actions[a].help};
		if (actions[a].hint) {
			char first[32];
			display_key_name(actions[a].keys[0], first, sizeof first);
			hint_len += (size_t)snprintf(d->hint + hint_len, hint_len < sizeof d->hint ? sizeof d->hint - hint_len : 0,
				"%s%s %s", hint_len ? "  " : "", first, actions[a].hint);
		}
	}
}

static void display_message(struct display *d, const char *text)
{
	snprintf(d->message, sizeof d->message, "%s", text);
	d->message_until_ms = d->state.now_ms + DISPLAY_MESSAGE_MS;
}

static void display_draw(struct display *d)
{
	bool message = d->message[0] && d->state.now_ms < d->message_until_ms;
	const char *footer = d->state.session->ended ? "" : message ? d->message : d->hint;
	struct display_screen screen = {
		.size = d->size, .ended = d->state.session->ended,
		.help = d->help ? d->help_rows : NULL, .n_help = DACT_COUNT, .footer = footer,
	};
	curs_set(0);
	display_view_draw(&d->state, &screen);
	wnoutrefresh(stdscr);
}

/* A projector washes out dim and dark colours: what the console dims (muted notes, the
 * rules between panels) is plain white here, in colour and in monochrome. */
static void display_theme(struct display *d)
{
	struct theme_style styles[THEME_COUNT] = {0};
	const enum tui_role plain[] = {THEME_MUTED, THEME_BORDER};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		styles[plain[i]] = (struct theme_style){.fg_set = true, .fg = COLOR_WHITE, .attr_set = true,
			.attr = A_NORMAL, .mono_set = true, .mono = A_NORMAL};
	theme_init(&d->state.theme, !d->mono, styles);
}

static void display_select(const struct display *d)
{
	if (d->screen)
		set_term(d->screen);
}

static void set_size(struct display *d, int size)
{
	char text[96];
	d->size = size < 0 ? 0 : size > DISPLAY_SIZE_MAX ? DISPLAY_SIZE_MAX : size;
	if (d->size == 0)
		snprintf(text, sizeof text, "text size 0 of %d: plain text", DISPLAY_SIZE_MAX);
	else
		snprintf(text, sizeof text, "text size %d of %d: big letters where they fit", d->size, DISPLAY_SIZE_MAX);
	display_message(d, text);
}

/* One key. After the session ended any key leaves; the list of keys closes on any key. */
static void display_key(struct display *d, int key)
{
	if (key == KEY_RESIZE) {
		display_draw(d);
		return;
	}
	enum display_action action = action_of(key);
	if (d->state.session->ended || action == DACT_QUIT) {
		d->quit = true;
		return;
	}
	if (d->help) {
		d->help = false;
		display_draw(d);
		return;
	}
	switch (action) {
	case DACT_HELP:
		d->help = true;
		break;
	case DACT_BIGGER:
		set_size(d, d->size + 1);
		break;
	case DACT_SMALLER:
		set_size(d, d->size - 1);
		break;
	case DACT_MONO:
		d->mono = !d->mono;
		display_theme(d);
		display_message(d, d->mono || !d->state.theme.color ? "monochrome" : "colour");
		break;
	case DACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		display_message(d, "this screen takes no input; ? lists its keys");
		break;
	}
	display_draw(d);
}

void display_tick(struct display *d)
{
	display_select(d);
	struct session *session = d->state.session;
	int64_t now = session->clock.now_ms(session->clock.ctx);
	bool redraw = false;
	d->state.now_ms = now;
	if (now - d->last_refresh_ms >= d->refresh_ms || now < d->last_refresh_ms) {
		bool changed = false;
		char err[SESSION_MESSAGE_MAX];
		d->last_refresh_ms = now;
		if (session_refresh(session, &changed, err, sizeof err) != 0) {
			display_message(d, err);
			redraw = true;
		}
		if (changed) {
			result_view_follow(&d->state, &d->last_open_vote);
			redraw = true;
		}
	}
	if (now / 1000 != d->last_second) {
		d->last_second = now / 1000;
		redraw = true;
	}
	if (redraw)
		display_draw(d);
}

static struct display *display_new(struct session *session, const struct display_options *options)
{
	struct display *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->state.session = session;
	d->state.room = true;
	d->state.result_vote = -1;
	d->state.log_sel = -1;
	d->last_open_vote = session->open_vote;
	d->size = DISPLAY_SIZE_DEFAULT;
	d->mono = !terminal_want_color(options && options->mono);
	d->refresh_ms = options && options->refresh_ms > 0 ? options->refresh_ms : DISPLAY_REFRESH_MS;
	keymap_defaults(&d->state.keymap);
	build_key_texts(d);
	return d;
}

/* Curses settings shared by the terminal and the virtual screen, then the first frame. */
static void display_start(struct display *d)
{
	raw(); /* Ctrl-C arrives as a key; signals from outside set terminal_signal() */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	wtimeout(stdscr, DISPLAY_TIMEOUT_MS);
	display_theme(d);
	int64_t now = d->state.session->clock.now_ms(d->state.session->clock.ctx);
	d->state.now_ms = d->last_refresh_ms = now;
	d->last_second = now / 1000;
	display_draw(d);
}

static void display_end(struct display *d)
{
	if (d->headless) {
		screendump_close(&d->virtual_screen);
	} else if (d->screen) {
		endwin();
		delscreen(d->screen);
	}
	free(d);
}

void display_close(struct display *d)
{
	if (d)
		display_end(d);
}

struct display *display_open_headless(struct session *session, const struct display_options *options,
	int rows, int cols, char *err, size_t errlen)
{
	terminal_locale();
	struct display *d = display_new(session, options);
	if (!d) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	d->headless = true;
	if (!screendump_open(&d->virtual_screen, rows, cols, err, errlen)) {
		display_end(d);
		return NULL;
	}
	d->screen = d->virtual_screen.screen;
	display_start(d);
	return d;
}

bool display_feed(struct display *d, const char *script)
{
	display_select(d);
	size_t len = strlen(script);
	for (size_t i = 0; i < len && !d->quit;) {
		int key;
		bool is_key;
		if (!keyscript_next(script, len, &i, NULL, &key, &is_key))
			return false;
		display_key(d, key);
		doupdate();
	}
	return true;
}

void display_resize(struct display *d, int rows, int cols)
{
	display_select(d);
	resizeterm(rows, cols);
	display_key(d, KEY_RESIZE);
	doupdate();
}

void display_dump(struct display *d, FILE *out)
{
	display_select(d);
	screendump_write(out);
}

bool display_quit_requested(const struct display *d)
{
	return d->quit;
}

int display_run(struct session *session, const struct display_options *options, char *err, size_t errlen)
{
	struct terminal_signals saved;
	int rc = terminal_check(TERMINAL_FOR_DISPLAY, err, errlen);
	if (rc)
		return rc;
	terminal_locale();
	struct display *d = display_new(session, options);
	if (!d) {
		snprintf(err, errlen, "out of memory");
		return EX_OSERR;
	}
	d->screen = newterm(NULL, stdout, stdin);
	if (!d->screen) {
		snprintf(err, errlen, "cannot start the display on terminal type \"%s\"", getenv("TERM"));
		display_end(d);
		return EX_UNAVAILABLE;
	}
	terminal_signals_catch(&saved);
	set_term(d->screen);
	display_start(d);
	screen_start_batched();
	doupdate();
	while (!d->quit && !terminal_signal()) {
		int key = wgetch(stdscr);
		if (terminal_signal())
			break;
		if (key != ERR)
			display_key(d, key);
		if (!d->quit)
			display_tick(d);
		doupdate();
	}
	int signo = terminal_signal();
	display_end(d);
	terminal_signals_restore(&saved);
	if (signo) {
		snprintf(err, errlen, "stopped by signal %d", signo);
		return EX_TEMPFAIL;
	}
	return 0;
}
