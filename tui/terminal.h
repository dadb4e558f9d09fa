/* terminal: whether the console can start on this process's terminal, asked before
 * anything is written: `klankbord run` must not start a session (and `resume` must not
 * touch one) when the console then cannot open.
 *
 * Owns the checks only (TERM set and not "dumb", a terminfo entry for it, a terminal on
 * standard input and output); never draws, never changes the terminal, never exits. */
#ifndef KLANKBORD_TERMINAL_H
#define KLANKBORD_TERMINAL_H

#include <stddef.h>

/* 0 when the console can start, or EX_UNAVAILABLE with a message saying why and what to
 * do instead (--batch). */
int terminal_check(char *err, size_t errlen);

#endif
