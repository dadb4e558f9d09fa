/* store_erase: see store_erase.h. Every statement names the session as ?1 and the
 * participant as ?2; the seqs and ids to erase are gathered first into temporary tables
 * (temp_store = MEMORY: they never reach a file). */
#include "storage/store_erase.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "sessions/errmsg.h"
#include "sessions/event.h"
#include "storage/store_db.h"
#include "storage/store_schema.h"

#define PAYLOAD(key) "json_extract(payload, '" EVENT_PATH(key) "')"

/* The steered search's index (schema 5) over the view search_content: its rows of the
 * contributions to erase, deleted with the values they were indexed with. */
#define SQL_UNINDEX "INSERT INTO search_index (search_index, rowid, text, codes, kind)" \
	" SELECT 'delete', seq, text, codes, kind FROM search_content WHERE seq IN (SELECT seq FROM erase_contribution)"

static const char SQL_PREPARE[] =
	"PRAGMA temp_store = MEMORY;"
	"CREATE TEMP TABLE IF NOT EXISTS erase_contribution (seq INTEGER PRIMARY KEY, id TEXT);"
	"CREATE TEMP TABLE IF NOT EXISTS erase_event (seq INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS erase_ballot (seq INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS erase_speaker (contribution TEXT PRIMARY KEY, participant TEXT);"
	"DELETE FROM erase_contribution; DELETE FROM erase_event; DELETE FROM erase_ballot; DELETE FROM erase_speaker;";

