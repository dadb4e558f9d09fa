/* store_query: see store_query.h. */
#include "storage/store_query.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sessions/errmsg.h"
#include "config/kinds.h"
#include "storage/search_query.h"
#include "storage/store_cjk.h"
#include "storage/store_db.h"

/* The kinds, in the order of report_counts' columns; a report reads, per code, each
 * kind's total and the number of sessions where it is above 0. */
#define REPORT_SUM(name, kind) ", sum(" #kind "), sum(" #kind " > 0)"
#define REPORT_SUMS CONTRIBUTION_KINDS(REPORT_SUM)
#define REPORT_NAME(name, kind) [KIND_##name] = #kind,
static const char *const report_kinds[] = { CONTRIBUTION_KINDS(REPORT_NAME) };
enum { N_REPORT_KINDS = (int)(sizeof report_kinds / sizeof report_kinds[0]) };

/* The text column of search_index (schema 5; contributions_fts, which held the text
 * alone, went in schema 13): a column filter on the whole query. */
#define TEXT_MATCH(param) "search_index MATCH 'text : (' || " param " || ')'"
static const char SQL_SEARCH[] =
	"SELECT c.seq FROM search_index f JOIN contributions c ON c.seq = f.rowid"
	" WHERE " TEXT_MATCH("?2") " AND c.session = ?1 ORDER BY c.seq";
static const char SQL_SEARCH_ALL[] =
	"SELECT c.seq, c.session, s.title, s.organisation, s.date, c.participant, c.kind,"
	" snippet(search_index, 0, ?3, ?4, '...', ?5),"
	" (SELECT p.consent_quotes FROM participants p WHERE p.session = c.session AND p.id = c.participant)"
	" FROM search_index f JOIN contributions c ON c.seq = f.rowid JOIN sessions s ON s.id = c.session"
	" WHERE " TEXT_MATCH("?1") " AND NOT c.retracted ORDER BY f.rowid DESC LIMIT ?2";
static const char SQL_REPORT_ALL[] =
	"SELECT code" REPORT_SUMS " FROM report_counts GROUP BY code ORDER BY code";
static const char SQL_REPORT_ORGANISATION[] =
	"SELECT r.code" REPORT_SUMS " FROM sessions s JOIN report_counts r ON r.session = s.id"
	" WHERE s.organisation = ?1 AND coalesce(s.date, '') >= coalesce(?2, '')"
	" AND coalesce(s.date, '') <= coalesce(?3, '~') GROUP BY r.code ORDER BY r.code";
static const char SQL_REPORT_DATES[] =
	"SELECT r.code" REPORT_SUMS " FROM sessions s JOIN report_counts r ON r.session = s.id"
	" WHERE s.date >= coalesce(?2, '') AND s.date <= coalesce(?3, '~') GROUP BY r.code ORDER BY r.code";

/* Reads one text column as a malloc'd string (NULL stays NULL); false when out of memory. */
static bool column_dup(sqlite3_stmt *stmt, int column, char **out)
{
	*out = NULL;
	if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
		return true;
	return (*out = store_db_dup_text((const char *)sqlite3_column_text(stmt, column))) != NULL;
}

/* A read-only file older than schema 5 has no search_index, and cannot be given one. */
static int search_index_missing(struct store *store, char *err, size_t errlen)
{
	if (store->version >= 5)
		return 0;
	errmsg_fail(err, errlen, "%s was written by an older klankbord and is opened read-only, so its search index"
		" cannot be built; copy it to a folder you can write to", store->path);
	return EX_DATAERR;
}

/* A failed MATCH is the query's fault, anything else the database's. store_search_filtered()
 * checks a query's syntax first (search_query.h); what FTS5 still refuses is named with
 * its own words. */
static int search_failed(struct store *store, int r, const char *query, char *err, size_t errlen)
{
	if ((r & 0xff) == SQLITE_ERROR) {
		errmsg_fail(err, errlen, "cannot search for \"%s\": the search index refuses it (%s)", query,
			sqlite3_errmsg(store->db));
		return EX_DATAERR;
	}
	return store_db_fail(store, r, "search", err, errlen);
}

