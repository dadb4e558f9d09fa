/* browse_entries: level 3 of the history browser, an item's contributions a page at a
 * time (store_browse_entries(), narrowed by the filter): entry number, time, speaker id
 * (never a name), kind, text, codes, retracted ones marked; above them the item's votes
 * with their outcome as the console's result panel words it (result_view_outcome()), from
 * the session's model, loaded only for an item that has votes; below them the entry under
 * the cursor in full, wrapped. */
#include "tui/browse_entries.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/result_view.h"

static int entries_load(struct browse *b, const struct store_browse_key *key, int limit, char *err, size_t errlen)
{
	struct store_browse_entry *rows;
	int n;
	struct store_browse_filter filter = browse_filter(b);
	int rc = store_browse_entries(b->store, b->session_id, b->items[b->item_list.sel].id, &filter, key,
		STORE_BROWSE_FROM, limit, &rows, &n, err, errlen);
	if (rc)
		return rc;
	store_browse_entries_free(b->entries, b->entry_pager.n);
	b->entries = rows;
	b->entry_pager.n = n;
	return 0;
}

static int entries_before(struct browse *b, const struct store_browse_key *key, int count,
	struct store_browse_key *out, int *found, char *err, size_t errlen)
{
	struct store_browse_entry *rows;
	int n;
	struct store_browse_filter filter = browse_filter(b);
	int rc = store_browse_entries(b->store, b->session_id, b->items[b->item_list.sel].id, &filter, key,
		STORE_BROWSE_BEFORE, count, &rows, &n, err, errlen);
	if (rc)
		return rc;
	*found = n;
	if (n > 0)
		*out = rows[n - 1].key;
	store_browse_entries_free(rows, n);
	return 0;
}

static struct store_browse_key entries_key_at(const struct browse *b, int row)
{
	return b->entries[row < b->entry_pager.n ? row : b->entry_pager.n - 1].key;
}

static const struct browse_pager_ops entry_ops = {
	.load = entries_load, .before = entries_before, .key_at = entries_key_at,
};

/* A vote of the open item that was opened (an agenda vote nobody opened has no result). */
static bool vote_shown(const struct browse *b, int v)
{
	const struct session_vote *vote = &b->model->votes[v];
	return vote->status != SESSION_VOTE_PENDING
		&& strcmp(b->model->items[vote->item].def->id, b->items[b->item_list.sel].id) == 0;
}

/* The model's votes on the open item, in agenda order. */
static int item_votes(const struct browse *b, int *first)
{
	const struct session *m = b->model;
	int n = 0;
	*first = -1;
	if (!m || b->item_list.sel >= b->item_list.n)
		return 0;
	for (int v = 0; v < m->n_votes; v++)
		if (vote_shown(b, v)) {
			if (*first < 0)
				*first = v;
			n++;
		}
	return n;
}

/* Rows of the votes block (its title, two rows a vote, at most a third of the body), of
 * the entry shown whole, and of the list between them. */
struct entries_geometry {
	int votes_h, detail_h, list_h;
};

static struct entries_geometry geometry(const struct browse *b, struct view_rect r)
{
	struct entries_geometry g = { 0 };
	int first;
	int n = item_votes(b, &first);
	if (n) {
		g.votes_h = 1 + 2 * n;
		if (g.votes_h > r.h / 3)
			g.votes_h = r.h / 3;
	}
	g.detail_h = r.h >= 40 ? 7 : 4;
	g.list_h = r.h - 1 - g.votes_h - g.detail_h;
	if (g.list_h < 1)
		g.list_h = 1;
	return g;
}

int browse_entries_load(struct browse *b, char *err, size_t errlen)
{
	b->entry_pager.visible = geometry(b, b->body).list_h;
	return browse_pager_reload(b, &b->entry_pager, &entry_ops, err, errlen);
}

/* Votes are counted from the session's model (the one place that counts), read once per
 * session and only when an item with votes is opened. */
static int need_model(struct browse *b, char *err, size_t errlen)
{
	if (b->items[b->item_list.sel].votes == 0 || (b->model && strcmp(b->model->id, b->session_id) == 0))
		return 0;
	session_free(b->model);
	b->model = NULL;
	return session_load(b->store, b->session_id, false, "browse", session_clock_system(), &b->model, err, errlen);
}

int browse_entries_open(struct browse *b, int item, char *err, size_t errlen)
{
	if (item < 0 || item >= b->item_list.n)
		return 0;
	b->item_list.sel = item;
	int rc = need_model(b, err, errlen);
	if (rc)
		return rc;
	store_browse_entries_free(b->entries, b->entry_pager.n);
	b->entries = NULL;
	b->entry_pager = (struct browse_pager){ 0 };
	if (b->entry_focus) {
		b->entry_pager.top = (struct store_browse_key){ b->entry_focus, 0 };
		b->entry_pager.top_set = true;
		b->entry_focus = 0;
	}
	rc = browse_entries_load(b, err, errlen);
	if (!rc)
		b->level = BROWSE_ENTRIES;
	return rc;
}

/* "12 18:41 E02 !obstacle [retracted] text #code": what a row and the full entry show. */
static void entry_parts(const struct store_browse_entry *e, char *head, size_t size)
{
	char clock[16];
	view_clock(clock, sizeof clock, e->at_ms, false);
	snprintf(head, size, "%lld %s ", (long long)e->number, clock);
}

