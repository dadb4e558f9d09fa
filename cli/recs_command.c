/* recs_command: see recs_command.h. */
#include "cli/recs_command.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/database.h"
#include "cli/login_name.h"
#include "config/rec_status.h"
#include "out/iso_time.h"
#include "out/rec_text.h"
#include "sessions/json.h"
#include "sessions/recs.h"

const char recs_usage[] =
	"usage: klankbord recs [--organisation NAME] [--status STATUS] [--json] [--db PATH]\n"
	"       klankbord recs show REC [--json] [--db PATH]\n"
	"       klankbord recs set REC STATUS [--note TEXT] [--by NAME] [--db PATH]\n"
	"\n"
	"The recommendations register (docs/recommendations.md): every recommendation of every\n"
	"session (each /recommend, and each contribution of kind recommendation), with its\n"
	"status: open, accepted, in-progress, done or declined. A recommendation is open until\n"
	"its status is set; every change keeps its time, note and who made it, and none is\n"
	"lost. The console shows an organisation's earlier recommendations when a new session\n"
	"of it starts.\n"
	"\n"
	"  recs              one line per recommendation, in session order: its id prefix, the\n"
	"                    session's id prefix and day, the organisation, the status and the\n"
	"                    text; below it the last change (\"accepted 2026-11-02: NOTE\")\n"
	"  recs show REC     one recommendation with its whole history, oldest first\n"
	"  recs set REC STATUS\n"
	"                    changes its status (a new entry in its history)\n"
	"\n"
	"REC is a unique prefix of a recommendation's id (as recs shows it).\n"
	"\n"
	"Options:\n"
	"  --organisation NAME  only that organisation's sessions (case-insensitive; a unique\n"
	"                       part of the name will do)\n"
	"  --status STATUS      only recommendations whose status is STATUS\n"
	"  --json               a JSON list (show: one object): id, session, title,\n"
	"                       organisation, date, item, source, text, status and history\n"
	"                       (at, status, note, by; oldest first)\n"
	"  --note TEXT          with set: what was decided or done\n"
	"  --by NAME            with set: who made the change (default: your login name)\n"
	"\n"
	"Exit status:\n"
	"  0   done\n"
	"  64  an unknown status, an ambiguous REC, or an option that does not go with the\n"
	"      command\n"
	"  66  no recommendation starts with REC, or no organisation matches\n"
	DATABASE_EXIT_STATUS;

struct recs_args {
	const char *db, *organisation, *status, *note, *by;
	bool json;
	const char *verb;            /* NULL (list), "show" or "set" */
	const char *rec, *new_status;
};

enum { RECS_GO = -1 };

static int usage_error(FILE *err, const char *message)
{
	fprintf(err, "klankbord recs: %s\n", message);
	fputs(recs_usage, err);
	return EX_USAGE;
}

/* The positional words: [show REC | set REC STATUS]. */
static int recs_words(int n, char **words, struct recs_args *a, FILE *err)
{
	if (n == 0)
		return a->note || a->by ? usage_error(err, "--note and --by go with recs set") : RECS_GO;
	a->verb = words[0];
	if (strcmp(a->verb, "show") == 0 && n == 2)
		a->rec = words[1];
	else if (strcmp(a->verb, "set") == 0 && n == 3) {
		a->rec = words[1];
		a->new_status = words[2];
	} else if (strcmp(a->verb, "show") == 0 || strcmp(a->verb, "set") == 0)
		return usage_error(err, strcmp(a->verb, "show") == 0 ? "show takes one REC" : "set takes REC and STATUS");
	else
		return usage_error(err, "the commands are recs, recs show REC and recs set REC STATUS");
	bool set = strcmp(a->verb, "set") == 0;
	if (a->organisation || a->status)
		return usage_error(err, "--organisation and --status go with the list (klankbord recs)");
	if (!set && (a->note || a->by))
		return usage_error(err, "--note and --by go with recs set");
	if (set && a->json)
		return usage_error(err, "--json goes with the list and show");
	return RECS_GO;
}

/* A status word of config/rec_status.h, or a usage error naming them all. */
static int status_word(const char *word, enum rec_status *status, FILE *err)
{
	if (rec_status_parse(word, status))
		return 0;
	fprintf(err, "klankbord recs: unknown status \"%s\"; a status is one of %s\n", word, rec_status_list());
	return EX_USAGE;
}

static int recs_options(int argc, char **argv, struct recs_args *a, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "organisation", required_argument, NULL, 'O' }, { "status", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' }, { "note", required_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' }, { "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'O': a->organisation = optarg; break;
		case 's': a->status = optarg; break;
		case 'j': a->json = true; break;
		case 'n': a->note = optarg; break;
		case 'b': a->by = optarg; break;
		case 'd': a->db = optarg; break;
		case 'h': fputs(recs_usage, out); return 0;
		default:
			fprintf(err, "klankbord recs: unknown or incomplete option %s\n", argv[optind - 1]);
			fputs(recs_usage, err);
			return EX_USAGE;
		}
	}
	enum rec_status status;
	if (a->status && status_word(a->status, &status, err))
		return EX_USAGE;
	if (a->by && !a->by[0])
		return usage_error(err, "--by takes a name");
	return recs_words(argc - optind, argv + optind, a, err);
}

