/* report_command: `klankbord report`: the report across sessions (the matrix of domains by
 * sessions, the domains that recur, obstacles and successes with consented quotes, the
 * recommendations and the votes on their items) for one organisation, a date range or
 * named sessions, as text, Markdown, JSON, CSV or HTML (out/report_*.h). */
#ifndef KLANKBORD_CLI_REPORT_COMMAND_H
#define KLANKBORD_CLI_REPORT_COMMAND_H

#include <stdio.h>

int report_command(int argc, char **argv, FILE *out, FILE *err);
extern const char report_usage[];

#endif