int store_search(struct store *store, const char *session, const char *query, int64_t **out, int *n,
	char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	int rc = search_index_missing(store, err, errlen);
	sqlite3_stmt *stmt = rc ? NULL : store_db_statement(store, SQL_SEARCH, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, session, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, query, -1, SQLITE_STATIC);
	int r, cap = 0;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t *seqs = store_db_grow_rows(*out, *n, &cap, sizeof *seqs);
		if (!seqs) {
			r = SQLITE_NOMEM;
			break;
		}
		*out = seqs;
		(*out)[(*n)++] = sqlite3_column_int64(stmt, 0);
	}
	if (r != SQLITE_DONE) {
		rc = search_failed(store, r, query, err, errlen);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

void store_search_hits_free(struct store_search_hit *hits, int n)
{
	for (int i = 0; hits && i < n; i++) {
		free(hits[i].title);
		free(hits[i].organisation);
		free(hits[i].date);
		free(hits[i].participant);
		free(hits[i].snippet);
	}
	free(hits);
}

int store_search_snippets(struct store *store, const char *query, const struct store_snippet_marks *marks, int limit,
	struct store_search_hit **out, int *n, char *err, size_t errlen)
{
	static const struct store_snippet_marks plain = { "[", "]", 12 };
	*out = NULL;
	*n = 0;
	if (!marks)
		marks = &plain;
	int rc = search_index_missing(store, err, errlen);
	sqlite3_stmt *stmt = rc ? NULL : store_db_statement(store, SQL_SEARCH_ALL, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, limit > 0 ? limit : 50);
	sqlite3_bind_text(stmt, 3, marks->open, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, marks->close, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 5, marks->tokens > 0 && marks->tokens <= 64 ? marks->tokens : 12);
	int r, cap = 0;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_search_hit *hits = store_db_grow_rows(*out, *n, &cap, sizeof *hits);
		if (!hits) {
			r = SQLITE_NOMEM;
			break;
		}
		*out = hits;
		struct store_search_hit *h = &hits[(*n)++];
		*h = (struct store_search_hit){ .seq = sqlite3_column_int64(stmt, 0) };
		snprintf(h->session, sizeof h->session, "%s", (const char *)sqlite3_column_text(stmt, 1));
		snprintf(h->kind, sizeof h->kind, "%s", (const char *)sqlite3_column_text(stmt, 6));
		h->quotable = sqlite3_column_int(stmt, 8) != 0; /* the current consent (consent events update it) */
		bool ok = column_dup(stmt, 2, &h->title) && column_dup(stmt, 3, &h->organisation)
			&& column_dup(stmt, 4, &h->date) && column_dup(stmt, 5, &h->participant)
			&& column_dup(stmt, 7, &h->snippet);
		if (!ok) {
			r = SQLITE_NOMEM;
			break;
		}
	}
	if (r != SQLITE_DONE) {
		rc = search_failed(store, r, query, err, errlen);
		store_search_hits_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

int store_report(struct store *store, const struct store_report_filter *filter, struct store_report_row **out,
	int *n, char *err, size_t errlen)
{
	static const struct store_report_filter everything = { 0 };
	*out = NULL;
	*n = 0;
	if (!filter)
		filter = &everything;
	const char *sql = filter->organisation ? SQL_REPORT_ORGANISATION
		: filter->date_from || filter->date_to ? SQL_REPORT_DATES : SQL_REPORT_ALL;
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, sql, err, errlen, &rc);
	if (!stmt)
		return rc;
	if (sql != SQL_REPORT_ALL) {
		sqlite3_bind_text(stmt, 1, filter->organisation, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, filter->date_from, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, filter->date_to, -1, SQLITE_STATIC);
	}
	int r, cap = 0;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (int k = 0; k < N_REPORT_KINDS && r == SQLITE_ROW; k++) {
			int64_t contributions = sqlite3_column_int64(stmt, 1 + 2 * k);
			if (contributions <= 0)
				continue;
			struct store_report_row *rows = store_db_grow_rows(*out, *n, &cap, sizeof *rows);
			if (!rows) {
				r = SQLITE_NOMEM;
				break;
			}
			*out = rows;
			struct store_report_row *row = &rows[(*n)++];
			snprintf(row->code, sizeof row->code, "%s", (const char *)sqlite3_column_text(stmt, 0));
			snprintf(row->kind, sizeof row->kind, "%s", report_kinds[k]);
			row->contributions = contributions;
			row->sessions = sqlite3_column_int64(stmt, 2 + 2 * k);
		}
		if (r != SQLITE_ROW)
			break;
	}
	if (r != SQLITE_DONE) {
		rc = store_db_fail(store, r, "read", err, errlen);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

/* ---- steered search ---- */

/* A steered search reads one of two ways (docs/benchmarks.md, "The steered search"):
 * - across sessions: an index (search_index, the trigram index, or the contributions
 *   themselves when there is no query) read newest first between the first and last seq
 *   of the chosen sessions, each row checked against the filter, until `limit` pass;
 * - session by session, when the filter chooses at most SEARCH_WALK_MAX sessions (by id,
 *   organisation, days, participant or item): each chosen session's own seq range,
 *   newest session first, until the hits in hand are newer than every session left. A
 *   narrow filter (one organisation, one kind, one year) then reads the matches of a few
 *   sessions instead of every match in the range.
 * Both take a session's range from session_seqs (one seek), widened by the events the
 * projection has not passed yet (SQL_SEARCH_TAIL).
 * A kind and a code also go into the MATCH expression (search_index holds both), so that
 * FTS5 intersects their lists instead of the filter reading each match's row; the SQL
 * filter stays, so the expression only has to narrow. */
enum { SEARCH_WALK_MAX = 256, SEARCH_PROBLEM_MAX = 256 };

/* Parameters of every steered statement: ?1 the MATCH expression, ?2 the limit, ?3 ?4 ?5
 * the snippet's marks and words, ?6 code, ?7 kind, ?8 participant, ?9 item, ?10 session
 * prefix, ?11 organisation, ?12 ?13 days, ?14 the literal text, ?15 ?16 the seq range,
 * ?17 one session's id, ?18 the most sessions a choice may list. */
#define SEARCH_ROW_FILTER \
	" AND (?6 IS NULL OR EXISTS (SELECT 1 FROM contribution_tags t WHERE t.contribution = c.id AND t.code = lower(?6)))" \
	" AND (?7 IS NULL OR c.kind = lower(?7)) AND (?8 IS NULL OR c.participant = ?8) AND (?9 IS NULL OR c.item = ?9)"
/* Across sessions: the sessions of the prefix, the organisation and the days, chosen once
 * per statement (an uncorrelated IN is evaluated once), so that each row is checked
 * against a list instead of its session's row; dated sessions through the index
 * sessions_date, the others by their start. */
#define SEARCH_ACROSS(t) \
	" AND (?10 IS NULL OR (" t ".session >= lower(?10) AND " t ".session < lower(?10) || '~'))" \
	" AND (?11 IS NULL OR " t ".session IN (SELECT id FROM sessions WHERE organisation = ?11))" \
	" AND ((?12 IS NULL AND ?13 IS NULL) OR " t ".session IN (SELECT id FROM sessions" \
	" WHERE date >= coalesce(?12, '') AND date <= coalesce(?13, '~') UNION ALL SELECT s.id FROM sessions s" \
	" WHERE s.date IS NULL AND " STORE_DB_SESSION_DAY("s") " >= coalesce(?12, '')" \
	" AND " STORE_DB_SESSION_DAY("s") " <= coalesce(?13, '~')))"
/* Session by session: the session was chosen before. */
#define SEARCH_IN_ONE(t) " AND +" t ".session = ?17"
/* Whether contribution c's speaker consents now to be quoted (the agenda's consent, changed
 * by consent events: participants.consent_quotes). */
#define SEARCH_QUOTABLE \
	" coalesce((SELECT p.consent_quotes FROM participants p WHERE p.session = c.session AND p.id = c.participant), 0)"
#define SEARCH_COLUMNS(text) \
	"SELECT c.seq, c.session, s.title, s.organisation, " STORE_DB_SESSION_DAY("s") ", c.item, c.participant, c.kind, " \
	text ", c.codes, 0," \
	SEARCH_QUOTABLE
#define SEARCH_SNIPPET(index) "snippet(" index ", 0, ?3, ?4, '...', ?5)"
/* Through a full-text index: across sessions newest first, up to the limit; within one
 * session every match in its range, oldest first (the newest are kept in C). FTS5 reads a
 * term's list backwards from its end even below an upper rowid bound: newest first
 * within a session of 2016 cost 1.5-2 ms a query, oldest first 0.1-0.2 ms. */
#define SEARCH_ORDER_ACROSS(f) " ORDER BY " f ".rowid DESC LIMIT ?2"
#define SEARCH_ORDER_ONE(f) " ORDER BY " f ".rowid"
#define SEARCH_INDEX(index, text, scope, order) SEARCH_COLUMNS(text) \
	" FROM " index " f JOIN contributions c ON c.seq = f.rowid JOIN sessions s ON s.id = c.session" \
	" WHERE " index " MATCH ?1 AND f.rowid >= ?15 AND f.rowid <= ?16 AND NOT c.retracted" SEARCH_ROW_FILTER scope order
/* Through the contributions themselves, newest first (test: what the text must hold). */
#define SEARCH_TEXTS(test, scope) SEARCH_COLUMNS("c.text") \
	" FROM contributions c JOIN sessions s ON s.id = c.session WHERE c.seq >= ?15 AND c.seq <= ?16" test \
	" AND NOT c.retracted" SEARCH_ROW_FILTER scope " ORDER BY c.seq DESC LIMIT ?2"
/* Recommendations (/recommend): no speaker, no codes, kind "recommendation". */
#define SEARCH_REC_FILTER \
	" AND ?6 IS NULL AND ?8 IS NULL AND (?7 IS NULL OR lower(?7) = 'recommendation') AND (?9 IS NULL OR r.item = ?9)"
#define SEARCH_REC_COLUMNS(text) \
	"SELECT r.seq, r.session, s.title, s.organisation, " STORE_DB_SESSION_DAY("s") ", r.item, NULL, 'recommendation', " \
	text ", '', 1, 0"
#define SEARCH_REC_INDEX(scope, order) SEARCH_REC_COLUMNS(SEARCH_SNIPPET("recommendations_fts")) \
	" FROM recommendations_fts f JOIN recommendations r ON r.seq = f.rowid JOIN sessions s ON s.id = r.session" \
	" WHERE recommendations_fts MATCH ?1 AND f.rowid >= ?15 AND f.rowid <= ?16" SEARCH_REC_FILTER scope order
/* The trigram index holds contributions only; a recommendation is found by its text. */
#define SEARCH_REC_TEXTS(test, scope) SEARCH_REC_COLUMNS("r.text") \
	" FROM recommendations r JOIN sessions s ON s.id = r.session WHERE r.seq >= ?15 AND r.seq <= ?16" test \
	SEARCH_REC_FILTER scope " ORDER BY r.seq DESC LIMIT ?2"

static const char SQL_WORDS_ACROSS[] = SEARCH_INDEX("search_index", SEARCH_SNIPPET("search_index"), SEARCH_ACROSS("c"),
	SEARCH_ORDER_ACROSS("f"));
static const char SQL_WORDS_ONE[] = SEARCH_INDEX("search_index", SEARCH_SNIPPET("search_index"), SEARCH_IN_ONE("c"),
	SEARCH_ORDER_ONE("f"));
static const char SQL_LISTED_ACROSS[] = SEARCH_INDEX("search_index", "c.text", SEARCH_ACROSS("c"), SEARCH_ORDER_ACROSS("f"));
static const char SQL_LISTED_ONE[] = SEARCH_INDEX("search_index", "c.text", SEARCH_IN_ONE("c"), SEARCH_ORDER_ONE("f"));
static const char SQL_TRIGRAM_ACROSS[] =
	SEARCH_INDEX("contributions_trigram", SEARCH_SNIPPET("contributions_trigram"), SEARCH_ACROSS("c"),
		SEARCH_ORDER_ACROSS("f"));
static const char SQL_TRIGRAM_ONE[] =
	SEARCH_INDEX("contributions_trigram", SEARCH_SNIPPET("contributions_trigram"), SEARCH_IN_ONE("c"),
		SEARCH_ORDER_ONE("f"));
static const char SQL_SHORT_ACROSS[] = SEARCH_TEXTS(" AND instr(c.text, ?14) > 0", SEARCH_ACROSS("c"));
static const char SQL_SHORT_ONE[] = SEARCH_TEXTS(" AND instr(c.text, ?14) > 0", SEARCH_IN_ONE("c"));
static const char SQL_NEWEST_ACROSS[] = SEARCH_TEXTS("", SEARCH_ACROSS("c"));
static const char SQL_NEWEST_ONE[] = SEARCH_TEXTS("", SEARCH_IN_ONE("c"));
static const char SQL_REC_WORDS_ACROSS[] = SEARCH_REC_INDEX(SEARCH_ACROSS("r"), SEARCH_ORDER_ACROSS("f"));
static const char SQL_REC_WORDS_ONE[] = SEARCH_REC_INDEX(SEARCH_IN_ONE("r"), SEARCH_ORDER_ONE("f"));
static const char SQL_REC_SHORT_ACROSS[] = SEARCH_REC_TEXTS(" AND instr(r.text, ?14) > 0", SEARCH_ACROSS("r"));
static const char SQL_REC_SHORT_ONE[] = SEARCH_REC_TEXTS(" AND instr(r.text, ?14) > 0", SEARCH_IN_ONE("r"));
static const char SQL_REC_NEWEST_ACROSS[] = SEARCH_REC_TEXTS("", SEARCH_ACROSS("r"));
static const char SQL_REC_NEWEST_ONE[] = SEARCH_REC_TEXTS("", SEARCH_IN_ONE("r"));

/* The ways of reading: a query of words; no query but a kind or a code (in the MATCH
 * expression; the text shown whole); a CJK query, through trigrams; a CJK word shorter than
 * a trigram, looked for in the texts; no query at all: the newest that pass. Each across
 * sessions and within one, for contributions and for recommendations. */
enum search_way { WAY_WORDS, WAY_LISTED, WAY_TRIGRAM, WAY_SHORT, WAY_NEWEST };
static const struct search_sql {
	const char *across, *one, *rec_across, *rec_one;
} search_sql[] = {
	[WAY_WORDS] = { SQL_WORDS_ACROSS, SQL_WORDS_ONE, SQL_REC_WORDS_ACROSS, SQL_REC_WORDS_ONE },
	[WAY_LISTED] = { SQL_LISTED_ACROSS, SQL_LISTED_ONE, SQL_REC_NEWEST_ACROSS, SQL_REC_NEWEST_ONE },
	[WAY_TRIGRAM] = { SQL_TRIGRAM_ACROSS, SQL_TRIGRAM_ONE, SQL_REC_SHORT_ACROSS, SQL_REC_SHORT_ONE },
	[WAY_SHORT] = { SQL_SHORT_ACROSS, SQL_SHORT_ONE, SQL_REC_SHORT_ACROSS, SQL_REC_SHORT_ONE },
	[WAY_NEWEST] = { SQL_NEWEST_ACROSS, SQL_NEWEST_ONE, SQL_REC_NEWEST_ACROSS, SQL_REC_NEWEST_ONE },
};

/* The seqs of the events (so of the contributions) of the sessions a --session prefix,
 * or else --from and --to, choose, from session_seqs (one seek a session): the index is
 * then read only between them (FTS5 seeks a rowid range), so a search within one year
 * does not read every match of a common word. The filter itself is still applied to each
 * row: the range only has to cover (events after projected.seq are added in C). */
#define SEARCH_RANGE_OF(sessions) \
	"SELECT min(r.first_seq), max(r.last_seq), count(*) FROM (" sessions ") x" \
	" LEFT JOIN session_seqs r ON r.session = x.id"
static const char SQL_SEARCH_RANGE_SESSION[] = SEARCH_RANGE_OF(
	"SELECT id FROM sessions WHERE id >= lower(?10) AND id < lower(?10) || '~'");
static const char SQL_SEARCH_RANGE_DAYS[] = SEARCH_RANGE_OF(
	"SELECT id FROM sessions WHERE date >= coalesce(?12, '') AND date <= coalesce(?13, '~')"
	" UNION ALL SELECT s.id FROM sessions s WHERE s.date IS NULL AND " STORE_DB_SESSION_DAY("s")
	" >= coalesce(?12, '') AND " STORE_DB_SESSION_DAY("s") " <= coalesce(?13, '~')");
/* The events session_seqs does not hold yet (after projected.seq: none once a reader has
 * projected), by session; NOT INDEXED, or SQLite scans all of events_session for its
 * order by session (0.25 s) instead of reading the few rows after projected.seq. */
static const char SQL_SEARCH_TAIL[] =
	"SELECT session, min(seq), max(seq) FROM events NOT INDEXED"
	" WHERE seq > (SELECT coalesce(max(seq), 0) FROM projected) GROUP BY session ORDER BY session";

/* The sessions the filter chooses, with the first and last seq of each, at most ?18:
 * found from one filter (the driver) and checked against all the others. */
#define SEARCH_SET_ROW \
	"SELECT s.id, r.first_seq, r.last_seq"
#define SEARCH_SET_RANGE " LEFT JOIN session_seqs r ON r.session = s.id"
#define SEARCH_SET_CHECKS \
	" AND (?10 IS NULL OR (s.id >= lower(?10) AND s.id < lower(?10) || '~')) AND (?11 IS NULL OR s.organisation = ?11)" \
	" AND (?12 IS NULL OR " STORE_DB_SESSION_DAY("s") " >= ?12) AND (?13 IS NULL OR " STORE_DB_SESSION_DAY("s") " <= ?13)" \
	" AND (?8 IS NULL OR EXISTS (SELECT 1 FROM participants q WHERE q.session = s.id AND q.id = ?8))" \
	" AND (?9 IS NULL OR EXISTS (SELECT 1 FROM items j WHERE j.session = s.id AND j.id = ?9)) LIMIT ?18"
static const char SQL_SET_PREFIX[] = SEARCH_SET_ROW " FROM sessions s" SEARCH_SET_RANGE
	" WHERE s.id >= lower(?10) AND s.id < lower(?10) || '~'" SEARCH_SET_CHECKS;
static const char SQL_SET_ORGANISATION[] = SEARCH_SET_ROW " FROM sessions s" SEARCH_SET_RANGE
	" WHERE s.organisation = ?11" SEARCH_SET_CHECKS;
static const char SQL_SET_PARTICIPANT[] = SEARCH_SET_ROW " FROM participants p JOIN sessions s ON s.id = p.session"
	SEARCH_SET_RANGE " WHERE p.id = ?8" SEARCH_SET_CHECKS;
static const char SQL_SET_ITEM[] = SEARCH_SET_ROW " FROM items i JOIN sessions s ON s.id = i.session" SEARCH_SET_RANGE
	" WHERE i.id = ?9" SEARCH_SET_CHECKS;
static const char SQL_SET_DAYS[] = SEARCH_SET_ROW " FROM (SELECT id FROM sessions WHERE date >= coalesce(?12, '')"
	" AND date <= coalesce(?13, '~') UNION ALL SELECT x.id FROM sessions x WHERE x.date IS NULL"
	" AND " STORE_DB_SESSION_DAY("x") " >= coalesce(?12, '') AND " STORE_DB_SESSION_DAY("x") " <= coalesce(?13, '~')) d"
	" JOIN sessions s ON s.id = d.id" SEARCH_SET_RANGE " WHERE 1" SEARCH_SET_CHECKS;
/* How many sessions (up to ?18) one filter alone chooses, from its index alone: the
 * fewest is the driver. (Undated sessions are left out of the count of days: an estimate.) */
static const char SQL_COUNT_ORGANISATION[] =
	"SELECT count(*) FROM (SELECT 1 FROM sessions WHERE organisation = ?11 LIMIT ?18)";
static const char SQL_COUNT_PARTICIPANT[] = "SELECT count(*) FROM (SELECT 1 FROM participants WHERE id = ?8 LIMIT ?18)";
static const char SQL_COUNT_ITEM[] = "SELECT count(*) FROM (SELECT 1 FROM items WHERE id = ?9 LIMIT ?18)";
static const char SQL_COUNT_DAYS[] = "SELECT count(*) FROM (SELECT 1 FROM sessions"
	" WHERE date >= coalesce(?12, '') AND date <= coalesce(?13, '~') LIMIT ?18)";


/* The number of characters of a UTF-8 text. */
static size_t code_points(const char *text)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		n += (*p & 0xc0) != 0x80;
	return n;
}

/* Marks every occurrence of word in *text (a malloc'd string, replaced); false when out of
 * memory. */
static bool mark_all(char **text, const char *word, const struct store_snippet_marks *marks)
{
	size_t wlen = strlen(word), olen = strlen(marks->open), clen = strlen(marks->close), count = 0;
	if (!*text || !wlen)
		return true;
	for (const char *p = strstr(*text, word); p; p = strstr(p + wlen, word))
		count++;
	char *marked = malloc(strlen(*text) + count * (olen + clen) + 1), *w = marked;
	if (!marked)
		return false;
	const char *from = *text;
	for (const char *p = strstr(from, word); p; from = p + wlen, p = strstr(from, word)) {
		memcpy(w, from, (size_t)(p - from)), w += p - from;
		memcpy(w, marks->open, olen), w += olen;
		memcpy(w, p, wlen), w += wlen;
		memcpy(w, marks->close, clen), w += clen;
	}
	strcpy(w, from);
	free(*text);
	*text = marked;
	return true;
}

void store_search_matches_free(struct store_search_match *matches, int n)
{
	for (int i = 0; matches && i < n; i++) {
		free(matches[i].title);
		free(matches[i].organisation);
		free(matches[i].item);
		free(matches[i].participant);
		free(matches[i].codes);
		free(matches[i].snippet);
	}
	free(matches);
}

/* One session a search may read, with the first and last seq of its events. */
struct search_session {
	char id[STORE_UUID_LEN + 1];
	int64_t first, last;
};

/* The sessions of the events after projected.seq, which session_seqs does not hold yet,
 * by id (none once a reader has projected: a console writing meanwhile, or a file opened
 * read-only after a console was stopped). */
struct search_tail {
	struct search_session *sessions;
	int n;
	int64_t first, last; /* over all of them */
};

struct search_run {
	int64_t range[2];            /* the seqs an index is read between */
	struct search_tail tail;
	const char *match;           /* what ?1 matches: the query, with a kind and code */
	const char *query, *literal; /* as given (for messages); the text of a CJK word */
	const char *session;         /* session by session: the one read now */
	const struct store_search_filter *filter;
	const struct store_snippet_marks *marks;
	int limit, set_limit;
};

static void bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	if (index <= sqlite3_bind_parameter_count(stmt))
		sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
}

