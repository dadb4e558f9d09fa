/* terminal_text: stored text made safe to print on a terminal by the command-line
 * commands: control characters (C0, DEL, C1) become visible ^X / <U+XXXX> forms, so no
 * escape sequence in a participant's text can reach the terminal. The console (tui/)
 * has its own width-aware drawing; this is for plain line output. */
#ifndef KLANKBORD_CLI_TERMINAL_TEXT_H
#define KLANKBORD_CLI_TERMINAL_TEXT_H

/* A malloc'd safe copy of text (UTF-8); invalid bytes become U+FFFD. NULL when out of memory. */
char *text_for_terminal(const char *text);

#endif
