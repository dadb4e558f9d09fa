/* database: which database a command uses, and opening it with a message a person can act on.
 * The path comes from --db, else KLANKBORD_DB, else the default under $XDG_DATA_HOME. */
#ifndef KLANKBORD_CLI_DATABASE_H
#define KLANKBORD_CLI_DATABASE_H

#include <stdio.h>

#include "storage/store.h"

/* The exit statuses that opening and reading the database can give, one per line, for the
 * "Exit status:" list of every command that opens it (man/klankbord.1 lists the same; tests/e2e/
 * exit_status.sh checks that they agree). */
#define DATABASE_EXIT_STATUS \
	"  64  usage error; also no --db, no KLANKBORD_DB and no HOME to find the database by\n" \
	"  65  a damaged, foreign or tampered database (docs/robustness.md)\n" \
	"  66  no such database or session\n" \
	"  70  internal error (a bug: please report it)\n" \
	"  71  out of memory\n" \
	"  73  the database cannot be created, or is not a file\n" \
	"  74  database error (read-only where it must be written, disk full)\n" \
	"  75  another console kept the database busy\n" \
	"  77  no permission to open the database\n"

/* Opens the store at flag_path (may be NULL) in mode (STORE_WRITE for consoles, STORE_READ
 * for commands that only read: those work on read-only media too). Returns 0, or a
 * sysexits code after printing "klankbord: ..." to err: EX_USAGE when no path is given and
 * there is no HOME to find the default. Warns on err when opening could not bring search
 * and reports up to date (store_projection_problem()) and about what the opening check saw
 * (store_notice()). */
int database_open(const char *flag_path, enum store_mode mode, struct store **out, FILE *err);

#endif
