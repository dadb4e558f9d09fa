/* display_view: see display_view.h. */
#include "tui/display_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/bigtext.h"
#include "tui/result_view.h"
#include "tui/textwidth.h"
#include "tui/vote_view.h"

enum {
	MARGIN = 1,           /* columns left and right of the text */
	CLOCK_GAP = 2,        /* columns between the item's text and the clock beside it */
	RECS_SHARE = 3,       /* the recommendations keep up to a third of the body before big text */
	ITEM_SHARE = 3,       /* the item keeps at least a third of the body before the vote */
	HELP_KEYS_W = 18,
	PANEL_MAX_W = 100,    /* a vote's labels and bars stay together on a wide screen */
};

/* A piece of text in big letters at `scale`, or plain (scale 0) wrapped in its width. */
struct block {
	wchar_t *text;
	size_t n;
	int scale, lines, h;
};

/* The item's part of the screen in one shape: title and prompts on the left, the clock
 * beside them (side) or under them. */
struct item_shape {
	struct block title, prompt, clock;
	int text_w, clock_w, gap, h;
	bool side;
};

/* The biggest scale up to max that text fits in width in big letters; 0: plain. */
static void block_fit(struct block *b, int width, int max)
{
	b->scale = 0;
	for (int s = max; s >= 1 && b->n; s--)
		if ((b->lines = bigtext_lines(b->text, b->n, width, s)) > 0) {
			b->scale = s;
			b->h = bigtext_height(b->lines, s);
			return;
		}
	b->lines = b->n ? tw_wrap_count(b->text, b->n, width) : 0;
	b->h = b->lines;
}

/* Big letters have no underline and no reverse: the ink itself is the letter. */
static attr_t ink_attr(attr_t attr)
{
	return attr & ~(attr_t)(A_REVERSE | A_UNDERLINE);
}

/* Draws a block from row y, at most max_rows rows; returns the rows used. */
static int block_draw(const struct block *b, int y, int x, int width, int max_rows, attr_t attr)
{
	size_t pos = 0;
	int used = 0;
	size_t per_line = b->scale ? (size_t)bigtext_per_line(width, b->scale) : 0; /* a line holds no more */
	wchar_t *row = b->scale ? malloc(((size_t)bigtext_line_width(per_line, b->scale) + 1) * sizeof *row) : NULL;
	if (b->scale && !row)
		return 0;
	while (pos < b->n && used < max_rows) {
		size_t next;
		if (b->scale) {
			size_t len = bigtext_wrap(b->text + pos, b->n - pos, width, b->scale, &next);
			len = len < per_line ? len : per_line;
			for (int r = 0; r < bigtext_height(1, b->scale) && used < max_rows; r++, used++) {
				size_t w = bigtext_row(b->text + pos, len, b->scale, r, row);
				view_draw_wide(y + used, x, width, row, w, ink_attr(attr));
			}
		} else {
			size_t len = tw_wrap(b->text + pos, b->n - pos, width, &next);
			view_draw_wide(y + used++, x, width, b->text + pos, len, attr);
		}
		pos += next;
	}
	free(row);
	return used;
}

static void block_set(struct block *b, const char *utf8)
{
	b->text = tw_from_utf8(utf8, strlen(utf8), &b->n);
	if (!b->text)
		b->n = 0;
}

/* The clock's text ("25:00", "+01:30") and its role, by the console's rule. */
static enum tui_role clock_text(const struct view_state *state, char *buf, size_t size)
{
	const struct session *s = state->session;
	const struct session_item *item = &s->items[s->current_item];
	int64_t elapsed = session_item_elapsed_ms(s, s->current_item, state->now_ms);
	view_timer_text(buf, size, item->planned_seconds, elapsed);
	return view_timer_role(item->planned_seconds, elapsed);
}

