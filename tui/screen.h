/* screen: what every full-screen program of klankbord (the console, the history browser)
 * does the same way with curses, said once: the character type it needs, whether colour
 * is wanted, and the text dump of the screen that golden tests compare.
 * Owns nothing; never draws. */
#ifndef KLANKBORD_SCREEN_H
#define KLANKBORD_SCREEN_H

#include <stdbool.h>
#include <stdio.h>

/* The character type from the environment (see cli/main.c); wide text needs a UTF-8
 * LC_CTYPE, so it falls back to C.UTF-8. */
void screen_locale(void);
/* False when no_color is set or NO_COLOR is set and not empty. */
bool screen_want_color(bool no_color);
/* Writes the current screen as text lines (trailing blanks cut), then "--- roles" and one
 * line per row of theme role letters (theme.h; '.' normal, trailing dots cut). Reads
 * what the terminal would show; draws nothing. */
void screen_dump(FILE *out);

#endif
