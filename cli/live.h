/* live: `klankbord run AGENDA`, `klankbord resume [SESSION]` and `klankbord join
 * [SESSION]`: a session fed from the console, or from lines of text with --batch FILE
 * (- for standard input). Each claims its console's name first (session_claim()). */
#ifndef KLANKBORD_CLI_LIVE_H
#define KLANKBORD_CLI_LIVE_H

#include <stdio.h>

int live_run_command(int argc, char **argv, FILE *out, FILE *err);
int live_resume_command(int argc, char **argv, FILE *out, FILE *err);
int live_join_command(int argc, char **argv, FILE *out, FILE *err);
extern const char live_run_usage[];
extern const char live_resume_usage[];
extern const char live_join_usage[];

#endif
