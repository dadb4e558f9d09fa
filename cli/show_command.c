/* show_command: see show_command.h. */
#include "cli/show_command.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/database.h"
#include "cli/terminal_text.h"
#include "out/export_doc.h"
#include "out/export_md.h"
#include "sessions/session.h"

/* The status sh gives a command it cannot find: the pager did not run. */
enum { PAGER_NOT_FOUND = 127 };

const char show_usage[] =
	"usage: klankbord show SESSION [--names] [--communities] [--db PATH]\n"
	"\n"
	"Shows a session's report on the terminal: the Markdown report that\n"
	"klankbord export SESSION --format md writes (docs/export-formats.md), with control\n"
	"characters made visible. On a terminal it goes through $PAGER when that is set\n"
	"(LESS=FRX unless LESS is set); otherwise it is printed as it is.\n"
	"SESSION is a unique prefix of its id (see klankbord list).\n"
	"\n"
	"Options:\n"
	"  --names             include participants' names (left out by default: pseudonyms)\n"
	"  --communities       include participants' communities (left out by default)\n"
	"  --db PATH           the database\n"
	"\n"
	"Exit status:\n"
	"  0   done (also when the pager was quit before the end)\n"
	DATABASE_EXIT_STATUS;

/* The report in memory, so that a pager that cannot start costs nothing but a fallback. */
static int render(const char *db, const char *prefix, const struct export_options *options, char **text,
	size_t *size, FILE *err)
{
	struct store *store;
	int status = database_open(db, STORE_READ, &store, err);
	if (status != 0)
		return status;
	struct session *session = NULL;
	struct export_doc *doc = NULL;
	char message[SESSION_MESSAGE_MAX];
	status = session_load(store, prefix, false, "show", session_clock_system(), &session, message, sizeof message);
	if (status == 0)
		status = export_doc_build(session, options, &doc, message, sizeof message);
	FILE *memory = status == 0 ? open_memstream(text, size) : NULL;
	if (status == 0 && !memory) {
		snprintf(message, sizeof message, "out of memory");
		status = EX_OSERR;
	}
	if (status == 0)
		status = export_md_write(doc, memory, message, sizeof message);
	if (memory && fclose(memory) != 0 && status == 0) {
		snprintf(message, sizeof message, "out of memory");
		status = EX_OSERR;
	}
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	export_doc_free(doc);
	session_free(session);
	store_close(store);
	return status;
}

/* Writes text line by line, each made safe for the terminal. False when writing failed. */
static bool print_safe(const char *text, FILE *out)
{
	const char *line = text;
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *raw = strndup(line, len), *safe = raw ? text_for_terminal(raw) : NULL;
		bool ok = safe && fputs(safe, out) != EOF && (!end || fputc('\n', out) != EOF);
		free(raw);
		free(safe);
		if (!ok)
			return false;
		line += len + (end != NULL);
	}
	return fflush(out) == 0;
}

/* Through the pager: true when it ran (whatever it did with the text, and if it was quit
 * before the end: a closed pipe is no error, as in git). False when it could not start. */
static bool print_paged(const char *pager, const char *text)
{
	setenv("LESS", "FRX", 0);
	setenv("LV", "-c", 0);
	fflush(stdout);
	FILE *pipe = popen(pager, "w");
	if (!pipe)
		return false;
	void (*previous)(int) = signal(SIGPIPE, SIG_IGN);
	print_safe(text, pipe);
	int status = pclose(pipe);
	signal(SIGPIPE, previous);
	return !(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == PAGER_NOT_FOUND);
}

int show_command(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "names", no_argument, NULL, 'n' }, { "communities", no_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	struct export_options export_options = { 0 };
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'n': export_options.names = true; break;
		case 'c': export_options.communities = true; break;
		case 'd': db = optarg; break;
		case 'h': fputs(show_usage, out); return 0;
		default:
			fprintf(err, "klankbord show: unknown or incomplete option %s\n", argv[optind - 1]);
			fputs(show_usage, err);
			return EX_USAGE;
		}
	}
	if (optind != argc - 1) {
		fputs("klankbord show: name one session (a unique prefix of its id; see klankbord list)\n", err);
		return EX_USAGE;
	}
	char *text = NULL;
	size_t size = 0;
	int status = render(db, argv[optind], &export_options, &text, &size, err);
	const char *pager = getenv("PAGER");
	bool paged = false;
	if (status == 0 && pager && *pager && output_is_terminal(out)) {
		paged = print_paged(pager, text);
		if (!paged)
			fprintf(err, "klankbord: the pager %s did not start; printing the report instead\n", pager);
	}
	if (status == 0 && !paged && !print_safe(text, out)) {
		fprintf(err, "klankbord: cannot write the report: %s\n", strerror(errno));
		status = EX_IOERR;
	}
	free(text);
	return status;
}
