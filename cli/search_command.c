/* search_command: see search_command.h. Reads through store_search_filtered(); text output
 * goes through text_for_terminal() so nothing a participant said can steer the terminal. */
#include "cli/search_command.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/database.h"
#include "cli/date_arg.h"
#include "cli/terminal_text.h"
#include "config/codebook.h"
#include "sessions/capture.h"
#include "sessions/json.h"

enum { SEARCH_LIMIT_MAX = 10000 };

const char search_usage[] =
	"usage: klankbord search [QUERY] [--code CODE] [--kind KIND] [--participant ID] [--item ID]\n"
	"                        [--session S] [--organisation NAME] [--from YYYY-MM-DD]\n"
	"                        [--to YYYY-MM-DD] [--limit N] [--json] [--db PATH]\n"
	"\n"
	"Searches what was said, and what was recommended, in every session (full-text: words,\n"
	"\"a phrase\", prefix*, OR, AND and NOT between two of them, parentheses, codes:housing,\n"
	"kind:idea, text:WORD). Anything else is text: re-integratie, e-mail, 9:30 and #housing\n"
	"find the words they hold. A word also finds the contributions coded with it (housing\n"
	"finds #housing) and those of that kind (obstacle). Chinese, Japanese and Korean words\n"
	"are found inside a run of text.\n"
	"Prints the newest N hits (default 50), one per line: session id prefix, day (the\n"
	"agenda's date, or the day the session started), organisation, seq, item, speaker\n"
	"(note for a note-taker's note, recommend for a /recommend), kind, the matching words in\n"
	"[brackets] with a few words around them (without QUERY, the whole text of the newest\n"
	"contributions that pass the filters), and the codes; a line ends in (not to be\n"
	"quoted) when its speaker does not consent now to be quoted (the agenda's consent,\n"
	"changed by /consent and klankbord consent; --json: quotable). Retracted contributions\n"
	"are left out. With no hits, standard output stays empty (--json: []) and standard\n"
	"error says so.\n"
	"\n"
	"Options:\n"
	"  --code CODE          only contributions coded CODE\n"
	"  --kind KIND          only contributions of that kind (experience, obstacle, success,\n"
	"                       idea, recommendation, question, quote, note; the Dutch word or a\n"
	"                       unique start as on the capture line: obstakel, obs)\n"
	"  --participant ID     only what participant ID said (an id such as E03)\n"
	"  --item ID            only what was said on agenda item ID\n"
	"  --session S          only the session whose id starts with S\n"
	"  --organisation NAME  only that organisation's sessions (case-insensitive; a unique\n"
	"                       part of the name will do)\n"
	"  --from, --to DATE    only sessions on or after, on or before DATE\n"
	"  --limit N            at most N hits (1 to 10000)\n"
	"  --json               a JSON array of hits\n"
	"\n"
	"Exit status:\n"
	"  0   done\n"
	"  65  a query that is not valid\n"
	"  66  no organisation matches\n"
	DATABASE_EXIT_STATUS;

static void search_json(const struct store_search_match *hits, int n, FILE *out)
{
	struct json_buf j = { 0 };
	json_array_begin(&j);
	for (int i = 0; i < n; i++) {
		const struct store_search_match *h = &hits[i];
		json_object_begin(&j);
		json_key(&j, "session"), json_string(&j, h->session);
		json_key(&j, "title"), json_string(&j, h->title);
		json_key(&j, "organisation"), json_string(&j, h->organisation);
		json_key(&j, "date"), json_string(&j, h->day);
		json_key(&j, "seq"), json_int(&j, h->seq);
		json_key(&j, "participant"), json_string(&j, h->participant);
		json_key(&j, "kind"), json_string(&j, h->kind);
		json_key(&j, "snippet"), json_string(&j, h->snippet);
		json_key(&j, "item"), json_string(&j, h->item);
		json_key(&j, "codes"), json_space_list(&j, h->codes);
		json_key(&j, "source"), json_string(&j, h->recommendation ? "recommend" : "contribution");
		json_key(&j, "quotable"), json_bool(&j, h->participant && h->quotable);
		json_object_end(&j);
	}
	json_array_end(&j);
	if (j.data)
		fprintf(out, "%s\n", j.data);
	json_buf_free(&j);
}

