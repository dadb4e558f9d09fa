/* help_view: see help_view.h. */
#include "tui/help_view.h"

#include <stdio.h>
#include <string.h>
#include <wctype.h>

enum { HELP_KEYS_W = 22 };

/* The session's recommendations, numbered as /recommend confirmed them, by item. */
static void build_recommendations(const struct view_state *state, struct view_styled *text)
{
	const struct session *session = state->session;
	char line[64];
	view_styled_add(text, "Recommendations (F9, Esc, q or typing closes this list)\n", THEME_TITLE);
	if (session->n_recommendations == 0)
		view_styled_add(text, "\nnone yet: /recommend TEXT records one for the current item\n", THEME_MUTED);
	int item = -1;
	for (int i = 0; i < session->n_recommendations; i++) {
		const struct session_recommendation *r = &session->recommendations[i];
		if (r->item != item) {
			item = r->item;
			view_styled_add(text, "\n", THEME_NORMAL);
			view_styled_add(text, session->items[item].def->title, THEME_CURRENT);
			view_styled_add(text, "\n", THEME_NORMAL);
		}
		snprintf(line, sizeof line, "  %d ", i + 1);
		view_styled_add(text, line, THEME_KEY);
		view_styled_add(text, r->text, THEME_NORMAL);
		view_styled_add(text, "\n", THEME_NORMAL);
	}
}

/* The help at width columns (its tables wrap under their own column). */
static void build_help(const struct view_state *state, struct view_styled *text, int width)
{
	if (state->recommendations) {
		build_recommendations(state, text);
		return;
	}
	const char *section = "";
	char line[256];
	char help_keys[64], cancel_keys[64];
	keymap_keys_text(&state->keymap, ACT_HELP, help_keys, sizeof help_keys);
	keymap_keys_text(&state->keymap, ACT_CANCEL, cancel_keys, sizeof cancel_keys);
	if (state->status[0]) {
		view_styled_add(text, "Last message: ", THEME_TITLE);
		view_styled_add(text, state->status, state->status_error ? THEME_ERROR : THEME_NORMAL);
		view_styled_add(text, "\n\n", THEME_NORMAL);
	}
	snprintf(line, sizeof line, "Keys (%s, %s, q or typing closes this help; Up/Down/PgUp/PgDn scroll)\n",
		help_keys, cancel_keys);
	view_styled_add(text, line, THEME_TITLE);
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		const struct tui_action_info *info = action_info((enum tui_action)a);
		char keys[64];
		if (strcmp(info->section, section) != 0) {
			section = info->section;
			snprintf(line, sizeof line, "\n%s\n", section);
			view_styled_add(text, line, THEME_CURRENT);
		}
		keymap_keys_text(&state->keymap, info->action, keys, sizeof keys);
		if (!keys[0])
			snprintf(keys, sizeof keys, "(no key)");
		view_styled_add_row(text, keys, HELP_KEYS_W, THEME_KEY, info->help, THEME_NORMAL, width);
	}
	view_styled_add(text, "\nCapture line\n", THEME_CURRENT);
	int n_forms;
	const struct capture_form *forms = capture_forms(&n_forms);
	for (int f = 0; f < n_forms; f++)
		view_styled_add_row(text, forms[f].form, HELP_KEYS_W, THEME_KEY, forms[f].meaning, THEME_NORMAL, width);
	view_styled_add(text, "\nCommands (a unique start is enough, but /end only in full)\n", THEME_CURRENT);
	for (int c = 0; c < CMD_COUNT; c++) {
		snprintf(line, sizeof line, "  %s\n", capture_command_usage((enum capture_command)c));
		view_styled_add(text, line, THEME_NORMAL);
	}
	view_styled_add(text, "\nKinds:", THEME_CURRENT);
	for (int k = 0; k < KIND_COUNT; k++) {
		snprintf(line, sizeof line, " !%s", contribution_kind_name((enum contribution_kind)k));
		view_styled_add(text, line, THEME_KIND);
	}
	view_styled_add(text, "\nCodes:", THEME_CURRENT);
	const struct codebook *codebook = &state->session->agenda->codebook;
	for (int i = 0; i < codebook->n_entries; i++) {
		snprintf(line, sizeof line, " #%s", codebook->entries[i].code);
		view_styled_add(text, line, THEME_TAG);
	}
	view_styled_add(text, "\nIn Dutch (recorded as the words above, in the same order):", THEME_CURRENT);
	for (int k = 0; k < KIND_COUNT; k++) {
		snprintf(line, sizeof line, " !%s", contribution_kind_name_nl((enum contribution_kind)k));
		view_styled_add(text, line, THEME_KIND);
	}
	for (int i = 0; i < codebook->n_entries; i++) {
		if (!codebook->entries[i].alias)
			continue;
		snprintf(line, sizeof line, " #%s", codebook->entries[i].alias);
		view_styled_add(text, line, THEME_TAG);
	}
}

