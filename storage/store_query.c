/* store_query: see store_query.h. */
#include "storage/store_query.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
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
