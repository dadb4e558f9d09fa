/* live: see live.h. Opens the database, starts or reopens the session, and hands it to
 * the console or to batch_run(). */
#include "cli/live.h"

#include <getopt.h>
#include <stdbool.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/batch.h"
#include "cli/database.h"
#include "config/agenda.h"
#include "out/iso_time.h"
#include "sessions/session.h"
#include "tui/console.h"
#include "tui/terminal.h"

#define LIVE_OPTIONS_HEAD \
	"Options:\n" \
	"  --db PATH        the database (default: $KLANKBORD_DB, else\n" \
	"                   $XDG_DATA_HOME/klankbord/klankbord.db)\n" \
	"  --batch FILE     read capture lines from FILE (- for standard input) instead of\n" \
	"                   opening the console; prints \"ok SEQ\" per committed line\n" \
	"  --skip-stored    with --batch: skip the input lines this console already stored\n" \
	"                   in the session (each event keeps its input line number), so that\n" \
	"                   input sent again after a crash is stored exactly once\n"

#define LIVE_OPTIONS_TAIL \
	"  --no-color       no colours (also when NO_COLOR is set)\n" \
	"  --mouse          clicks select a panel, the wheel scrolls (off by default)\n" \
	"  --config FILE    the console's colours and keys (default:\n" \
	"                   $XDG_CONFIG_HOME/klankbord/config.yaml; see docs/console.md)\n" \
	"\n" \
	"Exit status:\n" \
	"  0   done\n" \
	"  65  a bad agenda, refused lines, or (resume, join) a session that has ended\n" \
	"  69  no usable terminal\n" \
	"  74  an acknowledgement that cannot be written (the line is stored)\n" \
	"  75  interrupted by a signal (the session stays open), or the console's name\n" \
	"      is taken by a console that is open now (choose another name)\n" \
	"  78  a bad config file\n" \
	DATABASE_EXIT_STATUS

#define LIVE_OPTIONS LIVE_OPTIONS_HEAD \
	"  --console NAME   this console's name in the log (default: console, or batch),\n" \
	"                   one word; refused while a console of that name is open\n" \
	LIVE_OPTIONS_TAIL

const char live_run_usage[] =
	"usage: klankbord run AGENDA [--resume | --new] [--db PATH] [--batch FILE [--skip-stored]]\n"
	"                     [--console NAME] [--no-color] [--mouse] [--config FILE]\n"
	"\n"
	"Starts a new session from an agenda file and opens the console on it. When a session\n"
	"of the same agenda is still open, the console asks whether to resume it; --batch\n"
	"warns and starts a new one. The console that starts a session leads it (see join).\n"
	"The first screen of a new session shows what earlier sessions of the same\n"
	"organisation recommended, with each status (klankbord recs) until the first key;\n"
	"F12 brings it back.\n"
	"\n"
	"  --resume         resume the open session of this agenda if there is one\n"
	"  --new            start a new session without asking\n"
	"\n" LIVE_OPTIONS;

const char live_resume_usage[] =
	"usage: klankbord resume [SESSION] [--db PATH] [--batch FILE [--skip-stored]] [--console NAME] [--no-color]\n"
	"                        [--mouse] [--config FILE]\n"
	"\n"
	"Reopens an open session at its current item, timers rebuilt from the log (after a\n"
	"crash too). SESSION is a unique prefix of its id (see klankbord list); without it,\n"
	"the most recently started open session.\n"
	"\n" LIVE_OPTIONS;

const char live_join_usage[] =
	"usage: klankbord join [SESSION] [--as NAME] [--db PATH] [--batch FILE [--skip-stored]] [--no-color]\n"
	"                      [--mouse] [--config FILE]\n"
	"\n"
	"Opens another console on an open session (the most recently started open one, or\n"
	"SESSION, a unique prefix of its id), beside the ones already open: a note-taker's\n"
	"beside the facilitator's, on this computer or over SSH on the same host. Every\n"
	"console sees the others' lines within a second. The console that started the session\n"
	"leads: only it moves through the agenda, changes times, opens and closes votes and\n"
	"ends the session, until /handover NAME passes the lead (or /lead takes it when the\n"
	"leading console is not open any more). The others record contributions, notes,\n"
	"ballots and recommendations.\n"
	"\n"
	LIVE_OPTIONS_HEAD
	"  --as NAME        this console's name in the log, one word (default: the first\n"
	"                   console-2, console-3, ... the session never had); refused while\n"
	"                   a console of that name is open. Joining again after a lost\n"
	"                   connection under the same name continues that console (its\n"
	"                   /undo, and the lead if it led)\n"
	LIVE_OPTIONS_TAIL;

struct live_options {
	const char *db, *batch, *console, *config;
	bool no_color, mouse, skip_stored, resume, fresh;
	bool followup;               /* a new session: show the organisation's earlier recommendations */
};

