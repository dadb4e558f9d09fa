/* theme: colours and attributes by named role, never by raw colour in a panel.
 *
 * Each role has a colour pair (its pair number is role + 1, which is how screen dumps
 * name roles) and a monochrome attribute, so the console stays readable with NO_COLOR,
 * the no_color option or a terminal without colours: timers amber and red, the current
 * item, the not-spoken mark and errors differ by bold/reverse/underline/dim as well.
 * The role names are the keys a config file's `theme:` section would use. The normal
 * role in the terminal's own colours draws with pair 0 (dumps name pair 0 normal too):
 * curses returns to plain text with a bare sgr0 then, where a pair in the attributes
 * costs a parameterised sgr through tparm at every change back to plain text.
 * Owns nothing; call theme_init after initscr/newterm. */
#ifndef KLANKBORD_THEME_H
#define KLANKBORD_THEME_H

#include <stdbool.h>
#include <curses.h>

/* X(ENUM, name, dump letter, fg, bg, colour attribute, monochrome attribute) */
#define TUI_ROLES(X) \
	X(THEME_NORMAL,     "normal",     '.', -1,            -1,         A_NORMAL, A_NORMAL) \
	X(THEME_HEADER,     "header",     'H', COLOR_WHITE,   COLOR_BLUE, A_BOLD,   A_REVERSE) \
	X(THEME_TITLE,      "title",      'T', COLOR_CYAN,    -1,         A_BOLD,   A_BOLD | A_UNDERLINE) \
	X(THEME_CURRENT,    "current",    'C', COLOR_YELLOW,  -1,         A_BOLD,   A_BOLD) \
	X(THEME_SELECTED,   "selected",   'S', COLOR_BLACK,   COLOR_CYAN, A_NORMAL, A_REVERSE) \
	X(THEME_TIMER_OK,   "timer-ok",   'g', COLOR_GREEN,   -1,         A_BOLD,   A_NORMAL) \
	X(THEME_TIMER_AMBER,"timer-amber",'a', COLOR_YELLOW,  -1,         A_BOLD,   A_BOLD | A_UNDERLINE) \
	X(THEME_TIMER_RED,  "timer-red",  'r', COLOR_WHITE,   COLOR_RED,  A_BOLD,   A_BOLD | A_REVERSE) \
	X(THEME_NOT_SPOKEN, "not-spoken", 'n', COLOR_MAGENTA, -1,         A_BOLD,   A_BOLD) \
	X(THEME_MUTED,      "muted",      'm', COLOR_BLUE,    -1,         A_DIM,    A_DIM) \
	X(THEME_ERROR,      "error",      'e', COLOR_RED,     -1,         A_BOLD,   A_BOLD | A_REVERSE) \
	X(THEME_STATUS,     "status",     's', COLOR_BLACK,   COLOR_WHITE,A_NORMAL, A_REVERSE) \
	X(THEME_KEY,        "key",        'k', COLOR_BLUE,    COLOR_WHITE,A_BOLD,   A_BOLD | A_REVERSE) \
	X(THEME_SPEAKER,    "speaker",    'p', COLOR_CYAN,    -1,         A_BOLD,   A_BOLD) \
	X(THEME_KIND,       "kind",       'd', COLOR_GREEN,   -1,         A_NORMAL, A_UNDERLINE) \
	X(THEME_TAG,        "tag",        't', COLOR_MAGENTA, -1,         A_NORMAL, A_NORMAL) \
	X(THEME_BAR,        "bar",        'b', COLOR_CYAN,    -1,         A_NORMAL, A_NORMAL) \
	X(THEME_CONTROL,    "control",    'x', COLOR_RED,     -1,         A_DIM,    A_DIM) \
	X(THEME_RETRACTED,  "retracted",  'R', COLOR_BLUE,    -1,         A_DIM,    A_DIM) \
	X(THEME_BORDER,     "border",     '-', COLOR_BLUE,    -1,         A_NORMAL, A_NORMAL) \
	X(THEME_WINNER,     "winner",     'W', COLOR_GREEN,   -1,         A_BOLD,   A_BOLD | A_REVERSE) \
	X(THEME_TIE,        "tie",        'Y', COLOR_YELLOW,  -1,         A_BOLD,   A_BOLD | A_UNDERLINE) \
	X(THEME_OBJECTION,  "objection",  'O', COLOR_RED,     -1,         A_BOLD,   A_BOLD | A_UNDERLINE)

#define TUI_ROLE_ENUM(name, text, letter, fg, bg, attr, mono) name,
enum tui_role { TUI_ROLES(TUI_ROLE_ENUM) THEME_COUNT };
#undef TUI_ROLE_ENUM

/* A role's look as a config file sets it; unset fields keep the built-in default. */
struct theme_style {
	bool fg_set, bg_set, attr_set, mono_set;
	short fg, bg;               /* curses colour numbers; -1 = the terminal's default */
	attr_t attr;                /* with colour */
	attr_t mono;                /* without colour */
};

struct tui_theme {
	bool color;                 /* colour pairs in use */
	attr_t attr[THEME_COUNT];    /* attribute to draw each role with, pair included */
};

/* Sets up pairs when colour is wanted and the terminal has it; otherwise monochrome.
 * styles (THEME_COUNT entries, or NULL) override the built-in look per role. */
void theme_init(struct tui_theme *theme, bool want_color, const struct theme_style *styles);
/* The role with this config name ("timer-amber"), or -1. */
int theme_role_by_name(const char *name);
attr_t theme_attr(const struct tui_theme *theme, enum tui_role role);
/* The dump letter of a role, and the role a colour pair number stands for. */
char theme_role_letter(enum tui_role role);
enum tui_role theme_role_of_pair(int pair);

#endif
