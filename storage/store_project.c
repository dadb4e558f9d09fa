/* store_project: see store_project.h. */
#include "storage/store_project.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

#include "sessions/event.h"
#include "storage/store_db.h"

static const char SQL_PROJECTED[] =
	"SELECT (SELECT seq FROM projected), (SELECT coalesce(max(seq), 0) FROM events)";
/* A payload field by the name event.h gives it: FIELD("payload", EVENT_KEY_TEXT). */
#define FIELD(json, key) "json_extract(" json ", '" EVENT_PATH(key) "')"
/* The contribution an edit or retraction names: its UUID, or for a payload that carries
 * only ref, the contribution with that seq in this database (the rule of event.h). */
#define REFERRED(json) "coalesce(" FIELD(json, EVENT_KEY_CONTRIBUTION) \
	", (SELECT r.id FROM contributions r WHERE r.seq = " FIELD(json, EVENT_KEY_REF) "))"

static const char SQL_PROJECT_CONTRIBUTIONS[] =
	"INSERT INTO contributions (seq, id, session, item, participant, kind, text,"
	" at, console) SELECT seq, " FIELD("payload", EVENT_KEY_ID) ", session, " FIELD("payload", EVENT_KEY_ITEM) ","
	" " FIELD("payload", EVENT_KEY_PARTICIPANT) ", " FIELD("payload", EVENT_KEY_KIND) ","
	" " FIELD("payload", EVENT_KEY_TEXT) ","
	" at, console FROM events WHERE seq > ?1 AND seq <= ?2 AND type = '" EVENT_TYPE_CONTRIBUTION "' ORDER BY seq";
static const char SQL_PROJECT_TAGS[] =
	"INSERT OR IGNORE INTO contribution_tags (contribution, code)"
	" SELECT " FIELD("e.payload", EVENT_KEY_ID) ", t.value FROM events e,"
	" json_each(e.payload, '" EVENT_PATH(EVENT_KEY_TAGS) "') t"
	" WHERE e.seq > ?1 AND e.seq <= ?2 AND e.type = '" EVENT_TYPE_CONTRIBUTION "'";
static const char SQL_PROJECT_CHANGES[] =
	"SELECT type, payload FROM events WHERE seq > ?1 AND seq <= ?2"
	" AND type IN ('" EVENT_TYPE_EDIT "', '" EVENT_TYPE_RETRACT "', '" EVENT_TYPE_RESTORE "') ORDER BY seq";
static const char SQL_EDIT_CONTRIBUTION[] =
	"UPDATE contributions SET text = " FIELD("?1", EVENT_KEY_TEXT) ","
	" kind = coalesce(" FIELD("?1", EVENT_KEY_KIND) ", kind), edits = edits + 1"
	" WHERE id = " REFERRED("?1");
static const char SQL_EDIT_TAGS[] =
	"INSERT OR IGNORE INTO contribution_tags (contribution, code)"
	" SELECT " REFERRED("?1") ", value FROM json_each(?1, '" EVENT_PATH(EVENT_KEY_TAGS) "')";
static const char SQL_RETRACT_CONTRIBUTION[] =
	"UPDATE contributions SET retracted = 1 WHERE id = " REFERRED("?1");
static const char SQL_RESTORE_CONTRIBUTION[] =
	"UPDATE contributions SET retracted = 0 WHERE id = " REFERRED("?1");
/* Codes an edit takes off. The report's triggers count on retraction and restore, so the
 * contribution is set aside (retracted + 2 counts as retracted) while its codes go, then
 * put back: its counts leave with the old codes and return with the codes left. */
static const char SQL_UNTAG_ASIDE[] =
	"UPDATE contributions SET retracted = retracted + 2 WHERE id = " REFERRED("?1")
	" AND EXISTS (SELECT 1 FROM json_each(?1, '" EVENT_PATH(EVENT_KEY_REMOVED) "'))";
static const char SQL_UNTAG[] =
	"DELETE FROM contribution_tags WHERE contribution = " REFERRED("?1")
	" AND code IN (SELECT value FROM json_each(?1, '" EVENT_PATH(EVENT_KEY_REMOVED) "'))";
