/* show_command: `klankbord show SESSION`: the session's Markdown report (out/export_md.h)
 * on the terminal, paged through $PAGER when standard output is a terminal and PAGER is
 * set, as git does. Every line passes text_for_terminal() (cli/terminal_text.h) on its
 * way out, so no escape sequence or control character from stored text reaches the
 * terminal, paged or not. Writes nothing to the database. */
#ifndef KLANKBORD_CLI_SHOW_COMMAND_H
#define KLANKBORD_CLI_SHOW_COMMAND_H

#include <stdio.h>

int show_command(int argc, char **argv, FILE *out, FILE *err);
extern const char show_usage[];

#endif
