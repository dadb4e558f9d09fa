/* browse_view: see browse_view.h. */
#include "tui/browse_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/textwidth.h"

enum { BROWSE_HIT_ROOM = 16 }; /* columns a search hit keeps on its row (snippet_start()) */

void browse_failed(struct browse *b, const char *err)
{
	view_set_status(&b->view, true, "%s", err);
}

struct store_browse_filter browse_filter(const struct browse *b)
{
	return (struct store_browse_filter){
		.code = b->code[0] ? b->code : NULL, .kind = b->kind[0] ? b->kind : NULL,
		.participant = b->participant[0] ? b->participant : NULL,
	};
}

int browse_pager_reload(struct browse *b, struct browse_pager *p, const struct browse_pager_ops *ops, char *err,
	size_t errlen)
{
	int rc = ops->load(b, p->top_set ? &p->top : NULL, p->visible + 1, err, errlen);
	if (rc)
		return rc;
	int shown = p->n < p->visible ? p->n : p->visible;
	if (p->sel >= shown)
		p->sel = shown - 1;
	if (p->sel < 0)
		p->sel = 0;
	return 0;
}

/* Puts the page's top `count` rows before where it is (NULL: before the end). */
static int pager_back(struct browse *b, struct browse_pager *p, const struct browse_pager_ops *ops,
	const struct store_browse_key *from, int count, int *found, char *err, size_t errlen)
{
	struct store_browse_key key;
	int rc = ops->before(b, from, count, &key, found, err, errlen);
	if (!rc && *found > 0) {
		p->top = key;
		p->top_set = true;
	}
	return rc;
}

int browse_pager_move(struct browse *b, struct browse_pager *p, const struct browse_pager_ops *ops,
	enum browse_action action, char *err, size_t errlen)
{
	int shown = p->n < p->visible ? p->n : p->visible, found = 0, rc = 0;
	bool more = p->n > p->visible;
	switch (action) {
	case BACT_DOWN:
		if (p->sel < shown - 1)
			p->sel++;
		else if (more)
			p->top = ops->key_at(b, 1), p->top_set = true;
		else
			return 0;
		break;
	case BACT_UP:
		if (p->sel > 0) {
			p->sel--;
			return 0;
		}
		if (!p->top_set)
			return 0;
		rc = pager_back(b, p, ops, &p->top, 1, &found, err, errlen);
		break;
	case BACT_PAGE_DOWN:
		if (!more) {
			p->sel = shown - 1;
			return 0;
		}
		p->top = ops->key_at(b, p->visible - 1 > 0 ? p->visible - 1 : 1), p->top_set = true;
		break;
	case BACT_PAGE_UP:
		if (p->top_set)
			rc = pager_back(b, p, ops, &p->top, p->visible - 1 > 0 ? p->visible - 1 : 1, &found, err, errlen);
		if (!rc && found == 0)
			p->sel = 0;
		break;
	case BACT_FIRST:
		p->top_set = false;
		p->sel = 0;
		break;
	case BACT_LAST:
		rc = pager_back(b, p, ops, NULL, p->visible, &found, err, errlen);
		if (!rc && found < p->visible)
			p->top_set = false;
		p->sel = p->visible;
		break;
	default:
		return 0;
	}
	return rc ? rc : browse_pager_reload(b, p, ops, err, errlen);
}

bool browse_list_move(struct browse_list *list, enum browse_action action)
{
	int page = list->visible > 1 ? list->visible - 1 : 1;
	switch (action) {
	case BACT_UP: list->sel--; break;
	case BACT_DOWN: list->sel++; break;
	case BACT_PAGE_UP: list->sel -= page; break;
	case BACT_PAGE_DOWN: list->sel += page; break;
	case BACT_FIRST: list->sel = 0; break;
	case BACT_LAST: list->sel = list->n - 1; break;
	default: return false;
	}
	if (list->sel >= list->n)
		list->sel = list->n - 1;
	if (list->sel < 0)
		list->sel = 0;
	if (list->sel < list->top)
		list->top = list->sel;
	if (list->visible > 0 && list->sel >= list->top + list->visible)
		list->top = list->sel - list->visible + 1;
	return true;
}

