/* erase_command: `klankbord erase`: a participant of a session, a whole session, or every
 * session that ended before a date. What is erased and how: docs/privacy.md. */
#ifndef KLANKBORD_CLI_ERASE_COMMAND_H
#define KLANKBORD_CLI_ERASE_COMMAND_H

#include <stdio.h>

int erase_command(int argc, char **argv, FILE *out, FILE *err);
extern const char erase_usage[];

#endif
