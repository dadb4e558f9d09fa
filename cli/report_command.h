/* report_command: `klankbord report`: contributions per code and kind across sessions,
 * for one organisation and/or a date range; JSON with --json. */
#ifndef KLANKBORD_CLI_REPORT_COMMAND_H
#define KLANKBORD_CLI_REPORT_COMMAND_H

#include <stdio.h>

int report_command(int argc, char **argv, FILE *out, FILE *err);
extern const char report_usage[];

#endif
