/* browse_command: see browse_command.h. Parses the options, opens the database for
 * reading (STORE_READ: read-only media work too; a change of status in the register
 * then says it cannot be written), finds the organisation as report and search do
 * (store_organisation_find()), and hands over to the browser with the login name that
 * signs a change of status. */
#include "cli/browse_command.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sysexits.h>

#include "cli/database.h"
#include "cli/login_name.h"
#include "tui/browse.h"

const char browse_usage[] =
	"usage: klankbord browse [--organisation NAME] [--no-color] [--db PATH]\n"
	"\n"
	"A full-screen browser of every session in the database (docs/browse.md):\n"
	"the sessions newest first (day, organisation, title, contributions, status); Enter\n"
	"opens a session's items, then an item's contributions (entry number, speaker id,\n"
	"kind, codes, text; retracted ones marked) and its votes with their results;\n"
	"Backspace, Left or Esc go back up. / searches what was said (as klankbord search,\n"
	"matched words marked), f filters by #code, !kind and speaker id, x clears both.\n"
	"R opens the recommendations register of a session (with --organisation, on the\n"
	"sessions: of the organisation); s there changes an entry's status with a note, by\n"
	"your login name, as klankbord recs set does: the browser's one write (a session's log\n"
	"is never changed). ? or F1 lists every key; q or F10 leaves. Participants are shown by\n"
	"their id, never by name. Needs a terminal of at least 80x24.\n"
	"\n"
	"Options:\n"
	"  --organisation NAME  only that organisation's sessions (case-insensitive; a unique\n"
	"                       part of the name will do)\n"
	"  --no-color           no colours (also when NO_COLOR is set)\n"
	"\n"
	"Exit status:\n"
	"  0   done\n"
	"  66  no organisation matches\n"
	"  69  no usable terminal (TERM unset or dumb, not a terminal)\n"
	"  78  a config.yaml that cannot be read (its theme: colours the browser too)\n"
	DATABASE_EXIT_STATUS;

int browse_command(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "organisation", required_argument, NULL, 'o' }, { "no-color", no_argument, NULL, 'n' },
		{ "db", required_argument, NULL, 'd' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *organisation = NULL;
	struct browse_options browse = { 0 };
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'o': organisation = optarg; break;
		case 'n': browse.no_color = true; break;
		case 'd': db = optarg; break;
		case 'h': fputs(browse_usage, out); return 0;
		default:
			fprintf(err, "klankbord browse: unknown or incomplete option %s\n", argv[optind - 1]);
			fputs(browse_usage, err);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		fputs(browse_usage, err);
		return EX_USAGE;
	}
	struct store *store;
	int status = database_open(db, STORE_READ, &store, err);
	if (status != 0)
		return status;
	char message[1024];
	char *name = NULL;
	if (organisation)
		status = store_organisation_find(store, organisation, &name, message, sizeof message);
	browse.organisation = name;
	browse.by = login_name();
	if (status == 0)
		status = browse_run(store, &browse, message, sizeof message);
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	free(name);
	store_close(store);
	return status;
}
