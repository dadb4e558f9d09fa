/* store_project: see store_project.h. */
#include "storage/store_project.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "config/kinds.h"
#include "sessions/capture.h"
#include "sessions/errmsg.h"
#include "sessions/event.h"
#include "storage/store_cjk.h"
#include "storage/store_db.h"

static const char SQL_PROJECTED[] =
	"SELECT (SELECT seq FROM projected), (SELECT coalesce(max(seq), 0) FROM events)";
/* A payload field by the name event.h gives it: FIELD("payload", EVENT_KEY_TEXT). */
#define FIELD(json, key) "json_extract(" json ", '" EVENT_PATH(key) "')"
/* The contribution an edit or retraction names: its UUID, or for a payload that carries
 * only ref, the contribution with that seq in this database (the rule of event.h). */
#define REFERRED(json) "coalesce(" FIELD(json, EVENT_KEY_CONTRIBUTION) \
	", (SELECT r.id FROM contributions r WHERE r.seq = " FIELD(json, EVENT_KEY_REF) "))"

/* The contribution events of a range are read and decoded in C (project_contributions())
 * and inserted a row at a time: SQLite's JSON functions (a parse per statement and row)
 * and the ordered list of codes (a temporary b-tree per row) were a fifth of the
 * projection's work. No trigger runs on these inserts (schema 13), so a row's INSERT
 * needs no statement journal. */
static const char SQL_CONTRIBUTION_EVENTS[] =
	"SELECT seq, session, at, console, payload FROM events WHERE seq > ?1 AND seq <= ?2"
	" AND type = '" EVENT_TYPE_CONTRIBUTION "' ORDER BY seq";
static const char SQL_INSERT_CONTRIBUTION[] =
	"INSERT INTO contributions (seq, id, session, item, participant, kind, text, at, console, codes)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char SQL_INSERT_TAG[] =
	"INSERT OR IGNORE INTO contribution_tags (contribution, code) VALUES (?1, ?2)";
/* The report's counts (report_counts, schema 2) of the contributions of a range, added in
 * one statement (schema 13; a trigger per contribution and per code did it before, a
 * quarter of the projection's work): per session, every contribution (code '') and each
 * of its codes, by kind. A new contribution is never retracted; an edit or retraction
 * later in the range moves its counts by report_contribution_update. The upsert's SET
 * list starts with the key, unchanged, so that the generated list of kinds can follow it
 * comma by comma. */
#define COUNT_COLUMN(name, kind) ", " #kind
#define COUNT_OF(name, kind) ", sum(c.kind = '" #kind "')"
#define COUNT_ADD(name, kind) ", " #kind " = " #kind " + excluded." #kind
static const char SQL_COUNT_RANGE[] =
	"INSERT INTO report_counts (session, code" CONTRIBUTION_KINDS(COUNT_COLUMN) ")"
	" SELECT * FROM (SELECT c.session, ''" CONTRIBUTION_KINDS(COUNT_OF) " FROM contributions c"
	" WHERE c.seq > ?1 AND c.seq <= ?2 GROUP BY c.session"
	" UNION ALL SELECT c.session, t.code" CONTRIBUTION_KINDS(COUNT_OF) " FROM contributions c"
	" JOIN contribution_tags t ON t.contribution = c.id WHERE c.seq > ?1 AND c.seq <= ?2"
	" GROUP BY c.session, t.code) WHERE true"
	" ON CONFLICT DO UPDATE SET session = session" CONTRIBUTION_KINDS(COUNT_ADD);
static const char SQL_PROJECT_CHANGES[] =
	"SELECT type, payload FROM events WHERE seq > ?1 AND seq <= ?2"
	" AND type IN ('" EVENT_TYPE_EDIT "', '" EVENT_TYPE_RETRACT "', '" EVENT_TYPE_RESTORE "') ORDER BY seq";
/* An edit that names who spoke ("": the note-taker) moves the contribution to them; one
 * that names an item (/move) puts it on that item. */
static const char SQL_EDIT_CONTRIBUTION[] =
	"UPDATE contributions SET text = " FIELD("?1", EVENT_KEY_TEXT) ","
	" kind = coalesce(" FIELD("?1", EVENT_KEY_KIND) ", kind), edits = edits + 1,"
	" participant = CASE WHEN " FIELD("?1", EVENT_KEY_PARTICIPANT) " IS NULL THEN participant"
	" ELSE nullif(" FIELD("?1", EVENT_KEY_PARTICIPANT) ", '') END,"
	" item = coalesce(" FIELD("?1", EVENT_KEY_ITEM) ", item)"
	" WHERE id = " REFERRED("?1");
static const char SQL_EDIT_TAGS[] =
	"INSERT OR IGNORE INTO contribution_tags (contribution, code)"
	" SELECT " REFERRED("?1") ", value FROM json_each(?1, '" EVENT_PATH(EVENT_KEY_TAGS) "')";
