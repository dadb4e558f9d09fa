/* backup_command: see backup_command.h. */
#include "cli/backup_command.h"

#include <getopt.h>
#include <sysexits.h>

#include "cli/database.h"

const char backup_usage[] =
	"usage: klankbord backup FILE [--db PATH]\n"
	"\n"
	"Copies the database to FILE while consoles may be writing to it (SQLite's online\n"
	"backup API: the copy is one consistent state, every line committed before it began).\n"
	"FILE is created readable by you only (mode 0600) and never replaces a file; the copy is\n"
	"checked (PRAGMA integrity_check) before it is reported. It is one self-contained file:\n"
	"to restore, use it with --db FILE, or put it in place of the database while no\n"
	"console runs (docs/privacy.md).\n"
	"\n"
	"Exit status:\n"
	"  0   done: the copy is complete and checked\n"
	"  73  FILE exists or cannot be created\n"
	DATABASE_EXIT_STATUS;

int backup_command(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'h': fputs(backup_usage, out); return 0;
		default:
			fprintf(err, "klankbord backup: unknown or incomplete option %s\n", argv[optind - 1]);
			fputs(backup_usage, err);
			return EX_USAGE;
		}
	}
	if (optind != argc - 1) {
		fputs("klankbord backup: name the file to copy to\n", err);
		return EX_USAGE;
	}
	struct store *store;
	int status = database_open(db, STORE_READ, &store, err);
	if (status != 0)
		return status;
	char message[1024];
	int64_t pages = 0;
	status = store_backup(store, argv[optind], &pages, message, sizeof message);
	if (status == 0)
		fprintf(out, "copied %s to %s (%lld pages, checked)\n", store_path(store), argv[optind], (long long)pages);
	else
		fprintf(err, "klankbord: %s\n", message);
	store_close(store);
	return status;
}
