/* store_recs: see store_recs.h. */
#include "storage/store_recs.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sessions/errmsg.h"
#include "storage/store_db.h"

/* The register's entries: both kinds of recommendation, by UUID, each kind read from its
 * sessions (the indexes recommendations_session and contributions_recommended), so that
 * the follow-up of one organisation reads only that organisation's rows. */
#define REC_COLUMNS(t) "SELECT " t ".id, " t ".session, s.title, s.organisation, " STORE_DB_SESSION_DAY("s") \
	", s.started_at, " t ".item, " t ".text, " t ".seq"
/* The tests of one id or one session are written into their own statements: "?1 IS
 * NULL OR id = ?1" would keep SQLite from looking the row up by its key. */
#define REC_WHERE(id_test, session_test) " WHERE " id_test " AND " session_test \
	" AND (?3 IS NULL OR s.organisation = ?3 COLLATE NOCASE) AND (?4 <= 0 OR s.started_at < ?4)"
#define REC_SELECT(id_r, id_c, session_test) \
	REC_COLUMNS("r") ", 1, s.rowid FROM sessions s JOIN recommendations r ON r.session = s.id" \
	REC_WHERE(id_r, session_test) \
	" UNION ALL " REC_COLUMNS("c") ", 0, s.rowid FROM sessions s JOIN contributions c ON c.session = s.id" \
	" AND c.kind = 'recommendation' AND NOT c.retracted" REC_WHERE(id_c, session_test) \
	" ORDER BY 5, 6, 11, 9"
static const char SQL_RECS[] = REC_SELECT("?1 IS NULL", "?1 IS NULL", "?2 IS NULL");
static const char SQL_RECS_ID[] = REC_SELECT("r.id = ?1", "c.id = ?1", "(?2 IS NULL OR s.id = ?2)");
static const char SQL_RECS_SESSION[] = REC_SELECT("?1 IS NULL", "?1 IS NULL", "s.id = ?2");
/* One organisation's sessions by their rowids from the covering index sessions_organisation
 * (a name compared without case cannot seek a BINARY index, but reading the index is a
 * few pages where the table is a page a session, its agenda text: 0.64 s against 1 ms
 * over 10,000 sessions). */
static const char SQL_RECS_ORGANISATION[] = REC_SELECT("?1 IS NULL", "?1 IS NULL",
	"s.rowid IN (SELECT o.rowid FROM sessions o WHERE o.organisation = ?3 COLLATE NOCASE)");
static const char SQL_CHANGES[] =
	"SELECT id, recommendation, at, status, note, changed_by FROM recommendation_status"
	" WHERE ?1 IS NULL OR recommendation = ?1 ORDER BY recommendation, at, rowid";
static const char SQL_FIND_PREFIX[] =
	"SELECT id FROM recommendations WHERE id >= ?1 AND id < ?1 || '~' AND substr(id, 1, length(?1)) = ?1"
	" UNION ALL SELECT id FROM contributions WHERE kind = 'recommendation' AND NOT retracted"
	" AND id >= ?1 AND id < ?1 || '~' AND substr(id, 1, length(?1)) = ?1 LIMIT 2";
static const char SQL_INSERT_CHANGE[] =
	"INSERT INTO recommendation_status (id, recommendation, at, status, note, changed_by)"
	" SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM recommendations WHERE id = ?2)"
	" OR EXISTS (SELECT 1 FROM contributions WHERE id = ?2 AND kind = 'recommendation' AND NOT retracted)";

enum { REGISTER_SCHEMA = 7 }; /* the schema version that holds recommendation_status */

static bool dup_column(sqlite3_stmt *stmt, int column, char **out)
{
	*out = NULL;
	if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
		return true;
	return (*out = store_db_dup_text((const char *)sqlite3_column_text(stmt, column))) != NULL;
}

static bool read_rec(sqlite3_stmt *stmt, struct store_rec *rec)
{
	*rec = (struct store_rec){ .status = REC_OPEN };
	snprintf(rec->id, sizeof rec->id, "%s", (const char *)sqlite3_column_text(stmt, 0));
	snprintf(rec->session, sizeof rec->session, "%s", (const char *)sqlite3_column_text(stmt, 1));
	snprintf(rec->day, sizeof rec->day, "%s", (const char *)sqlite3_column_text(stmt, 4));
	rec->started_ms = sqlite3_column_int64(stmt, 5);
	rec->seq = sqlite3_column_int64(stmt, 8);
	rec->recommend = sqlite3_column_int(stmt, 9) != 0;
	return dup_column(stmt, 2, &rec->title) && dup_column(stmt, 3, &rec->organisation)
		&& dup_column(stmt, 6, &rec->item) && dup_column(stmt, 7, &rec->text) && rec->title && rec->item && rec->text;
}

