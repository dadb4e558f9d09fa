/* browse_search: the hits of a search, with the engine of `klankbord search`
 * (store_search_filtered(): the same index, syntax, filter and order, newest first, at
 * most BROWSE_SEARCH_LIMIT), the matched words marked in each row; Enter opens the
 * hit's item with the cursor on it. */
#include "tui/browse_search.h"
#include "tui/browse_entries.h"
#include "tui/browse_items.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int browse_search_run(struct browse *b, char *err, size_t errlen)
{
	static const struct store_snippet_marks marks = { BROWSE_MARK_OPEN, BROWSE_MARK_CLOSE, 10 };
	struct store_browse_filter f = browse_filter(b);
	struct store_search_filter filter = {
		.code = f.code, .kind = f.kind, .participant = f.participant, .organisation = b->organisation,
	};
	struct store_search_match *hits;
	int n;
	int rc = store_search_filtered(b->store, b->query, &filter, &marks, BROWSE_SEARCH_LIMIT, &hits, &n, err, errlen);
	if (rc)
		return rc;
	browse_search_free(b);
	b->hits = hits;
	b->hit_list = (struct browse_list){ .n = n, .visible = b->body.h - 1 };
	return 0;
}

void browse_search_draw(const struct browse *b, struct view_rect r)
{
	char title[BROWSE_TEXT_MAX + 64];
	struct browse_list list = b->hit_list;
	list.visible = r.h - 1;
	snprintf(title, sizeof title, " Search: %s (%s%d hit%s, newest first) ", b->query,
		list.n == BROWSE_SEARCH_LIMIT ? "the newest " : "", list.n, list.n == 1 ? "" : "s");
	view_title(r, &b->view, title, false);
	if (list.n == 0)
		view_draw(r.y + 1, r.x + 1, r.w - 2, "no contribution or recommendation matches",
			theme_attr(&b->view.theme, THEME_MUTED));
	if (list.sel >= list.top + list.visible)
		list.top = list.sel - list.visible + 1;
	int org_w = r.w >= 120 ? 24 : 12;
	for (int i = list.top; i < list.n && i < list.top + list.visible; i++) {
		const struct store_search_match *h = &b->hits[i];
		struct browse_pen pen, org;
		int y = r.y + 1 + i - list.top;
		browse_pen_start(&pen, b, y, r.x, r.w, i == list.sel);
		browse_pen_text(&pen, " ", THEME_NORMAL);
		browse_pen_text(&pen, h->day, THEME_MUTED);
		browse_pen_text(&pen, " ", THEME_NORMAL);
		browse_pen_start(&org, b, y, pen.x, org_w, false);
		org.selected = pen.selected;
		browse_pen_text(&org, h->organisation ? h->organisation : "-", THEME_SPEAKER);
		pen.x += org_w + 1;
		browse_pen_text(&pen, h->participant ? h->participant : h->recommendation ? "recommend" : "note",
			h->participant ? THEME_SPEAKER : THEME_MUTED);
		browse_pen_text(&pen, " !", THEME_KIND);
		browse_pen_text(&pen, h->kind, THEME_KIND);
		browse_pen_text(&pen, " ", THEME_NORMAL);
		browse_pen_marked(&pen, h->snippet, THEME_NORMAL);
		char code[STORE_NAME_MAX + 3];
		for (const char *p = h->codes; browse_next_code(&p, code, sizeof code);)
			browse_pen_text(&pen, code, THEME_TAG);
	}
}

/* Opens the hit's session and item, the cursor on the hit. */
static int open_hit(struct browse *b, const struct store_search_match *h, char *err, size_t errlen)
{
	int rc = browse_items_open_id(b, h->session, err, errlen);
	for (int i = 0; !rc && i < b->item_list.n; i++)
		if (h->item && strcmp(b->items[i].id, h->item) == 0) {
			b->entry_focus = h->recommendation ? 0 : h->seq;
			return browse_entries_open(b, i, err, errlen);
		}
	if (!rc)
		b->level = BROWSE_ITEMS;
	return rc;
}

bool browse_search_handle(struct browse *b, enum browse_action action)
{
	b->hit_list.visible = b->body.h - 1;
	if (action == BACT_OPEN) {
		char err[512];
		if (b->hit_list.sel < b->hit_list.n && open_hit(b, &b->hits[b->hit_list.sel], err, sizeof err))
			browse_failed(b, err);
		return true;
	}
	return browse_list_move(&b->hit_list, action);
}

void browse_search_free(struct browse *b)
{
	store_search_matches_free(b->hits, b->hit_list.n);
	b->hits = NULL;
	b->hit_list.n = 0;
}
