/* store_report: see store_report.h. */
#include "storage/store_report.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "config/kinds.h"
#include "sessions/errmsg.h"
#include "storage/store_db.h"

#define REPORT_COLUMN(name, kind) ", " #kind
#define REPORT_COLUMNS CONTRIBUTION_KINDS(REPORT_COLUMN)

/* Whether a contribution's speaker consents to be quoted, as SQL over the participant p:
 * the one place consent is read (a consent event would change this line only). */
#define CONSENTED(p) "coalesce(" p ".consent_quotes, 0) = 1"

/* The organisations one at a time, each by a seek in the index sessions_organisation
 * (100 seeks for 100 organisations, not a read of every session's row). */
static const char SQL_NEXT_ORGANISATION[] = "SELECT min(organisation) FROM sessions WHERE organisation > ?1";
/* A session's contributions (not retracted) are its report_counts row of code ''. */
#define SESSION_ROW \
	"SELECT s.id, s.title, s.organisation, " STORE_DB_SESSION_DAY("s") ", s.date IS NOT NULL, s.started_at," \
	" coalesce((SELECT r.experience + r.obstacle + r.success + r.idea + r.recommendation + r.question + r.quote" \
	" + r.note FROM report_counts r WHERE r.session = s.id AND r.code = ''), 0) FROM sessions s"
#define SESSION_SCOPE \
	" AND (?2 IS NULL OR " STORE_DB_SESSION_DAY("s") " >= ?2) AND (?3 IS NULL OR " STORE_DB_SESSION_DAY("s") " <= ?3)" \
	" AND (?4 IS NULL OR s.id IN (SELECT value FROM json_each(?4))) ORDER BY 4, s.started_at, s.id"
/* One organisation's sessions through the index sessions_organisation; every session by
 * reading the table once. */
static const char SQL_SESSIONS_OF[] = SESSION_ROW " WHERE s.organisation = ?1" SESSION_SCOPE;
static const char SQL_SESSIONS[] = SESSION_ROW " WHERE ?1 IS NULL" SESSION_SCOPE;
static const char SQL_PREFIX[] =
	"SELECT id FROM sessions WHERE id >= ?1 AND id < ?1 || '~' AND substr(id, 1, length(?1)) = ?1 LIMIT 2";
static const char SQL_CELLS[] =
	"SELECT code" REPORT_COLUMNS ", session FROM report_counts WHERE session = ?1";
/* Every session's cells in one pass, for a report over most of the sessions: one scan of
 * report_counts instead of a seek per session. */
static const char SQL_CELLS_ALL[] = "SELECT code" REPORT_COLUMNS ", session FROM report_counts";
static const char SQL_SESSIONS_HELD[] = "SELECT coalesce(max(rowid), 0) FROM sessions";
#define ITEM_VOTED(t) "EXISTS (SELECT 1 FROM votes v WHERE v.session = " t ".session AND v.item = " t ".item)"
/* The recommendations of a chunk of sessions (?1, a JSON array of ids; the partial index
 * contributions_recommended; shown without their speaker, so never quotable), the
 * obstacles, successes and quotes of consenting speakers in those of them that have any
 * (contributions_quotable, whose condition the query says word for word, so that SQLite
 * reads the index), and their /recommend (recommendations_session). A chunk per
 * statement, not a session: 10,000 sessions are 40 runs instead of 10,000. */