void browse_pen_start(struct browse_pen *pen, const struct browse *b, int y, int x, int width, bool selected)
{
	*pen = (struct browse_pen){ .y = y, .x = x, .end = x + width, .selected = selected, .b = b };
	if (selected)
		view_fill(y, x, width, theme_attr(&b->view.theme, THEME_SELECTED));
}

static attr_t pen_attr(const struct browse_pen *pen, enum tui_role role)
{
	if (pen->selected && role != BROWSE_HIT_ROLE)
		role = THEME_SELECTED;
	return theme_attr(&pen->b->view.theme, role);
}

void browse_pen_text(struct browse_pen *pen, const char *text, enum tui_role role)
{
	if (pen->full || !text[0])
		return;
	size_t n;
	wchar_t *wide = tw_from_utf8(text, strlen(text), &n);
	if (!wide)
		return;
	int room = pen->end - pen->x, width = tw_width(wide, n);
	if (width > room) {
		pen->full = true;
		if (room > 1)
			view_draw_wide(pen->y, pen->x, room - 1, wide, tw_cut(wide, n, room - 1, NULL), pen_attr(pen, role));
		if (room > 0)
			view_draw(pen->y, pen->end - 1, 1, "…", pen_attr(pen, role));
		pen->x = pen->end;
	} else {
		pen->x += view_draw_wide(pen->y, pen->x, room, wide, n, pen_attr(pen, role));
	}
	free(wide);
}

/* Where to start a snippet so that its first marked word shows: when the words before it
 * leave it less than BROWSE_HIT_ROOM columns of the row, a few of them are left out (the
 * row then starts with …). */
static const char *snippet_start(const struct browse_pen *pen, const char *text, bool *cut)
{
	size_t before = strcspn(text, BROWSE_MARK_OPEN);
	size_t n;
	*cut = false;
	if (!text[before])
		return text;
	wchar_t *wide = tw_from_utf8(text, before, &n);
	int room = pen->end - pen->x, width = wide ? tw_width(wide, n) : 0;
	const char *start = text;
	if (wide && width > room - BROWSE_HIT_ROOM) {
		size_t skip = tw_skip(wide, n, width - room / 3);
		char *head = tw_to_utf8(wide, skip, NULL); /* the bytes of the characters skipped */
		start = text + (head ? strlen(head) : 0);
		free(head);
		while (start < text + before && *start != ' ')
			start++;
		*cut = true;
	}
	free(wide);
	return start;
}

void browse_pen_marked(struct browse_pen *pen, const char *text, enum tui_role role)
{
	bool cut;
	text = snippet_start(pen, text ? text : "", &cut);
	if (cut)
		browse_pen_text(pen, "…", THEME_MUTED);
	char *copy = strdup(text);
	bool hit = false;
	for (char *p = copy; p && *p && !pen->full;) {
		size_t len = strcspn(p, BROWSE_MARK_OPEN BROWSE_MARK_CLOSE);
		char keep = p[len];
		p[len] = 0;
		browse_pen_text(pen, p, hit ? BROWSE_HIT_ROLE : role);
		if (!keep)
			break;
		hit = keep == BROWSE_MARK_OPEN[0];
		p += len + 1;
	}
	free(copy);
}

bool browse_next_code(const char **codes, char *buf, size_t size)
{
	const char *p = *codes ? *codes : "";
	while (*p == ' ')
		p++;
	size_t len = strcspn(p, " ");
	if (!len)
		return false;
	snprintf(buf, size, " #%.*s", (int)len, p);
	*codes = p + len;
	return true;
}

void browse_pen_right(struct browse_pen *pen, int right, int width, const char *text, enum tui_role role)
{
	int x = pen->end - right - width;
	if (x < pen->x)
		width -= pen->x - x, x = pen->x;
	if (width > 0)
		view_draw_right(pen->y, x, width, text, pen_attr(pen, role));
}
