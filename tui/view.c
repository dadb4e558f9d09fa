/* view: see view.h. */
#include "tui/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sessions/errmsg.h"
#include "tui/textwidth.h"

unsigned view_send(struct view_state *state, const char *format, ...)
{
	va_list args;
	char *line = NULL;
	va_start(args, format);
	int n = vsnprintf(NULL, 0, format, args);
	va_end(args);
	if (n >= 0 && (line = malloc((size_t)n + 1))) {
		va_start(args, format);
		vsnprintf(line, (size_t)n + 1, format, args);
		va_end(args);
	}
	free(state->send);
	state->send = line;
	return line ? VIEW_SEND | VIEW_HANDLED : VIEW_HANDLED;
}

void view_set_status(struct view_state *state, bool error, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	int written = vsnprintf(state->status, sizeof state->status, format, args);
	va_end(args);
	errmsg_fit(state->status, sizeof state->status, written);
	state->status_error = error;
}

/* A row of cells made here and put with one mvadd_wchnstr: the cells waddnwstr would
 * make, without its checks of every character (what reaches here is visible text,
 * tw_visible, cut to the panel), which cost more than the rest of a redraw's drawing. */
enum { ROW_CELLS = 128 };
struct cell_row {
	WINDOW *win;             /* stdscr, or a pad the log keeps an entry in */
	int y, x;                /* where cell[0] goes */
	int n;                   /* cells made, not yet put */
	int cols;                /* their columns */
	int last_width;          /* of cell[n - 1] */
	cchar_t cell[ROW_CELLS];
};

static void row_put(struct cell_row *row)
{
	if (row->n > 0)
		mvwadd_wchnstr(row->win, row->y, row->x, row->cell, row->n);
	row->x += row->cols;
	row->n = 0;
	row->cols = 0;
}

/* A character of no width joins the cell before it, as waddnwstr does: the last cell
 * made when it is one column wide, else (the cell is on the screen already, or a wide
 * character's, whose second column waddnwstr gives it to) through waddnwstr itself. */
static void row_join(struct cell_row *row, wchar_t c, attr_t attr, short pair)
{
	if (row->n > 0 && row->last_width == 1) {
		wchar_t chars[CCHARW_MAX + 1] = {0};
		attr_t a;
		short p;
		cchar_t *prev = &row->cell[row->n - 1];
		getcchar(prev, chars, &a, &p, NULL);
		size_t k = wcslen(chars);
		if (k < CCHARW_MAX) {
			chars[k] = c;
			setcchar(prev, chars, a, p, NULL);
		}
		return;
	}
	row_put(row);
	wattr_set(row->win, attr, pair, NULL);
	mvwaddnwstr(row->win, row->y, row->x, &c, 1);
	wattr_set(row->win, A_NORMAL, 0, NULL);
}

/* Whether text[0, n) has a character tw_visible() would change (a control or bidi
 * character typed or pasted into the capture line): a cell would send it to the terminal
 * as it is, so view_draw_wide() draws such a text from a visible copy. */
static bool has_invisible(const wchar_t *text, size_t n)
{
	for (size_t i = 0; i < n && text[i] != L'\n'; i++)
		if ((text[i] < 0x20 || text[i] >= 0x7f) && tw_visible(text[i]) != text[i])
			return true;
	return false;
}

/* Adds text[0, n), visible (tw_visible), in attr up to its first newline, in at most
 * *width columns (less by what it used); stops before the first character that does not
 * fit, as tw_cut. */
static void row_add(struct cell_row *row, const wchar_t *text, size_t n, attr_t attr, int *width)
{
	short pair = (short)PAIR_NUMBER(attr);
	attr &= ~A_COLOR;
	cchar_t look; /* a blank in attr: each cell is a copy with its character put in */
	if (setcchar(&look, L" ", attr, pair, NULL) != OK)
		return;
	for (size_t i = 0; i < n && text[i] != L'\n'; i++) {
		int w = tw_char_width(text[i]);
		if (w > *width)
			return;
		if (w == 0) {
			row_join(row, text[i], attr, pair);
			continue;
		}
		if (row->n == ROW_CELLS)
			row_put(row);
		row->cell[row->n] = look;
		row->cell[row->n++].chars[0] = text[i]; /* ncursesw's cchar_t (curses.h) */
		row->cols += w;
		row->last_width = w;
		*width -= w;
	}
}

/* view_draw_wide() of text made visible (tw_from_utf8). */
static int draw_visible(int y, int x, int width, const wchar_t *text, size_t n, attr_t attr)
{
	struct cell_row row = { .win = stdscr, .y = y, .x = x };
	int left = width;
	if (width <= 0)
		return 0;
	row_add(&row, text, n, attr, &left);
	row_put(&row);
	return width - left;
}

