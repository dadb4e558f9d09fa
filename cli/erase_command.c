/* erase_command: see erase_command.h. */
#include "cli/erase_command.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "cli/database.h"
#include "cli/login_name.h"
#include "sessions/session.h"
#include "sessions/session_erase.h"

const char erase_usage[] =
	"usage: klankbord erase SESSION PARTICIPANT [--yes] [--by NAME] [--vacuum] [--db PATH]\n"
	"       klankbord erase SESSION [--yes] [--by NAME] [--vacuum] [--db PATH]\n"
	"       klankbord erase --ended-before YYYY-MM-DD --yes [--by NAME] [--db PATH]\n"
	"       klankbord erase --scrub [--vacuum] [--db PATH]\n"
	"\n"
	"Erases one participant of an ended session (their name, community and languages,\n"
	"every contribution they made with every edit, the link from their ballots to them:\n"
	"each becomes an anonymous ballot, so every result stays as it was), or a whole session,\n"
	"or every session that ended before a date (a retention period). Every copy goes: the\n"
	"log, the derived tables, the search index, the agenda text kept with the session, the\n"
	"write-ahead log. The log keeps an erasure event: what was erased, when and by whom,\n"
	"with no personal data. See docs/privacy.md.\n"
	"\n"
	"Options:\n"
	"  --yes                do not ask (needed when standard input is not a terminal)\n"
	"  --by NAME            who erases, kept in the erasure event (default: your login name)\n"
	"  --ended-before DATE  erase every session that ended before DATE (UTC)\n"
	"  --vacuum             also rewrite the whole file (VACUUM); done anyway, once, for a\n"
	"                       database written by a klankbord before schema version 5\n"
	"  --scrub              only empty the -wal (and --vacuum), e.g. after exit status 75\n"
	"\n"
	"Exit status:\n"
	"  0   done: nothing of what was erased is left in the files\n"
	"  64  not confirmed (nothing was erased), or no --yes off a terminal\n"
	"  65  the session is still open (end it first)\n"
	"  66  no such session or participant, or erased already\n"
	"  75  erased, but another console kept the -wal from being emptied: close it and run\n"
	"      klankbord erase --scrub\n"
	DATABASE_EXIT_STATUS;

/* YYYY-MM-DD at 00:00 UTC in Unix milliseconds. */
static bool parse_date(const char *text, int64_t *ms)
{
	struct tm tm = { 0 };
	int y, m, d;
	char end;
	if (strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || m < 1 || m > 12 || d < 1
		|| d > 31 || y < 1970)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	time_t t = timegm(&tm);
	if (t == (time_t)-1 || tm.tm_mday != d)
		return false;
	*ms = (int64_t)t * 1000;
	return true;
}

/* On a terminal, asks; "yes" goes on. */
static bool confirmed(const char *what, FILE *err)
{
	fprintf(err, "Erase %s? Nothing of it can be brought back. Type yes to erase: ", what);
	fflush(err);
	char answer[16] = "";
	if (!fgets(answer, sizeof answer, stdin))
		return false;
	return strcmp(answer, "yes\n") == 0 || strcmp(answer, "yes") == 0;
}

static void say_done(const struct session_erase_report *r, FILE *out)
{
	fprintf(out, "erased %lld contribution(s), %lld event(s) from the log, %lld ballot(s) made anonymous in %d"
		" session(s)%s\n", (long long)r->erased.contributions, (long long)r->erased.events,
		(long long)r->erased.ballots, r->sessions, r->vacuumed ? "; the file was rewritten (VACUUM)" : "");
}

struct erase_args {
	const char *db, *by, *ended_before;
	bool yes, vacuum, scrub;
};

static int erase_parse(int argc, char **argv, struct erase_args *a, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "yes", no_argument, NULL, 'y' }, { "by", required_argument, NULL, 'b' },
		{ "ended-before", required_argument, NULL, 'e' }, { "vacuum", no_argument, NULL, 'v' },
		{ "scrub", no_argument, NULL, 's' }, { "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'y': a->yes = true; break;
		case 'b': a->by = optarg; break;
		case 'e': a->ended_before = optarg; break;
		case 'v': a->vacuum = true; break;
		case 's': a->scrub = true; break;
		case 'd': a->db = optarg; break;
		case 'h': fputs(erase_usage, out); return -1;
		default:
			fprintf(err, "klankbord erase: unknown or incomplete option %s\n", argv[optind - 1]);
			fputs(erase_usage, err);
			return EX_USAGE;
		}
	}
	int n = argc - optind;
	if ((a->ended_before || a->scrub) ? n != 0 : (n < 1 || n > 2)) {
		fputs("klankbord erase: name a session and maybe a participant, or give --ended-before DATE or --scrub"
			" (see klankbord help erase)\n", err);
		return EX_USAGE;
	}
	if (!a->yes && !a->scrub && (a->ended_before || !isatty(STDIN_FILENO))) {
		fputs("klankbord erase: give --yes to erase without being asked (standard input is not a terminal,"
			" or --ended-before was given)\n", err);
		return EX_USAGE;
	}
	return 0;
}

int erase_command(int argc, char **argv, FILE *out, FILE *err)
{
	struct erase_args a = { 0 };
	int status = erase_parse(argc, argv, &a, out, err);
	if (status)
		return status < 0 ? 0 : status;
	int64_t before = 0;
	if (a.ended_before && !parse_date(a.ended_before, &before)) {
		fprintf(err, "klankbord erase: --ended-before takes a date YYYY-MM-DD, not %.40s\n", a.ended_before);
		return EX_USAGE;
	}
	struct store *store;
	if ((status = database_open(a.db, STORE_WRITE, &store, err)))
		return status;
	struct session_erase_options o = { .by = a.by ? a.by : login_name(), .console = "erase",
		.at_ms = session_clock_system().now_ms(NULL), .vacuum = a.vacuum };
	struct session_erase_report report = { 0 };
	char message[1024] = "";
	if (a.scrub) {
		bool vacuumed;
		status = store_scrub(store, a.vacuum, &vacuumed, message, sizeof message);
		if (!status)
			fprintf(out, "the -wal is empty%s\n", vacuumed ? "; the file was rewritten (VACUUM)" : "");
	} else if (a.ended_before) {
		char (*ids)[STORE_UUID_LEN + 1] = NULL;
		int n = 0;
		status = store_sessions_ended_before(store, before, &ids, &n, message, sizeof message);
		if (!status)
			status = session_erase_sessions(store, (const char (*)[STORE_UUID_LEN + 1])ids, n, &o, &report, message,
				sizeof message);
		free(ids);
		if (!status)
			say_done(&report, out);
	} else {
		char id[STORE_UUID_LEN + 1];
		const char *participant = optind + 1 < argc ? argv[optind + 1] : NULL;
		status = store_find_session(store, argv[optind], id, message, sizeof message);
		char what[128];
		snprintf(what, sizeof what, "%s%.20s of session %.8s", participant ? "participant " : "",
			participant ? participant : "everything", id);
		if (!status && !a.yes && !confirmed(what, err)) {
			fputs("klankbord erase: nothing was erased\n", err);
			status = EX_USAGE;
			message[0] = '\0';
		} else if (!status) {
			status = session_erase(store, id, participant, &o, &report, message, sizeof message);
		}
		if (!status)
			say_done(&report, out);
	}
	if (status && message[0])
		fprintf(err, "klankbord: %s\n", message);
	store_close(store);
	return status;
}
