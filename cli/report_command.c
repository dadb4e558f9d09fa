/* report_command: see report_command.h. Builds the report document (out/report_doc.h) and
 * hands it to the writer of the format. */
#include "cli/report_command.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/database.h"
#include "cli/date_arg.h"
#include "out/report_csv.h"
#include "out/report_doc.h"
#include "out/report_html.h"
#include "out/report_json.h"
#include "out/report_text.h"

enum { REPORT_SESSIONS_MAX = 256, REPORT_PROGRESS_FROM = 256 };

const char report_usage[] =
	"usage: klankbord report [--organisation NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	"                        [--session S]... [--format text|md|json|csv|html] [-o FILE]\n"
	"                        [--db PATH]\n"
	"\n"
	"A report across sessions (docs/reports.md): the sessions in date order, the matrix of\n"
	"the codebook's domains (rows, in their groups) by sessions (columns), each cell the\n"
	"number of contributions carrying the code (retracted ones left out); the domains that\n"
	"recur; per domain its obstacles and successes, quoted only where the speaker consented;\n"
	"every recommendation with its session and item, and the result of each vote held on\n"
	"that item. A session without a date in its agenda takes the day it started.\n"
	"\n"
	"Options:\n"
	"  --organisation NAME  only that organisation's sessions (case-insensitive; a unique\n"
	"                       part of the name will do)\n"
	"  --from, --to DATE    only sessions on or after, on or before DATE (inclusive)\n"
	"  --session S          only the session whose id starts with S (repeatable)\n"
	"  --format FORMAT      text (the default; ends with the counts per code and kind),\n"
	"                       md (Markdown), json (for scripts: sessions, matrix, quotes,\n"
	"                       recommendations), csv (the matrix, for a spreadsheet),\n"
	"                       html (one self-contained page: the matrix as a heat map,\n"
	"                       a bar chart per domain)\n"
	"  --json               the same as --format json\n"
	"  -o, --output FILE    write to FILE, created readable by you only (mode 0600),\n"
	"                       instead of standard output\n"
	"\n"
	"Progress is shown on standard error when it is a terminal and the report covers many\n"
	"sessions.\n"
	"\n"
	"Exit status:\n"
	"  0   done\n"
	"  66  no organisation or session matches\n"
	"  73  the output file cannot be created\n"
	DATABASE_EXIT_STATUS;

enum report_format { FORMAT_TEXT, FORMAT_MD, FORMAT_JSON, FORMAT_CSV, FORMAT_HTML };

/* A report holds what people said: created readable by its owner only, like the database
 * (the same rule as export's -o). */
static FILE *private_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd >= 0 && fchmod(fd, 0600) != 0) {
		close(fd);
		return NULL;
	}
	FILE *file = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (fd >= 0 && !file)
		close(fd);
	return file;
}

/* Progress on the terminal: our own ASCII words, written to the terminal itself so that the
 * carriage return that rewrites the line is not turned into a mark by the safe stream. */
static void progress(void *ctx, const char *phase, int done, int total)
{
	(void)ctx;
	if (total < REPORT_PROGRESS_FROM)
		return;
	dprintf(STDERR_FILENO, "\rklankbord report: reading %s, %d of %d sessions ", phase, done, total);
	if (done == total && strcmp(phase, "contributions") == 0)
		dprintf(STDERR_FILENO, "\r%*s\r", 72, "");
}

static int parse_format(const char *name, enum report_format *format)
{
	static const char *const names[] = { [FORMAT_TEXT] = "text", [FORMAT_MD] = "md", [FORMAT_JSON] = "json",
		[FORMAT_CSV] = "csv", [FORMAT_HTML] = "html" };
	for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return *format = (enum report_format)i, 0;
	return EX_USAGE;
}

