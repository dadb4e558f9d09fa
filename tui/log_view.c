/* log_view: see log_view.h. */
#include "tui/log_view.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/textwidth.h"
#include "tui/unsaved.h"

/* One entry as the log shows it, kept between draws: its styled text and its wrapped
 * lines at the width last drawn. What the row shows changes only by an edit (n_edits
 * only grows, an undone edit is an edit too), a retraction or its restore, and the
 * speaker's consent to quotes; those are compared on every use, the width too. */
struct log_row {
	bool valid;
	int n_edits;
	bool retracted, warn;
	struct view_styled text;
	int width;                /* of wrap; 0 none */
	struct view_wrap wrap;
	WINDOW *pad;              /* the wrapped lines drawn (view_styled_pad), or NULL */
	unsigned shown;           /* the frame that last put pad on the screen */
};

/* The log's cache (view->data): a row per contribution index, made as rows are drawn
 * or measured, so a redraw converts nothing that was on screen before. */
struct log_cache {
	struct log_row *rows;
	int n;
	struct log_row scratch;   /* when the cache cannot grow: built for one use */
	int n_pads;               /* rows with a pad */
	unsigned frame;           /* counts the log's draws */
	WINDOW *body;             /* the rows below the head, where pads are put (view_area) */
};

/* Pads kept beyond those of the frame just drawn: a page is at most a screen's rows of
 * entries, so PgUp/PgDn back and forth always find theirs; older ones are dropped. */
enum { LOG_PADS_MAX = 256 };

/* Whether the row warns that a quote has no consent (the speaker's consent can change). */
static bool entry_warns(const struct session *session, const struct session_contribution *c)
{
	return c->kind == KIND_QUOTE && (c->participant < 0 || !session->participants[c->participant].consent_quotes);
}

/* The styled text of one contribution: its entry number (what /edit and /retract take),
 * time, speaker, kind, text, codes and what happened to it. */
static void entry_text(const struct view_state *state, int index, struct view_styled *out)
{
	const struct session *session = state->session;
	const struct session_contribution *c = &session->contributions[index];
	char buf[64];
	view_styled_reset(out);
	snprintf(buf, sizeof buf, "%d ", index + 1);
	view_styled_add(out, buf, THEME_MUTED);
	view_clock(buf, sizeof buf, c->at_ms, false);
	view_styled_add(out, buf, THEME_MUTED);
	view_styled_add(out, " ", THEME_NORMAL);
	view_styled_add(out, c->participant >= 0 ? session->participants[c->participant].id : "note",
		c->participant >= 0 ? THEME_SPEAKER : THEME_MUTED);
	view_styled_add(out, " ", THEME_NORMAL);
	if (c->kind != KIND_NOTE) {
		snprintf(buf, sizeof buf, "!%s ", contribution_kind_name(c->kind));
		view_styled_add(out, buf, THEME_KIND);
	}
	view_styled_add(out, c->text, THEME_NORMAL);
	for (int t = 0; t < c->n_tags; t++) {
		view_styled_add(out, " #", THEME_TAG);
		view_styled_add(out, c->tags[t], THEME_TAG);
	}
	if (c->n_edits > 0)
		view_styled_add(out, " (edited)", THEME_MUTED);
	if (entry_warns(session, c))
		view_styled_add(out, " \xe2\x9a\xa0 no quote consent", THEME_OBJECTION);
	if (c->retracted)
		view_styled_add(out, " [retracted]", THEME_RETRACTED);
}

static bool on_current_item(const struct session *session, int index)
{
	return session->contributions[index].item == session->current_item;
}

/* The current item's entries (indices into contributions, oldest first): the log walks
 * these, never the whole session's. */
static const struct session_item *current(const struct session *session)
{
	return &session->items[session->current_item];
}

