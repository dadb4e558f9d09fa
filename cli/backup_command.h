/* backup_command: `klankbord backup FILE`: a consistent copy of the live database made with
 * SQLite's online backup API, created 0600 and checked before it is reported. */
#ifndef KLANKBORD_CLI_BACKUP_COMMAND_H
#define KLANKBORD_CLI_BACKUP_COMMAND_H

#include <stdio.h>

int backup_command(int argc, char **argv, FILE *out, FILE *err);
extern const char backup_usage[];

#endif