int view_draw_wide(int y, int x, int width, const wchar_t *text, size_t n, attr_t attr)
{
	if (!has_invisible(text, n))
		return draw_visible(y, x, width, text, n, attr);
	wchar_t *visible = malloc((n ? n : 1) * sizeof *visible);
	if (!visible)
		return 0;
	for (size_t i = 0; i < n; i++)
		visible[i] = tw_visible(text[i]); /* a line break stays one */
	int used = draw_visible(y, x, width, visible, n, attr);
	free(visible);
	return used;
}

int view_draw(int y, int x, int width, const char *text, attr_t attr)
{
	size_t n;
	wchar_t *wide = tw_from_utf8(text, strlen(text), &n);
	int used = wide ? draw_visible(y, x, width, wide, n, attr) : 0;
	free(wide);
	return used;
}

int view_draw_fit(int y, int x, int width, const char *text, attr_t attr)
{
	size_t n;
	wchar_t *wide = tw_from_utf8(text, strlen(text), &n);
	if (!wide || width <= 0) {
		free(wide);
		return 0;
	}
	int used;
	if (tw_width(wide, n) <= width) {
		used = draw_visible(y, x, width, wide, n, attr);
	} else {
		static const wchar_t ellipsis = 0x2026;
		size_t fit = tw_cut(wide, n, width - 1, NULL);
		while (fit > 0 && wide[fit - 1] == L' ')
			fit--;
		used = draw_visible(y, x, width - 1, wide, fit, attr);
		used += draw_visible(y, x + used, 1, &ellipsis, 1, attr);
	}
	free(wide);
	return used;
}

void view_draw_right(int y, int x, int width, const char *text, attr_t attr)
{
	size_t n;
	wchar_t *wide = tw_from_utf8(text, strlen(text), &n);
	if (!wide)
		return;
	int w = tw_width(wide, n);
	if (w > width) {
		size_t skip = tw_skip(wide, n, w - width);
		draw_visible(y, x + width - tw_width(wide + skip, n - skip), width, wide + skip, n - skip, attr);
	} else {
		draw_visible(y, x + width - w, width, wide, n, attr);
	}
	free(wide);
}

static void fill_in(WINDOW *win, int y, int x, int width, attr_t attr)
{
	cchar_t blank;
	if (width <= 0 || setcchar(&blank, L" ", attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL) != OK)
		return;
	mvwhline_set(win, y, x, &blank, width); /* one call for the row, not a character at a time */
}

void view_fill(int y, int x, int width, attr_t attr)
{
	fill_in(stdscr, y, x, width, attr);
}

void view_bar(int y, int x, int len, attr_t attr)
{
	static const wchar_t block = 0x2588; /* FULL BLOCK */
	for (int i = 0; i < len; i++)
		draw_visible(y, x + i, 1, &block, 1, attr);
}

void view_clear(struct view_rect rect)
{
	for (int r = 0; r < rect.h; r++)
		view_fill(rect.y + r, rect.x, rect.w, A_NORMAL);
}

void view_title(struct view_rect rect, const struct view_state *state, const char *title, bool focused)
{
	attr_t border = theme_attr(&state->theme, THEME_BORDER);
	attr_set(border, PAIR_NUMBER(border), NULL);
	mvhline_set(rect.y, rect.x, WACS_HLINE, rect.w);
	attr_set(A_NORMAL, 0, NULL);
	enum tui_role role = focused ? THEME_SELECTED : THEME_TITLE;
	view_draw_fit(rect.y, rect.x + 1, rect.w - 2, title, theme_attr(&state->theme, role));
}

void view_title_room(struct view_rect rect, const struct view_state *state, const char *title, bool focused,
	int room)
{
	struct view_rect r = rect;
	view_title(r, state, "", focused);
	r.w = rect.w - room;
	if (r.w > 2) {
		enum tui_role role = focused ? THEME_SELECTED : THEME_TITLE;
		view_draw_fit(r.y, r.x + 1, r.w - 2, title, theme_attr(&state->theme, role));
	}
}

static bool styled_reserve(struct view_styled *styled, size_t need)
{
	if (need <= styled->cap)
		return true;
	size_t cap = styled->cap ? styled->cap * 2 : 128;
	while (cap < need)
		cap *= 2;
	wchar_t *text = realloc(styled->text, cap * sizeof *text);
	if (!text)
		return false;
	styled->text = text;
	unsigned char *roles = realloc(styled->roles, cap);
	if (!roles)
		return false;
	styled->roles = roles;
	styled->cap = cap;
	return true;
}