static void draw_entry(const struct browse *b, const struct store_browse_entry *e, int y, struct view_rect r,
	bool selected)
{
	struct browse_pen pen;
	char head[64], kind[STORE_NAME_MAX + 3];
	enum tui_role text_role = e->retracted ? THEME_RETRACTED : THEME_NORMAL;
	entry_parts(e, head, sizeof head);
	snprintf(kind, sizeof kind, "!%s ", e->kind);
	browse_pen_start(&pen, b, y, r.x + 1, r.w - 1, selected);
	browse_pen_text(&pen, head, THEME_MUTED);
	browse_pen_text(&pen, e->participant ? e->participant : "note", e->participant ? THEME_SPEAKER : THEME_MUTED);
	browse_pen_text(&pen, " ", THEME_NORMAL);
	browse_pen_text(&pen, kind, THEME_KIND);
	if (e->retracted)
		browse_pen_text(&pen, "[retracted] ", THEME_RETRACTED);
	browse_pen_text(&pen, e->text, text_role);
	char code[STORE_NAME_MAX + 3];
	for (const char *p = e->codes; browse_next_code(&p, code, sizeof code);)
		browse_pen_text(&pen, code, THEME_TAG);
}

static void draw_votes(const struct browse *b, struct view_rect r, int height)
{
	int first;
	int n = item_votes(b, &first);
	view_title((struct view_rect){ r.y, r.x, 1, r.w }, &b->view, " Votes ", false);
	int y = r.y + 1;
	for (int v = first; v < b->model->n_votes && n > 0 && y + 1 < r.y + height; v++) {
		const struct session_vote *vote = &b->model->votes[v];
		if (!vote_shown(b, v))
			continue;
		n--;
		struct browse_pen pen;
		char head[256];
		snprintf(head, sizeof head, "%s (%s%s) ", vote->def->id, vote_type_name(vote->def->type),
			vote->status == SESSION_VOTE_CLOSED ? "" : ", open");
		browse_pen_start(&pen, b, y++, r.x + 1, r.w - 1, false);
		browse_pen_text(&pen, head, THEME_KIND);
		browse_pen_text(&pen, vote->def->question, THEME_NORMAL);
		struct view_styled outcome = { 0 };
		struct tally_result result = { 0 };
		view_styled_add(&outcome, "  ", THEME_NORMAL);
		if (result_view_outcome(b->model, vote, &result, &outcome))
			tally_free(&result);
		view_styled_draw(&outcome, &b->view, y++, r.x + 1, r.w - 1, 0, 1, THEME_NORMAL);
		view_styled_free(&outcome);
	}
}

static void draw_detail(const struct browse *b, const struct store_browse_entry *e, struct view_rect r)
{
	char head[64], title[64];
	snprintf(title, sizeof title, " Entry %lld ", (long long)e->number);
	view_title(r, &b->view, title, false);
	struct view_styled text = { 0 };
	entry_parts(e, head, sizeof head);
	view_styled_add(&text, head, THEME_MUTED);
	view_styled_add(&text, e->participant ? e->participant : "note", e->participant ? THEME_SPEAKER : THEME_MUTED);
	view_styled_add(&text, " !", THEME_KIND);
	view_styled_add(&text, e->kind, THEME_KIND);
	view_styled_add(&text, " ", THEME_NORMAL);
	view_styled_add(&text, e->text, e->retracted ? THEME_RETRACTED : THEME_NORMAL);
	char code[STORE_NAME_MAX + 3];
	for (const char *p = e->codes; browse_next_code(&p, code, sizeof code);)
		view_styled_add(&text, code, THEME_TAG);
	if (e->retracted)
		view_styled_add(&text, " [retracted]", THEME_RETRACTED);
	view_styled_draw(&text, &b->view, r.y + 1, r.x + 1, r.w - 2, 0, r.h - 1, THEME_NORMAL);
	view_styled_free(&text);
}

void browse_entries_draw(const struct browse *b, struct view_rect r)
{
	struct entries_geometry g = geometry(b, r);
	const struct browse_pager *p = &b->entry_pager;
	if (g.votes_h)
		draw_votes(b, r, g.votes_h);
	struct view_rect list = { r.y + g.votes_h, r.x, g.list_h + 1, r.w };
	char title[BROWSE_TEXT_MAX + 64];
	const struct store_browse_item *item = &b->items[b->item_list.sel];
	snprintf(title, sizeof title, " Contributions: %s (%lld said) ", item->title, (long long)item->contributions);
	view_title(list, &b->view, title, false);
	int shown = p->n < p->visible ? p->n : p->visible;
	if (shown == 0)
		view_draw(list.y + 1, r.x + 1, r.w - 2, b->code[0] || b->kind[0] || b->participant[0]
			? "nothing on this item matches the filter (x clears it)" : "nothing was said on this item",
			theme_attr(&b->view.theme, THEME_MUTED));
	for (int i = 0; i < shown; i++)
		draw_entry(b, &b->entries[i], list.y + 1 + i, r, i == p->sel);
	if (shown > 0 && p->sel < shown)
		draw_detail(b, &b->entries[p->sel], (struct view_rect){ r.y + r.h - g.detail_h, r.x, g.detail_h, r.w });
}

bool browse_entries_handle(struct browse *b, enum browse_action action)
{
	char err[512];
	if (action == BACT_OPEN)
		return true;
	if (action != BACT_UP && action != BACT_DOWN && action != BACT_PAGE_UP && action != BACT_PAGE_DOWN
		&& action != BACT_FIRST && action != BACT_LAST)
		return false;
	if (browse_pager_move(b, &b->entry_pager, &entry_ops, action, err, sizeof err))
		browse_failed(b, err);
	return true;
}

void browse_entries_free(struct browse *b)
{
	store_browse_entries_free(b->entries, b->entry_pager.n);
	b->entries = NULL;
	b->entry_pager.n = 0;
	session_free(b->model);
	b->model = NULL;
}