static int help_lines(const struct view *view, const struct view_state *state)
{
	struct view_styled text = {0};
	build_help(state, &text, view->rect.w - 2);
	int n = view_styled_lines(&text, view->rect.w - 2);
	view_styled_free(&text);
	return n;
}

static void help_draw(const struct view *view, const struct view_state *state)
{
	struct view_rect r = view->rect;
	struct view_styled text = {0};
	view_clear(r);
	view_title(r, state, state->recommendations ? " Recommendations " : " Help ", true);
	build_help(state, &text, r.w - 2);
	view_styled_draw(&text, state, r.y + 1, r.x + 1, r.w - 2, state->help_top, r.h - 1, THEME_NORMAL);
	view_styled_free(&text);
}

static void close_help(struct view_state *state)
{
	state->recommendations = false;
	state->help = false;
	state->help_by_question = false;
	state->help_top = 0;
}

void help_view_close_for_text(struct view_state *state)
{
	static const wchar_t question = L'?';
	if (state->help_by_question)
		lineedit_insert(state->line, &question, 1);
	close_help(state);
	state->focus = FOCUS_LINE;
}

static unsigned help_handle(struct view *view, struct view_state *state, enum tui_action action, wchar_t ch)
{
	int page = view->rect.h - 2 > 1 ? view->rect.h - 2 : 1;
	int max = help_lines(view, state) - (view->rect.h - 1);
	int top = state->help_top;
	switch (action) {
	case ACT_UP: top--; break;
	case ACT_DOWN: top++; break;
	case ACT_SCROLL_UP: top -= page; break;
	case ACT_SCROLL_DOWN: top += page; break;
	case ACT_QUIT: return 0;
	case ACT_RECOMMENDATIONS:
		state->recommendations = !state->recommendations;
		state->help = state->recommendations;
		state->help_top = 0;
		return VIEW_HANDLED | VIEW_RELAYOUT;
	case ACT_NONE: {
		/* q closes a help F1 opened; after a ? (which may start "?quality of ..."), only ? does */
		bool closes = ch == L'?' || (ch == L'q' && !state->help_by_question);
		if (ch && !closes && iswprint((wint_t)ch)) { /* typing: nothing typed is lost */
			help_view_close_for_text(state);
			lineedit_insert(state->line, &ch, 1);
			return VIEW_HANDLED | VIEW_RELAYOUT;
		}
		if (!closes)
			return VIEW_HANDLED;
	}
		/* fall through */
	case ACT_HELP:
	case ACT_CANCEL:
	case ACT_SEND:
		close_help(state);
		return VIEW_HANDLED | VIEW_RELAYOUT;
	default:
		return VIEW_HANDLED;
	}
	state->help_by_question = false;
	state->help_top = top > max ? max : top;
	if (state->help_top < 0)
		state->help_top = 0;
	return VIEW_HANDLED | VIEW_REDRAW;
}

const struct view_ops help_view_ops = {
	.name = "help",
	.draw = help_draw,
	.handle = help_handle,
};