static const char SQL_CONTRIBUTIONS[] =
	"WITH chosen(id) AS (SELECT value FROM json_each(?1))"
	" SELECT c.seq, c.item, NULL, c.kind, c.text, c.codes, 0, 0, " ITEM_VOTED("c") ", c.session, c.id"
	" FROM contributions c WHERE c.session IN chosen AND c.kind = 'recommendation' AND NOT c.retracted"
	" UNION ALL SELECT c.seq, c.item, c.participant, c.kind, c.text, c.codes, 1, 0, " ITEM_VOTED("c") ","
	" c.session, c.id FROM contributions c JOIN participants p ON p.session = c.session AND p.id = c.participant"
	" WHERE c.session IN (SELECT DISTINCT q.session FROM participants q WHERE q.session IN chosen"
	" AND " CONSENTED("q") ") AND (c.kind = 'obstacle' OR c.kind = 'success' OR c.kind = 'quote')"
	" AND NOT c.retracted"
	" AND " CONSENTED("p")
	" UNION ALL SELECT r.seq, r.item, NULL, 'recommendation', r.text, '', 0, 1, " ITEM_VOTED("r") ", r.session, r.id"
	" FROM recommendations r WHERE r.session IN chosen";
enum { REPORT_CHUNK = 256 };

static char *dup_column(sqlite3_stmt *stmt, int column)
{
	if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
		return NULL;
	return store_db_dup_text((const char *)sqlite3_column_text(stmt, column));
}

/* An ASCII letter in lower case (SQLite's lower() folds no other). */
static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether part is in name, ASCII letters folded; *whole: it is all of name. */
static bool name_holds(const char *name, const char *part, bool *whole)
{
	size_t n = strlen(name), m = strlen(part);
	*whole = false;
	for (size_t at = 0; at + m <= n; at++) {
		size_t i = 0;
		while (i < m && ascii_lower(name[at + i]) == ascii_lower(part[i]))
			i++;
		if (i == m) {
			*whole = n == m;
			return true;
		}
	}
	return false;
}

int store_organisation_find(struct store *store, const char *part, char **name, char *err, size_t errlen)
{
	*name = NULL;
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_NEXT_ORGANISATION, err, errlen, &rc);
	if (!stmt)
		return rc;
	char *first = NULL, *second = NULL, *whole = NULL, *after = store_db_dup_text("");
	int r = after ? SQLITE_ROW : SQLITE_NOMEM, found = 0;
	while (r == SQLITE_ROW) {
		sqlite3_bind_text(stmt, 1, after, -1, SQLITE_STATIC);
		r = sqlite3_step(stmt);
		const char *org = r == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : NULL;
		char *copy = org ? store_db_dup_text(org) : NULL;
		sqlite3_reset(stmt);
		if (r == SQLITE_ROW && !org) {
			r = SQLITE_DONE; /* no organisation after the last */
			break;
		}
		if (r != SQLITE_ROW)
			break;
		if (!copy) {
			r = SQLITE_NOMEM;
			break;
		}
		free(after);
		after = copy;
		bool is_whole;
		if (!name_holds(copy, part, &is_whole))
			continue;
		if (is_whole && !whole)
			whole = store_db_dup_text(copy);
		if (found == 0)
			first = store_db_dup_text(copy);
		else if (found == 1)
			second = store_db_dup_text(copy);
		found++;
	}
	free(after);
	sqlite3_clear_bindings(stmt);
	if (r != SQLITE_DONE)
		rc = store_db_fail(store, r, "read", err, errlen);
	else if (whole || found == 1) {
		*name = whole ? whole : first;
		if (!*name)
			rc = (errmsg_fail(err, errlen, "out of memory"), EX_OSERR);
	} else if (found == 0) {
		errmsg_fail(err, errlen, "no organisation's name contains \"%s\" (klankbord list shows them)", part);
		rc = EX_NOINPUT;
	} else {
		errmsg_fail(err, errlen, "\"%s\" is part of %d organisations' names (%s, %s%s); give more of the name", part,
			found, first ? first : "?", second ? second : "?", found > 2 ? ", ..." : "");
		rc = EX_USAGE;
	}
	if (*name != first)
		free(first);
	if (*name != whole)
		free(whole);
	free(second);
	return rc;
}

void store_report_sessions_free(struct store_report_session *sessions, int n)
{
	for (int i = 0; sessions && i < n; i++) {
		free(sessions[i].title);
		free(sessions[i].organisation);
	}
	free(sessions);
}

