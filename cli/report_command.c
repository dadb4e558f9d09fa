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
#include "cli/output_file.h"
#include "cli/date_arg.h"
#include "out/report_csv.h"
#include "out/report_doc.h"
#include "out/report_html.h"
#include "out/report_json.h"
#include "out/report_text.h"
#include "out/export_doc.h"
#include "out/export_qdpx.h"
#include "sessions/session.h"

enum { REPORT_SESSIONS_MAX = 256, REPORT_PROGRESS_FROM = 256 };

const char report_usage[] =
	"usage: klankbord report [--organisation NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	"                        [--session S]... [--format text|md|json|csv|html|qdpx] [-o FILE]\n"
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
	"                       a bar chart per domain), qdpx (every session of the report in\n"
	"                       one REFI-QDA project for analysis software, as export writes\n"
	"                       one: needs -o; docs/refi-qda.md)\n"
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

enum report_format { FORMAT_TEXT, FORMAT_MD, FORMAT_JSON, FORMAT_CSV, FORMAT_HTML, FORMAT_QDPX };

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
		[FORMAT_CSV] = "csv", [FORMAT_HTML] = "html", [FORMAT_QDPX] = "qdpx" };
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
			fprintf(err, "klankbord report: unknown format %s (formats: text, md, json, csv, html, qdpx)\n", optarg);
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
	if (a->format == FORMAT_QDPX && !a->output) {
		fputs("klankbord report: qdpx is not text; write it to a file with -o FILE\n", err);
		return EX_USAGE;
	}
	a->scope.sessions = a->sessions;
	int status = date_arg_check("report", a->scope.date_from, a->scope.date_to, err);
	return status ? status : REPORT_GO;
}

/* --format qdpx: every session of the report in one REFI-QDA project, each loaded and
 * made into its export document as `klankbord export` does (no names, no communities:
 * the report has no options for them). Each session is held in memory while it is written. */
static int write_qdpx(struct store *store, const struct report_doc *doc, const char *name, FILE *target,
	char *message, size_t len)
{
	int n = doc->n_sessions;
	if (n == 0) {
		snprintf(message, len, "no session to write: the report covers none");
		return EX_NOINPUT;
	}
	struct session **sessions = calloc((size_t)n, sizeof *sessions);
	struct export_doc **docs = calloc((size_t)n, sizeof *docs);
	int status = sessions && docs ? 0 : EX_OSERR;
	if (status)
		snprintf(message, len, "out of memory");
	for (int i = 0; i < n && !status; i++) {
		status = session_load(store, doc->sessions[i].id, false, "report", session_clock_system(), &sessions[i],
			message, len);
		if (!status)
			status = export_doc_build(sessions[i], NULL, &docs[i], message, len);
	}
	if (!status)
		status = export_qdpx_write_docs((const struct export_doc *const *)docs, n, name, target, message, len);
	for (int i = 0; i < n && docs && sessions; i++) {
		export_doc_free(docs[i]);
		session_free(sessions[i]);
	}
	free(docs);
	free(sessions);
	return status;
}

/* Writes the report to standard output or to a new private file. */
static int write_to(struct store *store, const struct report_doc *doc, const struct report_args *a,
	const char *organisation, FILE *out, char *message, size_t len)
{
	struct output_buffer buffer;
	FILE *target = a->output ? output_file_create(a->output) : output_buffer_open(&buffer);
	if (!target && !a->output) {
		snprintf(message, len, "out of memory");
		return EX_OSERR;
	}
	if (!target) {
		snprintf(message, len, "cannot create %s: %s", a->output, strerror(errno));
		return EX_CANTCREAT;
	}
	int status = a->format == FORMAT_QDPX ? write_qdpx(store, doc, organisation, target, message, len)
		: write_report(doc, a->format, target, message, len);
	if (!a->output) {
		if (output_buffer_close(&buffer, out) != 0 && status == 0) {
			snprintf(message, len, "cannot write the report: %s", strerror(errno ? errno : EIO));
			status = EX_IOERR;
		}
	} else if (fclose(target) != 0 && status == 0) {
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
	if (!a.scope.organisation && a.scope.n_sessions == 0)
		store_read_in_bulk(store); /* every session, or those of some days: much of the file */
	struct report_doc *doc = NULL;
	if (status == 0)
		status = report_doc_build(store, &a.scope, isatty(STDERR_FILENO) ? progress : NULL, NULL, &doc, message,
			sizeof message);
	if (status == 0)
		status = write_to(store, doc, &a, organisation_name, out, message, sizeof message);
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	report_doc_free(doc);
	free(organisation_name);
	store_close(store);
	return status;
}