/* What the room reads under the clock: its state in words too, for monochrome. */
static void clock_label(const struct view_state *state, char *buf, size_t size)
{
	const struct session *s = state->session;
	const struct session_item *item = &s->items[s->current_item];
	int minutes = (item->planned_seconds + 59) / 60;
	switch (view_timer_role(item->planned_seconds, session_item_elapsed_ms(s, s->current_item, state->now_ms))) {
	case THEME_TIMER_RED:
		snprintf(buf, size, "over time (%d min planned)", minutes);
		break;
	case THEME_TIMER_AMBER:
		snprintf(buf, size, "nearly over (%d min planned)", minutes);
		break;
	default:
		snprintf(buf, size, "time left of %d min", minutes);
		break;
	}
}

/* The shape with the title up to scale t, the prompts up to p (and below the title's)
 * and the clock at scale c, the clock beside the text unless stacked or the text would
 * get less than half the width; false when the clock does not fit the width at that scale. */
static bool item_shape(const struct view_state *state, int cols, int t, int p, int c, bool stacked,
	struct item_shape *sh)
{
	char clock[32], label[64];
	clock_text(state, clock, sizeof clock);
	clock_label(state, label, sizeof label);
	block_fit(&sh->clock, cols - 2 * MARGIN, c);
	if (sh->clock.scale != c)
		return false;
	int label_w = (int)strlen(label);
	sh->clock_w = c ? bigtext_line_width(sh->clock.n, c) : tw_width(sh->clock.text, sh->clock.n) + 1 + label_w;
	if (c && label_w > sh->clock_w)
		sh->clock_w = label_w;
	int clock_h = c ? sh->clock.h + 1 : 1;
	sh->side = !stacked && cols - sh->clock_w - 2 * MARGIN - CLOCK_GAP >= cols / 2;
	sh->text_w = sh->side ? cols - sh->clock_w - 2 * MARGIN - CLOCK_GAP : cols - 2 * MARGIN;
	block_fit(&sh->title, sh->text_w, t);
	int below = sh->title.scale > 0 ? sh->title.scale - 1 : 0;
	block_fit(&sh->prompt, sh->text_w, p < below ? p : below);
	sh->gap = sh->prompt.n && sh->prompt.scale == 0 ? 1 : 0;
	int text_h = sh->title.h + sh->gap + sh->prompt.h;
	sh->h = sh->side ? (text_h > clock_h ? text_h : clock_h) : text_h + 1 + clock_h;
	return true;
}

static void item_shape_init(const struct view_state *state, struct item_shape *sh)
{
	const struct agenda_item *def = state->session->items[state->session->current_item].def;
	char clock[32];
	memset(sh, 0, sizeof *sh);
	block_set(&sh->title, def->title);
	size_t len = 0;
	for (int i = 0; i < def->n_prompts; i++)
		len += strlen(def->prompts[i]) + 1;
	char *prompts = calloc(len + 1, 1);
	for (int i = 0; prompts && i < def->n_prompts; i++) {
		strcat(prompts, def->prompts[i]);
		if (i + 1 < def->n_prompts)
			strcat(prompts, "\n");
	}
	block_set(&sh->prompt, prompts ? prompts : "");
	free(prompts);
	clock_text(state, clock, sizeof clock);
	block_set(&sh->clock, clock);
}

static void item_shape_free(struct item_shape *sh)
{
	free(sh->title.text);
	free(sh->prompt.text);
	free(sh->clock.text);
}

/* How good a shape is for the room: a big clock first, then the most big text, the
 * bigger title, clock and prompts, and the lower shape. */
static long shape_score(const struct item_shape *sh)
{
	int sum = sh->title.scale + sh->prompt.scale + sh->clock.scale;
	return ((((long)(sh->clock.scale > 0) * 64 + sum) * 8 + sh->title.scale) * 8 + sh->clock.scale) * 8 * 1024
		+ (long)sh->prompt.scale * 1024 + (1023 - (sh->h < 1023 ? sh->h : 1023));
}