/* Rows above the log: title row, prompts and notes (at most a third of the panel). */
static int draw_item_head(const struct view *view, const struct view_state *state, bool draw)
{
	const struct session *session = state->session;
	const struct agenda_item *def = session->items[session->current_item].def;
	struct view_rect r = view->rect;
	struct view_styled head = {0};
	int max = r.h / 3 > 1 ? r.h / 3 : 1;
	for (int p = 0; p < def->n_prompts; p++) {
		view_styled_add(&head, "? ", THEME_TITLE);
		view_styled_add(&head, def->prompts[p], THEME_NORMAL);
		view_styled_add(&head, "\n", THEME_NORMAL);
	}
	if (def->notes) {
		view_styled_add(&head, "Notes: ", THEME_MUTED);
		view_styled_add(&head, def->notes, THEME_MUTED);
		view_styled_add(&head, "\n", THEME_NORMAL);
	}
	/* the ids a facilitator types: the item's, and its votes' with their state */
	view_styled_add(&head, "/item ", THEME_MUTED);
	view_styled_add(&head, def->id, THEME_KEY);
	bool first = true;
	for (int v = 0; v < session->n_votes; v++) {
		const struct session_vote *vote = &session->votes[v];
		if (vote->item != session->current_item)
			continue;
		view_styled_add(&head, first ? "  /vote " : ", ", THEME_MUTED);
		first = false;
		view_styled_add(&head, vote->def->id, THEME_KEY);
		char what[64];
		snprintf(what, sizeof what, " (%s%s)", vote_type_name(vote->def->type),
			vote->status == SESSION_VOTE_OPEN ? ", open" : vote->status == SESSION_VOTE_CLOSED ? ", closed" : "");
		view_styled_add(&head, what, THEME_MUTED);
	}
	while (head.n > 0 && head.text[head.n - 1] == L'\n')
		head.n--;
	int lines = head.n ? view_styled_lines(&head, r.w - 1) : 0;
	if (lines > max)
		lines = max;
	if (draw && lines)
		view_styled_draw(&head, state, r.y + 1, r.x + 1, r.w - 1, 0, lines, THEME_NORMAL);
	view_styled_free(&head);
	return 1 + lines;
}

/* Wrapped lines of the current item's entries newer than entry `stop` (-1: all of them),
 * counted from the newest and no further than limit. The log is drawn from the bottom
 * up, so only what can be seen (and the part scrolled past) is ever measured: a key
 * costs the same with 20 entries on the item as with 2,000. */
static void row_drop_pad(struct log_cache *cache, struct log_row *row)
{
	if (!row->pad)
		return;
	delwin(row->pad);
	row->pad = NULL;
	cache->n_pads--;
}

static void row_free(struct log_cache *cache, struct log_row *row)
{
	row_drop_pad(cache, row);
	view_styled_free(&row->text);
	view_wrap_free(&row->wrap);
	memset(row, 0, sizeof *row);
}

/* Entry index as the log shows it at width: from the cache when nothing it shows has
 * changed, else built again (text when the entry changed, lines when the width did);
 * NULL without a cache at all (init ran out of memory): nothing is drawn. */
static struct log_row *entry_row(const struct view *view, const struct view_state *state, int index,
	int width)
{
	const struct session *session = state->session;
	const struct session_contribution *c = &session->contributions[index];
	struct log_cache *cache = view->data;
	struct log_row *row = NULL;
	if (cache && index >= cache->n) {
		int n = session->n_contributions > index ? session->n_contributions : index + 1;
		struct log_row *rows = realloc(cache->rows, (size_t)n * sizeof *rows);
		if (rows) {
			memset(rows + cache->n, 0, (size_t)(n - cache->n) * sizeof *rows);
			cache->rows = rows;
			cache->n = n;
		}
	}
	if (cache)
		row = index < cache->n ? &cache->rows[index] : &cache->scratch;
	if (!row)
		return NULL;
	bool warn = entry_warns(session, c);
	if (row == &cache->scratch || !row->valid || row->n_edits != c->n_edits || row->retracted != c->retracted
		|| row->warn != warn) {
		entry_text(state, index, &row->text);
		row_drop_pad(cache, row);
		row->valid = true;
		row->n_edits = c->n_edits;
		row->retracted = c->retracted;
		row->warn = warn;
		row->width = 0;
	}
	if (row->width != width) {
		row_drop_pad(cache, row);
		row->width = view_wrap_make(&row->wrap, &row->text, width) ? width : 0;
	}
	return row;
}

/* Puts at most at.h lines of entry row, from line skip on, at (at.y, at.x): from its pad
 * into the log's body, made the first time, unless the entry is drawn selected (a look
 * it has only while selected) or there is no pad or body. */
static void entry_put(const struct view *view, const struct view_state *state, struct log_row *row,
	struct view_rect at, int skip, enum tui_role override)
{
	struct log_cache *cache = view->data;
	if (cache->body && override != THEME_SELECTED && row != &cache->scratch && row->width == at.w && !row->pad
		&& (row->pad = view_styled_pad(&row->text, &row->wrap, state, at.w, override)))
		cache->n_pads++;
	if (!cache->body || override == THEME_SELECTED || !row->pad) {
		view_styled_draw_wrapped(&row->text, &row->wrap, state, at.y, at.x, at.w, skip, at.h, override);
		return;
	}
	row->shown = cache->frame;
	view_pad_put(cache->body, row->pad, skip, at.y - getbegy(cache->body),
		at.h < row->wrap.n - skip ? at.h : row->wrap.n - skip);
}

/* Drops the pads of entries the frame just drawn did not show, once there are too many. */
static void drop_old_pads(struct log_cache *cache)
{
	if (cache->n_pads <= LOG_PADS_MAX)
		return;
	for (int i = 0; i < cache->n; i++)
		if (cache->rows[i].pad && cache->rows[i].shown != cache->frame)
			row_drop_pad(cache, &cache->rows[i]);
}

