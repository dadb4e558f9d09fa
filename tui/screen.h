/* screen: what every full-screen program of klankbord (the console, the history browser)
 * does the same way with curses, said once: the character type it needs, whether colour
 * is wanted, the virtual screen of the headless tests and its text dump, and the signal
 * flag. SIGINT, SIGTERM and SIGHUP only set that flag (the program's one mutable global:
 * a signal handler can reach nothing else); the loop that caught them reads it and ends.
 * Owns nothing else; never draws. */
#ifndef KLANKBORD_SCREEN_H
#define KLANKBORD_SCREEN_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <curses.h>

/* The character type from the environment (see cli/main.c); wide text needs a UTF-8
 * LC_CTYPE, so it falls back to C.UTF-8. */
void screen_locale(void);
/* False when no_color is set or NO_COLOR is set and not empty. */
bool screen_want_color(bool no_color);
/* Writes the current screen as text lines (trailing blanks cut), then "--- roles" and one
 * line per row of theme role letters (theme.h; '.' normal, trailing dots cut). Reads
 * what the terminal would show; draws nothing. */
void screen_dump(FILE *out);
/* Opens a virtual screen of rows x cols on terminfo "xterm-256color" that draws to
 * /dev/null, and makes it current. False with err set (nothing left open) when it cannot. */
bool screen_open_virtual(SCREEN **screen, FILE **out, FILE **in, int rows, int cols, char *err, size_t errlen);

/* The handlers in force before screen_signals_catch(), for screen_signals_restore(). */
struct screen_signals {
	struct sigaction old[3];
};
/* From now on SIGINT, SIGTERM and SIGHUP set the flag and do nothing else; clears it. */
void screen_signals_catch(struct screen_signals *saved);
void screen_signals_restore(const struct screen_signals *saved);
/* The signal caught since screen_signals_catch(), or 0. */
int screen_signal(void);

#endif
