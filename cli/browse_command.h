/* browse_command: `klankbord browse`: the history browser (tui/browse.h) on the database. */
#ifndef KLANKBORD_CLI_BROWSE_COMMAND_H
#define KLANKBORD_CLI_BROWSE_COMMAND_H

#include <stdio.h>

int browse_command(int argc, char **argv, FILE *out, FILE *err);
extern const char browse_usage[];

#endif
