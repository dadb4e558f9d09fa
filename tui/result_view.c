/* result_view: see result_view.h. */
#include "tui/result_view.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/result_text.h"
#include "tui/textwidth.h"

enum {
	RESULT_LINE = 512,        /* bytes of one label or line */
	RESULT_LABEL_MIN = 16,    /* label columns the runoff table keeps before it gives up detail */
	RESULT_BAR_MIN = 4,
	RESULT_BAR_MAX = 30,
	RESULT_ELLIPSIS_W = 2,    /* the column that stands for runoff rounds left out */
};

/* Where the next row goes. draw false only measures: nothing is drawn, end is far away. */
struct pen {
	const struct view_state *state;
	int y, x, w, end;
	bool draw;
};

/* Columns of a row of bars: label, bar, then the numbers right-aligned in num. */
struct bar_cols {
	int label, bar, num;
};

/* The runoff table: bar_cols for the option and its points, then the rounds. */
struct runoff_cols {
	struct bar_cols bars;
	int points, cell;         /* the points number; each round's column */
	bool all;                 /* every round; else the first, an ellipsis and the last */
	bool transfers;           /* "7 +2": ballots moved in from the option that dropped out */
	int rounds_w;             /* "round" and the round columns; 0 without rounds */
};

static attr_t pen_attr(const struct pen *p, enum tui_role role)
{
	return theme_attr(&p->state->theme, role);
}

/* One row of text in the panel's inner width; nothing when the panel has no row left. */
/* Wrapped styled text, as many of its lines as leave `after` rows free. */
static void pen_styled(struct pen *p, const struct view_styled *text, int after)
{
	int lines = view_styled_lines(text, p->w - 2);
	int room = p->end - p->y - after;
	if (lines > room)
		lines = room > 0 ? room : 0;
	if (p->draw && lines > 0)
		view_styled_draw(text, p->state, p->y, p->x + 1, p->w - 2, 0, lines, THEME_NORMAL);
	p->y += lines;
}

/* A line of one role, wrapped when the panel is narrower than it (never cut short). */
static void pen_line(struct pen *p, const char *text, enum tui_role role)
{
	struct view_styled styled = {0};
	view_styled_add(&styled, text, role);
	pen_styled(p, &styled, 0);
	view_styled_free(&styled);
}

/* How many of n list rows fit with `after` rows kept below; a cut list leaves one row
 * for its "... more" line. */
static int list_fit(const struct pen *p, int n, int after)
{
	int room = p->end - p->y - after;
	return n <= room ? n : room > 1 ? room - 1 : 0;
}

static void more_line(struct pen *p, int left, const char *what)
{
	char text[64];
	if (left <= 0)
		return;
	snprintf(text, sizeof text, "\xe2\x80\xa6 %d more %s", left, what);
	pen_line(p, text, THEME_MUTED);
}