/* The full ids the scope's prefixes name, as a JSON array in *json (malloc'd). */
static int prefixes_json(struct store *store, const struct store_report_scope *scope, char **json, char *err,
	size_t errlen)
{
	size_t cap = 3 + (size_t)scope->n_sessions * (STORE_UUID_LEN + 3);
	char *buf = malloc(cap);
	if (!buf)
		return errmsg_fail(err, errlen, "out of memory"), EX_OSERR;
	size_t used = (size_t)snprintf(buf, cap, "[");
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_PREFIX, err, errlen, &rc);
	for (int i = 0; stmt && !rc && i < scope->n_sessions; i++) {
		const char *prefix = scope->sessions[i];
		sqlite3_bind_text(stmt, 1, prefix, -1, SQLITE_STATIC);
		int found = 0, r;
		char id[STORE_UUID_LEN + 1] = "";
		while ((r = sqlite3_step(stmt)) == SQLITE_ROW)
			if (found++ == 0)
				snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(stmt, 0));
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
		if (r != SQLITE_DONE)
			rc = store_db_fail(store, r, "read", err, errlen);
		else if (found == 0 || !prefix[0] || strspn(prefix, "0123456789abcdef-") != strlen(prefix))
			rc = (errmsg_fail(err, errlen, "no session id starts with \"%s\" (klankbord list shows them)", prefix),
				EX_NOINPUT);
		else if (found > 1)
			rc = (errmsg_fail(err, errlen, "more than one session id starts with \"%s\"; give more of it", prefix),
				EX_USAGE);
		else
			used += (size_t)snprintf(buf + used, cap - used, "%s\"%s\"", i ? "," : "", id);
	}
	snprintf(buf + used, cap - used, "]");
	if (rc)
		free(buf);
	else
		*json = buf;
	return rc;
}

int store_report_sessions(struct store *store, const struct store_report_scope *scope,
	struct store_report_session **out, int *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	char *ids = NULL;
	int rc = scope->n_sessions > 0 ? prefixes_json(store, scope, &ids, err, errlen) : 0;
	sqlite3_stmt *stmt = rc ? NULL
		: store_db_statement(store, scope->organisation ? SQL_SESSIONS_OF : SQL_SESSIONS, err, errlen, &rc);
	if (!stmt) {
		free(ids);
		return rc;
	}
	sqlite3_bind_text(stmt, 1, scope->organisation, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, scope->date_from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, scope->date_to, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, ids, -1, SQLITE_STATIC);
	int r, cap = 0;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_report_session *rows = store_db_grow_rows(*out, *n, &cap, sizeof *rows);
		if (!rows) {
			r = SQLITE_NOMEM;
			break;
		}
		*out = rows;
		struct store_report_session *s = &rows[(*n)++];
		*s = (struct store_report_session){ .dated = sqlite3_column_int(stmt, 4),
			.started_ms = sqlite3_column_int64(stmt, 5), .contributions = sqlite3_column_int64(stmt, 6) };
		snprintf(s->id, sizeof s->id, "%s", (const char *)sqlite3_column_text(stmt, 0));
		snprintf(s->day, sizeof s->day, "%s", (const char *)sqlite3_column_text(stmt, 3));
		s->title = dup_column(stmt, 1);
		s->organisation = dup_column(stmt, 2);
		if (!s->title || (!s->organisation && sqlite3_column_type(stmt, 2) != SQLITE_NULL)) {
			r = SQLITE_NOMEM;
			break;
		}
	}
	if (r != SQLITE_DONE) {
		rc = store_db_fail(store, r, "read", err, errlen);
		store_report_sessions_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	free(ids);
	return rc;
}

struct chunk_id {
	const char *id;
	int session;
};

static int chunk_id_compare(const void *a, const void *b)
{
	return strcmp(((const struct chunk_id *)a)->id, ((const struct chunk_id *)b)->id);
}

