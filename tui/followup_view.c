/* followup_view: see followup_view.h. */
#include "tui/followup_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/rec_text.h"

struct followup {
	struct store_rec *recs;      /* earlier sessions of the organisation, in session order */
	int n, sessions;
	char error[SESSION_MESSAGE_MAX]; /* why the store could not be read; "" when it could */
};

/* The one read: the organisation's (case ignored) sessions started before this one. */
static void followup_load(struct view_state *state)
{
	const struct session *s = state->session;
	const char *organisation = s->agenda->session.organisation;
	if (state->followup || !organisation || !(state->followup = calloc(1, sizeof *state->followup)))
		return;
	struct followup *f = state->followup;
	struct store_rec_filter filter = { .organisation = organisation, .started_before_ms = s->started_ms };
	if (store_recs_list(s->store, &filter, &f->recs, &f->n, f->error, sizeof f->error) != 0) {
		view_set_status(state, true, "earlier recommendations cannot be shown: %s", f->error);
		f->n = 0;
	}
	for (int i = 0; i < f->n; i++)
		f->sessions += i == 0 || strcmp(f->recs[i].session, f->recs[i - 1].session) != 0;
}

/* At start, only when the console was asked to show the follow-up (run, a new session). */
static void followup_init(struct view *view, struct view_state *state)
{
	(void)view;
	if (!state->followup_wanted)
		return;
	followup_load(state);
	state->followup_shown = state->followup && state->followup->n > 0;
}

enum tui_role followup_status_role(enum rec_status status)
{
	switch (status) {
	case REC_ACCEPTED: return THEME_TIMER_OK;
	case REC_IN_PROGRESS: return THEME_CURRENT;
	case REC_DONE: return THEME_WINNER;
	case REC_DECLINED: return THEME_OBJECTION;
	default: return THEME_MUTED;
	}
}

/* The screen as blocks of text, each wrapped within its own indent, so that a long
 * recommendation or note stays under its bullet. */
struct block {
	int indent;
	struct view_styled text;
};
struct blocks {
	struct block *list;
	int n, cap;
	bool failed;
};

static struct view_styled *block_add(struct blocks *b, int indent)
{
	if (b->n == b->cap) {
		int cap = b->cap ? b->cap * 2 : 16;
		struct block *list = realloc(b->list, (size_t)cap * sizeof *list);
		if (!list) {
			b->failed = true;
			return NULL;
		}
		b->list = list;
		b->cap = cap;
	}
	b->list[b->n] = (struct block){ .indent = indent };
	return &b->list[b->n++].text;
}

static void block_text(struct blocks *b, int indent, const char *text, enum tui_role role)
{
	struct view_styled *t = block_add(b, indent);
	if (t)
		view_styled_add(t, text, role);
}

static void blocks_free(struct blocks *b)
{
	for (int i = 0; i < b->n; i++)
		view_styled_free(&b->list[i].text);
	free(b->list);
}

static void build(const struct view_state *state, struct blocks *b)
{
	const struct followup *f = state->followup;
	char line[512], keys[64];
	keymap_keys_text(&state->keymap, ACT_FOLLOWUP, keys, sizeof keys);
	snprintf(line, sizeof line, "What the group advised in %d earlier session%s, and what became of it",
		f->sessions, f->sessions == 1 ? "" : "s");
	block_text(b, 0, line, THEME_TITLE);
	snprintf(line, sizeof line, "Any key goes on (Esc only closes this); %s brings it back.",
		keys[0] ? keys : "the follow-up key");
	block_text(b, 0, line, THEME_MUTED);
	for (int i = 0; i < f->n; i++) {
		const struct store_rec *r = &f->recs[i];
		if (i == 0 || strcmp(r->session, f->recs[i - 1].session) != 0) {
			block_text(b, 0, "", THEME_NORMAL);
			struct view_styled *t = block_add(b, 0);
			snprintf(line, sizeof line, "%s  ", r->day);
			if (t) {
				view_styled_add(t, line, THEME_CURRENT);
				view_styled_add(t, r->title, THEME_CURRENT);
			}
		}
		struct view_styled *t = block_add(b, 2);
		if (t) {
			view_styled_add(t, "\xe2\x80\xa2 ", THEME_NORMAL);
			view_styled_add(t, r->text, THEME_NORMAL);
		}
		char *last = rec_text_last(r);
		block_text(b, 4, last ? last : rec_status_name(r->status), followup_status_role(r->status));
		free(last);
	}
}

