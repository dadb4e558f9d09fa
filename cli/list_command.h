/* list_command: `klankbord list`: one line per session, or JSON with --json. */
#ifndef KLANKBORD_CLI_LIST_COMMAND_H
#define KLANKBORD_CLI_LIST_COMMAND_H

#include <stdio.h>

int list_command(int argc, char **argv, FILE *out, FILE *err);
extern const char list_usage[];

#endif
