/* header_view: see header_view.h. */
#include "tui/header_view.h"

#include <stdio.h>
#include <string.h>

#include "tui/unsaved.h"

static void header_draw(const struct view *view, const struct view_state *state)
{
	const struct session *session = state->session;
	const struct agenda_session *info = &session->agenda->session;
	struct view_rect r = view->rect;
	attr_t header = theme_attr(&state->theme, THEME_HEADER);
	char clock[16], since[16], right[160], left[1024], consoles[96] = "";

	view_fill(r.y, r.x, r.w, header);
	view_clock(clock, sizeof clock, state->now_ms, true);
	int64_t end = session->ended ? session->ended_ms : state->now_ms;
	view_duration(since, sizeof since, end - session->started_ms);
	/* Once a second console joined (or this one does not lead): who this is, who leads. */
	if (session->n_consoles > 1 || !session_leads(session)) {
		if (session_leads(session))
			snprintf(consoles, sizeof consoles, " %s leads \xc2\xb7", session->console);
		else
			snprintf(consoles, sizeof consoles, " %s \xc2\xb7 lead: %s \xc2\xb7", session->console, session->leader);
	}
	snprintf(right, sizeof right, "%s %s  %s %s ", consoles, clock, session->ended ? "ended after" : "since start",
		since);
	int right_w = (int)strlen(right);
	snprintf(left, sizeof left, "%s%s%s", info->title, info->organisation ? " \xc2\xb7 " : "",
		info->organisation ? info->organisation : "");
	char unsaved[48] = "";
	if (state->unsaved && state->unsaved->n > 0) /* lines the database could not take yet: where everyone looks */
		snprintf(unsaved, sizeof unsaved, " %d NOT SAVED ", state->unsaved->n);
	int unsaved_w = (int)strlen(unsaved);
	view_draw_fit(r.y, r.x + 1, r.w - right_w - unsaved_w - 2, left, header);
	if (unsaved_w > 0)
		view_draw(r.y, r.x + r.w - right_w - unsaved_w - 1, unsaved_w, unsaved,
			theme_attr(&state->theme, THEME_TIMER_RED));
	view_draw_right(r.y, r.x, r.w, right, header);
}

const struct view_ops header_view_ops = {
	.name = "header",
	.draw = header_draw,
};
