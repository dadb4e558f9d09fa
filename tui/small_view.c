/* small_view: see small_view.h. */
#include "tui/small_view.h"

#include <stdio.h>
#include <string.h>

static void small_draw(const struct view *view, const struct view_state *state)
{
	char need[64];
	int rows, cols; /* the terminal's: the capture line may take the foot of it */
	getmaxyx(stdscr, rows, cols);
	snprintf(need, sizeof need, "(now %dx%d)", cols, rows);
	const char *lines[] = {"terminal too small", "need 80x24", need};
	const enum tui_role roles[] = {THEME_ERROR, THEME_NORMAL, THEME_MUTED};
	int y = view->rect.h / 2 - 1;
	for (int i = 0; i < 3; i++) {
		int len = (int)strlen(lines[i]);
		int x = len < view->rect.w ? (view->rect.w - len) / 2 : 0;
		view_draw(y + i, x, view->rect.w - x, lines[i], theme_attr(&state->theme, roles[i]));
	}
}

const struct view_ops small_view_ops = {
	.name = "too-small",
	.draw = small_draw,
};