/* One participant: what to erase, then the derived rows, then the log. */
static const char *const participant_steps[] = {
	/* who each contribution is by now: the last edit that named who spoke (/edit N E08:),
	 * by UUID or by ref alone (event.h); "" is the note-taker */
	"INSERT OR REPLACE INTO erase_speaker (contribution, participant) SELECT coalesce(" PAYLOAD(EVENT_KEY_CONTRIBUTION)
	", (SELECT json_extract(r.payload, '" EVENT_PATH(EVENT_KEY_ID) "') FROM events r WHERE r.seq = "
	PAYLOAD(EVENT_KEY_REF) ")), " PAYLOAD(EVENT_KEY_PARTICIPANT) " FROM events WHERE session = ?1"
	" AND type = '" EVENT_TYPE_EDIT "' AND " PAYLOAD(EVENT_KEY_PARTICIPANT) " IS NOT NULL ORDER BY seq",
	/* their contributions: the ones by them now; one first put down to someone else and
	 * moved to them is theirs, one moved away from them is not */
	"INSERT INTO erase_contribution (seq, id) SELECT seq, " PAYLOAD(EVENT_KEY_ID) " FROM events"
	" WHERE session = ?1 AND type = '" EVENT_TYPE_CONTRIBUTION "' AND coalesce((SELECT participant FROM erase_speaker"
	" WHERE contribution = " PAYLOAD(EVENT_KEY_ID) "), " PAYLOAD(EVENT_KEY_PARTICIPANT) ") = ?2",
	"INSERT OR IGNORE INTO erase_event (seq) SELECT seq FROM erase_contribution",
	/* every edit, retraction and restore of them, by UUID or by ref alone (event.h) */
	"INSERT OR IGNORE INTO erase_event (seq) SELECT seq FROM events WHERE session = ?1"
	" AND type IN ('" EVENT_TYPE_EDIT "', '" EVENT_TYPE_RETRACT "', '" EVENT_TYPE_RESTORE "')"
	" AND (" PAYLOAD(EVENT_KEY_CONTRIBUTION) " IN (SELECT id FROM erase_contribution)"
	" OR (" PAYLOAD(EVENT_KEY_CONTRIBUTION) " IS NULL AND " PAYLOAD(EVENT_KEY_REF)
	" IN (SELECT seq FROM erase_contribution)))",
	/* their current ballots become anonymous; the ones they replaced or withdrew go, and so
	 * do their withdrawals (a current withdrawal is a ballots row of no choices) */
	"INSERT INTO erase_ballot (seq) SELECT b.seq FROM ballots b JOIN votes v ON v.id = b.vote"
	" JOIN events e ON e.seq = b.seq AND e.type = '" EVENT_TYPE_BALLOT "'"
	" WHERE v.session = ?1 AND b.participant = ?2 AND b.replaced_by IS NULL",
	"INSERT OR IGNORE INTO erase_event (seq) SELECT seq FROM events WHERE session = ?1"
	" AND type IN ('" EVENT_TYPE_BALLOT "', '" EVENT_TYPE_WITHDRAW "') AND " PAYLOAD(EVENT_KEY_PARTICIPANT) " = ?2"
	" AND seq NOT IN (SELECT seq FROM erase_ballot)",
	/* the steered search's rows go with the values they were indexed with (search_index
	 * reads a view, so no trigger does it), while text and codes are still there */
	SQL_UNINDEX,
	/* the register's changes of their recommendations go with them (docs/recommendations.md) */
	"DELETE FROM recommendation_status WHERE recommendation IN (SELECT id FROM erase_contribution)",
	/* derived rows: the report counts follow a retraction, then the rows go */
	"UPDATE contributions SET retracted = 1 WHERE seq IN (SELECT seq FROM erase_contribution) AND NOT retracted",
	"DELETE FROM contribution_tags WHERE contribution IN (SELECT id FROM erase_contribution)",
	"DELETE FROM contributions WHERE seq IN (SELECT seq FROM erase_contribution)",
	"DELETE FROM projection_skipped WHERE seq IN (SELECT seq FROM erase_event)",
	"UPDATE ballots SET replaced_by = NULL WHERE replaced_by IN (SELECT seq FROM erase_event)",
	"DELETE FROM ballots WHERE seq IN (SELECT seq FROM erase_event)",
	"UPDATE ballots SET participant = NULL, reason = NULL WHERE seq IN (SELECT seq FROM erase_ballot)",
	"UPDATE participants SET name = NULL, community = NULL, consent_quotes = 0 WHERE session = ?1 AND id = ?2",
	/* the log, and the session's range of seqs, which may have ended at an erased line */
	"DELETE FROM events WHERE seq IN (SELECT seq FROM erase_event)",
	"UPDATE session_seqs SET first_seq = (SELECT min(seq) FROM events WHERE session = ?1),"
	" last_seq = (SELECT max(seq) FROM events WHERE session = ?1) WHERE session = ?1"
	" AND EXISTS (SELECT 1 FROM events WHERE session = ?1)",
	"DELETE FROM session_seqs WHERE session = ?1 AND NOT EXISTS (SELECT 1 FROM events WHERE session = ?1)",
	"UPDATE events SET payload = json_remove(json_set(payload, '$." EVENT_KEY_PARTICIPANT "', NULL,"
	" '$.reason', NULL), '$." EVENT_KEY_UNDOES "')"
	" WHERE seq IN (SELECT seq FROM erase_ballot)",
	"UPDATE events SET payload = json_set(payload, '$.name', NULL) WHERE session = ?1"
	" AND type = '" EVENT_TYPE_PARTICIPANT "' AND " PAYLOAD(EVENT_KEY_ID) " = ?2",
};