static const char SQL_EDIT_CODES[] =
	"UPDATE contributions SET codes = coalesce((SELECT group_concat(t.code, ' ') FROM contribution_tags t"
	" WHERE t.contribution = contributions.id), '') WHERE id = " REFERRED("?1");
static const char SQL_RETRACT_CONTRIBUTION[] =
	"UPDATE contributions SET retracted = 1 WHERE id = " REFERRED("?1");
static const char SQL_RESTORE_CONTRIBUTION[] =
	"UPDATE contributions SET retracted = 0 WHERE id = " REFERRED("?1");
/* Codes an edit takes off or adds. The report's trigger counts on retraction and restore
 * (report_contribution_update), so the contribution is set aside (retracted + 2 counts as
 * retracted) while its codes change, then put back: its counts leave with the old codes
 * and return with the new ones. */
static const char SQL_RECODE_ASIDE[] =
	"UPDATE contributions SET retracted = retracted + 2 WHERE id = " REFERRED("?1")
	" AND (EXISTS (SELECT 1 FROM json_each(?1, '" EVENT_PATH(EVENT_KEY_REMOVED) "'))"
	" OR EXISTS (SELECT 1 FROM json_each(?1, '" EVENT_PATH(EVENT_KEY_TAGS) "')))";
static const char SQL_UNTAG[] =
	"DELETE FROM contribution_tags WHERE contribution = " REFERRED("?1")
	" AND code IN (SELECT value FROM json_each(?1, '" EVENT_PATH(EVENT_KEY_REMOVED) "'))";
static const char SQL_RECODE_BACK[] =
	"UPDATE contributions SET retracted = retracted - 2 WHERE id = " REFERRED("?1") " AND retracted >= 2";
/* search_index reads its content through the view search_content (text, codes, kind), so
 * it is kept in step here: a row is added once its contribution and codes are derived, and
 * an edit removes the row with the values it was indexed with before changing them. */
static const char SQL_INDEX_RANGE[] =
	"INSERT INTO search_index (rowid, text, codes, kind) SELECT seq, text, codes, kind FROM search_content"
	" WHERE seq > ?1 AND seq <= ?2";
static const char SQL_UNINDEX_EDIT[] =
	"INSERT INTO search_index (search_index, rowid, text, codes, kind)"
	" SELECT 'delete', seq, text, codes, kind FROM search_content WHERE seq = (SELECT seq FROM contributions"
	" WHERE id = " REFERRED("?1") ")";
static const char SQL_INDEX_EDIT[] =
	"INSERT INTO search_index (rowid, text, codes, kind) SELECT seq, text, codes, kind FROM search_content"
	" WHERE seq = (SELECT seq FROM contributions WHERE id = " REFERRED("?1") ")";
/* The trigram index holds the texts with a Chinese, Japanese or Korean character
 * (storage/store_cjk.h): added here once their contributions are derived (schema 12). */
static const char SQL_TRIGRAM_RANGE[] =
	"INSERT INTO contributions_trigram (rowid, text) SELECT seq, text FROM contributions"
	" WHERE seq > ?1 AND seq <= ?2 AND " STORE_CJK_FUNCTION "(text)";
/* A little of FTS5's merging after each range: a level of one of the two indexes that has
 * four segments or more (FTS5's usermerge) is merged a page's worth at a time. Each range
 * adds a segment to each index, and until an index has written 64 pages since its last
 * merge, FTS5 merges nothing itself; once a level holds 16 (crisismerge) it merges them
 * all at once, inside the commit of whatever range is then derived: in a new database
 * the 16th settle of a stream took three times as long as the others (15 M instructions
 * each, 47 M for that one, in steps of 128). With this the largest was 19 M, for the
 * same work in all. (A large index still merges 64 pages times its number of levels at
 * once now and then; docs/benchmarks.md.) */
static const char SQL_MERGE_SEARCH[] =
	"INSERT INTO search_index (search_index, rank) VALUES ('merge', 1)";
static const char SQL_MERGE_TRIGRAM[] =
	"INSERT INTO contributions_trigram (contributions_trigram, rank) VALUES ('merge', 1)";
/* Each session's first and last event up to projected.seq (session_seqs, schema 10), moved
 * with every event the projection passes, whatever its type. NOT INDEXED: the events of
 * the range by seq, not a scan of events_session for its order by session. */
static const char SQL_SESSION_SEQS[] =
	"INSERT INTO session_seqs (session, first_seq, last_seq) SELECT session, min(seq), max(seq)"
	" FROM events NOT INDEXED WHERE seq > ?1 AND seq <= ?2 GROUP BY session ON CONFLICT (session) DO UPDATE SET"
	" first_seq = min(first_seq, excluded.first_seq), last_seq = max(last_seq, excluded.last_seq)";
