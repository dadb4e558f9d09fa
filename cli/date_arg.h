/* date_arg: the --from and --to of search and report. A date is YYYY-MM-DD and must exist
 * in the calendar (2026-02-30 and 2026-13-01 do not); --from after --to is refused.
 * Prints its messages to the err it is given; never exits. */
#ifndef KLANKBORD_CLI_DATE_ARG_H
#define KLANKBORD_CLI_DATE_ARG_H

#include <stdbool.h>
#include <stdio.h>

/* True for a date of the form YYYY-MM-DD that exists (leap years included). */
bool date_arg_valid(const char *date);
/* Checks both bounds (either may be NULL): 0, or EX_USAGE after a message naming the
 * command and the option. */
int date_arg_check(const char *command, const char *from, const char *to, FILE *err);

#endif