static int lines_from_newest(const struct view *view, const struct view_state *state, int width, int stop,
	int limit)
{
	const struct session_item *item = current(state->session);
	int total = 0;
	for (int k = item->n_entries - 1; k >= 0 && item->entries[k] > stop && total < limit; k--) {
		const struct log_row *row = entry_row(view, state, item->entries[k], width);
		total += row ? row->wrap.n : 0;
	}
	return total;
}

/* What an item's empty log says. Recommendations are not log entries: right after two
 * /recommend the log said "nothing recorded" of an item that had them. */
static void empty_text(const struct session *session, const struct tui_keymap *keymap, char *out, size_t outlen)
{
	int recs = 0;
	for (int i = 0; i < session->n_recommendations; i++)
		recs += session->recommendations[i].item == session->current_item;
	if (recs == 0) {
		snprintf(out, outlen, "(nothing recorded on this item yet)");
		return;
	}
	char keys[32] = "";
	int key = keymap_first_key(keymap, ACT_RECOMMENDATIONS);
	if (key)
		action_key_name(key, keys, sizeof keys);
	snprintf(out, outlen, "(nothing said here yet; %d recommendation%s%s%s)", recs, recs == 1 ? "" : "s",
		keys[0] ? ": " : "", keys);
}

/* The lines the console keeps because the database could not take them yet (tui/unsaved.h),
 * newest last, in the rows just above bottom, at most max of them (when they do not all
 * fit, the first row says how many older ones wait); returns the rows used. */
static int draw_unsaved(const struct view *view, const struct view_state *state, int bottom, int max)
{
	int kept = state->unsaved ? state->unsaved->n : 0;
	int n = kept < max ? kept : max;
	attr_t muted = theme_attr(&state->theme, THEME_MUTED);
	for (int k = 0; k < n; k++) {
		int line = kept - n + k, y = bottom - n + k;
		if (k == 0 && line > 0) { /* the oldest do not fit: how many */
			char more[64];
			snprintf(more, sizeof more, "not saved yet: %d older line%s", line + 1, line + 1 == 1 ? "" : "s");
			view_draw_fit(y, view->rect.x + 1, view->rect.w - 1, more, muted);
			continue;
		}
		int used = view_draw(y, view->rect.x + 1, view->rect.w - 1, "not saved yet \xc2\xb7 ", muted);
		view_draw_fit(y, view->rect.x + 1 + used, view->rect.w - 1 - used, state->unsaved->lines[line], muted);
	}
	return n;
}

static void log_draw(const struct view *view, const struct view_state *state)
{
	const struct session *session = state->session;
	const struct session_item *item = &session->items[session->current_item];
	struct view_rect r = view->rect;
	bool focused = state->focus == FOCUS_LOG;
	char title[256], timer[32];
	int64_t elapsed = session_item_elapsed_ms(session, session->current_item, state->now_ms);

	snprintf(title, sizeof title, " %s ", item->def->title);
	view_timer_text(timer, sizeof timer, item->planned_seconds, elapsed);
	view_title_room(r, state, title, focused, (int)strlen(timer) + 2);
	view_draw_right(r.y, r.x, r.w - 1, timer, theme_attr(&state->theme, view_timer_role(item->planned_seconds, elapsed)));
	int top = r.y + draw_item_head(view, state, true);
	int rows = r.y + r.h - top;
	int width = r.w - 1;
	if (rows <= 0)
		return;
	rows -= draw_unsaved(view, state, top + rows, rows / 2);

	/* lines hidden below the window: the scroll offset, or what follows the selection */
	bool selecting = focused && state->log_sel >= 0;
	int back = selecting ? lines_from_newest(view, state, width, state->log_sel, INT_MAX) : state->log_back;
	int available = lines_from_newest(view, state, width, -1, back + rows);
	if (available == 0) {
		char empty[160];
		empty_text(session, &state->keymap, empty, sizeof empty);
		view_draw_fit(top, r.x + 1, width, empty, theme_attr(&state->theme, THEME_MUTED));
		return;
	}
	if (back > available - rows) /* scrolled past the oldest entry: show the oldest at the top */
		back = available - rows > 0 ? available - rows : 0;
	struct log_cache *cache = view->data;
	if (cache) {
		cache->frame++;
		cache->body = view_area(cache->body, (struct view_rect){ .y = top, .x = r.x + 1, .h = rows, .w = width });
	}
	int y_end = top + rows;
	for (int k = item->n_entries - 1; k >= 0 && y_end > top; k--) {
		int i = item->entries[k];
		struct log_row *row = entry_row(view, state, i, width);
		int lines = row ? row->wrap.n : 0;
		if (back >= lines) {
			back -= lines;
			continue;
		}
		int shown = lines - back; /* the entry's first lines; its last `back` lines are below */
		back = 0;
		int y = y_end - shown, skip = 0;
		if (y < top) {
			skip = top - y;
			y = top;
		}
		enum tui_role override = selecting && i == state->log_sel ? THEME_SELECTED
			: session->contributions[i].retracted ? THEME_RETRACTED : THEME_NORMAL;
		entry_put(view, state, row, (struct view_rect){ .y = y, .x = r.x + 1, .h = y_end - y, .w = width }, skip,
			override);
		y_end = y;
	}
	if (cache) {
		view_area_sync(cache->body);
		drop_old_pads(cache);
	}
}