static void search_text(const struct store_search_match *hits, int n, FILE *out)
{
	for (int i = 0; i < n; i++) {
		const struct store_search_match *h = &hits[i];
		char *organisation = text_for_terminal(h->organisation ? h->organisation : "-");
		char *snippet = text_for_terminal(h->snippet ? h->snippet : "");
		char *speaker = text_for_terminal(h->participant ? h->participant : h->recommendation ? "recommend" : "note");
		char *item = text_for_terminal(h->item ? h->item : "-");
		char *codes = text_for_terminal(h->codes ? h->codes : "");
		fprintf(out, "%.8s  %s  %s  %lld  %s  %s  !%s  %s", h->session, h->day, organisation ? organisation : "?",
			(long long)h->seq, item ? item : "?", speaker ? speaker : "?", h->kind, snippet ? snippet : "?");
		for (const char *p = codes ? codes : ""; *p;) {
			size_t len = strcspn(p, " ");
			if (len)
				fprintf(out, "%s#%.*s", p == codes ? "  " : " ", (int)len, p);
			p += len + (p[len] == ' ');
		}
		if (h->participant && !h->quotable)
			fputs("  (not to be quoted)", out);
		fputc('\n', out);
		free(organisation);
		free(snippet);
		free(speaker);
		free(item);
		free(codes);
	}
}

struct search_args {
	bool json;
	const char *db, *organisation, *query;
	struct store_search_filter filter;
	long limit;
};

/* Whether any filter narrows the search. */
static bool search_filtered(const struct search_args *a)
{
	const struct store_search_filter *f = &a->filter;
	return f->code || f->kind || f->participant || f->item || f->session || a->organisation || f->date_from
		|| f->date_to;
}

/* Says on standard error that nothing was found, and for what. */
static void no_hits(const struct search_args *a, FILE *err)
{
	char *query = a->query ? text_for_terminal(a->query) : NULL;
	if (!a->query)
		fputs("klankbord search: nothing passes these filters\n", err);
	else
		fprintf(err, "klankbord search: no hits for %s%s\n", query ? query : "the query",
			search_filtered(a) ? " with these filters" : "");
	free(query);
}

/* Reads the options into a; SEARCH_GO to search, else the exit status (0 after --help). */
enum { SEARCH_GO = -1 };
static int search_options(int argc, char **argv, struct search_args *a, FILE *out, FILE *err)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' }, { "db", required_argument, NULL, 'd' },
		{ "limit", required_argument, NULL, 'l' }, { "help", no_argument, NULL, 'h' },
		{ "code", required_argument, NULL, 'c' }, { "kind", required_argument, NULL, 'k' },
		{ "participant", required_argument, NULL, 'p' }, { "item", required_argument, NULL, 'i' },
		{ "session", required_argument, NULL, 's' }, { "organisation", required_argument, NULL, 'o' },
		{ "from", required_argument, NULL, 'f' }, { "to", required_argument, NULL, 't' }, { NULL, 0, NULL, 0 },
	};
	int c, option_index = 0;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", options, &option_index)) != -1) {
		char *end = NULL;
		/* an empty filter (--code "$CODE" with CODE unset) would find nothing and say so
		 * in silence: it is refused instead */
		if (c && strchr("cpiso", c) && !*optarg) {
			fprintf(err, "klankbord search: --%s needs a value, not an empty word\n", options[option_index].name);
			return EX_USAGE;
		}
		switch (c) {
		case 'j': a->json = true; continue;
		case 'd': a->db = optarg; continue;
		case 'c': /* as the capture line reads a code: #Housing is housing */
			for (char *p = optarg; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
			a->filter.code = optarg;
			continue;
		case 'p': a->filter.participant = optarg; continue;
		case 'i': a->filter.item = optarg; continue;
		case 's': a->filter.session = optarg; continue;
		case 'o': a->organisation = optarg; continue;
		case 'f': a->filter.date_from = optarg; continue;
		case 't': a->filter.date_to = optarg; continue;
		case 'h': fputs(search_usage, out); return 0;
		case 'k': { /* read as the capture line reads a kind: obstakel and obs are obstacle */
			enum contribution_kind kind;
			if (contribution_kind_parse(optarg, &kind)) {
				a->filter.kind = contribution_kind_name(kind);
				continue;
			}
			fprintf(err, "klankbord search: --kind takes experience, obstacle, success, idea, recommendation,"
				" question, quote or note (or the Dutch word), not %s\n", optarg);
			return EX_USAGE;
		}
		case 'l':
			a->limit = strtol(optarg, &end, 10);
			if (a->limit > 0 && a->limit <= SEARCH_LIMIT_MAX && !*end)
				continue;
			fprintf(err, "klankbord search: --limit takes a number from 1 to %d, not %s\n", SEARCH_LIMIT_MAX, optarg);
			fputs(search_usage, err);
			return EX_USAGE;
		default:
			fprintf(err, "klankbord search: unknown or incomplete option %s\n", argv[optind - 1]);
			fputs(search_usage, err);
			return EX_USAGE;
		}
	}
	if (optind < argc - 1 || (optind == argc && !search_filtered(a))) {
		if (optind == argc)
			fputs("klankbord search: give words to look for, or a filter to list what passes it\n", err);
		fputs(search_usage, err);
		return EX_USAGE;
	}
	a->query = optind < argc ? argv[optind] : NULL;
	int status = date_arg_check("search", a->filter.date_from, a->filter.date_to, err);
	return status ? status : SEARCH_GO;
}

