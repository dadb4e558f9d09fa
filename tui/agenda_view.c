/* agenda_view: see agenda_view.h. */
#include "tui/agenda_view.h"

#include <stdio.h>

enum { AGENDA_TIME_W = 7, AGENDA_PLAN_W = 4 };

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
	view_duration(a, sizeof a, planned);
	view_duration(b, sizeof b, spent);
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
	int rows = view->rect.h - 1;
	int anchor = state->focus == FOCUS_AGENDA ? state->agenda_sel : state->session->current_item;
	return anchor >= rows ? anchor - rows + 1 : 0;
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
	for (int i = first; i < session->n_items && i - first < rows; i++) {
		const struct session_item *item = &session->items[i];
		int y = r.y + 1 + i - first;
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
			view_fill(y, r.x, r.w, theme_attr(&state->theme, role));
		}
		view_draw(y, r.x, 2, current ? "\xe2\x96\xb6" : " ", theme_attr(&state->theme, role));
		view_draw_fit(y, r.x + 2, r.w - 3 - AGENDA_PLAN_W - AGENDA_TIME_W, item->def->title,
			theme_attr(&state->theme, role));
		view_draw_right(y, r.x + r.w - AGENDA_TIME_W - AGENDA_PLAN_W - 1, AGENDA_PLAN_W, plan,
			theme_attr(&state->theme, role == THEME_SELECTED ? role : THEME_MUTED));
		view_draw_right(y, r.x + r.w - AGENDA_TIME_W, AGENDA_TIME_W, spent,
			theme_attr(&state->theme, time_role));
	}
	int below = r.y + 1 + session->n_items - first + 1;
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
	int item = y - view->rect.y - 1 + agenda_first(view, state);
	(void)x;
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
