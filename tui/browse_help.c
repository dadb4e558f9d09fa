/* browse_help: the history browser's help screen, generated from its action table
 * (tui/browse_action.h): every action by section with its keys, then the filter line's
 * words. Nothing here is written twice: a new action shows up by itself. */
#include "tui/browse_help.h"

#include <stdio.h>
#include <string.h>

enum { BROWSE_HELP_KEYS_W = 24 };

/* The help at width columns (its tables wrap under their own column). */
static void build(struct view_styled *text, int width)
{
	const char *section = "";
	char line[512];
	char help_keys[64], cancel_keys[64];
	browse_action_keys(BACT_HELP, BROWSE_KEYS_MAX, help_keys, sizeof help_keys);
	browse_action_keys(BACT_CANCEL, BROWSE_KEYS_MAX, cancel_keys, sizeof cancel_keys);
	snprintf(line, sizeof line, "Keys (%s or %s closes this help; Up/Down/PgUp/PgDn scroll)\n", help_keys, cancel_keys);
	view_styled_add(text, line, THEME_TITLE);
	for (int a = BACT_NONE + 1; a < BACT_COUNT; a++) {
		const struct browse_action_info *info = browse_action_info((enum browse_action)a);
		char keys[64];
		if (strcmp(info->section, section) != 0) {
			section = info->section;
			snprintf(line, sizeof line, "\n%s\n", section);
			view_styled_add(text, line, THEME_CURRENT);
		}
		browse_action_keys(info->action, BROWSE_KEYS_MAX, keys, sizeof keys);
		view_styled_add_row(text, keys, BROWSE_HELP_KEYS_W, THEME_KEY, info->help, THEME_NORMAL, width);
	}
	view_styled_add(text, "\nThe filter line\n", THEME_CURRENT);
	view_styled_add_row(text, "#housing !obstacle E03", BROWSE_HELP_KEYS_W, THEME_NORMAL, "only contributions coded"
		" housing, of kind obstacle, by E03; any of the three, in any order; it narrows the contributions and the"
		" search hits", THEME_NORMAL, width);
	view_styled_add(text, "\nNothing here changes a session. Speakers are shown by their id, never by name.\n",
		THEME_MUTED);
}

void browse_help_draw(const struct browse *b, struct view_rect r)
{
	struct view_styled text = { 0 };
	view_clear(r);
	view_title(r, &b->view, " Help ", true);
	build(&text, r.w - 2);
	view_styled_draw(&text, &b->view, r.y + 1, r.x + 1, r.w - 2, b->help_top, r.h - 1, THEME_NORMAL);
	view_styled_free(&text);
}

bool browse_help_handle(struct browse *b, enum browse_action action)
{
	struct view_styled text = { 0 };
	build(&text, b->body.w - 2);
	int max = view_styled_lines(&text, b->body.w - 2) - (b->body.h - 1);
	view_styled_free(&text);
	int page = b->body.h - 2 > 1 ? b->body.h - 2 : 1;
	switch (action) {
	case BACT_UP: b->help_top--; break;
	case BACT_DOWN: b->help_top++; break;
	case BACT_PAGE_UP: b->help_top -= page; break;
	case BACT_PAGE_DOWN: b->help_top += page; break;
	case BACT_FIRST: b->help_top = 0; break;
	case BACT_LAST: b->help_top = max; break;
	default: return false;
	}
	if (b->help_top > max)
		b->help_top = max;
	if (b->help_top < 0)
		b->help_top = 0;
	return true;
}
