/* consent_command: see consent_command.h. The line is the console's own (/consent), so
 * both paths are one handler (sessions/session_commands.c). */
#include "cli/consent_command.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/database.h"
#include "cli/terminal_text.h"
#include "sessions/session.h"

const char consent_usage[] =
	"usage: klankbord consent SESSION PARTICIPANT --quotes yes|no [--db PATH]\n"
	"\n"
	"Records that participant gives (yes) or withdraws (no) consent to be quoted, after the\n"
	"session as /consent ID quotes yes|no does during it: a consent event with its time.\n"
	"Every export, report and search from then on follows it: without consent, what they\n"
	"said is shown without attribution.\n"
	"\n"
	"Exit status:\n"
	"  0   done\n"
	DATABASE_EXIT_STATUS;

int consent_command(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "quotes", required_argument, NULL, 'q' }, { "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *quotes = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'q': quotes = optarg; break;
		case 'd': db = optarg; break;
		case 'h': fputs(consent_usage, out); return 0;
		default:
			fprintf(err, "klankbord consent: unknown or incomplete option %s\n", argv[optind - 1]);
			fputs(consent_usage, err);
			return EX_USAGE;
		}
	}
	if (argc - optind != 2 || !quotes || (strcmp(quotes, "yes") != 0 && strcmp(quotes, "no") != 0)) {
		fputs("klankbord consent: name a session and a participant and give --quotes yes or --quotes no\n", err);
		return EX_USAGE;
	}
	struct store *store;
	int status = database_open(db, STORE_WRITE, &store, err);
	if (status)
		return status;
	struct session *session = NULL;
	char message[SESSION_MESSAGE_MAX];
	status = session_load(store, argv[optind], false, "consent", session_clock_system(), &session, message,
		sizeof message);
	struct session_result result = { 0 };
	if (!status) {
		char line[128];
		int n = snprintf(line, sizeof line, "/consent %.20s quotes %s", argv[optind + 1], quotes);
		status = session_apply_line(session, line, (size_t)n, &result);
		snprintf(message, sizeof message, "%s", result.message);
	}
	if (!status)
		status = session_settle(session, 1, message, sizeof message);
	if (!status) {
		char *said = text_for_terminal(result.message);
		fprintf(out, "%s\n", said ? said : "done");
		free(said);
	} else {
		fprintf(err, "klankbord: %s\n", message);
	}
	session_free(session);
	store_close(store);
	return status;
}
