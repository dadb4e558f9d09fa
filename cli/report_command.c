/* report_command: see report_command.h. Reads through store_report(). */
#include "cli/report_command.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/database.h"
#include "cli/terminal_text.h"
#include "config/kinds.h"
#include "sessions/json.h"

/* The kind column fits the longest kind word of CONTRIBUTION_KINDS and two spaces. */
enum { KIND_COLUMN = KIND_WORD_MAX + 2 };

const char report_usage[] =
	"usage: klankbord report [--organisation NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	"                        [--json] [--db PATH]\n"
	"\n"
	"Counts the contributions of every session (or of one organisation's sessions, or of\n"
	"those in a date range; dates inclusive) per code and kind, retracted ones left out.\n"
	"One line per code and kind: code (\"(all)\" for every contribution, coded or not),\n"
	"kind, contributions, and the number of sessions they come from.\n"
	"\n"
	"Exit status:\n"
	"  0   done\n"
	DATABASE_EXIT_STATUS;

/* True for a date of the form YYYY-MM-DD (digits only; the calendar is not checked). */
static bool report_date_ok(const char *date)
{
	if (strlen(date) != 10 || date[4] != '-' || date[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (date[i] < '0' || date[i] > '9'))
			return false;
	return true;
}

static void report_json(const struct store_report_row *rows, int n, FILE *out)
{
	struct json_buf j = { 0 };
	json_array_begin(&j);
	for (int i = 0; i < n; i++) {
		json_object_begin(&j);
		json_key(&j, "code"), rows[i].code[0] ? json_string(&j, rows[i].code) : json_null(&j);
		json_key(&j, "kind"), json_string(&j, rows[i].kind);
		json_key(&j, "contributions"), json_int(&j, rows[i].contributions);
		json_key(&j, "sessions"), json_int(&j, rows[i].sessions);
		json_object_end(&j);
	}
	json_array_end(&j);
	if (j.data)
		fprintf(out, "%s\n", j.data);
	json_buf_free(&j);
}

static void report_text(const struct store_report_row *rows, int n, FILE *out)
{
	fprintf(out, "%-16s %-*s %13s %9s\n", "code", KIND_COLUMN, "kind", "contributions", "sessions");
	for (int i = 0; i < n; i++) {
		char *code = text_for_terminal(rows[i].code[0] ? rows[i].code : "(all)");
		fprintf(out, "%-16s %-*s %13lld %9lld\n", code ? code : "?", KIND_COLUMN, rows[i].kind,
			(long long)rows[i].contributions, (long long)rows[i].sessions);
		free(code);
	}
}

int report_command(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "organisation", required_argument, NULL, 'o' }, { "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' }, { "json", no_argument, NULL, 'j' },
		{ "db", required_argument, NULL, 'd' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct store_report_filter filter = { 0 };
	bool json = false;
	const char *db = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'o') {
			filter.organisation = optarg;
		} else if ((c == 'f' || c == 't') && report_date_ok(optarg)) {
			*(c == 'f' ? &filter.date_from : &filter.date_to) = optarg;
		} else if (c == 'j') {
			json = true;
		} else if (c == 'd') {
			db = optarg;
		} else if (c == 'h') {
			fputs(report_usage, out);
			return 0;
		} else {
			if (c == 'f' || c == 't')
				fprintf(err, "klankbord report: --%s takes a date YYYY-MM-DD, not %s\n", c == 'f' ? "from" : "to",
					optarg);
			else
				fprintf(err, "klankbord report: unknown or incomplete option %s\n", argv[optind - 1]);
			fputs(report_usage, err);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		fputs(report_usage, err);
		return EX_USAGE;
	}
	struct store *store;
	int status = database_open(db, STORE_READ, &store, err);
	if (status != 0)
		return status;
	struct store_report_row *rows = NULL;
	int n = 0;
	char message[1024];
	status = store_report(store, &filter, &rows, &n, message, sizeof message);
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	else if (json)
		report_json(rows, n, out);
	else
		report_text(rows, n, out);
	free(rows);
	store_close(store);
	return status;
}
