/* list_command: see list_command.h. Text output shows stored text through
 * text_for_terminal() so nothing in a title can steer the terminal. */
#include "cli/list_command.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sysexits.h>

#include "cli/database.h"
#include "cli/terminal_text.h"
#include "out/iso_time.h"
#include "sessions/json.h"
#include "sessions/session_clock.h"

const char list_usage[] =
	"usage: klankbord list [--json] [--db PATH]\n"
	"\n"
	"Lists every session, most recent first: id prefix, day (the agenda's date, or the\n"
	"day the session started), organisation, title, status (open, ended or erased),\n"
	"counts of participants, contributions and votes, and how old it is (days since it\n"
	"ended, or since it started while open: for retention, see klankbord erase\n"
	"--ended-before).\n"
	"An id prefix is what resume and export take.\n"
	"\n"
	"Exit status:\n"
	"  0   done\n"
	DATABASE_EXIT_STATUS;

static const char *status_name(const struct store_session_info *s)
{
	return s->erased ? "erased" : s->ended ? "ended" : "open";
}

/* Whole days since the session ended (open: since it started), for retention. */
static int64_t age_days(const struct store_session_info *s, int64_t now_ms)
{
	int64_t since = s->ended ? s->ended_ms : s->started_ms;
	return since > 0 && now_ms > since ? (now_ms - since) / 86400000 : 0;
}

static void say_age(const struct store_session_info *s, int64_t now_ms, char *out, size_t len)
{
	int64_t days = age_days(s, now_ms);
	const char *what = s->ended ? "ended" : "started";
	if (days == 0)
		snprintf(out, len, "%s today", what);
	else
		snprintf(out, len, "%s %lld day%s ago", what, (long long)days, days == 1 ? "" : "s");
}

static void list_json(const struct store_session_info *list, int n, int64_t now_ms, FILE *out)
{
	struct json_buf j = { 0 };
	json_array_begin(&j);
	for (int i = 0; i < n; i++) {
		const struct store_session_info *s = &list[i];
		char started[48];
		iso_time(s->started_ms, started, sizeof started);
		json_object_begin(&j);
		json_key(&j, "id"), json_string(&j, s->id);
		json_key(&j, "date"), json_string(&j, s->day);
		json_key(&j, "organisation"), json_string(&j, s->organisation);
		json_key(&j, "title"), json_string(&j, s->title);
		json_key(&j, "status"), json_string(&j, status_name(s));
		json_key(&j, "started_at"), json_string(&j, started);
		char ended[48];
		if (s->ended)
			iso_time(s->ended_ms, ended, sizeof ended);
		json_key(&j, "ended_at"), json_string(&j, s->ended ? ended : NULL);
		json_key(&j, "age_days"), json_int(&j, age_days(s, now_ms));
		json_key(&j, "participants"), json_int(&j, s->n_participants);
		json_key(&j, "contributions"), json_int(&j, s->n_contributions);
		json_key(&j, "votes"), json_int(&j, s->n_votes);
		json_object_end(&j);
	}
	json_array_end(&j);
	if (j.data)
		fprintf(out, "%s\n", j.data);
	json_buf_free(&j);
}

static void list_text(const struct store_session_info *list, int n, int64_t now_ms, FILE *out)
{
	for (int i = 0; i < n; i++) {
		const struct store_session_info *s = &list[i];
		char *organisation = text_for_terminal(s->organisation ? s->organisation : "-");
		char *title = text_for_terminal(s->title);
		char age[48];
		say_age(s, now_ms, age, sizeof age);
		fprintf(out, "%.8s  %-10.10s  %s  %s  %s  %dp %dc %dv  %s\n", s->id, s->day,
			organisation ? organisation : "?", title ? title : "?", status_name(s),
			s->n_participants, s->n_contributions, s->n_votes, age);
		free(organisation);
		free(title);
	}
}

int list_command(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' }, { "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	bool json = false;
	const char *db = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'j') {
			json = true;
		} else if (c == 'd') {
			db = optarg;
		} else if (c == 'h') {
			fputs(list_usage, out);
			return 0;
		} else {
			fprintf(err, "klankbord list: unknown or incomplete option %s\n", argv[optind - 1]);
			fputs(list_usage, err);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		fputs(list_usage, err);
		return EX_USAGE;
	}
	struct store *store;
	int status = database_open(db, STORE_READ, &store, err);
	if (status != 0)
		return status;
	struct store_session_info *list = NULL;
	int n = 0;
	char message[1024];
	status = store_session_list(store, &list, &n, message, sizeof message);
	int64_t now_ms = session_clock_system().now_ms(NULL);
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	else if (json)
		list_json(list, n, now_ms, out);
	else
		list_text(list, n, now_ms, out);
	store_session_list_free(list, n);
	store_close(store);
	return status;
}
