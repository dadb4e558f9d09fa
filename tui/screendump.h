/* screendump: the headless screens of the console and the room display for their screen
 * tests (golden files under tests/tui/): a virtual screen, and the current curses screen
 * as text.
 *
 * Writes what the terminal shows (stdscr as last drawn; nothing is drawn here): the text
 * lines with trailing blanks cut, then "--- roles" and one line per row of theme role
 * letters (theme.h; '.' normal, trailing dots cut). A virtual screen owns its curses
 * SCREEN and the two files it runs on until screendump_close(). */
#ifndef KLANKBORD_SCREENDUMP_H
#define KLANKBORD_SCREENDUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <curses.h>

struct screendump_screen {
	SCREEN *screen;
	FILE *out, *in;           /* /dev/null */
};

/* Opens a rows x cols screen on terminfo "xterm-256color" that draws to /dev/null and
 * makes it the current one. False with err set when it cannot (nothing stays open). */
bool screendump_open(struct screendump_screen *v, int rows, int cols, char *err, size_t errlen);
/* Ends curses on it and closes its files; safe on a zeroed or failed one. */
void screendump_close(struct screendump_screen *v);
void screendump_write(FILE *out);

#endif