static int digits(long v)
{
	int n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static long top_value(const long *values, int n)
{
	long top = 0;
	for (int i = 0; i < n; i++)
		top = values[i] > top ? values[i] : top;
	return top;
}

static int text_width(const char *text)
{
	size_t n;
	wchar_t *wide = tw_from_utf8(text, strlen(text), &n);
	int w = wide ? tw_width(wide, n) : 0;
	free(wide);
	return w;
}

/* How the console shows each role of the result's words. */
static enum tui_role theme_of(enum result_role role)
{
	switch (role) {
	case RESULT_WINNER: return THEME_WINNER;
	case RESULT_TIE: return THEME_TIE;
	case RESULT_MUTED: return THEME_MUTED;
	case RESULT_OBJECTION: return THEME_OBJECTION;
	case RESULT_SPEAKER: return THEME_SPEAKER;
	case RESULT_NORMAL: break;
	}
	return THEME_NORMAL;
}

static void add_words(struct view_styled *out, const struct result_text *words)
{
	for (int i = 0; i < words->n; i++)
		view_styled_add(out, words->segments[i].text, theme_of(words->segments[i].role));
}

bool result_view_outcome(const struct session *session, const struct session_vote *vote, struct tally_result *r,
	struct view_styled *out)
{
	const struct agenda_vote *def = vote->def;
	char err[256];
	bool counted = false;
	struct result_text words = {0};
	if (def->anonymous && !vote->counts)
		result_text_outcome(&words, def, NULL);
	else if (!(counted = session_vote_tally(session, vote, r, err, sizeof err)))
		view_styled_add(out, err, THEME_ERROR);
	else
		result_text_outcome(&words, def, r);
	add_words(out, &words);
	result_text_free(&words);
	return counted;
}

static int longest_label(const struct agenda_vote *def, int n)
{
	char label[RESULT_LINE];
	int longest = 0;
	for (int i = 0; i < n; i++) {
		result_text_label(def, i, label, sizeof label);
		int w = text_width(label);
		longest = w > longest ? w : longest;
	}
	return longest;
}

/* Label and bar share what the numbers leave: the bar a third or more (all that long
 * labels leave unused), from RESULT_BAR_MIN to RESULT_BAR_MAX columns. */
static void bar_columns(int inner, int num_w, int longest, struct bar_cols *c)
{
	int room = inner - num_w - 1;
	int bar = room / 3;
	if (room - 1 - longest > bar)
		bar = room - 1 - longest;
	bar = bar < RESULT_BAR_MIN ? RESULT_BAR_MIN : bar > RESULT_BAR_MAX ? RESULT_BAR_MAX : bar;
	if (bar > room - 1) /* never wider than the panel, whatever the numbers take */
		bar = room > 1 ? room - 1 : 0;
	*c = (struct bar_cols){.label = room - bar, .bar = bar, .num = num_w};
}

/* Label, bar (at least one block for any value above 0) and the number text of one row. */
static void bar_row(struct pen *p, const struct bar_cols *c, const char *label, enum tui_role label_role,
	long value, long top, const char *num, enum tui_role num_role)
{
	if (p->draw) {
		long len = top > 0 ? value * c->bar / top : 0;
		view_draw_fit(p->y, p->x + 1, c->label - 1, label, pen_attr(p, label_role));
		view_bar(p->y, p->x + 1 + c->label, (int)(value > 0 && len == 0 ? 1 : len), pen_attr(p, THEME_BAR));
		view_draw_right(p->y, p->x + 1 + c->label + c->bar + 1, c->num, num, pen_attr(p, num_role));
	}
	p->y++;
}

/* A bar per option with its count, and its share when shares is not NULL. */
static void draw_bars(struct pen *p, const struct agenda_vote *def, const long *values, const double *shares,
	int n, int winner, int after)
{
	char label[RESULT_LINE], num[64], share[16];
	long top = top_value(values, n);
	int count_w = digits(top), num_w = count_w + (shares ? 5 : 0);
	struct bar_cols c;
	bar_columns(p->w - 2, num_w, longest_label(def, n), &c);
	int shown = list_fit(p, n, after);
	for (int i = 0; i < shown; i++) {
		result_text_label(def, i, label, sizeof label);
		if (shares) {
			result_text_share(shares[i], share, sizeof share);
			snprintf(num, sizeof num, "%*ld %4s", count_w, values[i], share);
		} else {
			snprintf(num, sizeof num, "%ld", values[i]);
		}
		bar_row(p, &c, label, i == winner ? THEME_WINNER : THEME_NORMAL, values[i], top, num, THEME_NORMAL);
	}
	more_line(p, n - shown, "rows");
}

/* The reasons, blocks and objections first (tally's order), each with who gave it. */
static void draw_reasons(struct pen *p, const struct session *s, const struct tally_result *r)
{
	for (int i = 0; i < r->n_reasons; i++) {
		const struct tally_reason *reason = &r->reasons[i];
		const struct session_participant *who = reason->participant >= 0 && reason->participant < s->n_participants
			? &s->participants[reason->participant] : NULL;
		struct result_text words = {0};
		struct view_styled text = {0};
		if (p->state->room)
			result_text_reason_unattributed(&words, reason);
		else
			result_text_reason(&words, reason, who ? who->id : NULL, who ? who->name : NULL);
		add_words(&text, &words);
		result_text_free(&words);
		int after = i + 1 < r->n_reasons ? 1 : 0;
		bool fits = view_styled_lines(&text, p->w - 2) <= p->end - p->y - after;
		if (fits)
			pen_styled(p, &text, after);
		view_styled_free(&text);
		if (!fits) {
			more_line(p, r->n_reasons - i, "reasons");
			return;
		}
	}
}

static bool runoff_shows(const struct runoff_cols *c, const struct tally_result *r, int round)
{
	return c->all || round == 0 || round == r->n_rounds - 1;
}

/* Tries one shape of the table; false when it leaves the labels too narrow. */
static bool runoff_fit(const struct tally_result *r, int inner, int longest, bool all, bool transfers,
	struct runoff_cols *c)
{
	char cell[64];
	c->all = all;
	c->transfers = transfers;
	c->points = digits(top_value(r->borda, r->n_options)) + 1;
	c->cell = digits(r->n_rounds);
	for (int round = 0; round < r->n_rounds; round++)
		for (int i = 0; i < r->n_options && runoff_shows(c, r, round); i++) {
			result_text_runoff_cell(r, round, i, transfers, cell, sizeof cell);
			c->cell = (int)strlen(cell) > c->cell ? (int)strlen(cell) : c->cell;
		}
	c->cell++;
	int n_cols = all ? r->n_rounds : 2;
	c->rounds_w = !result_text_has_rounds(r) ? 0
		: (int)sizeof RESULT_TEXT_ROUND + 1 + n_cols * c->cell + (all ? 0 : RESULT_ELLIPSIS_W);
	bar_columns(inner, c->points + c->rounds_w, longest, &c->bars);
	return c->bars.label >= RESULT_LABEL_MIN;
}

/* Every round with transfers (when any ballot moved) if the width allows, else without
 * them, else the first and last rounds only. */
static void runoff_columns(const struct tally_result *r, int inner, int longest, struct runoff_cols *c)
{
	bool moved = tally_runoff_moved(r);
	for (int shape = 0; shape < 4; shape++) {
		bool all = shape < 2, transfers = shape % 2 == 0;
		if ((!all && r->n_rounds < 3) || (transfers && !moved))
			continue;
		if (runoff_fit(r, inner, longest, all, transfers, c))
			return;
	}
	runoff_fit(r, inner, longest, r->n_rounds < 3, false, c);
}

/* Draws the round columns of one row: option is an option index, -1 for the header (round
 * numbers) or -2 for the exhausted ballots. */
static void runoff_rounds(struct pen *p, const struct runoff_cols *c, const struct tally_result *r, int option)
{
	char cell[64];
	int x = p->x + 1 + c->bars.label + c->bars.bar + 1 + c->points + (int)sizeof RESULT_TEXT_ROUND + 1;
	for (int round = 0; c->rounds_w > 0 && round < r->n_rounds; round++) {
		if (!runoff_shows(c, r, round)) {
			if (round == 1) {
				view_draw_right(p->y, x, RESULT_ELLIPSIS_W, option == -1 ? "\xe2\x80\xa6" : "", pen_attr(p, THEME_MUTED));
				x += RESULT_ELLIPSIS_W;
			}
			continue;
		}
		enum tui_role role = THEME_NORMAL;
		if (option == -1) {
			snprintf(cell, sizeof cell, "%d", round + 1);
		} else if (option == -2) {
			snprintf(cell, sizeof cell, "%ld", r->rounds[round].exhausted);
			role = THEME_MUTED;
		} else {
			result_text_runoff_cell(r, round, option, c->transfers, cell, sizeof cell);
			if (r->rounds[round].counts[option] == TALLY_ELIMINATED)
				role = THEME_MUTED;
			else if (round == r->n_rounds - 1 && option == r->winner)
				role = THEME_WINNER;
		}
		view_draw_right(p->y, x, c->cell, cell, pen_attr(p, role));
		x += c->cell;
	}
}

/* Points (Borda) as bars, and the instant-runoff rounds beside them, one row per option. */
static void draw_rank(struct pen *p, const struct agenda_vote *def, const struct tally_result *r)
{
	char label[RESULT_LINE], num[64];
	struct runoff_cols c;
	const struct tally_round *last = &r->rounds[r->n_rounds - 1];
	runoff_columns(r, p->w - 2, longest_label(def, r->n_options), &c);
	struct bar_cols points = c.bars;
	points.num = c.points;
	long top = top_value(r->borda, r->n_options);
	if (p->y < p->end) { /* the header */
		if (p->draw) {
			int x = p->x + 1 + c.bars.label;
			view_draw_right(p->y, x, c.bars.bar + 1 + c.points, RESULT_TEXT_POINTS, pen_attr(p, THEME_NORMAL));
			x += c.bars.bar + 1 + c.points;
			if (c.rounds_w > 0)
				view_draw_right(p->y, x, (int)sizeof RESULT_TEXT_ROUND, RESULT_TEXT_ROUND, pen_attr(p, THEME_NORMAL));
			runoff_rounds(p, &c, r, -1);
		}
		p->y++;
	}
	bool exhausted = last->exhausted > 0;
	int shown = list_fit(p, r->n_options, 1 + exhausted + !c.all);
	for (int i = 0; i < shown; i++) {
		result_text_label(def, i, label, sizeof label);
		snprintf(num, sizeof num, "%ld", r->borda[i]);
		bool both = i == r->winner && i == r->borda_winner;
		if (p->draw)
			runoff_rounds(p, &c, r, i);
		bar_row(p, &points, label, both ? THEME_WINNER : THEME_NORMAL, r->borda[i], top,
			num, i == r->borda_winner ? THEME_WINNER : THEME_NORMAL);
	}
	more_line(p, r->n_options - shown, "options");
	if (exhausted && p->y < p->end) {
		if (p->draw) {
			view_draw(p->y, p->x + 3, c.bars.label - 3, RESULT_TEXT_EXHAUSTED, pen_attr(p, THEME_MUTED));
			runoff_rounds(p, &c, r, -2);
		}
		p->y++;
	}
	if (!c.all && c.rounds_w > 0) {
		result_text_rounds_left_out(2, r->n_rounds - 1, "the panel is too narrow", label, sizeof label);
		pen_line(p, label, THEME_MUTED);
	}
	result_text_runoff_note(r, c.transfers, label, sizeof label);
	pen_line(p, label, THEME_MUTED);
}

static void result_render(const struct view_state *state, const struct session_vote *vote, struct pen *p)
{
	const struct agenda_vote *def = vote->def;
	struct tally_result r = {0};
	struct view_styled outcome = {0};
	char line[RESULT_LINE];
	/* the question in the title; on rows of its own when the title cannot hold it */
	struct view_styled question = {0};
	snprintf(line, sizeof line, " Result: %s ", def->question);
	if (text_width(line) > p->w - 2) {
		snprintf(line, sizeof line, " Result ");
		view_styled_add(&question, def->question, THEME_TITLE);
	}
	if (p->draw)
		view_title((struct view_rect){p->y, p->x, 1, p->w}, state, line, false);
	p->y++;
	if (question.n)
		pen_styled(p, &question, 1);
	view_styled_free(&question);
	bool counted = result_view_outcome(state->session, vote, &r, &outcome);
	pen_styled(p, &outcome, 0);
	view_styled_free(&outcome);
	if (counted && !result_text_empty(def, &r)) {
		switch (def->type) {
		case VOTE_RANK:
			draw_rank(p, def, &r);
			break;
		case VOTE_SCALE:
			draw_bars(p, def, r.distribution, NULL, r.max - r.min + 1, -1, 0);
			break;
		case VOTE_CONSENT:
			draw_bars(p, def, r.positions, NULL, CONSENT_COUNT, -1, r.n_reasons > 0);
			draw_reasons(p, state->session, &r);
			break;
		default:
			draw_bars(p, def, r.counts, r.shares, r.n_options, r.winner, 1);
			result_text_summary(def, &r, line, sizeof line);
			pen_line(p, line, THEME_MUTED);
			break;
		}
	}
	tally_free(&r);
}

/* The closed vote whose result shows, or NULL. */
static const struct session_vote *shown_vote(const struct view_state *state)
{
	const struct session *s = state->session;
	int v = state->result_vote;
	if (v < 0 || v >= s->n_votes || s->open_vote >= 0 || s->votes[v].status != SESSION_VOTE_CLOSED)
		return NULL;
	return &s->votes[v];
}

static void result_draw(const struct view *view, const struct view_state *state)
{
	const struct session_vote *vote = shown_vote(state);
	struct view_rect r = view->rect;
	if (!vote)
		return;
	struct pen p = {state, r.y, r.x, r.w, r.y + r.h, true};
	result_render(state, vote, &p);
}

const struct view_ops result_view_ops = {
	.name = "result",
	.draw = result_draw,
};

int result_view_rows(const struct view_state *state, int width)
{
	const struct session_vote *vote = shown_vote(state);
	if (!vote)
		return 0;
	struct pen p = {state, 0, 0, width, INT_MAX / 2, false};
	result_render(state, vote, &p);
	return p.y;
}

unsigned result_view_next(struct view_state *state)
{
	const struct session *s = state->session;
	char keys[64];
	keymap_keys_text(&state->keymap, ACT_RESULTS, keys, sizeof keys);
	if (s->open_vote >= 0) {
		view_set_status(state, false, "vote %s is open; %s shows results once it is closed",
			s->votes[s->open_vote].def->id, keys);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	for (int v = state->result_vote + 1; v < s->n_votes; v++) {
		if (s->votes[v].item == s->current_item && s->votes[v].status == SESSION_VOTE_CLOSED) {
			state->result_vote = v;
			view_set_status(state, false, "result of vote %s", s->votes[v].def->id);
			return VIEW_HANDLED | VIEW_RELAYOUT;
		}
	}
	if (state->result_vote >= 0)
		view_set_status(state, false, "result hidden; %s shows it again", keys);
	else
		view_set_status(state, false, "no closed vote on this item");
	state->result_vote = -1;
	return VIEW_HANDLED | VIEW_RELAYOUT;
}

void result_view_follow(struct view_state *state, int *last_open_vote)
{
	const struct session *session = state->session;
	int *shown = &state->result_vote;
	int was = *last_open_vote;
	if (was >= 0 && was < session->n_votes && session->open_vote < 0
		&& session->votes[was].status == SESSION_VOTE_CLOSED)
		*shown = was;
	if (session->open_vote >= 0 || *shown >= session->n_votes
		|| (*shown >= 0 && session->votes[*shown].item != session->current_item))
		*shown = -1;
	*last_open_vote = session->open_vote;
}

unsigned result_view_hide(struct view_state *state)
{
	char keys[64];
	if (!shown_vote(state))
		return 0;
	keymap_keys_text(&state->keymap, ACT_RESULTS, keys, sizeof keys);
	view_set_status(state, false, "result of vote %s hidden; %s shows it again",
		state->session->votes[state->result_vote].def->id, keys);
	state->result_vote = -1;
	return VIEW_HANDLED | VIEW_RELAYOUT;
}