/* Appends n wide characters made visible by tw_from_utf8(). */
static void styled_add_wide(struct view_styled *styled, const wchar_t *wide, size_t n, enum tui_role role)
{
	if (styled_reserve(styled, styled->n + n + 1)) {
		wmemcpy(styled->text + styled->n, wide, n);
		memset(styled->roles + styled->n, role, n);
		styled->n += n;
		styled->text[styled->n] = 0;
	}
}

void view_styled_add(struct view_styled *styled, const char *utf8, enum tui_role role)
{
	size_t n;
	wchar_t *wide = tw_from_utf8(utf8, strlen(utf8), &n);
	if (wide)
		styled_add_wide(styled, wide, n, role);
	free(wide);
}

void view_styled_add_row(struct view_styled *styled, const char *name, int name_w, enum tui_role name_role,
	const char *text, enum tui_role text_role, int width)
{
	char lead[128];
	snprintf(lead, sizeof lead, "  %-*s", name_w, name);
	view_styled_add(styled, lead, name_role);
	size_t n_lead, n;
	wchar_t *wide_lead = tw_from_utf8(lead, strlen(lead), &n_lead);
	wchar_t *wide = tw_from_utf8(text, strlen(text), &n);
	int indent = wide_lead ? tw_width(wide_lead, n_lead) + 1 : 0, room = width - indent;
	free(wide_lead);
	if (!wide || room < VIEW_ROW_TEXT_MIN) { /* too narrow for a column: the text wraps to the edge */
		view_styled_add(styled, " ", text_role);
		view_styled_add(styled, text, text_role);
		view_styled_add(styled, "\n", text_role);
		free(wide);
		return;
	}
	static const wchar_t spaces[] = L"                                                                ";
	size_t pos = 0;
	do {
		size_t next, len = tw_wrap(wide + pos, n - pos, room, &next);
		if (pos == 0)
			styled_add_wide(styled, L" ", 1, text_role);
		else
			for (int left = indent; left > 0; left -= 64)
				styled_add_wide(styled, spaces, (size_t)(left < 64 ? left : 64), THEME_NORMAL);
		styled_add_wide(styled, wide + pos, len, text_role);
		styled_add_wide(styled, L"\n", 1, text_role);
		pos += next;
	} while (pos < n);
	free(wide);
}

void view_styled_reset(struct view_styled *styled)
{
	styled->n = 0;
}

void view_styled_free(struct view_styled *styled)
{
	free(styled->text);
	free(styled->roles);
	memset(styled, 0, sizeof *styled);
}

int view_styled_lines(const struct view_styled *styled, int width)
{
	return tw_wrap_count(styled->text, styled->n, width);
}

/* Draws text[from, to) (one wrapped line, which fits in width) in runs of one role,
 * on a row filled with the override's look when there is one. A styled text is visible
 * (view_styled_add makes it with tw_from_utf8), so its cells are made here directly. */
static void draw_line(WINDOW *win, const struct view_styled *styled, const struct view_state *state, int y,
	int x, int width, size_t from, size_t to, enum tui_role override)
{
	struct cell_row row = { .win = win, .y = y, .x = x };
	if (override != THEME_NORMAL)
		fill_in(win, y, x, width, theme_attr(&state->theme, override));
	while (from < to && width > 0) {
		size_t end = from + 1;
		while (end < to && (override != THEME_NORMAL || styled->roles[end] == styled->roles[from]))
			end++;
		enum tui_role role = override != THEME_NORMAL ? override : (enum tui_role)styled->roles[from];
		row_add(&row, styled->text + from, end - from, theme_attr(&state->theme, role), &width);
		from = end;
	}
	row_put(&row);
}

int view_styled_draw(const struct view_styled *styled, const struct view_state *state, int y, int x,
	int width, int skip, int max_rows, enum tui_role override)
{
	size_t pos = 0;
	int line = 0, drawn = 0;
	if (styled->n == 0)
		return 0;
	while (pos < styled->n && drawn < max_rows) {
		size_t next;
		size_t len = tw_wrap(styled->text + pos, styled->n - pos, width, &next);
		if (line >= skip)
			draw_line(stdscr, styled, state, y + drawn++, x, width, pos, pos + len, override);
		line++;
		pos += next;
	}
	return drawn;
}

