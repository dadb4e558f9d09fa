/* check: `klankbord check FILE...`: loads agendas and reports every problem. */
#ifndef KLANKBORD_CLI_CHECK_H
#define KLANKBORD_CLI_CHECK_H

#include <stdio.h>

/* Runs the command; returns 0, EX_USAGE, EX_DATAERR (some file invalid) or EX_NOINPUT. */
int check_command(int argc, char **argv, FILE *out, FILE *err);
extern const char check_usage[];

#endif