/* Where in ids (sorted) the session of a row (column column) is, or -1. */
static int row_index(sqlite3_stmt *stmt, int column, const struct chunk_id *ids, int n)
{
	struct chunk_id key = { (const char *)sqlite3_column_text(stmt, column), 0 };
	const struct chunk_id *found = key.id ? bsearch(&key, ids, (size_t)n, sizeof ids[0], chunk_id_compare) : NULL;
	return found ? (int)(found - ids) : -1;
}

/* The session of a row (column column), an index of the sessions given, or -1. */
static int row_session(sqlite3_stmt *stmt, int column, const struct chunk_id *ids, int n)
{
	int at = row_index(stmt, column, ids, n);
	return at < 0 ? -1 : ids[at].session;
}

/* Appends the cells of the rows of stmt (stepped to the end) whose session is in ids. */
static int read_cells(sqlite3_stmt *stmt, const struct chunk_id *ids, int n_ids, struct store_report_cell **out,
	int *n, int *cap)
{
	int r, last = -1;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		/* Rows come by session: most rows are of the session of the row before. */
		const char *id = (const char *)sqlite3_column_text(stmt, 1 + KIND_COUNT);
		if (last < 0 || !id || strcmp(id, ids[last].id) != 0)
			last = row_index(stmt, 1 + KIND_COUNT, ids, n_ids);
		struct store_report_cell cell = { .session = last < 0 ? -1 : ids[last].session };
		bool any = false;
		for (int k = 0; k < KIND_COUNT; k++)
			any |= (cell.kinds[k] = sqlite3_column_int64(stmt, 1 + k)) != 0;
		if (!any || cell.session < 0)
			continue;
		struct store_report_cell *cells = store_db_grow_rows(*out, *n, cap, sizeof *cells);
		if (!cells)
			return SQLITE_NOMEM;
		*out = cells;
		snprintf(cell.code, sizeof cell.code, "%s", (const char *)sqlite3_column_text(stmt, 0));
		cells[(*n)++] = cell;
	}
	sqlite3_reset(stmt);
	return r;
}

