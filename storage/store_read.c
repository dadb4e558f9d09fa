/* store_read: see store_read.h. */
#include "storage/store_read.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "sessions/errmsg.h"
#include "storage/store_db.h"

/* What list_sessions() reads of a session; ?1 says whether with the agenda text, ?3 whether
 * with the counts (the contributions' count reads every contribution's row: 2,000 rows of a
 * long log, a tenth of loading it, which needs none of them). One
 * session is looked up by its key (SQL_SESSION_GET): an "id = ?2 OR ?2 IS NULL" filter would
 * scan every session. Likewise SQL_FIND_PREFIX reads the key range of the prefix ('~' sorts
 * after every character of an id) instead of testing substr() on every id. */
#define SESSION_COLUMNS "SELECT s.id, s.title, s.organisation, s.date, s.status, s.started_at, s.ended_at," \
	" s.console, CASE WHEN ?1 THEN s.agenda_yaml END," \
	" CASE WHEN ?3 THEN (SELECT count(*) FROM participants p WHERE p.session = s.id) END," \
	" CASE WHEN ?3 THEN (SELECT count(*) FROM contributions c WHERE c.session = s.id AND NOT c.retracted) END," \
	" CASE WHEN ?3 THEN (SELECT count(*) FROM votes v WHERE v.session = s.id) END, " \
	STORE_DB_SESSION_DAY("s") ", s.agenda_yaml = ''"

static const char SQL_FIND_PREFIX[] =
	"SELECT id FROM sessions WHERE id >= ?1 AND id < ?1 || '~' AND substr(id, 1, length(?1)) = ?1"
	" LIMIT 2";
static const char SQL_FIND_LATEST_OPEN[] =
	"SELECT id FROM sessions WHERE status = 'open' ORDER BY started_at DESC, rowid DESC LIMIT 1";
static const char SQL_SESSION_LIST[] =
	SESSION_COLUMNS " FROM sessions s ORDER BY s.started_at DESC, s.rowid DESC";
static const char SQL_SESSION_GET[] =
	SESSION_COLUMNS " FROM sessions s WHERE s.id = ?2";
static const char SQL_EVENTS[] =
	"SELECT seq, at, console, type, payload FROM events WHERE session = ?1 AND seq > ?2 ORDER BY seq";

static const char SQL_LAST_INPUT_LINE[] =
	"SELECT coalesce(max(input_line), 0) FROM events WHERE session = ?1 AND console = ?2";

struct store_events {
	struct store *store;
	sqlite3_stmt *stmt;
	bool small_cache;             /* the page cache is cut down while reading (see below) */
	int64_t cache_before;         /* PRAGMA cache_size before */
};

/* The pages of the page cache while a whole log is read by a command that writes (the
 * console, --batch): the log is read once, in order, and its pages need not stay; a small
 * cache reuses their memory where SQLite would take about 200 new pages for a 2,000-entry
 * log (a page fault each, a twentieth of resuming it). Not inside a transaction (the cache
 * holds what is being written), nor for the commands that only read, which load many
 * sessions (a report) and keep the pages they share. */
enum { EVENTS_CACHE_PAGES = 16 };

int store_find_session(struct store *store, const char *prefix, char id[STORE_UUID_LEN + 1],
	char *err, size_t errlen)
{
	if (prefix)
		return store_db_find_prefix(store, SQL_FIND_PREFIX, prefix, "session", id, err, errlen);
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_FIND_LATEST_OPEN, err, errlen, &rc);
	if (!stmt)
		return rc;
	int r = sqlite3_step(stmt);
	if (r == SQLITE_ROW)
		snprintf(id, STORE_UUID_LEN + 1, "%s", (const char *)sqlite3_column_text(stmt, 0));
	else if (r != SQLITE_DONE)
		rc = store_db_fail(store, r, "read", err, errlen);
	else {
		errmsg_fail(err, errlen, "no open session in %s; start one with an agenda", store->path);
		rc = EX_NOINPUT;
	}
	sqlite3_reset(stmt);
	return rc;
}