/* Parses options; returns -1 to go on, or an exit status. */
static int parse_options(int argc, char **argv, const char *usage, struct live_options *o, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' }, { "batch", required_argument, NULL, 'b' },
		{ "console", required_argument, NULL, 'c' }, { "no-color", no_argument, NULL, 'n' },
		{ "mouse", no_argument, NULL, 'm' }, { "config", required_argument, NULL, 'C' },
		{ "skip-stored", no_argument, NULL, 's' }, { "resume", no_argument, NULL, 'r' },
		{ "new", no_argument, NULL, 'N' }, { "help", no_argument, NULL, 'h' }, { "as", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	bool run = usage == live_run_usage, join = usage == live_join_usage;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 'b': o->batch = optarg; break;
		case 'c':
		case 'a':
			if (join != (c == 'a')) {
				fprintf(err, "klankbord %s: the console's name is --%s NAME here\n", argv[0], join ? "as" : "console");
				fputs(usage, err);
				return EX_USAGE;
			}
			o->console = optarg;
			break;
		case 'n': o->no_color = true; break;
		case 'm': o->mouse = true; break;
		case 'C': o->config = optarg; break;
		case 's': o->skip_stored = true; break;
		case 'r':
		case 'N':
			if (!run) {
				fprintf(err, "klankbord %s: --%s is an option of run\n", argv[0], c == 'r' ? "resume" : "new");
				fputs(usage, err);
				return EX_USAGE;
			}
			if (c == 'r')
				o->resume = true;
			else
				o->fresh = true;
			break;
		case 'h': fputs(usage, out); return 0;
		default:
			fprintf(err, "klankbord %s: unknown or incomplete option %s\n", argv[0], argv[optind - 1]);
			fputs(usage, err);
			return EX_USAGE;
		}
	}
	if (o->skip_stored && !o->batch) {
		fprintf(err, "klankbord %s: --skip-stored goes with --batch FILE\n", argv[0]);
		return EX_USAGE;
	}
	if (o->console && (strlen(o->console) == 0 || strlen(o->console) > SESSION_CONSOLE_MAX)) {
		fprintf(err, "klankbord: --%s takes a name of 1 to %d characters\n", join ? "as" : "console",
			SESSION_CONSOLE_MAX);
		return EX_USAGE;
	}
	return -1;
}

/* Before anything is written: the console must be able to start (a session started for
 * a console that then cannot open would be picked up by a plain resume). */
static int check_console(const struct live_options *o, FILE *err)
{
	char message[512];
	int status = o->batch ? 0 : terminal_check(TERMINAL_FOR_CONSOLE, message, sizeof message);
	if (status)
		fprintf(err, "klankbord: %s\n", message);
	return status;
}

/* Runs the console or the batch on an open session, once its name is this process's
 * (fresh_name: join without --as picks one). */
static int drive(struct session *session, const struct live_options *o, bool fresh_name, FILE *out, FILE *err)
{
	char message[SESSION_MESSAGE_MAX];
	int claimed = session_claim(session, fresh_name, message, sizeof message);
	if (claimed) {
		fprintf(err, "klankbord: %s\n", message);
		return claimed;
	}
	if (fresh_name && o->batch)
		fprintf(err, "klankbord: joined session %.8s as %s\n", session->id, session->console);
	if (o->batch) {
		FILE *in = strcmp(o->batch, "-") == 0 ? stdin : fopen(o->batch, "r");
		if (!in) {
			fprintf(err, "klankbord: cannot open %s: %m\n", o->batch);
			return EX_NOINPUT;
		}
		int status = batch_run(session, in, o->skip_stored, out, err);
		if (in != stdin)
			fclose(in);
		return status;
	}
	struct console_options options = { .no_color = o->no_color, .mouse = o->mouse, .config_path = o->config,
		.followup = o->followup };
	int status = console_run(session, &options, message, sizeof message);
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	bool console_ran = status == 0 || status == EX_TEMPFAIL || status == EX_IOERR;
	if (console_ran && !session->ended && !fresh_name && strcmp(session->console, "console") == 0)
		fprintf(out, "Session %.8s is still open; continue it with: klankbord resume %.8s\n", session->id,
			session->id);
	else if (console_ran && !session->ended)
		fprintf(out, "Session %.8s is still open; open this console again with: klankbord join %.8s --as %s\n",
			session->id, session->id, session->console);
	return status;
}

/* The most recently started open session of this agenda (the same text), into id;
 * false when there is none. */
static bool open_session_of(struct store *store, const struct agenda *agenda, char id[STORE_UUID_LEN + 1],
	int *n_contributions)
{
	struct store_session_info *list;
	int n;
	char message[SESSION_MESSAGE_MAX];
	bool found = false;
	if (store_session_list(store, &list, &n, message, sizeof message) != 0)
		return false;
	int64_t newest = 0;
	for (int i = 0; i < n; i++) {
		struct store_session_info info;
		if (list[i].ended || list[i].started_ms < newest
			|| store_session_get_uncounted(store, list[i].id, &info, message, sizeof message) != 0)
			continue;
		if (info.agenda_len == agenda->source_len && memcmp(info.agenda_yaml, agenda->source, info.agenda_len) == 0) {
			found = true;
			newest = list[i].started_ms;
			memcpy(id, list[i].id, STORE_UUID_LEN + 1);
			*n_contributions = list[i].n_contributions;
		}
		store_session_info_free(&info);
	}
	store_session_list_free(list, n);
	return found;
}