/* The seq of the ?2-th event after ?1 (from 0): where a step of ?2 + 1 events ends. */
static const char SQL_STEP_END[] =
	"SELECT seq FROM events WHERE seq > ?1 ORDER BY seq LIMIT 1 OFFSET ?2";
static const char SQL_SET_PROJECTED[] =
	"UPDATE projected SET seq = ?1";

enum { STORE_PENDING_MAX = 4096 }; /* contributions not yet projected that a write searches */

static const char SQL_PROJECTED_ROWS[] =
	"SELECT count(*) FROM projected";
static const char SQL_PROJECT_EVENTS[] =
	"SELECT seq, session, type, payload FROM events WHERE seq > ?1 AND seq <= ?2"
	" AND type IN ('" EVENT_TYPE_CONTRIBUTION "', '" EVENT_TYPE_EDIT "', '" EVENT_TYPE_RETRACT "') ORDER BY seq";
static const char SQL_SKIP[] =
	"INSERT OR REPLACE INTO projection_skipped (seq, problem) VALUES (?1, ?2)";
static const char SQL_HAS_CONTRIBUTION[] =
	"SELECT 1 FROM contributions WHERE id = ?1";
static const char SQL_HAS_CONTRIBUTION_SEQ[] =
	"SELECT 1 FROM contributions WHERE seq = ?1"
	" UNION ALL SELECT 1 FROM events WHERE seq = ?1 AND type = '" EVENT_TYPE_CONTRIBUTION "'";
/* What a new contribution needs, in one step of the line's path: its item, its
 * participant (?3 NULL: a note), no projected contribution with its id, and projected.seq. */
static const char SQL_CONTRIBUTION_NEEDS[] =
	"SELECT EXISTS (SELECT 1 FROM items WHERE session = ?1 AND id = ?2),"
	" ?3 IS NULL OR EXISTS (SELECT 1 FROM participants WHERE session = ?1 AND id = ?3),"
	" EXISTS (SELECT 1 FROM contributions WHERE id = ?4), (SELECT seq FROM projected)";
static const char SQL_PENDING_IDS[] =
	"SELECT seq, " FIELD("payload", EVENT_KEY_ID) " FROM events WHERE seq > ?1"
	" AND type = '" EVENT_TYPE_CONTRIBUTION "' ORDER BY seq";
static const char SQL_PROJECTED_SEQ[] =
	"SELECT seq FROM projected";
static const char SQL_SKIPPED_FIRST[] =
	"SELECT (SELECT count(*) FROM projection_skipped), s.seq, e.session, e.type, s.problem"
	" FROM projection_skipped s JOIN events e ON e.seq = s.seq ORDER BY s.seq LIMIT 1";
static const char SQL_REBUILD[] =
	"DELETE FROM projected; DELETE FROM projection_skipped;"
	" INSERT INTO search_index (search_index) VALUES ('delete-all'); DELETE FROM contribution_tags;"
	" DELETE FROM contributions; DELETE FROM report_counts; DELETE FROM session_seqs;"
	" INSERT INTO projected (seq) VALUES (0)";

/* Returns 1 when the statement (bound by format as store_db_run() does) yields a row,
 * 0 when not, or a sysexits code. */
