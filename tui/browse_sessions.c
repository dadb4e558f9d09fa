/* browse_sessions: level 1 of the history browser, the sessions newest first, a page at a
 * time (store_browse_sessions()): day, organisation, title, contributions, status. */
#include "tui/browse_sessions.h"
#include "tui/browse_items.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/textwidth.h"

static int sessions_load(struct browse *b, const struct store_browse_key *key, int limit, char *err, size_t errlen)
{
	struct store_browse_session *rows;
	int n;
	int rc = store_browse_sessions(b->store, b->organisation, key, STORE_BROWSE_FROM, limit, &rows, &n, err, errlen);
	if (rc)
		return rc;
	store_browse_sessions_free(b->sessions, b->session_pager.n);
	b->sessions = rows;
	b->session_pager.n = n;
	return 0;
}

static int sessions_before(struct browse *b, const struct store_browse_key *key, int count,
	struct store_browse_key *out, int *found, char *err, size_t errlen)
{
	struct store_browse_session *rows;
	int n;
	int rc = store_browse_sessions(b->store, b->organisation, key, STORE_BROWSE_BEFORE, count, &rows, &n, err, errlen);
	if (rc)
		return rc;
	*found = n;
	if (n > 0)
		*out = rows[n - 1].key;
	store_browse_sessions_free(rows, n);
	return 0;
}

static struct store_browse_key sessions_key_at(const struct browse *b, int row)
{
	return b->sessions[row < b->session_pager.n ? row : b->session_pager.n - 1].key;
}

static const struct browse_pager_ops session_ops = {
	.load = sessions_load, .before = sessions_before, .key_at = sessions_key_at,
};

int browse_sessions_load(struct browse *b, char *err, size_t errlen)
{
	b->session_pager.visible = b->body.h - 1 > 1 ? b->body.h - 1 : 1;
	return browse_pager_reload(b, &b->session_pager, &session_ops, err, errlen);
}

/* The organisation column: as wide as the longest name on the screen, from 8 columns up
 * to a quarter of the row. */
static int organisation_w(const struct browse *b, int shown, int width)
{
	int w = 8;
	for (int i = 0; i < shown; i++) {
		const char *name = b->sessions[i].organisation ? b->sessions[i].organisation : "-";
		size_t n;
		wchar_t *wide = tw_from_utf8(name, strlen(name), &n);
		int len = wide ? tw_width(wide, n) : 0;
		free(wide);
		w = len > w ? len : w;
	}
	return w < width / 4 ? w : width / 4;
}

void browse_sessions_draw(const struct browse *b, struct view_rect r)
{
	char title[256];
	const struct browse_pager *p = &b->session_pager;
	snprintf(title, sizeof title, " Sessions%s%s ", b->organisation ? " of " : "", b->organisation ? b->organisation : "");
	view_title(r, &b->view, title, false);
	int shown = p->n < p->visible ? p->n : p->visible;
	if (shown == 0)
		view_draw(r.y + 1, r.x + 1, r.w - 2, "no sessions yet: klankbord run AGENDA starts one",
			theme_attr(&b->view.theme, THEME_MUTED));
	int org_w = organisation_w(b, shown, r.w);
	for (int i = 0; i < shown; i++) {
		const struct store_browse_session *s = &b->sessions[i];
		struct browse_pen pen;
		char count[32];
		int y = r.y + 1 + i;
		browse_pen_start(&pen, b, y, r.x, r.w, i == p->sel);
		browse_pen_text(&pen, " ", THEME_NORMAL);
		browse_pen_text(&pen, s->day, THEME_MUTED);
		browse_pen_text(&pen, "  ", THEME_NORMAL);
		struct browse_pen org;
		browse_pen_start(&org, b, y, pen.x, org_w, false);
		org.selected = pen.selected;
		browse_pen_text(&org, s->organisation ? s->organisation : "-", THEME_SPEAKER);
		pen.x += org_w + 2;
		pen.end -= 20;
		browse_pen_text(&pen, s->title ? s->title : "", s->erased ? THEME_RETRACTED : THEME_NORMAL);
		pen.end += 20;
		snprintf(count, sizeof count, "%lld", (long long)s->contributions);
		browse_pen_right(&pen, 8, 10, count, THEME_NORMAL);
		pen.x = pen.end - 7;
		pen.full = false;
		browse_pen_text(&pen, s->erased ? "erased" : s->ended ? "ended" : "open", s->ended ? THEME_MUTED : THEME_TIMER_OK);
	}
}

bool browse_sessions_handle(struct browse *b, enum browse_action action)
{
	char err[512];
	struct browse_pager *p = &b->session_pager;
	if (action == BACT_OPEN) {
		if (p->sel >= p->n || (p->sel >= p->visible))
			return true;
		if (browse_items_open(b, &b->sessions[p->sel], err, sizeof err))
			browse_failed(b, err);
		else
			b->level = BROWSE_ITEMS;
		return true;
	}
	if (action == BACT_BACK || action == BACT_CANCEL)
		return true; /* the top level: q leaves */
	int rc = browse_pager_move(b, p, &session_ops, action, err, sizeof err);
	if (rc)
		browse_failed(b, err);
	return action == BACT_UP || action == BACT_DOWN || action == BACT_PAGE_UP || action == BACT_PAGE_DOWN
		|| action == BACT_FIRST || action == BACT_LAST;
}

void browse_sessions_free(struct browse *b)
{
	store_browse_sessions_free(b->sessions, b->session_pager.n);
	b->sessions = NULL;
	b->session_pager.n = 0;
}
