/* prompt_view: see prompt_view.h. */
#include "tui/prompt_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/complete.h"
#include "tui/textwidth.h"

enum { PROMPT_W = 2, STATUS_START_MIN_W = 20 /* of a long message, shown before "F1: whole message" */ };

struct hint {
	enum tui_action action;
	const char *label;
};

/* The keys that matter in each focus, shown when there is no message. */
static const struct hint line_hints[] = {
	{ACT_HELP, "help"}, {ACT_PREV_ITEM, "prev"}, {ACT_NEXT_ITEM, "next"}, {ACT_EXTEND, "+5min"},
	{ACT_FOCUS, "focus"}, {ACT_UNDO, "undo"}, {ACT_QUIT, "quit"}, {ACT_NONE, NULL},
};
static const struct hint agenda_hints[] = {
	{ACT_UP, "up"}, {ACT_DOWN, "down"}, {ACT_SEND, "go to item"}, {ACT_FOCUS, "focus"}, {ACT_CANCEL, "back"},
	{ACT_NONE, NULL},
};
static const struct hint log_hints[] = {
	{ACT_UP, "up"}, {ACT_DOWN, "down"}, {ACT_EDIT, "edit"}, {ACT_DELETE, "retract"}, {ACT_FOCUS, "focus"},
	{ACT_CANCEL, "back"}, {ACT_NONE, NULL},
};
static const struct hint people_hints[] = {
	{ACT_UP, "up"}, {ACT_DOWN, "down"}, {ACT_SEND, "speaker"}, {ACT_NONE, "1-9 ballot"}, {ACT_FOCUS, "focus"},
	{ACT_CANCEL, "back"}, {ACT_NONE, NULL},
};

static const struct hint *const hints_by_focus[FOCUS_COUNT] = {
	[FOCUS_LINE] = line_hints, [FOCUS_AGENDA] = agenda_hints,
	[FOCUS_LOG] = log_hints, [FOCUS_PEOPLE] = people_hints,
};

/* Draws the hints from x on, as many whole ones as fit in w (draw false: only measures);
 * returns the columns they take. */
static int draw_hints(const struct view_state *state, int y, int x, int w, bool draw)
{
	int total = 0;
	for (const struct hint *h = hints_by_focus[state->focus]; h->label && total < w; h++) {
		char keys[48] = "";
		int key = keymap_first_key(&state->keymap, h->action);
		if (key)
			action_key_name(key, keys, sizeof keys);
		int key_w = (int)strlen(keys), label_w = (int)strlen(h->label) + (key ? 1 : 0);
		if (total + key_w + label_w > w)
			break; /* a narrow window: no hint cut in two ("C" for "Ctrl-Z undo") */
		if (draw) {
			view_draw(y, x + total, w - total, keys, theme_attr(&state->theme, THEME_KEY));
			view_draw(y, x + total + key_w + (key ? 1 : 0), w - total - key_w - 1, h->label,
				theme_attr(&state->theme, THEME_STATUS));
		}
		total += key_w + label_w + 2;
	}
	return total > 2 ? total - 2 : 0;
}