static int exists(struct store *store, const char *sql, char *err, size_t errlen, const char *a, const char *b,
	int64_t n)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, sql, err, errlen, &rc);
	if (!stmt)
		return rc;
	if (a)
		sqlite3_bind_text(stmt, 1, a, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(stmt, 1, n);
	if (b)
		sqlite3_bind_text(stmt, 2, b, -1, SQLITE_STATIC);
	int r = sqlite3_step(stmt);
	rc = r == SQLITE_ROW ? 1 : r == SQLITE_DONE ? 0 : store_db_fail(store, r, "read", err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

/* The ids of contribution events not yet projected, read on from where the last call
 * stopped (so a line reads only the rows added since), restarted when the projection
 * moved on. Invalidated by a rollback (storage/store.c). */
static int pending_refresh(struct store *store, int64_t projected, char *err, size_t errlen)
{
	struct store_pending *p = &store->pending;
	int rc = 0;
	sqlite3_stmt *stmt;
	int r;
	if (projected < 0) {
		if (!(stmt = store_db_statement(store, SQL_PROJECTED_SEQ, err, errlen, &rc)))
			return rc;
		r = sqlite3_step(stmt);
		projected = r == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
		sqlite3_reset(stmt);
		if (r != SQLITE_ROW && r != SQLITE_DONE)
			return store_db_fail(store, r, "read", err, errlen);
	}
	if (!p->valid || projected != p->from) {
		p->n = 0;
		p->from = p->upto = projected;
		p->valid = true;
	}
	if (!(stmt = store_db_statement(store, SQL_PENDING_IDS, err, errlen, &rc)))
		return rc;
	sqlite3_bind_int64(stmt, 1, p->upto);
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		p->upto = sqlite3_column_int64(stmt, 0);
		const char *id = (const char *)sqlite3_column_text(stmt, 1);
		if (!id)
			continue;
		char (*ids)[STORE_UUID_LEN + 1] = store_db_grow_rows(p->ids, p->n, &p->cap, sizeof *ids);
		if (!ids) {
			r = SQLITE_NOMEM;
			break;
		}
		p->ids = ids;
		snprintf(p->ids[p->n++], STORE_UUID_LEN + 1, "%s", id);
	}
	if (r != SQLITE_DONE) {
		p->valid = false;
		rc = store_db_fail(store, r, "read", err, errlen);
	}
	sqlite3_reset(stmt);
	return rc;
}

/* 1 when a contribution event with this UUID waits to be projected, 0 when not, or a
 * sysexits code; projected is projected.seq, or -1 to read it. */
static int contribution_pending(struct store *store, const char *id, int64_t projected, char *err, size_t errlen)
{
	int rc = pending_refresh(store, projected, err, errlen);
	/* A writer that never projects (a bulk import) would make every line search a long
	 * list: project what waits, inside the open transaction, and start again. */
	if (!rc && store->pending.n > STORE_PENDING_MAX && store->in_transaction
		&& !(rc = store_project(store, NULL, err, errlen)))
		rc = pending_refresh(store, -1, err, errlen);
	if (rc)
		return rc;
	for (int i = 0; i < store->pending.n; i++)
		if (strcmp(store->pending.ids[i], id) == 0)
			return 1;
	return 0;
}

/* 1 when a contribution with this UUID is stored (projected, or with pending also among
 * the events not yet projected), 0 when not, or a sysexits code. */
static int contribution_stored(struct store *store, const char *id, bool pending, char *err, size_t errlen)
{
	int rc = exists(store, SQL_HAS_CONTRIBUTION, err, errlen, id, NULL, 0);
	return rc != 0 || !pending ? rc : contribution_pending(store, id, -1, err, errlen);
}

/* A new contribution's needs (SQL_CONTRIBUTION_NEEDS), as EX_DATAERR and a problem. */
static int check_contribution(struct store *store, const char *session, const struct event_contribution *c,
	bool pending, char *problem, size_t len)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_CONTRIBUTION_NEEDS, problem, len, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_text(stmt, 1, session, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, c->item, -1, SQLITE_STATIC);
	if (c->participant)
		sqlite3_bind_text(stmt, 3, c->participant, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, c->id, -1, SQLITE_STATIC);
	int r = sqlite3_step(stmt);
	int64_t projected = 0;
	if (r != SQLITE_ROW)
		rc = store_db_fail(store, r, "read", problem, len);
	else if (!sqlite3_column_int(stmt, 0))
		rc = (errmsg_fail(problem, len, "item \"%.40s\" is not an item of the session", c->item), EX_DATAERR);
	else if (!sqlite3_column_int(stmt, 1))
		rc = (errmsg_fail(problem, len, "participant \"%.40s\" is not in the session", c->participant), EX_DATAERR);
	else if (sqlite3_column_int(stmt, 2))
		rc = 1;
	else
		projected = sqlite3_column_int64(stmt, 3);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (!rc && pending)
		rc = contribution_pending(store, c->id, projected, problem, len);
	if (rc == 1)
		rc = (errmsg_fail(problem, len, "another contribution already has the id %s", c->id), EX_DATAERR);
	return rc;
}

/* What a contribution, an edit or a retraction needs to be projected: a payload that
 * event_decode() reads, an id, an item and a participant of the session, an id no other
 * contribution has; the contribution an edit or retraction names. */
static int check_decoded(struct store *store, const char *session, const struct event *e, bool pending,
	char *problem, size_t len)
{
	int rc;
	if (e->type == EVENT_CONTRIBUTION) {
		if (!e->as.contribution.id[0])
			return errmsg_fail(problem, len, "field %s is missing", EVENT_KEY_ID), EX_DATAERR;
		return check_contribution(store, session, &e->as.contribution, pending, problem, len);
	}
	const char *id = e->type == EVENT_EDIT ? e->as.edit.contribution : e->as.retract.contribution;
	int64_t ref = e->type == EVENT_EDIT ? e->as.edit.ref : e->as.retract.ref;
	rc = id[0] ? contribution_stored(store, id, pending, problem, len)
		: exists(store, SQL_HAS_CONTRIBUTION_SEQ, problem, len, NULL, NULL, ref);
	if (rc == 0) {
		if (id[0])
			errmsg_fail(problem, len, "it names contribution %s, which is not stored", id);
		else
			errmsg_fail(problem, len, "it names contribution %lld, which is not stored", (long long)ref);
		return EX_DATAERR;
	}
	return rc == 1 ? 0 : rc;
}