/* The code of the built-in codebook whose Dutch word code is (housing for wonen), or NULL. */
static const char *builtin_code_of_alias(const char *code)
{
	struct codebook book;
	const struct codebook_entry *entry = codebook_builtin(CODEBOOK_DEFAULT, &book) ? codebook_find(&book, code) : NULL;
	return entry && strcmp(entry->code, code) != 0 ? entry->code : NULL;
}

int search_command(int argc, char **argv, FILE *out, FILE *err)
{
	struct search_args a = { .limit = 50 };
	int status = search_options(argc, argv, &a, out, err);
	if (status != SEARCH_GO)
		return status;
	struct store *store;
	status = database_open(a.db, STORE_READ, &store, err);
	if (status != 0)
		return status;
	struct store_search_match *hits = NULL;
	int n = 0;
	char message[1024];
	char *organisation_name = NULL;
	if (a.organisation)
		status = store_organisation_find(store, a.organisation, &organisation_name, message, sizeof message);
	a.filter.organisation = organisation_name;
	if (status == 0)
		status = store_search_filtered(store, a.query, &a.filter, NULL, (int)a.limit, &hits, &n, message,
			sizeof message);
	/* --code wonen: codes are recorded as the codebook has them (a note-taker's #wonen is
	 * housing), so a Dutch word finds nothing unless a session's own codebook has it as a
	 * code; then it is searched as the code it stands for, and the search says so. */
	const char *code_meant = status == 0 && n == 0 && a.filter.code ? builtin_code_of_alias(a.filter.code) : NULL;
	if (code_meant) {
		const char *typed = a.filter.code;
		a.filter.code = code_meant;
		status = store_search_filtered(store, a.query, &a.filter, NULL, (int)a.limit, &hits, &n, message,
			sizeof message);
		if (status == 0)
			fprintf(err, "klankbord search: nothing is coded %s; searched for %s, the code %s stands for in %s\n",
				typed, code_meant, typed, CODEBOOK_DEFAULT);
	}
	if (status != 0)
		fprintf(err, "klankbord: %s\n", message);
	else if (a.json)
		search_json(hits, n, out);
	else
		search_text(hits, n, out);
	/* silence would read as "did it run?"; the hits' own output stays empty for scripts */
	if (status == 0 && n == 0 && !a.json)
		no_hits(&a, err);
	store_search_matches_free(hits, n);
	free(organisation_name);
	store_close(store);
	return status;
}
