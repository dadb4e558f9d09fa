/* store_browse: see store_browse.h. */
#include "storage/store_browse.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/kinds.h"
#include "storage/store_db.h"

/* Every kind's column of report_counts added up: code '' counts every contribution. */
#define BROWSE_KIND_SUM(name, kind) " + r." #kind
#define BROWSE_COUNT \
	" coalesce((SELECT 0" CONTRIBUTION_KINDS(BROWSE_KIND_SUM) " FROM report_counts r" \
	" WHERE r.session = s.id AND r.code = ''), 0)"
#define BROWSE_SESSION_COLUMNS \
	"SELECT s.started_at, s.rowid, s.id, s.title, s.organisation, " STORE_DB_SESSION_DAY("s") "," \
	" s.status = 'ended', s.agenda_yaml = ''," BROWSE_COUNT " FROM sessions s"
/* Newest first through sessions_started: (started_at, rowid) at or below the key ... */
#define BROWSE_SESSIONS_FROM(where) BROWSE_SESSION_COLUMNS " WHERE " where \
	" s.started_at <= ?2 AND (s.started_at < ?2 OR s.rowid <= ?3) ORDER BY s.started_at DESC, s.rowid DESC LIMIT ?4"
/* ... or above it, nearest first. */
#define BROWSE_SESSIONS_BEFORE(where) BROWSE_SESSION_COLUMNS " WHERE " where \
	" s.started_at >= ?2 AND (s.started_at > ?2 OR s.rowid > ?3) ORDER BY s.started_at, s.rowid LIMIT ?4"
static const char SQL_SESSIONS_FROM[] = BROWSE_SESSIONS_FROM("?1 IS NULL AND");
static const char SQL_SESSIONS_BEFORE[] = BROWSE_SESSIONS_BEFORE("?1 IS NULL AND");
static const char SQL_ORG_SESSIONS_FROM[] = BROWSE_SESSIONS_FROM("s.organisation = ?1 AND");
static const char SQL_ORG_SESSIONS_BEFORE[] = BROWSE_SESSIONS_BEFORE("s.organisation = ?1 AND");

static const char SQL_ITEMS[] =
	"SELECT i.id, i.title, i.planned_seconds, i.actual_seconds,"
	" (SELECT count(*) FROM contributions c WHERE c.session = i.session AND c.item = i.id AND NOT c.retracted),"
	" (SELECT count(*) FROM votes v WHERE v.session = i.session AND v.item = i.id)"
	" FROM items i WHERE i.session = ?1 ORDER BY i.position";

/* An item's contributions through contributions_session (session, item, seq). */
#define BROWSE_ENTRY_FILTER \
	" AND (?5 IS NULL OR EXISTS (SELECT 1 FROM contribution_tags t WHERE t.contribution = c.id AND t.code = lower(?5)))" \
	" AND (?6 IS NULL OR c.kind = lower(?6)) AND (?7 IS NULL OR c.participant = ?7)"
#define BROWSE_ENTRY_COLUMNS \
	"SELECT c.seq, c.at, c.participant, c.kind, c.text, c.retracted," \
	" coalesce((SELECT group_concat(t.code, ' ') FROM contribution_tags t WHERE t.contribution = c.id), '')" \
	" FROM contributions c WHERE c.session = ?1 AND c.item = ?2"
static const char SQL_ENTRIES_FROM[] =
	BROWSE_ENTRY_COLUMNS " AND c.seq >= ?3" BROWSE_ENTRY_FILTER " ORDER BY c.seq LIMIT ?4";
static const char SQL_ENTRIES_BEFORE[] =
	BROWSE_ENTRY_COLUMNS " AND c.seq < ?3" BROWSE_ENTRY_FILTER " ORDER BY c.seq DESC LIMIT ?4";
/* The session's contributions between two seqs (exclusive), read by the key from the
 * session's first event on: an entry number is one more than those before it. */