/* The best shape no higher than rows with text sizes up to size; the plainest when none is. */
static void item_choose(const struct view_state *state, int cols, int size, int rows, struct item_shape *sh)
{
	long best = -1;
	int best_t = 0, best_p = 0, best_c = 0;
	bool best_stacked = false;
	for (int t = 0; t <= size; t++)
		for (int p = 0; p < (t > 1 ? t : 1); p++)
			for (int c = 0; c <= size; c++)
				for (int stacked = 0; stacked < 2; stacked++)
					if (item_shape(state, cols, t, p, c, stacked, sh) && sh->h <= rows && shape_score(sh) > best) {
						best = shape_score(sh);
						best_t = t;
						best_p = p;
						best_c = c;
						best_stacked = stacked;
					}
	item_shape(state, cols, best_t, best_p, best_c, best_stacked, sh);
}

static void item_draw(const struct view_state *state, const struct item_shape *sh, int y, int rows, int cols)
{
	char label[64];
	int x = MARGIN, end = y + rows;
	attr_t title = theme_attr(&state->theme, THEME_CURRENT) | A_BOLD;
	attr_t prompt = theme_attr(&state->theme, THEME_NORMAL) | A_BOLD;
	char clock[32];
	attr_t timer = theme_attr(&state->theme, clock_text(state, clock, sizeof clock)) | A_BOLD;
	/* under the text, the clock keeps its rows when the item is cut: the prompts give way */
	int clock_h = sh->clock.scale ? sh->clock.h + 1 : 1;
	int text_end = sh->side ? end : end - clock_h;
	if (text_end < y + 1)
		text_end = y + 1 < end ? y + 1 : end;
	int ty = y + block_draw(&sh->title, y, x, sh->text_w, text_end - y, title);
	ty += ty < text_end ? sh->gap : 0;
	ty += block_draw(&sh->prompt, ty, x, sh->text_w, text_end - ty, prompt);
	int cy = sh->side ? y : ty + 1 + clock_h <= end ? ty + 1 : ty;
	int cx = sh->side ? cols - MARGIN - sh->clock_w : x;
	clock_label(state, label, sizeof label);
	if (cy >= end)
		return;
	if (sh->clock.scale) {
		cy += block_draw(&sh->clock, cy, cx, sh->clock_w, end - cy, timer);
		if (cy < end)
			view_draw(cy, cx, sh->clock_w, label, timer);
	} else {
		int w = view_draw_wide(cy, cx, cols - cx - MARGIN, sh->clock.text, sh->clock.n, timer);
		view_draw(cy, cx + w + 1, cols - cx - w - 1 - MARGIN, label, timer);
	}
}

/* Recommendation i as the console's list (F9) shows it: its number, then its text. */
static void rec_text(const struct session *s, int i, struct view_styled *text)
{
	char number[16];
	snprintf(number, sizeof number, "%d ", i + 1);
	view_styled_reset(text);
	view_styled_add(text, number, THEME_KEY);
	view_styled_add(text, s->recommendations[i].text, THEME_NORMAL);
}

/* Rows the recommendations on the current item want (a title, then each wrapped);
 * *first gets the first one of them that, with the newer ones, fits in `room` rows after
 * the title (one row goes to a line saying how many earlier ones are left out). */
static int recs_rows(const struct session *s, int width, int room, int *first, int *count)
{
	struct view_styled text = {0};
	int rows = 0, newest = -1;
	*count = 0;
	*first = -1;
	for (int i = s->n_recommendations - 1; i >= 0; i--) {
		if (s->recommendations[i].item != s->current_item)
			continue;
		newest = newest < 0 ? i : newest;
		rec_text(s, i, &text);
		rows += view_styled_lines(&text, width);
		(*count)++;
		if (rows <= room - 1)
			*first = i;
	}
	view_styled_free(&text);
	if (rows <= room || *first < 0) /* all of them, or the newest (cut) when not even it fits */
		*first = rows <= room ? 0 : newest;
	return *count ? rows + 1 : 0;
}

/* Draws them in rows rows from y; when they do not all fit, the newest are kept and a
 * line says how many earlier ones are not shown. */