static void bind_int(sqlite3_stmt *stmt, int index, int64_t value)
{
	if (index <= sqlite3_bind_parameter_count(stmt))
		sqlite3_bind_int64(stmt, index, value);
}

/* Binds what a steered statement uses of ?1..?18. */
static void search_bind(sqlite3_stmt *stmt, const struct search_run *q)
{
	const struct store_search_filter *f = q->filter;
	const char *texts[] = { f->code, f->kind, f->participant, f->item, f->session, f->organisation, f->date_from,
		f->date_to };
	bind_text(stmt, 1, q->match);
	bind_int(stmt, 2, q->limit);
	bind_text(stmt, 3, q->marks->open);
	bind_text(stmt, 4, q->marks->close);
	bind_int(stmt, 5, q->marks->tokens > 0 && q->marks->tokens <= 64 ? q->marks->tokens : 12);
	for (int i = 0; i < 8; i++)
		bind_text(stmt, 6 + i, texts[i]);
	bind_text(stmt, 14, q->literal);
	bind_int(stmt, 15, q->range[0]);
	bind_int(stmt, 16, q->range[1]);
	bind_text(stmt, 17, q->session);
	bind_int(stmt, 18, q->set_limit);
}

static int tail_compare(const void *a, const void *b)
{
	return strcmp(((const struct search_session *)a)->id, ((const struct search_session *)b)->id);
}

