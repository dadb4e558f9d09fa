/* live: `klankbord run AGENDA` and `klankbord resume [SESSION]`: a session fed from the
 * console, or from lines of text with --batch FILE (- for standard input). */
#ifndef KLANKBORD_CLI_LIVE_H
#define KLANKBORD_CLI_LIVE_H

#include <stdio.h>

int live_run_command(int argc, char **argv, FILE *out, FILE *err);
int live_resume_command(int argc, char **argv, FILE *out, FILE *err);
extern const char live_run_usage[];
extern const char live_resume_usage[];

#endif