bool view_wrap_make(struct view_wrap *wrap, const struct view_styled *styled, int width)
{
	size_t pos = 0;
	wrap->n = 0;
	do {
		size_t next;
		size_t len = tw_wrap(styled->text + pos, styled->n - pos, width, &next);
		if (wrap->n == wrap->cap) {
			int cap = wrap->cap ? wrap->cap * 2 : 4;
			size_t *start = realloc(wrap->start, (size_t)cap * sizeof *start);
			if (start)
				wrap->start = start;
			size_t *lens = start ? realloc(wrap->len, (size_t)cap * sizeof *lens) : NULL;
			if (!lens) {
				wrap->n = 0;
				return false;
			}
			wrap->len = lens;
			wrap->cap = cap;
		}
		wrap->start[wrap->n] = pos;
		wrap->len[wrap->n++] = len;
		pos += next;
	} while (pos < styled->n);
	return true;
}

void view_wrap_free(struct view_wrap *wrap)
{
	free(wrap->start);
	free(wrap->len);
	memset(wrap, 0, sizeof *wrap);
}

int view_styled_draw_wrapped(const struct view_styled *styled, const struct view_wrap *wrap,
	const struct view_state *state, int y, int x, int width, int skip, int max_rows, enum tui_role override)
{
	int drawn = 0;
	if (styled->n == 0)
		return 0;
	for (int line = skip < 0 ? 0 : skip; line < wrap->n && drawn < max_rows; line++)
		draw_line(stdscr, styled, state, y + drawn++, x, width, wrap->start[line],
			wrap->start[line] + wrap->len[line], override);
	return drawn;
}

WINDOW *view_styled_pad(const struct view_styled *styled, const struct view_wrap *wrap,
	const struct view_state *state, int width, enum tui_role override)
{
	WINDOW *pad = styled->n > 0 && wrap->n > 0 && width > 0 ? newpad(wrap->n, width) : NULL;
	for (int line = 0; pad && line < wrap->n; line++)
		draw_line(pad, styled, state, line, 0, width, wrap->start[line], wrap->start[line] + wrap->len[line],
			override);
	return pad;
}

WINDOW *view_area(WINDOW *area, struct view_rect rect)
{
	if (area && getbegy(area) == rect.y && getbegx(area) == rect.x && getmaxy(area) == rect.h
		&& getmaxx(area) == rect.w)
		return area;
	view_area_free(area);
	return rect.h > 0 && rect.w > 0 ? derwin(stdscr, rect.h, rect.w, rect.y, rect.x) : NULL;
}

void view_pad_put(WINDOW *area, WINDOW *pad, int skip, int row, int rows)
{
	if (area && pad && rows > 0)
		copywin(pad, area, skip, 0, row, 0, row + rows - 1, getmaxx(area) - 1, FALSE);
}

void view_area_sync(WINDOW *area)
{
	if (area)
		wsyncup(area); /* stdscr's rows changed where the area's did, and only there */
}

void view_area_free(WINDOW *area)
{
	if (area)
		delwin(area); /* (this marks all of stdscr changed: once a layout, not once a frame) */
}void view_duration(char *buf, size_t size, int64_t ms)
{
	int64_t s = (ms < 0 ? -ms : ms) / 1000;
	if (s >= 3600)
		view_duration_hours(buf, size, ms);
	else
		snprintf(buf, size, "%02d:%02d", (int)(s / 60), (int)(s % 60));
}

void view_duration_hours(char *buf, size_t size, int64_t ms)
{
	int64_t s = (ms < 0 ? -ms : ms) / 1000;
	snprintf(buf, size, "%d:%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
}

void view_clock(char *buf, size_t size, int64_t ms, bool seconds)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	if (!localtime_r(&t, &tm)) {
		snprintf(buf, size, "--:--");
		return;
	}
	strftime(buf, size, seconds ? "%H:%M:%S" : "%H:%M", &tm);
}

enum tui_role view_timer_role(int planned_seconds, int64_t elapsed_ms)
{
	int64_t planned_ms = (int64_t)planned_seconds * 1000;
	int64_t left = planned_ms - elapsed_ms;
	if (left < 0)
		return THEME_TIMER_RED;
	if (left * 5 <= planned_ms)
		return THEME_TIMER_AMBER;
	return THEME_TIMER_OK;
}

void view_timer_text(char *buf, size_t size, int planned_seconds, int64_t elapsed_ms)
{
	int64_t left = (int64_t)planned_seconds * 1000 - elapsed_ms;
	char d[16];
	if (left < 0) {
		view_duration(d, sizeof d, -left);
		snprintf(buf, size, "+%s", d);
	} else {
		/* count down in whole seconds, rounding up, so 0:00 is shown only at the end */
		view_duration(d, sizeof d, (left + 999) / 1000 * 1000);
		snprintf(buf, size, "%s", d);
	}
}
