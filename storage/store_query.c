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
#include "storage/store_db.h"

/* The kinds, in the order of report_counts' columns; a report reads, per code, each
 * kind's total and the number of sessions where it is above 0. */
#define REPORT_SUM(name, kind) ", sum(" #kind "), sum(" #kind " > 0)"
#define REPORT_SUMS CONTRIBUTION_KINDS(REPORT_SUM)
#define REPORT_NAME(name, kind) [KIND_##name] = #kind,
static const char *const report_kinds[] = { CONTRIBUTION_KINDS(REPORT_NAME) };
enum { N_REPORT_KINDS = (int)(sizeof report_kinds / sizeof report_kinds[0]) };

static const char SQL_SEARCH[] =
	"SELECT c.seq FROM contributions_fts f JOIN contributions c ON c.seq = f.rowid"
	" WHERE contributions_fts MATCH ?2 AND c.session = ?1 ORDER BY c.seq";
static const char SQL_SEARCH_ALL[] =
	"SELECT c.seq, c.session, s.title, s.organisation, s.date, c.participant, c.kind,"
	" snippet(contributions_fts, 0, ?3, ?4, '...', ?5),"
	" (SELECT p.consent_quotes FROM participants p WHERE p.session = c.session AND p.id = c.participant)"
	" FROM contributions_fts f JOIN contributions c ON c.seq = f.rowid JOIN sessions s ON s.id = c.session"
	" WHERE contributions_fts MATCH ?1 AND NOT c.retracted ORDER BY f.rowid DESC LIMIT ?2";
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

/* A failed MATCH is the query's fault (bad FTS5 syntax), anything else the database's. */
static int search_failed(struct store *store, int r, const char *query, char *err, size_t errlen)
{
	if ((r & 0xff) == SQLITE_ERROR) {
		errmsg_fail(err, errlen, "cannot search for \"%s\": %s", query, sqlite3_errmsg(store->db));
		return EX_DATAERR;
	}
	return store_db_fail(store, r, "search", err, errlen);
}

int store_search(struct store *store, const char *session, const char *query, int64_t **out, int *n,
	char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_SEARCH, err, errlen, &rc);
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
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_SEARCH_ALL, err, errlen, &rc);
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

/* The filter of a steered search over contribution c of session s (?6..?13). */
#define SEARCH_FILTER \
	" AND (?6 IS NULL OR EXISTS (SELECT 1 FROM contribution_tags t WHERE t.contribution = c.id AND t.code = lower(?6)))" \
	" AND (?7 IS NULL OR c.kind = lower(?7)) AND (?8 IS NULL OR c.participant = ?8) AND (?9 IS NULL OR c.item = ?9)" \
	" AND (?10 IS NULL OR (c.session >= lower(?10) AND c.session < lower(?10) || '~'))" \
	SEARCH_SESSIONS("c")
/* The sessions of the organisation and days, chosen once per search (an uncorrelated IN
 * is evaluated once), so that each match is checked against a list instead of its
 * session's row; dated sessions through the index sessions_date, the others by their start. */
#define SEARCH_SESSIONS(t) \
	" AND (?11 IS NULL OR " t ".session IN (SELECT id FROM sessions WHERE organisation = ?11))" \
	" AND ((?12 IS NULL AND ?13 IS NULL) OR " t ".session IN (SELECT id FROM sessions" \
	" WHERE date >= coalesce(?12, '') AND date <= coalesce(?13, '~') UNION ALL SELECT s.id FROM sessions s" \
	" WHERE s.date IS NULL AND " STORE_DB_SESSION_DAY("s") " >= coalesce(?12, '')" \
	" AND " STORE_DB_SESSION_DAY("s") " <= coalesce(?13, '~')))"
/* Whether contribution c's speaker consents now to be quoted (the agenda's consent, changed
 * by consent events: participants.consent_quotes). */
#define SEARCH_QUOTABLE \
	" coalesce((SELECT p.consent_quotes FROM participants p WHERE p.session = c.session AND p.id = c.participant), 0)"
#define SEARCH_FROM(index) \
	"SELECT c.seq, c.session, s.title, s.organisation, " STORE_DB_SESSION_DAY("s") ", c.item, c.participant, c.kind," \
	" snippet(" index ", 0, ?3, ?4, '...', ?5)," \
	" coalesce((SELECT group_concat(t.code, ' ') FROM contribution_tags t WHERE t.contribution = c.id), ''), 0," \
	SEARCH_QUOTABLE \
	" FROM " index " f JOIN contributions c ON c.seq = f.rowid JOIN sessions s ON s.id = c.session" \
	" WHERE " index " MATCH ?1 AND f.rowid >= ?15 AND f.rowid <= ?16 AND NOT c.retracted" SEARCH_FILTER \
	" ORDER BY f.rowid DESC LIMIT ?2"
static const char SQL_SEARCH_WORDS[] = SEARCH_FROM("search_index");
static const char SQL_SEARCH_TRIGRAM[] = SEARCH_FROM("contributions_trigram");
/* A CJK word of one or two characters is shorter than a trigram: the text itself is
 * searched, newest first, and the snippet is the whole text (marked in C). */