static const char *const session_steps[] = {
	"INSERT INTO erase_contribution (seq, id) SELECT seq, id FROM contributions WHERE session = ?1",
	"INSERT INTO erase_event (seq) SELECT seq FROM events WHERE session = ?1",
	"DELETE FROM report_counts WHERE session = ?1",
	/* the register's changes of its recommendations, of either kind */
	"DELETE FROM recommendation_status WHERE recommendation IN (SELECT id FROM erase_contribution)"
	" OR recommendation IN (SELECT id FROM recommendations WHERE session = ?1)",
	/* the steered search's rows go with the values they were indexed with (search_index
	 * reads a view, so no trigger does it), while text and codes are still there */
	SQL_UNINDEX,
	"DELETE FROM contribution_tags WHERE contribution IN (SELECT id FROM erase_contribution)",
	"DELETE FROM contributions WHERE session = ?1",
	"DELETE FROM projection_skipped WHERE seq IN (SELECT seq FROM erase_event)",
	"UPDATE ballots SET replaced_by = NULL WHERE vote IN (SELECT id FROM votes WHERE session = ?1)",
	"DELETE FROM ballots WHERE vote IN (SELECT id FROM votes WHERE session = ?1)",
	"DELETE FROM votes WHERE session = ?1",
	"DELETE FROM recommendations WHERE session = ?1",
	"DELETE FROM items WHERE session = ?1",
	"DELETE FROM participants WHERE session = ?1",
	"DELETE FROM consoles WHERE session = ?1",   /* the names the operators gave their consoles */
	"DELETE FROM events WHERE session = ?1",
	"DELETE FROM session_seqs WHERE session = ?1",
	"UPDATE sessions SET title = 'erased session', organisation = NULL, location = NULL, date = NULL,"
	" agenda_yaml = '', status = 'ended', ended_at = coalesce(ended_at, ?2) WHERE id = ?1",
};

/* Runs one statement with ?1 and ?2 bound (text, or ?2 an integer when text2 is NULL). */
static int step(struct store *store, const char *sql, const char *text1, const char *text2, int64_t int2,
	int64_t *changes, char *err, size_t errlen)
{
	sqlite3_stmt *stmt;
	int r = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);
	if (r != SQLITE_OK)
		return store_db_fail(store, r, "erase in", err, errlen);
	if (sqlite3_bind_parameter_count(stmt) >= 1)
		sqlite3_bind_text(stmt, 1, text1, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(stmt) >= 2) {
		if (text2)
			sqlite3_bind_text(stmt, 2, text2, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(stmt, 2, int2);
	}
	r = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		return store_db_fail(store, r, "erase in", err, errlen);
	if (changes)
		*changes = sqlite3_changes64(store->db);
	return 0;
}

static int count(struct store *store, const char *sql, int64_t *out, char *err, size_t errlen)
{
	int64_t n = 0;
	int rc = store_db_pragma_int(store, sql, &n, err, errlen);
	*out += n;
	return rc;
}

int store_erase_begin(struct store *store, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	if (!rc)
		rc = store_project(store, NULL, err, errlen);
	if (!rc)
		rc = store_db_exec(store, "PRAGMA secure_delete = ON", "erase in", err, errlen);
	if (!rc)
		rc = store_db_exec(store, SQL_PREPARE, "erase in", err, errlen);
	if (!rc)
		rc = store_schema_lift_append_only(store, err, errlen);
	store->pending.valid = false; /* the ids of contributions not yet derived may go */
	return rc;
}

int store_erase_participant(struct store *store, const char *session, const char *participant,
	const char *agenda_yaml, size_t agenda_len, struct store_erased *out, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	if (!rc)
		rc = store_db_exec(store, "DELETE FROM erase_contribution; DELETE FROM erase_event; DELETE FROM erase_ballot;"
			" DELETE FROM erase_speaker",
			"erase in", err, errlen);
	int64_t rewritten = 0, changes = 0;
	for (size_t i = 0; !rc && i < sizeof participant_steps / sizeof participant_steps[0]; i++) {
		rc = step(store, participant_steps[i], session, participant, 0, &changes, err, errlen);
		if (!rc && i + 2 >= sizeof participant_steps / sizeof participant_steps[0])
			rewritten += changes;   /* the two rewrites of the log */
	}
	if (!rc)
		rc = count(store, "SELECT count(*) FROM erase_contribution", &out->contributions, err, errlen);
	if (!rc)
		rc = count(store, "SELECT count(*) FROM erase_event", &out->events, err, errlen);
	if (!rc)
		rc = count(store, "SELECT count(*) FROM erase_ballot", &out->ballots, err, errlen);
	out->rewritten += rewritten;
	if (rc)
		return rc;
	sqlite3_stmt *stmt;
	int r = sqlite3_prepare_v2(store->db, "UPDATE sessions SET agenda_yaml = ?2 WHERE id = ?1", -1, &stmt, NULL);
	if (r == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, session, -1, SQLITE_STATIC);
		sqlite3_bind_text64(stmt, 2, agenda_yaml, agenda_len, SQLITE_STATIC, SQLITE_UTF8);
		r = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
	}
	return r == SQLITE_DONE || r == SQLITE_OK ? 0 : store_db_fail(store, r, "erase in", err, errlen);
}

