/* recs_command: `klankbord recs`: the recommendations register across sessions (docs/
 * recommendations.md): list it, show one recommendation with its history, change a
 * status (through recs_set_status(), sessions/recs.h). Text output passes the safe
 * stream main() gives it; JSON is escaped. */
#ifndef KLANKBORD_CLI_RECS_COMMAND_H
#define KLANKBORD_CLI_RECS_COMMAND_H

#include <stdio.h>

int recs_command(int argc, char **argv, FILE *out, FILE *err);
extern const char recs_usage[];

#endif
