/* bench_query: what a consultant waits for, over the whole database, in one process.
 *
 *   bench_query DB RUNS
 * times, RUNS times each after one warm-up, and prints the median ms:
 *   search_rare, search_common, search_phrase: store_search_snippets() (50 newest hits
 *     with snippets) for a rare word, a common word and a phrase across every session;
 *   report_org: store_report() over one organisation; report_year: over one year;
 *   report_all: over every session (the counts per code and kind of store_report(): the
 *     baselines of the report across sessions below);
 *   across_all, across_org: report_doc_build(), the whole report across sessions (the
 *     matrix, recurring domains, consented quotes, recommendations and their votes) over
 *     every session and over one organisation;
 *   filtered_org, filtered_kind_dates, filtered_code_rare: store_search_filtered() for the
 *     common word within one organisation, of one kind within one year, and a rare word
 *     with a code; search_words: the same search as search_common through the new index
 *     of text, codes and kinds (the baseline of the filtered ones is search_common);
 *   search_cjk: a Chinese word inside a run, through the trigram index; search_cjk_short:
 *     a two-character word (shorter than a trigram: the texts are read newest first);
 *   steer_*: store_search_filtered() with each filter of `klankbord search` alone, with the
 *     common word (steer_word_*) and without a query (steer_list_*: the newest that pass),
 *     a participant and an item that never occur (*_none: every match would be read), the
 *     session SESSION (a prefix of its id), and one organisation with one kind in one year
 *     (*_org_kind_year, the narrowest filter of the issue).
 *   bench_query DB RUNS SESSION: SESSION is the id prefix for steer_*_session.
 * Also prints the hits and rows each returned (search_*_hits, report_*_rows), so a run
 * that found nothing is visible. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/report_doc.h"
#include "storage/store.h"
#include "tests/bench/bench_util.h"

enum query_kind { QUERY_REPORT, QUERY_SEARCH, QUERY_ACROSS, QUERY_FILTERED };

struct query_case {
	const char *name;
	const char *fts;                       /* a search, or NULL for a report */
	struct store_report_filter filter;
	enum query_kind kind;
	struct store_search_filter search;
};

/* Stands for the session named on the command line. */
static const char SESSION_ARG[] = "SESSION";

static int run_case(struct store *store, const struct query_case *q, const char *session, int *count, char *err,
	size_t errlen)
{
	if (q->kind == QUERY_ACROSS) {
		struct store_report_scope scope = { .organisation = q->filter.organisation };
		if (!scope.organisation)
			store_read_in_bulk(store); /* as klankbord report does */
		struct report_doc *doc;
		int rc = report_doc_build(store, &scope, NULL, NULL, &doc, err, errlen);
		*count = rc ? 0 : doc->n_sessions;
		report_doc_free(doc);
		return rc;
	}
	if (q->kind == QUERY_FILTERED) {
		struct store_search_match *hits;
		struct store_search_filter filter = q->search;
		if (filter.session == SESSION_ARG)
			filter.session = session;
		int rc = store_search_filtered(store, q->fts, &filter, NULL, 50, &hits, count, err, errlen);
		store_search_matches_free(hits, *count);
		return rc;
	}
	if (q->fts) {
		struct store_search_hit *hits;
		int rc = store_search_snippets(store, q->fts, NULL, 50, &hits, count, err, errlen);
		store_search_hits_free(hits, *count);
		return rc;
	}
	struct store_report_row *rows;
	int rc = store_report(store, &q->filter, &rows, count, err, errlen);
	free(rows);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 4 || atoi(argv[2]) < 1) {
		fprintf(stderr, "usage: bench_query DB RUNS SESSION\n");
		return 2;
	}
	static const struct query_case cases[] = {
		{ "search_rare", "kinderopvang", { 0 } },
		{ "search_common", "lessons", { 0 } },
		{ "search_phrase", "\"language lesson\"", { 0 } },
		{ "report_org", NULL, { .organisation = "Gemeente Nijmegen" } },
		{ "report_year", NULL, { .date_from = "2024-01-01", .date_to = "2024-12-31" } },
		{ "report_all", NULL, { 0 } },
		{ "search_words", "lessons", { 0 }, QUERY_FILTERED, { 0 } },
		{ "filtered_org", "lessons", { 0 }, QUERY_FILTERED, { .organisation = "Gemeente Nijmegen" } },
		{ "filtered_kind_dates", "lessons", { 0 }, QUERY_FILTERED,
			{ .kind = "obstacle", .date_from = "2024-01-01", .date_to = "2024-12-31" } },
		{ "filtered_code_rare", "kinderopvang", { 0 }, QUERY_FILTERED, { .code = "language" } },
		{ "search_cjk", "荷兰语", { 0 }, QUERY_FILTERED, { 0 } },
		{ "search_cjk_short", "邻居", { 0 }, QUERY_FILTERED, { 0 } },
#define STEER(name, word, ...) \
		{ "steer_word_" name, word, { 0 }, QUERY_FILTERED, { __VA_ARGS__ } }, \
		{ "steer_list_" name, NULL, { 0 }, QUERY_FILTERED, { __VA_ARGS__ } },
		STEER("code", "lessons", .code = "language")
		STEER("kind", "lessons", .kind = "quote")
		STEER("participant", "lessons", .participant = "E03")
		STEER("participant_none", "lessons", .participant = "E99")
		STEER("item", "lessons", .item = "language")
		STEER("item_none", "lessons", .item = "nope")
		STEER("session", "lessons", .session = SESSION_ARG)
		STEER("org", "lessons", .organisation = "Gemeente Nijmegen")
		STEER("dates", "lessons", .date_from = "2024-01-01", .date_to = "2024-12-31")
		STEER("org_kind_year", "lessons", .organisation = "Gemeente Nijmegen", .kind = "quote",
			.date_from = "2016-01-01", .date_to = "2016-12-31")
#undef STEER
		/* Last: the report over everything maps the file (store_read_in_bulk()), which a
		 * search does not do. */
		{ "across_org", NULL, { .organisation = "Gemeente Nijmegen" }, QUERY_ACROSS, { 0 } },
		{ "across_all", NULL, { 0 }, QUERY_ACROSS, { 0 } },
	};
	int runs = atoi(argv[2]);
	char err[1024];
	struct store *store;
	/* Opened as klankbord search and report open it (a command that only reads). */
	if (store_open_mode(argv[1], STORE_READ, STORE_CHECK_AUTO, &store, err, sizeof err) != 0) {
		fprintf(stderr, "bench_query: %s\n", err);
		return 1;
	}
	double *ms = calloc((size_t)runs, sizeof *ms);
	int status = 0;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0] && !status; c++) {
		int count = 0;
		status = run_case(store, &cases[c], argv[3], &count, err, sizeof err);
		for (int i = 0; i < runs && !status; i++) {
			int64_t t0 = bench_now_ns();
			status = run_case(store, &cases[c], argv[3], &count, err, sizeof err);
			ms[i] = (double)(bench_now_ns() - t0) / 1e6;
		}
		if (status)
			break;
		char key[64];
		bench_report(cases[c].name, bench_quantile(ms, (size_t)runs, 0.5), "ms");
		snprintf(key, sizeof key, "%s_%s", cases[c].name, cases[c].fts || cases[c].kind == QUERY_FILTERED ? "hits" : cases[c].kind == QUERY_ACROSS ?
			"sessions" : "rows");
		bench_report(key, count, "");
	}
	if (status)
		fprintf(stderr, "bench_query: %s\n", err);
	free(ms);
	store_close(store);
	return status ? 1 : 0;
}
