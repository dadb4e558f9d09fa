/* database: which database a command uses, and opening it with a message a person can act on.
 * The path comes from --db, else KLANKBORD_DB, else the default under $XDG_DATA_HOME. */
#ifndef KLANKBORD_CLI_DATABASE_H
#define KLANKBORD_CLI_DATABASE_H

#include <stdio.h>

#include "storage/store.h"

/* Opens the store at flag_path (may be NULL) in mode (STORE_WRITE for consoles, STORE_READ
 * for commands that only read: those work on read-only media too). Returns 0, or a
 * sysexits code after printing "klankbord: ..." to err: EX_USAGE when no path is given and
 * there is no HOME to find the default. Warns on err when opening could not bring search
 * and reports up to date (store_projection_problem()) and about what the opening check saw
 * (store_notice()). */
int database_open(const char *flag_path, enum store_mode mode, struct store **out, FILE *err);

#endif