static int read_entries(struct store *store, const struct store_rec_filter *f, struct store_rec **out, int *n,
	char *err, size_t errlen)
{
	int rc = 0;
	const char *sql = f->id ? SQL_RECS_ID : f->session ? SQL_RECS_SESSION : f->organisation ? SQL_RECS_ORGANISATION
		: SQL_RECS;
	sqlite3_stmt *stmt = store_db_statement(store, sql, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, f->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, f->session, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, f->organisation, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, f->started_before_ms);
	int r, cap = 0;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_rec *list = store_db_grow_rows(*out, *n, &cap, sizeof *list);
		if (!list) {
			r = SQLITE_NOMEM;
			break;
		}
		*out = list;
		if (!read_rec(stmt, &list[(*n)++])) {
			r = SQLITE_NOMEM;
			break;
		}
	}
	if (r != SQLITE_DONE)
		rc = store_db_fail(store, r, "read", err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

static int by_id(const void *a, const void *b)
{
	return strcmp((*(struct store_rec *const *)a)->id, (*(struct store_rec *const *)b)->id);
}

static bool add_change(struct store_rec *rec, sqlite3_stmt *stmt)
{
	int cap = rec->n_history; /* grows one at a time: a history is a few changes */
	struct store_rec_change *list = store_db_grow_rows(rec->history, rec->n_history, &cap, sizeof *list);
	if (!list)
		return false;
	rec->history = list;
	struct store_rec_change *c = &list[rec->n_history++];
	*c = (struct store_rec_change){ .at_ms = sqlite3_column_int64(stmt, 2) };
	snprintf(c->id, sizeof c->id, "%s", (const char *)sqlite3_column_text(stmt, 0));
	if (!rec_status_parse((const char *)sqlite3_column_text(stmt, 3), &c->status))
		c->status = REC_OPEN; /* the table's CHECK keeps the words of config/rec_status.h */
	rec->status = c->status;
	return dup_column(stmt, 4, &c->note) && dup_column(stmt, 5, &c->by) && c->note && c->by;
}

/* Reads the changes (one pass, in recommendation order) into the entries they name. */
static int read_changes(struct store *store, const struct store_rec_filter *f, struct store_rec *recs, int n,
	char *err, size_t errlen)
{
	if (store->version < REGISTER_SCHEMA || n == 0)
		return 0; /* an older file opened read-only: no register yet */
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_CHANGES, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, f->id, -1, SQLITE_STATIC);
	int r = sqlite3_step(stmt);
	/* The entries by id only when there is a change to find them for (sorting 75,000
	 * entries of a report over everything took 20 ms, most often for no change at all). */
	struct store_rec **sorted = r == SQLITE_ROW ? malloc((size_t)n * sizeof *sorted) : NULL;
	if (r == SQLITE_ROW && !sorted)
		r = SQLITE_NOMEM;
	for (int i = 0; sorted && i < n; i++)
		sorted[i] = &recs[i];
	if (sorted)
		qsort(sorted, (size_t)n, sizeof *sorted, by_id);
	for (; r == SQLITE_ROW; r = sqlite3_step(stmt)) {
		struct store_rec key = { 0 }, *keyp = &key;
		snprintf(key.id, sizeof key.id, "%s", (const char *)sqlite3_column_text(stmt, 1));
		struct store_rec **found = bsearch(&keyp, sorted, (size_t)n, sizeof *sorted, by_id);
		if (found && !add_change(*found, stmt)) {
			r = SQLITE_NOMEM;
			break;
		}
	}
	if (r != SQLITE_DONE)
		rc = store_db_fail(store, r, "read", err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	free(sorted);
	return rc;
}

int store_recs_history(struct store *store, struct store_rec *recs, int n, char *err, size_t errlen)
{
	static const struct store_rec_filter every = { 0 };
	return read_changes(store, &every, recs, n, err, errlen);
}

static void free_rec(struct store_rec *rec)
{
	for (int h = 0; h < rec->n_history; h++) {
		free(rec->history[h].note);
		free(rec->history[h].by);
	}
	free(rec->history);
	free(rec->title);
	free(rec->organisation);
	free(rec->item);
	free(rec->text);
}

int store_recs_list(struct store *store, const struct store_rec_filter *filter, struct store_rec **out, int *n,
	char *err, size_t errlen)
{
	static const struct store_rec_filter all = { 0 };
	const struct store_rec_filter *f = filter ? filter : &all;
	*out = NULL;
	*n = 0;
	int rc = read_entries(store, f, out, n, err, errlen);
	if (!rc)
		rc = read_changes(store, f, *out, *n, err, errlen);
	if (!rc && f->by_status) {
		int kept = 0;
		for (int i = 0; i < *n; i++) {
			if ((*out)[i].status == f->status)
				(*out)[kept++] = (*out)[i];
			else
				free_rec(&(*out)[i]);
		}
		*n = kept;
	}
	if (rc) {
		store_recs_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void store_recs_free(struct store_rec *recs, int n)
{
	for (int i = 0; recs && i < n; i++)
		free_rec(&recs[i]);
	free(recs);
}

int store_rec_find(struct store *store, const char *prefix, char id[STORE_UUID_LEN + 1], char *err, size_t errlen)
{
	return store_db_find_prefix(store, SQL_FIND_PREFIX, prefix, "recommendation", id, err, errlen);
}

int store_insert_rec_change(struct store *store, const struct store_rec_change_row *row, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	if (rc)
		return rc;
	if ((int)row->status < 0 || row->status >= REC_STATUS_COUNT) {
		errmsg_fail(err, errlen, "internal error: a status outside the register's words (%s)", rec_status_list());
		return EX_DATAERR;
	}
	if (!row->by || !row->by[0]) {
		errmsg_fail(err, errlen, "a change of status needs who made it (by)");
		return EX_DATAERR;
	}
	rc = store_db_run(store, SQL_INSERT_CHANGE, "write to", err, errlen, "ttittt", row->id, row->recommendation,
		row->at_ms, rec_status_name(row->status), row->note ? row->note : "", row->by);
	if (!rc && sqlite3_changes(store->db) == 0) {
		errmsg_fail(err, errlen, "no recommendation %s in %s", row->recommendation, store->path);
		rc = EX_NOINPUT;
	}
	return rc;
}