static void recs_draw(const struct view_state *state, int y, int rows, int cols)
{
	const struct session *s = state->session;
	struct view_styled text = {0};
	int width = cols - 2 * MARGIN, first, count, end = y + rows;
	recs_rows(s, width, rows - 1, &first, &count);
	if (rows < 2 || !count)
		return;
	char line[64];
	snprintf(line, sizeof line, " Recommendations on this item (%d) ", count);
	view_title((struct view_rect){y++, 0, 1, cols}, state, line, false);
	int earlier = 0;
	for (int i = 0; i < first; i++)
		earlier += s->recommendations[i].item == s->current_item;
	if (earlier) {
		snprintf(line, sizeof line, "\xe2\x80\xa6 %d earlier", earlier);
		view_draw(y++, MARGIN, width, line, theme_attr(&state->theme, THEME_MUTED));
	}
	for (int i = first; i < s->n_recommendations && y < end; i++) {
		if (s->recommendations[i].item != s->current_item)
			continue;
		rec_text(s, i, &text);
		y += view_styled_draw(&text, state, y, MARGIN, width, 0, end - y, THEME_NORMAL);
	}
	view_styled_free(&text);
}

static void header_draw(const struct view_state *state, int cols)
{
	const struct session *s = state->session;
	attr_t header = theme_attr(&state->theme, THEME_HEADER);
	char clock[16], right[64];
	view_fill(0, 0, cols, header);
	view_clock(clock, sizeof clock, state->now_ms, false);
	if (s->ended)
		snprintf(right, sizeof right, " %s ", clock);
	else
		snprintf(right, sizeof right, " item %d of %d  %s ", s->current_item + 1, s->n_items, clock);
	int right_w = (int)strlen(right);
	view_draw_fit(0, MARGIN, cols - right_w - MARGIN - 1, s->agenda->session.title, header);
	view_draw_right(0, 0, cols, right, header);
}

/* Centred text on row y: in big letters at the biggest scale up to max that fits one line
 * in rows rows, else plain. Returns its height; draw false only measures. */
static int centred(int y, int cols, int rows, const char *utf8, int max, attr_t attr, bool draw)
{
	struct block b = {0};
	block_set(&b, utf8);
	block_fit(&b, cols - 2 * MARGIN, max);
	while (b.scale && (b.lines > 1 || b.h > rows))
		block_fit(&b, cols - 2 * MARGIN, b.scale - 1);
	int w = b.scale ? bigtext_line_width(b.n, b.scale) : tw_width(b.text, b.n);
	int x = w < cols ? (cols - w) / 2 : 0;
	if (draw)
		block_draw(&b, y, x, cols - x, rows, attr);
	free(b.text);
	return b.scale ? b.h : 1;
}

static void ended_draw(const struct view_state *state, int rows, int cols, int size)
{
	int body = rows - 2;
	int max = size > 0 ? size : 1;
	int h = centred(0, cols, body - 2, "session ended", max, A_NORMAL, false);
	int y = 1 + (body - h - 2) / 2;
	y = y < 1 ? 1 : y;
	centred(y, cols, body - 2, "session ended", max, theme_attr(&state->theme, THEME_TITLE) | A_BOLD, true);
	centred(y + h + 1, cols, 1, "session ended \xc2\xb7 thank you \xc2\xb7 any key leaves", 0,
		theme_attr(&state->theme, THEME_NORMAL) | A_BOLD, true);
}

static void help_draw(const struct view_state *state, const struct display_screen *screen, int rows, int cols)
{
	view_title((struct view_rect){1, 0, 1, cols}, state, " Keys of the room display (any key closes this list) ", true);
	for (int i = 0; i < screen->n_help && 2 + i < rows - 1; i++) {
		view_draw(2 + i, MARGIN, HELP_KEYS_W, screen->help[i].keys, theme_attr(&state->theme, THEME_KEY));
		view_draw(2 + i, MARGIN + HELP_KEYS_W + 1, cols - HELP_KEYS_W - 1 - 2 * MARGIN, screen->help[i].help,
			theme_attr(&state->theme, THEME_NORMAL));
	}
}