static int write_report(const struct report_doc *doc, enum report_format format, FILE *out, char *err, size_t errlen)
{
	switch (format) {
	case FORMAT_MD: return report_text_write(doc, true, out, err, errlen);
	case FORMAT_JSON: return report_json_write(doc, out, err, errlen);
	case FORMAT_CSV: return report_csv_write(doc, out, err, errlen);
	case FORMAT_HTML: return report_html_write(doc, out, err, errlen);
	default: return report_text_write(doc, false, out, err, errlen);
	}
}

struct report_args {
	struct store_report_scope scope;
	const char *sessions[REPORT_SESSIONS_MAX];
	const char *db, *organisation, *output;
	enum report_format format;
};

/* Reads the options into a; REPORT_GO to report, else the exit status (0 after --help). */
enum { REPORT_GO = -1 };
static int report_options(int argc, char **argv, struct report_args *a, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "organisation", required_argument, NULL, 'O' }, { "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' }, { "json", no_argument, NULL, 'j' },
		{ "session", required_argument, NULL, 's' }, { "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "db", required_argument, NULL, 'd' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:", options, NULL)) != -1) {
		switch (c) {
		case 'O': a->organisation = optarg; break;
		case 'f': a->scope.date_from = optarg; break;
		case 't': a->scope.date_to = optarg; break;
		case 'j': a->format = FORMAT_JSON; break;
		case 'o': a->output = optarg; break;
		case 'd': a->db = optarg; break;
		case 'h': fputs(report_usage, out); return 0;
		case 's':
			if (a->scope.n_sessions == REPORT_SESSIONS_MAX) {
				fprintf(err, "klankbord report: at most %d --session options\n", REPORT_SESSIONS_MAX);
				return EX_USAGE;
			}
			a->sessions[a->scope.n_sessions++] = optarg;
			break;
		case 'F':
			if (parse_format(optarg, &a->format) == 0)
				break;
			fprintf(err, "klankbord report: unknown format %s (formats: text, md, json, csv, html)\n", optarg);
			return EX_USAGE;
		default:
			fprintf(err, "klankbord report: unknown or incomplete option %s\n", argv[optind - 1]);
			fputs(report_usage, err);
			return EX_USAGE;
		}
	}
	if (optind != argc) {
		fputs(report_usage, err);
		return EX_USAGE;
	}
	a->scope.sessions = a->sessions;
	int status = date_arg_check("report", a->scope.date_from, a->scope.date_to, err);
	return status ? status : REPORT_GO;
}

/* Writes the report to standard output or to a new private file. */
static int write_to(const struct report_doc *doc, const struct report_args *a, FILE *out, char *message, size_t len)
{
	FILE *target = a->output ? private_file(a->output) : out;
	if (!target) {
		snprintf(message, len, "cannot create %s: %s", a->output, strerror(errno));
		return EX_CANTCREAT;
	}
	int status = write_report(doc, a->format, target, message, len);
	if (target != out && fclose(target) != 0 && status == 0) {
		snprintf(message, len, "cannot write %s: %s", a->output, strerror(errno));
		status = EX_IOERR;
	}
	return status;
}

int report_command(int argc, char **argv, FILE *out, FILE *err)
{
	struct report_args a = { .format = FORMAT_TEXT };
	int status = report_options(argc, argv, &a, out, err);
	if (status != REPORT_GO)
		return status;
	struct store *store;
	status = database_open(a.db, STORE_READ, &store, err);
	if (status != 0)
		return status;
	char message[1024];
	char *organisation_name = NULL;
	if (a.organisation)
		status = store_organisation_find(store, a.organisation, &organisation_name, message, sizeof message);
	a.scope.organisation = organisation_name;
	struct report_doc *doc = NULL;
	if (status == 0)
		status = report_doc_build(store, &a.scope, isatty(STDERR_FILENO) ? progress : NULL, NULL, &doc, message,
			sizeof message);
	if (status == 0)
		status = write_to(doc, &a, out, message, sizeof message);
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	report_doc_free(doc);
	free(organisation_name);
	store_close(store);
	return status;
}