void store_session_info_free(struct store_session_info *info)
{
	if (!info)
		return;
	free(info->title);
	free(info->organisation);
	free(info->date);
	free(info->agenda_yaml);
	*info = (struct store_session_info){ 0 };
}

static bool read_info(sqlite3_stmt *stmt, struct store_session_info *info)
{
	*info = (struct store_session_info){ 0 };
	snprintf(info->id, sizeof info->id, "%s", (const char *)sqlite3_column_text(stmt, 0));
	info->title = store_db_dup_text((const char *)sqlite3_column_text(stmt, 1));
	info->organisation = store_db_dup_text((const char *)sqlite3_column_text(stmt, 2));
	info->date = store_db_dup_text((const char *)sqlite3_column_text(stmt, 3));
	info->ended = strcmp((const char *)sqlite3_column_text(stmt, 4), "ended") == 0;
	info->started_ms = sqlite3_column_int64(stmt, 5);
	info->ended_ms = sqlite3_column_int64(stmt, 6);
	snprintf(info->console, sizeof info->console, "%s", (const char *)sqlite3_column_text(stmt, 7));
	if (sqlite3_column_type(stmt, 8) != SQLITE_NULL) {
		const char *yaml = (const char *)sqlite3_column_text(stmt, 8);
		info->agenda_len = (size_t)sqlite3_column_bytes(stmt, 8);
		if ((info->agenda_yaml = malloc(info->agenda_len + 1)))
			memcpy(info->agenda_yaml, yaml, info->agenda_len + 1);
		else
			return false;
	}
	info->n_participants = sqlite3_column_int(stmt, 9);
	info->n_contributions = sqlite3_column_int(stmt, 10);
	info->n_votes = sqlite3_column_int(stmt, 11);
	snprintf(info->day, sizeof info->day, "%s", (const char *)sqlite3_column_text(stmt, 12));
	info->erased = sqlite3_column_int(stmt, 13) != 0; /* an erased session keeps no agenda text */
	return info->title != NULL;
}

