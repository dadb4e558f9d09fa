/* export_command: see export_command.h. */
#include "cli/export_command.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/database.h"
#include "cli/output_file.h"
#include "out/export_doc.h"
#include "out/export_formats.h"
#include "sessions/session.h"

const char export_usage[] =
	"usage: klankbord export SESSION [--format NAME] [--names] [--communities] [-o FILE]\n"
	"                        [--db PATH]\n"
	"\n"
	"Writes one session in a format (json by default): the whole structured log, a\n"
	"readable report, a table of contributions, or a project for analysis software\n"
	"(docs/export-formats.md). A binary format (a zip) needs -o FILE.\n"
	"SESSION is a unique prefix of its id (see klankbord list).\n"
	"\n"
	"Options:\n"
	"  --format NAME       the format, one of those below\n"
	"  --names             include participants' names (left out by default: pseudonyms)\n"
	"  --communities       include participants' communities (left out by default: close\n"
	"                      to ethnic origin, a special category of personal data)\n"
	"  -o, --output FILE   write to FILE, created readable by you only (mode 0600),\n"
	"                      instead of standard output\n"
	"\n"
	"Formats:\n";

/* After the formats. */
static const char export_exit_status[] =
	"\n"
	"Exit status:\n"
	"  0   done\n"
	"  73  the output file cannot be created\n"
	DATABASE_EXIT_STATUS;

/* The usage, one line per format of the table, then the exit statuses. */
static void print_usage(FILE *out)
{
	fputs(export_usage, out);
	const struct export_format *f;
	for (int i = 0; (f = export_format_at(i)) != NULL; i++)
		fprintf(out, "  %-8s %s\n", f->name, f->summary);
	fputs(export_exit_status, out);
}

int export_command(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' }, { "names", no_argument, NULL, 'n' },
		{ "communities", no_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' }, { "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *format = "json", *output = NULL, *db = NULL;
	struct export_options export_options = { 0 };
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:", options, NULL)) != -1) {
		switch (c) {
		case 'f': format = optarg; break;
		case 'n': export_options.names = true; break;
		case 'c': export_options.communities = true; break;
		case 'o': output = optarg; break;
		case 'd': db = optarg; break;
		case 'h': print_usage(out); return 0;
		default:
			fprintf(err, "klankbord export: unknown or incomplete option %s\n", argv[optind - 1]);
			print_usage(err);
			return EX_USAGE;
		}
	}
	const struct export_format *writer = export_format_find(format);
	if (!writer) {
		char names[256];
		export_format_names(names, sizeof names);
		fprintf(err, "klankbord export: unknown format %.40s (formats: %s)\n", format, names);
		return EX_USAGE;
	}
	/* Standard output is a safe stream (cli/safe_stream.h) that would turn a zip's control
	 * bytes into marks, on a terminal and on a pipe alike: binary formats go to a file. */
	if (writer->binary && !output) {
		fprintf(err, "klankbord export: %s is not text; write it to a file with -o FILE\n", writer->name);
		return EX_USAGE;
	}
	if (optind != argc - 1) {
		fputs("klankbord export: name one session (a unique prefix of its id; see klankbord list)\n", err);
		return EX_USAGE;
	}
	struct store *store;
	int status = database_open(db, STORE_READ, &store, err);
	if (status != 0)
		return status;
	struct session *session = NULL;
	char message[SESSION_MESSAGE_MAX];
	status = session_load(store, argv[optind], false, "export", session_clock_system(), &session, message,
		sizeof message);
	FILE *target = NULL;
	struct output_buffer buffer;
	if (status == 0 && output && !(target = output_file_create(output))) {
		snprintf(message, sizeof message, "cannot create %s: %s", output, strerror(errno));
		status = EX_CANTCREAT;
	} else if (status == 0 && !output && !(target = output_buffer_open(&buffer))) {
		snprintf(message, sizeof message, "out of memory");
		status = EX_OSERR;
	}
	struct export_doc *doc = NULL;
	if (status == 0)
		status = export_doc_build(session, &export_options, &doc, message, sizeof message);
	if (status == 0)
		status = writer->write(doc, target, message, sizeof message);
	export_doc_free(doc);
	if (target && !output && output_buffer_close(&buffer, out) != 0 && status == 0) {
		snprintf(message, sizeof message, "cannot write the export: %s", strerror(errno ? errno : EIO));
		status = EX_IOERR;
	} else if (target && output && fclose(target) != 0 && status == 0) {
		snprintf(message, sizeof message, "cannot write %s: %s", output, strerror(errno));
		status = EX_IOERR;
	}
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	session_free(session);
	store_close(store);
	return status;
}