static const char SQL_COUNT_BETWEEN[] =
	"SELECT count(*) FROM contributions WHERE seq > max(?2, coalesce((SELECT min(e.seq) FROM events e"
	" WHERE e.session = ?1), 0) - 1) AND seq < ?3 AND session = ?1";

static bool dup_column(sqlite3_stmt *stmt, int column, char **out)
{
	*out = NULL;
	if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
		return true;
	return (*out = store_db_dup_text((const char *)sqlite3_column_text(stmt, column))) != NULL;
}

static void copy_column(sqlite3_stmt *stmt, int column, char *buf, size_t size)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);
	snprintf(buf, size, "%s", text ? (const char *)text : "");
}

/* Steps stmt, handing each row to add (false: out of memory); resets it afterwards. */
static int browse_rows(struct store *store, sqlite3_stmt *stmt, bool (*add)(sqlite3_stmt *, void *), void *ctx,
	char *err, size_t errlen)
{
	int r;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW)
		if (!add(stmt, ctx)) {
			r = SQLITE_NOMEM;
			break;
		}
	int rc = r == SQLITE_DONE ? 0 : store_db_fail(store, r, "read", err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

struct rows {
	void *rows;
	int n, cap;
};

static bool add_session(sqlite3_stmt *stmt, void *ctx)
{
	struct rows *list = ctx;
	struct store_browse_session *rows = store_db_grow_rows(list->rows, list->n, &list->cap, sizeof *rows);
	if (!rows)
		return false;
	list->rows = rows;
	struct store_browse_session *s = &rows[list->n++];
	*s = (struct store_browse_session){
		.key = { sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1) },
		.ended = sqlite3_column_int(stmt, 6) != 0, .erased = sqlite3_column_int(stmt, 7) != 0,
		.contributions = sqlite3_column_int64(stmt, 8),
	};
	copy_column(stmt, 2, s->id, sizeof s->id);
	copy_column(stmt, 5, s->day, sizeof s->day);
	return dup_column(stmt, 3, &s->title) && dup_column(stmt, 4, &s->organisation);
}

int store_browse_sessions(struct store *store, const char *organisation, const struct store_browse_key *key,
	enum store_browse_dir dir, int limit, struct store_browse_session **out, int *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	bool from = dir == STORE_BROWSE_FROM;
	const char *sql = organisation ? (from ? SQL_ORG_SESSIONS_FROM : SQL_ORG_SESSIONS_BEFORE)
		: (from ? SQL_SESSIONS_FROM : SQL_SESSIONS_BEFORE);
	struct store_browse_key start = key ? *key : from ? (struct store_browse_key){ INT64_MAX, INT64_MAX }
		: (struct store_browse_key){ INT64_MIN, INT64_MIN };
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, sql, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, organisation, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, start.a);
	sqlite3_bind_int64(stmt, 3, start.b);
	sqlite3_bind_int(stmt, 4, limit > 0 ? limit : 1);
	struct rows list = { 0 };
	rc = browse_rows(store, stmt, add_session, &list, err, errlen);
	if (rc) {
		store_browse_sessions_free(list.rows, list.n);
		return rc;
	}
	*out = list.rows;
	*n = list.n;
	return 0;
}

void store_browse_sessions_free(struct store_browse_session *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].title);
		free(rows[i].organisation);
	}
	free(rows);
}

static bool add_item(sqlite3_stmt *stmt, void *ctx)
{
	struct rows *list = ctx;
	struct store_browse_item *rows = store_db_grow_rows(list->rows, list->n, &list->cap, sizeof *rows);
	if (!rows)
		return false;
	list->rows = rows;
	struct store_browse_item *item = &rows[list->n++];
	*item = (struct store_browse_item){
		.planned_seconds = sqlite3_column_int(stmt, 2), .actual_seconds = sqlite3_column_int(stmt, 3),
		.contributions = sqlite3_column_int64(stmt, 4), .votes = sqlite3_column_int(stmt, 5),
	};
	return dup_column(stmt, 0, &item->id) && dup_column(stmt, 1, &item->title);
}

