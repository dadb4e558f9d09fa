/* erase_command: `klankbord erase`: a participant of a session, a whole session, or every
 * session that ended before a date; and `klankbord consent`, consent given or withdrawn
 * after a session. What is erased and how: docs/privacy.md. */
#ifndef KLANKBORD_CLI_ERASE_COMMAND_H
#define KLANKBORD_CLI_ERASE_COMMAND_H

#include <stdio.h>

int erase_command(int argc, char **argv, FILE *out, FILE *err);
extern const char erase_usage[];
int consent_command(int argc, char **argv, FILE *out, FILE *err);
extern const char consent_usage[];

#endif