static int list_sessions(struct store *store, const char *id, bool with_agenda, bool with_counts,
	struct store_session_info **out, int *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, id ? SQL_SESSION_GET : SQL_SESSION_LIST, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_int(stmt, 1, with_agenda);
	sqlite3_bind_int(stmt, 3, with_counts);
	if (id)
		sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
	int r, cap = 0;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_session_info *list = store_db_grow_rows(*out, *n, &cap, sizeof *list);
		if (!list) {
			r = SQLITE_NOMEM;
			break;
		}
		*out = list;
		bool ok = read_info(stmt, &(*out)[*n]);
		(*n)++;
		if (!ok) {
			r = SQLITE_NOMEM;
			break;
		}
	}
	if (r != SQLITE_DONE) {
		rc = store_db_fail(store, r, "read", err, errlen);
		store_session_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

static int get_session(struct store *store, const char *id, bool with_counts, struct store_session_info *out,
	char *err, size_t errlen)
{
	struct store_session_info *list;
	int n;
	*out = (struct store_session_info){ 0 };
	int rc = list_sessions(store, id, true, with_counts, &list, &n, err, errlen);
	if (rc)
		return rc;
	if (n == 0) {
		errmsg_fail(err, errlen, "no session %s in %s", id, store->path);
		return EX_NOINPUT;
	}
	*out = list[0];
	free(list);
	return 0;
}

int store_session_get(struct store *store, const char *id, struct store_session_info *out,
	char *err, size_t errlen)
{
	return get_session(store, id, true, out, err, errlen);
}

int store_session_get_uncounted(struct store *store, const char *id, struct store_session_info *out,
	char *err, size_t errlen)
{
	return get_session(store, id, false, out, err, errlen);
}

int store_session_list(struct store *store, struct store_session_info **out, int *n, char *err, size_t errlen)
{
	return list_sessions(store, NULL, false, true, out, n, err, errlen);
}

void store_session_list_free(struct store_session_info *list, int n)
{
	for (int i = 0; list && i < n; i++)
		store_session_info_free(&list[i]);
	free(list);
}

int store_events_open(struct store *store, const char *session, int64_t after_seq,
	struct store_events **out, char *err, size_t errlen)
{
	*out = NULL;
	if (store->iterating) {
		errmsg_fail(err, errlen, "internal error: two event iterators on %s", store->path);
		return EX_SOFTWARE;
	}
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_EVENTS, err, errlen, &rc);
	if (!stmt)
		return rc;
	struct store_events *it = calloc(1, sizeof *it);
	char *sid = strdup(session);
	if (!it || !sid) {
		free(it);
		free(sid);
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	/* The iterator owns its copy of the id: the statement reads the binding while stepping. */
	sqlite3_bind_text(stmt, 1, sid, -1, free);
	sqlite3_bind_int64(stmt, 2, after_seq);
	it->store = store;
	it->stmt = stmt;
	char ignored[256];
	if (after_seq == 0 && !store->in_transaction && !store->reader
		&& store_db_pragma_int(store, "PRAGMA cache_size", &it->cache_before, ignored, sizeof ignored) == 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", EVENTS_CACHE_PAGES);
		it->small_cache = sqlite3_exec(store->db, sql, NULL, NULL, NULL) == SQLITE_OK;
	}
	store->iterating = true;
	*out = it;
	return 0;
}

/* A text column into a fixed field, cut to fit (snprintf's cost, per event, was a tenth
 * of reading a long log back). */
static void column_copy(sqlite3_stmt *stmt, int column, char *field, size_t size)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);
	size_t n = text ? (size_t)sqlite3_column_bytes(stmt, column) : 0;
	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(field, text, n);
	field[n] = '\0';
}

int store_events_next(struct store_events *it, struct store_event *event, char *err, size_t errlen)
{
	int r = sqlite3_step(it->stmt);
	if (r == SQLITE_DONE)
		return 0;
	if (r != SQLITE_ROW) {
		int rc = store_db_fail(it->store, r, "read", err, errlen);
		return rc > 1 ? rc : EX_IOERR;
	}
	event->seq = sqlite3_column_int64(it->stmt, 0);
	event->at_ms = sqlite3_column_int64(it->stmt, 1);
	column_copy(it->stmt, 2, event->console, sizeof event->console);
	column_copy(it->stmt, 3, event->type, sizeof event->type);
	/* SQLite's own copy of the text, valid until the next step: the payload is read in
	 * place (a copy of every payload was a tenth of replaying a long log's events). */
	const unsigned char *payload = sqlite3_column_text(it->stmt, 4);
	if (!payload) {
		if (sqlite3_errcode(it->store->db) == SQLITE_NOMEM) {
			errmsg_fail(err, errlen, "out of memory");
			return EX_OSERR;
		}
		payload = (const unsigned char *)"";
	}
	event->payload = (const char *)payload;
	return 1;
}

void store_events_close(struct store_events *it)
{
	if (!it)
		return;
	sqlite3_reset(it->stmt);
	sqlite3_clear_bindings(it->stmt);
	if (it->small_cache) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)it->cache_before);
		sqlite3_exec(it->store->db, sql, NULL, NULL, NULL);
	}
	it->store->iterating = false;
	free(it);
}

int store_last_input_line(struct store *store, const char *session, const char *console, int64_t *line,
	char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_LAST_INPUT_LINE, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, session, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, console, -1, SQLITE_STATIC);
	int r = sqlite3_step(stmt);
	if (r == SQLITE_ROW)
		*line = sqlite3_column_int64(stmt, 0);
	else
		rc = store_db_fail(store, r, "read", err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}