int store_project_check(struct store *store, const char *session, const char *type, const char *payload,
	bool pending, char *problem, size_t len)
{
	enum event_type t = event_type_parse(type);
	if (t != EVENT_CONTRIBUTION && t != EVENT_EDIT && t != EVENT_RETRACT)
		return 0;
	struct event e;
	switch (event_decode(type, payload, strlen(payload), &e, problem, len)) {
	case EVENT_DECODED: break;
	case EVENT_NO_MEMORY: errmsg_fail(problem, len, "out of memory"); return EX_OSERR;
	default: return EX_DATAERR;
	}
	int rc = check_decoded(store, session, &e, pending, problem, len);
	event_free(&e);
	return rc;
}

/* Reads projected.seq and the last event's seq; *rows gets how many rows projected has
 * (one, unless someone deleted it). */
static int projection_range(struct store *store, int64_t *from, int64_t *to, int64_t *rows, char *err,
	size_t errlen)
{
	int rc = store_db_pragma_int(store, SQL_PROJECTED_ROWS, rows, err, errlen);
	if (rc)
		return rc;
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

/* Marks the bulk path's refusal of an event: the range is then projected one by one. */
enum { PROJECT_ONE_BY_ONE = -1 };

/* Runs an edit's or retraction's statement; one that changes nothing names no stored
 * contribution. */
static int run_change(struct store *store, const char *sql, const char *payload, bool must_change, char *err,
	size_t errlen)
{
	int rc = store_db_run(store, sql, "write to", err, errlen, "t", payload);
	if (!rc && must_change && sqlite3_changes(store->db) == 0)
		rc = PROJECT_ONE_BY_ONE;
	return rc;
}

static int apply_change(struct store *store, const char *type, const char *payload, char *err, size_t errlen)
{
	if (strcmp(type, EVENT_TYPE_RESTORE) == 0)
		return run_change(store, SQL_RESTORE_CONTRIBUTION, payload, true, err, errlen);
	if (strcmp(type, EVENT_TYPE_EDIT) != 0)
		return run_change(store, SQL_RETRACT_CONTRIBUTION, payload, true, err, errlen);
	/* the search row goes with the values it was indexed with; then the codes the edit
	 * takes off and adds (the contribution set aside meanwhile), the text and the kind, and
	 * the codes column from the tags it has now; then the search row comes back with the
	 * new values */
	int rc = run_change(store, SQL_UNINDEX_EDIT, payload, false, err, errlen);
	if (!rc)
		rc = run_change(store, SQL_RECODE_ASIDE, payload, false, err, errlen);
	if (!rc)
		rc = run_change(store, SQL_UNTAG, payload, false, err, errlen);
	if (!rc)
		rc = run_change(store, SQL_EDIT_TAGS, payload, false, err, errlen);
	if (!rc)
		rc = run_change(store, SQL_RECODE_BACK, payload, false, err, errlen);
	if (!rc)
		rc = run_change(store, SQL_EDIT_CONTRIBUTION, payload, true, err, errlen);
	if (!rc)
		rc = run_change(store, SQL_EDIT_CODES, payload, false, err, errlen);
	return rc ? rc : run_change(store, SQL_INDEX_EDIT, payload, false, err, errlen);
}

/* Calls each_row for every row of sql (bound to the range (from, to] as ?1 and ?2), in
 * order, until one returns non-zero; returns that, or a failure to read. */
typedef int each_row_fn(struct store *store, sqlite3_stmt *row, char *err, size_t errlen);
static int each_event_row(struct store *store, const char *sql, int64_t from, int64_t to, each_row_fn *each_row,
	char *err, size_t errlen)
{
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, sql, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_int64(stmt, 1, from);
	sqlite3_bind_int64(stmt, 2, to);
	int r = SQLITE_DONE;
	while (!rc && (r = sqlite3_step(stmt)) == SQLITE_ROW)
		rc = each_row(store, stmt, err, errlen);
	if (!rc && r != SQLITE_DONE)
		rc = store_db_fail(store, r, "read", err, errlen);
	sqlite3_reset(stmt);
	return rc;
}

/* A row of SQL_PROJECT_CHANGES: type, payload. */
static int change_row(struct store *store, sqlite3_stmt *row, char *err, size_t errlen)
{
	return apply_change(store, (const char *)sqlite3_column_text(row, 0), (const char *)sqlite3_column_text(row, 1),
		err, errlen);
}

/* Applies the edits and retractions among events (from, to], in their order. */
static int project_changes(struct store *store, int64_t from, int64_t to, char *err, size_t errlen)
{
	return each_event_row(store, SQL_PROJECT_CHANGES, from, to, change_row, err, errlen);
}

/* A contribution's codes as contributions.codes holds them (schema 10): each tag once, in
 * byte order (SQLite's BINARY, the order of contribution_tags' key), space-separated.
 * malloc'd; NULL when out of memory. */
static int compare_codes(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *codes_of(const struct event_contribution *c)
{
	size_t len = 1;
	for (int i = 0; i < c->n_tags; i++)
		len += strlen(c->tags[i]) + 1;
	const char **sorted = c->n_tags ? malloc((size_t)c->n_tags * sizeof *sorted) : NULL;
	char *codes = malloc(len);
	if (!codes || (c->n_tags && !sorted)) {
		free(sorted);
		free(codes);
		return NULL;
	}
	if (c->n_tags) {
		memcpy(sorted, c->tags, (size_t)c->n_tags * sizeof *sorted);
		qsort(sorted, (size_t)c->n_tags, sizeof *sorted, compare_codes);
	}
	size_t used = 0;
	for (int i = 0; i < c->n_tags; i++) {
		if (i > 0 && strcmp(sorted[i], sorted[i - 1]) == 0)
			continue;
		size_t n = strlen(sorted[i]);
		if (used)
			codes[used++] = ' ';
		memcpy(codes + used, sorted[i], n);
		used += n;
	}
	codes[used] = '\0';
	free(sorted);
	return codes;
}

/* Inserts one decoded contribution and its tags; seq, session, at and console are the
 * event's columns as stored. */
static int insert_contribution(struct store *store, sqlite3_stmt *event, const struct event_contribution *c,
	char *err, size_t errlen)
{
	char *codes = codes_of(c);
	if (!codes)
		return errmsg_fail(err, errlen, "out of memory"), EX_OSERR;
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_INSERT_CONTRIBUTION, err, errlen, &rc);
	if (stmt) {
		sqlite3_bind_value(stmt, 1, sqlite3_column_value(event, 0));
		sqlite3_bind_text(stmt, 2, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_value(stmt, 3, sqlite3_column_value(event, 1));
		sqlite3_bind_text(stmt, 4, c->item, -1, SQLITE_STATIC);
		if (c->participant)
			sqlite3_bind_text(stmt, 5, c->participant, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 6, contribution_kind_name(c->kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 7, c->text, -1, SQLITE_STATIC);
		sqlite3_bind_value(stmt, 8, sqlite3_column_value(event, 2));
		sqlite3_bind_value(stmt, 9, sqlite3_column_value(event, 3));
		sqlite3_bind_text(stmt, 10, codes, -1, SQLITE_STATIC);
		int r = sqlite3_step(stmt);
		if (r != SQLITE_DONE)
			rc = store_db_fail(store, r, "write to", err, errlen);
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
	}
	free(codes);
	for (int i = 0; !rc && i < c->n_tags; i++)
		rc = store_db_run(store, SQL_INSERT_TAG, "write to", err, errlen, "tt", c->id, c->tags[i]);
	return rc;
}

/* A row of SQL_CONTRIBUTION_EVENTS, its payload decoded by event_decode(); one it cannot
 * read, or without an id, is PROJECT_ONE_BY_ONE (project_one() then says why it is
 * skipped). */
static int contribution_row(struct store *store, sqlite3_stmt *row, char *err, size_t errlen)
{
	struct event e;
	const char *payload = (const char *)sqlite3_column_text(row, 4);
	enum event_decoded d = payload ? event_decode(EVENT_TYPE_CONTRIBUTION, payload,
		(size_t)sqlite3_column_bytes(row, 4), &e, NULL, 0) : EVENT_NOT_AN_OBJECT;
	if (d == EVENT_NO_MEMORY)
		return errmsg_fail(err, errlen, "out of memory"), EX_OSERR;
	if (d != EVENT_DECODED)
		return PROJECT_ONE_BY_ONE;
	int rc = e.as.contribution.id[0] ? insert_contribution(store, row, &e.as.contribution, err, errlen)
		: PROJECT_ONE_BY_ONE;
	event_free(&e);
	return rc;
}

/* The contributions of the contribution events of (from, to], their codes, and their
 * report counts. */
static int project_contributions(struct store *store, int64_t from, int64_t to, char *err, size_t errlen)
{
	int rc = each_event_row(store, SQL_CONTRIBUTION_EVENTS, from, to, contribution_row, err, errlen);
	return rc ? rc : store_db_run(store, SQL_COUNT_RANGE, "write to", err, errlen, "ii", from, to);
}

/* Every event of (from, to] at once: a few statements for any number of events. */
static int project_bulk(struct store *store, int64_t from, int64_t to, char *err, size_t errlen)
{
	int rc = project_contributions(store, from, to, err, errlen);
	if (!rc)
		rc = store_db_run(store, SQL_INDEX_RANGE, "write to", err, errlen, "ii", from, to);
	bool indexed = !rc && sqlite3_changes(store->db) > 0;
	if (!rc)
		rc = store_db_run(store, SQL_TRIGRAM_RANGE, "write to", err, errlen, "ii", from, to);
	bool trigrams = !rc && sqlite3_changes(store->db) > 0;
	if (!rc)
		rc = project_changes(store, from, to, err, errlen);
	/* an index that gained no segment has nothing new to merge */
	if (!rc && indexed)
		rc = store_db_run(store, SQL_MERGE_SEARCH, "write to", err, errlen, "");
	if (!rc && trigrams)
		rc = store_db_run(store, SQL_MERGE_TRIGRAM, "write to", err, errlen, "");
	return rc;
}

/* Leaves event seq out, with why; the other events go on. */
static int skip(struct store *store, int64_t seq, const char *problem, char *err, size_t errlen)
{
	return store_db_run(store, SQL_SKIP, "write to", err, errlen, "it", seq, problem);
}

/* One event: checked as store_append_event() checks it, applied inside a savepoint so
 * that a refusal SQLite finds anyway leaves nothing half done. */
static int project_one(struct store *store, int64_t seq, const char *session, const char *type,
	const char *payload, char *err, size_t errlen)
{
	char problem[256];
	int rc = store_project_check(store, session, type, payload, false, problem, sizeof problem);
	if (rc == EX_DATAERR)
		return skip(store, seq, problem, err, errlen);
	if (rc) {
		errmsg_fail(err, errlen, "%s", problem);
		return rc;
	}
	if ((rc = store_db_exec(store, "SAVEPOINT project_one", "write to", err, errlen)))
		return rc;
	if (strcmp(type, EVENT_TYPE_CONTRIBUTION) == 0) {
		rc = project_contributions(store, seq - 1, seq, problem, sizeof problem);
		if (!rc)
			rc = store_db_run(store, SQL_INDEX_RANGE, "write to", problem, sizeof problem, "ii", seq - 1, seq);
		if (!rc)
			rc = store_db_run(store, SQL_TRIGRAM_RANGE, "write to", problem, sizeof problem, "ii", seq - 1, seq);
	} else {
		rc = apply_change(store, type, payload, problem, sizeof problem);
	}
	bool refused = rc == PROJECT_ONE_BY_ONE || rc == EX_DATAERR;
	if (rc == PROJECT_ONE_BY_ONE)
		snprintf(problem, sizeof problem, "it names a contribution that is not stored");
	else if (rc == EX_DATAERR)
		snprintf(problem, sizeof problem, "SQLite refuses it: %s", sqlite3_errmsg(store->db));
	if (rc)
		sqlite3_exec(store->db, "ROLLBACK TO project_one", NULL, NULL, NULL);
	sqlite3_exec(store->db, "RELEASE project_one", NULL, NULL, NULL);
	if (refused)
		return skip(store, seq, problem, err, errlen);
	if (rc)
		errmsg_fail(err, errlen, "%s", problem);
	return rc;
}

/* A row of SQL_PROJECT_EVENTS: seq, session, type, payload. */
static int event_row(struct store *store, sqlite3_stmt *row, char *err, size_t errlen)
{
	return project_one(store, sqlite3_column_int64(row, 0), (const char *)sqlite3_column_text(row, 1),
		(const char *)sqlite3_column_text(row, 2), (const char *)sqlite3_column_text(row, 3), err, errlen);
}

/* The events of (from, to] one at a time, in order, skipping those that cannot be used. */
static int project_each(struct store *store, int64_t from, int64_t to, char *err, size_t errlen)
{
	return each_event_row(store, SQL_PROJECT_EVENTS, from, to, event_row, err, errlen);
}

/* The bulk path first; when it meets an event it cannot use (a constraint fails, an edit
 * names nothing), it is undone and the range is projected one event at a time, so that
 * one bad event is recorded in projection_skipped and never blocks the others. */
static int project_range(struct store *store, int64_t from, int64_t to, char *err, size_t errlen)
{
	int rc = store_db_exec(store, "SAVEPOINT project_bulk", "write to", err, errlen);
	if (rc)
		return rc;
	rc = project_bulk(store, from, to, err, errlen);
	if (rc == PROJECT_ONE_BY_ONE || rc == EX_DATAERR) {
		sqlite3_exec(store->db, "ROLLBACK TO project_bulk", NULL, NULL, NULL);
		if (err && errlen)
			err[0] = '\0';
		rc = project_each(store, from, to, err, errlen);
	}
	if (rc)
		sqlite3_exec(store->db, "ROLLBACK TO project_bulk", NULL, NULL, NULL);
	sqlite3_exec(store->db, "RELEASE project_bulk", NULL, NULL, NULL);
	if (!rc)
		rc = store_db_run(store, SQL_SESSION_SEQS, "write to", err, errlen, "ii", from, to);
	if (!rc)
		rc = store_db_run(store, SQL_SET_PROJECTED, "write to", err, errlen, "i", to);
	return rc;
}

void store_project_notice(struct store *store)
{
	char err[256];
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_SKIPPED_FIRST, err, sizeof err, &rc);
	if (!stmt)
		return;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		size_t used = strlen(store->notice);
		snprintf(store->notice + used, sizeof store->notice - used, "%s%lld event%s of %s %s left out of search,"
			" reports and counts because %s cannot be used (the log and exports keep %s); the first is event %lld"
			" (session %.8s, type %s): %s", used ? "; " : "", (long long)sqlite3_column_int64(stmt, 0),
			sqlite3_column_int64(stmt, 0) == 1 ? "" : "s", store->path,
			sqlite3_column_int64(stmt, 0) == 1 ? "is" : "are", sqlite3_column_int64(stmt, 0) == 1 ? "it" : "they",
			sqlite3_column_int64(stmt, 0) == 1 ? "it" : "them", (long long)sqlite3_column_int64(stmt, 1),
			(const char *)sqlite3_column_text(stmt, 2), (const char *)sqlite3_column_text(stmt, 3),
			(const char *)sqlite3_column_text(stmt, 4));
	}
	sqlite3_reset(stmt);
}

void store_project_pending(struct store *store, char *message, size_t len)
{
	int64_t from, to, rows;
	char err[256];
	if (projection_range(store, &from, &to, &rows, err, sizeof err) != 0)
		snprintf(message, len, "%s", err);
	else if (rows != 1)
		snprintf(message, len, "%s was opened read-only, and its table projected has %lld rows instead of one, so"
			" search, reports and counts cannot be trusted; open it once where it can be written to rebuild them"
			" (the log itself is complete)", store->path, (long long)rows);
	else if (from < to)
		snprintf(message, len, "%s was opened read-only, so the %lld newest events (of a console that was"
			" stopped or killed) are not derived yet; the log itself is complete", store->path,
			(long long)(to - from));
}

/* The seq that ends a step of at most max_events events after from (0: no limit), or
 * to when fewer wait. */
static int step_end(struct store *store, int64_t from, int max_events, int64_t *to, char *err, size_t errlen)
{
	if (max_events <= 0)
		return 0;
	int rc = 0;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_STEP_END, err, errlen, &rc);
	if (!stmt)
		return rc;
	sqlite3_bind_int64(stmt, 1, from);
	sqlite3_bind_int64(stmt, 2, max_events - 1);
	int r = sqlite3_step(stmt);
	if (r == SQLITE_ROW && sqlite3_column_int64(stmt, 0) < *to)
		*to = sqlite3_column_int64(stmt, 0);
	else if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = store_db_fail(store, r, "read", err, errlen);
	sqlite3_reset(stmt);
	return rc;
}

