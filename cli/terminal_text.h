/* terminal_text: text from outside made safe to print on a terminal by the command-line
 * commands, by the one rule of config/textsafe.h: controls, bidirectional overrides and
 * invisible characters become visible marks (ESC as "␛", C1 and U+202E as "�"), so no
 * escape sequence in an agenda, a participant's text or an argument can reach the
 * terminal. The console (tui/) draws by the same rule with its own width-aware code;
 * this is for plain line output. */
#ifndef KLANKBORD_CLI_TERMINAL_TEXT_H
#define KLANKBORD_CLI_TERMINAL_TEXT_H

#include <stdbool.h>
#include <stdio.h>

/* A malloc'd safe copy of text (UTF-8); invalid bytes become U+FFFD. NULL when out of memory. */
char *text_for_terminal(const char *text);

/* True when out, the standard output a command was given, is a terminal. main() hands
 * commands standard output behind a safe stream (safe_stream.h), which has no file
 * descriptor of its own: then standard output's is asked. */
bool output_is_terminal(FILE *out);

#endif
