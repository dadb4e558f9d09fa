/* database: which database a command uses, and opening it with a message a person can act on.
 * The path comes from --db, else KLANKBORD_DB, else the default under $XDG_DATA_HOME. */
#ifndef KLANKBORD_CLI_DATABASE_H
#define KLANKBORD_CLI_DATABASE_H

#include <stdio.h>

#include "storage/store.h"

/* Opens the store at flag_path (may be NULL). Returns 0, or a sysexits code after printing
 * "klankbord: ..." to err. Warns on err when opening could not bring search and reports
 * up to date (store_projection_problem()). */
int database_open(const char *flag_path, struct store **out, FILE *err);

#endif