static void prompt_draw(const struct view *view, const struct view_state *state)
{
	struct view_rect r = view->rect;
	int status_y = r.y, line_y = r.y + 1;
	view_fill(status_y, r.x, r.w, theme_attr(&state->theme, THEME_STATUS));
	int used = 0;
	if (state->status[0]) {
		attr_t attr = theme_attr(&state->theme, state->status_error ? THEME_ERROR : THEME_STATUS);
		size_t n;
		wchar_t *wide = tw_from_utf8(state->status, strlen(state->status), &n);
		bool fits = wide && tw_width(wide, n) <= r.w - 2;
		free(wide);
		if (fits) {
			used = view_draw(status_y, r.x + 1, r.w - 2, state->status, attr);
		} else {
			/* a message too long for the line: its start, and where to read the rest */
			char more[48], keys[32] = "";
			int key = keymap_first_key(&state->keymap, ACT_HELP);
			if (key)
				action_key_name(key, keys, sizeof keys);
			snprintf(more, sizeof more, " %s: whole message", keys[0] ? keys : "help");
			int more_w = (int)strlen(more);
			if (r.w - 2 - more_w < STATUS_START_MIN_W)
				more_w = 0; /* a narrow window: the message's start before where to read it */
			used = view_draw_fit(status_y, r.x + 1, r.w - 2 - more_w, state->status, attr);
			if (more_w)
				view_draw(status_y, r.x + 1 + used, more_w, more, theme_attr(&state->theme, THEME_KEY));
			used = r.w; /* no room for the hints */
		}
	}
	int hints_w = draw_hints(state, status_y, 0, r.w, false);
	if (used == 0)
		draw_hints(state, status_y, r.x + 1, r.w - 2, true);
	else if (used + 4 + hints_w <= r.w - 2) /* the keys on the right when the message leaves room */
		draw_hints(state, status_y, r.x + r.w - 1 - hints_w, hints_w, true);

	const struct lineedit *line = state->line;
	view_fill(line_y, r.x, r.w, A_NORMAL);
	view_draw(line_y, r.x, PROMPT_W, "\xe2\x80\xba", theme_attr(&state->theme,
		state->focus == FOCUS_LINE ? THEME_TITLE : THEME_MUTED));
	int width = r.w - PROMPT_W - 1;
	int cursor_col = tw_width(line->buf, line->cursor);
	size_t skip = cursor_col > width ? tw_skip(line->buf, line->len, cursor_col - width) : 0;
	if (line->len == 0 && state->focus == FOCUS_LINE) {
		/* the placeholder names a participant of this agenda: E03, D01, ... */
		const struct session *session = state->session;
		const char *id = session->n_participants > 0 ? session->participants[0].id : "E03";
		for (int i = 0; i < session->n_participants; i++)
			if (session->participants[i].role == ROLE_EXPERT) {
				id = session->participants[i].id;
				break;
			}
		char placeholder[96];
		snprintf(placeholder, sizeof placeholder, "%s: text #code !kind  |  /command  |  ? help", id);
		view_draw(line_y, r.x + PROMPT_W, width, placeholder, theme_attr(&state->theme, THEME_MUTED));
	}
	else
		view_draw_wide(line_y, r.x + PROMPT_W, width, line->buf + skip, line->len - skip,
			line->selected ? theme_attr(&state->theme, THEME_SELECTED) : A_NORMAL);
}

void prompt_view_cursor(const struct view *view, const struct view_state *state, int *y, int *x)
{
	const struct lineedit *line = state->line;
	int width = view->rect.w - PROMPT_W - 1;
	int cursor_col = tw_width(line->buf, line->cursor);
	size_t skip = cursor_col > width ? tw_skip(line->buf, line->len, cursor_col - width) : 0;
	*y = view->rect.y + 1;
	*x = view->rect.x + PROMPT_W + tw_width(line->buf + skip, line->cursor - skip);
}

static unsigned complete(struct view_state *state)
{
	struct tui_completion done;
	struct lineedit *line = state->line;
	if (!complete_line(state->session, line->buf, line->cursor, &done)) {
		view_set_status(state, false, "nothing to complete");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	lineedit_replace_before_cursor(line, done.start, done.text, done.n);
	view_set_status(state, false, "%s", done.message);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned send_line(struct view_state *state)
{
	char *text = tw_to_utf8(state->line->buf, state->line->len, NULL);
	if (!text)
		return VIEW_HANDLED;
	free(state->send);
	state->send = text;
	return VIEW_HANDLED | VIEW_SEND | VIEW_REDRAW;
}

static unsigned prompt_handle(struct view *view, struct view_state *state, enum tui_action action, wchar_t ch)
{
	struct lineedit *line = state->line;
	(void)view;
	if (state->focus != FOCUS_LINE)
		return 0;
	if (action != ACT_NONE && action != ACT_SEND)
		line->selected = false; /* a key that edits or moves: the refused text is edited, not replaced */
	switch (action) {
	case ACT_NONE:
		if (ch == L'?' && (line->len == 0 || line->selected)) { /* a selected line stays, under help */
			state->help = true;
			state->help_by_question = true; /* the next letter goes back to the line, after the ? */
			return VIEW_HANDLED | VIEW_RELAYOUT;
		}
		lineedit_insert(line, &ch, 1);
		break;
	case ACT_SEND: return send_line(state);
	case ACT_COMPLETE: return complete(state);
	case ACT_LEFT: lineedit_left(line); break;
	case ACT_RIGHT: lineedit_right(line); break;
	case ACT_HOME: lineedit_home(line); break;
	case ACT_END: lineedit_end(line); break;
	case ACT_BACKSPACE: lineedit_backspace(line); break;
	case ACT_DELETE: lineedit_delete(line); break;
	case ACT_KILL_WORD: lineedit_kill_word(line); break;
	case ACT_KILL_LINE: lineedit_clear(line); break;
	case ACT_UP: lineedit_history_prev(line); break;
	case ACT_DOWN: lineedit_history_next(line); break;
	default: return 0;
	}
	return VIEW_HANDLED | VIEW_REDRAW_LINE; /* nothing else on the screen shows the line */
}

const struct view_ops prompt_view_ops = {
	.name = "capture-line",
	.draw = prompt_draw,
	.handle = prompt_handle,
};
