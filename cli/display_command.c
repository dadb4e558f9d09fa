/* display_command: see display_command.h. */
#include "cli/display_command.h"

#include <getopt.h>
#include <stdbool.h>
#include <sysexits.h>

#include "cli/database.h"
#include "sessions/session.h"
#include "tui/display.h"
#include "tui/terminal.h"

const char display_usage[] =
	"usage: klankbord display [SESSION] [--db PATH] [--mono]\n"
	"\n"
	"Shows an open session on a projector or a second screen, for the room: the session\n"
	"title, the current item's title and prompts in big letters, its time left as a big\n"
	"clock (amber from 20% left, red once over), the open vote's question, options and\n"
	"live bars (none while the agenda hides its results), its result once it closes, and\n"
	"the recommendations recorded on the item. It never shows a participant's name, id or\n"
	"community, nor who voted how. It only reads, and follows the consoles within a\n"
	"second; when the session ends it says so until a key. SESSION is a unique prefix of\n"
	"its id (see klankbord list); without it, the most recently started open session.\n"
	"\n"
	"Options:\n"
	"  --db PATH           the database\n"
	"  --mono, --no-color  monochrome: bold and reverse, no colours (also when NO_COLOR\n"
	"                      is set; m switches it on the screen)\n"
	"\n"
	"Keys: q or F10 leaves, + and - make the text bigger or smaller, m switches\n"
	"monochrome, ? lists the keys, Ctrl-L redraws.\n"
	"\n"
	"Exit status:\n"
	"  0   done (q, F10, or a key once the session has ended)\n"
	"  65  a session that has ended\n"
	"  69  no usable terminal\n"
	"  75  interrupted by a signal\n"
	DATABASE_EXIT_STATUS;

int display_command(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' }, { "mono", no_argument, NULL, 'm' },
		{ "no-color", no_argument, NULL, 'm' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	struct display_options o = { 0 };
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'm': o.mono = true; break;
		case 'h': fputs(display_usage, out); return 0;
		default:
			fprintf(err, "klankbord display: unknown or incomplete option %s\n", argv[optind - 1]);
			fputs(display_usage, err);
			return EX_USAGE;
		}
	}
	if (argc - optind > 1) {
		fputs("klankbord display: name at most one session\n", err);
		fputs(display_usage, err);
		return EX_USAGE;
	}
	const char *prefix = optind < argc ? argv[optind] : NULL;
	char message[SESSION_MESSAGE_MAX];
	int status = terminal_check(TERMINAL_FOR_DISPLAY, message, sizeof message);
	if (status) {
		fprintf(err, "klankbord: %s\n", message);
		return status;
	}
	struct store *store = NULL;
	struct session *session = NULL;
	status = database_open(db, STORE_READ, &store, err);
	if (status == 0) {
		status = session_load(store, prefix, false, "display", session_clock_system(), &session, message,
			sizeof message);
		if (status != 0)
			fprintf(err, "klankbord: %s\n", message);
	}
	if (status == 0 && session->ended) {
		fprintf(err, "klankbord: session %.8s (%s) has ended; there is nothing to display"
			" (klankbord show %.8s gives its report)\n", session->id, session->agenda->session.title, session->id);
		status = EX_DATAERR;
	}
	if (status == 0) {
		status = display_run(session, &o, message, sizeof message);
		if (status != 0)
			fprintf(err, "klankbord: %s\n", message);
	}
	session_free(session);
	store_close(store);
	return status;
}
