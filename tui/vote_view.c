/* vote_view: see vote_view.h. */
#include "tui/vote_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/result_text.h"
#include "sessions/vote_state.h"
#include "tui/textwidth.h"

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
	/* the words of the result panel (out/result_text.h), never an internal id */
	const char *empty = result_text_empty(def, &result);
	if (empty) {
		snprintf(rows->note, sizeof rows->note, "%s yet", empty);
	} else if (def->type == VOTE_SCALE || def->type == VOTE_CONSENT) {
		struct result_text outcome = {0};
		result_text_outcome(&outcome, def, &result);
		char *line = result_text_join(&outcome);
		snprintf(rows->note, sizeof rows->note, "%s%s", line ? line : "", def->type == VOTE_CONSENT ? " so far" : "");
		free(line);
		result_text_free(&outcome);
	} else if (def->type == VOTE_RANK) {
		snprintf(rows->note, sizeof rows->note, "first preferences");
	}
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

/* The panel's title; the question goes in it when it fits beside the count, else on rows
 * of its own (at most VOTE_QUESTION_ROWS): returns how many. */
enum { VOTE_QUESTION_ROWS = 3 };
static int vote_question_rows(const struct session *session, int width, char *title, size_t size)
{
	const struct session_vote *vote = &session->votes[session->open_vote];
	const struct agenda_vote *def = vote->def;
	snprintf(title, size, " Vote %s (%s%s): %s ", def->id, vote_type_name(def->type),
		def->anonymous ? ", show of hands" : "", def->question);
	struct view_styled text = {0};
	view_styled_add(&text, title, THEME_TITLE);
	int count_w = def->anonymous ? 0 : 16;
	bool fits = view_styled_lines(&text, width - 2 - count_w) == 1 && tw_width(text.text, text.n) <= width - 2 - count_w;
	view_styled_free(&text);
	if (fits)
		return 0;
	snprintf(title, size, " Vote %s (%s%s) ", def->id, vote_type_name(def->type), def->anonymous ? ", show of hands" : "");
	view_styled_add(&text, def->question, THEME_TITLE);
	int rows = view_styled_lines(&text, width - 2);
	view_styled_free(&text);
	return rows > VOTE_QUESTION_ROWS ? VOTE_QUESTION_ROWS : rows;
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
	int question_rows = vote_question_rows(session, r.w, title, sizeof title);
	option_labels(def, &rows);
	vote_counts(session, vote, &rows);
	bool hidden = !vote_state_results_visible(vote);
	long max = 1;
	for (int i = 0; i < rows.n; i++) {
		max = rows.value[i] > max ? rows.value[i] : max;
	}
	count[0] = 0;
	if (!def->anonymous)
		snprintf(count, sizeof count, " %d/%d voted ", vote->n_ballots, eligible_n);
	view_title_room(r, state, title, false, (int)strlen(count) + 1);
	if (count[0])
		view_draw_right(r.y, r.x, r.w - 1, count, theme_attr(&state->theme, THEME_TITLE));
	int bar_w = r.w / 4 < 8 ? 8 : r.w / 4 > 30 ? 30 : r.w / 4;
	int label_w = r.w - bar_w - VOTE_COUNT_W - 1;
	int y = r.y + 1;
	if (question_rows) {
		/* the question on its own rows, wrapped, as the result panel does */
		struct view_styled q = {0};
		view_styled_add(&q, def->question, THEME_TITLE);
		view_styled_draw(&q, state, y, r.x + 1, r.w - 2, 0, question_rows, THEME_NORMAL);
		view_styled_free(&q);
		y += question_rows;
	}
	int avail = r.h - 1 - question_rows - (def->anonymous || state->room ? 0 : 1); /* a row for who voted */
	int rows_end = y + avail;
	for (int i = 0; i < rows.n && y < rows_end; i++, y++) {
		view_draw_fit(y, r.x + 1, label_w - 2, rows.label[i], theme_attr(&state->theme, THEME_NORMAL));
		if (hidden)
			continue;
		view_bar(y, r.x + label_w, (int)(rows.value[i] * bar_w / max), theme_attr(&state->theme, THEME_BAR));
		snprintf(count, sizeof count, "%ld", rows.value[i]);
		view_draw_right(y, r.x + label_w + bar_w, VOTE_COUNT_W, count, theme_attr(&state->theme, THEME_NORMAL));
	}
	if (hidden)
		snprintf(rows.note, sizeof rows.note, "results hidden until the vote closes");
	if (rows.note[0] && y < rows_end)
		view_draw(y++, r.x + 3, r.w - 4, rows.note, theme_attr(&state->theme, THEME_MUTED));
	if (!def->anonymous && !state->room && y < r.y + r.h)
		draw_voters(state, vote, y, r.x + 1, r.w - 2, r.y + r.h - y);
}

const struct view_ops vote_view_ops = {
	.name = "vote",
	.draw = vote_draw,
};

int vote_view_rows(const struct view_state *state, int width)
{
	const struct session *session = state->session;
	if (session->open_vote < 0)
		return 0;
	const struct session_vote *vote = &session->votes[session->open_vote];
	struct vote_rows rows;
	struct view_styled text = {0};
	option_labels(vote->def, &rows);
	vote_counts(session, vote, &rows);
	bool note = rows.note[0] || !vote_state_results_visible(vote);
	char title[512];
	int voters = vote_question_rows(session, width, title, sizeof title);
	if (!vote->def->anonymous && !state->room) {
		voters_text(session, vote, &text);
		voters += view_styled_lines(&text, width - 2);
		view_styled_free(&text);
	}
	return 1 + rows.n + (note ? 1 : 0) + voters;
}