/* Reads q->tail (sorted by id, as SQL_SEARCH_TAIL gives it). */
static int search_tail_read(struct store *store, struct search_run *q, char *err, size_t errlen)
{
	struct search_tail *t = &q->tail;
	int rc = 0, cap = 0, r;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_SEARCH_TAIL, err, errlen, &rc);
	if (!stmt)
		return rc;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct search_session *list = store_db_grow_rows(t->sessions, t->n, &cap, sizeof *list);
		if (!list) {
			r = SQLITE_NOMEM;
			break;
		}
		t->sessions = list;
		struct search_session *s = &list[t->n++];
		snprintf(s->id, sizeof s->id, "%s", (const char *)sqlite3_column_text(stmt, 0));
		s->first = sqlite3_column_int64(stmt, 1);
		s->last = sqlite3_column_int64(stmt, 2);
		t->first = t->n == 1 || s->first < t->first ? s->first : t->first;
		t->last = s->last > t->last ? s->last : t->last;
	}
	if (r != SQLITE_DONE)
		rc = store_db_fail(store, r, "search", err, errlen);
	sqlite3_reset(stmt);
	return rc;
}

/* Widens [*first, *last] (ranged: it holds a range yet) to the session's events in the
 * tail; false when the session has no events at all. */
static bool tail_widen(const struct search_tail *t, const char *id, bool ranged, int64_t *first, int64_t *last)
{
	struct search_session key;
	snprintf(key.id, sizeof key.id, "%s", id);
	const struct search_session *s = t->n ? bsearch(&key, t->sessions, (size_t)t->n, sizeof key, tail_compare) : NULL;
	if (!s)
		return ranged;
	*first = !ranged || s->first < *first ? s->first : *first;
	*last = !ranged || s->last > *last ? s->last : *last;
	return true;
}