/* An empty block is an empty line. */
static int block_lines(const struct block *k, int width)
{
	int n = k->text.n ? view_styled_lines(&k->text, width) : 1;
	return n > 0 ? n : 1;
}

static int followup_lines(const struct view *view, const struct view_state *state)
{
	struct blocks b = {0};
	build(state, &b);
	int n = 0;
	for (int i = 0; i < b.n; i++)
		n += block_lines(&b.list[i], view->rect.w - 2 - b.list[i].indent);
	blocks_free(&b);
	return n;
}

static void followup_draw(const struct view *view, const struct view_state *state)
{
	struct view_rect r = view->rect;
	struct blocks b = {0};
	char title[256];
	view_clear(r);
	snprintf(title, sizeof title, " Follow-up: %s ", state->session->agenda->session.organisation);
	view_title(r, state, title, true);
	build(state, &b);
	int y = r.y + 1, skip = state->followup_top;
	for (int i = 0; i < b.n && y < r.y + r.h; i++) {
		const struct block *k = &b.list[i];
		int width = r.w - 2 - k->indent, lines = block_lines(k, width);
		if (skip >= lines) {
			skip -= lines;
			continue;
		}
		if (k->text.n == 0) { /* an empty line between sessions */
			y++;
			continue;
		}
		y += view_styled_draw(&k->text, state, y, r.x + 1 + k->indent, width, skip, r.y + r.h - y, THEME_NORMAL);
		skip = 0;
	}
	blocks_free(&b);
}

static unsigned followup_handle(struct view *view, struct view_state *state, enum tui_action action, wchar_t ch)
{
	(void)ch;
	int page = view->rect.h - 2 > 1 ? view->rect.h - 2 : 1;
	int max = followup_lines(view, state) - (view->rect.h - 1);
	int top = state->followup_top;
	switch (action) {
	case ACT_UP: top--; break;
	case ACT_DOWN: top++; break;
	case ACT_SCROLL_UP: top -= page; break;
	case ACT_SCROLL_DOWN: top += page; break;
	case ACT_CANCEL:
	case ACT_FOLLOWUP:
		state->followup_shown = false;
		return VIEW_HANDLED | VIEW_RELAYOUT;
	default:
		/* the facilitator moves on: the list closes and the key does what it does */
		state->followup_shown = false;
		return VIEW_RELAYOUT;
	}
	state->followup_top = top > max ? max : top;
	if (state->followup_top < 0)
		state->followup_top = 0;
	return VIEW_HANDLED | VIEW_REDRAW;
}

unsigned followup_view_show(struct view_state *state)
{
	followup_load(state);
	if (!state->followup || state->followup->n == 0) {
		view_set_status(state, false, "no earlier session of %s made a recommendation",
			state->session->agenda->session.organisation ? state->session->agenda->session.organisation
			: "this organisation (the agenda names none)");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	state->followup_shown = true;
	state->followup_top = 0;
	return VIEW_HANDLED | VIEW_RELAYOUT;
}

void followup_view_release(struct view_state *state)
{
	if (!state->followup)
		return;
	store_recs_free(state->followup->recs, state->followup->n);
	free(state->followup);
	state->followup = NULL;
}

const struct view_ops followup_view_ops = {
	.name = "followup",
	.init = followup_init,
	.draw = followup_draw,
	.handle = followup_handle,
};