static void rec_json(struct json_buf *j, const struct store_rec *r)
{
	json_object_begin(j);
	json_member_string(j, "id", r->id);
	json_member_string(j, "session", r->session);
	json_member_string(j, "title", r->title);
	json_member_string(j, "organisation", r->organisation);
	json_member_string(j, "date", r->day);
	json_member_string(j, "item", r->item);
	json_member_string(j, "source", r->recommend ? "recommend" : "contribution");
	json_member_string(j, "text", r->text);
	rec_text_json(j, r);
	json_object_end(j);
}

static int print_json(const struct store_rec *recs, int n, bool list, FILE *out)
{
	struct json_buf j = { 0 };
	if (list)
		json_array_begin(&j);
	for (int i = 0; i < n; i++)
		rec_json(&j, &recs[i]);
	if (list)
		json_array_end(&j);
	if (j.failed) {
		json_buf_free(&j);
		return EX_OSERR;
	}
	fprintf(out, "%s\n", j.data ? j.data : "");
	json_buf_free(&j);
	return 0;
}

static void print_list(const struct store_rec *recs, int n, FILE *out)
{
	for (int i = 0; i < n; i++) {
		const struct store_rec *r = &recs[i];
		fprintf(out, "%.8s  %.8s  %s  %s  %-11s  %s\n", r->id, r->session, r->day,
			r->organisation ? r->organisation : "-", rec_status_name(r->status), r->text);
		char *last = r->n_history ? rec_text_last(r) : NULL;
		if (last)
			fprintf(out, "          %s\n", last);
		free(last);
	}
	if (n == 0)
		fputs("no recommendations\n", out);
}

static void print_one(const struct store_rec *r, FILE *out)
{
	fprintf(out, "Recommendation %s\n", r->id);
	fprintf(out, "Session:  %.8s  %s  %s%s%s\n", r->session, r->day, r->title, r->organisation ? ", " : "",
		r->organisation ? r->organisation : "");
	fprintf(out, "Item:     %s\n", r->item);
	fprintf(out, "Source:   %s\n", r->recommend ? "/recommend" : "a contribution of kind recommendation");
	fprintf(out, "Text:     %s\n", r->text);
	fprintf(out, "Status:   %s\n", rec_status_name(r->status));
	fprintf(out, "History:%s\n", r->n_history ? "" : "  none: open since it was recorded");
	for (int h = 0; h < r->n_history; h++) {
		const struct store_rec_change *c = &r->history[h];
		char at[48];
		iso_time(c->at_ms, at, sizeof at);
		fprintf(out, "  %s  %-11s  by %s%s%s\n", at, rec_status_name(c->status), c->by, c->note[0] ? ": " : "",
			c->note);
	}
}

/* Reads the register (list) or one entry (show) and prints it. */
static int recs_read(struct store *store, const struct recs_args *a, FILE *out, char *message, size_t len)
{
	char id[STORE_UUID_LEN + 1];
	char *organisation = NULL;
	struct store_rec_filter filter = { 0 };
	int status = 0;
	if (a->rec)
		status = store_rec_find(store, a->rec, id, message, len);
	filter.id = a->rec ? id : NULL;
	if (!status && a->organisation)
		status = store_organisation_find(store, a->organisation, &organisation, message, len);
	filter.organisation = organisation;
	filter.by_status = a->status && rec_status_parse(a->status, &filter.status);
	struct store_rec *recs = NULL;
	int n = 0;
	if (!status)
		status = store_recs_list(store, &filter, &recs, &n, message, len);
	if (!status && a->json)
		status = print_json(recs, n, !a->rec, out);
	else if (!status && a->rec && n == 1)
		print_one(&recs[0], out);
	else if (!status)
		print_list(recs, n, out);
	if (status == EX_OSERR)
		snprintf(message, len, "out of memory");
	store_recs_free(recs, n);
	free(organisation);
	return status;
}

static int recs_set(struct store *store, const struct recs_args *a, FILE *out, char *message, size_t len)
{
	char id[STORE_UUID_LEN + 1];
	int status = store_rec_find(store, a->rec, id, message, len);
	struct store_rec_filter filter = { .id = id };
	struct store_rec *before = NULL;
	int n = 0;
	if (!status)
		status = store_recs_list(store, &filter, &before, &n, message, len);
	if (!status)
		status = recs_set_status(store, id, a->new_status, a->note, a->by ? a->by : login_name(), 0, NULL, message,
			len);
	if (!status)
		fprintf(out, "recommendation %.8s: %s (was %s)\n", id, a->new_status,
			n == 1 ? rec_status_name(before[0].status) : "open");
	store_recs_free(before, n);
	return status;
}

int recs_command(int argc, char **argv, FILE *out, FILE *err)
{
	struct recs_args a = { 0 };
	int status = recs_options(argc, argv, &a, out, err);
	if (status != RECS_GO)
		return status;
	bool set = a.verb && strcmp(a.verb, "set") == 0;
	enum rec_status check;
	if (set && status_word(a.new_status, &check, err))
		return EX_USAGE;
	struct store *store;
	status = database_open(a.db, set ? STORE_WRITE : STORE_READ, &store, err);
	if (status != 0)
		return status;
	char message[1024];
	status = set ? recs_set(store, &a, out, message, sizeof message) : recs_read(store, &a, out, message,
		sizeof message);
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	store_close(store);
	return status;
}