/* Starting twice: a session of this agenda is still open. Returns true to resume it. */
static bool want_resume(const struct live_options *o, const char *id, int n_contributions, FILE *out, FILE *err)
{
	if (o->resume)
		return true;
	if (o->fresh)
		return false;
	if (o->batch || !isatty(STDIN_FILENO)) {
		fprintf(err, "klankbord: warning: session %.8s of this agenda is still open (%d contributions);"
			" starting a new one. To continue it: klankbord resume %.8s (or run --resume)\n", id, n_contributions, id);
		return false;
	}
	fprintf(out, "Session %.8s of this agenda is still open (%d contributions).\n"
		"Resume it? [Y/n] (n starts a new session) ", id, n_contributions);
	fflush(out);
	char answer[16] = "";
	if (!fgets(answer, sizeof answer, stdin))
		return true;
	return answer[0] != 'n' && answer[0] != 'N';
}

int live_run_command(int argc, char **argv, FILE *out, FILE *err)
{
	struct live_options o = { 0 };
	int status = parse_options(argc, argv, live_run_usage, &o, out, err);
	if (status >= 0)
		return status;
	if (optind != argc - 1) {
		fputs("klankbord run: name one agenda file\n", err);
		fputs(live_run_usage, err);
		return EX_USAGE;
	}
	const char *path = argv[optind];
	if ((status = check_console(&o, err)))
		return status;
	struct diag_list diags;
	diag_list_init(&diags);
	bool io_error;
	struct agenda *agenda = agenda_load_file(path, &diags, &io_error);
	if (!agenda) {
		if (io_error)
			fprintf(err, "klankbord: %s: %s\n", path, diags.count ? diags.items[0].message : "cannot read");
		else
			diag_print(&diags, path, err);
		diag_list_free(&diags);
		return io_error ? EX_NOINPUT : EX_DATAERR;
	}
	diag_list_free(&diags);
	struct store *store = NULL;
	status = database_open(o.db, STORE_WRITE, &store, err);
	struct session *session = NULL;
	char message[SESSION_MESSAGE_MAX];
	char open_id[STORE_UUID_LEN + 1];
	int open_n = 0;
	bool resumed = false;
	if (status == 0 && open_session_of(store, agenda, open_id, &open_n) && want_resume(&o, open_id, open_n, out, err)) {
		resumed = true;
		status = session_load(store, open_id, true, o.console ? o.console : o.batch ? "batch" : "console",
			session_clock_system(), &session, message, sizeof message);
		if (status != 0)
			fprintf(err, "klankbord: %s\n", message);
		else if (o.batch)
			fprintf(err, "klankbord: resumed session %s\n", session->id);
	}
	if (status == 0 && !resumed) {
		status = session_start(store, agenda, agenda->source, agenda->source_len,
			o.console ? o.console : o.batch ? "batch" : "console", session_clock_system(), &session,
			message, sizeof message);
		if (status != 0)
			fprintf(err, "klankbord: %s\n", message);
		o.followup = status == 0;
	}
	agenda_free(agenda);
	if (status == 0) {
		char note[300];
		if (o.batch && !resumed)
			fprintf(err, "klankbord: started session %s\n", session->id);
		if (o.batch && iso_date_note(session->agenda->session.date, session->started_ms, note, sizeof note))
			fprintf(err, "klankbord: warning: %s\n", note);
		status = drive(session, &o, false, out, err);
	}
	session_free(session);
	store_close(store);
	return status;
}

/* resume and join: an open session by prefix (or the newest open one). */
static int reopen(int argc, char **argv, const char *usage, FILE *out, FILE *err)
{
	struct live_options o = { 0 };
	bool join = usage == live_join_usage;
	int status = parse_options(argc, argv, usage, &o, out, err);
	if (status >= 0)
		return status;
	if (argc - optind > 1) {
		fprintf(err, "klankbord %s: name at most one session\n", argv[0]);
		fputs(usage, err);
		return EX_USAGE;
	}
	const char *prefix = optind < argc ? argv[optind] : NULL;
	if ((status = check_console(&o, err)))
		return status;
	struct store *store = NULL;
	status = database_open(o.db, STORE_WRITE, &store, err);
	struct session *session = NULL;
	bool fresh_name = join && !o.console;
	if (status == 0) {
		char message[SESSION_MESSAGE_MAX];
		status = session_load(store, prefix, true, o.console ? o.console : o.batch && !join ? "batch" : "console",
			session_clock_system(), &session, message, sizeof message);
		if (status != 0)
			fprintf(err, "klankbord: %s\n", message);
	}
	if (status == 0)
		status = drive(session, &o, fresh_name, out, err);
	session_free(session);
	store_close(store);
	return status;
}

int live_resume_command(int argc, char **argv, FILE *out, FILE *err)
{
	return reopen(argc, argv, live_resume_usage, out, err);
}

int live_join_command(int argc, char **argv, FILE *out, FILE *err)
{
	return reopen(argc, argv, live_join_usage, out, err);
}