int store_erase_session(struct store *store, const char *session, int64_t ended_ms, struct store_erased *out,
	char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	if (!rc)
		rc = store_db_exec(store, "DELETE FROM erase_contribution; DELETE FROM erase_event; DELETE FROM erase_ballot",
			"erase in", err, errlen);
	for (size_t i = 0; !rc && i < sizeof session_steps / sizeof session_steps[0]; i++)
		rc = step(store, session_steps[i], session, NULL, ended_ms, NULL, err, errlen);
	if (!rc)
		rc = count(store, "SELECT count(*) FROM erase_contribution", &out->contributions, err, errlen);
	if (!rc)
		rc = count(store, "SELECT count(*) FROM erase_event", &out->events, err, errlen);
	return rc;
}

int store_erase_end(struct store *store, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	if (!rc)
		rc = store_db_exec(store, "INSERT INTO search_index (search_index) VALUES ('optimize');"
			" INSERT INTO contributions_trigram (contributions_trigram) VALUES ('optimize');"
			" INSERT INTO recommendations_fts (recommendations_fts) VALUES ('optimize')",
			"erase in", err, errlen);
	if (!rc)
		rc = store_schema_restore_append_only(store, err, errlen);
	if (!rc)
		rc = store_db_exec(store, "DELETE FROM erase_contribution; DELETE FROM erase_event; DELETE FROM erase_ballot",
			"erase in", err, errlen);
	return rc;
}

static int checkpoint_truncate(struct store *store, char *err, size_t errlen)
{
	int log = -1, copied = -1;
	int r = sqlite3_wal_checkpoint_v2(store->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &copied);
	if (r == SQLITE_BUSY || (r == SQLITE_OK && log != 0)) {
		errmsg_fail(err, errlen, "the erasure is committed, but another console or reader has %s open, so its"
			" -wal could not be emptied and may still hold what was erased; close it and run klankbord erase"
			" --scrub", store->path);
		return EX_TEMPFAIL;
	}
	return r == SQLITE_OK ? 0 : store_db_fail(store, r, "scrub", err, errlen);
}

int store_scrub(struct store *store, bool vacuum, bool *vacuumed, char *err, size_t errlen)
{
	*vacuumed = false;
	if (store->in_transaction) {
		errmsg_fail(err, errlen, "internal error: scrubbing %s inside a transaction", store->path);
		return EX_SOFTWARE;
	}
	int64_t unscrubbed = 1;
	int rc = store_db_pragma_int(store, "SELECT coalesce(max(unscrubbed), 1) FROM free_space", &unscrubbed, err,
		errlen);
	if (!rc)
		rc = checkpoint_truncate(store, err, errlen);
	if (!rc && (vacuum || unscrubbed)) {
		rc = store_db_exec(store, "VACUUM", "scrub", err, errlen);
		if (!rc)
			rc = store_db_exec(store, "BEGIN IMMEDIATE; UPDATE free_space SET unscrubbed = 0; COMMIT", "scrub", err,
				errlen);
		if (rc)
			sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
		if (!rc)
			rc = checkpoint_truncate(store, err, errlen);
		*vacuumed = !rc;
	}
	return rc;
}

