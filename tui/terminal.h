/* terminal: whether the console can start on this process's terminal, asked before
 * anything is written: `klankbord run` must not start a session (and `resume` must not
 * touch one) when the console then cannot open.
 *
 * Owns the checks only (TERM set and not "dumb", a terminfo entry for it, a terminal on
 * standard input and output), what every full-screen program here asks of the
 * environment before it starts curses (a UTF-8 character type, whether colour is
 * wanted), and the two conversions of a character ncurses asks libc for (below); never
 * draws, never changes the terminal, never exits. */
#ifndef KLANKBORD_TERMINAL_H
#define KLANKBORD_TERMINAL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

/* 0 when a full-screen program can start, or EX_UNAVAILABLE with a message saying why:
 * program names it ("the console"), instead (or NULL) what to do without a terminal
 * ("record lines with --batch instead"). Each program passes its TERMINAL_FOR_* pair. */
int terminal_check(const char *program, const char *instead, char *err, size_t errlen);
#define TERMINAL_FOR_CONSOLE "the console", "record lines with --batch instead"
#define TERMINAL_FOR_DISPLAY "the display", NULL
#define TERMINAL_FOR_BROWSER "the browser", "use klankbord list, show and search instead"
/* The character type from the environment (see cli/main.c); wide text needs a UTF-8
 * LC_CTYPE, so C.UTF-8 when the environment's is not. */
void terminal_locale(void);
/* False when colour is turned off: by the program's option (no_color), or by NO_COLOR
 * set and not empty. */
bool terminal_want_color(bool no_color);

/* While a full-screen program runs, SIGINT, SIGTERM and SIGHUP only set a flag (the
 * program's one mutable global: a handler can reach nothing else); the loop sees it with
 * terminal_signal(), restores the terminal and returns. Never calls curses. */
struct terminal_signals {
	struct sigaction old[3];
};
void terminal_signals_catch(struct terminal_signals *saved);
/* The signal caught since terminal_signals_catch(), or 0. */
int terminal_signal(void);
void terminal_signals_restore(const struct terminal_signals *saved);

#endif