static const char SQL_SEARCH_SHORT[] =
	"SELECT c.seq, c.session, s.title, s.organisation, " STORE_DB_SESSION_DAY("s") ", c.item, c.participant, c.kind,"
	" c.text, coalesce((SELECT group_concat(t.code, ' ') FROM contribution_tags t WHERE t.contribution = c.id), ''), 0,"
	SEARCH_QUOTABLE
	" FROM contributions c JOIN sessions s ON s.id = c.session"
	" WHERE instr(c.text, ?14) > 0 AND NOT c.retracted" SEARCH_FILTER " AND ?1 IS NOT NULL AND ?3 IS NOT NULL"
	" AND ?4 IS NOT NULL AND ?5 IS NOT NULL ORDER BY c.seq DESC LIMIT ?2";
/* Recommendations: no speaker, no codes, kind "recommendation". */
#define SEARCH_RECOMMENDATIONS_FILTER \
	" AND ?6 IS NULL AND ?8 IS NULL AND (?7 IS NULL OR lower(?7) = 'recommendation') AND (?9 IS NULL OR r.item = ?9)" \
	" AND (?10 IS NULL OR (r.session >= lower(?10) AND r.session < lower(?10) || '~'))" SEARCH_SESSIONS("r")
static const char SQL_SEARCH_RECOMMENDATIONS[] =
	"SELECT r.seq, r.session, s.title, s.organisation, " STORE_DB_SESSION_DAY("s") ", r.item, NULL, 'recommendation',"
	" snippet(recommendations_fts, 0, ?3, ?4, '...', ?5), '', 1, 0"
	" FROM recommendations_fts f JOIN recommendations r ON r.seq = f.rowid JOIN sessions s ON s.id = r.session"
	" WHERE recommendations_fts MATCH ?1" SEARCH_RECOMMENDATIONS_FILTER " ORDER BY f.rowid DESC LIMIT ?2";
/* The trigram index holds contributions only; a recommendation is found by the text itself. */
static const char SQL_SEARCH_RECOMMENDATIONS_TEXT[] =
	"SELECT r.seq, r.session, s.title, s.organisation, " STORE_DB_SESSION_DAY("s") ", r.item, NULL, 'recommendation',"
	" r.text, '', 1, 0 FROM recommendations r JOIN sessions s ON s.id = r.session"
	" WHERE instr(r.text, ?14) > 0" SEARCH_RECOMMENDATIONS_FILTER ""
	" ORDER BY r.seq DESC LIMIT ?2";

/* The seqs of the events (so of the contributions) of the sessions a --session prefix,
 * or else --from and --to, choose, from the index events_session (two seeks a session):
 * the index is then read only between them (FTS5 seeks a rowid range), so
 * a search within one session or one year does not read every match of a common word.
 * The filter itself is still applied to each match: the range only has to cover. */
#define SEARCH_RANGE_OF(sessions) \
	"SELECT min((SELECT min(e.seq) FROM events e WHERE e.session = x.id))," \
	" max((SELECT max(e.seq) FROM events e WHERE e.session = x.id)), count(*) FROM (" sessions ") x"
static const char SQL_SEARCH_RANGE_SESSION[] = SEARCH_RANGE_OF(
	"SELECT id FROM sessions WHERE id >= lower(?1) AND id < lower(?1) || '~'");
static const char SQL_SEARCH_RANGE_DAYS[] = SEARCH_RANGE_OF(
	"SELECT id FROM sessions WHERE date >= coalesce(?2, '') AND date <= coalesce(?3, '~')"
	" UNION ALL SELECT s.id FROM sessions s WHERE s.date IS NULL AND " STORE_DB_SESSION_DAY("s")
	" >= coalesce(?2, '') AND " STORE_DB_SESSION_DAY("s") " <= coalesce(?3, '~')");

