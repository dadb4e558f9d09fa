/* theme: see theme.h. */
#include "tui/theme.h"

#include <string.h>

struct role_def {
	const char *name;
	char letter;
	short fg, bg;
	attr_t color_attr, mono_attr;
};

#define TUI_ROLE_ROW(name, text, letter, fg, bg, attr, mono) {text, letter, fg, bg, attr, mono},
static const struct role_def role_defs[THEME_COUNT] = { TUI_ROLES(TUI_ROLE_ROW) };
#undef TUI_ROLE_ROW

void theme_init(struct tui_theme *theme, bool want_color, const struct theme_style *styles)
{
	static const struct theme_style none;
	theme->color = want_color && has_colors() && start_color() == OK;
	if (theme->color)
		use_default_colors();
	for (int r = 0; r < THEME_COUNT; r++) {
		const struct theme_style *style = styles ? &styles[r] : &none;
		if (!theme->color) {
			theme->attr[r] = style->mono_set ? style->mono : role_defs[r].mono_attr;
			continue;
		}
		short fg = style->fg_set ? style->fg : role_defs[r].fg, bg = style->bg_set ? style->bg : role_defs[r].bg;
		init_pair((short)(r + 1), fg, bg);
		/* curses sends attributes with colour bits through tparm (sgr, ~3,500
		 * instructions); pair 0 with no attributes is a plain sgr0 */
		int pair = r == THEME_NORMAL && fg == -1 && bg == -1 ? 0 : r + 1;
		theme->attr[r] = (style->attr_set ? style->attr : role_defs[r].color_attr) | (attr_t)COLOR_PAIR(pair);
	}
}

int theme_role_by_name(const char *name)
{
	for (int r = 0; r < THEME_COUNT; r++)
		if (strcmp(role_defs[r].name, name) == 0)
			return r;
	return -1;
}

attr_t theme_attr(const struct tui_theme *theme, enum tui_role role)
{
	return theme->attr[role];
}

char theme_role_letter(enum tui_role role)
{
	return role_defs[role].letter;
}

enum tui_role theme_role_of_pair(int pair)
{
	return pair >= 1 && pair <= THEME_COUNT ? (enum tui_role)(pair - 1) : THEME_NORMAL;
}
