/* agenda_view: see agenda_view.h. */
#include "tui/agenda_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/textwidth.h"

enum {
	AGENDA_TIME_W = 7, AGENDA_PLAN_W = 4, AGENDA_TOTALS_H = 3,
	AGENDA_TITLE_ROWS = 3, /* a wrapped title takes at most this many rows; the last ends with "…" */
};

/* Columns left for an item's title beside its marker, minutes and timer. */
static int title_width(int panel_w)
{
	return panel_w - 3 - AGENDA_PLAN_W - AGENDA_TIME_W;
}

/* The rows of an item's title wrapped at width, at most AGENDA_TITLE_ROWS; with starts
 * also where each row starts and how long it is, in the wide text. */
static int title_rows(const wchar_t *title, size_t n, int width, size_t *starts, size_t *lens)
{
	int rows = 0;
	size_t pos = 0;
	do {
		size_t next, len = tw_wrap(title + pos, n - pos, width, &next);
		if (starts) {
			starts[rows] = pos;
			lens[rows] = len;
		}
		rows++;
		pos += next;
	} while (pos < n && rows < AGENDA_TITLE_ROWS);
	return rows;
}

/* Rows of each title wrapped at the panel's title width, in all. */
static int wrapped_rows(const struct session *session, int panel_w)
{
	int total = 0;
	for (int i = 0; i < session->n_items; i++) {
		const char *title = session->items[i].def->title;
		size_t n;
		wchar_t *wide = tw_from_utf8(title, strlen(title), &n);
		total += wide ? title_rows(wide, n, title_width(panel_w), NULL, NULL) : 1;
		free(wide);
	}
	return total;
}

int agenda_view_rows(const struct session *session, int width)
{
	return 1 + wrapped_rows(session, width) + AGENDA_TOTALS_H;
}

/* Whether the panel shows every title whole (it has a row for each wrapped row). */
static bool wraps(const struct view *view, const struct view_state *state)
{
	return wrapped_rows(state->session, view->rect.w) <= view->rect.h - 1;
}

/* The rows item i takes: its wrapped title, or one. */
static int item_rows(const struct view *view, const struct view_state *state, int i, bool wrap)
{
	if (!wrap)
		return 1;
	const char *title = state->session->items[i].def->title;
	size_t n;
	wchar_t *wide = tw_from_utf8(title, strlen(title), &n);
	int rows = wide ? title_rows(wide, n, title_width(view->rect.w), NULL, NULL) : 1;
	free(wide);
	return rows;
}

/* Under the items when there is room: planned and spent in all, and when the evening
 * ends if every item from the current one on takes its planned time. */
static void draw_totals(const struct view *view, const struct view_state *state, int y)
{
	const struct session *session = state->session;
	struct view_rect r = view->rect;
	int64_t planned = 0, spent = 0, left = 0;
	char line[96], a[16], b[16];
	for (int i = 0; i < session->n_items; i++) {
		int64_t item_planned = (int64_t)session->items[i].planned_seconds * 1000;
		int64_t elapsed = session_item_elapsed_ms(session, i, state->now_ms);
		planned += item_planned;
		spent += elapsed;
		if (i >= session->current_item && item_planned > elapsed)
			left += item_planned - elapsed;
	}
	attr_t muted = theme_attr(&state->theme, THEME_MUTED);
	/* One format for both: "planned 2:10:00, spent 02:11" read as two hours spent. */
	void (*format)(char *, size_t, int64_t) = planned >= 3600000 || spent >= 3600000 ? view_duration_hours : view_duration;
	format(a, sizeof a, planned);
	format(b, sizeof b, spent);
	snprintf(line, sizeof line, "planned %s, spent %s", a, b);
	view_draw(y, r.x + 2, r.w - 2, line, muted);
	if (session->ended || y + 1 >= r.y + r.h)
		return;
	view_clock(a, sizeof a, state->now_ms + left, false);
	snprintf(line, sizeof line, "ends about %s if on plan", a);
	view_draw(y + 1, r.x + 2, r.w - 2, line, muted);
}

/* The first item shown: the list scrolls to keep the current (or selected) item in view. */
static int agenda_first(const struct view *view, const struct view_state *state)
{
	if (wraps(view, state))
		return 0; /* every title is on screen whole */
	int rows = view->rect.h - 1;
	int anchor = state->focus == FOCUS_AGENDA ? state->agenda_sel : state->session->current_item;
	return anchor >= rows ? anchor - rows + 1 : 0;
}

/* A title on its rows from y on, wrapped at width; the last row takes the rest of the
 * title, ending with "…" when it is still too long. */