static int search_range(struct store *store, const struct store_search_filter *f, int64_t range[2], char *err,
	size_t errlen)
{
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
	if (f->session)
		sqlite3_bind_text(stmt, 1, f->session, -1, SQLITE_STATIC);
	else {
		sqlite3_bind_text(stmt, 2, f->date_from, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, f->date_to, -1, SQLITE_STATIC);
	}
	int r = sqlite3_step(stmt);
	if (r == SQLITE_ROW && sqlite3_column_int64(stmt, 2) > 0 && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		range[0] = sqlite3_column_int64(stmt, 0);
		range[1] = sqlite3_column_int64(stmt, 1);
	} else if (r == SQLITE_ROW) {
		range[0] = 1, range[1] = 0; /* no session there */
	} else {
		rc = store_db_fail(store, r, "search", err, errlen);
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

/* True when text holds a Chinese, Japanese or Korean character (unicode61 keeps a run of
 * them as one word, so such queries go to the trigram index). */
static bool has_cjk(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		unsigned cp = *p;
		int len = 1;
		if (cp >= 0xf0 && p[1] && p[2] && p[3])
			cp = ((cp & 7u) << 18) | ((p[1] & 63u) << 12) | ((p[2] & 63u) << 6) | (p[3] & 63u), len = 4;
		else if (cp >= 0xe0 && p[1] && p[2])
			cp = ((cp & 15u) << 12) | ((p[1] & 63u) << 6) | (p[2] & 63u), len = 3;
		else if (cp >= 0xc0 && p[1])
			cp = ((cp & 31u) << 6) | (p[1] & 63u), len = 2;
		if ((cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff)
			|| (cp >= 0xff66 && cp <= 0xff9f) || (cp >= 0x20000 && cp <= 0x3ffff))
			return true;
		p += len;
	}
	return false;
}

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

struct search_run {
	int64_t range[2];            /* the seqs the contributions' index is read between */
	const char *query, *literal;
	const struct store_search_filter *filter;
	const struct store_snippet_marks *marks;
	int limit;
};

/* Runs one of the steered statements, appending its rows to *out. */
static int search_one(struct store *store, const char *sql, const struct search_run *q,
	struct store_search_match **out, int *n, int *cap, char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, sql, err, errlen, &rc);
	if (!stmt)
		return rc;
	const struct store_search_filter *f = q->filter;
	const char *texts[] = { f->code, f->kind, f->participant, f->item, f->session, f->organisation, f->date_from,
		f->date_to };
	sqlite3_bind_text(stmt, 1, q->query, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, q->limit);
	sqlite3_bind_text(stmt, 3, q->marks->open, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, q->marks->close, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 5, q->marks->tokens > 0 && q->marks->tokens <= 64 ? q->marks->tokens : 12);
	for (int i = 0; i < 8; i++)
		sqlite3_bind_text(stmt, 6 + i, texts[i], -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(stmt) >= 14)
		sqlite3_bind_text(stmt, 14, q->literal, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(stmt) >= 16) {
		sqlite3_bind_int64(stmt, 15, q->range[0]);
		sqlite3_bind_int64(stmt, 16, q->range[1]);
	}
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
		rc = search_failed(store, r, q->query, err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

static int match_newest_first(const void *a, const void *b)
{
	int64_t x = ((const struct store_search_match *)a)->seq, y = ((const struct store_search_match *)b)->seq;
	return x < y ? 1 : x > y ? -1 : 0;
}

int store_search_filtered(struct store *store, const char *query, const struct store_search_filter *filter,
	const struct store_snippet_marks *marks, int limit, struct store_search_match **out, int *n,
	char *err, size_t errlen)
{
	static const struct store_snippet_marks plain = { "[", "]", 12 };
	static const struct store_search_filter everything = { 0 };
	*out = NULL;
	*n = 0;
	if (store->version < 5) {
		errmsg_fail(err, errlen, "%s was written by an older klankbord and is opened read-only, so its search index"
			" cannot be built; copy it to a folder you can write to", store->path);
		return EX_DATAERR;
	}
	struct search_run q = { .query = query, .literal = query, .filter = filter ? filter : &everything,
		.marks = marks ? marks : &plain, .limit = limit > 0 ? limit : 50 };
	bool cjk = has_cjk(query);
	/* A CJK query given as one "phrase" is searched for as its text inside the quotes. */
	char *literal = NULL;
	size_t len = strlen(query);
	if (cjk && len >= 2 && query[0] == '"' && query[len - 1] == '"' && (literal = malloc(len - 1))) {
		memcpy(literal, query + 1, len - 2);
		literal[len - 2] = '\0';
		q.literal = literal;
	}
	int cap = 0;
	int rc = search_range(store, q.filter, q.range, err, errlen);
	if (rc) {
		free(literal);
		return rc;
	}
	bool short_word = cjk && code_points(q.literal) < 3 && !strpbrk(q.literal, " \"*()");
	const char *sql = short_word ? SQL_SEARCH_SHORT : cjk ? SQL_SEARCH_TRIGRAM : SQL_SEARCH_WORDS;
	rc = search_one(store, sql, &q, out, n, &cap, err, errlen);
	for (int i = 0; !rc && short_word && i < *n; i++)
		if (!mark_all(&(*out)[i].snippet, q.literal, q.marks))
			rc = (errmsg_fail(err, errlen, "out of memory"), EX_OSERR);
	if (!rc)
		rc = search_one(store, cjk ? SQL_SEARCH_RECOMMENDATIONS_TEXT : SQL_SEARCH_RECOMMENDATIONS, &q, out, n, &cap,
			err, errlen);
	free(literal);
	if (rc) {
		store_search_matches_free(*out, *n);
		*out = NULL;
		*n = 0;
		return rc;
	}
	if (*n > 1)
		qsort(*out, (size_t)*n, sizeof **out, match_newest_first);
	while (*n > q.limit) {
		(*n)--;
		struct store_search_match *m = &(*out)[*n];
		free(m->title), free(m->organisation), free(m->item), free(m->participant), free(m->codes), free(m->snippet);
	}
	return 0;
}
