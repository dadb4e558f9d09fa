/* browse_items: level 2 of the history browser, a session's agenda items (an agenda's
 * few, read whole by store_browse_items()): planned and spent minutes, contributions,
 * votes. */
#include "tui/browse_items.h"
#include "tui/browse_entries.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int items_read(struct browse *b, const char *session, const char *title, char *err, size_t errlen)
{
	struct store_browse_item *items;
	int n;
	int rc = store_browse_items(b->store, session, &items, &n, err, errlen);
	if (rc)
		return rc;
	char *copy = strdup(title);
	if (!copy) {
		store_browse_items_free(items, n);
		snprintf(err, errlen, "out of memory");
		return 71;
	}
	browse_items_free(b);
	snprintf(b->session_id, sizeof b->session_id, "%s", session);
	b->session_title = copy;
	b->items = items;
	b->item_list = (struct browse_list){ .n = n, .visible = b->item_list.visible };
	return 0;
}

int browse_items_open(struct browse *b, const struct store_browse_session *s, char *err, size_t errlen)
{
	char title[1024];
	snprintf(title, sizeof title, "%s %s%s%s", s->day, s->organisation ? s->organisation : "",
		s->organisation ? ": " : "", s->title ? s->title : "");
	return items_read(b, s->id, title, err, errlen);
}

int browse_items_open_id(struct browse *b, const char *session, char *err, size_t errlen)
{
	if (strcmp(session, b->session_id) == 0 && b->items)
		return 0;
	struct store_session_info info;
	int rc = store_session_get_uncounted(b->store, session, &info, err, errlen);
	if (rc)
		return rc;
	struct store_browse_session s = { .title = info.title, .organisation = info.organisation };
	snprintf(s.id, sizeof s.id, "%s", info.id);
	snprintf(s.day, sizeof s.day, "%s", info.day);
	rc = browse_items_open(b, &s, err, errlen);
	store_session_info_free(&info);
	return rc;
}

void browse_items_draw(const struct browse *b, struct view_rect r)
{
	struct browse_list list = b->item_list;
	list.visible = r.h - 1;
	view_title(r, &b->view, " Items ", false);
	if (list.sel >= list.top + list.visible)
		list.top = list.sel - list.visible + 1;
	for (int i = list.top; i < list.n && i < list.top + list.visible; i++) {
		const struct store_browse_item *item = &b->items[i];
		struct browse_pen pen;
		char buf[64];
		browse_pen_start(&pen, b, r.y + 1 + i - list.top, r.x, r.w, i == list.sel);
		snprintf(buf, sizeof buf, " %2d ", i + 1);
		browse_pen_text(&pen, buf, THEME_MUTED);
		pen.end -= 46;
		browse_pen_text(&pen, item->title, THEME_NORMAL);
		pen.end += 46;
		snprintf(buf, sizeof buf, "%d' planned", item->planned_seconds / 60);
		browse_pen_right(&pen, 33, 12, buf, THEME_MUTED);
		snprintf(buf, sizeof buf, "%d' spent", (item->actual_seconds + 30) / 60);
		browse_pen_right(&pen, 22, 10, buf, THEME_MUTED);
		snprintf(buf, sizeof buf, "%lld said", (long long)item->contributions);
		browse_pen_right(&pen, 9, 12, buf, THEME_NORMAL);
		if (item->votes) {
			snprintf(buf, sizeof buf, "%d vote%s", item->votes, item->votes == 1 ? "" : "s");
			browse_pen_right(&pen, 1, 8, buf, THEME_KIND);
		}
	}
}

bool browse_items_handle(struct browse *b, enum browse_action action)
{
	b->item_list.visible = b->body.h - 1;
	if (action == BACT_OPEN) {
		char err[512];
		if (b->item_list.sel < b->item_list.n && browse_entries_open(b, b->item_list.sel, err, sizeof err))
			browse_failed(b, err);
		return true;
	}
	return browse_list_move(&b->item_list, action);
}

void browse_items_free(struct browse *b)
{
	store_browse_items_free(b->items, b->item_list.n);
	b->items = NULL;
	b->item_list.n = 0;
	free(b->session_title);
	b->session_title = NULL;
	b->session_id[0] = 0;
}