static void small_draw(const struct view_state *state, int rows, int cols)
{
	char now[48];
	snprintf(now, sizeof now, "need %dx%d, now %dx%d", DISPLAY_MIN_COLS, DISPLAY_MIN_ROWS, cols, rows);
	const char *lines[] = {"terminal too small", now};
	for (int i = 0; i < 2 && i < rows; i++) {
		int len = (int)strlen(lines[i]);
		int y = rows / 2 - 1 + i;
		view_draw(y < 0 ? i : y, len < cols ? (cols - len) / 2 : 0, cols, lines[i],
			theme_attr(&state->theme, i ? THEME_NORMAL : THEME_ERROR));
	}
}

/* The panel under the item: the open vote, or the result that shows. */
static const struct view_ops *panel_of(const struct view_state *state, int cols, int *want)
{
	*want = vote_view_rows(state, cols);
	if (*want)
		return &vote_view_ops;
	*want = result_view_rows(state, cols);
	return *want ? &result_view_ops : NULL;
}

static void body_draw(const struct view_state *state, int size, int rows, int cols)
{
	int body_y = 1, body_h = rows - 2;
	struct item_shape plain, sh;
	int panel_want, first, n_recs;
	int panel_w = cols / 2 > PANEL_MAX_W ? cols / 2 : cols < PANEL_MAX_W ? cols : PANEL_MAX_W;
	const struct view_ops *panel = panel_of(state, panel_w, &panel_want);
	int recs_want = recs_rows(state->session, cols - 2 * MARGIN, body_h, &first, &n_recs);
	item_shape_init(state, &plain);
	item_shape(state, cols, 0, 0, 0, false, &plain);
	/* the vote gets its rows first, leaving the item at least a third of the body */
	int item_min = plain.h < body_h / ITEM_SHARE ? plain.h : body_h / ITEM_SHARE;
	int panel_h = panel_want < body_h - item_min ? panel_want : body_h - item_min;
	panel_h = panel_h < 0 ? 0 : panel_h;
	int recs_keep = recs_want < body_h / RECS_SHARE ? recs_want : body_h / RECS_SHARE;
	sh = plain;
	item_choose(state, cols, size, body_h - panel_h - recs_keep, &sh);
	int item_h = sh.h < body_h - panel_h ? sh.h : body_h - panel_h;
	int recs_h = body_h - item_h - panel_h;
	recs_h = recs_h > recs_want ? recs_want : recs_h < 0 ? 0 : recs_h;
	int spare = body_h - item_h - panel_h - recs_h;
	int y = body_y;
	item_draw(state, &sh, y, item_h, cols);
	y += item_h + (spare > 0);
	if (panel && panel_h > 0) {
		struct view view = {.ops = panel, .rect = {y, 0, panel_h, panel_w}, .visible = true};
		panel->draw(&view, state);
		y += panel_h + (spare > 1);
	}
	recs_draw(state, y, recs_h, cols);
	item_shape_free(&plain);
}

void display_view_draw(const struct view_state *state, const struct display_screen *screen)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	erase();
	if (rows < DISPLAY_MIN_ROWS || cols < DISPLAY_MIN_COLS) {
		small_draw(state, rows, cols);
		return;
	}
	header_draw(state, cols);
	view_draw_fit(rows - 1, MARGIN, cols - 2 * MARGIN, screen->footer, theme_attr(&state->theme, THEME_MUTED));
	if (screen->help)
		help_draw(state, screen, rows, cols);
	else if (screen->ended || state->session->ended)
		ended_draw(state, rows, cols, screen->size);
	else if (state->session->current_item < 0)
		centred(rows / 2, cols, 1, "the session has not reached its first item yet", 0,
			theme_attr(&state->theme, THEME_NORMAL), true);
	else
		body_draw(state, screen->size, rows, cols);
}
