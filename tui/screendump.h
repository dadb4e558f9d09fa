/* screendump: the current curses screen as text, for the headless screen tests of the
 * console and the room display (golden files under tests/tui/).
 *
 * Writes what the terminal shows (stdscr as last drawn; nothing is drawn here): the text
 * lines with trailing blanks cut, then "--- roles" and one line per row of theme role
 * letters (theme.h; '.' normal, trailing dots cut). Owns nothing. */
#ifndef KLANKBORD_SCREENDUMP_H
#define KLANKBORD_SCREENDUMP_H

#include <stdio.h>

void screendump_write(FILE *out);

#endif
