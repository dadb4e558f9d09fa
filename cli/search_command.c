/* search_command: see search_command.h. Reads through store_search_snippets(); text output
 * goes through text_for_terminal() so nothing a participant said can steer the terminal. */
#include "cli/search_command.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sysexits.h>

#include "cli/database.h"
#include "cli/terminal_text.h"
#include "sessions/json.h"

enum { SEARCH_LIMIT_MAX = 10000 };

const char search_usage[] =
	"usage: klankbord search QUERY [--limit N] [--json] [--db PATH]\n"
	"\n"
	"Searches what was said in every session (full-text, SQLite FTS5 syntax: words,\n"
	"\"a phrase\", OR, NOT, prefix*). Prints the newest N hits (default 50), one per line:\n"
	"session id prefix, date, organisation, seq, speaker (note for a note-taker's note),\n"
	"kind, and the matching words in [brackets] with a few words around them; a line\n"
	"ends in (not to be quoted) when its speaker does not consent now to be quoted\n"
	"(the agenda's consent, changed by /consent and klankbord consent; --json: quotable).\n"
	"Retracted contributions are left out.\n"
	"\n"
	"Exit status:\n"
	"  0   done\n"
	"  65  a query that is not valid\n"
	DATABASE_EXIT_STATUS;

static void search_json(const struct store_search_hit *hits, int n, FILE *out)
{
	struct json_buf j = { 0 };
	json_array_begin(&j);
	for (int i = 0; i < n; i++) {
		const struct store_search_hit *h = &hits[i];
		json_object_begin(&j);
		json_key(&j, "session"), json_string(&j, h->session);
		json_key(&j, "title"), json_string(&j, h->title);
		json_key(&j, "organisation"), json_string(&j, h->organisation);
		json_key(&j, "date"), json_string(&j, h->date);
		json_key(&j, "seq"), json_int(&j, h->seq);
		json_key(&j, "participant"), json_string(&j, h->participant);
		json_key(&j, "kind"), json_string(&j, h->kind);
		json_key(&j, "snippet"), json_string(&j, h->snippet);
		json_key(&j, "quotable"), json_bool(&j, h->participant && h->quotable);
		json_object_end(&j);
	}
	json_array_end(&j);
	if (j.data)
		fprintf(out, "%s\n", j.data);
	json_buf_free(&j);
}

static void search_text(const struct store_search_hit *hits, int n, FILE *out)
{
	for (int i = 0; i < n; i++) {
		const struct store_search_hit *h = &hits[i];
		char *organisation = text_for_terminal(h->organisation ? h->organisation : "-");
		char *snippet = text_for_terminal(h->snippet ? h->snippet : "");
		char *speaker = text_for_terminal(h->participant ? h->participant : "note");
		/* Without the speaker's consent now, what they said is not to be quoted as theirs. */
		fprintf(out, "%.8s  %-10s  %s  %lld  %s  !%s  %s%s\n", h->session, h->date ? h->date : "-",
			organisation ? organisation : "?", (long long)h->seq, speaker ? speaker : "?", h->kind,
			snippet ? snippet : "?", h->participant && !h->quotable ? "  (not to be quoted)" : "");
		free(organisation);
		free(snippet);
		free(speaker);
	}
}

int search_command(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' }, { "db", required_argument, NULL, 'd' },
		{ "limit", required_argument, NULL, 'l' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	bool json = false;
	const char *db = NULL;
	long limit = 50;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		char *end = NULL;
		if (c == 'l')
			limit = strtol(optarg, &end, 10);
		if (c == 'j') {
			json = true;
		} else if (c == 'd') {
			db = optarg;
		} else if (c == 'l' && limit > 0 && limit <= SEARCH_LIMIT_MAX && !*end) {
			continue;
		} else if (c == 'h') {
			fputs(search_usage, out);
			return 0;
		} else {
			if (c == 'l')
				fprintf(err, "klankbord search: --limit takes a number from 1 to %d, not %s\n", SEARCH_LIMIT_MAX,
					optarg);
			else
				fprintf(err, "klankbord search: unknown or incomplete option %s\n", argv[optind - 1]);
			fputs(search_usage, err);
			return EX_USAGE;
		}
	}
	if (optind != argc - 1) {
		fputs(search_usage, err);
		return EX_USAGE;
	}
	struct store *store;
	int status = database_open(db, STORE_READ, &store, err);
	if (status != 0)
		return status;
	struct store_search_hit *hits = NULL;
	int n = 0;
	char message[1024];
	status = store_search_snippets(store, argv[optind], NULL, (int)limit, &hits, &n, message, sizeof message);
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	else if (json)
		search_json(hits, n, out);
	else
		search_text(hits, n, out);
	store_search_hits_free(hits, n);
	store_close(store);
	return status;
}