int store_browse_items(struct store *store, const char *session, struct store_browse_item **out, int *n,
	char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_ITEMS, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, session, -1, SQLITE_STATIC);
	struct rows list = { 0 };
	rc = browse_rows(store, stmt, add_item, &list, err, errlen);
	if (rc) {
		store_browse_items_free(list.rows, list.n);
		return rc;
	}
	*out = list.rows;
	*n = list.n;
	return 0;
}

void store_browse_items_free(struct store_browse_item *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].id);
		free(rows[i].title);
	}
	free(rows);
}

static bool add_entry(sqlite3_stmt *stmt, void *ctx)
{
	struct rows *list = ctx;
	struct store_browse_entry *rows = store_db_grow_rows(list->rows, list->n, &list->cap, sizeof *rows);
	if (!rows)
		return false;
	list->rows = rows;
	struct store_browse_entry *e = &rows[list->n++];
	*e = (struct store_browse_entry){
		.key = { sqlite3_column_int64(stmt, 0), 0 }, .at_ms = sqlite3_column_int64(stmt, 1),
		.retracted = sqlite3_column_int(stmt, 5) != 0,
	};
	copy_column(stmt, 3, e->kind, sizeof e->kind);
	return dup_column(stmt, 2, &e->participant) && dup_column(stmt, 4, &e->text) && dup_column(stmt, 6, &e->codes);
}

/* Contributions of session with lo < seq < hi. */
static int count_between(struct store *store, const char *session, int64_t lo, int64_t hi, int64_t *count,
	char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_COUNT_BETWEEN, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, session, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, lo);
	sqlite3_bind_int64(stmt, 3, hi);
	int r = sqlite3_step(stmt);
	if (r == SQLITE_ROW)
		*count = sqlite3_column_int64(stmt, 0);
	else
		rc = store_db_fail(store, r, "read", err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

/* Entry numbers: one count up to the page's first row, then the gaps between its rows
 * (other items' contributions), so a page costs its own span and not one count a row. */
static int number_entries(struct store *store, const char *session, struct store_browse_entry *rows, int n,
	bool ascending, char *err, size_t errlen)
{
	int64_t number = 0, last = 0;
	for (int k = 0; k < n; k++) {
		struct store_browse_entry *e = &rows[ascending ? k : n - 1 - k];
		int64_t gap = 0;
		int rc = count_between(store, session, last, e->key.a, &gap, err, errlen);
		if (rc)
			return rc;
		number += gap + 1;
		e->number = number;
		last = e->key.a;
	}
	return 0;
}

int store_browse_entries(struct store *store, const char *session, const char *item,
	const struct store_browse_filter *filter, const struct store_browse_key *key, enum store_browse_dir dir,
	int limit, struct store_browse_entry **out, int *n, char *err, size_t errlen)
{
	static const struct store_browse_filter everything = { 0 };
	*out = NULL;
	*n = 0;
	if (!filter)
		filter = &everything;
	bool from = dir == STORE_BROWSE_FROM;
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, from ? SQL_ENTRIES_FROM : SQL_ENTRIES_BEFORE, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, session, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, item, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, key ? key->a : from ? 0 : INT64_MAX);
	sqlite3_bind_int(stmt, 4, limit > 0 ? limit : 1);
	sqlite3_bind_text(stmt, 5, filter->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, filter->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 7, filter->participant, -1, SQLITE_STATIC);
	struct rows list = { 0 };
	rc = browse_rows(store, stmt, add_entry, &list, err, errlen);
	if (!rc)
		rc = number_entries(store, session, list.rows, list.n, from, err, errlen);
	if (rc) {
		store_browse_entries_free(list.rows, list.n);
		return rc;
	}
	*out = list.rows;
	*n = list.n;
	return 0;
}

void store_browse_entries_free(struct store_browse_entry *rows, int n)
{
	for (int i = 0; rows && i < n; i++) {
		free(rows[i].participant);
		free(rows[i].codes);
		free(rows[i].text);
	}
	free(rows);
}
