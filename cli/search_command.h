/* search_command: `klankbord search QUERY`: full-text search across every session, newest
 * first, with the session, speaker and a snippet per hit; JSON with --json. */
#ifndef KLANKBORD_CLI_SEARCH_COMMAND_H
#define KLANKBORD_CLI_SEARCH_COMMAND_H

#include <stdio.h>

int search_command(int argc, char **argv, FILE *out, FILE *err);
extern const char search_usage[];

#endif