/* store_project() and store_project_step(): at most max_events events (0: all). */
static int project_upto(struct store *store, int max_events, int64_t *projected, bool *more, char *err,
	size_t errlen)
{
	int64_t from, to, last, rows;
	if (projected)
		*projected = 0;
	if (more)
		*more = false;
	int rc = projection_range(store, &from, &to, &rows, err, errlen);
	if (rc || (from >= to && rows == 1))
		return rc;
	bool own_transaction = !store->in_transaction;
	/* A projection's own commit is not synced: the projection can always be derived again,
	 * the next line's commit, synced, syncs the log with it in order, and a checkpoint
	 * syncs the log before it copies it. A sync was most of a small step's time (a step
	 * of one event took 2.4 ms, of 128 7.3), and a millisecond of a whole settle's. */
	if (own_transaction && (rc = store_begin_unsynced(store, false, err, errlen)))
		return rc;
	/* Read again inside the transaction: another connection may have projected meanwhile. */
	rc = projection_range(store, &from, &to, &rows, err, errlen);
	if (!rc && rows != 1) {
		/* The bookmark is gone (or doubled): what was derived cannot be trusted, so it is
		 * derived again from the events, which are complete. */
		rc = store_db_exec(store, SQL_REBUILD, "rebuild search and reports in", err, errlen);
		if (!rc) {
			snprintf(store->notice, sizeof store->notice, "the table projected of %s had %lld rows instead of"
				" one (changed outside klankbord); search, reports and counts were derived again from the events",
				store->path, (long long)rows);
			from = 0;
		}
	}
	last = to;
	if (!rc && from < to)
		rc = step_end(store, from, max_events, &to, err, errlen);
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
	if (more)
		*more = !rc && to < last;
	return rc;
}

int store_project(struct store *store, int64_t *projected, char *err, size_t errlen)
{
	return project_upto(store, 0, projected, NULL, err, errlen);
}

int store_project_step(struct store *store, int max_events, int64_t *projected, bool *more, char *err,
	size_t errlen)
{
	return project_upto(store, max_events > 0 ? max_events : 1, projected, more, err, errlen);
}