/* The contribution on the current item before (dir -1) or after (dir 1) index. */
static int step_entry(const struct session *session, int index, int dir)
{
	const struct session_item *item = current(session);
	int from = index < 0 ? (dir < 0 ? session->n_contributions : -1) : index;
	if (dir < 0) {
		for (int k = item->n_entries - 1; k >= 0; k--)
			if (item->entries[k] < from)
				return item->entries[k];
	} else {
		for (int k = 0; k < item->n_entries; k++)
			if (item->entries[k] > from)
				return item->entries[k];
	}
	return index;
}

/* Puts "/edit N E03: TEXT" on the capture line (a note without the speaker) for the
 * note-taker to change: the text, or who said it. */
static void load_edit(struct view_state *state, const struct session_contribution *c)
{
	const struct session *session = state->session;
	wchar_t prefix[40 + AGENDA_ID_MAX];
	size_t n;
	int entry = (int)(c - session->contributions) + 1;
	int len = c->participant >= 0
		? swprintf(prefix, sizeof prefix / sizeof prefix[0], L"/edit %d %s: ", entry, session->participants[c->participant].id)
		: swprintf(prefix, sizeof prefix / sizeof prefix[0], L"/edit %d ", entry);
	wchar_t *text = tw_from_utf8(c->text, strlen(c->text), &n);
	if (!text || len < 0) {
		free(text);
		return;
	}
	lineedit_set(state->line, prefix, (size_t)len);
	lineedit_insert(state->line, text, n);
	free(text);
	state->focus = FOCUS_LINE;
	view_set_status(state, false, c->participant >= 0 ? "edit the text or who said it, Enter to record it"
		: "edit the text, Enter to record it");
}

static unsigned log_handle(struct view *view, struct view_state *state, enum tui_action action, wchar_t ch)
{
	const struct session *session = state->session;
	(void)ch;
	if (action == ACT_SCROLL_UP || action == ACT_SCROLL_DOWN) {
		int page = view->rect.h / 2 > 1 ? view->rect.h / 2 : 1;
		state->log_back += action == ACT_SCROLL_UP ? page : -page;
		int available = lines_from_newest(view, state, view->rect.w - 1, -1, state->log_back + page);
		if (state->log_back > available - page)
			state->log_back = available - page;
		if (state->log_back < 0)
			state->log_back = 0;
		state->log_sel = -1;
		return VIEW_HANDLED | VIEW_REDRAW_PANEL; /* nothing but the log shows the scroll */
	}
	if (state->focus != FOCUS_LOG)
		return 0;
	int sel = state->log_sel;
	bool valid = sel >= 0 && sel < session->n_contributions && on_current_item(session, sel);
	switch (action) {
	case ACT_UP:
		state->log_sel = step_entry(session, valid ? sel : -1, -1);
		return VIEW_HANDLED | VIEW_REDRAW_PANEL;
	case ACT_DOWN:
		state->log_sel = step_entry(session, valid ? sel : -1, 1);
		return VIEW_HANDLED | VIEW_REDRAW_PANEL;
	case ACT_SEND:
	case ACT_EDIT:
		if (!valid)
			return VIEW_HANDLED;
		load_edit(state, &session->contributions[sel]);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACT_DELETE:
		if (!valid)
			return VIEW_HANDLED;
		return VIEW_REDRAW | view_send(state, "/retract %d", sel + 1);
	default:
		return 0;
	}
}

static void log_init(struct view *view, struct view_state *state)
{
	(void)state;
	view->data = calloc(1, sizeof(struct log_cache));
}

static void log_free(struct view *view)
{
	struct log_cache *cache = view->data;
	if (!cache)
		return;
	for (int i = 0; i < cache->n; i++)
		row_free(cache, &cache->rows[i]);
	row_free(cache, &cache->scratch);
	view_area_free(cache->body);
	free(cache->rows);
	free(cache);
	view->data = NULL;
}

const struct view_ops log_view_ops = {
	.name = "log",
	.init = log_init,
	.draw = log_draw,
	.handle = log_handle,
	.free = log_free,
};