static int search_range(struct store *store, const struct search_run *q, int64_t range[2], char *err, size_t errlen)
{
	const struct store_search_filter *f = q->filter;
	range[0] = 0;
	range[1] = INT64_MAX;
	const char *sql = f->session ? SQL_SEARCH_RANGE_SESSION
		: f->date_from || f->date_to ? SQL_SEARCH_RANGE_DAYS : NULL;
	if (!sql)
		return 0;
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, sql, err, errlen, &rc);
	if (!stmt)
		return rc;
	search_bind(stmt, q);
	int r = sqlite3_step(stmt);
	bool chosen = r == SQLITE_ROW && sqlite3_column_int64(stmt, 2) > 0;
	if (chosen && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		range[0] = sqlite3_column_int64(stmt, 0);
		range[1] = sqlite3_column_int64(stmt, 1);
		if (q->tail.n) { /* the range only has to cover: every event of the tail */
			range[0] = q->tail.first < range[0] ? q->tail.first : range[0];
			range[1] = q->tail.last > range[1] ? q->tail.last : range[1];
		}
	} else if (chosen && q->tail.n) {
		range[0] = q->tail.first, range[1] = q->tail.last;
	} else if (r == SQLITE_ROW) {
		range[0] = 1, range[1] = 0; /* no session there */
	} else {
		rc = store_db_fail(store, r, "search", err, errlen);
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

/* Runs a statement of one integer (a count). */
static int search_count(struct store *store, const char *sql, const struct search_run *q, int64_t *count, char *err,
	size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, sql, err, errlen, &rc);
	if (!stmt)
		return rc;
	search_bind(stmt, q);
	int r = sqlite3_step(stmt);
	if (r == SQLITE_ROW)
		*count = sqlite3_column_int64(stmt, 0);
	else
		rc = store_db_fail(store, r, "search", err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

/* The statement that lists the chosen sessions from the filter that alone chooses the
 * fewest; NULL when no filter chooses sessions or each alone chooses more than the walk
 * takes. */
static int search_driver(struct store *store, struct search_run *q, const char **sql, char *err, size_t errlen)
{
	const struct store_search_filter *f = q->filter;
	*sql = f->session ? SQL_SET_PREFIX : NULL;
	if (*sql)
		return 0;
	const struct {
		bool given;
		const char *count, *set;
	} drivers[] = {
		{ f->organisation != NULL, SQL_COUNT_ORGANISATION, SQL_SET_ORGANISATION },
		{ f->item != NULL, SQL_COUNT_ITEM, SQL_SET_ITEM },
		{ f->participant != NULL, SQL_COUNT_PARTICIPANT, SQL_SET_PARTICIPANT },
		{ f->date_from || f->date_to, SQL_COUNT_DAYS, SQL_SET_DAYS },
	};
	int64_t fewest = SEARCH_WALK_MAX + 1;
	for (size_t i = 0; i < sizeof drivers / sizeof drivers[0]; i++) {
		int64_t count = 0;
		int rc = drivers[i].given ? search_count(store, drivers[i].count, q, &count, err, errlen) : 0;
		if (rc)
			return rc;
		if (drivers[i].given && count < fewest)
			fewest = count, *sql = drivers[i].set;
	}
	return 0;
}

static int session_newest_first(const void *a, const void *b)
{
	int64_t x = ((const struct search_session *)a)->last, y = ((const struct search_session *)b)->last;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* The sessions the filter chooses, newest first, when they are at most SEARCH_WALK_MAX
 * (*out malloc'd, *n of them); *out NULL when the search reads across sessions instead. */
static int search_sessions(struct store *store, struct search_run *q, struct search_session **out, int *n, char *err,
	size_t errlen)
{
	*out = NULL;
	*n = 0;
	const char *sql;
	int rc = search_driver(store, q, &sql, err, errlen);
	sqlite3_stmt *stmt = rc || !sql ? NULL : store_db_statement(store, sql, err, errlen, &rc);
	if (!stmt)
		return rc;
	struct search_session *list = malloc((SEARCH_WALK_MAX + 1) * sizeof *list);
	if (!list) {
		sqlite3_reset(stmt);
		return errmsg_fail(err, errlen, "out of memory"), EX_OSERR;
	}
	search_bind(stmt, q);
	int r, count = 0;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW && count <= SEARCH_WALK_MAX) {
		struct search_session *s = &list[count];
		snprintf(s->id, sizeof s->id, "%s", (const char *)sqlite3_column_text(stmt, 0));
		s->first = sqlite3_column_int64(stmt, 1);
		s->last = sqlite3_column_int64(stmt, 2);
		if (tail_widen(&q->tail, s->id, sqlite3_column_type(stmt, 1) != SQLITE_NULL, &s->first, &s->last))
			count++; /* a session without events holds nothing to find */
	}
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		rc = store_db_fail(store, r, "search", err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (rc || count > SEARCH_WALK_MAX) {
		free(list);
		return rc;
	}
	qsort(list, (size_t)count, sizeof *list, session_newest_first);
	*out = list;
	*n = count;
	return 0;
}

/* Runs one of the steered statements, appending its rows to *out. */
static int search_one(struct store *store, const char *sql, const struct search_run *q,
	struct store_search_match **out, int *n, int *cap, char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, sql, err, errlen, &rc);
	if (!stmt)
		return rc;
	search_bind(stmt, q);
	int r;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_search_match *rows = store_db_grow_rows(*out, *n, cap, sizeof *rows);
		if (!rows) {
			r = SQLITE_NOMEM;
			break;
		}
		*out = rows;
		struct store_search_match *m = &rows[(*n)++];
		*m = (struct store_search_match){ .seq = sqlite3_column_int64(stmt, 0),
			.recommendation = sqlite3_column_int(stmt, 10), .quotable = sqlite3_column_int(stmt, 11) != 0 };
		snprintf(m->session, sizeof m->session, "%s", (const char *)sqlite3_column_text(stmt, 1));
		snprintf(m->day, sizeof m->day, "%s", (const char *)sqlite3_column_text(stmt, 4));
		snprintf(m->kind, sizeof m->kind, "%s", (const char *)sqlite3_column_text(stmt, 7));
		bool ok = column_dup(stmt, 2, &m->title) && column_dup(stmt, 3, &m->organisation)
			&& column_dup(stmt, 5, &m->item) && column_dup(stmt, 6, &m->participant)
			&& column_dup(stmt, 8, &m->snippet) && column_dup(stmt, 9, &m->codes);
		if (!ok) {
			r = SQLITE_NOMEM;
			break;
		}
	}
	if (r != SQLITE_DONE)
		rc = search_failed(store, r, q->query ? q->query : "", err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

static int match_newest_first(const void *a, const void *b)
{
	int64_t x = ((const struct store_search_match *)a)->seq, y = ((const struct store_search_match *)b)->seq;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* Sorts the matches newest first and keeps the newest limit. */
static void keep_newest(struct store_search_match *matches, int *n, int limit)
{
	if (*n > 1)
		qsort(matches, (size_t)*n, sizeof *matches, match_newest_first);
	while (*n > limit) {
		(*n)--;
		struct store_search_match *m = &matches[*n];
		free(m->title), free(m->organisation), free(m->item), free(m->participant), free(m->codes), free(m->snippet);
	}
}

/* Session by session, newest first, until no session left can hold a newer hit than the
 * newest limit in hand. */
static int search_walk(struct store *store, struct search_run *q, enum search_way way,
	const struct search_session *sessions, int n_sessions, struct store_search_match **out, int *n, int *cap,
	char *err, size_t errlen)
{
	int rc = 0;
	for (int i = 0; i < n_sessions && !rc; i++) {
		if (*n >= q->limit && sessions[i].last < (*out)[q->limit - 1].seq)
			break;
		q->range[0] = sessions[i].first;
		q->range[1] = sessions[i].last;
		q->session = sessions[i].id;
		rc = search_one(store, search_sql[way].one, q, out, n, cap, err, errlen);
		if (!rc)
			rc = search_one(store, search_sql[way].rec_one, q, out, n, cap, err, errlen);
		if (!rc)
			keep_newest(*out, n, q->limit);
	}
	q->session = NULL;
	return rc;
}

/* The MATCH expression of a query of words: the query, and a kind and a code as phrases
 * of their columns ((QUERY) AND kind:"obstacle" AND codes:"housing"); NULL (out of
 * memory) or, with no query, kind nor code, an empty string. malloc'd. */
static char *search_match(const char *query, const struct store_search_filter *f)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return NULL;
	const char *sep = "";
	bool phrases = (f->kind && *f->kind) || (f->code && *f->code);
	if (query)
		fprintf(m, phrases ? "(%s)" : "%s", query), sep = " AND ";
	const char *columns[] = { "kind", "codes" }, *values[] = { f->kind, f->code };
	for (int i = 0; i < 2; i++) {
		if (!values[i] || !*values[i])
			continue;
		fprintf(m, "%s%s:\"", sep, columns[i]);
		for (const char *p = values[i]; *p; p++)
			fputs(*p == '"' ? "\"\"" : (char[]){ *p, '\0' }, m);
		fputc('"', m);
		sep = " AND ";
	}
	if (fclose(m) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* How a search reads, from its query (NULL: none) and filter. */
static enum search_way search_way_of(const char *query, const char *literal, const struct store_search_filter *f)
{
	if (!query)
		return (f->kind && *f->kind) || (f->code && *f->code) ? WAY_LISTED : WAY_NEWEST;
	if (!store_cjk_text(query))
		return WAY_WORDS;
	return code_points(literal) < 3 && !strpbrk(literal, " \"*()") ? WAY_SHORT : WAY_TRIGRAM;
}

/* True when nothing but spaces. */
static bool blank(const char *text)
{
	return !text || text[strspn(text, " \t\r\n")] == '\0';
}

/* Runs the search of q the way given, into *out. */
static int search_run(struct store *store, struct search_run *q, enum search_way way, struct store_search_match **out,
	int *n, char *err, size_t errlen)
{
	int cap = 0;
	struct search_session *sessions = NULL;
	int n_sessions = 0;
	int rc = search_tail_read(store, q, err, errlen);
	if (!rc)
		rc = search_sessions(store, q, &sessions, &n_sessions, err, errlen);
	if (!rc && sessions) {
		rc = search_walk(store, q, way, sessions, n_sessions, out, n, &cap, err, errlen);
	} else if (!rc) {
		rc = search_range(store, q, q->range, err, errlen);
		if (!rc)
			rc = search_one(store, search_sql[way].across, q, out, n, &cap, err, errlen);
		if (!rc)
			rc = search_one(store, search_sql[way].rec_across, q, out, n, &cap, err, errlen);
	}
	free(sessions);
	free(q->tail.sessions);
	q->tail = (struct search_tail){ 0 };
	/* A CJK word's rows hold the whole text: its occurrences are marked here. */
	for (int i = 0; !rc && i < *n; i++)
		if ((way == WAY_SHORT || (way == WAY_TRIGRAM && (*out)[i].recommendation))
			&& !mark_all(&(*out)[i].snippet, q->literal, q->marks))
			rc = (errmsg_fail(err, errlen, "out of memory"), EX_OSERR);
	return rc;
}

int store_search_filtered(struct store *store, const char *query, const struct store_search_filter *filter,
	const struct store_snippet_marks *marks, int limit, struct store_search_match **out, int *n,
	char *err, size_t errlen)
{
	static const struct store_snippet_marks plain = { "[", "]", 12 };
	static const struct store_search_filter everything = { 0 };
	*out = NULL;
	*n = 0;
	int rc = search_index_missing(store, err, errlen);
	if (rc)
		return rc;
	const struct store_search_filter *f = filter ? filter : &everything;
	if (blank(query))
		query = NULL;
	if (!query && !f->code && !f->kind && !f->participant && !f->item && !f->session && !f->organisation
		&& !f->date_from && !f->date_to) {
		errmsg_fail(err, errlen, "a search needs words to look for or a filter");
		return EX_USAGE;
	}
	struct search_run q = { .query = query, .literal = query, .filter = f, .marks = marks ? marks : &plain,
		.limit = limit > 0 ? limit : 50, .set_limit = SEARCH_WALK_MAX + 1 };
	/* A CJK query given as one "phrase" is searched for as its text inside the quotes. */
	char *literal = NULL, *match = NULL;
	size_t len = query ? strlen(query) : 0;
	bool cjk = query && store_cjk_text(query);
	if (cjk && len >= 2 && query[0] == '"' && query[len - 1] == '"' && (literal = malloc(len - 1))) {
		memcpy(literal, query + 1, len - 2);
		literal[len - 2] = '\0';
		q.literal = literal;
	}
	/* The query as FTS5 reads it: its words quoted, its operators checked (search_query.h). */
	char *expression = NULL, problem[SEARCH_PROBLEM_MAX];
	bool codes_or_kind = false;
	if (query && (rc = search_query_expression(query, &expression, &codes_or_kind, problem, sizeof problem))) {
		free(literal);
		return rc == EX_DATAERR ? (errmsg_fail(err, errlen, "cannot search for \"%s\": %s", query, problem), rc)
			: (errmsg_fail(err, errlen, "%s", problem), rc);
	}
	enum search_way way = search_way_of(query, q.literal, f);
	if (codes_or_kind && (way == WAY_TRIGRAM || way == WAY_SHORT)) {
		free(literal);
		free(expression);
		errmsg_fail(err, errlen, "cannot search for \"%s\": a query with Chinese, Japanese or Korean words looks in"
			" the texts only; filter with --code and --kind instead of codes: and kind:", query);
		return EX_DATAERR;
	}
	q.match = way == WAY_WORDS || way == WAY_LISTED ? (match = search_match(expression, f)) : expression;
	rc = (way == WAY_WORDS || way == WAY_LISTED) && !match ? (errmsg_fail(err, errlen, "out of memory"), EX_OSERR)
		: search_run(store, &q, way, out, n, err, errlen);
	free(literal);
	free(match);
	free(expression);
	if (rc) {
		store_search_matches_free(*out, *n);
		*out = NULL;
		*n = 0;
		return rc;
	}
	keep_newest(*out, n, q.limit);
	return 0;
}
