/* vote_view: see vote_view.h. */
#include "tui/vote_view.h"

#include <stdio.h>
#include <string.h>

#include "out/result_text.h"
#include "sessions/vote_state.h"

enum { VOTE_ROWS_MAX = 24, VOTE_COUNT_W = 5 };

/* Rows of results: labels and the number each shows. */
struct vote_rows {
	char label[VOTE_ROWS_MAX][96];
	long value[VOTE_ROWS_MAX];
	int n;
	char note[192];             /* a line under the bars: median, outcome, or why nothing shows */
};

/* The same labels as the result (out/result_text.h): "2 Taalcafé", "3 partly", "block". */
static void option_labels(const struct agenda_vote *def, struct vote_rows *rows)
{
	memset(rows, 0, sizeof *rows);
	int n = def->type == VOTE_CONSENT ? CONSENT_COUNT : def->type == VOTE_SCALE ? def->max - def->min + 1
		: def->n_options;
	for (; rows->n < n && rows->n < VOTE_ROWS_MAX; rows->n++)
		result_text_label(def, rows->n, rows->label[rows->n], sizeof rows->label[0]);
}

/* Fills the values from session_vote_tally(): the one place votes are counted. */
static void vote_counts(const struct session *session, const struct session_vote *vote, struct vote_rows *rows)
{
	const struct agenda_vote *def = vote->def;
	struct tally_result result;
	char err[128];
	if (def->anonymous && !vote->counts) {
		snprintf(rows->note, sizeof rows->note, "no counts yet: type = n1 n2 ...");
		return;
	}
	bool ok = session_vote_tally(session, vote, &result, err, sizeof err);
	if (!ok) {
		snprintf(rows->note, sizeof rows->note, "cannot count: %s", err);
		return;
	}
	const long *values = def->type == VOTE_SCALE ? result.distribution
		: def->type == VOTE_CONSENT ? result.positions : result.counts;
	for (int i = 0; i < rows->n && values; i++)
		rows->value[i] = values[i];
	if (def->type == VOTE_SCALE)
		snprintf(rows->note, sizeof rows->note, "n %ld  median %.1f  mean %.1f", result.voters, result.median, result.mean);
	else if (def->type == VOTE_CONSENT)
		snprintf(rows->note, sizeof rows->note, "%s", tally_outcome_name(result.outcome));
	else if (def->type == VOTE_RANK)
		snprintf(rows->note, sizeof rows->note, "first preferences");
	tally_free(&result);
}

static bool eligible(const struct session_vote *vote, const struct session_participant *p)
{
	return vote_state_may_vote(vote, p->role);
}

/* "voted: E01 E02  waiting: E03" */
static void voters_text(const struct session *session, const struct session_vote *vote, struct view_styled *text)
{
	for (int pass = 0; pass < 2; pass++) {
		view_styled_add(text, pass ? "  waiting:" : "voted:", pass ? THEME_NOT_SPOKEN : THEME_TIMER_OK);
		for (int i = 0; i < session->n_participants; i++) {
			const struct session_participant *p = &session->participants[i];
			if (!eligible(vote, p) || vote_state_has_ballot(vote, i) != !pass)
				continue;
			view_styled_add(text, " ", THEME_NORMAL);
			view_styled_add(text, p->id, THEME_NORMAL);
		}
	}
}

static void draw_voters(const struct view_state *state, const struct session_vote *vote, int y, int x, int w, int rows)
{
	struct view_styled text = {0};
	voters_text(state->session, vote, &text);
	view_styled_draw(&text, state, y, x, w, 0, rows, THEME_NORMAL);
	view_styled_free(&text);
}

static void vote_draw(const struct view *view, const struct view_state *state)
{
	const struct session *session = state->session;
	struct view_rect r = view->rect;
	if (session->open_vote < 0)
		return;
	const struct session_vote *vote = &session->votes[session->open_vote];
	const struct agenda_vote *def = vote->def;
	struct vote_rows rows;
	char title[512], count[32];
	int eligible_n = 0;
	for (int i = 0; i < session->n_participants; i++)
		eligible_n += eligible(vote, &session->participants[i]);
	snprintf(title, sizeof title, " Vote (%s%s): %s ", vote_type_name(def->type), def->anonymous ? ", show of hands" : "",
		def->question);
	view_title(r, state, title, false);
	option_labels(def, &rows);
	vote_counts(session, vote, &rows);
	bool hidden = !vote_state_results_visible(vote);
	long max = 1;
	for (int i = 0; i < rows.n; i++) {
		max = rows.value[i] > max ? rows.value[i] : max;
	}
	if (!def->anonymous) {
		snprintf(count, sizeof count, " %d/%d voted ", vote->n_ballots, eligible_n);
		view_draw_right(r.y, r.x, r.w - 1, count, theme_attr(&state->theme, THEME_TITLE));
	}
	int bar_w = r.w / 4 < 8 ? 8 : r.w / 4 > 30 ? 30 : r.w / 4;
	int label_w = r.w - bar_w - VOTE_COUNT_W - 1;
	int avail = r.h - 1 - (def->anonymous ? 0 : 1); /* a row for who voted */
	int y = r.y + 1;
	for (int i = 0; i < rows.n && y < r.y + 1 + avail; i++, y++) {
		view_draw(y, r.x + 1, label_w - 2, rows.label[i], theme_attr(&state->theme, THEME_NORMAL));
		if (hidden)
			continue;
		view_bar(y, r.x + label_w, (int)(rows.value[i] * bar_w / max), theme_attr(&state->theme, THEME_BAR));
		snprintf(count, sizeof count, "%ld", rows.value[i]);
		view_draw_right(y, r.x + label_w + bar_w, VOTE_COUNT_W, count, theme_attr(&state->theme, THEME_NORMAL));
	}
	if (hidden)
		snprintf(rows.note, sizeof rows.note, "results hidden until the vote closes");
	if (rows.note[0] && y < r.y + 1 + avail)
		view_draw(y++, r.x + 3, r.w - 4, rows.note, theme_attr(&state->theme, THEME_MUTED));
	if (!def->anonymous && y < r.y + r.h)
		draw_voters(state, vote, y, r.x + 1, r.w - 2, r.y + r.h - y);
}

const struct view_ops vote_view_ops = {
	.name = "vote",
	.draw = vote_draw,
};

int vote_view_rows(const struct session *session, int width)
{
	if (session->open_vote < 0)
		return 0;
	const struct session_vote *vote = &session->votes[session->open_vote];
	struct vote_rows rows;
	struct view_styled text = {0};
	option_labels(vote->def, &rows);
	vote_counts(session, vote, &rows);
	bool note = rows.note[0] || !vote_state_results_visible(vote);
	int voters = 0;
	if (!vote->def->anonymous) {
		voters_text(session, vote, &text);
		voters = view_styled_lines(&text, width - 2);
		view_styled_free(&text);
	}
	return 1 + rows.n + (note ? 1 : 0) + voters;
}