static const char SQL_UNTAG_BACK[] =
	"UPDATE contributions SET retracted = retracted - 2 WHERE id = " REFERRED("?1") " AND retracted >= 2";
static const char SQL_SET_PROJECTED[] =
	"UPDATE projected SET seq = ?1";

/* Reads projected.seq and the last event's seq. */
static int projection_range(struct store *store, int64_t *from, int64_t *to, char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_PROJECTED, err, errlen, &rc);
	if (!stmt)
		return rc;
	int r = sqlite3_step(stmt);
	if (r == SQLITE_ROW) {
		*from = sqlite3_column_int64(stmt, 0);
		*to = sqlite3_column_int64(stmt, 1);
	} else {
		rc = store_db_fail(store, r, "read", err, errlen);
	}
	sqlite3_reset(stmt);
	return rc;
}

/* Applies the edits and retractions among events (from, to], in their order. */
static int project_changes(struct store *store, int64_t from, int64_t to, char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_PROJECT_CHANGES, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_int64(stmt, 1, from);
	sqlite3_bind_int64(stmt, 2, to);
	int r = SQLITE_DONE;
	while (!rc && (r = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(stmt, 0);
		const char *payload = (const char *)sqlite3_column_text(stmt, 1);
		if (strcmp(type, EVENT_TYPE_EDIT) == 0) {
			rc = store_db_run(store, SQL_UNTAG_ASIDE, "write to", err, errlen, "t", payload);
			if (!rc)
				rc = store_db_run(store, SQL_UNTAG, "write to", err, errlen, "t", payload);
			if (!rc)
				rc = store_db_run(store, SQL_UNTAG_BACK, "write to", err, errlen, "t", payload);
			if (!rc)
				rc = store_db_run(store, SQL_EDIT_CONTRIBUTION, "write to", err, errlen, "t", payload);
			if (!rc)
				rc = store_db_run(store, SQL_EDIT_TAGS, "write to", err, errlen, "t", payload);
		} else if (strcmp(type, EVENT_TYPE_RESTORE) == 0) {
			rc = store_db_run(store, SQL_RESTORE_CONTRIBUTION, "write to", err, errlen, "t", payload);
		} else {
			rc = store_db_run(store, SQL_RETRACT_CONTRIBUTION, "write to", err, errlen, "t", payload);
		}
	}
	if (!rc && r != SQLITE_DONE)
		rc = store_db_fail(store, r, "read", err, errlen);
	sqlite3_reset(stmt);
	return rc;
}

static int project_range(struct store *store, int64_t from, int64_t to, char *err, size_t errlen)
{
	int rc = store_db_run(store, SQL_PROJECT_CONTRIBUTIONS, "write to", err, errlen, "ii", from, to);
	if (!rc)
		rc = store_db_run(store, SQL_PROJECT_TAGS, "write to", err, errlen, "ii", from, to);
	if (!rc)
		rc = project_changes(store, from, to, err, errlen);
	if (!rc)
		rc = store_db_run(store, SQL_SET_PROJECTED, "write to", err, errlen, "i", to);
	return rc;
}

int store_project(struct store *store, int64_t *projected, char *err, size_t errlen)
{
	int64_t from, to;
	int rc = projection_range(store, &from, &to, err, errlen);
	if (rc || from >= to) {
		if (projected)
			*projected = 0;
		return rc;
	}
	bool own_transaction = !store->in_transaction;
	if (own_transaction && (rc = store_begin(store, err, errlen)))
		return rc;
	/* Read again inside the transaction: another connection may have projected meanwhile. */
	rc = projection_range(store, &from, &to, err, errlen);
	if (!rc && from < to)
		rc = project_range(store, from, to, err, errlen);
	if (own_transaction) {
		if (!rc)
			rc = store_commit(store, err, errlen);
		else
			store_rollback(store);
	}
	if (projected)
		*projected = rc || from >= to ? 0 : to - from;
	return rc;
}
