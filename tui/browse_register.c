/* browse_register: the recommendations register from the history browser: the entries
 * of one session (or of the organisation of --organisation), each with its status and
 * last change in the register's words (out/rec_text.h), the one under the cursor with its
 * whole history; `s` changes its status with a note through recs_set_status() (the
 * register's one write, sessions/recs.h), the browser's only write. Never shows a
 * speaker (the register has none). An organisation's or a session's entries are read
 * whole (store_recs_list()); the whole register across organisations is not. */
#include "tui/browse_register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/iso_time.h"
#include "out/rec_text.h"
#include "sessions/recs.h"
#include "tui/followup_view.h"

static int register_read(struct browse *b, char *err, size_t errlen)
{
	struct store_rec_filter filter = { 0 };
	if (b->register_session[0])
		filter.session = b->register_session;
	else
		filter.organisation = b->organisation;
	struct store_rec *recs;
	int n;
	int rc = store_recs_list(b->store, &filter, &recs, &n, err, errlen);
	if (rc)
		return rc;
	int sel = b->rec_list.sel;
	browse_register_free(b);
	b->recs = recs;
	b->rec_list = (struct browse_list){ .n = n, .sel = sel < n ? sel : 0, .visible = b->body.h - 1 };
	return 0;
}

int browse_register_open(struct browse *b, const char *session, const char *scope, char *err, size_t errlen)
{
	char *copy = strdup(scope);
	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return 71;
	}
	enum browse_level from = b->level;
	snprintf(b->register_session, sizeof b->register_session, "%s", session ? session : "");
	b->register_from = from;
	b->rec_list.sel = 0;
	int rc = register_read(b, err, errlen);
	if (rc) {
		free(copy);
		return rc;
	}
	free(b->register_scope);
	b->register_scope = copy;
	b->level = BROWSE_REGISTER;
	return 0;
}

/* The entry under the cursor, whole, with every change of its status, oldest first. */
static void draw_history(const struct browse *b, const struct store_rec *rec, struct view_rect r)
{
	char line[128];
	snprintf(line, sizeof line, " %s · %s%s ", rec->day, rec->item ? rec->item : "", rec->recommend ? " · /recommend" : "");
	view_title(r, &b->view, line, false);
	struct view_styled text = { 0 };
	view_styled_add(&text, rec->text, THEME_NORMAL);
	view_styled_add(&text, "\n", THEME_NORMAL);
	if (rec->n_history == 0)
		view_styled_add(&text, "open: its status never changed (s changes it)\n", THEME_MUTED);
	for (int i = 0; i < rec->n_history; i++) {
		const struct store_rec_change *c = &rec->history[i];
		char day[11];
		iso_day(c->at_ms, day);
		snprintf(line, sizeof line, "%s ", day);
		view_styled_add(&text, line, THEME_MUTED);
		view_styled_add(&text, rec_status_name(c->status), followup_status_role(c->status));
		if (c->note[0])
			view_styled_add(&text, ": ", THEME_NORMAL);
		view_styled_add(&text, c->note, THEME_NORMAL);
		view_styled_add(&text, " (", THEME_MUTED);
		view_styled_add(&text, c->by, THEME_MUTED);
		view_styled_add(&text, ")\n", THEME_MUTED);
	}
	view_styled_draw(&text, &b->view, r.y + 1, r.x + 1, r.w - 2, 0, r.h - 1, THEME_NORMAL);
	view_styled_free(&text);
}

void browse_register_draw(const struct browse *b, struct view_rect r)
{
	char title[512];
	int detail_h = r.h >= 40 ? 10 : 6;
	struct browse_list list = b->rec_list;
	list.visible = r.h - 1 - detail_h;
	snprintf(title, sizeof title, " Register: %s (%d) ", b->register_scope ? b->register_scope : "", list.n);
	view_title(r, &b->view, title, false);
	if (list.n == 0)
		view_draw(r.y + 1, r.x + 1, r.w - 2, "no recommendation here (/recommend TEXT, or !recommendation, makes one)",
			theme_attr(&b->view.theme, THEME_MUTED));
	if (list.sel >= list.top + list.visible)
		list.top = list.sel - list.visible + 1;
	for (int i = list.top; i < list.n && i < list.top + list.visible; i++) {
		const struct store_rec *rec = &b->recs[i];
		struct browse_pen pen;
		char status[32];
		browse_pen_start(&pen, b, r.y + 1 + i - list.top, r.x, r.w, i == list.sel);
		browse_pen_text(&pen, " ", THEME_NORMAL);
		browse_pen_text(&pen, rec->day, THEME_MUTED);
		snprintf(status, sizeof status, "  %-12s", rec_status_name(rec->status));
		browse_pen_text(&pen, status, followup_status_role(rec->status));
		browse_pen_text(&pen, rec->text, THEME_NORMAL);
		char *last = rec->n_history ? rec_text_last(rec) : NULL;
		if (last) {
			browse_pen_text(&pen, "  · ", THEME_MUTED);
			browse_pen_text(&pen, last, THEME_MUTED);
		}
		free(last);
	}
	if (list.sel < list.n)
		draw_history(b, &b->recs[list.sel], (struct view_rect){ r.y + r.h - detail_h, r.x, detail_h, r.w });
}

void browse_register_set(struct browse *b, const char *text)
{
	char status[32] = "", err[512];
	if (b->rec_list.sel >= b->rec_list.n)
		return;
	const char *note = text + strspn(text, " ");
	size_t len = strcspn(note, " ");
	snprintf(status, sizeof status, "%.*s", (int)(len < sizeof status ? len : sizeof status - 1), note);
	note += len;
	note += strspn(note, " ");
	const struct store_rec *rec = &b->recs[b->rec_list.sel];
	int rc = recs_set_status(b->store, rec->id, status, note[0] ? note : NULL, b->by, b->clock.now_ms(b->clock.ctx), NULL,
		err, sizeof err);
	if (rc == 0)
		rc = register_read(b, err, sizeof err);
	if (rc)
		browse_failed(b, err);
	else
		view_set_status(&b->view, false, "the recommendation is now %s%s%s", status, note[0] ? ": " : "", note);
}

bool browse_register_handle(struct browse *b, enum browse_action action)
{
	b->rec_list.visible = b->body.h - 1 - (b->body.h >= 40 ? 10 : 6);
	if (action == BACT_OPEN || action == BACT_REGISTER)
		return true;
	return browse_list_move(&b->rec_list, action); /* Esc, Backspace: browse.c goes back */
}

void browse_register_free(struct browse *b)
{
	store_recs_free(b->recs, b->rec_list.n);
	b->recs = NULL;
	b->rec_list.n = 0;
}