int store_report_cells(struct store *store, const struct store_report_session *sessions, int n_sessions,
	struct store_report_cell **out, int *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	int64_t held = 0;
	int rc = n_sessions > 0 ? store_db_pragma_int(store, SQL_SESSIONS_HELD, &held, err, errlen) : 0;
	/* Over a quarter of the sessions held, or more: one scan (about 15 rows a session). */
	bool scan = !rc && (int64_t)n_sessions * 4 >= held;
	sqlite3_stmt *stmt = rc ? NULL : store_db_statement(store, scan ? SQL_CELLS_ALL : SQL_CELLS, err, errlen, &rc);
	struct chunk_id *ids = stmt ? malloc((size_t)(n_sessions ? n_sessions : 1) * sizeof *ids) : NULL;
	if (!ids) {
		return rc ? rc : (errmsg_fail(err, errlen, "out of memory"), EX_OSERR);
	}
	for (int i = 0; i < n_sessions; i++)
		ids[i] = (struct chunk_id){ sessions[i].id, i };
	qsort(ids, (size_t)n_sessions, sizeof ids[0], chunk_id_compare);
	int r = SQLITE_DONE, cap = 0;
	if (scan)
		r = read_cells(stmt, ids, n_sessions, out, n, &cap);
	for (int i = 0; !scan && i < n_sessions && r == SQLITE_DONE; i++) {
		sqlite3_bind_text(stmt, 1, ids[i].id, -1, SQLITE_STATIC);
		r = read_cells(stmt, ids, n_sessions, out, n, &cap);
	}
	sqlite3_clear_bindings(stmt);
	free(ids);
	if (r != SQLITE_DONE) {
		rc = store_db_fail(store, r, "read", err, errlen);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void store_report_contributions_free(struct store_report_contribution *list, int n)
{
	for (int i = 0; list && i < n; i++) {
		free(list[i].item);
		free(list[i].participant);
		free(list[i].codes);
		free(list[i].text);
	}
	free(list);
}

/* One row of SQL_CONTRIBUTIONS; false when out of memory. */
static bool read_contribution(sqlite3_stmt *stmt, int session, struct store_report_contribution *c)
{
	*c = (struct store_report_contribution){ .session = session, .seq = sqlite3_column_int64(stmt, 0),
		.quotable = sqlite3_column_int(stmt, 6), .recommend = sqlite3_column_int(stmt, 7),
		.item_voted = sqlite3_column_int(stmt, 8) };
	snprintf(c->kind, sizeof c->kind, "%s", (const char *)sqlite3_column_text(stmt, 3));
	snprintf(c->id, sizeof c->id, "%s", (const char *)sqlite3_column_text(stmt, 10));
	c->item = dup_column(stmt, 1);
	if (c->quotable)
		c->participant = dup_column(stmt, 2);
	c->text = dup_column(stmt, 4);
	c->codes = dup_column(stmt, 5);
	return c->item && c->text && c->codes && (c->participant || !c->quotable || sqlite3_column_type(stmt, 2) == SQLITE_NULL);
}

static int contribution_order(const void *a, const void *b)
{
	const struct store_report_contribution *x = a, *y = b;
	if (x->session != y->session)
		return x->session < y->session ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Runs SQL_CONTRIBUTIONS over sessions [from, to), appending to *out. */
static int contributions_chunk(struct store *store, sqlite3_stmt *stmt, const struct store_report_session *sessions,
	int from, int to, struct store_report_contribution **out, int *n, int *cap)
{
	struct chunk_id ids[REPORT_CHUNK];
	char json[REPORT_CHUNK * (STORE_UUID_LEN + 3) + 3];
	size_t used = (size_t)snprintf(json, sizeof json, "[");
	for (int i = from; i < to; i++) {
		ids[i - from] = (struct chunk_id){ sessions[i].id, i };
		used += (size_t)snprintf(json + used, sizeof json - used, "%s\"%s\"", i > from ? "," : "", sessions[i].id);
	}
	snprintf(json + used, sizeof json - used, "]");
	qsort(ids, (size_t)(to - from), sizeof ids[0], chunk_id_compare);
	sqlite3_bind_text(stmt, 1, json, -1, SQLITE_STATIC);
	int r;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		int session = row_session(stmt, 9, ids, to - from);
		if (session < 0)
			continue;
		struct store_report_contribution *list = store_db_grow_rows(*out, *n, cap, sizeof *list);
		if (!list) {
			r = SQLITE_NOMEM;
			break;
		}
		*out = list;
		bool ok = read_contribution(stmt, session, &list[*n]);
		(*n)++;
		if (!ok) {
			r = SQLITE_NOMEM;
			break;
		}
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	(void)store;
	return r;
}

int store_report_contributions(struct store *store, const struct store_report_session *sessions, int n_sessions,
	void (*progress)(void *ctx, int done, int total), void *ctx,
	struct store_report_contribution **out, int *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_CONTRIBUTIONS, err, errlen, &rc);
	if (!stmt)
		return rc;
	int r = SQLITE_DONE, cap = 0;
	for (int from = 0; from < n_sessions && r == SQLITE_DONE; from += REPORT_CHUNK) {
		int to = from + REPORT_CHUNK < n_sessions ? from + REPORT_CHUNK : n_sessions;
		r = contributions_chunk(store, stmt, sessions, from, to, out, n, &cap);
		if (progress)
			progress(ctx, to, n_sessions);
	}
	if (r != SQLITE_DONE) {
		rc = store_db_fail(store, r, "read", err, errlen);
		store_report_contributions_free(*out, *n);
		*out = NULL;
		*n = 0;
	} else if (*n > 1) {
		qsort(*out, (size_t)*n, sizeof **out, contribution_order);
	}
	return rc;
}
