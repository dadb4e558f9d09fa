/* store_write: see store_write.h. */
#include "storage/store_write.h"

#include <sqlite3.h>
#include <sysexits.h>

#include "sessions/errmsg.h"
#include "storage/store_db.h"
#include "storage/store_project.h"

static const char SQL_INSERT_SESSION[] =
	"INSERT INTO sessions (id, title, organisation, location, date, started_at,"
	" agenda_yaml, console) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_END_SESSION[] =
	"UPDATE sessions SET status = 'ended', ended_at = ?2 WHERE id = ?1";
static const char SQL_APPEND_EVENT[] =
	"INSERT INTO events (session, at, console, type, payload, input_line) VALUES (?1, ?2, ?3, ?4, ?5, nullif(?6, 0))";
static const char SQL_INSERT_PARTICIPANT[] =
	"INSERT INTO participants (session, id, position, name, role, community,"
	" consent_quotes, added_live) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_UPDATE_CONSENT[] =
	"UPDATE participants SET consent_quotes = ?3 WHERE session = ?1 AND id = ?2";
static const char SQL_INSERT_ITEM[] =
	"INSERT INTO items (session, id, position, title, planned_seconds) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_UPDATE_ITEM[] =
	"UPDATE items SET planned_seconds = ?3, actual_seconds = ?4 WHERE session = ?1 AND id = ?2";
static const char SQL_INSERT_VOTE[] =
	"INSERT INTO votes (id, session, item, vote_id, definition, opened_at, seq)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_CLOSE_VOTE[] =
	"UPDATE votes SET status = 'closed', closed_at = ?2 WHERE id = ?1";
static const char SQL_REOPEN_VOTE[] =
	"UPDATE votes SET status = 'open', closed_at = NULL WHERE id = ?1";
static const char SQL_REPLACE_BALLOT[] =
	"UPDATE ballots SET replaced_by = ?3 WHERE vote = ?1 AND participant IS ?2"
	" AND replaced_by IS NULL AND seq <> ?3";
static const char SQL_INSERT_BALLOT[] =
	"INSERT INTO ballots (seq, vote, participant, choices, reason) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_INSERT_RECOMMENDATION[] =
	"INSERT INTO recommendations (seq, id, session, item, text) VALUES (?1, ?2, ?3, ?4, ?5)";

int store_insert_session(struct store *store, const struct store_session_row *row, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	if (rc)
		return rc;
	sqlite3_stmt *stmt = store_db_statement(store, SQL_INSERT_SESSION, err, errlen, &rc);
	if (!stmt)
		return rc;
	/* Bound by hand: the agenda text has a length and need not be NUL-terminated. */
	int r = sqlite3_bind_text(stmt, 1, row->id, -1, SQLITE_STATIC);
	if (r == SQLITE_OK) r = sqlite3_bind_text(stmt, 2, row->title, -1, SQLITE_STATIC);
	if (r == SQLITE_OK) r = sqlite3_bind_text(stmt, 3, row->organisation, -1, SQLITE_STATIC);
	if (r == SQLITE_OK) r = sqlite3_bind_text(stmt, 4, row->location, -1, SQLITE_STATIC);
	if (r == SQLITE_OK) r = sqlite3_bind_text(stmt, 5, row->date, -1, SQLITE_STATIC);
	if (r == SQLITE_OK) r = sqlite3_bind_int64(stmt, 6, row->started_ms);
	if (r == SQLITE_OK) r = sqlite3_bind_text64(stmt, 7, row->agenda_yaml, row->agenda_len, SQLITE_STATIC, SQLITE_UTF8);
	if (r == SQLITE_OK) r = sqlite3_bind_text(stmt, 8, row->console, -1, SQLITE_STATIC);
	if (r == SQLITE_OK) r = sqlite3_step(stmt);
	if (r != SQLITE_DONE)
		rc = store_db_fail(store, r, "write to", err, errlen);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return rc;
}

int store_end_session(struct store *store, const char *session, int64_t ended_ms, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	return rc ? rc : store_db_run(store, SQL_END_SESSION, "write to", err, errlen, "ti", session, ended_ms);
}

/* A payload is a JSON object (the column checks that it is JSON); an event the projection
 * could not use is refused here, so that it never reaches the log. */