static void draw_wrapped_title(int y, int x, int width, const char *title, attr_t attr)
{
	size_t n, starts[AGENDA_TITLE_ROWS], lens[AGENDA_TITLE_ROWS];
	wchar_t *wide = tw_from_utf8(title, strlen(title), &n);
	if (!wide)
		return;
	int rows = title_rows(wide, n, width, starts, lens);
	for (int k = 0; k < rows - 1; k++)
		view_draw_wide(y + k, x, width, wide + starts[k], lens[k], attr);
	char *rest = tw_to_utf8(wide + starts[rows - 1], n - starts[rows - 1], NULL);
	if (rest)
		view_draw_fit(y + rows - 1, x, width, rest, attr);
	free(rest);
	free(wide);
}

static void agenda_draw(const struct view *view, const struct view_state *state)
{
	const struct session *session = state->session;
	struct view_rect r = view->rect;
	bool focused = state->focus == FOCUS_AGENDA;
	char title[64];
	snprintf(title, sizeof title, " Agenda %d/%d ", session->current_item + 1, session->n_items);
	view_title(r, state, title, focused);
	int rows = r.h - 1;
	int first = agenda_first(view, state);
	bool wrap = wraps(view, state);
	int y = r.y + 1;
	for (int i = first; i < session->n_items && y < r.y + 1 + rows; i++) {
		const struct session_item *item = &session->items[i];
		int height = item_rows(view, state, i, wrap);
		bool current = i == session->current_item;
		int64_t elapsed = session_item_elapsed_ms(session, i, state->now_ms);
		char plan[16], spent[16];
		enum tui_role role = current ? THEME_CURRENT : THEME_NORMAL;
		enum tui_role time_role = THEME_MUTED;
		if (current) {
			view_timer_text(spent, sizeof spent, item->planned_seconds, elapsed);
			time_role = view_timer_role(item->planned_seconds, elapsed);
		} else if (elapsed > 0) {
			view_duration(spent, sizeof spent, elapsed);
		} else {
			snprintf(spent, sizeof spent, "-");
		}
		snprintf(plan, sizeof plan, "%d'", (item->planned_seconds + 59) / 60);
		if (focused && i == state->agenda_sel) {
			role = THEME_SELECTED;
			for (int k = 0; k < height; k++)
				view_fill(y + k, r.x, r.w, theme_attr(&state->theme, role));
		}
		view_draw(y, r.x, 2, current ? "\xe2\x96\xb6" : " ", theme_attr(&state->theme, role));
		if (height > 1)
			draw_wrapped_title(y, r.x + 2, title_width(r.w), item->def->title, theme_attr(&state->theme, role));
		else
			view_draw_fit(y, r.x + 2, title_width(r.w), item->def->title, theme_attr(&state->theme, role));
		view_draw_right(y, r.x + r.w - AGENDA_TIME_W - AGENDA_PLAN_W - 1, AGENDA_PLAN_W, plan,
			theme_attr(&state->theme, role == THEME_SELECTED ? role : THEME_MUTED));
		view_draw_right(y, r.x + r.w - AGENDA_TIME_W, AGENDA_TIME_W, spent,
			theme_attr(&state->theme, time_role));
		y += height;
	}
	int below = y + 1;
	if (below + 1 < r.y + r.h)
		draw_totals(view, state, below);
}

static unsigned agenda_handle(struct view *view, struct view_state *state, enum tui_action action, wchar_t ch)
{
	(void)view;
	(void)ch;
	if (state->focus != FOCUS_AGENDA)
		return 0;
	int n = state->session->n_items;
	switch (action) {
	case ACT_UP:
		state->agenda_sel = state->agenda_sel > 0 ? state->agenda_sel - 1 : 0;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_DOWN:
		state->agenda_sel = state->agenda_sel + 1 < n ? state->agenda_sel + 1 : n - 1;
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_SEND:
		state->focus = FOCUS_LINE;
		return VIEW_REDRAW | view_send(state, "/item %s", state->session->items[state->agenda_sel].def->id);
	default:
		return 0;
	}
}

static unsigned agenda_pick(struct view *view, struct view_state *state, int y, int x)
{
	bool wrap = wraps(view, state);
	int item = agenda_first(view, state), row = view->rect.y + 1;
	(void)x;
	while (item < state->session->n_items && row + item_rows(view, state, item, wrap) <= y)
		row += item_rows(view, state, item++, wrap);
	if (y == view->rect.y || item >= state->session->n_items)
		return 0;
	state->focus = FOCUS_AGENDA;
	state->agenda_sel = item;
	return VIEW_HANDLED | VIEW_REDRAW;
}

const struct view_ops agenda_view_ops = {
	.name = "agenda",
	.draw = agenda_draw,
	.handle = agenda_handle,
	.pick = agenda_pick,
};
