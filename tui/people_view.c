/* people_view: see people_view.h. */
#include "tui/people_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sessions/vote_state.h"
#include "tui/textwidth.h"

enum { PEOPLE_GAP = 1, PEOPLE_STATS_W = 7 }; /* " 3  12m" */

/* Voted on the open vote: the check mark beside the id. */
static bool has_voted(const struct session *session, int participant)
{
	return session->open_vote >= 0 && vote_state_has_ballot(&session->votes[session->open_vote], participant);
}

static void since_text(char *buf, size_t size, int64_t last_ms, int64_t now_ms)
{
	int64_t minutes = (now_ms - last_ms) / 60000;
	if (last_ms <= 0)
		snprintf(buf, size, "-");
	else if (minutes < 60)
		snprintf(buf, size, "%dm", (int)(minutes < 0 ? 0 : minutes));
	else
		snprintf(buf, size, "%dh", (int)(minutes / 60));
}

static int count_not_spoken(const struct session *session)
{
	int n = 0;
	for (int i = 0; i < session->n_participants; i++)
		if (session->participants[i].role == ROLE_EXPERT
			&& !session_participant_spoke_on(session, i, session->current_item))
			n++;
	return n;
}

static void draw_entry(const struct view_state *state, int index, int y, int x, int w, int id_w)
{
	const struct session *session = state->session;
	const struct session_participant *p = &session->participants[index];
	bool expert = p->role == ROLE_EXPERT;
	bool selected = state->focus == FOCUS_PEOPLE && index == state->people_sel;
	bool spoke = session_participant_spoke_on(session, index, session->current_item);
	enum tui_role base = selected ? THEME_SELECTED : expert ? THEME_NORMAL : THEME_MUTED;
	char stats[32], since[16];
	if (selected)
		view_fill(y, x, w, theme_attr(&state->theme, base));
	if (has_voted(session, index))
		view_draw(y, x, 1, "\xe2\x9c\x93", theme_attr(&state->theme, selected ? base : THEME_TIMER_OK));
	else if (expert && !spoke)
		view_draw(y, x, 1, "\xe2\x80\xa2", theme_attr(&state->theme, selected ? base : THEME_NOT_SPOKEN));
	view_draw(y, x + 1, id_w, p->id, theme_attr(&state->theme, !selected && expert && !spoke ? THEME_NOT_SPOKEN : base));
	int name_w = w - 1 - id_w - 1 - PEOPLE_STATS_W;
	if (name_w >= 4 && (p->name || !expert))
		view_draw_fit(y, x + 2 + id_w, name_w, p->name ? p->name : participant_role_name(p->role),
			theme_attr(&state->theme, selected ? base : THEME_MUTED));
	since_text(since, sizeof since, p->last_spoke_ms, state->now_ms);
	snprintf(stats, sizeof stats, "%2d %3s", p->n_contributions, since);
	view_draw_right(y, x, w, stats, theme_attr(&state->theme, base));
}

/* Columns the list needs to fit rows rows, and the width of an id. */
static void people_grid(const struct view *view, const struct view_state *state, int *columns, int *col_w, int *id_w)
{
	const struct session *session = state->session;
	int rows = view->rect.h - 1 > 0 ? view->rect.h - 1 : 1;
	*id_w = 2;
	for (int i = 0; i < session->n_participants; i++) {
		size_t n = strlen(session->participants[i].id);
		if ((int)n > *id_w)
			*id_w = (int)n;
	}
	if (*id_w > 8)
		*id_w = 8;
	*columns = (session->n_participants + rows - 1) / rows;
	if (*columns < 1)
		*columns = 1;
	*col_w = (view->rect.w - PEOPLE_GAP * (*columns - 1)) / *columns;
}

static void people_draw(const struct view *view, const struct view_state *state)
{
	const struct session *session = state->session;
	struct view_rect r = view->rect;
	char title[96];
	int columns, col_w, id_w;
	/* the long title where it fits, a short one where it does not: never cut mid-word */
	int quiet = count_not_spoken(session);
	snprintf(title, sizeof title, " People %d \xc2\xb7 \xe2\x80\xa2%d not yet spoken ", session->n_participants, quiet);
	if ((int)strlen(title) - 3 > r.w - 2)
		snprintf(title, sizeof title, " People %d \xc2\xb7 \xe2\x80\xa2%d silent ", session->n_participants, quiet);
	if ((int)strlen(title) - 3 > r.w - 2)
		snprintf(title, sizeof title, " %d \xc2\xb7 \xe2\x80\xa2%d ", session->n_participants, quiet);
	view_title(r, state, title, state->focus == FOCUS_PEOPLE);
	people_grid(view, state, &columns, &col_w, &id_w);
	int rows = r.h - 1;
	for (int i = 0; i < session->n_participants; i++) {
		int col = i / rows;
		if (col >= columns)
			break;
		draw_entry(state, i, r.y + 1 + i % rows, r.x + col * (col_w + PEOPLE_GAP), col_w, id_w);
	}
}

/* Puts "ID: " (and first, when not 0) on the capture line and moves the focus there. */
static unsigned start_line(struct view_state *state, const char *id, wchar_t first)
{
	wchar_t *text = tw_from_utf8(id, strlen(id), NULL);
	if (text) {
		lineedit_set(state->line, text, wcslen(text));
		lineedit_insert(state->line, L": ", 2);
		if (first)
			lineedit_insert(state->line, &first, 1);
	}
	free(text);
	state->focus = FOCUS_LINE;
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned people_handle(struct view *view, struct view_state *state, enum tui_action action, wchar_t ch)
{
	const struct session *session = state->session;
	int n = session->n_participants;
	int rows = view->rect.h - 1 > 0 ? view->rect.h - 1 : 1;
	if (state->focus != FOCUS_PEOPLE || n == 0)
		return 0;
	int step = action == ACT_UP ? -1 : action == ACT_DOWN ? 1 : action == ACT_LEFT ? -rows
		: action == ACT_RIGHT ? rows : 0;
	if (step) {
		int sel = state->people_sel + step;
		state->people_sel = sel < 0 ? 0 : sel >= n ? n - 1 : sel;
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	const char *id = session->participants[state->people_sel].id;
	if (action == ACT_SEND)
		return start_line(state, id, 0);
	if (action == ACT_NONE && ch >= L'0' && ch <= L'9' && session->open_vote >= 0) {
		const struct agenda_vote *vote = session->votes[session->open_vote].def;
		bool one_digit = vote->type == VOTE_SINGLE || (vote->type == VOTE_SCALE && vote->min >= 0 && vote->max <= 9);
		if (one_digit) /* one digit is the whole ballot */
			return VIEW_REDRAW | view_send(state, "%s: %c", id, (char)ch);
		/* multi, dots, rank, a wide scale: finished on the capture line */
		view_set_status(state, false, "add the other numbers; Enter records the ballot");
		return start_line(state, id, ch);
	}
	return 0;
}

static unsigned people_pick(struct view *view, struct view_state *state, int y, int x)
{
	int columns, col_w, id_w;
	int rows = view->rect.h - 1;
	people_grid(view, state, &columns, &col_w, &id_w);
	int index = (x - view->rect.x) / (col_w + PEOPLE_GAP) * rows + (y - view->rect.y - 1);
	if (y == view->rect.y || index >= state->session->n_participants)
		return 0;
	state->focus = FOCUS_PEOPLE;
	state->people_sel = index;
	return VIEW_HANDLED | VIEW_REDRAW;
}

const struct view_ops people_view_ops = {
	.name = "participants",
	.draw = people_draw,
	.handle = people_handle,
	.pick = people_pick,
};