static int check_event(struct store *store, const char *session, const char *type, const char *payload,
	char *err, size_t errlen)
{
	const char *p = payload;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	char problem[256] = "the payload is not a JSON object";
	int rc = *p == '{' ? store_project_check(store, session, type, payload, true, problem, sizeof problem)
		: EX_DATAERR;
	if (rc == EX_DATAERR)
		errmsg_fail(err, errlen, "cannot record a %.32s event in session %.36s of %s: %s; nothing was written",
			type, session, store->path, problem);
	else if (rc)
		errmsg_fail(err, errlen, "%s", problem);
	return rc;
}

int store_append_event(struct store *store, const char *session, int64_t at_ms, const char *console,
	const char *type, const char *payload, int64_t *seq, char *err, size_t errlen)
{
	return store_append_input_event(store, session, at_ms, console, type, payload, 0, seq, err, errlen);
}

int store_append_input_event(struct store *store, const char *session, int64_t at_ms, const char *console,
	const char *type, const char *payload, int64_t input_line, int64_t *seq, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	if (!rc)
		rc = check_event(store, session, type, payload, err, errlen);
	if (!rc)
		rc = store_db_run(store, SQL_APPEND_EVENT, "write to", err, errlen, "tittti", session, at_ms, console, type,
			payload, input_line);
	if (!rc)
		*seq = sqlite3_last_insert_rowid(store->db);
	return rc;
}

int store_insert_participant(struct store *store, const struct store_participant_row *row, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	return rc ? rc : store_db_run(store, SQL_INSERT_PARTICIPANT, "write to", err, errlen, "ttitttbb", row->session,
		row->id, (int64_t)row->position, row->name, row->role, row->community, (int)row->consent_quotes,
		(int)row->added_live);
}

int store_insert_item(struct store *store, const char *session, const char *id, int position,
	const char *title, int planned_seconds, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	return rc ? rc : store_db_run(store, SQL_INSERT_ITEM, "write to", err, errlen, "ttiti", session, id,
		(int64_t)position, title, (int64_t)planned_seconds);
}

int store_update_item(struct store *store, const char *session, const char *id, int planned_seconds,
	int actual_seconds, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	return rc ? rc : store_db_run(store, SQL_UPDATE_ITEM, "write to", err, errlen, "ttii", session, id,
		(int64_t)planned_seconds, (int64_t)actual_seconds);
}

int store_insert_vote(struct store *store, const struct store_vote_row *row, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	return rc ? rc : store_db_run(store, SQL_INSERT_VOTE, "write to", err, errlen, "tttttii", row->id, row->session,
		row->item, row->vote_id, row->definition, row->opened_ms, row->seq);
}

int store_close_vote(struct store *store, const char *vote, int64_t closed_ms, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	return rc ? rc : store_db_run(store, SQL_CLOSE_VOTE, "write to", err, errlen, "ti", vote, closed_ms);
}

int store_reopen_vote(struct store *store, const char *vote, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	return rc ? rc : store_db_run(store, SQL_REOPEN_VOTE, "write to", err, errlen, "t", vote);
}

int store_insert_ballot(struct store *store, int64_t seq, const char *vote, const char *participant,
	const char *choices, const char *reason, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	if (!rc)
		rc = store_db_run(store, SQL_INSERT_BALLOT, "write to", err, errlen, "itttt", seq, vote, participant, choices,
			reason);
	if (!rc)
		rc = store_db_run(store, SQL_REPLACE_BALLOT, "write to", err, errlen, "tti", vote, participant, seq);
	return rc;
}

int store_insert_recommendation(struct store *store, int64_t seq, const char *id, const char *session,
	const char *item, const char *text, char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	return rc ? rc : store_db_run(store, SQL_INSERT_RECOMMENDATION, "write to", err, errlen, "itttt", seq, id,
		session, item, text);
}

int store_update_consent(struct store *store, const char *session, const char *participant, bool quotes,
	char *err, size_t errlen)
{
	int rc = store_db_need_transaction(store, err, errlen);
	return rc ? rc : store_db_run(store, SQL_UPDATE_CONSENT, "write to", err, errlen, "ttb", session, participant,
		quotes);
}
