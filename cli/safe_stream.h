/* safe_stream: the point where klankbord's text reaches a terminal. main() wraps standard
 * output and standard error in a safe stream before any command runs, so every byte any
 * command writes passes the one rule of config/textsafe.h on its way out: controls,
 * bidirectional overrides and invisible characters become visible marks ("␛", "�"), and
 * bytes that are not UTF-8 become U+FFFD, whatever the text came from (an agenda, a
 * capture line, the database, the command line) and whatever the command. Line feeds,
 * tabs and the carriage return of a CR LF line end (CSV) pass as they are.
 *
 * Text the program writes itself is plain ASCII and UTF-8 and passes unchanged; JSON is
 * already escaped (sessions/json.c) and passes unchanged. Binary output (a zip) must not
 * go through it: such formats are written to a file named with -o. The console (tui/)
 * draws through curses on the terminal itself and applies the same rule per character.
 * Owns its small state; closing the stream flushes it and leaves the underlying stream open. */
#ifndef KLANKBORD_CLI_SAFE_STREAM_H
#define KLANKBORD_CLI_SAFE_STREAM_H

#include <stdio.h>

/* A stream that writes to raw through the rule; unbuffered itself, so its text reaches raw
 * in the order it is written, and every write that ends a line flushes raw (a caller's
 * fflush() of the safe stream reaches nothing below it). NULL when out of memory. */
FILE *safe_stream_open(FILE *raw);

#endif