int store_sessions_ended_before(struct store *store, int64_t before_ms, char (**ids)[STORE_UUID_LEN + 1], int *n,
	char *err, size_t errlen)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	int r = sqlite3_prepare_v2(store->db, "SELECT id FROM sessions WHERE status = 'ended' AND ended_at < ?1"
		" AND agenda_yaml <> '' ORDER BY ended_at, rowid", -1, &stmt, NULL);
	if (r != SQLITE_OK)
		return store_db_fail(store, r, "read", err, errlen);
	sqlite3_bind_int64(stmt, 1, before_ms);
	int cap = 0;
	while ((r = sqlite3_step(stmt)) == SQLITE_ROW) {
		char (*more)[STORE_UUID_LEN + 1] = store_db_grow_rows(*ids, *n, &cap, sizeof **ids);
		if (!more) {
			r = SQLITE_NOMEM;
			break;
		}
		*ids = more;
		snprintf((*ids)[(*n)++], STORE_UUID_LEN + 1, "%s", (const char *)sqlite3_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	if (r != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_db_fail(store, r, "read", err, errlen);
	}
	return 0;
}

int store_backup(struct store *store, const char *path, int64_t *pages, char *err, size_t errlen)
{
	*pages = 0;
	/* Created here, 0600 and new, so that SQLite opens a file that is already ours. */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		errmsg_fail(err, errlen, "cannot create the copy %s: %m (a copy never replaces a file)", path);
		return EX_CANTCREAT;
	}
	close(fd);
	sqlite3 *copy = NULL;
	int r = sqlite3_open_v2(path, &copy, SQLITE_OPEN_READWRITE, NULL);
	sqlite3_backup *b = r == SQLITE_OK ? sqlite3_backup_init(copy, "main", store->db, "main") : NULL;
	if (b) {
		/* All pages in one step: one read transaction, so the copy is one consistent
		 * snapshot; in WAL mode a reader never blocks a console's writes. */
		for (int tries = 0; (r = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || r == SQLITE_LOCKED; tries++) {
			if (tries == 500)
				break;
			sqlite3_sleep(20);
		}
		*pages = sqlite3_backup_pagecount(b);
		int f = sqlite3_backup_finish(b);
		if (r == SQLITE_DONE)
			r = f;
	} else if (r == SQLITE_OK) {
		r = sqlite3_errcode(copy);
	}
	int rc = 0;
	if (r != SQLITE_OK && r != SQLITE_DONE) {
		errmsg_fail(err, errlen, "cannot copy %s to %s (SQLite: %s)", store->path, path,
			copy ? sqlite3_errmsg(copy) : sqlite3_errstr(r));
		rc = EX_IOERR;
	}
	/* The copy is a database in rollback mode (the backup copies the pages, the journal
	 * mode comes with the header: set WAL as the original has, then check every page). */
	sqlite3_stmt *stmt = NULL;
	if (!rc && sqlite3_prepare_v2(copy, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK
		&& sqlite3_step(stmt) == SQLITE_ROW) {
		const char *result = (const char *)sqlite3_column_text(stmt, 0);
		if (!result || strcmp(result, "ok") != 0) {
			errmsg_fail(err, errlen, "the copy %s fails its check (%.200s); it was removed", path,
				result ? result : "?");
			rc = EX_IOERR;
		}
	} else if (!rc) {
		errmsg_fail(err, errlen, "cannot check the copy %s (SQLite: %s); it was removed", path, sqlite3_errmsg(copy));
		rc = EX_IOERR;
	}
	sqlite3_finalize(stmt);
	if (!rc && sqlite3_exec(copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		rc = store_db_fail(store, sqlite3_errcode(copy), "copy", err, errlen);
	sqlite3_close(copy);
	if (rc) {
		unlink(path);
		char side[4096];
		snprintf(side, sizeof side, "%s-journal", path);
		unlink(side);
	}
	return rc;
}
